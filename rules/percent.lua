-- percent.lua: percentages: "12%", "3.5 per cent", "40 percent",
-- "2 percentage points". Value: {value}.

local lpeg = require "lpeg"
local text = require "lib.text"
local numbers = require "lib.numbers"
local C, Cg, P = lpeg.C, lpeg.Cg, lpeg.P

local sign = P"%" + P"\239\188\133" -- % and the full-width ％
local words = text.any_word({ "percentage points", "percentage point", "per cent", "percent", "pct" }, true)

return {
  name = "percent",
  type = "percent",
  description = "percentages with %, per cent, percent or percentage points",
  pattern = Cg(C(numbers.number), "number") * (sign + text.space ^ 1 * words),
  value = function(c)
    return { value = tonumber((c.number:gsub(",", ""))) }
  end,
  examples = {
    { "Output grew 12% last year.", "12%", { value = 12 } },
    { "a rise of 3.5 per cent", "3.5 per cent", { value = 3.5 } },
    { "some 40 percent of chips", "40 percent", { value = 40 } },
    { "up 2 percentage points", "2 percentage points", { value = 2 } },
    { "2.43% of GDP", "2.43%", { value = 2.43 } },
  },
  counterexamples = {
    "output grew 4.4 times",
    "exports quadrupled",
    "the percentage of graduates rose",
  },
}
