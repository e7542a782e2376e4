#!/usr/bin/env bash
# Dask: scripts/scale/dask_annotate.py starts a scheduler and two workers on
# 127.0.0.1 (dask scheduler, dask worker), maps the corpus's partitions
# through quarry annotate and imports the records; the database must be
# what ingest + extract makes. Skipped (77) when Dask cannot be imported.
# Usage: test_dask.sh QUARRY_BINARY SOURCE_DIR
set -u
quarry=$1
source_dir=$2
python=""
for candidate in /usr/bin/python3 python3; do
  if "$candidate" -c "import dask.bag, distributed" 2>/dev/null; then python=$candidate; break; fi
done
if [ -z "$python" ]; then
  echo "test_dask.sh: skipped: Dask is not importable (Debian: apt-get install python3-distributed)"
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-dask.XXXXXX")
trap 'rm -rf "$work"' EXIT
unset QUARRY_DB
. "$source_dir/tests/cli/checks.sh"
. "$source_dir/tests/scale/corpus.sh"

make_corpus "$work/corpus.jsonl"
# a line annotate must report and skip (ingest rejects it too)
echo '{"id":"broken","text":' >>"$work/corpus.jsonl"
"$quarry" --db "$work/ref.db" ingest --no-progress "$work/corpus.jsonl" 2>/dev/null
"$quarry" --db "$work/ref.db" extract --jobs 1 2>/dev/null
"$quarry" --db "$work/ref.db" export >"$work/ref.export"
db_state "$work/ref.db" >"$work/ref.state"

"$quarry" --db "$work/d.db" ingest --no-progress "$work/corpus.jsonl" 2>/dev/null
# partitions of a third of the corpus (whichever corpus corpus.sh found)
block=$(( $(wc -c <"$work/corpus.jsonl") / 3 + 1 ))
expect 2 "dask_annotate.py --local 2" -- "$python" "$source_dir/scripts/scale/dask_annotate.py" \
  --local 2 --blocksize "$block" --quarry "$quarry" --out "$work/records.jsonl" --db "$work/d.db" "$work/corpus.jsonl"
contains "$work/err" "dask_annotate.py: 2 workers at tcp://127.0.0.1:" "a local cluster of two workers"
contains "$work/err" "malformed JSON" "the bad line is reported by its partition"
contains "$work/err" "0 records not imported" "every record is imported"
partitions=$(sed -n 's/^dask_annotate.py: \([0-9]*\) partitions annotated$/\1/p' "$work/err")
[ "${partitions:-0}" -ge 2 ] && pass || fail "the corpus was not cut into several partitions ($partitions)"
"$quarry" --db "$work/d.db" export >"$work/d.export"
cmp -s "$work/ref.export" "$work/d.export" && pass || fail "export after Dask + import differs from extract's"
db_state "$work/d.db" >"$work/d.state"
cmp -s "$work/ref.state" "$work/d.state" && pass || fail "database after Dask + import differs from extract's"
expect 0 "extract after the import" -- "$quarry" --db "$work/d.db" extract --jobs 1
contains "$work/err" " 0 updated" "extract finds nothing left to do"

expect 1 "dask_annotate.py --db without --out" -- "$python" "$source_dir/scripts/scale/dask_annotate.py" \
  --quarry "$quarry" --db "$work/d.db" "$work/corpus.jsonl"

finish "Dask"
