-- make_gold.lua: turns tests/eval/gold_spec.tsv into tests/eval/gold.jsonl.
--
--   quarry run tests/eval/make_gold.lua [SPEC [DOCS_DIR [OUT]]]
--
-- (quarry run opens a database: give --db /tmp/x.db, or it makes ./quarry.db,
-- which .gitignore ignores.) The defaults are gold_spec.tsv, docs/ and
-- gold.jsonl beside this script.
--
-- The spec has one annotation per line, tab-separated:
--   doc  type  text  occurrence  value
-- text is the exact span (\n, \t and \\ stand for a newline, a tab and a
-- backslash); occurrence n picks the n-th place in the document where text
-- occurs (every byte position counts, so overlapping occurrences count too);
-- value is JSON, written to the gold file as it is. Lines starting with # and
-- blank lines are skipped. The span's start is the byte offset of that
-- occurrence and its end start + #text.
--
-- Any problem (a text that does not occur that often, an unknown type, a bad
-- value, a boilerplate span that is not whole lines, two spans of one type
-- that overlap) is reported with its spec line, nothing is written and the
-- exit status is 1.
-- Pure Lua: only quarry.json is used.

local json = require("quarry").json

local TYPES = { "money", "percent", "date", "country", "org", "person", "tech", "quote", "boilerplate" }
local RANK = {}
for i, t in ipairs(TYPES) do RANK[t] = i end
-- The keys each type's value must have (boilerplate: null).
local KEYS = {
  money = { "amount", "currency" }, percent = { "value" }, date = { "edtf" },
  country = { "iso" }, org = { "name" }, person = { "name" }, tech = { "field" },
  quote = { "speaker" },
}

local here = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local spec_path = arg and arg[1] or (here .. "/gold_spec.tsv")
local docs_dir = arg and arg[2] or (here .. "/docs")
local out_path = arg and arg[3] or (here .. "/gold.jsonl")

local function slurp(path)
  local f, message = io.open(path, "rb")
  if not f then return nil, message end
  local data = f:read("a")
  f:close()
  return data
end

local function unescape(s)
  return (s:gsub("\\(.)", function(c)
    if c == "n" then return "\n" elseif c == "t" then return "\t" elseif c == "\\" then return "\\" end
    return nil   -- an unknown escape is caught below
  end))
end

local errors = {}
local function fail(lineno, message)
  errors[#errors + 1] = string.format("%s:%d: %s", spec_path, lineno, message)
end

local spec = assert(slurp(spec_path))
local texts = {}       -- doc -> its bytes
local records = {}

local lineno = 0
for line in (spec .. "\n"):gmatch("([^\n]*)\n") do
  lineno = lineno + 1
  line = line:gsub("\r$", "")
  if line:find("%S") and not line:find("^#") then
    local fields = {}
    for field in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = field end
    local doc, typ, raw, occurrence, value = table.unpack(fields)
    if #fields ~= 5 then
      fail(lineno, "expected 5 tab-separated fields, found " .. #fields)
    elseif not RANK[typ] then
      fail(lineno, "unknown type '" .. typ .. "'")
    elseif raw:find("\\[^nt\\]") or raw:find("\\$") then
      fail(lineno, "unknown escape in text (only \\n, \\t and \\\\)")
    elseif not occurrence:match("^[1-9]%d*$") then
      fail(lineno, "occurrence must be a positive integer, got '" .. occurrence .. "'")
    else
      local text, n = unescape(raw), tonumber(occurrence)
      local ok, decoded = pcall(json.decode, value)
      if not ok then
        fail(lineno, "value is not JSON: " .. tostring(decoded))
      elseif typ == "boilerplate" and value ~= "null" then
        fail(lineno, "a boilerplate value must be null")
      elseif typ ~= "boilerplate" and type(decoded) ~= "table" then
        fail(lineno, typ .. " value must be a JSON object")
      else
        local shape_ok = true
        if KEYS[typ] then
          for _, key in ipairs(KEYS[typ]) do
            -- quote speaker may be null: decode leaves the key out, so look at the text
            if decoded[key] == nil and not (typ == "quote" and value:find('"speaker"%s*:%s*null')) then
              fail(lineno, typ .. " value lacks \"" .. key .. "\""); shape_ok = false
            end
          end
        end
        if texts[doc] == nil then
          local data, message = slurp(docs_dir .. "/" .. doc)
          if not data then fail(lineno, "cannot read document: " .. tostring(message)) end
          texts[doc] = data or false
        end
        local data = texts[doc]
        if data and shape_ok then
          local pos, seen = 0, 0
          while seen < n do
            pos = data:find(text, pos + 1, true)
            if not pos then break end
            seen = seen + 1
          end
          if not pos then
            fail(lineno, string.format("%s “%s” occurs %d time(s) in %s, not %d",
                                       typ, raw, seen, doc, n))
          else
            local start, stop = pos - 1, pos - 1 + #text
            if typ == "boilerplate" then
              if start > 0 and data:sub(start, start) ~= "\n" then
                fail(lineno, "boilerplate span does not start at the beginning of a line")
              end
              if stop < #data and data:sub(stop + 1, stop + 1) ~= "\n" then
                fail(lineno, "boilerplate span does not end at the end of a line")
              end
            elseif text:find("^%s") or text:find("%s$") then
              fail(lineno, "span starts or ends with white space")
            end
            records[#records + 1] = { doc = doc, type = typ, start = start, stop = stop,
                                      text = text, value = value, line = lineno }
          end
        end
      end
    end
  end
end

table.sort(records, function(a, b)
  if a.doc ~= b.doc then return a.doc < b.doc end
  if a.start ~= b.start then return a.start < b.start end
  if a.stop ~= b.stop then return a.stop < b.stop end
  if a.type ~= b.type then return RANK[a.type] < RANK[b.type] end
  return a.line < b.line
end)

-- Spans of one type in one document never share or overlap.
local last_of = {}
for _, r in ipairs(records) do
  local key = r.doc .. "\0" .. r.type
  local prev = last_of[key]
  if prev and r.start < prev.stop then
    fail(r.line, string.format("%s span [%d,%d) overlaps [%d,%d) from line %d",
                               r.type, r.start, r.stop, prev.start, prev.stop, prev.line))
  end
  if not prev or r.stop > prev.stop then last_of[key] = r end
end

if #errors > 0 then
  for _, e in ipairs(errors) do io.stderr:write(e, "\n") end
  io.stderr:write(string.format("make_gold: %d problem(s) in %s; %s not written\n",
                                #errors, spec_path, out_path))
  os.exit(1)
end

local lines, counts, docs = {}, {}, {}
for _, r in ipairs(records) do
  lines[#lines + 1] = string.format('{"doc":%s,"type":%s,"start":%d,"end":%d,"text":%s,"value":%s}',
    json.encode(r.doc), json.encode(r.type), r.start, r.stop, json.encode(r.text), r.value)
  counts[r.type] = (counts[r.type] or 0) + 1
  docs[r.doc] = true
end
local f = assert(io.open(out_path, "wb"))
f:write(table.concat(lines, "\n"), "\n")
f:close()

local ndocs, summary = 0, {}
for _ in pairs(docs) do ndocs = ndocs + 1 end
for _, t in ipairs(TYPES) do summary[#summary + 1] = t .. " " .. (counts[t] or 0) end
print(string.format("make_gold: wrote %d annotations for %d documents to %s (%s)",
                    #records, ndocs, out_path, table.concat(summary, ", ")))
