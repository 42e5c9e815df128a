#!/usr/bin/env bash
# 培训地图: the nearest 20 courses among 100,000 training sites, GET /api/v1/training/map?lat=&lon=&page_size=20
# under wrk -t1 -c4 (C=) with a Lua script cycling through 2,000 random points over Shandong, side by side in the
# same run with the same server binary answering the same query WITHOUT the spatial index
# (JINENG_MAP_FULL_SCAN=1: the same bounding box as plain column conditions, so every site is read). Prints the
# median req/s, p99 and server CPU per request of 3 rounds of each and the ratio (target: p99 < 5 ms with the
# index), with the load average beside each round (the machine is shared).
#
# The sites are generated in SQL once (bench/out/training-map.db, SQLite; PG=1 uses a throwaway PostgreSQL
# cluster instead, where the index is the GiST index over ll_to_earth()): 1,000 filed training institutions,
# 100,000 sites spread uniformly over Shandong's bounding box (34.4-38.4 N, 114.8-122.7 E), one open course
# each (six occupations, half of them subsidised), two start dates each.
# THREADS= the servers' request threads (default: the server's own, `jineng serve --help`; each holds one
# database connection)
set -euo pipefail
command -v wrk >/dev/null || { echo "training-map.sh: wrk is not installed (make bench installs it)" >&2; exit 1; }
B=${1:-build}; DUR=${DUR:-8}; N=${N:-100000}; C=${C:-4}; THREADS=${THREADS:-}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/bench/out; mkdir -p "$out"
export JINENG_KEY_FILE=$(mktemp /tmp/jineng-bench-key.XXXXXX)
printf '%064d\n' 7 >"$JINENG_KEY_FILE"
export JINENG_ACCESS_LOG=off JINENG_ARGON2_FAST=1
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  [ -n "${pgdir:-}" ] && { bash "$root/scripts/pg-temp.sh" stop "$pgdir" 2>/dev/null; rmdir "$pgtmp" 2>/dev/null || true; }
  rm -f "$JINENG_KEY_FILE"
}
trap cleanup EXIT

# the rows, as SQL both engines take: x runs 0..N-1; the coordinates are a multiplicative hash of x
sites_sql() { # $1: the engine's series of x
  cat <<SQL
INSERT INTO institutions (name, credit_code, type, region_code, status, status_date, created_at, updated_at)
  SELECT '地图压测培训学校' || x, 'BENCHMAP' || (1000000000 + x), 'training', '370100', 'filed', '2026-01-01', 0, 0
  FROM ($1 LIMIT 1000) s;
INSERT INTO training_orgs (institution_id, kind, licence_no, filed_on, status, created_at, updated_at)
  SELECT id, 'private_school', '', '2026-01-01', 'filed', 0, 0 FROM institutions WHERE credit_code LIKE 'BENCHMAP%';
INSERT INTO training_sites (institution_id, name, address, county_code, city_code, latitude, longitude, created_at, updated_at)
  SELECT (SELECT MIN(institution_id) FROM training_orgs) + x % 1000, '场地' || x, '山东', '370102', '370100',
         34.4 + ((x * 2654435761) % 4000000) / 1000000.0, 114.8 + ((x * 2246822519) % 7900000) / 1000000.0, 0, 0
  FROM ($1) s;
INSERT INTO training_courses (institution_id, site_id, occupation_code, level, title, class_hours, price_fen, capacity, subsidised, status, created_at, updated_at)
  SELECT institution_id, id,
         CASE id % 6 WHEN 0 THEN '6-31-01-03' WHEN 1 THEN '6-18-02-04' WHEN 2 THEN '4-03-02-01' WHEN 3 THEN '4-10-01-05'
                     WHEN 4 THEN '4-12-01-01' ELSE '4-02-06-03' END,
         5, '压测课程', 80, 88000, 30, id % 2, 'open', 0, 0
  FROM training_sites;
INSERT INTO training_course_starts (course_id, starts_on) SELECT id, '2030-03-01' FROM training_courses;
INSERT INTO training_course_starts (course_id, starts_on) SELECT id, '2030-06-01' FROM training_courses;
SQL
}

if [ "${PG:-0}" = 1 ]; then
  pgtmp=$(mktemp -d /tmp/jineng-bench-pg.XXXXXX); chmod 755 "$pgtmp"; pgdir=$pgtmp/pg
  bash "$root/scripts/pg-temp.sh" start "$pgdir" >/dev/null
  db=$(bash "$root/scripts/pg-temp.sh" createdb "$pgdir" training_map)
  "$B/jineng" migrate --db "$db" >/dev/null
  echo "generating $N sites on PostgreSQL..."
  sites_sql "SELECT x FROM generate_series(0, $N - 1) g(x)" | psql -q "$db" >/dev/null
  # VACUUM as well: autovacuum does it within a minute of a bulk load in a running system, and the
  # index-only scans the statements use read the heap until the visibility map says all-visible
  psql -q "$db" -c 'VACUUM ANALYZE' >/dev/null
  engine=postgres
