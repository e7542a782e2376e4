-- export_diff.lua: what changed between two exports of one corpus
-- (`quarry export` JSON Lines), by type: annotations only in the old one,
-- only in the new one, and among those the ones whose span stayed and whose
-- value changed; with a few examples of each.
-- Usage: quarry run tests/bench/export_diff.lua OLD.jsonl NEW.jsonl [EXAMPLES]

local quarry = require "quarry"
local json = quarry.json

local old_path, new_path = ...
local examples = tonumber(select(3, ...)) or 3
if not (old_path and new_path) then
  io.stderr:write("usage: quarry run tests/bench/export_diff.lua OLD.jsonl NEW.jsonl [EXAMPLES]\n")
  os.exit(1)
end

-- {key = count} of an export, and the records by key; a key is document,
-- type, span and value.
local function read(path)
  local counts, records = {}, {}
  local file = assert(io.open(path, "rb"))
  for line in file:lines() do
    local r = json.decode(line)
    local key = table.concat({ r.doc, r.type, r.start, r["end"], json.encode(r.value or json.null) }, "\t")
    counts[key] = (counts[key] or 0) + 1
    records[key] = r
  end
  file:close()
  return counts, records
end

local old_counts, old_records = read(old_path)
local new_counts, new_records = read(new_path)

-- Keys in a but not (as often) in b, by type.
local function missing(a, b, records)
  local by_type = {}
  for key, n in pairs(a) do
    local extra = n - (b[key] or 0)
    if extra > 0 then
      local r = records[key]
      local list = by_type[r.type] or {}
      by_type[r.type] = list
      for _ = 1, extra do list[#list + 1] = r end
    end
  end
  return by_type
end

local lost, found = missing(old_counts, new_counts, old_records), missing(new_counts, old_counts, new_records)
local span_of = function(r) return table.concat({ r.doc, r.type, r.start, r["end"] }, "\t") end

local types = {}
for t in pairs(lost) do types[t] = true end
for t in pairs(found) do types[t] = true end
local names = {}
for t in pairs(types) do names[#names + 1] = t end
table.sort(names)

local function show(r)
  local text = r.text:gsub("%s+", " ")
  if #text > 90 then text = text:sub(1, 87) .. "..." end
  return string.format("%s [%d,%d) %q %s", r.doc, r.start, r["end"], text, json.encode(r.value or json.null))
end

print(string.format("%-12s %8s %8s %16s", "type", "old only", "new only", "same span, value"))
for _, t in ipairs(names) do
  local gone, added = lost[t] or {}, found[t] or {}
  local spans = {}
  for _, r in ipairs(gone) do spans[span_of(r)] = true end
  local revalued = 0
  for _, r in ipairs(added) do if spans[span_of(r)] then revalued = revalued + 1 end end
  print(string.format("%-12s %8d %8d %16d", t, #gone, #added, revalued))
end
for _, t in ipairs(names) do
  for _, side in ipairs({ { "-", lost[t] or {} }, { "+", found[t] or {} } }) do
    local list = side[2]
    table.sort(list, function(a, b)
      if a.doc ~= b.doc then return a.doc < b.doc end
      return a.start < b.start
    end)
    for k = 1, math.min(examples, #list) do print(side[1] .. " " .. t .. " " .. show(list[k])) end
  end
end
