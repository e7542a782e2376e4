-- report_render.lua: writes what a report built (see report.context) as
-- md (a Markdown document whose tables are aligned for the terminal), csv
-- (the report's primary table), json (every table, the notes and the
-- filters) or html (one self-contained page: inline CSS, inline SVG
-- charts, a small inline script to sort tables; no network).

local quarry = require "quarry"
local report = require "quarry.report"
local svg = require "quarry.report_svg"

local render = {}

-- Cells ---------------------------------------------------------------------------

local function is_marked(v) return type(v) == "table" and v.text ~= nil and v.marks ~= nil end

-- A cell as plain text for people: formatted numbers, lists joined.
local function cell_text(v, column)
  if v == nil or v == quarry.json.null then return "" end
  local format = column and column.format
  if type(v) == "number" then
    if type(format) == "function" then return tostring(format(v)) end
    if format == "amount" then return report.amount(v) end
    if format == "int" then return report.thousands(v) end
    if format == "number" then return string.format("%.4g", v) end
    if math.type(v) == "float" then
      if v == math.floor(v) and math.abs(v) < 2 ^ 53 then return string.format("%d", math.tointeger(v)) end
      return string.format("%.4g", v)
    end
    return tostring(v)
  end
  if is_marked(v) then return v.text end
  if type(v) == "table" then
    local parts = {}
    for i, item in ipairs(v) do parts[i] = cell_text(item) end
    return table.concat(parts, ", ")
  end
  return tostring(v)
end

-- A cell as a raw value for csv: numbers unformatted, lists joined by "; ".
local function cell_raw(v)
  if v == nil or v == quarry.json.null then return "" end
  if type(v) == "number" then
    if math.type(v) == "float" and v == math.floor(v) and math.abs(v) < 2 ^ 53 then
      return string.format("%d", math.tointeger(v))
    end
    return math.type(v) == "float" and quarry.json.encode(v) or tostring(v)
  end
  if is_marked(v) then return v.text end
  if type(v) == "table" then
    local parts = {}
    for i, item in ipairs(v) do parts[i] = cell_raw(item) end
    return table.concat(parts, "; ")
  end
  return tostring(v)
end

local function primary_table(output)
  local first
  for _, block in ipairs(output.blocks) do
    if block.kind == "table" then
      if block.primary then return block end
      first = first or block
    end
  end
  return first
end

local function right_aligned(block, i)
  local column = block.columns[i]
  if column.align then return column.align == "right" end
  local any = false
  for _, row in ipairs(block.rows) do
    local v = row[column.key]
    if v ~= nil then
      if type(v) ~= "number" then return false end
      any = true
    end
  end
  return any
end

-- Markdown -------------------------------------------------------------------------

local function width(s) return utf8.len(s) or #s end

local function md_cell(s, limit)
  s = s:gsub("[\r\n\t]", " "):gsub("|", "\\|")
  if limit then s = report.cut(s, limit) end
  return s
end

