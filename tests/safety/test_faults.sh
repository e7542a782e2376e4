#!/usr/bin/env bash
# Honest summaries under faults (issue 14, item 7): a full disk during
# ingest and extract, made with a small tmpfs, and a lock held by another
# connection during ingest. Each case checks that the summary counts what
# committed (compared with what the database holds afterwards), names what
# was not stored, and prints one clear line and no traceback.
# Needs root (or CAP_SYS_ADMIN) to mount a tmpfs and python3's sqlite3 to
# hold a lock: a case without them is skipped, and the test exits 77.
# Usage: test_faults.sh QUARRY_BINARY SOURCE_DIR
set -u
quarry=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
source_dir=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-faults.XXXXXX")
mounted=
cleanup() {
  [ -n "$mounted" ] && umount "$mounted" 2>/dev/null
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
export XDG_CACHE_HOME="$work/cache"
. "$source_dir/tests/cli/checks.sh"

# count DB SQL: one number from the database
count() { "$quarry" --db "$1" query --format csv "$2" | tail -1 | tr -d '\r'; }

# forty documents of about 40 kB each, more than the small disk holds
mkdir -p "$work/docs"
for i in $(seq 10 49); do
  { printf 'Document %d: China and Russia signed a pact.\n' "$i"
    head -c 30000 /dev/urandom | base64 -w 72; } >"$work/docs/d$i.txt"
done

# small_disk: a fresh 16 MB tmpfs at $work/disk, or false
small_disk() {
  [ -n "$mounted" ] && umount "$mounted"
  mounted=
  mkdir -p "$work/disk"
  mount -t tmpfs -o size=16m quarry-faults "$work/disk" 2>/dev/null || return 1
  mounted="$work/disk"
}
# fill LEAVE_KB: a file takes the disk's free space but LEAVE_KB
fill() {
  local free
  free=$(df -k --output=avail "$work/disk" | tail -1)
  [ "$free" -gt "$1" ] && dd if=/dev/zero of="$work/disk/filler" bs=1k count=$((free - $1)) 2>/dev/null
  true
}

if small_disk; then
  # --- ingest on a full disk -------------------------------------------------------
  db="$work/disk/q.db"
  expect 0 "7: ingest the samples" -- "$quarry" --db "$db" ingest --no-progress "$source_dir/data/samples"
  before=$(count "$db" "SELECT count(*) AS n FROM documents")
  fill 400
  expect 2 "7: ingest onto a full disk" -- "$quarry" --db "$db" ingest --no-progress "$work/docs"
  cp "$work/err" "$work/ingest-full.err"
  contains "$work/err" "database or disk is full (documents committed before it are kept)" "7: ingest: the reason"
  lacks "$work/err" "traceback" "7: ingest: no traceback"
  summary=$(grep '^ingest: ' "$work/err")
  stored=$(printf '%s' "$summary" | sed -n 's/^ingest: \([0-9]*\) stored.*/\1/p')
  not_stored=$(printf '%s' "$summary" | sed -n 's/.*, \([0-9]*\) not stored.*/\1/p')
  rm -f "$work/disk/filler"
  after=$(count "$db" "SELECT count(*) AS n FROM documents")
  equals "$((after - before))" "$stored" "7: ingest: the summary's 'stored' is what the database holds ($summary)"
  [ -n "$not_stored" ] && [ "$not_stored" -gt 0 ] && pass || fail "7: ingest: the documents not stored are counted ($summary)"
  contains "$work/err" "documents were read but not stored: $work/docs/d" "7: ingest: they are named"
  equals "$(grep -c 'read but not stored' "$work/err")" "1" "7: ingest: in one line"
  expect 0 "7: the database is whole after a full disk" -- "$quarry" --db "$db" query "PRAGMA integrity_check"
  contains "$work/out" "ok" "7: integrity_check after ingest"
  expect 0 "7: ingest again once there is room" -- "$quarry" --db "$db" ingest --no-progress "$work/docs"
  equals "$(count "$db" "SELECT count(*) AS n FROM documents")" "$((before + 40))" "7: the rerun stores the rest"

  # --- extract on a full disk ------------------------------------------------------
  fill 1500
  expect 2 "7: extract onto a full disk" -- "$quarry" --db "$db" extract --no-progress --batch 5
  cp "$work/err" "$work/extract-full.err"
  contains "$work/err" "database or disk is full" "7: extract: the reason"
  lacks "$work/err" "traceback" "7: extract: no traceback"
  lacks "$work/err" "stack traceback" "7: extract: no Lua traceback"
  done_docs=$(sed -n 's/.*extract: \([0-9]*\) documents were done and stored.*/\1/p' "$work/err")
  rm -f "$work/disk/filler"
  equals "$(count "$db" "SELECT count(DISTINCT document) AS n FROM rule_runs")" "${done_docs:-none}" \
         "7: extract: the summary's documents are those stored"
  contains "$work/err" "extract: not stored: " "7: extract: the documents not stored are named"
  expect 0 "7: extract again once there is room" -- "$quarry" --db "$db" extract --no-progress
  equals "$(count "$db" "SELECT count(DISTINCT document) AS n FROM rule_runs")" "$((before + 40))" "7: the rerun finishes"

  # --- a duplicate of a document whose batch is rolled back ------------------------
  # Two files with the same text fit in the page cache, so the disk is
  # found full when the batch commits: the second file was counted as a
  # duplicate of the first, which is not stored after all, so it is not
  # stored either (not "skipped as duplicate")
  small_disk
  db="$work/disk/dup.db"
  expect 0 "7: ingest the samples (duplicates)" -- "$quarry" --db "$db" ingest --no-progress "$source_dir/data/samples"
  mkdir -p "$work/dup"
  { printf 'A long document about China.\n'; head -c 240000 /dev/urandom | base64 -w 72; } >"$work/dup/a.txt"
  cp "$work/dup/a.txt" "$work/dup/b.txt"
  fill 100
  expect 2 "7: ingest a document and its duplicate onto a full disk" -- "$quarry" --db "$db" ingest --no-progress "$work/dup"
  cp "$work/err" "$work/ingest-dup.err"
  contains "$work/err" "database or disk is full (documents committed before it are kept)" "7: duplicates: the commit failed"
  contains "$work/err" "ingest: 0 stored, 0 skipped as duplicate, 0 rejected, 2 not stored" \
           "7: duplicates: the duplicate of a rolled-back document is not counted as skipped"
  contains "$work/err" "2 documents were read but not stored: $work/dup/a.txt, $work/dup/b.txt" \
           "7: duplicates: both are named"
  rm -f "$work/disk/filler"
  equals "$(count "$db" "SELECT count(*) AS n FROM documents")" "10" "7: duplicates: the database holds the samples only"
  expect 0 "7: ingest them again once there is room" -- "$quarry" --db "$db" ingest --no-progress "$work/dup"
  contains "$work/err" "ingest: 1 stored, 1 skipped as duplicate, 0 rejected" "7: duplicates: the rerun stores one, skips the other"
  # a duplicate of a document committed before a failed batch is one
  fill 100
  cp "$work/dup/a.txt" "$work/dup/c.txt"
  { printf 'Another long document about Russia.\n'; head -c 240000 /dev/urandom | base64 -w 72; } >"$work/dup/d.txt"
  expect 2 "7: ingest a duplicate of a stored document onto a full disk" -- "$quarry" --db "$db" ingest --no-progress "$work/dup"
  contains "$work/err" "ingest: 0 stored, 3 skipped as duplicate, 0 rejected, 1 not stored" \
           "7: duplicates: those of committed documents are counted as skipped"
  rm -f "$work/disk/filler"
else
  skip "7, full disk: cannot mount a small tmpfs here (needs root)"
fi

# --- ingest while another connection holds the write lock -------------------------------
if command -v python3 >/dev/null && python3 -c 'import sqlite3' 2>/dev/null; then
  db="$work/locked.db"
  "$quarry" --db "$db" ingest --no-progress "$source_dir/data/samples" 2>/dev/null
  python3 - "$db" "$quarry" "$work/docs" >"$work/lock.out" 2>&1 <<'PY'
import sqlite3, subprocess, sys
db, quarry, docs = sys.argv[1:4]
held = sqlite3.connect(db, isolation_level=None)
held.execute("BEGIN IMMEDIATE")
run = subprocess.run([quarry, "--db", db, "ingest", "--no-progress", docs], capture_output=True, text=True)
print("status", run.returncode)
print(run.stderr)
PY
  contains "$work/lock.out" "status 2" "7: ingest on a locked database exits 2"
  contains "$work/lock.out" "database is locked (documents committed before it are kept)" "7: the lock: the reason"
  contains "$work/lock.out" "ingest: 0 stored, 0 skipped as duplicate, 0 rejected, " "7: the lock: nothing counted as stored"
  # ingest stops reading at the failure: the documents of the unit of work
  # being stored are read but not stored, the files after it not read
  # (the same with any --jobs); together they are the forty
  summary=$(grep '^ingest: ' "$work/lock.out")
  lost=$(printf '%s\n' "$summary" | sed -n 's/.* \([0-9][0-9]*\) not stored.*/\1/p')
  unread=$(printf '%s\n' "$summary" | sed -n 's/.* \([0-9][0-9]*\) files\{0,1\} not read to the end.*/\1/p')
  equals "$(( ${lost:-0} + ${unread:-0} ))" "40" "7: the lock: each document is counted not stored or in a file not read"
  contains "$work/lock.out" "documents were read but not stored: $work/docs/d10.txt" "7: the lock: the documents are named"
  lacks "$work/lock.out" "traceback" "7: the lock: no traceback"
  equals "$(count "$db" "SELECT count(*) AS n FROM documents")" "10" "7: the lock: the database holds what it held"
else
  skip "7, lock: python3's sqlite3 is not there to hold a lock"
fi

finish "safety.faults"
