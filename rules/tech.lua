-- tech.lua: technology fields named in the text, from the taxonomy in
-- data/gazetteers/tech.tsv (one surface form a line: "artificial
-- intelligence", "AI", "chipmakers", "fibre-optic cables", "UAVs", with the
-- field id). Value: {field = "<id>"}, the ids of GUIDELINES.md ("ai",
-- "5g", "semiconductors", ...). Matches are whole words, leftmost-longest,
-- so "semiconductor chips" is one mention and "5G networks" is "5G".
--
-- rules/lib/tech.lua drops a mention inside a longer name ("Semiconductor
-- Industry Association") and applies the per-entry context columns of the
-- gazetteer ("blue chip", "satellite town", IMF "surveillance").
-- tech_spaced.lua finds the multi-word forms across line breaks and
-- non-breaking spaces; tech_node.lua finds process nodes ("4nm processors").
--
-- To extend the taxonomy, add lines to tech.tsv (every variant spelled out)
-- and an example here.

local tech = require "lib.tech"

return {
  name = "tech",
  type = "tech",
  description = "technology fields (AI, 5G, chips, satellites, ...) from the tech gazetteer",
  gazetteer = tech.gazetteer,
  value = tech.value,
  examples = {
    { "advances in artificial intelligence and robotics",
      find = { { "artificial intelligence", { field = "ai" } }, { "robotics", { field = "robotics" } } } },
    { "a new A.I. model", "A.I.", { field = "ai" } },
    { "firms racing to train large language models", "large language models", { field = "ai" } },
    { "spending on generative AI tools", "generative AI", { field = "ai" } },
    { "the rollout of 6G", "6G", { field = "5g" } },
    { "operators building 5G networks", "5G", { field = "5g" } },
    { "sensors for the Internet of Things (IoT)",
      find = { { "Internet of Things", { field = "iot" } }, { "IoT", { field = "iot" } } } },
    { "advances in quantum cryptography", "quantum cryptography", { field = "quantum" } },
    { "export controls on microchips", "microchips", { field = "semiconductors" } },
    { "the country's biggest chipmaker", "chipmaker", { field = "semiconductors" } },
    { "investment in chip-making capacity", "chip-making", { field = "semiconductors" } },
    { "making semiconductor chips takes precision", "semiconductor chips", { field = "semiconductors" } },
    { "orders for integrated circuits", "integrated circuits", { field = "semiconductors" } },
    { "high-end chips for phones", "chips", { field = "semiconductors" } },
    { "analytics on big data", "big data", { field = "big-data" } },
    { "demand for cloud services", "cloud services", { field = "cloud" } },
    { "a blockchain-based registry", "blockchain", { field = "blockchain" } },
    { "industrial robots on the line", "industrial robots", { field = "robotics" } },
    { "a grant for nanotechnology", "nanotechnology", { field = "nanotech" } },
    { "smart-city projects in Africa", "smart-city", { field = "smart-cities" } },
    { "Huawei's safe city systems", "safe city", { field = "smart-cities" } },
    { "two new satellites were launched", "satellites", { field = "space" } },
    { "a receiver for BeiDou and GLONASS",
      find = { { "BeiDou", { field = "space" } }, { "GLONASS", { field = "space" } } } },
    { "Russia's aerospace industry", "aerospace", { field = "space" } },
    { "a new space station module", "space station", { field = "space" } },
    { "plans for a joint Moon base", "Moon base", { field = "space" } },
    { "laying fibre-optic cables", "fibre-optic cables", { field = "telecom" } },
    { "repairs to submarine cables", "submarine cables", { field = "telecom" } },
    { "a supplier of telecoms equipment", "telecoms equipment", { field = "telecom" } },
    { "investment in communications, AI and robots",
      find = { { "communications", { field = "telecom" } }, { "AI", { field = "ai" } },
               { "robots", { field = "robotics" } } } },
    { "a cyber-security breach", "cyber-security", { field = "cybersecurity" } },
    { "rules on information security", "information security", { field = "cybersecurity" } },
    { "the growth of ecommerce and mobile payments",
      find = { { "ecommerce", { field = "e-commerce" } }, { "mobile payments", { field = "e-commerce" } } } },
    { "a hub for the life sciences", "life sciences", { field = "biotech" } },
    { "sales of facial-recognition software", "facial-recognition", { field = "surveillance" } },
    { "CCTV cameras on every corner", "CCTV", { field = "surveillance" } },
    { "state surveillance of dissidents", "surveillance", { field = "surveillance" } },
    { "subsidies for EVs and electric buses",
      find = { { "EVs", { field = "ev" } }, { "electric buses", { field = "ev" } } } },
    { "a shift to renewable energy", "renewable energy", { field = "energy" } },
    { "a low-carbon transition", "low-carbon", { field = "energy" } },
    { "parts made by additive manufacturing", "additive manufacturing", { field = "3d-printing" } },
    { "military UAVs and quadcopters",
      find = { { "UAVs", { field = "drones" } }, { "quadcopters", { field = "drones" } } } },
  },
  counterexamples = {
    "blue chip stocks rallied",
    "a blue-chip index",
    "a bag of potato chips",
    "poker chips on the table",
    "a bargaining chip in the talks",
    "the Semiconductor Industry Association said",
    "the Chips and Science Act",
    "the Global AI Governance Initiative",
    "the Ministry of Artificial Intelligence",
    "British Aerospace shares rose",
    "China Telecom said on Monday",
    "the said firm", -- "ai" is only found as a word, in capitals
    "Maitai and Thai food",
    "a satellite town of Beijing",
    "office space in Manhattan",
    "a cloud of smoke",
    "energy prices rose",
    "soybean processors cut crush",
    "IMF surveillance of exchange rates",
    "enhanced surveillance of the economies of member states",
    "in communications with the ministry",
    "the company's communications director",
    "France is a nuclear power",
    "rocket attacks on the city",
    "information technology and the digital economy",
    "state broadcaster CCTV reported on Monday",
    "Data came from the Youth Risk Behavior Surveillance System, the study said.",
  },
}
