-- test_person_quote.lua: the person rules (rules/person*.lua,
-- rules/lib/names.lua, data/gazetteers/people.tsv) and the quote rule
-- (rules/quote.lua): the gazetteer's shape, names found by their cues,
-- short mentions resolved to the full name, offices resolved by date, and
-- quotes with their speakers, whole and across paragraphs.

local check = require "check"
local quarry = require "quarry"
local pack = require "pack"

local RULES = { "person", "person_known", "person_coref", "person_role", "quote" }

local function rules() return pack.rules(RULES) end

-- The standing annotations of a type in a text (all rules run, as in
-- `quarry extract`), in text order, as {text, value}.
local function find(type, text, published)
  return pack.found(pack.run(rules(), text, nil, { published = published }), type, text)
end

-- "span=name" for each person in a text.
local function persons(text)
  local list = {}
  for i, f in ipairs(find("person", text)) do list[i] = f[1] .. "=" .. f[2].name end
  return list
end

-- "span|speaker" for each quote in a text (speaker "-" for null).
local function quotes(text)
  local list = {}
  for i, f in ipairs(find("quote", text)) do
    local speaker = f[2] and f[2].speaker
    if speaker == nil or speaker == quarry.json.null then speaker = "-" end
    list[i] = f[1] .. "|" .. speaker
  end
  return list
end

local tests = {}

