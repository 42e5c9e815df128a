#!/usr/bin/env bash
# Subsidy rules in a batch (jineng subsidy check): 1,000,000 claims of 250,000 persons (four each: 技能提升补贴
# across occupations, levels and years, some one day short of 36 months' insurance, some a 4th claim in a
# year, 培训补贴 beside them) decided condition by condition with each person's earlier grants as prior
# claims. Prints the rate next to the issue's target (100,000 claims a second) and, as the floor any CSV
# pass pays, the time awk takes to read the same file.
# Usage: bash bench/subsidy.sh [BUILD_DIR] [CLAIMS]
set -euo pipefail
B=${1:-build}
N=${2:-1000000}
J=$PWD/$B/jineng
[ -x "$J" ] || make -s all
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
awk -v n="$N" 'BEGIN {
  print "person,kind,occupation_code,level,apply_date,cert_date,insured_start,course,class_hours,completed"
  for (i = 0; i < n; i++) {
    p = int(i / 4); k = i % 4
    occ = sprintf("6-18-01-%02d", (p + k) % 40); lvl = 3 + (p + k) % 3
    ins = (p % 7 == 0) ? "2023-07-01" : "2020-03-15"
    if (k == 3 && p % 2) printf "p%d,training,%s,%d,2026-06-30,,,C-%d,%d,1\n", p, occ, lvl, p % 97, 20 + p % 60
    else printf "p%d,skill_up,%s,%d,2026-06-30,2026-0%d-01,%s,,,\n", p, occ, lvl, 1 + k, ins
  }
}' > "$W/claims.csv"
echo "== $N claims, $(du -h "$W/claims.csv" | cut -f1) of CSV"
t0=$(date +%s.%N); awk -F, 'END {print NR}' "$W/claims.csv" >/dev/null; t1=$(date +%s.%N)
"$J" subsidy check "$W/claims.csv" --out "$W/decisions.csv" 2> "$W/log" || true
cat "$W/log"
rate=$(sed -n 's/.*(\([0-9]*\) claims\/s).*/\1/p' "$W/log")
printf 'jineng_subsidy_claims_per_second=%s target=100000 ratio %.1fx; awk reading the file alone: %.2f s\n' \
  "$rate" "$(echo "$rate / 100000" | bc -l)" "$(echo "$t1 - $t0" | bc)"
echo "refusals by check: $(awk -F, 'NR > 1 && $4 == 0 {c[$6 "/" $7]++} END {for (k in c) printf "%s=%d ", k, c[k]}' "$W/decisions.csv")"
