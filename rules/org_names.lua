-- org_names.lua: one value per organisation in a document: every mention
-- gets the fullest name the document gives it anywhere, so that all its
-- mentions share one value, as in the gold (its decisions 24, 25):
-- "Rostec" → "Russia Technologies", "UNSW" → "University of New South
-- Wales", "Huawei" → "Huawei Technologies" where both stand. Mentions are
-- one organisation when org_acronym.lua tied a short name to a full one,
-- or when the gazetteer gives them the same canonical name (with company
-- suffixes left off: "Huawei Technologies Co., Ltd." is "Huawei"). The
-- canonical name itself is never the value unless the document writes it.

local orgs = require "lib.orgs"

-- The gazetteer's canonical name for a name as written, also without a
-- leading "The" and without company suffixes.
local suffix_words = orgs.set { "Co.", "Co", "Ltd.", "Ltd", "Inc.", "Inc", "Corp.", "Corp",
  "PLC", "plc", "LLC", "AG", "SA", "S.A.", "GmbH", "NV", "N.V.", "Limited", "Group",
  "Holdings", "Corporation", "Company", "Bhd", "Berhad", "Tbk", "Pte", "Pty", "SpA", "S.p.A.",
  "AB", "ASA", "Oyj", "BV", "B.V." }
local function canonical(name)
  local key = orgs.canonical(name)
  if key then return key end
  local bare = name:gsub("^The ", "")
  while true do
    key = orgs.canonical(bare)
    if key then return key end
    local shorter, last = bare:match("^(.-),?%s+(%S+)$")
    if not shorter or not suffix_words[last] then return nil end
    bare = shorter
  end
end

return {
  name = "org_names",
  type = "org",
  description = "gives all mentions of one organisation in a document its fullest name there",
  needs = { "org" },
  order = -10, -- after org_acronym, before the rules that read organisations
  priority = 10, -- beats the mention it renames
  apply = function(_, found, emit)
    local mentions = found("org")
    -- a name wrapped over two lines is the same name ("Tata\nElectronics")
    local function clean(s) return (s:gsub("%s+", " ")) end
    local parent = {}
    local function root(x)
      local r = x
      while parent[r] do r = parent[r] end
      while parent[x] do x, parent[x] = parent[x], r end -- shorten the path
      return r
    end
    local function union(a, b)
      local ra, rb = root(a), root(b)
      if ra ~= rb then parent[ra] = rb end
    end
    local written = {} -- names the document writes -> first place
    for _, m in ipairs(mentions) do
      local text, name = clean(m.text), clean(m.value and m.value.name or m.text)
      union(text, name)
      for _, s in ipairs({ text, name }) do
        if not written[s] then
          written[s] = m.start -- mentions come in text order
          local key = canonical(s)
          if key then union(s, "\0" .. key) end
        end
      end
    end
    -- the fullest written name of each group: the longest, a name in
    -- capitals (a letterhead) only where no other is written, then the first
    local best = {}
    local function shouting(s) return s:find("%u%u%u") ~= nil and s:find("%l") == nil end
    for s, at in pairs(written) do
      local r = root(s)
      local b = best[r]
      if not b or (shouting(b) and not shouting(s))
         or (shouting(s) == shouting(b) and (#s > #b
             or (#s == #b and (at < written[b] or (at == written[b] and s < b))))) then
        best[r] = s
      end
    end
    for _, m in ipairs(mentions) do
      local name = m.value and m.value.name or m.text
      local fullest = best[root(clean(m.text))]
      if fullest and fullest ~= name then emit(m.start, m["end"], { name = fullest }) end
    end
  end,
  examples = {
    { "Tata\nElectronics is building it. Tata Electronics said", find = {
      { "Tata\nElectronics", { name = "Tata Electronics" } } } },
    { "Rostec signed with AVIC. Russia Technologies said", "Rostec",
      { name = "Russia Technologies" } },
    { "Huawei Technologies said. Later Huawei said", "Huawei", { name = "Huawei Technologies" } },
    { "The European Union and the EU", "EU", { name = "European Union" } },
  },
  counterexamples = {
    "Huawei and ZTE",
    "the Chinese Academy of Sciences and the Chinese Academy of Social Sciences",
  },
}
