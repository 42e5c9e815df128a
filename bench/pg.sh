#!/usr/bin/env bash
# PostgreSQL beside SQLite on the request path (issue 25), in one run on one machine:
#   1. import of N persons (default 1,000,000): `jineng import persons` on SQLite and on PostgreSQL (COPY),
#      against the sqlite3 shell's `.import` of the same file followed by the same four indexes (bench/import-ref.sh);
#   2. an authenticated person look-up by ID number (wrk -t1 -c64);
#   3. public certificate verification among CERTS certificates (default 10,000,000; generated in SQL);
#   4. durable exam autosave from CANDS candidates (default 3,000) with started attempts (wrk -c256);
#   with nginx serving each reply's bytes as a static file and `pgbench -S -M prepared` as the references.
# Each HTTP figure is the median of 3 rounds (req/s and p99); the servers run one at a time, nginx between.
# Targets (docs/PERFORMANCE.md): look-up PG >= 0.5 of SQLite, SQLite >= 0.8 of nginx; autosave PG >= 0.8 of
# SQLite, p99 < 30 ms, SQLite >= 30,000/s; verification PG >= 0.5 of SQLite; import SQLite >= 0.5 of .import.
# usage: bash bench/pg.sh [build]      N=, CERTS=, CANDS=, DUR= (seconds a round) to change the sizes; THREADS=
# and PG_THREADS= the request threads of the SQLite and the PostgreSQL server
set -euo pipefail
B=${1:-build}; N=${N:-1000000}; CERTS=${CERTS:-10000000}; CANDS=${CANDS:-3000}; DUR=${DUR:-10}
THREADS=${THREADS:-}; PG_THREADS=${PG_THREADS:-} # request threads of the SQLite and the PostgreSQL server (default: the server's own)
root=$(pwd); out=$root/bench/out/pg; mkdir -p "$out"
export JINENG_KEY_FILE=$(mktemp /tmp/jineng-bench-key.XXXXXX)
printf '%064d\n' 7 >"$JINENG_KEY_FILE"
export JINENG_ACCESS_LOG=off JINENG_ARGON2_FAST=1 JINENG_VERIFY_RATE=1000000000 JINENG_ADMIT_RATE=1000000
csv=$root/bench/out/persons-$N.csv
[ -s "$csv" ] || { mkdir -p "$root/bench/out"; node bench/gen-persons.mjs "$N" >"$csv"; }
pgdir=$(mktemp -d /tmp/jineng-bench-pg.XXXXXX); chmod 755 "$pgdir"
spid=; port=18180; nport=18181
cleanup() {
  [ -n "$spid" ] && kill "$spid" 2>/dev/null
  [ -f "$out/nginx.pid" ] && kill "$(cat "$out/nginx.pid")" 2>/dev/null
  bash "$root/scripts/pg-temp.sh" stop "$pgdir/pg"; rmdir "$pgdir" 2>/dev/null || true
  rm -f "$JINENG_KEY_FILE"
}
trap cleanup EXIT
bash scripts/pg-temp.sh start "$pgdir/pg" >/dev/null
declare -A url
url[postgres]=$(bash scripts/pg-temp.sh createdb "$pgdir/pg" jineng_bench)
url[sqlite]="sqlite:$out/bench.db"
rm -f "$out"/bench.db* "$out"/raw.db*
secs() { local s=$(date +%s.%N); "$@" >/dev/null 2>"$out/last.err" || { cat "$out/last.err" >&2; exit 1; }; echo "$(date +%s.%N) - $s" | bc; }
# the import: exit 1 is accepted when every rejected row is a person the demo already holds (the demo's own
# persons draw ID numbers from the same counties and birth dates as the generated file); the count is printed
import_secs() {
  local s=$(date +%s.%N) rc=0
  "$@" >/dev/null 2>"$out/last.err" || rc=$?
  local e=$(date +%s.%N) other
  other=$(grep -c '^line ' "$out/last.err" | tr -d ' ') || true
  if [ "$rc" -ne 0 ] && { [ "$rc" -ne 1 ] || grep '^line ' "$out/last.err" | grep -vq 'person_exists'; }; then
    cat "$out/last.err" >&2; exit 1
  fi
  [ "${other:-0}" -gt 0 ] && echo "  ($other rows already in the demo were refused as person_exists)" >&2
  echo "$e - $s" | bc
}

