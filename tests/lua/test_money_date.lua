-- test_money_date.lua: the money, percent and date rules (rules/money.lua,
-- rules/percent.lua, rules/date.lua), their libraries (rules/lib/text.lua,
-- numbers.lua, currencies.lua) and the ISO 4217 table data/currencies.tsv.

local check = require "check"
local quarry = require "quarry"
local pack = require "pack"

local RULES = { money = true, percent = true, date = true }

local function rules() return pack.rules({ "money", "percent", "date" }) end

-- The standing annotations of type t in a text, in text order, as
-- {text, value} pairs.
local function find(t, text)
  return pack.found(pack.run(rules(), text, RULES), t, text)
end

-- The spans found, as one string "a | b | c".
local function spans(t, text)
  local list = {}
  for i, f in ipairs(find(t, text)) do list[i] = f[1] end
  return table.concat(list, " | ")
end

-- The values found, as one string: amounts and codes, values, EDTF.
local function values(t, text)
  local list = {}
  for i, f in ipairs(find(t, text)) do
    local v = f[2]
    list[i] = v.edtf or v.currency and string.format("%.15g %s", v.amount, v.currency)
              or string.format("%.15g", v.value)
  end
  return table.concat(list, " | ")
end

local tests = {}

function tests.the_currency_table_is_iso_4217()
  local file = assert(io.open(quarry.home .. "/data/currencies.tsv", "rb"))
  local header, codes, n = nil, {}, 0
  for line in file:lines() do
    if not line:find("^#") and line ~= "" then
      if not header then
        header = line
      else
        local code, numeric, name = line:match("^(%u%u%u)\t(%d*)\t([^\t]+)$")
        assert(code, "malformed line: " .. line)
        assert(not codes[code], "code twice: " .. code)
        codes[code], n = name, n + 1
      end
    end
  end
  file:close()
  check.equal(header, "code\tnumeric\tname", "header")
  assert(n > 150, "a whole table")
  for _, code in ipairs({ "USD", "EUR", "CNY", "RUB", "GBP", "JPY", "INR", "KRW", "AUD", "HKD" }) do
    assert(codes[code], code .. " is in the table")
  end
  assert(not codes.XAU and not codes.XXX, "metals and 'no currency' are left out")
end

function tests.the_currency_table_follows_iso_codes_when_installed()
  local file = io.open("/usr/share/iso-codes/json/iso_4217.json", "rb")
  if not file then return end -- iso-codes not installed: nothing to compare
  local decoded = quarry.json.decode(file:read("a"))
  file:close()
  rules()
  local currencies = require "lib.currencies"
  for _, entry in ipairs(decoded["4217"]) do
    local code = entry.alpha_3
    if not code:find("^X[AB]") and code ~= "XTS" and code ~= "XXX" and code ~= "XPD"
       and code ~= "XPT" and code ~= "XUA" and code ~= "XSU" then
      assert(currencies.codes[code], code .. " is missing: run scripts/tools/currencies.lua")
    end
  end
end

function tests.money_symbols_codes_and_names_before_or_after_the_number()
  check.equal(values("money",
    "It pledged $150bn, US$110 billion and USD 17 billion; RMB 5bn, 32.1 billion USD, "
    .. "€26 million, 200 million renminbi, 5.3 trillion yuan and £4.2bn."),
    "150000000000 USD | 110000000000 USD | 17000000000 USD | 5000000000 CNY | "
    .. "32100000000 USD | 26000000 EUR | 200000000 CNY | 5300000000000 CNY | 4200000000 GBP",
    "values")
  check.equal(values("money", "HK$3bn, A$2m, C$1.5 billion, S$40m, NZ$12m, R$8bn and ₩5 trillion"),
    "3000000000 HKD | 2000000 AUD | 1500000000 CAD | 40000000 SGD | 12000000 NZD | "
    .. "8000000000 BRL | 5000000000000 KRW", "dollars and won")
  check.equal(values("money", "₹1.5 lakh crore, 12 billion rupees, ₽2 million and 40 million Swiss francs"),
    "1500000000000 INR | 12000000000 INR | 2000000 RUB | 40000000 CHF", "rupees, roubles, francs")
  check.equal(spans("money", "up to $ 50 billion over 20 years"), "$ 50 billion", "qualifiers stay out")
end

function tests.money_conversions_and_ranges()
  check.equal(values("money", "Europe's €80 billion (US$91 billion) programme"),
    "80000000000 EUR | 91000000000 USD", "a conversion is two annotations")
  check.equal(spans("money", "costs of $5-10 billion and 3 to 4 trillion yuan"),
    "$5 | 10 billion | 3 | 4 trillion yuan", "each end of a range")
  check.equal(values("money", "costs of $5-10 billion and 3 to 4 trillion yuan"),
    "5000000000 USD | 10000000000 USD | 3000000000000 CNY | 4000000000000 CNY",
    "the ends share the scale and currency")
end

function tests.money_yen_or_yuan_by_the_document()
  check.equal(values("money", "Tokyo's ¥2 trillion plan, as Japanese banks expected."),
    "2000000000000 JPY", "Japan")
  check.equal(values("money", "China's ¥300 billion fund; Beijing pays in yuan."),
    "300000000000 CNY", "China")
  check.equal(values("money", "Paris raised 3.5 billion francs for French farms."),
    "3500000000 FRF", "French francs")
