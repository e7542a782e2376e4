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
-- initiatives, programmes and plans are things done, not bodies that act
-- (the gold's decision 19), so their words are no heads. "the Chinese
-- foreign ministry" (lower case) is a country's government, not an
-- organisation: the gold counts the country in it (decision 17), and in
-- "the Dutch Ministry of Foreign Affairs" or "the US Bureau of Industry and
-- Security" the country stays out of the body's name (eval README 18).
--
-- Two more shapes without a head word:
--   a company or a trade word and a country's name: a national arm or a
--     national company ("MTN Nigeria", "Telecom Egypt", "Air India"; the
--     country inside is then no country mention);
--   a name glued to a trade word: "Kazakhtelecom", "Uztelecom".

local lpeg = require "lpeg"
local text = require "lib.text"
local orgs = require "lib.orgs"

local P, R, S, Cg, Cc, Cmt = lpeg.P, lpeg.R, lpeg.S, lpeg.Cg, lpeg.Cc, lpeg.Cmt

-- (the match-time checks return only a position or false: they run
-- inside the scanner's predicate too)
-- (each behind a plain look at the words, as they are tried at every
-- capital)
local sp = text.space
local cap = R"AZ" * (text.word_char + S"&.") ^ 0
local body = (P"Ministry" + P"Department" + P"Bureau" + P"Office") * sp
local country_body = #(cap * (sp * -body * cap) ^ -2 * sp * body * (P"of" + P"for") * sp)
                     * Cmt(P(true), function(subject, pos)
                         return orgs.country_before_body(subject, pos)
                       end)
local national = Cg(Cc"national", "shape") * #orgs.national_start
                 * Cmt(P(true), function(subject, pos)
                     return orgs.national_at(subject, pos) or false
                   end)
local trade_end = (P"telecom" + P"telekom") * -text.word_char
-- (first a plain look at the word's end)
local glued = #(R"AZ" * R"az" ^ 1 * -text.word_char * (lpeg.B"telecom" + lpeg.B"telekom"))
              * Cg(Cc"glued", "shape") * R"AZ" * (R"az" - trade_end) ^ 1 * trade_end

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
  -- (a name has a head word: where none lies ahead, the look for a
  -- country before a body, which needs one too, is not made)
  pattern = #R"AZ" * text.word_start
            * (orgs.head_ahead * -country_body * orgs.name + national + glued),
  value = function(c, m)
    local name = m.text
    if orgs.not_orgs[name] or orgs.is_country(name) then return false end
    if c.shape then return { name = name } end
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
      -- country's ministry, not a name: the gold counts the country
      -- (decision 17); "Ministry of
      -- Commerce" is one
      if head == "Ministry" then return false end
      -- "US Geological Survey", not "the Annual Survey"
      if head == "Survey" and not orgs.survey_agency(mods[#mods]) then return false end
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
    { "officers of the Dorset Police said", "Dorset Police", { name = "Dorset Police" } },
    { "Singapore's Economic Development Board said", "Economic Development Board", { name = "Economic Development Board" } },
    { "approved by the Board of Investment on Monday", "Board of Investment", { name = "Board of Investment" } },
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
    { "State utility Permata Nasional Bhd said", "Permata Nasional Bhd",
      { name = "Permata Nasional Bhd" } },
    -- a complement that is a list of fields, items of two words too
    { "a vice-minister at the Ministry of Energy, Mines and Petroleum Resources said",
      "Ministry of Energy, Mines and Petroleum Resources",
      { name = "Ministry of Energy, Mines and Petroleum Resources" } },
    { "the Ministry of Digital Affairs, Innovation and Space Industry said",
      "Ministry of Digital Affairs, Innovation and Space Industry",
      { name = "Ministry of Digital Affairs, Innovation and Space Industry" } },
    -- a field in the plural after "and"
    { "the Institute for Legal Studies and Reforms said", "Institute for Legal Studies and Reforms",
      { name = "Institute for Legal Studies and Reforms" } },
    { "with permission from the Ministry of State for Heritage and Culture",
      "Ministry of State for Heritage and Culture",
      { name = "Ministry of State for Heritage and Culture" } },
    -- heads before "for"
    { "the Federal Ministry for Digital and Transport Affairs said",
      "Federal Ministry for Digital and Transport Affairs",
      { name = "Federal Ministry for Digital and Transport Affairs" } },
    { "The Department for Business and Trade said", "Department for Business and Trade",
      { name = "Department for Business and Trade" } },
    { "The State Secretariat for Migration said", "State Secretariat for Migration",
      { name = "State Secretariat for Migration" } },
    -- two names of their own joined by "and"
    { "in towns where ZQT Ghana and Lumen Communications operate",
      find = { { "ZQT Ghana", { name = "ZQT Ghana" } },
               { "Lumen Communications", { name = "Lumen Communications" } } } },
    { "where Huawei Ghana and Lumen Networks Company compete",
      find = { { "Huawei Ghana", { name = "Huawei Ghana" } },
               { "Lumen Networks Company", { name = "Lumen Networks Company" } } } },
    { "Akron-based Firestone Tire and Rubber Co said", "Firestone Tire and Rubber Co",
      { name = "Firestone Tire and Rubber Co" } },
    { "underwritten by Goldman Sachs and Co and others", "Goldman Sachs and Co",
      { name = "Goldman Sachs and Co" } },
    { "died at the Baylor Scott and White Medical Center in Texas",
      "Baylor Scott and White Medical Center", { name = "Baylor Scott and White Medical Center" } },
    { "the Bill and Melinda Gates Foundation gave", "Bill and Melinda Gates Foundation",
      { name = "Bill and Melinda Gates Foundation" } },
    { "the Kenya Power and Lighting Company raised tariffs", "Kenya Power and Lighting Company",
      { name = "Kenya Power and Lighting Company" } },
    { "the Hong Kong and Shanghai Banking Corporation lent",
      "Hong Kong and Shanghai Banking Corporation",
      { name = "Hong Kong and Shanghai Banking Corporation" } },
    -- a trade word or a company, then a country
    { "Telecom Ghana said on Monday", "Telecom Ghana", { name = "Telecom Ghana" } },
    { "a jet of Air Malawi landed", "Air Malawi", { name = "Air Malawi" } },
    -- a name glued to a trade word
    { "Tajiktelecom has built the network", "Tajiktelecom", { name = "Tajiktelecom" } },
    -- a survey agency
    { "according to the British Geological Survey (BGS)", "British Geological Survey",
      { name = "British Geological Survey" } },
    -- a country's short form or demonym before a government body stays out
    { "the German Ministry of Defence said", "Ministry of Defence", { name = "Ministry of Defence" } },
    { "the UK Office for National Statistics said", "Office for National Statistics",
      { name = "Office for National Statistics" } },
    { "the Australian Bureau of Statistics said", "Australian Bureau of Statistics",
      { name = "Australian Bureau of Statistics" } },
  },
  counterexamples = {
    "The Board of Directors met on Monday.",
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
    "the Economic Survey said",
    "the Annual Survey of Industries",
    "the EU China summit",
    "US China trade talks",
    "an AI Kenya hub opened",
    "the Telecom sector grew",
    "telecom firms in Kenya",
    "NETHERLANDS GRANTS 47 MLN DLRS TO BANGLADESH",
    "AUSTERITY MEASURES IN HUNGARY",
    "STANLEY WORKS SETS QUARTERLY\nNEW BRITAIN, Conn., March 4 - Qtly div 19 cts",
    "Deutsche Finance NV Curacao is issuing a bond",
  },
}
