-- quotes.lua: every direct quotation, grouped by who said it.

local quotes = {
  description = "direct quotations grouped by speaker, with their documents",
  filters = { "doc", "since", "until", "country" },
  options = { speaker = "list" },
  option_help = { speaker = "NAME: only quotes by this speaker (repeatable)" },
}

local UNATTRIBUTED = "(unattributed)"

function quotes.run(ctx)
  ctx.title("Quotes by speaker")
  if not ctx.has("quote") then
    ctx.note("There are no quote annotations in the database yet (the quote rule has not run or does not " ..
             "exist yet), so there is nothing to group.")
  end
  local wanted = ctx.options.speaker
  local function chosen(speaker)
    if not wanted then return true end
    for _, w in ipairs(wanted) do
      if speaker:lower():find(w:lower(), 1, true) then return true end
    end
    return false
  end
  local groups, order, rows = {}, {}, {}
  for _, doc in ipairs(ctx.documents()) do
    for _, a in ipairs(ctx.annotations(doc, "quote")) do
      local speaker = type(a.value) == "table" and a.value.speaker or nil
      speaker = speaker or UNATTRIBUTED
      if chosen(speaker) then
        local group = groups[speaker]
        if not group then
          group = { speaker = speaker, quotes = {}, docs = {}, documents = 0 }
          groups[speaker] = group
          order[#order + 1] = group
        end
        local row = { speaker = speaker, document = doc.name, published = doc.published,
                      quote = ctx.squeeze(a.text or ""), start = a.start, ["end"] = a["end"] }
        group.quotes[#group.quotes + 1] = row
        if not group.docs[doc.id] then group.docs[doc.id] = true; group.documents = group.documents + 1 end
        rows[#rows + 1] = row
      end
    end
  end
  -- most quoted first; the unattributed ones last
  table.sort(order, function(a, b)
    if (a.speaker == UNATTRIBUTED) ~= (b.speaker == UNATTRIBUTED) then return b.speaker == UNATTRIBUTED end
    if #a.quotes ~= #b.quotes then return #a.quotes > #b.quotes end
    return a.speaker < b.speaker
  end)
  local summary = {}
  for _, g in ipairs(order) do
    summary[#summary + 1] = { speaker = g.speaker, quotes = #g.quotes, documents = g.documents }
  end
  ctx.table { name = "speakers", title = "Speakers",
              columns = { "speaker", { key = "quotes", format = "int" }, { key = "documents", format = "int" } },
              rows = summary, empty = "No quotes match." }
  for _, g in ipairs(order) do
    ctx.heading(g.speaker, 2)
    local list = {}
    for _, q in ipairs(g.quotes) do
      list[#list + 1] = { document = q.document, published = q.published, quote = "“" .. q.quote .. "”" }
    end
    ctx.table { name = "quotes_of", columns = { "document", "published", "quote" }, rows = list }
  end
  ctx.table { name = "quotes", primary = true, display = false,
              columns = { "speaker", "document", "published", "start", "end", "quote" }, rows = rows }
end

return quotes
