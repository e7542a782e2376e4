-- org_context.lua: organisations the words around a name call one, when
-- the name itself has no org word and no list knows it:
--   a trade word before it: "telecoms giant Huawei", "news agency TASS",
--     "chipmaker SMIC", "Russian defense firm Russia Technologies";
--   an apposition after it: "IC Insights, a semiconductor research company
--     in the US", "Eastern Communications, a subsidiary of ...", "MTS,
--     Russia’s biggest mobile carrier", "Acme is a Shanghai company
--     developing ...".
-- The span is the name alone (one to five capitalised words). Countries
-- ("the Asian giant China"), policy makers and aircraft carriers are not
-- taken. Value: {name = the name as written}.

local lpeg = require "lpeg"
local text = require "lib.text"
local orgs = require "lib.orgs"

local P, S, R = lpeg.P, lpeg.S, lpeg.R
local sp = text.space
local wc = text.word_char

-- the name: capitalised words, not going on in another one
local name = orgs.word * (sp * orgs.word) ^ -4 * -(sp * orgs.word)

-- Trade words that stand before a name.
local before_cues = { "company", "firm", "giant", "maker", "chipmaker", "carmaker", "automaker",
  "manufacturer", "supplier", "provider", "carrier", "conglomerate", "startup", "start-up",
  "agency", "broadcaster", "newspaper", "tabloid", "outlet", "lender", "bank", "insurer",
  "retailer", "consultancy", "think tank", "think-tank", "subsidiary", "affiliate",
  "regulator", "watchdog", "group", "shipbuilder", "airline", "chipmakers", "firms",
  "companies", "body", "daily" }
-- ("producer", "developer", "operator" and "rival" are people as often:
-- "record producer Terry Melcher".) They are looked for behind the name, so
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
cue_behind = lpeg.B(P" ") * cue_behind
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
local cue = orgs.words(after_cues)
-- words between the article and the trade word: not prepositions or verbs
local skip = orgs.words { "of", "for", "in", "at", "to", "with", "by", "from", "on", "and",
  "or", "who", "which", "that", "said", "says", "is", "was", "has", "had", "will", "would" }
local mid_word = -skip * wc ^ 1 * ((text.apostrophe + text.hyphen + P".") * wc ^ 1) ^ 0
local article = (P"a" + P"an" + P"the" + P"its" + P"their" + P"one of the") * text.word_end
              + orgs.cap_word * text.apostrophe * P"s" * text.word_end
-- what may follow the trade word: punctuation, or a word that goes on
-- describing the organisation ("of", "in", "based", "developing", "owned")
local follow_words = orgs.words { "of", "in", "at", "based", "that", "which", "with", "whose",
  "for", "from", "and", "to", "on", "behind", "under", "run", "led", "known", "listed", "set",
  "built", "spun", "held", "made", "owned" }
local verb_end = (P"ed" + P"ing") * text.word_end -- "owned", "developing"
local follow = sp ^ 0 * (S",.;:)" + text.dash + text.newline + -1)
             + sp * (follow_words + (-verb_end * R"az") ^ 1 * verb_end)
-- the trade word, after at most six other words
local apposition = cue * #follow
for _ = 1, 6 do apposition = cue * #follow + mid_word * sp * apposition end
local after = text.span(name) * (P"," * sp + sp * (P"is" + P"was") * sp) * article * sp
              * apposition

local daily_kind = orgs.set { "business", "financial", "economic", "state", "local",
  "national", "regional", "official", "newspaper", "English-language", "conservative",
  "liberal", "independent", "popular", "leading", "respected", "influential", "tabloid" }
local not_before_cue = orgs.set { "policy", "decision", "aircraft", "law", "peace", "film",
  "movie", "rule", "king", "troop", "mail", "letter" }

return {
  name = "org_context",
  type = "org",
  description = "organisations named next to a trade word: “telecoms giant Huawei”",
  pattern = #R"AZ" * text.word_start * (before + after),
  value = function(_, m)
    local written = m.text
    if orgs.is_country(written) or orgs.stop_set[written] then return false end
    -- an adjective: "rival Western-dominated frameworks", "Beijing-based"
    if written:match("%-%l+$") then return false end
    -- "policy maker Li", "aircraft carrier Liaoning"
    local word, cue = m.subject:sub(math.max(1, m.start - 40), m.start)
                        :match("(%a+)%s+(%a+)%s+$")
    if (cue == "maker" or cue == "carrier") and not_before_cue[word] then return false end
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
  },
}
