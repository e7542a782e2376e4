#!/usr/bin/env bash
# End-to-end tests of the rule engine: rules list/test/explain, extract
# (incremental, errors), export and eval, over data/samples and, when it
# exists, the reference corpus in ../shared.
# Usage: test_rules.sh QUARRY_BINARY SOURCE_DIR
set -u
quarry=$1
source_dir=$2
shared="$source_dir/../shared"
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-rules.XXXXXX")
trap 'rm -rf "$work"' EXIT
export QUARRY_DB="$work/test.db"
. "$(dirname "$0")/checks.sh"

# --- the shipped rules ----------------------------------------------------------
expect 0 "rules list" -- "$quarry" rules list
for rule in money percent date boilerplate published; do contains "$work/out" "$rule" "rules list names $rule"; done
expect 0 "rules list json" -- "$quarry" rules list --format json
contains "$work/out" '"kind":"grammar"' "rules list json"
expect 0 "rules test" -- "$quarry" rules test
contains "$work/out" " 0 failed" "shipped rules pass their examples"
expect 0 "rules test one" -- "$quarry" rules test money
expect 2 "rules test unknown" -- "$quarry" rules test nosuchrule
expect 0 "rules explain" -- "$quarry" rules explain money "It spent \$150bn and €26 million."
contains "$work/out" '[9, 15) “$150bn”' "explain shows the span"
contains "$work/out" '"amount":150000000000' "explain shows the value"
contains "$work/out" "captures at byte 9" "explain shows captures"
# explain runs what a rule reads, as extract does (issue 12)
sentence="China and Russia signed a cooperation agreement on artificial intelligence in 2024."
expect 0 "rules explain an apply rule" -- "$quarry" rules explain relation "$sentence"
lacks "$work/out" "no match" "relation finds its sentence"
contains "$work/out" '"kind":"cooperation"' "the cooperation relation"
contains "$work/out" '"fields":["ai"]' "with the tech rule's field"
contains "$work/out" "ran first, for what it reads: boilerplate (0), country (2)" "explain lists the rules it ran first"
expect 0 "rules explain an apply rule, json" -- "$quarry" rules explain --format json relation "$sentence"
contains "$work/out" '{"found":2,"rule":"country"}' "json lists the rules run first"
expect 0 "rules explain the whole pack" -- "$quarry" rules explain "$sentence"
contains "$work/out" "6 stand, 0 set aside" "the whole pack: a summary"
contains "$work/out" '[0, 5) country     “China”  {"iso":"CN"}  (country)' "the whole pack: a country"
contains "$work/out" '[51, 74) tech        “artificial intelligence”' "the whole pack: a field"
expect 0 "rules explain the whole pack, set aside" -- "$quarry" rules explain --format json "Huawei opened a lab at the Chinese Academy of Sciences."
contains "$work/out" '"reason":"overlaps org “Chinese Academy of Sciences” (rule org)' "the whole pack: why a candidate was set aside"
expect 1 "rules explain with three words" -- "$quarry" rules explain money a b
expect 0 "rules explain no match" -- "$quarry" rules explain date "In March, 20244 people"
contains "$work/out" "no match" "explain says no match"
contains "$work/out" "the longest partial match:" "explain shows how far the grammar gets"
contains "$work/out" "it stops at" "explain says where the grammar stops"

