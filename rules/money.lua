-- money.lua: sums of money with a number: "$150bn", "US$110 billion",
-- "USD 17 billion", "€26 million", "200 million renminbi", "RMB 5bn",
-- "32.1 billion USD", "5.3 trillion yuan". Value: {amount, currency}.

local lpeg = require "lpeg"
local text = require "lib.text"
local numbers = require "lib.numbers"
local P, C, Cg = lpeg.P, lpeg.C, lpeg.Cg

-- Symbols and codes written before the number, and what they stand for.
local before = {
  ["US$"] = "USD", ["$"] = "USD", ["A$"] = "AUD", ["HK$"] = "HKD", ["C$"] = "CAD",
  ["S$"] = "SGD", ["NZ$"] = "NZD", ["€"] = "EUR", ["£"] = "GBP", ["¥"] = "CNY",
  ["₹"] = "INR", ["₽"] = "RUB", ["₩"] = "KRW",
  USD = "USD", EUR = "EUR", CNY = "CNY", RMB = "CNY", GBP = "GBP", RUB = "RUB",
  JPY = "JPY", INR = "INR", KRW = "KRW", AUD = "AUD", HKD = "HKD", CHF = "CHF",
}

-- Currency words and codes written after the number.
local after = {
  dollar = "USD", dollars = "USD", ["US dollars"] = "USD", ["U.S. dollars"] = "USD",
  euro = "EUR", euros = "EUR", yuan = "CNY", renminbi = "CNY",
  rouble = "RUB", roubles = "RUB", ruble = "RUB", rubles = "RUB",
  ["pounds sterling"] = "GBP", pounds = "GBP", pound = "GBP", yen = "JPY",
  rupees = "INR", rupee = "INR", won = "KRW",
  USD = "USD", EUR = "EUR", CNY = "CNY", RMB = "CNY", GBP = "GBP", RUB = "RUB", JPY = "JPY",
}

local function keys(t)
  local list = {}
  for k in pairs(t) do list[#list + 1] = k end
  table.sort(list, function(a, b) return #a > #b end) -- longest first
  return list
end

local symbol = P(false)
for _, k in ipairs(keys(before)) do
  local p = P(k)
  if k:match("^%a+$") then p = text.word(k) end
  symbol = symbol + p
end
local word = text.any_word(keys(after))

return {
  name = "money",
  type = "money",
  description = "sums of money: a currency symbol, code or word with a number and scale",
  pattern = Cg(C(symbol), "currency") * text.space ^ -1 * numbers.amount
          + numbers.amount * text.space ^ 1 * Cg(C(word), "currency"),
  value = function(c)
    return { amount = numbers.value(c), currency = before[c.currency] or after[c.currency] }
  end,
  examples = {
    { "China is spending roughly $150bn a year.", "$150bn", { amount = 150e9, currency = "USD" } },
    { "a fund of US$110 billion", "US$110 billion", { amount = 110e9, currency = "USD" } },
    { "worth USD 17 billion", "USD 17 billion", { amount = 17e9, currency = "USD" } },
    { "an extra $ 60 billion", "$ 60 billion", { amount = 60e9, currency = "USD" } },
    { "grants of €26 million", "€26 million", { amount = 26e6, currency = "EUR" } },
    { "200 million renminbi in loans", "200 million renminbi", { amount = 200e6, currency = "CNY" } },
    { "exports of 32.1 billion USD", "32.1 billion USD", { amount = 32.1e9, currency = "USD" } },
    { "raised RMB 5bn", "RMB 5bn", { amount = 5e9, currency = "CNY" } },
    { "5.3 trillion yuan of output", "5.3 trillion yuan", { amount = 5.3e12, currency = "CNY" } },
    { "a £4.2bn contract", "£4.2bn", { amount = 4.2e9, currency = "GBP" } },
    { "it cost $1,250,000", "$1,250,000", { amount = 1250000, currency = "USD" } },
    { "€80 billion (US$91 billion) in all",
      find = { { "€80 billion", { amount = 80e9, currency = "EUR" } },
               { "US$91 billion", { amount = 91e9, currency = "USD" } } } },
  },
  counterexamples = {
    "a multi-trillion-dollar market",
    "billions of dollars in aid",
    "several hundred million USD",
    "The 5G rollout covered 300 cities.",
  },
}
