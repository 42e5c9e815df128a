#!/usr/bin/env bash
# Browser tests of the web UI: builds web/dist, creates a demo SQLite database in a temp dir, serves a copy
# of it per lane with `jineng serve --web web/dist` on a free port and runs tests/web/*.test.mjs in the lanes
# (playwright-core driving Debian's /usr/bin/chromium, headless). JINENG_SCREENSHOTS=1 also writes
# docs/screenshots/*.png.
# Usage: scripts/test-web.sh BUILD_DIR   (JINENG_TESTS=NAME runs tests/web/NAME.test.mjs only, a glob;
# JINENG_WEB_SHARDS=N the lanes, default 2 on two cores or more)
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
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
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
# the browser files run in SHARDS parallel lanes (JINENG_WEB_SHARDS; 2 on a machine of 2 cores or more): a
# browser test waits on the page more than it computes (one lane used about half a core), so two lanes halve
# the phase's wall time. Each lane has its own copy of the demo database and its own server, so no file sees
# another lane's writes; the lanes take the next file from one queue, the longest files first (QUEUE_FIRST).
cores=$(nproc 2>/dev/null || echo 1)
shards=${JINENG_WEB_SHARDS:-$([ "$cores" -ge 2 ] && echo 2 || echo 1)}
echo "== browser tests (chromium, sqlite; $shards lanes) =="
mkdir -p "$tmp/lane1"
"$bin" demo --no-serve --db "sqlite:$tmp/lane1/jineng.db" >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log"; exit 1; }
ports=()
for i in $(seq 1 "$shards"); do
  d="$tmp/lane$i"
  if [ "$i" -gt 1 ]; then mkdir -p "$d" && cp "$tmp/lane1/jineng.db"* "$d/"; fi
  "$bin" serve --insecure-test-mode --db "sqlite:$d/jineng.db" --listen 127.0.0.1:0 --web "$root/web/dist" >"$d/serve.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 1 "$shards"); do
  d="$tmp/lane$i"
  # the port the kernel gave the server (--listen :0), from its log
  for _ in $(seq 1 300); do grep -qE 'serving on http://' "$d/serve.log" && break; sleep 0.1; done
  port=$(grep -oE 'serving on http://[0-9.]+:[0-9]+' "$d/serve.log" | head -1 | sed 's/.*://')
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
  curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null || { echo "test-web: the server of lane $i did not start"; tail -20 "$d/serve.log"; exit 1; }
  ports+=("$port")
done

# the queue: one entry per file, named so that `ls` gives the order; a lane claims an entry by renaming it
# (atomic), so every file runs once. 00-client first (it checks the client against the spec), then the files
# that took longest in the last full run, then the rest in name order.
QUEUE_FIRST="00-client story-training webui story-supervision admin inst training candidate"
mkdir -p "$tmp/queue"
n=0
add() { n=$((n + 1)); printf '%s\n' "$1" >"$tmp/queue/$(printf '%03d' $n)"; }
files=$(cd "$root/tests/web" && ls ${JINENG_TESTS:-*}.test.mjs 2>/dev/null)
[ -n "$files" ] || { echo "test-web: no browser test matches ${JINENG_TESTS:-*}"; exit 1; }
for f in $QUEUE_FIRST; do grep -qxF "$f.test.mjs" <<<"$files" && add "$f.test.mjs"; done
for f in $files; do case " $QUEUE_FIRST " in *" ${f%.test.mjs} "*) ;; *) add "$f" ;; esac; done

lane() {
  local i=$1 d="$tmp/lane$1" rc=0 q f t0 out
  mkdir -p "$d/claimed" "$d/files"
  for q in $(ls "$tmp/queue" 2>/dev/null); do
    mv "$tmp/queue/$q" "$d/claimed/$q" 2>/dev/null || continue
    f=$(cat "$d/claimed/$q"); out="$d/out-$q.txt"; t0=$(date +%s)
    JINENG_BASE="http://127.0.0.1:${ports[$((i - 1))]}" JINENG_BIN="$bin" JINENG_DB_URL="sqlite:$d/jineng.db" \
      JINENG_TMP="$d/files" JINENG_WEB_DIST="$root/web/dist" node --import "$root/tests/midnight.mjs" --test "$root/tests/web/$f" >"$out" 2>&1
    local frc=$?
    [ $frc -eq 0 ] || rc=1
    # one file's report at a time on the terminal
    { flock 9; cat "$out"; echo "web: lane $i: $f $([ $frc -eq 0 ] && echo passed || echo FAILED) in $(($(date +%s) - t0)) s"; } 9>"$tmp/print.lock"
  done
  return $rc
}
lanepids=()
for i in $(seq 1 "$shards"); do lane "$i" & lanepids+=($!); done
rc=0
for p in "${lanepids[@]}"; do wait "$p" || rc=1; done
ran=$(cat "$tmp"/lane*/claimed/* 2>/dev/null | wc -l)
if [ "$ran" -ne "$n" ] || [ -n "$(ls "$tmp/queue")" ]; then echo "test-web: $ran of $n files ran"; rc=1; fi
for i in $(seq 1 "$shards"); do
  kill -TERM "${pids[$((i - 1))]}"; wait "${pids[$((i - 1))]}"; src=$?
  if [ $src -ne 0 ]; then echo "test-web: the server of lane $i exited with $src"; tail -20 "$tmp/lane$i/serve.log"; rc=1; fi
done
pids=()
[ $rc -eq 0 ] && echo "web: all browser tests passed"
exit $rc
