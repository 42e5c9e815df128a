#!/usr/bin/env bash
# fuzz.sh replay DIR NAME...: feeds tests/fuzz/corpus/NAME to DIR/replay-NAME (built without libFuzzer), once
#   each; fails on the first input that crashes (ASan/UBSan in `make asan`, or an abort) or, for the HTTP
#   harness, gets a 500 reply.
# fuzz.sh run DIR NAME...: runs DIR/fuzz-NAME (libFuzzer, ASan + UBSan) for FUZZ_SECONDS each (default 60) on
#   a scratch copy of the corpus (build-fuzz/corpus/NAME; new inputs land there, the repo corpus is read
#   only), with tests/fuzz/NAME.dict when present; crash inputs are written to build-fuzz/crashes/NAME.
#   FUZZ_NICE (default 10) is the nice level, FUZZ_ARGS extra libFuzzer options.
set -u
mode=$1 dir=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
# caches fontconfig, cairo and pango keep for the life of the process are not leaks of ours
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}
# a 32 MB quarantine (default 256) still catches use after free within a run and costs ~17% less CPU (page
# faults of a quarantine that never recycles)
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=32}
case $mode in
replay)
  # a 500 is a failure in the replay: the corpus holds the requests that once got one (regress-*)
  export FUZZ_HTTP_STRICT=1
  for n in "$@"; do
    out=$("$dir/replay-$n" "$root/tests/fuzz/corpus/$n" 2>&1) || {
      printf '%s\n' "$out" | tail -30
      echo "fuzz replay: $n FAILED"
      exit 1
    }
    printf '%s\n' "$out" | grep '^replay' | sed "s|^replay [^:]*|fuzz replay $n|"
  done
  ;;
run)
  secs=${FUZZ_SECONDS:-60}
  fail=0
  for n in "$@"; do
    work=$root/build-fuzz/corpus/$n crashes=$root/build-fuzz/crashes/$n
    mkdir -p "$work" "$crashes"
    dict=()
    [ -f "$root/tests/fuzz/$n.dict" ] && dict=(-dict="$root/tests/fuzz/$n.dict")
    # the longest input each harness takes: requests and CSV files need room for long values
    case $n in
    http | qr) maxlen=(-max_len=2048) ;;
    csv | psy | xlsx) maxlen=(-max_len=4096) ;;
    *) maxlen=() ;;
    esac
    log=$root/build-fuzz/$n.log
    echo "fuzz $n: $secs s (log $log)"
    # shellcheck disable=SC2086
    nice -n "${FUZZ_NICE:-10}" "$dir/fuzz-$n" -max_total_time="$secs" -print_final_stats=1 -timeout=30 \
      -rss_limit_mb=4096 -artifact_prefix="$crashes/" "${maxlen[@]}" "${dict[@]}" ${FUZZ_ARGS:-} "$work" \
      "$root/tests/fuzz/corpus/$n" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    echo "fuzz $n: exit $rc, ${runs:-?} executions"
    if [ $rc -ne 0 ]; then
      grep -E 'ERROR|runtime error|SUMMARY|Test unit written' "$log" | head -10
      fail=1
    fi
  done
  exit $fail
  ;;
*)
  echo "usage: fuzz.sh replay|run DIR NAME..." >&2
  exit 2
  ;;
esac
