#!/usr/bin/env bash
# Builds the web UI (web/) into web/dist, which `jineng serve` serves by default.
#   - `npm ci` only when web/node_modules is missing or older than web/package-lock.json;
#   - web/src/api/client.js generated from docs/openapi.yaml (web/scripts/gen-api.mjs; rewritten only
#     when its text changes);
#   - `vite build` only when a source (src/, scripts/, public/, index.html, vite.config.js, package*.json,
#     docs/openapi.yaml) was added, changed or removed since the last build (recorded in web/dist/.sources);
#     JINENG_WEB_FORCE=1 rebuilds anyway;
#   - writes NAME.gz beside each JS/CSS file (the server sends them to clients that accept gzip).
# Fails loudly (non-zero exit, a one-line reason) when npm, the install or the build fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
web="$root/web"
say() { echo "build-web: $*" >&2; }
die() { say "$*"; exit 1; }

command -v node >/dev/null || die "node is missing (run: make deps)"
command -v npm >/dev/null || die "npm is missing (run: make deps)"
cd "$web"
[ -f package-lock.json ] || die "web/package-lock.json is missing"

stamp=node_modules/.package-lock.json
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  say "installing the npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >&2 || die "npm ci failed"
  touch "$stamp"
fi

node scripts/gen-api.mjs || die "the API client could not be generated from docs/openapi.yaml"

# the sources' names, sizes and times: a file added, changed or removed (even with an older time, as
# after a checkout) differs from what the last build recorded in dist/.sources
sources=$(find src scripts public index.html vite.config.js package.json package-lock.json ../docs/openapi.yaml -type f -printf '%p %s %T@\n' 2>/dev/null | sort | sha1sum | cut -d' ' -f1)
if [ "${JINENG_WEB_FORCE:-0}" != 1 ] && [ -f dist/index.html ] && [ -f dist/.sources ] && [ "$(cat dist/.sources)" = "$sources" ]; then
  say "web/dist is up to date"
  exit 0
fi

say "building the web UI into web/dist (vite build)"
node node_modules/vite/bin/vite.js build --logLevel warn >&2 || die "vite build failed"
[ -f dist/index.html ] || die "vite build left no dist/index.html"
find dist -type f \( -name '*.js' -o -name '*.css' -o -name '*.svg' \) -size +1k -exec gzip -9 -k -f {} +
echo "$sources" >dist/.sources
n=$(find dist/assets -name '*.js' | wc -l)
say "built web/dist ($n JavaScript chunks)"
