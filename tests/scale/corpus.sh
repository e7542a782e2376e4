# corpus.sh: sourced by the scale-out tests with $quarry, $source_dir and
# $work set. make_corpus FILE writes the tests' JSON Lines corpus: the text
# samples, our eval articles and the wire briefs, plus ../shared/seeds and
# the first Reuters stories when ../shared is there.
make_corpus() {
  local out=$1 shared="$source_dir/../shared"
  local texts=("$source_dir"/data/samples/*.txt "$source_dir"/tests/eval/docs/*.txt)
  if [ -d "$shared/seeds" ]; then texts+=("$shared"/seeds/*.txt); fi
  "$quarry" --db "$work/scratch.db" run "$source_dir/tests/scale/to_jsonl.lua" "${texts[@]}" >"$out"
  cat "$source_dir/data/samples/08-wire-briefs.jsonl" >>"$out"
  if [ -f "$shared/corpus/reuters21578.jsonl" ]; then
    head -n "${REUTERS_LINES:-150}" "$shared/corpus/reuters21578.jsonl" >>"$out"
  fi
}

# db_state DB: every annotation (also the ones set aside, with the span of
# the one that beat it), every rule run and every document's fields, in an
# order that does not depend on row ids: two databases in the same state
# print the same.
db_state() {
  "$quarry" --db "$1" query --format csv "SELECT d.name, a.type, a.start, a.end, a.text, a.value,
      a.rule, a.rule_version, a.reason, b.start AS beaten_start, b.end AS beaten_end, b.rule AS beaten_rule
    FROM annotations a JOIN documents d ON d.id = a.document LEFT JOIN annotations b ON b.id = a.beaten_by
    ORDER BY d.name, d.sha256, a.start, a.end DESC, a.type, a.rule, a.value, a.reason"
  "$quarry" --db "$1" query --format csv "SELECT d.name, r.rule, r.version FROM rule_runs r
    JOIN documents d ON d.id = r.document ORDER BY d.name, d.sha256, r.rule"
  "$quarry" --db "$1" query --format csv "SELECT name, title, published, sha256
    FROM documents ORDER BY name, sha256"
}
