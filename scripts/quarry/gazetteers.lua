-- gazetteers.lua: gazetteer files by name, loaded once and shared by the
-- rules that use them. A name is a file in data/gazetteers/ (".tsv" may be
-- left out) or a path. Loading one notes it as a dependency of the rule
-- being loaded, so editing a gazetteer re-runs the rules that use it.

local quarry = require "quarry"
local deps = require "quarry.deps"

local gazetteers = {}
local cache = {}

-- The folders searched for gazetteer names, first match wins.
gazetteers.path = { quarry.home .. "/data/gazetteers" }

-- The folders gazetteer files may come from (a rule names a gazetteer;
-- it may not make Quarry read any file): the data folder, and the rules
-- folders of the run (ruleset.load sets them).
gazetteers.readable = { quarry.home .. "/data" }

local function exists(path)
  local file = io.open(path, "rb")
  if file then file:close() end
  return file ~= nil
end

-- The file a name stands for, or nil and a message.
function gazetteers.find(name)
  if name:find("/", 1, true) then
    if exists(name) then return name end
    return nil, "no gazetteer file " .. name
  end
  for _, folder in ipairs(gazetteers.path) do
    for _, candidate in ipairs({ folder .. "/" .. name, folder .. "/" .. name .. ".tsv" }) do
      if exists(candidate) then return candidate end
    end
  end
  return nil, "no gazetteer named " .. name .. " in " .. table.concat(gazetteers.path, ", ")
end

-- Loads (once) the gazetteer called name; returns matcher, entries. Raises
-- with the file and line on a malformed file.
function gazetteers.get(name)
  if type(name) ~= "string" then error("a gazetteer name must be a string", 2) end
  local path = assert(gazetteers.find(name))
  if not require("quarry.sandbox").inside(path, gazetteers.readable) then
    error(path .. ": gazetteers are read only from " .. table.concat(gazetteers.readable, ", "), 2)
  end
  deps.record("file:" .. path)
  local loaded = cache[path]
  if not loaded then
    local matcher, entries = quarry.gazetteer.load(path)
    if not matcher then error(entries, 2) end
    loaded = { matcher = matcher, entries = entries, path = path }
    cache[path] = loaded
  end
  return loaded.matcher, loaded.entries
end

return gazetteers
