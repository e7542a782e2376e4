# corpus.sh: sourced by the benchmarks. Sets inputs (the paths to ingest)
# and label: ../shared/corpus/*.jsonl when present, else distinct copies of
# ../shared/seeds (a numbered last line keeps their hashes apart) filling
# at least 10 MB of $work/corpus.
if ls "$shared"/corpus/*.jsonl >/dev/null 2>&1; then
  inputs=("$shared"/corpus/*.jsonl)
  label="../shared/corpus ($(ls "$shared"/corpus/*.jsonl | xargs -n1 basename | tr '\n' ' '))"
else
  mkdir "$work/corpus"
  n=0
  while [ "$(du -sb "$work/corpus" | cut -f1)" -lt 10500000 ]; do
    for f in "$shared"/seeds/*.txt; do
      n=$((n + 1)); { cat "$f"; printf '\ncopy %d\n' "$n"; } >"$work/corpus/$n-$(basename "$f")"
    done
  done
  inputs=("$work/corpus")
  label="the seeds copied to $(du -sh "$work/corpus" | cut -f1)"
fi