# 1. import, into the small demo province (its users, plans and institutions serve the later steps)
declare -A imp
for e in sqlite postgres; do
  "$B/jineng" demo --no-serve --db "${url[$e]}" >/dev/null 2>&1
  imp[$e]=$(import_secs "$B/jineng" import persons "$csv" --db "${url[$e]}")
  echo "import $N persons on $e: ${imp[$e]} s"
done
source "$(dirname "$0")/import-ref.sh"
ref=$(secs import_reference "$csv" "$out/raw.db")
echo "sqlite3 .import + the four indexes: $ref s"

# 2. CERTS certificates of the imported persons at the demo's institutions, numbers in the national format
pad() { # $1 engine, $2 expression, $3 width: the expression as zero-padded text
  if [ "$1" = sqlite ]; then echo "printf('%0$3d', $2)"; else echo "lpad(CAST($2 AS TEXT), $3, '0')"; fi
}
cert_sql() { # $1 engine, $2 the row source of g(x)
  cat <<SQL
CREATE TABLE bench_insts AS SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS k, id, inst_code, name FROM institutions WHERE inst_code IS NOT NULL;
CREATE TABLE bench_persons AS SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS k, id, name, id_type, id_masked FROM persons;
CREATE UNIQUE INDEX bench_insts_k ON bench_insts(k); CREATE UNIQUE INDEX bench_persons_k ON bench_persons(k);
INSERT INTO certificates (number, kind, person_id, institution_id, occupation_code, occupation, work_type, level, name,
  id_type, id_masked, issuer, issued_on, kid, payload, signature, status_index, created_at)
SELECT i.inst_code || $(pad $1 "16 + (g.x / 5) % 10" 2) || ((g.x % 5) + 1) || $(pad $1 "g.x / 50 / ni.n + 500001" 6),
  'occupation', p.id, i.id, '6-31-01-03', '电工', '', (g.x % 5) + 1, p.name, p.id_type, p.id_masked, i.name,
  CAST(2016 + (g.x / 5) % 10 AS TEXT) || '-06-30', 'bench', '', '', 1000000000 + g.x, 0
FROM ($2) g
CROSS JOIN (SELECT COUNT(*) AS n FROM bench_insts) ni CROSS JOIN (SELECT COUNT(*) AS n FROM bench_persons) np
JOIN bench_insts i ON i.k = (g.x / 50) % ni.n JOIN bench_persons p ON p.k = g.x % np.n;
DROP TABLE bench_insts; DROP TABLE bench_persons;
SQL
}
echo "generating $CERTS certificates on each engine..."
{ echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576; BEGIN;"
  cert_sql sqlite "WITH RECURSIVE s(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM s WHERE x < $CERTS - 1) SELECT x FROM s"
  echo "COMMIT; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);"; } | sqlite3 "$out/bench.db" >/dev/null
{ echo "BEGIN;"; cert_sql pg "SELECT x FROM generate_series(0, $CERTS - 1) AS s(x)"; echo "COMMIT; ANALYZE;"; } \
  >"$out/certs-pg.sql"
psql -q -v ON_ERROR_STOP=1 "${url[postgres]}" -f "$out/certs-pg.sql" >/dev/null
for e in sqlite postgres; do
  if [ $e = sqlite ]; then c=$(sqlite3 "$out/bench.db" "SELECT COUNT(*) FROM certificates WHERE kid = 'bench'")
  else c=$(psql -tA "${url[postgres]}" -c "SELECT COUNT(*) FROM certificates WHERE kid = 'bench'"); fi
  [ "$c" = "$CERTS" ] || { echo "$e holds $c of $CERTS certificates"; exit 1; }
