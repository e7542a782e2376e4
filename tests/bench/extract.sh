#!/usr/bin/env bash
# Usage: tests/bench/extract.sh [--old BINARY | --old-commit REV | --no-old]
#          [--whole-only] [--repeat-mb MB] [QUARRY_BINARY] [RUNS]
# Rule engine benchmark of QUARRY_BINARY (default build/quarry), medians of
# RUNS runs (default 3), in a release build:
#   1. the whole pack side by side with an older build (OLD: --old BINARY,
#      or the build of git revision REV made in a temp dir, by default the
#      commit before HEAD; --no-old: the new binary alone). In each run,
#      alternating between the two: quarry extract on a fresh copy of the
#      ingested Reuters corpus (../shared/corpus/reuters21578.jsonl) and on
#      that corpus repeated to about --repeat-mb MB (default 100; see
#      tests/bench/repeat.sh): MB of text per CPU second (user + system)
#      and peak RSS; `quarry rules list`
#      wall time (loading the rules); REPL start (`=1+1` piped in), wall
#      time. Then the ratio new/old. Takes about 10 minutes a run.
#   2. quarry extract with the shipped rules into a fresh copy of the
#      ingested ../shared/corpus (or, when absent, the seeds copied to
#      >= 10 MB), storage included: median time, MB/s, peak RSS;
#   3. the engine alone (no storage) with the shipped rules and with ten
#      simple rules (tests/bench/simple_rules): median MB/s;
#   4. a gazetteer of >= 10,000 entries scanning the same text.
# --whole-only stops after 1. A binary runs with its own tree's scripts
# and rules: QUARRY_HOME is set to the folder above its own folder when
# that holds scripts/ and rules/ (a build folder in a source tree), else
# left unset (the binary's compiled-in source folder).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
usage() { sed -n '2,3p' "$0" | sed 's/^# //' >&2; exit 1; }
old="" old_commit=HEAD~1 whole_only=0 repeat_mb=100 positional=()
while [ $# -gt 0 ]; do
  case $1 in
    --old) [ $# -ge 2 ] || usage; old=$2; old_commit=""; shift 2 ;;
    --old-commit) [ $# -ge 2 ] || usage; old_commit=$2; old=""; shift 2 ;;
    --no-old) old="" old_commit=""; shift ;;
    --whole-only) whole_only=1; shift ;;
    --repeat-mb) [ $# -ge 2 ] || usage; repeat_mb=$2; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "unknown option $1" >&2; usage ;;
    *) positional+=("$1"); shift ;;
  esac
