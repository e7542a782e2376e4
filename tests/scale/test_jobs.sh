#!/usr/bin/env bash
# extract --jobs: workers run the rules, one writer stores. The result (the
# export byte for byte, and every candidate set aside, rule run and date)
# and the messages must be those of --jobs 1; a worker that dies leaves the
# database as after the last committed batch, and a rerun finishes the job.
# Usage: test_jobs.sh QUARRY_BINARY SOURCE_DIR
set -u
quarry=$1
source_dir=$2
shared="$source_dir/../shared"
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-jobs.XXXXXX")
trap 'rm -rf "$work"' EXIT
unset QUARRY_DB
. "$source_dir/tests/cli/checks.sh"
. "$source_dir/tests/scale/corpus.sh"

# the samples (text, HTML with regions, JSONL) and the seeds, as files
inputs=("$source_dir/data/samples" "$source_dir/tests/eval/docs")
if [ -d "$shared/seeds" ]; then inputs+=("$shared/seeds"); fi
for jobs in 1 2 3; do
  "$quarry" --db "$work/j$jobs.db" ingest --no-progress "${inputs[@]}" 2>/dev/null
  expect 0 "extract --jobs $jobs" -- "$quarry" --db "$work/j$jobs.db" extract --jobs "$jobs" --batch 4
  cp "$work/err" "$work/j$jobs.err"
  "$quarry" --db "$work/j$jobs.db" export >"$work/j$jobs.export"
  db_state "$work/j$jobs.db" >"$work/j$jobs.state"
done
[ -s "$work/j1.export" ] && pass || fail "the --jobs 1 export is empty"
for jobs in 2 3; do
  cmp -s "$work/j1.export" "$work/j$jobs.export" && pass || fail "export of --jobs $jobs differs from --jobs 1"
  cmp -s "$work/j1.state" "$work/j$jobs.state" && pass || { fail "database after --jobs $jobs differs from --jobs 1"; diff "$work/j1.state" "$work/j$jobs.state" | head -5; }
  cmp -s "$work/j1.err" "$work/j$jobs.err" && pass || { fail "messages of --jobs $jobs differ from --jobs 1"; diff "$work/j1.err" "$work/j$jobs.err" | head -5; }
done
contains "$work/j2.err" "extract: money (new) run on" "the run says what ran"

# JSON Lines documents too: a bigger set, with 3,000 Reuters stories when
# they are there (over the 2 MB from which extract without --jobs starts
# a worker per core)
REUTERS_LINES=3000 make_corpus "$work/corpus.jsonl"
for jobs in 1 default; do
  "$quarry" --db "$work/c$jobs.db" ingest --no-progress "$work/corpus.jsonl" 2>/dev/null
  if [ "$jobs" = default ]; then option=(); else option=(--jobs "$jobs"); fi
  "$quarry" --db "$work/c$jobs.db" extract "${option[@]}" --format json >"$work/c$jobs.json" 2>"$work/c$jobs.err"
  "$quarry" --db "$work/c$jobs.db" export >"$work/c$jobs.export"
  db_state "$work/c$jobs.db" >"$work/c$jobs.state"
done
cmp -s "$work/c1.export" "$work/cdefault.export" && pass || fail "JSONL corpus: export without --jobs differs from --jobs 1"
cmp -s "$work/c1.state" "$work/cdefault.state" && pass || fail "JSONL corpus: database without --jobs differs from --jobs 1"
contains "$work/c1.json" '"workers":0' "--jobs 1 runs the rules in its own process"
text_bytes=$("$quarry" --db "$work/c1.db" query --format csv "SELECT sum(length(CAST(text AS BLOB))) AS n FROM documents" | tail -1 | tr -d '\r')
if [ "$text_bytes" -ge 2000000 ] && [ "$(nproc)" -ge 2 ]; then
  contains "$work/cdefault.json" "\"workers\":$(nproc)" "without --jobs, a worker per core for a corpus over 2 MB"
fi
"$quarry" --db "$work/small.db" ingest --no-progress "$source_dir/data/samples" 2>/dev/null
expect 0 "extract without --jobs, a small corpus" -- "$quarry" --db "$work/small.db" extract --format json
contains "$work/out" '"workers":0' "without --jobs, a small corpus is done in one process"
"$quarry" --db "$work/small2.db" ingest --no-progress "$source_dir/data/samples" 2>/dev/null
expect 0 "extract --jobs 2, a small corpus" -- "$quarry" --db "$work/small2.db" extract --format json --jobs 2
contains "$work/out" '"workers":2' "--jobs 2 starts two workers whatever the size"

