#!/usr/bin/env bash
# Runs every benchmark; each prints its figure next to its reference run (see docs/PERFORMANCE.md).
# Run on a quiet machine: the reference and jineng share the same 2 cores, and anything else running skews both.
set -uo pipefail
B=${1:-build}
cd "$(dirname "$0")/.."
echo "== HTTP (bench/http.sh) =="; bash bench/http.sh "$B"
echo "== import (bench/import.sh) =="; bash bench/import.sh "$B"
echo "== certificate verification (bench/verify.sh) =="; bash bench/verify.sh "$B"
echo "== psychometrics (bench/psy.sh) =="; bash bench/psy.sh "$B"
echo "== many-facet Rasch (bench/psy_mfrm.sh) =="; bash bench/psy_mfrm.sh "$B"
echo "== subsidy rules in a batch (bench/subsidy.sh) =="; bash bench/subsidy.sh "$B"
echo "== exam autosave (bench/autosave.sh) =="; bash bench/autosave.sh "$B"
echo "== a room pressing start (bench/start.sh) =="; bash bench/start.sh "$B"
echo "== 工资价位 publication (bench/wages.sh) =="; bash bench/wages.sh "$B"
