#!/usr/bin/env bash
# Usage: tests/bench/html_corpus.sh OUTPUT_DIR MB [TEXT_FILE_OR_DIR]...
# Writes an HTML-heavy corpus of at least MB megabytes into OUTPUT_DIR (made
# if needed; put it outside the repository): the text files given (default:
# ../shared/seeds when present, and data/samples/*.txt) wrapped, copy after
# copy, in news pages with a head (title, description, publication date,
# JSON-LD, style), a navigation bar, a sidebar, a comment form and a
# footer, and the sample HTML page (data/samples/*.html) as it is. Each
# copy is varied, so ingest's SHA-256 dedup keeps it: a numbered edition
# line and a sentence naming the copy, the paragraphs rotated, and an
# invented date. For measuring ingest where parsing HTML is the work.
set -eu
if [ $# -lt 2 ] || ! [ "$2" -ge 1 ] 2>/dev/null; then
  echo "usage: $0 OUTPUT_DIR MB [TEXT_FILE_OR_DIR]..." >&2
  exit 1
fi
here=$(cd "$(dirname "$0")/../.." && pwd)
out=$1 mb=$2
shift 2
sources=("$@")
if [ ${#sources[@]} -eq 0 ]; then
  if [ -d "$here/../shared/seeds" ]; then sources+=("$here/../shared/seeds"); fi
  sources+=("$here/data/samples")
fi
texts=()
for s in "${sources[@]}"; do
  if [ -d "$s" ]; then
    for f in "$s"/*.txt; do [ -f "$f" ] && texts+=("$f"); done
  elif [ -f "$s" ]; then
    texts+=("$s")
  fi
done
pages=("$here"/data/samples/*.html)
[ ${#texts[@]} -gt 0 ] || { echo "$0: no text files found" >&2; exit 1; }
mkdir -p "$out"

# One awk pass writes every page: it reads each text once, then cycles
# through them until the bytes written reach the target.
awk -v out="$out" -v target=$((mb * 1000000)) -v page_count=${#pages[@]} '
function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
function end_para() { if (para != "") { paras[n]++; p[n, paras[n]] = para; para = "" } }
FNR == 1 { end_para(); n++; name[n] = FILENAME; sub(/.*\//, "", name[n]); sub(/\.txt$/, "", name[n]); paras[n] = 0 }
{
  if ($0 ~ /^[[:space:]]*$/) end_para()
  else para = para (para == "" ? "" : " ") $0
}
END {
  end_para()
  written = 0
  for (copy = 1; written < target; copy++) {
    for (t = 1; t <= n && written < target; t++) {
      file = sprintf("%s/%05d-%s.html", out, copy, name[t])
      title = esc(p[t, 1])
      day = sprintf("20%02d-%02d-%02d", 10 + copy % 15, 1 + copy % 12, 1 + (copy * 7 + t) % 28)
      s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      s = s "<title>" title " | The Review, edition " copy "</title>\n"
      s = s "<meta name=\"description\" content=\"" esc(substr(p[t, 2], 1, 150)) "\">\n"
      s = s "<meta property=\"article:published_time\" content=\"" day "T08:30:00Z\">\n"
      s = s "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"datePublished\": \"" day "\"}</script>\n"
      s = s "<style>body { font-family: Georgia, serif; } .nav a { margin-right: 16px; } .sidebar { float: right; width: 30%; }</style>\n"
      s = s "<script>window.dataLayer = window.dataLayer || []; function track(e) { dataLayer.push(e); }</script>\n"
      s = s "</head>\n<body>\n<header class=\"site-header\"><a href=\"/\">The Review</a>\n"
      s = s "<nav class=\"nav\"><a href=\"/world\">World</a> <a href=\"/tech\">Technology</a> <a href=\"/science\">Science</a> <a href=\"/business\">Business</a> <a href=\"/opinion\">Opinion</a></nav></header>\n"
      s = s "<main>\n<article>\n<h1>" title "</h1>\n<p class=\"byline\">By a staff writer &middot; <time datetime=\"" day "\">" day "</time></p>\n"
      s = s "<p>Edition " copy ": this is copy " copy " of the story, page " t ".</p>\n"
      m = paras[t] - 1
      for (k = 0; k < m; k++) {
        i = 2 + (k + copy) % m
        s = s "<p>" esc(p[t, i]) "</p>\n"
      }
      s = s "</article>\n<aside class=\"sidebar\"><h2>Most read</h2><ul><li><a href=\"/a\">Markets close higher</a></li><li><a href=\"/b\">A new railway opens</a></li><li><a href=\"/c\">Weather warning for the coast</a></li></ul></aside>\n"
      s = s "<section class=\"comments\"><h2>Comments</h2><form><textarea name=\"c\"></textarea><button>Post</button></form></section>\n"
      s = s "</main>\n<footer class=\"site-footer\"><p>&copy; The Review. All rights reserved.</p><a href=\"/privacy\">Privacy</a> <a href=\"/terms\">Terms</a></footer>\n</body>\n</html>\n"
      printf "%s", s > file
      close(file)
      written += length(s)
    }
  }
  print written > (out "/.bytes")
  print copy - 1 > (out "/.copies")
}' "${texts[@]}"
copies=$(cat "$out/.copies")
rm -f "$out/.bytes" "$out/.copies"
# the sample page(s), one varied copy per text copy
for page in "${pages[@]}"; do
  [ -f "$page" ] || continue
  base=$(basename "$page" .html)
  for copy in $(seq 1 "$copies"); do
    sed "s|</h1>|</h1><p>Edition $copy of this page.</p>|" "$page" >"$out/$(printf '%05d' "$copy")-$base.html"
  done
done
echo "$(find "$out" -name '*.html' | wc -l) HTML files, $(( $(du -sb "$out" | cut -f1) / 1000000 )) MB, in $out" >&2
