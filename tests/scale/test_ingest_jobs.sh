#!/usr/bin/env bash
# ingest --jobs: N threads read, parse and hash, one writer stores in input
# order. The stored documents (ids, names, sources, titles, dates, hashes,
# texts), their boilerplate regions, the full-text index and the messages
# must be those of --jobs 1, on the samples, the seeds (when ../shared is
# there) and a folder of good and bad files; a storage error or Ctrl-C
# leaves the database as after the last committed batch, and the same
# ingest run again finishes the job.
# Usage: test_ingest_jobs.sh QUARRY_BINARY SOURCE_DIR
set -u
quarry=$1
source_dir=$2
shared="$source_dir/../shared"
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-ingest-jobs.XXXXXX")
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
unset QUARRY_DB
. "$source_dir/tests/cli/checks.sh"

# documents DB: every stored field but the time of ingest, by id, then
# every region; two databases ingested alike print the same
documents() {
  "$quarry" --db "$1" query --format csv "SELECT id, name, source, title, published,
      sha256, format, length(CAST(text AS BLOB)) AS bytes, text FROM documents ORDER BY id"
  "$quarry" --db "$1" query --format csv "SELECT document, kind, start, end FROM regions
    ORDER BY document, start, end, kind"
}
# the messages, without the summary's timing
messages() { sed -E 's/ \([0-9.]+ MB in [0-9.]+ s, [0-9.]+ MB\/s\)$//' "$1"; }

# --- a folder of good and bad files --------------------------------------------------
mixed=$work/mixed
mkdir -p "$mixed/sub"
printf 'A plain note\n\nHuawei and ZTE signed an agreement in Nairobi.\n' >"$mixed/a.txt"
printf 'Another note of the same name, in a subfolder.\n' >"$mixed/sub/a.txt"
cp "$mixed/a.txt" "$mixed/sub/dup.txt"                      # same text: skipped as duplicate
printf '\x00\x01\x02\x03binary\x00' >"$mixed/b-binary.txt"
printf 'caf\xe9 latin-1\n' >"$mixed/c-latin1.txt"
: >"$mixed/d-empty.txt"
cat >"$mixed/e-page.html" <<'HTML'
<html><head><title>A page</title><meta property="article:published_time" content="2024-03-01"></head>
<body><nav>Home | World | Tech</nav><article><h1>Chips</h1><p>China and Russia agreed on chip research.</p></article>
<footer>Copyright the publisher</footer></body></html>
HTML
printf '<html><body><script>var x;</script></body></html>' >"$mixed/f-notext.html"
printf 'binary\x00<html>' >"$mixed/f-binary.html"
{
  printf '\xef\xbb\xbf{"id": "bom-1", "text": "The first line has a byte order mark."}\n'
  printf '{"text": "A line without an id is named after its file and line."}\n'
  printf '\n'
  printf '{"id": "broken", "text": \n'
  printf '[1, 2, 3]\n'
  printf '{"id": "no-text"}\n'
  printf '{"id": "empty", "text": "   "}\n'
  printf '{"id": "url", "url": "https://example.org/x", "title": "Given", "published": "2023-01-02", "text": "With a URL."}\n'
  printf '{"id": "again", "text": "The first line has a byte order mark."}\n'
} >"$mixed/g-lines.jsonl"
# more than one unit of lines (128 kB) with bad lines among them
awk 'BEGIN {
  for (i = 1; i <= 3000; i++) {
    if (i % 500 == 0) { print "{\"id\": \"bad-" i "\", \"text\": oops}"; continue }
    if (i % 700 == 0) { print ""; continue }
    printf "{\"id\": \"big-%d\", \"text\": \"Story %d. Beijing and Moscow discussed satellite navigation and %d tonnes of grain, worth %d million dollars.\"}\n", i, i, i * 7, i % 97
  }
}' >"$mixed/h-big.jsonl"
printf 'ignored\n' >"$mixed/ignored.bin"
printf 'secret\n' >"$mixed/i-unreadable.txt"
chmod 000 "$mixed/i-unreadable.txt"

inputs=("$source_dir/data/samples" "$mixed" "$work/missing.txt")
if [ -d "$shared/seeds" ]; then
  inputs+=("$shared/seeds")
else
  echo "note: $shared/seeds is not there; the seeds are left out"
fi

