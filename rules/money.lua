-- money.lua: sums of money with a number. A currency symbol, ISO 4217 code
-- or currency name before or after the number, spaced or glued, with an
-- optional scale: "$150bn", "US$110 billion", "USD 17 billion",
-- "$ 60 billion", "€26 million", "200 million renminbi", "32.1 billion USD",
-- "RMB 5bn", "5.3 trillion yuan", "HK$3.2bn", "₹1.5 lakh crore",
-- "Rs 500 crore", "40 million Swiss francs", "five billion dollars".
-- Value: {amount, currency}, the amount written out in full.
--
-- Codes and names come from data/currencies.tsv (ISO 4217) and the hand
-- lists in lib/currencies.lua (symbols, "dollars", "rupees", withdrawn
-- currencies such as "marks"). Marks and words several currencies share
-- ("¥", "Rs", "francs", "crowns", "pesos", "dinars") are decided by the
-- document (yen or yuan by "Japan"/"yen" against "China"/"yuan"). A bare
-- "$" is always USD, as the guidelines say, even where the story points to
-- another dollar (the gold's decision 44).
-- A range gives one annotation per end, the scale and currency shared:
-- "$5-10 billion" → "$5" (5e9 USD) and "10 billion" (10e9 USD).
-- Not money: no number ("billions of dollars", "multi-trillion-dollar",
-- "several hundred million USD"); qualifiers ("up to", "more than") stay out.

local lpeg = require "lpeg"
local text = require "lib.text"
local numbers = require "lib.numbers"
local currencies = require "lib.currencies"
local P, R, C, Cg, Cc, Cmt, B = lpeg.P, lpeg.R, lpeg.C, lpeg.Cg, lpeg.Cc, lpeg.Cmt, lpeg.B

local digit = text.digit

-- The currency codes and names are big tries used in several places: they
-- are rules of a grammar, called by name (written out, each use is a copy
-- that LPeg compiles again); with_currencies(p) is p with them defined.
local shared = {}
local function with_currencies(p)
  local grammar = { "pattern", pattern = p }
  for rule_name, rule in pairs(shared) do grammar[rule_name] = rule end
  return P(grammar)
end
shared.currency_code = currencies.code
shared.currency_name = currencies.name
shared.currency_code_glued = currencies.code_glued
shared.scale_word = text.trie(numbers.scale_words, true)
local currency_code, currency_name = lpeg.V"currency_code", lpeg.V"currency_name"
local currency_code_glued = lpeg.V"currency_code_glued"

-- Symbols, as a trie: the ones made of letters ("Rs", "RMB", "US$") start a
-- word; all are followed by the number (after at most a space).
local symbol_list, marks, lettered = {}, {}, {}
for symbol in pairs(currencies.symbols) do
  symbol_list[#symbol_list + 1] = symbol
  if not symbol:find("%a") then marks[#marks + 1] = symbol
  elseif symbol:find("^%a+$") then lettered[#lettered + 1] = symbol end
end
local symbol = text.trie(symbol_list, false, #(text.space ^ -1 * digit))
-- the symbols without letters may also follow the number, spaced or glued
-- ("26 million €", "20€"): no word start is asked of them
table.sort(marks, function(a, b) return #a > #b end)
local mark = P(false)
for _, m in ipairs(marks) do mark = mark + P(m) end

-- A number right after a currency written before it, glued or not
-- ("USD115", "CNY50 million", "Rs20").
local glued_number = #digit * -B(digit * lpeg.S",.")
  * (digit * digit ^ -2 * (P"," * digit * digit * digit) ^ 1 * -digit + digit ^ 1)
  * (P"." * digit ^ 1) ^ -1
-- Three capitals glued to the number, a code to be checked in the value
-- ("115USD", "42MYR"), and a code with a million prefix ("120 MEUR",
-- "MAUD 60", "30 MUSD").
local caps3 = R"AZ" * R"AZ" * R"AZ"
local glued_code = caps3 * text.word_end
local million_code = text.word_start * P"M" * caps3 * text.word_end

-- Hundredths: "10 cents", "64.2 cents", "12-cent", "10¢", "470 pence".
local CENTS = { cent = "USD", cents = "USD", ["¢"] = "USD", pence = "GBP", penny = "GBP",
                pennies = "GBP", p = "GBP", kopecks = "RUB", kopeks = "RUB", kopeck = "RUB",
                kopek = "RUB" }
local cent_word = text.trie({ "cents", "cent", "pence", "penny", "pennies", "kopecks", "kopeks",
                              "kopeck", "kopek" }, true)

-- The hundredths after a whole sum in units: "15 dollars 50", "17 USD 25",
-- "20 dollars 43 cents", "20 ringgit and 43c": a cent word, or two digits
-- that end the phrase ("15 dollars 50."; not "4,480 dlrs and 2 ...").
local sub_unit = cent_word + text.ci"sens" + text.ci"sen" + P"c" * text.word_end
                 + text.ci"kopiykas" + text.ci"kopiyka"
local hundredths = text.gap * (P"and" * text.gap) ^ -1 * Cg(C(digit * digit ^ -1), "hundredths")
    * -digit * text.gap ^ -1 * sub_unit
  + text.gap * Cg(C(digit * digit), "hundredths") * -digit
    * #(text.space ^ 0 * (lpeg.S".,;:!?)" * (text.white + -1) + text.newline + -1))

-- An ISO code (three capitals, a whole word) and a currency name of one
-- or more words ("US dollars", "pounds sterling", "Swiss francs").
local code = #(R"AZ" * R"AZ" * R"AZ" * text.space ^ -1 * digit) * currency_code
local name = currency_name

-- The currency written before the number, and after it.
-- hundredths in words after a sum in words: "thirteen dollars and
-- forty-five cents", "twenty ringgit 43 sens"
local word_hundredths = text.gap * (P"and" * text.gap) ^ -1
  * Cg(C(numbers.word_number + digit * digit ^ -1 * -digit), "hundredths") * (text.gap ^ -1 * sub_unit) ^ -1
  * #(text.space ^ 0 * (lpeg.S".,;:!?)" * (text.white + -1) + text.newline + -1))
-- Fractions of a scale, in words ("half a", "a quarter of a", "three
-- quarters"), with their values in FRACTIONS.
local of_a = (text.gap * text.ci"of" * text.gap * (text.ci"an" + text.ci"a") * text.word_end) ^ -1
local fraction = text.word_start * (
    text.ci"half" * text.gap * (text.ci"an" + text.ci"a") * text.word_end
  + (text.ci"a" * text.gap) ^ -1 * text.ci"quarter" * text.word_end * of_a
  + (text.ci"three" + text.ci"3") * (text.gap + text.hyphen) * text.ci"quarters" * text.word_end * of_a)
local function fraction_value(written)
  local lower = written:lower()
  if lower:find("^half") then return 0.5 end
  if lower:find("quarters") then return 0.75 end
  return 0.25
end

-- "a" or "one" as the number: "a dollar", "a million dollars", "a
-- hundred euros". Where "a" stands for one and the name could also
-- qualify a noun ("a dollar shortage", "a grand jury", "a nickel mine"),
-- the phrase must end there or go on with a word that is no noun.
local phrase_end = #(text.space ^ 0 * (lpeg.S".,;:!?)" + text.newline + -1))
  + #(text.gap * text.trie({ "a", "an", "the", "per", "each", "apiece", "for", "to", "in", "on",
                              "at", "and", "or", "from", "than", "by", "with", "is", "was" }))
local one = #lpeg.S"aAoO" * Cg(C(text.word_start * (text.ci"an" + text.ci"a" + text.ci"one") * text.word_end), "one")
local SINGULAR = { "dollar", "euro", "yuan", "renminbi", "rouble", "ruble", "rupee", "yen", "ringgit",
                   "riyal", "dirham", "franc", "peso", "shekel" }
local singular = text.trie(SINGULAR, true)
local hundred_or_scale = Cg(C((text.ci"hundred" + lpeg.V"scale_word") * text.word_end), "scale")
-- Coins counted and the thousand of slang: "twenty nickels", "a dime",
-- "10 grand" (its currency decided by the document: dollars, or pounds).
local COINS = { nickel = 0.05, nickels = 0.05, dime = 0.1, dimes = 0.1 }
-- (what follows the number, a gap after it, within the alternatives that
-- read a number anyway: a count of coins in the plural, one coin, a
-- thousand; the value checks that number and coin agree)
local slang = Cg(C(text.trie({ "nickels", "dimes" }, true)), "coin")
  + Cg(C(text.trie({ "nickel", "dime" }, true)), "coin") * phrase_end
  + Cg(C(text.ci"grand" * text.word_end), "grand") * phrase_end

-- a number that must have its scale
local amount_scaled = Cg(C(numbers.number), "number") * text.gap ^ -1 * Cg(C(numbers.scale_run), "scale")

-- an ISO code with a dollar sign, any case: "CAD$ 15", "mxn$ 15"
local letter = text.letter
local code_dollar = #(letter * letter * letter * P"$" * text.space ^ -1 * digit) * text.word_start
  * text.trie_body(currencies.code_list, true, P"$", text.gap)
local before = Cg(C(symbol + code + code_dollar), "currency") * text.space ^ -1
-- the same with a code glued to the number or a million prefix: the
-- number may then follow the letters directly
local code_glued = #(caps3 * digit) * Cg(C(currency_code_glued), "currency")
  + Cg(C(text.trie(lettered, false, #digit)), "currency") -- "Rs20", "RM42"
local before_glued = (code_glued + Cg(C(million_code), "currency") * text.space ^ -1)
  * Cg(C(glued_number), "number") * ((text.gap ^ -1 + text.hyphen) * Cg(C(numbers.scale_run), "scale")) ^ -1
local lower_code = text.trie(currencies.lower_codes, false, P(true)) * text.word_end
local lower_code_glued = text.starts_with(currencies.lower_codes)
  * text.trie_body(currencies.lower_codes, false, text.word_end, text.gap)
local after = text.space ^ -1 * Cg(C(mark), "unit") * -digit -- not "1 $10"
            -- a scale after the code: "75 USD million"
            + text.gap * Cg(C(currency_code), "unit") * text.gap * Cg(C(numbers.scale_run), "scale")
            + text.gap * Cg(C(currency_code + name), "unit")
            + text.space * Cg(C(lower_code), "unit") -- "20 usd"
            + Cg(C(lower_code_glued), "unit") -- "10eur"
            + Cg(C(glued_code), "unit")
            + text.gap * Cg(C(million_code), "unit")
            + text.hyphen * Cg(C(name), "unit") -- "a 12-dollar fee"

-- A number with its scale; the scale may be joined by a hyphen ("$5-million").
local amount = Cg(C(numbers.number), "number")
               * ((text.gap ^ -1 + text.hyphen) * Cg(C(numbers.scale_run), "scale")) ^ -1
               * -(text.space ^ -1 * P"%")

-- Ranges: "5-10", "5 to 10", "5 and 10" (between ...), "$5-$10".
local joiner = numbers.range_joiner()
-- the second end of a range: what gives the first its scale and currency
local tail = with_currencies(lpeg.Ct(joiner * before ^ -1 * amount * after ^ -1))
-- after a range's first end: a second end with the currency name or code
-- ("5-10 billion dollars")
local head_rest = #(joiner * numbers.number * (text.gap ^ -1 * numbers.scale_run) ^ -1 * after)
                  * Cg(Cc(true), "head")
-- the second end of a range whose first end has the currency: "$5-10 billion"
local first_end = with_currencies(lpeg.Ct(before * amount * joiner) * lpeg.Cp())
local function currency_behind(subject, i)
  for j = i - 1, math.max(1, i - 40), -1 do
    -- a symbol or code starts with "$", a capital or a UTF-8 lead byte
    local b = subject:byte(j)
    if b == 36 or (b >= 65 and b <= 90) or b >= 192 then
      local found, stop = first_end:match(subject, j)
      if found and stop == i then return found end
    end
  end
  return nil
end
-- (only tried right after a digit and a joiner: "5-", "5 - ", "5 to ")
local behind_joiner = B(digit * P" to ") + B(digit * P" and ")
for _, dash in ipairs({ "-", "\226\128\147", "\226\128\148" }) do -- - – —
  behind_joiner = behind_joiner + B(digit * P(dash)) + B(digit * P(dash .. " "))
                  + B(digit * P(" " .. dash .. " "))
end
-- (first a test of the one or two bytes before, which fails for most numbers)
local quick_behind = B(lpeg.S"-\147\148") + B(lpeg.S"od-\147\148" * P" ")
-- (match-time checks return a position only: see the note in lib/text.lua)
local behind = #digit * quick_behind * behind_joiner
               * Cmt(P(true), function(subject, i) return currency_behind(subject, i) ~= nil and i end)
               * amount * Cg(Cc(true), "behind")

-- The currency a symbol, code or name stands for, given the document.
local function currency_of(written, subject)
  if not written then return nil end
  local dollar_code = written:match("^(%a%a%a)%$$")
  dollar_code = dollar_code and currencies.codes[dollar_code:upper()] and dollar_code:upper()
  local found = currencies.symbols[written] or currencies.codes[written] and written
                or currencies.codes[written:upper()] and written:upper()
                or dollar_code or currencies.of_name(written)
  return found and currencies.resolve(found, subject)
end

return {
  name = "money",
  type = "money",
  description = "sums of money: a currency symbol, code or name with a number and scale",
  pattern = with_currencies(before_glued
          + before * amount
          + behind
          + amount * (text.gap + text.hyphen) ^ -1 * Cg(C(cent_word + P"¢"), "cents")
          + amount * (after * hundredths ^ -1 + head_rest + text.gap * slang)
          -- a number in words, with or without a scale: "five billion
          -- dollars", "ten shekels", "a one-yen bid", "thirteen dollars and
          -- forty-five cents"
          + Cg(C(numbers.word_number), "number") * (text.gap * Cg(C(numbers.scale_run), "scale")) ^ -1
            * Cg(Cc(true), "words") * (text.gap + text.hyphen)
            * (Cg(C(currency_code + name), "unit") * word_hundredths ^ -1 + Cg(C(cent_word), "cents")
               + slang)
          -- a currency name before a number and its scale: "dollar 22.5 million"
          + Cg(C(name), "currency") * text.gap * amount_scaled
          -- "a dollar", "a million dollars", "one hundred euros"
          + one * text.gap * (slang + Cg(C(singular), "unit") * phrase_end
                              + hundred_or_scale * (text.gap * lpeg.V"scale_word" * text.word_end) ^ 0
                                * text.gap * Cg(C(currency_code + name), "unit"))
          -- a fraction of a scale: "half a billion dollars", "a quarter of a
          -- million euros", "three quarters billion US dollars"
          + Cg(C(fraction), "fraction") * text.gap * Cg(C(numbers.scale_run), "scale")
            * text.gap * Cg(C(currency_code + name), "unit")),
  value = function(c, m)
    local subject = m.subject
    local written = c.currency or c.unit
    local scale = c.scale
    if c.cents then
      local n = numbers.parse(c.number)
      local code = CENTS[c.cents:lower()]
      return n and code and { amount = numbers.tidy(n / 100), currency = code }
    end
    if c.coin then
      local plural = c.coin:lower():find("s$") ~= nil
      if plural == (c.one ~= nil) or c.scale then return false end -- "a dimes", "five dime"
      local n = c.one and 1 or numbers.parse(c.number)
      return n and { amount = numbers.tidy(n * COINS[c.coin:lower()]), currency = "USD" }
    end
    if c.grand then
      if c.scale then return false end
      local n = c.one and 1 or numbers.parse(c.number)
      return n and { amount = numbers.tidy(n * 1000), currency = currencies.resolve("grand", subject) }
    end
    if c.one then
      local currency = currency_of(c.unit, subject)
      if not currency then return false end
      local factor = c.scale and (c.scale:lower():find("^hundred") and 100 * numbers.factor(c.scale)
                                  or numbers.factor(c.scale)) or 1
      return { amount = numbers.tidy(factor), currency = currency }
    end
    if c.fraction then
      local currency = currency_of(c.unit, subject)
      if not currency then return false end
      return { amount = numbers.tidy(fraction_value(c.fraction) * numbers.factor(c.scale)),
               currency = currency }
    end
    if c.words then
      local n = numbers.parse(c.number)
      local currency = currency_of(c.unit, subject)
      if not (n and currency) then return false end
      local amount = n * numbers.factor(c.scale)
      if c.hundredths then
        local h = numbers.parse(c.hundredths)
        if not h or h >= 100 or c.scale then return false end
        amount = amount + h / 100
      end
      return { amount = numbers.tidy(amount), currency = currency }
    end
    -- a code with a million prefix: "MEUR", "MAUD"
    local million = written and written:match("^M(%u%u%u)$")
    if million and currencies.codes[million] and not currencies.codes[written] then
      written = million
      scale = scale or "million"
    end
    if c.behind then
      local first = currency_behind(subject, m.start + 1)
      written = first and first.currency
    end
    if not scale or not written then -- "$5-10 billion", "5 to 10 billion dollars"
      local second = tail:match(subject, m["end"] + 1)
      if second then
        scale = scale or second.scale
        written = written or second.currency or second.unit
      end
    end
    local currency = currency_of(written, subject)
    if not currency then return false end
    -- codes and names that are also words count only with a scale ("TOP 10",
    -- "80 marks"), or for names a number written as money ("1,000 marks")
    if not scale and (currencies.word_codes[written] or currencies.needs_scale[written:lower()]
                      and not c.number:find("[,.]")) then
      return false
    end
    local amount = numbers.value({ number = c.number, scale = scale })
    if c.hundredths then
      if scale or c.number:find("[.,]") then return false end -- "5.9 mln dlrs 1", "1,000 dlrs 50"
      amount = numbers.tidy(amount + tonumber(c.hundredths) / 100)
    end
    return { amount = amount, currency = currency }
  end,
  examples = {
    { "China is spending roughly $150bn a year.", "$150bn", { amount = 150e9, currency = "USD" } },
    { "a fund of US$110 billion", "US$110 billion", { amount = 110e9, currency = "USD" } },
    { "worth USD 17 billion", "USD 17 billion", { amount = 17e9, currency = "USD" } },
    { "an extra $ 60 billion", "$ 60 billion", { amount = 60e9, currency = "USD" } },
    { "put the cost at KSh 17.5 billion", "KSh 17.5 billion", { amount = 17.5e9, currency = "KES" } },
    { "Huawei pledged E£1.5bn for it", "E£1.5bn", { amount = 1.5e9, currency = "EGP" } },
    { "investment had reached Rp 24.6 trillion", "Rp 24.6 trillion", { amount = 24.6e12, currency = "IDR" } },
    { "a data centre worth 1.1 trillion soums", "1.1 trillion soums", { amount = 1.1e12, currency = "UZS" } },
    { "up to $50 billion", "$50 billion", { amount = 50e9, currency = "USD" } },
    { "grants of €26 million", "€26 million", { amount = 26e6, currency = "EUR" } },
    { "200 million renminbi in loans", "200 million renminbi", { amount = 200e6, currency = "CNY" } },
    { "exports of 32.1 billion USD", "32.1 billion USD", { amount = 32.1e9, currency = "USD" } },
    { "raised RMB 5bn", "RMB 5bn", { amount = 5e9, currency = "CNY" } },
    { "5.3 trillion yuan of output", "5.3 trillion yuan", { amount = 5.3e12, currency = "CNY" } },
    { "a £4.2bn contract", "£4.2bn", { amount = 4.2e9, currency = "GBP" } },
    { "it cost $1,250,000", "$1,250,000", { amount = 1250000, currency = "USD" } },
    { "HK$3.2bn in bonds", "HK$3.2bn", { amount = 3.2e9, currency = "HKD" } },
    { "an A$ 900m mine", "A$ 900m", { amount = 900e6, currency = "AUD" } },
    { "a C$2 billion deal", "C$2 billion", { amount = 2e9, currency = "CAD" } },
    { "S$40m and NZ$12m", find = { { "S$40m", { amount = 40e6, currency = "SGD" } },
                                   { "NZ$12m", { amount = 12e6, currency = "NZD" } } } },
    { "a R$3 billion loan", "R$3 billion", { amount = 3e9, currency = "BRL" } },
    { "a ₹1.5 lakh crore plan", "₹1.5 lakh crore", { amount = 1.5e12, currency = "INR" } },
    { "India set aside Rs 500 crore", "Rs 500 crore", { amount = 5e9, currency = "INR" } },
    { "Pakistan's Rs 40bn budget", "Rs 40bn", { amount = 40e9, currency = "PKR" } },
    { "a fine of ₽2 million", "₽2 million", { amount = 2e6, currency = "RUB" } },
    { "₩5 trillion from Seoul", "₩5 trillion", { amount = 5e12, currency = "KRW" } },
    { "Tokyo's ¥2 trillion stimulus", "¥2 trillion", { amount = 2e12, currency = "JPY" } },
    { "Beijing lent ¥300 billion to Chinese firms", "¥300 billion", { amount = 300e9, currency = "CNY" } },
    { "sales of 40 million Swiss francs", "40 million Swiss francs", { amount = 40e6, currency = "CHF" } },
    { "loans of 12 billion rupees", "12 billion rupees", { amount = 12e9, currency = "INR" } },
    { "a 3 billion rouble order", "3 billion rouble", { amount = 3e9, currency = "RUB" } },
    { "about 15 mln dlrs", "15 mln dlrs", { amount = 15e6, currency = "USD" } },
    { "Paris raised 3.5 billion francs", "3.5 billion francs", { amount = 3.5e9, currency = "FRF" } },
    { "a Swiss bank lent 300 mln francs", "300 mln francs", { amount = 300e6, currency = "CHF" } },
    { "Sweden paid 20 mln crowns", "20 mln crowns", { amount = 20e6, currency = "SEK" } },
    { "Bonn set aside 2.4 billion marks", "2.4 billion marks", { amount = 2.4e9, currency = "DEM" } },
    { "a 50 billion lire loan", "50 billion lire", { amount = 50e9, currency = "ITL" } },
    { "Mexico owes 5 trillion pesos", "5 trillion pesos", { amount = 5e12, currency = "MXN" } },
    { "paid 2,000 euros.", "2,000 euros", { amount = 2000, currency = "EUR" } },
    { "worth 26 million €", "26 million €", { amount = 26e6, currency = "EUR" } },
    { "ZAR 1.2 billion in bonds", "ZAR 1.2 billion", { amount = 1.2e9, currency = "ZAR" } },
    { "a 3.6 billion Kenyan shillings loan", "3.6 billion Kenyan shillings", { amount = 3.6e9, currency = "KES" } },
    { "five billion dollars in aid", "five billion dollars", { amount = 5e9, currency = "USD" } },
    { "€80 billion (US$91 billion) in all",
      find = { { "€80 billion", { amount = 80e9, currency = "EUR" } },
               { "US$91 billion", { amount = 91e9, currency = "USD" } } } },
    { "a fee of USD115 and CNY50 million", find = { { "USD115", { amount = 115, currency = "USD" } },
      { "CNY50 million", { amount = 50e6, currency = "CNY" } } } },
    { "it sold for 42MYR", "42MYR", { amount = 42, currency = "MYR" } },
    { "a price of 20€ a night", "20€", { amount = 20, currency = "EUR" } },
    { "revenue of 120 MEUR", "120 MEUR", { amount = 120e6, currency = "EUR" } },
    { "a 12-cent dividend", "12-cent", { amount = 0.12, currency = "USD" } },
    { "shares fell 64.2 cents", "64.2 cents", { amount = 0.642, currency = "USD" } },
    { "it closed at 197 pence.", "197 pence", { amount = 1.97, currency = "GBP" } },
    { "a gift of ten shekels", "ten shekels", { amount = 10, currency = "ILS" } },
    { "a ticket at 15 dollars 50.", "15 dollars 50", { amount = 15.5, currency = "USD" } },
    { "it cost 20 dollars 43 cents", "20 dollars 43 cents", { amount = 20.43, currency = "USD" } },
    { "it cost thirteen dollars and forty-five cents", "thirteen dollars and forty-five cents",
      { amount = 13.45, currency = "USD" } },
    { "shares at four dlrs and 5.75 dlrs each", find = { { "four dlrs", { amount = 4, currency = "USD" } },
      { "5.75 dlrs", { amount = 5.75, currency = "USD" } } } },
    { "priced at dollar 22.5 million", "dollar 22.5 million", { amount = 22.5e6, currency = "USD" } },
    { "a fund of half a billion dollars", "half a billion dollars", { amount = 5e8, currency = "USD" } },
    { "it costs a quarter million US dollars", "a quarter million US dollars", { amount = 2.5e5, currency = "USD" } },
    { "three quarters of a billion euros", "three quarters of a billion euros", { amount = 7.5e8, currency = "EUR" } },
    { "a fee of CAD$ 40 per seat", "CAD$ 40", { amount = 40, currency = "CAD" } },
    { "a kilo sold for 30 egyptianpounds", "30 egyptianpounds", { amount = 30, currency = "EGP" } },
    { "tickets cost 12eur online", "12eur", { amount = 12, currency = "EUR" } },
    { "the fare is a dollar a ride", "a dollar", { amount = 1, currency = "USD" } },
    { "a million dollars in prizes", "a million dollars", { amount = 1e6, currency = "USD" } },
    { "he owed her 20 grand.", "20 grand", { amount = 20000, currency = "USD" } },
    { "a jar of thirty dimes", "thirty dimes", { amount = 3, currency = "USD" } },
    { "it cost forty five dollars", "forty five dollars", { amount = 45, currency = "USD" } },
    { "holdings of 250 bitcoins", "250 bitcoins", { amount = 250, currency = "XBT" } },
    { "10 rmb and 20 usd", find = { { "10 rmb", { amount = 10, currency = "CNY" } },
      { "20 usd", { amount = 20, currency = "USD" } } } },
    { "costs of $5-10 billion",
      find = { { "$5", { amount = 5e9, currency = "USD" } },
               { "10 billion", { amount = 10e9, currency = "USD" } } } },
    { "between 3 and 4 trillion yuan",
      find = { { "3", { amount = 3e12, currency = "CNY" } },
               { "4 trillion yuan", { amount = 4e12, currency = "CNY" } } } },
  },
  counterexamples = {
    "a multi-trillion-dollar market",
    "billions of dollars in aid",
    "several hundred million USD",
    "The 5G rollout covered 300 cities.",
    "the TOP 10 firms and ALL 3 banks",
    "PHP 7 and SDG 4 are not money",
    "a 12% fall in the dollar",
    "she got 80 marks and 3 crowns",
    "a dollar shortage hit importers",
    "a grand jury heard it",
    "a nickel mine opened",
  },
}
