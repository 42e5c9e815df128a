#!/usr/bin/env bash
# Failover under load (issue 18): exam autosaves at a steady rate through nginx to two jineng nodes over a
# pg_auto_failover pair (scripts/ha-lab.sh), from a client that retries on 503 and records every
# acknowledgement (bench/failover-client.mjs). Round 1 kills the primary's postmaster with SIGKILL; round 2
# kills one jineng node with SIGKILL. After each round the database is read on the primary of the moment and
# every acknowledged save must be there (acknowledged saves lost: must be 0). Printed per round: saves
# acknowledged, refusals (503), the refusal window (first refused save to the first acknowledgement after the
# last refusal; target < 10 s for the database, < 1 s for a node), the longest time without any
# acknowledgement, answers other than 200/503, and which PostgreSQL node was primary before and after.
# Before them, the read-only verification node (scripts/ha-lab.sh's node r, on the standby) is checked: with
# the standby's replay paused it must leave the pool (503 replica_behind) within JINENG_MAX_LAG_S (MAX_LAG=,
# default 3 here) while nginx answers the public keys from the other nodes, and come back after.
# usage: bash bench/failover.sh [build]    N= candidates (60), RATE= saves/s (200), SECS= a round (20),
#        KILL_AT= seconds into the round (5), KEEP=1 leaves the lab up, REUSE=1 uses
#        a lab left up (and its candidates); HA_LAB_DIR, HA_LAB_PORT as the lab
set -euo pipefail
B=${1:-build}; N=${N:-60}; RATE=${RATE:-200}; SECS=${SECS:-20}; KILL_AT=${KILL_AT:-5}
root=$(cd "$(dirname "$0")/.." && pwd); cd "$root"
out=$root/bench/out/failover; mkdir -p "$out"
export HA_LAB_DIR=${HA_LAB_DIR:-/tmp/jineng-failover-lab} HA_LAB_PORT=${HA_LAB_PORT:-15530}
export JINENG_ADMIT_RATE=100000 # the setup admits N candidates at once
export JINENG_MAX_LAG_S=${MAX_LAG:-3} # the read-only node leaves nginx's pool when its standby is this far behind
lab() { bash scripts/ha-lab.sh "$1" "$B" "${@:2}"; }
[ "${KEEP:-0}" = 1 ] || trap 'lab down' EXIT # also when `up` fails half way
if [ "${REUSE:-0}" = 1 ] && lab status >/dev/null 2>&1; then
  echo "reusing the lab in $HA_LAB_DIR"
else
  lab down
  lab up
  rm -f "$out/pairs.txt"
fi
eval "$(lab env)"
if [ ! -s "$out/pairs.txt" ]; then
  echo "preparing $N candidates with started attempts through $HA_URL..."
  CONC=2 node bench/autosave-setup.mjs "$HA_URL" "$N" "$out/pairs.txt"
fi
ms() { date +%s%3N; }

