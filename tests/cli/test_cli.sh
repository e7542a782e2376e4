#!/usr/bin/env bash
# End-to-end tests of the quarry command line over data/samples and, when
# it exists, the reference corpus in ../shared/seeds.
# Usage: test_cli.sh QUARRY_BINARY SOURCE_DIR
set -u
quarry=$1
source_dir=$2
seeds="$source_dir/../shared/seeds"
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
export QUARRY_DB="$work/test.db"
. "$(dirname "$0")/checks.sh"
count_documents() { "$quarry" query --format csv "SELECT count(*) AS n FROM documents" | tail -n 1 | tr -d '\r'; }

# --- usage, help and version ------------------------------------------------
expect 0 "version" -- "$quarry" --version
contains "$work/out" "quarry 0." "version"
expect 0 "help" -- "$quarry" --help
contains "$work/out" "  search    full-text search" "help lists the commands"
expect 1 "no command" -- "$quarry"
expect 1 "unknown command" -- "$quarry" frobnicate
contains "$work/err" "unknown command frobnicate" "unknown command message"
for command in ingest list show search query run; do
  expect 0 "$command --help" -- "$quarry" "$command" --help
  contains "$work/out" "usage: quarry [--db FILE] $command" "$command --help"
done
expect 1 "unknown option" -- "$quarry" list --colour
expect 1 "bad format" -- "$quarry" list --format xml
expect 1 "ingest without paths" -- "$quarry" ingest

# --- ingest the samples, twice ----------------------------------------------
expect 0 "ingest samples" -- "$quarry" ingest --no-progress "$source_dir/data/samples"
contains "$work/err" "10 stored, 0 skipped as duplicate, 0 rejected" "ingest summary"
equals "$(count_documents)" 10 "ten sample documents"
"$quarry" query --format csv "SELECT * FROM documents ORDER BY id" >"$work/before.csv"
expect 0 "ingest samples again" -- "$quarry" ingest --no-progress "$source_dir/data/samples"
contains "$work/err" "0 stored, 10 skipped as duplicate, 0 rejected" "re-ingest summary"
contains "$work/err" "08-wire-briefs.jsonl: 3 of 3 documents already stored, skipped" "duplicates reported"
"$quarry" query --format csv "SELECT * FROM documents ORDER BY id" >"$work/after.csv"
if cmp -s "$work/before.csv" "$work/after.csv"; then pass; else fail "re-ingest changed stored rows"; fi

# --- what was stored ---------------------------------------------------------
expect 0 "list" -- "$quarry" list
contains "$work/out" "01-russia-china-ai-year.txt" "list names the text sample"
contains "$work/out" "brief-2024-0620-quantum" "list names JSONL documents by id"
expect 0 "list csv" -- "$quarry" list --format csv
contains "$work/out" "id,name,title,published,bytes,source" "csv header"
expect 0 "list json" -- "$quarry" list --format json
contains "$work/out" '"name": "07-digital-silk-road-africa.html"' "json list"
contains "$work/out" '"published": "2024-09-12T08:30:00Z"' "HTML publication date"
expect 0 "show html" -- "$quarry" show 07-digital-silk-road-africa.html
contains "$work/out" "format       html" "show fields"
lacks "$work/out" "<p>" "HTML text has no tags"
lacks "$work/out" "&amp;" "HTML entities decoded"
expect 0 "show json" -- "$quarry" show --format json 07-digital-silk-road-africa.html
contains "$work/out" '"kind":"footer"' "HTML regions in show --format json"
expect 2 "show unknown" -- "$quarry" show no-such-doc
contains "$work/err" "no document named no-such-doc" "show unknown message"

