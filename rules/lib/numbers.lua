-- lib/numbers.lua: numbers as news prints them: 150, 1,500, 2.43, 71,000,
-- 1.26 lakh, with scales in words or abbreviated, spaced or glued
-- ("$150bn", "5.3 trillion", "17 billion", "€26m").

local lpeg = require "lpeg"
local text = require "lib.text"
local P, R, S, C, Cg = lpeg.P, lpeg.R, lpeg.S, lpeg.C, lpeg.Cg

local numbers = {}

local digit = R"09"
local digits = digit ^ 1
local grouped = digit * digit ^ -2 * (P"," * digit * digit * digit) ^ 1 * -digit
local decimal = P"." * digits

-- A number: grouped thousands or plain digits, with an optional decimal
-- part. Not the start of a longer run of digits and letters ("5G" is not 5).
numbers.number = #digit * text.word_start * (grouped + digits) * decimal ^ -1

-- Scales: name, factor. Words are case-insensitive; abbreviations must
-- follow the number directly or after one space and end the word.
numbers.scales = {
  thousand = 1e3, million = 1e6, billion = 1e9, trillion = 1e12,
  lakh = 1e5, crore = 1e7,
  k = 1e3, m = 1e6, mn = 1e6, mln = 1e6, bn = 1e9, b = 1e9, tn = 1e12, trn = 1e12,
}

local scale_names = {}
for name in pairs(numbers.scales) do scale_names[#scale_names + 1] = name end
table.sort(scale_names, function(a, b) return #a > #b end) -- "billion" before "b"
local scale = P(false)
for _, name in ipairs(scale_names) do scale = scale + text.ci(name) end
numbers.scale = scale * text.word_end -- may follow the digits directly: "150bn"

-- number, then optionally a scale: captures "number" and "scale" groups.
numbers.amount = Cg(C(numbers.number), "number")
                 * (text.space ^ -1 * Cg(C(numbers.scale), "scale")) ^ -1

-- The value of captured "number" and "scale" groups, as a Lua number.
function numbers.value(captures)
  local n = tonumber((captures.number:gsub(",", "")))
  local scale = captures.scale and numbers.scales[captures.scale:lower()] or 1
  local value = n * scale
  if value == math.floor(value) and value < 2^53 then return math.tointeger(value) end
  return value
end

return numbers
