#!/usr/bin/env bash
# Bulk import: `jineng import persons` of 1,000,000 rows (full validation: GB 11643 check characters, dates,
# phones, duplicates; SM4-GCM sealing and HMAC-SM3 blind indexes of ID numbers and phones) against the sqlite3
# shell's own `.import` of the same file into a plain table, in the same run. Prints both and the ratio.
set -euo pipefail
B=${1:-build}; N=${N:-1000000}
out=bench/out; mkdir -p "$out"
csv="$out/persons-$N.csv"
[ -s "$csv" ] || node bench/gen-persons.mjs "$N" >"$csv"
# the PII key in a key file of mode 0600 (the same key as earlier runs, so cached databases still open)
export JINENG_KEY_FILE=$(mktemp /tmp/jineng-bench-key.XXXXXX)
printf '%064d\n' 7 >"$JINENG_KEY_FILE"
export JINENG_ACCESS_LOG=off
t() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; }
best_j=999; best_s=999
for run in 1 2 3; do
  rm -f "$out"/imp.db* "$out"/raw.db*
  "$B/jineng" migrate --db "sqlite:$out/imp.db" >/dev/null 2>&1
  tj=$(t "$B/jineng" import persons "$csv" --db "sqlite:$out/imp.db")
  ts=$(t sqlite3 "$out/raw.db" ".import --csv $csv persons_raw")
  best_j=$(echo "if ($tj < $best_j) $tj else $best_j" | bc)
  best_s=$(echo "if ($ts < $best_s) $ts else $best_s" | bc)
  echo "run $run: jineng import ${tj}s, sqlite3 .import ${ts}s"
done
rows=$(sqlite3 "$out/imp.db" "SELECT COUNT(*) FROM persons")
[ "$rows" = "$N" ] || { echo "imported $rows of $N rows"; exit 1; }
printf 'import %d persons: jineng %.2f s (%.0f rows/s), sqlite3 .import %.2f s (%.0f rows/s), ratio %.2f of .import speed\n' \
  "$N" "$best_j" "$(echo "$N / $best_j" | bc)" "$best_s" "$(echo "$N / $best_s" | bc)" "$(echo "$best_s / $best_j" | bc -l)"
