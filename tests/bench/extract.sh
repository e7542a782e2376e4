#!/usr/bin/env bash
# Rule engine benchmark, on ../shared/corpus (or, when absent, the seeds
# copied to >= 10 MB), in a release build:
#   1. quarry extract with the shipped rules into a fresh copy of the
#      ingested database (storage included): median time, MB/s, peak RSS;
#   2. the engine alone (no storage) with the shipped rules and with ten
#      simple rules (tests/bench/simple_rules): median MB/s;
#   3. a gazetteer of >= 10,000 entries scanning the same text.
# Usage: tests/bench/extract.sh [QUARRY_BINARY] [RUNS]
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
quarry=${1:-$here/build/quarry}
runs=${2:-5}
shared="$here/../shared"
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }

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
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
s=$(median <"$work/times"); rss=$(median <"$work/rss")
awk -v b="$bytes" -v s="$s" -v rss="$rss" -v runs="$runs" 'BEGIN {
  printf "extract, shipped rules, stored:   median %.2f s, %.1f MB/s, peak RSS %.0f MB (%d runs)\n", s, b/1e6/s, rss/1024, runs }'
printf "engine alone, shipped rules:      "
"$quarry" --db "$work/base.db" run "$here/tests/bench/engine.lua" "$runs" "$here/rules"
printf "engine alone, ten simple rules:   "
"$quarry" --db "$work/base.db" run "$here/tests/bench/engine.lua" "$runs" "$here/tests/bench/simple_rules"
printf "gazetteer:                        "
"$quarry" --db "$work/base.db" run "$here/tests/bench/gazetteer.lua" $corpus_jsonl "$runs" | grep "find_flat: median"
