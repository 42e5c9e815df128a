#!/usr/bin/env bash
# Public certificate verification on 10,000,000 certificates: GET /api/v1/public/certificates/{no}?name= under
# wrk -t1 -c64 with a Lua script cycling through 20,000 real (number, name) pairs spread over the table, side
# by side in the same run with nginx serving a static file of the same size. Prints the median req/s and p99
# of 3 rounds and the ratio (target >= 0.60, p99 < 10 ms).
#
# The 10,000,000 rows come from the 1,000,000-person demo province (bench/http.sh builds it with `jineng demo
# --size province`, which holds 10,000,000 certificates of its own since issue 17); what is missing to N is
# generated in SQL beside them, serial numbers from 500001 on so that they never meet the demo's own:
# real persons, institutions and numbers in the national format, but the QR signature columns are left empty
# — SM2 signing costs ~0.28 ms per certificate with OpenSSL 3.0 here (47 minutes for 10 M), and the look-up
# measured here never reads them. The demo's own certificates are fully signed.
set -euo pipefail
B=${1:-build}; DUR=${DUR:-10}; N=${N:-10000000}
out=$(pwd)/bench/out; mkdir -p "$out"
# the PII key in a key file of mode 0600 (the same key as earlier runs, so cached databases still open)
export JINENG_KEY_FILE=$(mktemp /tmp/jineng-bench-key.XXXXXX)
printf '%064d\n' 7 >"$JINENG_KEY_FILE"
export JINENG_ACCESS_LOG=off JINENG_ARGON2_FAST=1 JINENG_VERIFY_RATE=1000000000
# a verification node is read-mostly: memory-mapped reads (off by default, see db_sqlite.c); MMAP=0 to compare
export JINENG_SQLITE_MMAP=${MMAP:-4096}
src="$out/http-province.db"; db="$out/verify-10m.db"
[ -s "$src" ] || { echo "run bench/http.sh first (it builds the 1,000,000-person province)"; exit 1; }
if [ ! -s "$db" ] || [ "$(sqlite3 "$db" 'SELECT COUNT(*) FROM certificates')" -lt "$N" ]; then
  # made under another name and renamed when complete: a run stopped half-way leaves no database to reuse
  rm -f "$db" "$db-wal" "$db-shm" "$db.part" "$db.part-wal" "$db.part-shm"
  sqlite3 "$src" "VACUUM INTO '$db.part'"
  have=$(sqlite3 "$db.part" 'SELECT COUNT(*) FROM certificates'); add=$((N > have ? N - have : 0))
  first_slot=$(sqlite3 "$db.part" 'SELECT COALESCE(MAX(status_index), 0) + 1 FROM certificates') # status list slots
  echo "generating $add certificates beside the province's $have (once)..."
  [ "$add" -eq 0 ] || sqlite3 "$db.part" <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576; PRAGMA threads=2;
DROP INDEX IF EXISTS certificates_person; DROP INDEX IF EXISTS certificates_institution;
CREATE TEMP TABLE insts (k INTEGER PRIMARY KEY, id, inst_code, name);
INSERT INTO insts SELECT ROW_NUMBER() OVER (ORDER BY id) - 1, id, inst_code, name FROM institutions WHERE inst_code IS NOT NULL;
CREATE TEMP TABLE pp (k INTEGER PRIMARY KEY, id, name, id_type, id_masked);
INSERT INTO pp SELECT ROW_NUMBER() OVER (ORDER BY id) - 1, id, name, id_type, id_masked FROM persons;
BEGIN;
WITH RECURSIVE g(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM g WHERE x < $add - 1)
INSERT INTO certificates (number, kind, person_id, institution_id, occupation_code, occupation, work_type, level, name,
  id_type, id_masked, issuer, issued_on, kid, payload, signature, status_index, created_at)
