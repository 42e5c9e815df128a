#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on a unix socket (no TCP), run as the postgres user (initdb refuses
# root).  `pg-temp.sh start DIR` prints the connection URL; `pg-temp.sh stop DIR` stops it and removes DIR.
# Durable commits and the planner's random_page_cost = 1.1 (a cached database on SSD), as docs/OPERATIONS.md
# recommends and `jineng doctor` checks.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
cmd=${1:?start|stop}; dir=${2:?directory}
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
start)
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-k $dir -c listen_addresses='' -c fsync=on \
    -c synchronous_commit=on -c max_connections=200 -c shared_buffers=256MB -c random_page_cost=1.1" start >/dev/null
  echo "postgresql:///postgres?host=$dir&user=postgres"
  ;;
createdb)
  name=${3:?name}
  "$bin/psql" -h "$dir" -U postgres -q -c "CREATE DATABASE $name" postgres >/dev/null
  echo "postgresql:///$name?host=$dir&user=postgres"
  ;;
stop)
  [ -d "$dir/data" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
esac
