#!/usr/bin/env bash
# Ingest benchmark: quarry ingest of ../shared/corpus (or, when absent, the
# seeds copied to >= 10 MB), side by side with a bare SQLite FTS5 insert of
# the same texts (Python's sqlite3 over the same libsqlite3), each run RUNS
# times into a fresh database. Prints medians, their ratio and peak RSS.
# Usage: tests/bench/ingest.sh [QUARRY_BINARY] [RUNS]
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
quarry=${1:-$here/build/quarry}
runs=${2:-5}
shared="$here/../shared"
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

. "$here/tests/bench/corpus.sh"
bytes=$(du -cb "${inputs[@]}" | tail -n 1 | cut -f1)
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)"; exit 1; }

cat >"$work/baseline.py" <<'PY'
import json, os, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
# the same settings quarry uses: 32 KB pages, WAL, large FTS5 flushes and leaves
db.executescript("PRAGMA page_size=32768; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                 "CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize='unicode61 remove_diacritics 2');"
                 "INSERT INTO t(t, rank) VALUES ('hashsize', 33554432);"
                 "INSERT INTO t(t, rank) VALUES ('pgsz', 32000);")
def texts(path):
    if os.path.isdir(path):
        for name in sorted(os.listdir(path)):
            with open(os.path.join(path, name), encoding="utf-8") as f:
                yield name, f.read()
    else:
        with open(path, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                yield d.get("title"), d["text"]
db.execute("BEGIN")
for i, (title, text) in enumerate(t for p in sys.argv[2:] for t in texts(p)):
    db.execute("INSERT INTO t(title, text) VALUES (?, ?)", (title, text))
    if i % 100000 == 99999:
        db.execute("COMMIT"); db.execute("BEGIN")
db.execute("COMMIT")
db.close()
PY

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
: >"$work/quarry.times"; : >"$work/baseline.times"; : >"$work/quarry.rss"
for i in $(seq "$runs"); do
  rm -f "$work"/q.db* "$work"/b.db*
  /usr/bin/time -f '%e %M' -o "$work/t" "$quarry" --db "$work/q.db" ingest --no-progress "${inputs[@]}" 2>/dev/null
  read -r seconds rss <"$work/t"
  echo "$seconds" >>"$work/quarry.times"; echo "$rss" >>"$work/quarry.rss"
  /usr/bin/time -f '%e' -o "$work/t" python3 "$work/baseline.py" "$work/b.db" "${inputs[@]}"
  cat "$work/t" >>"$work/baseline.times"
done
q=$(median <"$work/quarry.times"); b=$(median <"$work/baseline.times"); rss=$(median <"$work/quarry.rss")
awk -v bytes="$bytes" -v q="$q" -v b="$b" -v rss="$rss" -v runs="$runs" -v label="$label" 'BEGIN {
  printf "input: %s, %.1f MB; %d runs each, medians\n", label, bytes / 1e6, runs
  printf "quarry ingest (FTS5 on):   %6.2f s  %6.1f MB/s  peak RSS %.0f MB\n", q, bytes / 1e6 / q, rss / 1024
  printf "python json + FTS5 insert: %6.2f s  %6.1f MB/s\n", b, bytes / 1e6 / b
  printf "quarry / bare FTS5 speed:  %.2f\n", b / q
}'