end

function tests.money_needs_a_number()
  for _, text in ipairs({ "a multi-trillion-dollar market", "billions of dollars in aid",
                          "several hundred million USD", "the TOP 10 and ALL 3",
                          "she got 80 marks", "4.4 times the dollar" }) do
    check.equal(spans("money", text), "", text)
  end
end

function tests.percent_forms_and_ranges()
  check.equal(values("percent",
    "2.43% of GDP, 1.2 per cent, 62 percent, 2 percentage points, 36 %, five per cent, "
    .. "12 pct, a 10-percent stake, a 15–20% rise"),
    "2.43 | 1.2 | 62 | 2 | 36 | 5 | 12 | 10 | 15 | 20", "values")
  check.equal(spans("percent", "from 15 to 20 per cent"), "15 | 20 per cent", "a range in words")
  check.equal(spans("percent", "output grew 4.4 times; in 2014 and 25% later"), "25%", "not percent")
end

function tests.dates_in_the_common_orders()
  check.equal(values("date",
    "Friday, March 1, 2024; 1 March 2024; the 3rd of June, 2019; Feb. 22, 2025; 2023-05-22; "
    .. "22/02/2025; May 2016; fall 2013; on March 1st."),
    "2024-03-01 | 2024-03-01 | 2019-06-03 | 2025-02-22 | 2023-05-22 | 2025-02-22 | 2016-05 | "
    .. "2013-23 | XXXX-03-01", "values")
end

function tests.date_ranges()
  check.equal(values("date",
    "held 25-27 April 2019; the plan (2016 – 2020); 2011-2015; from 2018 to 2020; "
    .. "between 2017 and 2021; April 25-27, 2019; 25 April - 3 May 2019; March-April 2020; "
    .. "the 2014-15 season."),
    "2019-04-25/2019-04-27 | 2016/2020 | 2011/2015 | 2018/2020 | 2017/2021 | "
    .. "2019-04-25/2019-04-27 | 2019-04-25/2019-05-03 | 2020-03/2020-04 | 2014/2015", "values")
  check.equal(spans("date", "from 2006 until 2015 and in 2015 and 2017"),
    "from 2006 until 2015 | 2015 | 2017", "two years with and are two dates")
end

function tests.years_by_their_context()
  check.equal(spans("date", "since 2014, by 2049, its 2006 output, in 2023. By 2018 it grew"),
    "2014 | 2049 | 2006 | 2023 | 2018", "years")
  for _, text in ipairs({ "Horizon 2020", "Made in China 2025", "SPIEF 2016", "some 2,500 people",
                          "about 2000 people", "at 1400 GMT", "a 2-day forum over 20 years",
                          "in June and on Monday", "a $2020 fee",
                          "the 2019-nCoV virus", "an ambiguous 03/04/2021" }) do
    check.equal(spans("date", text), "", text)
  end
end

function tests.decades_and_iso_shapes()
  check.equal(spans("date", "a war in the 1960s and the 1990’s"), "1960s | 1990’s", "decades")
  check.equal(spans("date", "filed 2014-10, due 2015-3-3, out 05-Aug-2016 and Dec-2018"),
    "2014-10 | 2015-3-3 | 05-Aug-2016 | Dec-2018", "numeric and dashed shapes")
  check.equal(spans("date", "the 2011-12 budget"), "2011-12", "a two-year span stays a range")
end

function tests.wrapped_lines_but_not_paragraphs()
  check.equal(spans("money", "sales of 15 mln\ndlrs rose"), "15 mln\ndlrs", "one line break")
  check.equal(spans("money", "sales of 15 mln\n\ndlrs rose"), "", "a blank line ends it")
  check.equal(spans("date", "it runs until March 17,\n1989."), "March 17,\n1989", "a wrapped date")
end

function tests.numbers_are_exact()
  rules()
  local numbers = require "lib.numbers"
  check.equal(numbers.value({ number = "32.1", scale = "billion" }), 32100000000, "32.1 billion")
  assert(math.type(numbers.value({ number = "32.1", scale = "billion" })) == "integer", "an integer")
  check.equal(numbers.value({ number = "1.26", scale = "lakh crore" }), 1260000000000, "lakh crore")
  check.equal(numbers.value({ number = "1,250,000" }), 1250000, "grouped")
  check.equal(numbers.value({ number = "twenty-five", scale = "million" }), 25000000, "words")
  check.equal(numbers.parse("two hundred"), 200, "hundreds")
end

function tests.text_trie_and_neighbouring_words()
  rules()
  local lpeg = require "lpeg"
  local text = require "lib.text"
  local trie = lpeg.C(text.trie({ "per cent", "percent", "percentage points", "pct" }, true))
  check.equal(trie:match("Percentage  Points up"), "Percentage  Points", "longest, any case, spaces")
  check.equal(trie:match("percentages"), nil, "whole words only")
  local s = "Made in China 2025 and “Horizon 2020” since 2014"
  check.equal(text.word_before(s, s:find("2025")), "China", "word before")
  check.equal(text.word_before(s, s:find("since")), nil, "a quote stands before")
  check.equal(text.word_after(s, s:find("2025") + 4), "and", "word after")
  check.equal(text.word_before("in\n2015", 4), "in", "over one line break")
  check.equal(text.word_before("in\n\n2015", 5), nil, "not over a blank line")
end

return tests
