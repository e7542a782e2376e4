#!/usr/bin/env bash
# Usage: tests/bench/scale.sh [--mb MB] [--source FILE] [--scratch DIR] [--only STEPS]
#                             [QUARRY_BINARY]
# The scale-out benchmark (not a timed test). Builds a corpus of at least
# MB megabytes (default 1024) from ../shared/corpus/reuters21578.jsonl
# (or --source FILE),
# each copy varied so ingest's SHA-256 dedup keeps it (tests/bench/
# repeat.sh), in a scratch folder outside the repository (--scratch DIR,
# default a new folder under $TMPDIR or /tmp, removed at the end unless
# given), then times, one after the other on the same machine:
#   ingest                     quarry ingest of the corpus
#   extract --jobs 1           quarry extract on a copy of the ingested db
#   extract --jobs 2           the same on another copy
#   parallel -j 2 + import     scripts/scale/parallel.sh (annotate under
#                              GNU parallel), then quarry import
#   dask 2 workers + import    scripts/scale/dask_annotate.py --local 2,
#                              then quarry import
# and prints for each: MB of stored text, wall seconds, MB/s (wall), CPU
# seconds (user + system, children included), the speed-up over extract
# --jobs 1 (wall) and the peak RSS of the largest process. It checks that
# every run's export equals extract --jobs 1's. --only takes a comma list
# of ingest,jobs,parallel,dask (jobs: both extract runs).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
mb=1024 scratch="" only="ingest,jobs,parallel,dask" quarry="" source=$here/../shared/corpus/reuters21578.jsonl
while [ $# -gt 0 ]; do
  case $1 in
    --mb) mb=$2; shift 2 ;;
    --scratch) scratch=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --source) source=$2; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) quarry=$1; shift ;;
  esac
done
quarry=$(cd "$(dirname "${quarry:-$here/build/quarry}")" && pwd)/$(basename "${quarry:-quarry}")
[ -f "$source" ] || { echo "scale.sh: $source is missing" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "scale.sh: needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 1; }
keep=1
if [ -z "$scratch" ]; then scratch=$(mktemp -d "${TMPDIR:-/tmp}/quarry-scale.XXXXXX"); keep=0; fi
mkdir -p "$scratch"
[ "$keep" = 1 ] || trap 'rm -rf "$scratch"' EXIT
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }
wants() { case ",$only," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

size=$(stat -c %s "$source")
copies=$(( (mb * 1000000 + size - 1) / size ))
corpus=$scratch/corpus.jsonl
bash "$here/tests/bench/repeat.sh" "$source" "$copies" >"$corpus"
echo "corpus: $copies cop$([ "$copies" = 1 ] && echo y || echo ies) of $(basename "$source"), $(( $(stat -c %s "$corpus") / 1000000 )) MB of JSON Lines, in $scratch"

results=()
base_wall=""
# measure LABEL COMMAND...: runs COMMAND under /usr/bin/time; sets wall, cpu, rss
measure() {
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$scratch/time" "$@" >"$scratch/out" 2>"$scratch/err" || {
    echo "scale.sh: $label failed:" >&2; tail -5 "$scratch/err" >&2; exit 1; }
  read -r wall user system rss <"$scratch/time"
  cpu=$(calc "$user + $system")
}
row() { # LABEL WALL CPU RSS_KB
  local speedup="-"
  if [ -n "$base_wall" ]; then speedup=$(awk "BEGIN { printf \"%.2f\", $base_wall / $2 }"); fi
  results+=("$(printf '%-26s %8.1f %8.1f %8.2f %8.1f %8s %8d' "$1" "$text_mb" "$2" \
    "$(calc "$text_mb / $2")" "$3" "$speedup" "$(( $4 / 1024 ))")")
}

db=$scratch/ingested.db
measure ingest "$quarry" --db "$db" ingest --no-progress "$corpus"
text_mb=$("$quarry" --db "$db" query --format csv "SELECT round(sum(length(CAST(text AS BLOB))) / 1e6, 1) AS mb FROM documents" | tail -1 | tr -d '\r')
if wants ingest; then row "ingest" "$wall" "$cpu" "$rss"; fi

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
  row "  then import" "$wall" "$cpu" "$rss"
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

printf '%-26s %8s %8s %8s %8s %8s %8s\n' "step" "MB" "wall s" "MB/s" "CPU s" "speed-up" "RSS MB"
for line in "${results[@]}"; do echo "$line"; done
echo "(speed-up: wall time of extract --jobs 1 over this step's; RSS: the largest process; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
