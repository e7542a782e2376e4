#!/usr/bin/env bash
# The development half of two open-source recognisers' own English test
# cases for money, percent and dates (../shared/peer-suites: Microsoft
# Recognizers-Text, MIT; Facebook Duckling, BSD), run through ingest,
# extract and export and scored by the suites' own peer_suites.py. Checks
# floors at the pack's present level, so that a change that loses shapes
# fails; the issue's targets (money detected >= 0.90, value right >= 0.85)
# are printed beside them.
# Usage: test_peer.sh QUARRY_BINARY SOURCE_DIR
set -u
if [ $# -ne 2 ]; then echo "usage: $0 QUARRY_BINARY SOURCE_DIR" >&2; exit 2; fi
quarry=$1
suite="$2/../shared/peer-suites"
if [ ! -f "$suite/peer_suites.py" ]; then echo "SKIP: no peer suites at $suite"; exit 77; fi
if ! command -v python3 >/dev/null; then echo "FAIL python3 is needed to score the peer suites"; exit 1; fi
export QUARRY_HOME="${QUARRY_HOME:-$2}"
unset QUARRY_DB
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-peer.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 "$suite/peer_suites.py" docs "$suite" "$work/docs.jsonl" || exit 1
"$quarry" --db "$work/p.db" ingest --no-progress "$work/docs.jsonl" 2>"$work/ingest.err" \
  || { cat "$work/ingest.err"; echo "FAIL ingest"; exit 1; }
"$quarry" --db "$work/p.db" extract >/dev/null 2>"$work/extract.err" \
  || { tail -5 "$work/extract.err"; echo "FAIL extract"; exit 1; }
"$quarry" --db "$work/p.db" export --type money --type percent --type date >"$work/export.jsonl" \
  || { echo "FAIL export"; exit 1; }
python3 "$suite/peer_suites.py" score "$suite" "$work/export.jsonl" >"$work/score.txt" 2>&1 || exit 1
cat "$work/score.txt"; echo

# the score ends with JSON: {kind: {cases, detected, value_ok, neg, neg_hits}}
python3 - "$work/score.txt" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
stats = json.JSONDecoder().raw_decode(text[text.index('{"money"'):])[0]
checks = [  # kind, metric, floor, the issue's target
    ("money", "detected", 0.89, 0.90), ("money", "value_ok", 0.78, 0.85),
    ("percent", "detected", 0.42, None), ("date", "detected", 0.94, None),
]
failed = 0
for kind, metric, floor, target in checks:
    s = stats[kind]
    value = s[metric] / s["cases"] if s["cases"] else 0.0
    good = value >= floor
    failed += not good
    goal = " (target %.2f)" % target if target else ""
    print("%s peer %s %s %.3f >= %.2f%s" % ("PASS" if good else "FAIL", kind, metric, value, floor, goal))
for kind in stats:
    s = stats[kind]
    good = s["neg_hits"] <= 2
    failed += not good
    print("%s peer %s negatives-with-hits %d <= 2" % ("PASS" if good else "FAIL", kind, s["neg_hits"]))
sys.exit(1 if failed else 0)
PY