for jobs in 1 2 3 default; do
  if [ "$jobs" = default ]; then option=(); else option=(--jobs "$jobs"); fi
  expect 2 "ingest --jobs $jobs" -- "$quarry" --db "$work/j$jobs.db" ingest --no-progress --batch 7 "${option[@]}" "${inputs[@]}"
  messages "$work/err" >"$work/j$jobs.err"
  documents "$work/j$jobs.db" >"$work/j$jobs.documents"
  "$quarry" --db "$work/j$jobs.db" search --limit 50 --format csv satellite >"$work/j$jobs.search"
done
contains "$work/j1.err" "b-binary.txt: binary file, not text" "a binary file is reported"
contains "$work/j1.err" "c-latin1.txt: invalid UTF-8 at byte 3" "invalid UTF-8 is reported"
contains "$work/j1.err" "d-empty.txt: empty document" "an empty file is reported"
contains "$work/j1.err" "f-notext.html: no text in the page" "a page without text is reported"
contains "$work/j1.err" "g-lines.jsonl:4: malformed JSON" "a malformed line is reported with its number"
contains "$work/j1.err" "h-big.jsonl:2500: malformed JSON" "a bad line deep in a long file has its number"
contains "$work/j1.err" "missing.txt: No such file or directory" "a missing path is reported"
contains "$work/j1.err" "already stored, skipped" "a duplicate is reported"
lines=$(wc -l <"$work/j1.documents")
[ "$lines" -gt 2900 ] && pass || fail "the --jobs 1 dump is too short ($lines lines)"
contains "$work/j1.documents" "g-lines.jsonl:2" "a line without an id is named after its file and line"
grep -q '^[0-9]*,nav,' "$work/j1.documents" && pass || fail "the page's boilerplate regions are stored"
for jobs in 2 3 default; do
  cmp -s "$work/j1.documents" "$work/j$jobs.documents" && pass || {
    fail "documents after --jobs $jobs differ from --jobs 1"; diff "$work/j1.documents" "$work/j$jobs.documents" | head -6; }
  cmp -s "$work/j1.err" "$work/j$jobs.err" && pass || {
    fail "messages of --jobs $jobs differ from --jobs 1"; diff "$work/j1.err" "$work/j$jobs.err" | head -6; }
  cmp -s "$work/j1.search" "$work/j$jobs.search" && pass || fail "search after --jobs $jobs differs from --jobs 1"
done

# the same ingest again changes nothing, with any --jobs
expect 2 "ingest again, --jobs 2" -- "$quarry" --db "$work/j1.db" ingest --no-progress --jobs 2 "$source_dir/data/samples" "$mixed/h-big.jsonl"
contains "$work/err" "ingest: 0 stored" "ingest again stores nothing"
contains "$work/err" "h-big.jsonl:500: malformed JSON" "ingest again reports the bad lines again"
documents "$work/j1.db" >"$work/again.documents"
cmp -s "$work/j1.documents" "$work/again.documents" && pass || fail "ingest again changed the database"

# --- one large JSON Lines file: Reuters when it is there, else the big file ----------
if [ -f "$shared/corpus/reuters21578.jsonl" ]; then
  corpus=$work/reuters.jsonl
  head -n 4000 "$shared/corpus/reuters21578.jsonl" >"$corpus"
else
  corpus=$mixed/h-big.jsonl
fi
for jobs in 1 2; do
  "$quarry" --db "$work/r$jobs.db" ingest --no-progress --jobs "$jobs" "$corpus" 2>"$work/r$jobs.raw"
  messages "$work/r$jobs.raw" >"$work/r$jobs.err"
  documents "$work/r$jobs.db" >"$work/r$jobs.documents"
done
cmp -s "$work/r1.documents" "$work/r2.documents" && pass || fail "a large JSONL file: --jobs 2 differs from --jobs 1"
cmp -s "$work/r1.err" "$work/r2.err" && pass || fail "a large JSONL file: messages of --jobs 2 differ"

