#!/usr/bin/env bash
# GNU parallel: scripts/scale/parallel.sh runs quarry annotate over blocks
# of the corpus on two job slots (and through parallel's --sshlogin, with
# ":" for this machine), then quarry import; the database must be what
# ingest + extract makes. Skipped (77) without GNU parallel.
# Usage: test_parallel.sh QUARRY_BINARY SOURCE_DIR
set -u
quarry=$1
source_dir=$2
if ! command -v parallel >/dev/null; then
  echo "test_parallel.sh: skipped: GNU parallel is not installed (Debian: apt-get install parallel)"
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-parallel.XXXXXX")
trap 'rm -rf "$work"' EXIT
unset QUARRY_DB
export HOME=$work # parallel keeps its files in ~/.parallel
. "$source_dir/tests/cli/checks.sh"
. "$source_dir/tests/scale/corpus.sh"
script=$source_dir/scripts/scale/parallel.sh

make_corpus "$work/corpus.jsonl"
"$quarry" --db "$work/ref.db" ingest --no-progress "$work/corpus.jsonl" 2>/dev/null
"$quarry" --db "$work/ref.db" extract --jobs 1 2>/dev/null
"$quarry" --db "$work/ref.db" export >"$work/ref.export"
db_state "$work/ref.db" >"$work/ref.state"

# blocks small enough that the corpus makes several
# into a database that has not ingested the corpus: every document is an error
expect 2 "parallel.sh -j 2 --db (before ingest)" -- "$script" --quarry "$quarry" -j 2 --block 100k --db "$work/p.db" "$work/corpus.jsonl"
contains "$work/err" "stdin:1: document 01-russia-china-ai-year.txt is not stored" "import names what it cannot place"
"$quarry" --db "$work/p.db" ingest --no-progress "$work/corpus.jsonl" 2>/dev/null
expect 0 "parallel.sh -j 2 --db (after ingest)" -- "$script" --quarry "$quarry" -j 2 --block 100k --db "$work/p.db" "$work/corpus.jsonl"
contains "$work/err" "0 records not imported" "every record is imported"
"$quarry" --db "$work/p.db" export >"$work/p.export"
cmp -s "$work/ref.export" "$work/p.export" && pass || fail "export after parallel + import differs from extract's"
db_state "$work/p.db" >"$work/p.state"
cmp -s "$work/ref.state" "$work/p.state" && pass || fail "database after parallel + import differs from extract's"
expect 0 "extract after the import" -- "$quarry" --db "$work/p.db" extract --jobs 1
contains "$work/err" " 0 updated" "extract finds nothing left to do"

# the blocks really went to separate jobs: each prints its own records in order
expect 0 "parallel.sh --out" -- "$script" --quarry "$quarry" -j 2 --block 100k --out "$work/blocks.jsonl" "$work/corpus.jsonl"
"$quarry" annotate --state <"$work/corpus.jsonl" >"$work/one.jsonl" 2>/dev/null
cmp -s "$work/one.jsonl" "$work/blocks.jsonl" && pass || fail "the blocks' records, in order, are not one annotate's"

# through --sshlogin (":" is this machine, without ssh)
"$quarry" --db "$work/s.db" ingest --no-progress "$work/corpus.jsonl" 2>/dev/null
expect 0 "parallel.sh --sshlogin" -- "$script" --quarry "$quarry" --sshlogin 2/: --block 100k --db "$work/s.db" "$work/corpus.jsonl"
"$quarry" --db "$work/s.db" export >"$work/s.export"
cmp -s "$work/ref.export" "$work/s.export" && pass || fail "export after parallel --sshlogin + import differs"

expect 1 "parallel.sh without a corpus" -- "$script" --quarry "$quarry"
expect 0 "parallel.sh --help" -- "$script" --help
contains "$work/out" "--sshlogin" "the help names --sshlogin"

finish "GNU parallel"
