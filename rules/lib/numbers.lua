-- lib/numbers.lua: numbers as news prints them: 150, 1,500, 2.43, 71,000,
-- 1.26 lakh, "five", "twenty-five", with scales in words or abbreviated,
-- spaced or glued ("$150bn", "5.3 trillion", "17 billion", "€26m",
-- "1.5 lakh crore").

local lpeg = require "lpeg"
local text = require "lib.text"
local P, R, S, C, Cg = lpeg.P, lpeg.R, lpeg.S, lpeg.C, lpeg.Cg

local numbers = {}

local digit = R"09"
local digits = digit ^ 1
local grouped = digit * digit ^ -2 * (P"," * digit * digit * digit) ^ 1 * -digit
local decimal = P"." * digits

-- A number in digits: grouped thousands or plain digits, with an optional
-- decimal part. Not the start of a longer run of digits and letters ("5G"
-- is not 5; "150bn" is, with its scale), nor the part after the comma or
-- point of another number ("750" in "1,750").
numbers.number = #digit * text.word_start * -lpeg.B(digit * S",.") * (grouped + digits) * decimal ^ -1

-- Numbers in words, one to ninety-nine ("five", "twenty-five"), optionally
-- times a hundred ("two hundred"). Case-insensitive; whole words only.
numbers.word_values = {
  one = 1, two = 2, three = 3, four = 4, five = 5, six = 6, seven = 7, eight = 8, nine = 9,
  ten = 10, eleven = 11, twelve = 12, thirteen = 13, fourteen = 14, fifteen = 15,
  sixteen = 16, seventeen = 17, eighteen = 18, nineteen = 19, twenty = 20, thirty = 30,
  forty = 40, fifty = 50, sixty = 60, seventy = 70, eighty = 80, ninety = 90,
}
local units, tens = {}, {}
for name, value in pairs(numbers.word_values) do
  if value < 20 then units[#units + 1] = name else tens[#tens + 1] = name end
end
local all = table.move(units, 1, #units, #tens + 1, table.move(tens, 1, #tens, 1, {}))
-- one trie for all (a test per byte), then the units a tens word may take;
-- first a test of the first three or four letters, where common words
-- ("the", "for", "this", "first") already fail
local prefixes = text.trie({ "one", "two", "thr", "thir", "fou", "fort", "fiv", "fif", "six",
                             "sev", "eig", "nin", "ten", "ele", "twe" }, true, P(true))
-- a tens word takes its unit after a hyphen or a space ("forty-five",
-- "forty five"); ones under twenty stand alone
local unit_words = {}
for _, name in ipairs(units) do if numbers.word_values[name] < 10 then unit_words[#unit_words + 1] = name end end
local small = #prefixes * (text.trie(tens, true) * ((text.hyphen + text.space ^ 1) * text.trie(unit_words, true)) ^ -1
                           + text.trie(units, true))
numbers.word_number = small * (text.gap * text.ci"hundred" * text.word_end) ^ -1

-- Scales: name, factor. Case-insensitive; abbreviations end the word and
-- may follow the digits directly ("150bn") or after one space.
numbers.scales = {
  thousand = 1e3, million = 1e6, billion = 1e9, trillion = 1e12,
  lakh = 1e5, lakhs = 1e5, crore = 1e7, crores = 1e7,
  k = 1e3, m = 1e6, mn = 1e6, mln = 1e6, bn = 1e9, b = 1e9, bln = 1e9,
  tn = 1e12, trn = 1e12,
}
-- The scales written as words, which may follow another scale ("lakh crore").
numbers.scale_words = { "thousand", "million", "billion", "trillion", "lakh", "lakhs",
                        "crore", "crores" }

local scale_names = {}
for name in pairs(numbers.scales) do scale_names[#scale_names + 1] = name end
table.sort(scale_names, function(a, b) return #a > #b end) -- "billion" before "b"
local scale = P(false)
for _, name in ipairs(scale_names) do scale = scale + text.ci(name) end
numbers.scale = scale * text.word_end
local scale_word = P(false)
for _, name in ipairs(numbers.scale_words) do scale_word = scale_word + text.ci(name) end
-- one scale, or several in a row: "1.5 lakh crore" is 1.5e12
numbers.scale_run = numbers.scale * (text.gap * scale_word * text.word_end) ^ 0

-- number, then optionally a scale: captures "number" and "scale" groups.
numbers.amount = Cg(C(numbers.number), "number")
                 * (text.gap ^ -1 * Cg(C(numbers.scale_run), "scale")) ^ -1

-- The same with the number in words: a scale is then required, and the
-- number's words are the "number" group ("five billion", "two hundred million").
numbers.word_amount = Cg(C(numbers.word_number), "number")
                      * text.gap * Cg(C(numbers.scale_run), "scale")

-- What joins the two ends of a range: "5-10", "5 – 10", "5 to 10", "5 and
-- 10" (after "between"); with capture, the word ("to", "and") is captured.
function numbers.range_joiner(capture)
  local word = P"to" + P"and"
  if capture then word = C(word) end
  return text.gap ^ -1 * text.dash * text.gap ^ -1 + text.gap * word * text.gap
end

-- The value of a number as written ("1,500", "2.43", "twenty-five", "two
-- hundred"), or nil.
function numbers.parse(written)
  local plain = written:gsub(",", "")
  local n = tonumber(plain)
  if n then return n end
  local total = 0
  for word in written:lower():gmatch("%a+") do
    if word == "hundred" then total = total * 100
    elseif numbers.word_values[word] then total = total + numbers.word_values[word]
    else return nil end
  end
  return total
end

-- The factor of a scale run as written ("bn", "lakh crore"), 1 without one.
function numbers.factor(written)
  local factor = 1
  for word in (written or ""):gmatch("%a+") do
    factor = factor * (numbers.scales[word:lower()] or 1)
  end
  return factor
end

-- A float that is a whole number becomes an integer (JSON shows 150000000000,
-- not 1.5e+11).
function numbers.tidy(value)
  if value == math.floor(value) and math.abs(value) < 2^53 then return math.tointeger(value) end
  return value
end

-- The value of captured "number" and "scale" groups, as a Lua number.
-- Digits times a scale are worked out on the digits without the decimal
-- point, so "32.1 billion" is exactly 32100000000.
function numbers.value(captures)
  local factor = numbers.factor(captures.scale)
  local whole, fraction = captures.number:gsub(",", ""):match("^(%d+)%.?(%d*)$")
  if whole and factor > 1 and #fraction <= 15 then
    local shift = 10 ^ #fraction
    if factor % shift == 0 then
      return numbers.tidy(tonumber(whole .. fraction) * (factor // shift))
    end
  end
  return numbers.tidy(numbers.parse(captures.number) * factor)
end

return numbers
