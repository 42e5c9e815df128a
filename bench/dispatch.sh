#!/usr/bin/env bash
# Dispatch benchmark (issue 13): 2,000 sittings x 600 supervisors across 16 cities, solved by
# src/core/dispatch.c (min-cost flow); the reference is R's clue::solve_LSAP on the same instance without
# the load term (where the day splits into one assignment problem per time slot, solved exactly by both).
# Usage: bash bench/dispatch.sh [BUILD_DIR] [SITTINGS] [SUPERVISORS]
set -euo pipefail
B=${1:-build}; NT=${2:-2000}; NS=${3:-600}
[ -f "$B/libjineng.a" ] || make -s "$B/libjineng.a"
need=()
for p in r-base-core r-cran-clue bc; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
cc -std=c11 -O2 -D_GNU_SOURCE -Isrc -o "$W/bench_dispatch" bench/dispatch/bench_dispatch.c "$B/libjineng.a" -lm
mkdir "$W/ref"
"$W/bench_dispatch" --sittings "$NT" --supervisors "$NS" --ref "$W/ref" | tee "$W/j.log"
Rscript bench/dispatch/ref_lsap.R "$W/ref" | tee "$W/r.log"
jt=$(sed -n 's/.*jineng_lsap_instance_seconds=\([0-9.]*\).*/\1/p' "$W/j.log")
jm=$(sed -n 's/.*jineng_lsap_instance_seconds.*total_m=\([0-9]*\).*/\1/p' "$W/j.log")
rt=$(sed -n 's/.*clue_seconds=\([0-9.]*\).*/\1/p' "$W/r.log")
rm=$(sed -n 's/.*total_m=\([0-9]*\).*/\1/p' "$W/r.log")
# (an instance so small that jineng's time prints as 0 has no ratio: shown as 0)
printf 'same instance: jineng %ss, clue::solve_LSAP %ss, speed ratio %.1fx; total distance %s m vs %s m (%s)\n' \
  "$jt" "$rt" "$(echo "if ($jt > 0) $rt / $jt else 0" | bc -l)" "$jm" "$rm" "$([ "$jm" = "$rm" ] && echo equal || echo DIFFERENT)"
[ "$jm" = "$rm" ]
