#!/usr/bin/env bash
# Runs the API and CLI tests against a real `jineng serve` on SQLite and on a throwaway PostgreSQL 15
# cluster (started here on a unix socket, removed afterwards). Unit tests run before this (make unit).
# Usage: scripts/test-all.sh BUILD_DIR   (JINENG_TESTS=GLOB runs only tests/api/GLOB.test.mjs, e.g. "5*";
# JINENG_BACKENDS=sqlite skips PostgreSQL). The two backends run at the same time, each with its own server,
# database and temp directory: SQLite's report is shown as it goes, PostgreSQL's when it is done. Most of a
# suite's time is spent waiting on the server or on fsync, so two suites on two cores take little more than
# the longer one. JINENG_PG_BUILD=DIR runs the PostgreSQL suite's server from another build (e.g. the -O2 build
# beside a sanitizer build of SQLite's). make test runs both on the -O2 build, `make asan` both under ASan + UBSan.
set -uo pipefail
B=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/$B/jineng"
PG_B=${JINENG_PG_BUILD:-$B}
# the databases (SQLite's file, the PostgreSQL cluster) in memory when /dev/shm is there: the suites wait on
# fsync more than on anything else, and a test asserts what the server answers and keeps, not the disk's
# latency (a kill -9 of the server still loses nothing the page cache holds). JINENG_TEST_TMPDIR overrides.
tmpbase=${JINENG_TEST_TMPDIR:-/dev/shm}
[ -d "$tmpbase" ] && [ -w "$tmpbase" ] || tmpbase=/tmp
tmp=$(mktemp -d "$tmpbase/jineng-test.XXXXXX")
chmod 755 "$tmp"
pgdir="$tmp/pg"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  bash "$root/scripts/pg-temp.sh" stop "$pgdir" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# the PII key in a key file (mode 0600; the key is never put in the environment)
export JINENG_KEY_FILE="$tmp/jineng.key"
(umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$JINENG_KEY_FILE")
# minimum-cost password hashes: a test-only setting, so `jineng serve` runs with --insecure-test-mode
export JINENG_ARGON2_FAST=1
export JINENG_ACCESS_LOG=off
export JINENG_VERIFY_RATE=300 # public look-ups a minute per client; 99-throttle.test.mjs (last: it spends shared limits) exceeds it
export JINENG_COMPLAINT_RATE=60 # complaints an hour per client; 80-complaints.test.mjs exceeds it
export JINENG_CAPTCHA_AFTER=100 # the login captcha out of the way of the suites that count failed logins (10, 15); 79-captcha.test.mjs starts nodes of its own with it on
export JINENG_CAPTCHA_CLIENT_AFTER=100000
export JINENG_CAPTCHA_RATE=100000 # captchas drawn per client in 10 minutes: the scope matrix and 06-openapi-live draw them from 127.0.0.1
# GET /metrics is on with a token (tests/api/32-metrics.test.mjs scrapes it)
export JINENG_METRICS_TOKEN_FILE="$tmp/metrics.token"
(umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$JINENG_METRICS_TOKEN_FILE")
export JINENG_ADMIT_RATE=400 # admissions a minute per institution; 99-throttle.test.mjs (last: it spends shared limits) exceeds it

# the port a server started with --listen 127.0.0.1:0 was given by the kernel, read from its log (no probing for
# a free port first: two suites run at once, and a port probed free can be taken before the server binds it)
bound_port() {
  local log=$1
  for _ in $(seq 1 300); do
    grep -qE 'serving on http://' "$log" 2>/dev/null && break
    sleep 0.1
  done
  grep -oE 'serving on http://[0-9.]+:[0-9]+' "$log" | head -1 | sed 's/.*://'
}

run_backend() { # NAME URL [BINARY]
  local name=$1 url=$2 bin=${3:-$bin} port log
  log="$tmp/serve-$name.log"
  echo "== API tests on $name =="
  "$bin" demo --no-serve --db "$url" >"$tmp/demo-$name.log" 2>&1 || { cat "$tmp/demo-$name.log"; return 1; }
  # 127.0.0.2 plays a reverse proxy: tests/api/15-auth.test.mjs sends X-Forwarded-For from it
  "$bin" serve --insecure-test-mode --trusted-proxy 127.0.0.2 --db "$url" --listen 127.0.0.1:0 \
    --web "$tmp/web" >"$log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  port=$(bound_port "$log")
  [ -n "$port" ] || { echo "the server on $name did not start"; tail -20 "$log"; return 1; }
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
  mkdir -p "$tmp/files-$name"
  JINENG_BASE="http://127.0.0.1:$port" JINENG_DB_URL="$url" JINENG_BACKEND="$name" JINENG_BIN="$bin" \
    JINENG_TMP="$tmp/files-$name" node --import "$root/tests/midnight.mjs" --test --test-concurrency=1 "$root"/tests/api/${JINENG_TESTS:-*}.test.mjs
  local rc=$?
  kill -TERM "$pid"; wait "$pid"; local src=$?
  if [ $src -ne 0 ]; then echo "server on $name exited with $src"; tail -20 "$log"; rc=1; fi
  if grep -E "ERROR: AddressSanitizer|runtime error|LeakSanitizer" "$log"; then rc=1; fi
  return $rc
}

# the test packages (tests/package.json): lib.mjs checks every reply against docs/openapi.yaml with them
bash "$root/scripts/check-openapi.sh" --install || exit 1

mkdir -p "$tmp/web/assets"
echo '<!doctype html><title>jineng</title>' >"$tmp/web/index.html"
echo 'console.log(1)' >"$tmp/web/assets/app-1a2b.js"

run_postgres() {
  local status=0 pgurl unit_url url
  # this runs in a subshell: its own server is stopped here if it is interrupted
  trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done' EXIT
  if pgurl=$(bash "$root/scripts/pg-temp.sh" start "$pgdir"); then
    echo "== storage unit tests on postgres =="
    unit_url=$(bash "$root/scripts/pg-temp.sh" createdb "$pgdir" jineng_unit)
    # test_store: the store on postgres; test_schema: both dialects' migrations build the same catalogue
    # test_ledger: the subsidy ledger balances, the database refuses an unbalanced entry, 100 parallel duplicate claims -> one
    # test_stat_counters: concurrent writers with failing and rolled-back units; the counters equal the model and verify
    # test_db_pipe: pipelined reads answered each its own, a failing read alone, a connection ended mid-group
    # test_read_snapshot: the reads that SQLite's kept snapshots must get right see the same rows here
    for t in test_store test_schema test_tx test_list test_ledger test_stat_counters test_db_pipe test_read_snapshot; do
      JINENG_TEST_PG="$unit_url" "$root/$B/tests/$t" 2>&1 | grep -E '^(only on |[0-9]+ catalogue lines|\[ +(PASSED|FAILED|ERROR|LINE|SKIPPED) +\])' | tail -12
      [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "$t failed on postgres"; status=1; }
    done
    url=$(bash "$root/scripts/pg-temp.sh" createdb "$pgdir" jineng_test)
    run_backend postgres "$url" "$root/$PG_B/jineng" || status=1
  else
    echo "could not start PostgreSQL"; status=1
  fi
  return $status
}

status=0
if [ "${JINENG_BACKENDS:-sqlite postgres}" = sqlite ]; then
  run_backend sqlite "sqlite:$tmp/sqlite/jineng.db" || status=1
  [ $status -eq 0 ] && echo "api: all tests passed on sqlite (postgres skipped)"
  exit $status
fi
if [ "${JINENG_BACKENDS:-sqlite postgres}" = postgres ]; then
  # in a subshell, as below: run_postgres sets its own EXIT trap, which in this shell would replace cleanup
  # (a PostgreSQL-only run left its cluster running and its directory in /dev/shm)
  (run_postgres) || status=1
  [ $status -eq 0 ] && echo "api: all tests passed on postgres (sqlite skipped)"
  exit $status
fi
# what failed, again at the end of the output: a CI log may keep only its tail, and a failure in SQLite's
# suite (or in PostgreSQL's storage unit tests) is otherwise tens of thousands of lines above it
failures() { # NAME FILE
  awk -v name="$1" '
    /^ *not ok / { n = 1; print name ": " $0; next }
    n && (/^ *\.\.\.$/ || /^ *stack:/) { n = 0; next } # the block ends, or its stack trace begins
    n && n++ < 30 { print "  " $0; next }
    /failed on postgres|exited with|did not start|could not start|AddressSanitizer|runtime error/ { print name ": " $0 }
  ' "$2"
}
(run_postgres) >"$tmp/postgres.out" 2>&1 &
pgjob=$!
pids+=("$pgjob")
run_backend sqlite "sqlite:$tmp/sqlite/jineng.db" > >(tee "$tmp/sqlite.out") 2>&1 || status=1
wait $! 2>/dev/null # the tee
echo "== (the PostgreSQL suite ran beside it; waiting for its end) =="
wait "$pgjob" || status=1
cat "$tmp/postgres.out"
if [ $status -eq 0 ]; then
  echo "api: all tests passed on sqlite and postgres"
else
  echo "== what failed =="
  failures sqlite "$tmp/sqlite.out"
  failures postgres "$tmp/postgres.out"
fi
exit $status
