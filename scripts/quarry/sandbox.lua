-- sandbox.lua: where rules run. A rule file and the modules of the rules
-- folders it requires run in an environment of their own, as Redis runs
-- scripts: the safe parts of the standard library (fresh copies of the
-- library tables), read-only views of the host modules a rule may use, a
-- `require` that finds only those and the modules of the rules folders, an
-- `io.open` that reads files of the data and rules folders only; no os but
-- its clock and dates, no debug, no package, no loading of bytecode. And
-- every call of a rule's code has a budget: Lua instructions, counted by a
-- hook every million, a wall-clock deadline checked from the same hook, and
-- a cap on the memory it may add.
-- A rule over its budget is stopped with an error that its own pcall cannot
-- catch. Analyst scripts (`quarry run`) keep the full library.

local quarry = require "quarry"
local deps = require "quarry.deps"

local sandbox = {}

-- The budget of one call of a rule's code (a rule on one document, or its
-- file loading): Lua instructions, seconds, and bytes of memory beyond what
-- the host had when it started (through the state's allocator, see
-- quarry.memory). `quarry extract --budget N --timeout S --memory MB`
-- change them.
sandbox.limits = { instructions = 1000000000, seconds = 60, memory = 1024 * 1048576 }

local STEP = 1000000 -- instructions between two looks at the budget

-- The errors a rule over its budget is stopped with: tables with a
-- message, told apart by being in this weak set, which rules cannot reach.
local issued = setmetatable({}, { __mode = "k" })
local Exhausted = { __tostring = function(e) return e.message end }

function sandbox.is_exhausted(e)
  return issued[e] == true
end

-- An error object as a message: a string as it is, anything else through
-- tostring, which a rule's own __tostring may make raise or return a
-- non-string; then its type stands for it.
function sandbox.message_of(e)
  if type(e) == "string" then return e end
  local ok, text = pcall(tostring, e)
  if ok and type(text) == "string" then return text end
  return "(error object is a " .. type(e) .. " value)"
end

local function thousands(n)
  local s = string.format("%d", n)
  return (s:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", ""))
end

-- Runs f(...) under the budget, in protected mode with handler as xpcall's
-- message handler; returns xpcall's results. A budget already running (a
-- rule calling the engine) goes on counting: the outer one is the limit.
-- It runs once per rule per document, so it makes nothing: the hook is
-- one function over the state of the call under way. A count hook slows
-- every Lua instruction down (by about a tenth for the pack), so it is
-- only set on a call that has already run 10 ms (see core/lua_budget.c);
-- the instructions are counted from then on.
local running, used, limit, deadline, seconds = false, 0, 0, 0, 0
local stopped -- the message once the budget is spent

local function hook()
  used = used + STEP
  if not stopped then
    if used > limit then
      stopped = string.format("stopped after %s Lua instructions, its budget (raise it with --budget N)",
                              thousands(limit))
    elseif quarry.now() > deadline then
      stopped = string.format("stopped after %g seconds, its deadline (raise it with --timeout SECONDS)",
                              seconds)
    end
  end
  -- raised again at every look once spent, so nothing can run on after it
  if stopped then
    local e = setmetatable({ message = stopped }, Exhausted)
    issued[e] = true
    error(e, 0)
  end
end

local clock = quarry.budget -- (core/lua_budget.c)
clock.on_wake(function() debug.sethook(hook, "", STEP) end)

local function finish(ok, ...)
  clock.leave()
  debug.sethook()
  quarry.memory()
  running = false
  if not ok and (...) == "not enough memory" then
    return false, string.format("stopped at %d MB of memory more than the host's, its limit (raise it with --memory MB)",
                                sandbox.limits.memory // 1048576)
  end
  return ok, ...
end

-- What the clock's last-resort watch names when a call is stuck in C
-- (core/lua_budget.c): the rule when the call's first argument is one (its
-- file), else sandbox.label (a rule file being loaded), else the scan of
-- all the pattern rules; and sandbox.where, the document under way.
sandbox.label, sandbox.where = nil, nil

function sandbox.run(handler, f, ...)
  if running then return xpcall(f, handler, ...) end
  local limits = sandbox.limits
  running, used, stopped = true, 0, nil
  limit, seconds = limits.instructions, limits.seconds
  deadline = quarry.now() + seconds
  quarry.memory(limits.memory)
  local first = ...
  local who = type(first) == "table" and rawget(first, "file") or sandbox.label
              or "the pattern rules' scan"
  -- no hook yet: the clock sets it once the call has run 10 ms of CPU time
  clock.enter(who, sandbox.where, seconds, 2)
  return finish(xpcall(f, handler, ...))
