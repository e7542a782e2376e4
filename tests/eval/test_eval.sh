#!/usr/bin/env bash
# Scores the default rule pack against the gold of tests/eval (four articles
# written for this test, see README.md there) and, when they exist, against
# the reference gold in ../shared (seeds.jsonl over ../shared/seeds, with
# seeds.relations.jsonl) and the real texts nobody here wrote
# (../shared/gold/real: gold.jsonl and relations.jsonl over its articles),
# and checks the thresholds the rule pack must meet:
#   F1 >= 0.95 for money, percent, date, country, tech; >= 0.90 for org,
#   person, quote; value accuracy >= 0.97 for money, percent, date, country,
#   >= 0.90 for person and quote (the quote's speaker); relation F1 >= 0.75
#   where there is relation gold; boilerplate: >= 95% of its bytes marked
#   (90% on the real texts) and <= 1% of article bytes wrongly marked.
# Prints one line per check (PASS|FAIL SET TYPE METRIC VALUE OP THRESHOLD),
# after each set's eval table, and a closing "N passed, N failed"; exits 1
# on any failure, else 77 (a ctest skip) when a set's gold is not there.
# One more check: tests/eval/gold.jsonl is what
# make_gold.lua makes of gold_spec.tsv (so the spec is the source).
# Usage: test_eval.sh QUARRY_BINARY SOURCE_DIR [SETS]
# SETS is "eval seeds real" (the default: all three), or any of them.
set -u
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 QUARRY_BINARY SOURCE_DIR [SETS]" >&2
  exit 2
fi
sets=" ${3:-eval seeds real} "
quarry=$1
source_dir=$2
shared="$source_dir/../shared"
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-eval.XXXXXX")
trap 'rm -rf "$work"' EXIT
# the rules and scripts of SOURCE_DIR, unless the caller chose others
export QUARRY_HOME="${QUARRY_HOME:-$source_dir}"
unset QUARRY_DB

# The thresholds, read from the JSON of `quarry eval --format json`:
# {"types":[{"type":..,"f1":..,"value_accuracy":..,...}],
#  "boilerplate":{"boilerplate_recall_bytes":..,"article_bytes_marked":..,...}}
# A metric the report leaves out (no gold, no match) fails.
cat >"$work/thresholds.lua" <<'LUA'
local json = require("quarry").json
local set, path, relations_only = arg[1], arg[2], arg[3] == "relations"
local file = assert(io.open(path, "rb"))
local ok, report = pcall(json.decode, file:read("a"))
file:close()
if not ok or type(report) ~= "table" then
  print(string.format("FAIL %s eval json - unreadable -", set))
  return
end
local rows = {}
for _, row in ipairs(report.types or {}) do rows[row.type] = row end
local bp = report.boilerplate or {}
local bp_recall = set == "real" and 0.90 or 0.95
local checks = {
  { "money", "f1", ">=", 0.95 }, { "percent", "f1", ">=", 0.95 }, { "date", "f1", ">=", 0.95 },
  { "country", "f1", ">=", 0.95 }, { "tech", "f1", ">=", 0.95 },
  { "org", "f1", ">=", 0.90 }, { "person", "f1", ">=", 0.90 }, { "quote", "f1", ">=", 0.90 },
  { "money", "value_accuracy", ">=", 0.97 }, { "percent", "value_accuracy", ">=", 0.97 },
  { "date", "value_accuracy", ">=", 0.97 }, { "country", "value_accuracy", ">=", 0.97 },
  { "person", "value_accuracy", ">=", 0.90 }, { "quote", "value_accuracy", ">=", 0.90 },
  { "boilerplate", "boilerplate_recall_bytes", ">=", bp_recall },
  { "boilerplate", "article_bytes_marked", "<=", 0.01 },
}
if relations_only then checks = { { "relation", "f1", ">=", 0.75 } } end
for _, c in ipairs(checks) do
  local typ, metric, op, threshold = c[1], c[2], c[3], c[4]
  local value
  if typ == "boilerplate" then value = bp[metric] else value = (rows[typ] or {})[metric] end
  local good = type(value) == "number"
    and ((op == ">=" and value >= threshold) or (op == "<=" and value <= threshold))
  print(string.format("%s %s %s %s %s %s %.2f", good and "PASS" or "FAIL", set, typ, metric,
                      type(value) == "number" and string.format("%.4f", value) or "-", op, threshold))
end
LUA

