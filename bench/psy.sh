#!/usr/bin/env bash
# Psychometrics benchmark: jineng psy against eRm (Rasch CML) and psych (alpha) on 200,000 x 100 Rasch
# data with a fixed seed, 2PL MML-EM on 200,000 x 100 2PL data, and collusion on 2,000 x 100.
# Usage: bash bench/psy.sh [BUILD_DIR] [ERM_ROWS]   (ERM_ROWS: eRm's subsample, default 20000)
set -euo pipefail
B=${1:-build}; ERM_ROWS=${2:-20000}
J=$PWD/$B/jineng; R=$PWD/bench/psy
[ -x "$J" ] || make -s all
need=()
for p in r-base-core r-cran-erm r-cran-psych bc; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT; cd "$W"
T0=0; tic() { T0=$(date +%s.%N); }; toc() { echo "$(date +%s.%N) - $T0" | bc; }
echo "== data: 200,000 x 100 Rasch, seed 42; 200,000 x 100 2PL, seed 7"
"$J" psy simulate --persons 200000 --items 100 --model rasch --seed 42 --out rasch.csv --truth rasch_truth.csv
"$J" psy simulate --persons 200000 --items 100 --model 2pl --seed 7 --out twopl.csv --truth twopl_truth.csv
echo "== Rasch CML: jineng (whole file) vs eRm::RM (first $ERM_ROWS rows, extrapolated linearly in persons)"
tic; "$J" psy calibrate --model rasch --in rasch.csv --out j_rasch.csv 2>j_rasch.log; jt=$(toc)
"$J" psy calibrate --model rasch --in <(head -n $((ERM_ROWS + 1)) rasch.csv) --out j_rasch_sub.csv 2>/dev/null
Rscript "$R/erm_rasch.R" rasch.csv erm.csv "$ERM_ROWS" | tee erm.log
et=$(sed -n 's/.*erm_seconds=\([0-9.]*\).*/\1/p' erm.log)
ex=$(echo "$et * 200000 / $ERM_ROWS" | bc -l)
diff=$(paste -d, <(tail -n +2 j_rasch_sub.csv | cut -d, -f3) <(tail -n +2 erm.csv | cut -d, -f2) |
  awk -F, '{d=$1-$2; if (d<0) d=-d; if (d>m) m=d} END {printf "%.2e", m}')
printf 'jineng_rasch_seconds=%.2f (200000 rows, CSV read included)\n' "$jt"
printf 'erm_seconds=%.2f on %d rows, extrapolated to 200000: %.1f; speed ratio %.0fx\n' "$et" "$ERM_ROWS" "$ex" "$(echo "$ex / $jt" | bc -l)"
echo "max_abs_diff_difficulty (same $ERM_ROWS rows, eRm b = -betapar, both sum-zero)=$diff"
echo "== alpha: jineng psy ctt vs psych::alpha (200000 x 100)"
tic; "$J" psy ctt --in rasch.csv > j_ctt.csv; ct=$(toc)
Rscript "$R/psych_alpha.R" rasch.csv | tee psych.log
pt=$(sed -n 's/.*psych_seconds=\([0-9.]*\).*/\1/p' psych.log)
ja=$(tail -1 j_ctt.csv | sed 's/alpha=\([0-9.]*\).*/\1/'); pa=$(sed -n 's/.*alpha=\([0-9.]*\).*/\1/p' psych.log)
ad=$(paste -d, <(sed -n '2,101p' j_ctt.csv | cut -d, -f5,6) <(tail -n +2 psych_alpha_items.csv | cut -d, -f2,3) |
  awk -F, '{d=$1-$4; if (d<0) d=-d; e=$2-$3; if (e<0) e=-e; if (d>m) m=d; if (e>m) m=e} END {printf "%.2e", m}')
printf 'jineng_ctt_seconds=%.2f psych_seconds=%.2f speed ratio %.0fx; alpha %s vs %s; max_abs_diff(r_drop, alpha_if_dropped)=%s\n' \
  "$ct" "$pt" "$(echo "$pt / $ct" | bc -l)" "$ja" "$pa" "$ad"
echo "== 2PL MML-EM (61 points, 2 threads), 200000 x 100"
tic; "$J" psy calibrate --model 2pl --in twopl.csv --out j_2pl.csv 2>j_2pl.log; tt=$(toc)
cat j_2pl.log
rm2=$(paste -d, <(tail -n +2 j_2pl.csv | cut -d, -f2,3) <(tail -n +2 twopl_truth.csv | cut -d, -f2,3) |
  awk -F, '{sa+=($1-$3)^2; sb+=($2-$4)^2; n++} END {printf "rmse_a=%.4f rmse_b=%.4f", sqrt(sa/n), sqrt(sb/n)}')
printf 'jineng_2pl_seconds=%.2f %s (against the generating values)\n' "$tt" "$rm2"
echo "== collusion: 2000 candidates x 100 items"
Rscript "$R/gen_raw.R" 2000 100 raw.csv key.csv
tic; "$J" psy collusion --in raw.csv --key key.csv > pairs.csv 2>pairs.log; kt=$(toc)
printf 'jineng_collusion_seconds=%.2f ' "$kt"; cat pairs.log
