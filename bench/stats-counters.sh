#!/usr/bin/env bash
# The statistics counters' cost on the certificate-issuing path (issue 17: < 5 %), side by side: the same
# binary serving two copies of the same demo database, one with JINENG_STATS_COUNTERS=off (bench only; it
# needs --insecure-test-mode). bench/stats-counters.mjs issues the same batches of certificates on both in
# pairs and prints, per certificate on each side, the wall time and the server's CPU time (on PostgreSQL with its
# database backends'), and their ratios. Afterwards the side
# that counted must still verify (`jineng stats verify`), and the other must not until rebuilt.
# Usage: bash bench/stats-counters.sh [BUILD_DIR]   (ROUNDS, BATCHES, SIZE in the environment;
#        BACKEND=pg runs both sides on PostgreSQL databases of a throwaway cluster instead of SQLite;
#        DEMO_ARGS="--size province" measures on the province-size database of bench/dashboard.sh: 1,000,000
#        persons, 10,000,000 certificates and 5,000,000 registrations in the counters; smaller with
#        DEMO_ARGS="--certs 200000 --registrations 100000")
set -euo pipefail
B=${1:-build}; ROUNDS=${ROUNDS:-5}; BATCHES=${BATCHES:-10}; SIZE=${SIZE:-50}; BACKEND=${BACKEND:-sqlite}
read -r -a demo_args <<<"${DEMO_ARGS:-}"
out=$(pwd)/bench/out; mkdir -p "$out"
export JINENG_KEY_FILE=$(mktemp /tmp/jineng-bench-key.XXXXXX)
printf '%064d\n' 7 >"$JINENG_KEY_FILE"
export JINENG_ACCESS_LOG=off JINENG_ARGON2_FAST=1
pids=(); pgdir=""
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -z "$pgdir" ] || { bash scripts/pg-temp.sh stop "$pgdir/pg"; rm -rf "$pgdir"; }; rm -f "$JINENG_KEY_FILE"; }
trap cleanup EXIT
if [ "$BACKEND" = pg ]; then
  # both sides copied from one demo, so neither starts with a tidier database
  pgbin=/usr/lib/postgresql/15/bin
  pgdir=$(mktemp -d /tmp/jineng-bench-pg.XXXXXX); chmod 755 "$pgdir"
  bash scripts/pg-temp.sh start "$pgdir/pg" >/dev/null
  bash scripts/pg-temp.sh createdb "$pgdir/pg" stats_src >/dev/null
  u() { echo "postgresql:///stats_$1?host=$pgdir/pg&user=postgres"; }
  "$B/jineng" demo --no-serve "${demo_args[@]}" --db "$(u src)" >/dev/null
  # exact copies (CREATE DATABASE ... TEMPLATE): a pg_dump | psql copy loses the training map's earthdistance
  # index (its function is inlined under the restore's empty search_path)
  for n in on off; do "$pgbin/psql" -h "$pgdir/pg" -U postgres -q -c "CREATE DATABASE stats_$n TEMPLATE stats_src" postgres; done
  url_on=$(u on); url_off=$(u off)
else
  # both sides copied (VACUUM INTO) from one demo, so neither starts with a tidier file
  src="$out/stats-src.db"; db_on="$out/stats-on.db"; db_off="$out/stats-off.db"
  rm -f "$src"* "$db_on"* "$db_off"*
  "$B/jineng" demo --no-serve "${demo_args[@]}" --db "sqlite:$src" >/dev/null
  sqlite3 "$src" "VACUUM INTO '$db_on'"; sqlite3 "$src" "VACUUM INTO '$db_off'"
  url_on="sqlite:$db_on"; url_off="sqlite:$db_off"
fi
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port_on=$(free_port); port_off=$(free_port)
[ "$port_on" != "$port_off" ] || port_off=$(free_port)
"$B/jineng" serve --insecure-test-mode --db "$url_on" --listen 127.0.0.1:$port_on --threads 2 >"$out/serve-stats-on.log" 2>&1 &
pid_on=$!; pids+=($pid_on)
JINENG_STATS_COUNTERS=off "$B/jineng" serve --insecure-test-mode --db "$url_off" --listen 127.0.0.1:$port_off --threads 2 >"$out/serve-stats-off.log" 2>&1 &
pid_off=$!; pids+=($pid_off)
for p in $port_on $port_off; do for _ in $(seq 100); do curl -fs http://127.0.0.1:$p/api/v1/health >/dev/null && break; sleep 0.1; done; done
echo "== $BACKEND: $ROUNDS rounds of $BATCHES batches of $SIZE certificates per side (load $(cut -d' ' -f1 /proc/loadavg))"
[ "$BACKEND" = pg ] && export PGDB_ON=stats_on PGDB_OFF=stats_off # their backends' CPU counted with the servers'
node bench/stats-counters.mjs http://127.0.0.1:$port_on http://127.0.0.1:$port_off $pid_on $pid_off "$ROUNDS" "$BATCHES" "$SIZE"
"$B/jineng" stats verify --db "$url_on" | tail -1
if "$B/jineng" stats verify --db "$url_off" >/dev/null 2>&1; then echo "the side without counters verifies: the switch did nothing"; exit 1; fi
echo "the side without counters differs from its raw tables, as it should (until jineng stats rebuild)"