done
[ ${#positional[@]} -le 2 ] || usage
quarry=$(readlink -f "${positional[0]:-$here/build/quarry}")
runs=${positional[1]:-3}
[ -x "$quarry" ] || { echo "no quarry binary at $quarry" >&2; exit 1; }
[ "$runs" -ge 1 ] 2>/dev/null || usage
[ "$repeat_mb" -ge 1 ] 2>/dev/null || usage
[ -z "$old" ] || [ -x "$old" ] || { echo "no quarry binary at $old" >&2; exit 1; }
# ../shared next to the checkout (a worktree in a folder of worktrees has
# it one level further up); $QUARRY_SHARED overrides
shared=${QUARRY_SHARED:-$here/../shared}
[ -d "$shared" ] || [ -n "${QUARRY_SHARED:-}" ] || [ ! -d "$here/../../shared" ] || shared="$here/../../shared"
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# The tree a binary takes its scripts and rules from, or "" for its own
# compiled-in one.
home_of() {
  local tree
  tree=$(dirname "$(dirname "$(readlink -f "$1")")")
  if [ -d "$tree/scripts" ] && [ -d "$tree/rules" ]; then echo "$tree"; fi
}
# run_as HOME COMMAND...: runs a quarry binary with its own tree
run_as() {
  local home=$1; shift
  if [ -n "$home" ]; then QUARRY_HOME=$home "$@"; else env -u QUARRY_HOME "$@"; fi
}
# Stored text of a database, in bytes, read with binary $2 (default the
# new one; the binary that made the database, since a read command does
# not migrate an older schema).
stored_bytes() {
  "${2:-$quarry}" --db "$1" query --format csv "SELECT sum(length(CAST(text AS BLOB))) FROM documents" \
    | tail -n 1 | tr -d '\r'
}

# 1. The whole pack, side by side ---------------------------------------------
whole_pack() {
  local reuters="$shared/corpus/reuters21578.jsonl"
  if [ ! -f "$reuters" ]; then
    echo "whole pack: skipped (no $reuters)"
    return
  fi
  if [ -n "$old_commit" ]; then
    echo "building $old_commit in $work/old ..." >&2
    mkdir -p "$work/old/tree"
    git -C "$here" archive "$old_commit" | tar -x -C "$work/old/tree"
    cmake -S "$work/old/tree" -B "$work/old/tree/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$work/old/tree/build" -j2 --target quarry >/dev/null
    old="$work/old/tree/build/quarry"
  fi
  local names=(new) bins=("$quarry") homes=("$(home_of "$quarry")")
  if [ -n "$old" ]; then names=(old new) bins=("$old" "$quarry") homes=("$(home_of "$old")" "${homes[0]}"); fi
  # the oldest binary ingests, so every binary can open (and migrate) a copy
  local copies
  "${bins[0]}" --db "$work/reuters.db" ingest --no-progress "$reuters" 2>/dev/null
  local bytes_r bytes_x
  bytes_r=$(stored_bytes "$work/reuters.db" "${bins[0]}")
  copies=$(awk -v b="$bytes_r" -v mb="$repeat_mb" 'BEGIN { c = int(mb * 1e6 / b + 0.5); print (c < 2 ? 2 : c) }')
  "$here/tests/bench/repeat.sh" "$reuters" "$copies" >"$work/repeated.jsonl"
  "${bins[0]}" --db "$work/repeated.db" ingest --no-progress "$work/repeated.jsonl" 2>/dev/null
  rm -f "$work/repeated.jsonl"
  bytes_x=$(stored_bytes "$work/repeated.db" "${bins[0]}")
  for db in reuters repeated; do   # checkpoint the WAL, so a copy is whole
    "${bins[0]}" --db "$work/$db.db" query "SELECT 1" >/dev/null
  done
  for k in "${!names[@]}"; do : >"$work/${names[$k]}.tsv"; done
  for i in $(seq "$runs"); do
    local order=("${!names[@]}")
    if [ $((i % 2)) -eq 0 ] && [ ${#names[@]} -eq 2 ]; then order=(1 0); fi
    for k in "${order[@]}"; do
      local bin=${bins[$k]} home=${homes[$k]} out="$work/${names[$k]}.tsv" line="" db
      for db in reuters repeated; do
        rm -f "$work"/run.db*
        cp "$work/$db.db" "$work/run.db"
        if ! run_as "$home" /usr/bin/time -f '%U %S %M' -o "$work/t" \
               "$bin" --db "$work/run.db" extract --no-progress 2>"$work/err" >/dev/null; then
          echo "warning: ${names[$k]} extract on $db exited non-zero: $(tail -n 3 "$work/err")" >&2
        fi
        line="$line $(awk '/^[0-9.]+ [0-9.]+ [0-9]+$/ { print $1 + $2, $3 }' "$work/t" | tail -n 1)"
      done
      rm -f "$work"/run.db* "$work/empty.db"*
      # an empty database to time start-up against (read commands refuse a
      # missing one; the REPL makes it)
      printf '' | run_as "$home" "$bin" --db "$work/empty.db" repl >/dev/null 2>&1 || true
      local t0 t1 t2
      t0=$(date +%s%N)
      run_as "$home" "$bin" --db "$work/empty.db" rules list >/dev/null 2>&1
      t1=$(date +%s%N)
      echo '=1+1' | run_as "$home" "$bin" --db "$work/empty.db" repl >/dev/null 2>&1
      t2=$(date +%s%N)
      echo "$line $(( (t1 - t0) / 1000 )) $(( (t2 - t1) / 1000 ))" >>"$out"
    done
  done
  # columns: reuters cpu s, rss KB, repeated cpu s, rss KB, rules list us, repl us
  local k c
  for k in "${!names[@]}"; do
    for c in 1 2 3 4 5 6; do
      awk -v c="$c" '{ print $c }' "$work/${names[$k]}.tsv" | median >"$work/${names[$k]}.$c"
    done
  done
  echo "whole pack, medians of $runs runs, alternating:"
  for k in "${!names[@]}"; do
    echo "  ${names[$k]}: ${bins[$k]} (rules from ${homes[$k]:-its compiled-in tree})"
  done
  # row LABEL COLUMN AWK-EXPRESSION-OF-v
  row() {
    local values=() k v
    for k in "${!names[@]}"; do
      v=$(awk -v v="$(cat "$work/${names[$k]}.$2")" -v r="$bytes_r" -v x="$bytes_x" "BEGIN { printf \"%.2f\", $3 }")
      values+=("$v")
    done
    if [ ${#values[@]} -eq 2 ]; then
      printf "%-42s %10s %10s %8s\n" "$1" "${values[0]}" "${values[1]}" \
        "$(awk -v a="${values[0]}" -v b="${values[1]}" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }')"
    else
      printf "%-42s %10s\n" "$1" "${values[0]}"
    fi
  }
  if [ ${#names[@]} -eq 2 ]; then
    printf "%-42s %10s %10s %8s\n" "" old new new/old
  else
    printf "%-42s %10s\n" "" new
  fi
  row "$(awk -v b="$bytes_r" 'BEGIN { printf "Reuters, %.1f MB: MB/s (per CPU second)", b / 1e6 }')" 1 'r / 1e6 / v'
  row "Reuters: peak RSS, MB" 2 'v / 1024'
  row "$(awk -v b="$bytes_x" -v c="$copies" 'BEGIN { printf "Reuters x%d, %.1f MB: MB/s (per CPU s)", c, b / 1e6 }')" 3 'x / 1e6 / v'
  row "Reuters x$copies: peak RSS, MB" 4 'v / 1024'
  row "rules list (loading the rules), wall s" 5 'v / 1e6'
  row "REPL start (=1+1 piped in), wall s" 6 'v / 1e6'
  rm -f "$work/reuters.db"* "$work/repeated.db"*
}
whole_pack
[ "$whole_only" -eq 0 ] || exit 0

# 2-4. The new binary alone ----------------------------------------------------
. "$here/tests/bench/corpus.sh"
corpus_jsonl=""
[ -f "$shared/corpus/reuters21578.jsonl" ] && corpus_jsonl="$shared/corpus/reuters21578.jsonl"
"$quarry" --db "$work/base.db" ingest --no-progress "${inputs[@]}" 2>/dev/null
bytes=$("$quarry" --db "$work/base.db" query --format csv "SELECT sum(length(CAST(text AS BLOB))) FROM documents" | tail -n 1 | tr -d '\r')
echo "input: $label, $(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB of stored text"

: >"$work/times"; : >"$work/rss"
for i in $(seq "$runs"); do
  rm -f "$work"/run.db*
  "$quarry" --db "$work/base.db" query "SELECT 1" >/dev/null   # checkpoint the WAL
  cp "$work/base.db" "$work/run.db"
  /usr/bin/time -f '%e %M' -o "$work/t" "$quarry" --db "$work/run.db" extract 2>/dev/null
  read -r seconds rss <"$work/t"
  echo "$seconds" >>"$work/times"; echo "$rss" >>"$work/rss"
done
s=$(median <"$work/times"); rss=$(median <"$work/rss")
awk -v b="$bytes" -v s="$s" -v rss="$rss" -v runs="$runs" 'BEGIN {
  printf "extract, shipped rules, stored:   median %.2f s, %.1f MB/s, peak RSS %.0f MB (%d runs)\n", s, b/1e6/s, rss/1024, runs }'
printf "engine alone, shipped rules:      "
"$quarry" --db "$work/base.db" run "$here/tests/bench/engine.lua" "$runs" "$here/rules"
printf "engine alone, ten simple rules:   "
"$quarry" --db "$work/base.db" run "$here/tests/bench/engine.lua" "$runs" "$here/tests/bench/simple_rules"
printf "gazetteer:                        "
"$quarry" --db "$work/base.db" run "$here/tests/bench/gazetteer.lua" $corpus_jsonl "$runs" | grep "find_flat: median"
