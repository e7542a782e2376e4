-- rule_times.lua: where the rule pack's CPU time goes. Runs the whole pack
-- over the first LIMIT stored documents (no storage) with every value and
-- apply function, gazetteer scan and overlap resolution timed, and prints
-- the total (the rest is the pattern rules' LPeg scan and the engine) and
-- each part, largest first.
-- Usage: quarry --db DB run tests/bench/rule_times.lua [LIMIT] [RULES_DIR]

local quarry = require "quarry"
local ruleset = require "quarry.ruleset"
local engine = require "quarry.engine"

local limit = tonumber((...)) or 3000
local set = ruleset.load({ select(2, ...) or quarry.home .. "/rules" })
assert(#set.errors == 0, set.errors[1])

local clock = os.clock
local spent, calls = {}, {}
local function timed(name, f)
  return function(...)
    local started = clock()
    local a, b, c = f(...)
    spent[name] = (spent[name] or 0) + clock() - started
    calls[name] = (calls[name] or 0) + 1
    return a, b, c
  end
end

-- A matcher whose find_flat is timed under name (the rest passes through).
local function timed_matcher(name, matcher)
  return setmetatable({}, { __index = function(_, key)
    if key == "find_flat" then
      return function(_, ...) return timed(name, function(...) return matcher:find_flat(...) end)(...) end
    end
    return function(_, ...) return matcher[key](matcher, ...) end
  end })
end

local all = {}
for _, rule in ipairs(set.rules) do
  all[rule.name] = true
  if rule.value then rule.value = timed(rule.name .. " value", rule.value) end
  if rule.apply then rule.apply = timed(rule.name .. " apply", rule.apply) end
  for _, g in ipairs(rule.matchers or {}) do g.matcher = timed_matcher(rule.name .. " gazetteer", g.matcher) end
end
engine.resolve = timed("resolve", engine.resolve)

local docs, bytes = {}, 0
for doc in quarry.db:documents() do
  if #docs >= limit then break end
  docs[#docs + 1] = { id = doc.id, name = doc.name, title = doc.title, format = doc.format,
                      published = doc.published, text = doc.text }
  bytes = bytes + #doc.text
end

local started = clock()
for _, doc in ipairs(docs) do engine.run_document(set, doc, all, {}) end
local total = clock() - started

local names = {}
for name in pairs(spent) do names[#names + 1] = name end
table.sort(names, function(a, b) return spent[a] > spent[b] end)
print(string.format("%d documents, %.2f MB: %.2f s, %.2f MB per CPU second", #docs, bytes / 1e6,
                    total, bytes / 1e6 / total))
for _, name in ipairs(names) do
  print(string.format("  %-24s %7.3f s %8d calls", name, spent[name], calls[name]))
end
