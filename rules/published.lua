-- published.lua: the document's own publication date: a date line at the
-- top of the page ("Friday, March 1, 2024", "Updated: Mar 1, 2024, 10:15
-- IST"), or the first full date in the first lines. It stays an annotation
-- (doc.published holds only a date the document came with: HTML meta tags,
-- a JSONL "published" field); rules that read the date (lib/dates.lua) and
-- the reports take the document's own date first, else this one.

local TOP = 400 -- bytes: how near the top the date must start

return {
  name = "published",
  type = "published",
  description = "the publication date: a date line or full date at the top of the page",
  needs = { "date" },
  apply = function(doc, found, emit)
    for _, date in ipairs(found("date")) do
      if date.start > TOP then break end
      local edtf = date.value and date.value.edtf
      -- a day, not a month or a year, and not a range
      if edtf and edtf:match("^%d%d%d%d%-%d%d%-%d%d$") then
        emit(date.start, date["end"], { edtf = edtf })
        return
      end
    end
  end,
  examples = {
    { "Friday, March 1, 2024\n\nChip makers add capacity\n\nThe plants opened in 2023.\n",
      "Friday, March 1, 2024", { edtf = "2024-03-01" } },
    { "Tech Daily\nUpdated: May 28, 2024\n\nA new fund\n", "May 28, 2024", { edtf = "2024-05-28" } },
  },
  counterexamples = {
    "A fund for chips\n\nThe fund was set up in May 2014 with state money.\n",
  },
}
