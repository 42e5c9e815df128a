#!/usr/bin/env bash
# 工资价位: the province publishes a year's pay levels over 2,000,000 pay records — POST /api/v1/wages/publications
# as the province, timed end to end by curl, 3 rounds (each supersedes the one before); side by side R's
# quantile(type = 7) over the same records (the grouping by region, post and level and the five percentiles of
# every cell, timed in R after the data are read), and every published figure compared with R's rounded to the
# fen. Prints the median of each, the ratio, and the agreement (target: < 5 s for the publication).
#
# The data are generated in SQL once (bench/out/wages.db, SQLite): 2,000 employers over the 16 cities, the 50
# posts of 2025 (the first 50 occupations of the catalogue, post classes in turn), 2,000,000 submissions of
# 2025 (post and level 初级工 … 特级技师 by a hash of the row, pay 30,000 .. 138,000 yuan rising with the level,
# spread by a hash). DB=postgres runs the same on a throwaway PostgreSQL 15 cluster (scripts/pg-temp.sh; the
# data generated there each time with generate_series).
set -euo pipefail
B=${1:-build}; ROUNDS=${ROUNDS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/bench/out; mkdir -p "$out"
export JINENG_KEY_FILE=$(mktemp /tmp/jineng-bench-key.XXXXXX)
printf '%064d\n' 7 >"$JINENG_KEY_FILE"
export JINENG_ACCESS_LOG=off JINENG_ARGON2_FAST=1
pids=()
pgdir=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -f "$JINENG_KEY_FILE"
  [ -n "$pgdir" ] && bash "$root/scripts/pg-temp.sh" stop "$pgdir/pg"
  [ -z "$pgdir" ] || rm -rf "$pgdir"
}
trap cleanup EXIT
command -v Rscript >/dev/null || { echo "bench/wages.sh needs R (bash scripts/install-deps.sh --bench: r-base-core)"; exit 1; }

if [ "${DB:-sqlite}" = postgres ]; then
  pgdir=$(mktemp -d /tmp/jineng-bench-pg.XXXXXX); chmod 755 "$pgdir"
  bash "$root/scripts/pg-temp.sh" start "$pgdir/pg" >/dev/null
  db=$(bash "$root/scripts/pg-temp.sh" createdb "$pgdir/pg" wages)
  psqlc() { /usr/lib/postgresql/15/bin/psql -h "$pgdir/pg" -U postgres -d wages -X -q -v ON_ERROR_STOP=1 "$@"; }
  q() { psqlc -At -c "$1"; }
  qcsv() { psqlc --csv -t -c "$1"; }
  "$B/jineng" migrate --db "$db" >/dev/null
  echo "generating 2,000 employers and 2,000,000 pay records in PostgreSQL..."
  psqlc <<'SQL'
CREATE TEMP TABLE occ AS SELECT code, (ROW_NUMBER() OVER (ORDER BY code) - 1)::int AS k FROM occupations WHERE kind = 'occupation' ORDER BY code LIMIT 50;
CREATE TEMP TABLE city AS SELECT code, (ROW_NUMBER() OVER (ORDER BY code) - 1)::int AS k FROM regions WHERE code LIKE '37__00' AND code <> '370000';
INSERT INTO wage_posts (year, occupation_code, name, post_class)
  SELECT 2025, code, '压测岗位' || k, CASE k % 4 WHEN 0 THEN 'basic' WHEN 1 THEN 'important' WHEN 2 THEN 'key' ELSE 'core' END FROM occ;
INSERT INTO institutions (id, name, credit_code, type, region_code, status, status_date, created_at, updated_at)
  SELECT 100000 + x, '工资压测企业' || x, 'BENCHWAGES' || (1000000 + x), 'employer', c.code, 'filed', '2023-01-01', 0, 0
  FROM generate_series(0, 1999) x JOIN city c ON c.k = x % 16;
