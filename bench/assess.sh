#!/usr/bin/env bash
# 定期评估: the yearly assessment of 2,000 institutions over 5,000,000 results, POST /api/v1/assessments as
# the province (period 2026, history 2023-2025), timed end to end by curl, 3 rounds; side by side the same
# funnel and pass-rate aggregation done by the sqlite3 CLI in plain SQL over the same file (the one GROUP BY
# of the results by institution, occupation and level for the period and its history, then the peers per
# occupation and level). Prints the median of each and the ratio (target: < 10 s for the run).
#
# The data are generated in SQL once (bench/out/assess.db, SQLite): 2,000 evaluation institutions over the
# 16 cities, 5,000,000 results from 2023-01-01 to 2026-12-31 (25 occupations; each institution 4 of them at 2
# levels, a pass rate of its own from 60% to 80%, 1 institution in 50 with a volume spike in 2026), 10,000 plans of 2026 (certified or
# archived), 2,000 upheld complaints, 20,000 survey responses with 4 ratings each, and practical scores of
# 400 plans (20 candidates × 3 examiners × 4 criteria: 96,000 ratings) for the many-facet Rasch model.
# Inspections and collusion flags are not generated (their queries run, over empty tables).
set -euo pipefail
B=${1:-build}; ROUNDS=${ROUNDS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/bench/out; mkdir -p "$out"
export JINENG_KEY_FILE=$(mktemp /tmp/jineng-bench-key.XXXXXX)
printf '%064d\n' 7 >"$JINENG_KEY_FILE"
export JINENG_ACCESS_LOG=off JINENG_ARGON2_FAST=1
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -f "$JINENG_KEY_FILE"
}
trap cleanup EXIT

file="$out/assess.db"; db="sqlite:$file"
N=5000000
# a file of an older binary whose migrations no longer match (a renumbered migration) is made again
if [ -s "$file" ] && ! "$B/jineng" migrate --db "$db" >/dev/null 2>&1; then
  echo "bench/out/assess.db does not migrate with this binary: generating it again"
  rm -f "$file" "$file-wal" "$file-shm"
fi
if [ ! -s "$file" ] || [ "$(sqlite3 "$file" 'SELECT COUNT(*) FROM results' 2>/dev/null || echo 0)" -lt "$N" ]; then
  echo "generating 2,000 institutions and $N results (once)..."
  rm -f "$file" "$file-wal" "$file-shm"
  "$B/jineng" migrate --db "$db" >/dev/null
  { echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; BEGIN;"
    cat <<'SQL'
CREATE TEMP TABLE g(x INTEGER PRIMARY KEY);
WITH RECURSIVE s(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM s WHERE x < 4999999) INSERT INTO g SELECT x FROM s;
CREATE TEMP TABLE occ AS SELECT code, ROW_NUMBER() OVER (ORDER BY code) - 1 AS k FROM occupations WHERE kind = 'occupation' ORDER BY code LIMIT 25;
CREATE TEMP TABLE city AS SELECT code, ROW_NUMBER() OVER (ORDER BY code) - 1 AS k FROM regions WHERE code LIKE '37__00' AND code <> '370000';
INSERT INTO persons (id, name, id_type, id_sealed, id_index, id_masked, region_code, created_at, updated_at)
  SELECT 1, '压测考生', 'resident', '', 'bench', '3701****0000', '370100', 0, 0 WHERE NOT EXISTS (SELECT 1 FROM persons WHERE id = 1);
INSERT INTO institutions (id, name, credit_code, type, region_code, status, status_date, created_at, updated_at)
  SELECT 100000 + x, '评估压测机构' || x, 'BENCHASSESS' || (1000000 + x), 'social_org',
         (SELECT code FROM city WHERE k = x % 16), 'filed', '2023-01-01', 0, 0 FROM g WHERE x < 2000;
-- result x: institution i = x % 2000, one of its 4 occupations ((7i + (x / 2000) % 4) % 25) at one of its 2
-- levels (3 + (x / 8000) % 2): 8 cells an institution, as a filed scope has a handful; a day of 2023-2026
-- (institutions with i % 50 = 7 get their results of 2023-2025 moved into 2026: a volume spike), passed when
-- a hash of x falls under the institution's own rate (60% .. 80%)
INSERT INTO results (person_id, institution_id, occupation_code, level, exam_date, theory, practical, passed, created_at)
  SELECT 1, 100000 + x % 2000, (SELECT code FROM occ WHERE k = ((x % 2000) * 7 + (x / 2000) % 4) % 25), 3 + (x / 8000) % 2,
         CASE WHEN x % 2000 % 50 = 7 AND (x * 7919) % 1461 < 1096 THEN date('2026-01-01', '+' || ((x * 7919) % 365) || ' days')
              ELSE date('2023-01-01', '+' || ((x * 7919) % 1461) || ' days') END,
         70, 70, CASE WHEN (x * 2654435761) % 100 < 60 + (x % 2000) % 21 THEN 1 ELSE 0 END, 0
  FROM g;
INSERT INTO plans (id, institution_id, occupation_code, level, title, reg_start, reg_end, exam_date, capacity, subjects, status, created_at, updated_at)
  SELECT 1000000 + x, 100000 + x % 2000, (SELECT code FROM occ WHERE k = x % 25), 4, '压测计划' || x, '2026-01-01', '2026-01-10',
         date('2026-02-01', '+' || (x % 300) || ' days'), 50, 'theory|practical',
         CASE WHEN x % 13 = 0 THEN 'certified' ELSE 'archived' END, 0, 0 FROM g WHERE x < 10000;
INSERT INTO practical_setups (plan_id, criteria)
  SELECT 1000000 + x, '[{"name":"一","points":10},{"name":"二","points":10},{"name":"三","points":10},{"name":"四","points":10}]' FROM g WHERE x < 400;
-- plan p (< 400): candidates 20p..20p+19 (registration ids), examiners 900000 + (p % 40) .. + 2 (connected
-- across plans by the examiners they share), each examiner with a severity of its own in the score
INSERT INTO practical_scores (plan_id, registration_id, examiner_id, criterion, score, created_at)
  SELECT 1000000 + x / 240, 5000000 + (x / 240) * 20 + (x % 240) / 12, 900000 + ((x / 240) + (x % 12) / 4) % 40, x % 4,
         MAX(0, MIN(10, 5 + ((x * 40503) % 7) - 3 + (((x / 240) + (x % 12) / 4) % 40) % 5 - 2)), 0
  FROM g WHERE x < 96000;
INSERT INTO complaints (code_hash, category, subject_kind, institution_id, region_code, text, status, outcome, received_on, ack_due, reply_due, decided_on, created_at, updated_at)
  SELECT 'bench' || x, (SELECT MIN(code) FROM complaint_categories), 'institution', 100000 + (x * 7) % 2000, '370100', '压测', 'closed', 'upheld',
         '2026-03-01', '2026-03-05', '2026-04-01', date('2026-03-01', '+' || (x % 200) || ' days'), 0, 0 FROM g WHERE x < 2000;
INSERT INTO survey_responses (id, once_key, version, institution_id, region_code, occupation_code, level, period, comment)
  SELECT 1 + x, 'bench' || x, 1, 100000 + x % 2000, '370100', (SELECT code FROM occ WHERE k = x % 25), 4,
         '2026-' || substr('0' || (1 + x % 12), -2), '' FROM g WHERE x < 20000;
INSERT INTO survey_ratings (response_id, question, rating)
  SELECT 1 + x / 4, CASE x % 4 WHEN 0 THEN 'organisation' WHEN 1 THEN 'fairness' WHEN 2 THEN 'environment' ELSE 'staff' END,
         1 + (x * 31 + x / 4000) % 5 FROM g WHERE x < 80000;
SQL
    echo "COMMIT; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);"; } | sqlite3 "$file" >/dev/null
