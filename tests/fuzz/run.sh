#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (cmake -DQUARRY_FUZZ=ON) and runs
# each for SECONDS over its corpus: the seeds (data/ and tests/fuzz/seeds/)
# plus what earlier runs in BUILD_DIR found. A crash, a leak, undefined
# behaviour or a broken promise of a target fails the run; the input is
# kept in BUILD_DIR/crashes/ and the end of the log is printed.
# Usage: tests/fuzz/run.sh SECONDS [BUILD_DIR]   (default BUILD_DIR: build-fuzz)
# FUZZ_TARGETS="html rules" runs only those targets (default: all five).
# Exit status: 0 nothing found, 1 a target found something or did not
# build, 77 clang or its fuzzer runtime is not installed (skipped).
set -u
seconds=${1:?usage: tests/fuzz/run.sh SECONDS [BUILD_DIR]}
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build=${2:-$source_dir/build-fuzz}
case $build in /*) ;; *) build=$PWD/$build ;; esac

if ! command -v clang >/dev/null; then
  echo "skipped: clang is not installed (Debian: apt-get install clang)"
  exit 77
fi
probe=$(mktemp -d "${TMPDIR:-/tmp}/quarry-fuzz-probe.XXXXXX")
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\n%s\n' \
  'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }' \
  >"$probe/probe.c"
if ! clang -fsanitize=fuzzer,address,undefined "$probe/probe.c" -o "$probe/probe" 2>/dev/null; then
  rm -rf "$probe"
  echo "skipped: clang cannot link libFuzzer here (-fsanitize=fuzzer)"
  exit 77
fi
rm -rf "$probe"

echo "== building the fuzz targets in $build"
CC=clang cmake -S "$source_dir" -B "$build" -DQUARRY_FUZZ=ON -DQUARRY_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 1
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" >"$build/build.log" 2>&1 \
  || { tail -30 "$build/build.log"; exit 1; }

# seeds TARGET: the files a target's corpus starts from
seeds() {
  case $1 in
    text) ls "$source_dir"/data/samples/*.txt "$source_dir"/data/*.txt ;;
    html) ls "$source_dir"/data/samples/*.html ;;
    jsonl) ls "$source_dir"/data/samples/*.jsonl ;;
    gazetteer) ls "$source_dir"/data/*.tsv "$source_dir"/data/gazetteers/*.tsv ;;
    rules) ls "$source_dir"/data/samples/*.txt ;;
  esac
  ls "$source_dir/tests/fuzz/seeds/$1"/* 2>/dev/null
}

# How large an input may grow: the rule pack takes ~20 ms a kilobyte, so its
# inputs are kept small enough for many runs, and so are gazetteers (the
# shipped ones are 100 kB: loading one is most of a run); the loaders take
# larger ones.
max_len() { case $1 in rules) echo 4096 ;; gazetteer) echo 16384 ;; *) echo 65536 ;; esac; }

status=0
printf '%-16s %12s %8s %10s %8s  %s\n' target executions seconds "exec/s" corpus result
for target in ${FUZZ_TARGETS:-text html jsonl gazetteer rules}; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus" "$build/crashes"
  seeds "$target" | while read -r seed; do cp -n "$seed" "$corpus/" 2>/dev/null; done
  log="$build/fuzz_$target.log"
  "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2560 \
    -max_len="$(max_len "$target")" -print_final_stats=1 \
    -artifact_prefix="$build/crashes/$target-" "$corpus" >"$log" 2>&1
  code=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  files=$(ls "$corpus" | wc -l)
  if [ "$code" -eq 0 ]; then result=ok; else result="FOUND SOMETHING (exit $code)"; status=1; fi
  printf '%-16s %12s %8s %10s %8s  %s\n' "fuzz_$target" "${runs:-?}" "${took:-?}" "${rate:-?}" \
    "$files" "$result"
  if [ "$code" -ne 0 ]; then
    grep -E 'ERROR|broken promise|fuzz:|SUMMARY|Test unit written' "$log" | head -10 | sed 's/^/    /'
  fi
done
exit $status
