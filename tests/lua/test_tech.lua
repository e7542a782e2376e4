-- test_tech.lua: the tech rules (rules/tech*.lua, rules/lib/tech.lua) and
-- their taxonomy, data/gazetteers/tech.tsv: the file's shape, the fields
-- found in running text, and the mentions the context checks drop.

local check = require "check"
local quarry = require "quarry"
local pack = require "pack"

-- The field ids of GUIDELINES.md ("tech").
local FIELDS = {
  "ai", "5g", "iot", "quantum", "semiconductors", "big-data", "cloud", "blockchain", "robotics",
  "nanotech", "smart-cities", "space", "telecom", "cybersecurity", "e-commerce", "biotech",
  "surveillance", "ev", "energy", "3d-printing", "drones",
}

local TECH_RULES = { tech = true, tech_node = true }

local function rules() return pack.rules({ "tech", "tech_node" }) end

-- The standing tech annotations of the tech rules in a text, in text
-- order, as "text=field".
local function find(text)
  local found = {}
  for i, c in ipairs(pack.standing(pack.run(rules(), text, TECH_RULES), "tech")) do
    found[i] = text:sub(c.start + 1, c["end"]) .. "=" .. c.value.field
  end
  return found
end

local tests = {}

function tests.the_gazetteer_uses_the_guideline_ids_and_covers_them_all()
  local known, covered = {}, {}
  for _, id in ipairs(FIELDS) do known[id] = true end
  local _, entries = quarry.gazetteer.load(quarry.home .. "/data/gazetteers/tech.tsv")
  assert(#entries > 300, "a taxonomy of many variants")
  local seen = {}
  for i, e in ipairs(entries) do
    assert(known[e.field], string.format("entry %d (%s): unknown field %s", i, e.surface, tostring(e.field)))
    covered[e.field] = true
    assert(e.case == "exact" or e.case == "fold", e.surface .. ": case must be exact or fold")
    assert(e.needs == nil or e.needs == "context", e.surface .. ": needs is context or empty")
    local key = e.case == "fold" and e.surface:lower() or e.surface
    assert(not seen[key], "the same surface twice: " .. e.surface)
    seen[key] = true
  end
  for _, id in ipairs(FIELDS) do assert(covered[id], "no entry for field " .. id) end
end

function tests.every_field_in_running_text()
  check.equal(find("The pact covers artificial intelligence (AI), 5G, the Internet of Things, "
    .. "quantum computing, microchips, big data, cloud computing, blockchain, robotics, "
    .. "nanotechnology and smart cities."), {
    "artificial intelligence=ai", "AI=ai", "5G=5g", "Internet of Things=iot",
    "quantum computing=quantum", "microchips=semiconductors", "big data=big-data",
    "cloud computing=cloud", "blockchain=blockchain", "robotics=robotics",
    "nanotechnology=nanotech", "smart cities=smart-cities" }, "first list")
  check.equal(find("Other areas: satellites, fibre-optic cables, cyber security, e-commerce, "
    .. "biotechnology, facial recognition, electric vehicles, renewable energy, 3D printing "
    .. "and UAVs."), {
    "satellites=space", "fibre-optic cables=telecom", "cyber security=cybersecurity",
    "e-commerce=e-commerce", "biotechnology=biotech", "facial recognition=surveillance",
    "electric vehicles=ev", "renewable energy=energy", "3D printing=3d-printing",
    "UAVs=drones" }, "second list")
end

function tests.variants_and_spans()
  check.equal(find("Generative AI, A.I. and machine-learning tools"),
    { "Generative AI=ai", "A.I.=ai", "machine-learning=ai" }, "ai variants")
  check.equal(find("They build 5G networks and plan 6G."), { "5G=5g", "6G=5g" }, "5g span")
  check.equal(find("making semiconductor chips and 7-nanometre chips"),
    { "semiconductor chips=semiconductors", "7-nanometre chips=semiconductors" }, "one span each")
  check.equal(find("for smart and safe city-related projects"),
    { "smart and safe city=smart-cities" }, "smart and safe city")
  check.equal(find("a fiber optic cable and telecommunications equipment industries"),
    { "fiber optic cable=telecom", "telecommunications equipment=telecom" }, "two telecom spans")
end

function tests.line_breaks_and_odd_spaces_inside_a_term()
  check.equal(find("China\226\128\153s Beidou\194\160navigation satellite\194\160system had"),
    { "Beidou\194\160navigation satellite\194\160system=space" }, "non-breaking spaces: one span")
  check.equal(find("investment in artificial\nintelligence and big\n    data"),
    { "artificial\nintelligence=ai", "big\n    data=big-data" }, "wrapped lines")
  check.equal(find("the end of the big\n\ndata"), {}, "a blank line is never crossed")
end

function tests.field_words_inside_names_are_not_tech()
  for _, text in ipairs({
    "according to the Semiconductor Industry Association, sales rose",
    "the Global AI Governance Initiative (GAIGI) was proposed",
    "under the Smart City Initiative",
    "the China Aerospace Science and Technology Corporation",
    "the Ministry of Artificial Intelligence",
    "the Office National des Postes et Telecommunications du Maroc",
    "British Aerospace said on Monday",
    "shares of Fairchild Semiconductor Corp's parent",
    "the U.S. CHIPS and Science Act",
  }) do
    check.equal(find(text), {}, text)
  end
end

function tests.a_headline_is_not_a_name()
  check.equal(find("Intro.\n\nChina-Russia AI Cooperation Deepens\n\nThe AI Cooperation Forum met."),
    { "AI=ai" }, "the headline's AI stands, the forum's does not")
end

function tests.a_company_named_by_a_field_word_is_not_tech()
  check.equal(find("Telecom said it would sell the unit.\nLater, Telecom's shares rose."), {},
    "Telecom as a company")
  check.equal(find("Telecom operators said prices would rise."), { "Telecom=telecom" },
    "a capital at the start of a sentence alone proves nothing")
end

function tests.acronyms_that_mean_something_else_here()
  check.equal(find("Amnesty International (AI) said the report, which AI released, was late."),
    {}, "AI defined as Amnesty International")
  check.equal(find("Allegheny International Inc said AI would shrink."), {}, "a company's initials")
  check.equal(find("a cask leased to General Public Utilities <GPU> for a year"), {}, "a ticker")
  check.equal(find("Artificial Intelligence (AI) is the focus; AI labs will open."),
    { "Artificial Intelligence=ai", "AI=ai", "AI=ai" }, "AI defined as itself")
  check.equal(find("the said firm and a Maitai"), {}, "ai inside words and lower case")
end

function tests.ambiguous_words_need_their_context()
  for _, text in ipairs({
    "blue chip stocks rallied", "a blue-chip index", "fish and chips", "a bag of potato chips",
    "a bargaining chip in the talks", "a satellite town of Beijing", "office space in Manhattan",
    "a cloud of smoke", "energy prices rose", "soybean processors cut crush",
    "IMF surveillance of exchange rates", "the exchange's surveillance of futures trading",
    "in communications with the ministry", "the company's communications director",
    "France is a nuclear power", "rocket attacks on the city",
    "information technology, the digital economy and aviation",
    "state broadcaster CCTV reported on Monday", "CCTV said the talks went well",
  }) do
    check.equal(find(text), {}, text)
  end
  check.equal(find("investment in communications, AI and robots"),
    { "communications=telecom", "AI=ai", "robots=robotics" }, "communications among fields")
  check.equal(find("Critics fear state surveillance of dissidents."),
    { "surveillance=surveillance" }, "surveillance with its context words")
  check.equal(find("Cameras were installed. Critics worry that such surveillance goes unchecked."),
    { "surveillance=surveillance" }, "context in the sentence before")
  check.equal(find("Police installed CCTV cameras in the square."), { "CCTV=surveillance" },
    "CCTV as cameras")
  check.equal(find("a small nuclear power plant on the Moon"),
    { "nuclear power plant=energy" }, "a nuclear power plant")
  check.equal(find("the production of 4nm processors"), { "4nm processors=semiconductors" },
    "a process node")
  check.equal(find("a zone of 200 nm off the coast"), {}, "nautical miles")
end

return tests
