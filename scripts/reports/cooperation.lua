-- cooperation.lua: which countries and organisations are said to cooperate,
-- on which technology fields, how often, and the sentences that say so.
--
-- The findings come from the relation rule's cooperation relations when the
-- database has them (--source relations), else they are worked out here
-- (--source sentences): a sentence that names two or more different
-- countries or organisations and holds a cooperation cue word (cooperate,
-- cooperation, partnership, joint, agreement, alliance, collaborate,
-- collaboration, pact, deal). Every pair of its parties counts once per
-- technology field the sentence names ("(unspecified)" when it names none).

local cooperation = {
  description = "country/organisation pairs said to cooperate, by technology field, with counts and evidence",
  filters = { "doc", "since", "until", "country" },
  options = { source = "value", field = "list" },
  option_help = {
    source = "S: auto (default: relations when the relation rule ran, else sentences), relations or sentences",
    field = "F: only this technology field id (ai, 5g, quantum, ...; any letter case; repeatable)",
  },
}

-- Lua patterns of the cue words (lower case): stems and whole words.
local CUES = {
  "%f[%a]cooperat", "%f[%a]co%-operat", "%f[%a]collaborat", "%f[%a]partnerships?%f[%A]",
  "%f[%a]joint%f[%A]", "%f[%a]agreements?%f[%A]", "%f[%a]alliances?%f[%A]", "%f[%a]pacts?%f[%A]",
  "%f[%a]deals?%f[%A]",
}

-- The first cue word in a sentence, or nil.
function cooperation.cue(sentence)
  local lower, best, word = sentence:lower(), nil, nil
  for _, pattern in ipairs(CUES) do
    local at = lower:find(pattern)
    if at and (not best or at < best) then best, word = at, lower:match("^[%a%-]+", at) end
  end
  return word
end

-- Findings from sentences: {doc, sentence, parties, fields, cue, start}.
local function from_sentences(ctx, documents)
  local findings = {}
  for _, doc in ipairs(documents) do
    local sentences = ctx.sentences(doc)
    local parties, fields = {}, {}
    for _, t in ipairs({ "country", "org" }) do
      for _, a in ipairs(ctx.annotations(doc, t)) do
        local p = ctx.party(a)
        local i = p and ctx.sentence_at(sentences, a.start)
        if i then
          parties[i] = parties[i] or { list = {}, seen = {} }
          if not parties[i].seen[p.key] then
            parties[i].seen[p.key] = true
            table.insert(parties[i].list, p)
          end
        end
      end
    end
    for _, a in ipairs(ctx.annotations(doc, "tech")) do
      local field = a.value and a.value.field
      local i = field and ctx.sentence_at(sentences, a.start)
      if i then
        fields[i] = fields[i] or { list = {}, seen = {} }
        if not fields[i].seen[field] then fields[i].seen[field] = true; table.insert(fields[i].list, field) end
      end
    end
    local indexes = {}
    for i in pairs(parties) do indexes[#indexes + 1] = i end
    table.sort(indexes)
    for _, i in ipairs(indexes) do
      if #parties[i].list >= 2 then
        local s = sentences[i]
        local text = ctx.squeeze(doc.text:sub(s.start + 1, s.stop))
        local cue = cooperation.cue(text)
        if cue then
          findings[#findings + 1] = { doc = doc, sentence = text, parties = parties[i].list,
                                      fields = fields[i] and fields[i].list or {}, cue = cue, start = s.start }
        end
      end
    end
  end
  return findings
end

-- Findings from the relation rule's cooperation relations.
local function from_relations(ctx, documents)
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
                                      fields = v.fields or {}, cue = v.cue, start = a.start }
        end
      end
    end
  end
  return findings
end

-- Whether any selected document has cooperation relations.
local function has_relations(ctx, documents)
  if not ctx.has("relation") then return false end
  for _, doc in ipairs(documents) do
    for _, a in ipairs(ctx.annotations(doc, "relation")) do
      if type(a.value) == "table" and a.value.kind == "cooperation" then return true end
    end
  end
  return false
end

-- Pairs by field: {pairs = {{a, b, field, count, documents, evidence}},
-- network = {nodes, edges}, findings, source}. Filters: --country (pairs
-- that involve it) and --field (fields).
function cooperation.collect(ctx, documents, source)
  source = source or ctx.options.source or "auto"
  if source == "auto" then source = has_relations(ctx, documents) and "relations" or "sentences" end
  if source ~= "relations" and source ~= "sentences" then
    ctx.usage("--source takes auto, relations or sentences, not " .. tostring(source))
  end
  local findings = source == "relations" and from_relations(ctx, documents) or from_sentences(ctx, documents)
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
  return { pairs = pairs_list, findings = findings, source = source, network = { nodes = nodes, edges = edges } }
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
  if result.source == "relations" then
    ctx.text("From the relation rule's cooperation findings (--source sentences works them out from sentences instead).")
  else
    ctx.text("From sentences that name two or more countries or organisations and a cooperation cue word " ..
             "(cooperate, partnership, joint, agreement, alliance, collaborate, pact, deal).")
    local missing = {}
    for _, t in ipairs({ "country", "org", "tech" }) do if not ctx.has(t) then missing[#missing + 1] = t end end
    if #missing > 0 then
      ctx.note("No " .. table.concat(missing, ", ") .. " annotations in the database yet (the rules that make " ..
               "them have not run or do not exist yet), so pairs can only come from what is there.")
    end
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
        published = f.doc.published, cue = f.cue, sentence = f.sentence }
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
                "cue", "sentence" },
    rows = evidence_rows, empty = "No evidence.",
  }
end

return cooperation
