#!/usr/bin/env bash
# `quarry repl` with piped standard input: sessions are fed in and their
# output (stdout and stderr together) is compared with what they must print.
# Usage: test_repl.sh QUARRY_BINARY SOURCE_DIR
set -u
quarry=$1
source_dir=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-repl.XXXXXX")
trap 'rm -rf "$work"' EXIT
export QUARRY_DB="$work/test.db"
export QUARRY_HISTORY="$work/history" # never written without a terminal
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# session NAME STATUS [ARGS...] <<INPUT: runs `quarry repl ARGS` on INPUT,
# output in $work/out; checks the exit status.
session() {
  local name=$1 want=$2; shift 2
  "$quarry" repl "$@" >"$work/out" 2>&1
  local got=$?
  if [ "$got" -eq "$want" ]; then pass; else
    fail "$name: exit status $got, expected $want"; sed 's/^/  | /' "$work/out" | head -20
  fi
}
# same NAME: the output of the last session is exactly $work/expected
same() {
  if diff -u "$work/expected" "$work/out" >"$work/diff"; then pass; else
    fail "$1: output differs"; sed 's/^/  /' "$work/diff" | head -40
  fi
}
contains() {
  if grep -qF -- "$1" "$work/out"; then pass; else
    fail "$2: '$1' not in the output"; sed 's/^/  | /' "$work/out" | head -20
  fi
}
lacks() {
  if grep -qF -- "$1" "$work/out"; then fail "$2: '$1' unexpectedly in the output"; else pass; fi
}

"$quarry" ingest --no-progress "$source_dir/data/samples" 2>/dev/null

# A rules folder of our own, so the output does not depend on the shipped rules.
rules="$work/rules"
mkdir -p "$rules/lib"
echo 'return { word = "quantum" }' >"$rules/lib/probe_words.lua"
cat >"$rules/probe.lua" <<'LUA'
local lpeg = require "lpeg"
local words = require "lib.probe_words"
return {
  name = "probe",
  type = "tech",
  pattern = lpeg.C(lpeg.P(words.word)),
  value = function(captures) return { word = captures[1] } end,
  examples = { { "a quantum lab", "quantum", { word = "quantum" } } },
}
LUA
export PROBE_RULE="$rules/probe.lua" PROBE_WORDS="$rules/lib/probe_words.lua"

# --- the session from the issue -------------------------------------------------
printf '=1+1\nlocal t = {}\nfor i = 1, 3 do\n  t[#t+1] = i\nend\n=#t\nerror("boom")\n=db:count()\n.sql SELECT count(*) AS n FROM documents\n' \
  | session "issue session" 3 --no-default-rules --rules "$rules"
cat >"$work/expected" <<'OUT'
2
3
stdin:1: boom
stack traceback:
	[C]: in function 'error'
	stdin:1: in main chunk
10
n
---
10
OUT
same "issue session"

printf '=1+1\n' | session "one expression" 0 --no-default-rules --rules "$rules"
printf '2\n' >"$work/expected"
same "one expression"

printf '=1+1\r\n' | session "CRLF lines" 0 --no-default-rules --rules "$rules"
same "CRLF lines"

# the shipped rules load (whatever they are) and a clean session exits 0
printf '=type(rules.rules)\n' | session "shipped rules" 0
contains "table" "the shipped rule set is in scope"

# find(text, NAME) runs what the named rule reads (issue 12): relation, an
# apply rule, sees the countries and the field; only its own finds come back
printf '%s\n' 'local s = "China and Russia signed a cooperation agreement on artificial intelligence in 2024."' \
  'local r = find(s, "relation")' '=#r' '=r[1].rule, r[2].rule' \
  '=#find(s, "country")' '=#find(s)' | session "find runs what a rule needs" 0
printf '2\nrelation\trelation\n2\n6\n' >"$work/expected"
same "find runs what a rule needs"

# the rules load on first use: a rule file that does not load is reported
# then, not when the session starts
mkdir -p "$work/broken"
printf 'return {\n' >"$work/broken/bad.lua"
printf '=1+1\n=#rules.rules\n' | session "rules on first use" 0 --no-default-rules --rules "$work/broken"
if [ "$(sed -n 1p "$work/out")" = 2 ] && sed -n 2p "$work/out" | grep -q "^quarry: .*bad.lua" \
   && [ "$(sed -n 3p "$work/out")" = 0 ]; then pass; else
  fail "rules on first use: =1+1 before the load error, then 0 rules"; sed 's/^/  | /' "$work/out"
