-- org_known.lua: known organisations from data/gazetteers/orgs.tsv:
-- technology and other companies, government bodies, parties,
-- international organisations and groupings, think tanks, news agencies and
-- outlets, universities ("Huawei", "Rostec", "TASS", "MERICS", "UNESCO",
-- "ASEAN", "G7", "Tsinghua"). Value: {name = the name as written}; the
-- gazetteer's canonical name only tells org_names.lua which mentions are
-- one organisation, so that they share its fullest name (the gold's
-- decisions 24, 25).
--
-- A few names are also other things; the words next to them decide:
-- "the Amazon rainforest", "a Sputnik moment", "the Nikkei 225", "fed up".
-- Acronyms in a line written in capitals ("WHO WILL PAY") are words.

local orgs = require "lib.orgs"

-- Surface → a Lua pattern the text after it matches where it is no org.
local not_after = {
  Amazon = { "^ [Rr]ainforest", "^ [Rr]iver", "^ [Bb]asin", "^ [Jj]ungle", "^ [Ff]orest",
             "^ [Rr]egion", "^ [Dd]elta" },
  Sputnik = { "^ moment", "^ V%f[%W]", "^ [Ss]atellite", "^ 1%f[%D]", "^ launch" },
  Nikkei = { "^ 225", "^ [Ii]ndex", "^ [Aa]verage", "^ [Ss]tock", "^ [Ss]hare" },
  Fed = { "^ up%f[%W]" },
  CAC = { "^ 40" },
  Quad = { "^ bike", "^ core" },
}
-- Surface → a Lua pattern the text before it matches where it is no org.
local not_before = {
  Amazon = { "the $", "The $" },
  -- a legislature, not the last word of another name ("Mobile World Congress")
  Congress = { "%u%l+ $", "%u%l+%-$" },
  Senate = { "%u%l+ $", "%u%l+%-$" },
}

local function any_match(s, patterns)
  for _, p in ipairs(patterns or {}) do
    if s:find(p) then return true end
  end
  return false
end

return {
  name = "org_known",
  type = "org",
  description = "known organisations from the orgs gazetteer",
  gazetteer = "orgs",
  value = function(entry, m)
    local written, subject = m.text, m.subject
    if any_match(subject:sub(m["end"] + 1, m["end"] + 24), not_after[entry.surface]) then
      return false
    end
    if any_match(subject:sub(math.max(1, m.start - 8), m.start), not_before[entry.surface]) then
      return false
    end
    if written:match("^[%u%d%p]+$") then
      -- a model or a line in capitals: "CFR-600", "WHO WILL PAY"
      if subject:find("^%-%d", m["end"] + 1) then return false end
      if orgs.capitals(orgs.line(subject, m.start, m["end"])) then return false end
    end
    return { name = written }
  end,
  examples = {
    { "Chinese telecoms giant Huawei has launched", "Huawei", { name = "Huawei" } },
    { "according to the news agency Interfax.", "Interfax", { name = "Interfax" } },
    { "Sberbank and Yandex set up a venture",
      find = { { "Sberbank", { name = "Sberbank" } }, { "Yandex", { name = "Yandex" } } } },
    { "a report by the Australian Strategic Policy Institute (ASPI)",
      find = { { "Australian Strategic Policy Institute", { name = "Australian Strategic Policy Institute" } },
               { "ASPI", { name = "ASPI" } } } },
    { "EU-China trade talks", "EU", { name = "EU" } },
    { "officials from the China-SCO business council", "SCO", { name = "SCO" } },
    { "on the advice of ASIO, the agency", "ASIO", { name = "ASIO" } },
    { "Amazon will build data centres", "Amazon", { name = "Amazon" } },
    { "graduates of Tsinghua joined", "Tsinghua", { name = "Tsinghua" } },
  },
  counterexamples = {
    "fires in the Amazon rainforest",
    "a Sputnik moment for the West",
    "the Nikkei 225 fell",
    "voters are fed up",
    "WHO WILL PAY FOR THE CHIPS",
    "fuel for the CFR-600 reactor",
    "apps such as TikTok and WeChat",
  },
}