: >"$work/results"
# evaluate SET DOCS_DIR GOLD [RELATIONS]: a scratch database, ingest,
# extract, eval, checks (and the relation gold's, when given)
evaluate() {
  local set=$1 docs=$2 gold=$3 relations=${4:-} db="$work/$1.db" status
  echo "== $set: $docs against $gold"
  "$quarry" --db "$db" ingest --no-progress "$docs" >"$work/$set.ingest" 2>&1
  status=$?
  if [ $status -ne 0 ]; then
    sed 's/^/  /' "$work/$set.ingest"
    echo "FAIL $set ingest exit-status $status == 0" | tee -a "$work/results"
    return
  fi
  "$quarry" --db "$db" extract >"$work/$set.extract" 2>&1
  status=$?
  if [ $status -ne 0 ]; then
    sed 's/^/  /' "$work/$set.extract" | head -20
    # the rules that did run are still scored
    echo "FAIL $set extract exit-status $status == 0" | tee -a "$work/results"
  fi
  "$quarry" --db "$db" eval "$gold" 2>&1 | sed 's/^/  /'
  "$quarry" --db "$db" eval --format json "$gold" >"$work/$set.json" 2>"$work/$set.eval-err"
  status=$?
  if [ $status -ne 0 ]; then
    sed 's/^/  /' "$work/$set.eval-err"
    echo "FAIL $set eval exit-status $status == 0" | tee -a "$work/results"
    return
  fi
  "$quarry" --db "$db" run "$work/thresholds.lua" "$set" "$work/$set.json" >"$work/$set.checks" 2>&1
  status=$?
  tee -a "$work/results" <"$work/$set.checks"
  if [ $status -ne 0 ]; then
    echo "FAIL $set thresholds exit-status $status == 0" | tee -a "$work/results"
  fi
  if [ -n "$relations" ]; then
    # with the entity gold beside it, so that every document of the set is
    # scored: a relation found where the gold has none is a false hit
    cat "$gold" "$relations" >"$work/$set.all.jsonl"
    "$quarry" --db "$db" eval --type relation "$work/$set.all.jsonl" 2>&1 | sed 's/^/  /'
    if "$quarry" --db "$db" eval --format json --type relation "$work/$set.all.jsonl" >"$work/$set.rel.json" 2>"$work/$set.eval-err"; then
      "$quarry" --db "$db" run "$work/thresholds.lua" "$set" "$work/$set.rel.json" relations 2>&1 \
        | tee -a "$work/results"
    else
      sed 's/^/  /' "$work/$set.eval-err"
      echo "FAIL $set relations eval exit-status 0" | tee -a "$work/results"
    fi
  fi
}

# gold.jsonl is what make_gold.lua makes of gold_spec.tsv
eval_dir="$source_dir/tests/eval"
echo "== gold: $eval_dir/gold.jsonl against make_gold.lua's output"
if "$quarry" --db "$work/make_gold.db" run "$eval_dir/make_gold.lua" "$eval_dir/gold_spec.tsv" \
     "$eval_dir/docs" "$work/gold.jsonl" >"$work/make_gold.out" 2>&1 \
   && cmp -s "$work/gold.jsonl" "$eval_dir/gold.jsonl"; then
  echo "PASS eval gold.jsonl is-made-from gold_spec.tsv" | tee -a "$work/results"
else
  sed 's/^/  /' "$work/make_gold.out" | head -20
  echo "FAIL eval gold.jsonl is-made-from gold_spec.tsv (run make_gold.lua)" | tee -a "$work/results"
fi
case "$sets" in *" eval "*) evaluate eval "$eval_dir/docs" "$eval_dir/gold.jsonl" ;; esac
case "$sets" in
  *" seeds "*)
    if [ -f "$shared/gold/seeds.jsonl" ] && [ -d "$shared/seeds" ]; then
      evaluate seeds "$shared/seeds" "$shared/gold/seeds.jsonl" "$shared/gold/seeds.relations.jsonl"
    else
      echo "SKIP seeds: no gold at $shared/gold/seeds.jsonl" | tee -a "$work/results"
    fi ;;
esac
case "$sets" in
  *" real "*)
    if [ -f "$shared/gold/real/gold.jsonl" ] && [ -d "$shared/gold/real/articles" ]; then
      evaluate real "$shared/gold/real/articles" "$shared/gold/real/gold.jsonl" \
        "$shared/gold/real/relations.jsonl"
    else
      echo "SKIP real: no gold at $shared/gold/real/gold.jsonl" | tee -a "$work/results"
    fi ;;
esac

passed=$(grep -c '^PASS ' "$work/results")
failed=$(grep -c '^FAIL ' "$work/results")
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "FAIL no checks ran"; fi
skipped=$(grep -c '^SKIP ' "$work/results")
if [ "$skipped" -eq 0 ]; then echo "$passed passed, $failed failed"
else echo "$passed passed, $failed failed, $skipped set(s) skipped"; fi
# a set that could not run makes the test a skip for ctest (77), unless a
# check failed
[ "$failed" -eq 0 ] || exit 1
[ "$skipped" -eq 0 ] || exit 77
