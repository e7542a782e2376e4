-- person.lua: people named next to a cue that marks the name as a
-- person's: a title before it ("President Xi Jinping", "Mr Lukin",
-- "Foreign Minister Wang Yi", "Secretary of State Antony Blinken"), a
-- role before it ("analyst Stephen Hess", "the former leader, Deng
-- Xiaoping"), a role in apposition after it ("Li Lifan, a professor of
-- ...", "Viktor Kladov, head of ...", "Daniel Reyes is the paper's
-- correspondent", "Nadia Haddad, who ..."), a verb of saying before it
-- ("said Artyom Lukin,", "according to Jane Doe."), an affiliation and
-- a verb of saying after it ("Dmitry Volkov of the Higher School of
-- Economics wrote") or a byline ("By Marina
-- Sokolova"). The span is the name alone, titles left out. Value: {name =
-- "the name as written"}; person_known.lua gives well-known people their
-- canonical name, and person_coref.lua gives later short mentions
-- ("Lukin said") and repeats the full name.
--
-- A name of one word follows only a title such as President or Mr (not
-- "General Binding", "Chief Economist"); elsewhere two words or more.
-- "X Y said" alone is no cue: in business news most such X Y are firms
-- ("Crazy Eddie said"); a person named so is found by person_coref.lua
-- when the article names them with a cue once. Words that never belong
-- to a person's name (months, titles, countries, organisation words:
-- lib/names.lua) end a name or keep it from starting, a name must not run
-- on into another capitalised word, and the gazetteer's entries of kind
-- "not" ("Morgan Stanley") are dropped. Headlines in title case are left
-- to person_known.lua.

local lpeg = require "lpeg"
local text = require "lib.text"
local names = require "lib.names"

local P, R, S, B = lpeg.P, lpeg.R, lpeg.S, lpeg.B
local span = text.span


local sp = names.space
local gap = names.gap
local comma = P"," * gap

-- Patterns used in several places are rules of the pattern's grammar
-- (names.grammar), called by name: written out, each use is a copy that
-- LPeg compiles again.
local shared = {}
local function share(name, p)
  shared[name] = p
  return lpeg.V(name)
end

