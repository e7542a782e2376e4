#!/usr/bin/env bash
# What the command line does for a person at a terminal, and that it does
# none of it otherwise: colour (on a terminal only, off with NO_COLOR set
# and non-empty or TERM=dumb), extract's progress line (on a terminal only,
# cleared before every other message and at the end), the --format json
# outputs (parsed back with quarry's own JSON module), and every command's
# --help. A terminal is a pty from script(1) (util-linux, in every Debian).
# Usage: test_terminal.sh QUARRY_BINARY SOURCE_DIR
set -u
quarry=$1
source_dir=$2
if ! command -v script >/dev/null 2>&1; then
  echo "SKIP: script(1) from util-linux is not installed; the terminal tests did not run"
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-terminal.XXXXXX")
trap 'rm -rf "$work"' EXIT
export QUARRY_DB="$work/test.db"
export TERM=xterm
unset NO_COLOR
. "$(dirname "$0")/checks.sh"

esc=$'\033'
# on_pty NAME COMMAND: runs the shell COMMAND on a pty (stdin, stdout and
# stderr all the terminal unless COMMAND redirects them); what the
# terminal received goes to $work/pty, the exit status to $work/pty-status.
on_pty() {
  local name=$1
  script -qec "$2" /dev/null </dev/null >"$work/pty" 2>&1
  echo $? >"$work/pty-status"
  if [ ! -s "$work/pty" ]; then fail "$name: nothing reached the terminal"; fi
}
# has_sgr FILE NAME / no_sgr FILE NAME: FILE holds a colour escape (ESC [ n m), or none
has_sgr() { if grep -q "$esc\[[0-9;]*m" "$1"; then pass; else fail "$2: no colour escape"; cat -v "$1" | head -5 | sed 's/^/  /'; fi; }
no_sgr() { if grep -q "$esc\[[0-9;]*m" "$1"; then fail "$2: a colour escape"; cat -v "$1" | head -5 | sed 's/^/  /'; else pass; fi; }
# screen FILE: the lines as a terminal leaves them: what follows the last
# carriage return of each line, with erase-line escapes removed
screen() { sed -e 's/\r$//' -e 's/.*\r//' -e "s/$esc\[K//g" "$1"; }

"$quarry" ingest --no-progress "$source_dir/data/samples" 2>/dev/null

# one small rule that passes its example keeps the runs quick (the shipped
# rules take long to test under the sanitizers); the features tested here
# do not depend on the rules
mkdir -p "$work/simple"
cat >"$work/simple/china.lua" <<'LUA'
local lpeg = require "lpeg"
return { name = "china", type = "country", pattern = lpeg.P"China", examples = { { "in China", "China" } } }
LUA
simple="--no-default-rules --rules '$work/simple'"

# --- colour: rules test (stdout) ----------------------------------------------------
mkdir -p "$work/rules"
cat >"$work/rules/broken.lua" <<'LUA'
local lpeg = require "lpeg"
return {
  name = "broken",
  type = "tech",
  pattern = lpeg.P"5G",
  value = function() return { field = "5g" } end,
  examples = { { "the 5G rollout", "5G", { field = "6g" } }, { "no G here", "5G" } },
}
LUA
cat >"$work/rules/bare.lua" <<'LUA'
local lpeg = require "lpeg"
return { name = "bare", type = "tech", pattern = lpeg.P"6G" }
LUA
on_pty "rules test on a terminal" "'$quarry' rules test --no-default-rules --rules '$work/rules' 2>/dev/null"
has_sgr "$work/pty" "rules test on a terminal"
contains "$work/pty" "${esc}[31mFAIL${esc}[0m broken" "FAIL is red"
contains "$work/pty" "${esc}[33mWARN${esc}[0m bare" "WARN is yellow"
contains "$work/pty" "${esc}[31mrules: 0 passed, 2 failed${esc}[0m" "a failing summary is red"
equals "$(cat "$work/pty-status")" 2 "rules test fails on a terminal too"
on_pty "passing rules test" "'$quarry' rules test $simple 2>/dev/null"
contains "$work/pty" "${esc}[32mrules: " "a passing summary is green"
on_pty "NO_COLOR=1" "NO_COLOR=1 '$quarry' rules test --no-default-rules --rules '$work/rules' 2>/dev/null"
no_sgr "$work/pty" "NO_COLOR=1 turns colour off"
contains "$work/pty" "FAIL broken" "NO_COLOR output is the plain text"
on_pty "NO_COLOR empty" "NO_COLOR= '$quarry' rules test --no-default-rules --rules '$work/rules' 2>/dev/null"
has_sgr "$work/pty" "an empty NO_COLOR leaves colour on"
on_pty "TERM=dumb" "TERM=dumb '$quarry' rules test --no-default-rules --rules '$work/rules' 2>/dev/null"
no_sgr "$work/pty" "TERM=dumb turns colour off"
on_pty "stdout piped" "'$quarry' rules test --no-default-rules --rules '$work/rules' 2>/dev/null | cat"
no_sgr "$work/pty" "no colour when stdout is a pipe"
contains "$work/pty" "FAIL broken" "piped rules test output"
expect 2 "rules test to a file" -- "$quarry" rules test --no-default-rules --rules "$work/rules"
no_sgr "$work/out" "no colour in a file"
contains "$work/out" "rules: 0 passed, 2 failed" "plain summary in a file"

