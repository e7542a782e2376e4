-- lib/dates.lua: what the apply rules that read dates share, and what a
-- date line is (for the boilerplate rule and for guessing a text's title
-- at ingest, lib/titles.lua).

local dates = {}

-- The document's publication date as EDTF, or nil: the one it came with
-- (HTML meta, a JSONL field: doc.published holds nothing else), else the
-- one published.lua found in this run (a date line at the top), never one
-- an earlier run found. For apply rules that `need` "published".
function dates.published(doc, found)
  local edtf = doc.published
  if edtf and edtf ~= "" then return edtf end
  local p = found("published")[1]
  return p and p.value and p.value.edtf
end

-- Date lines ------------------------------------------------------------------

local set = require("lib.text").set

local MONTHS = set { "january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december", "jan", "feb", "mar", "apr",
                     "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec" }
-- the other words a date line may hold: weekdays, "Published", "Updated",
-- times ("a.m."), ordinal suffixes standing apart
local DATE_WORDS = set { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                         "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
                         "sat", "sun", "published", "updated", "posted", "on", "at", "am", "pm",
                         "gmt", "utc", "a", "p", "m", "of", "the", "st", "nd", "rd", "th", "date" }

-- What may stand between the words and numbers of a date line: ASCII
-- punctuation and white space, no-break, thin and narrow no-break spaces,
-- a byte-order mark, en and em dashes. The length of the one at i, or nil.
local function gap_at(line, i)
  if line:find("^[,|%-/.:() \t\r\n\f\v]", i) then return 1 end
  if line:find("^\194\160", i) then return 2 end
  if line:find("^\239\187\191", i) or line:find("^\226\128[\137\175\147\148]", i) then return 3 end
  return nil
end

-- Whether a line is a date line: short (at most ten words and numbers),
-- made of month names, date words (weekdays, "Updated", "Published", time
-- words), numbers and time zones after a time ("10:15 IST"), with a
-- numeric date ("22/10/2024"), a year with a month name or alone, or a
-- month name with a day: "Friday, March 1, 2024", "Updated: May 28, 2024,
-- 10:15 IST", "2023-05-22".
function dates.is_date_line(line)
  local i, n, tokens = 1, #line, 0
  local year, month, numeric_date, after_time = false, false, false, false
  while i <= n do
    local word = line:match("^%a+", i)
    if word then
      local lower = word:lower()
      if MONTHS[lower] then
        month = true
      elseif not DATE_WORDS[lower] and not (after_time and #word >= 2 and #word <= 5 and word:find("^%u+$")) then
        return false
      end
      tokens = tokens + 1
      i = i + #word
    elseif line:find("^%d", i) then
      local number = line:match("^[%d%-/.:]+", i)
      local separators = select(2, number:gsub("[%-/.:]", ""))
      local digits = #number - separators
      after_time = number:find(":", 1, true) ~= nil
      if separators == 0 and digits == 4 and number:find("^[12]") then year = true end
      if separators == 2 and digits >= 6 then numeric_date = true end
      i = i + #number
      i = i + #(line:match("^%a*", i)) -- an ordinal suffix: 1st, 22nd
      tokens = tokens + 1
    else
      local gap = gap_at(line, i)
      if not gap then return false end
      i = i + gap
    end
  end
  return tokens > 0 and tokens <= 10
         and (numeric_date or (year and (month or tokens == 1)) or (month and tokens >= 2))
end

return dates