INSERT INTO wage_submissions (year, institution_id, region_code, id_index, id_sealed, id_masked, occupation_code, level, annual_fen, created_at, updated_at)
  SELECT 2025, 100000 + x % 2000, c.code, 'bench' || x, '', '', o.code, 1 + ((x * 40503) / 7) % 6,
         3000000 + (1 + ((x * 40503) / 7) % 6) * 1200000 + (x * 2654435761) % 6000000, 0, 0
  FROM generate_series(0::bigint, 1999999::bigint) x JOIN city c ON c.k = (x % 2000) % 16 JOIN occ o ON o.k = ((x * 7919) / 13) % 50;
ANALYZE;
SQL
else
  file="$out/wages.db"; db="sqlite:$file"
  N=2000000
  if [ -s "$file" ] && ! "$B/jineng" migrate --db "$db" >/dev/null 2>&1; then
    echo "bench/out/wages.db does not migrate with this binary: generating it again"
    rm -f "$file" "$file-wal" "$file-shm"
  fi
  if [ ! -s "$file" ] || [ "$(sqlite3 "$file" 'SELECT COUNT(*) FROM wage_submissions' 2>/dev/null || echo 0)" -lt "$N" ]; then
    echo "generating 2,000 employers and $N pay records (once)..."
    rm -f "$file" "$file-wal" "$file-shm"
    "$B/jineng" migrate --db "$db" >/dev/null
    { echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; BEGIN;"
      cat <<'SQL'
  CREATE TEMP TABLE g(x INTEGER PRIMARY KEY);
  WITH RECURSIVE s(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM s WHERE x < 1999999) INSERT INTO g SELECT x FROM s;
  CREATE TEMP TABLE occ AS SELECT code, ROW_NUMBER() OVER (ORDER BY code) - 1 AS k FROM occupations WHERE kind = 'occupation' ORDER BY code LIMIT 50;
  CREATE TEMP TABLE city AS SELECT code, ROW_NUMBER() OVER (ORDER BY code) - 1 AS k FROM regions WHERE code LIKE '37__00' AND code <> '370000';
  INSERT INTO wage_posts (year, occupation_code, name, post_class)
    SELECT 2025, code, '压测岗位' || k, CASE k % 4 WHEN 0 THEN 'basic' WHEN 1 THEN 'important' WHEN 2 THEN 'key' ELSE 'core' END FROM occ;
  INSERT INTO institutions (id, name, credit_code, type, region_code, status, status_date, created_at, updated_at)
    SELECT 100000 + x, '工资压测企业' || x, 'BENCHWAGES' || (1000000 + x), 'employer',
           (SELECT code FROM city WHERE k = x % 16), 'filed', '2023-01-01', 0, 0 FROM g WHERE x < 2000;
  -- record x: employer e = x % 2000 (its city), post (x * 7919 / 13) % 50, level 1 + (x * 40503 / 7) % 6
  -- (初级工 .. 特级技师), pay 30,000 yuan + 12,000 a level + up to 60,000 by a hash, to the fen
  INSERT INTO wage_submissions (year, institution_id, region_code, id_index, id_sealed, id_masked, occupation_code, level, annual_fen, created_at, updated_at)
    SELECT 2025, 100000 + x % 2000, (SELECT code FROM city WHERE k = (x % 2000) % 16), 'bench' || x, '', '',
           (SELECT code FROM occ WHERE k = ((x * 7919) / 13) % 50), 1 + ((x * 40503) / 7) % 6,
           3000000 + (1 + ((x * 40503) / 7) % 6) * 1200000 + (x * 2654435761) % 6000000, 0, 0
    FROM g;
SQL
      echo "COMMIT; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);"; } | sqlite3 "$file" >/dev/null
  fi
  q() { sqlite3 "$file" "$1"; }
  qcsv() { sqlite3 -csv "$file" "$1"; }
fi
echo "data (${DB:-sqlite}): $(q "SELECT COUNT(*) FROM institutions WHERE type = 'employer'") employers, $(q 'SELECT COUNT(*) FROM wage_submissions WHERE year = 2025') pay records of 2025, $(q 'SELECT COUNT(*) FROM wage_posts WHERE year = 2025') posts"

