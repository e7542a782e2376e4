-- person_shape.lua: people named by the shape of the name itself, where
-- no title, role or verb of saying stands by: a given name known from the
-- US census lists (data/given_names.txt) followed by a surname ("Gina
-- Raimondo", "Gina M. Raimondo", "Alan Estevez"), and a common Chinese
-- surname followed by a given name in pinyin ("Li Bingqin", "Gong Sen",
-- also with a footnote mark glued on: "Gong Sen1"). Value: {name = the
-- name as written}; person_known.lua gives well-known people their
-- canonical name and person_coref.lua resolves later short mentions.
--
-- The name must stand alone: no capitalised word runs on from it ("Philip
-- Morris Cos", "Hong Kong Exchange"), it is not inside an organisation's
-- name, and a headline in title case does not count.

local lpeg = require "lpeg"
local quarry = require "quarry"
local deps = require "quarry.deps"
local text = require "lib.text"
local names = require "lib.names"

local P, R, S, Cg, Cc = lpeg.P, lpeg.R, lpeg.S, lpeg.Cg, lpeg.Cc

local GIVEN_NAMES = quarry.home .. "/data/given_names.txt"

-- The given names (one a line, # comments); editing the list re-runs the rule.
local function read_names(path)
  deps.record("file:" .. path)
  local file = assert(io.open(path, "rb"))
  local list = {}
  for line in file:lines() do
    local name = line:match("^%s*([^#%s]+)")
    if name then list[#list + 1] = name end
  end
  file:close()
  return list
end

-- Whether a word (lower case) is one or two pinyin syllables: "sen",
-- "bingqin", "jinping"; English words rarely are ("auto", "bell" are not).
local INITIALS = { "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j",
                   "q", "x", "r", "z", "c", "s", "y", "w", "" }
local FINALS = { "iang", "iong", "uang", "ueng", "ang", "eng", "ing", "ong", "iao", "ian", "uai",
                 "uan", "ai", "ei", "ao", "ou", "an", "en", "er", "in", "un", "ia", "ie", "iu",
                 "ua", "uo", "ui", "ue", "a", "o", "e", "i", "u" }
local function syllables(word, from, left)
  if from > #word then return true end
  if left == 0 then return false end
  for _, initial in ipairs(INITIALS) do
    if word:sub(from, from + #initial - 1) == initial then
      for _, final in ipairs(FINALS) do
        local at = from + #initial
        if word:sub(at, at + #final - 1) == final and syllables(word, at + #final, left - 1) then
          return true
        end
      end
    end
  end
  return false
end
local function pinyin(word)
  return #word >= 2 and #word <= 12 and word:find("^%a+$") ~= nil and syllables(word:lower(), 1, 2)
end

-- Words a capital letter follows as a label, not as an initial.
local LETTERED = {}
for _, w in ipairs({ "Series", "Class", "Group", "Phase", "Type", "Model", "Category", "Section",
                     "Article", "Schedule", "Form", "Part", "Chapter", "Title", "Grade", "Plan",
                     "Tier", "Level", "Annex", "Appendix", "Exhibit", "Division", "Unit" }) do
  LETTERED[w] = true
end

local sp = names.space
local gap = names.gap
local upper, lower = names.upper, names.lower
-- a surname: a capitalised word of letters ("Raimondo", "O'Brien",
-- "Babiš", "Smith-Jones"), its footnote mark not part of it
local surname = names.word
local footnote = R"09" ^ -2
local ends = footnote * -(gap * upper) * -(P"-" * upper)

local given_list = read_names(GIVEN_NAMES)
local given_set = {}
for _, w in ipairs(given_list) do given_set[w] = true end
local given = names.any_word(given_list)
local east_asian = {}
for w in pairs(names.east_asian_surnames) do east_asian[#east_asian + 1] = w end
table.sort(east_asian)
local family = names.any_word(east_asian)
local syllable_word = upper * R"az" ^ 1 * -(R("az", "AZ", "\128\255"))

local pattern = names.grammar(
    -- "Gina Raimondo", "Gina M. Raimondo"
    text.span(given * gap * (names.initial * gap) ^ -1 * surname) * ends
    -- "Li Bingqin", "Gong Sen1"
  + text.span(family * sp * syllable_word) * ends
    -- a middle initial: "Thea D. Rozman Kendler", "Alan F. Estevez"
  + text.span(names.word * gap * names.initial * gap * surname * (gap * surname) ^ -1) * Cg(Cc(true), "initial") * ends)

return {
  name = "person_shape",
  type = "person",
  description = "people named by the shape of the name: a known given name and a surname, a Chinese surname and a pinyin given name",
  inside = { "org" },
  pattern = pattern,
  value = function(captures, match)
    local name = names.person_name(match)
    if not name then return false end
    local first, last = name:match("^(%S+) (%S+)$")
    if first and names.east_asian_surnames[first] and not given_set[first] then
      -- a Chinese surname: the given name must be pinyin
      if not pinyin(last) then return false end
    end
    -- the name must not run on from a capitalised word before it ("Hong
    -- Kong", "Goldman Sachs"), unless a middle initial marks it ("... for
    -- Export Administration Thea D. Rozman Kendler")
    local first_word = name:match("^(%S+)")
    if captures.initial then
      if LETTERED[first_word] then return false end -- "Series A. Moody's", "Class B. Shares"
      if given_set[first_word] then return { name = name } end
    end
    local previous = match.subject:sub(math.max(1, match.start - 30), match.start)
                                  :match("(%u[%w\128-\255'%-]*)[ \194\160]+$")
    if previous and not names.stop[previous] and not names.is_role(previous) then return false end
    -- a name after "the" is a family's or a firm's ("the Biden
    -- administration" is found by person_known)
    local before = match.subject:sub(math.max(1, match.start - 4), match.start)
    if before:find("[Tt]he%s$") then return false end
    return { name = name }
  end,
  examples = {
    { "Gina Raimondo met the delegation on Monday.", "Gina Raimondo", { name = "Gina Raimondo" } },
    { "a meeting with Oleksandr Kovalenko in Kyiv", "Oleksandr Kovalenko", { name = "Oleksandr Kovalenko" } },
    { "the statement by Gina M. Raimondo on the rule", "Gina M. Raimondo",
      { name = "Gina M. Raimondo" } },
    { "Gong Sen1 and Li Bingqin2\n", find = { { "Gong Sen", { name = "Gong Sen" } },
                                             { "Li Bingqin", { name = "Li Bingqin" } } } },
    { "a letter from Alan Estevez to the committee", "Alan Estevez", { name = "Alan Estevez" } },
    { "“We act when we must,” said Assistant Secretary for Export Administration Orla T. Brennan Haugh.",
      "Orla T. Brennan Haugh", { name = "Orla T. Brennan Haugh" } },
  },
  counterexamples = {
    "Philip Morris Cos said sales rose.",
    "The Hong Kong Exchange opened late.",
    "Li Auto sold more cars.",
    "Morgan Stanley said clients were buying.",
    "Kevin Rudd Backs Plan For Chip Plant In Darwin",
    "the Washington D.C. Council met",
    "rated the Series A. Moody's notes",
  },
}
