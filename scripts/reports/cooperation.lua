-- cooperation.lua: which countries and organisations are said to cooperate,
-- on which technology fields, how often, and the sentences that say so.
--
-- The findings are the relation rule's cooperation relations (annotations
-- of type relation whose value is {kind = "cooperation", parties, fields};
-- rules/relation.lua, GUIDELINES "relation"): the report reads them and
-- finds nothing itself. Every pair of a finding's parties counts once per
-- technology field it names ("(unspecified)" when it names none).

local cooperation = {
  description = "country/organisation pairs said to cooperate, by technology field, with counts and evidence",
  filters = { "doc", "since", "until", "country" },
  options = { field = "list" },
  option_help = {
    field = "F: only this technology field id (ai, 5g, quantum, ...; any letter case; repeatable)",
  },
}

-- The findings: {doc, sentence, parties, fields, start} for each
-- cooperation relation whose parties are two different ones.
local function findings_of(ctx, documents)
  local findings = {}
  for _, doc in ipairs(documents) do
    for _, a in ipairs(ctx.annotations(doc, "relation")) do
      local v = a.value
      if type(v) == "table" and v.kind == "cooperation" then
        local parties, seen = {}, {}
        for _, p in ipairs(v.parties or {}) do
          local party = ctx.party(p.iso and { type = "country", value = { iso = p.iso } }
                                  or { type = "org", value = { name = p.org } })
          if party and not seen[party.key] then seen[party.key] = true; parties[#parties + 1] = party end
        end
        if #parties >= 2 then
          findings[#findings + 1] = { doc = doc, sentence = ctx.squeeze(a.text or ""), parties = parties,
                                      fields = v.fields or {}, start = a.start }
        end
      end
    end
  end
  return findings
end

-- Pairs by field: {pairs = {{a, b, field, count, documents, evidence}},
-- network = {nodes, edges}, findings}. Filters: --country (pairs that
-- involve it) and --field (fields).
function cooperation.collect(ctx, documents)
  local findings = findings_of(ctx, documents)
  local want_field
  if ctx.options.field then
    -- field ids are lower case ("AI" is ai); one the guidelines do not
    -- know is a usage error that names the ones they do
    local known = {}
    for _, id in ipairs(ctx.tech_fields()) do known[id] = true end
    want_field = {}
    for _, f in ipairs(ctx.options.field) do
      local id = f:lower()
      if not known[id] then
        ctx.usage("unknown --field " .. f .. " (the fields: " .. table.concat(ctx.tech_fields(), ", ") .. ")")
      end
      want_field[id] = true
    end
  end
  local country = ctx.options.country and ("country:" .. ctx.options.country)
  local by_key, pairs_list = {}, {}
  local node_by_key, nodes, edge_by_key, edges = {}, {}, {}, {}
  for _, f in ipairs(findings) do
    local fields = #f.fields > 0 and f.fields or { false }
    local sorted = {}
    for i, p in ipairs(f.parties) do sorted[i] = p end
    table.sort(sorted, function(x, y) return x.key < y.key end)
    for i = 1, #sorted do
      for j = i + 1, #sorted do
        local a, b = sorted[i], sorted[j]
        if not country or a.key == country or b.key == country then
          local counted = false
          for _, field in ipairs(fields) do
            if not want_field or (field and want_field[field]) then
              counted = true
              local key = a.key .. "|" .. b.key .. "|" .. tostring(field)
              local pair = by_key[key]
              if not pair then
                pair = { a = a, b = b, field = field or nil, count = 0, docs = {}, documents = 0, evidence = {} }
                by_key[key] = pair
                pairs_list[#pairs_list + 1] = pair
              end
              pair.count = pair.count + 1
              if not pair.docs[f.doc.id] then pair.docs[f.doc.id] = true; pair.documents = pair.documents + 1 end
              pair.evidence[#pair.evidence + 1] = f
            end
          end
          if counted then
            for _, p in ipairs({ a, b }) do
              local node = node_by_key[p.key]
              if not node then
                node = { id = p.key, label = p.label, kind = p.kind, weight = 0 }
                node_by_key[p.key] = node
                nodes[#nodes + 1] = node
              end
              node.weight = node.weight + 1
            end
            local ekey = a.key .. "|" .. b.key
            local edge = edge_by_key[ekey]
            if not edge then
              edge = { source = a.key, target = b.key, weight = 0, fields = {}, field_order = {} }
              edge_by_key[ekey] = edge
              edges[#edges + 1] = edge
            end
            edge.weight = edge.weight + 1
            for _, field in ipairs(fields) do
              local label = ctx.tech_label(field or nil)
              if field and not edge.fields[label] then
                edge.fields[label] = true
                edge.field_order[#edge.field_order + 1] = label
              end
            end
          end
        end
      end
    end
  end
  table.sort(pairs_list, function(x, y)
    if x.count ~= y.count then return x.count > y.count end
    if x.a.label ~= y.a.label then return x.a.label < y.a.label end
    if x.b.label ~= y.b.label then return x.b.label < y.b.label end
    return tostring(x.field) < tostring(y.field)
  end)
  for _, edge in ipairs(edges) do
    local a, b = node_by_key[edge.source], node_by_key[edge.target]
    edge.title = string.format("%s – %s: %d sentence%s%s", a.label, b.label, edge.weight,
                               edge.weight == 1 and "" or "s",
                               #edge.field_order > 0 and ("; " .. table.concat(edge.field_order, ", ")) or "")
  end
  for _, node in ipairs(nodes) do
    node.tooltip = string.format("%s (%s): in %d pair finding%s", node.label, node.kind, node.weight,
                                 node.weight == 1 and "" or "s")
  end
  return { pairs = pairs_list, findings = findings, network = { nodes = nodes, edges = edges } }
end

-- The network chart of a collect() result.
function cooperation.chart(result, title)
  return { kind = "network", title = title or "Cooperation network",
           caption = "nodes: countries and organisations; lines: sentences that say they cooperate",
           nodes = result.network.nodes, edges = result.network.edges }
end

function cooperation.run(ctx)
  ctx.title("Cooperation: who works with whom, on what")
  local documents = ctx.documents()
  local result = cooperation.collect(ctx, documents)
  ctx.text("From the relation rule's cooperation findings.")
  if not ctx.has("relation") then
    ctx.note("No relation annotations in the database yet (the relation rule has not run), so there are no pairs.")
  end
  ctx.chart(cooperation.chart(result))
  local rows, evidence_rows = {}, {}
  for _, pair in ipairs(result.pairs) do
    local first = pair.evidence[1]
    rows[#rows + 1] = {
      a = pair.a.label, a_key = pair.a.key, b = pair.b.label, b_key = pair.b.key,
      field = pair.field and ctx.tech_label(pair.field) or "(unspecified)", field_id = pair.field,
      sentences = pair.count, documents = pair.documents,
      document = first.doc.name, evidence = first.sentence,
    }
    for _, f in ipairs(pair.evidence) do
      evidence_rows[#evidence_rows + 1] = { a = pair.a.label, b = pair.b.label,
        field = pair.field and ctx.tech_label(pair.field) or "(unspecified)", document = f.doc.name,
        published = f.doc.published, sentence = f.sentence }
    end
  end
  ctx.table {
    name = "pairs", title = "Pairs by technology field", primary = true,
    columns = { { key = "a", label = "party" }, { key = "b", label = "party" }, "field",
                { key = "sentences", format = "int" }, { key = "documents", format = "int" },
                { key = "a_key", detail = true }, { key = "b_key", detail = true },
                { key = "field_id", detail = true }, { key = "document", label = "first evidence in" },
                { key = "evidence", label = "evidence (first sentence)" } },
    rows = rows, empty = "No pairs found.",
  }
  ctx.table {
    name = "evidence", title = "Evidence",
    columns = { { key = "a", label = "party" }, { key = "b", label = "party" }, "field", "document", "published",
                "sentence" },
    rows = evidence_rows, empty = "No evidence.",
  }
end

return cooperation