# --- colour: error lines on stderr (C and Lua commands, the REPL) -------------------------
on_pty "C command error" "'$quarry' show no-such-doc"
contains "$work/pty" "${esc}[31mquarry: no document named no-such-doc" "a C command's error is red"
on_pty "usage error" "'$quarry' extract --bogus"
contains "$work/pty" "${esc}[31mquarry extract: unknown option --bogus" "a usage error is red"
on_pty "Lua command error" "'$quarry' rules explain nosuchrule text"
contains "$work/pty" "${esc}[31mquarry: no rule named nosuchrule" "a Lua command's error is red"
on_pty "Lua command message" "'$quarry' export --doc no-such-doc"
contains "$work/pty" "${esc}[31mquarry: no document named no-such-doc" "a Lua command's returned error is red"
on_pty "errors with NO_COLOR" "NO_COLOR=1 '$quarry' rules explain nosuchrule text; NO_COLOR=1 '$quarry' show no-such-doc"
no_sgr "$work/pty" "NO_COLOR: errors are plain"
contains "$work/pty" "quarry: no rule named nosuchrule" "NO_COLOR: the error is still there"
on_pty "stderr piped" "'$quarry' show no-such-doc 2>&1 | cat"
no_sgr "$work/pty" "no colour when stderr is a pipe"
on_pty "repl error" "printf 'error(\"boom\")\\n=6*7\\n' | '$quarry' repl"
contains "$work/pty" "${esc}[31mstdin:1: boom${esc}[0m" "a REPL error's first line is red"
lacks "$work/pty" "${esc}[31mstack traceback" "the traceback stays plain"
contains "$work/pty" "42" "the REPL goes on"
on_pty "repl error, NO_COLOR" "printf 'error(\"boom\")\\n' | NO_COLOR=1 '$quarry' repl"
no_sgr "$work/pty" "NO_COLOR: REPL errors are plain"
expect 3 "repl error piped" -- sh -c "printf 'error(\"boom\")\\n' | '$quarry' repl"
no_sgr "$work/err" "no colour in a piped REPL's errors"
contains "$work/err" "stdin:1: boom" "piped REPL error"

# --- extract's progress line --------------------------------------------------------------
expect 0 "extract piped" -- "$quarry" extract --no-default-rules --rules "$work/simple"
if grep -q $'\r' "$work/err" || grep -q "$esc" "$work/err"; then
  fail "extract piped: a carriage return or an escape on stderr"; cat -v "$work/err" | head -3
else
  pass
fi
lacks "$work/err" "B/s" "no progress line when stderr is a file"
if grep -qv '^extract: ' "$work/err"; then fail "extract piped: a line that is not extract's"; else pass; fi
cp "$work/err" "$work/extract-plain"
on_pty "extract on a terminal" "NO_COLOR=1 '$quarry' extract --force $simple"
equals "$(cat "$work/pty-status")" 0 "extract on a terminal exits 0"
contains "$work/pty" $'\r'"${esc}[Kextract: 0/10 documents, 0.0/" "the progress line counts the documents"
contains "$work/pty" "B/s, 0 found" "the progress line shows the speed"
screen "$work/pty" >"$work/screen"
lacks "$work/screen" "B/s" "the progress line is cleared at the end"
contains "$work/screen" "extract: china (forced) run on 10 documents" "re-run lines on lines of their own"
if grep -qx "extract: 1 rules, 10 documents, 10 updated; [0-9]* annotations stand, [0-9]* set aside" "$work/screen"; then
  pass
else
  fail "the summary line is on a line of its own"; cat -v "$work/pty" | tail -3 | sed 's/^/  /'
fi
# a command that stops early: its message is on a line of its own too
on_pty "extract, unknown document" "NO_COLOR=1 '$quarry' extract --doc no-such-doc $simple"
screen "$work/pty" >"$work/screen"
if grep -qx "quarry: no document named no-such-doc" "$work/screen"; then pass; else
  fail "an early stop's message is on a line of its own"; cat -v "$work/pty" | head -3 | sed 's/^/  /'
