-- country.lua: countries named, abbreviated, or referred to by a demonym,
-- an alias or their capital (for the government), from the gazetteer
-- data/gazetteers/countries.tsv (ISO 3166-1 names with short forms,
-- demonyms and capitals; see its header and tests/tools/make_countries.lua).
-- Value: {iso = "ISO 3166-1 alpha-2"}.
--
-- The gazetteer finds the names; the value function reads the words around
-- each one (lib/context.lua) and drops those that are no country mention:
--   - a name inside an organisation's name: "Chinese Academy of Sciences",
--     "China Development Bank", "Bank of China", "Carnegie India" (the name
--     runs on in capitalised words to an organisation word, or follows
--     "of"/"for" after one, or a name-like capitalised word); with org
--     rules, `inside` also sets these aside;
--   - a capital used as a place: "held in Beijing", "Beijing-based",
--     "Moscow State University", "Beijing (3rd)", "Beijing and Shanghai";
--     a capital counts where it acts or owns: "Beijing's efforts",
--     "Moscow and Beijing are ...";
--   - a country in a currency's name ("US$", "Singapore dollars"), or "US"
--     the pronoun in capitals ("CONTACT US");
--   - names that are also people's names, places or words ("Michael
--     Jordan", "Niger Delta", "Atlanta, Georgia"): dropped next to another
--     capitalised word, and counted only in a document that has one of the
--     entry's cue words (Georgia: "Tbilisi", "Caucasus", ...);
--   - a city-state inside a hyphenated place ("Shenzhen-Hong Kong-Guangzhou");
--   - entries of kind "not": regions and places that contain a country's
--     name ("Latin America", "South China Sea", "New Mexico").

local gazetteers = require "quarry.gazetteers"
local context = require "lib.context"
local text = require "lib.text"

local capitalised, lower, key = context.capitalised, context.lower, context.key

local set = text.set

-- Single words of the gazetteer that name a country or its capital, so that
-- "Moscow and Beijing" or "Kenya, Guinea" read as lists of countries.
-- Brussels stands for the EU, a government seat as well.
local country_words, country_names = { Brussels = true }, {}
do
  local _, entries = gazetteers.get("countries")
  for _, entry in ipairs(entries) do
    if entry.iso then
      if not entry.surface:find("[%s%.]") then country_words[entry.surface] = true end
      country_names[entry.surface] = true
    end
  end
end
local function country_word(token)
  return token ~= nil and token.kind == "word" and country_words[token.text] == true
end

