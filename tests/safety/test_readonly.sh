#!/usr/bin/env bash
# A read-only database can be read (issue 14, item 16): list, search,
# export, report, context, rules, show and query work on a database file
# (in a folder the user may or may not write) the user cannot write;
# extract, ingest and remove fail in one line that says why, and nothing
# stored is lost.
# Root ignores file permissions in SQLite, so as root the read commands run
# as the unprivileged user nobody (setpriv, else runuser), from copies of
# the binary and of scripts/, rules/ and data/ (QUARRY_HOME) in a folder
# that user can reach: the build tree may sit under a private home folder.
# Skipped (exit 77) only as root on a machine with neither setpriv nor
# runuser.
# Usage: test_readonly.sh QUARRY_BINARY SOURCE_DIR
set -u
quarry=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
source_dir=$2

if [ "$(id -u)" -ne 0 ]; then
  as_reader() { "$@"; }
elif command -v setpriv >/dev/null; then
  as_reader() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
elif command -v runuser >/dev/null; then
  as_reader() { runuser -u nobody -- "$@"; }
else
  echo "skipped (16): as root, neither setpriv nor runuser is there to read as another user"
  exit 77
fi
# nogroup is Debian's name; elsewhere the group may be called nobody
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && ! getent group nogroup >/dev/null; then
  as_reader() { setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$@"; }
fi

# reachable_work BASE: a scratch folder under BASE the reader can enter
reachable_work() {
  local dir
  dir=$(mktemp -d "$1/quarry-readonly.XXXXXX") || return 1
  chmod 711 "$dir"
  if as_reader test -x "$dir"; then echo "$dir"; else rm -rf "$dir"; return 1; fi
}
work=$(reachable_work "${TMPDIR:-/tmp}") || work=$(reachable_work /tmp) || {
  echo "FAIL: the reader cannot enter a scratch folder under ${TMPDIR:-/tmp} or /tmp"; exit 1; }
trap 'chmod -R u+w "$work" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache"
. "$source_dir/tests/cli/checks.sh"

# the reader's copies: the binary, and QUARRY_HOME with the scripts, rules
# and data it reads
mkdir -p "$work/reader/bin" "$work/reader/home"
cp "$quarry" "$work/reader/bin/quarry"
cp -R "$source_dir/scripts" "$source_dir/rules" "$source_dir/data" "$work/reader/home/"
chmod -R a+rX "$work/reader"
export QUARRY_HOME="$work/reader/home"
reader_quarry="$work/reader/bin/quarry"
as_reader test -x "$reader_quarry" && as_reader test -r "$QUARRY_HOME/scripts/quarry/cli.lua" \
  || { echo "FAIL: the reader cannot run $reader_quarry"; exit 1; }

# stored DB: the number of documents and of annotations, as one word
stored() { "$@" query --format csv "SELECT (SELECT count(*) FROM documents) || '/' || (SELECT count(*) FROM annotations) AS n" 2>&1 | tail -1 | tr -d '\r'; }

db="$work/made.db"
"$quarry" --db "$db" ingest --no-progress "$source_dir/data/samples" 2>/dev/null
"$quarry" --db "$db" extract --no-progress >/dev/null 2>&1
before=$(stored "$quarry" --db "$db")
case $before in */0|0/*) fail "the samples were not loaded and extracted: $before" ;; esac
# (extract's close folds the WAL into the file; a read-only connection
# leaves an empty one)
[ -s "$db-wal" ] && fail "the database's WAL is not folded in after its last connection closed"

# read_commands LABEL DB WHY: every read command works for the reader on
# DB; the commands that write fail saying WHY, and nothing is lost
read_commands() {
  local label=$1 ro=$2 why=$3 command
  for command in "list" "search China" "export" "report brief" "context 1" "rules list" "show 1"; do
    # shellcheck disable=SC2086 # (the command's words)
    expect 0 "16: $command on $label" -- as_reader "$reader_quarry" --db "$ro" $command
  done
  contains "$work/out" "01-russia-china-ai-year.txt" "16: show on $label prints the document"
  equals "$(stored as_reader "$reader_quarry" --db "$ro")" "$before" "16: $label: every document and annotation is read"
  for command in "extract --no-progress" "ingest --no-progress $QUARRY_HOME/data/samples" "remove 1"; do
    # shellcheck disable=SC2086 # (the command's words)
    expect 2 "16: ${command%% *} on $label" -- as_reader "$reader_quarry" --db "$ro" $command
    contains "$work/err" "$why" "16: ${command%% *} on $label says why"
    equals "$(wc -l <"$work/err")" "1" "16: ${command%% *} on $label: one line"
  done
  equals "$(stored as_reader "$reader_quarry" --db "$ro")" "$before" "16: $label: nothing stored was lost"
}

# a read-only file in a read-only folder (a WAL database there is read as
# immutable: its -shm cannot be made)
mkdir "$work/ro"
cp "$db" "$work/ro/ro.db"
chmod 444 "$work/ro/ro.db"; chmod 555 "$work/ro"
read_commands "a read-only file in a read-only folder" "$work/ro/ro.db" \
  "ro.db: setting up the database: attempt to write a readonly database"
equals "$(ls -A "$work/ro")" "ro.db" "16: nothing was made in the read-only folder"

# a read-only file in a folder the reader may write
mkdir "$work/rw"
cp "$db" "$work/rw/ro.db"
chmod 444 "$work/rw/ro.db"
[ "$(id -u)" -eq 0 ] && chown nobody "$work/rw"
read_commands "a read-only file in a writable folder" "$work/rw/ro.db" \
  "ro.db: cannot be written (a read-only file, folder or mount); list, show, search, query, export and report can read it"

finish "safety.readonly"
