-- report.lua: what reports are made of. The helpers that turn stored
-- annotations into answers (sentences, EDTF dates, exchange rates, names of
-- countries and technology fields, parties), and the context a report's
-- run(ctx) receives: the documents after the filters, their annotations,
-- and the blocks (headings, text, fields, tables, charts) a report builds.
--
-- Analyst scripts may use the helpers too: local report = require "quarry.report".

local quarry = require "quarry"
local textmodel = require "quarry.textmodel"

local report = {}

-- Sentences ---------------------------------------------------------------

-- Sentences of a text as a list of {start, stop} (0-based byte offsets,
-- stop exclusive, surrounding white space left out), from the text model
-- (core/textmodel.c: one splitter for the rules and the reports).
function report.sentences(text)
  local list = {}
  for _, start, stop in textmodel.of(text):sentences() do
    list[#list + 1] = { start = start, stop = stop }
  end
  return list
end

-- The index of the sentence holding byte offset (0-based) in a list from
-- report.sentences, or nil when it falls between sentences.
function report.sentence_at(list, offset)
  local lo, hi = 1, #list
  while lo <= hi do
    local mid = (lo + hi) // 2
    local s = list[mid]
    if offset < s.start then hi = mid - 1
    elseif offset >= s.stop then lo = mid + 1
    else return mid end
  end
  return nil
end

-- Collapses runs of white space into one space.
function report.squeeze(s)
  return (s:gsub("%s+", " "))
end

-- Cuts s to at most width characters (UTF-8), marking the cut with "…".
function report.cut(s, width)
  s = s or ""
  local n = utf8.len(s)
  if n and n > width then
    return s:sub(1, utf8.offset(s, width) - 1) .. "…"
  end
  return s
end

-- EDTF dates ---------------------------------------------------------------

local DAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

local function days_in(year, month)
  if month == 2 and (year % 4 == 0 and (year % 100 ~= 0 or year % 400 == 0)) then return 29 end
  return DAYS[month]
end

local function ymd(y, m, d) return string.format("%04d-%02d-%02d", y, m, d) end

-- Seasons and quarters of EDTF level 1 and 2 (21-24 seasons, 25-32
-- hemisphere seasons, 33-36 quarters, 37-39 quadrimesters, 40-41 semesters)
-- as {first month, last month}; a winter runs into the next year.
local SUBYEAR = {
  [21] = { 3, 5 }, [22] = { 6, 8 }, [23] = { 9, 11 }, [24] = { 12, 14 },
  [25] = { 3, 5 }, [26] = { 6, 8 }, [27] = { 9, 11 }, [28] = { 12, 14 },
  [29] = { 9, 11 }, [30] = { 12, 14 }, [31] = { 3, 5 }, [32] = { 6, 8 },
  [33] = { 1, 3 }, [34] = { 4, 6 }, [35] = { 7, 9 }, [36] = { 10, 12 },
  [37] = { 1, 4 }, [38] = { 5, 8 }, [39] = { 9, 12 }, [40] = { 1, 6 }, [41] = { 7, 12 },
}

-- One EDTF date (no interval) as its first and last day, or nil.
local function edtf_bounds(s)
  s = s:gsub("[%?~%%]", "")
  local date = s:match("^(%d%d%d%d%-%d%d%-%d%d)T") -- a date-time: its day
  if date then s = date end
  local y, m, d = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if y then
    y, m, d = tonumber(y), tonumber(m), tonumber(d)
    if m < 1 or m > 12 or d < 1 or d > days_in(y, m) then return nil end
    return ymd(y, m, d), ymd(y, m, d)
  end
  y, m = s:match("^(%d%d%d%d)%-(%d%d)$")
  if y then
    y, m = tonumber(y), tonumber(m)
    if m >= 1 and m <= 12 then return ymd(y, m, 1), ymd(y, m, days_in(y, m)) end
    local span = SUBYEAR[m]
    if not span then return nil end
    local last_y, last_m = y, span[2]
    if last_m > 12 then last_y, last_m = y + 1, last_m - 12 end
    return ymd(y, span[1], 1), ymd(last_y, last_m, days_in(last_y, last_m))
  end
  if s:match("^%d%d%d%d$") then
    y = tonumber(s)
    return ymd(y, 1, 1), ymd(y, 12, 31)
  end
  if s:match("^%d%d[%dX][%dX]$") then -- unspecified digits: 201X, 20XX
    return ymd(tonumber((s:gsub("X", "0"))), 1, 1), ymd(tonumber((s:gsub("X", "9"))), 12, 31)
  end
  return nil
end

-- Parses an EDTF date or interval ("2024-03-01", "2013-23", "2011/2015",
-- "2014/..", "2024?", and plain date-times) into {edtf, first, last} with
-- first and last as "YYYY-MM-DD" (an open end takes the other end's
-- value), or nil when it is not one Quarry reads.
function report.edtf(s)
  if type(s) ~= "string" or s == "" then return nil end
  local from, to = s:match("^([^/]*)/([^/]*)$")
  local first, last
  if from then
    local f1, _ = edtf_bounds(from)
    local _, l2 = edtf_bounds(to)
    if not f1 and not (from == "" or from == "..") then return nil end
    if not l2 and not (to == "" or to == "..") then return nil end
    first, last = f1 or (edtf_bounds(to)), l2 or select(2, edtf_bounds(from))
    if not first or not last then return nil end
  else
    first, last = edtf_bounds(s)
    if not first then return nil end
  end
  return { edtf = s, first = first, last = last }
end

-- Sorts EDTF dates: by first day, then the wider span first (2024 before
-- 2024-03 before 2024-03-01), then by the text.
function report.edtf_before(a, b)
  if a.first ~= b.first then return a.first < b.first end
  if a.last ~= b.last then return a.last > b.last end
  return a.edtf < b.edtf
end

-- A date as a fractional year (for charts): "2024-07-01" → 2024.49.
function report.year_fraction(day)
  local y, m, d = day:match("^(%d+)%-(%d+)%-(%d+)$")
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  local before = 0
  for i = 1, m - 1 do before = before + days_in(y, i) end
  local total = days_in(y, 2) == 29 and 366 or 365
  return y + (before + d - 1) / total
end

-- Names ---------------------------------------------------------------------

-- Short common names where the ISO 3166 name is long or formal.
local COMMON_NAMES = {
  RU = "Russia", US = "United States", GB = "United Kingdom", KR = "South Korea",
  KP = "North Korea", IR = "Iran", VN = "Vietnam", TW = "Taiwan", SY = "Syria", LA = "Laos",
  BO = "Bolivia", VE = "Venezuela", TZ = "Tanzania", MD = "Moldova", CZ = "Czechia",
  CN = "China", TR = "Türkiye", PS = "Palestine", CD = "DR Congo", CG = "Congo",
}

local country_names

-- The name of a country by its ISO 3166-1 alpha-2 code: a common short name,
-- else the first name in data/gazetteers/countries.tsv, else the code.
function report.country_name(iso)
  if not iso then return "?" end
  if COMMON_NAMES[iso] then return COMMON_NAMES[iso] end
  if not country_names then
    country_names = {}
    local file = io.open(quarry.home .. "/data/gazetteers/countries.tsv", "rb")
    if file then
      for line in file:lines() do
        local surface, code, kind = line:match("^([^#\t][^\t]*)\t(%u%u)\t(%a+)")
        if surface and kind == "name" and not country_names[code] and surface:find("%l") then
          country_names[code] = surface
        end
      end
      file:close()
    end
  end
  return country_names[iso] or iso
end

local TECH_LABELS = {
  ai = "AI", ["5g"] = "5G", iot = "IoT", quantum = "Quantum", semiconductors = "Semiconductors",
  ["big-data"] = "Big data", cloud = "Cloud", blockchain = "Blockchain", robotics = "Robotics",
  nanotech = "Nanotech", ["smart-cities"] = "Smart cities", space = "Space", telecom = "Telecom",
  cybersecurity = "Cybersecurity", ["e-commerce"] = "E-commerce", biotech = "Biotech",
  surveillance = "Surveillance", ev = "Electric vehicles", energy = "Energy",
  ["3d-printing"] = "3D printing", drones = "Drones",
}

-- The technology field ids of the guidelines, sorted.
function report.tech_fields()
  local ids = {}
  for id in pairs(TECH_LABELS) do ids[#ids + 1] = id end
  table.sort(ids)
  return ids
end

-- The label of a technology field id of the guidelines ("ai" → "AI").
function report.tech_label(field)
  if not field then return "(unspecified)" end
  return TECH_LABELS[field] or field
end

local org_names -- surface -> canonical name, from data/gazetteers/orgs.tsv

-- The canonical name of an organisation that data/gazetteers/orgs.tsv
-- knows under another surface (EU and European Union are one), else the
-- name as it is. Surfaces marked "fold" match in any ASCII case.
function report.org_name(name)
  if not org_names then
    org_names = { exact = {}, fold = {} }
    local file = io.open(quarry.home .. "/data/gazetteers/orgs.tsv", "rb")
    if file then
      for line in file:lines() do
        local surface, case, canonical = line:match("^([^#\t][^\t]*)\t(%a+)\t([^\t]+)")
        if surface then
          if case == "fold" then
            org_names.fold[surface:lower()] = org_names.fold[surface:lower()] or canonical
          else
            org_names.exact[surface] = org_names.exact[surface] or canonical
          end
        end
      end
      file:close()
    end
  end
  return org_names.exact[name] or org_names.fold[name:lower()] or name
end

-- The party a country or org annotation (or a relation's party) stands
-- for: {key = "country:CN" | "org:Huawei", label, kind, iso | name}.
function report.party(a)
  local kind = a.type
  local value = a.value
  if kind == "country" then
    local iso = value and value.iso or a.iso
    if not iso then return nil end
    return { key = "country:" .. iso, label = report.country_name(iso), kind = "country", iso = iso }
  elseif kind == "org" then
    local name = value and value.name or a.name or a.text
    if not name then return nil end
    name = report.org_name(report.squeeze(name))
    return { key = "org:" .. name, label = name, kind = "org", name = name }
  end
  return nil
end

-- The name an entity annotation stands for, by type: a country's ISO code,
-- an org's or person's name, a tech field id; and its display label.
function report.entity(a)
  local v = a.value
  if a.type == "country" then
    local iso = type(v) == "table" and v.iso or nil
    return iso or a.text, iso and report.country_name(iso) or a.text
  elseif a.type == "tech" then
    local field = type(v) == "table" and v.field or nil
    return field or a.text, report.tech_label(field or a.text)
  elseif a.type == "org" or a.type == "person" then
    local name = type(v) == "table" and v.name or a.text
    name = report.squeeze(name)
    return name, name
  end
  local text = report.squeeze(a.text or "")
  return text, text
end

-- Exchange rates --------------------------------------------------------------

local rates_cache = {}

-- Loads an exchange-rate table (default data/exchange_rates.tsv):
-- {CUR = {[year] = {currency, year, usd_per_unit, published, source, status}}}.
-- Returns nil and a message when the file cannot be read.
function report.load_rates(path)
  path = path or (quarry.home .. "/data/exchange_rates.tsv")
  if rates_cache[path] then return rates_cache[path] end
  local file, message = io.open(path, "rb")
  if not file then return nil, message end
  local rates, header = {}, nil
  for line in file:lines() do
    line = line:gsub("\r$", "")
    if line ~= "" and not line:match("^#") then
      local cells = {}
      for cell in (line .. "\t"):gmatch("([^\t]*)\t") do cells[#cells + 1] = cell end
      if not header then
        header = {}
        for i, name in ipairs(cells) do header[name] = i end
      else
        local row = {}
        for name, i in pairs(header) do row[name] = cells[i] end
        local year = tonumber((row.date or ""):match("^(%d%d%d%d)"))
        local rate = tonumber(row.usd_per_unit)
        if row.currency and year and rate then
          row.year, row.usd_per_unit = year, rate
          rates[row.currency] = rates[row.currency] or {}
          rates[row.currency][year] = row
        end
      end
    end
  end
  file:close()
  rates_cache[path] = rates
  return rates
end

local USD = { currency = "USD", usd_per_unit = 1, source = "US dollar", status = "exact" }

-- The US dollar equivalent of an amount in a currency at a date (EDTF or
-- ISO; its year picks the yearly average, the nearest year listed when that
-- one is not): usd, rate row ({currency, year, usd_per_unit, source,
-- status}); nil when there is no rate for the currency.
function report.usd(amount, currency, date, rates)
  if type(amount) ~= "number" or type(currency) ~= "string" then return nil end
  if currency == "USD" then return amount, USD end
  rates = rates or report.load_rates()
  local by_year = rates and rates[currency]
  if not by_year then return nil end
  local parsed = report.edtf(date)
  local year = parsed and tonumber(parsed.first:sub(1, 4))
  local best, best_distance
  for y, row in pairs(by_year) do
    local distance = year and math.abs(y - year) or -y -- no date: the latest year
    if not best or distance < best_distance or (distance == best_distance and y > best.year) then
      best, best_distance = row, distance
    end
  end
  if not best then return nil end
  return amount * best.usd_per_unit, best
end

-- Numbers -------------------------------------------------------------------------

-- An integer with thousands separators: 1234567 → "1,234,567".
function report.thousands(n)
  local s = string.format("%.0f", n)
  local sign, digits = s:match("^(%-?)(%d+)$")
  if not digits then return s end
  return sign .. digits:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
end

-- An amount for people: 1.5e12 → "1.5 tn", 2e8 → "200 m", 12000 → "12,000".
function report.amount(n)
  if type(n) ~= "number" then return "" end
  local a = math.abs(n)
  local function short(x, unit)
    local s = x >= 100 and string.format("%.0f", x) or string.format("%.3g", x)
    return s .. " " .. unit
  end
  if a >= 1e12 then return short(n / 1e12, "tn")
  elseif a >= 1e9 then return short(n / 1e9, "bn")
  elseif a >= 1e6 then return short(n / 1e6, "m") end
  return report.thousands(n)
end

-- Usage errors: a report's complaint about its options (exit status 1).
local UsageError = {}
UsageError.__index = UsageError
UsageError.__tostring = function(e) return e.message end

function report.is_usage_error(e) return getmetatable(e) == UsageError end

-- The context ---------------------------------------------------------------------

-- Whether a document's publication date lies within the period.
local function published_within(doc, since, until_)
  local parsed = report.edtf(doc.published)
  if not parsed then return false end
  return (not since or parsed.first >= since) and (not until_ or parsed.first <= until_)
end

-- Checks the --since/--until values; returns since_first, until_last or nil, message.
function report.period(options)
  local since, until_
  if options.since then
    local parsed = report.edtf(options.since)
    if not parsed then return nil, "--since " .. options.since .. " is not a date (YYYY, YYYY-MM or YYYY-MM-DD)" end
    since = parsed.first
  end
  if options["until"] then
    local parsed = report.edtf(options["until"])
    if not parsed then return nil, "--until " .. options["until"] .. " is not a date (YYYY, YYYY-MM or YYYY-MM-DD)" end
    until_ = parsed.last
  end
  return since or false, until_ or false
end

-- The documents of the db that --doc names (all when it is absent), as a
-- list, or nil and a message for an unknown document (cli.documents).
report.select_documents = require("quarry.cli").documents

-- The date a document is shown with: the one it came with (doc.published:
-- HTML meta, a JSONL field), else the one the published rule found (its
-- standing annotation), else nil. The rule's finding is never stored on the
-- document (it would be read back as the document's own by the next run).
function report.published(doc)
  if doc.published ~= nil then return doc.published end
  local found = doc:annotations("published")[1]
  return found and found.value and found.value.edtf or nil
end

-- A document as reports see it: the stored one, but its published is
-- report.published's. Methods (doc:annotations, ...) act on the stored one.
function report.dated(doc)
  local published, bound = report.published(doc), {}
  return setmetatable({}, {
    __index = function(_, key)
      if key == "published" then return published end
      local v = doc[key]
      if type(v) ~= "function" then return v end
      bound[key] = bound[key] or function(_, ...) return v(doc, ...) end
      return bound[key]
    end,
    __newindex = function() error("a document is read-only", 2) end,
  })
end

-- A read-only view of the db for reports: query, search, document,
-- documents and count, nothing that writes.
local function db_view(db)
  local view = {}
  -- errors name the report's line, not this one
  local function forward(method, ...)
    local results = table.pack(pcall(method, db, ...))
    if not results[1] then
      local message = tostring(results[2]):gsub("^[^:\n]+:%d+: ", "")
      error(message, 2) -- (view methods tail-call forward: level 2 is the report)
    end
    return table.unpack(results, 2, results.n)
  end
  function view:query(sql, ...) return forward(db.query, sql, ...) end
  function view:search(q, limit) return forward(db.search, q, limit) end
  function view:document(key) return db:document(key) end
  function view:documents() return db:documents() end
  function view:count() return db:count() end
  return setmetatable(view, { __newindex = function() error("the db view is read-only", 2) end,
                              __metatable = false })
end

-- A copy of a table of options (lists copied too), so a report cannot
-- change what the command parsed.
local function copy_options(options)
  local copy = {}
  for k, v in pairs(options) do
    if type(v) == "table" then
      local list = {}
      for i, item in ipairs(v) do list[i] = item end
      copy[k] = list
    else
      copy[k] = v
    end
  end
  return copy
end

-- Makes the context for one run of a report. spec: {name, title,
-- description, db, options, documents (after --doc), use (loads another
-- report by name)}. Returns ctx and the output: {name, title, description,
-- filters, blocks, notes}.
function report.context(spec)
  local db, options = spec.db, spec.options
  local output = { name = spec.name, title = spec.title or spec.name, description = spec.description,
                   filters = {}, blocks = {}, notes = {} }
  for key, v in pairs(options) do -- the filters and the report's own options, as given
    if key ~= "folders" and key ~= "layout" then
      output.filters[key] = type(v) == "table" and table.concat(v, ", ") or tostring(v)
    end
  end
  local since, until_ = report.period(options)
  local annotation_cache, sentence_cache = {}, {}

  local ctx = { db = db_view(db), options = copy_options(options), rates = nil }

  -- The standing annotations of a type in a document (text order), cached.
  function ctx.annotations(doc, type_)
    local by_type = annotation_cache[doc.id]
    if not by_type then
      by_type = {}
      annotation_cache[doc.id] = by_type
    end
    local key = type_ or "*"
    if not by_type[key] then by_type[key] = doc:annotations(type_) end
    return by_type[key]
  end

  local counts
  -- How many standing annotations each type has in the whole db: {type = n}.
  function ctx.types()
    if not counts then
      counts = {}
      for _, row in ipairs(db:query("SELECT type, count(*) AS n FROM annotations WHERE beaten_by IS NULL GROUP BY type")) do
        counts[row.type] = row.n
      end
    end
    return counts
  end

  -- Whether the db holds annotations of a type at all (else the rules that
  -- make them have not run, or do not exist yet).
  function ctx.has(type_) return (ctx.types()[type_] or 0) > 0 end

  local documents
  -- The documents the report covers (as report.dated gives them: their
  -- published is the date found when they came with none): those --doc
  -- names (else all), with a publication date in --since/--until (unless by_date is false, for
  -- reports that filter their statements by date instead) and, with
  -- --country, a mention of that country. A fresh list each call.
  function ctx.documents(how)
    local by_date = not (how and how.by_date == false)
    if not documents then
      documents = {}
      for i, doc in ipairs(spec.documents) do documents[i] = report.dated(doc) end
    end
    local list = {}
    for _, doc in ipairs(documents) do
      local keep = true
      if by_date and (since or until_) then keep = published_within(doc, since, until_) end
      if keep and options.country then
        keep = false
        for _, a in ipairs(ctx.annotations(doc, "country")) do
          if a.value and a.value.iso == options.country then keep = true; break end
        end
      end
      if keep then list[#list + 1] = doc end
    end
    return list
  end

  -- Whether an EDTF date or interval overlaps --since/--until.
  function ctx.in_period(edtf)
    if not since and not until_ then return true end
    local parsed = type(edtf) == "table" and edtf or report.edtf(edtf)
    if not parsed then return false end
    return (not since or parsed.last >= since) and (not until_ or parsed.first <= until_)
  end

  -- The sentences of a document (see report.sentences), cached.
  function ctx.sentences(doc)
    local list = sentence_cache[doc.id]
    if not list then
      list = report.sentences(doc.text)
      sentence_cache[doc.id] = list
    end
    return list
  end

  -- The sentence holding an annotation: its text (white space squeezed),
  -- start and stop (0-based), and its index; the annotation's own text
  -- when it falls outside every sentence.
  function ctx.sentence(doc, a)
    local list = ctx.sentences(doc)
    local i = report.sentence_at(list, a.start)
    if not i then return report.squeeze(a.text or ""), a.start, a["end"], nil end
    local s = list[i]
    return report.squeeze(doc.text:sub(s.start + 1, s.stop)), s.start, s.stop, i
  end

  -- The sentence holding an annotation with the annotation marked (a cell
  -- that --format html shows highlighted and the others as plain text).
  function ctx.marked_sentence(doc, a)
    local list = ctx.sentences(doc)
    local i = report.sentence_at(list, a.start)
    if not i then return ctx.mark(a.text or "", 1, #(a.text or "")) end
    local s = list[i]
    local before = doc.text:sub(s.start + 1, a.start)
    local inside = doc.text:sub(a.start + 1, math.min(a["end"], s.stop))
    local after = doc.text:sub(math.min(a["end"], s.stop) + 1, s.stop)
    before, inside, after = before:gsub("%s+", " "), inside:gsub("%s+", " "), after:gsub("%s+", " ")
    return ctx.mark(before .. inside .. after, #before + 1, #before + #inside)
  end

  -- A text cell with bytes from..to (1-based, inclusive) marked.
  function ctx.mark(text, from, to)
    return { text = text, marks = { { from, to } } }
  end

  function ctx.usd(amount, currency, date)
    return report.usd(amount, currency, date)
  end

  -- Stops the report with a usage error (exit status 1): a bad option value.
  function ctx.usage(message)
    error(setmetatable({ message = tostring(message) }, UsageError), 0)
  end

  -- Another report's module (its returned table), to share its functions.
  ctx.use = spec.use

  ctx.sentence_at = report.sentence_at
  ctx.edtf, ctx.edtf_before, ctx.year_fraction = report.edtf, report.edtf_before, report.year_fraction
  ctx.country_name, ctx.tech_label, ctx.party, ctx.entity = report.country_name, report.tech_label,
    report.party, report.entity
  ctx.tech_fields = report.tech_fields
  ctx.cut, ctx.squeeze, ctx.amount, ctx.thousands = report.cut, report.squeeze, report.amount,
    report.thousands

  -- Blocks ----------------------------------------------------------------------

  local blocks = output.blocks
  function ctx.title(text) output.title = text end
  function ctx.heading(text, level) blocks[#blocks + 1] = { kind = "heading", text = text, level = level or 2 } end
  function ctx.text(text) blocks[#blocks + 1] = { kind = "text", text = text } end
  -- A note: shown like text, and listed in the JSON output's "notes".
  function ctx.note(text)
    blocks[#blocks + 1] = { kind = "note", text = text }
    output.notes[#output.notes + 1] = text
  end
  -- Label/value pairs: a list of {label, value} (value a string, number or list).
  function ctx.fields(list) blocks[#blocks + 1] = { kind = "fields", fields = list } end
  -- A table: {name, title, columns, rows, primary, display}. A column is a
  -- key or {key, label, format = "amount"|"int"|"number"|function, align,
  -- detail} (detail = true: in csv and json only).
  -- rows are tables keyed by column key; a cell is a string, a number, a
  -- list of strings, or a marked text (ctx.mark). The primary table (the
  -- first when none is marked) is what --format csv writes; display = false
  -- keeps a table out of md and html (for csv and json only).
  function ctx.table(t)
    assert(type(t) == "table" and type(t.columns) == "table" and type(t.rows) == "table",
           "ctx.table needs {columns = {...}, rows = {...}}")
    local columns = {}
    for i, c in ipairs(t.columns) do
      if type(c) == "string" then c = { key = c } end
      columns[i] = { key = c.key, label = c.label or c.key, format = c.format, align = c.align, detail = c.detail }
    end
    blocks[#blocks + 1] = { kind = "table", name = t.name or ("table" .. (#blocks + 1)), title = t.title,
                            columns = columns, rows = t.rows, primary = t.primary,
                            display = t.display ~= false, empty = t.empty }
  end
  -- A chart for --format html: {kind = "timeline" | "heatmap" | "network" | "bars", title, ...}.
  function ctx.chart(c)
    assert(type(c) == "table" and type(c.kind) == "string", "ctx.chart needs {kind = ...}")
    c.block = "chart"
    blocks[#blocks + 1] = { kind = "chart", chart = c }
  end

  return ctx, output
end

return report