done
sqlite3 -separator ' ' "$out/bench.db" "SELECT number, name FROM certificates WHERE kid = 'bench' AND id % 500 = 7 LIMIT 20000" >"$out/pairs.txt"
cat >"$out/verify.lua" <<LUA
local q = {}
for line in io.lines("$out/pairs.txt") do
  local no, name = line:match("^(%S+) (.+)$")
  q[#q + 1] = "/api/v1/public/certificates/" .. no .. "?name=" .. name:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)
end
local i = math.random(#q)
request = function() i = i % #q + 1; return wrk.format("GET", q[i]) end
LUA

# req/s, p99 in ms and the non-2xx count of one wrk round
run() { local c=$1; shift; wrk -t1 -c"$c" -d"${DUR}"s --latency "$@" 2>/dev/null | awk '
  function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
  /Requests\/sec/ {r=$2} /99%/ {p=ms($2)} /Non-2xx/ {bad=$5} END {print r, p, bad + 0}'; }
serve() {
  "$B/jineng" serve --insecure-test-mode --db "${url[$1]}" --listen 127.0.0.1:$port $(t=$([ "$1" = postgres ] && echo "$PG_THREADS" || echo "$THREADS"); [ -n "$t" ] && echo "--threads $t") >"$out/serve-$1.log" 2>&1 &
  spid=$!
  for _ in $(seq 100); do curl -fs http://127.0.0.1:$port/api/v1/health >/dev/null && break; sleep 0.1; done
}
unserve() { kill "$spid"; wait "$spid" 2>/dev/null || true; spid=; }
declare -A rps p99
record() { # key, "r p bad"
  local r p bad; read -r r p bad <<<"$2"
  [ "$bad" = 0 ] || echo "  $1: $bad replies not 2xx"
  rps[$1]="${rps[$1]:-} $r"; p99[$1]="${p99[$1]:-} $p"
}
for e in sqlite postgres; do
  serve $e
  token=$(curl -fs -X POST -H 'Content-Type: application/json' -d '{"username":"admin","password":"Demo@Skills2026"}' \
    http://127.0.0.1:$port/api/v1/auth/login | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  idn=$(sed -n 500000p "$csv" 2>/dev/null | cut -d, -f2); [ -n "$idn" ] || idn=$(sed -n 2p "$csv" | cut -d, -f2)
  lookup=$(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/persons?id_number=$idn")
  case $lookup in *'"total":1'*) ;; *) echo "look-up on $e did not find $idn: $lookup"; exit 1 ;; esac
  first=$(head -1 "$out/pairs.txt")
  verify=$(curl -fs -G "http://127.0.0.1:$port/api/v1/public/certificates/${first%% *}" --data-urlencode "name=${first#* }")
  mkdir -p "$out/www"; printf '%s' "$lookup" >"$out/www/lookup.json"; printf '%s' "$verify" >"$out/www/verify.json"
  echo "preparing $CANDS candidates with started attempts on $e..."
  node bench/autosave-setup.mjs "http://127.0.0.1:$port" "$CANDS" "$out/pairs-$e.txt" >/dev/null
  cat >"$out/autosave-$e.lua" <<LUA
local c = {}
for line in io.lines("$out/pairs-$e.txt") do local t, a = line:match("^(%S+) (%d+)$"); c[#c + 1] = {t, a} end
local seq = (os.time() % 1000000) * 10000
local i, round = 0, 0
-- each candidate answers another question at each visit ((round + i) % 20; seq % 20 gave every candidate one
-- question for the whole run when the candidates were a multiple of 20, as the 3,000 of bench/pg.sh are)
request = function()
  i = i % #c + 1; seq = seq + 1
  if i == 1 then round = round + 1 end
  local body = '{"answer":"' .. string.char(65 + seq % 4) .. '","seq":' .. seq .. '}'
  return wrk.format("PUT", "/api/v1/attempts/" .. c[i][2] .. "/answers/" .. ((round + i) % 20), {["Authorization"] = "Bearer " .. c[i][1], ["Content-Type"] = "application/json"}, body)
end
LUA
  for round in 1 2 3; do
    record "lookup_$e" "$(run 64 -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/persons?id_number=$idn")"
    record "verify_$e" "$(run 64 -s "$out/verify.lua" http://127.0.0.1:$port)"
    record "autosave_$e" "$(run 256 -s "$out/autosave-$e.lua" http://127.0.0.1:$port)"
  done
  unserve
done
cat >"$out/nginx.conf" <<CONF
worker_processes 2; pid $out/nginx.pid; error_log $out/nginx-error.log; daemon on;
events { worker_connections 4096; }
http { access_log off; default_type application/json;
  server { listen 127.0.0.1:$nport; root $out/www;
    location /api/ { return 200 '{"pos":3,"answer":"B","seq":1795500000123,"durable":true}'; } } }
CONF
nginx -c "$out/nginx.conf"; sleep 0.3
for round in 1 2 3; do
  record nginx_lookup "$(run 64 http://127.0.0.1:$nport/lookup.json)"
  record nginx_verify "$(run 64 http://127.0.0.1:$nport/verify.json)"
  record nginx_autosave "$(run 256 -s "$out/autosave-sqlite.lua" http://127.0.0.1:$nport)"
done
kill "$(cat "$out/nginx.pid")"; rm -f "$out/nginx.pid"
# PostgreSQL's own ceiling: point selects on a pgbench database of scale 10
pgb=$(bash scripts/pg-temp.sh createdb "$pgdir/pg" pgb)
pgbench -q -i -s 10 "$pgb" >/dev/null 2>&1
pgbench_tps=$(pgbench -S -M prepared -c 8 -j 2 -T "$DUR" "$pgb" 2>/dev/null | awk '/^tps/ {print int($3)}')

median() { tr ' ' '\n' | grep -v '^$' | sort -g | sed -n 2p; }
m() { echo ${rps[$1]} | median; }
mp() { echo ${p99[$1]} | median; }
echo
printf '%-10s %14s %9s %14s %9s %14s %9s\n' "" "SQLite req/s" "p99 ms" "PG req/s" "p99 ms" "nginx req/s" "p99 ms"
for k in lookup verify autosave; do
  printf '%-10s %14.0f %9s %14.0f %9s %14.0f %9s\n' $k "$(m ${k}_sqlite)" "$(mp ${k}_sqlite)" "$(m ${k}_postgres)" \
    "$(mp ${k}_postgres)" "$(m nginx_$k)" "$(mp nginx_$k)"
done
r() { echo "$1 / $2" | bc -l; }
printf 'look-up: PostgreSQL %.2f of SQLite (target >= 0.5), SQLite %.2f of nginx (target >= 0.8)\n' \
  "$(r "$(m lookup_postgres)" "$(m lookup_sqlite)")" "$(r "$(m lookup_sqlite)" "$(m nginx_lookup)")"
printf 'verification among %d certificates: PostgreSQL %.2f of SQLite (target >= 0.5)\n' "$CERTS" \
  "$(r "$(m verify_postgres)" "$(m verify_sqlite)")"
printf 'autosave: PostgreSQL %.2f of SQLite (target >= 0.8), PostgreSQL p99 %s ms (target < 30), SQLite %.0f saves/s (target >= 30000)\n' \
  "$(r "$(m autosave_postgres)" "$(m autosave_sqlite)")" "$(mp autosave_postgres)" "$(m autosave_sqlite)"
printf 'import of %d persons: SQLite %.2f s (%.2f of sqlite3 .import + four indexes, %.2f s; target >= 0.5), PostgreSQL (COPY) %.2f s\n' \
  "$N" "${imp[sqlite]}" "$(r "$ref" "${imp[sqlite]}")" "$ref" "${imp[postgres]}"
printf 'pgbench -S -M prepared -c 8 -j 2: %d point selects/s; the look-up on PostgreSQL is %.2f of it\n' \
  "$pgbench_tps" "$(r "$(m lookup_postgres)" "$pgbench_tps")"
