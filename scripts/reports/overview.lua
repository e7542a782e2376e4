-- overview.lua: the corpus at a glance, with the three charts: dated
-- statements over time, technology fields per country, and the cooperation
-- network. Best as --format html.

local overview = {
  description = "the corpus at a glance: counts, the timeline, tech fields per country, the cooperation network",
  filters = { "doc", "since", "until", "country" },
}

function overview.run(ctx)
  ctx.title("Overview")
  local documents = ctx.documents()
  local timeline, entities, cooperation = ctx.use("timeline"), ctx.use("entities"), ctx.use("cooperation")

  -- what is there
  local counts, ids = {}, {}
  for _, doc in ipairs(documents) do
    ids[doc.id] = true
    for _, a in ipairs(ctx.annotations(doc)) do
      local c = counts[a.type]
      if not c then c = { type = a.type, annotations = 0, docs = {}, documents = 0 }; counts[a.type] = c end
      c.annotations = c.annotations + 1
      if not c.docs[doc.id] then c.docs[doc.id] = true; c.documents = c.documents + 1 end
    end
  end
  local rows = {}
  for _, c in pairs(counts) do rows[#rows + 1] = { type = c.type, annotations = c.annotations, documents = c.documents } end
  table.sort(rows, function(a, b)
    if a.annotations ~= b.annotations then return a.annotations > b.annotations end
    return a.type < b.type
  end)
  local first, last
  for _, doc in ipairs(documents) do
    local p = ctx.edtf(doc.published)
    if p then
      if not first or p.first < first then first = p.first end
      if not last or p.first > last then last = p.first end
    end
  end
  ctx.fields {
    { "documents", #documents },
    { "published", first and (first .. " to " .. last) or "unknown" },
    { "annotation types", #rows },
  }

  local items = timeline.collect(ctx, documents)
  ctx.chart(timeline.chart(ctx, items, "Dated statements by document"))
  local matrix = entities.tech_by_country(ctx, documents, 12, 10)
  ctx.chart { kind = "heatmap", title = "Technology fields per country", unit = "sentences",
              caption = "sentences naming both", rows = matrix.rows, columns = matrix.columns,
              values = matrix.values }
  local result = cooperation.collect(ctx, documents)
  ctx.chart(cooperation.chart(result))
  if not ctx.has("country") or not ctx.has("tech") then
    ctx.note("Some charts need country, org and tech annotations, which the database does not have yet.")
  end

  ctx.table { name = "annotations", title = "Annotations by type", primary = true,
              columns = { "type", { key = "annotations", format = "int" }, { key = "documents", format = "int" } },
              rows = rows, empty = "No annotations yet: run quarry extract." }
  local top = {}
  for i, pair in ipairs(result.pairs) do
    if i > 10 then break end
    top[#top + 1] = { a = pair.a.label, b = pair.b.label,
                      field = pair.field and ctx.tech_label(pair.field) or "(unspecified)",
                      sentences = pair.count, documents = pair.documents }
  end
  ctx.table { name = "pairs", title = "Most cited cooperation pairs (quarry report cooperation has them all)",
              columns = { { key = "a", label = "party" }, { key = "b", label = "party" }, "field",
                          { key = "sentences", format = "int" }, { key = "documents", format = "int" } },
              rows = top, empty = "No pairs found." }
end

return overview
