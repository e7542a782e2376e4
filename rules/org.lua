-- org.lua: organisations by the shape of their names: capitalised words
-- ending in a head word ("China Development Bank", "State Council",
-- "Far Eastern Federal University", "Global Times", "Amoco Corp"), a head
-- with its complement ("University of New South Wales", "Ministry of
-- Science and Technology of the People’s Republic of China", "Chinese
-- Academy of Sciences", "Council on Foreign Relations"), and company
-- suffixes ("Huawei Technologies Co., Ltd."). The words are in
-- lib/orgs.lua. Value: {name = the name as written}; org_names.lua then
-- gives every mention the fullest name the document has for it.
--
-- A name that ends in a weak head (a trade, a news outlet, "Centre",
-- "Service", a suffix) needs a word before it that is not generic
-- ("Emerging Technologies", "Latest News" are no names). Forums, events,
-- initiatives, programmes and plans are not organisations (DECISIONS 19),
-- so their words are no heads. "the Chinese foreign ministry" (lower case)
-- is a country's government, not an organisation (DECISIONS 17).

local lpeg = require "lpeg"
local text = require "lib.text"
local orgs = require "lib.orgs"

-- The modifier words of a name: the words before its head.
local function modifiers(name, head_offset)
  local list = {}
  for w in name:sub(1, head_offset):gmatch("%S+") do
    if w ~= "and" and w ~= "&" then list[#list + 1] = w end
  end
  return list
end

local function all_in(list, words)
  if #list == 0 then return false end
  for _, w in ipairs(list) do
    if not words[w] then return false end
  end
  return true
end

return {
  name = "org",
  type = "org",
  description = "organisations by the shape of their names: capitalised words and a head word",
  pattern = #lpeg.R"AZ" * text.word_start * orgs.name,
  value = function(c, m)
    local name = m.text
    if orgs.not_orgs[name] or orgs.is_country(name) then return false end
    local head_offset = c.head_at - 1 - m.start -- bytes of the name before its head
    local after = name:sub(head_offset + #c.head + 1)
    local has_complement = after:match("^%s+of%s") or after:match("^%s+for%s")
                           or after:match("^%s+on%s")
    local mods = modifiers(name, head_offset)
    local head = c.head:gsub("%.$", "")
    if not has_complement then
      local kind = orgs.weak[head]
      -- a paper's name may be all common words ("Science and Technology
      -- Daily"), a section heading is short ("Latest News")
      if kind and all_in(mods, orgs.generic[kind])
         and (kind ~= "news" or #mods == 1 or all_in({ mods[1] }, orgs.generic.any)) then
        return false
      end
      if all_in(mods, orgs.generic.any) then return false end
      -- "the Foreign Ministry", "Russia’s Emergencies Ministry": a
      -- country's ministry, not a name (DECISIONS 17); "Ministry of
      -- Commerce" is one
      if head == "Ministry" then return false end
      -- "Trump Administration" is a government, "Federal Aviation
      -- Administration" an agency
      if head == "Administration" and #mods == 1
         and not mods[1]:match("[ai]l$") and not mods[1]:match("an$")
         and not mods[1]:match("ic$") and not mods[1]:match("ry$") then
        return false
      end
    end
    return { name = name }
  end,
  examples = {
    { "Loans from China Development Bank rose.", "China Development Bank",
      { name = "China Development Bank" } },
    { "The Bank of China lends.", "Bank of China", { name = "Bank of China" } },
    { "researchers at the Russian Academy of Sciences said", "Russian Academy of Sciences",
      { name = "Russian Academy of Sciences" } },
    { "a decree of the State Council’s general office", "State Council", { name = "State Council" } },
    { "she studied at Novosibirsk State University in Siberia", "Novosibirsk State University",
      { name = "Novosibirsk State University" } },
    { "a deal with the University of Melbourne was signed", "University of Melbourne",
      { name = "University of Melbourne" } },
    { "the Ministry of Industry and Information Technology issued rules",
      "Ministry of Industry and Information Technology",
      { name = "Ministry of Industry and Information Technology" } },
    { "the Cyberspace Administration of China fined it", "Cyberspace Administration of China",
      { name = "Cyberspace Administration of China" } },
    { "an op-ed in the Hindustan Times argued", "Hindustan Times", { name = "Hindustan Times" } },
    { "Chrysler Corp said on Monday", "Chrysler Corp", { name = "Chrysler Corp" } },
    { "shares of Shenzhen Goodix Technology Co., Ltd. fell", "Shenzhen Goodix Technology Co., Ltd.",
      { name = "Shenzhen Goodix Technology Co., Ltd." } },
    { "the Communist Party of Vietnam met", "Communist Party of Vietnam",
      { name = "Communist Party of Vietnam" } },
    { "the Institute for Strategic Studies published it", "Institute for Strategic Studies",
      { name = "Institute for Strategic Studies" } },
    { "the Science and Technology Daily reported", "Science and Technology Daily",
      { name = "Science and Technology Daily" } },
    { "The European Space Agency and the Indian Space Research Organisation agreed",
      find = { { "European Space Agency", { name = "European Space Agency" } },
               { "Indian Space Research Organisation", { name = "Indian Space Research Organisation" } } } },
    { "students of Fudan University and Zhejiang University",
      find = { { "Fudan University", { name = "Fudan University" } },
               { "Zhejiang University", { name = "Zhejiang University" } } } },
    { "the Chinese Academy of Sciences President Hou said", "Chinese Academy of Sciences",
      { name = "Chinese Academy of Sciences" } },
    { "the Group of Twenty met", "Group of Twenty", { name = "Group of Twenty" } },
    { "countries of the Group 16+1 met", "Group 16+1", { name = "Group 16+1" } },
    { "the Institute of Computing Technology of the Chinese Academy of Sciences",
      find = { { "Institute of Computing Technology", { name = "Institute of Computing Technology" } },
               { "Chinese Academy of Sciences", { name = "Chinese Academy of Sciences" } } } },
    { "the Ministry of Foreign Affairs of the Russian Federation said",
      "Ministry of Foreign Affairs of the Russian Federation",
      { name = "Ministry of Foreign Affairs of the Russian Federation" } },
    { "filed with the Securities and Exchange Commission on", "Securities and Exchange Commission",
      { name = "Securities and Exchange Commission" } },
    { "Samsung Electronics and Acme Electronics agreed",
      find = { { "Samsung Electronics", { name = "Samsung Electronics" } },
               { "Acme Electronics", { name = "Acme Electronics" } } } },
  },
  counterexamples = {
    "The Group said profits rose.",
    "Bank shares fell.",
    "the Chinese foreign ministry said",
    "China’s commerce ministry",
    "the Russian Foreign Ministry said",
    "investment in Emerging Technologies and Latest News",
    "the Belt and Road Forum for International Cooperation",
    "the Belt and Road International Science and Technology Organization Cooperation Platform Construction Project",
    "the Minister of Science and Technology",
    "the Soviet Union collapsed",
    "a Group 1 carcinogen",
    "a talk in the Oval Office",
    "the Trump Administration",
    "a new Research Centre opened",
    "filed with the Co Inc and Holding Ltd",
  },
}
