#!/usr/bin/env bash
# annotate and import: the streaming mapper and the loader of its output.
# The round trip (ingest, then import of annotate's output) must leave the
# database as ingest + extract does: the same export byte for byte, and
# with --state the same candidates set aside, rule runs and dates.
# Usage: test_annotate.sh QUARRY_BINARY SOURCE_DIR
set -u
quarry=$1
source_dir=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-annotate.XXXXXX")
trap 'rm -rf "$work"' EXIT
unset QUARRY_DB
. "$source_dir/tests/cli/checks.sh"
. "$source_dir/tests/scale/corpus.sh"

corpus=$work/corpus.jsonl
make_corpus "$corpus"

# --- the reference: ingest + extract -------------------------------------------
"$quarry" --db "$work/ref.db" ingest --no-progress "$corpus" 2>/dev/null
expect 0 "extract (reference)" -- "$quarry" --db "$work/ref.db" extract --jobs 1
"$quarry" --db "$work/ref.db" export >"$work/ref.export"
db_state "$work/ref.db" >"$work/ref.state"
[ -s "$work/ref.export" ] && pass || fail "the reference export is empty"

# --- annotate writes no database ------------------------------------------------
expect 0 "annotate" -- "$quarry" --db "$work/none.db" annotate --file corpus.jsonl <"$corpus"
cp "$work/out" "$work/plain.jsonl"
[ ! -e "$work/none.db" ] && pass || fail "annotate made a database"
contains "$work/plain.jsonl" '"rule":"money","version":"' "records carry rule and version"
lacks "$work/plain.jsonl" '"beaten_by"' "without --state no candidate set aside"
# the export fields of each record, in export's field order, are export's lines
# (but for a percentage point's unit, which export leaves out), leaving out
# the documents ingest skipped as duplicates
"$quarry" --db "$work/ref.db" run /dev/stdin "$work/plain.jsonl" >"$work/plain.export" <<'LUA'
local json = quarry.json
local stored = "SELECT 1 AS one FROM documents WHERE name = ? AND sha256 = ?"
for line in io.lines(arg[1]) do
  local r = json.decode(line)
  if not quarry.db:query(stored, r.doc, r.sha256)[1] then goto skip end
  local value = json.member(line, "value")
  if r.type == "percent" and r.value and r.value.unit then value = json.encode({ value = r.value.value }) end
  io.write(string.format('{"doc":%s,"type":%s,"start":%d,"end":%d,"text":%s,"value":%s}\n',
    json.encode(r.doc), json.encode(r.type), r.start, r["end"], json.encode(r.text), value))
  ::skip::
end
LUA
# (export also names each document's id and source, which records leave out)
sed -E 's/,"doc_id":[0-9]+,"source":"([^"\\]|\\.)*"\}$/}/' "$work/ref.export" | sort >"$work/b.sorted"
sort "$work/plain.export" >"$work/a.sorted"
cmp -s "$work/a.sorted" "$work/b.sorted" && pass || fail "annotate's records are not extract's annotations"
equals "$(grep -c '"doc":"reuters-16"' "$work/plain.jsonl")" "$(grep -c '"doc":"reuters-4"' "$work/plain.jsonl")" \
  "a duplicate text is annotated as its first copy (ingest keeps the first)"

# --- the round trip with --state: the same database -------------------------------
"$quarry" --db "$work/state.db" ingest --no-progress "$corpus" 2>/dev/null
"$quarry" annotate --state --file corpus.jsonl <"$corpus" >"$work/state.jsonl"
contains "$work/state.jsonl" '"beaten_by":' "--state writes the candidates set aside"
contains "$work/state.jsonl" '"runs":{"boilerplate":"' "--state writes each document's rule runs"
expect 0 "import --state output" -- "$quarry" --db "$work/state.db" import "$work/state.jsonl"
contains "$work/err" "0 records not imported" "import summary"
"$quarry" --db "$work/state.db" export >"$work/state.export"
cmp -s "$work/ref.export" "$work/state.export" && pass || fail "export after import (--state) differs from extract's"
db_state "$work/state.db" >"$work/state.state"
cmp -s "$work/ref.state" "$work/state.state" && pass || { fail "database after import (--state) differs from extract's"; diff "$work/ref.state" "$work/state.state" | head -5; }
expect 0 "extract after import" -- "$quarry" --db "$work/state.db" extract --jobs 1
contains "$work/err" " 0 updated" "extract after import --state re-runs nothing"
# importing again changes nothing (reading from standard input this time)
expect 0 "import again" -- "$quarry" --db "$work/state.db" import - <"$work/state.jsonl"
"$quarry" --db "$work/state.db" export >"$work/again.export"
cmp -s "$work/ref.export" "$work/again.export" && pass || fail "importing twice changed the export"
db_state "$work/state.db" >"$work/again.state"
cmp -s "$work/ref.state" "$work/again.state" && pass || fail "importing twice changed the database"

