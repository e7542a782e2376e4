-- ruleset.lua: reading rule files. A rule is a Lua file in a rules folder
-- that returns a table (see the README, "Writing a rule"). Loading checks
-- each rule, compiles its grammar, notes the files it depends on and gives
-- it a version: the hash of its own file, those files, and the versions of
-- the rules whose output it reads.
--
-- Running a rule file builds its patterns, which takes most of the time of
-- loading. So what loading a file found is kept between runs
-- (quarry.rule_cache), and a rule whose files are all unchanged comes back
-- as a stand-in holding its name, type, kind, run order, version and
-- example count: the file runs, and the patterns are built, the first time
-- anything else of the rule is asked for (its pattern, its examples).

local lpeg = require "lpeg"
local re = require "re"
local quarry = require "quarry"
local deps = require "quarry.deps"
local gazetteers = require "quarry.gazetteers"
local rule_cache = require "quarry.rule_cache"
local sandbox = require "quarry.sandbox"

local ruleset = {}

local KINDS = { "pattern", "grammar", "gazetteer", "apply" }

local function is_list_of_strings(t)
  if type(t) ~= "table" then return false end
  for _, v in ipairs(t) do if type(v) ~= "string" then return false end end
  return true
end

-- The line of the first "key =" in a file, for messages about a field.
local function line_of(source, key)
  local n = 1
  for line in source:gmatch("([^\n]*)\n?") do
    if line:find("^%s*" .. key .. "%s*=") then return n end
    n = n + 1
  end
  return 1
end

