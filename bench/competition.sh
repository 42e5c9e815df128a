#!/usr/bin/env bash
# A provincial games marked at once (issue 21 item 10): E=120 events × C=60 contestants × J=5 judges × A=40
# Judgement aspects = 1,440,000 scores entered concurrently through the API (one save per judge and
# BATCH=10 contestants, P=64 clients), then every event signed off and the results of all events computed in one
# request (target < 1 s). Prints the marking throughput and the results time. SQLite, synchronous=FULL.
# The competition core rows (the competition, its events, groups and approved entries) are written with
# sqlite3 at set-up: they are issue 21 items 1-3's (src/svc/competition/README.md) and not what is measured.
set -euo pipefail
B=${1:-build}; E=${E:-120}; C=${C:-60}; J=${J:-5}; A=${A:-40}; P=${P:-64}
out=$(pwd)/bench/out; mkdir -p "$out"
export JINENG_KEY_FILE=$(mktemp /tmp/jineng-bench-key.XXXXXX)
printf '%064d\n' 7 >"$JINENG_KEY_FILE"
export JINENG_ACCESS_LOG=off JINENG_ARGON2_FAST=1 JINENG_LOGIN_RATE=1000000 JINENG_ADMIT_RATE=1000000
db="$out/competition.db"; N=$((E * C)); port=18095
rm -f "$db" "$db-wal" "$db-shm"
"$B/jineng" demo --no-serve --db "sqlite:$db" >/dev/null
[ -s "$out/persons-$N.csv" ] || node bench/gen-persons.mjs "$N" >"$out/persons-$N.csv"
"$B/jineng" import persons "$out/persons-$N.csv" --db "sqlite:$db" >/dev/null
now=$(date +%s); cid=900001
sqlite3 "$db" <<SQL
BEGIN;
INSERT INTO competitions (id, name, tier, organiser_name, organiser_kind, region_code, starts_on, ends_on, status, published, created_by, created_at, updated_at)
  VALUES ($cid, '山东省职业技能大赛（基准）', 'province_1', '山东省人力资源和社会保障厅', 'province', '370000', '2026-11-01', '2026-11-05', 'closed', 1, 1, $now, $now);
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $E)
INSERT INTO competition_events (id, competition_id, name, team_size, seats, status, created_at) SELECT $cid * 1000 + i, $cid, '赛项 ' || i, 1, $C, 'drawn', $now FROM k;
INSERT INTO competition_groups (id, event_id, grp) SELECT id, id, 'worker' FROM competition_events WHERE competition_id = $cid;
INSERT INTO competition_entries (competition_id, event_id, group_id, grp, person_id, unit_name, unit_region, status, seat, created_by, created_at, updated_at)
  SELECT $cid, $cid * 1000 + 1 + (rn - 1) / $C, $cid * 1000 + 1 + (rn - 1) / $C, 'worker', id, '代表队 ' || substr(region_code, 1, 4), substr(region_code, 1, 4) || '00', 'approved', 1 + (rn - 1) % $C, 1, $now, $now
  FROM (SELECT id, region_code, ROW_NUMBER() OVER (ORDER BY id) AS rn FROM persons) WHERE rn <= $N;
COMMIT;
SQL
sqlite3 "$db" "SELECT json_group_array(json_object('event', event_id, 'entries', json(ids))) FROM (SELECT event_id, json_group_array(id) AS ids FROM (SELECT event_id, id FROM competition_entries WHERE competition_id = $cid ORDER BY event_id, id) GROUP BY event_id)" >"$out/competition-events.json"
"$B/jineng" serve --insecure-test-mode --db "sqlite:$db" --listen 127.0.0.1:$port --threads 2 >"$out/serve-competition.log" 2>&1 &
spid=$!
trap 'kill $spid 2>/dev/null || true; rm -f "$JINENG_KEY_FILE"' EXIT
for _ in $(seq 100); do curl -fs http://127.0.0.1:$port/api/v1/health >/dev/null && break; sleep 0.1; done
echo "competition: $E events × $C contestants × $J judges × $A aspects ($((E * C * J * A)) scores), $P clients (load $(cut -d' ' -f1 /proc/loadavg))"
SERVER_PID=$spid EVENTS_FILE="$out/competition-events.json" node bench/competition-load.mjs "http://127.0.0.1:$port" "$cid" "$E" "$C" "$J" "$A" "$P"
echo "scores stored: $(sqlite3 "$db" "SELECT COUNT(*) FROM competition_scores")"
# the reference, side by side: sqlite3 itself only aggregating the raw scores of the same events (what the
# results would read without the signed-off marks), with no ranking, scaling or writing at all
t0=$(date +%s%N)
sqlite3 "$db" "SELECT COUNT(*) FROM (SELECT event_id, entry_id, aspect_id, COUNT(*), SUM(value), MIN(value), MAX(value) FROM competition_scores WHERE event_id IN (SELECT id FROM competition_events WHERE competition_id = $cid) GROUP BY event_id, entry_id, aspect_id)" >/dev/null
t1=$(date +%s%N)
echo "reference: sqlite3 aggregating the $((E * C * J * A)) raw scores alone: $(((t1 - t0) / 1000000)) ms"
