-- rule_cache.lua: what loading each rule file found, kept between runs so
-- that a rule whose files have not changed need not be run to be listed or
-- versioned (ruleset.lua then builds its patterns only when they are used).
-- One JSON file, $XDG_CACHE_HOME/quarry/rules.json (~/.cache/quarry when
-- XDG_CACHE_HOME is not set), an entry per rule file: the hash of the
-- file, the files it depends on with their hashes, and the fields of the
-- rule that do not need the rule to run. An entry counts only while the
-- files are unchanged and each Lua module among them is still the one
-- package.path finds; a cache that is missing, unreadable, stale or corrupt
-- only means the rules are loaded the slow way.

local quarry = require "quarry"
local deps = require "quarry.deps"

local rule_cache = {}

-- Bump when what an entry means changes (its fields, or what ruleset.lua
-- derives from them).
local FORMAT = 1

-- The fields of a rule kept in an entry: all that the rule list, the
-- versions and the run order need.
rule_cache.FIELDS = { "name", "type", "kind", "priority", "order", "needs", "inside", "overlap",
                      "example_count" }

-- At most this many entries are kept: those of the rules just loaded, then
-- the most recently written (rule folders come and go: tests make them).
local KEEP = 256

-- The cache file: nil for the default place, false for none (tests set it).
rule_cache.file = nil

-- The cache file, or nil when there is no place for one.
function rule_cache.path()
  if rule_cache.file ~= nil then return rule_cache.file or nil end
  local base = os.getenv("XDG_CACHE_HOME")
  if base == nil or base == "" or base:sub(1, 1) ~= "/" then
    local home = os.getenv("HOME")
    if home == nil or home == "" then return nil end
    base = home .. "/.cache"
  end
  return base .. "/quarry/rules.json"
end

-- The entries of the cache file (rule path -> entry), empty when there is
-- none or it cannot be read as one.
function rule_cache.read()
  local path = rule_cache.path()
  local file = path and io.open(path, "rb")
  if not file then return {} end
  local text = file:read("a")
  file:close()
  local ok, cache = pcall(quarry.json.decode, text or "")
  if not ok or type(cache) ~= "table" or cache.format ~= FORMAT or cache.quarry ~= quarry.version
     or type(cache.rules) ~= "table" then
    return {}
  end
  return cache.rules
end

local function is_list_of_strings(t)
  if type(t) ~= "table" then return false end
  for k, v in pairs(t) do
    if math.type(k) ~= "integer" or type(v) ~= "string" then return false end
  end
  return true
end

-- The module a Lua file is found as through package.path's templates
-- ("/r/rules/?.lua" finds "/r/rules/lib/names.lua" as lib/names), or nil.
local function module_name(file)
  for template in package.path:gmatch("[^;]+") do
    local prefix, suffix = template:match("^(.-)%?(.*)$")
    if prefix and #file > #prefix + #suffix and file:sub(1, #prefix) == prefix
       and file:sub(-#suffix) == suffix then
      return file:sub(#prefix + 1, #file - #suffix)
    end
  end
  return nil
end

-- Whether a cached entry still describes the rule file whose bytes hash to
-- source_hash: every file it depends on is unchanged, and each Lua module
-- among them is still the file package.path (as it is now) finds for it,
-- so no module of another rules folder stands in front of it and no folder
-- it came from has left the path.
function rule_cache.valid(entry, source_hash)
  if type(entry) ~= "table" or entry.hash ~= source_hash or not is_list_of_strings(entry.depends_on)
     or type(entry.hashes) ~= "table" or type(entry.modules) ~= "table"
     or type(entry.rule) ~= "table" then
    return false
  end
  local rule = entry.rule
  if type(rule.name) ~= "string" or type(rule.type) ~= "string" or type(rule.kind) ~= "string"
     or type(rule.priority) ~= "number" or type(rule.order) ~= "number"
     or math.type(rule.example_count) ~= "integer"
     or (rule.needs ~= nil and not is_list_of_strings(rule.needs))
     or (rule.inside ~= nil and not is_list_of_strings(rule.inside))
     or (rule.overlap ~= nil and rule.overlap ~= "keep") then
    return false
  end
  for _, file in ipairs(entry.depends_on) do
    if entry.hashes[file] ~= deps.hash_file(file) then return false end
  end
  for file, name in pairs(entry.modules) do
    if type(name) ~= "string" or package.searchpath(name, package.path, "", "") ~= file then
      return false
    end
  end
  return true
end

-- The entry for a rule just loaded from a file whose bytes hash to
-- source_hash (package.path still as the rule left it): the Lua files among
-- its dependencies are noted with the module package.path finds them as.
function rule_cache.entry(rule, source_hash)
  local fields, hashes, modules = {}, {}, {}
  for _, key in ipairs(rule_cache.FIELDS) do fields[key] = rule[key] end
  for _, file in ipairs(rule.depends_on) do
    hashes[file] = deps.hash_file(file)
    modules[file] = module_name(file)
  end
  return { hash = source_hash, depends_on = rule.depends_on, hashes = hashes, modules = modules,
           rule = fields, written = os.time() }
end

-- Writes the entries (rule path -> entry) over the cache file, keeping the
-- entries of rule files that are still there; returns true, or nil and a
-- message (a cache that cannot be written is no error: callers go on).
function rule_cache.write(entries)
  local path = rule_cache.path()
  if not path then return nil, "no cache folder (neither XDG_CACHE_HOME nor HOME is set)" end
  local all, count, others = {}, 0, {}
  for file, entry in pairs(entries) do all[file], count = entry, count + 1 end
  for file, entry in pairs(rule_cache.read()) do
    if not all[file] and type(entry) == "table" and math.type(entry.written) == "integer" then
      others[#others + 1] = { file = file, entry = entry }
    end
  end
  table.sort(others, function(a, b) return a.entry.written > b.entry.written end)
  for _, other in ipairs(others) do
    if count >= KEEP then break end
    local handle = io.open(other.file, "rb") -- (a rule file that is gone is dropped)
    if handle then
      handle:close()
      all[other.file], count = other.entry, count + 1
    end
  end
  local ok, text = pcall(quarry.json.encode, { format = FORMAT, quarry = quarry.version, rules = all })
  if not ok then return nil, tostring(text) end
  local made, message = quarry.make_dir(path:match("^(.*)/[^/]*$"))
  if not made then return nil, message end
  -- written beside it, then renamed over it: a reader sees the old file
  -- or the new one, never half of one
  local temporary = string.format("%s.%d.tmp", path, math.random(1 << 30))
  local file, open_error = io.open(temporary, "wb")
  if not file then return nil, open_error end
  local written, write_error = file:write(text)
  local closed, close_error = file:close()
  if not (written and closed) then
    os.remove(temporary)
    return nil, write_error or close_error
  end
  local renamed, rename_error = os.rename(temporary, path)
  if not renamed then
    os.remove(temporary)
    return nil, rename_error
  end
  return true
end

return rule_cache
