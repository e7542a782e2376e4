-- brief.lua: one short brief per document: what it is (title, date,
-- source) and what the rules found in it (countries, organisations,
-- people, technology fields, money, quotes by speaker).

local brief = {
  description = "per document: title, date, source, countries, orgs, people, tech, money, quotes by speaker",
  filters = { "doc", "since", "until", "country" },
  options = { type = "list" },
  option_help = { type = "T: only these annotation types (country, org, person, tech, money, quote; repeatable)" },
}

local SECTIONS = {
  { type = "country", label = "countries" },
  { type = "org", label = "organisations" },
  { type = "person", label = "people" },
  { type = "tech", label = "tech fields" },
  { type = "money", label = "money" },
  { type = "quote", label = "quotes" },
}

-- "China (3), Russia (2)": the entities of a type in a document, most
-- mentioned first; and the same as a list of labels for csv/json.
local function entity_list(ctx, doc, type_)
  local counts, order = {}, {}
  for _, a in ipairs(ctx.annotations(doc, type_)) do
    local _, label = ctx.entity(a)
    if not counts[label] then order[#order + 1] = label end
    counts[label] = (counts[label] or 0) + 1
  end
  table.sort(order, function(a, b)
    if counts[a] ~= counts[b] then return counts[a] > counts[b] end
    return a < b
  end)
  local shown = {}
  for i, label in ipairs(order) do shown[i] = counts[label] > 1 and (label .. " (" .. counts[label] .. ")") or label end
  return table.concat(shown, ", "), order
end

local function money_list(ctx, doc)
  local shown, raw = {}, {}
  for _, a in ipairs(ctx.annotations(doc, "money")) do
    local v = type(a.value) == "table" and a.value or {}
    local text = (v.currency or "?") .. " " .. ctx.amount(v.amount)
    local usd = ctx.usd(v.amount, v.currency, doc.published)
    if usd and v.currency ~= "USD" then text = text .. " (≈ USD " .. ctx.amount(usd) .. ")" end
    shown[#shown + 1] = text
    raw[#raw + 1] = (v.currency or "?") .. " " .. string.format("%.0f", v.amount or 0)
  end
  return table.concat(shown, "; "), raw
end

-- Quotes grouped by speaker, in order of first appearance.
local function quotes_by_speaker(ctx, doc)
  local groups, order = {}, {}
  for _, a in ipairs(ctx.annotations(doc, "quote")) do
    local speaker = type(a.value) == "table" and a.value.speaker or nil
    speaker = speaker or "(unattributed)"
    if not groups[speaker] then groups[speaker] = {}; order[#order + 1] = speaker end
    table.insert(groups[speaker], ctx.squeeze(a.text or ""))
  end
  return groups, order
end

function brief.run(ctx)
  ctx.title("Briefs: one per document")
  local wanted, known = {}, {}
  for _, s in ipairs(SECTIONS) do known[s.type] = true end
  for _, t in ipairs(ctx.options.type or {}) do
    if not known[t:lower()] then
      local names = {}
      for _, s in ipairs(SECTIONS) do names[#names + 1] = s.type end
      ctx.usage("brief shows the types " .. table.concat(names, ", ") .. ", not " .. t)
    end
    wanted[t:lower()] = true
  end
  local sections = {}
  for _, s in ipairs(SECTIONS) do
    if not ctx.options.type or wanted[s.type] then sections[#sections + 1] = s end
  end
  local missing = {}
  for _, s in ipairs(sections) do if not ctx.has(s.type) then missing[#missing + 1] = s.type end end
  if #missing > 0 then
    ctx.note("No " .. table.concat(missing, ", ") .. " annotations in the database yet (the rules that make " ..
             "them have not run or do not exist yet): those lines say “not extracted”.")
  end
  local rows = {}
  local documents = ctx.documents()
  if #documents == 0 then ctx.text("No documents match.") end
  for _, doc in ipairs(documents) do
    ctx.heading(doc.title or doc.name, 2)
    local fields = {
      { "document", doc.name .. " (id " .. doc.id .. ")" },
      { "date", doc.published or "unknown" },
      { "source", doc.source or "" },
    }
    local row = { id = doc.id, name = doc.name, title = doc.title, published = doc.published, source = doc.source }
    local quote_groups, quote_order
    for _, s in ipairs(sections) do
      local shown, raw
      if s.type == "money" then
        shown, raw = money_list(ctx, doc)
      elseif s.type == "quote" then
        quote_groups, quote_order = quotes_by_speaker(ctx, doc)
        local parts = {}
        raw = {}
        for _, speaker in ipairs(quote_order) do
          parts[#parts + 1] = speaker .. " (" .. #quote_groups[speaker] .. ")"
          for _, q in ipairs(quote_groups[speaker]) do raw[#raw + 1] = speaker .. ": " .. q end
        end
        shown = table.concat(parts, ", ")
      else
        shown, raw = entity_list(ctx, doc, s.type)
      end
      if not ctx.has(s.type) then shown = "not extracted" elseif shown == "" then shown = "none" end
      fields[#fields + 1] = { s.label, shown }
      row[s.type] = raw
    end
    ctx.fields(fields)
    if quote_order and #quote_order > 0 then
      local quote_rows = {}
      for _, speaker in ipairs(quote_order) do
        for _, q in ipairs(quote_groups[speaker]) do
          quote_rows[#quote_rows + 1] = { speaker = speaker, quote = "“" .. q .. "”" }
        end
      end
      ctx.table { name = "quotes_" .. doc.id, columns = { "speaker", "quote" }, rows = quote_rows }
    end
    rows[#rows + 1] = row
  end
  local columns = { "id", "name", "title", "published", "source" }
  for _, s in ipairs(sections) do columns[#columns + 1] = { key = s.type, label = s.label } end
  ctx.table { name = "documents", primary = true, display = false, columns = columns, rows = rows }
end

return brief