-- Whether the words from list[i] on begin with a country's or capital's
-- name of up to four words ("New Delhi", "South Korea").
local function country_name_at(list, i)
  local words = {}
  for k = i, i + 3 do
    local token = list[k]
    if not (token and token.kind == "word") or (k > i and not token.space) then break end
    words[#words + 1] = token.text
    if country_names[table.concat(words, " ")] then return true end
  end
  return false
end

-- Capitalised words that begin sentences and are no part of a name, so
-- that "In Jordan" or "Meanwhile Moscow" are not read as "Michael Jordan"
-- or "George Washington"; and titles.
local function_words = set {
  "in", "at", "on", "to", "from", "for", "with", "by", "of", "and", "but", "or", "as", "the",
  "a", "an", "after", "before", "while", "when", "since", "both", "only", "even", "then",
  "unlike", "like", "including", "against", "between", "across", "under", "over", "through",
  "without", "within", "until", "despite", "during", "via", "meanwhile", "however", "now",
  "today", "yesterday", "also", "still", "yet", "so", "thus", "instead", "later", "earlier",
  "this", "that", "these", "those", "neither", "either", "whether", "if", "although",
  "though", "because", "once", "where", "why", "how", "what", "who", "whom", "which", "can",
  "will", "would", "should", "could", "did", "does", "do", "has", "have", "had", "is", "was",
  "are", "were", "may", "might", "must", "all", "many", "some", "most", "nor", "not", "let",
  "here", "there", "says", "said", "say", "tell", "ask", "see", "about", "among", "toward",
  "towards", "into", "onto", "upon", "beyond", "near", "outside", "inside", "around",
  "behind", "above", "below", "than", "whereas", "indeed", "moreover", "furthermore",
  "overall", "together", "first", "second", "third", "finally", "last", "next", "besides",
  "excluding", "except", "amid", "per", "apart", "analysts", "officials",
  "critics", "observers", "experts", "president", "prime", "minister", "king", "queen",
  "premier", "foreign", "government", "monday", "tuesday", "wednesday", "thursday", "friday",
  "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
  "august", "september", "october", "november", "december",
}
local function name_part(token)
  return capitalised(token) and not function_words[key(token)] and not country_word(token)
end

-- Words that end an organisation's name: a country's name or demonym that
-- runs on in capitalised words to one of these is part of that name.
-- Ministry, Department and Government are left out: "the Chinese Foreign
-- Ministry" and "the UK Government" refer to the country's government, so
-- the country counts and no organisation does (the gold's decision 17).
local org_words = set {
  "academy", "university", "universities", "institute", "institutes", "institution",
  "college", "polytechnic", "school", "laboratory", "laboratories", "centre", "center",
  "museum", "library", "hospital", "bank", "banque", "banco", "fund", "trust", "capital",
  "securities", "insurance", "exchange", "holdings", "holding", "group", "corporation",
  "corp", "company", "co", "inc", "ltd", "limited", "llc", "plc", "sa", "ag", "nv", "gmbh",
  "spa", "bhd", "pte", "pty", "technologies", "industries", "electronics", "telecom",
  "telecommunications", "mobile", "unicom", "airlines", "airways", "railway", "railways",
  "shipping", "shipbuilding", "steel", "petroleum", "petrochemical", "motors", "partners",
  "associates", "ventures", "association", "society", "federation", "union", "league",
  "council", "commission", "committee", "board", "agency", "administration", "authority",
  "bureau", "service", "foundation", "chamber", "party", "army", "navy", "post", "times",
  "daily", "herald", "tribune", "journal", "gazette", "telegraph", "observer",
  "television", "tv", "radio", "broadcasting", "network", "today", "organization",
  "organisation", "observatoire", "institut", "instituto", "universidad", "université",
  "universität", "société", "compagnie", "centro", "agence", "petróleos", "petroleos",
  "theatre", "theater", "forces", "corps", "guards", "police",
}
-- Before "of (the) <country>" the same, and the bodies of a state.
local org_words_before = set { "ministry", "department", "embassy", "consulate", "office" }
for w in pairs(org_words) do org_words_before[w] = true end

-- Lower-case words that join the words of a name ("Academy of Social
-- Sciences", "Science and Technology Corporation").
local joining = set { "of", "and", "for", "the", "de", "du", "des", "on", "&", "-" }

-- Whether the name is followed by the rest of an organisation's name.
local function org_after(ctx)
  local after = ctx.after
  local first = after[1]
  if first and first.text == ")" and org_words[key(after[2])] then return true end -- "Bank (Singapore) Ltd"
  if not (first and first.space and not first.newline and capitalised(first)) then return false end
  for i = 1, 12 do
    local token = after[i]
    if token == nil then return false end
    if capitalised(token) then
      if org_words[key(token)] then return true end
    elseif i == 1 or not (joining[key(token) or token.text] and (token.space or token.text == "-")) then
      return false
    end
  end
  return false
end

-- Whether the name ends an organisation's name: "Bank of China",
-- "Ministry of Science and Technology of the People's Republic of China",
-- "Mercator Institute for China Studies", "Merchant Bank (Singapore)".
-- (words that also end a country's own name: "the Russian Federation
-- (Russia)" names the country twice, no organisation)
local ends_country_name = set { "federation", "republic", "kingdom", "states", "emirates", "union" }
local function org_before(ctx)
  local before = ctx.before
  if before[1] and before[1].text == "(" and org_words[key(before[2])]
     and not ends_country_name[key(before[2])] then
    return true
  end
  local i = 1
  if key(before[i]) == "the" then i = i + 1 end
  local link = key(before[i])
  if link ~= "of" and link ~= "for" and link ~= "du" and link ~= "de" then return false end
  for k = i + 1, i + 14 do
    local token = before[k]
    if token == nil then return false end
    if capitalised(token) then
      if org_words_before[key(token)] then return true end
    elseif not joining[key(token) or token.text] then
      return false
    end
  end
  return false
end

-- Whether a name follows a name-like capitalised word on its line, as in
-- "Carnegie India" or "Mister America"; not in a title-case heading
-- ("Xi, Putin Want China And Russia ...") or a quoted name ("Digital
-- India"), nor after a country's name ("Russia China Technology").
local function after_name_word(ctx)
  local before, after = ctx.before, ctx.after
  local previous = before[1]
  if ctx.at_start or not ctx.space_before or not name_part(previous) then return false end
  -- at the start of a sentence a capitalised word may be any word ("Former")
  if context.starts_sentence(ctx, 1) then return false end
  local earlier = before[2]
  if capitalised(earlier) and not earlier.newline then return false end
  if earlier and earlier.kind == "punct" and (earlier.text == '"' or earlier.text == "'") then return false end
  if capitalised(after[1]) and after[1].space and not after[1].newline then return false end
  return true
end

-- Words after a country or demonym that make it part of a currency's name:
-- "Singapore dollars", "Canadian dlrs" (a currency's name is no country, as
-- "US$" is not: the gold's decision 16). Left out
-- as also common words: won, real, rand, mark(s).
local currency_words = set {
  "dollar", "dollars", "dlr", "dlrs", "cent", "cents", "yen", "yuan", "pound", "pounds",
  "franc", "francs", "lira", "lire", "peso", "pesos", "rupee", "rupees",
  "rupiah", "ringgit", "baht", "rouble", "roubles", "ruble", "rubles", "riyal",
  "riyals", "rial", "rials", "dinar", "dinars", "dirham", "dirhams", "krona", "kronor",
  "krone", "kroner", "shilling", "shillings", "escudo", "escudos", "guilder",
  "guilders", "drachma", "drachmas", "reais", "zloty", "forint", "hryvnia", "lari", "tenge",
  "manat", "leu", "lei", "lev", "kuna", "koruna", "naira", "cedi", "birr", "kwacha", "taka",
  "kyat", "dong", "bolivar", "bolivars", "quetzal", "lempira",
}

-- Whether the name is part of a currency's name.
local function currency(ctx)
  local after = ctx.after
  if after[1] and after[1].text == "$" then return true end -- "US$5", "HK$"
  return after[1] ~= nil and after[1].space and currency_words[key(after[1])] == true
end

-- Words before a capital that make it a place: "in Beijing", "a visit to
-- Moscow" ("Beijing-based", a hyphen and a lower-case word after it, is
-- checked apart).
local place_before = set {
  "in", "at", "to", "from", "near", "into", "onto", "outside", "inside", "around", "across",
  "via", "toward", "towards", "throughout", "within", "through", "beyond", "visit", "visits",
  "visited", "visiting", "trip", "tour", "based", "of", "downtown", "central", "greater",
  "suburban", "northern", "southern", "eastern", "western", "the", "a", "an", "arrived",
  "arrive", "arrives", "arriving", "returned", "returning", "flew", "flights", "flight",
  "travelled", "traveled", "travelling", "traveling", "moved", "headquartered", "located",
  "born", "lives", "lived", "living", "where", "left", "leaving", "reached", "entered",
  "outskirts", "streets", "embassy", "consulate", "landed", "stationed", "posted",
  "capital", "city", "town", "off",
}

-- Lower-case words after a capital that make it a place or an event's name:
-- "Tokyo stock exchange", "Washington state", "the Paris agreement".
local place_after = set {
  "time", "stock", "stocks", "exchange", "bourse", "market", "markets", "traders", "trader",
  "train", "trains", "railway", "rail", "route", "routes", "flight", "flights", "highway",
  "pipeline", "corridor", "express", "motorway", "ferry",
  "dealers", "dealer", "residents", "resident", "airport", "office", "offices", "bureau",
  "branch", "police", "metro", "subway", "region", "area", "city", "suburb", "suburbs",
  "streets", "street", "district", "districts", "metropolitan", "municipal", "mayor",
  "marathon", "university", "correspondent", "newsroom", "trading", "session", "bullion",
  "metal", "club", "zoo", "state", "accord", "accords", "agreement", "agreements", "summit",
  "talks", "conference", "forum", "olympics", "games", "protocol", "format", "process",
  "round", "declaration", "hotel", "headquarters", "court", "courts", "gallery", "museum",
  "theatre", "theater", "restaurant", "restaurants", "apartment", "home", "residence",
  "stadium", "hospital", "station", "outskirts", "centre", "center", "downtown", "skyline",
  "smog", "weather", "traffic", "rally", "parade", "fashion", "show", "fair", "expo",
  "newspaper", "daily", "paper", "newspapers", "campus", "skies", "housing", "property",
  "hub", "venue", "treaty", "convention", "consensus", "communique", "charter", "pact",
  "memorandum", "brokerage", "consultancy", "lobbyist", "lobbyists", "insiders", "bankers",
  "brokers", "businessmen", "investors", "firms", "companies", "fans", "team", "teams",
  "meeting", "meetings", "close", "gold", "interbank", "broker", "operations", "bond",
  "bonds", "futures", "commodity", "embassy", "radio", "shares", "listing", "listed",
}

local months = set {
  "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
  "Sept", "Oct", "Nov", "Dec",
}

-- Whether the span is followed by "'s" or "'".
local function possessive(after)
  return after[1] and after[1].text == "'" and not after[1].space
     and (after[2] == nil or after[2].space or after[2].text == "s" and not after[2].space)
end

-- Where the words before a name begin once a list it ends is skipped:
-- "to [Atlanta and] Tokyo", "in [Vancouver, Calgary,] Ottawa", "in [both]
-- Beijing". Returns the index of the first token before the list, and
-- whether the list has a name that is not a country's or a capital's
-- (then it is a list of places: "Missouri, North Dakota, and Washington").
local function before_list(before)
  local i, places = 1, false
  while true do
    local j = i
    if before[j] and before[j].text == "," then j = j + 1 end
    if key(before[j]) == "and" or key(before[j]) == "or" then j = j + 1 end
    if before[j] and before[j].text == "," then j = j + 1 end
    if j == i or not capitalised(before[j]) then break end
    if not country_word(before[j]) then places = true end
    i = j + 1
    while capitalised(before[i]) do i = i + 1 end -- a name of several words
  end
  if key(before[i]) == "both" or key(before[i]) == "either" then i = i + 1 end
  return i, places
end

-- Words before "for" that make the capital a destination: "bound for Jakarta".
local destination_before = set {
  "bound", "headed", "heading", "departed", "departing", "left", "leaving", "flights",
  "flight", "tickets", "destined", "sailed", "set", "leave",
}

-- Whether a capital stands for its government here.
local function for_government(ctx)
  local after, before = ctx.after, ctx.before
  local next1, next2 = after[1], after[2]
  if next1 and not next1.space and next1.text == "-" and next2 and not next2.space and lower(next2) then
    return false -- "Beijing-based", "London-listed"
  end
  if next1 and (next1.text == "(" or next1.text == "/") then return false end -- "Beijing (3rd)"
  if before[1] and before[1].text == "/" then return false end -- "Los Angeles/London"
  if possessive(after) then
    local word = after[2] and after[2].text == "s" and after[3] or after[2]
    -- "Beijing's Economic Observer", "Beijing's suburbs" are places
    return not (capitalised(word) or place_after[key(word)])
  end
  if next1 and next1.text == "," and next2 and (country_word(next2) or months[next2.text]) then
    return false -- "Moscow, Russia", "Beijing, March 3"
  end
  if ctx.at_start and next1 and (next1.text == ":" or next1.text == "-" and next1.space) then
    return false -- a dateline: "New Delhi: The cabinet ..."
  end
  -- "Moscow State University", "Paris Agreement"
  if capitalised(next1) and next1.space and not next1.newline then return false end
  if next1 and next1.space and place_after[key(next1)] then return false end
  -- "Beijing and Shanghai", "Ottawa, Calgary": a list of other places
  if next1 and (key(next1) == "and" or key(next1) == "or" or next1.text == ",")
     and name_part(next2) and not next2.newline and not country_name_at(after, 2) then
    return false
  end
  local i, places = before_list(before)
  if places then return false end
  local previous = before[i]
  -- "the Indian capital, New Delhi"
  if previous and previous.text == "," and place_before[key(before[i + 1])] then return false end
  if previous and previous.kind == "word" then
    if place_before[key(previous)] then return false end
    if key(previous) == "for" and destination_before[key(before[i + 1])] then return false end
    -- "George Washington", "Greater London": part of another name
    if i == 1 and not ctx.at_start and name_part(previous) then return false end
  end
  return true
end

-- Whether a name that is also a person's name or a word is used as such:
-- next to another capitalised word ("Michael Jordan", "Jordan Peterson",
-- "Niger Delta"), after "Town, " ("Atlanta, Georgia"), or "Georgia state".
local function used_as_name(ctx)
  local after, before = ctx.after, ctx.before
  if name_part(after[1]) and after[1].space and not after[1].newline then return true end
  if key(after[1]) == "state" then return true end
  local previous = before[1]
  -- also across a line break: "New\nJersey" in text wrapped in lines
  if name_part(previous) and ctx.space_before then return true end
  return previous ~= nil and previous.text == "," and name_part(before[2])
     and not context.starts_sentence(ctx, 2)
end

-- Whether the document names a person (or place) with this word as its
-- last name: "Dan Holland ... Holland said" (remembered per document).
local named_subject, named = nil, {}
local lakes_and_rivers = set { "Lake", "River", "Gulf", "Bay", "Mount", "Sea", "Upper", "Lower" }
local function named_in_document(surface, subject)
  if subject ~= named_subject then named_subject, named = subject, {} end
  local found = named[surface]
  if found == nil then
    found = false
    local pattern = "%f[%w](%u[%a]+)[ \t]+" .. surface:gsub("%p", "%%%0") .. "%f[^%w]"
    for word in subject:gmatch(pattern) do
      local lowered = word:lower()
      if not (function_words[lowered] or country_words[word] or lakes_and_rivers[word]
              or org_words_before[lowered]) then
        found = true
        break
      end
    end
    named[surface] = found
  end
  return found
end

-- Whether a city-state stands in a hyphenated place name with a word that
-- is not a country: "Shenzhen-Hong Kong-Guangzhou" (but "China-Singapore").
local function in_hyphenated_place(ctx)
  local after, before = ctx.after, ctx.before
  local joined_before = not ctx.space_before and before[1] and before[1].text == "-"
    and not before[1].space and name_part(before[2])
  local joined_after = after[1] and not after[1].space and after[1].text == "-"
    and after[2] and not after[2].space and name_part(after[2])
  return joined_before or joined_after
end

-- Words in capitals before "US" that make it the pronoun.
local pronoun_before = set {
  "ABOUT", "CONTACT", "JOIN", "FOLLOW", "LET", "TELL", "HELP", "GIVE", "SEND", "SHOW", "EMAIL",
  "CALL", "WRITE", "SUPPORT", "HEAR", "TRUST", "OF", "WITH", "FOR", "MEET", "BEFORE",
}

-- Whether "US" is the pronoun: "CONTACT US".
local function pronoun(ctx)
  local previous = ctx.before[1]
  return previous ~= nil and ctx.space_before and pronoun_before[previous.text] == true
end

-- Whether the document has one of the cue words of an entry ("cue" column,
-- words separated by "|"). The last document's answers are remembered, as
-- a value function sees one document's matches in a row.
local cue_subject, cue_found = nil, {}
local function has_cue(cues, subject)
  if subject ~= cue_subject then cue_subject, cue_found = subject, {} end
  local found = cue_found[cues]
  if found == nil then
    found = false
    for cue in cues:gmatch("[^|]+") do
      if subject:find(cue, 1, true) then found = true break end
    end
    cue_found[cues] = found
  end
  return found
end

return {
  name = "country",
  type = "country",
  description = "countries by name, short form, abbreviation, demonym, or capital (for the government), as ISO 3166-1 alpha-2",
  gazetteer = "countries",
  inside = { "org" },
  value = function(entry, m)
    local kind = entry.kind
    if kind == "not" or not entry.iso then return false end
    if entry.cue and not has_cue(entry.cue, m.subject) then return false end
    local ctx = context.around(m.subject, m.start, m["end"])
    if kind == "prefix" then -- "Sino-Russian"
      local after = ctx.after
      if not (after[1] and not after[1].space and after[1].text == "-") then return false end
    elseif kind == "capital" then
      if not for_government(ctx) then return false end
    elseif (kind == "name" or kind == "alias") and after_name_word(ctx) then
      return false
    end
    if kind ~= "capital" and currency(ctx) then return false end
    if entry.surface == "US" and pronoun(ctx) then return false end
    if entry.check == "name" and (used_as_name(ctx) or named_in_document(entry.surface, m.subject)) then
      return false
    end
    if entry.check == "hyphen" and in_hyphenated_place(ctx) then return false end
    if org_after(ctx) or org_before(ctx) then return false end
    return { iso = entry.iso }
  end,
  examples = {
    { "Exports from Brazil to Japan rose.", find = { { "Brazil", { iso = "BR" } }, { "Japan", { iso = "JP" } } } },
    { "the United States and the UK", find = { { "United States", { iso = "US" } }, { "UK", { iso = "GB" } } } },
    { "U.S. officials met Russian diplomats", find = { { "U.S.", { iso = "US" } }, { "Russian", { iso = "RU" } } } },
    { "a plan backed by the Federal Republic of Germany", "Federal Republic of Germany", { iso = "DE" } },
    { "the People’s Republic of China", "People’s Republic of China", { iso = "CN" } },
    { "Vietnamese and Laotian traders", find = { { "Vietnamese", { iso = "VN" } }, { "Laotian", { iso = "LA" } } } },
    { "India’s exports", "India", { iso = "IN" } },
    { "the Russian Federation (Russia) signed", find = { { "Russian Federation", { iso = "RU" } },
                                                          { "Russia", { iso = "RU" } } } },
    { "Türkiye and Côte d’Ivoire signed", find = { { "Türkiye", { iso = "TR" } }, { "Côte d’Ivoire", { iso = "CI" } } } },
    { "the Brazil-Argentina border", find = { { "Brazil", { iso = "BR" } }, { "Argentina", { iso = "AR" } } } },
    { "Sino-Indian relations", find = { { "Sino", { iso = "CN" } }, { "Indian", { iso = "IN" } } } },
    { "the Canadians and the Mexicans agreed", find = { { "Canadians", { iso = "CA" } }, { "Mexicans", { iso = "MX" } } } },
    { "Tokyo has protested, and Seoul said it would reply.", find = { { "Tokyo", { iso = "JP" } }, { "Seoul", { iso = "KR" } } } },
    { "Ties between Ottawa and New Delhi have cooled.", find = { { "Ottawa", { iso = "CA" } }, { "New Delhi", { iso = "IN" } } } },
    { "This is Berlin's answer.", "Berlin", { iso = "DE" } },
    { "Analysts say Tehran wants more.", "Tehran", { iso = "IR" } },
    { "the Japanese Foreign Ministry said", "Japanese", { iso = "JP" } },
    { "the “Digital Kenya” plan", "Kenya", { iso = "KE" } },
    { "Tourists flocked to Chad and Niger, next to Sudan and Libya.",
      find = { { "Chad", { iso = "TD" } }, { "Niger", { iso = "NE" } }, { "Sudan", { iso = "SD" } }, { "Libya", { iso = "LY" } } } },
    { "Amman, Jordan and Cairo, Egypt", find = { { "Jordan", { iso = "JO" } }, { "Egypt", { iso = "EG" } } } },
    { "Tbilisi says Georgia will apply.", find = { { "Tbilisi", { iso = "GE" } }, { "Georgia", { iso = "GE" } } } },
    { "The Indian Space Research Organisation launched it.", find = {} },
    { "the Bank of Japan raised rates", find = {} },
    { "a Swiss Federal Institute of Technology study", find = {} },
  },
  counterexamples = {
    "Wi-Fi is free on the Moscow–Beijing train.",
    "The summit was held in Tokyo last week.",
    "a Seoul-based start-up",
    "after a visit to Hanoi and Bangkok",
    "students at Moscow State University",
    "Trade in Latin America and the South China Sea",
    "It cost US$5 million, or 7 million Singapore dollars.",
    "PLEASE CONTACT US FOR DETAILS",
    "Michael Jordan and Chad Johnson",
    "They moved to Atlanta, Georgia.",
    "Europe, Africa, ASEAN and the EU",
    "a Sino joint venture",
    "He flew from Paris to Rome.",
    "the Tokyo stock exchange",
    "the Kenya Commercial Bank and the Bank of Ghana",
    "New Mexico and New Jersey",
    "a fellow at Carnegie Mexico, said",
    "plants in Ankara, Izmir and Bursa",
    "Senator Smith of Georgia",
    "elections in Ohio, Missouri, and Washington",
    "a shop on Oxford Street, London",
    "a ship bound for Jakarta",
    "work at the Observatoire de Paris",
    "Dan Holland runs the firm. Holland said prices would rise.",
  },
}
