#!/usr/bin/env bash
# Point-in-time recovery of a jineng PostgreSQL database with pgBackRest (docs/OPERATIONS.md, "Backups").
#
#   scripts/pitr-test.sh [BUILD_DIR]      (default build; needs pgbackrest and postgresql-15: install-deps.sh)
#
# In a throwaway cluster (its own directory, a unix socket, run as the postgres user) with WAL archiving
# through pgBackRest: a full backup; persons imported (three files), the time T and the audit archive's head
# noted; three more files imported; the cluster stopped and restored to T. Then: the audit chain
# verifies (`jineng audit verify`), its head is the one noted at T, and the persons are exactly those of the
# first three files. Exit 0 when all hold; prints each step and its time. tests/api/37-pitr.test.mjs runs it.
set -euo pipefail
build=${1:-build}
bin=$(realpath "$build/jineng")
root=$(cd "$(dirname "$0")/.." && pwd)
pgbin=/usr/lib/postgresql/15/bin
command -v pgbackrest >/dev/null || { echo "pitr-test: pgbackrest is not installed (scripts/install-deps.sh)" >&2; exit 1; }
[ -x "$pgbin/initdb" ] || { echo "pitr-test: PostgreSQL 15 is not installed" >&2; exit 1; }

tmp=$(mktemp -d /tmp/jineng-pitr.XXXXXX)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$tmp"
cleanup() {
  [ -f "$tmp/data/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
t0=$(date +%s%N)
step() { local ms=$((($(date +%s%N) - t0) / 1000000)); printf '[%3d.%02d s] %s\n' $((ms / 1000)) $((ms % 1000 / 10)) "$*"; }
fail() { echo "pitr-test: FAILED: $*" >&2; [ -f "$tmp/server.log" ] && tail -20 "$tmp/server.log" >&2; exit 1; }

conf=$tmp/pgbackrest.conf
cat >"$conf" <<EOF
[global]
repo1-path=$tmp/repo
repo1-retention-full=2
log-path=$tmp/log
lock-path=$tmp/lock
spool-path=$tmp/spool
log-level-console=warn
log-level-file=off
start-fast=y
compress-type=lz4

[jineng]
pg1-path=$tmp/data
pg1-socket-path=$tmp
pg1-user=postgres
EOF
mkdir -p "$tmp/repo" "$tmp/log" "$tmp/lock" "$tmp/spool"
[ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$tmp"
br() { as_pg pgbackrest --config="$conf" --stanza=jineng "$@"; }
psql_() { "$pgbin/psql" -h "$tmp" -U postgres -d jineng -Atq -v ON_ERROR_STOP=1 -c "$1"; }

as_pg "$pgbin/initdb" -D "$tmp/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 ||
  { cat "$tmp/initdb.log" >&2; exit 1; }
cat >>"$tmp/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$tmp'
wal_level = replica
archive_mode = on
archive_command = 'pgbackrest --config=$conf --stanza=jineng archive-push %p'
fsync = on
synchronous_commit = on
EOF
start_pg() {
  as_pg "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 120 start >/dev/null || fail "PostgreSQL did not start"
}
start_pg
step "cluster up with WAL archiving through pgBackRest"
br stanza-create >/dev/null || fail "stanza-create"
br check >/dev/null || fail "pgbackrest check (archiving)"
"$pgbin/psql" -h "$tmp" -U postgres -q -c "CREATE DATABASE jineng" postgres
url="postgresql:///jineng?host=$tmp&user=postgres"
export JINENG_KEY_FILE=$tmp/jineng.key
"$bin" migrate --db "$url" >/dev/null 2>&1 || fail "migrate"
br backup --type=full >/dev/null || fail "full backup"
step "full backup taken"

# six files of 500 persons: three imported before T, three after (each import is one audit record)
node "$root/bench/gen-persons.mjs" 3000 >"$tmp/all.csv"
for i in 0 1 2 3 4 5; do
  { head -1 "$tmp/all.csv"; tail -n +2 "$tmp/all.csv" | sed -n "$((i * 500 + 1)),$((i * 500 + 500))p"; } >"$tmp/part$i.csv"
done
import() { "$bin" import persons "$tmp/part$1.csv" --db "$url" >/dev/null 2>&1 || fail "import of part $1"; }
import 0; import 1; import 2
before_persons=$(psql_ "SELECT COUNT(*) FROM persons")
head_seq=$(psql_ "SELECT seq FROM audit_head")
head_hash=$(psql_ "SELECT hash FROM audit_head")
# T: after the first half's commit, before the second half's
sleep 1
target=$(psql_ "SELECT to_char(clock_timestamp(), 'YYYY-MM-DD HH24:MI:SS.US+00') FROM (SELECT set_config('TimeZone', 'UTC', false)) s")
sleep 1
step "first half imported: $before_persons persons, audit head $head_seq; T = $target"
import 3; import 4; import 5
after_persons=$(psql_ "SELECT COUNT(*) FROM persons")
after_seq=$(psql_ "SELECT seq FROM audit_head")
[ "$after_persons" -gt "$before_persons" ] && [ "$after_seq" -gt "$head_seq" ] || fail "the second half wrote nothing"
br check >/dev/null || fail "archiving the last WAL"
step "second half imported: $after_persons persons, audit head $after_seq; WAL archived"

as_pg "$pgbin/pg_ctl" -D "$tmp/data" -m fast -w stop >/dev/null
br restore --delta --type=time "--target=$target" --target-action=promote >/dev/null || fail "restore"
step "restored to T"
start_pg
for _ in $(seq 1 600); do
  [ "$(psql_ "SELECT pg_is_in_recovery()" 2>/dev/null)" = "f" ] && break
  sleep 0.1
done
[ "$(psql_ "SELECT pg_is_in_recovery()")" = "f" ] || fail "recovery did not end"
step "recovered and promoted"

got_persons=$(psql_ "SELECT COUNT(*) FROM persons")
got_seq=$(psql_ "SELECT seq FROM audit_head")
got_hash=$(psql_ "SELECT hash FROM audit_head")
max_seq=$(psql_ "SELECT COALESCE(MAX(seq), 0) FROM audit_log")
verify=$("$bin" audit verify --db "$url" 2>&1) || fail "audit verify: $verify"
echo "  persons: $got_persons (at T $before_persons, at the end $after_persons)"
echo "  audit head: $got_seq (at T $head_seq, at the end $after_seq); last record $max_seq"
echo "  $verify"
[ "$got_persons" = "$before_persons" ] || fail "persons $got_persons, expected $before_persons"
[ "$got_seq" = "$head_seq" ] && [ "$got_hash" = "$head_hash" ] && [ "$max_seq" = "$head_seq" ] ||
  fail "audit archive at seq $got_seq (last record $max_seq), expected $head_seq"
step "PITR ok: the audit chain verifies and holds exactly the records before T"
