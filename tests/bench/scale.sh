#!/usr/bin/env bash
# Usage: tests/bench/scale.sh [--mb MB] [--source FILE]... [--scratch DIR] [--only STEPS]
#                             [--html MB] [QUARRY_BINARY]
# The scale-out benchmark (not a timed test). Builds a corpus of at least
# MB megabytes (default 1024) by repeating ../shared/corpus/*.jsonl (or the
# --source files, concatenated), each copy varied so ingest's SHA-256 dedup
# keeps it (tests/bench/repeat.sh), in a scratch folder outside the
# repository (--scratch DIR, default a new folder under $TMPDIR or /tmp,
# removed at the end unless given), then times, one after the other on the
# same machine:
#   ingest --jobs 1            quarry ingest of the corpus, one thread
#   ingest --jobs 2            the same with two loader threads (its
#                              documents checked against --jobs 1's)
#   extract --jobs 1           quarry extract on a copy of the ingested db
#   extract --jobs 2           the same on another copy
#   parallel -j 2 + import     scripts/scale/parallel.sh (annotate under
#                              GNU parallel), then quarry import
#   dask 2 workers + import    scripts/scale/dask_annotate.py --local 2,
#                              then quarry import
# and with --html MB, ingest --jobs 1 and 2 of an HTML-heavy corpus of MB
# megabytes (tests/bench/html_corpus.sh: the seeds and samples as news
# pages). For each step it prints the MB of input (ingest) or stored text,
# wall seconds, MB/s (wall), CPU seconds (user + system, children
# included), the speed-up (wall) over --jobs 1 of the same command (the
# pipelines: over extract --jobs 1) and the peak RSS of the largest
# process. It checks that every run's export equals extract --jobs 1's.
# --only takes a comma list of ingest,jobs,parallel,dask,html (jobs: both
# extract runs).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
mb=1024 html_mb="" scratch="" only="ingest,jobs,parallel,dask,html" quarry="" sources=()
while [ $# -gt 0 ]; do
  case $1 in
    --mb) mb=$2; shift 2 ;;
    --html) html_mb=$2; shift 2 ;;
    --scratch) scratch=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --source) sources+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) quarry=$1; shift ;;
  esac