fi

# --- Lua: expressions, statements, multi-line chunks, session variables -------------
session "chunks" 3 --no-default-rules --rules "$rules" <<'IN'
1 + 2, "three"
print("printed")
x =
  5
=x * 2
local a, b <const> = 1, 2; local c
=a, b, c
local function square(n) return n * n end
=square(7)
do local hidden = 1 end
=hidden
for i = 1, 2 do local inner = i end
=inner
local s = [[long
string]]
=#s
local f <close> = nil
=f
=1 +* 2
=string.format("%d-%s", 4, "x")
return 1, nil, 3
IN
cat >"$work/expected" <<'OUT'
3	three
printed
10
1	2	nil
49
nil
nil
11
nil
stdin:1: unexpected symbol near '*'
4-x
1	nil	3
OUT
same "chunks"

# a chunk still open at the end of input is reported
printf 'for i = 1, 2 do\n' | session "open chunk at the end" 3 --no-default-rules --rules "$rules"
contains "(the input ended inside a chunk)" "open chunk reported"

# errors keep the session alive; a runtime error shows the traceback's first lines
session "errors" 3 --no-default-rules --rules "$rules" <<'IN'
=nil + 1
error({})
=1
IN
cat >"$work/expected" <<'OUT'
stdin:1: attempt to perform arithmetic on a nil value
stack traceback:
	stdin:1: in main chunk
(error object is a table value)
stack traceback:
	[C]: in function 'error'
	stdin:1: in main chunk
1
OUT
same "errors"

session "deep error" 3 --no-default-rules --rules "$rules" <<'IN'
local function inner() error("deep") end
local function outer() inner() end
local ok = outer()
IN
contains "stdin:1: deep" "deep error message"
contains "inner'" "the traceback names the function that raised"
contains "in main chunk" "the traceback ends at the chunk"
lacks "repl.lua" "the REPL's own frames are left out"
lacks "xpcall" "the REPL's own frames are left out"

# --- the pretty-printer -----------------------------------------------------------
session "printer" 0 --no-default-rules --rules "$rules" <<'IN'
=("é"):rep(1500)
={ 1, "two", { a = 1, ["b c"] = "x\ny" }, f = true }
=db:query("SELECT id, name FROM documents WHERE id <= ? ORDER BY id", 2)
=db:query("SELECT id FROM documents WHERE id < 0")
=find("a quantum leap, then quantum again")
t = { tag = "cycle" }; t.self = t
=t
IN
{
  printf '%s' "$(printf 'é%.0s' $(seq 1000))"; printf '… (1000 more bytes)\n'
  cat <<'OUT'
{ 1, "two", { a = 1, ["b c"] = "x\ny" }, f = true }
id  name
---  ----
1   01-russia-china-ai-year.txt
2   02-chip-self-sufficiency.txt
id
---
tech  [2, 9)  “quantum”  {"word":"quantum"}  rule probe
tech  [21, 28)  “quantum”  {"word":"quantum"}  rule probe
{ self = <cycle>, tag = "cycle" }
OUT
} >"$work/expected"
same "printer"

printf '=db:document(1)\n=docs()\n=db:search("quantum", 2)\n' | session "documents" 0 --no-default-rules --rules "$rules"
contains "document 1  01-russia-china-ai-year.txt" "document summary"
contains "  title        Moscow and Beijing put artificial intelligence" "document title"
contains "more bytes)" "document text cut with a marker"
contains "10  brief-2024-1105-cloud" "docs() as a table"
contains "1     brief-2024-0620-quantum" "search hits as a table"