# --- without --state: the annotations that stand; extract then runs every rule -------
"$quarry" --db "$work/plain.db" ingest --no-progress "$corpus" 2>/dev/null
expect 0 "import plain output" -- "$quarry" --db "$work/plain.db" import "$work/plain.jsonl"
"$quarry" --db "$work/plain.db" export >"$work/plain2.export"
cmp -s "$work/ref.export" "$work/plain2.export" && pass || fail "export after import (plain) differs from extract's"
expect 0 "extract after plain import" -- "$quarry" --db "$work/plain.db" extract --jobs 1
lacks "$work/err" " 0 updated" "without --state extract runs the rules again"
"$quarry" --db "$work/plain.db" export >"$work/plain3.export"
cmp -s "$work/ref.export" "$work/plain3.export" && pass || fail "extract after a plain import changed the export"

# --- a later extract with a changed rule re-runs that rule only --------------------
mkdir -p "$work/rules"
cp -r "$source_dir"/rules/* "$work/rules/"
"$quarry" --db "$work/changed.db" ingest --no-progress "$corpus" 2>/dev/null
"$quarry" annotate --state --rules "$work/rules" <"$corpus" | "$quarry" --db "$work/changed.db" import - 2>/dev/null
echo "-- changed" >>"$work/rules/percent.lua"
expect 0 "extract with a changed rule" -- "$quarry" --db "$work/changed.db" extract --jobs 1 --rules "$work/rules"
contains "$work/err" "extract: percent (changed) run on" "the changed rule runs again"
lacks "$work/err" "extract: money (" "an unchanged rule does not"

# --- bad input lines are reported with their line number and skipped -----------------
printf '%s\n' '{"id":"a","text":"Huawei invested $5 billion in 2023."}' '{"id":"b",' '' \
  '{"id":"c","text":"   "}' '{"text":"China and Russia signed a pact."}' '{"id":"d"}' >"$work/bad.jsonl"
expect 2 "annotate with bad lines" -- "$quarry" annotate --file bad.jsonl <"$work/bad.jsonl"
contains "$work/err" "bad.jsonl:2: malformed JSON" "a malformed line is named by its line"
contains "$work/err" 'bad.jsonl:4: empty "text"' "an empty text is named by its line"
contains "$work/err" 'bad.jsonl:6: no "text" string' "a line without text is named by its line"
contains "$work/out" '"doc":"a","type":"money"' "the good lines are annotated"
contains "$work/out" '"doc":"bad.jsonl:5"' "a line without id is named FILE:LINE, as ingest names it"
# ... and ingest names and reads them the same way
cp "$work/out" "$work/bad.ann"
"$quarry" --db "$work/bad.db" ingest --no-progress "$work/bad.jsonl" 2>/dev/null
expect 0 "import of a file ingest also read" -- "$quarry" --db "$work/bad.db" import "$work/bad.ann"
contains "$work/err" "import: 2 documents" "both documents found by name and SHA-256"
printf '{"id":"x","text":"caf\xe9"}\n' | "$quarry" annotate >"$work/out" 2>"$work/err"
contains "$work/err" "stdin:1:" "invalid UTF-8 is reported with its line"

# --- import: records of unknown or changed documents are errors; the rest goes in ----
"$quarry" annotate --state --file bad.jsonl <"$work/bad.jsonl" >"$work/ann.jsonl" 2>/dev/null
sha_a=$(grep -o '"doc":"a",.*"sha256":"[0-9a-f]*"' "$work/ann.jsonl" | head -1 | sed 's/.*"sha256":"//; s/"$//')
sed "s/\"doc\":\"a\"/\"doc\":\"zzz\"/; s/$sha_a/$(printf '0%.0s' {1..64})/" "$work/ann.jsonl" >"$work/unknown.jsonl"
"$quarry" --db "$work/err.db" ingest --no-progress "$work/bad.jsonl" 2>/dev/null
expect 2 "import of an unknown document" -- "$quarry" --db "$work/err.db" import "$work/unknown.jsonl"
contains "$work/err" "unknown.jsonl:1: document zzz is not stored" "an unknown document is named with its line"
contains "$work/err" "import: 1 documents" "the other document is imported"
sed 's/"doc":"a"/"doc":"zzz"/' "$work/ann.jsonl" >"$work/renamed.jsonl"
expect 0 "import of a text stored under another name" -- "$quarry" --db "$work/err.db" import "$work/renamed.jsonl"
contains "$work/err" "document zzz skipped: its text is stored as a" "a duplicate is skipped with a note"
printf '%s\n' '{"id":"a","text":"Huawei invested $6 billion in 2023."}' >"$work/other.jsonl"
"$quarry" annotate --state <"$work/other.jsonl" >"$work/other.ann" 2>/dev/null
expect 2 "import of another text under a stored name" -- "$quarry" --db "$work/err.db" import "$work/other.ann"
contains "$work/err" "document a has another text (SHA-256" "a SHA-256 mismatch is an error"
sed '1s/"text":"[^"]*"/"text":"nonsense"/' "$work/ann.jsonl" >"$work/wrongtext.jsonl"
expect 2 "import of a record whose text is not the document's" -- "$quarry" --db "$work/err.db" import "$work/wrongtext.jsonl"
contains "$work/err" "wrongtext.jsonl:1: the text at" "a record that does not fit its document is named by its line"
printf 'not json\n' >"$work/garbage.jsonl"
expect 2 "import of a malformed line" -- "$quarry" --db "$work/err.db" import "$work/garbage.jsonl"
contains "$work/err" "garbage.jsonl:1: malformed JSON" "a malformed record is named by its line"
expect 2 "import of a missing file" -- "$quarry" --db "$work/err.db" import "$work/missing.jsonl"
expect 1 "import without a file" -- "$quarry" --db "$work/err.db" import

# --- a rule that raises is reported with its file, line and document ----------------
mkdir -p "$work/raising"
cat >"$work/raising/raises.lua" <<'LUA'
local lpeg = require "lpeg"
return {
  name = "raises", type = "tech",
  pattern = lpeg.P"Huawei",
  value = function(_, match)
    if match.doc.name == "a" then error("no Huawei here") end
    return { field = "5g" }
  end,
}
LUA
expect 2 "annotate with a rule that raises" -- "$quarry" annotate --rules "$work/raising" <"$work/bad.jsonl"
contains "$work/err" "raises.lua:6: no Huawei here (rule raises, document a, stdin:1)" "the error names file, line and document"

# --- output is flushed after each document (a pipeline never waits for more input) ---
coproc ANNOTATE { "$quarry" annotate 2>/dev/null; }
echo '{"id":"flush","text":"Huawei invested $5 billion in 2023."}' >&"${ANNOTATE[1]}"
if IFS= read -r -t 60 first <&"${ANNOTATE[0]}"; then
  case $first in *'"doc":"flush"'*) pass ;; *) fail "flush: unexpected first record $first" ;; esac
else
  fail "annotate did not write a document's records before its input ended"
fi
exec {ANNOTATE[1]}>&-
wait "$ANNOTATE_PID" 2>/dev/null

# --- --help, man-page-like, and the commands listed --------------------------------
for command in annotate import; do
  expect 0 "$command --help" -- "$quarry" "$command" --help
  contains "$work/out" "usage: quarry [--db FILE] $command" "$command --help usage line"
  contains "$work/out" "Exit status:" "$command --help exit status"
  contains "$work/out" "Examples:" "$command --help examples"
  expect 0 "quarry --help" -- "$quarry" --help
  contains "$work/out" "  $command  " "quarry --help lists $command"
done
expect 1 "annotate with a positional argument" -- "$quarry" annotate corpus.jsonl
expect 1 "annotate with an unknown option" -- "$quarry" annotate --nope

finish "annotate/import"
