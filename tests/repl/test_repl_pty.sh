#!/usr/bin/env bash
# `quarry repl` on a terminal, through tmux (send-keys / capture-pane): the
# prompts, tab completion, multi-line input, an error, Ctrl-C, .reload after
# a rule file changed, Ctrl-D, and the history file.
# Usage: test_repl_pty.sh QUARRY_BINARY SOURCE_DIR
# Exits 77 (ctest: skipped) when tmux is not installed.
set -u
quarry=$1
source_dir=$2
if ! command -v tmux >/dev/null 2>&1; then
  echo "SKIP: tmux is not installed (apt-get install tmux); the REPL's terminal test did not run"
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-pty.XXXXXX")
socket="quarry-test-$$" # a tmux server of our own, ended at exit
tmux_() { tmux -L "$socket" -f /dev/null "$@"; }
trap 'tmux_ kill-server 2>/dev/null; rm -rf "$work"' EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

db="$work/test.db"
"$quarry" --db "$db" ingest --no-progress "$source_dir/data/samples" 2>/dev/null
rules="$work/rules"
mkdir -p "$rules"
cat >"$rules/probe.lua" <<'LUA'
local lpeg = require "lpeg"
return {
  name = "probe",
  type = "tech",
  pattern = lpeg.P"quantum",
  examples = { { "a quantum lab", "quantum" } },
}
LUA

screen() { tmux_ capture-pane -p -J -S -1000 -t repl; }
# wait_for TEXT NAME: the screen shows TEXT within 20 s
wait_for() {
  for _ in $(seq 200); do
    if screen | grep -qF -- "$1"; then pass; return 0; fi
    sleep 0.1
  done
  fail "$2: '$1' never appeared"
  screen | grep -v '^$' | tail -15 | sed 's/^/  | /'
  return 1
}
# the last line of the screen that is not empty
last_line() { screen | sed 's/[[:space:]]*$//' | grep -v '^$' | tail -n 1; }
wait_for_last() {
  for _ in $(seq 200); do
    if [ "$(last_line)" = "$1" ]; then pass; return 0; fi
    sleep 0.1
  done
  fail "$2: the last line is '$(last_line)', expected '$1'"
  return 1
}
type_text() { tmux_ send-keys -t repl -l "$1"; }
type_line() { type_text "$1"; tmux_ send-keys -t repl Enter; }
key() { tmux_ send-keys -t repl "$@"; }

export QUARRY_HISTORY="$work/history"
tmux_ new-session -d -s repl -x 160 -y 50 \
  "QUARRY_HISTORY='$QUARRY_HISTORY' '$quarry' --db '$db' repl --rules '$rules'; echo \"[exit \$?]\"; sleep 600"
wait_for "Tab completes; .help for help" "banner" || { echo "repl-pty: $passed passed, $failed failed"; exit 1; }
wait_for_last "quarry>" "prompt"

# completion of the rules' fields loads the rules (they load on first use)
type_text 'rules.by_'
key Tab
wait_for_last "quarry> rules.by_name" "rules.by_<Tab> completes to rules.by_name"
key C-u

# completion: a method of the db, a field of a document, several candidates
type_text 'db:se'
key Tab
key Tab
wait_for "db:set_rule_files" "db:se<Tab><Tab> lists the methods"
type_text 'a'
key Tab
wait_for_last "quarry> db:search" "db:sea<Tab> completes to db:search"
type_line '("quantum")[1].name'
wait_for "brief-2024-0620-quantum" "the completed line runs"
type_line 'doc = db:document(4)'
type_text '=doc.ti'
key Tab
wait_for_last "quarry> =doc.title" "doc.ti<Tab> completes to doc.title"
key Enter
wait_for "Europe rethinks research ties with China" "doc.title printed"
type_text 'db:doc'
key Tab
key Tab
wait_for "db:documents" "two candidates are listed"
key C-u
type_text '.rel'
key Tab
wait_for_last "quarry> .reload" ".rel<Tab> completes the command"
key C-u
type_text 'db:document("03-tech'
key Tab
wait_for_last 'quarry> db:document("03-tech-diplomacy-central-asia.txt' "document names complete inside quotes"
key C-u

# multi-line input: the continuation prompt until the chunk is complete
type_line 'for i = 1, 3 do'
wait_for_last "   ...>" "continuation prompt"
type_line '  io.write(i * 11, " ")'
type_line 'end print()'
wait_for "11 22 33" "the multi-line chunk ran"

# an error prints and the session goes on
type_line 'error("boom")'
wait_for "stdin:1: boom" "error message"
wait_for "stdin:1: in main chunk" "traceback"
type_line '=40 + 2'
wait_for_last "quarry>" "prompt after the error"
if screen | grep -qx "42"; then pass; else fail "the session goes on after an error"; fi

# Ctrl-C stops a computation, and at the prompt drops the line
type_line 'local n = 0; while true do n = n + 1 end'
sleep 0.5
key C-c
wait_for "interrupted!" "Ctrl-C stops a loop"
type_text 'this line is dropped'
key C-c
type_line '=n > 0 and "counted" or "not counted"'
wait_for "counted" "the session goes on after Ctrl-C"

# .reload after the rule file changed
type_line '=rules.by_name.probe.type .. "-before"'
wait_for "tech-before" "the rule as loaded"
sed -i 's/"tech"/"science"/' "$rules/probe.lua"
type_line '.reload'
wait_for "reloaded:" ".reload"
type_line '=rules.by_name.probe.type .. "-after"'
wait_for "science-after" "the changed rule after .reload"

# Ctrl-D leaves; the history holds the chunks, the multi-line one as one entry
key C-d
wait_for "[exit 0]" "Ctrl-D exits with 0"
if [ -f "$QUARRY_HISTORY" ] && grep -q 'doc\\040=\\040db:document(4)\|doc = db:document(4)' "$QUARRY_HISTORY"; then
  pass
else
  fail "the history file holds the lines typed"
fi
if grep -q 'for\\040i\\040=\\0401,\\0403\\040do.*end\|for i = 1, 3 do.*end' "$QUARRY_HISTORY" 2>/dev/null; then
  pass
else
  fail "a multi-line chunk is one history entry"; cat "$QUARRY_HISTORY" 2>/dev/null | sed 's/^/  | /'
fi
if grep -q 'this\\040line\|this line' "$QUARRY_HISTORY" 2>/dev/null; then
  fail "a line dropped with Ctrl-C is not in the history"
else
  pass
fi

echo "repl-pty: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
