#!/usr/bin/env bash
# quarry.so, the Lua C module, from a stock lua5.4 (issue 12): require
# "quarry", open a database the quarry binary made, search, query, read
# annotations, and run the rules with the engine. Skipped (77) without
# lua5.4.
# Usage: test_module.sh MODULE QUARRY_BINARY SOURCE_DIR
set -u
module=$1
quarry=$2
source_dir=$3
if ! command -v lua5.4 >/dev/null 2>&1; then
  echo "SKIP: no lua5.4 (apt-get install lua5.4)"
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-module.XXXXXX")
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/checks.sh"
export QUARRY_DB="$work/test.db"
"$quarry" ingest --no-progress "$source_dir/data/samples" 2>/dev/null
"$quarry" extract --no-progress 2>/dev/null

cat >"$work/program.lua" <<'LUA'
local module_dir, db_path = ...
package.cpath = module_dir .. "/?.so;" .. package.cpath
local q = require "quarry"
print("version " .. q.version)
local db <close> = assert(q.open(db_path))
print("documents " .. db:count())
local hits = assert(db:search("quantum", 1))
print("hit " .. hits[1].name)
local rows = db:query("SELECT count(*) AS n FROM annotations WHERE type = ?", "money")
print("money " .. (rows[1].n > 0 and "some" or "none"))
local doc = assert(db:document("01-russia-china-ai-year.txt"))
print("countries " .. (#doc:annotations("country") > 0 and "some" or "none"))
local ruleset, engine = require "quarry.ruleset", require "quarry.engine"
local set = ruleset.load({ q.home .. "/rules" })
local text = "China and Russia signed a cooperation agreement on artificial intelligence in 2024."
local found = 0
for _, c in ipairs(engine.run_document(set, { id = 0, name = "t", text = text },
                                       ruleset.needed(set, { "relation" }), {})) do
  if c.rule == "relation" and not c.beaten_by then found = found + 1 end
end
print("relations " .. found)
print("json " .. q.json.encode({ 0.6, q.json.array() }))
print("lpeg " .. tostring(require("lpeg").match(require("lpeg").P"a", "a")))
LUA
expect 0 "lua5.4 runs a program that requires quarry" -- lua5.4 "$work/program.lua" "$(dirname "$module")" "$QUARRY_DB"
contains "$work/out" "version 0." "the module's version"
contains "$work/out" "documents 10" "it opens the database"
contains "$work/out" "hit brief-2024-0620-quantum" "it searches"
contains "$work/out" "money some" "it queries"
contains "$work/out" "countries some" "it reads annotations"
contains "$work/out" "relations 2" "it runs the rules, relation with what it reads"
contains "$work/out" "json [0.6,[]]" "quarry.json"
contains "$work/out" "lpeg 2" "lpeg is there"
# the interpreter brings Lua: the module must not load a second one
if ldd "$module" | grep -q 'liblua5\.4\.so'; then fail "quarry.so links liblua5.4 (a second Lua)"; else pass; fi
finish module
