#!/usr/bin/env bash
# 线上学习 heartbeats (issue 23 item 4; docs/PERFORMANCE.md): N=20,000 learners with live sessions, each sending a
# heartbeat every 30 s (N/30 beats a second, open loop) for DUR=90 s, through the group committer (SQLite,
# synchronous=FULL). Prints beats/s and p99 against the target (p99 < 50 ms) and, side by side, GET /health at the
# same rate from the same client. Reduced size: N=2000 DUR=30 bash bench/elearn.sh
set -euo pipefail
B=${1:-build}; N=${N:-20000}; DUR=${DUR:-90}
out=$(pwd)/bench/out; mkdir -p "$out"
export JINENG_KEY_FILE=$(mktemp /tmp/jineng-bench-key.XXXXXX)
printf '%064d\n' 7 >"$JINENG_KEY_FILE"
export JINENG_ACCESS_LOG=off JINENG_ARGON2_FAST=1 JINENG_LOGIN_RATE=1000000 JINENG_LOGIN_CLIENT_MAX=1000
db="$out/elearn.db"; port=18096
rm -f "$db" "$db-wal" "$db-shm"
"$B/jineng" demo --no-serve --db "sqlite:$db" >/dev/null
[ -s "$out/persons-$N.csv" ] || node bench/gen-persons.mjs "$N" >"$out/persons-$N.csv"
"$B/jineng" import persons "$out/persons-$N.csv" --db "sqlite:$db" >/dev/null
"$B/jineng" serve --insecure-test-mode --db "sqlite:$db" --listen 127.0.0.1:$port --threads 2 >"$out/serve-elearn.log" 2>&1 &
spid=$!
trap 'kill $spid 2>/dev/null || true; rm -f "$JINENG_KEY_FILE"' EXIT
for _ in $(seq 100); do curl -fs http://127.0.0.1:$port/api/v1/health >/dev/null && break; sleep 0.1; done
echo "heartbeats: $N learners, $DUR s (load $(cut -d' ' -f1 /proc/loadavg))"
SERVER_PID=$spid node bench/elearn-load.mjs "http://127.0.0.1:$port" "$N" "$DUR"
echo "beats stored: $(sqlite3 "$db" "SELECT SUM(beats) FROM elearn_sessions"), credited seconds: $(sqlite3 "$db" "SELECT SUM(credited_s) FROM elearn_enrolments")"