round() { # $1 name, $2 what to kill: db | node
  local name=$1 what=$2 before after victim
  before=$(lab primary)
  RATE=$RATE SECS=$SECS node bench/failover-client.mjs "$HA_URL" "$out/pairs.txt" "$out/$name.json" >"$out/$name.log" &
  local cpid=$!
  sleep "$KILL_AT"
  if [ "$what" = db ]; then
    local n=1; [ "$before" = "$HA_PG2" ] && n=2
    victim=$(lab postmaster "$n")
    echo "$(ms)" >"$out/$name.kill"
    kill -9 "$victim"
    victim="postmaster of node$n (port $before, pid $victim)"
  else
    victim=$(cat "$HA_DIR/jineng-a.pid")
    echo "$(ms)" >"$out/$name.kill"
    kill -9 "$victim"
    victim="jineng node a (pid $victim)"
  fi
  wait "$cpid"
  # the saves are read back on the primary of the moment (waiting for one if the cluster is still moving)
  local end=$((SECONDS + 60))
  until after=$(lab primary 2>/dev/null); do [ $SECONDS -lt $end ] || { echo "no primary" >&2; exit 1; }; sleep 0.5; done
  local ids; ids=$(cut -d' ' -f2 "$out/pairs.txt" | paste -sd, -)
  lab sql "SELECT attempt_id || '/' || pos || ' ' || seq FROM answers WHERE attempt_id IN ($ids)" >"$out/$name.stored"
  node bench/failover-report.mjs "$name" "$out/$name.json" "$out/$name.stored" "$(cat "$out/$name.kill")" \
    "killed $victim; primary before port $before, after port $after" | tee "$out/$name.txt"
  [ "$what" = node ] && lab start-node a
  return 0
}
# round 0: the read-only node's standby stops replaying (pg_wal_replay_pause) while saves go on: the node must
# answer 503 replica_behind within JINENG_MAX_LAG_S and a little, nginx must answer the public keys from the
# other nodes meanwhile, and the node must come back once replay resumes
replica_round() {
  local prim std code t0 t1 t2 t3 end
  prim=$(lab primary); std=$HA_PG1; [ "$prim" = "$HA_PG1" ] && std=$HA_PG2
  health() { curl -s -o /dev/null -m 2 -w '%{http_code}' "http://$HA_NODE_R/api/v1/health"; }
  [ "$(health)" = 200 ] || { echo "replica: the read-only node is not healthy before the round" >&2; exit 1; }
  RATE=$RATE SECS=$((JINENG_MAX_LAG_S + 8)) node bench/failover-client.mjs "$HA_URL" "$out/pairs.txt" "$out/replica.json" >"$out/replica.log" &
  local cpid=$!
  sleep 1
  psql -qAt -h 127.0.0.1 -p "$std" -U postgres -d jineng -c "SELECT pg_wal_replay_pause()" >/dev/null
  t0=$(ms); echo "$t0" >"$out/replica.kill"
  end=$((SECONDS + JINENG_MAX_LAG_S + 10))
  until [ "$(health)" = 503 ]; do [ $SECONDS -lt $end ] || { echo "replica: still healthy while behind" >&2; exit 1; }; sleep 0.2; done
  t1=$(ms)
  code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$HA_URL/api/v1/public/keys")
  local lagline; lagline=$(curl -s -m 2 "http://$HA_NODE_R/api/v1/health" | head -c 300)
  psql -qAt -h 127.0.0.1 -p "$std" -U postgres -d jineng -c "SELECT pg_wal_replay_resume()" >/dev/null
  t2=$(ms)
  end=$((SECONDS + 30))
  until [ "$(health)" = 200 ]; do [ $SECONDS -lt $end ] || { echo "replica: did not come back" >&2; exit 1; }; sleep 0.2; done
  t3=$(ms)
  wait "$cpid"
  echo "replica: replay paused on port $std; the read-only node answered 503 after $(echo "scale=2; ($t1 - $t0) / 1000" | bc) s (JINENG_MAX_LAG_S=$JINENG_MAX_LAG_S): $lagline" | tee "$out/replica.txt"
  echo "  public keys through nginx meanwhile: $code; healthy again $(echo "scale=2; ($t3 - $t2) / 1000" | bc) s after replay resumed" | tee -a "$out/replica.txt"
  [ "$code" = 200 ] || { echo "replica: nginx did not answer the public keys from the other nodes" >&2; exit 1; }
  local ids; ids=$(cut -d' ' -f2 "$out/pairs.txt" | paste -sd, -)
  lab sql "SELECT attempt_id || '/' || pos || ' ' || seq FROM answers WHERE attempt_id IN ($ids)" >"$out/replica.stored"
  node bench/failover-report.mjs replica-writes "$out/replica.json" "$out/replica.stored" "$t0" "saves during the replica round" | tee -a "$out/replica.txt"
}
replica_round
round database db
lab status | sed -n '1,4p'
round node node
echo "command: N=$N RATE=$RATE SECS=$SECS KILL_AT=$KILL_AT bash bench/failover.sh $B"
