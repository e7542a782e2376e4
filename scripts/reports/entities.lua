-- entities.lua: the countries, organisations, people and technology fields
-- the documents mention most, with mention and document counts; and which
-- technology fields are named in the same sentence as which country.

local entities = {
  description = "top entities by type (country, org, person, tech) with mention and document counts",
  filters = { "doc", "since", "until", "country" },
  options = { type = "list", top = "value" },
  option_help = {
    type = "T: only these types (country, org, person, tech; repeatable)",
    top = "N: the N most mentioned of each type (default 15)",
  },
}

local TYPES = { "country", "org", "person", "tech" }
local TITLES = { country = "Countries", org = "Organisations", person = "People", tech = "Technology fields" }

-- Tallies the entities of a type over documents: a list of {key, label,
-- mentions, documents, forms} sorted by mentions, then documents, then label.
function entities.tally(ctx, documents, type_)
  local by_key, list = {}, {}
  for _, doc in ipairs(documents) do
    for _, a in ipairs(ctx.annotations(doc, type_)) do
      local key, label = ctx.entity(a)
      local e = by_key[key]
      if not e then
        e = { key = key, label = label, mentions = 0, docs = {}, documents = 0, form_set = {}, forms = {} }
        by_key[key] = e
        list[#list + 1] = e
      end
      e.mentions = e.mentions + 1
      if not e.docs[doc.id] then e.docs[doc.id] = true; e.documents = e.documents + 1 end
      local form = ctx.squeeze(a.text or "")
      if not e.form_set[form] then e.form_set[form] = true; e.forms[#e.forms + 1] = form end
    end
  end
  table.sort(list, function(a, b)
    if a.mentions ~= b.mentions then return a.mentions > b.mentions end
    if a.documents ~= b.documents then return a.documents > b.documents end
    return a.label < b.label
  end)
  return list
end

-- Sentences naming both a country and a technology field, per country and
-- field: {rows = countries, columns = fields, values = {[iso] = {[field] = n}}}
-- with the busiest max_rows countries and max_columns fields.
function entities.tech_by_country(ctx, documents, max_rows, max_columns)
  local values, country_total, field_total = {}, {}, {}
  for _, doc in ipairs(documents) do
    local countries, fields = {}, {}
    local sentences = ctx.sentences(doc)
    local function by_sentence(type_, into, key_of)
      for _, a in ipairs(ctx.annotations(doc, type_)) do
        local key = key_of(a)
        local i = key and ctx.sentence_at(sentences, a.start)
        if i then
          into[i] = into[i] or {}
          into[i][key] = true
        end
      end
    end
    by_sentence("country", countries, function(a) return a.value and a.value.iso end)
    by_sentence("tech", fields, function(a) return a.value and a.value.field end)
    for i, isos in pairs(countries) do
      if fields[i] then
        for iso in pairs(isos) do
          for field in pairs(fields[i]) do
            values[iso] = values[iso] or {}
            values[iso][field] = (values[iso][field] or 0) + 1
            country_total[iso] = (country_total[iso] or 0) + 1
            field_total[field] = (field_total[field] or 0) + 1
          end
        end
      end
    end
  end
  local function top(totals, limit, label)
    local list = {}
    for key, n in pairs(totals) do list[#list + 1] = { key = key, total = n, label = label(key) } end
    table.sort(list, function(a, b)
      if a.total ~= b.total then return a.total > b.total end
      return a.label < b.label
    end)
    while #list > limit do list[#list] = nil end
    return list
  end
  return {
    rows = top(country_total, max_rows or 15, ctx.country_name),
    columns = top(field_total, max_columns or 12, ctx.tech_label),
    values = values,
  }
end

function entities.run(ctx)
  ctx.title("Entities: who and what the documents mention")
  local top = tonumber(ctx.options.top or "15")
  if not top or top < 1 then ctx.usage("--top needs a positive number") end
  local types = TYPES
  if ctx.options.type then
    types = {}
    for i, t in ipairs(ctx.options.type) do types[i] = t:lower() end -- types are lower-case ids
  end
  local documents = ctx.documents()
  local all_rows, missing = {}, {}
  for _, t in ipairs(types) do
    if not TITLES[t] then ctx.usage("entities knows the types country, org, person and tech, not " .. t) end
    if not ctx.has(t) then missing[#missing + 1] = t end
  end
  if #missing > 0 then
    ctx.note("No " .. table.concat(missing, ", ") .. " annotations in the database yet (the rules that make them " ..
             "have not run or do not exist yet); those sections are empty.")
  end
  for _, t in ipairs(types) do
    local list = entities.tally(ctx, documents, t)
    local rows = {}
    for i, e in ipairs(list) do
      local row = { type = t, key = e.key, entity = e.label, mentions = e.mentions, documents = e.documents,
                    forms = e.forms }
      all_rows[#all_rows + 1] = row
      if i <= top then rows[#rows + 1] = row end
    end
    ctx.table {
      name = t, title = TITLES[t] .. (#list > top and string.format(" (top %d of %d)", top, #list) or ""),
      columns = { "entity", { key = "mentions", format = "int" }, { key = "documents", format = "int" },
                  { key = "forms", label = "as written" } },
      rows = rows, empty = "None found.",
    }
  end
  ctx.table {
    name = "entities", primary = true, display = false,
    columns = { "type", "key", "entity", "mentions", "documents", "forms" }, rows = all_rows,
  }

  local matrix = entities.tech_by_country(ctx, documents)
  ctx.heading("Technology fields per country")
  ctx.text("Sentences that name both the country and the technology field.")
  ctx.chart { kind = "heatmap", title = "Technology fields per country", unit = "sentences",
              rows = matrix.rows, columns = matrix.columns, values = matrix.values }
  local columns, rows = { { key = "country", label = "country" } }, {}
  for _, c in ipairs(matrix.columns) do columns[#columns + 1] = { key = c.key, label = c.label, format = "int" } end
  for _, r in ipairs(matrix.rows) do
    local row = { country = r.label }
    for _, c in ipairs(matrix.columns) do row[c.key] = (matrix.values[r.key] or {})[c.key] end
    rows[#rows + 1] = row
  end
  ctx.table { name = "tech_by_country", columns = columns, rows = rows,
              empty = "No sentence names both a country and a technology field." }
end

return entities
