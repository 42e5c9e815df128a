#!/usr/bin/env bash
# The high-availability lab on one machine (issue 18, docs/OPERATIONS.md "High availability"):
#   a pg_auto_failover monitor, a primary and a synchronous standby (PostgreSQL 15, loopback ports, run as the
#   postgres user), two `jineng serve` nodes whose database URL lists both PostgreSQL hosts with
#   target_session_attrs=read-write, and nginx in front balancing them (retrying on error, 502 and 503 for
#   idempotent requests only: nginx never re-sends a POST or PATCH), and a read-only verification node
#   (`jineng serve --read-only` on the standby) that nginx prefers for the public verification, the public
#   keys and the status lists, falling back to the two nodes while it answers 503 (too far behind).
# usage: bash scripts/ha-lab.sh up|down|status|url|env [build]
#   HA_LAB_DIR   the state directory (default /tmp/jineng-ha-lab); everything the lab makes is under it
#   HA_LAB_PORT  the first of 7 ports (default 15430): monitor, node 1, node 2, jineng a, jineng b, nginx,
#                jineng r (read-only)
#   HA_LAB_DEMO  1 (default): load the demo province before the jineng nodes start; 0: an empty database
#   HA_LAB_FAST  1 (default): the monitor's health checks tuned to fail over within seconds, not ~30 s
# `env` prints shell assignments (HA_URL, HA_DB, HA_NODE_A, ...) for scripts: eval "$(bash ha-lab.sh env)".
set -euo pipefail
cmd=${1:-status}; B=${2:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${HA_LAB_DIR:-/tmp/jineng-ha-lab}
p0=${HA_LAB_PORT:-15430}
pm=$p0 p1=$((p0 + 1)) p2=$((p0 + 2)) ja=$((p0 + 3)) jb=$((p0 + 4)) px=$((p0 + 5)) jr=$((p0 + 6))
pgbin=/usr/lib/postgresql/15/bin
monuri="postgres://autoctl_node@127.0.0.1:$pm/pg_auto_failover?sslmode=disable"
# both hosts; libpq tries them in order and keeps the one that accepts writes. connect_timeout bounds a
# connection attempt to a host that does not answer; the keepalives notice a peer that vanished
dburl="postgresql://postgres@127.0.0.1:$p1,127.0.0.1:$p2/jineng?target_session_attrs=read-write&connect_timeout=2&keepalives_idle=5&keepalives_interval=1&keepalives_count=3"
# the read-only node: the standby when there is one, else whichever answers
rourl="postgresql://postgres@127.0.0.1:$p1,127.0.0.1:$p2/jineng?target_session_attrs=prefer-standby&connect_timeout=2&keepalives_idle=5&keepalives_interval=1&keepalives_count=3"

as_pg() {
  local env=(env "PATH=$pgbin:/usr/bin:/bin" "XDG_CONFIG_HOME=$dir/xdg/config" "XDG_DATA_HOME=$dir/xdg/data"
    "XDG_RUNTIME_DIR=$dir/xdg/run" "PG_REGRESS_SOCK_DIR=$dir/sock" "PGHOST=$dir/sock")
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "${env[@]}" "$@"; else "${env[@]}" "$@"; fi
}
autoctl() { as_pg pg_autoctl "$@"; }
say() { echo "ha-lab: $*" >&2; }
die() { say "$*"; exit 1; }

wait_for() { # $1 seconds, $2 what, then the test command
  local t=$1 what=$2; shift 2
  local end=$((SECONDS + t))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $end ] || die "timed out after ${t}s waiting for $what (logs in $dir)"
    sleep 0.3
  done
}

node_state() { # $1 node name: its reported state on the monitor
  as_pg psql -At -h 127.0.0.1 -p "$pm" -U autoctl_node -d pg_auto_failover \
    -c "SELECT reportedstate || '/' || goalstate FROM pgautofailover.node WHERE nodename = '$1'" 2>/dev/null
}
state_is() { [ "$(node_state "$1")" = "$2" ]; }
primary_ready() {
  local s; s=$(as_pg psql -At -h 127.0.0.1 -p "$pm" -U autoctl_node -d pg_auto_failover -c \
    "SELECT string_agg(reportedstate || '/' || goalstate, ' ' ORDER BY nodename) FROM pgautofailover.node")
  [ "$s" = "primary/primary secondary/secondary" ] || [ "$s" = "secondary/secondary primary/primary" ]
}
serving() { curl -fsS -m 2 "http://127.0.0.1:$1/api/v1/health" >/dev/null; }

