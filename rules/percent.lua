-- percent.lua: percentages: "12%", "36 %", "3.5 per cent", "40 percent",
-- "10-percent", "2 percentage points", "five per cent", "-0.5%", "12 pct".
-- Value: {value}, with unit = "percentage points" for those. A range
-- gives one annotation per end, both percentages: "15–20%", "15 to 20 per
-- cent", "between 15 and 20%" → "15" (15) and "20%" (20). Not percent: "4.4 times", "quadrupled", basis points.

local lpeg = require "lpeg"
local text = require "lib.text"
local numbers = require "lib.numbers"
local C, Cg, Cmt, P, B = lpeg.C, lpeg.Cg, lpeg.Cmt, lpeg.P, lpeg.B

local sign = P"%" + P"\239\188\133" -- % and the full-width ％
local words = text.trie({ "percentage points", "percentage point", "per cent", "percent",
                         "percents", "per cents", "pct", "percentage" }, true)
local minus = P"-" + P"\226\136\146" -- - and −
-- a sign belongs to the number when nothing of a word stands before it
-- ("-0.5%"), not in "2011-15%"
local signed = (-B(text.alnum) * (minus + P"+")) ^ -1 * numbers.number
-- "minus five percent", "negative 3%"
local minus_word = (text.ci"minus" + text.ci"negative") * text.gap
local number = C(minus_word ^ -1 * (signed + numbers.word_number))
local percent_mark = text.space ^ -1 * sign + (text.gap + text.hyphen) * words

-- The first end of a range: a number followed by a joiner and a
-- percentage, not larger than it ("15–20%", "15 to 20 percent").
local joiner = numbers.range_joiner(true)
local second = joiner * C(numbers.number + numbers.word_number) * percent_mark
local function value_of(written)
  local plain = written:gsub("\226\136\146", "-"):gsub("^[Mm][Ii][Nn][Uu][Ss]%s+", "-")
                       :gsub("^[Nn][Ee][Gg][Aa][Tt][Ii][Vv][Ee]%s+", "-")
  local sign_factor = 1
  if plain:find("^[-+]") then
    sign_factor = plain:sub(1, 1) == "-" and -1 or 1
    plain = plain:sub(2)
  end
  local n = numbers.parse(plain)
  return n and numbers.tidy(sign_factor * n)
end
-- After the first end: the rest of the range, checked ("between" before
-- "and"; the first end smaller), a position-only match-time check.
local range_rest = #second * Cmt(lpeg.Cb("number"), function(subject, i, first)
  local word, other = second:match(subject, i)
  if not other then other, word = word, nil end
  local start = i - #first
  if word == "and" and (text.word_before(subject, start) or ""):lower() ~= "between" then
    return false -- "in 2014 and 25%" is no range
  end
  local a, b = value_of(first), value_of(other)
  return a ~= nil and b ~= nil and a < b and i
end)

return {
  name = "percent",
  type = "percent",
  description = "percentages with %, per cent, percent or percentage points, and ranges of them",
  pattern = Cg(number, "number") * (percent_mark + range_rest),
  -- {value = N}; percentage points say so: {value = N, unit =
  -- "percentage points"} (the first end of a range too: "2 to 3 percentage
  -- points")
  value = function(c, m)
    local v = value_of(c.number)
    if v == nil then return false end
    -- not inside a web address ("...search?q=30%25%2020%")
    local token_start = m.start
    while token_start > 0 and not m.subject:sub(token_start, token_start):find("%s") do
      token_start = token_start - 1
    end
    local token = m.subject:sub(token_start + 1, m["end"])
    if token:find("://", 1, true) or token:find("^www%.") or token:find("[?&=]") then return false end
    local rest = m.subject:sub(m["end"] + 1, m["end"] + 48):lower()
    if m.text:lower():find("point", 1, true)
       or (not m.text:find("[%%a]$") and rest:find("^[%s%-–—toand]*[%d%.,]+[%s%-]+percentage point")) then
      return { value = v, unit = "percentage points" }
    end
    return { value = v }
  end,
  examples = {
    { "Output grew 12% last year.", "12%", { value = 12 } },
    { "a rise of 3.5 per cent", "3.5 per cent", { value = 3.5 } },
    { "some 40 percent of chips", "40 percent", { value = 40 } },
    { "up 2 percentage points", "2 percentage points", { value = 2, unit = "percentage points" } },
    { "by 2 to 3 percentage points", find = { { "2", { value = 2, unit = "percentage points" } },
      { "3 percentage points", { value = 3, unit = "percentage points" } } } },
    { "2.43% of GDP", "2.43%", { value = 2.43 } },
    { "a share of 36 % in 2014", "36 %", { value = 36 } },
    { "a 10-percent stake", "10-percent", { value = 10 } },
    { "rates of five per cent", "five per cent", { value = 5 } },
    { "growth of -0.5% in March", "-0.5%", { value = -0.5 } },
    { "profits rose 12 pct", "12 pct", { value = 12 } },
    { "one hundred percents", "one hundred percents", { value = 100 } },
    { "a change of minus five percent", "minus five percent", { value = -5 } },
    { "a cut of 1,200% is absurd", "1,200%", { value = 1200 } },
    { "the 2011-15% band", "15%", { value = 15 } },
    { "a 15–20% rise", find = { { "15", { value = 15 } }, { "20%", { value = 20 } } } },
    { "from 15 to 20 per cent", find = { { "15", { value = 15 } }, { "20 per cent", { value = 20 } } } },
    { "between 2 and 3 percent", find = { { "2", { value = 2 } }, { "3 percent", { value = 3 } } } },
  },
  counterexamples = {
    "output grew 4.4 times",
    "exports quadrupled",
    "the percentage of graduates rose",
    "in 2014 and 25 years later",
    "a cut of 25 basis points",
    "see https://example.org/find?q=30%25%2020%",
  },
}