# --- a storage error in the middle: the committed batches stay, a rerun finishes -----
if command -v python3 >/dev/null && python3 -c 'import sqlite3' 2>/dev/null; then
  sql() { python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.executescript(sys.argv[2]); db.commit()' "$@"; }
  # (a database that held the samples once: ids go on from there)
  for jobs in 1 2; do
    "$quarry" --db "$work/fail$jobs.db" ingest --no-progress "$source_dir/data/samples" 2>/dev/null
    sql "$work/fail$jobs.db" "DELETE FROM documents;
      CREATE TRIGGER injected BEFORE INSERT ON documents WHEN (SELECT count(*) FROM documents) >= 25
      BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
    expect 2 "a storage error, --jobs $jobs" -- "$quarry" --db "$work/fail$jobs.db" ingest --no-progress --batch 7 --jobs "$jobs" "${inputs[@]}"
    messages "$work/err" >"$work/fail$jobs.err"
    documents "$work/fail$jobs.db" >"$work/failed$jobs.documents"
  done
  contains "$work/fail2.err" "injected failure (documents committed before it are kept)" "the storage error is reported"
  kept=$("$quarry" --db "$work/fail2.db" query --format csv "SELECT count(*) AS n FROM documents" | tail -1 | tr -d '\r')
  [ "$kept" -ge 14 ] && [ "$kept" -le 21 ] && pass || fail "after the error, the committed batches stay ($kept documents)"
  cmp -s "$work/failed1.documents" "$work/failed2.documents" && pass || fail "after a storage error, --jobs 2 keeps what --jobs 1 keeps"
  cmp -s "$work/fail1.err" "$work/fail2.err" && pass || { fail "a storage error: messages of --jobs 2 differ"; diff "$work/fail1.err" "$work/fail2.err" | head -6; }
  sql "$work/fail2.db" "DROP TRIGGER injected;"
  "$quarry" --db "$work/fail2.db" ingest --no-progress --batch 7 --jobs 2 "${inputs[@]}" 2>/dev/null
  documents "$work/fail2.db" >"$work/fail.documents"
  "$quarry" --db "$work/ref.db" ingest --no-progress "$source_dir/data/samples" 2>/dev/null
  sql "$work/ref.db" "DELETE FROM documents;"
  "$quarry" --db "$work/ref.db" ingest --no-progress --batch 7 --jobs 1 "${inputs[@]}" 2>/dev/null
  documents "$work/ref.db" >"$work/ref.documents"
  cmp -s "$work/ref.documents" "$work/fail.documents" && pass || {
    fail "the rerun after a storage error does not finish the job"; diff "$work/ref.documents" "$work/fail.documents" | head -6; }
else
  echo "note: no python3 with sqlite3; the storage error case is skipped"
fi

# --- Ctrl-C in the middle of a run: whole batches stay, a rerun finishes ------------
# a corpus of a few MB, so that the run lasts long enough to be interrupted
awk 'BEGIN {
  for (i = 1; i <= 40000; i++)
    printf "{\"id\": \"n-%d\", \"text\": \"Note %d. The ministers of %d countries met in Astana to discuss railway links, grain exports and a joint satellite programme worth %d million euros.\"}\n", i, i, i % 50, i
}' >"$work/notes.jsonl"
"$quarry" --db "$work/notes1.db" ingest --no-progress --jobs 1 "$work/notes.jsonl" 2>/dev/null
documents "$work/notes1.db" >"$work/notes1.documents"
count() { "$quarry" --db "$1" query --format csv "SELECT count(*) AS n FROM documents" 2>/dev/null | tail -1 | tr -d '\r'; }
# (a background job of a script starts with SIGINT ignored: env sets it back)
setsid env --default-signal=INT "$quarry" --db "$work/int.db" ingest --no-progress --jobs 2 --batch 100 "$work/notes.jsonl" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 200); do
  [ -f "$work/int.db" ] && [ "$(count "$work/int.db")" -gt 0 ] 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.02
done
kill -INT -- "-$pid" 2>/dev/null
wait "$pid"
interrupted=$?
stored=$(count "$work/int.db")
if [ "$interrupted" -ne 0 ]; then
  equals "$interrupted" 130 "Ctrl-C ends ingest (128 + SIGINT)"
  equals "$(( stored % 100 ))" 0 "after Ctrl-C the database holds whole batches ($stored documents)"
else
  echo "note: the run ended before Ctrl-C; only the rerun is checked"
fi
expect 0 "the rerun after Ctrl-C" -- "$quarry" --db "$work/int.db" ingest --no-progress --jobs 2 "$work/notes.jsonl"
documents "$work/int.db" >"$work/int.documents"
cmp -s "$work/notes1.documents" "$work/int.documents" && pass || fail "the rerun after Ctrl-C does not finish the job"

# --- usage -------------------------------------------------------------------------
expect 1 "--jobs 0" -- "$quarry" --db "$work/u.db" ingest --jobs 0 "$source_dir/data/samples"
contains "$work/err" "--jobs takes a whole number" "--jobs 0 is a usage error"
expect 1 "--jobs x" -- "$quarry" --db "$work/u.db" ingest --jobs x "$source_dir/data/samples"
expect 1 "--batch 0" -- "$quarry" --db "$work/u.db" ingest --batch 0 "$source_dir/data/samples"
contains "$work/err" "--batch takes a whole number" "--batch 0 is a usage error"

finish "ingest --jobs"
