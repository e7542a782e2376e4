-- lib/currencies.lua: what currency a symbol, code or name stands for.
-- The ISO 4217 codes and names come from data/currencies.tsv (generated
-- from Debian's iso-codes by scripts/tools/currencies.lua: regenerate it,
-- do not edit it); kept here by hand are what ISO 4217 lacks: symbols
-- (currencies.symbols), common names and plurals ("dollars", "dlrs",
-- "rupees": extra_names), withdrawn currencies that archives still name
-- (currencies.withdrawn: "marks", "lire"), and the codes and names that
-- are also everyday words (word_codes, needs_scale). Marks and words that
-- stand for different currencies in different places ("¥" is the yen and
-- the yuan, "Rs" the Indian and the Pakistani rupee, "francs", "crowns",
-- "pesos", "dinars") are decided by the document, from the words in it
-- that name one or the other (currencies.ambiguous).
-- To add a currency word: an entry in extra_names (name -> code); a
-- symbol: an entry in currencies.symbols; a shared word: an entry in
-- extra_names pointing to a group of currencies.ambiguous.

local lpeg = require "lpeg"
local quarry = require "quarry"
local deps = require "quarry.deps"
local text = require "lib.text"

local currencies = {}

currencies.path = quarry.home .. "/data/currencies.tsv"

-- Reads the ISO table: code -> name. Raises on a malformed file.
local function read_table(path)
  deps.record("file:" .. path) -- editing the table re-runs the money rule
  local file = assert(io.open(path, "rb"))
  local codes, header = {}, nil
  local n = 0
  for line in file:lines() do
    n = n + 1
    if line ~= "" and not line:find("^#") then
      local fields = {}
      for field in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = field end
      if not header then
        header = {}
        for i, name in ipairs(fields) do header[name] = i end
        assert(header.code and header.name, path .. ":" .. n .. ": the header needs code and name")
      else
        local code = fields[header.code]
        assert(code and code:match("^%u%u%u$"), path .. ":" .. n .. ": bad code " .. tostring(code))
        codes[code] = fields[header.name] or code
      end
    end
  end
  file:close()
  return codes
end

currencies.codes = read_table(currencies.path)

-- Withdrawn ISO 4217 currencies (list three) that archives and wire copy
-- of their time still name, with the names written after the number.
currencies.withdrawn = {
  DEM = { "deutsche marks", "deutschemarks", "d-marks", "german marks", "marks" },
  FRF = { "french francs", "french franc" },
  BEF = { "belgian francs", "belgian franc" },
  NLG = { "guilders", "guilder", "dutch guilders", "florins" },
  ITL = { "lire", "italian lire" },
  ESP = { "pesetas", "peseta", "spanish pesetas" },
  PTE = { "portuguese escudos" },
  ATS = { "schillings", "austrian schillings" },
  FIM = { "markka", "markkaa", "finnish markka" },
  IEP = { "irish pounds", "punts" },
  GRD = { "drachmas", "drachma", "drachmae" },
  BRC = { "cruzados", "cruzado" },
}
for code in pairs(currencies.withdrawn) do currencies.codes[code] = currencies.codes[code] or code end

-- ISO codes that are also common English words or names (ALL 5, TOP 10,
-- PHP 7, SDG 4): these count only with a scale ("TRY 5 billion").
currencies.word_codes = {}
for code in ([[ALL AMD ANG BAM BOB BTN CHE CUP CVE GEL MAD MOP NIO PEN PHP SDG SOS SVC TOP
               TRY]]):gmatch("%u+") do
  currencies.word_codes[code] = true
end