else
  file="$out/training-map.db"; db="sqlite:$file"
  # made again when it holds another number of sites than N (a larger one would be measured as N)
  if [ ! -s "$file" ] || [ "$(sqlite3 "$file" 'SELECT COUNT(*) FROM training_sites' 2>/dev/null || echo 0)" -ne "$N" ]; then
    echo "generating $N sites (once)..."
    rm -f "$file" "$file-wal" "$file-shm"
    "$B/jineng" migrate --db "$db" >/dev/null
    { echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; BEGIN;"
      sites_sql "WITH RECURSIVE g(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM g WHERE x < $N - 1) SELECT x FROM g"
      echo "COMMIT; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);"; } | sqlite3 "$file" >/dev/null
  fi
  # a database made by an older binary gets the newer migrations here, not by the two servers at once
  "$B/jineng" migrate --db "$db" >/dev/null
  engine=sqlite
fi

# 2,000 points over the province's box
awk 'BEGIN { srand(20261203); for (i = 0; i < 2000; i++) printf "%.5f %.5f\n", 34.4 + rand() * 4.0, 114.8 + rand() * 7.9 }' >"$out/map-points.txt"
cat >"$out/map.lua" <<LUA
local q = {}
for line in io.lines("$out/map-points.txt") do
  local la, lo = line:match("^(%S+) (%S+)$")
  q[#q + 1] = "/api/v1/training/map?page_size=20&lat=" .. la .. "&lon=" .. lo
end
local i = math.random(#q)
request = function() i = i % #q + 1; return wrk.format("GET", q[i]) end
LUA
port=18091; sport=18092
"$B/jineng" serve --insecure-test-mode --db "$db" --listen 127.0.0.1:$port ${THREADS:+--threads "$THREADS"} >"$out/serve-map.log" 2>&1 &
pids+=($!)
JINENG_MAP_FULL_SCAN=1 "$B/jineng" serve --insecure-test-mode --db "$db" --listen 127.0.0.1:$sport ${THREADS:+--threads "$THREADS"} \
  >"$out/serve-map-scan.log" 2>&1 &
pids+=($!)
for p in $port $sport; do for _ in $(seq 100); do curl -fs http://127.0.0.1:$p/api/v1/health >/dev/null && break; sleep 0.1; done; done
echo "sites: $N on $engine; sample (nearest 3 to 35.1047,118.3564):"
curl -fs "http://127.0.0.1:$port/api/v1/training/map?lat=35.1047&lon=118.3564&page_size=3" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const d=JSON.parse(s);console.log("  total", d.total, "radius_km", d.radius_km, d.items.map(c=>c.distance_km+" km").join(", "))})'
# the two answer the same
a=$(curl -fs "http://127.0.0.1:$port/api/v1/training/map?lat=36.2&lon=117.1&page_size=20" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items.map(c=>c.id).join()))')
b=$(curl -fs "http://127.0.0.1:$sport/api/v1/training/map?lat=36.2&lon=117.1&page_size=20" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items.map(c=>c.id).join()))')
[ "$a" = "$b" ] || { echo "the index and the full scan disagree: $a / $b"; exit 1; }
echo "index and full scan return the same 20 courses"

# req/s, p99 in ms (wrk prints us, ms or s) and the server's CPU per request in ms (its utime + stime from
# /proc over the run, divided by the requests: a figure the other processes' load changes far less than the
# latencies); $1 the server's pid, $2 its URL
cpu() { awk '{print $14 + $15}' /proc/$1/stat; }
run() {
  local t0 t1 res
  t0=$(cpu "$1")
  res=$(wrk -t1 -c$C -d${DUR}s --latency -s "$out/map.lua" "$2" 2>/dev/null)
  t1=$(cpu "$1")
  echo "$res" | awk -v t0="$t0" -v t1="$t1" -v hz="$(getconf CLK_TCK)" '
  function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
  /requests in/ {n=$1} /Requests\/sec/ {r=$2} /99%/ {p=ms($2)} END {printf "%s %s %.3f\n", r, p, (t1 - t0) * 1000 / hz / n}'
}
# warm-up, not measured: each server thread opens its database connection and prepares its statements on
# its first requests (on PostgreSQL the first five executions of a statement are planned each time)
wrk -t1 -c$C -d2s -s "$out/map.lua" http://127.0.0.1:$port >/dev/null
wrk -t1 -c$C -d2s -s "$out/map.lua" http://127.0.0.1:$sport >/dev/null
ir=(); ip=(); ic=(); sr=(); sp=(); sc=()
for round in 1 2 3; do
  read -r a b c < <(run "${pids[0]}" http://127.0.0.1:$port); ir+=("$a"); ip+=("$b"); ic+=("$c")
  read -r a b c < <(run "${pids[1]}" http://127.0.0.1:$sport); sr+=("$a"); sp+=("$b"); sc+=("$c")
  echo "round $round (load $(cut -d' ' -f1 /proc/loadavg)): index ${ir[-1]} req/s p99 ${ip[-1]} ms cpu ${ic[-1]} ms/req | full scan ${sr[-1]} req/s p99 ${sp[-1]} ms cpu ${sc[-1]} ms/req"
done
med() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
mir=$(med "${ir[@]}"); mip=$(med "${ip[@]}"); mic=$(med "${ic[@]}"); msr=$(med "${sr[@]}"); msp=$(med "${sp[@]}"); msc=$(med "${sc[@]}")
ratio=$(awk -v a="$mir" -v b="$msr" 'BEGIN { printf "%.1f", a / b }')
echo "training map, nearest 20 among $N sites ($engine, wrk -t1 -c$C, median of 3):"
echo "  spatial index: $mir req/s, p99 $mip ms (target < 5 ms), server CPU $mic ms a request"
echo "  full scan:     $msr req/s, p99 $msp ms, server CPU $msc ms a request"
echo "  ratio index / full scan: ${ratio}x"
