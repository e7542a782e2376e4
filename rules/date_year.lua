-- date_year.lua: the year of a day named without one ("on March 12", "on 1
-- September"), which date.lua leaves as XXXX-03-12. The value takes the
-- year the text gives it:
--   1. a year named earlier in the same sentence ("the rules were adopted
--      in June 2023 and took effect on 1 September" → 2023-09-01);
--   2. else the document's publication date (its date line, HTML meta or
--      JSONL field): its year, or the year before when the day would fall
--      more than six months after publication ("on December 20" in an
--      article of 5 January 2024 → 2023-12-20);
--   3. else the last year named before it in the document.
-- With none of these the date stays XXXX-MM-DD. The annotation has the
-- same span as date.lua's and a higher priority, so it stands in its
-- place (the XXXX candidate is kept, set aside, for `rules explain`).

local textmodel = require "quarry.textmodel"
local datelib = require "lib.dates"

-- The year of an EDTF value (its first one, for an interval), or nil.
local function year_of(edtf)
  local y = edtf and edtf:match("^(%d%d%d%d)")
  return y and tonumber(y)
end

-- Days since 0000-03-01 of a date: enough to compare two dates.
local function day_number(y, m, d)
  if m <= 2 then y, m = y - 1, m + 12 end
  return 365 * y + y // 4 - y // 100 + y // 400 + (153 * (m - 3) + 2) // 5 + d
end

-- Where the sentence holding position at (0-based) starts (the text
-- model's sentences).
local function sentence_start(text, at)
  return textmodel.of(text):sentence(at) or 0
end

-- The publication date as {y, m, d}, or nil.
local function publication(doc, found)
  local y, m, d = (datelib.published(doc, found) or ""):match("^(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if not y then return nil end
  return { tonumber(y), tonumber(m), tonumber(d) }
end

local function resolve(doc, found, emit)
  local dates = found("date")
  local pub -- worked out on first need
  for k, date in ipairs(dates) do
    local edtf = date.value and date.value.edtf
    local m, d = (edtf or ""):match("^XXXX%-(%d%d)%-(%d%d)$")
    if m then
      m, d = tonumber(m), tonumber(d)
      local year
      -- 1. a year earlier in the sentence
      local from = sentence_start(doc.text, date.start)
      for j = k - 1, 1, -1 do
        local other = dates[j]
        if other["end"] <= from then break end
        year = year_of(other.value and other.value.edtf)
        if year then break end
      end
      -- 2. the publication date
      if not year then
        if pub == nil then pub = publication(doc, found) or false end
        if pub then
          year = pub[1]
          if day_number(year, m, d) - day_number(pub[1], pub[2], pub[3]) > 183 then
            year = year - 1
          end
        end
      end
      -- 3. the last year named before it
      if not year then
        for j = k - 1, 1, -1 do
          year = year_of(dates[j].value and dates[j].value.edtf)
          if year then break end
        end
      end
      if year then
        emit(date.start, date["end"], { edtf = string.format("%04d-%02d-%02d", year, m, d) })
      end
    end
  end
end

return {
  name = "date_year",
  type = "date",
  description = "the year of a day named without one, from its sentence or the publication date",
  needs = { "date", "published" },
  order = 1, -- after published.lua
  priority = 1,
  apply = resolve,
  examples = {
    { "14.03.2024\n\nNew rules\n\nThe ministry said on March 12 that it would act.",
      find = { { "March 12", { edtf = "2024-03-12" } } } },
    { "Friday, January 5, 2024\n\nA late deal\n\nThe contract was signed on December 20.",
      find = { { "December 20", { edtf = "2023-12-20" } } } },
    { "The rules were adopted in June 2023 and took effect on 1 September.",
      find = { { "1 September", { edtf = "2023-09-01" } } } },
  },
  counterexamples = {
    "The talks resume on 9 October.",
  },
}