# --- a rules folder of our own: failures are reported ----------------------------
mkdir -p "$work/rules"
cp "$source_dir"/rules/*.lua "$work/rules/"
cp -r "$source_dir/rules/lib" "$work/rules/lib"
cat >"$work/rules/broken_example.lua" <<'LUA'
local lpeg = require "lpeg"
return {
  name = "broken_example",
  type = "tech",
  pattern = lpeg.P"5G",
  value = function() return { field = "5g" } end,
  examples = { { "the 5G rollout", "5G", { field = "6g" } } },
}
LUA
expect 2 "rules test reports a failing example" -- "$quarry" rules test --rules "$work/rules"
contains "$work/out" "FAIL broken_example ($work/rules/broken_example.lua) example 1: “the 5G rollout”" "failure names rule, file, example"
contains "$work/out" 'expected “5G” {"field":"6g"}' "failure shows expected"
contains "$work/out" 'found    “5G” {"field":"5g"}' "failure shows found"
rm "$work/rules/broken_example.lua"

# --- extract, export, eval on the samples ------------------------------------------
"$quarry" ingest --no-progress "$source_dir/data/samples" 2>/dev/null
expect 0 "extract" -- "$quarry" extract --rules "$work/rules"
for rule in money percent date; do contains "$work/err" "extract: $rule (new) run on 10 documents" "extract runs $rule"; done
expect 0 "publication dates" -- "$quarry" query --format csv "SELECT name, published FROM documents ORDER BY name"
contains "$work/out" $'01-russia-china-ai-year.txt,\r' "a text file's date line is not stored on the document"
contains "$work/out" $'07-digital-silk-road-africa.html,2024-09-12T08:30:00Z\r' "a date that came with the document is kept"
expect 0 "list shows the date found" -- "$quarry" list --format csv
contains "$work/out" "01-russia-china-ai-year.txt,Moscow and Beijing put artificial intelligence at the heart of a new research pact,2024-05-14," "list shows the published annotation of a document without a date"
expect 0 "extract again" -- "$quarry" extract --rules "$work/rules"
contains "$work/err" "10 documents, 0 updated" "nothing re-runs when nothing changed"
expect 0 "export" -- "$quarry" export --out "$work/all.jsonl"
expect 0 "export money" -- "$quarry" export --type money
contains "$work/out" '"type":"money"' "export money"
lacks "$work/out" '"type":"date"' "export --type filters"
cp "$work/out" "$work/money.jsonl"
expect 0 "export --type in capitals" -- "$quarry" export --type MONEY
if cmp -s "$work/out" "$work/money.jsonl"; then pass; else fail "export --type MONEY is not --type money"; fi
expect 1 "export --type unknown" -- "$quarry" export --type nosuch
contains "$work/err" "unknown type nosuch (the types: boilerplate, " "an unknown type names the types"
expect 1 "eval --type unknown" -- "$quarry" eval --type nosuch /dev/null
contains "$work/err" "unknown type nosuch" "eval names an unknown type"

# every exported span's text is exactly the stored bytes at its offsets
cat >"$work/offsets.lua" <<'LUA'
local path = ...
local json = quarry.json
local db, n, bad = quarry.db, 0, 0
for line in io.lines(path) do
  local a = json.decode(line)
  local doc = assert(db:document(a.doc))
  n = n + 1
  if doc.text:sub(a.start + 1, a["end"]) ~= a.text then bad = bad + 1; print("bad offsets: " .. line) end
  if doc.format == "text" then
    local f = assert(io.open(doc.source, "rb")); local bytes = f:read("a"); f:close()
    if bytes:sub(a.start + 1, a["end"]) ~= a.text then bad = bad + 1; print("not the file's bytes: " .. line) end
  end
end
print(string.format("offsets %d checked, %d bad", n, bad))
LUA
expect 0 "export offsets" -- "$quarry" run "$work/offsets.lua" "$work/all.jsonl"
contains "$work/out" " 0 bad" "exported text equals the bytes at the offsets"
lacks "$work/out" "offsets 0 checked" "something was exported"

# --- incremental: an edited rule re-runs alone ---------------------------------------
sed -i 's/description = "percentages/description = "edited: percentages/' "$work/rules/percent.lua"
expect 0 "extract after an edit" -- "$quarry" extract --rules "$work/rules"
contains "$work/err" "extract: percent (changed) run on 10 documents" "the edited rule re-runs"
lacks "$work/err" "extract: money" "money does not re-run"
lacks "$work/err" "extract: date" "date does not re-run"

# an edited library re-runs the rules that use it, and only those
echo "-- a comment" >>"$work/rules/lib/tech.lua"
expect 0 "extract after a library edit" -- "$quarry" extract --rules "$work/rules"
contains "$work/err" "extract: tech (changed)" "tech uses lib/tech"
lacks "$work/err" "extract: money (" "money does not use lib/tech"
lacks "$work/err" "extract: date (" "date does not use lib/tech"

# a new rule in another folder is picked up without rebuilding
mkdir -p "$work/more"
cat >"$work/more/quantum.lua" <<'LUA'
local lpeg = require "lpeg"
local text = require "lib.text"
return {
  name = "quantum",
  type = "tech",
  pattern = text.word_start * text.ci("quantum") * (lpeg.P" computing" + lpeg.P" communication")^-1 * text.word_end,
  value = function() return { field = "quantum", by = "test rule" } end,
  examples = { { "quantum computing labs", "quantum computing", { field = "quantum", by = "test rule" } } },
}
LUA
expect 0 "extract with a new rule" -- "$quarry" extract --rules "$work/rules" --rules "$work/more"
contains "$work/err" "extract: quantum (new) run on 10 documents" "the new rule runs"
lacks "$work/err" "extract: money" "old rules do not re-run"
expect 0 "export the new rule's annotations" -- "$quarry" export --type tech
contains "$work/out" '"by":"test rule"' "the new rule's annotations are stored"

# a rule that fails to load: reported with file and line, nothing dropped
printf 'return {\n  name = "oops",\n  type = \n' >"$work/more/oops.lua"
expect 2 "extract with a broken rule" -- "$quarry" extract --rules "$work/rules" --rules "$work/more"
contains "$work/err" "$work/more/oops.lua:4:" "load error names file and line"
expect 0 "annotations kept" -- "$quarry" export --type tech
contains "$work/out" '"by":"test rule"' "annotations survive a broken rule file"
rm "$work/more/oops.lua"

# a rule that raises on one document: reported with the document, others go on
cat >"$work/more/picky.lua" <<'LUA'
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
expect 2 "extract with a raising rule" -- "$quarry" extract --rules "$work/rules" --rules "$work/more"
contains "$work/err" "picky.lua:7: cannot read this one (rule picky, document 02-chip-self-sufficiency.txt)" "error names file, line and document"
contains "$work/err" "extract: picky (new) run on 9 documents" "the other documents go on"
rm "$work/more/picky.lua"
# a rule that raises on every document is shown once, then counted (issue 12)
mkdir -p "$work/raising"
cat >"$work/raising/boom.lua" <<'LUA'
local lpeg = require "lpeg"
return { name = "boom", type = "note", pattern = lpeg.P"China", value = function() error("boom") end }
LUA
expect 2 "extract with a rule that raises everywhere" -- "$quarry" extract --rules "$work/raising"
equals "$(grep -c 'boom.lua:2: boom' "$work/err")" 1 "the error is shown once"
contains "$work/err" "rule boom raised on 9 more documents (the first is shown above)" "and the others are counted"
# every rule file failing to load is no pass
mkdir -p "$work/allbad"
printf 'return {\n' >"$work/allbad/a.lua"
printf 'return 1\n' >"$work/allbad/b.lua"
expect 2 "rules test when no file loads" -- "$quarry" rules test --no-default-rules --rules "$work/allbad"
contains "$work/out" "rules: 0 passed, 0 failed, 2 rule files did not load (no rule was tested)" "says that nothing was tested"

# a removed rule's annotations are kept, and said so, until --prune
rm "$work/more/quantum.lua"
expect 0 "extract without the new rule" -- "$quarry" extract --rules "$work/rules" --rules "$work/more"
contains "$work/err" "kept the annotations of 2 rules not loaded now (picky, quantum)" "an unloaded rule's annotations are kept, and named"
lacks "$work/err" "dropped the annotations" "nothing dropped without --prune"
expect 0 "export after removal" -- "$quarry" export --type tech
contains "$work/out" '"by":"test rule"' "the removed rule's annotations stay without --prune"
expect 0 "extract --prune" -- "$quarry" extract --prune --rules "$work/rules" --rules "$work/more"
contains "$work/err" "dropped the annotations of removed rule quantum" "removal reported"
contains "$work/err" "dropped the annotations of removed rule picky" "removal of the raising rule's partial output"
expect 0 "export after --prune" -- "$quarry" export --type tech
lacks "$work/out" '"by":"test rule"' "the removed rule's annotations are gone"

# --- a folder of one's own adds to the shipped pack (issue 12) ----------------------
export QUARRY_DB="$work/own.db"
"$quarry" ingest --no-progress "$source_dir/data/samples" 2>/dev/null
mkdir -p "$work/mine"
cat >"$work/mine/quantum.lua" <<'LUA'
local lpeg = require "lpeg"
local text = require "lib.text"
return {
  name = "quantum",
  type = "tech",
  pattern = text.word_start * text.ci("quantum") * (lpeg.P" computing")^-1 * text.word_end,
  value = function() return { field = "quantum", by = "mine" } end,
  examples = { { "quantum computing labs", "quantum computing", { field = "quantum", by = "mine" } } },
}
LUA
expect 0 "extract the pack" -- "$quarry" extract
money_before=$("$quarry" query --format csv "SELECT count(*) AS n FROM annotations WHERE rule = 'money'" | tail -1)
expect 0 "extract with my folder" -- "$quarry" extract --rules "$work/mine"
contains "$work/err" "extract: quantum (new) run on 10 documents" "my rule runs"
lacks "$work/err" "dropped" "the pack's annotations are not dropped"
lacks "$work/err" "extract: money" "the pack's rules do not re-run"
pack_size=$(ls "$source_dir"/rules/*.lua | wc -l)
contains "$work/err" "$((pack_size + 1)) rules" "my rule is added to the pack's $pack_size"
money_after=$("$quarry" query --format csv "SELECT count(*) AS n FROM annotations WHERE rule = 'money'" | tail -1)
equals "$money_after" "$money_before" "the pack's money annotations are still there"
expect 0 "a plain extract after mine" -- "$quarry" extract
contains "$work/err" "kept the annotations of 1 rule not loaded now (quantum): give their folder with --rules $work/mine," "a plain extract names what it keeps and the folder it came from"
expect 0 "export mine" -- "$quarry" export --type tech
contains "$work/out" '"by":"mine"' "a plain extract keeps my rule's annotations"
expect 0 "rules list with my folder" -- "$quarry" rules list --format csv --rules "$work/mine"
contains "$work/out" "quantum,tech" "rules list shows my rule"
contains "$work/out" "money,money" "rules list shows the pack"
expect 0 "rules list, mine only" -- "$quarry" rules list --format csv --no-default-rules --rules "$work/mine"
contains "$work/out" "quantum,tech" "--no-default-rules keeps mine"
lacks "$work/out" "money,money" "--no-default-rules leaves the pack out"
# a rule of mine with a pack rule's name replaces it
sed 's/by = "mine"/by = "mine"/; s/name = "quantum"/name = "tech_node"/' "$work/mine/quantum.lua" >"$work/mine/node.lua"
sed -i 's/"quantum", by = "mine"/"quantum", by = "my tech_node"/g' "$work/mine/node.lua"
expect 0 "rules list, a pack rule replaced" -- "$quarry" rules list --format csv --rules "$work/mine"
contains "$work/out" "tech_node,tech,pattern" "the replacing rule is listed"
contains "$work/out" "$work/mine/node.lua" "from my file"
lacks "$work/out" "rules/tech_node.lua" "not the pack's file"
expect 0 "rules test of the replacing rule" -- "$quarry" rules test --rules "$work/mine" tech_node
contains "$work/out" "1 passed, 0 failed" "the replacing rule's examples run"
expect 0 "extract --prune with mine" -- "$quarry" extract --prune --rules "$work/mine"
lacks "$work/err" "dropped the annotations of removed rule" "a replaced rule is no removed rule"
contains "$work/err" "tech_node (changed)" "the replacing rule runs"
expect 1 "--prune is extract's" -- "$quarry" rules list --prune
export QUARRY_DB="$work/test.db"

expect 0 "extract --force" -- "$quarry" extract --rules "$work/rules" --force
contains "$work/err" "extract: money (forced) run on 10 documents" "force re-runs"

# --- the reference corpus: eval prints the table --------------------------------------
if [ -f "$shared/gold/seeds.jsonl" ]; then
  export QUARRY_DB="$work/seeds.db"
  "$quarry" ingest --no-progress "$shared/seeds" 2>/dev/null
  expect 0 "extract seeds" -- "$quarry" extract
  expect 0 "export seeds" -- "$quarry" export --out "$work/seeds.jsonl"
  expect 0 "seed offsets" -- "$quarry" run "$work/offsets.lua" "$work/seeds.jsonl"
  contains "$work/out" " 0 bad" "seed export offsets equal the file bytes"
  expect 0 "eval seeds" -- "$quarry" eval "$shared/gold/seeds.jsonl"
  contains "$work/out" "| money" "eval table has money"
  contains "$work/out" "| date" "eval table has date"
  contains "$work/out" "precision" "eval table header"
  expect 0 "eval json" -- "$quarry" eval --format json --type money "$shared/gold/seeds.jsonl"
  contains "$work/out" '"type":"money"' "eval json"
  # a gold file with one annotation the rules cannot find
  cp "$shared/gold/seeds.jsonl" "$work/gold.jsonl"
  echo '{"doc":"000_b6ba6a2d7d673dfc.txt","type":"date","start":23,"end":25,"text":"Xi","value":{"edtf":"1999"}}' >>"$work/gold.jsonl"
  expect 0 "eval errors" -- "$quarry" eval --show-errors --type date "$work/gold.jsonl"
  contains "$work/out" "MISS date [23,25) “Xi”" "eval lists misses"
else
  skip "the gold checks: no gold at $shared/gold"
fi

# --- the publication date is read from this run, never from an earlier one -----------------
# A rule that reads the date (date_year, person_role) gets the published
# rule's finding of the run it is in; a document's own published field
# holds only what came with it. When the published rule changes, the rules
# that read the date run again on the new finding, not on the old one.
export QUARRY_DB="$work/dates.db"
mkdir -p "$work/nodate"
printf 'Friday, January 5, 2024\n\nA late deal\n\nThe contract was signed on December 20.\n' >"$work/dated.txt"
"$quarry" ingest --no-progress "$work/dated.txt" 2>/dev/null
expect 0 "extract with the date line" -- "$quarry" extract --no-progress
expect 0 "a day dated by the date line" -- "$quarry" query --format csv "SELECT text, json_extract(value, '$.edtf') FROM annotations WHERE type = 'date' AND beaten_by IS NULL"
contains "$work/out" "December 20,2023-12-20" "December 20 is the one before the date line's January"
cat >"$work/nodate/published.lua" <<'LUA'
return { name = "published", type = "published", description = "finds no date", needs = { "date" },
         apply = function() end }
LUA
expect 0 "extract with a published rule that finds nothing" -- "$quarry" extract --no-progress --rules "$work/nodate"
expect 0 "a day dated without a publication date" -- "$quarry" query --format csv "SELECT text, json_extract(value, '$.edtf') FROM annotations WHERE type = 'date' AND beaten_by IS NULL"
contains "$work/out" "December 20,2024-12-20" "the year named before it: no stale date from the first run"
expect 0 "list" -- "$quarry" list --format csv
contains "$work/out" ",dated.txt,The contract was signed on December 20.,,78," "the document has no date once no rule finds one"

finish rules