-- Symbols and abbreviations written before the number (or after it, "26 €").
-- "¥" and "Rs" are decided by the document (see currencies.resolve).
currencies.symbols = {
  ["$"] = "USD", ["US$"] = "USD", ["U.S.$"] = "USD", ["US $"] = "USD", ["U.S. $"] = "USD",
  ["A$"] = "AUD", ["AU$"] = "AUD", ["AUD$"] = "AUD", ["HK$"] = "HKD", ["C$"] = "CAD",
  ["CA$"] = "CAD", ["Can$"] = "CAD", ["S$"] = "SGD", ["NZ$"] = "NZD", ["R$"] = "BRL",
  ["NT$"] = "TWD", ["Mex$"] = "MXN", ["MX$"] = "MXN",
  ["€"] = "EUR", ["£"] = "GBP", ["₹"] = "INR", ["₽"] = "RUB", ["₩"] = "KRW", ["₺"] = "TRY",
  ["₪"] = "ILS", ["₦"] = "NGN", ["₫"] = "VND", ["₱"] = "PHP", ["₴"] = "UAH", ["₸"] = "KZT",
  ["฿"] = "THB", ["CN¥"] = "CNY", ["JP¥"] = "JPY",
  Rp = "IDR", ["Rp."] = "IDR", KSh = "KES", Ksh = "KES", ["E£"] = "EGP", ["LE"] = "EGP", ["GH₵"] = "GHS", ["₵"] = "GHS",
  ["¥"] = "¥", ["￥"] = "¥", ["Rs"] = "Rs", ["Rs."] = "Rs",
  RMB = "CNY", Rmb = "CNY", RM = "MYR",
  ["₡"] = "CRC", ["₭"] = "LAK", ["₮"] = "MNT", ["₲"] = "PYG", ["₼"] = "AZN", ["₾"] = "GEL",
  ["֏"] = "AMD", ["៛"] = "KHR", ["₨"] = "Rs", ["L.E."] = "EGP", ["L.E"] = "EGP",
}

-- Codes of the most traded currencies, also as lower-cased wire text and
-- forms write them after a number ("20 usd", "10eur").
currencies.lower_codes = { "usd", "eur", "gbp", "jpy", "cny", "rmb", "chf", "cad", "aud", "inr",
                           "rub", "hkd", "krw", "sgd", "nzd", "sek", "nok", "dkk", "brl", "zar" }

-- Names written after the number, lower case, singular and plural: the
-- ISO names ("swiss franc(s)", "indian rupee(s)", "yen") and these.
local extra_names = {
  dollar = "USD", dollars = "USD", ["us dollar"] = "USD", ["us dollars"] = "USD",
  ["u.s. dollar"] = "USD", ["u.s. dollars"] = "USD", ["american dollars"] = "USD",
  dlr = "USD", dlrs = "USD", -- as news wires write them ("15 mln dlrs")
  euro = "EUR", euros = "EUR",
  yuan = "CNY", renminbi = "CNY", ["chinese yuan"] = "CNY", rmb = "CNY",
  rouble = "RUB", roubles = "RUB", ruble = "RUB", rubles = "RUB", ["russian roubles"] = "RUB",
  ["pound sterling"] = "GBP", ["pounds sterling"] = "GBP", sterling = "GBP", stg = "GBP",
  ["british pounds"] = "GBP", ["uk pounds"] = "GBP",
  yen = "JPY", ["japanese yen"] = "JPY",
  won = "KRW", ["korean won"] = "KRW", ["south korean won"] = "KRW",
  rupee = "Rs", rupees = "Rs",
  ["pakistani rupees"] = "PKR", ["sri lankan rupees"] = "LKR",
  reais = "BRL", ["brazilian reais"] = "BRL", ["brazilian real"] = "BRL",
  lira = "TRY", liras = "TRY", ["turkish lira"] = "TRY",
  shekel = "ILS", shekels = "ILS", ["new shekels"] = "ILS", ["israeli shekels"] = "ILS",
  ["taiwan dollars"] = "TWD", ["taiwanese dollars"] = "TWD",
  ["swedish kronor"] = "SEK", ["swedish crowns"] = "SEK", ["norwegian kroner"] = "NOK",
  ["norwegian crowns"] = "NOK", ["danish kroner"] = "DKK", ["danish crowns"] = "DKK",
  ["nigerian naira"] = "NGN", ["kazakh tenge"] = "KZT", ["ukrainian hryvnias"] = "UAH",
  ["saudi riyals"] = "SAR", ["uae dirhams"] = "AED", ["emirati dirhams"] = "AED",
  soum = "UZS", soums = "UZS", ["uzbek soums"] = "UZS", ["uzbek som"] = "UZS",
  ["kyrgyz soms"] = "KGS", ringgit = "MYR", birr = "ETB", cedi = "GHS", cedis = "GHS",
  ["kenyan shillings"] = "KES", ["ugandan shillings"] = "UGX", ["tanzanian shillings"] = "TZS",
  -- unit words several currencies share: decided by the document
  franc = "franc", francs = "franc", crown = "crown", crowns = "crown", krone = "crown",
  kroner = "crown", krona = "crown", kronor = "crown", peso = "peso", pesos = "peso",
  riyal = "riyal", riyals = "riyal", rial = "riyal", rials = "riyal",
  dinar = "dinar", dinars = "dinar", dirham = "dirham", dirhams = "dirham",
  shilling = "shilling", shillings = "shilling",
  bucks = "USD",
  -- no ISO 4217 code: XBT, the X code markets use for it
  bitcoin = "XBT", bitcoins = "XBT",
}
for code, names in pairs(currencies.withdrawn) do
  for _, name in ipairs(names) do extra_names[name] = code end
