-- document.lua: each document as the rules read it: every standing
-- annotation in text order, with its type, value, rule and the sentence it
-- stands in (marked in html). The report form of `quarry show NAME
-- --format html`, for one document (--doc) or several, in every format.

local document = {
  description = "per document: every annotation in text order with its value, rule and sentence",
  filters = { "doc", "since", "until", "country" },
  options = { type = "list" },
  option_help = { type = "T: only these annotation types (repeatable)" },
}

-- The types shown, in a fixed order: the entity types, then the rest.
local ORDER = { "country", "org", "person", "tech", "money", "percent", "date", "quote",
                "relation", "role", "conversion", "published", "boilerplate" }

local function value_text(ctx, a)
  local v = a.value
  if type(v) ~= "table" then return "" end
  if a.type == "relation" then
    local parties = {}
    for i, p in ipairs(v.parties or {}) do parties[i] = p.iso or p.org or "?" end
    local text = (v.kind or "?") .. ": " .. table.concat(parties, " – ")
    if v.fields and #v.fields > 0 then text = text .. " [" .. table.concat(v.fields, ", ") .. "]" end
    return text
  end
  if a.type == "money" then return (v.currency or "?") .. " " .. ctx.amount(v.amount) end
  local _, label = ctx.entity(a)
  if a.type == "quote" then return v.speaker and ("speaker: " .. v.speaker) or "speaker: —" end
  return label or v.edtf or (v.value ~= nil and tostring(v.value)) or ""
end

function document.run(ctx)
  ctx.title("Documents as the rules read them")
  local wanted
  if ctx.options.type then
    wanted = {}
    for _, t in ipairs(ctx.options.type) do wanted[t:lower()] = true end
  end
  local all_rows = {}
  for _, doc in ipairs(ctx.documents()) do
    ctx.heading(doc.title or doc.name, 2)
    ctx.fields { { "document", doc.name }, { "published", doc.published or "—" },
                 { "source", doc.source or "—" } }
    local list = {}
    for _, t in ipairs(ORDER) do
      if not wanted or wanted[t] then
        for _, a in ipairs(ctx.annotations(doc, t)) do list[#list + 1] = a end
      end
    end
    table.sort(list, function(x, y)
      if x.start ~= y.start then return x.start < y.start end
      return x.type < y.type
    end)
    local rows = {}
    for _, a in ipairs(list) do
      local row = { document = doc.name, start = a.start, ["end"] = a["end"], type = a.type,
                    text = ctx.cut(ctx.squeeze(a.text or ""), 80), value = value_text(ctx, a),
                    rule = a.rule,
                    sentence = a.type ~= "boilerplate" and ctx.marked_sentence(doc, a) or "" }
      rows[#rows + 1] = row
      all_rows[#all_rows + 1] = row
    end
    ctx.table { name = "document_" .. doc.id,
                columns = { "start", "type", "text", "value", "rule", "sentence" },
                rows = rows, empty = "no annotations" }
  end
  ctx.table { name = "annotations", primary = true, display = false,
              columns = { "document", "start", "end", "type", "text", "value", "rule" },
              rows = all_rows }
end

return document
