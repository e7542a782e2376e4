#!/usr/bin/env bash
# Hostile input (issue 14): rules, reports and outputs that loop, abort,
# escape or write where they must not. Each case checks the message, the
# exit status, and that nothing stored was lost (the documents and their
# annotations are counted before and after).
# Usage: test_safety.sh QUARRY_BINARY SOURCE_DIR
set -u
quarry=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
source_dir=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-safety.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
export QUARRY_DB="$work/test.db"
export XDG_CACHE_HOME="$work/cache"
. "$source_dir/tests/cli/checks.sh"

# stored: the number of documents and of annotations, as one word
stored() { "$quarry" query --format csv "SELECT (SELECT count(*) FROM documents) || '/' || (SELECT count(*) FROM annotations) AS n" 2>&1 | tail -1; }
# intact WHAT: what is stored is what was stored before WHAT
intact() { equals "$(stored)" "$before" "$1: nothing stored was lost"; }

"$quarry" ingest --no-progress "$source_dir/data/samples" 2>/dev/null
"$quarry" extract --no-progress >/dev/null 2>&1
before=$(stored)
case $before in */0|0/*) fail "the samples were not loaded and extracted: $before" ;; esac

# A rules folder with one hostile rule at a time, plus one good rule that
# must still run on every document.
rules="$work/rules"
mkdir -p "$rules"
cat >"$rules/good.lua" <<'LUA'
local lpeg = require "lpeg"
return { name = "good", type = "probe", pattern = lpeg.P"China" }
LUA
# hostile NAME BODY: rules/NAME.lua returning {name = NAME, type = "probe", BODY}
hostile() {
  rm -f "$rules"/bad_*.lua
  printf 'local lpeg = require "lpeg"\nreturn { name = "%s", type = "probe_bad",\n%s\n}\n' "$1" "$2" >"$rules/$1.lua"
}
# good_ran: the good rule's annotations are stored for every sample document
# that mentions China
good_ran() {
  equals "$("$quarry" --db "$rdb" query --format csv "SELECT count(DISTINCT document) AS n FROM annotations WHERE rule = 'good'" | tail -1)" \
         "$("$quarry" --db "$rdb" query --format csv "SELECT count(*) AS n FROM documents WHERE text LIKE '%China%'" | tail -1)" "$1: the good rule ran on every document"
}

# The rule cases run on a database of their own (extract with another
# rules folder drops the shipped rules' annotations, as it should).
rdb="$work/rules.db"
QUARRY_DB=$rdb "$quarry" ingest --no-progress "$source_dir/data/samples" 2>/dev/null

# --- 1. a match-time capture returning values inside an and-predicate --------------
hostile bad_cmt 'pattern = lpeg.Cmt(lpeg.P"China", function(s, i) return i, "CN" end),
  value = function(c) return { iso = c[1] } end'
expect 0 "1: Cmt returning values in a rule" -- "$quarry" --db "$rdb" extract --no-default-rules --rules "$rules" --no-progress
expect 0 "1: its annotations" -- "$quarry" --db "$rdb" query "SELECT DISTINCT value FROM annotations WHERE rule = 'bad_cmt'"
contains "$work/out" '{"iso":"CN"}' "1: the Cmt's value is stored"
cat >"$work/cmt.lua" <<'LUA'
local lpeg = require "lpeg"
local cmt = lpeg.Cmt(lpeg.P"a", function(s, i) return i, "x" end)
assert(lpeg.match(#cmt * lpeg.C(1), "ab") == "a")
assert(lpeg.match(#cmt * lpeg.C(1), "ba") == nil)
assert(lpeg.match(lpeg.P{ "s", s = #lpeg.V"c" * lpeg.C(1), c = cmt }, "ab") == "a")
assert(require("re").match("ab", "&{'a'} {.}") == "a") -- re's & too
assert(lpeg.match(#lpeg.P"a" * lpeg.C(1), "ab") == "a") -- a plain look-ahead is unchanged
local ok, message = pcall(lpeg.B, #lpeg.V"x")
assert(not ok and message:find("outside a grammar"), message)
assert(not pcall(lpeg.B, #lpeg.C"a"))
print "ok"
LUA
expect 0 "1: and-predicates and look-behind from a script" -- "$quarry" run "$work/cmt.lua"
contains "$work/out" "ok" "1: the script ran to its end"
good_ran "1"
intact "1"
# --- 4. a value that cannot be stored, an error object that cannot be printed ---------
for case in "nan|{ x = 0/0 }|cannot encode a NaN or infinite number" \
            "inf|{ x = 1/0 }|cannot encode a NaN or infinite number" \
            "cycle|(function() local t = {} t.t = t return t end)()|nested this deep" \
            "deep|(function() local t = {} for _ = 1, 100000 do t = { t } end return t end)()|nested this deep" \
            "utf8|{ x = '\255' }|not UTF-8" \
            "tostring|error(setmetatable({}, { __tostring = function() error('boom') end }))|(error object is a table value)"; do
  IFS='|' read -r label value message <<<"$case"
  hostile bad_value "pattern = lpeg.P'Russia', value = function() return $value end"
  expect 2 "4: $label value" -- "$quarry" --db "$rdb" extract --no-default-rules --rules "$rules" --no-progress --force
  contains "$work/err" "$message" "4: $label: the reason"
  contains "$work/err" "$rules/bad_value.lua" "4: $label: the rule's file"
  contains "$work/err" "(rule bad_value, document 01-russia-china-ai-year.txt)" "4: $label: the rule and the document"
  lacks "$work/err" "traceback" "4: $label: no traceback"
  contains "$work/err" "extract: 2 rules, 10 documents, 10 updated" "4: $label: the summary"
  good_ran "4: $label"
done

# --- 5, 13. the sandbox: no os.exit, no io but reading data, no escape ---------------
for case in "exit|os.exit(0)|attempt to call a nil value (field 'exit')" \
            "execute|os.execute('touch $work/escaped')|attempt to call a nil value (field 'execute')" \
            "io|assert(io.open('/etc/passwd'))|rules may only read files in" \
            "write|assert(io.open('$work/escaped', 'w'))|rules may only read files" \
            "debug|debug.sethook()|attempt to index a nil value (global 'debug')" \
            "package|package.loadlib('x', 'y')|attempt to call a nil value (field 'loadlib')" \
            "bytecode|assert(load(string.dump(function() end)))|attempt to load a binary chunk" \
            "gazetteer|require('quarry.gazetteers').get('/etc/passwd')|gazetteers are read only from" \
            "gazetteer_load|assert(require('quarry').gazetteer.load('/etc/passwd'))|rules may only load gazetteers in" \
            "db|require('quarry').open('$work/other.db')|attempt to call a nil value (field 'open')" \
            "require|require('quarry.cli')|rules may require" \
            "patch|require('lpeg').P = nil|read-only here"; do
  IFS='|' read -r label code message <<<"$case"
  hostile bad_sandbox "pattern = lpeg.P'Russia', value = function() $code return {} end"
  expect 2 "13: $label in a rule's value" -- "$quarry" --db "$rdb" extract --no-default-rules --rules "$rules" --no-progress --force
  contains "$work/err" "$message" "13: $label: the reason"
  contains "$work/err" "(rule bad_sandbox, document 01-russia-china-ai-year.txt)" "13: $label: the rule and the document"
  contains "$work/err" "extract: 2 rules, 10 documents, 10 updated" "13: $label: the summary"
  good_ran "13: $label"
done
[ -e "$work/escaped" ] && fail "13: a rule wrote a file"
hostile bad_load 'pattern = (function() os.exit(0) end)()'
expect 2 "5: os.exit at load" -- "$quarry" --db "$rdb" extract --no-default-rules --rules "$rules" --no-progress --force
contains "$work/err" "bad_load.lua:3: attempt to call a nil value (field 'exit')" "5: the file and line"
good_ran "5: os.exit at load"
# a rules folder's own modules load in the sandbox too
mkdir -p "$rules/lib2"
printf 'return { exit = function() os.exit(0) end }\n' >"$rules/lib2/mod.lua"
hostile bad_module "pattern = lpeg.P'Russia', value = function() require('lib2.mod').exit() end"
expect 2 "5: os.exit in a rule's module" -- "$quarry" --db "$rdb" extract --no-default-rules --rules "$rules" --no-progress --force
contains "$work/err" "lib2/mod.lua:1: attempt to call a nil value (field 'exit')" "5: the module's file and line"
good_ran "5: os.exit in a module"
# analyst scripts keep the full library
printf 'assert(os.execute and io.open and debug.sethook and package.loadlib) print "ok"\n' >"$work/full.lua"
expect 0 "13: quarry run keeps the full library" -- "$quarry" run "$work/full.lua"

# --- 8. budgets: loops at load, in a value, in a match-time capture -------------------
for case in "value|pattern = lpeg.P'Russia', value = function() while true do end end" \
            "cmt|pattern = lpeg.Cmt(lpeg.P'Russia', function() while true do end end)" \
            "apply|apply = function() while true do end end" \
            "pcall|pattern = lpeg.P'Russia', value = function() while true do pcall(function() while true do end end) end end" \
            "coroutine|pattern = lpeg.P'Russia', value = function() while true do coroutine.resume(coroutine.create(function() while true do end end)) end end"; do
  IFS='|' read -r label body <<<"$case"
  hostile bad_loop "$body"
  expect 2 "8: a loop in $label" -- timeout 120 "$quarry" --db "$rdb" extract --no-default-rules --rules "$rules" --no-progress --force --budget 20000000
  contains "$work/err" "$rules/bad_loop.lua: stopped after 20,000,000 Lua instructions, its budget (raise it with --budget N)" "8: $label: the file and the limit"
  contains "$work/err" "(rule bad_loop, document 01-russia-china-ai-year.txt)" "8: $label: the document"
  good_ran "8: $label"
done
hostile bad_loop "pattern = lpeg.P'Russia', value = function() while true do end end"
expect 2 "8: the deadline" -- timeout 120 "$quarry" --db "$rdb" extract --no-default-rules --rules "$rules" --no-progress --force --doc 01-russia-china-ai-year.txt --timeout 0.5
contains "$work/err" "stopped after 0.5 seconds, its deadline (raise it with --timeout SECONDS)" "8: the deadline's message"
hostile bad_loop "pattern = (function() while true do end end)()"
expect 2 "8: a loop at load" -- timeout 120 "$quarry" --db "$rdb" extract --no-default-rules --rules "$rules" --no-progress --force --budget 20000000
contains "$work/err" "$rules/bad_loop.lua: stopped after 20,000,000 Lua instructions" "8: at load: the file and the limit"
good_ran "8: a loop at load"
expect 1 "8: a bad --budget" -- "$quarry" --db "$rdb" extract --no-default-rules --rules "$rules" --budget lots
rm -f "$rules"/bad_*.lua

# --- 2. --out onto the database, or onto a file of another kind ------------------------
ln -s "$QUARRY_DB" "$work/link.db"
for target in "$QUARRY_DB" "$work/link.db" "$QUARRY_DB-wal"; do
  [ -e "$target" ] || continue
  expect 2 "2: report --out $(basename "$target")" -- "$quarry" report brief --out "$target"
  contains "$work/err" "is the open database; give another file" "2: report onto the database: the reason"
  expect 2 "2: export --out $(basename "$target")" -- "$quarry" export --out "$target" --force
  contains "$work/err" "is the open database; give another file" "2: export onto the database: the reason"
  intact "2: --out $(basename "$target")"
done
expect 0 "2: the database is whole" -- "$quarry" query "PRAGMA integrity_check"
contains "$work/out" "ok" "2: integrity_check"
printf 'my notes\n' >"$work/notes.txt"
expect 2 "2: export onto a file of another kind" -- "$quarry" export --out "$work/notes.txt"
contains "$work/err" "notes.txt: exists and is not a JSON Lines file; give --force to overwrite it" "2: the reason"
equals "$(cat "$work/notes.txt")" "my notes" "2: the file is untouched"
expect 2 "2: report html onto a file of another kind" -- "$quarry" report brief --format html --out "$work/notes.txt"
contains "$work/err" "is not a HTML page; give --force" "2: report: the reason"
expect 0 "2: --force overwrites it" -- "$quarry" export --out "$work/notes.txt" --force
contains "$work/notes.txt" '{"doc":' "2: --force wrote the export"
expect 0 "2: a file of the command's own kind is overwritten" -- "$quarry" export --out "$work/notes.txt" --type money
contains "$work/notes.txt" '"type":"money"' "2: the new export"
expect 0 "2: a report over its own earlier output" -- "$quarry" report brief --format html --out "$work/brief.html"
expect 0 "2: again" -- "$quarry" report brief --format html --out "$work/brief.html"
ls -A "$work" | grep -q '^\.' && fail "2: a temporary file was left behind: $(ls -A "$work" | grep '^\.')"
intact "2"

# --- 3. write errors: a full disk, --out - ----------------------------------------------
if [ -w /dev/full ]; then
  expect 2 "3: export --out /dev/full" -- "$quarry" export --out /dev/full
  contains "$work/err" "/dev/full: No space left on device" "3: export: the reason"
  expect 2 "3: report --out /dev/full" -- "$quarry" report brief --format html --out /dev/full
  contains "$work/err" "report brief not written: /dev/full: No space left on device" "3: report: the reason"
  lacks "$work/err" "report brief: /dev/full" "3: no success line"
  expect 2 "3: export > /dev/full" -- sh -c '"$0" export >/dev/full' "$quarry"
  contains "$work/err" "standard output: No space left on device" "3: standard output full"
  expect 2 "3: show > /dev/full" -- sh -c '"$0" show 1 >/dev/full' "$quarry"
  contains "$work/err" "could not write to standard output" "3: any command's standard output"
else
  skip "3: /dev/full is not writable here"
fi
(cd "$work" && "$quarry" export --out - >"$work/dash.out" 2>"$work/err")
equals "$?" "0" "3: --out - is standard output"
contains "$work/dash.out" '{"doc":' "3: --out - wrote the export to standard output"
[ -e "$work/-" ] && fail "3: --out - made a file named -"
(cd "$work" && "$quarry" report brief --out - >"$work/dash.out" 2>"$work/err")
contains "$work/dash.out" "# Briefs" "3: report --out - is standard output"
[ -e "$work/-" ] && fail "3: report --out - made a file named -"
intact "3"

# --- 14. ATTACH and connection pragmas, from query and from a report ---------------------
for sql in "ATTACH '$work/attached.db' AS other" "PRAGMA writable_schema = ON" "PRAGMA cache_size = -2000000000" \
           "PRAGMA mmap_size = 1000000000" "PRAGMA trusted_schema = ON" "PRAGMA journal_mode = DELETE" "DETACH main"; do
  expect 2 "14: query $sql" -- "$quarry" query "$sql"
  contains "$work/err" "is refused (a query reads this database only, as it is)" "14: $sql: the reason"
done
[ -e "$work/attached.db" ] && fail "14: ATTACH made a file"
expect 0 "14: questions about the database still work" -- "$quarry" query "PRAGMA table_info(documents)"
contains "$work/out" "sha256" "14: table_info"
mkdir -p "$work/reports"
cat >"$work/reports/attach.lua" <<LUA
return { description = "tries to reach another database", run = function(ctx)
  ctx.db:query("ATTACH '$work/attached.db' AS other")
end }
LUA
expect 3 "14: ATTACH from a report" -- "$quarry" report attach --reports "$work/reports"
contains "$work/err" "ATTACH is refused" "14: the report's error says why"
[ -e "$work/attached.db" ] && fail "14: a report's ATTACH made a file"
intact "14"

# --- 15. a damaged page: a clear message, no leak ----------------------------------------
damaged="$work/damaged.db"
for i in $(seq 1 30); do printf 'Document %d about China and Russia.\n' "$i" >"$work/d$i.txt"; done
QUARRY_DB=$damaged "$quarry" ingest --no-progress "$work"/d*.txt 2>/dev/null
QUARRY_DB=$damaged "$quarry" query "PRAGMA user_version" >/dev/null
root=$(QUARRY_DB=$damaged "$quarry" query --format csv "SELECT rootpage FROM sqlite_schema WHERE name = 'documents'" | tail -1 | tr -d '\r')
page=$(QUARRY_DB=$damaged "$quarry" query --format csv "PRAGMA page_size" | tail -1 | tr -d '\r')
rm -f "$damaged-wal" "$damaged-shm"
printf '\001' | dd of="$damaged" bs=1 seek=$(( (root - 1) * page )) conv=notrunc 2>/dev/null
expect 2 "15: list on a damaged page" -- "$quarry" --db "$damaged" list
contains "$work/err" "quarry: reading the database: database disk image is malformed" "15: list: the reason"
lacks "$work/err" "quarry.stmt expected" "15: list: not an argument error"
expect 2 "15: search on a damaged page" -- "$quarry" --db "$damaged" search China
lacks "$work/err" "quarry.stmt expected" "15: search: not an argument error"

# (16, a read-only database, is tests/safety/test_readonly.sh: it runs as
# another user)

# --- 9, 12. reports: work in SQLite, code after the budget, shared modules, memory --------
cat >"$work/reports/cte.lua" <<'LUA'
return { run = function(ctx)
  ctx.db:query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")
end }
LUA
cat >"$work/reports/finalizer.lua" <<'LUA'
return { run = function(ctx) setmetatable({}, { __gc = function() while true do end end }) end }
LUA
cat >"$work/reports/patch.lua" <<'LUA'
return { run = function(ctx) json.encode = function() return "patched" end end }
LUA
cat >"$work/reports/rendering.lua" <<'LUA'
return { run = function(ctx)
  ctx.table { columns = { "a" }, rows = { setmetatable({}, { __index = function() while true do end end }) } }
end }
LUA
cat >"$work/reports/allocate.lua" <<'LUA'
return { run = function(ctx) local t = {} for i = 1, 1e9 do t[i] = ("x"):rep(64) .. i end end }
LUA
expect 3 "9: an endless recursive query" -- timeout 120 "$quarry" report cte --reports "$work/reports" --timeout 2
contains "$work/err" "report cte stopped after 2 seconds in a query, its deadline (raise it with --timeout SECONDS" "9: the query's deadline"
expect 3 "9: a finalizer" -- timeout 120 "$quarry" report finalizer --reports "$work/reports"
contains "$work/err" "reports may not set __gc" "9: no finalizers"
expect 3 "9: patching a shared module" -- "$quarry" report patch --reports "$work/reports"
contains "$work/err" "the json module is read-only here" "9: shared modules are read-only"
expect 0 "9: json is untouched for the next report" -- "$quarry" report brief --format json
contains "$work/out" '"report":"brief"' "9: json still encodes"
expect 3 "9: code run while rendering" -- timeout 120 "$quarry" report rendering --reports "$work/reports" --budget 20000000
contains "$work/err" "report rendering stopped after 20,000,000 Lua instructions" "9: rendering is under the budget"
expect 3 "12: a report that allocates" -- timeout 120 "$quarry" report allocate --reports "$work/reports" --memory 64
contains "$work/err" "report allocate stopped at 64 MB of memory more than the host's, its limit (raise it with --memory MB)" "12: the report's memory limit"
# work in one C call, where no hook runs: string.find with a pattern that
# backtracks without end, an exponential LPeg grammar. The budget cannot
# stop them; the clock's watch ends quarry at twice the deadline plus a
# second, naming the report (exit 3), instead of hanging for ever.
cat >"$work/reports/strfind.lua" <<'LUA'
return { run = function(ctx) ctx.text(tostring((("a"):rep(20000)):find(".-.-.-.-b"))) end }
LUA
cat >"$work/reports/grammar.lua" <<'LUA'
return { run = function(ctx)
  local P, V = lpeg.P, lpeg.V
  local g = P{ "S", S = V"A" * V"S" + V"A" * V"A" * V"S" + P"b", A = P"a" + P"aa" }
  ctx.text(tostring(g:match(("a"):rep(80) .. "c")))
end }
LUA
for report_name in strfind grammar; do
  expect 3 "9: $report_name in a report" -- timeout 60 "$quarry" report "$report_name" --reports "$work/reports" --timeout 1
  contains "$work/err" "quarry: report $report_name: stuck in one call into C for 3 seconds (its deadline: 1)" "9: $report_name: stopped, named"
done
cat >"$work/reports/tostring.lua" <<'LUA'
return { run = function(ctx)
  local hostile = setmetatable({}, { __tostring = function() while true do end end,
                                     __len = function() while true do end end,
                                     __index = function() while true do end end })
  ctx.table { columns = { "a" }, rows = { { a = hostile } } }
  ctx.text(hostile)
end }
LUA
expect 3 "9: __tostring and __len on rows at render time" -- timeout 120 "$quarry" report tostring --reports "$work/reports" --budget 20000000
contains "$work/err" "report tostring stopped after 20,000,000 Lua instructions" "9: rendering's metamethods are under the budget"
for module in lpeg re; do
  printf 'return { run = function(ctx) %s.match = function() return "patched" end end }\n' "$module" >"$work/reports/patch_$module.lua"
  expect 3 "9: patching $module" -- "$quarry" report "patch_$module" --reports "$work/reports"
  contains "$work/err" "the $module module is read-only here" "9: $module is read-only"
done
hostile bad_find "pattern = lpeg.P'Russia', value = function() return { x = (('a'):rep(20000)):find('.-.-.-.-b') } end"
expect 2 "9: string.find in a rule" -- timeout 60 "$quarry" --db "$rdb" extract --no-default-rules --rules "$rules" --no-progress --force --timeout 1
contains "$work/err" "$rules/bad_find.lua (document 01-russia-china-ai-year.txt): stuck in one call into C for 3 seconds" "9: a rule stuck in C: its file and document"
hostile bad_grammar "pattern = lpeg.P{ 'S', S = lpeg.V'A' * lpeg.V'S' + lpeg.V'A' * lpeg.V'A' * lpeg.V'S' + lpeg.P'b', A = lpeg.P'a' + lpeg.P'aa' } * lpeg.P'Russia'"
printf 'Russia %s c\n' "$(printf 'a%.0s' $(seq 1 80))" >"$work/aaa.txt"
QUARRY_DB=$rdb "$quarry" ingest --no-progress "$work/aaa.txt" 2>/dev/null
expect 2 "9: an exponential grammar in a rule" -- timeout 60 "$quarry" --db "$rdb" extract --no-default-rules --rules "$rules" --no-progress --force --timeout 1
contains "$work/err" "stuck in one call into C for 3 seconds" "9: a rule's grammar stuck in C is stopped"
QUARRY_DB=$rdb "$quarry" remove aaa.txt >/dev/null 2>&1
hostile bad_memory "pattern = lpeg.P'Russia', value = function() local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(64) .. i end end"
expect 2 "12: a rule that allocates" -- timeout 120 "$quarry" --db "$rdb" extract --no-default-rules --rules "$rules" --no-progress --force --doc 01-russia-china-ai-year.txt --memory 64
contains "$work/err" "bad_memory.lua: stopped at 64 MB of memory more than the host's, its limit (raise it with --memory MB) (rule bad_memory, document 01-russia-china-ai-year.txt)" "12: the rule's memory limit"
hostile bad_finalizer "pattern = lpeg.P'Russia', value = function() setmetatable({}, { __gc = function() while true do end end }) end"
expect 2 "9: a rule's finalizer" -- "$quarry" --db "$rdb" extract --no-default-rules --rules "$rules" --no-progress --force --doc 01-russia-china-ai-year.txt
contains "$work/err" "rules may not set __gc" "9: rules set no finalizers"
rm -f "$rules"/bad_*.lua
intact "9, 12"

# --- 6. a file name that is not UTF-8 ---------------------------------------------------
names="$work/names.db"
mkdir -p "$work/latin1"
printf 'China and Russia signed a pact in 2024 worth $5 billion.\n' >"$work/latin1/caf$(printf '\351').txt"
QUARRY_DB=$names "$quarry" ingest --no-progress "$work/latin1" 2>/dev/null
QUARRY_DB=$names "$quarry" extract --no-progress >/dev/null 2>&1
for command in "list --format json" "search China --format json" "export" "report brief --format json"; do
  expect 0 "6: $command with a Latin-1 file name" -- "$quarry" --db "$names" $command
  contains "$work/out" "caf$(printf '\357\277\275').txt" "6: $command writes the name with U+FFFD"
done
expect 0 "6: the stored name is as given" -- "$quarry" --db "$names" query --format csv "SELECT hex(name) AS h FROM documents"
contains "$work/out" "636166E92E747874" "6: the name's bytes are stored unchanged"

# --- 7, 17. the database locked under extract: a clear message, an honest count --------
if command -v python3 >/dev/null && python3 -c 'import sqlite3' 2>/dev/null; then
  cp "$rdb" "$work/locked.db"
  python3 - "$work/locked.db" "$quarry" "$rules" >"$work/lock.out" 2>&1 <<'PY'
import sqlite3, subprocess, sys
db, quarry, rules = sys.argv[1:4]
held = sqlite3.connect(db, isolation_level=None)
held.execute("BEGIN IMMEDIATE")
held.execute("DELETE FROM rule_runs WHERE 0")
run = subprocess.run([quarry, "--db", db, "extract", "--no-default-rules", "--rules", rules, "--no-progress", "--force"],
                     capture_output=True, text=True)
print("status", run.returncode)
print(run.stderr)
PY
  contains "$work/lock.out" "status 2" "7: extract on a locked database exits 2"
  contains "$work/lock.out" "extract: stopped at document 1 of 10: starting a transaction: database is locked" "17: the reason, no traceback"
  contains "$work/lock.out" "extract: 0 documents were done and stored (0 updated; 0 annotations stand, 0 set aside); the 10 after them were not stored" "7: the summary counts what was stored"
  lacks "$work/lock.out" "traceback" "17: no traceback"
else
  skip "7, 17: python3's sqlite3 is not there to hold a lock"
fi

# --- 17. ingest faults: wide encodings, empty JSONL, libxml2, HTML encodings, FIFOs, names ---
odd="$work/odd"
mkdir -p "$odd"
printf 'China and Russia signed a pact.\n' | iconv -f utf-8 -t UTF-16 >"$odd/wide16.txt"
{ printf '\377\376\000\000'; printf 'Caf\303\251 in China.\n' | iconv -f utf-8 -t UTF-32LE; } >"$odd/wide32.txt"
printf '{"id": "w1", "text": "Wide JSON Lines about China."}\n' | iconv -f utf-8 -t UTF-16 >"$odd/wide.jsonl"
: >"$odd/empty.jsonl"
printf '<html><head><meta charset="utf-8"></head><body><p>Caf\351 in China</p></body></html>\n' >"$odd/latin1.html"
printf '<html><head><meta charset="shift_jis"></head><body><p>\201\377\377\200 China</p></body></html>\n' >"$odd/sjis.html"
mkfifo "$odd/pipe.txt"
esc_name="esc$(printf '\033')[2Jname.txt"
printf 'A file about China with a hostile name.\n' >"$odd/$esc_name"
oddb="$work/odd.db"
expect 2 "17: ingest a folder of odd files" -- timeout 60 "$quarry" --db "$oddb" ingest --no-progress "$odd"
cp "$work/err" "$work/odd.err"
contains "$work/odd.err" "ingest: 4 stored, 0 skipped as duplicate, 4 rejected" "17: the summary counts the rejects"
expect 0 "17: the wide files are stored as UTF-8" -- "$quarry" --db "$oddb" query --format csv "SELECT name || '=' || text AS t FROM documents ORDER BY name"
contains "$work/out" "wide16.txt=China and Russia signed a pact." "17: UTF-16 decoded"
contains "$work/out" "wide32.txt=Caf$(printf '\303\251') in China." "17: UTF-32 decoded"
contains "$work/out" "w1=Wide JSON Lines about China." "17: UTF-16 JSON Lines decoded"
contains "$work/odd.err" "$odd/empty.jsonl: no records: the file is empty or holds only blank lines" "17: an empty .jsonl is reported"
contains "$work/odd.err" "$odd/latin1.html: invalid UTF-8 at byte" "17: UTF-8 declared over Latin-1 is rejected as text is"
contains "$work/odd.err" "$odd/sjis.html: cannot decode the page in the charset it declares: input conversion failed" "17: libxml2's message names the file"
lacks "$work/odd.err" "encoding error :" "17: libxml2 prints nothing of its own"
lacks "$work/odd.err" "I/O error" "17: libxml2 prints nothing of its own (I/O)"
contains "$work/odd.err" "$odd/pipe.txt: skipped: not a regular file (a FIFO)" "17: a FIFO in a folder is reported"
expect 0 "17: ingest a hostile name again" -- "$quarry" --db "$oddb" ingest --no-progress "$odd/$esc_name"
contains "$work/err" "esc\\x1b[2Jname.txt: already stored, skipped" "17: a name's escape sequence is shown escaped"
if grep -q "$(printf '\033')" "$work/err" "$work/odd.err"; then fail "17: an escape character reached stderr"; else pass; fi
expect 0 "17: list with a hostile name" -- "$quarry" --db "$oddb" list
contains "$work/out" "esc\\x1b[2Jname.txt" "17: list shows the name escaped"
if grep -q "$(printf '\033')" "$work/out"; then fail "17: an escape character reached list's output"; else pass; fi
expect 0 "17: show with a hostile name" -- "$quarry" --db "$oddb" show "$esc_name"
if grep -q "$(printf '\033')" "$work/out"; then fail "17: an escape character reached show's output"; else pass; fi
expect 2 "17: an error naming a hostile name" -- "$quarry" --db "$oddb" show "x$esc_name"
contains "$work/err" "xesc\\x1b[2Jname.txt" "17: the error shows the name escaped"
if grep -q "$(printf '\033')" "$work/err"; then fail "17: an escape character reached an error line"; else pass; fi
expect 0 "17: list --format json keeps the name" -- "$quarry" --db "$oddb" list --format json
contains "$work/out" 'esc\u001b[2Jname.txt' "17: JSON escapes the name its own way"

# a name's escape sequence and BEL written to a terminal: reports (the
# default Markdown and every format) and the C commands' CSV and TSV show
# them escaped; a pipe and --out get the name as it is
bel_name="bel$(printf '\007')name.txt"
printf 'Another file about Russia with a hostile name.\n' >"$odd/$bel_name"
"$quarry" --db "$oddb" ingest --no-progress "$odd/$bel_name" 2>/dev/null
# on_terminal COMMAND...: runs COMMAND with a terminal as its standard
# output and error (script(1)), their text to our standard output
on_terminal() { SHELL=$BASH script -q -e -c "$(printf '%q ' "$@")" /dev/null </dev/null; }
if on_terminal true >/dev/null 2>&1; then
  for command in "report brief" "report brief --format md" "report brief --format csv" "report brief --format tsv" \
                 "report brief --format html" "report document --format json" "report brief --out -" \
                 "list --format csv" "search China --format csv" "list --format tsv"; do
    # shellcheck disable=SC2086 # (the command's words)
    on_terminal "$quarry" --db "$oddb" $command >"$work/tty.out" 2>&1
    equals "$?" "0" "17: $command on a terminal: exit status"
    contains "$work/tty.out" "esc" "17: $command on a terminal: the name is there"
    if grep -qF "$(printf '\033[2J')" "$work/tty.out"; then fail "17: $command: ESC [ 2 J reached the terminal"; else pass; fi
    if grep -qF "$(printf '\007')" "$work/tty.out"; then fail "17: $command: a BEL reached the terminal"; else pass; fi
  done
  on_terminal "$quarry" --db "$oddb" list --format csv >"$work/tty.out" 2>&1
  contains "$work/tty.out" "esc\\x1b[2Jname.txt" "17: CSV on a terminal shows the name escaped"
  "$quarry" --db "$oddb" extract --no-default-rules --rules "$rules" --no-progress >/dev/null 2>&1
  found=$("$quarry" --db "$oddb" query --format csv "SELECT a.id FROM annotations a JOIN documents d ON d.id = a.document WHERE d.name LIKE 'esc%' LIMIT 1" | tail -1 | tr -d '\r')
  on_terminal "$quarry" --db "$oddb" context "$found" >"$work/tty.out" 2>&1
  contains "$work/tty.out" "esc\\x1b[2Jname.txt" "17: context on a terminal shows the name escaped"
  if grep -qF "$(printf '\033[2J')" "$work/tty.out"; then fail "17: context: ESC [ 2 J reached the terminal"; else pass; fi
  on_terminal "$quarry" --db "$oddb" report brief >"$work/tty.out" 2>&1
  contains "$work/tty.out" "bel\\x07name.txt" "17: a report on a terminal shows the BEL escaped"
else
  echo "skipped (17, terminal): script(1) cannot make a terminal here"
fi
expect 0 "17: report brief to a pipe" -- "$quarry" --db "$oddb" report brief
contains "$work/out" "$esc_name" "17: a pipe gets the name as it is"
expect 0 "17: report brief --out" -- "$quarry" --db "$oddb" report brief --out "$work/odd-brief.md"
contains "$work/odd-brief.md" "$bel_name" "17: --out writes the name as it is"
expect 0 "17: list --format csv to a pipe" -- "$quarry" --db "$oddb" list --format csv
contains "$work/out" "$esc_name" "17: CSV to a pipe has the name as it is"

# --- 11. extract over a long text without sentence or line breaks -------------------------
# 1 MB of words on one line: about 7 s here (30 s under the sanitizers);
# 195 s when the issue was filed, so the limit fails the quadratic version
long="$work/long.db"
yes 'alpha gamma China beta delta Russia signed' | head -c 1000000 | tr '\n' ' ' >"$work/long.txt"
QUARRY_DB=$long "$quarry" ingest --no-progress "$work/long.txt" 2>/dev/null
expect 0 "11: extract a 1 MB line" -- timeout 120 "$quarry" --db "$long" extract --no-progress
contains "$work/err" " 1 updated;" "11: the line was read to its end"

# --- 10. search over a 10 MB document of one line --------------------------------------
big="$work/big.db"
{ yes 'alpha gamma beta delta' | head -c 5000000 | tr '\n' ' '; printf ' the Quantum computing lab '
  yes 'delta beta gamma alpha' | head -c 5000000 | tr '\n' ' '; printf '\n'; } >"$work/big.txt"
QUARRY_DB=$big "$quarry" ingest --no-progress "$work/big.txt" 2>/dev/null
expect 0 "10: search a word found everywhere in 10 MB" -- timeout 30 "$quarry" --db "$big" search gamma --limit 2
contains "$work/out" "[gamma]" "10: the snippet marks the word"
expect 0 "10: search a phrase in the middle of 10 MB" -- timeout 30 "$quarry" --db "$big" search '"quantum computing lab"'
contains "$work/out" "the [Quantum] [computing] [lab]" "10: the snippet is around the hit"

finish "safety"
