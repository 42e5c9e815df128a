#!/usr/bin/env bash
# The ceiling of the person look-up on each engine through the same HTTP stack (issue 25): bench/bare/lookup.c
# (libmicrohttpd and the look-up's one statement, nothing else) beside `jineng serve`, on SQLite and on a
# throwaway PostgreSQL cluster holding the same N persons, with nginx serving the reply's bytes as the
# reference. Tells how far the engines differ where nothing of jineng is in the way, and how much of each
# engine's ceiling jineng keeps. `wrk -t1 -c64`, DUR seconds a round, 3 rounds, the median printed.
# usage: bash bench/bare.sh [build]      N= persons (default 200,000), DUR=, THREADS= (both servers, per engine:
# default 2 on SQLite and 4 on PostgreSQL, jineng's own defaults)
set -euo pipefail
B=${1:-build}; N=${N:-200000}; DUR=${DUR:-8}
root=$(pwd); out=$root/bench/out/bare; mkdir -p "$out"
export JINENG_KEY_FILE=$(mktemp /tmp/jineng-bench-key.XXXXXX)
printf '%064d\n' 7 >"$JINENG_KEY_FILE"
export JINENG_ACCESS_LOG=off JINENG_ARGON2_FAST=1
cc -O2 -Wall -Wextra -Werror -o "$out/lookup" bench/bare/lookup.c \
  $(pkg-config --cflags --libs libmicrohttpd libpq sqlite3) -lpthread
csv=$root/bench/out/persons-$N.csv
[ -s "$csv" ] || node bench/gen-persons.mjs "$N" >"$csv"
pgdir=$(mktemp -d /tmp/jineng-bench-pg.XXXXXX); chmod 755 "$pgdir"
pids=(); port=18190; bport=18191; nport=18192
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$out/nginx.pid" ] && kill "$(cat "$out/nginx.pid")" 2>/dev/null
  bash "$root/scripts/pg-temp.sh" stop "$pgdir/pg"; rmdir "$pgdir" 2>/dev/null || true
  rm -f "$JINENG_KEY_FILE" "$out/nginx.pid"
}
trap cleanup EXIT
bash scripts/pg-temp.sh start "$pgdir/pg" >/dev/null
declare -A url threads
url[sqlite]="sqlite:$out/bare.db"
url[postgres]=$(bash scripts/pg-temp.sh createdb "$pgdir/pg" jineng_bare)
threads[sqlite]=${THREADS:-2}; threads[postgres]=${THREADS:-4}
rm -f "$out"/bare.db*
for e in sqlite postgres; do
  "$B/jineng" demo --no-serve --db "${url[$e]}" >/dev/null 2>&1
  "$B/jineng" import persons "$csv" --db "${url[$e]}" >/dev/null 2>&1 || true # the demo's own persons are refused
done
idn=$(sed -n "$((N / 2 + 1))p" "$csv" | cut -d, -f2)

run() { wrk -t1 -c64 -d"${DUR}"s --latency "$@" 2>/dev/null | awk '
  function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
  /Requests\/sec/ {r=$2} /99%/ {p=ms($2)} /Non-2xx/ {bad=$5} END {print r, p, bad + 0}'; }
declare -A rps
record() { local r p bad; read -r r p bad <<<"$2"; [ "$bad" = 0 ] || { echo "$1: $bad replies not 2xx"; exit 1; }
  rps[$1]="${rps[$1]:-} $r"; }
up() { for _ in $(seq 100); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "no answer at $1"; exit 1; }
for e in sqlite postgres; do
  "$B/jineng" serve --insecure-test-mode --db "${url[$e]}" --listen 127.0.0.1:$port --threads "${threads[$e]}" \
    >"$out/serve-$e.log" 2>&1 &
  jpid=$!; pids+=("$jpid")
  up http://127.0.0.1:$port/api/v1/health
  token=$(curl -fs -X POST -H 'Content-Type: application/json' -d '{"username":"admin","password":"Demo@Skills2026"}' \
    http://127.0.0.1:$port/api/v1/auth/login | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  found=$(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/persons?id_number=$idn")
  pid=$(sed -n 's/^{"items":\[{"id":\([0-9]*\),.*/\1/p' <<<"$found")
  [ -n "$pid" ] || { echo "jineng on $e did not find $idn: $found"; exit 1; }
  if [ $e = sqlite ]; then key=$(sqlite3 "$out/bare.db" "SELECT id_index FROM persons WHERE id = $pid")
  else key=$(psql -tA "${url[$e]}" -c "SELECT id_index FROM persons WHERE id = $pid"); fi
  "$out/lookup" "${url[$e]}" $bport "${threads[$e]}" & bpid=$!; pids+=("$bpid")
  up "http://127.0.0.1:$bport/?k=$key"
  [ $e = sqlite ] && { mkdir -p "$out/www"; curl -fs "http://127.0.0.1:$bport/?k=$key" >"$out/www/lookup.json"; }
  for round in 1 2 3; do
    record "jineng_$e" "$(run -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/persons?id_number=$idn")"
    record "bare_$e" "$(run "http://127.0.0.1:$bport/?k=$key")"
  done
  kill "$jpid" "$bpid"; wait "$jpid" "$bpid" 2>/dev/null || true; pids=()
done
cat >"$out/nginx.conf" <<CONF
worker_processes 2; pid $out/nginx.pid; error_log $out/nginx-error.log; daemon on;
events { worker_connections 4096; }
http { access_log off; default_type application/json; server { listen 127.0.0.1:$nport; root $out/www; } }
CONF
nginx -c "$out/nginx.conf"; sleep 0.3
for round in 1 2 3; do record nginx "$(run http://127.0.0.1:$nport/lookup.json)"; done
kill "$(cat "$out/nginx.pid")"; rm -f "$out/nginx.pid"

m() { echo ${rps[$1]} | tr ' ' '\n' | grep -v '^$' | sort -g | sed -n 2p; }
r() { echo "$1 / $2" | bc -l; }
echo
printf 'person look-up among %d persons, req/s (median of 3; every round: %s)\n' "$N" "$(for k in nginx bare_sqlite jineng_sqlite bare_postgres jineng_postgres; do printf '%s:%s ' $k "$(echo ${rps[$k]} | tr ' ' ',')"; done)"
printf '  nginx %.0f | bare SQLite %.0f, jineng SQLite %.0f | bare PostgreSQL %.0f, jineng PostgreSQL %.0f\n' \
  "$(m nginx)" "$(m bare_sqlite)" "$(m jineng_sqlite)" "$(m bare_postgres)" "$(m jineng_postgres)"
printf '  PostgreSQL / SQLite: bare %.2f, jineng %.2f\n' "$(r "$(m bare_postgres)" "$(m bare_sqlite)")" \
  "$(r "$(m jineng_postgres)" "$(m jineng_sqlite)")"
printf '  jineng / bare: SQLite %.2f, PostgreSQL %.2f; of nginx: bare SQLite %.2f, jineng SQLite %.2f\n' \
  "$(r "$(m jineng_sqlite)" "$(m bare_sqlite)")" "$(r "$(m jineng_postgres)" "$(m bare_postgres)")" \
  "$(r "$(m bare_sqlite)" "$(m nginx)")" "$(r "$(m jineng_sqlite)" "$(m nginx)")"
