#!/usr/bin/env bash
# Runs every benchmark; each prints its figure next to its reference run (see docs/PERFORMANCE.md).
set -uo pipefail
B=${1:-build}
cd "$(dirname "$0")/.."
echo "== HTTP (bench/http.sh) =="; bash bench/http.sh "$B"
echo "== import (bench/import.sh) =="; bash bench/import.sh "$B"
if [ -x bench/psy/run.sh ]; then echo "== psychometrics (bench/psy/run.sh) =="; bash bench/psy/run.sh "$B"; fi