-- Checks a rule table and fills in what the engine needs. Returns the rule
-- or nil and a message "path:line: ...".
local function check_rule(rule, path, source)
  local function fail(key, message)
    return nil, string.format("%s:%d: %s", path, line_of(source, key or "name"), message)
  end
  if type(rule) ~= "table" then return fail(nil, "a rule file must return a table") end
  if type(rule.name) ~= "string" or rule.name == "" then return fail("name", "the rule has no name") end
  if type(rule.type) ~= "string" or rule.type == "" then return fail("type", "the rule has no type") end
  local kinds = {}
  for _, kind in ipairs(KINDS) do if rule[kind] ~= nil then kinds[#kinds + 1] = kind end end
  if #kinds ~= 1 then
    return fail(kinds[2] or "type", "a rule needs exactly one of pattern, grammar, gazetteer or apply"
      .. (#kinds > 1 and " (it has " .. table.concat(kinds, " and ") .. ")" or ""))
  end
  rule.kind = kinds[1]
  if rule.kind == "grammar" then
    if type(rule.grammar) ~= "string" then return fail("grammar", "grammar must be a string in re syntax") end
    local ok, compiled = pcall(re.compile, rule.grammar, rule.defs)
    if not ok then return fail("grammar", "bad grammar: " .. tostring(compiled)) end
    rule.compiled = compiled
  elseif rule.kind == "pattern" then
    if lpeg.type(rule.pattern) ~= "pattern" then return fail("pattern", "pattern must be an LPeg pattern") end
    rule.compiled = rule.pattern
  elseif rule.kind == "gazetteer" then
    local names = type(rule.gazetteer) == "string" and { rule.gazetteer } or rule.gazetteer
    if not is_list_of_strings(names) or #names == 0 then
      return fail("gazetteer", "gazetteer must be a gazetteer name or a list of names")
    end
    rule.matchers = {}
    for _, name in ipairs(names) do
      local ok, matcher, entries = pcall(gazetteers.get, name)
      if not ok then return fail("gazetteer", tostring(matcher)) end
      rule.matchers[#rule.matchers + 1] = { matcher = matcher, entries = entries, name = name }
    end
  elseif type(rule.apply) ~= "function" then
    return fail("apply", "apply must be a function(doc, found, emit)")
  end
  if rule.value ~= nil and type(rule.value) ~= "function" then return fail("value", "value must be a function") end
  if rule.priority == nil then rule.priority = 0 end
  if type(rule.priority) ~= "number" then return fail("priority", "priority must be a number") end
  if rule.inside ~= nil and not is_list_of_strings(rule.inside) then
    return fail("inside", "inside must be a list of annotation types")
  end
  if rule.needs ~= nil and not is_list_of_strings(rule.needs) then
    return fail("needs", "needs must be a list of annotation types")
  end
  if rule.overlap ~= nil and rule.overlap ~= "keep" then
    return fail("overlap", 'overlap must be "keep" (or left out for the default policy)')
  end
  if rule.order == nil then rule.order = 0 end
  if type(rule.order) ~= "number" then return fail("order", "order must be a number") end
  if rule.examples ~= nil and type(rule.examples) ~= "table" then return fail("examples", "examples must be a list") end
  if rule.counterexamples ~= nil then
    local ok = type(rule.counterexamples) == "table"
    for _, c in ipairs(ok and rule.counterexamples or {}) do
      ok = ok and (type(c) == "string" or (type(c) == "table" and type(c.text or c[1]) == "string"))
    end
    if not ok then
      return fail("counterexamples", "counterexamples must be a list of texts (or {text =, title =})")
    end
  end
  return rule
end

-- The hash of a rule file's bytes and of the files it depends on.
local function own_version(source_hash, depends_on)
  local parts = { source_hash }
  for _, dependency in ipairs(depends_on) do
    parts[#parts + 1] = dependency .. "=" .. deps.hash_file(dependency)
  end
  return quarry.sha256(table.concat(parts, "\n"))
end

local function read_file(path)
  local file, open_error = io.open(path, "rb")
  if not file then return nil, open_error end
  local source = file:read("a")
  file:close()
  return source
end

-- Runs a rule file's source in its own environment (reading through to
-- the rule set's sandbox env, so its globals stay its own) under the
-- budget; returns the rule or nil and a message.
local function run_file(path, source, source_hash, env)
  local chunk, syntax_error = load(source, "@" .. path, "t",
                                   setmetatable({}, { __index = env, __metatable = false }))
  if not chunk then return nil, syntax_error end
  sandbox.label = path
  local found, watched, ok, rule = deps.watch(sandbox.run, function(e)
    if sandbox.is_exhausted(e) then return e end
    return sandbox.message_of(e)
  end, chunk)
  sandbox.label = nil
  if not watched then return nil, sandbox.message_of(ok) end
  if not ok then
    if sandbox.is_exhausted(rule) then return nil, path .. ": " .. sandbox.message_of(rule) end
    return nil, sandbox.message_of(rule)
  end
  local checked, message = check_rule(rule, path, source)
  if not checked then return nil, message end
  checked.file = path
  checked.depends_on = deps.files(found, sandbox.graph(env))
  checked.own_version = own_version(source_hash, checked.depends_on)
  checked.example_count = #(checked.examples or {}) + #(checked.counterexamples or {})
  return checked
end

-- Loads one rule file (in env, a sandbox.environment; by default a fresh
-- one over the shipped rules); returns the rule or nil and a message.
function ruleset.load_file(path, env)
  local source, message = read_file(path)
  if not source then return nil, message end
  return run_file(path, source, quarry.sha256(source), env or sandbox.environment())
end

-- Fields a stand-in has (or knows to be nil) without running its file.
local KNOWN = { file = true, depends_on = true, own_version = true, version = true, inputs = true }
for _, key in ipairs(rule_cache.FIELDS) do KNOWN[key] = true end

-- Runs a stand-in's file and fills the stand-in with the whole rule, in the
-- package.path the set was loaded with. Raises if the file no longer loads
-- or no longer gives the rule the stand-in stood for (its files changed
-- since the set was loaded).
local function fill(stand_in, module_path, env)
  deps.forget_hashes() -- (the files as they are now, not as the set found them)
  local saved = package.path
  package.path = module_path
  local ok, rule, message = pcall(ruleset.load_file, stand_in.file, env)
  package.path = saved
  if not ok then message, rule = rule, nil end
  if not rule then error(tostring(message), 0) end
  for _, key in ipairs({ "name", "type", "kind", "own_version" }) do
    if rule[key] ~= stand_in[key] then
      error(string.format("%s: the rule changed since the rules were loaded (load them again)",
                          stand_in.file), 0)
    end
  end
  setmetatable(stand_in, nil)
  for key, value in pairs(rule) do
    if key ~= "version" and key ~= "inputs" then stand_in[key] = value end
  end
end

-- A stand-in for the rule a valid cache entry describes.
local function stand_in(path, entry, source_hash, module_path, env)
  local rule = {}
  for _, key in ipairs(rule_cache.FIELDS) do rule[key] = entry.rule[key] end
  rule.file = path
  rule.depends_on = entry.depends_on
  rule.own_version = own_version(source_hash, entry.depends_on)
  return setmetatable(rule, {
    __index = function(t, key)
      if KNOWN[key] then return nil end
      fill(t, module_path, env)
      return rawget(t, key)
    end,
    __pairs = function(t)
      fill(t, module_path, env)
      return next, t, nil
    end,
  })
end

-- Loads one rule file of a set: a stand-in when the cache has a valid entry
-- for it, else the rule itself (and its new entry goes into `fresh`).
local function load_cached(path, cache, fresh, env)
  local source, message = read_file(path)
  if not source then return nil, message end
  local source_hash = quarry.sha256(source)
  if rule_cache.valid(cache[path], source_hash) then
    return stand_in(path, cache[path], source_hash, package.path, env)
  end
  local rule, load_error = run_file(path, source, source_hash, env)
  if not rule then return nil, load_error end
  fresh[path] = rule_cache.entry(rule, source_hash)
  return rule
end

-- The rule files of a folder: *.lua directly in it, in name order.
local function rule_files(folder)
  local names, message = quarry.list_dir(folder)
  if not names then return nil, message end
  local files = {}
  for _, name in ipairs(names) do
    if name:match("%.lua$") then files[#files + 1] = folder .. "/" .. name end
  end
  return files
end

-- Whether rule a's output exists by the time rule b runs: pattern and
-- gazetteer rules run before apply rules, and apply rules in order.
local function earlier(a, b)
  if a.kind ~= "apply" then return b.kind == "apply" end
  return b.kind == "apply" and ruleset.runs_before(a, b)
end

-- Which rules a rule reads the output of: every rule but a boilerplate one
-- reads the boilerplate rules (it skips their spans); an apply rule reads
-- the earlier rules of the types it `needs`, or all earlier rules.
local function inputs_of(rule, rules)
  local needs = {}
  for _, t in ipairs(rule.needs or {}) do needs[t] = true end
  local inputs = {}
  for _, other in ipairs(rules) do
    local reads
    if other == rule then
      reads = false
    elseif rule.type == "boilerplate" then
      -- boilerplate comes first: it reads only earlier boilerplate rules
      reads = other.type == "boilerplate" and rule.kind == "apply" and earlier(other, rule)
    else
      reads = other.type == "boilerplate"
        or (rule.kind == "apply" and earlier(other, rule)
            and (rule.needs == nil or needs[other.type]))
    end
    if reads then inputs[#inputs + 1] = other end
  end
  return inputs
end

-- Apply rules run in (order, name) order, boilerplate ones first.
function ruleset.runs_before(a, b)
  local ab, bb = a.type == "boilerplate", b.type == "boilerplate"
  if ab ~= bb then return ab end
  if a.order ~= b.order then return a.order < b.order end
  return a.name < b.name
end

-- Gives each rule its version: own_version combined with its inputs'.
local function set_versions(rules)
  local by_name = {}
  for _, rule in ipairs(rules) do by_name[rule.name] = rule end
  local visiting = {}
  local function version(rule)
    if rule.version then return rule.version end
    if visiting[rule] then error("rules depend on each other in a cycle: " .. rule.name) end
    visiting[rule] = true
    local parts = { rule.own_version }
    local inputs = inputs_of(rule, rules)
    table.sort(inputs, function(a, b) return a.name < b.name end)
    for _, input in ipairs(inputs) do parts[#parts + 1] = input.name .. "=" .. version(input) end
    rule.inputs = inputs
    rule.version = quarry.sha256(table.concat(parts, "\n")):sub(1, 16)
    visiting[rule] = nil
    return rule.version
  end
  for _, rule in ipairs(rules) do
    local ok, message = pcall(version, rule)
    if not ok then return rule, tostring(message) end
  end
end

-- Loads every rule in the folders. Returns a rule set {rules = {...},
-- by_name = {...}, failed = {file = message}, errors = {messages},
-- replaced = {name = file of the pack's rule}}; a file that fails to load
-- is reported and left out (while any file fails, the engine drops no
-- stored annotations as those of a removed rule). Modules are looked for
-- in the folders in the order given. pack, when given, is one of the
-- folders (the shipped rules): a rule of another folder with the name of
-- one of its rules replaces that rule; two rules of one name elsewhere are
-- an error. The pack's rules come first in set.rules, the others after in
-- folder order, so adding a folder leaves the pack's order as it was.
function ruleset.load(folders, pack)
  local set = { rules = {}, by_name = {}, failed = {}, errors = {}, folders = folders,
                replaced = {} }
  deps.forget_hashes()
  deps.unload_modules()
  -- each rules folder's own modules (its lib/) come first, in folder order
  ruleset.base_path = ruleset.base_path or package.path
  local path = {}
  for _, folder in ipairs(folders) do
    path[#path + 1] = folder .. "/?.lua;" .. folder .. "/?/init.lua"
  end
  path[#path + 1] = ruleset.base_path
  package.path = table.concat(path, ";")
  local cache, fresh = rule_cache.read(), {}
  -- one sandbox for the set: its modules are loaded once and shared
  set.env = sandbox.environment(folders)
  gazetteers.readable = sandbox.readable(folders)
  local pack_rules, own_rules = {}, {} -- the pack's, and the other folders'
  local pack_by_name, own_by_name = {}, {}
  for _, folder in ipairs(folders) do
    local files, message = rule_files(folder)
    local in_pack = folder == pack
    if not files then
      set.errors[#set.errors + 1] = message
    else
      for _, path in ipairs(files) do
        local rule, load_error = load_cached(path, cache, fresh, set.env)
        local by_name = in_pack and pack_by_name or own_by_name
        if rule and by_name[rule.name] then
          rule, load_error = nil, string.format("%s: a rule named %s is already defined in %s",
            path, rule.name, by_name[rule.name].file)
        end
        if rule then
          local list = in_pack and pack_rules or own_rules
          list[#list + 1] = rule
          by_name[rule.name] = rule
        else
          set.failed[path] = load_error
          set.errors[#set.errors + 1] = load_error
        end
      end
    end
  end
  for _, rule in ipairs(pack_rules) do
    if own_by_name[rule.name] then
      set.replaced[rule.name] = rule.file
    else
      set.rules[#set.rules + 1] = rule
      set.by_name[rule.name] = rule
    end
  end
  for _, rule in ipairs(own_rules) do
    set.rules[#set.rules + 1] = rule
    set.by_name[rule.name] = rule
  end
  -- a rule in a dependency cycle cannot have a version: report and drop it
  while true do
    for _, rule in ipairs(set.rules) do rule.version = nil end
    local bad, message = set_versions(set.rules)
    if not bad then break end
    set.failed[bad.file] = bad.file .. ": " .. message:gsub("^.-: ", "")
    set.errors[#set.errors + 1] = set.failed[bad.file]
    for i, rule in ipairs(set.rules) do
      if rule == bad then table.remove(set.rules, i) break end
    end
    set.by_name[bad.name] = nil
  end
  if next(fresh) then rule_cache.write(fresh) end
  return set
end

-- The names of the rules that must run for the named ones to find what
-- extract finds: the named rules and, followed through, every rule whose
-- output they read (the boilerplate rules; for an apply rule the earlier
-- rules of the types it needs). Returns {name = true}; raises on an
-- unknown name.
function ruleset.needed(set, names)
  local needed = {}
  local function add(rule)
    if needed[rule.name] then return end
    needed[rule.name] = true
    for _, input in ipairs(rule.inputs or {}) do add(input) end
  end
  for _, name in ipairs(names) do
    local rule = set.by_name[name]
    if not rule then error("no rule named " .. tostring(name), 2) end
    add(rule)
  end
  return needed
end

return ruleset