# the server, and a province administrator
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
echo 'Bench-Prov-2026!' | "$B/jineng" user add bench_prov --role province_admin --region 370000 --password-stdin --db "$db" >/dev/null 2>&1 || true
"$B/jineng" serve --insecure-test-mode --db "$db" --listen "127.0.0.1:$port" >"$out/wages-serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
tok=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"bench_prov","password":"Bench-Prov-2026!"}' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')

run_api() {
  curl -fs -o "$out/wages-pub.json" -w '%{time_total}' -X POST "http://127.0.0.1:$port/api/v1/wages/publications" \
    -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' -d '{"year":2025,"region_code":"370000"}'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
api_t=()
for r in $(seq 1 "$ROUNDS"); do
  a=$(run_api)
  api_t+=("$a")
  printf 'round %d: jineng publish %.3f s\n' "$r" "$a"
done
pub=$(q "SELECT MAX(id) FROM wage_publications WHERE year = 2025 AND state = 'published'")

# the reference: R over the same records; the published cells of the last round to compare with
qcsv "SELECT substr(region_code, 1, 4) || '00', occupation_code, level, annual_fen FROM wage_submissions WHERE year = 2025" >"$out/wages-recs.csv"
qcsv "SELECT region_code, occupation_code, level, suppressed, p10, p25, p50, p75, p90 FROM wage_cells WHERE publication_id = $pub" >"$out/wages-cells.csv"
Rscript --vanilla - "$out" "$ROUNDS" >"$out/wages-r.txt" <<'R'
args <- commandArgs(trailingOnly = TRUE); out <- args[1]; rounds <- as.integer(args[2])
d <- read.csv(file.path(out, "wages-recs.csv"), header = FALSE, colClasses = c("character", "character", "integer", "numeric"),
              col.names = c("region", "occ", "level", "fen"))
p <- c(0.10, 0.25, 0.50, 0.75, 0.90)
cells <- function() {
  # every city cell and the province's whole-region cells
  f <- function(g) do.call(rbind, lapply(split(d$fen, g, drop = TRUE), function(x) quantile(x, p, type = 7, names = FALSE)))
  city <- f(paste(d$region, d$occ, d$level, sep = "|"))
  prov <- f(paste("370000", d$occ, d$level, sep = "|"))
  rbind(city, prov)
}
t <- numeric(rounds)
for (i in seq_len(rounds)) t[i] <- system.time(q <- cells())[["elapsed"]]
cat(sprintf("R quantile(type = 7): %d cells, rounds %s s\n", nrow(q), paste(sprintf("%.3f", t), collapse = " ")))
cat(sprintf("R_MEDIAN %.3f\n", median(t)))
j <- read.csv(file.path(out, "wages-cells.csv"), header = FALSE, colClasses = c("character", "character", "integer", "character", rep("numeric", 5)),
              col.names = c("region", "occ", "level", "suppressed", "p10", "p25", "p50", "p75", "p90"))
j <- j[j$suppressed == "", ]
key <- paste(j$region, j$occ, j$level, sep = "|")
r <- floor(q[key, , drop = FALSE] + 0.5)  # R's figure rounded to the fen, half up
diff <- abs(as.matrix(j[, c("p10", "p25", "p50", "p75", "p90")]) - r)
cat(sprintf("agreement: %d published cells, %d figures; identical %d, within 1 fen %d, largest difference %g fen\n",
            nrow(j), length(diff), sum(diff == 0), sum(diff <= 1), max(diff)))
R
cat "$out/wages-r.txt" | grep -v '^R_MEDIAN'
api_m=$(printf '%s\n' "${api_t[@]}" | median)
r_m=$(awk '/^R_MEDIAN/ {print $2}' "$out/wages-r.txt")
printf 'median of %d: jineng publish %.3f s (target < 5 s), R quantile(type = 7) %.3f s, ratio %.2f\n' "$ROUNDS" "$api_m" "$r_m" "$(echo "$api_m / $r_m" | bc -l)"
