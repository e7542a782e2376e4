-- make_countries.lua: writes data/gazetteers/countries.tsv, the gazetteer
-- of the country rule, from Debian's iso-codes (ISO 3166-1: every country's
-- name, common name and official name with its alpha-2 code) and the lists
-- below (short forms, abbreviations, demonyms, capitals, and names that
-- contain a country's name but are not one). The TSV is committed; this
-- script is only needed to regenerate it.
-- Usage: quarry --db SCRATCH.db run tests/tools/make_countries.lua \
--          [/usr/share/iso-codes/json/iso_3166-1.json [data/gazetteers/countries.tsv]]

local quarry = require "quarry"

local source = arg[1] or "/usr/share/iso-codes/json/iso_3166-1.json"
local target = arg[2] or (quarry.home .. "/data/gazetteers/countries.tsv")

-- Short forms and other names in common use, by alpha-2 code.
local aliases = {
  AE = { "UAE", "U.A.E." }, BA = { "Bosnia" }, BN = { "Brunei" }, BO = { "Bolivia" },
  CD = { "Democratic Republic of Congo", "Democratic Republic of the Congo", "DR Congo",
         "DRC", "Congo-Kinshasa" },
  CG = { "Republic of Congo", "Congo-Brazzaville" },
  CI = { "Ivory Coast", "Cote d'Ivoire" }, CV = { "Cape Verde" }, CZ = { "Czech Republic" },
  FK = { "Falklands", "Falkland Islands" },
  GB = { "Britain", "Great Britain", "UK", "U.K.", "United Kingdom of Great Britain and Northern Ireland" },
  FM = { "Micronesia" }, GW = { "Guinea Bissau" },
  IR = { "Iran" }, KP = { "North Korea", "DPRK", "D.P.R.K." },
  KR = { "South Korea", "Republic of Korea", "Korea", "ROK" },
  LA = { "Laos" }, MD = { "Moldova" }, MK = { "Macedonia" }, MM = { "Burma" },
  MO = { "Macau" }, NL = { "Holland" }, PS = { "Palestine" },
  CN = { "PRC", "P.R.C.", "Mainland China" },
  RU = { "Russia" }, SY = { "Syria" }, SZ = { "Swaziland" }, TL = { "East Timor" },
  TR = { "Turkey", "Turkiye" }, TW = { "Taiwan", "Republic of China", "Chinese Taipei" },
  TZ = { "Tanzania" },
  US = { "US", "U.S.", "USA", "U.S.A.", "America", "United States of America" },
  VA = { "Vatican", "Vatican City" }, VE = { "Venezuela" },
  VG = { "British Virgin Islands" }, VI = { "US Virgin Islands", "U.S. Virgin Islands" },
  VN = { "Vietnam" }, DE = { "West Germany", "West German" },
}

-- Demonyms: the adjective (also the language: "written in Chinese" is CN in
-- the gold, its decision 11) and the
-- nouns for the people, singular and plural.
local demonyms = {
  AF = { "Afghan", "Afghans" }, AL = { "Albanian", "Albanians" },
  DZ = { "Algerian", "Algerians" }, AO = { "Angolan", "Angolans" },
  AR = { "Argentine", "Argentinian", "Argentines", "Argentinians" },
  AM = { "Armenian", "Armenians" }, AU = { "Australian", "Australians" },
  AT = { "Austrian", "Austrians" }, AZ = { "Azerbaijani", "Azerbaijanis", "Azeri", "Azeris" },
  BH = { "Bahraini", "Bahrainis" }, BD = { "Bangladeshi", "Bangladeshis" },
  BY = { "Belarusian", "Belarusians", "Belarussian", "Belarussians" },
  BE = { "Belgian", "Belgians" }, BJ = { "Beninese" }, BT = { "Bhutanese" },
  BO = { "Bolivian", "Bolivians" }, BA = { "Bosnian", "Bosnians" },
  BW = { "Botswanan", "Motswana", "Batswana" }, BR = { "Brazilian", "Brazilians" },
  BN = { "Bruneian", "Bruneians" }, BG = { "Bulgarian", "Bulgarians" },
  BF = { "Burkinabe", "Burkinabè" }, BI = { "Burundian", "Burundians" },
  KH = { "Cambodian", "Cambodians" }, CM = { "Cameroonian", "Cameroonians" },
  CA = { "Canadian", "Canadians" },
  TD = { "Chadian", "Chadians" }, CL = { "Chilean", "Chileans" },
  CN = { "Chinese" }, CO = { "Colombian", "Colombians" },
  CD = { "Congolese" }, CR = { "Costa Rican", "Costa Ricans" },
  CI = { "Ivorian", "Ivorians" }, HR = { "Croatian", "Croatians", "Croat", "Croats" },
  CU = { "Cuban", "Cubans" }, CY = { "Cypriot", "Cypriots" },
  CZ = { "Czech", "Czechs" }, DK = { "Danish", "Danes" },
  DJ = { "Djiboutian", "Djiboutians" }, DO = { "Dominican", "Dominicans" },
  EC = { "Ecuadorian", "Ecuadorians", "Ecuadoran" }, EG = { "Egyptian", "Egyptians" },
  SV = { "Salvadoran", "Salvadorans", "Salvadorean" }, ER = { "Eritrean", "Eritreans" },
  EE = { "Estonian", "Estonians" }, ET = { "Ethiopian", "Ethiopians" },
  FJ = { "Fijian", "Fijians" }, FI = { "Finnish", "Finns" },
  FR = { "French", "Frenchman", "Frenchmen", "Frenchwoman", "Frenchwomen" },
  GA = { "Gabonese" }, GM = { "Gambian", "Gambians" },
  GE = { "Georgian", "Georgians" }, DE = { "German", "Germans" },
  GH = { "Ghanaian", "Ghanaians" }, GR = { "Greek", "Greeks" },
  GT = { "Guatemalan", "Guatemalans" }, GN = { "Guinean", "Guineans" },
  GY = { "Guyanese" }, HT = { "Haitian", "Haitians" }, HN = { "Honduran", "Hondurans" },
  HK = { "Hongkonger", "Hongkongers" },
  HU = { "Hungarian", "Hungarians" }, IS = { "Icelandic", "Icelander", "Icelanders" },
  IN = { "Indian", "Indians" }, ID = { "Indonesian", "Indonesians" },
  IR = { "Iranian", "Iranians" }, IQ = { "Iraqi", "Iraqis" },
  IE = { "Irish", "Irishman", "Irishmen" }, IL = { "Israeli", "Israelis" },
  IT = { "Italian", "Italians" }, JM = { "Jamaican", "Jamaicans" },
  JP = { "Japanese" }, JO = { "Jordanian", "Jordanians" },
  KZ = { "Kazakh", "Kazakhs", "Kazakhstani", "Kazakhstanis" },
  KE = { "Kenyan", "Kenyans" }, KW = { "Kuwaiti", "Kuwaitis" },
  KG = { "Kyrgyz", "Kyrgyzstani" }, LA = { "Laotian", "Laotians" },
  LV = { "Latvian", "Latvians" }, LB = { "Lebanese" }, LR = { "Liberian", "Liberians" },
  LY = { "Libyan", "Libyans" }, LT = { "Lithuanian", "Lithuanians" },
  LU = { "Luxembourgish", "Luxembourger", "Luxembourgers" },
  MG = { "Malagasy" }, MW = { "Malawian", "Malawians" },
  MY = { "Malaysian", "Malaysians" }, MV = { "Maldivian", "Maldivians" },
  ML = { "Malian", "Malians" }, MT = { "Maltese" }, MR = { "Mauritanian", "Mauritanians" },
  MU = { "Mauritian", "Mauritians" }, MX = { "Mexican", "Mexicans" },
  MD = { "Moldovan", "Moldovans" }, MN = { "Mongolian", "Mongolians" },
  ME = { "Montenegrin", "Montenegrins" }, MA = { "Moroccan", "Moroccans" },
  MZ = { "Mozambican", "Mozambicans" }, MM = { "Burmese" },
  NA = { "Namibian", "Namibians" }, NP = { "Nepalese", "Nepali", "Nepalis" },
  NL = { "Dutch", "Dutchman", "Dutchmen" }, NZ = { "New Zealander", "New Zealanders" },
  NI = { "Nicaraguan", "Nicaraguans" }, NE = { "Nigerien", "Nigeriens" },
  NG = { "Nigerian", "Nigerians" }, KP = { "North Korean", "North Koreans" },
  MK = { "Macedonian", "Macedonians" }, NO = { "Norwegian", "Norwegians" },
  OM = { "Omani", "Omanis" }, PK = { "Pakistani", "Pakistanis" },
  PS = { "Palestinian", "Palestinians" }, PA = { "Panamanian", "Panamanians" },
  PG = { "Papua New Guinean", "Papua New Guineans" }, PY = { "Paraguayan", "Paraguayans" },
  PE = { "Peruvian", "Peruvians" }, PH = { "Filipino", "Filipinos", "Philippine" },
  PL = { "Polish", "Poles" }, PT = { "Portuguese" },
  PR = { "Puerto Rican", "Puerto Ricans" }, QA = { "Qatari", "Qataris" },
  RO = { "Romanian", "Romanians" }, RU = { "Russian", "Russians" },
  RW = { "Rwandan", "Rwandans" }, SA = { "Saudi", "Saudis" },
  SN = { "Senegalese" }, RS = { "Serbian", "Serbians", "Serb", "Serbs" },
  SL = { "Sierra Leonean", "Sierra Leoneans" }, SG = { "Singaporean", "Singaporeans" },
  SK = { "Slovak", "Slovaks", "Slovakian" }, SI = { "Slovenian", "Slovenians", "Slovene", "Slovenes" },
  SO = { "Somali", "Somalis" }, ZA = { "South African", "South Africans" },
  KR = { "South Korean", "South Koreans", "Korean", "Koreans" },
  SS = { "South Sudanese" }, ES = { "Spanish", "Spaniard", "Spaniards" },
  LK = { "Sri Lankan", "Sri Lankans" }, SD = { "Sudanese" },
  SE = { "Swedish", "Swede", "Swedes" }, CH = { "Swiss" },
  SY = { "Syrian", "Syrians" }, TW = { "Taiwanese" },
  TJ = { "Tajik", "Tajiks", "Tajikistani" }, TZ = { "Tanzanian", "Tanzanians" },
  TH = { "Thai", "Thais" }, TG = { "Togolese" }, TN = { "Tunisian", "Tunisians" },
  TR = { "Turkish", "Turk", "Turks" }, TM = { "Turkmen", "Turkmens" },
  UG = { "Ugandan", "Ugandans" }, UA = { "Ukrainian", "Ukrainians" },
  AE = { "Emirati", "Emiratis" },
  GB = { "British", "Briton", "Britons", "Brits" },
  US = { "American", "Americans" }, UY = { "Uruguayan", "Uruguayans" },
  UZ = { "Uzbek", "Uzbeks", "Uzbekistani" }, VE = { "Venezuelan", "Venezuelans" },
  VN = { "Vietnamese" }, YE = { "Yemeni", "Yemenis" },
  AS = { "American Samoan", "American Samoans" }, WS = { "Samoan", "Samoans" },
  ZM = { "Zambian", "Zambians" }, ZW = { "Zimbabwean", "Zimbabweans" },
}

-- Capital cities (and seats of government) that news uses for the
-- government. The rule keeps them only where they stand for it. Left out:
-- capitals that are common first names or words (Sofia, Victoria, Lima,
-- Santiago, Kingston, Wellington, Valletta), and Jerusalem (its status is
-- disputed); Brussels stands for the EU, not Belgium.
local capitals = {
  AF = { "Kabul" }, AM = { "Yerevan" }, AR = { "Buenos Aires" }, AT = { "Vienna" },
  AU = { "Canberra" }, AZ = { "Baku" }, BD = { "Dhaka" }, BY = { "Minsk" },
  BR = { "Brasilia", "Brasília" }, CA = { "Ottawa" }, CN = { "Beijing" },
  CO = { "Bogota", "Bogotá" }, CU = { "Havana" }, CZ = { "Prague" }, DE = { "Berlin" },
  DK = { "Copenhagen" }, DZ = { "Algiers" }, EG = { "Cairo" }, ES = { "Madrid" },
  ET = { "Addis Ababa" }, FI = { "Helsinki" }, FR = { "Paris" }, GB = { "London" },
  GE = { "Tbilisi" }, GR = { "Athens" }, HU = { "Budapest" }, ID = { "Jakarta" },
  IE = { "Dublin" }, IN = { "New Delhi" }, IQ = { "Baghdad" }, IR = { "Tehran", "Teheran" },
  IT = { "Rome" }, JO = { "Amman" }, JP = { "Tokyo" }, KE = { "Nairobi" },
  KG = { "Bishkek" }, KH = { "Phnom Penh" }, KP = { "Pyongyang" }, KR = { "Seoul" },
  KZ = { "Astana" }, LA = { "Vientiane" }, LB = { "Beirut" }, LT = { "Vilnius" },
  LV = { "Riga" }, LY = { "Tripoli" }, MA = { "Rabat" }, MM = { "Naypyidaw", "Nay Pyi Taw" },
  MN = { "Ulaanbaatar", "Ulan Bator" }, MX = { "Mexico City" }, MY = { "Kuala Lumpur" },
  NG = { "Abuja" }, NL = { "The Hague" }, NO = { "Oslo" }, NP = { "Kathmandu" },
  PH = { "Manila" }, PK = { "Islamabad" }, PL = { "Warsaw" }, PT = { "Lisbon" },
  QA = { "Doha" }, RO = { "Bucharest" }, RS = { "Belgrade" }, RU = { "Moscow" },
  SA = { "Riyadh" }, SD = { "Khartoum" }, SE = { "Stockholm" }, SY = { "Damascus" },
  TH = { "Bangkok" }, TJ = { "Dushanbe" }, TM = { "Ashgabat" }, TR = { "Ankara" },
  TW = { "Taipei" }, UA = { "Kyiv", "Kiev" }, AE = { "Abu Dhabi" },
  US = { "Washington" }, UZ = { "Tashkent" }, VE = { "Caracas" },
  VN = { "Hanoi" }, ZA = { "Pretoria" }, ZW = { "Harare" }, EE = { "Tallinn" },
  HR = { "Zagreb" }, SK = { "Bratislava" }, SI = { "Ljubljana" },
}

-- Names that contain a country's name or demonym but are not a country:
-- regions, seas, places and well-known organisations whose names the
-- rule's org check does not recognise. Being longer, they win over the
-- country name inside them, and the rule drops them.
local not_countries = {
  "North America", "South America", "Central America", "Latin America",
  "North American", "South American", "Central American", "Latin American",
  "Pan-American", "Pan American", "American Indian", "American Indians",
  "West Indies", "West Indian", "West Indians", "Indian Ocean", "Indian Subcontinent",
  "South China", "East China Sea", "South China Sea", "Gulf of Guinea", "New Guinea",
  "New Mexico", "New Jersey", "Northern Ireland", "Jersey City", "Georgia Tech",
  "Korean Peninsula", "Korean peninsula", "Persian Gulf", "Arabian Peninsula",
  "Air China", "Air India", "Air Canada", "Air France", "Air New Zealand",
  "Korean Air", "Saudi Aramco", "Russia Today", "USA Today", "Voice of America",
  "Japan Inc", "India Inc", "China Inc", "East Germany", "East German", "East Germans",
  "British Columbia", "Royal Dutch", "Native American", "Native Americans", "Indian tribe",
  "Indian tribes", "Indian reservation", "Indian reservations", "Indian Country",
}

-- Entries whose word is also a person's name or a common word: the rule
-- drops them next to another capitalised word ("Michael Jordan", "Jordan
-- Peterson", "Atlanta, Georgia", "Turkey Day").
local check_name = {
  Jordan = true, Chad = true, Georgia = true, Georgian = true, Georgians = true,
  Turkey = true, Niger = true, Guinea = true, Jersey = true, Guernsey = true,
  Chile = true, Cuba = true, Dominica = true, Mali = true, Holland = true,
}
-- Entries counted only in a document that has one of these words: Georgia
-- is also a US state, Chad a first name.
local georgia = "Tbilisi|Caucasus|Abkhaz|Ossetia|Armenia|Azerbaijan|Saakashvili|Batumi|Kutaisi"
local cues = {
  Georgia = georgia, Georgian = georgia, Georgians = georgia,
  Chad = "Africa|N'Djamena|N’Djamena|Chadian|Sahel|Niger|Sudan|Cameroon|Libya|Déby|Deby",
}

-- Entries that are cities as well as ISO 3166-1 entries: not counted
-- inside a hyphenated place name ("Shenzhen-Hong Kong-Guangzhou").
local check_hyphen = { ["Hong Kong"] = true, Macao = true, Macau = true, Singapore = true }

-- Upper-case copies (for headings in capitals) are not made of these.
local no_upper = {
  Turkey = true, Chad = true, Jordan = true, Georgia = true, Guinea = true, Jersey = true,
  Niger = true, Poles = true, Pole = true, Turks = true, Lao = true, Polish = true,
  French = true, Congo = true, Mali = true, Guernsey = true,
}

-- ISO names that the rule reads otherwise: "Congo" alone is mostly the
-- Democratic Republic of the Congo in current news (ISO's "Congo" is the
-- Republic of the Congo, CG); Antarctica is a continent, a region.
local override = { Congo = { "CD", "alias" }, Antarctica = { "", "not" } }

local rows, seen = {}, {}

-- Adds a row, once per surface; the first one wins.
local function add(surface, iso, kind)
  if seen[surface] then return end
  seen[surface] = true
  local check = ""
  if check_name[surface] then check = "name" elseif check_hyphen[surface] then check = "hyphen" end
  rows[#rows + 1] = { surface, iso, kind, check, cues[surface] or "" }
end

-- Adds a name with its curly-apostrophe spelling, and, for names of a
-- country or people, its upper-case spelling.
local function add_forms(surface, iso, kind)
  if override[surface] then iso, kind = override[surface][1], override[surface][2] end
  add(surface, iso, kind)
  if surface:find("'", 1, true) then add((surface:gsub("'", "\u{2019}")), iso, kind) end
  local upper = surface:upper()
  if kind ~= "capital" and kind ~= "not" and upper ~= surface and not no_upper[surface]
     and #surface >= 4 and not surface:find("[\128-\255]") then
    add(upper, iso, kind)
    if upper:find("'", 1, true) then add((upper:gsub("'", "\u{2019}")), iso, kind) end
  end
end

-- The usable spellings of an ISO name: none for inverted forms ("Korea,
-- Republic of"), brackets dropped ("Falkland Islands (Malvinas)"), a
-- leading "the" dropped (the gold's country spans leave it out: its
-- decision 15).
local function iso_forms(name)
  if not name then return {} end
  if name:find(", ") and (name:find(" of$") or name:find(" of the$") or name:find(", British$")
     or name:find(", U%.S%.$") or name:find(", Province of")) then return {} end
  name = name:gsub("^the ", "")
  local forms = {}
  local plain = name:gsub("%s*%b()", "")
  forms[#forms + 1] = plain
  -- a name in brackets at the end is another name ("Malvinas"), unless
  -- it says which part; one in the middle is part of the name
  local inner = name:match("%((.-)%)$")
  if inner and not inner:find(" part$") then forms[#forms + 1] = inner end
  if name:find("%b() ") then forms[#forms + 1] = name end
  return forms
end

local file = assert(io.open(source, "rb"))
local iso = quarry.json.decode(file:read("a"))["3166-1"]
file:close()
table.sort(iso, function(a, b) return a.alpha_2 < b.alpha_2 end)

for _, country in ipairs(iso) do
  local code = country.alpha_2
  for _, field in ipairs({ "common_name", "name", "official_name" }) do
    for _, form in ipairs(iso_forms(country[field])) do add_forms(form, code, "name") end
  end
  -- names with accents also without them ("Curacao", "Reunion")
  local plain = country.name:gsub("ç", "c"):gsub("é", "e"):gsub("Å", "A"):gsub("ô", "o")
  if plain ~= country.name then add_forms(plain, code, "name") end
end
for _, group in ipairs({ { aliases, "alias" }, { demonyms, "demonym" }, { capitals, "capital" } }) do
  local codes = {}
  for code in pairs(group[1]) do codes[#codes + 1] = code end
  table.sort(codes)
  for _, code in ipairs(codes) do
    for _, surface in ipairs(group[1][code]) do add_forms(surface, code, group[2]) end
  end
end
-- "Sino-" as in "Sino-Russian": the rule keeps it only before a hyphen
add("Sino", "CN", "prefix")
for _, surface in ipairs(not_countries) do add_forms(surface, "", "not") end

local out = assert(io.open(target, "wb"))
out:write([[
# countries.tsv: countries for rules/country.lua, generated by
# tests/tools/make_countries.lua from Debian's iso-codes (ISO 3166-1) and
# the lists in that script; edit the script and regenerate (or add lines
# by hand: the rule needs no change).
# Columns: surface (the text, matched case-exactly at word boundaries,
# leftmost-longest, so a longer entry wins over one inside it), iso (ISO
# 3166-1 alpha-2; empty for "not"), kind, check, cue.
# kind: name (ISO names, also in capitals), alias (short forms,
# abbreviations), demonym (adjectives, languages, peoples), capital (kept
# only where it stands for the government), prefix (Sino-, kept only before
# a hyphen), not (names that contain a country's name but are not a
# country: regions, places, orgs; found to be dropped).
# check: name (also a person's name, a place or a word: dropped next to
# another capitalised word, and in a document that has "<Name> <entry>"),
# hyphen (a city too: dropped in a hyphenated place name).
# cue: words separated by "|"; the entry counts only in a document that
# has one of them (Georgia, also a US state: "Tbilisi", "Caucasus", ...).
# Choices: "Congo" alone is CD (ISO's "Congo" is CG); Antarctica is a
# continent ("not"); not listed: England, Scotland, Wales (not ISO 3166-1
# countries), English (a world language), Kosovo (no ISO 3166-1 code),
# Emirates (an airline too), capitals that are common first names or words
# (Sofia, Victoria, Lima, Santiago, Kingston), Jerusalem (status disputed);
# Brussels stands for the EU, not Belgium.
surface	iso	kind	check	cue
]])
for _, row in ipairs(rows) do out:write(table.concat(row, "\t"), "\n") end
out:close()
io.stdout:write(string.format("%d entries written to %s\n", #rows, target))
