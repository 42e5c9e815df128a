#!/usr/bin/env bash
# 统计看板 on a province-size database (issue 17 item 6; docs/DOMAIN.md §60, docs/PERFORMANCE.md): every dashboard
# request — the chain's dashboard of the province, a city and an institution (JSON and XLSX), the drill-down by
# region, occupation, level and month, the overview — under wrk -t1 -c64 (C) for DUR seconds each, ROUNDS rounds
# interleaved, on a server that keeps its answers for a moment (the default, src/svc/stats/cache.h) and, side by
# side, on one that makes every answer anew (JINENG_STATS_CACHE_S=0); prints per request the median req/s and p99
# of both and the ratio p99 / 50 ms of the first (target < 1). First, on the
# idle server, the annual report of §52 (POST /stats/reports, each of the three tables of last year for the
# province) made REPORTS times, the median seconds against the target of 5 s (ratio < 1). The load average is printed beside each round (the
# machine is shared).
#
# The database: `jineng demo --size province` — 1,000,000 persons and a history of 10,000,000 certificates and
# 5,000,000 registrations over 60 months, generated in SQL and counted in the statistics counters
# (src/demo/demo_scale.c) — built once per backend and size into bench/out (SQLite) or into a throwaway
# PostgreSQL cluster (BACKEND=pg; built every run). `jineng stats verify` must agree before the measurement
# (VERIFY=0 skips it: on PostgreSQL it reads every row into memory).
#
# Usage: bash bench/dashboard.sh [BUILD_DIR]
#   BACKEND=sqlite|pg  SIZE=province|small (persons)  CERTS=10000000  REGS=5000000  C=64  DUR=10  ROUNDS=3
#   REPORTS=3  CACHE_S=2 (the first server's JINENG_STATS_CACHE_S)  ANEW=0 leaves out the server making every
#   answer anew (its runs are most of the time at full size: 64 requests of seconds each left in flight).  A reduced run to check the script: SIZE=small CERTS=200000 REGS=100000 DUR=3 ROUNDS=1
set -euo pipefail
B=${1:-build}; BACKEND=${BACKEND:-sqlite}; SIZE=${SIZE:-province}; CERTS=${CERTS:-10000000}; REGS=${REGS:-5000000}
C=${C:-64}; DUR=${DUR:-10}; ROUNDS=${ROUNDS:-3}; REPORTS=${REPORTS:-3}; VERIFY=${VERIFY:-1}; ANEW=${ANEW:-1}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/bench/out; mkdir -p "$out"
export JINENG_KEY_FILE=$(mktemp /tmp/jineng-bench-key.XXXXXX)
printf '%064d\n' 7 >"$JINENG_KEY_FILE"
export JINENG_ACCESS_LOG=off JINENG_ARGON2_FAST=1 JINENG_REPORT_SCHEDULE_S=0
pids=(); pgdir=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  [ -z "$pgdir" ] || { bash "$root/scripts/pg-temp.sh" stop "$pgdir" 2>/dev/null; rm -rf "$(dirname "$pgdir")"; }
  rm -f "$JINENG_KEY_FILE"
}
trap cleanup EXIT

tag="$SIZE-$CERTS-$REGS"
if [ "$BACKEND" = pg ]; then
  pgtmp=$(mktemp -d /tmp/jineng-bench-pg.XXXXXX); chmod 755 "$pgtmp"; pgdir=$pgtmp/pg
  bash "$root/scripts/pg-temp.sh" start "$pgdir" >/dev/null
  url=$(bash "$root/scripts/pg-temp.sh" createdb "$pgdir" dashboard)
else
  db="$out/dashboard-$tag.db"; url="sqlite:$db"
fi
t0=$(date +%s)
"$B/jineng" demo --no-serve --size "$SIZE" --certs "$CERTS" --registrations "$REGS" --db "$url" >"$out/demo-dashboard-$BACKEND.log" 2>&1 ||
  { tail -5 "$out/demo-dashboard-$BACKEND.log"; echo "the demo database could not be made"; exit 1; }
