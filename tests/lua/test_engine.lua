-- test_engine.lua: the rule engine: loading and versions, the one-pass
-- scanner, the overlap policy, apply rules and errors.

local check = require "check"
local ruleset = require "quarry.ruleset"
local engine = require "quarry.engine"

-- A scratch rules folder with the given files {name = source}.
local function folder(files)
  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir -p '" .. dir .. "'"))
  for name, source in pairs(files) do
    local f = assert(io.open(dir .. "/" .. name, "w"))
    f:write(source)
    f:close()
  end
  return dir
end

local function rule_source(fields)
  return "local lpeg = require 'lpeg'\nlocal P, C, Cg, Cp = lpeg.P, lpeg.C, lpeg.Cg, lpeg.Cp\nreturn {\n" .. fields .. "\n}\n"
end

-- Runs every rule of a folder on a text; returns standing annotations as
-- "type:text" strings in text order, all candidates, and errors.
local function run(files, text)
  local set = ruleset.load({ folder(files) })
  assert(#set.errors == 0, set.errors[1])
  local all = {}
  for _, r in ipairs(set.rules) do all[r.name] = true end
  local cands, errors = engine.run_document(set, { id = 1, name = "t", text = text }, all, {})
  local standing, ordered = {}, {}
  for i, c in ipairs(cands) do ordered[i] = c end
  table.sort(ordered, function(a, b) return a.start < b.start or a.start == b.start and a.type < b.type end)
  for _, c in ipairs(ordered) do
    if not c.beaten_by then standing[#standing + 1] = c.type .. ":" .. text:sub(c.start + 1, c["end"]) end
  end
  return standing, cands, errors, set
end

local tests = {}

function tests.overlapping_rules_of_different_types_both_stand()
  local standing = run({
    ["a.lua"] = rule_source('name = "country", type = "country", pattern = P"China"'),
    ["b.lua"] = rule_source('name = "bank", type = "org", pattern = P"Bank of China"'),
  }, "The Bank of China lends.")
  check.equal(standing, { "org:Bank of China", "country:China" }, "standing")
end

function tests.same_type_longer_wins_and_the_loser_is_kept()
  local standing, cands = run({
    ["a.lua"] = rule_source('name = "short", type = "org", pattern = P"Academy"'),
    ["b.lua"] = rule_source('name = "long", type = "org", pattern = P"Chinese Academy of Sciences"'),
  }, "the Chinese Academy of Sciences said")
  check.equal(standing, { "org:Chinese Academy of Sciences" }, "standing")
  local loser
  for _, c in ipairs(cands) do if c.rule == "short" then loser = c end end
  assert(loser and loser.beaten_by, "the shorter match is kept as a candidate")
  check.equal(cands[loser.beaten_by].rule, "long", "beaten by")
  assert(loser.reason:find("longer"), loser.reason)
end

function tests.equal_spans_go_to_priority_then_rule_name()
  local standing, cands = run({
    ["a.lua"] = rule_source('name = "a", type = "org", pattern = P"Rosatom", value = function() return {by = "a"} end'),
    ["b.lua"] = rule_source('name = "b", type = "org", priority = 5, pattern = P"Rosatom", value = function() return {by = "b"} end'),
  }, "Rosatom")
  check.equal(#standing, 1, "one stands")
  for _, c in ipairs(cands) do
    if not c.beaten_by then check.equal(c.value.by, "b", "higher priority wins") end
    if c.beaten_by then assert(c.reason:find("priority"), c.reason) end
  end
  standing, cands = run({
    ["a.lua"] = rule_source('name = "a", type = "org", pattern = P"Rosatom", value = function() return {by = "a"} end'),
    ["b.lua"] = rule_source('name = "b", type = "org", pattern = P"Rosatom", value = function() return {by = "b"} end'),
  }, "Rosatom")
  for _, c in ipairs(cands) do
    if not c.beaten_by then check.equal(c.value.by, "a", "same priority: rule name decides") end
  end
end

function tests.inside_policy_drops_contained_matches()
  local standing, cands = run({
    ["a.lua"] = rule_source('name = "country", type = "country", inside = {"org"}, pattern = P"China"'),
    ["b.lua"] = rule_source('name = "bank", type = "org", pattern = P"Bank of China"'),
  }, "The Bank of China lends to China.")
  check.equal(standing, { "org:Bank of China", "country:China" }, "standing")
  local dropped = 0
  for _, c in ipairs(cands) do
    if c.beaten_by then
      dropped = dropped + 1
      assert(c.reason:find("inside org"), c.reason)
    end
  end
  check.equal(dropped, 1, "the China inside the bank's name")
end

function tests.a_rule_may_keep_its_overlapping_matches()
  local standing = run({
    ["a.lua"] = rule_source('name = "a", type = "rel", overlap = "keep", pattern = P"ab" + P"a"'),
    ["b.lua"] = [[return { name = "b", type = "rel", overlap = "keep",
      apply = function(doc, found, emit) emit(0, 2, { k = 1 }); emit(0, 2, { k = 2 }) end }]],
  }, "ab")
  check.equal(#standing, 3, "the pattern match and both emitted spans stand")
end

function tests.boilerplate_hides_other_matches()
  local standing = run({
    ["a.lua"] = rule_source('name = "nav", type = "boilerplate", pattern = P"Related: China news"'),
    ["b.lua"] = rule_source('name = "country", type = "country", pattern = P"China"'),
  }, "China grows.\nRelated: China news\n")
  check.equal(standing, { "country:China", "boilerplate:Related: China news" }, "standing")
end

function tests.a_rule_does_not_find_suffixes_of_its_own_matches()
  local _, cands = run({
    ["a.lua"] = rule_source('name = "num", type = "n", pattern = P"$"^-1 * lpeg.R"09"^1'),
  }, "costs $150 and 20")
  local spans = {}
  for _, c in ipairs(cands) do spans[#spans + 1] = c.start .. "-" .. c["end"] end
  check.equal(spans, { "6-10", "15-17" }, "spans")
end

function tests.value_false_drops_and_span_narrows()
  local standing = run({
    ["a.lua"] = rule_source([[name = "year", type = "date",
      pattern = P"in " * Cg(Cp(), "span_start") * C(lpeg.R"09"^4) * Cg(Cp(), "span_end"),
      value = function(c) if c[1] == "2020" then return false end return { edtf = c[1] } end]]),
  }, "in 2015 and in 2020")
  check.equal(standing, { "date:2015" }, "standing")
end

function tests.grammar_rules_and_captures()
  local _, cands = run({
    ["a.lua"] = [[return { name = "pct", type = "percent",
      grammar = "pct <- {:n: [0-9]+ :} '%'",
      value = function(c) return { value = tonumber(c.n) } end }]],
  }, "up 12% and 7%")
  check.equal(#cands, 2, "two matches")
  check.equal(cands[1].value, { value = 12 }, "value")
end

function tests.apply_rules_see_what_stands_and_emit()
  local standing = run({
    ["a.lua"] = rule_source('name = "person", type = "person", pattern = P"Xi Jinping"'),
    ["b.lua"] = [[return { name = "coref", type = "person", needs = {"person"},
      apply = function(doc, found, emit)
        if #found("person") == 0 then return end
        local init = 1
        while true do
          local s, e = doc.text:find("Xi", init, true)
          if not s then break end
          emit(s - 1, e, { name = "Xi Jinping" })
          init = e + 1
        end
      end }]],
  }, "Xi Jinping spoke. Later Xi left.")
  check.equal(standing, { "person:Xi Jinping", "person:Xi" }, "standing")
end

function tests.a_raising_rule_is_reported_and_the_others_go_on()
  local standing, _, errors = run({
    ["a.lua"] = rule_source('name = "ok", type = "country", pattern = P"China"'),
    ["b.lua"] = rule_source('name = "bad", type = "org", pattern = P"China", value = function() error("boom") end'),
    ["c.lua"] = rule_source('name = "badscan", type = "x", pattern = P"China" * (P(true) / function() error("in the scan") end)'),
  }, "China")
  check.equal(standing, { "country:China" }, "standing")
  check.equal(#errors, 2, "two errors")
  local rules = { errors[1].rule, errors[2].rule }
  table.sort(rules)
  check.equal(rules, { "bad", "badscan" }, "failing rules")
  assert(errors[1].message:find("b.lua:%d+: boom") or errors[2].message:find("b.lua:%d+: boom"))
end

function tests.loading_reports_file_and_line()
  local set = ruleset.load({ folder({
    ["syntax.lua"] = "return {\n  name = 'x',\n  type = \n",
    ["nokind.lua"] = "return {\n  name = 'y',\n  type = 'z',\n}\n",
    ["twokinds.lua"] = rule_source('name = "w",\n type = "z",\n pattern = P"a",\n grammar = "a <- .",'),
    ["badgrammar.lua"] = "return {\n name = 'g',\n type = 'z',\n grammar = 'a <- (',\n}\n",
    ["dup1.lua"] = rule_source('name = "dup", type = "z", pattern = P"a"'),
    ["dup2.lua"] = rule_source('name = "dup", type = "z", pattern = P"b"'),
  }) })
  local all = table.concat(set.errors, "\n")
  assert(all:find("syntax.lua:4:"), all)
  assert(all:find("nokind.lua:%d+: a rule needs exactly one of pattern"), all)
  assert(all:find("twokinds.lua:%d+: .*it has pattern and grammar"), all)
  assert(all:find("badgrammar.lua:4: bad grammar"), all)
  assert(all:find("dup2.lua: a rule named dup is already defined in .*dup1.lua"), all)
  check.equal(#set.rules, 1, "only dup1 loads")
end

function tests.versions_follow_files_libraries_and_inputs()
  local dir = folder({
    ["a.lua"] = rule_source('name = "a", type = "t", pattern = P"a"'),
    ["c.lua"] = rule_source('name = "c", type = "boilerplate", pattern = P"menu"'),
  })
  -- b uses a library module of its own, in a folder beside the rules
  local module = "lib_" .. dir:gsub("%W", "")
  assert(os.execute("mkdir -p '" .. dir .. "/mods'"))
  local function write(path, source)
    local f = assert(io.open(path, "w"))
    f:write(source)
    f:close()
  end
  write(dir .. "/mods/" .. module .. ".lua", "return require('lpeg').P'x'")
  write(dir .. "/b.lua", "return { name = 'b', type = 't', pattern = require('mods." .. module .. "') }")
  local first = ruleset.load({ dir })
  assert(#first.errors == 0, first.errors[1])
  check.equal(#first.by_name.b.depends_on, 1, "b depends on its module")
  -- edit the library: b changes, a does not
  write(dir .. "/mods/" .. module .. ".lua", "return require('lpeg').P'xx'")
  local second = ruleset.load({ dir })
  check.equal(second.by_name.a.version, first.by_name.a.version, "a unchanged")
  assert(second.by_name.b.version ~= first.by_name.b.version, "b changed with its library")
  -- edit the boilerplate rule: every other rule reads it, so all change
  write(dir .. "/c.lua", rule_source('name = "c", type = "boilerplate", pattern = P"menu bar"'))
  local third = ruleset.load({ dir })
  assert(third.by_name.a.version ~= second.by_name.a.version, "a reads boilerplate")
  assert(third.by_name.c.version ~= second.by_name.c.version, "c changed")
  -- loading again without edits gives the same versions
  check.equal(ruleset.load({ dir }).by_name.b.version, third.by_name.b.version, "stable")
end

-- A rule whose files are unchanged comes back from the cache as a stand-in:
-- same version and list fields, its pattern built when first asked for; an
-- edited library, a module of an earlier folder in front of it, or a bad
-- cache file make the rules load the slow way, to the same result.
function tests.rule_cache_stands_in_while_files_are_unchanged()
  local rule_cache = require "quarry.rule_cache"
  local lpeg = require "lpeg"
  local saved = rule_cache.file
  rule_cache.file = os.tmpname() -- empty at first: no entries
  local ok, message = pcall(function()
    local dir = folder({
      ["a.lua"] = "local word = require 'lib.cachedword'\n"
        .. "return { name = 'a', type = 't', pattern = require('lpeg').P(word),\n"
        .. "  examples = { { 'a word', word } }, counterexamples = { 'none' } }\n",
      ["b.lua"] = "return { name = 'b', type = 'u', needs = { 't' }, order = 2,\n"
        .. "  apply = function() end }\n",
    })
    assert(os.execute("mkdir -p '" .. dir .. "/lib'"))
    local function write(path, source)
      local f = assert(io.open(path, "w"))
      f:write(source)
      f:close()
    end
    write(dir .. "/lib/cachedword.lua", "return 'word'")
    local first = ruleset.load({ dir })
    assert(#first.errors == 0, first.errors[1])
    check.equal(getmetatable(first.by_name.a), nil, "loaded the slow way")
    local second = ruleset.load({ dir })
    local a = second.by_name.a
    assert(getmetatable(a) ~= nil, "a stand-in")
    for _, name in ipairs({ "a", "b" }) do
      for _, key in ipairs({ "name", "type", "kind", "version", "priority", "order",
                             "example_count", "file", "own_version" }) do
        check.equal(second.by_name[name][key], first.by_name[name][key], name .. "." .. key)
      end
    end
    check.equal(a.example_count, 2, "examples counted")
    check.equal(second.by_name.b.needs[1], "t", "needs kept")
    assert(lpeg.type(a.compiled) == "pattern", "the pattern once asked for")
    check.equal(getmetatable(a), nil, "filled in")
    check.equal(#a.examples, 1, "the examples")
    check.equal(a.version, first.by_name.a.version, "the version stays")
    -- the engine on stand-ins finds what it found on the rules
    local third = ruleset.load({ dir })
    local cands = engine.run_document(third, { id = 1, name = "t", text = "one word" },
                                      { a = true, b = true }, {})
    check.equal(#cands, 1, "found through a stand-in")
    -- an edited library: loaded again, new version
    write(dir .. "/lib/cachedword.lua", "return 'other'")
    local fourth = ruleset.load({ dir })
    check.equal(getmetatable(fourth.by_name.a), nil, "a library changed: loaded")
    assert(fourth.by_name.a.version ~= first.by_name.a.version, "new version")
    assert(getmetatable(fourth.by_name.b) ~= nil, "b is unchanged")
    assert(fourth.by_name.b.version ~= first.by_name.b.version, "b reads a: its version follows")
    -- a module of the same name in an earlier folder now comes first
    local front = folder({})
    assert(os.execute("mkdir -p '" .. front .. "/lib'"))
    write(front .. "/lib/cachedword.lua", "return 'other'")
    local fifth = ruleset.load({ front, dir })
    check.equal(getmetatable(fifth.by_name.a), nil, "another module in front: loaded")
    assert(fifth.by_name.a.version ~= fourth.by_name.a.version, "its version follows the module")
    -- and without that folder again, the module of the rules folder
    check.equal(getmetatable(ruleset.load({ dir }).by_name.a), nil, "the folder left: loaded")
    -- a stand-in whose library changed after the set was loaded raises when filled
    local sixth = ruleset.load({ dir })
    assert(getmetatable(sixth.by_name.a) ~= nil, "a stand-in again")
    check.equal(sixth.by_name.a.version, fourth.by_name.a.version, "the version of the library")
    write(dir .. "/lib/cachedword.lua", "return 'third'")
    local filled, problem = pcall(function() return sixth.by_name.a.compiled end)
    assert(not filled and tostring(problem):find("changed since the rules were loaded"),
           tostring(problem))
    -- a corrupt cache file is no cache
    write(rule_cache.file, "{ not json")
    local seventh = ruleset.load({ dir })
    assert(#seventh.errors == 0, seventh.errors[1])
    check.equal(getmetatable(seventh.by_name.a), nil, "corrupt cache: loaded")
    check.equal(getmetatable(ruleset.load({ dir }).by_name.a) ~= nil, true, "and cached again")
  end)
  os.remove(rule_cache.file)
  rule_cache.file = saved
  assert(ok, message)
end

-- Issue 12: a folder of one's own adds to the pack; a rule of the same
-- name replaces the pack's, and the pack's order stays; two rules of one
-- name outside the pack are an error.
function tests.own_folders_add_to_the_pack()
  local pack = folder({
    ["a.lua"] = rule_source('name = "a", type = "x", pattern = P"a"'),
    ["b.lua"] = rule_source('name = "b", type = "x", pattern = P"b"'),
  })
  local mine = folder({
    ["b2.lua"] = rule_source('name = "b", type = "y", pattern = P"B"'),
    ["c.lua"] = rule_source('name = "c", type = "x", pattern = P"c"'),
  })
  local set = ruleset.load({ mine, pack }, pack)
  check.equal(#set.errors, 0, "no errors")
  local names = {}
  for i, r in ipairs(set.rules) do names[i] = r.name .. ":" .. r.type end
  check.equal(names, { "a:x", "b:y", "c:x" }, "the pack first, b replaced by mine")
  check.equal(set.replaced.b, pack .. "/b.lua", "the replaced rule is named")
  -- without the pack marked as such, two rules named b are an error
  local plain = ruleset.load({ mine, pack })
  check.equal(#plain.errors, 1, "a duplicate name outside the pack")
  local twice = folder({ ["c2.lua"] = rule_source('name = "c", type = "x", pattern = P"C"') })
  local dup = ruleset.load({ mine, twice, pack }, pack)
  assert(dup.errors[1] and dup.errors[1]:find("a rule named c is already defined"), dup.errors[1])
end

-- Issue 12: what a rule needs to run as extract runs it.
function tests.needed_follows_what_a_rule_reads()
  local dir = folder({
    ["bp.lua"] = rule_source('name = "bp", type = "boilerplate", pattern = P"menu"'),
    ["x.lua"] = rule_source('name = "x", type = "x", pattern = P"x"'),
    ["y.lua"] = rule_source('name = "y", type = "y", pattern = P"y"'),
    ["link.lua"] = rule_source('name = "link", type = "link", needs = { "x" }, ' ..
      'apply = function(doc, found, emit) for _, a in ipairs(found("x")) do emit(a.start, a["end"], nil) end end'),
  })
  local set = ruleset.load({ dir })
  check.equal(ruleset.needed(set, { "link" }), { link = true, x = true, bp = true }, "link reads x and the boilerplate")
  check.equal(ruleset.needed(set, { "y" }), { y = true, bp = true }, "a pattern rule reads the boilerplate")
  check.equal(ruleset.needed(set, { "bp" }), { bp = true }, "boilerplate reads nothing")
  local ok, err = pcall(ruleset.needed, set, { "nosuch" })
  assert(not ok and err:find("no rule named nosuch"), err)
end

return tests
