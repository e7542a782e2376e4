-- deps.lua: which files a rule depends on. While rules load, `require` is
-- watched: every Lua module a rule requires (directly or through other
-- modules) and every data file it reads through quarry.deps.record is noted,
-- so the rule's version can be the hash of all of them.

local quarry = require "quarry"

local deps = {}

local real_require = require
local module_deps = {}   -- module name -> {dependency key = true}
local frames = {}        -- stack of dependency sets being filled

local module_files = {}  -- module name -> {path = true}: data files it reads, whenever loaded

-- Declares that a module reads a data file (its abbreviation list, say),
-- so every rule that requires the module depends on the file too, even
-- when the module was loaded before any rule.
function deps.data_file(module_name, path)
  module_files[module_name] = module_files[module_name] or {}
  module_files[module_name][path] = true
end

-- Notes a dependency ("module:name" or "file:path") in the frame being loaded.
function deps.record(key)
  local top = frames[#frames]
  if top then top[key] = true end
end

local function tracked_require(name)
  deps.record("module:" .. name)
  if package.loaded[name] == nil then
    frames[#frames + 1] = {}
    local ok, result = pcall(real_require, name)
    module_deps[name] = table.remove(frames)
    if not ok then error(result, 2) end
    return result
  end
  return real_require(name)
end

-- A require for an environment of its own (the rules' sandbox): records
-- the module as a dependency of the frame being loaded and, the first
-- time it is loaded, what the module itself requires, in a graph of its
-- own (the environment keeps its modules loaded for as long as it lives,
-- whatever other rule sets load meanwhile). require_fn(name) loads a
-- module; loaded is the table where it keeps them. Returns the require and
-- the graph, for deps.files.
function deps.tracked(require_fn, loaded)
  local graph = {}
  return function(name)
    deps.record("module:" .. tostring(name))
    if loaded[name] ~= nil then return loaded[name] end
    frames[#frames + 1] = {}
    local ok, result = pcall(require_fn, name)
    graph[name] = table.remove(frames)
    if not ok then error(result, 2) end
    return result
  end, graph
end

-- Forgets the modules loaded while watching, so the next loading of a rule
-- set reads them again (from the rules folders then in force).
function deps.unload_modules()
  for name in pairs(module_deps) do package.loaded[name] = nil end
  module_deps = {}
end

-- Runs f with require watched; returns f's results and the set of direct
-- dependencies noted while it ran.
function deps.watch(f, ...)
  local saved = _G.require
  _G.require = tracked_require
  frames[#frames + 1] = {}
  local results = table.pack(pcall(f, ...))
  local found = table.remove(frames)
  _G.require = saved
  return found, table.unpack(results, 1, results.n)
end

-- All files behind a set of dependencies (modules followed transitively,
-- in graph when given, the one deps.tracked made, else in what watched
-- requires found), as a sorted array of paths. Modules with no file (lpeg,
-- re, quarry) are part of the binary and left out.
function deps.files(set, graph)
  graph = graph or module_deps
  local seen, files = {}, {}
  local function visit(key)
    if seen[key] then return end
    seen[key] = true
    local kind, name = key:match("^(%a+):(.*)$")
    if kind == "file" then
      files[#files + 1] = name
    elseif kind == "module" then
      local path = package.searchpath(name, package.path)
      if path then files[#files + 1] = path end
      -- Quarry's own modules (quarry.*) may have been loaded before any
      -- rule, when nothing watched what they required: their own file and
      -- declared data files count, what they require does not, so a
      -- version does not depend on the order modules happened to load in
      if not name:find("^quarry%.") then
        for sub in pairs(graph[name] or {}) do visit(sub) end
      end
      for file in pairs(module_files[name] or {}) do visit("file:" .. file) end
    end
  end
  for key in pairs(set) do visit(key) end
  table.sort(files)
  return files
end

-- The SHA-256 of a file's bytes, or of the error reading it; kept until
-- deps.forget_hashes(), which every loading of a rule set starts with.
local file_hashes = {}

function deps.forget_hashes()
  file_hashes = {}
end

function deps.hash_file(path)
  if not file_hashes[path] then
    local file = io.open(path, "rb")
    local bytes = file and file:read("a") or ("unreadable " .. path)
    if file then file:close() end
    file_hashes[path] = quarry.sha256(bytes)
  end
  return file_hashes[path]
end

return deps