done
quarry=$(cd "$(dirname "${quarry:-$here/build/quarry}")" && pwd)/$(basename "${quarry:-quarry}")
if [ ${#sources[@]} -eq 0 ]; then
  for f in "$here"/../shared/corpus/*.jsonl; do [ -f "$f" ] && sources+=("$f"); done
fi
[ ${#sources[@]} -gt 0 ] || { echo "scale.sh: no ../shared/corpus/*.jsonl; give --source FILE" >&2; exit 1; }
for f in "${sources[@]}"; do [ -f "$f" ] || { echo "scale.sh: $f is missing" >&2; exit 1; }; done
[ -x /usr/bin/time ] || { echo "scale.sh: needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 1; }
keep=1
if [ -z "$scratch" ]; then scratch=$(mktemp -d "${TMPDIR:-/tmp}/quarry-scale.XXXXXX"); keep=0; fi
mkdir -p "$scratch"
[ "$keep" = 1 ] || trap 'rm -rf "$scratch"' EXIT
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }
wants() { case ",$only," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

base=$scratch/base.jsonl
for f in "${sources[@]}"; do cat "$f"; [ -z "$(tail -c 1 "$f")" ] || echo; done >"$base"
size=$(stat -c %s "$base")
copies=$(( (mb * 1000000 + size - 1) / size ))
corpus=$scratch/corpus.jsonl
bash "$here/tests/bench/repeat.sh" "$base" "$copies" >"$corpus"
rm -f "$base"
corpus_bytes=$(stat -c %s "$corpus")
names=$(for f in "${sources[@]}"; do basename "$f"; done | tr '\n' ' ')
echo "corpus: $copies cop$([ "$copies" = 1 ] && echo y || echo ies) of ${names% }, $(( corpus_bytes / 1000000 )) MB of JSON Lines, in $scratch"

results=()
base_wall=""
# measure LABEL COMMAND...: runs COMMAND under /usr/bin/time; sets wall,
# cpu, rss (ingest's exit status 2, some input rejected, is no failure)
measure() {
  local label=$1 status=0; shift
  /usr/bin/time -f "%e %U %S %M" -o "$scratch/time" "$@" >"$scratch/out" 2>"$scratch/err" || status=$?
  if [ "$status" -ne 0 ] && ! { [ "$status" -eq 2 ] && [ "${label#ingest}" != "$label" ]; }; then
    echo "scale.sh: $label failed:" >&2; tail -5 "$scratch/err" >&2; exit 1
  fi
  read -r wall user system rss < <(tail -n 1 "$scratch/time")
  cpu=$(calc "$user + $system")
}
row() { # LABEL WALL CPU RSS_KB [MB]: the speed-up is over $base_wall
  local speedup="-" size=${5:-$text_mb}
  if [ -n "$base_wall" ]; then speedup=$(awk "BEGIN { printf \"%.2f\", $base_wall / $2 }"); fi
  results+=("$(printf '%-26s %8.1f %8.1f %8.2f %8.1f %8s %8d' "$1" "$size" "$2" \
    "$(calc "$size / $2")" "$3" "$speedup" "$(( $4 / 1024 ))")")
}
# the stored documents, to check that ingest --jobs 2 stores what --jobs 1 does
documents_digest() {
  "$quarry" --db "$1" query --format csv "SELECT id, name, source, title, published, sha256, format,
    length(CAST(text AS BLOB)) AS bytes FROM documents ORDER BY id" | md5sum | cut -d' ' -f1
}
# ingest_pair LABEL INPUT...: ingest --jobs 1 then --jobs 2 into fresh
# databases (the first kept as $scratch/ingested.db for the extract steps)
ingest_pair() {
  local label=$1; shift
  local input_mb
  input_mb=$(du -cb "$@" | tail -n 1 | cut -f1 | awk '{ printf "%.1f", $1 / 1e6 }')
  rm -f "$scratch"/i1.db* "$scratch"/i2.db*
  measure "$label --jobs 1" "$quarry" --db "$scratch/i1.db" ingest --no-progress --jobs 1 "$@"
  base_wall=$wall
  row "$label --jobs 1" "$wall" "$cpu" "$rss" "$input_mb"
  measure "$label --jobs 2" "$quarry" --db "$scratch/i2.db" ingest --no-progress --jobs 2 "$@"
  row "$label --jobs 2" "$wall" "$cpu" "$rss" "$input_mb"
  [ "$(documents_digest "$scratch/i1.db")" = "$(documents_digest "$scratch/i2.db")" ] ||
    echo "scale.sh: $label --jobs 2 stored other documents than --jobs 1" >&2
  base_wall=""
}

db=$scratch/ingested.db
if wants ingest; then
  ingest_pair "ingest" "$corpus"
  rm -f "$scratch"/i1.db-shm "$scratch"/i2.db*
  mv "$scratch/i1.db" "$db"
  if [ -f "$scratch/i1.db-wal" ]; then mv "$scratch/i1.db-wal" "$db-wal"; fi
else
  measure ingest "$quarry" --db "$db" ingest --no-progress "$corpus"
fi
text_mb=$("$quarry" --db "$db" query --format csv "SELECT round(sum(length(CAST(text AS BLOB))) / 1e6, 1) AS mb FROM documents" | tail -1 | tr -d '\r')

if wants jobs; then
  cp "$db" "$scratch/j1.db"
  measure "extract --jobs 1" "$quarry" --db "$scratch/j1.db" extract --no-progress --jobs 1
  base_wall=$wall
  row "extract --jobs 1" "$wall" "$cpu" "$rss"
  "$quarry" --db "$scratch/j1.db" export >"$scratch/j1.export"
  cp "$db" "$scratch/j2.db"
  measure "extract --jobs 2" "$quarry" --db "$scratch/j2.db" extract --no-progress --jobs 2
  row "extract --jobs 2" "$wall" "$cpu" "$rss"
  "$quarry" --db "$scratch/j2.db" export | cmp -s - "$scratch/j1.export" || echo "scale.sh: extract --jobs 2's export differs from --jobs 1's" >&2
fi

# a pipeline: its annotate part, its import part, and both
pipeline() { # LABEL ANNOTATE-COMMAND...
  local label=$1; shift
  cp "$db" "$scratch/p.db"
  measure "$label" "$@"
  local a_wall=$wall a_cpu=$cpu a_rss=$rss
  measure "import" "$quarry" --db "$scratch/p.db" import "$scratch/records.jsonl"
  local rss_max=$(( a_rss > rss ? a_rss : rss ))
  row "$label" "$a_wall" "$a_cpu" "$a_rss"
  local extract_wall=$base_wall
  base_wall="" # (import alone has no --jobs 1 to compare with)
  row "  then import" "$wall" "$cpu" "$rss"
  base_wall=$extract_wall
  row "  together" "$(calc "$a_wall + $wall")" "$(calc "$a_cpu + $cpu")" "$rss_max"
  if [ -f "$scratch/j1.export" ]; then
    "$quarry" --db "$scratch/p.db" export | cmp -s - "$scratch/j1.export" || echo "scale.sh: $label + import: the export differs from extract's" >&2
  fi
}
if wants parallel; then
  pipeline "parallel -j 2" "$here/scripts/scale/parallel.sh" --quarry "$quarry" -j 2 --out "$scratch/records.jsonl" "$corpus"
fi
if wants dask; then
  python=/usr/bin/python3
  [ -x "$python" ] || python=python3
  pipeline "dask, 2 workers" "$python" "$here/scripts/scale/dask_annotate.py" --local 2 --quarry "$quarry" --out "$scratch/records.jsonl" "$corpus"
fi

if [ -n "$html_mb" ] && wants html; then
  base_wall=""
  bash "$here/tests/bench/html_corpus.sh" "$scratch/html" "$html_mb" 2>/dev/null
  ingest_pair "ingest HTML" "$scratch/html"
  rm -rf "$scratch/html" "$scratch"/i1.db* "$scratch"/i2.db*
fi

printf '%-26s %8s %8s %8s %8s %8s %8s\n' "step" "MB" "wall s" "MB/s" "CPU s" "speed-up" "RSS MB"
for line in "${results[@]}"; do echo "$line"; done
echo "(MB: input for ingest, stored text otherwise; speed-up: wall time of --jobs 1 of the same command over this step's, extract --jobs 1's for the pipelines; RSS: the largest process; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