grep -E '^(created|kept|generating|added)' "$out/demo-dashboard-$BACKEND.log" || true
echo "database ready in $(( $(date +%s) - t0 )) s ($BACKEND, $tag)"
[ "$BACKEND" = pg ] && psql -q "$url" -c 'ANALYZE' >/dev/null
# (a SQLite database cached by a binary older than 5 December 2026 lacks the generated rows' 重点群体 counts)
if [ "$VERIFY" = 1 ]; then
  "$B/jineng" stats verify --db "$url" | tail -1 ||
    { echo "the counters disagree: a database cached by an older binary? jineng stats rebuild --db $url, or delete it"; exit 1; }
fi

# two servers of the same binary on the same database: the answers kept for a moment (JINENG_STATS_CACHE_S, 2 s
# by default: src/svc/stats/cache.h) and, side by side, every request made anew (JINENG_STATS_CACHE_S=0)
start() { # $1 name, $2 cache seconds: the server's port in started_port, its pid appended to pids
  local log="$out/serve-dashboard-$BACKEND-$1.log"
  JINENG_STATS_CACHE_S=$2 "$B/jineng" serve --insecure-test-mode --db "$url" --listen 127.0.0.1:0 --threads 2 >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do grep -qE 'serving on http://' "$log" 2>/dev/null && break; sleep 0.1; done
  started_port=$(grep -oE 'serving on http://[0-9.]+:[0-9]+' "$log" | head -1 | sed 's/.*://')
}
start cached "${CACHE_S:-2}"; port=$started_port
start uncached 0; port_off=$started_port
pid_on=${pids[0]}; pid_off=${pids[1]}
base="http://127.0.0.1:$port/api/v1"; base_off="http://127.0.0.1:$port_off/api/v1"
token() { curl -fs -X POST "$base/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$1\",\"password\":\"Demo@Skills2026\"}" | sed -E 's/.*"token":"([^"]+)".*/\1/'; }
prov=$(token admin); city=$(token jinan_admin); org=$(token jinan_org_admin)
y=$(TZ=Asia/Shanghai date +%Y); m=$(TZ=Asia/Shanghai date +%Y-%m); ly=$((y - 1))

# name|token|path
reqs=(
  "board-province|$prov|/stats/dashboard"
  "board-province-last-year|$prov|/stats/dashboard?from=$ly-01&to=$ly-12"
  "board-province-level3|$prov|/stats/dashboard?from=$ly-01&to=$ly-12&level=3"
  "board-city|$city|/stats/dashboard?from=$ly-01&to=$ly-12"
  "board-county|$prov|/stats/dashboard?region=370102&from=$ly-01&to=$ly-12"
  "board-institution|$org|/stats/dashboard?from=$ly-01&to=$ly-12"
  "board-xlsx|$prov|/stats/dashboard?from=$ly-01&to=$ly-12&format=xlsx"
  "drill-region|$prov|/stats/drill?from=$ly-01&to=$ly-12"
  "drill-occupation|$prov|/stats/drill?by=occupation&from=$ly-01&to=$ly-12"
  "drill-level|$prov|/stats/drill?by=level&from=$ly-01&to=$ly-12"
  "drill-month-5y|$prov|/stats/drill?by=month&from=$((y - 5))-01&to=$m"
  "overview|$prov|/stats/overview"
)
# each request must answer 200 before it is measured
for r in "${reqs[@]}"; do
  IFS='|' read -r name tok path <<<"$r"
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" "$base$path")
  [ "$code" = 200 ] || { echo "$name answered $code"; exit 1; }
done

