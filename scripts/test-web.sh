#!/usr/bin/env bash
# Browser tests of the web UI: builds web/dist, creates a demo SQLite database in a temp dir, serves it
# with `jineng serve --web web/dist` on a free port and runs tests/web/*.test.mjs (playwright-core
# driving Debian's /usr/bin/chromium, headless). JINENG_SCREENSHOTS=1 also writes docs/screenshots/*.png.
# Usage: scripts/test-web.sh BUILD_DIR   (JINENG_TESTS=NAME runs tests/web/NAME.test.mjs only; a glob)
set -uo pipefail
B=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/$B/jineng"
[ -x "$bin" ] || { echo "test-web: $bin is missing (run: make)"; exit 1; }
[ -x /usr/bin/chromium ] || { echo "test-web: /usr/bin/chromium is missing (run: make deps)"; exit 1; }
bash "$root/scripts/build-web.sh" || { echo "test-web: the web UI did not build"; exit 1; }
# the test packages (tests/package.json): the browser tests use tests/api/lib.mjs, which checks replies
# against docs/openapi.yaml with them
bash "$root/scripts/check-openapi.sh" --install || exit 1

# the databases (SQLite's file, the PostgreSQL cluster) in memory when /dev/shm is there: the suites wait on
# fsync more than on anything else, and a test asserts what the server answers and keeps, not the disk's
# latency (a kill -9 of the server still loses nothing the page cache holds). JINENG_TEST_TMPDIR overrides.
tmpbase=${JINENG_TEST_TMPDIR:-/dev/shm}
[ -d "$tmpbase" ] && [ -w "$tmpbase" ] || tmpbase=/tmp
tmp=$(mktemp -d "$tmpbase/jineng-web.XXXXXX")
pid=""
cleanup() {
  [ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
  rm -rf "$tmp"
}
trap cleanup EXIT

# the PII key in a key file (mode 0600; the key is never put in the environment)
export JINENG_KEY_FILE="$tmp/jineng.key"
(umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$JINENG_KEY_FILE")
# minimum-cost password hashes: a test-only setting, so `jineng serve` runs with --insecure-test-mode
export JINENG_ARGON2_FAST=1
export JINENG_ACCESS_LOG=off
export JINENG_VERIFY_RATE=1000
export JINENG_COMPLAINT_RATE=1000
# the login captcha out of the way of the tests that count failed logins (admin.test.mjs's delay); webui.test.mjs
# starts a node of its own on the same database with it on
export JINENG_CAPTCHA_AFTER=100
export JINENG_CAPTCHA_CLIENT_AFTER=100000
export JINENG_CAPTCHA_RATE=100000
url="sqlite:$tmp/jineng.db"

echo "== browser tests (chromium, sqlite) =="
"$bin" demo --no-serve --db "$url" >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log"; exit 1; }
"$bin" serve --insecure-test-mode --db "$url" --listen 127.0.0.1:0 --web "$root/web/dist" >"$tmp/serve.log" 2>&1 &
pid=$!
# the port the kernel gave the server (--listen :0), from its log
for _ in $(seq 1 300); do grep -qE 'serving on http://' "$tmp/serve.log" && break; sleep 0.1; done
port=$(grep -oE 'serving on http://[0-9.]+:[0-9]+' "$tmp/serve.log" | head -1 | sed 's/.*://')
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null || { echo "test-web: the server did not start"; tail -20 "$tmp/serve.log"; exit 1; }

JINENG_BASE="http://127.0.0.1:$port" JINENG_BIN="$bin" JINENG_DB_URL="$url" JINENG_TMP="$tmp" \
  JINENG_WEB_DIST="$root/web/dist" node --test --test-concurrency=1 "$root"/tests/web/${JINENG_TESTS:-*}.test.mjs
rc=$?
kill -TERM "$pid"; wait "$pid"; src=$?; pid=""
if [ $src -ne 0 ]; then echo "test-web: the server exited with $src"; tail -20 "$tmp/serve.log"; rc=1; fi
[ $rc -eq 0 ] && echo "web: all browser tests passed"
exit $rc