# text files are stored byte for byte
cat >"$work/verbatim.lua" <<'LUA'
local folder = ...
local db, checked = quarry.db, 0
for doc in db:documents() do
  if doc.format == "text" and doc.source:sub(1, #folder) == folder then
    local file = assert(io.open(doc.source, "rb"))
    local bytes = file:read("a")
    file:close()
    assert(bytes == doc.text, doc.name .. " differs from its file")
    checked = checked + 1
  end
end
print("verbatim " .. checked)
LUA
expect 0 "samples verbatim" -- "$quarry" run "$work/verbatim.lua" "$(realpath "$source_dir/data/samples")"
contains "$work/out" "verbatim 6" "six text samples byte-for-byte"

# --- search -----------------------------------------------------------------
expect 0 "search" -- "$quarry" search quantum
contains "$work/out" "brief-2024-0620-quantum" "search finds the quantum brief"
contains "$work/out" "[quantum]" "search marks the term"
expect 0 "search csv" -- "$quarry" search --format csv --limit 2 quantum
equals "$(wc -l <"$work/out" | tr -d ' ')" 3 "search --limit 2 gives a header and two rows"
contains "$work/out" "rank,document,title,score,snippet" "search csv header"
expect 0 "search json" -- "$quarry" search --format json "Digital Silk Road"
contains "$work/out" '"document": "07-digital-silk-road-africa.html"' "phrase search"
contains "$work/out" '"snippet": ' "json snippet"
expect 0 "search punctuation" -- "$quarry" search "China-Russia"
expect 0 "search nothing" -- "$quarry" search zzzyzzx
expect 1 "search bad limit" -- "$quarry" search --limit 0 x

# --- query --------------------------------------------------------------------
expect 0 "query params" -- "$quarry" query --format csv "SELECT name FROM documents WHERE format = ?" html
expect 2 "query unknown function" -- "$quarry" query "SELECT nosuchfunction()"
expect 0 "query with params" -- "$quarry" query --format json "SELECT name, length(text) > ? AS long FROM documents WHERE format = ?" 1000 html
contains "$work/out" '"long": 1' "typed json values"
expect 2 "query refuses writes" -- "$quarry" query "DELETE FROM documents"
contains "$work/err" "read-only" "query read-only message"
equals "$(count_documents)" 10 "nothing deleted"
expect 1 "query parameter count" -- "$quarry" query "SELECT ?"

# --- bad input in a folder: reported, the rest stored -------------------------
mkdir -p "$work/mixed/sub"
printf 'A good article about chip export controls and 5G towers.\n' >"$work/mixed/good.txt"
printf 'Another good article, in a subfolder, about quantum links.\n' >"$work/mixed/sub/also-good.md"
printf 'binary\0data\0here' >"$work/mixed/binary.txt"
printf 'caf\xe9 latin-1 text\n' >"$work/mixed/latin1.txt"
: >"$work/mixed/empty.txt"
printf '{"id":"ok-1","text":"A JSONL brief about satellites."}\n{"id": broken\n{"id":"no-text"}\n' >"$work/mixed/feed.jsonl"
printf 'ignored' >"$work/mixed/picture.png"
printf 'hidden' >"$work/mixed/.hidden.txt"
expect 2 "ingest mixed folder" -- "$quarry" ingest --no-progress "$work/mixed" "$work/does-not-exist.txt"
contains "$work/err" "binary.txt: binary file" "binary file reported"
contains "$work/err" "latin1.txt: invalid UTF-8 at byte 3" "invalid UTF-8 reported with offset"
contains "$work/err" "empty.txt: empty document" "empty file reported"
contains "$work/err" "feed.jsonl:2: malformed JSON" "malformed JSONL line reported with line"
contains "$work/err" "feed.jsonl:3: no \"text\"" "JSONL line without text reported"
contains "$work/err" "does-not-exist.txt: No such file or directory" "missing path reported"
contains "$work/err" "3 stored, 0 skipped as duplicate, 6 rejected, 1 ignored" "mixed summary"
equals "$(count_documents)" 13 "good files of the mixed folder stored"

# --- standard input ---------------------------------------------------------------
printf 'Piped headline about semiconductor tariffs\n\nBody text of a piped article.\n' >"$work/piped.txt"
expect 0 "ingest stdin" -- sh -c "\"$quarry\" ingest - <\"$work/piped.txt\""
expect 0 "show stdin" -- "$quarry" show stdin
contains "$work/out" "title        Piped headline about semiconductor tariffs" "stdin title"
expect 2 "ingest empty stdin" -- sh -c "\"$quarry\" ingest - </dev/null"

# --- run: scripts, arguments, errors -------------------------------------------
printf 'print(select("#", ...), arg[0] ~= nil, arg[1], quarry.db:count())\n' >"$work/args.lua"
expect 0 "run with args" -- "$quarry" run "$work/args.lua" one --two
contains "$work/out" "2	true	one	14" "script sees ..., arg and quarry.db"
printf 'local x = 1\nlocal function f()\n  error("boom")\nend\nf()\n' >"$work/boom.lua"
expect 3 "script error" -- "$quarry" run "$work/boom.lua"
contains "$work/err" "boom.lua:3: boom" "error names file and line"
contains "$work/err" "stack traceback" "error has a traceback"
printf 'local = 1\n' >"$work/syntax.lua"
expect 3 "script syntax error" -- "$quarry" run "$work/syntax.lua"
contains "$work/err" "syntax.lua:1:" "syntax error names file and line"
expect 2 "missing script (issue 12: input, not a failed script)" -- "$quarry" run "$work/none.lua"
expect 0 "overview report" -- "$quarry" run "$source_dir/scripts/overview.lua"
contains "$work/out" "14 documents" "overview counts documents"

# --- document identity: source and name (issue 12) ---------------------------------
(
  export QUARRY_DB="$work/identity.db"
  mkdir -p "$work/id/a" "$work/id/b"
  printf 'Note A\n\nChina and Russia signed a cooperation agreement on artificial intelligence in 2024.\n' >"$work/id/a/note.txt"
  printf 'Note B\n\nHuawei opened a lab in Moscow.\n' >"$work/id/b/note.txt"
  expect 0 "two note.txt" -- "$quarry" ingest --no-progress "$work/id/a" "$work/id/b"
  contains "$work/err" "2 stored" "two files of one name are two documents"
  expect 0 "extract both" -- "$quarry" extract --no-progress
  expect 0 "export tells them apart" -- "$quarry" export --type country
  contains "$work/out" "\"doc_id\":1,\"source\":\"$work/id/a/note.txt\"" "export carries id and source"
  expect 0 "search tells them apart" -- "$quarry" search --format json Huawei
  contains "$work/out" "\"source\": \"$work/id/b/note.txt\"" "search json carries the source"
  contains "$work/out" '"id": 2,' "search json carries the id"
  # an edited file replaces its earlier version, by whatever path it is named
  printf 'Note A\n\nChina and Russia plan a quantum computing centre.\n' >"$work/id/a/note.txt"
  quarry_path=$(realpath "$quarry")
  expect 0 "ingest an edited file" -- sh -c "cd '$work/id' && '$quarry_path' ingest --no-progress a/note.txt"
  contains "$work/err" "$work/id/a/note.txt: note.txt replaces the earlier version stored" "the replacement is said"
  contains "$work/err" "1 earlier version replaced" "the summary counts it"
  equals "$("$quarry" query --format tsv "SELECT count(*) FROM documents" | tail -1)" 2 "still two documents"
  equals "$("$quarry" query --format tsv "SELECT count(*) FROM annotations WHERE document = 1" | tail -1)" 0 "the old version's annotations are gone"
  equals "$("$quarry" query --format tsv "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'artificial'" | tail -1)" 0 "and its full-text entry"
  expect 0 "extract the new version" -- "$quarry" extract --no-progress
  contains "$work/err" "1 updated" "only the new version is extracted"
  printf 'Note A\n\nA third version.\n' >"$work/id/a/note.txt"
  expect 0 "ingest --keep-both" -- "$quarry" ingest --no-progress --keep-both "$work/id/a/note.txt"
  equals "$("$quarry" query --format tsv "SELECT count(*) FROM documents" | tail -1)" 3 "--keep-both keeps the earlier version"
  # remove
  expect 2 "remove an ambiguous name" -- "$quarry" remove note.txt
  contains "$work/err" "nothing removed" "an ambiguous name removes nothing"
  expect 2 "remove an unknown one" -- "$quarry" remove 2 nosuch
  equals "$("$quarry" query --format tsv "SELECT count(*) FROM documents" | tail -1)" 3 "nothing removed when one NAME is unknown"
  expect 0 "remove by id" -- "$quarry" remove 2 4
  contains "$work/err" "remove: 2 documents removed" "remove says how many"
  equals "$("$quarry" query --format tsv "SELECT group_concat(id) FROM documents" | tail -1)" 3 "the others are gone"
  equals "$("$quarry" query --format tsv "SELECT count(*) FROM annotations WHERE document = 2" | tail -1)" 0 "with their annotations"
  equals "$("$quarry" query --format tsv "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'Huawei'" | tail -1)" 0 "and their full-text entries"
  expect 1 "remove nothing" -- "$quarry" remove
  finish "  identity (subshell)"
) || failed=$((failed + 1))

# --- offsets are bytes: the annotation_context view and quarry context (issue 12) ---
(
  export QUARRY_DB="$work/context.db"
  mkdir -p "$work/ctx"
  for k in 0 1 2 3; do
    # the 163-byte windows start at every alignment within the 4-byte emoji
    pad=$(printf '%*s' "$k" '' | tr ' ' a)
    printf '%s%s\n' "$pad" "$(python3 -c "print('😀' * 45 + 'é The fund spent \$5bn on chips. ' + '€' * 30 + '😀' * 45)")" >"$work/ctx/emoji$k.txt"
  done
  "$quarry" ingest --no-progress "$work/ctx" 2>/dev/null
  "$quarry" extract --no-progress 2>/dev/null
  expect 0 "the context view" -- "$quarry" query --format tsv "SELECT doc, exact, length(before), length(after), exact = text FROM annotation_context JOIN annotations USING (id) WHERE annotation_context.type = 'money' ORDER BY doc"
  equals "$(tail -n +2 "$work/out" | cut -f2- | sort -u)" "$(printf '$5bn\t40\t40\t1')" "40 whole characters either side, exact as stored, at every alignment"
  equals "$(tail -n +2 "$work/out" | wc -l | tr -d ' ')" 4 "one sum per document"
  expect 0 "the context view as json" -- "$quarry" query --format json "SELECT before, exact, after FROM annotation_context"
  contains "$work/out" '"before": "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀é The fund spent "' "the context is whole characters"
  id=$("$quarry" query --format tsv "SELECT min(id) FROM annotations WHERE type = 'money'" | tail -1)
  expect 0 "quarry context" -- "$quarry" context "$id"
  contains "$work/out" "money (rule money)" "context names type and rule"
  contains "$work/out" "é The fund spent [\$5bn] on chips. €€€" "context marks the annotation in its text"
  expect 0 "quarry context json" -- "$quarry" context --format json "$id"
  contains "$work/out" '"exact":"$5bn"' "context json"
  expect 2 "quarry context unknown" -- "$quarry" context 999999
  expect 1 "quarry context bad id" -- "$quarry" context x
  finish "  context (subshell)"
) || failed=$((failed + 1))

# --- output shapes other tools can read (issue 12) --------------------------------
expect 0 "json numbers" -- "$quarry" query --format json "SELECT 0.6 AS a, 2.43 AS b, 0.1 + 0.2 AS c, 2e9 AS d, 7 AS e"
contains "$work/out" '"a": 0.6,' "0.6 is written 0.6"
contains "$work/out" '"b": 2.43,' "2.43 is written 2.43"
contains "$work/out" '"c": 0.30000000000000004,' "17 digits only when needed"
contains "$work/out" '"d": 2000000000.0,' "an integral real stays a real"
lacks "$work/out" "0.59999" "no 17-digit noise"
expect 0 "json of no rows" -- "$quarry" query --format json "SELECT 1 AS n WHERE 0"
equals "$(cat "$work/out")" "[]" "no rows is []"
expect 0 "show json of a text file" -- "$quarry" show --format json 01-russia-china-ai-year.txt
contains "$work/out" '"regions":[]' "no regions is an empty list"
expect 0 "lua json" -- "$quarry" run /dev/stdin <<'LUA'
local json = quarry.json
print(json.encode({ parties = json.array(), rate = 0.6, list = json.decode("[]") }))
LUA
equals "$(cat "$work/out")" '{"list":[],"parties":[],"rate":0.6}' "quarry.json: marked and decoded lists stay lists"
expect 0 "csv keeps CRLF" -- "$quarry" query --format csv "SELECT 1 AS n"
equals "$(od -An -c "$work/out" | tr -s ' ')" " n \r \n 1 \r \n" "csv rows end in CRLF (RFC 4180)"
expect 0 "tsv" -- "$quarry" query --format tsv "SELECT 'a,b' AS x, 'tab	and
line' AS y, 3 AS n"
equals "$(cat "$work/out")" "$(printf 'x\ty\tn\na,b\ttab\\tand\\nline\t3')" "tsv: tabs, LF, escapes"
lacks "$work/out" $'\r' "tsv has no CR"
equals "$("$quarry" query --format tsv "SELECT count(*) AS n FROM documents WHERE 0" | tail -1)" 0 "tsv in \$(...) needs no tr -d"
expect 0 "list tsv" -- "$quarry" list --format tsv
contains "$work/out" $'id\tname\ttitle' "list takes tsv"
expect 0 "search tsv" -- "$quarry" search --format tsv quantum
contains "$work/out" $'rank\tdocument' "search takes tsv"
expect 1 "bad format names tsv" -- "$quarry" query --format xml "SELECT 1"
contains "$work/err" "table, csv, tsv or json" "the formats are named"

# --- the reference corpus -------------------------------------------------------------
if [ -d "$seeds" ]; then
  export QUARRY_DB="$work/seeds.db"
  expect 0 "ingest seeds" -- "$quarry" ingest --no-progress "$seeds"
  expect 0 "ingest seeds again" -- "$quarry" ingest --no-progress "$seeds"
  contains "$work/err" "0 stored, 5 skipped as duplicate" "seeds idempotent"
  equals "$(count_documents)" 5 "five seed documents"
  expect 0 "seeds verbatim" -- "$quarry" run "$work/verbatim.lua" "$(realpath "$seeds")"
  contains "$work/out" "verbatim 5" "seeds stored byte-for-byte"
  expect 0 "search 5G" -- "$quarry" search --format json 5G
  want=$(grep -lw 5G "$seeds"/*.txt | xargs -n1 basename | sort | tr '\n' ' ')
  got=$(sed -n 's/^ *"document": "\(.*\)",$/\1/p' "$work/out" | sort | tr '\n' ' ')
  equals "$got" "$want" "search 5G finds exactly the seeds that mention 5G"
else
  skip "the reference corpus checks: no reference corpus at $seeds"
fi

# --- a read command on a database that is not there makes none -------------------------
for command in list "search china" "query SELECT 1" export "report overview" "show note.txt"; do
  # shellcheck disable=SC2086
  expect 2 "$command on a missing database" -- "$quarry" --db "$work/typo.db" $command
  contains "$work/err" "no such database" "$command names the missing database"
done
[ ! -e "$work/typo.db" ] && pass || fail "a read command made a database"

finish cli