-- The columns md and html show: all but the detail ones.
local function shown(block)
  local list = {}
  for _, column in ipairs(block.columns) do
    if not column.detail then list[#list + 1] = column end
  end
  return { columns = list, rows = block.rows, title = block.title, empty = block.empty }
end

local function md_table(block, out)
  block = shown(block)
  if block.title then out[#out + 1] = "### " .. block.title .. "\n" end
  if #block.rows == 0 then
    out[#out + 1] = "_" .. (block.empty or "Nothing to show.") .. "_\n"
    return
  end
  local n = #block.columns
  local cells, widths, right = {}, {}, {}
  for i, column in ipairs(block.columns) do
    widths[i] = math.max(3, width(md_cell(column.label)))
    right[i] = right_aligned(block, i)
  end
  for r, row in ipairs(block.rows) do
    cells[r] = {}
    for i, column in ipairs(block.columns) do
      local text = md_cell(cell_text(row[column.key], column), i < n and 60 or nil)
      cells[r][i] = text
      widths[i] = math.max(widths[i], width(text))
    end
  end
  -- the last column is padded too, unless it holds long text (sentences)
  local pad_last = widths[n] <= 60
  local function pad(text, i)
    if i == n and not pad_last then return text end
    local fill = string.rep(" ", widths[i] - width(text))
    return right[i] and fill .. text or text .. fill
  end
  local line = {}
  for i, column in ipairs(block.columns) do line[i] = pad(md_cell(column.label), i) end
  out[#out + 1] = "| " .. table.concat(line, " | ") .. " |"
  for i = 1, n do
    local dashes = string.rep("-", (i == n and not pad_last) and math.max(3, width(md_cell(block.columns[i].label)))
                                   or widths[i])
    line[i] = right[i] and dashes:sub(2) .. ":" or dashes
  end
  out[#out + 1] = "| " .. table.concat(line, " | ") .. " |"
  for _, row in ipairs(cells) do
    for i = 1, n do line[i] = pad(row[i], i) end
    out[#out + 1] = "| " .. table.concat(line, " | ") .. " |"
  end
  out[#out + 1] = ""
end

-- The filters and options given, common ones first: "--since 2024, --top 5".
local function filters_text(output)
  local parts, keys = {}, {}
  local rank = { doc = 1, since = 2, ["until"] = 3, country = 4 }
  for key in pairs(output.filters) do keys[#keys + 1] = key end
  table.sort(keys, function(a, b)
    if (rank[a] or 9) ~= (rank[b] or 9) then return (rank[a] or 9) < (rank[b] or 9) end
    return a < b
  end)
  for _, key in ipairs(keys) do
    local v = output.filters[key]
    parts[#parts + 1] = "--" .. key .. (v == "true" and "" or " " .. v)
  end
  return table.concat(parts, ", ")
end

function render.md(output)
  local out = { "# " .. output.title, "" }
  if output.description then out[#out + 1] = output.description; out[#out + 1] = "" end
  local filters = filters_text(output)
  if filters ~= "" then out[#out + 1] = "Filters: " .. filters; out[#out + 1] = "" end
  for _, block in ipairs(output.blocks) do
    if block.kind == "heading" then
      out[#out + 1] = string.rep("#", math.min(block.level, 5)) .. " " .. block.text
      out[#out + 1] = ""
    elseif block.kind == "text" then
      out[#out + 1] = block.text
      out[#out + 1] = ""
    elseif block.kind == "note" then
      out[#out + 1] = "> " .. block.text:gsub("\n", "\n> ")
      out[#out + 1] = ""
    elseif block.kind == "fields" then
      for _, field in ipairs(block.fields) do
        out[#out + 1] = "- **" .. field[1] .. ":** " .. cell_text(field[2]):gsub("\n", " ")
      end
      out[#out + 1] = ""
    elseif block.kind == "table" and block.display then
      md_table(block, out)
    elseif block.kind == "chart" then
      out[#out + 1] = "_Chart: " .. (block.chart.title or block.chart.kind) .. " (in --format html)._"
      out[#out + 1] = ""
    end
  end
  while out[#out] == "" do out[#out] = nil end
  return table.concat(out, "\n") .. "\n"
end

-- CSV and TSV ----------------------------------------------------------------------

-- The report's primary table with raw cells, written by quarry.format_table
-- (the one table writer): csv as RFC 4180 with CRLF line ends, tsv with LF
-- line ends and backslash, tab and line breaks in cells escaped (\\, \t,
-- \n, \r) so a row is one line. "" when the report has no table.
local function delimited(output, format)
  local block = primary_table(output)
  if not block then return "" end
  local keys, rows = {}, {}
  for i, column in ipairs(block.columns) do keys[i] = column.key end
  for r, row in ipairs(block.rows) do
    local line = {}
    for i, key in ipairs(keys) do line[i] = cell_raw(row[key]) end
    rows[r] = line
  end
  return quarry.format_table(keys, rows, format)
end

function render.csv(output) return delimited(output, "csv") end

function render.tsv(output) return delimited(output, "tsv") end

-- JSON ------------------------------------------------------------------------------

-- Strings as JSON; a name that is not UTF-8 (from the file system) is
-- written with U+FFFD for its bad bytes rather than failing the report.
local LENIENT = { invalid_utf8 = "replace" }
local function encode(v) return quarry.json.encode(v, LENIENT) end

-- JSON with the keys in the order given (quarry.json sorts them), lists as
-- arrays even when empty, integral floats as integers.
local function json_value(v)
  if v == nil or v == quarry.json.null then return "null" end
  local t = type(v)
  if t == "boolean" then return tostring(v) end
  if t == "number" then
    if v ~= v or v == math.huge or v == -math.huge then return "null" end
    if math.type(v) == "integer" then return tostring(v) end
    if v == math.floor(v) and math.abs(v) < 2 ^ 53 then return string.format("%d", math.tointeger(v)) end
    return quarry.json.encode(v) -- the shortest form that reads back the same
  end
  if t == "string" then return encode(v) end
  if is_marked(v) then return encode(v.text) end
  if t == "table" then
    if next(v) == nil or v[1] ~= nil then
      local parts = {}
      for i, item in ipairs(v) do parts[i] = json_value(item) end
      return "[" .. table.concat(parts, ",") .. "]"
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = tostring(k) end
    table.sort(keys)
    local parts = {}
    for i, k in ipairs(keys) do parts[i] = encode(k) .. ":" .. json_value(v[k]) end
    return "{" .. table.concat(parts, ",") .. "}"
  end
  return encode(tostring(v))
end

local function json_object(pairs_list)
  local parts = {}
  for i, kv in ipairs(pairs_list) do parts[i] = encode(kv[1]) .. ":" .. kv[2] end
  return "{" .. table.concat(parts, ",") .. "}"
end

function render.json(output)
  local tables, names = {}, {}
  for _, block in ipairs(output.blocks) do
    if block.kind == "table" then
      local rows = {}
      for r, row in ipairs(block.rows) do
        local fields = {}
        for i, column in ipairs(block.columns) do fields[i] = { column.key, json_value(row[column.key]) } end
        rows[r] = "\n    " .. json_object(fields)
      end
      local columns = {}
      for i, column in ipairs(block.columns) do columns[i] = column.key end
      local name = block.name
      local k = 2
      while tables[name] do name = block.name .. "_" .. k; k = k + 1 end
      tables[name] = json_object({
        { "title", json_value(block.title) },
        { "primary", json_value(block == primary_table(output)) },
        { "columns", json_value(columns) },
        { "rows", "[" .. table.concat(rows, ",") .. (#rows > 0 and "\n  " or "") .. "]" },
      })
      names[#names + 1] = name
    end
  end
  local table_parts = {}
  for i, name in ipairs(names) do table_parts[i] = "\n  " .. encode(name) .. ":" .. tables[name] end
  return json_object({
    { "report", json_value(output.name) },
    { "title", json_value(output.title) },
    { "description", json_value(output.description) },
    { "filters", next(output.filters) and json_value(output.filters) or "{}" },
    { "notes", json_value(output.notes) },
    { "generator", json_value("quarry " .. quarry.version) },
    { "tables", "{" .. table.concat(table_parts, ",") .. (#table_parts > 0 and "\n" or "") .. "}" },
  }) .. "\n"
end

-- HTML ------------------------------------------------------------------------------

local esc = svg.escape

local STYLE = [[
:root { color-scheme: light; --ink: #1e293b; --muted: #64748b; --line: #e2e8f0; --accent: #2563eb; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: var(--ink); background: #fff; }
header, main, footer { max-width: 1240px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 18px; border-bottom: 1px solid var(--line); }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; padding-top: 8px; border-top: 1px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; }
.description { color: var(--muted); margin: 0 0 6px; }
.filters { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; color: var(--muted); }
.note { border-left: 3px solid #f59e0b; background: #fffbeb; padding: 6px 10px; margin: 10px 0; }
figure.chart { margin: 14px 0 22px; padding: 10px 12px; border: 1px solid var(--line); border-radius: 8px; }
figure.chart figcaption { font-weight: 600; margin-bottom: 6px; }
figure.chart figcaption small { font-weight: normal; color: var(--muted); margin-left: 6px; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
table.data { border-collapse: collapse; width: 100%; margin: 6px 0 18px; font-size: 13px; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left;
                               vertical-align: top; }
table.data th { background: #f1f5f9; position: sticky; top: 0; white-space: nowrap; }
html.js table.data th { cursor: pointer; }
html.js table.data th[aria-sort="ascending"]::after { content: " ▲"; font-size: 10px; }
html.js table.data th[aria-sort="descending"]::after { content: " ▼"; font-size: 10px; }
table.data td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.data td.wide { min-width: 28em; }
mark { background: #fde68a; padding: 0 1px; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 6px 0 14px; }
dl.fields dt { color: var(--muted); }
dl.fields dd { margin: 0; }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); margin-top: 30px;
         padding-top: 8px; padding-bottom: 20px; }
]]

-- Sorts a table by a column when its header is clicked (or Enter on it);
-- numbers by their data-sort value. Marks the page as scripted.
local SCRIPT = [[
(function () {
  'use strict';
  function key(cell) {
    var raw = cell.getAttribute('data-sort');
    if (raw !== null) { var n = parseFloat(raw); return isNaN(n) ? -Infinity : n; }
    return cell.textContent.trim().toLowerCase();
  }
  function sortBy(table, th, column) {
    var body = table.tBodies[0];
    if (!body) return;
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[column]), y = key(b.cells[column]);
      var order = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(th.parentNode.cells, function (cell) { cell.setAttribute('aria-sort', 'none'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.data'), function (table) {
    if (!table.tHead) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      th.tabIndex = 0;
      th.setAttribute('aria-sort', 'none');
      th.addEventListener('click', function () { sortBy(table, th, column); });
      th.addEventListener('keydown', function (event) { if (event.key === 'Enter') sortBy(table, th, column); });
    });
  });
  document.documentElement.classList.add('js');
}());
]]

local function html_marked(v)
  local text, marks = v.text, v.marks
  local out, pos = {}, 1
  table.sort(marks, function(a, b) return a[1] < b[1] end)
  for _, m in ipairs(marks) do
    local from, to = math.max(m[1], pos), math.min(m[2], #text)
    if from <= to then
      out[#out + 1] = esc(text:sub(pos, from - 1))
      out[#out + 1] = "<mark>" .. esc(text:sub(from, to)) .. "</mark>"
      pos = to + 1
    end
  end
  out[#out + 1] = esc(text:sub(pos))
  return table.concat(out)
end

local function html_value(v, column)
  if is_marked(v) then return html_marked(v) end
  local text = cell_text(v, column)
  if type(v) == "string" and v:match("^https?://[%w%-%._~:/%?#%[%]@!%$&'%(%)%*%+,;=%%]+$") then
    return string.format('<a href="%s" rel="noreferrer">%s</a>', esc(v), esc(text))
  end
  return esc(text)
end

local function html_table(block, out)
  block = shown(block)
  if block.title then out[#out + 1] = "<h3>" .. esc(block.title) .. "</h3>" end
  if #block.rows == 0 then
    out[#out + 1] = '<p class="empty">' .. esc(block.empty or "Nothing to show.") .. "</p>"
    return
  end
  local right = {}
  local head = {}
  for i, column in ipairs(block.columns) do
    right[i] = right_aligned(block, i)
    head[i] = "<th>" .. esc(column.label) .. "</th>"
  end
  out[#out + 1] = '<table class="data"><thead><tr>' .. table.concat(head) .. "</tr></thead><tbody>"
  for _, row in ipairs(block.rows) do
    local cells = {}
    for i, column in ipairs(block.columns) do
      local v = row[column.key]
      if right[i] then
        cells[i] = string.format('<td class="num" data-sort="%s">%s</td>', v ~= nil and esc(cell_raw(v)) or "",
                                 html_value(v, column))
      else
        local long = (type(v) == "string" and #v > 80) or (is_marked(v) and #v.text > 80)
        cells[i] = (long and '<td class="wide">' or "<td>") .. html_value(v, column) .. "</td>"
      end
    end
    out[#out + 1] = "<tr>" .. table.concat(cells) .. "</tr>"
  end
  out[#out + 1] = "</tbody></table>"
end

local function html_chart(chart, options, out)
  local drawn, info
  if chart.kind == "timeline" then drawn, info = svg.timeline(chart)
  elseif chart.kind == "heatmap" then drawn, info = svg.heatmap(chart)
  elseif chart.kind == "network" then drawn, info = svg.network(chart, options)
  elseif chart.kind == "bars" then drawn, info = svg.bars(chart)
  else drawn, info = nil, "unknown chart kind " .. tostring(chart.kind) end
  local caption = esc(chart.title or chart.kind)
  local detail = chart.caption or ""
  if drawn and chart.kind == "network" then
    detail = detail .. (detail ~= "" and "; " or "") .. "layout: " .. info
  end
  out[#out + 1] = string.format('<figure class="chart chart-%s"><figcaption>%s%s</figcaption>',
                                esc(chart.kind), caption, detail ~= "" and " <small>" .. esc(detail) .. "</small>" or "")
  if drawn then
    out[#out + 1] = drawn
  else
    out[#out + 1] = '<p class="empty">No chart: ' .. esc(info) .. ".</p>"
  end
  out[#out + 1] = "</figure>"
end

function render.html(output, options)
  local out = {
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    -- nothing may be fetched: the page is the whole report
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; ' ..
      'script-src \'unsafe-inline\'; img-src data:">',
    '<meta name="generator" content="quarry ' .. esc(quarry.version) .. '">',
    "<title>" .. esc(output.title) .. "</title>",
    "<style>" .. STYLE .. "</style>",
    "</head>",
    "<body>",
    "<header>",
    "<h1>" .. esc(output.title) .. "</h1>",
  }
  if output.description then out[#out + 1] = '<p class="description">' .. esc(output.description) .. "</p>" end
  local filters = filters_text(output)
  if filters ~= "" then out[#out + 1] = '<p class="filters">' .. esc(filters) .. "</p>" end
  out[#out + 1] = "</header>"
  out[#out + 1] = "<main>"
  for _, block in ipairs(output.blocks) do
    if block.kind == "heading" then
      local level = math.min(math.max(block.level, 2), 4)
      out[#out + 1] = string.format("<h%d>%s</h%d>", level, esc(block.text), level)
    elseif block.kind == "text" then
      out[#out + 1] = "<p>" .. esc(block.text) .. "</p>"
    elseif block.kind == "note" then
      out[#out + 1] = '<p class="note">' .. esc(block.text) .. "</p>"
    elseif block.kind == "fields" then
      out[#out + 1] = '<dl class="fields">'
      for _, field in ipairs(block.fields) do
        out[#out + 1] = "<dt>" .. esc(field[1]) .. "</dt><dd>" .. html_value(field[2]) .. "</dd>"
      end
      out[#out + 1] = "</dl>"
    elseif block.kind == "table" and block.display then
      html_table(block, out)
    elseif block.kind == "chart" then
      html_chart(block.chart, options, out)
    end
  end
  out[#out + 1] = "</main>"
  out[#out + 1] = "<footer>" .. esc(options.command or "quarry report") .. " · quarry " .. esc(quarry.version) ..
                  " · " .. esc(os.date("!%Y-%m-%d %H:%M UTC")) ..
                  " · a self-contained page: nothing is loaded from the network.</footer>"
  out[#out + 1] = "<script>" .. SCRIPT .. "</script>"
  out[#out + 1] = "</body>"
  out[#out + 1] = "</html>"
  return table.concat(out, "\n") .. "\n"
end

-- Writes an output in a format: md, csv, json or html.
function render.render(output, format, options)
  if format == "md" then return render.md(output) end
  if format == "csv" then return render.csv(output) end
  if format == "tsv" then return render.tsv(output) end
  if format == "json" then return render.json(output) end
  if format == "html" then return render.html(output, options or {}) end
  error("unknown format " .. tostring(format))
end

return render
