#!/usr/bin/env bash
# Hostile input (issue 14): rules, reports and outputs that loop, abort,
# escape or write where they must not. Each case checks the message, the
# exit status, and that nothing stored was lost (the documents and their
# annotations are counted before and after).
# Usage: test_safety.sh QUARRY_BINARY SOURCE_DIR
set -u
quarry=$1
source_dir=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-safety.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
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
expect 0 "1: Cmt returning values in a rule" -- "$quarry" --db "$rdb" extract --rules "$rules" --no-progress
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
  expect 2 "4: $label value" -- "$quarry" --db "$rdb" extract --rules "$rules" --no-progress --force
  contains "$work/err" "$message" "4: $label: the reason"
  contains "$work/err" "$rules/bad_value.lua" "4: $label: the rule's file"
  contains "$work/err" "(rule bad_value, document 01-russia-china-ai-year.txt)" "4: $label: the rule and the document"
  lacks "$work/err" "traceback" "4: $label: no traceback"
  contains "$work/err" "extract: 2 rules, 10 documents, 10 updated" "4: $label: the summary"
  good_ran "4: $label"
done

finish "safety"
