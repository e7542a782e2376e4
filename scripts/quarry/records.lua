-- records.lua: annotations as JSON Lines records, as `quarry annotate`
-- writes them and `quarry import` and `quarry extract --jobs` read them.
--
-- An annotation record is the export format plus the rule, its version
-- and the document's SHA-256 (so the importing database can check it has
-- the same text):
--
--   {"doc":NAME,"type":T,"start":S,"end":E,"text":"...","value":V,
--    "rule":R,"version":VER,"sha256":HEX}
--
-- `value` is the value as stored (export reshapes a percentage point's
-- value for the gold format; this keeps its unit). With the state (annotate
-- --state), a document's records also hold its candidates set aside, with
-- "beaten_by" (the position, from 1, of the record that beat it among the
-- document's records) and "reason", and end with a document record:
--
--   {"doc":NAME,"sha256":HEX,"runs":{RULE:VERSION,...}}
--
-- runs are the rules that ran on it and their versions (what a later
-- extract compares). (Records written before the publication date stopped
-- being stored on the document may also hold "published": import ignores
-- it; the date is the published annotation among the records.)

local quarry = require "quarry"

local json = quarry.json
local encode = json.encode
local format = string.format

local records = {}

-- The order of annotations in text: by start, longer first, by type, then
-- as the engine made them (what export's ORDER BY start, end DESC, type, id
-- gives for a document extract wrote).
local function text_order(cands)
  local order = {}
  for i = 1, #cands do order[i] = i end
  table.sort(order, function(a, b)
    local x, y = cands[a], cands[b]
    if x.start ~= y.start then return x.start < y.start end
    if x["end"] ~= y["end"] then return x["end"] > y["end"] end
    if x.type ~= y.type then return x.type < y.type end
    return a < b
  end)
  return order
end

-- The value's JSON text as db:write_annotations stores it ("null" for none).
local function value_text(c)
  if c.value_json then return c.value_json end
  if c.value == nil then return "null" end
  return encode(c.value)
end

-- Appends to out the records of one document's resolved candidates (from
-- engine.run_document: beaten_by is an index into cands): the standing
-- ones, or with state every one, in text order. Returns out.
function records.annotation_lines(out, name, sha256, text, cands, state)
  local order = text_order(cands)
  local position = {}
  local shown = 0
  for _, i in ipairs(order) do
    if state or not cands[i].beaten_by then
      shown = shown + 1
      position[i] = shown
    end
  end
  local doc_json, sha_json = encode(name), encode(sha256)
  for _, i in ipairs(order) do
    local c = cands[i]
    if position[i] then
      local line = format('{"doc":%s,"type":%s,"start":%d,"end":%d,"text":%s,"value":%s,' ..
                          '"rule":%s,"version":%s,"sha256":%s',
        doc_json, encode(c.type), c.start, c["end"], encode(text:sub(c.start + 1, c["end"])),
        value_text(c), encode(c.rule), encode(c.rule_version), sha_json)
      if c.beaten_by then
        line = line .. format(',"beaten_by":%d,"reason":%s', position[c.beaten_by],
                              encode(c.reason or ""))
      end
      out[#out + 1] = line .. "}\n"
    end
  end
  return out
end

-- The document record that ends a document's records with the state.
-- extra (optional) adds fields (extract --jobs sends more).
function records.document_line(name, sha256, runs, extra)
  local fields = { doc = name, sha256 = sha256, runs = runs }
  for k, v in pairs(extra or {}) do fields[k] = v end
  -- runs may be empty: written as {} by hand
  local parts = {}
  local keys = {}
  for k in pairs(fields) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do
    local v = fields[k]
    local text
    if type(v) == "table" and next(v) == nil then text = "{}"
    else text = encode(v) end
    parts[#parts + 1] = encode(k) .. ":" .. text
  end
  return "{" .. table.concat(parts, ",") .. "}\n"
end

local function is_integer(v) return math.type(v) == "integer" end
local function is_string(v) return type(v) == "string" end

-- Reads one record: returns "annotation" or "document" and the record as
-- a table (an annotation's value as its JSON text in value_json, nil for
-- null), or nil and what is wrong with it.
function records.parse(line)
  local ok, record, value = pcall(json.decode, line, "value")
  if not ok then return nil, (tostring(record):gsub("^.-malformed", "malformed")) end
  if type(record) ~= "table" then return nil, "a record must be a JSON object" end
  if not is_string(record.doc) then return nil, "no \"doc\" string" end
  if not is_string(record.sha256) or not record.sha256:match("^%x+$") or #record.sha256 ~= 64 then
    return nil, "no \"sha256\" of 64 hex digits"
  end
  if record.type == nil then
    if type(record.runs) ~= "table" then return nil, "neither \"type\" nor \"runs\"" end
    for rule, version in pairs(record.runs) do
      if not is_string(rule) or not is_string(version) then
        return nil, "\"runs\" must map rule names to versions"
      end
    end
    return "document", record
  end
  if not is_string(record.type) then return nil, "\"type\" must be a string" end
  if not is_integer(record.start) or not is_integer(record["end"])
     or record.start < 0 or record["end"] <= record.start then
    return nil, "\"start\" and \"end\" must be integers with 0 <= start < end"
  end
  if not is_string(record.text) then return nil, "no \"text\" string" end
  if not is_string(record.rule) or not is_string(record.version) then
    return nil, "no \"rule\" and \"version\" strings"
  end
  if record.beaten_by ~= nil and (not is_integer(record.beaten_by) or record.beaten_by < 1) then
    return nil, "\"beaten_by\" must be a record's position, from 1"
  end
  if record.reason ~= nil and not is_string(record.reason) then
    return nil, "\"reason\" must be a string"
  end
  if value == nil then return nil, "no \"value\"" end
  record.value = nil
  if value ~= "null" then record.value_json = value end
  return "annotation", record
end

return records
