-- money.lua: every sum of money named in the documents, with its sentence
-- and an approximate US dollar equivalent.
--
-- The equivalent uses the yearly average rate of the year the document was
-- published (data/exchange_rates.tsv, with its sources; the nearest year
-- listed when that year is not), so it is an order of magnitude, not an
-- accounting figure. The rates used are listed at the end of the report.

local money = {
  description = "every sum with its sentence, amount, currency and an approximate USD equivalent",
  filters = { "doc", "since", "until", "country" },
  options = { ["min-usd"] = "value", currency = "list" },
  option_help = {
    ["min-usd"] = "N: only sums worth at least N US dollars (1e9 is a billion)",
    currency = "C: only sums in this ISO 4217 currency (any letter case; repeatable)",
  },
}

-- The sums in a list of documents: {doc, annotation, amount, currency,
-- usd, rate} (usd and rate nil when there is no rate for the currency).
function money.collect(ctx, documents)
  local list = {}
  for _, doc in ipairs(documents) do
    for _, a in ipairs(ctx.annotations(doc, "money")) do
      local v = type(a.value) == "table" and a.value or {}
      local usd, rate = ctx.usd(v.amount, v.currency, doc.published)
      list[#list + 1] = { doc = doc, annotation = a, amount = v.amount, currency = v.currency,
                          usd = usd, rate = rate }
    end
  end
  return list
end

function money.run(ctx)
  ctx.title("Money: every sum with its context")
  local min_usd = ctx.options["min-usd"] and tonumber(ctx.options["min-usd"])
  if ctx.options["min-usd"] and not min_usd then ctx.usage("--min-usd needs a number, such as 1e9") end
  local currencies
  if ctx.options.currency then
    currencies = {}
    for _, c in ipairs(ctx.options.currency) do currencies[c:upper()] = true end
  end
  if not ctx.has("money") then
    ctx.note("There are no money annotations in the database yet: run `quarry extract` (the money rule makes them).")
  end
  local rows, by_currency, rates_used, no_rate = {}, {}, {}, {}
  for _, m in ipairs(money.collect(ctx, ctx.documents())) do
    local keep = (not currencies or currencies[m.currency or ""])
                 and (not min_usd or (m.usd and m.usd >= min_usd))
    if keep then
      rows[#rows + 1] = {
        document = m.doc.name, published = m.doc.published, as_written = m.annotation.text,
        amount = m.amount, currency = m.currency, usd = m.usd and math.floor(m.usd + 0.5),
        rate = m.rate and m.rate.usd_per_unit, rate_year = m.rate and m.rate.year,
        sentence = ctx.marked_sentence(m.doc, m.annotation),
      }
      local c = m.currency or "?"
      local summary = by_currency[c] or { currency = c, mentions = 0, documents = {}, largest = 0, largest_usd = nil }
      by_currency[c] = summary
      summary.mentions = summary.mentions + 1
      summary.documents[m.doc.id] = true
      if (m.amount or 0) > summary.largest then summary.largest, summary.largest_usd = m.amount, m.usd end
      if m.rate and m.rate.year then
        rates_used[c .. " " .. m.rate.year] = m.rate
      elseif not m.usd then
        no_rate[c] = true
      end
    end
  end
  local summary_rows = {}
  for _, s in pairs(by_currency) do
    local docs = 0
    for _ in pairs(s.documents) do docs = docs + 1 end
    summary_rows[#summary_rows + 1] = { currency = s.currency, mentions = s.mentions, documents = docs,
                                        largest = s.largest, largest_usd = s.largest_usd }
  end
  table.sort(summary_rows, function(a, b)
    if a.mentions ~= b.mentions then return a.mentions > b.mentions end
    return a.currency < b.currency
  end)
  ctx.table {
    name = "currencies", title = "By currency",
    columns = { "currency", { key = "mentions", format = "int" }, { key = "documents", format = "int" },
                { key = "largest", format = "amount" }, { key = "largest_usd", label = "largest in USD (≈)", format = "amount" } },
    rows = summary_rows, empty = "No sums match.",
  }
  ctx.table {
    name = "money", title = "Every sum", primary = true,
    columns = { "document", "published", { key = "as_written", label = "as written" },
                { key = "amount", format = "amount" }, "currency",
                { key = "usd", label = "USD (≈)", format = "amount" },
                { key = "rate", label = "USD per unit", format = "number" }, { key = "rate_year", label = "rate of" },
                "sentence" },
    rows = rows, empty = "No sums match.",
  }
  local rate_rows = {}
  for _, r in pairs(rates_used) do
    rate_rows[#rate_rows + 1] = { currency = r.currency, year = r.year, usd_per_unit = r.usd_per_unit,
                                  published = r.published, status = r.status, source = r.source }
  end
  table.sort(rate_rows, function(a, b)
    if a.currency ~= b.currency then return a.currency < b.currency end
    return a.year < b.year
  end)
  ctx.table {
    name = "rates", title = "Exchange rates used",
    columns = { "currency", "year", { key = "usd_per_unit", label = "USD per unit", format = "number" },
                "published", "status", "source" },
    rows = rate_rows, empty = "No conversions were needed.",
  }
  local missing = {}
  for c in pairs(no_rate) do missing[#missing + 1] = c end
  table.sort(missing)
  if #missing > 0 then
    ctx.note("No exchange rate for " .. table.concat(missing, ", ") .. ": add it to data/exchange_rates.tsv.")
  end
  ctx.note("USD equivalents are approximations: yearly average rates (data/exchange_rates.tsv) for the year " ..
           "the document was published, not the rate on the day a sum was named; amounts are as the text states " ..
           "them, not adjusted for inflation.")
end

return money
