#!/usr/bin/env bash
# Usage: tests/bench/repeat.sh INPUT.jsonl COPIES >OUTPUT.jsonl
# Writes INPUT (a corpus in JSONL, "text" the last field of each line, as
# in ../shared/corpus) COPIES times over: the first copy as it is, each
# other one with "copyN-" before every id and a last line "(copy N)" added
# to every text, so the stored texts differ (ingest's SHA-256 dedup keeps
# them all) and the names stay distinct. A bigger corpus of the same kind
# of text, for checking that extract's memory does not grow with the
# corpus.
set -eu
if [ $# -ne 2 ] || ! [ -f "$1" ] || ! [ "$2" -ge 1 ] 2>/dev/null; then
  echo "usage: $0 INPUT.jsonl COPIES >OUTPUT.jsonl" >&2
  exit 1
fi
input=$1 copies=$2
# every line must end with the text's closing quote, or the suffix would
# land in another field
if grep -v -q '"}[[:space:]]*$' "$input"; then
  echo "$0: $input has a line whose last field is not a string" >&2
  exit 1
fi
cat "$input"
for n in $(seq 2 "$copies"); do
  sed -e 's/^{"id": "/{"id": "copy'"$n"'-/' -e 's/"}[[:space:]]*$/\\n(copy '"$n"')"}/' "$input"
done