start_node() { # $1 name (a|b|r), $2 port
  local log=$dir/jineng-$1.log url=$dburl flags=
  [ "$1" = r ] && { url=$rourl; flags=--read-only; }
  JINENG_KEY_FILE=$dir/jineng.key JINENG_ACCESS_LOG=${JINENG_ACCESS_LOG:-off} \
    setsid "$root/$B/jineng" serve --db "$url" --listen "127.0.0.1:$2" --threads "${HA_LAB_THREADS:-4}" --web "$root/web/dist" \
    --trusted-proxy 127.0.0.1/32 $flags ${HA_LAB_SERVE_FLAGS:-} >"$log" 2>&1 </dev/null &
  echo $! >"$dir/jineng-$1.pid"
  wait_for 60 "jineng node $1 on port $2" serving "$2"
}

up() {
  command -v pg_autoctl >/dev/null && command -v nginx >/dev/null || bash "$root/scripts/install-deps.sh" --ha
  [ -x "$root/$B/jineng" ] || die "no $B/jineng: run make first"
  [ -e "$dir/monitor" ] && die "$dir holds a lab already: bash scripts/ha-lab.sh down first"
  mkdir -p "$dir/xdg/config" "$dir/xdg/data" "$dir/xdg/run" "$dir/nginx" "$dir/sock"
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$dir"
  chmod 700 "$dir/xdg/run"
  local t0=$SECONDS

  say "monitor on 127.0.0.1:$pm"
  autoctl create monitor --pgdata "$dir/monitor" --pgport "$pm" --hostname 127.0.0.1 --auth trust --no-ssl \
    >"$dir/monitor-create.log" 2>&1 || { cat "$dir/monitor-create.log" >&2; die "monitor not created"; }
  as_pg setsid pg_autoctl run --pgdata "$dir/monitor" >"$dir/monitor.log" 2>&1 </dev/null &
  wait_for 60 "the monitor" as_pg psql -At -h 127.0.0.1 -p "$pm" -U autoctl_node -d pg_auto_failover -c "SELECT 1"
  if [ "${HA_LAB_FAST:-1}" = 1 ]; then
    # a node is unhealthy after 1 failed check a second apart and 2 s without contact (defaults: 5 s, 2
    # retries 2 s apart, 20 s); the primary's keeper meanwhile restarts a PostgreSQL that merely crashed
    as_pg psql -q -h 127.0.0.1 -p "$pm" -U postgres -d pg_auto_failover <<'SQL' >/dev/null
ALTER SYSTEM SET pgautofailover.health_check_period = 1000;
ALTER SYSTEM SET pgautofailover.health_check_timeout = 1000;
ALTER SYSTEM SET pgautofailover.health_check_max_retries = 1;
ALTER SYSTEM SET pgautofailover.health_check_retry_delay = 500;
ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = 2000;
SELECT pg_reload_conf();
SQL
  fi

  for n in 1 2; do
    local port=$p1; [ $n = 2 ] && port=$p2
    say "PostgreSQL node$n on 127.0.0.1:$port"
    as_pg setsid pg_autoctl create postgres --pgdata "$dir/node$n" --pgport "$port" --hostname 127.0.0.1 \
      --name "node$n" --auth trust --no-ssl --dbname jineng --monitor "$monuri" --run \
      >"$dir/node$n.log" 2>&1 </dev/null &
    if [ $n = 1 ]; then
      wait_for 120 "node1 to be the single primary" state_is node1 single/single
      # the standby's pg_basebackup asks for a spread checkpoint, paced over checkpoint_timeout x
      # checkpoint_completion_target (4.5 min) whatever little there is to write: write it all now
      as_pg psql -q -h 127.0.0.1 -p "$p1" -U postgres -d jineng -c CHECKPOINT
    else
      wait_for 180 "node2 to be a streaming standby" primary_ready
    fi
  done
  # a synchronous standby: every commit waits for the standby's flush. pg_auto_failover 2.0 refuses
  # number_sync_standbys 1 with a single standby (it would leave no standby to lose); with number_sync_standbys
  # 0 and the standby's replication-quorum on (the default) the primary has synchronous_standby_names =
  # 'ANY 1 (pgautofailover_standby_2)', which is the same guarantee: checked below, the lab stops otherwise
  autoctl set formation number-sync-standbys 1 --pgdata "$dir/monitor" >"$dir/sync.log" 2>&1 ||
    say "number-sync-standbys 1 refused ($(tail -1 "$dir/sync.log")); keeping the quorum of one standby"
  local prim; prim=$(primary_port)
  wait_for 30 "synchronous replication on the primary" sync_on "$prim"
  say "primary on $prim: synchronous_standby_names = $(pg_show "$prim" synchronous_standby_names)," \
    "synchronous_commit = $(pg_show "$prim" synchronous_commit)"

  # the PII key both nodes share (a node with another key could not read the other's seals)
  (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/jineng.key"; echo >>"$dir/jineng.key")
  if [ "${HA_LAB_DEMO:-1}" = 1 ]; then
    say "loading the demo province"
    JINENG_KEY_FILE=$dir/jineng.key "$root/$B/jineng" demo --no-serve --db "$dburl" >"$dir/demo.log" 2>&1 ||
      { tail -20 "$dir/demo.log" >&2; die "demo load failed"; }
  else
    JINENG_KEY_FILE=$dir/jineng.key "$root/$B/jineng" migrate --db "$dburl" >"$dir/migrate.log" 2>&1 ||
      { tail -20 "$dir/migrate.log" >&2; die "migration failed"; }
  fi
  say "jineng nodes on 127.0.0.1:$ja and 127.0.0.1:$jb"
  start_node a "$ja"
  start_node b "$jb"
  say "read-only verification node on 127.0.0.1:$jr (the standby)"
  start_node r "$jr"

  say "nginx on 127.0.0.1:$px"
  cat >"$dir/nginx.conf" <<CONF
# the lab's load balancer: round robin over the two jineng nodes. A request is passed to the other node
# when the first refuses the connection, times out or answers 502/503 — for idempotent methods only (GET,
# HEAD, PUT, DELETE, OPTIONS; nginx never re-sends POST, PATCH without "non_idempotent"). max_fails=0: a
# 503 while the database fails over is an answer, not a reason to take the node out (with both nodes out
# nginx would answer 502 "no live upstreams").
worker_processes 2;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/nginx/body; proxy_temp_path $dir/nginx/proxy;
  fastcgi_temp_path $dir/nginx/fcgi; uwsgi_temp_path $dir/nginx/uwsgi; scgi_temp_path $dir/nginx/scgi;
  upstream jineng {
    server 127.0.0.1:$ja max_fails=0;
    server 127.0.0.1:$jb max_fails=0;
    keepalive 64;
  }
  # the public verification, keys and status lists: the read-only node first; while it answers 503
  # (replica_behind: its standby too far behind or cut off) it is out for 5 s and the two nodes answer
  upstream verify {
    server 127.0.0.1:$jr max_fails=1 fail_timeout=5s;
    server 127.0.0.1:$ja backup;
    server 127.0.0.1:$jb backup;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$px;
    client_max_body_size 64m;
    location ~ ^/api/v1/public/(certificates|keys|status)(/|\$) {
      proxy_pass http://verify;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_connect_timeout 1s;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 3;
    }
    location / {
      proxy_pass http://jineng;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_connect_timeout 1s;
      proxy_read_timeout 30s;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 2;
      proxy_next_upstream_timeout 5s;
    }
  }
}
CONF
  [ "$(id -u)" -eq 0 ] && chown -R nobody "$dir/nginx" 2>/dev/null || true
  nginx -c "$dir/nginx.conf" -g "daemon on;" 2>"$dir/nginx/start.log" || { cat "$dir/nginx/start.log" >&2; die "nginx"; }
  wait_for 20 "nginx" serving "$px"
  say "up in $((SECONDS - t0)) s: http://127.0.0.1:$px (bash scripts/ha-lab.sh status)"
}