fi
echo "data: $(sqlite3 "$file" "SELECT COUNT(*) FROM institutions WHERE type <> 'training'") institutions, $(sqlite3 "$file" 'SELECT COUNT(*) FROM results') results, $(sqlite3 "$file" 'SELECT COUNT(*) FROM practical_scores') practical ratings"

# the server, and a province administrator
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
echo 'Bench-Prov-2026!' | "$B/jineng" user add bench_prov --role province_admin --region 370000 --password-stdin --db "$db" >/dev/null 2>&1 || true
"$B/jineng" serve --insecure-test-mode --db "$db" --listen "127.0.0.1:$port" >"$out/assess-serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
tok=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"bench_prov","password":"Bench-Prov-2026!"}' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')

run_api() {
  curl -fs -o "$out/assess-run.json" -w '%{time_total}' -X POST "http://127.0.0.1:$port/api/v1/assessments" \
    -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
    -d '{"period_from":"2026-01-01","period_to":"2026-12-31"}'
}
# the reference: the same aggregation in plain SQL (the cells with their period and history counts, then
# the peers per occupation and level), by the sqlite3 CLI over the same file
run_sql() {
  local t0 t1
  t0=$(date +%s.%N)
  sqlite3 "$file" >/dev/null <<'SQL'
CREATE TEMP TABLE cells AS
  SELECT institution_id, occupation_code, level,
         SUM(CASE WHEN exam_date >= '2026-01-01' THEN 1 ELSE 0 END) AS n,
         SUM(CASE WHEN exam_date >= '2026-01-01' AND passed <> 0 THEN 1 ELSE 0 END) AS passed,
         SUM(CASE WHEN exam_date < '2026-01-01' THEN 1 ELSE 0 END) AS hist
  FROM results WHERE exam_date >= '2023-01-02' AND exam_date <= '2026-12-31'
  GROUP BY institution_id, occupation_code, level;
SELECT occupation_code, level, SUM(n), SUM(passed) FROM cells GROUP BY occupation_code, level;
SQL
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
api_t=(); sql_t=()
for r in $(seq 1 "$ROUNDS"); do
  a=$(run_api); s=$(run_sql)
  api_t+=("$a"); sql_t+=("$s")
  printf 'round %d: jineng %.3f s   sqlite3 SQL %.3f s\n' "$r" "$a" "$s"
done
ma=$(printf '%s\n' "${api_t[@]}" | median); ms=$(printf '%s\n' "${sql_t[@]}" | median)
node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1]));console.log(`last run: ${r.institutions} institutions graded: ${r.counts.excellent} 优秀, ${r.counts.pass} 合格, ${r.counts.fail} 不合格; notes ${JSON.stringify(r.notes)}`)' "$out/assess-run.json"
printf 'assessment of 2,000 institutions over 5,000,000 results: median %.3f s (target < 10 s); plain-SQL aggregation alone %.3f s; ratio %.2f\n' \
  "$ma" "$ms" "$(echo "$ma / $ms" | bc -l)"
