-- relation.lua: who cooperates with whom on what, who signed what with
-- whom and when, who funds what. One annotation of type "relation" per
-- finding; its span is the evidence sentence and its value says:
--
--   cooperation: {kind = "cooperation", parties = {...}, fields = {"ai", ...}, cue = "partnership"}
--   agreement:   {kind = "agreement", signatories = {...}, date = "2014-10", subject = "..."}
--   funding:     {kind = "funding", amount = 2e9, currency = "USD", funder = party,
--                 recipient = party, purpose = "..."}
--   equivalent:  {kind = "equivalent", amount = 8e10, currency = "EUR",
--                 equivalent = {amount = 9.1e10, currency = "USD"}}: a sum and
--                 the conversion the text gives for it in brackets, "€80
--                 billion (US$91 billion)", "1.2 trillion won (about $900
--                 million)"; its span runs from the sum to the closing bracket
--
-- A party is {type = "country", iso = "CN", text = "China"} or {type = "org",
-- name = "Huawei", text = "Huawei"}. The rule reads the countries, orgs,
-- tech fields, money and dates the other rules found, sentence by sentence.

local textmodel = require "quarry.textmodel"

-- Sentences of a text as {start, stop} (0-based, stop exclusive), from
-- the document's text model (one splitter for every rule and report).
local function sentences(text)
  local list = {}
  for _, start, stop in textmodel.of(text):sentences() do
    list[#list + 1] = { start = start, stop = stop }
  end
  return list
end

local COOPERATION = { "cooperat", "co-operat", "partnership", "partner", "joint", "alliance",
                      "collaborat", "agreement", "memorand", "pact", "together with" }
local AGREEMENT = { "signed", "sign ", "signing", "agreement", "memorandum", "treaty", "accord",
                    "deal" }
local FUNDING = { "invest", "fund", "financ", "loan", "lend", "grant", "pledg", "allocat",
                  "spend", "spent", "raise", "raising", "subsid", "backed", "to support" }

local function find_cue(sentence, cues)
  local lower = sentence:lower()
  local best
  for _, cue in ipairs(cues) do
    local at = lower:find(cue, 1, true)
    if at and (not best or at < best.at) then best = { at = at, cue = cue } end
  end
  return best
end

-- The whole word a cue stands in ("cooperat" → "cooperation").
local function cue_word(sentence, at)
  local first = at
  while first > 1 and sentence:sub(first - 1, first - 1):match("[%a%-]") do first = first - 1 end
  return sentence:match("^[%a%-]+", first)
end

local function party(a)
  if a.type == "country" then
    return { type = "country", iso = a.value and a.value.iso, text = a.text }
  end
  return { type = "org", name = a.value and a.value.name or a.text, text = a.text }
end

local function party_key(p)
  return p.type .. ":" .. (p.iso or p.name or p.text)
end

-- Walks annotations sorted by start along sentences in order: each call
-- returns the ones inside the next sentence asked for.
local function walker(list)
  local i = 1
  return function(s)
    while list[i] and list[i].start < s.start do i = i + 1 end
    local inside = {}
    local j = i
    while list[j] and list[j].start < s.stop do
      if list[j]["end"] <= s.stop then inside[#inside + 1] = list[j] end
      j = j + 1
    end
    return inside
  end
end

local function merged(a, b)
  local list = {}
  for _, x in ipairs(a) do list[#list + 1] = x end
  for _, x in ipairs(b) do list[#list + 1] = x end
  table.sort(list, function(x, y) return x.start < y.start end)
  return list
end

local function distinct_parties(annotations)
  local parties, seen = {}, {}
  for _, a in ipairs(annotations) do
    local p = party(a)
    local key = party_key(p)
    if not seen[key] then
      seen[key] = true
      parties[#parties + 1] = p
    end
  end
  return parties
end

-- The words after a cue word such as "to" or "for", up to the end of the
-- sentence (at most 120 bytes), as the subject or purpose.
local function clause_after(sentence, from, words)
  for _, w in ipairs(words) do
    local at = sentence:find("%f[%a]" .. w .. "%f[%A]", from)
    if at then
      local rest = sentence:sub(at + #w + 1):gsub("[%.%s]+$", "")
      if #rest > 120 then rest = rest:sub(1, 120):gsub("[\128-\191]*$", ""):gsub("%s%S*$", "") .. "…" end
      if #rest > 0 then return rest end
    end
  end
  return nil
end

-- Words that may stand between the bracket and a stated conversion.
local APPROXIMATELY = {
  about = true, around = true, roughly = true, approximately = true, some = true,
  nearly = true, almost = true, ["or"] = true, ["i.e."] = true, ["c."] = true, ["ca."] = true,
  ["equivalent to"] = true, ["worth"] = true, ["or about"] = true, ["or around"] = true,
  ["or roughly"] = true, ["or some"] = true,
}

-- A sum followed by its conversion in brackets: “€80 billion (US$91
-- billion)”. Each sum of money whose next one starts right inside a
-- bracket after it and is followed by the closing bracket.
local function equivalents(text, money, emit)
  for k = 1, #money - 1 do
    local a, b = money[k], money[k + 1]
    local between = text:sub(a["end"] + 1, b.start)
    local words = between:match("^%s*[%(%[]%s*(.-)%s*$")
    local after = text:match("^%s*[%)%]]", b["end"] + 1)
    if words and after and (words == "" or APPROXIMATELY[words:lower()])
       and a.value and b.value and a.value.currency ~= b.value.currency then
      emit(a.start, b["end"] + #after, { kind = "equivalent",
        amount = a.value.amount, currency = a.value.currency,
        equivalent = { amount = b.value.amount, currency = b.value.currency } }, "relation")
    end
  end
end

local function relations(doc, found, emit)
  local text = doc.text
  local all_actors, all_money = merged(found("country"), found("org")), found("money")
  equivalents(text, all_money, emit)
  if #all_actors < 2 and #all_money == 0 then return end
  local next_actors, next_money = walker(all_actors), walker(all_money)
  local next_tech, next_dates = walker(found("tech")), walker(found("date"))
  for _, s in ipairs(sentences(text)) do
    local actors, money = next_actors(s), next_money(s)
    local tech, dates = next_tech(s), next_dates(s)
    if #actors >= 2 or #money > 0 then
      local sentence = text:sub(s.start + 1, s.stop)
      local parties = distinct_parties(actors)
      local fields, seen = {}, {}
      for _, t in ipairs(tech) do
        local id = t.value and t.value.field
        if id and not seen[id] then seen[id] = true; fields[#fields + 1] = id end
      end
      local cooperation = #parties >= 2 and find_cue(sentence, COOPERATION)
      if cooperation then
        emit(s.start, s.stop, { kind = "cooperation", parties = parties,
          fields = #fields > 0 and fields or nil, cue = cue_word(sentence, cooperation.at) }, "relation")
      end
      local agreement = #parties >= 2 and find_cue(sentence, AGREEMENT)
      if agreement and sentence:lower():find("sign", 1, true) then
        emit(s.start, s.stop, { kind = "agreement", signatories = parties,
          date = dates[1] and dates[1].value and dates[1].value.edtf,
          subject = clause_after(sentence, agreement.at, { "to", "on", "for" }) }, "relation")
      end
      local funding = #money > 0 and find_cue(sentence, FUNDING)
      if funding then
        local cue_at = s.start + funding.at - 1
        local funder, recipient
        for _, a in ipairs(actors) do
          if a["end"] <= cue_at then funder = a elseif not recipient then recipient = a end
        end
        local m = money[1]
        emit(s.start, s.stop, { kind = "funding",
          amount = m.value and m.value.amount, currency = m.value and m.value.currency,
          funder = funder and party(funder), recipient = recipient and party(recipient),
          purpose = clause_after(sentence, m["end"] - s.start, { "to", "for", "in" }) }, "relation")
      end
    end
  end
end

return {
  name = "relation",
  type = "relation",
  description = "cooperation, agreements and funding, from sentences with their cues",
  needs = { "country", "org", "tech", "money", "date" },
  order = 10,
  overlap = "keep", -- a sentence may hold a cooperation, an agreement and a funding at once
  apply = relations,
  sentences = sentences, -- for tests
  examples = {
    { text = "Russia and China agreed to deepen cooperation in artificial intelligence.",
      find = { { "Russia and China agreed to deepen cooperation in artificial intelligence." } } },
    { text = "The European Union will invest $2 billion in Kenya to build data centres.",
      find = { { "The European Union will invest $2 billion in Kenya to build data centres." } } },
    { text = "Reserves stood at €80 billion (about US$91 billion) in May.",
      find = { { "€80 billion (about US$91 billion)", { kind = "equivalent", amount = 8e10,
                 currency = "EUR", equivalent = { amount = 9.1e10, currency = "USD" } } } } },
  },
  counterexamples = {
    "China grew fast. Russia did not.",
  },
}
