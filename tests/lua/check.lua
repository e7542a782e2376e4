-- check.lua: assertions for the Lua tests.
local check = {}

-- Deep equality; numbers equal within a relative 1e-9.
function check.same(a, b)
  if type(a) == "number" and type(b) == "number" then
    return a == b or math.abs(a - b) <= 1e-9 * math.max(math.abs(a), math.abs(b))
  end
  if type(a) ~= "table" or type(b) ~= "table" then return a == b end
  for k, v in pairs(a) do if not check.same(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

local function show(v)
  if type(v) == "table" then return require("quarry").json.encode(v) end
  return tostring(v)
end

function check.equal(got, want, what)
  if not check.same(got, want) then
    error(string.format("%s: got %s, want %s", what or "value", show(got), show(want)), 2)
  end
end

-- Calls f(...) and checks that it raises an error matching pattern.
function check.err(pattern, f, ...)
  local ok, message = pcall(f, ...)
  if ok then error("expected an error matching " .. pattern, 2) end
  if not tostring(message):find(pattern) then
    error(string.format("error %q does not match %q", tostring(message), pattern), 2)
  end
end

return check
