-- pack.lua: what the rule tests share: the shipped rule pack loaded once,
-- a text run through it as `quarry extract` runs a document, and what
-- stands.
local quarry = require "quarry"
local ruleset = require "quarry.ruleset"
local engine = require "quarry.engine"

local pack = {}

pack.folder = quarry.home .. "/rules"

local loaded

-- The shipped rule set, loaded once; raises unless each rule named in
-- names (a list) loaded, with the reason its file did not.
function pack.rules(names)
  if not loaded then
    loaded = ruleset.load({ pack.folder })
    -- the rules' libraries, as the rules see them
    package.path = pack.folder .. "/?.lua;" .. package.path
  end
  for _, name in ipairs(names or {}) do
    assert(loaded.by_name[name], "rule " .. name .. " did not load: "
      .. tostring(loaded.failed[pack.folder .. "/" .. name .. ".lua"]))
  end
  return loaded
end

-- The candidates of set's rules over text, as document {id = 1, name =
-- "t", text = text} with the fields given added. rules: {name = true} of
-- the rules to run, all of set's when nil. Raises on a rule's error.
function pack.run(set, text, rules, fields)
  if not rules then
    rules = {}
    for _, r in ipairs(set.rules) do rules[r.name] = true end
  end
  local doc = { id = 1, name = "t", text = text }
  for k, v in pairs(fields or {}) do doc[k] = v end
  local cands, errors = engine.run_document(set, doc, rules, {})
  assert(#errors == 0, errors[1] and errors[1].message)
  return cands
end

-- The candidates of type t that stand, in text order.
function pack.standing(cands, t)
  local list = {}
  for _, c in ipairs(cands) do
    if c.type == t and not c.beaten_by then list[#list + 1] = c end
  end
  table.sort(list, function(a, b) return a.start < b.start end)
  return list
end

-- The standing annotations of type t as {text, value} pairs in text order.
function pack.found(cands, t, text)
  local found = {}
  for i, c in ipairs(pack.standing(cands, t)) do found[i] = { text:sub(c.start + 1, c["end"]), c.value } end
  return found
end

return pack
