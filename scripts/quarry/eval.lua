-- quarry.eval: scores found annotations against gold ones, as the gold
-- guidelines (shared/gold/GUIDELINES.md, "Scoring") define it.
--
--   eval.read_jsonl(path)          -> records | nil, "path:line: message"
--   eval.score(found, gold, opts)  -> report
--   eval.format(report, "md"|"json") -> string
--   eval.errors(report, texts, opts) -> string
--
-- A record is {doc=, type=, start=, ["end"]=, text=, value=}, offsets in
-- bytes with the end exclusive. A found and a gold record match when doc and
-- type are equal and the spans overlap; each record is in at most one pair.
-- Boilerplate is also scored by bytes (interval arithmetic over merged spans).

local json = require("quarry").json

local error, ipairs, pairs, pcall, tostring, type = error, ipairs, pairs, pcall, tostring, type
local io_open = io.open
local math_abs, math_max, math_min, math_tointeger =
  math.abs, math.max, math.min, math.tointeger
local string_format, string_rep = string.format, string.rep
local table_concat, table_sort = table.concat, table.sort
local utf8_len = utf8.len
local json_null = json.null
local _ENV = nil

local eval = {}

-- The guidelines' order of types; other types follow alphabetically.
local TYPE_ORDER = {
  "money", "percent", "date", "country", "org", "person", "tech", "quote", "boilerplate",
}
local TYPE_RANK = {}
for i, name in ipairs(TYPE_ORDER) do TYPE_RANK[name] = i end

-- Relative tolerance for numbers in values (0.5%).
local NUMBER_TOLERANCE = 0.005
-- Bytes of context shown on each side of a span by eval.errors.
local CONTEXT_BYTES = 40
-- Spans longer than this are shortened in eval.errors lines.
local SHOWN_SPAN_BYTES = 80

local function is_null(v) return v == nil or v == json_null end

-- Accepts an array of names or a set {name = true}; returns a set, or nil.
local function to_set(list)
  if list == nil then return nil end
  local set = {}
  for k, v in pairs(list) do
    if type(k) == "number" then set[v] = true elseif v then set[k] = true end
  end
  return set
end

local function compare_types(a, b)
  local ra, rb = TYPE_RANK[a], TYPE_RANK[b]
  if ra and rb then return ra < rb end
  if ra or rb then return ra ~= nil end
  return a < b
end