-- Several words, none of them a role, then a role: "a Russian affairs
-- specialist", "the current Minister", "deputy director".
local function any_case(list)
  local all = {}
  for _, w in ipairs(list) do
    all[#all + 1] = w
    all[#all + 1] = w:sub(1, 1):upper() .. w:sub(2)
  end
  return names.any_word(all)
end
local role = share("role", any_case(names.roles))
-- (gap: wire copy wraps lines anywhere, "Priyanka Subramaniam, an⏎analyst")
local filler = share("filler", (-role * (names.letter + P"-" + text.apostrophe) ^ 1 * gap) ^ -4)
local article = (P"a" + P"an" + P"the" + P"A" + P"An" + P"The") * gap
local age = (text.digit ^ 1 * comma) ^ -1

local title = names.any_word(names.titles)
local strong_title = names.any_word(names.strong_titles)
-- "Minister of Foreign Affairs", "Chancellor of the Exchequer": a title and
-- the body it belongs to, in words that are no part of a name
local body = sp * P"of" * sp * (P"the" * sp) ^ -1
  * (names.stop_pattern * sp + (P"and" + P"for" + P"&") * sp) ^ 1
local lower_role = names.any_word(table.move(names.lower_roles, 1, #names.lower_roles,
                                              #names.roles + 1, table.move(names.roles, 1, #names.roles, 1, {})))
local verb_before = names.any_word(names.verbs_before)

-- verbs of saying or thinking whose subject is a person: "Dmitry Volkov
-- of the Higher School of Economics wrote"
local verb_after = share("verb_after", names.any_word({ "said", "says", "told", "tells", "wrote", "writes",
  "added", "noted", "argued", "argues", "warned", "warns", "explained", "stated", "believes",
  "thinks", "estimated", "estimates", "predicted", "predicts", "cautioned", "cautions" }))
-- "of the Higher School of Economics in Moscow", up to the verb: no
-- sentence end on the way, at most a line's worth of words
local affiliation = sp * (P"of" + P"at" + P"from") * sp
  * share("affiliation_byte", -S".;:!?\n" * -(sp * verb_after) * 1) ^ -100 * sp * verb_after

-- a patronymic: "Igorevich", "Ildarovich", "Sergeyevna"
local PATRONYMIC_ENDINGS = { "ovich", "evich", "yevich", "ovna", "evna", "yevna", "ichna", "inichna" }
-- (the Lua check runs only where the word ends like one: ahead of it, a
-- plain look at the word's end, as it is tried at every capitalised word
-- that follows another)
local patronymic_end = P(false)
for _, ending in ipairs(PATRONYMIC_ENDINGS) do patronymic_end = patronymic_end + B(ending) end
local patronymic = #(names.word * patronymic_end) * lpeg.Cmt(lpeg.C(names.word), function(_, i, w)
  for _, ending in ipairs(PATRONYMIC_ENDINGS) do
    if #w > #ending + 1 and w:sub(-#ending) == ending then return i end
  end
  return false
end)

local copula = (P"is" + P"was" + P"has been" + P"had been" + P"became" + P"remains") * sp
local ends = -(gap * names.upper) -- no capitalised word runs on from the name
-- what may follow "said Jane Doe": punctuation, a line end, or a small word
local after_said = #(S",.;:)!?" + text.newline + -1
  + sp * names.any_word({ "of", "in", "at", "on", "from", "who", "when", "after", "as", "and",
    "adding", "according", "during", "while", "before", "to", "for", "with" })
  + sp * (S"(" + text.dash))

-- A plain look ahead, first: every shape below is tried at every word, and
-- each needs a capitalised word after the first one. At a capital: a
-- word ("Mr", "Prime", "Xi", "By"; a title's or initial's dot) then a
-- capitalised word, "of" or a particle ("President of ...", "Ursula von
-- ..."); at a cue: a word ("analyst", "CEO", "according"), maybe a comma
-- or "to", then a capitalised word. (The bytes a title's or name's word may
-- have: letters, UTF-8, hyphens, apostrophes; not a space's first byte.)
local token = (R("AZ", "az", "\128\193", "\195\255") + S"-'") ^ 0
local at_capital = #(names.upper * token * P"." ^ -1 * gap
                     * (names.upper + P"of" * sp + names.particle))
local at_cue = #(R("az", "AZ") * token * P"," ^ -1 * gap * (P"to" * gap) ^ -1 * names.upper)

local pattern = names.grammar(
    -- "President Xi", "Prime Minister Imran Khan", "Secretary of State
    -- Antony Blinken", "General Mark Milley"
    at_capital * (strong_title * gap * span(names.name) * ends
                  + title * (body + gap) * span(names.name2) * ends)
    -- "analyst Stephen Hess", "the former leader, Deng Xiaoping,"
  + at_cue * (lower_role * (P"," ^ -1) * gap * span(names.name2) * ends
              * #(sp + S",.;:)" + text.newline + -1)
    -- "said Artyom Lukin,", "according to Jane Doe."
              + verb_before * gap * span(names.name2) * after_said)
  + at_capital * (
      -- "Li Lifan, a professor", "Rory Medcalf, who", "Daniel Reyes is the
      -- paper's correspondent", "Dmitry Volkov of the Higher School of
      -- Economics in Moscow wrote"
      span(names.name2)
      * (comma * age * article ^ -1 * filler * role + comma * P"who" * text.word_end
         + sp * copula * article ^ -1 * filler * role
         + affiliation)
      -- a Russian name with its patronymic: "Maksut Igorevich Shadayev"
    + span(names.word * gap * patronymic * gap * names.word)
      -- a byline at the start of a line: "By Marina Sokolova | Moscow"
    + #P"B" * (B"\n" + -B(1)) * P"By" * sp * span(names.name2)
      * #(sp ^ 0 * (S"|,\r\n" + text.dash + -1))), shared)

return {
  name = "person",
  type = "person",
  description = "people named after a title, in apposition to a role, with a verb of saying, or in a byline",
  inside = { "org" },
  pattern = pattern,
  value = function(_, match)
    local name = names.person_name(match)
    if not name then return false end
    return { name = name }
  end,
  examples = {
    { "talks with Chinese President Xi Jinping in June", "Xi Jinping", { name = "Xi Jinping" } },
    { "Mr Kowalczyk declined to comment.", "Kowalczyk", { name = "Kowalczyk" } },
    { "Foreign Minister Ana Brnabić met the envoy.", "Ana Brnabić", { name = "Ana Brnabić" } },
    { "Maria Santos, a senior researcher at the institute, said", "Maria Santos",
      { name = "Maria Santos" } },
    { "Oleg Petrenko, head of the lab's cooling group, agreed.", "Oleg Petrenko",
      { name = "Oleg Petrenko" } },
    { "“It will take years,” said Hamid Karzai Rahimi, an engineer.", "Hamid Karzai Rahimi",
      { name = "Hamid Karzai Rahimi" } },
    { "Zhou Minghua is the fab’s chief engineer.", "Zhou Minghua", { name = "Zhou Minghua" } },
    { "Nadia Haddad, who runs the lab, agreed.", "Nadia Haddad", { name = "Nadia Haddad" } },
    { "private political analyst Stephen Hess told reporters", "Stephen Hess",
      { name = "Stephen Hess" } },
    { "Dome chairman J. Howard Macdonald said in a statement", "J. Howard Macdonald",
      { name = "J. Howard Macdonald" } },
    { "the former leader, Deng Xiaoping, along with", "Deng Xiaoping",
      { name = "Deng Xiaoping" } },
    { "the EU’s chief Ursula von der Leyen said", "Ursula von der Leyen",
      { name = "Ursula von der Leyen" } },
    { "Dmitry Volkov of the Higher School of Economics wrote that", "Dmitry Volkov",
      { name = "Dmitry Volkov" } },
    { "Park Ji-hoon, a senior researcher at the institute, agreed.", "Park Ji-hoon",
      { name = "Park Ji-hoon" } },
    { "Minister of Digital Development, Communications and Mass Media Maksut Igorevich Shadayev said the package covers the joint training of large language models on texts in both languages.",
      "Maksut Igorevich Shadayev", { name = "Maksut Igorevich Shadayev" } },
    { "“It works,” Priyanka Rao, an\nanalyst at the bank, told reporters.", "Priyanka Rao",
      { name = "Priyanka Rao" } },
    { "By Marina Sokolova | Moscow\n", "Marina Sokolova", { name = "Marina Sokolova" } },
    { "according to Jean-Pierre Dubois, a lawyer", "Jean-Pierre Dubois",
      { name = "Jean-Pierre Dubois" } },
  },
  counterexamples = {
    "Analysts said the plan was late.",
    "On Monday Moscow said it would reply.",
    "Chinese telecoms giant Huawei said it would appeal.",
    "Morgan Stanley said its clients were buying.",
    "The Chinese Foreign Ministry said on Tuesday",
    "President Trump Suggests Moving the Summit to Geneva",
    "The Science and Technology Daily reporter noticed it.",
    "Crazy Eddie said sales rose.",
    "Shares of the Bank of China said little.",
    "Officials of the Higher School of Economics said so.",
    "Battery said Occidental Life is a major underwriter.",
    "said Societe Generale economist Alain",
    "the deal was guaranteed by Mutual Life Insurance Co",
  },
}