fi
lacks "$work/screen" "extract: " "the progress line is cleared after an early stop"
on_pty "extract --no-progress" "'$quarry' extract --no-progress --force $simple"
lacks "$work/pty" "B/s" "--no-progress: no progress line"
lacks "$work/pty" "${esc}[K" "--no-progress: no line erasing"
# a rule that raises: its error is printed on a clean line, not inside the progress line
mkdir -p "$work/raising"
cat >"$work/raising/picky.lua" <<'LUA'
local lpeg = require "lpeg"
return {
  name = "picky",
  type = "note",
  pattern = lpeg.P"China",
  value = function(_, m)
    if m.doc.name == "02-chip-self-sufficiency.txt" then error("cannot read this one") end
    return nil
  end,
}
LUA
on_pty "extract with an error" "NO_COLOR=1 '$quarry' extract --no-default-rules --rules '$work/raising'"
equals "$(cat "$work/pty-status")" 2 "a raising rule: exit 2 on a terminal"
screen "$work/pty" >"$work/screen"
if grep -q "^quarry: .*picky.lua:7: cannot read this one (rule picky, document 02-chip-self-sufficiency.txt)$" "$work/screen"; then
  pass
else
  fail "the error is on a line of its own"; cat -v "$work/pty" | head -5 | sed 's/^/  /'
fi
lacks "$work/screen" "B/s" "the progress line is cleared after an error"
on_pty "extract error in colour" "'$quarry' extract --force --no-default-rules --rules '$work/raising'"
contains "$work/pty" "${esc}[31mquarry: " "extract's error lines are red"

# --- --format json, parsed by quarry itself -----------------------------------------------
# check.lua FILE EXPR...: decodes FILE as one JSON value and prints each
# Lua expression (over the value, as v) that is not true
cat >"$work/check.lua" <<'LUA'
local path = arg[1]
local file = assert(io.open(path, "rb"))
local text = file:read("a")
file:close()
local ok, v = pcall(quarry.json.decode, text)
if not ok then print("does not parse: " .. tostring(v)) return end
for i = 2, #arg do
  local f = assert(load("local v, null = ...; return " .. arg[i], "=check", "t", _G))
  local good, result = pcall(f, v, quarry.json.null)
  if not good or not result then print("not true: " .. arg[i] .. (good and "" or " (" .. result .. ")")) end
end
LUA
# json NAME FILE EXPR...: FILE parses and every EXPR holds
json() {
  local name=$1; shift
  "$quarry" run "$work/check.lua" "$@" >"$work/check" 2>&1
  if [ -s "$work/check" ]; then fail "$name: $(head -3 "$work/check" | tr '\n' ' ')"; else pass; fi
}
expect 2 "rules test json" -- "$quarry" rules test --format json --no-default-rules --rules "$work/rules"
no_sgr "$work/out" "rules test json"
cp "$work/out" "$work/test.json"
json "rules test json" "$work/test.json" "v.passed == 0" "v.failed == 2" "v.warnings == 1" \
  "#v.failures == 2" "v.failures[1].rule == 'broken'" "v.failures[1].example == 'the 5G rollout'" \
  "v.failures[1].expected[1].text == '5G' and v.failures[1].expected[1].value.field == '6g'" \
  "v.failures[1].found[1].value.field == '5g'" "v.failures[1].file:match('broken.lua$')" \
  "v.failures[2].index == 2 and #v.failures[2].found == 0" \
  "v.without_examples[1].rule == 'bare'" "#v.load_errors == 0"
expect 0 "rules test json, passing" -- "$quarry" rules test --format json --no-default-rules --rules "$work/simple"
cp "$work/out" "$work/pass.json"
json "rules test json, passing" "$work/pass.json" "v.failed == 0 and v.passed > 0" "#v.failures == 0"
if grep -q '"failures":\[\]' "$work/pass.json"; then pass; else fail "no failures is an empty array"; fi
expect 1 "rules test bad format" -- "$quarry" rules test --format xml
expect 0 "rules explain json" -- "$quarry" rules explain --format json money "It spent \$150bn and €26 million."
cp "$work/out" "$work/explain.json"
json "rules explain json" "$work/explain.json" "v.rule == 'money' and v.kind == 'pattern'" \
  "#v.spans == 2" "v.spans[1].start == 9 and v.spans[1]['end'] == 15 and v.spans[1].text == '\$150bn'" \
  "v.spans[1].value.amount == 150000000000 and v.spans[1].value.currency == 'USD'" \
  "#v.captures == 2 and v.captures[1].at == 9" "#v.set_aside == 0" "v.partial == nil"
expect 0 "rules explain json, no match" -- "$quarry" rules explain --format json date "In March, 20244 people"
cp "$work/out" "$work/nomatch.json"
json "rules explain json, no match" "$work/nomatch.json" "#v.spans == 0" "type(v.partial) == 'table'" \
  "type(v.partial.stops_at) == 'string'"
