#!/usr/bin/env bash
# Many-facet Rasch model (jineng psy mfrm): (1) agreement and time against eRm's conditional maximum
# likelihood (LPCM over examiner x criterion virtual items, bench/psy/erm_mfrm.R) on one shared data set,
# 1,200 candidates x 12 examiners x 4 criteria, panels of 3, 0..4 points, seed 5; (2) the province-sized
# plan, 5,000 candidates x 100 examiners x 10 criteria, 0..10 points, seed 42, against the generating truth.
# Usage: bash bench/psy_mfrm.sh [BUILD_DIR]
set -euo pipefail
B=${1:-build}
J=$PWD/$B/jineng; R=$PWD/bench/psy
[ -x "$J" ] || make -s all
need=()
for p in r-base-core r-cran-erm bc; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT; cd "$W"
T0=0; tic() { T0=$(date +%s.%N); }; toc() { echo "$(date +%s.%N) - $T0" | bc; }
# agree A.csv B.csv FACET: r, RMSE, slope of A on B and the largest |A - B| over the facet's shared ids
agree() {
  join -t, <(awk -F, -v f="$3" '$1==f{print $2","$3}' "$1" | sort) <(awk -F, -v f="$3" '$1==f{print $2","$3}' "$2" | sort) |
    awk -F, '{x=$3; y=$2; n++; sx+=x; sy+=y; sxx+=x*x; syy+=y*y; sxy+=x*y; d=y-x; sd+=d*d; if (d<0) d=-d; if (d>m) m=d}
      END {cxy=sxy-sx*sy/n; cxx=sxx-sx*sx/n; cyy=syy-sy*sy/n;
        printf "n=%d r=%.4f rmse=%.4f slope=%.3f max_abs_diff=%.4f\n", n, cxy/sqrt(cxx*cyy), sqrt(sd/n), cxy/cxx, m}'
}
echo "== shared data: 1200 candidates x 12 examiners x 4 criteria, 0..4 points, seed 5"
"$J" psy simulate --model mfrm --persons 1200 --examiners 12 --criteria 4 --max 4 --batch 100 --seed 5 \
  --out shared.csv --truth shared_truth.csv
tic; "$J" psy mfrm shared.csv > j.csv 2> j.log; jt=$(toc)
"$J" psy mfrm shared.csv --no-bias-correction > j_raw.csv 2>/dev/null
Rscript "$R/erm_mfrm.R" shared.csv erm.csv | tee erm.log
et=$(sed -n 's/.*erm_seconds=\([0-9.]*\).*/\1/p' erm.log)
printf 'jineng_mfrm_seconds=%.2f (CSV read included) erm_lpcm_seconds=%.2f speed ratio %.0fx\n' "$jt" "$et" \
  "$(echo "$et / $jt" | bc -l)"
echo "severities, jineng (JMLE, (L-1)/L corrected) vs eRm CML: $(agree j.csv erm.csv examiner)"
echo "severities, jineng uncorrected JMLE vs eRm CML:          $(agree j_raw.csv erm.csv examiner)"
echo "difficulties, jineng vs eRm CML:                         $(agree j.csv erm.csv criterion)"
echo "severities, jineng vs the generating values:             $(agree j.csv shared_truth.csv examiner)"
echo "== province: 5000 candidates x 100 examiners x 10 criteria, 3 examiners each, 0..10 points, seed 42"
"$J" psy simulate --model mfrm --persons 5000 --examiners 100 --criteria 10 --max 10 --seed 42 \
  --out big.csv --truth big_truth.csv
tic; "$J" psy mfrm big.csv > big_j.csv 2> big.log; bt=$(toc)
head -1 big.log
printf 'jineng_mfrm_seconds=%.2f for 150000 ratings (CSV read included)\n' "$bt"
echo "severities vs the generating values: $(agree big_j.csv big_truth.csv examiner)"
echo "candidates vs the generating values: $(agree big_j.csv big_truth.csv candidate)"