# --- dot-commands -----------------------------------------------------------------
session "commands" 3 --no-default-rules --rules "$rules" <<'IN'
.help
.search quantum
.search zzzzunmatched
.sql SELECT name FROM documents WHERE id = 3
.sql SELEC 1
.sql DELETE FROM documents
.nosuch
.rules list
.rules test
="the end"
IN
contains ".sql SELECT ..." ".help lists the commands"
contains "brief-2024-0620-quantum" ".search"
contains "no document matches" ".search with no hit"
contains "03-tech-diplomacy-central-asia.txt" ".sql"
contains 'near "SELEC": syntax error' ".sql with bad SQL"
contains "unknown command .nosuch" "unknown command"
contains "/probe.lua" ".rules list"
contains "1 passed, 0 failed" ".rules test"
contains "the end" "the session goes on"
"$quarry" query --format csv "SELECT count(*) AS n FROM documents" >"$work/count"
if grep -q '^10' "$work/count"; then pass; else fail ".sql cannot write"; fi

# .tables and .schema (issue 12)
printf '.tables\n.schema rule_runs\n.schema nosuch\n=context\n' | session ".tables and .schema" 3 --no-default-rules --rules "$rules"
contains "annotation_context (view)  annotations  documents  documents_fts  regions  rule_files  rule_runs" ".tables lists tables and views"
contains "CREATE TABLE rule_runs(" ".schema shows a table's CREATE statement"
contains ".schema: no table or view named nosuch" ".schema of an unknown table fails"
contains "function" "context() is in scope"

printf '.quit\n="after quit"\n' | session ".quit" 0 --no-default-rules --rules "$rules"
lacks "after quit" ".quit ends the session"

# .report: runs the report command's module (whatever it reports), or says it is not there
printf '.report\n="after the report"\n' | "$quarry" repl --no-default-rules --rules "$rules" >"$work/out" 2>&1
contains "after the report" ".report keeps the session"
home="$work/home"
mkdir -p "$home"
cp -r "$source_dir/scripts" "$home/scripts"
ln -s "$source_dir/rules" "$home/rules"
ln -s "$source_dir/data" "$home/data"
rm -f "$home/scripts/quarry/commands/report.lua"
printf '.report brief\n=1\n' | QUARRY_HOME="$home" session ".report missing" 3 --no-default-rules --rules "$rules"
cat >"$work/expected" <<'OUT'
.report: the report command is not there yet (no scripts/quarry/commands/report.lua)
1
OUT
same ".report missing"

# .reload re-reads a changed rule and the library it requires
session ".reload" 0 --no-default-rules --rules "$rules" <<'IN'
=rules.by_name.probe.type, #find("quantum qubit")
local f = assert(io.open(os.getenv("PROBE_RULE"))); local text = f:read("a"); f:close()
f = assert(io.open(os.getenv("PROBE_RULE"), "w")); f:write((text:gsub('"tech"', '"science"'))); f:close()
f = assert(io.open(os.getenv("PROBE_WORDS"), "w")); f:write('return { word = "qubit" }'); f:close()
=rules.by_name.probe.type
.reload
=rules.by_name.probe.type
=find("quantum qubit")
IN
cat >"$work/expected" <<'OUT'
tech	1
tech
reloaded: 1 module forgotten, 1 rule loaded
science
science  [8, 13)  “qubit”  {"word":"qubit"}  rule probe
OUT
sed -i 's/reloaded: [0-9]* modules\? forgotten/reloaded: 1 module forgotten/' "$work/out"
same ".reload"

# --- Ctrl-C: SIGINT stops a computation, not the session ---------------------------
mkfifo "$work/fifo"
"$quarry" repl --no-default-rules --rules "$rules" <"$work/fifo" >"$work/out" 2>&1 &
repl=$!
exec 7>"$work/fifo"
printf 'print("started"); io.stdout:flush()\nwhile true do end\n' >&7
for _ in $(seq 100); do grep -q started "$work/out" && break; sleep 0.1; done
sleep 0.3
kill -INT "$repl"
sleep 0.3
printf '=db:query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")\n' >&7
sleep 1
kill -INT "$repl"
sleep 0.3
printf '="still here"\n' >&7
exec 7>&-
wait "$repl"
status=$?
if [ "$status" -eq 3 ]; then pass; else fail "Ctrl-C session: exit status $status, expected 3"; fi
contains "interrupted!" "SIGINT stops a Lua loop"
contains "interrupted" "SIGINT stops a long query"
contains "still here" "the session goes on after Ctrl-C"

echo "repl: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
