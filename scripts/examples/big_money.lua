-- big_money.lua: every money figure worth more than a threshold in US
-- dollars (default one billion), largest first, with its source.
--
-- Usage: quarry run scripts/examples/big_money.lua [MIN_USD]
--   e.g. quarry run scripts/examples/big_money.lua 5e10
--
-- Sums in other currencies are converted at the yearly average rate of the
-- year the document was published (data/exchange_rates.tsv): an
-- approximation, good for orders of magnitude.

local quarry = require "quarry"
local report = require "quarry.report"   -- report.usd, report.amount, report.sentences
local db = quarry.db

local threshold = tonumber((...) or "1e9") or error("MIN_USD must be a number, such as 1e9")

local found = {}
for doc in db:documents() do
  local sentences                          -- split only documents that have a big sum
  for _, m in ipairs(doc:annotations("money")) do
    local v = m.value or {}
    local usd, rate = report.usd(v.amount, v.currency, doc.published)
    if usd and usd >= threshold then
      sentences = sentences or report.sentences(doc.text)
      local i = report.sentence_at(sentences, m.start)
      local s = i and sentences[i]
      found[#found + 1] = {
        usd = usd, text = m.text, currency = v.currency, rate_year = rate.year,
        doc = doc, sentence = s and report.squeeze(doc.text:sub(s.start + 1, s.stop)) or m.text,
      }
    end
  end
end
table.sort(found, function(a, b) return a.usd > b.usd end)

print(string.format("%d sums worth at least USD %s\n", #found, report.amount(threshold)))
for _, f in ipairs(found) do
  local converted = f.currency == "USD" and "" or string.format(" (%s at %s rates)", f.currency, f.rate_year)
  print(string.format("USD %-8s %s%s", report.amount(f.usd), f.text, converted))
  print(string.format("    %s — %s, %s", f.doc.title or f.doc.name, f.doc.published or "undated", f.doc.source or f.doc.name))
  print("    " .. report.cut(f.sentence, 200))
  print()
end