-- Orders records by doc, start, end, type (then their position in the
-- input, so the order never depends on table.sort's instability).
local function sort_records(list, position)
  table_sort(list, function(a, b)
    if a.doc ~= b.doc then return a.doc < b.doc end
    if a.start ~= b.start then return a.start < b.start end
    if a["end"] ~= b["end"] then return a["end"] < b["end"] end
    if a.type ~= b.type then return compare_types(a.type, b.type) end
    return position[a] < position[b]
  end)
  return list
end

-- Reading --------------------------------------------------------------------

-- Checks one decoded line; returns a record or nil, message.
local function record_from(line)
  if type(line) ~= "table" or line[1] ~= nil then return nil, "not a JSON object" end
  if type(line.doc) ~= "string" or line.doc == "" then
    return nil, "missing or empty \"doc\""
  end
  if type(line.type) ~= "string" or line.type == "" then
    return nil, "missing or empty \"type\""
  end
  local start, stop = line.start, line["end"]
  if start == nil then return nil, "missing \"start\"" end
  if stop == nil then return nil, "missing \"end\"" end
  start = type(start) == "number" and math_tointeger(start) or nil
  stop = type(stop) == "number" and math_tointeger(stop) or nil
  if start == nil or start < 0 then return nil, "\"start\" is not a non-negative integer" end
  if stop == nil or stop < 0 then return nil, "\"end\" is not a non-negative integer" end
  if start > stop then
    return nil, string_format("start %d is after end %d", start, stop)
  end
  local text = line.text
  if text ~= nil and type(text) ~= "string" then return nil, "\"text\" is not a string" end
  local value = line.value
  if value == json_null then value = nil end
  return { doc = line.doc, type = line.type, start = start, ["end"] = stop,
           text = text, value = value }
end

-- Reads a JSON Lines annotation file. Blank lines are skipped; a UTF-8 BOM
-- and CR line ends are allowed. Returns the records in file order, or nil
-- and "path:line: message" for the first bad line (or "path: message" when
-- the file cannot be read).
function eval.read_jsonl(path)
  local file, message = io_open(path, "rb")
  if file == nil then return nil, message end
  local data, read_error = file:read("a")
  file:close()
  if data == nil then return nil, path .. ": " .. tostring(read_error) end
  if data:sub(1, 3) == "\239\187\191" then data = data:sub(4) end
  local records, number = {}, 0
  for line in (data .. "\n"):gmatch("([^\n]*)\n") do
    number = number + 1
    line = line:gsub("\r$", "")
    if line:find("%S") then
      local ok, decoded = pcall(json.decode, line)
      local record, problem
      if ok then
        record, problem = record_from(decoded)
      else
        problem = "not valid JSON (" .. tostring(decoded) .. ")"
      end
      if record == nil then
        return nil, string_format("%s:%d: %s", path, number, problem)
      end
      records[#records + 1] = record
    end
  end
  return records
end

-- Values ---------------------------------------------------------------------

-- Deep equality of annotation values: numbers within 0.5% of each other,
-- strings and booleans exactly, null (nil or json.null) equal to a missing
-- value, tables key by key.
local function values_equal(a, b)
  if is_null(a) and is_null(b) then return true end
  local ta, tb = type(a), type(b)
  if ta ~= tb then return false end
  if ta == "number" then
    return a == b or math_abs(a - b) <= NUMBER_TOLERANCE * math_max(math_abs(a), math_abs(b))
  end
  if ta ~= "table" then return a == b end
  for k, v in pairs(a) do
    if not values_equal(v, b[k]) then return false end
  end
  for k, v in pairs(b) do
    if a[k] == nil and not values_equal(nil, v) then return false end
  end
  return true
end

-- A stored value in the shape the guidelines give its type: a percent's
-- value has the one member `value` there, so the `unit` the percent rule
-- adds for percentage points is left out (export writes this shape too).
function eval.gold_value(typ, value)
  if typ == "percent" and type(value) == "table" and value.unit ~= nil then
    return { value = value.value }
  end
  return value
end

-- Intervals ------------------------------------------------------------------

-- Sorts and merges spans {start, end} into disjoint intervals, clipped to
-- [0, limit) when limit is given; returns the list and its total length.
local function merge_spans(spans, limit)
  local sorted = {}
  for _, span in ipairs(spans) do
    local lo, hi = span[1], span[2]
    if limit then lo, hi = math_min(lo, limit), math_min(hi, limit) end
    if hi > lo then sorted[#sorted + 1] = { lo, hi } end
  end
  table_sort(sorted, function(a, b) return a[1] < b[1] end)
  local merged, total = {}, 0
  for _, span in ipairs(sorted) do
    local last = merged[#merged]
    if last and span[1] <= last[2] then
      if span[2] > last[2] then last[2] = span[2] end
    else
      merged[#merged + 1] = { span[1], span[2] }
    end
  end
  for _, span in ipairs(merged) do total = total + span[2] - span[1] end
  return merged, total
end

-- Total length of the intersection of two merged interval lists.
local function intersection_length(a, b)
  local i, j, total = 1, 1, 0
  while i <= #a and j <= #b do
    local lo, hi = math_max(a[i][1], b[j][1]), math_min(a[i][2], b[j][2])
    if hi > lo then total = total + hi - lo end
    if a[i][2] < b[j][2] then i = i + 1 else j = j + 1 end
  end
  return total
end

-- Scoring --------------------------------------------------------------------

local function ratio(part, whole)
  if whole == 0 then return nil end
  return part / whole
end

-- Matches gold to found within one doc and type: gold in (start, end) order,
-- each taking the unmatched overlapping found record with the largest overlap
-- (ties: the earliest start, then the earliest end). Both lists are sorted.
-- Relations match only a found one of the same kind linking the same two
-- parties, in either order (GUIDELINES, "relation").
local function party_key(p)
  if type(p) ~= "table" then return "?" end
  if p.iso then return "iso:" .. tostring(p.iso) end
  return "org:" .. tostring(p.org or p.name)
end

local function relation_key(value)
  if type(value) ~= "table" or type(value.parties) ~= "table" then return nil end
  local a, b = party_key(value.parties[1]), party_key(value.parties[2])
  if b < a then a, b = b, a end
  return tostring(value.kind) .. "|" .. a .. "|" .. b
end

local function compatible(g, f)
  if g.type ~= "relation" then return true end
  local key = relation_key(g.value)
  return key ~= nil and key == relation_key(f.value)
end

local function match_group(gold, found, pairs_out)
  local used = {}
  local first = 1   -- found before first are used or end before every later gold
  for _, g in ipairs(gold) do
    while found[first] and (used[first] or found[first]["end"] <= g.start) do
      first = first + 1
    end
    local best, best_overlap
    for j = first, #found do
      local f = found[j]
      if f.start >= g["end"] then break end   -- found is sorted by start
      if not used[j] and g.start < f["end"] and compatible(g, f) then
        local overlap = math_min(f["end"], g["end"]) - math_max(f.start, g.start)
        if best == nil or overlap > best_overlap then best, best_overlap = j, overlap end
      end
    end
    if best then
      used[best] = true
      pairs_out[#pairs_out + 1] = { gold = g, found = found[best] }
    end
  end
  return used
end

-- Byte shares of boilerplate over the docs in scope. A doc's length is
-- #texts[doc], or without it the largest end of its annotations (and the
-- result says lengths_estimated = true). Spans are clipped to the length.
local function score_boilerplate(docs, gold_by_doc, found_by_doc, texts)
  local result = { gold_bytes = 0, found_bytes = 0, marked_bytes = 0,
                   article_bytes = 0, wrongly_marked_bytes = 0 }
  local estimated = false
  for doc in pairs(docs) do
    local gold_spans, found_spans, max_end = {}, {}, 0
    for _, r in ipairs(gold_by_doc[doc] or {}) do
      if r.type == "boilerplate" then gold_spans[#gold_spans + 1] = { r.start, r["end"] } end
      max_end = math_max(max_end, r["end"])
    end
    for _, r in ipairs(found_by_doc[doc] or {}) do
      if r.type == "boilerplate" then found_spans[#found_spans + 1] = { r.start, r["end"] } end
      max_end = math_max(max_end, r["end"])
    end
    local length = texts and type(texts[doc]) == "string" and #texts[doc] or nil
    if length == nil then length, estimated = max_end, true end
    local gold_merged, gold_total = merge_spans(gold_spans, length)
    local found_merged, found_total = merge_spans(found_spans, length)
    local marked = intersection_length(gold_merged, found_merged)
    result.gold_bytes = result.gold_bytes + gold_total
    result.found_bytes = result.found_bytes + found_total
    result.marked_bytes = result.marked_bytes + marked
    result.wrongly_marked_bytes = result.wrongly_marked_bytes + found_total - marked
    result.article_bytes = result.article_bytes + length - gold_total
  end
  result.boilerplate_recall_bytes = ratio(result.marked_bytes, result.gold_bytes)
  result.article_bytes_marked = ratio(result.wrongly_marked_bytes, result.article_bytes)
  if estimated then result.lengths_estimated = true end
  return result
end

-- Scores found against gold. opts.texts = {doc = text} for boilerplate
-- lengths; opts.types = the types to report (default: all present, in the
-- guidelines' order); opts.docs = the docs to score (a set or an array;
-- default: the docs in gold). Records outside those docs and types are
-- ignored. precision is nil with no found records, recall nil with no gold
-- ones, f1 nil when both are; value accuracy is reported only for types
-- whose gold records have values.
function eval.score(found, gold, opts)
  if type(found) ~= "table" then error("eval.score: found must be an array of records", 2) end
  if type(gold) ~= "table" then error("eval.score: gold must be an array of records", 2) end
  opts = opts or {}
  local docs = to_set(opts.docs)
  if docs == nil then
    docs = {}
    for _, r in ipairs(gold) do docs[r.doc] = true end
  end
  local wanted = to_set(opts.types)

  -- Records in scope, grouped by doc and by doc + type.
  local position, present = {}, {}
  local gold_by_doc, found_by_doc = {}, {}
  local groups = {}   -- groups[doc .. "\0" .. type] = {gold = {}, found = {}}
  local function take(list, side, by_doc)
    for i, r in ipairs(list) do
      if docs[r.doc] and (wanted == nil or wanted[r.type]) then
        position[r] = position[r] or (side == "gold" and i or -i)
        present[r.type] = true
        local key = r.doc .. "\0" .. r.type
        local group = groups[key]
        if group == nil then group = { gold = {}, found = {} }; groups[key] = group end
        group[side][#group[side] + 1] = r
        by_doc[r.doc] = by_doc[r.doc] or {}
        by_doc[r.doc][#by_doc[r.doc] + 1] = r
      end
    end
  end
  take(gold, "gold", gold_by_doc)
  take(found, "found", found_by_doc)

  local types = {}
  if opts.types then
    for _, t in ipairs(opts.types) do types[#types + 1] = t end
    if #types == 0 then for t in pairs(wanted) do types[#types + 1] = t end end
  else
    for t in pairs(present) do types[#types + 1] = t end
  end
  if not opts.types or #opts.types == 0 then table_sort(types, compare_types) end

  -- Match, in a fixed order of groups.
  local keys = {}
  for key in pairs(groups) do keys[#keys + 1] = key end
  table_sort(keys)
  local matched_pairs, misses, false_hits = {}, {}, {}
  for _, key in ipairs(keys) do
    local group = groups[key]
    sort_records(group.gold, position)
    sort_records(group.found, position)
    local before = #matched_pairs
    local used = match_group(group.gold, group.found, matched_pairs)
    local gold_used = {}
    for i = before + 1, #matched_pairs do gold_used[matched_pairs[i].gold] = true end
    for _, g in ipairs(group.gold) do
      if not gold_used[g] then misses[#misses + 1] = g end
    end
    for j, f in ipairs(group.found) do
      if not used[j] then false_hits[#false_hits + 1] = f end
    end
  end

  -- Which types carry values: those with a non-null gold value.
  local has_values = {}
  for _, r in ipairs(gold) do
    if docs[r.doc] and not is_null(r.value) then has_values[r.type] = true end
  end

  local rows, row_of = {}, {}
  for _, t in ipairs(types) do
    local row = { type = t, gold = 0, found = 0, tp = 0, fp = 0, fn = 0 }
    if has_values[t] then row.value_matched, row.value_total = 0, 0 end
    rows[#rows + 1] = row
    row_of[t] = row
  end
  for _, group in pairs(groups) do
    for _, g in ipairs(group.gold) do row_of[g.type].gold = row_of[g.type].gold + 1 end
    for _, f in ipairs(group.found) do row_of[f.type].found = row_of[f.type].found + 1 end
  end

  local value_errors = {}
  local pair_order = {}
  for i, pair in ipairs(matched_pairs) do pair_order[pair] = i end
  table_sort(matched_pairs, function(a, b)
    local ga, gb = a.gold, b.gold
    if ga.doc ~= gb.doc then return ga.doc < gb.doc end
    if ga.start ~= gb.start then return ga.start < gb.start end
    if ga["end"] ~= gb["end"] then return ga["end"] < gb["end"] end
    if ga.type ~= gb.type then return compare_types(ga.type, gb.type) end
    return pair_order[a] < pair_order[b]
  end)
  for _, pair in ipairs(matched_pairs) do
    local row = row_of[pair.gold.type]
    row.tp = row.tp + 1
    if pair.gold.type == "relation" then
      -- relations: value accuracy is whether the fields are equal
      local gv, fv = pair.gold.value, pair.found.value
      pair.value_equal = values_equal(type(gv) == "table" and gv.fields or {},
                                      type(fv) == "table" and fv.fields or {})
    else
      pair.value_equal = values_equal(pair.gold.value, eval.gold_value(pair.gold.type, pair.found.value))
    end
    if row.value_total then
      row.value_total = row.value_total + 1
      if pair.value_equal then
        row.value_matched = row.value_matched + 1
      else
        value_errors[#value_errors + 1] = { gold = pair.gold, found = pair.found }
      end
    end
  end

  for _, row in ipairs(rows) do
    row.fp = row.found - row.tp
    row.fn = row.gold - row.tp
    row.precision = ratio(row.tp, row.found)
    row.recall = ratio(row.tp, row.gold)
    if row.precision or row.recall then
      local p, r = row.precision or 0, row.recall or 0
      row.f1 = p + r > 0 and 2 * p * r / (p + r) or 0.0
    end
    if row.value_total then row.value_accuracy = ratio(row.value_matched, row.value_total) end
  end

  local boilerplate
  if row_of.boilerplate then
    boilerplate = score_boilerplate(docs, gold_by_doc, found_by_doc, opts.texts)
  end

  return {
    types = rows,
    boilerplate = boilerplate,
    pairs = matched_pairs,
    misses = sort_records(misses, position),
    false_hits = sort_records(false_hits, position),
    value_errors = value_errors,
  }
end

-- Formatting -----------------------------------------------------------------

local function fixed(x) return x == nil and "-" or string_format("%.3f", x) end
local function percent(x) return x == nil and "-" or string_format("%.2f%%", 100 * x) end

-- Display width of a cell (UTF-8 characters; the table is plain ASCII).
local function width(s) return utf8_len(s) or #s end

local function format_md(report)
  local header = { "type", "gold", "found", "tp", "fp", "fn",
                   "precision", "recall", "F1", "value accuracy" }
  local lines = { header }
  for _, row in ipairs(report.types or {}) do
    local accuracy = "-"
    if row.value_total then
      accuracy = string_format("%s (%d/%d)", fixed(row.value_accuracy),
                               row.value_matched, row.value_total)
    end
    lines[#lines + 1] = {
      row.type, tostring(row.gold), tostring(row.found), tostring(row.tp),
      tostring(row.fp), tostring(row.fn), fixed(row.precision), fixed(row.recall),
      fixed(row.f1), accuracy,
    }
  end
  local widths = {}
  for _, cells in ipairs(lines) do
    for i, cell in ipairs(cells) do widths[i] = math_max(widths[i] or 3, width(cell)) end
  end
  local out = {}
  local function emit(cells)
    local padded = {}
    for i, cell in ipairs(cells) do
      local pad = string_rep(" ", widths[i] - width(cell))
      padded[i] = i == 1 and cell .. pad or pad .. cell   -- numbers right-aligned
    end
    out[#out + 1] = "| " .. table_concat(padded, " | ") .. " |"
  end
  emit(lines[1])
  local rule = {}
  for i, w in ipairs(widths) do
    rule[i] = i == 1 and string_rep("-", w + 2) or string_rep("-", w + 1) .. ":"
  end
  out[#out + 1] = "|" .. table_concat(rule, "|") .. "|"
  for i = 2, #lines do emit(lines[i]) end

  local bp = report.boilerplate
  if bp then
    out[#out + 1] = ""
    out[#out + 1] = string_format(
      "boilerplate: %s of boilerplate bytes marked (%d/%d); %s of article bytes marked (%d/%d)%s",
      percent(bp.boilerplate_recall_bytes), bp.marked_bytes, bp.gold_bytes,
      percent(bp.article_bytes_marked), bp.wrongly_marked_bytes, bp.article_bytes,
      bp.lengths_estimated and " (document lengths estimated from annotation ends)" or "")
  end
  return table_concat(out, "\n") .. "\n"
end

-- Renders a report: "md" (default) an aligned Markdown table and a
-- boilerplate line; "json" {"types":[...],"boilerplate":{...}}.
function eval.format(report, format)
  format = format or "md"
  if format == "md" then return format_md(report) end
  if format == "json" then
    return json.encode({ types = report.types, boilerplate = report.boilerplate })
  end
  error(string_format("eval.format: unknown format '%s' (md or json)", tostring(format)), 2)
end

-- Error listing --------------------------------------------------------------

local function is_continuation(s, i)
  local b = s:byte(i)
  return b ~= nil and b >= 0x80 and b < 0xC0
end

-- Bytes lo..hi (1-based, inclusive) of s, moved inward to whole UTF-8
-- characters.
local function utf8_slice(s, lo, hi)
  while lo <= hi and is_continuation(s, lo) do lo = lo + 1 end
  while hi >= lo and is_continuation(s, hi + 1) do hi = hi - 1 end
  return s:sub(lo, hi), lo, hi
end

local function visible(s)
  return (s:gsub("\r?\n", "⏎"):gsub("[\t\r]", " "))
end

-- A span's text for one line: long ones keep their two ends.
local function shorten(s)
  if #s <= SHOWN_SPAN_BYTES then return visible(s) end
  local half = SHOWN_SPAN_BYTES // 2
  local head = utf8_slice(s, 1, half)
  local tail = utf8_slice(s, #s - half + 1, #s)
  return visible(head) .. " … " .. visible(tail)
end

local function span_text(record, text)
  if record.text then return record.text end
  if text then return text:sub(record.start + 1, record["end"]) end
  return nil
end

local function show_value(value)
  if is_null(value) then return "null" end
  local ok, encoded = pcall(json.encode, value)
  return ok and encoded or tostring(value)
end

-- "…left ⟦span⟧ right…" with about CONTEXT_BYTES on each side.
local function context(record, text)
  local start, stop = record.start, math_min(record["end"], #text)
  if start > #text then return nil end
  local left, lo = utf8_slice(text, math_max(1, start - CONTEXT_BYTES + 1), start)
  local right, _, hi = utf8_slice(text, stop + 1, math_min(#text, stop + CONTEXT_BYTES))
  return (lo > 1 and "…" or "") .. visible(left) .. "⟦" .. shorten(text:sub(start + 1, stop))
    .. "⟧" .. visible(right) .. (hi < #text and "…" or "")
end

local KIND_RANK = { MISS = 1, FALSE = 2, VALUE = 3 }

-- Lists a report's misses, false hits and value errors per doc in text
-- order, with context from texts[doc] when given. opts.types (array or set)
-- restricts the listing to those types.
function eval.errors(report, texts, opts)
  opts = opts or {}
  local wanted = to_set(opts.types)
  local entries = {}
  local function add(kind, record, other)
    if wanted == nil or wanted[record.type] then
      entries[#entries + 1] = { kind = kind, record = record, other = other, n = #entries + 1 }
    end
  end
  for _, r in ipairs(report.misses or {}) do add("MISS", r) end
  for _, r in ipairs(report.false_hits or {}) do add("FALSE", r) end
  for _, e in ipairs(report.value_errors or {}) do add("VALUE", e.gold, e.found) end
  table_sort(entries, function(a, b)
    local ra, rb = a.record, b.record
    if ra.doc ~= rb.doc then return ra.doc < rb.doc end
    if ra.start ~= rb.start then return ra.start < rb.start end
    if ra["end"] ~= rb["end"] then return ra["end"] < rb["end"] end
    if a.kind ~= b.kind then return KIND_RANK[a.kind] < KIND_RANK[b.kind] end
    if ra.type ~= rb.type then return compare_types(ra.type, rb.type) end
    return a.n < b.n
  end)

  local out, current = {}, nil
  for _, e in ipairs(entries) do
    local r = e.record
    local text = texts and type(texts[r.doc]) == "string" and texts[r.doc] or nil
    if r.doc ~= current then
      if current ~= nil then out[#out + 1] = "" end
      out[#out + 1] = "== " .. r.doc
      current = r.doc
    end
    local shown = span_text(r, text)
    local line = string_format("%s %s [%d,%d)", e.kind, r.type, r.start, r["end"])
    if shown then line = line .. " “" .. shorten(shown) .. "”" end
    if e.kind == "VALUE" then
      local f = e.other
      if f.start ~= r.start or f["end"] ~= r["end"] then
        line = line .. string_format(" (found [%d,%d))", f.start, f["end"])
      end
      line = line .. " got " .. show_value(f.value) .. " want " .. show_value(r.value)
    elseif not is_null(r.value) then
      line = line .. " " .. show_value(r.value)
    end
    out[#out + 1] = line
    local around = text and context(r, text)
    if around then out[#out + 1] = "    " .. around end
  end
  if #out == 0 then return "" end
  return table_concat(out, "\n") .. "\n"
end

return eval