function tests.the_gazetteer_has_canonical_names_kinds_and_dated_offices()
  local _, entries = quarry.gazetteer.load(quarry.home .. "/data/gazetteers/people.tsv")
  assert(#entries > 300, "a few hundred entries")
  local name_of, people, offices = {}, {}, 0
  for i, e in ipairs(entries) do
    local where = string.format("entry %d (%s)", i, e.surface)
    assert(e.case == "exact" or e.case == "fold", where .. ": case must be exact or fold")
    assert(e.kind == "person" or e.kind == "short" or e.kind == "not", where .. ": kind")
    if e.kind ~= "not" then
      assert(e.name and e.name:find(" "), where .. ": a full name")
      assert(name_of[e.surface] == nil or name_of[e.surface] == e.name,
        where .. ": one surface, one person")
      name_of[e.surface] = e.name
      people[e.name] = true
    end
    if e.role then
      offices = offices + 1
      assert(e.country and e.country:match("^%u%u$"), where .. ": an ISO country code")
      assert(e.from and e.from:match("^%d%d%d%d%-%d%d%-%d%d$"), where .. ": from is a day")
      assert(e.to == nil or e.to:match("^%d%d%d%d%-%d%d%-%d%d$") and e.to > e.from,
        where .. ": to is a later day")
    end
    if e.kind == "short" then assert(#e.surface < #e.name, where .. ": a short form is shorter") end
  end
  for _, name in ipairs({ "Xi Jinping", "Vladimir Putin", "Li Qiang", "Wang Yi", "Joe Biden",
                          "Donald Trump", "Narendra Modi", "Sergei Lavrov", "Ursula von der Leyen",
                          "Kassym-Jomart Tokayev", "Ren Zhengfei", "Jensen Huang" }) do
    assert(people[name], name .. " is in the gazetteer")
  end
  assert(offices > 150, "office-holders with their dates")
end

function tests.names_after_titles_and_roles_leave_the_title_out()
  check.equal(persons("Talks with Chinese President Xi Jinping ran late."),
    { "Xi Jinping=Xi Jinping" }, "title")
  check.equal(persons("Deputy Foreign Minister Alexander Bessmertnykh told a news conference"),
    { "Alexander Bessmertnykh=Alexander Bessmertnykh" }, "title of several words")
  check.equal(persons("The plan was drafted, said Tomasz Wróbel, an economist at the bank."),
    { "Tomasz Wróbel=Tomasz Wróbel" }, "verb and apposition, UTF-8 letters")
  check.equal(persons("Nkechi Obi, 52, a professor of law, disagreed."),
    { "Nkechi Obi=Nkechi Obi" }, "apposition with an age")
end

function tests.organisations_places_and_words_are_no_people()
  check.equal(persons("Crazy Eddie said on Monday that sales rose."), {}, "a firm that says")
  check.equal(persons("Morgan Stanley said its clients were buying."), {}, "a listed firm")
  check.equal(persons("Analysts said the Chinese Foreign Ministry would reply."), {}, "words")
  check.equal(persons("The forum in Xi’an opened on Monday."), {}, "a city with a short form in it")
  check.equal(persons("Under the deal, General Binding will carry the product."), {},
    "one word after a weak title")
end

function tests.short_mentions_resolve_to_the_full_name()
  check.equal(persons("Oleg Petrenko, head of the lab, spoke. Later Petrenko added more."),
    { "Oleg Petrenko=Oleg Petrenko", "Petrenko=Oleg Petrenko" }, "a surname")
  check.equal(persons("Zhou Minghua, a professor, agreed. “Yes,” said Zhou."),
    { "Zhou Minghua=Zhou Minghua", "Zhou=Zhou Minghua" }, "a Chinese surname comes first")
  check.equal(persons("Xi met reporters."), { "Xi=Xi Jinping" }, "a well-known short form")
  check.equal(persons("Oleg Petrenko, head of the lab, spoke. The Petrenko Prize was given."),
    { "Oleg Petrenko=Oleg Petrenko" }, "not inside another name")
end

function tests.offices_resolve_by_the_article_date()
  local found = find("role", "Talks went well, the Chinese president said.", "2012-05-01")
  check.equal(found[1] and found[1][2].name, "Hu Jintao", "president in 2012")
  found = find("role", "Talks went well, the Chinese president said.", "2016-05-01")
  check.equal(found[1] and found[1][2].name, "Xi Jinping", "president in 2016")
  found = find("role", "Russia’s prime minister arrived.", "2010-01-10")
  check.equal(found[1] and found[1][2].name, "Vladimir Putin", "prime minister in 2010")
  check.equal(#find("role", "Chinese President Xi Jinping arrived.", "2016-05-01"), 0,
    "a title before a name is no mention of its own")
  found = find("role", "The Chinese vice-president met the German head of government.", "2019-06-03")
  check.equal(found[1] and found[1][1], "Chinese vice-president", "a hyphenated role")
  check.equal(found[1] and found[1][2].name, "Wang Qishan", "vice president in 2019")
  check.equal(found[2] and found[2][2].name, "Angela Merkel", "head of government in 2019")
  found = find("role", "The French president spoke.")
  check.equal(found[1] and found[1][2].name, quarry.json.null, "no date, no name (null)")
end

function tests.quotes_and_their_speakers()
  check.equal(quotes("“We will build the plant next year,” said Nadia Haddad, the chairwoman."),
    { "We will build the plant next year,|Nadia Haddad" }, "said X")
  check.equal(quotes("Nadia Haddad, who runs the lab, spoke first.\n\n“Costs are falling,” she added."),
    { "Costs are falling,|Nadia Haddad" }, "she added")
  check.equal(quotes("Vladimir Putin stated: \"Our cooperation will grow in every field.\""),
    { "Our cooperation will grow in every field.|Vladimir Putin" }, "X stated: and straight quotes")
  check.equal(quotes("The memo reads: “Staff must not share the files with anyone outside.”"),
    { "Staff must not share the files with anyone outside.|-" }, "no speaker")
  check.equal(quotes("Oleg Petrenko, head of the lab, said the reactor was a “serious risk”."),
    { "serious risk|Oleg Petrenko" }, "a partial quote")
end

function tests.a_quote_over_paragraphs_is_one_annotation_each()
  local text = "“The first part,” said Professor Ito.\n\n“A second paragraph runs on.\n\n"
    .. "“And a third ends it.”\n"
  check.equal(quotes(text), { "The first part,|Ito", "A second paragraph runs on.|Ito",
                              "And a third ends it.|Ito" }, "three paragraphs")
end

function tests.names_slogans_and_terms_are_not_quotes()
  check.equal(quotes("The plan, called “Made in China 2025”, set targets."), {}, "title case")
  check.equal(quotes("Pan Dawei, a specialist, said the “new era” of ties began."), {}, "a slogan")
  check.equal(quotes("Officials like to call it “technological sovereignty” now."), {}, "a term")
  check.equal(quotes("relations had entered a “new era of comprehensive and strategic partnership”"),
    {}, "a diplomatic formula")
  check.equal(quotes("Observers say the firms export “next generation surveillance systems”."), {},
    "a short quote without a named speaker")
  check.equal(quotes("He praised the ‘digital silk road’ and China’s “military-civil fusion” plan."),
    {}, "a short quote after the or a possessive")
end

return tests
