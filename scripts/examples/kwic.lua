-- kwic.lua: a keyword-in-context concordance: every occurrence of a term in
-- the documents, centred, with the words around it.
--
-- Usage: quarry run scripts/examples/kwic.lua TERM [WIDTH]
--   e.g. quarry run scripts/examples/kwic.lua "quantum" 50
--
-- Full-text search finds the documents (fast, and accents and case do not
-- matter there); the lines are then cut from each document's text, where
-- the term is matched case-insensitively as a whole word.

local quarry = require "quarry"
local db = quarry.db

local term, width = ...
if not term or term == "" then error("usage: quarry run scripts/examples/kwic.lua TERM [WIDTH]") end
width = tonumber(width) or 40

-- the last `n` characters of s, or the first n (UTF-8 aware), white space squeezed
local function tail(s, n)
  s = s:gsub("%s+", " ")
  local len = utf8.len(s) or #s
  if len <= n then return s end
  return s:sub(utf8.offset(s, len - n + 1) or 1)
end
local function head(s, n)
  s = s:gsub("%s+", " ")
  local len = utf8.len(s) or #s
  if len <= n then return s end
  return s:sub(1, (utf8.offset(s, n + 1) or #s + 1) - 1)
end
local function pad_left(s, n) return string.rep(" ", n - (utf8.len(s) or #s)) .. s end

-- a Lua pattern matching the term in any letter case: "AI" -> "[aA][iI]"
local pattern = term:gsub("%p", "%%%0"):gsub("%a", function(c) return "[" .. c:lower() .. c:upper() .. "]" end)

local hits, lines = db:search('"' .. term:gsub('"', '""') .. '"', 100000), 0
if not hits then error("cannot search for " .. term) end
for _, hit in ipairs(hits) do
  local doc = hit.document
  local text, from = doc.text, 1
  while true do
    local s, e = text:find(pattern, from)
    if not s then break end
    local before, after = text:sub(s - 1, s - 1), text:sub(e + 1, e + 1)
    if not before:match("%w") and not after:match("%w") then   -- whole words only
      lines = lines + 1
      print(string.format("%s  %s  %s   [%s]", pad_left(tail(text:sub(math.max(1, s - 4 * width), s - 1), width), width),
                          text:sub(s, e), head(text:sub(e + 1, e + 4 * width), width), doc.name))
    end
    from = e + 1
  end
end
print(string.format("\n%d occurrences of “%s” in %d documents", lines, term, #hits))
