#!/usr/bin/env bash
# 知识竞赛 (issue 23 item 4; docs/PERFORMANCE.md): N=10,000 contestants in a round of 20 items, all submitting their
# final answers in the last LAST=60 s before the deadline; prints the time from the deadline until the round is
# scored and ranked (target < 2 s) and, side by side, sqlite3 itself ranking the same entries by a stored value
# and writing the ranks (the least any scoring must do). SQLite, synchronous=FULL.
# Reduced size: N=1000 LAST=20 bash bench/contest.sh
set -euo pipefail
B=${1:-build}; N=${N:-10000}
out=$(pwd)/bench/out; mkdir -p "$out"
export JINENG_KEY_FILE=$(mktemp /tmp/jineng-bench-key.XXXXXX)
printf '%064d\n' 7 >"$JINENG_KEY_FILE"
export JINENG_ACCESS_LOG=off JINENG_ARGON2_FAST=1 JINENG_LOGIN_CLIENT_MAX=1000
db="$out/contest.db"; port=18097
rm -f "$db" "$db-wal" "$db-shm"
"$B/jineng" demo --no-serve --db "sqlite:$db" >/dev/null
[ -s "$out/persons-$N.csv" ] || node bench/gen-persons.mjs "$N" >"$out/persons-$N.csv"
"$B/jineng" import persons "$out/persons-$N.csv" --db "sqlite:$db" >/dev/null
# the bank: the demo's occupation and level with the most single-choice items of the province's bank
read -r occ level <<<"$(sqlite3 -separator ' ' "$db" "SELECT occupation_code, level FROM items WHERE active = 1 AND institution_id IS NULL AND kind = 'single' GROUP BY occupation_code, level ORDER BY COUNT(*) DESC LIMIT 1")"
"$B/jineng" serve --insecure-test-mode --db "sqlite:$db" --listen 127.0.0.1:$port --threads 2 >"$out/serve-contest.log" 2>&1 &
spid=$!
trap 'kill $spid 2>/dev/null || true; rm -f "$JINENG_KEY_FILE"' EXIT
for _ in $(seq 100); do curl -fs http://127.0.0.1:$port/api/v1/health >/dev/null && break; sleep 0.1; done
echo "contest: $N contestants, bank $occ level $level (load $(cut -d' ' -f1 /proc/loadavg))"
res=$(node bench/contest-load.mjs "http://127.0.0.1:$port" "$N" "$occ" "$level" "$db")
echo "$res" | grep -v '^ROUND'
rid=$(echo "$res" | sed -n 's/^ROUND //p')
# the reference, side by side: sqlite3 ranking the round's entries by their stored score and writing the ranks
t0=$(date +%s%N)
sqlite3 "$db" "UPDATE contest_entries SET rank = r.k FROM (SELECT person_id AS p, RANK() OVER (ORDER BY score DESC) AS k FROM contest_entries WHERE round_id = $rid) AS r WHERE round_id = $rid AND person_id = r.p"
t1=$(date +%s%N)
echo "reference: sqlite3 ranking the $N stored scores and writing the ranks alone: $(((t1 - t0) / 1000000)) ms"
