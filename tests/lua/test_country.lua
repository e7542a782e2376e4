-- test_country.lua: the country rule (rules/country.lua), its gazetteer
-- (data/gazetteers/countries.tsv) and lib/context.lua: what counts as a
-- country mention and what is set aside.

local check = require "check"
local quarry = require "quarry"
local ruleset = require "quarry.ruleset"
local engine = require "quarry.engine"

local RULES = quarry.home .. "/rules"
local TSV = quarry.home .. "/data/gazetteers/countries.tsv"

-- The shipped rule set, loaded once; the country rule must load even when
-- another rule file is broken.
local set
local function country_set()
  if not set then
    set = ruleset.load({ RULES })
    assert(set.by_name.country, set.failed[RULES .. "/country.lua"] or "no country rule")
  end
  return set
end

-- What the country rule alone finds in a text: {"text=ISO", ...} in order.
local function found(text)
  local s = country_set()
  local cands, errors = engine.run_text(s, s.by_name.country, text)
  assert(#errors == 0, errors[1] and errors[1].message)
  table.sort(cands, function(a, b) return a.start < b.start end)
  local list = {}
  for _, c in ipairs(cands) do
    if not c.beaten_by then list[#list + 1] = text:sub(c.start + 1, c["end"]) .. "=" .. c.value.iso end
  end
  return list
end

-- The lines of the gazetteer as {surface, iso, kind, check, cue}.
local function gazetteer_rows()
  local rows, header = {}, nil
  for line in io.lines(TSV) do
    if line ~= "" and not line:find("^#") then
      local cells = {}
      for cell in (line .. "\t"):gmatch("([^\t]*)\t") do cells[#cells + 1] = cell end
      if not header then header = cells else rows[#rows + 1] = cells end
    end
  end
  return rows, header
end

local tests = {}

function tests.gazetteer_columns_and_codes()
  local rows, header = gazetteer_rows()
  check.equal(header, { "surface", "iso", "kind", "check", "cue" }, "header")
  local kinds = { name = true, alias = true, demonym = true, capital = true, prefix = true, ["not"] = true }
  local seen = {}
  for _, row in ipairs(rows) do
    local surface, iso, kind = row[1], row[2], row[3]
    assert(kinds[kind], "unknown kind " .. tostring(kind) .. " for " .. surface)
    if kind == "not" then
      check.equal(iso, "", "no code for " .. surface)
    else
      assert(iso:find("^%u%u$"), "bad code " .. iso .. " for " .. surface)
    end
    assert(not seen[surface], "listed twice: " .. surface)
    seen[surface] = true
  end
end

function tests.every_iso_3166_country_is_listed()
  local file = io.open("/usr/share/iso-codes/json/iso_3166-1.json", "rb")
  if not file then return end -- iso-codes not installed: nothing to compare with
  local iso = quarry.json.decode(file:read("a"))["3166-1"]
  file:close()
  local codes = {}
  for _, row in ipairs((gazetteer_rows())) do codes[row[2]] = true end
  for _, country in ipairs(iso) do
    -- Antarctica is a continent, a region (kind "not")
    if country.alpha_2 ~= "AQ" then assert(codes[country.alpha_2], "no entry for " .. country.alpha_2) end
  end
end

function tests.names_short_forms_and_demonyms()
  check.equal(found("China and the Russian Federation signed; the US and U.S. officials agreed."),
    { "China=CN", "Russian Federation=RU", "US=US", "U.S.=US" }, "names")
  check.equal(found("the People's Republic of China and the People’s Republic of China"),
    { "People's Republic of China=CN", "People’s Republic of China=CN" }, "both apostrophes")
  check.equal(found("Britain, the UK and British firms; South Korean and North Korean envoys"),
    { "Britain=GB", "UK=GB", "British=GB", "South Korean=KR", "North Korean=KP" }, "aliases")
  check.equal(found("the Chinese, the Russians and the Americans"),
    { "Chinese=CN", "Russians=RU", "Americans=US" }, "peoples")
  check.equal(found("Türkiye, Czechia, Côte d’Ivoire and Ivory Coast"),
    { "Türkiye=TR", "Czechia=CZ", "Côte d’Ivoire=CI", "Ivory Coast=CI" }, "other spellings")
  check.equal(found("written in Chinese"), { "Chinese=CN" }, "a language is the demonym")
end

function tests.hyphenated_pairs_are_two_mentions()
  check.equal(found("China-Russia trade and Russian-Chinese science"),
    { "China=CN", "Russia=RU", "Russian=RU", "Chinese=CN" }, "pairs")
  check.equal(found("Sino-Russian ties, a Sino deal"), { "Sino=CN", "Russian=RU" }, "Sino- only before a hyphen")
end

function tests.spans_leave_out_the_and_possessive()
  check.equal(found("the United States’ allies and China’s plan"),
    { "United States=US", "China=CN" }, "spans")
end

function tests.regions_and_blocs_are_not_countries()
  check.equal(found("Europe, Africa, ASEAN, the EU and the West"), {}, "blocs")
  check.equal(found("Latin America, North American airspace and the South China Sea"), {}, "regions")
  check.equal(found("New Mexico, New Jersey and Papua New Guinea"), { "Papua New Guinea=PG" }, "places")
end

function tests.a_country_inside_an_organisation_name_is_set_aside()
  check.equal(found("the Chinese Academy of Social Sciences and the Bank of China"), {}, "org names")
  check.equal(found("China Development Bank and the South China Morning Post"), {}, "more org names")
  check.equal(found("the Ministry of Science and Technology of the People’s Republic of China"), {}, "of the PRC")
  -- but a government or ministry named generically is the country (the
  -- gold's decision 17)
  check.equal(found("the Chinese foreign ministry and the UK Government"),
    { "Chinese=CN", "UK=GB" }, "generic references")
  check.equal(found("“Made in China 2025” and Russia China Technology Cooperation"),
    { "China=CN", "Russia=RU", "China=CN" }, "names that are not organisations")
end

function tests.capitals_count_for_the_government_only()
  check.equal(found("Moscow and Beijing are being brought closer; Beijing’s efforts grew."),
    { "Moscow=RU", "Beijing=CN", "Beijing=CN" }, "government")
  check.equal(found("Analysts said Washington has banned it."), { "Washington=US" }, "a verb after")
  check.equal(found("The forum was held in Beijing after a visit to Moscow."), {}, "places")
  check.equal(found("a Beijing-based firm near Moscow State University"), {}, "adjective and name")
  check.equal(found("Shanghai (2nd), Beijing (3rd)"), {}, "a ranking")
  check.equal(found("Beijing’s Economic Observer"), {}, "a local paper")
  check.equal(found("George Washington and Greater London"), {}, "parts of other names")
  check.equal(found("Brussels said so."), {}, "Brussels is not a country")
end

function tests.us_is_not_the_pronoun_or_a_currency()
  check.equal(found("US$91 billion and USD 17 billion"), {}, "currency")
  check.equal(found("CONTACT US | ABOUT US"), {}, "pronoun")
  check.equal(found("let us know"), {}, "lower case")
  check.equal(found("US SANCTIONS ON RUSSIA"), { "US=US", "RUSSIA=RU" }, "a headline in capitals")
end

function tests.ambiguous_names_need_context()
  check.equal(found("Michael Jordan met Jordan Peterson."), {}, "people")
  check.equal(found("He lives in Atlanta, Georgia."), {}, "a US state")
  check.equal(found("Tbilisi wants Georgia in NATO."), { "Tbilisi=GE", "Georgia=GE" }, "the country, with a cue")
  check.equal(found("Georgia voted for him."), {}, "no cue: not the country")
  check.equal(found("Shenzhen-Hong Kong-Guangzhou and Hong Kong"), { "Hong Kong=HK" }, "a city cluster")
end

function tests.an_org_annotation_sets_the_country_aside()
  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir -p '" .. dir .. "'"))
  local f = assert(io.open(dir .. "/fake_org.lua", "w"))
  f:write('local lpeg = require "lpeg"\n',
    'return { name = "fake_org", type = "org", pattern = lpeg.P"China Watch" }\n')
  f:close()
  local s = ruleset.load({ RULES, dir })
  local text = "China Watch reports on China."
  local cands = engine.run_document(s, { id = 1, name = "t", text = text },
    { country = true, fake_org = true }, {})
  local standing = {}
  for _, c in ipairs(cands) do
    if c.type == "country" and not c.beaten_by then standing[#standing + 1] = text:sub(c.start + 1, c["end"]) end
    if c.type == "country" and c.beaten_by then assert(c.reason:find("inside org"), c.reason) end
  end
  check.equal(standing, { "China" }, "only the China outside the org")
  os.execute("rm -rf '" .. dir .. "'")
end

function tests.context_reads_words_around_a_span()
  local context = require "lib.context"
  local text = "as Moscow’s  envoy\nsaid:\n\nBeijing"
  local ctx = context.around(text, 3, 9)
  check.equal(ctx.before[1].text, "as", "word before")
  check.equal({ ctx.after[1].text, ctx.after[2].text, ctx.after[3].text }, { "'", "s", "envoy" }, "words after")
  assert(ctx.after[3].space and not ctx.after[3].newline, "space before envoy")
  assert(ctx.after[4].newline, "a single line break is space")
  check.equal(ctx.after[6].kind, "newline", "a blank line is a token")
  local last = context.around(text, #text - 7, #text)
  assert(last.at_start, "Beijing starts its line")
  assert(context.starts_sentence(last, 0), "and its paragraph")
end

return tests
