#!/usr/bin/env bash
# Bulk import: `jineng import persons` of 1,000,000 rows (full validation: GB 11643 check characters, dates,
# phones, duplicates; SM4-GCM sealing and HMAC-SM3 blind indexes of ID numbers and phones) against the sqlite3
# shell's own `.import` of the same file into a table of the same shape followed by the same four CREATE INDEX
# (bench/import-ref.sh), in the same run, interleaved. Prints every run, the medians and their ratio.
set -euo pipefail
B=${1:-build}; N=${N:-1000000}
out=bench/out; mkdir -p "$out"
csv="$out/persons-$N.csv"
[ -s "$csv" ] || node bench/gen-persons.mjs "$N" >"$csv"
# the PII key in a key file of mode 0600 (the same key as earlier runs, so cached databases still open)
export JINENG_KEY_FILE=$(mktemp /tmp/jineng-bench-key.XXXXXX)
printf '%064d\n' 7 >"$JINENG_KEY_FILE"
trap 'rm -f "$JINENG_KEY_FILE"' EXIT
export JINENG_ACCESS_LOG=off
source "$(dirname "$0")/import-ref.sh"
t() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; }
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
js=(); ss=()
for run in 1 2 3; do
  rm -f "$out"/imp.db*
  "$B/jineng" migrate --db "sqlite:$out/imp.db" >/dev/null 2>&1
  tj=$(t "$B/jineng" import persons "$csv" --db "sqlite:$out/imp.db")
  ts=$(t import_reference "$csv" "$out/raw.db")
  js+=("$tj"); ss+=("$ts")
  echo "run $run: jineng import ${tj}s, sqlite3 .import + the four indexes ${ts}s, ratio $(echo "$ts / $tj" | bc -l | cut -c1-4)"
done
rows=$(sqlite3 "$out/imp.db" "SELECT COUNT(*) FROM persons")
[ "$rows" = "$N" ] || { echo "imported $rows of $N rows"; exit 1; }
[ "$(sqlite3 "$out/raw.db" "SELECT COUNT(*) FROM persons_raw")" = "$N" ] || { echo "the reference imported a different count"; exit 1; }
mj=$(median "${js[@]}"); ms=$(median "${ss[@]}")
printf 'import %d persons (medians of 3): jineng %.2f s (%.0f rows/s), sqlite3 .import + four indexes %.2f s (%.0f rows/s), ratio %.2f (target >= 0.5)\n' \
  "$N" "$mj" "$(echo "$N / $mj" | bc)" "$ms" "$(echo "$N / $ms" | bc)" "$(echo "$ms / $mj" | bc -l)"