end

-- pcall, xpcall and coroutines that let the budget's error through.
local function rethrow(ok, ...)
  if not ok and sandbox.is_exhausted((...)) then error((...), 0) end
  return ok, ...
end

local function safe_pcall(f, ...)
  return rethrow(pcall(f, ...))
end

local function safe_xpcall(f, handler, ...)
  return rethrow(xpcall(f, function(e)
    if sandbox.is_exhausted(e) then return e end
    return handler(e)
  end, ...))
end

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

-- Coroutines count against the budget too: Lua keeps a hook function per
-- thread, so a new one gets the budget's hook while a budget runs.
local function budget_coroutines()
  local co = copy(coroutine)
  function co.create(f)
    local thread = coroutine.create(f)
    if running and debug.gethook() then debug.sethook(thread, hook, "", STEP) end
    return thread
  end
  -- the clock is told which thread runs the rule's code, so it can wake it
  local function resumed(previous, ...)
    if running then clock.thread(previous) end
    return rethrow(...)
  end
  function co.resume(thread, ...)
    local previous = coroutine.running()
    if running then clock.thread(thread) end
    return resumed(previous, coroutine.resume(thread, ...))
  end
  function co.wrap(f)
    local thread = co.create(f)
    return function(...)
      local results = table.pack(co.resume(thread, ...))
      if not results[1] then error(results[2], 0) end
      return table.unpack(results, 2, results.n)
    end
  end
  return co
end

-- A read-only view of a host module: its fields, nothing written.
function sandbox.read_only(module, name)
  return setmetatable({}, {
    __index = module,
    __newindex = function() error("the " .. name .. " module is read-only here", 2) end,
    __metatable = false,
  })
end

