-- china_partners.lua: which countries are said to cooperate with China, on
-- which technologies, by year.
--
-- Usage: quarry run scripts/examples/china_partners.lua [ISO]
--   ISO: the country to look from (default CN, China).
--
-- A finding is a cooperation relation (rules/relation.lua) that names the
-- country and at least one other country. Its year is the first date in the
-- same sentence ("signed an agreement in 2018"), else the year the document
-- was published. Needs `quarry extract` with the country, tech and relation
-- rules.

local quarry = require "quarry"
local report = require "quarry.report"   -- helpers: country names, tech labels, EDTF dates
local db = quarry.db

local focus = (... or "CN"):upper()

-- year -> partner ISO -> {sentences = n, fields = {field = true}}
local by_year = {}
for doc in db:documents() do
  local dates = doc:annotations("date")
  for _, relation in ipairs(doc:annotations("relation")) do
    local v = relation.value
    if v and v.kind == "cooperation" then
      local involves, partners = false, {}
      for _, party in ipairs(v.parties or {}) do
        if party.iso then
          if party.iso == focus then involves = true else partners[#partners + 1] = party.iso end
        end
      end
      if involves and #partners > 0 then
        -- the year: a date inside the evidence sentence, else publication
        local year
        for _, d in ipairs(dates) do
          if d.start >= relation.start and d["end"] <= relation["end"] then
            local parsed = report.edtf(d.value and d.value.edtf)
            if parsed then year = parsed.first:sub(1, 4); break end
          end
        end
        local published = report.edtf(doc.published)
        year = year or (published and published.first:sub(1, 4)) or "undated"
        by_year[year] = by_year[year] or {}
        for _, iso in ipairs(partners) do
          local entry = by_year[year][iso] or { sentences = 0, fields = {} }
          by_year[year][iso] = entry
          entry.sentences = entry.sentences + 1
          for _, field in ipairs(v.fields or {}) do entry.fields[field] = true end
        end
      end
    end
  end
end

-- print year by year, partners by how often they are named
local years = {}
for year in pairs(by_year) do years[#years + 1] = year end
table.sort(years)
print(string.format("Cooperation with %s, by year\n", report.country_name(focus)))
print(string.format("%-8s  %-22s  %9s  %s", "year", "partner", "sentences", "technology fields"))
for _, year in ipairs(years) do
  local partners = {}
  for iso, entry in pairs(by_year[year]) do partners[#partners + 1] = { iso = iso, entry = entry } end
  table.sort(partners, function(a, b)
    if a.entry.sentences ~= b.entry.sentences then return a.entry.sentences > b.entry.sentences end
    return a.iso < b.iso
  end)
  for _, p in ipairs(partners) do
    local fields = {}
    for field in pairs(p.entry.fields) do fields[#fields + 1] = report.tech_label(field) end
    table.sort(fields)
    print(string.format("%-8s  %-22s  %9d  %s", year, report.country_name(p.iso), p.entry.sentences,
                        #fields > 0 and table.concat(fields, ", ") or "(none named)"))
  end
end
if #years == 0 then print("(no cooperation relations involving " .. focus .. ": has `quarry extract` run?)") end
