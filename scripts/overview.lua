-- overview.lua: what is in the database, at a glance.
-- Usage: quarry run scripts/overview.lua [TERM ...]
-- Lists the documents with their date, size and title, then counts how
-- many documents mention each term (full-text search; FTS5 syntax, so
-- "artificial intelligence" is a phrase and semiconduct* a prefix), and,
-- once `quarry extract` has run, how many annotations of each type stand.

local quarry = require "quarry"
local report = require "quarry.report" -- report.published: a document's date
local db = quarry.db

local terms = { ... }
if #terms == 0 then
  terms = { "5G", '"artificial intelligence"', "semiconduct* OR chip*", "quantum",
            "satellite*", '"Digital Silk Road"' }
end

-- Cuts s to at most width characters (UTF-8), marking the cut.
local function cut(s, width)
  s = (s or ""):gsub("%s+", " ")
  if utf8.len(s) and utf8.len(s) > width then
    return s:sub(1, utf8.offset(s, width) - 1) .. "…"
  end
  return s
end

local function count_words(text)
  local n = 0
  for _ in text:gmatch("%S+") do n = n + 1 end
  return n
end

local documents, words, bytes = 0, 0, 0
print(string.format("%-4s  %-10s  %6s  %s", "id", "published", "words", "title"))
for doc in db:documents() do
  local n = count_words(doc.text)
  documents, words, bytes = documents + 1, words + n, bytes + doc.bytes
  print(string.format("%-4d  %-10s  %6d  %s", doc.id, (report.published(doc) or "?"):sub(1, 10), n,
                      cut(doc.title or doc.name, 70)))
end
print(string.format("\n%d documents, %d words, %.1f KB\n", documents, words, bytes / 1024))

print(string.format("%-32s  %9s  %s", "term", "documents", "best match"))
for _, term in ipairs(terms) do
  local hits, message = db:search(term, 100000)
  if not hits then error("bad search term " .. term .. ": " .. message) end
  local best = hits[1] and cut(hits[1].title or hits[1].name, 50) or "-"
  print(string.format("%-32s  %9d  %s", cut(term, 32), #hits, best))
end

-- what the rules found, if `quarry extract` has run
local rows = db:query([[SELECT type, count(*) AS n, count(DISTINCT document) AS documents
                        FROM annotations WHERE beaten_by IS NULL GROUP BY type ORDER BY n DESC]])
if #rows > 0 then
  print(string.format("\n%-12s  %11s  %9s", "annotations", "found", "documents"))
  for _, row in ipairs(rows) do
    print(string.format("%-12s  %11d  %9d", row.type, row.n, row.documents))
  end
end