-- A path with "." and ".." taken out, lexically (nil for one that climbs
-- above its start).
local function normal(path)
  local parts = {}
  for part in path:gmatch("[^/]+") do
    if part == ".." then
      if #parts == 0 then return nil end
      parts[#parts] = nil
    elseif part ~= "." then
      parts[#parts + 1] = part
    end
  end
  return (path:sub(1, 1) == "/" and "/" or "") .. table.concat(parts, "/")
end

-- Whether a file is in one of the folders (a list of paths).
function sandbox.inside(path, folders)
  local file = normal(path)
  if not file then return false end
  for _, folder in ipairs(folders) do
    local root = normal(folder)
    if root and (root == "" or file:sub(1, #root + 1) == root .. "/") then return true end
  end
  return false
end

-- The folders rules may read files from: the data folder, and the rules
-- folders of the run.
function sandbox.readable(folders)
  local list = { quarry.home .. "/data", quarry.home .. "/rules" }
  for _, folder in ipairs(folders or {}) do list[#list + 1] = folder end
  return list
end

-- The host modules a rule may require, as what a rule sees of each: a
-- read-only view of the whole module, or of the few fields listed.
local HOST = { "lpeg", "re", "quarry", "quarry.textmodel", "quarry.gazetteers", "quarry.deps" }
local EXPOSED = {
  ["quarry.gazetteers"] = { "get", "find" },
  ["quarry.deps"] = { "record", "data_file" },
}

-- What a rule sees of the quarry module: no databases, no folders made;
-- gazetteer files from the readable folders only.
local read_only = sandbox.read_only

local function quarry_view(readable)
  local gazetteer = quarry.gazetteer
  local view = {
    home = quarry.home, version = quarry.version, sha256 = quarry.sha256, now = quarry.now,
    json = read_only(quarry.json, "quarry.json"), text = read_only(quarry.text, "quarry.text"),
    gazetteer = read_only({
      new = gazetteer.new,
      load = function(path)
        if type(path) ~= "string" or not sandbox.inside(path, readable) then
          return nil, tostring(path) .. ": rules may only load gazetteers in " .. table.concat(readable, ", ")
        end
        return gazetteer.load(path)
      end,
    }, "quarry.gazetteer"),
  }
  return read_only(view, "quarry")
end

local function host_view(name, readable)
  if name == "quarry" then return quarry_view(readable) end
  local module = require(name)
  if EXPOSED[name] then
    local fields = {}
    for _, key in ipairs(EXPOSED[name]) do fields[key] = module[key] end
    module = fields
  end
  return read_only(module, name)
end

-- What the modules of each environment require (see deps.tracked).
local graphs = setmetatable({}, { __mode = "k" })

function sandbox.graph(env)
  return graphs[env]
end

-- The safe part of the standard library, as rules and reports get it:
-- fresh copies of the library tables, no finalizers (they would run
-- outside the budget), the metatables of tables only (those of strings and
-- of the host's userdata are the host's), the os clock functions, and
-- print on stderr after prefix. who names the sandboxed code in messages
-- ("rules", "reports"); guards are the pcall, xpcall and coroutine of the
-- budget the code runs under (rules and reports each have their own).
function sandbox.library(who, prefix, guards)
  return {
    assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs,
    pcall = guards.pcall, xpcall = guards.xpcall, select = select, tonumber = tonumber,
    tostring = tostring, type = type, rawequal = rawequal, rawget = rawget, rawlen = rawlen,
    rawset = rawset,
    -- (one added to the metatable later is never called)
    setmetatable = function(t, mt)
      if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
        error(who .. " may not set __gc (finalizers would run outside the budget)", 2)
      end
      return setmetatable(t, mt)
    end,
    getmetatable = function(v) if type(v) == "table" then return getmetatable(v) end return nil end,
    _VERSION = _VERSION,
    string = copy(string), table = copy(table), math = copy(math), utf8 = copy(utf8),
    coroutine = guards.coroutine,
    os = { date = os.date, time = os.time, clock = os.clock, difftime = os.difftime },
    print = function(...)
      local parts = table.pack(...)
      for i = 1, parts.n do parts[i] = tostring(parts[i]) end
      io.stderr:write(prefix, table.concat(parts, "\t", 1, parts.n), "\n")
    end,
  }
end

-- A fresh environment for the rules of one rule set: folders are the
-- rules folders (their modules are found there, then in the shipped rules/).
function sandbox.environment(folders)
  local readable = sandbox.readable(folders)
  local env = sandbox.library("rules", "rule: ",
    { pcall = safe_pcall, xpcall = safe_xpcall, coroutine = budget_coroutines() })
  env._G = env

  -- io.open and io.lines for reading the files of the data and rules folders
  local function open(path, mode)
    if type(path) ~= "string" then error("io.open: the path must be a string", 2) end
    mode = mode or "r"
    if mode ~= "r" and mode ~= "rb" then
      return nil, path .. ": rules may only read files (mode r or rb)"
    end
    if not sandbox.inside(path, readable) then
      return nil, path .. ": rules may only read files in " .. table.concat(readable, ", ")
    end
    return io.open(path, mode)
  end
  env.io = {
    open = open,
    lines = function(path, ...)
      local file = assert(open(path, "r"))
      return file:lines(...)
    end,
  }

  -- load: text chunks only, in this environment unless one is given
  env.load = function(chunk, name, mode, chunk_env)
    if mode ~= nil and mode ~= "t" then return nil, "rules may load text chunks only (mode t)" end
    return load(chunk, name, "t", chunk_env or env)
  end

  -- require: the host modules (read-only), else a module of the rules folders
  local host, loaded = {}, {}
  for _, name in ipairs(HOST) do host[name] = true end
  local search = {}
  for _, folder in ipairs(folders or {}) do
    search[#search + 1] = folder .. "/?.lua;" .. folder .. "/?/init.lua"
  end
  search[#search + 1] = quarry.home .. "/rules/?.lua;" .. quarry.home .. "/rules/?/init.lua"
  search = table.concat(search, ";")
  local function raw_require(name)
    if type(name) ~= "string" then error("require: the module name must be a string", 2) end
    if loaded[name] ~= nil then return loaded[name] end
    local module
    if host[name] then
      module = host_view(name, readable)
    else
      local path, message = package.searchpath(name, search)
      if not path then
        error("module '" .. name .. "' not found: rules may require " .. table.concat(HOST, ", ") ..
              " and the modules of the rules folders" .. message, 2)
      end
      local chunk, syntax_error = loadfile(path, "t", env)
      if not chunk then error(syntax_error, 2) end
      module = chunk(name, path)
      if module == nil then module = true end
    end
    loaded[name] = module
    return module
  end
  local graph
  env.require, graph = deps.tracked(raw_require, loaded)
  env.package = { loaded = loaded }
  graphs[env] = graph
  return env
end

return sandbox