end
extra_names.schillings = "ATS" -- (Austrian; "shillings" are East African)

-- Names that are also everyday words ("80 marks" in an exam): money only
-- with a scale or a number written as money (1,000 or 2.50).
currencies.needs_scale = { marks = true, crowns = true, crown = true }

-- ISO names that stand for more than one thing in a sentence: left out.
local skip_names = { gold = true, silver = true, platinum = true, palladium = true }

currencies.names = {}
for code, name in pairs(currencies.codes) do
  local lower = name:lower()
  if not lower:find("[%(%)]") and not skip_names[lower] then
    currencies.names[lower] = code
    currencies.names[lower .. "s"] = code
    -- "pound sterling" -> "pounds sterling"
    local first, rest = lower:match("^(%a+)( .*)$")
    if first then currencies.names[first .. "s" .. rest] = code end
  end
end
currencies.names["us dollar (next day)"] = nil
-- other spellings of the ISO names: "riyal" for "rial", the country for
-- its adjective ("malaysia ringgit" beside "malaysian ringgit")
local spellings = {}
for name, code in pairs(currencies.names) do
  local riyal = name:gsub("rial", "riyal")
  if riyal ~= name then spellings[riyal] = code end
  local adjective, rest = name:match("^(%a+an) (.+)$")
  if adjective and #adjective > 5 then spellings[adjective:sub(1, -2) .. " " .. rest] = code end
end
for name, code in pairs(spellings) do
  if not currencies.names[name] then currencies.names[name] = code end
end

for name, code in pairs(currencies.names) do
  local adjective, rest = name:match("^(%a+an) (.+)$")
  if adjective and #adjective > 5 then
    local country = adjective:sub(1, -2) -- "malaysian" -> "malaysia"
    if not currencies.names[country .. " " .. rest] then currencies.names[country .. " " .. rest] = code end
  end
end
for name, code in pairs(extra_names) do currencies.names[name] = code end
-- ISO's one-word names that are everyday English words, not money after a number
for _, word in ipairs({ "sol", "sols", "som", "soms", "kina", "kinas", "sucre", "real" }) do
  currencies.names[word] = nil
end

