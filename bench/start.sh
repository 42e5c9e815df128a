#!/usr/bin/env bash
# A whole room of N candidates (default 1,000) pressing 开始 within one second: each was admitted (检录) in
# advance, which is when its paper was built, so the start click only marks the attempt started and sends the
# paper. Prints how many got their paper and the latencies, and side by side in the same run nginx answering
# the same storm from a static file of the paper's size. Target: every candidate gets their paper, p99 < 1 s.
set -euo pipefail
B=${1:-build}; N=${N:-1000}
out=$(pwd)/bench/out; mkdir -p "$out"
# the PII key in a key file of mode 0600 (the same key as earlier runs, so cached databases still open)
export JINENG_KEY_FILE=$(mktemp /tmp/jineng-bench-key.XXXXXX)
printf '%064d\n' 9 >"$JINENG_KEY_FILE"
export JINENG_ACCESS_LOG=off JINENG_ARGON2_FAST=1
export JINENG_ADMIT_RATE=1000000 # the setup admits N candidates through the API at once
tmpl="$out/start-$N.db"; pairs="$out/start-$N.txt"; db="$out/start-run.db"
port=18093; nport=18094
serve() { "$B/jineng" serve --insecure-test-mode --db "sqlite:$1" --listen 127.0.0.1:$port --threads 2 >"$out/serve-start.log" 2>&1 & spid=$!
  for _ in $(seq 100); do curl -fs http://127.0.0.1:$port/api/v1/health >/dev/null && break; sleep 0.1; done; }
# (the server is usually stopped already: a failing kill must not end the trap before nginx is stopped)
trap 'kill ${spid:-0} 2>/dev/null || true; [ -f "$out/nginx-s.conf" ] && nginx -c "$out/nginx-s.conf" -s stop 2>/dev/null; rm -f "$JINENG_KEY_FILE"' EXIT
if [ ! -s "$pairs" ] || [ ! -s "$tmpl" ]; then
  echo "preparing $N admitted candidates in rooms of 30 (once)..."
  rm -f "$tmpl" "$tmpl-wal" "$tmpl-shm"
  "$B/jineng" demo --no-serve --db "sqlite:$tmpl" >/dev/null
  serve "$tmpl"
  START=0 node bench/autosave-setup.mjs "http://127.0.0.1:$port" "$N" "$pairs"
  kill $spid; wait $spid 2>/dev/null || true
fi
# each round starts from the admitted state: a fresh copy of the prepared database
rm -f "$db" "$db-wal" "$db-shm"; cp "$tmpl" "$db"
serve "$db"
res=$(node bench/start-storm.mjs "http://127.0.0.1:$port" "$pairs" 1000)
read -r tok att <"$pairs"
size=$(curl -s -X POST -H "Authorization: Bearer $tok" "http://127.0.0.1:$port/api/v1/attempts/$att/open" | wc -c)
kill $spid; wait $spid 2>/dev/null || true
# nginx: the same storm for a static file of the paper's size
mkdir -p "$out/www-s"; head -c "$size" /dev/zero | tr '\0' 'x' >"$out/www-s/paper.json"
cat >"$out/nginx-s.conf" <<CONF
worker_processes 2; pid $out/nginx-s.pid; error_log $out/nginx-s-error.log; daemon on;
events { worker_connections 4096; }
http { access_log off; default_type application/json;
  server { listen 127.0.0.1:$nport; location / { root $out/www-s; } } }
CONF
nginx -c "$out/nginx-s.conf"; sleep 0.3
ref=$(node bench/start-storm.mjs "http://127.0.0.1:$nport" "$pairs" 1000 /paper.json)
started=$(sqlite3 "$db" "SELECT COUNT(*) FROM attempts WHERE status = 'started'")
echo "jineng: $res"
echo "nginx:  $ref"
node -e '
const [j, n, started, N] = [JSON.parse(process.argv[1]), JSON.parse(process.argv[2]), +process.argv[3], +process.argv[4]];
console.log(`start storm, ${N} candidates within 1 s: ${j.ok}/${j.n} papers, ${started} attempts started; p50 ${j.p50} ms, p99 ${j.p99} ms, max ${j.max} ms, last paper at ${j.last_paper_ms} ms (target: all, p99 < 1000 ms); nginx static p99 ${n.p99} ms (p99 ratio ${(j.p99 / n.p99).toFixed(2)})`);
process.exit(j.ok === N && started === N && j.p99 < 1000 ? 0 : 1);' "$res" "$ref" "$started" "$N"