SELECT i.inst_code || printf('%02d', 16 + (g.x / 5) % 10) || ((g.x % 5) + 1) || printf('%06d', g.x / 50 / (SELECT COUNT(*) FROM insts) + 500001),
  'occupation', p.id, i.id, '6-31-01-03', '电工', '', (g.x % 5) + 1, p.name, p.id_type, p.id_masked, i.name,
  (2016 + (g.x / 5) % 10) || '-06-30', 'bench', '', '', $first_slot + g.x, 0
FROM g JOIN insts i ON i.k = (g.x / 50) % (SELECT COUNT(*) FROM insts) JOIN pp p ON p.k = g.x % (SELECT COUNT(*) FROM pp);
COMMIT;
CREATE INDEX certificates_person ON certificates(person_id);
CREATE INDEX certificates_institution ON certificates(institution_id, issued_on);
PRAGMA wal_checkpoint(TRUNCATE);
SQL
  mv "$db.part" "$db"
fi
echo "certificates: $(sqlite3 "$db" 'SELECT COUNT(*) FROM certificates')"
# 20,000 (number, name) pairs spread over the table, for wrk to cycle through
sqlite3 -separator ' ' "$db" "SELECT number, name FROM certificates WHERE id % 500 = 7 LIMIT 20000" >"$out/pairs.txt"
cat >"$out/verify.lua" <<LUA
local pairs_ = {}
for line in io.lines("$out/pairs.txt") do
  local no, name = line:match("^(%S+) (.+)$")
  pairs_[#pairs_ + 1] = "/api/v1/public/certificates/" .. no .. "?name=" .. name:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)
end
local i = math.random(#pairs_)
request = function() i = i % #pairs_ + 1; return wrk.format("GET", pairs_[i]) end
LUA
port=18082; nport=18083
"$B/jineng" serve --insecure-test-mode --db "sqlite:$db" --listen 127.0.0.1:$port --threads 2 >"$out/serve-verify.log" 2>&1 &
spid=$!
trap 'kill $spid 2>/dev/null || true; [ -f "$out/nginx-v.pid" ] && kill $(cat "$out/nginx-v.pid") 2>/dev/null; rm -f "$JINENG_KEY_FILE"' EXIT
for _ in $(seq 100); do curl -fs http://127.0.0.1:$port/api/v1/health >/dev/null && break; sleep 0.1; done
first=$(head -1 "$out/pairs.txt")
sample=$(curl -fs -G "http://127.0.0.1:$port/api/v1/public/certificates/${first%% *}" --data-urlencode "name=${first#* }")
echo "sample reply: $sample"
mkdir -p "$out/www"; printf '%s' "$sample" >"$out/www/verify.json"
cat >"$out/nginx-v.conf" <<CONF
worker_processes 2; pid $out/nginx-v.pid; error_log $out/nginx-v-error.log; daemon on;
events { worker_connections 4096; }
http { access_log off; default_type application/json; server { listen 127.0.0.1:$nport; root $out/www; } }
CONF
nginx -c "$out/nginx-v.conf"; sleep 0.3
# req/s and p99 in ms (wrk prints us, ms or s)
run() { wrk -t1 -c64 -d${DUR}s --latency "$@" 2>/dev/null | awk '
  function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
  /Requests\/sec/ {r=$2} /99%/ {p=ms($2)} END {print r, p}'; }
nr=(); vr=(); np=(); vp=()
for round in 1 2 3; do
  res=$(run http://127.0.0.1:$nport/verify.json); nr+=("${res% *}"); np+=("${res#* }")
  res=$(run -s "$out/verify.lua" http://127.0.0.1:$port); vr+=("${res% *}"); vp+=("${res#* }")
done
median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
n=$(median "${nr[@]}"); v=$(median "${vr[@]}")
printf 'nginx static %8.0f req/s  p99 %s ms\n' "$n" "$(printf '%s\n' "${np[@]}" | sort -g | sed -n 2p)"
printf 'verification %8.0f req/s  p99 %s ms\n' "$v" "$(printf '%s\n' "${vp[@]}" | sort -g | sed -n 2p)"
printf 'verification on %s certificates: %.2f of nginx (target >= 0.60, p99 < 10 ms)\n' "$N" "$(echo "$v / $n" | bc -l)"