-- Patterns: a currency name (any case: "US dollars", "Swiss francs"),
-- an ISO code (capitals, a whole word).
local name_list, code_list = {}, {}
for name in pairs(currencies.names) do name_list[#name_list + 1] = name end
for code in pairs(currencies.codes) do code_list[#code_list + 1] = code end
-- (a name of several words may be written glued: "42 egyptianpound",
-- "42 Saudiriyal")
currencies.code_list = code_list -- (the ISO codes, for patterns of other shapes)
currencies.name = text.starts_with(name_list, true) * text.word_start
                  * text.trie_body(name_list, true, text.word_end, text.gap ^ -1)
currencies.code = text.trie(code_list)
-- a code glued to the digits after it: "USD115", "CNY50 million"
currencies.code_glued = text.trie(code_list, false, #text.digit)

-- The code a name as written stands for ("Swiss  Francs" -> CHF), or nil.
local glued_names = {}
for name, code in pairs(currencies.names) do
  if name:find(" ") then glued_names[(name:gsub(" ", ""))] = code end
end
function currencies.of_name(written)
  local lower = written:lower()
  return currencies.names[lower:gsub("%s+", " ")] or glued_names[lower]
end

-- Marks decided by the document: for each, the codes it may stand for,
-- first the one taken when the document does not say, each with the words
-- that point to it: the currency's own names count five times, the
-- country's names and cities once.
currencies.ambiguous = {
  ["¥"] = {
    { code = "JPY", names = { "yen", "JPY" }, cues = { "Japan", "Japanese", "Tokyo" } },
    { code = "CNY", names = { "yuan", "renminbi", "RMB", "CNY" },
      cues = { "China", "Chinese", "Beijing", "Shanghai" } },
  },
  Rs = {
    { code = "INR", names = { "INR", "Indian rupees" }, cues = { "India", "Indian", "Delhi", "Mumbai" } },
    { code = "PKR", names = { "PKR", "Pakistani rupees" }, cues = { "Pakistan", "Pakistani", "Islamabad", "Karachi" } },
    { code = "LKR", names = { "LKR" }, cues = { "Sri Lanka", "Sri Lankan", "Colombo" } },
    { code = "NPR", names = { "NPR" }, cues = { "Nepal", "Nepalese", "Nepali", "Kathmandu" } },
  },
  franc = {
    { code = "CHF", names = { "CHF", "Swiss francs" }, cues = { "Swiss", "Switzerland", "Zurich", "Geneva", "Basel" } },
    { code = "FRF", names = { "FRF", "French francs" }, cues = { "France", "French", "Paris" } },
    { code = "BEF", names = { "BEF", "Belgian francs" }, cues = { "Belgium", "Belgian", "Brussels" } },
    { code = "XOF", names = { "XOF", "CFA" }, cues = { "Senegal", "Ivory Coast", "Mali", "Burkina Faso", "Niger", "Benin", "Togo" } },
  },
  crown = {
    { code = "SEK", names = { "SEK", "kronor" }, cues = { "Sweden", "Swedish", "Stockholm" } },
    { code = "DKK", names = { "DKK" }, cues = { "Denmark", "Danish", "Copenhagen" } },
    { code = "NOK", names = { "NOK" }, cues = { "Norway", "Norwegian", "Oslo" } },
    { code = "CZK", names = { "CZK", "koruna" }, cues = { "Czech", "Prague" } },
    { code = "ISK", names = { "ISK" }, cues = { "Iceland", "Icelandic", "Reykjavik" } },
  },
  peso = {
    { code = "MXN", names = { "MXN" }, cues = { "Mexico", "Mexican" } },
    { code = "ARS", names = { "ARS" }, cues = { "Argentina", "Argentine", "Buenos Aires" } },
    { code = "PHP", names = { "₱" }, cues = { "Philippines", "Philippine", "Filipino", "Manila" } },
    { code = "CLP", names = { "CLP" }, cues = { "Chile", "Chilean", "Santiago" } },
    { code = "COP", names = { "COP" }, cues = { "Colombia", "Colombian", "Bogota" } },
    { code = "UYU", names = { "UYU" }, cues = { "Uruguay", "Uruguayan", "Montevideo" } },
    { code = "DOP", names = { "DOP" }, cues = { "Dominican" } },
    { code = "CUP", names = {}, cues = { "Cuba", "Cuban", "Havana" } },
  },
  riyal = {
    { code = "SAR", names = { "SAR" }, cues = { "Saudi", "Riyadh" } },
    { code = "QAR", names = { "QAR" }, cues = { "Qatar", "Qatari", "Doha" } },
    { code = "OMR", names = { "OMR" }, cues = { "Oman", "Omani", "Muscat" } },
    { code = "IRR", names = { "IRR" }, cues = { "Iran", "Iranian", "Tehran" } },
    { code = "YER", names = { "YER" }, cues = { "Yemen", "Yemeni", "Sanaa" } },
  },
  dinar = {
    { code = "KWD", names = { "KWD" }, cues = { "Kuwait", "Kuwaiti" } },
    { code = "IQD", names = { "IQD" }, cues = { "Iraq", "Iraqi", "Baghdad" } },
    { code = "BHD", names = { "BHD" }, cues = { "Bahrain", "Bahraini", "Manama" } },
    { code = "JOD", names = { "JOD" }, cues = { "Jordan", "Jordanian", "Amman" } },
    { code = "DZD", names = { "DZD" }, cues = { "Algeria", "Algerian", "Algiers" } },
    { code = "TND", names = { "TND" }, cues = { "Tunisia", "Tunisian", "Tunis" } },
    { code = "LYD", names = { "LYD" }, cues = { "Libya", "Libyan", "Tripoli" } },
    { code = "RSD", names = { "RSD" }, cues = { "Serbia", "Serbian", "Belgrade", "Yugoslavia", "Yugoslav" } },
  },
  dirham = {
    { code = "AED", names = { "AED" }, cues = { "Emirates", "UAE", "Dubai", "Abu Dhabi", "Emirati" } },
    { code = "MAD", names = {}, cues = { "Morocco", "Moroccan", "Rabat", "Casablanca" } },
  },
  -- "10 grand": a thousand dollars, or pounds where the document speaks of them
  grand = {
    { code = "USD", names = { "dollars", "dollar", "USD", "US$" }, cues = { "US", "U.S.", "America", "American" } },
    { code = "GBP", names = { "pounds", "pound", "GBP", "quid", "sterling" },
      cues = { "Britain", "British", "UK", "England", "London" } },
  },
  shilling = {
    { code = "KES", names = { "KES" }, cues = { "Kenya", "Kenyan", "Nairobi" } },
    { code = "UGX", names = { "UGX" }, cues = { "Uganda", "Ugandan", "Kampala" } },
    { code = "TZS", names = { "TZS" }, cues = { "Tanzania", "Tanzanian", "Dodoma", "Dar es Salaam" } },
    { code = "SOS", names = {}, cues = { "Somalia", "Somali", "Mogadishu" } },
  },
}

-- How often a word stands in a text as a whole word (any case with
-- any_case: "MANILA" in a dateline counts for "Manila").
local counters = {}
local function count_word(subject, word, any_case)
  local key = word .. (any_case and "\0ci" or "")
  local finder = counters[key]
  if not finder then
    local literal = any_case and text.ci(word) or lpeg.P(word)
    finder = lpeg.Ct((text.word_start * literal * text.word_end * lpeg.Cc(true) + 1) ^ 0)
    counters[key] = finder
  end
  return #finder:match(subject)
end

-- The code for a symbol or name looked up above, deciding the ambiguous
-- ones by the document's words (the last document's counts are kept).
local decided = { subject = nil }
function currencies.resolve(code, subject)
  local choices = currencies.ambiguous[code]
  if not choices then return code end
  if decided.subject ~= subject then decided = { subject = subject } end
  if not decided[code] then
    local best, best_count = choices[1].code, 0
    for _, choice in ipairs(choices) do
      local count = 0
      for _, name in ipairs(choice.names) do count = count + 5 * count_word(subject, name) end
      for _, cue in ipairs(choice.cues) do count = count + count_word(subject, cue, true) end
      if count > best_count then best, best_count = choice.code, count end
    end
    decided[code] = best
  end
  return decided[code]
end

return currencies
