-- org_context.lua: organisations the words around a name call one, when
-- the name itself has no org word and no list knows it:
--   a trade word before it: "telecoms giant Huawei", "news agency TASS",
--     "chipmaker SMIC", "Russian defense firm Russia Technologies";
--     "state-owned Galaxy Backbone", "the integrator Technoserv", "the
--     foundry X-FAB", "the telecom operator stc" (an operator only after a
--     trade: not "camera operator John Smith");
--   an apposition after it, also after its short name in parentheses:
--     "IC Insights, a semiconductor research company in the US", "Eastern
--     Communications, a subsidiary of ...", "MTS, Russia’s biggest mobile
--     carrier", "Acme is a Shanghai company developing ...", "European
--     Semiconductor Manufacturing Company (ESMC), a joint venture of ...";
--   a list after a plural trade word: "British firms such as IQE and Oxford
--     Instruments", "vendors including Acme, Beta and Gamma".
-- The span is the name alone (one to five capitalised words, two of them
-- may be joined by "&": "Rohde & Schwarz"). Countries ("the Asian giant
-- China"), policy makers and aircraft carriers are not taken. Value:
-- {name = the name as written}.

local lpeg = require "lpeg"
local text = require "lib.text"
local orgs = require "lib.orgs"

local P, S, R, V = lpeg.P, lpeg.S, lpeg.R, lpeg.V
local sp = text.space
local wc = text.word_char

-- Patterns used in several places are rules of the pattern's grammar,
-- called by name: written out, each use is a copy that LPeg compiles again
-- (a capitalised word, with its stop words, eighteen times).
local shared = { word = orgs.word }
local function share(rule_name, p)
  shared[rule_name] = p
  return V(rule_name)
end
local word = V"word"

-- the name: capitalised words, not going on in another one; "&" joins two
-- names into one company's ("Rohde & Schwarz", "Marks & Spencer")
local amp = sp * P"&" * sp
local name = share("name", word * ((amp + sp) * word) ^ -4 * -((amp + sp) * word))

-- Trade words that stand before a name.
local before_cues = { "company", "firm", "giant", "maker", "chipmaker", "carmaker", "automaker",
  "manufacturer", "supplier", "provider", "carrier", "conglomerate", "startup", "start-up",
  "agency", "broadcaster", "newspaper", "tabloid", "outlet", "lender", "bank", "insurer",
  "retailer", "consultancy", "think tank", "think-tank", "subsidiary", "affiliate",
  "regulator", "watchdog", "group", "shipbuilder", "airline", "chipmakers", "firms",
  "companies", "body", "daily", "state-owned", "state-run", "state-backed", "government-owned",
  "integrator", "foundry", "vendor", "operator" }
-- ("producer", "developer" and "rival" are people as often: "record
-- producer Terry Melcher"; "operator" is taken only after a trade, below.) They are looked for behind the name, so
-- that the rule is tried only where a capital stands, grouped by their
-- last letter: a few byte compares there instead of a try at every
-- lower-case word.
local by_last = {}
for _, cue_word in ipairs(before_cues) do
  local last = cue_word:sub(-1)
  by_last[last] = by_last[last] or {}
  table.insert(by_last[last], cue_word)
end
local lasts = {}
for last in pairs(by_last) do lasts[#lasts + 1] = last end
table.sort(lasts)
local cue_behind = P(false)
for _, last in ipairs(lasts) do
  local full = P(false)
  for _, cue_word in ipairs(by_last[last]) do
    full = full + lpeg.B((1 - text.alnum) * P(cue_word .. " "))
  end
  cue_behind = cue_behind + lpeg.B(P(last .. " ")) * full
end
cue_behind = lpeg.B(S(table.concat(lasts)) * P" ") * cue_behind -- (one test of the last letter first)
local before = cue_behind * text.span(name)

-- Words an apposition ends in.
local after_cues = { "company", "firm", "subsidiary", "unit", "division", "affiliate", "maker",
  "manufacturer", "supplier", "provider", "carrier", "conglomerate", "giant", "group",
  "startup", "start-up", "enterprise", "corporation", "agency", "institute", "think tank",
  "think-tank", "consultancy", "lender", "bank", "insurer", "retailer", "broadcaster",
  "newspaper", "outlet", "university", "organisation", "organization", "association",
  "body", "regulator", "watchdog", "chipmaker", "carmaker", "automaker", "foundation",
  "fund", "shipbuilder", "airline", "venture", "joint venture" }
-- (not "developer", "producer", "operator", "contractor", "manager",
-- "investor": "Rocky McGaugh, a developer of CAOS")
local cue = share("cue", orgs.words(after_cues))
-- words between the article and the trade word: not prepositions or verbs
local skip = orgs.words { "of", "for", "in", "at", "to", "with", "by", "from", "on", "and",
  "or", "who", "which", "that", "said", "says", "is", "was", "has", "had", "will", "would" }
local mid_word = share("mid_word", -skip * wc ^ 1 * ((text.apostrophe + text.hyphen + P".") * wc ^ 1) ^ 0)
local article = (P"a" + P"an" + P"the" + P"its" + P"their" + P"one of the") * text.word_end
              + orgs.cap_word * text.apostrophe * P"s" * text.word_end
-- what may follow the trade word: punctuation, or a word that goes on
-- describing the organisation ("of", "in", "based", "developing", "owned")
local follow_words = orgs.words { "of", "in", "at", "based", "that", "which", "with", "whose",
  "for", "from", "and", "to", "on", "behind", "under", "run", "led", "known", "listed", "set",
  "built", "spun", "held", "made", "owned" }
local verb_end = (P"ed" + P"ing") * text.word_end -- "owned", "developing"
local follow = share("follow", sp ^ 0 * (S",.;:)" + text.dash + text.newline + -1)
             + sp * (follow_words + (-verb_end * R"az") ^ 1 * verb_end))
-- the trade word, after at most six other words
local apposition = cue * #follow
for _ = 1, 6 do apposition = cue * #follow + mid_word * sp * apposition end
-- (a short name in parentheses may stand between: "... Company (ESMC), a
-- joint venture of ...")
local short = sp * P"(" * R"AZ" * (R("AZ", "az", "09") + S"&-") ^ 0 * P")"
-- (first a plain look along the capitalised words, at most five as in a
-- name, for the comma or "is" after them, as this is tried at every
-- capital: a word's bytes are
-- letters, digits, UTF-8, the marks inside words, and ’ and –, whose first
-- byte also starts a thin space)
local word_bytes = R("AZ", "az", "09", "\128\193", "\195\225", "\227\255") + S"-'&."
local cap_token = R"AZ" * (word_bytes ^ 1 + P"\226\128" * S"\147\153") ^ 0
local comma_or_is = P"," * sp + sp * (P"is" + P"was") * sp
local after = #(cap_token * ((sp * P"&") ^ -1 * sp * cap_token) ^ -4 * short ^ -1 * comma_or_is)
              * text.span(name) * short ^ -1 * comma_or_is
              * article * sp * apposition

-- A list after a plural trade word and "such as" or "including": each name
-- in it ("firms such as IQE, Acme and Oxford Instruments"). Looked for
-- behind the name (a Lua check on the text before it: the names before
-- this one, then the cue), so that it is tried only where a capital
-- stands; it returns only true or false (it runs inside the scanner's
-- predicate too).
local list_cues = orgs.set { "firms", "companies", "groups", "chipmakers", "carmakers",
  "automakers", "makers", "manufacturers", "suppliers", "vendors", "providers", "operators",
  "carriers", "lenders", "banks", "insurers", "retailers", "conglomerates", "startups",
  "start-ups", "giants", "foundries", "integrators", "outlets", "newspapers", "broadcasters",
  "agencies", "regulators", "universities", "institutes", "consultancies", "airlines" }
local function space_back(s, i) -- the last byte at or before i that is no space
  while i > 0 do
    local b = s:byte(i)
    if b ~= 32 and b ~= 9 then break end
    i = i - 1
  end
  return i
end
local function word_back(s, i) -- the first byte of the word that ends at i
  while i > 0 do
    local b = s:byte(i)
    if b == 32 or b == 9 or b == 10 or b == 13 or b == 44 or b == 40 or b == 41 or b == 34 then
      break
    end
    i = i - 1
  end
  return i + 1
end
-- the cue word before "such as" or "including" that ends at i
local function cue_before(s, i, word_start)
  local stop = space_back(s, word_start - 1)
  return list_cues[s:sub(word_back(s, stop), stop)] == true
end
local listed = lpeg.Cmt(P(true), function(subject, pos)
  local b = subject:byte(pos - 1)
  if b ~= 32 and b ~= 9 then return false end
  local i = space_back(subject, pos - 1)
  for _ = 1, 8 do
    if i < 1 then return false end
    if subject:byte(i) == 44 then -- "Acme, "
      i = space_back(subject, i - 1)
    else
      local ws = word_back(subject, i)
      local w = subject:sub(ws, i)
      if w == "as" then -- "such as"
        local stop = space_back(subject, ws - 1)
        local such = word_back(subject, stop)
        return subject:sub(such, stop) == "such" and cue_before(subject, stop, such)
      elseif w == "including" then
        return cue_before(subject, i, ws)
      elseif w == "and" then -- "Acme and ", "Acme, and "
        i = space_back(subject, ws - 1)
        if subject:byte(i) == 44 then i = space_back(subject, i - 1) end
      else
        return false
      end
    end
    -- an earlier name of the list, ending at i: up to five capitalised
    -- words, "&" between two of them
    local n = 0
    while n < 5 do
      local ws = word_back(subject, i)
      if not subject:find("^%u", ws) then break end
      n = n + 1
      i = space_back(subject, ws - 1)
      local prev = word_back(subject, i)
      if subject:sub(prev, i) == "&" then
        i = space_back(subject, prev - 1)
      elseif not subject:find("^%u", prev) then
        break
      end
    end
    if n == 0 then return false end
  end
  return false
end)
local in_list = lpeg.B(S",dsg" * P" ") -- (one test of the last byte of the four first)
                * (lpeg.B(P", ") + lpeg.B(P"and ") + lpeg.B(P"as ") + lpeg.B(P"including "))
                * listed * text.span(name) * #(sp ^ 0 * (S",.;:)" + text.dash + -1) + sp * R"az")

local daily_kind = orgs.set { "business", "financial", "economic", "state", "local",
  "national", "regional", "official", "newspaper", "English-language", "conservative",
  "liberal", "independent", "popular", "leading", "respected", "influential", "tabloid" }
local operator_trade = orgs.set { "telecom", "telecoms", "telecommunications", "mobile",
  "network", "fibre", "fiber", "satellite", "wireless", "cable", "broadband", "port", "grid",
  "pipeline", "rail", "railway", "airport", "tour", "cloud", "state", "national", "incumbent",
  "phone", "telephone", "internet", "nuclear", "power", "system", "transmission", "terminal" }
local not_before_cue = orgs.set { "policy", "decision", "aircraft", "law", "peace", "film",
  "movie", "rule", "king", "troop", "mail", "letter" }

local grammar = { "pattern", pattern = #R"AZ" * text.word_start * (before + after + in_list) }
for rule_name, p in pairs(shared) do grammar[rule_name] = p end
local pattern = P(grammar)

return {
  name = "org_context",
  type = "org",
  description = "organisations named next to a trade word: “telecoms giant Huawei”",
  pattern = pattern,
  value = function(_, m)
    local written = m.text
    if orgs.is_country(written) or orgs.stop_set[written] then return false end
    -- a head word alone is the start of a name broken by a line: "the
    -- state-owned Union\nBank of India"
    if orgs.heads_set[written] then return false end
    -- an adjective: "rival Western-dominated frameworks", "Beijing-based"
    if written:match("%-%l+$") then return false end
    -- "policy maker Li", "aircraft carrier Liaoning"
    local word, cue = m.subject:sub(math.max(1, m.start - 40), m.start)
                        :match("(%a+)%s+(%a+)%s+$")
    if (cue == "maker" or cue == "carrier") and not_before_cue[word] then return false end
    -- "telecom operator stc", not "camera operator John Smith"
    if cue == "operator" and not (word and operator_trade[word:lower()]) then return false end
    -- "the Greek daily Kathimerini", not "a daily Aspirin"
    if cue == "daily" and not (word and (word:match("^%u") or daily_kind[word])) then
      return false
    end
    return { name = written }
  end,
  examples = {
    { "Chinese telecoms giant Huawei has launched", "Huawei", { name = "Huawei" } },
    { "said Acme Insights, a semiconductor research company in the US",
      "Acme Insights", { name = "Acme Insights" } },
    { "news that Western Lights, a subsidiary of a state group, will merge",
      "Western Lights", { name = "Western Lights" } },
    { "deals with Kappa, Russia’s biggest mobile carrier.", "Kappa", { name = "Kappa" } },
    { "Lingang Photonics is a Shanghai company developing lithography tools",
      "Lingang Photonics", { name = "Lingang Photonics" } },
    { "the Russian news agency Regnum reported", "Regnum", { name = "Regnum" } },
    { "the Greek daily Kathimerini reported", "Kathimerini", { name = "Kathimerini" } },
    { "The state-owned Meridian Grid signed a deal", "Meridian Grid", { name = "Meridian Grid" } },
    { "the Moscow-based integrator Lanit says", "Lanit", { name = "Lanit" } },
    { "and the foundry Silterra said", "Silterra", { name = "Silterra" } },
    { "the Kuwaiti telecom operator Zain said", "Zain", { name = "Zain" } },
    { "Smith & Wesson, a gun maker, said", "Smith & Wesson", { name = "Smith & Wesson" } },
    { "the Acme Network Company (ANC), a joint venture of two groups, said",
      "Acme Network Company", { name = "Acme Network Company" } },
    { "Korean firms such as Hanwha Systems, Doosan and LIG Nex1 are bidding",
      find = { { "Hanwha Systems", { name = "Hanwha Systems" } }, { "Doosan", { name = "Doosan" } },
               { "LIG Nex1", { name = "LIG Nex1" } } } },
  },
  counterexamples = {
    "the Asian giant China is rising",
    "a policy maker Li said",
    "the aircraft carrier Liaoning sailed",
    "Li Lifan, a professor of international affairs",
    "John Smith, a company spokesman, said",
    "rival Western-dominated frameworks",
    "the company said on Monday",
    "Kosgei was the defending champion. Countryman Lawrence Cherono won the men's division",
    "Farquharson is a former military contractor and owns a store",
    "Hammons, a former Newsweek manager and owner of a website",
    "he was given zinc and a daily Aspirin",
    "the camera operator John Smith said",
    "state-owned Chinese firms bid",
    "experts such as John Smith and Mary Jones said",
    "Read our Terms & Conditions before you sign",
    "the state-owned Union\nBank of India said",
  },
}
