-- timeline.lua: every dated statement in the documents, in EDTF order.
--
-- A "dated statement" is a sentence that holds a date annotation (rules/
-- date.lua): "the programme ran from 2020 to 2021" is placed at 2020/2021.
-- --since/--until keep the statements whose date overlaps the period (not
-- the documents published in it), so `--since 2030` finds the targets set
-- for 2030 and later.

local timeline = {
  description = "every dated statement in EDTF order, with its sentence and document",
  filters = { "doc", "since", "until", "country" },
}

-- The dated statements of a list of documents within --since/--until, in
-- EDTF order (documents and positions break ties): a list of {doc, edtf,
-- first, last, text, annotation}.
function timeline.collect(ctx, documents)
  local items = {}
  for _, doc in ipairs(documents) do
    for _, a in ipairs(ctx.annotations(doc, "date")) do
      local parsed = ctx.edtf(a.value and a.value.edtf)
      if parsed and ctx.in_period(parsed) then
        items[#items + 1] = { doc = doc, edtf = parsed.edtf, first = parsed.first, last = parsed.last,
                              text = a.text, annotation = a }
      end
    end
  end
  table.sort(items, function(a, b)
    if ctx.edtf_before(a, b) then return true end
    if ctx.edtf_before(b, a) then return false end
    if a.doc.id ~= b.doc.id then return a.doc.id < b.doc.id end
    return a.annotation.start < b.annotation.start
  end)
  return items
end

-- The chart of the statements: one lane per document (in order of
-- publication), the publication date marked.
function timeline.chart(ctx, items, title)
  local lanes, seen, chart_items = {}, {}, {}
  local docs = {}
  for _, item in ipairs(items) do
    if not seen[item.doc.id] then
      seen[item.doc.id] = true
      docs[#docs + 1] = item.doc
    end
  end
  table.sort(docs, function(a, b)
    local pa, pb = a.published or "", b.published or ""
    if pa ~= pb then return pa < pb end
    return a.id < b.id
  end)
  for _, doc in ipairs(docs) do
    local published = ctx.edtf(doc.published)
    lanes[#lanes + 1] = { key = "doc:" .. doc.id, label = doc.title or doc.name,
                          marker = published and published.first or nil }
  end
  for _, item in ipairs(items) do
    chart_items[#chart_items + 1] = {
      lane = "doc:" .. item.doc.id, first = item.first, last = item.last,
      label = item.edtf .. " (" .. item.text .. ")", note = (ctx.sentence(item.doc, item.annotation)),
    }
  end
  return { kind = "timeline", title = title or "Dated statements by document",
           caption = #lanes > 30 and "over 30 documents: statements per year they start in"
                     or "one row per document; dots: days and months; bars: longer periods; ▼ publication date",
           items = chart_items, lanes = lanes }
end

function timeline.run(ctx)
  ctx.title("Timeline of dated statements")
  if not ctx.has("date") then
    ctx.note("There are no date annotations in the database yet: run `quarry extract` (the date rule makes them).")
  end
  local items = timeline.collect(ctx, ctx.documents { by_date = false })
  ctx.chart(timeline.chart(ctx, items))
  local rows = {}
  for _, item in ipairs(items) do
    rows[#rows + 1] = {
      edtf = item.edtf, first = item.first, last = item.last, as_written = item.text,
      document = item.doc.name, published = item.doc.published,
      sentence = ctx.marked_sentence(item.doc, item.annotation),
    }
  end
  ctx.table {
    name = "timeline", primary = true,
    columns = { { key = "edtf", label = "date (EDTF)" }, { key = "as_written", label = "as written" },
                "document", "published", { key = "first", detail = true }, { key = "last", detail = true },
                "sentence" },
    rows = rows,
    empty = "No dated statements match.",
  }
end

return timeline
