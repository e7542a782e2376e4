#!/usr/bin/env bash
# parallel.sh: quarry annotate under GNU parallel, on this machine's cores
# or on several machines over ssh, then (with --db) quarry import.
#
# usage: scripts/scale/parallel.sh [-j N] [--block SIZE] [--sshlogin LOGIN]...
#                                  [--quarry PATH] [--rules DIR]...
#                                  [--db DB | --out FILE] CORPUS.jsonl...
#
# The corpus (JSON Lines documents, each with an "id": a chunk's line
# numbers are not the file's, so a line without one cannot be named as
# ingest names it) is cut into blocks of about SIZE (default 4M) at line
# ends; each block goes through `quarry annotate --state` on one of N job
# slots (default: one per core; with --sshlogin, per machine as parallel
# counts them); the records come back in corpus order (-k). With --db they
# are imported into DB, whose documents must have been ingested from the
# same corpus; with --out (or neither: standard output) they are written.
#
# --sshlogin LOGIN is GNU parallel's: "8/alice@node1" runs 8 jobs on node1
# over ssh, ":" is this machine. Every machine needs the same quarry build
# and rules at the same path (a rule's version includes the paths of the
# files it depends on: another path means a later extract runs it again).
#
# Exit status: parallel's (the number of failed blocks, up to 101), else
# import's.
set -euo pipefail

jobs=""
block=4M
quarry=""
db=""
out=""
logins=()
rules=()
while [ $# -gt 0 ]; do
  case $1 in
    -j|--jobs) jobs=$2; shift 2 ;;
    --block) block=$2; shift 2 ;;
    -S|--sshlogin) logins+=(--sshlogin "$2"); shift 2 ;;
    --quarry) quarry=$2; shift 2 ;;
    --rules) rules+=(--rules "$2"); shift 2 ;;
    --db) db=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    --) shift; break ;;
    -*) echo "parallel.sh: unknown option $1 (see --help)" >&2; exit 1 ;;
    *) break ;;
  esac
done
if [ $# -eq 0 ]; then echo "parallel.sh: no CORPUS.jsonl given (see --help)" >&2; exit 1; fi
if ! command -v parallel >/dev/null; then
  echo "parallel.sh: GNU parallel is not installed (Debian: apt-get install parallel)" >&2; exit 1
fi
if [ -z "$quarry" ]; then
  here=$(cd "$(dirname "$0")/../.." && pwd)
  if [ -x "$here/build/quarry" ]; then quarry=$here/build/quarry; else quarry=$(command -v quarry); fi
fi
if [ -z "$jobs" ]; then jobs=$(nproc 2>/dev/null || echo 2); fi

# the command every job slot runs, quoted for the remote shell
printf -v mapper '%q ' "$quarry" annotate --state "${rules[@]}"

annotate() {
  cat -- "$@" | parallel --will-cite --pipe --block "$block" -k -j "$jobs" "${logins[@]}" "$mapper"
}

if [ -n "$db" ]; then
  annotate "$@" | "$quarry" --db "$db" import -
elif [ -n "$out" ]; then
  annotate "$@" >"$out"
else
  annotate "$@"
fi
