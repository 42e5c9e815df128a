#!/bin/bash
# check-deps.sh [SRC_DIR]: fails when a file includes across a forbidden edge (docs/ARCHITECTURE.md,
# "Dependency rules"). Reads the `#include "layer/..."` lines of every .c and .h under SRC_DIR (default src).
# Also fails when a file of api builds or runs SQL itself (the query builder or statement calls: SQL belongs
# to svc; api may hold a connection and pass it on).
#   check-deps.sh --self-test   plants a bad include in a copy of src and checks that it is caught
set -u
here=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" = "--self-test" ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	cp -r "$here/../src" "$tmp/src"
	"$here/check-deps.sh" "$tmp/src" >/dev/null || { echo "check-deps self-test: the clean tree fails"; exit 1; }
	# each plant: file, the include added, and why it is forbidden
	plants=(
		'http/router.c|svc/base/svc.h|http never includes svc'
		'http/server.c|api/base/routes.h|http never includes api'
		'api/evaluation/plans.c|store/query.h|api never includes store'
		'core/date.c|store/db.h|core includes nothing above it'
		'psy/ctt.c|svc/base/svc.h|psy includes nothing above it'
		'util/buf.c|core/date.h|util includes only util'
		'svc/base/audit.c|svc/evaluation/plans.h|svc/base is below the domains'
		'svc/evaluation/plans.c|svc/exam/exam_int.h|a domain'"'"'s _int.h is its own'
		'svc/registry/persons.c|api/base/api.h|svc never includes api'
	)
	# code plants: a call api may not make
	calls=(
		'api/base/audit.c|static void planted(query *q) { q_init(q, ""); }'
		'api/registry/reference.c|static void planted(db *d, query *q, int64_t *t, err *e) { q_page(d, q, "", "", "", 1, 0, t, e); }'
		'api/cert/certs.c|static void planted(db *d, err *e) { db_done(db_query(d, "SELECT 1", DB_NOARGS, e)); }'
		'api/auth/users.c|static int planted(db_stmt *st) { return db_step(st); }'
	)
	for p in "${calls[@]}"; do
		IFS='|' read -r file code <<<"$p"
		cp "$here/../src/$file" "$tmp/src/$file"
		printf '%s\n' "$code" >>"$tmp/src/$file"
		if "$here/check-deps.sh" "$tmp/src" >/dev/null 2>&1; then
			echo "check-deps self-test: SQL in $file was not caught"
			exit 1
		fi
		cp "$here/../src/$file" "$tmp/src/$file"
	done
	for p in "${plants[@]}"; do
		IFS='|' read -r file inc why <<<"$p"
		cp "$here/../src/$file" "$tmp/src/$file"
		printf '#include "%s"\n' "$inc" >>"$tmp/src/$file"
		if "$here/check-deps.sh" "$tmp/src" >/dev/null 2>&1; then
			echo "check-deps self-test: $file including $inc was not caught ($why)"
			exit 1
		fi
		cp "$here/../src/$file" "$tmp/src/$file"
	done
	echo "check-deps self-test: ${#plants[@]} planted bad includes and ${#calls[@]} planted SQL calls in api caught"
	exit 0
fi

src=${1:-src}
# the layers a layer may include (itself included); main.c is the binary's entry
rules='
util:util
core:util core
psy:util core psy
crypto:util crypto
doc:util core crypto doc
store:util core store
http:util core store http
svc:util core psy crypto doc store svc
demo:util core psy crypto doc store svc demo
api:util core psy crypto doc svc http api
cli:util core psy crypto doc store svc demo http api cli
main.c:util cli
'
# every include line (file:line:text), then one pass over them
(cd "$src" && find . -name '*.[ch]' | sed 's#^\./##' | sort | xargs grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' /dev/null) |
	awk -v rules="$rules" '
	BEGIN {
		n = split(rules, lines, "\n")
		for (i = 1; i <= n; i++) if (lines[i] != "") {
			split(lines[i], kv, ":"); m = split(kv[2], tos, " ")
			known[kv[1]] = 1
			for (j = 1; j <= m; j++) ok[kv[1], tos[j]] = 1
		}
		bad = 0
	}
	{
		file = $0; sub(/:.*/, "", file)
		rest = substr($0, length(file) + 2); ln = rest; sub(/:.*/, "", ln)
		if (!match(rest, /"[^"]+"/)) next
		inc = substr(rest, RSTART + 1, RLENGTH - 2)
		layer = file; sub(/\/.*/, "", layer)
		if (!(layer in known)) { print file ": unknown layer " layer " (add it to scripts/check-deps.sh)"; bad = 1; next }
		if (index(inc, "/") == 0) next  # a file next to it
		tgt = inc; sub(/\/.*/, "", tgt)
		if (!((layer, tgt) in ok)) { print file ":" ln ": " layer " may not include " inc; bad = 1; next }
		if (layer == tgt && (layer == "svc" || layer == "api")) {
			split(file, fp, "/"); split(inc, ip, "/")
			if (layer == "svc" && fp[2] == "base" && ip[2] != "base") { print file ":" ln ": svc/base may not include a domain (" inc ")"; bad = 1 }
			fdir = file; sub(/\/[^\/]*$/, "", fdir); idir = inc; sub(/\/[^\/]*$/, "", idir)
			if (inc ~ /_int\.h$/ && fdir != idir) { print file ":" ln ": " inc " is internal to " idir; bad = 1 }
		}
	}
	END { exit bad }'
rc=$?
# api holds no SQL: no query builder, no statements of its own
sql_calls='\b(q_init|q_page|q_query|q_and|q_and_like|q_sql|q_arg|db_query|db_step|db_run|db_exec|db_one_int|db_begin|db_commit|db_rollback)[[:space:]]*\('
if [ -d "$src/api" ] && hits=$(grep -rnE "$sql_calls" "$src/api" --include='*.[ch]'); then
	echo "$hits" | sed "s#^$src/##; s#\$#  (SQL belongs to svc: api may not build or run statements)#"
	rc=1
fi
[ $rc = 0 ] && echo "check-deps: every include follows the layer rules; api runs no SQL"
exit $rc