# set-aside candidates: two overlapping spans of one type, the shorter set aside
cat >"$work/rules/overlap.lua" <<'LUA'
return { name = "overlap", type = "tech",
         apply = function(_, _, emit) emit(0, 17, { n = 1 }); emit(8, 23, { n = 2 }) end }
LUA
expect 0 "rules explain json, set aside" -- "$quarry" rules explain --format json --no-default-rules --rules "$work/rules" overlap "quantum computing power"
cp "$work/out" "$work/aside.json"
json "rules explain json, set aside" "$work/aside.json" "#v.spans == 1 and v.spans[1].value.n == 1" \
  "#v.set_aside == 1 and v.set_aside[1].text == 'computing power'" \
  "v.set_aside[1].reason:match('^overlaps tech')"
rm "$work/rules/overlap.lua"
expect 0 "extract json" -- "$quarry" extract --format json --force --prune --doc 01-russia-china-ai-year.txt --no-default-rules --rules "$work/simple"
cp "$work/out" "$work/extract.json"
json "extract json" "$work/extract.json" "v.documents == 1 and v.updated == 1 and v.status == 0" \
  "v.stand > 0 and v.set_aside == 0 and v.rules == 1" \
  "#v.runs == 1 and v.runs[1].rule == 'china' and v.runs[1].why == 'forced' and v.runs[1].documents == 1" \
  "#v.dropped == 1 and v.dropped[1] == 'picky'" "#v.kept == 0" "v.load_errors == 0 and v.rule_errors == 0"
contains "$work/err" "1 documents, 1 updated;" "extract --format json keeps the stderr summary"
expect 1 "extract bad format" -- "$quarry" extract --format csv
# the tables of the other commands, as arrays of objects
table_json() {
  local name=$1; shift
  expect 0 "$name" -- "$quarry" "$@"
  cp "$work/out" "$work/table.json"
  json "$name" "$work/table.json" "type(v) == 'table' and #v > 0 and type(v[1]) == 'table'"
}
table_json "list json" list --format json
table_json "search json" search --format json china
table_json "query json" query --format json "SELECT name FROM documents"
table_json "rules list json" rules list --format json
table_json "report --list json" report --list --format json
if [ -f "$source_dir/tests/eval/gold.jsonl" ]; then
  expect 0 "eval json" -- "$quarry" eval --format json "$source_dir/tests/eval/gold.jsonl"
  cp "$work/out" "$work/eval.json"
  json "eval json" "$work/eval.json" "type(v.types) == 'table'"
  expect 0 "eval json with errors" -- "$quarry" eval --format json --show-errors "$source_dir/tests/eval/gold.jsonl"
  cp "$work/out" "$work/eval-errors.json"
  json "eval json with errors" "$work/eval-errors.json" "type(v.types) == 'table'" "#v.errors > 0" \
    "v.errors[1].kind == 'miss' or v.errors[1].kind == 'false' or v.errors[1].kind == 'value'"
  on_pty "eval header" "'$quarry' eval '$source_dir/tests/eval/gold.jsonl' 2>/dev/null"
  contains "$work/pty" "${esc}[1m| type" "eval's header is bold on a terminal"
  expect 0 "eval piped" -- "$quarry" eval "$source_dir/tests/eval/gold.jsonl"
  no_sgr "$work/out" "eval piped"
fi

# --- --help: every command, man-page-like ---------------------------------------------------
expect 0 "quarry --help" -- "$quarry" --help
contains "$work/out" "usage:" "quarry --help"
contains "$work/out" "QUARRY_DB" "quarry --help names QUARRY_DB"
contains "$work/out" "NO_COLOR" "quarry --help names NO_COLOR"
contains "$work/out" "Examples:" "quarry --help examples"
for command in ingest list show search query run extract rules export eval report repl; do
  if grep -q "^  $command  *[a-z]" "$work/out"; then pass; else fail "quarry --help describes $command"; fi
done
for command in ingest list show search query run extract rules export eval report repl; do
  expect 0 "$command --help" -- "$quarry" "$command" --help
  contains "$work/out" "usage: quarry [--db FILE] $command" "$command --help usage line"
  contains "$work/out" "Exit status:" "$command --help exit status"
  contains "$work/out" "Examples:" "$command --help examples"
  lacks "$work/out" "$esc" "$command --help is plain"
  if [ "$(sed -n 2p "$work/out")" = "" ] && [ "$(wc -l <"$work/out")" -gt 6 ]; then pass; else
    fail "$command --help: a usage line, a blank line, then the description"
  fi
done
for command in extract rules eval; do
  "$quarry" "$command" --help >"$work/help"
  contains "$work/help" "--format" "$command --help documents --format"
done
"$quarry" extract --help >"$work/help"
contains "$work/help" "--no-progress" "extract --help documents --no-progress"

finish terminal