fail=0
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {print v[int((NR + 1) / 2)]}'; }
# the annual report (§52): each table of last year for the province, REPORTS times
echo "== the annual report of $ly for the province (POST /stats/reports; target < 5 s) =="
for type in evaluation training high-skill; do
  ts=""
  for _ in $(seq 1 "$REPORTS"); do
    s=$(curl -s -o "$out/report-$type.json" -w '%{http_code} %{time_total}' -X POST "$base/stats/reports" \
      -H "Authorization: Bearer $prov" -H 'Content-Type: application/json' -d "{\"type\":\"$type\",\"period\":\"$ly\"}")
    [ "${s% *}" = 201 ] || { echo "report $type answered ${s% *}: $(cat "$out/report-$type.json")"; exit 1; }
    ts="$ts ${s#* }"
  done
  sec=$(echo "$ts" | median)
  printf '%-26s %8.3f s %8s\n' "report-$type" "$sec" "$(awk -v s="$sec" 'BEGIN {printf "%.2f", s / 5}')"
  awk -v s="$sec" 'BEGIN {exit !(s >= 5)}' && fail=1 || true
done
# the server's CPU time (ticks); wait until it has finished what a wrk run left in flight (wrk stops sending at
# its end, but the requests it had sent are still answered), so no request is measured behind another's backlog
cpu() { awk '{print $14 + $15}' /proc/"$1"/stat; }
drain() { local a b; a=$(cpu "$1"); for _ in $(seq 1 600); do sleep 0.5; b=$(cpu "$1"); [ "$a" = "$b" ] && return; a=$b; done; }
run() { wrk -t1 -c"$C" -d"${DUR}s" --latency "$@" 2>/dev/null | awk '
  function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
  /Requests\/sec/ {r=$2} /99%/ {p=ms($2)} /Non-2xx/ {bad=$5} /Socket errors/ {to=$NF}
  END {print r + 0, p + 0, bad + 0, to + 0}'; }
declare -A rps p99
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round (load $(cut -d' ' -f1 /proc/loadavg))"
  for r in "${reqs[@]}"; do
    IFS='|' read -r name tok path <<<"$r"
    sides="on off"; [ "$ANEW" = 1 ] || sides=on
    for side in $sides; do
      if [ $side = on ]; then b0=$base; p0=$pid_on; else b0=$base_off; p0=$pid_off; fi
      res=$(run -H "Authorization: Bearer $tok" "$b0$path"); drain "$p0"
      read -r a b bad to <<<"$res"
      [ "$bad" = 0 ] || { echo "$name ($side): $bad answers were not 2xx"; exit 1; }
      # a request wrk gave up on (2 s) is not in its latency figures: say so, and count the request as missed
      [ "$to" = 0 ] || { echo "  $name ($side): $to requests timed out (> 2 s)"; b=99999; }
      rps[$name.$side]="${rps[$name.$side]:-} $a"; p99[$name.$side]="${p99[$name.$side]:-} $b"
    done
  done
done
echo "== $BACKEND, $tag: wrk -t1 -c$C, ${DUR}s, median of $ROUNDS rounds (target p99 < 50 ms; 'made anew': JINENG_STATS_CACHE_S=0) =="
printf '%-26s %10s %10s %8s %14s %14s   %s\n' request req/s p99_ms p99/50 'anew req/s' 'anew p99_ms' 'p99_ms of each round'
for r in "${reqs[@]}"; do
  name=${r%%|*}
  a=$(echo "${rps[$name.on]}" | median); b=$(echo "${p99[$name.on]}" | median)
  a2=-; b2=-
  if [ "$ANEW" = 1 ]; then
    a2=$(printf '%.1f' "$(echo "${rps[$name.off]}" | median)"); b2=$(printf '%.2f' "$(echo "${p99[$name.off]}" | median)")
  fi
  ratio=$(awk -v p="$b" 'BEGIN {printf "%.2f", p / 50}')
  printf '%-26s %10.1f %10.2f %8s %14s %14s  %s\n' "$name" "$a" "$b" "$ratio" "$a2" "$b2" "${p99[$name.on]}"
  awk -v p="$b" 'BEGIN {exit !(p >= 50)}' && fail=1 || true
done

[ $fail = 0 ] && echo "every target met" || echo "a target was missed (ratio >= 1 above)"
