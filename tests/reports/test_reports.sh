#!/usr/bin/env bash
# End-to-end tests of `quarry report` and the analyst scripts: every report
# in every format over data/samples (and ../shared/seeds when it exists),
# their content and filters, the instruction budget and the sandbox, what
# happens without annotations, and the HTML in headless Chromium (console
# errors, and a screenshot of the overview with its three charts).
#
# Usage: test_reports.sh QUARRY_BINARY SOURCE_DIR [OUTPUT_DIR]
# OUTPUT_DIR (default: a temporary folder, removed afterwards) keeps the
# HTML reports and the screenshots.
set -u
quarry=$1
source_dir=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/quarry-reports.XXXXXX")
trap 'rm -rf "$work"' EXIT
output=${3:-$work/output}
mkdir -p "$output"
output=$(cd "$output" && pwd)
shared="$source_dir/../shared"
export QUARRY_DB="$work/samples.db"

. "$source_dir/tests/cli/checks.sh"
# lua NAME SCRIPT ARG...: runs a Lua check with quarry run; it prints "ok" or what is wrong
lua_check() {
  local name=$1 script=$2; shift 2
  printf '%s\n' "$script" >"$work/check.lua"
  local result
  result=$("$quarry" run "$work/check.lua" "$@" 2>&1)
  if [ "$result" = ok ]; then pass; else fail "$name: $result"; fi
}

reports="brief entities money timeline quotes cooperation overview"
formats="md csv json html"

