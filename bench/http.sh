#!/usr/bin/env bash
# HTTP: GET /api/v1/health and an authenticated person look-up by ID number in 1,000,000 persons, each
# under wrk -t1 -c64, interleaved with nginx serving a static file of the same size in the same run.
# Prints the median requests/s of 3 rounds, p99 latency, and the ratio to nginx.
set -euo pipefail
B=${1:-build}; DUR=${DUR:-10}
out=$(pwd)/bench/out; mkdir -p "$out"
# the PII key in a key file of mode 0600 (the same key as earlier runs, so cached databases still open)
export JINENG_KEY_FILE=$(mktemp /tmp/jineng-bench-key.XXXXXX)
printf '%064d\n' 7 >"$JINENG_KEY_FILE"
export JINENG_ACCESS_LOG=off JINENG_ARGON2_FAST=1
db="sqlite:$out/http-province.db"
if [ ! -s "$out/http-province.db" ]; then
  echo "creating a 1,000,000-person province (once)..."
  "$B/jineng" demo --size province --no-serve --db "$db" >/dev/null
fi
port=18080; nport=18081
"$B/jineng" serve --insecure-test-mode --db "$db" --listen 127.0.0.1:$port --threads 2 >"$out/serve.log" 2>&1 &
spid=$!
trap 'kill $spid 2>/dev/null || true; [ -f "$out/nginx.pid" ] && kill $(cat "$out/nginx.pid") 2>/dev/null; rm -f "$JINENG_KEY_FILE"' EXIT
for _ in $(seq 100); do curl -fs http://127.0.0.1:$port/api/v1/health >/dev/null && break; sleep 0.1; done
health=$(curl -fs http://127.0.0.1:$port/api/v1/health)
token=$(curl -fs -X POST -H 'Content-Type: application/json' -d '{"username":"admin","password":"Demo@Skills2026"}' \
  http://127.0.0.1:$port/api/v1/auth/login | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
# a real ID number, read back through the API (the database holds it sealed)
pid=$(sqlite3 "$out/http-province.db" "SELECT id FROM persons WHERE id = 777777")
idn=$(curl -fs -H "Authorization: Bearer $token" http://127.0.0.1:$port/api/v1/persons/$pid | sed -n 's/.*"id_number":"\([0-9X]*\)".*/\1/p')
lookup=$(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/persons?id_number=$idn")
# nginx: 2 workers, static files of the same sizes
mkdir -p "$out/www"
printf '%s' "$health" >"$out/www/health.json"
printf '%s' "$lookup" >"$out/www/lookup.json"
cat >"$out/nginx.conf" <<CONF
worker_processes 2; pid $out/nginx.pid; error_log $out/nginx-error.log; daemon on;
events { worker_connections 4096; }
http { access_log off; default_type application/json;
  server { listen 127.0.0.1:$nport; root $out/www; } }
CONF
nginx -c "$out/nginx.conf"
sleep 0.3
# req/s and p99 in ms (wrk prints us, ms or s)
run() { wrk -t1 -c64 -d${DUR}s --latency "$@" 2>/dev/null | awk '
  function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
  /Requests\/sec/ {r=$2} /99%/ {p=ms($2)} END {print r, p}'; }
declare -A rps p99
for round in 1 2 3; do
  for k in nginx_health health nginx_lookup lookup; do
    case $k in
      nginx_health) res=$(run http://127.0.0.1:$nport/health.json) ;;
      nginx_lookup) res=$(run http://127.0.0.1:$nport/lookup.json) ;;
      health) res=$(run http://127.0.0.1:$port/api/v1/health) ;;
      lookup) res=$(run -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/persons?id_number=$idn") ;;
    esac
    rps[$k]="${rps[$k]:-} ${res% *}"; p99[$k]="${p99[$k]:-} ${res#* }"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | sed -n 2p; }
for k in nginx_health health nginx_lookup lookup; do
  printf '%-13s %10.0f req/s  p99 %s ms\n' "$k" "$(echo ${rps[$k]} | median)" "$(echo ${p99[$k]} | median)"
done
h=$(echo ${rps[health]} | median); nh=$(echo ${rps[nginx_health]} | median)
l=$(echo ${rps[lookup]} | median); nl=$(echo ${rps[nginx_lookup]} | median)
printf 'health: %.2f of nginx (target >= 1.00); person look-up: %.2f of nginx (target >= 0.60)\n' \
  "$(echo "$h / $nh" | bc -l)" "$(echo "$l / $nl" | bc -l)"
