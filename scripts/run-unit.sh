#!/usr/bin/env bash
# Runs every cmocka unit-test binary in DIR; prints one summary line; fails if any test fails.
set -u
dir=${1:-build/tests}
pass=0; fail=0; failed=()
for t in "$dir"/test_*; do
  [ -x "$t" ] || continue
  out=$("$t" 2>&1); rc=$?
  p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
  f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
  pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
  if [ $rc -ne 0 ]; then
    failed+=("$(basename "$t")"); [ -z "$f" ] && fail=$((fail + 1))
    printf '%s\n' "$out" | grep -E 'FAILED|ERROR|error|Assert|runtime error' | head -20
  fi
done
echo "unit: $pass passed, $fail failed"
[ ${#failed[@]} -eq 0 ] || { echo "unit: failing binaries: ${failed[*]}"; exit 1; }
