-- test_org.lua: the organisation rules (rules/org*.lua, rules/lib/orgs.lua)
-- and their gazetteer data/gazetteers/orgs.tsv: spans cover whole names,
-- one value per organisation in a document, short names, what is no org.

local quarry = require "quarry"
local check = require "check"
local ruleset = require "quarry.ruleset"
local pack = require "pack"

local RULES = quarry.home .. "/rules"

-- A scratch rules folder with the org rules, the boilerplate rule and the
-- shipped lib/ (linked, so the test runs what is shipped), loaded once.
local set
local function org_rules()
  if set then return set end
  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir -p '" .. dir .. "'"))
  assert(os.execute("ln -s '" .. RULES .. "/lib' '" .. dir .. "/lib'"))
  for _, name in ipairs(assert(quarry.list_dir(RULES))) do
    if name:match("^org.*%.lua$") or name == "boilerplate.lua" then
      assert(os.execute("ln -s '" .. RULES .. "/" .. name .. "' '" .. dir .. "/" .. name .. "'"))
    end
  end
  set = ruleset.load({ dir })
  assert(#set.errors == 0, set.errors[1])
  return set
end

-- The standing orgs in a text, as "text=name" strings in text order.
local function orgs_in(text)
  local list = pack.standing(pack.run(org_rules(), text), "org")
  local out = {}
  for i, c in ipairs(list) do
    out[i] = text:sub(c.start + 1, c["end"]) .. "=" .. tostring(c.value and c.value.name)
  end
  return out
end

local tests = {}

function tests.the_org_rules_load_with_examples()
  local names = {}
  for _, r in ipairs(org_rules().rules) do
    if r.type == "org" then
      names[#names + 1] = r.name
      assert(r.examples and #r.examples > 0, r.name .. " has no examples")
      assert(r.counterexamples and #r.counterexamples > 0, r.name .. " has no counterexamples")
    end
  end
  table.sort(names)
  check.equal(names, { "org", "org_acronym", "org_context", "org_known", "org_names" }, "rules")
end

function tests.spans_cover_names_with_a_country_inside()
  check.equal(orgs_in("Loans from China Development Bank and the Bank of China rose."),
    { "China Development Bank=China Development Bank", "Bank of China=Bank of China" })
  check.equal(orgs_in("a fellow of the Chinese Academy of Sciences said"),
    { "Chinese Academy of Sciences=Chinese Academy of Sciences" })
  check.equal(orgs_in("an article in the South China Morning Post"),
    { "South China Morning Post=South China Morning Post" })
end

function tests.and_joins_words_of_a_name_not_two_names()
  check.equal(orgs_in("the National Development and Reform Commission said"),
    { "National Development and Reform Commission=National Development and Reform Commission" })
  check.equal(orgs_in("students of Fudan University and Zhejiang University"),
    { "Fudan University=Fudan University", "Zhejiang University=Zhejiang University" })
  check.equal(orgs_in("the Russian Academy of Sciences and Rosatom agreed"),
    { "Russian Academy of Sciences=Russian Academy of Sciences", "Rosatom=Rosatom" })
  check.equal(orgs_in("the Ministry of Industry and Information Technology ruled"),
    { "Ministry of Industry and Information Technology=Ministry of Industry and Information Technology" })
end

function tests.one_value_per_organisation_the_fullest_name()
  local text = "Rostec signed first. Later, AVIC and the defense firm Russia Technologies "
    .. "(Rostec) agreed; AVIC and Rostec will build helicopters."
  check.equal(orgs_in(text), {
    "Rostec=Russia Technologies", "AVIC=AVIC", "Russia Technologies=Russia Technologies",
    "Rostec=Russia Technologies", "AVIC=AVIC", "Rostec=Russia Technologies" })
end

function tests.short_names_in_parentheses_and_initials()
  local text = "the Ministry of Science and Technology of the People’s Republic of China (MOST) "
    .. "acted. Later the MOST said so, and the University of New South Wales and UNSW agreed."
  local full = "Ministry of Science and Technology of the People’s Republic of China"
  check.equal(orgs_in(text), {
    full .. "=" .. full, "MOST=" .. full, "MOST=" .. full,
    "University of New South Wales=University of New South Wales",
    "UNSW=University of New South Wales" })
  -- the other way round, and a word that only looks like a short name
  check.equal(orgs_in("MIIT (Ministry of Industry and Information Technology) said"), {
    "MIIT=Ministry of Industry and Information Technology",
    "Ministry of Industry and Information Technology=Ministry of Industry and Information Technology" })
  check.equal(orgs_in("either the LEFT (Labour Party) or the RIGHT"), { "Labour Party=Labour Party" })
end

function tests.a_known_name_takes_a_longer_form_the_document_gives()
  check.equal(orgs_in("Huawei Technologies makes phones; Huawei also sells routers."),
    { "Huawei Technologies=Huawei Technologies", "Huawei=Huawei Technologies" })
  -- the gazetteer's canonical name is never the value by itself
  check.equal(orgs_in("advice from Asio on the deal"), { "Asio=Asio" })
end

function tests.names_by_the_words_around_them()
  check.equal(orgs_in("deals with Kappa Mobile, Russia’s biggest mobile carrier."),
    { "Kappa Mobile=Kappa Mobile" })
  check.equal(orgs_in("said Acme Insights, a semiconductor research company in the US"),
    { "Acme Insights=Acme Insights" })
  check.equal(orgs_in("the Asian giant China and record producer Terry Melcher"), {})
end

function tests.what_is_no_organisation()
  for _, text in ipairs({
    "the Chinese foreign ministry said",
    "China’s commerce ministry",
    "The Group said profits rose. Bank shares fell.",
    "the Belt and Road Forum for International Cooperation",
    "apps such as TikTok, WeChat and Alipay",
    "the Minister of Science and Technology",
    "the Soviet Union",
    "investment in Emerging Technologies",
    "fires in the Amazon rainforest",
    "artificial intelligence (AI) and the Belt and Road Initiative (BRI)",
  }) do
    check.equal(orgs_in(text), {}, text)
  end
end

function tests.the_gazetteer_is_well_formed()
  local kinds = { company = true, agency = true, party = true, international = true,
                  ["think-tank"] = true, news = true, university = true }
  local file = assert(io.open(quarry.home .. "/data/gazetteers/orgs.tsv", "rb"))
  local header, seen, count, line_no = nil, {}, 0, 0
  for line in file:lines() do
    line_no = line_no + 1
    if not line:match("^#") then
      local fields = {}
      for f in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = f end
      if not header then
        header = line
        check.equal(fields, { "surface", "case", "name", "kind" }, "header")
      else
        local where = "orgs.tsv:" .. line_no .. ": "
        assert(#fields == 4, where .. "four columns")
        local surface, case, name, kind = fields[1], fields[2], fields[3], fields[4]
        assert(surface ~= "" and name ~= "", where .. "surface and name")
        assert(case == "exact" or case == "fold", where .. "case " .. case)
        assert(kinds[kind], where .. "kind " .. kind)
        local key = case == "fold" and surface:lower() or surface
        assert(not seen[key], where .. "listed twice: " .. surface)
        seen[key] = true
        count = count + 1
      end
    end
  end
  file:close()
  assert(count >= 500, "a real list: " .. count .. " entries")
  -- both apostrophes
  assert(seen["People's Daily"] and seen["People’s Daily"], "People's Daily with ' and ’")
end

return tests