# --- the rules: the shipped pack, plus stand-ins for the types it does not
# make yet (tests/reports/standins/standin_TYPE.lua), so that every report
# has something to show ------------------------------------------------------------
"$quarry" ingest --no-progress "$source_dir/data/samples" 2>/dev/null
shipped_types=$("$quarry" rules list --format csv 2>/dev/null | tail -n +2 | cut -d, -f2 | sort -u)
rules=(--rules "$source_dir/rules")
mkdir -p "$work/standins"
for standin in "$(dirname "$0")"/standins/standin_*.lua; do
  type=$(basename "$standin" .lua); type=${type#standin_}
  if ! grep -qx "$type" <<<"$shipped_types"; then
    cp "$standin" "$work/standins/"
    echo "note: the rule pack makes no $type annotations yet; using the stand-in $(basename "$standin")"
  fi
done
if ls "$work/standins"/*.lua >/dev/null 2>&1; then rules+=(--rules "$work/standins"); fi
"$quarry" extract "${rules[@]}" >/dev/null 2>"$work/extract.err" || { echo "extract:"; tail -5 "$work/extract.err"; }
expect 0 "annotation types" -- "$quarry" query --format csv \
  "SELECT DISTINCT type FROM annotations WHERE beaten_by IS NULL ORDER BY type"
for type in money date country tech quote; do contains "$work/out" "$type" "the samples have $type annotations"; done

# --- --list --------------------------------------------------------------------------
expect 0 "report --list" -- "$quarry" report --list
for r in $reports; do contains "$work/out" "$r" "--list names $r"; done
contains "$work/out" "--min-usd" "--list shows each report's options"
expect 0 "report --list json" -- "$quarry" report --list --format json
contains "$work/out" '"description":' "--list as json"
contains "$work/out" '"options":["--doc","--since","--until","--country","--currency","--min-usd"]' "--list json gives options as a list"
expect 0 "report money tsv" -- "$quarry" report money --format tsv
contains "$work/out" $'document\tpublished' "report --format tsv: a header of tabs"
lacks "$work/out" $'\r' "report --format tsv: LF line ends"
expect 0 "report --help" -- "$quarry" report --help
contains "$work/out" "--budget N" "help text"

# --- every report in every format ------------------------------------------------------
json_check='
local path, name = ...
local file = assert(io.open(path, "rb"))
local ok, v = pcall(quarry.json.decode, file:read("a"))
file:close()
if not ok then print("not JSON: " .. tostring(v)) return end
if v.report ~= name then print("report is " .. tostring(v.report)) return end
if type(v.tables) ~= "table" or next(v.tables) == nil then print("no tables") return end
local primary = 0
for _, t in pairs(v.tables) do
  if type(t.columns) ~= "table" or type(t.rows) ~= "table" then print("a table without columns or rows") return end
  if t.primary then primary = primary + 1 end
end
if primary ~= 1 then print(primary .. " primary tables") return end
print("ok")'
for r in $reports; do
  for f in $formats; do
    expect 0 "$r --format $f" -- "$quarry" report "$r" --format "$f" --out "$work/$r.$f"
    case $f in
      md) contains "$work/$r.$f" "# " "$r md has a title" ;;
      csv) if [ "$(head -c 200 "$work/$r.$f" | head -1 | grep -c ',')" -eq 1 ]; then pass; else
             fail "$r csv has no header line"; fi ;;
      json) lua_check "$r json" "$json_check" "$work/$r.$f" "$r" ;;
      html)
        contains "$work/$r.$f" "<!DOCTYPE html>" "$r html doctype"
        contains "$work/$r.$f" "</html>" "$r html is complete"
        contains "$work/$r.$f" "Content-Security-Policy" "$r html forbids fetching"
        # self-contained: nothing that loads from elsewhere
        for pattern in '<script src' '<link' '<img' '@import' 'url(' '<iframe' 'http://www.w3.org/Graphics/SVG/1.1/DTD'; do
          lacks "$work/$r.$f" "$pattern" "$r html loads nothing ($pattern)"
        done
        cp "$work/$r.$f" "$output/$r.html" ;;
    esac
  done
done
expect 0 "report to stdout" -- "$quarry" report money
contains "$work/out" "| currency |" "md to stdout"
# md tables are aligned: every line of a table has its bars in the same places
lua_check "md tables aligned" '
local path = ...
local widths
for line in io.lines(path) do
  if line:sub(1, 1) == "|" then
    local cells = {}
    for cell in line:gmatch("[^|]+") do cells[#cells + 1] = utf8.len(cell) end
    cells[#cells] = nil -- the last column may be left unpadded
    if widths then
      for i = 1, #widths do
        if cells[i] ~= widths[i] then print("misaligned: " .. line:sub(1, 80)) return end
      end
    else widths = cells end
  else widths = nil end
end
print("ok")' "$work/money.md"

# --- content ----------------------------------------------------------------------------
contains "$work/money.md" "RUB" "money: roubles"
contains "$work/money.md" "trillion rubles" "money: the sum as written"
contains "$work/money.md" "16.2 bn" "money: 1.5 trillion roubles at 2024 rates in USD"
contains "$work/money.md" "Exchange rates used" "money: the rates are listed"
contains "$work/money.md" "World Bank" "money: the rates' source is cited"
contains "$work/money.md" "approximations" "money: says the figures are approximate"
contains "$work/money.csv" "document,published,as_written,amount,currency,usd,rate,rate_year,sentence" "money csv columns"
contains "$work/money.csv" "1500000000000,RUB,16" "money csv: raw amounts"
contains "$work/timeline.md" "| 2017-07 " "timeline: a month in EDTF"
contains "$work/timeline.md" "July 2017" "timeline: as written"
lua_check "timeline in EDTF order" '
local v = quarry.json.decode(io.open((...), "rb"):read("a"))
local rows, previous = v.tables.timeline.rows, nil
if #rows < 20 then print("only " .. #rows .. " statements") return end
for _, row in ipairs(rows) do
  if previous and row.first < previous then print(row.edtf .. " after " .. previous) return end
  previous = row.first
end
print("ok")' "$work/timeline.json"
contains "$work/brief.md" "## Moscow and Beijing put artificial intelligence at the heart of a new research pact" "brief: a title"
contains "$work/brief.md" "**countries:** China" "brief: countries"
contains "$work/brief.md" "**money:** CNY 200 m" "brief: money"
contains "$work/brief.md" "**quotes:**" "brief: quotes by speaker"
contains "$work/entities.md" "| China " "entities: China"
contains "$work/entities.md" "Technology fields per country" "entities: the matrix"
contains "$work/quotes.md" "### Speakers" "quotes: speakers"
lacks "$work/quotes.md" "No quotes match" "quotes: some quotes"
contains "$work/cooperation.md" "| China " "cooperation: China in a pair"
contains "$work/cooperation.md" "Russia" "cooperation: Russia in a pair"
contains "$work/cooperation.html" '<figure class="chart chart-network">' "cooperation html: the network"
contains "$work/overview.html" '<figure class="chart chart-timeline">' "overview html: the timeline"
contains "$work/overview.html" '<figure class="chart chart-heatmap">' "overview html: tech fields per country"
contains "$work/overview.html" '<figure class="chart chart-network">' "overview html: the network"
lacks "$work/overview.html" 'No chart:' "overview html: every chart drawn"
if [ "$(grep -c '<svg' "$work/overview.html")" -ge 3 ]; then pass; else fail "overview html has fewer than 3 SVG charts"; fi

# the network's layout: the built-in one, and Graphviz when dot is installed
expect 0 "built-in layout" -- "$quarry" report cooperation --format html --layout builtin --out "$work/coop-builtin.html"
contains "$work/coop-builtin.html" "layout: built-in" "built-in layout used"
contains "$work/coop-builtin.html" "<circle" "built-in layout draws nodes"
if command -v dot >/dev/null 2>&1; then
  expect 0 "graphviz layout" -- "$quarry" report cooperation --format html --layout dot --out "$work/coop-dot.html"
  contains "$work/coop-dot.html" "layout: graphviz" "graphviz layout used"
  lacks "$work/coop-dot.html" "<?xml" "graphviz's XML prolog is dropped"
else
  echo "note: Graphviz (dot) not installed: the graphviz layout is not tested (apt-get install graphviz)"
fi

# --- several reports at once --------------------------------------------------------------
mkdir -p "$work/all"
expect 0 "--all" -- "$quarry" report --all --format json --out "$work/all"
for r in $reports; do
  if [ -s "$work/all/$r.json" ]; then pass; else fail "--all wrote no $r.json"; fi
done
expect 0 "two reports" -- "$quarry" report money timeline --format csv --out "$work/all"
expect 1 "two reports need a folder" -- "$quarry" report money timeline --out "$work/all/money.csv"

# --- filters ------------------------------------------------------------------------------
expect 0 "--doc" -- "$quarry" report brief --doc 01-russia-china-ai-year.txt
contains "$work/out" "## Moscow and Beijing" "--doc keeps the document"
lacks "$work/out" "## China’s third chip fund" "--doc drops the others"
expect 2 "--doc unknown" -- "$quarry" report brief --doc no-such-document
expect 0 "--since" -- "$quarry" report brief --since 2024-06 --format csv
lua_check "--since on publication dates" '
local n = 0
for line in io.lines((...)) do
  n = n + 1
  local published = line:match("^%d+,[^,]*,[^,]*,(%d%d%d%d%-%d%d)")
  if n > 1 and published and published < "2024-06" then print("published " .. published) return end
end
if n < 2 then print("no documents") return end
print("ok")' "$work/out"
expect 0 "--until" -- "$quarry" report brief --until 2024-03-06
lacks "$work/out" "## China’s third chip fund" "--until drops later documents"
contains "$work/out" "## India bets on chip diplomacy" "--until keeps earlier documents"
expect 0 "timeline --since" -- "$quarry" report timeline --since 2030 --format json
lua_check "timeline --since filters statements" '
local v = quarry.json.decode((...))
local rows = v.tables.timeline.rows
if #rows == 0 then print("nothing after 2030") return end
for _, row in ipairs(rows) do if row.last < "2030-01-01" then print(row.edtf .. " is before 2030") return end end
print("ok")' "$(cat "$work/out")"
expect 0 "--country" -- "$quarry" report cooperation --country RU --format json
lua_check "cooperation --country: pairs involve the country" '
local v = quarry.json.decode((...))
local rows = v.tables.pairs.rows
if #rows == 0 then print("no pairs with Russia") return end
for _, row in ipairs(rows) do
  if row.a ~= "Russia" and row.b ~= "Russia" then print(row.a .. " – " .. row.b) return end
end
print("ok")' "$(cat "$work/out")"
# codes and ids in any letter case (issue 12)
cp "$work/out" "$work/country-RU.json"
expect 0 "--country in lower case" -- "$quarry" report cooperation --country ru --format json
if cmp -s "$work/out" "$work/country-RU.json"; then pass; else fail "--country ru is not --country RU"; fi
expect 0 "--field ai" -- "$quarry" report cooperation --field ai --format csv
cp "$work/out" "$work/field-ai.csv"
if [ "$(wc -l <"$work/out")" -ge 2 ]; then pass; else fail "--field ai finds no pair"; fi
expect 0 "--field AI" -- "$quarry" report cooperation --field AI --format csv
if cmp -s "$work/out" "$work/field-ai.csv"; then pass; else fail "--field AI is not --field ai"; fi
expect 1 "--field unknown" -- "$quarry" report cooperation --field nosuch
contains "$work/err" "unknown --field nosuch (the fields: 3d-printing, 5g, ai," "an unknown field names the fields"
expect 0 "brief --type in capitals" -- "$quarry" report brief --type MONEY --format csv
# the document report: every annotation of a document in text order, with its sentence
expect 0 "document --doc" -- "$quarry" report document --doc 01-russia-china-ai-year.txt --format csv
contains "$work/out" "01-russia-china-ai-year.txt" "document: rows name the document"
contains "$work/out" ",country," "document: countries are listed"
expect 0 "document --type" -- "$quarry" report document --doc 01-russia-china-ai-year.txt --type money --format json
lacks "$work/out" '"type":"country"' "document --type money: no countries"
expect 0 "document in html" -- "$quarry" report document --doc 01-russia-china-ai-year.txt --format html
contains "$work/out" "<mark" "document html: the annotation is marked in its sentence"
contains "$work/out" "money" "brief --type MONEY is money"
expect 1 "brief --type unknown" -- "$quarry" report brief --type nosuch
contains "$work/err" "brief shows the types country, org" "brief names its types"
# each report's options in --help
expect 0 "report NAME --help" -- "$quarry" report money --help
contains "$work/out" "--min-usd    N: only sums worth at least N US dollars" "report money --help lists its options"
lacks "$work/out" "--speaker" "report money --help lists only its own"
expect 0 "report --help" -- "$quarry" report --help
contains "$work/out" "The reports and the filters and options each takes:" "report --help lists the reports"
contains "$work/out" "--speaker    NAME: only quotes by this speaker" "report --help lists each report's options"
contains "$work/out" "--field      F: only this technology field id" "report --help lists cooperation's"
expect 0 "brief --country" -- "$quarry" report brief --country KZ
contains "$work/out" "Kazakh and Chinese firms" "--country keeps documents that mention it"
lacks "$work/out" "## Europe rethinks research ties" "--country drops the others"
expect 0 "money --min-usd" -- "$quarry" report money --min-usd 1e11 --format json
lua_check "money --min-usd" '
local v = quarry.json.decode((...))
local rows = v.tables.money.rows
if #rows == 0 then print("no sums over 100 bn") return end
for _, row in ipairs(rows) do if not row.usd or row.usd < 1e11 then print(row.as_written) return end end
print("ok")' "$(cat "$work/out")"
expect 0 "money --currency" -- "$quarry" report money --currency rub --format csv
if [ "$(tail -n +2 "$work/out" | grep -vc ',RUB,')" -eq 0 ] && [ "$(wc -l <"$work/out")" -ge 2 ]; then pass; else
  fail "money --currency RUB keeps other currencies"; fi
expect 0 "entities --top --type" -- "$quarry" report entities --top 2 --type country --format json
lua_check "entities --top" '
local v = quarry.json.decode((...))
if not v.tables.country or #v.tables.country.rows ~= 2 then print("not 2 countries") return end
if v.tables.org then print("--type country still lists orgs") return end
print("ok")' "$(cat "$work/out")"
expect 0 "quotes --speaker" -- "$quarry" report quotes --speaker cho
expect 1 "a filter the report does not take" -- "$quarry" report money --type date
contains "$work/err" "report money does not take --type" "says which filter"
expect 1 "unknown report" -- "$quarry" report no_such_report
expect 1 "no report" -- "$quarry" report
expect 1 "bad format" -- "$quarry" report money --format pdf
expect 1 "bad date" -- "$quarry" report money --since yesterday
expect 1 "bad country" -- "$quarry" report money --country china

# --- the budget, the sandbox, one protected call per report ----------------------------------
mkdir -p "$work/reports"
cat >"$work/reports/runaway.lua" <<'LUA'
return { description = "never ends", run = function(ctx) while true do end end }
LUA
cat >"$work/reports/swallow.lua" <<'LUA'
-- tries to catch the budget's error and go on, in coroutines too
return { description = "catches errors", run = function(ctx)
  while true do
    pcall(function() while true do end end)
    pcall(coroutine.wrap(function() while true do end end))
  end
end }
LUA
cat >"$work/reports/escape.lua" <<'LUA'
return { description = "reaches for io", run = function(ctx) io.open("/tmp/quarry-report-escape", "w") end }
LUA
cat >"$work/reports/writes.lua" <<'LUA'
return { description = "writes", run = function(ctx) ctx.db:query("DELETE FROM documents") end }
LUA
cat >"$work/reports/broken.lua" <<'LUA'
return { description = "does not parse" run = nil }
LUA
cat >"$work/reports/mine.lua" <<'LUA'
-- a report dropped in a folder: documents per year of publication
return {
  description = "documents per year",
  filters = { "since", "until" },
  run = function(ctx)
    local per_year = {}
    for _, doc in ipairs(ctx.documents()) do
      local year = (doc.published or "????"):sub(1, 4)
      per_year[year] = (per_year[year] or 0) + 1
    end
    local rows = {}
    for year, n in pairs(per_year) do rows[#rows + 1] = { year = year, documents = n } end
    table.sort(rows, function(a, b) return a.year < b.year end)
    ctx.table { name = "years", columns = { "year", "documents" }, rows = rows }
    ctx.chart { kind = "bars", title = "documents per year", bars = { { label = "all", value = #ctx.documents() } } }
  end,
}
LUA
expect 3 "budget stops a runaway report" -- "$quarry" report runaway --reports "$work/reports" --budget 2000000
contains "$work/err" "report runaway stopped after 2,000,000 Lua instructions" "the budget's message"
contains "$work/err" "--budget N" "the message says how to raise it"
expect 3 "budget is not swallowed by pcall or coroutines" -- timeout 60 "$quarry" report swallow --reports "$work/reports" --budget 2000000
contains "$work/err" "report swallow stopped after" "pcall cannot catch the budget"
expect 3 "sandbox: no io" -- "$quarry" report escape --reports "$work/reports"
contains "$work/err" "escape.lua:1:" "the report's file and line"
if [ -e /tmp/quarry-report-escape ]; then fail "a report wrote a file"; else pass; fi
expect 3 "sandbox: the db is read-only" -- "$quarry" report writes --reports "$work/reports"
contains "$work/err" "writes.lua:1: query: only read-only statements" "a write is refused with the report's line"
expect 0 "the documents are all there" -- "$quarry" query --format csv "SELECT count(*) AS n FROM documents"
contains "$work/out" "10" "nothing was deleted"
expect 3 "a report that does not load" -- "$quarry" report broken --reports "$work/reports"
contains "$work/err" "broken.lua:1:" "load error names the file and line"
expect 0 "a dropped-in report" -- "$quarry" report mine --reports "$work/reports" --format html --out "$work/mine.html"
contains "$work/mine.html" "chart-bars" "a dropped-in report draws a chart"
expect 0 "dropped-in reports are listed" -- "$quarry" report --list --reports "$work/reports"
contains "$work/out" "documents per year" "--list shows a dropped-in report"
contains "$work/out" "does not load" "--list shows a report that does not load"
expect 3 "one failure does not stop the others" -- "$quarry" report runaway money broken --reports "$work/reports" --budget 2000000
contains "$work/err" "report runaway stopped" "the runaway is reported"
contains "$work/out" "# Money" "money still ran"

# --- without annotations: every report still runs and says what is missing -----------------------
export QUARRY_DB="$work/bare.db"
"$quarry" ingest --no-progress "$source_dir/data/samples" 2>/dev/null
for r in $reports; do
  for f in $formats; do
    expect 0 "$r --format $f without annotations" -- "$quarry" report "$r" --format "$f" --out "$work/bare-$r.$f"
  done
done
contains "$work/bare-entities.md" "No country, org, person, tech annotations" "entities says what is missing"
contains "$work/bare-money.md" "no money annotations" "money says what is missing"
contains "$work/bare-overview.html" "No chart:" "overview says why a chart is empty"
export QUARRY_DB="$work/samples.db"

# --- the per-year chart has a y axis (issue 12) -------------------------------------------------
cat >"$work/yaxis.lua" <<'LUA'
local svg = require "quarry.report_svg"
local items = {}
for i = 1, 40 do -- 40 documents: statements per year, not lanes
  local year = 2000 + i % 7
  items[#items + 1] = { lane = "doc" .. i, first = year .. "-03-01", last = year .. "-03-01", label = "x" }
  if i % 2 == 0 then items[#items + 1] = { lane = "doc" .. i, first = "2003-05-01", last = "2003-05-01", label = "y" } end
end
local out = assert(svg.timeline({ items = items }))
print(out:match("dated statements per year") and "per-year" or "lanes")
print(out:find(">statements</text>", 1, true) and "y-axis title" or "no y-axis title")
local labels = {}
for n in out:gmatch('text%-anchor="end" fill="[^"]*">(%d+)</text>') do labels[#labels + 1] = n end
print("y labels: " .. table.concat(labels, " "))
LUA
expect 0 "the per-year chart" -- "$quarry" run "$work/yaxis.lua"
contains "$work/out" "per-year" "over 30 documents the timeline counts statements per year"
contains "$work/out" "y-axis title" "the y axis is titled"
contains "$work/out" "y labels: 0 10 20" "the y axis has labels from 0 up to the busiest year (26)"

# --- one organisation, one node: EU is the European Union (issue 12) --------------------------
export QUARRY_DB="$work/eu.db"
mkdir -p "$work/eu"
printf 'EU and China\n\nThe EU and China agreed to expand cooperation on artificial intelligence research.\n' >"$work/eu/a.txt"
printf 'European Union and China\n\nThe European Union and China signed a partnership on semiconductors.\n' >"$work/eu/b.txt"
"$quarry" ingest --no-progress "$work/eu" 2>/dev/null
"$quarry" extract --no-progress 2>/dev/null
expect 0 "cooperation with EU and European Union" -- "$quarry" report cooperation --format csv
lacks "$work/out" "org:EU," "EU is no node of its own"
if [ "$(grep -c 'org:European Union' "$work/out")" -eq 2 ]; then pass; else
  fail "both documents' pairs are the European Union's"; cat "$work/out"; fi
export QUARRY_DB="$work/samples.db"

# --- the analyst scripts ------------------------------------------------------------------------
expect 0 "example: china_partners" -- "$quarry" run "$source_dir/scripts/examples/china_partners.lua"
contains "$work/out" "Russia" "China's partners include Russia"
expect 0 "example: big_money" -- "$quarry" run "$source_dir/scripts/examples/big_money.lua" 1e10
contains "$work/out" "US\$240 billion" "a big sum"
lacks "$work/out" "200 million renminbi" "a small sum is left out"
expect 0 "example: kwic" -- "$quarry" run "$source_dir/scripts/examples/kwic.lua" quantum 30
contains "$work/out" "  quantum  " "the term centred"
contains "$work/out" "occurrences of “quantum”" "the count"
for script in "$source_dir"/scripts/examples/*.lua; do
  case $(basename "$script") in china_partners.lua|big_money.lua|kwic.lua) continue ;; esac
  expect 0 "example: $(basename "$script")" -- "$quarry" run "$script"
done

# --- the reference corpus seeds -------------------------------------------------------------------
if [ -d "$shared/seeds" ]; then
  export QUARRY_DB="$work/seeds.db"
  "$quarry" ingest --no-progress "$shared/seeds" 2>/dev/null
  "$quarry" extract "${rules[@]}" >/dev/null 2>&1
  for r in $reports; do
    for f in $formats; do
      expect 0 "seeds: $r --format $f" -- "$quarry" report "$r" --format "$f" --out "$work/seeds-$r.$f"
    done
    lua_check "seeds: $r json" "$json_check" "$work/seeds-$r.json" "$r"
  done
  cp "$work/seeds-overview.html" "$output/seeds-overview.html"
  contains "$work/seeds-money.md" "| USD " "seeds: money"
  export QUARRY_DB="$work/samples.db"
else
  skip "the reference corpus checks: no reference corpus at $shared/seeds"
fi

# --- the document view: quarry show --format html (issue 12) ----------------------------------------
expect 0 "show --format html" -- "$quarry" show --format html 01-russia-china-ai-year.txt
cp "$work/out" "$output/document.html"
contains "$work/out" '<mark class="t-country" style="background:#bfdbfe">Russia<span class="label">country</span></mark>' "document view: a country marked with its type"
contains "$work/out" 'title="country “Russia” {&quot;iso&quot;:&quot;RU&quot;} (rule country, bytes' "document view: value and rule on hover"
contains "$work/out" '<button type="button" data-type="money" aria-pressed="true">' "document view: a legend entry per type"
contains "$work/out" 'class="boilerplate"' "document view: boilerplate greyed"
contains "$work/out" 'class="quote"' "document view: quotes underlined"
contains "$work/out" "Content-Security-Policy\" content=\"default-src 'none'" "document view: nothing fetched"
lacks "$work/out" 'src="http' "document view: no external script"
expect 0 "show --format html of a bare document" -- "$quarry" --db "$work/bare.db" show --format html 1
contains "$work/out" "No annotations: run quarry extract." "document view without annotations says so"
expect 1 "show --format pdf" -- "$quarry" show --format pdf 1

# --- in a browser ----------------------------------------------------------------------------------
browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$(command -v "$candidate"); break; fi
done
# runs headless Chromium on a page with a fresh profile: browse PAGE EXTRA_FLAGS...
browse() {
  local page=$1; shift
  local profile
  profile=$(mktemp -d "$work/profile.XXXXXX")
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
    --enable-logging=stderr --v=0 "$@" "file://$page"
}
# the probe: records errors (script errors, failed loads, CSP refusals,
# console.error) into the DOM before anything else on the page runs
probe='<script>(function(){var errors=[];function note(m){errors.push(String(m));}
window.addEventListener("error",function(e){note(e.message||("failed to load "+((e.target&&(e.target.src||e.target.href))||"?")));},true);
document.addEventListener("securitypolicyviolation",function(e){note("CSP refused "+e.blockedURI);});
var original=console.error;console.error=function(){note(Array.prototype.join.call(arguments," "));return original.apply(console,arguments);};
window.addEventListener("load",function(){setTimeout(function(){var r=document.documentElement;r.setAttribute("data-errors",String(errors.length));r.setAttribute("data-error-text",errors.join(" | "));},50);});})();</script>'
if [ -z "$browser" ]; then
  skip "browser test: Chromium is not installed (apt-get install chromium; .ci/run installs it)"
else
  # each page once, with the probe in front of its own script; the log
  # (--enable-logging) shows what the console got from the page itself
  for page in "$output"/*.html; do
    name=$(basename "$page" .html)
    awk -v probe="$probe" '{ print } /^<head>$/ { print probe }' "$page" >"$work/$name.probe.html"
    browse "$work/$name.probe.html" --dump-dom --virtual-time-budget=5000 >"$work/$name.dom" 2>"$work/$name.log"
    contains "$work/$name.dom" 'data-errors="0"' "$name: no errors in the browser"
    if ! grep -qF 'data-errors="0"' "$work/$name.dom"; then
      grep -o 'data-error-text="[^"]*"' "$work/$name.dom" | head -3
    fi
    if grep -E 'CONSOLE|Uncaught|Refused to' "$work/$name.log" >/dev/null; then
      fail "$name: console messages"; grep -E 'CONSOLE|Uncaught|Refused to' "$work/$name.log" | head -5
    else pass; fi
    contains "$work/$name.dom" 'class="js"' "$name: the page's own script ran"
  done
  # the screenshot: the overview with its three charts
  browse "$output/overview.html" --screenshot="$output/overview.png" --window-size=1280,2000 \
    >/dev/null 2>"$work/screenshot.log"
  if [ -s "$output/overview.png" ] && [ "$(head -c 8 "$output/overview.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
    pass
    # PNG header: width and height, big-endian, at bytes 16-23
    size=$(od -An -tu1 -j16 -N8 "$output/overview.png" | awk '{ printf "%dx%d", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }')
    if [ "$size" = 1280x2000 ]; then pass; else fail "screenshot is $size, not 1280x2000"; fi
    if [ "$(stat -c %s "$output/overview.png")" -gt 60000 ]; then pass; else fail "the screenshot looks empty"; fi
    echo "screenshot: $output/overview.png"
  else
    fail "no screenshot written"; tail -5 "$work/screenshot.log"
  fi
  contains "$work/overview.dom" '<figure class="chart chart-timeline">' "browser: the timeline is on the page"
  contains "$work/overview.dom" '<figure class="chart chart-heatmap">' "browser: the heat map is on the page"
  contains "$work/overview.dom" '<figure class="chart chart-network">' "browser: the network is on the page"
  # the document view: marks drawn, and the legend switches a type off
  contains "$work/document.dom" '<mark class="t-country"' "browser: the document view has its marks"
  sed 's#</body>#<script>document.querySelector(".legend button[data-type=country]").click();window.addEventListener("load",function(){document.documentElement.setAttribute("data-off",String(document.querySelector(".text").classList.contains("off-country")));var m=document.querySelector("mark.t-country");document.documentElement.setAttribute("data-mark-bg",getComputedStyle(m).backgroundColor);});</script></body>#' \
    "$output/document.html" >"$work/toggle.html"
  browse "$work/toggle.html" --dump-dom --virtual-time-budget=5000 >"$work/toggle.dom" 2>/dev/null
  contains "$work/toggle.dom" 'data-off="true"' "browser: the legend switches a type off"
  contains "$work/toggle.dom" 'data-mark-bg="rgba(0, 0, 0, 0)"' "browser: its marks lose their colour"
fi

finish reports