# --- incremental: a changed rule, a removed rule, --force, --doc ----------------------
mkdir -p "$work/rules"
cp -r "$source_dir"/rules/* "$work/rules/"
for jobs in 1 2; do
  "$quarry" --db "$work/j$jobs.db" extract --jobs "$jobs" --no-default-rules --rules "$work/rules" 2>/dev/null
done
echo "-- changed" >>"$work/rules/money.lua"
rm "$work/rules/tech_node.lua"
for jobs in 1 2; do
  expect 0 "incremental --jobs $jobs" -- "$quarry" --db "$work/j$jobs.db" extract --jobs "$jobs" --no-default-rules --prune --rules "$work/rules"
  cp "$work/err" "$work/inc$jobs.err"
  "$quarry" --db "$work/j$jobs.db" export >"$work/inc$jobs.export"
  db_state "$work/j$jobs.db" >"$work/inc$jobs.state"
done
contains "$work/inc2.err" "extract: money (changed) run on" "a changed rule runs again"
contains "$work/inc2.err" "dropped the annotations of removed rule tech_node" "a removed rule's output is dropped"
cmp -s "$work/inc1.export" "$work/inc2.export" && pass || fail "incremental: export of --jobs 2 differs"
# ... and both are what a fresh extract with these rules stores (stored
# values keep their null members: {"speaker":null})
"$quarry" --db "$work/fresh.db" ingest --no-progress "${inputs[@]}" 2>/dev/null
"$quarry" --db "$work/fresh.db" extract --jobs 1 --no-default-rules --rules "$work/rules" 2>/dev/null
"$quarry" --db "$work/fresh.db" export >"$work/fresh.export"
cmp -s "$work/fresh.export" "$work/inc1.export" && pass || { fail "incremental export differs from a fresh extract's"; diff "$work/fresh.export" "$work/inc1.export" | head -4; }
contains "$work/inc2.export" '"value":{"speaker":null}' "a kept quote keeps its null speaker"
cmp -s "$work/inc1.state" "$work/inc2.state" && pass || fail "incremental: database of --jobs 2 differs"
cmp -s "$work/inc1.err" "$work/inc2.err" && pass || fail "incremental: messages of --jobs 2 differ"
expect 0 "--force --doc with --jobs 2" -- "$quarry" --db "$work/j2.db" extract --jobs 2 --force --no-default-rules --rules "$work/rules" \
  --doc 01-russia-china-ai-year.txt --doc 07-digital-silk-road-africa.html
contains "$work/err" "2 documents, 2 updated" "--doc and --force reach the workers"
"$quarry" --db "$work/j2.db" export >"$work/forced.export"
cmp -s "$work/inc1.export" "$work/forced.export" && pass || fail "--force with --jobs 2 changed the export"

# --- a rule that raises: the same messages and status as --jobs 1 --------------------------
cat >"$work/rules/raises.lua" <<'LUA'
local lpeg = require "lpeg"
return {
  name = "raises", type = "tech",
  pattern = lpeg.P"Huawei",
  value = function(_, match)
    if match.doc.name:find("^0[1-4]") then error("no Huawei in " .. match.doc.name) end
    return { field = "5g" }
  end,
}
LUA
for jobs in 1 2; do
  expect 2 "a raising rule, --jobs $jobs" -- "$quarry" --db "$work/j$jobs.db" extract --jobs "$jobs" --no-default-rules --rules "$work/rules"
  cp "$work/err" "$work/raise$jobs.err"
done
contains "$work/raise2.err" "raises.lua:6: no Huawei in" "the error names the rule's file and line"
cmp -s "$work/raise1.err" "$work/raise2.err" && pass || { fail "rule errors: messages of --jobs 2 differ"; diff "$work/raise1.err" "$work/raise2.err" | head; }
rm "$work/rules/raises.lua"

# --- a worker that dies: the database keeps the committed batches; a rerun finishes ----
# (a rule cannot end its process: the sandbox has no os.exit; so a worker
# is killed from outside, in the middle of a run a slow rule makes long)
# (about 3 s of CPU time in all, spread over the documents)
per_doc=$(awk -v n="$(wc -l <"$work/corpus.jsonl")" 'BEGIN { printf "%.4f", 3 / (n > 0 ? n : 1) }')
cat >"$work/rules/slow.lua" <<LUA
return {
  name = "slow", type = "tech",
  apply = function()
    local stop = os.clock() + $per_doc -- CPU time, well inside the budget
    while os.clock() < stop do end
  end,
}
LUA
"$quarry" --db "$work/ref.db" ingest --no-progress "$work/corpus.jsonl" 2>/dev/null
"$quarry" --db "$work/ref.db" extract --jobs 1 --no-default-rules --rules "$work/rules" 2>/dev/null
"$quarry" --db "$work/ref.db" export >"$work/ref.export"
"$quarry" --db "$work/die.db" ingest --no-progress "$work/corpus.jsonl" 2>/dev/null
"$quarry" --db "$work/die.db" extract --jobs 2 --batch 2 --no-progress --no-default-rules --rules "$work/rules" \
  >"$work/out" 2>"$work/err" &
writer=$!
victim=""
for _ in $(seq 1 100); do
  # (the workers run the same program with --worker and this test's
  # database: other runs on the machine, another test's or a benchmark's,
  # are not to be touched)
  victim=$(pgrep -n -f -- "$work/die[.]db extract --worker " || true)
  [ -n "$victim" ] && break
  sleep 0.1
done
sleep 1
[ -n "$victim" ] && kill -9 "$victim" 2>/dev/null
wait "$writer"
died=$?
if [ -n "$victim" ] && [ "$died" -ne 0 ]; then
  equals "$died" 2 "a killed worker stops the run with status 2"
  contains "$work/err" "stopped before it finished" "the writer says a worker stopped"
  done_count=$("$quarry" --db "$work/die.db" query --format csv "SELECT count(DISTINCT document) AS n FROM rule_runs" | tail -1 | tr -d "\r")
  equals "$(( done_count % 2 ))" 0 "only whole batches are stored ($done_count documents)"
else
  echo "note: the run ended before a worker could be killed; only the rerun is checked"
fi
expect 0 "the rerun" -- "$quarry" --db "$work/die.db" extract --jobs 2 --no-default-rules --rules "$work/rules"
"$quarry" --db "$work/die.db" export >"$work/die.export"
cmp -s "$work/ref.export" "$work/die.export" && pass || fail "the rerun after a dead worker does not finish the job"
rm "$work/rules/slow.lua"

# --- Ctrl-C: SIGINT to the process group in the middle of a run ---------------------
# (the JSONL corpus, a few seconds of work: when the machine finishes it
# before the signal, only the rerun's check is left)
"$quarry" --db "$work/int.db" ingest --no-progress "$work/corpus.jsonl" 2>/dev/null
# (a background job of a script starts with SIGINT ignored: env sets it back)
setsid env --default-signal=INT "$quarry" --db "$work/int.db" extract --jobs 2 --batch 50 --no-progress >/dev/null 2>&1 &
pid=$!
sleep 2
kill -INT -- "-$pid" 2>/dev/null
wait "$pid"
interrupted=$?
stored=$("$quarry" --db "$work/int.db" query --format csv "SELECT count(DISTINCT document) AS n FROM rule_runs" | tail -1 | tr -d '\r')
total=$("$quarry" --db "$work/int.db" query --format csv "SELECT count(*) AS n FROM documents" | tail -1 | tr -d '\r')
if [ "$interrupted" -ne 0 ]; then
  equals "$interrupted" 130 "Ctrl-C ends extract (128 + SIGINT)"
  equals "$(( stored % 50 == 0 || stored == total ))" 1 "after Ctrl-C the database holds whole batches ($stored documents stored)"
fi
sleep 1
leftover=$(grep -l -a -- "$work/int[.]db" /proc/[0-9]*/cmdline 2>/dev/null | wc -l)
equals "$leftover" 0 "Ctrl-C ends the workers too"
expect 0 "the rerun after Ctrl-C" -- "$quarry" --db "$work/int.db" extract --jobs 2
"$quarry" --db "$work/int.db" export >"$work/int.export"
cmp -s "$work/c1.export" "$work/int.export" && pass || fail "the rerun after Ctrl-C does not finish the job"

# --- usage -------------------------------------------------------------------------
expect 1 "--jobs 0" -- "$quarry" --db "$work/j1.db" extract --jobs 0
contains "$work/err" "--jobs takes a whole number" "--jobs 0 is a usage error"
expect 1 "--batch x" -- "$quarry" --db "$work/j1.db" extract --batch x

finish "extract --jobs"