pg_show() { as_pg psql -At -h 127.0.0.1 -p "$1" -U postgres -d jineng -c "SHOW $2" 2>/dev/null; }
sync_on() { local s; s=$(pg_show "$1" synchronous_standby_names); [ -n "$s" ]; }
primary_port() { # the port of the node that accepts writes, if any
  for p in $p1 $p2; do
    [ "$(as_pg psql -At -h 127.0.0.1 -p "$p" -U postgres -d jineng -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ] &&
      { echo "$p"; return 0; }
  done
  return 1
}
postmaster_pid() { # $1 node number: the pid of its postmaster
  head -1 "$dir/node$1/postmaster.pid" 2>/dev/null
}

status() {
  [ -e "$dir/monitor" ] || { echo "no lab in $dir"; return 1; }
  autoctl show state --pgdata "$dir/monitor" 2>/dev/null || echo "(the monitor does not answer)"
  echo "primary port: $(primary_port || echo none)"
  for n in a b r; do
    local port=$ja; [ $n = b ] && port=$jb; [ $n = r ] && port=$jr
    local pid; pid=$(cat "$dir/jineng-$n.pid" 2>/dev/null || true)
    if serving "$port"; then echo "jineng $n: 127.0.0.1:$port pid $pid ok"; else echo "jineng $n: 127.0.0.1:$port pid $pid DOWN"; fi
  done
  if serving "$px"; then echo "nginx: http://127.0.0.1:$px ok"; else echo "nginx: http://127.0.0.1:$px DOWN"; fi
}

down() {
  [ -d "$dir" ] || return 0
  [ -f "$dir/nginx/nginx.pid" ] && kill "$(cat "$dir/nginx/nginx.pid")" 2>/dev/null || true
  for n in a b r; do
    [ -f "$dir/jineng-$n.pid" ] && kill "$(cat "$dir/jineng-$n.pid")" 2>/dev/null || true
  done
  for d in node2 node1 monitor; do
    [ -d "$dir/$d" ] && autoctl stop --pgdata "$dir/$d" >/dev/null 2>&1 || true
  done
  # whatever did not stop (a keeper killed by a test leaves its PostgreSQL behind): the postmasters by the
  # pid in their data directories
  sleep 1
  for d in node2 node1 monitor; do
    local pid; pid=$(head -1 "$dir/$d/postmaster.pid" 2>/dev/null || true)
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  done
  for f in "$dir"/xdg/run/pg_autoctl/*/*/pg_autoctl.pid "$dir"/xdg/run/pg_autoctl/*/*/*/pg_autoctl.pid; do
    [ -f "$f" ] && kill -9 "$(head -1 "$f")" 2>/dev/null || true
  done
  for n in a b r; do
    [ -f "$dir/jineng-$n.pid" ] && kill -9 "$(cat "$dir/jineng-$n.pid")" 2>/dev/null || true
  done
  rm -rf "$dir"
}

case "$cmd" in
up) up ;;
down) down ;;
status) status ;;
url) echo "http://127.0.0.1:$px" ;;
env)
  cat <<ENV
HA_DIR=$dir HA_URL=http://127.0.0.1:$px HA_DB='$dburl' HA_NODE_A=127.0.0.1:$ja HA_NODE_B=127.0.0.1:$jb HA_NODE_R=127.0.0.1:$jr
HA_PG1=$p1 HA_PG2=$p2 HA_MONITOR=$pm
ENV
  ;;
primary) primary_port ;;                                   # the port of the primary
postmaster) postmaster_pid "${3:?node number}" ;;            # node N's postmaster pid
start-node) # start jineng node a or b again (after a test killed it)
  n=${3:?a, b or r}; port=$ja; [ "$n" = b ] && port=$jb; [ "$n" = r ] && port=$jr
  start_node "$n" "$port" ;;
sql) # run SQL on the primary: ha-lab.sh sql build 'SELECT ...'
  p=$(primary_port) || die "no primary"
  psql -At -h 127.0.0.1 -p "$p" -U postgres -d jineng -c "${3:?SQL}" ;;
*) die "usage: ha-lab.sh up|down|status|url|env|primary|postmaster|start-node|sql [build] [arg]" ;;
esac
