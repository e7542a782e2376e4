-- engine.lua: the rule engine's speed, without storage: runs a rule set
-- over every stored document RUNS times and prints the median MB/s.
-- Usage: quarry --db DB run tests/bench/engine.lua RUNS FOLDER...

local ruleset = require "quarry.ruleset"
local engine = require "quarry.engine"

local runs = tonumber((...)) or 5
local folders = { select(2, ...) }
local set = ruleset.load(folders)
assert(#set.errors == 0, set.errors[1])
local all = {}
for _, rule in ipairs(set.rules) do all[rule.name] = true end

local docs, bytes = {}, 0
for doc in quarry.db:documents() do
  docs[#docs + 1] = { id = doc.id, name = doc.name, text = doc.text, published = doc.published }
  bytes = bytes + #doc.text
end

local times, candidates = {}, 0
for k = 1, runs do
  local started = os.clock()
  candidates = 0
  for _, doc in ipairs(docs) do candidates = candidates + #engine.run_document(set, doc, all, {}) end
  times[k] = os.clock() - started
end
table.sort(times)
local median = times[(runs + 1) // 2]
print(string.format("%d rules over %d documents, %.1f MB: median %.2f s, %.1f MB/s (%d candidates)",
  #set.rules, #docs, bytes / 1e6, median, bytes / 1e6 / median, candidates))
