#!/usr/bin/env bash
# Exam autosave under load: N candidates (default 10,000) with a started attempt each; wrk sends PUT
# .../answers/{pos} with rising sequence numbers from 256 connections, each save acknowledged only after its
# group commit is durable (SQLite synchronous=FULL). Prints acknowledged saves per second and p99 against the
# target (>= 10,000/s, p99 < 50 ms), and, side by side in the same run, nginx answering the same request shape
# from a static file (what the machine can serve without any work).
set -euo pipefail
B=${1:-build}; N=${N:-10000}; DUR=${DUR:-10}
out=$(pwd)/bench/out; mkdir -p "$out"
# the PII key in a key file of mode 0600 (the same key as earlier runs, so cached databases still open)
export JINENG_KEY_FILE=$(mktemp /tmp/jineng-bench-key.XXXXXX)
printf '%064d\n' 7 >"$JINENG_KEY_FILE"
export JINENG_ACCESS_LOG=off JINENG_ARGON2_FAST=1
export JINENG_ADMIT_RATE=1000000 # the setup admits N candidates through the API at once
db="$out/autosave.db"; pairs="$out/autosave-$N.txt"
port=18090; nport=18091
if [ ! -s "$pairs" ] || [ ! -s "$db" ]; then
  rm -f "$db" "$db-wal" "$db-shm"
  "$B/jineng" demo --no-serve --db "sqlite:$db" >/dev/null
  [ -s "$out/persons-$N.csv" ] || node bench/gen-persons.mjs "$N" >"$out/persons-$N.csv"
  "$B/jineng" import persons "$out/persons-$N.csv" --db "sqlite:$db" >/dev/null
fi
"$B/jineng" serve --insecure-test-mode --db "sqlite:$db" --listen 127.0.0.1:$port --threads 2 >"$out/serve-autosave.log" 2>&1 &
spid=$!
trap 'kill $spid 2>/dev/null || true; [ -f "$out/nginx-a.pid" ] && kill $(cat "$out/nginx-a.pid") 2>/dev/null; rm -f "$JINENG_KEY_FILE"' EXIT
for _ in $(seq 100); do curl -fs http://127.0.0.1:$port/api/v1/health >/dev/null && break; sleep 0.1; done
if [ ! -s "$pairs" ]; then
  echo "preparing $N candidates with started attempts (once)..."
  node bench/autosave-setup.mjs "http://127.0.0.1:$port" "$N" "$pairs"
fi
cat >"$out/autosave.lua" <<LUA
local c = {}
for line in io.lines("$pairs") do local t, a = line:match("^(%S+) (%d+)$"); c[#c + 1] = {t, a} end
local seq = (os.time() % 1000000) * 10000 -- below 1e14: LuaJIT prints larger numbers in exponent form
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
mkdir -p "$out/www-a/api/v1/attempts"
printf '{"pos":3,"answer":"B","seq":1795500000123,"durable":true}' >"$out/www-a/save.json"
cat >"$out/nginx-a.conf" <<CONF
worker_processes 2; pid $out/nginx-a.pid; error_log $out/nginx-a-error.log; daemon on;
events { worker_connections 4096; }
http { access_log off; default_type application/json;
  server { listen 127.0.0.1:$nport; location / { root $out/www-a; try_files /save.json =404; } } }
CONF
nginx -c "$out/nginx-a.conf"; sleep 0.3
run() { wrk -t1 -c256 -d${DUR}s --latency "$@" 2>/dev/null | awk '
  function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
  /Requests\/sec/ {r=$2} /99%/ {p=ms($2)} /Non-2xx/ {bad=$5} END {print r, p, bad + 0}'; }
sr=(); sp=(); nr=()
for round in 1 2 3; do
  res=$(run -s "$out/autosave.lua" http://127.0.0.1:$port); read -r r p bad <<<"$res"; sr+=("$r"); sp+=("$p")
  [ "$bad" = 0 ] || echo "round $round: $bad saves not acknowledged"
  res=$(run -s "$out/autosave.lua" http://127.0.0.1:$nport); nr+=("${res%% *}")
done
median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
s=$(median "${sr[@]}"); p=$(median "${sp[@]}"); n=$(median "${nr[@]}")
saved=$(sqlite3 "$db" "SELECT COUNT(*) FROM answers")
printf 'autosave, %d candidates: %.0f acknowledged saves/s, p99 %s ms (target >= 10000/s, p99 < 50 ms); nginx static %.0f req/s (%.2f)\n' \
  "$N" "$s" "$p" "$n" "$(echo "$s / $n" | bc -l)"
echo "answers stored: $saved"
