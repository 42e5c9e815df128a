#!/usr/bin/env bash
# Checks docs/openapi.yaml: valid against the OpenAPI 3 JSON Schema (@seriousme/openapi-schema-validator)
# and clean under `redocly lint` with docs/redocly.yaml (zero errors, zero warnings). Installs the test
# packages of tests/package.json first (npm ci, only when tests/node_modules is missing or older than the
# lock file); tests/api/06-openapi-live.test.mjs and lib.mjs use them too.
# Usage: scripts/check-openapi.sh [--install]   (--install: only install the packages)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
say() { echo "check-openapi: $*" >&2; }
die() { say "$*"; exit 1; }

command -v npm >/dev/null || die "npm is missing (run: make deps)"
cd "$root/tests"
stamp=node_modules/.package-lock.json
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  say "installing the test packages (npm ci in tests/)"
  npm ci --no-audit --no-fund --loglevel=error >&2 || die "npm ci failed"
  touch "$stamp"
fi
[ "${1:-}" = --install ] && exit 0

cd "$root"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
spec=docs/openapi.yaml
echo "== $spec: the OpenAPI 3 schema =="
out=$(node tests/node_modules/@seriousme/openapi-schema-validator/bin/validate-api-cli.js "$spec" 2>&1) || { echo "$out"; die "$spec does not validate"; }
echo "$out" | grep -q '"valid": true' || { echo "$out"; die "$spec does not validate"; }
echo "valid"
echo "== $spec: redocly lint (docs/redocly.yaml) =="
# --max-problems: list them all; the Node.js 20 deprecation banner is noise
node tests/node_modules/@redocly/cli/bin/cli.js lint --config docs/redocly.yaml --max-problems 1000 --format=stylish "$spec" 2>&1 |
  grep -v -e '║' -e '╔' -e '╚' -e '^\s*$'
rc=${PIPESTATUS[0]}
[ "$rc" -eq 0 ] || die "$spec has lint problems"
ops=$(grep -c '^      operationId:' "$spec")
say "$spec: valid OpenAPI 3, lint clean, $ops operations"
