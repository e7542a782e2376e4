#!/usr/bin/env bash
# Usage: tests/bench/ingest_jobs.sh [--runs N] [--jobs "1 2"] [--quarry BINARY] INPUT...
# quarry ingest --jobs J of INPUT (files or folders) into a fresh database,
# for each J, alternating (J1, J2, J1, J2, ...) N times (default 3), and
# prints per J the median wall time, the median CPU time (user + system),
# MB/s of input over the median wall time, the speed-up of the median wall
# time over the first J's, and the peak RSS; then the machine's load
# average. The databases go to a scratch folder under $TMPDIR (or /tmp),
# removed at the end.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
runs=3 jobs_list="1 2" quarry=$here/build/quarry
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --jobs) jobs_list=$2; shift 2 ;;
    --quarry) quarry=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: $0 [--runs N] [--jobs \"1 2\"] [--quarry BINARY] INPUT..." >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "$0: needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-ingest-jobs.XXXXXX")
trap 'rm -rf "$work"' EXIT
bytes=$(du -cb "$@" | tail -n 1 | cut -f1)
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "input: $* ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB); $runs runs of each, alternating"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq "$runs"); do
  for j in $jobs_list; do
    rm -f "$work"/db "$work"/db-*
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$quarry" --db "$work/db" ingest --no-progress --jobs "$j" "$@" 2>"$work/err" || {
      # exit status 2: some input was rejected; anything else is a failure
      [ $? -eq 2 ] || { echo "$0: ingest --jobs $j failed:" >&2; tail -3 "$work/err" >&2; exit 1; }; }
    read -r wall user system rss <"$work/time"
    echo "$wall" >>"$work/wall.$j"
    awk -v u="$user" -v s="$system" 'BEGIN { print u + s }' >>"$work/cpu.$j"
    echo "$rss" >>"$work/rss.$j"
  done
done
printf '%-10s %8s %8s %8s %9s %8s\n' "jobs" "wall s" "CPU s" "MB/s" "speed-up" "RSS MB"
first=""
for j in $jobs_list; do
  wall=$(median <"$work/wall.$j") cpu=$(median <"$work/cpu.$j") rss=$(median <"$work/rss.$j")
  [ -n "$first" ] || first=$wall
  awk -v j="$j" -v w="$wall" -v c="$cpu" -v b="$bytes" -v f="$first" -v r="$rss" 'BEGIN {
    printf "--jobs %-3s %8.2f %8.2f %8.1f %9.2f %8.0f\n", j, w, c, b / 1e6 / w, f / w, r / 1024 }'
done
echo "(medians; $(nproc) cores; load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg))"
