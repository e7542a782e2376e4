-- run.lua: the Lua test driver. Runs every tests/lua/test_*.lua (or the
-- files named on the command line) under `quarry run`; each file returns a
-- table of test functions. Prints one line per failure and a summary.
-- Usage: quarry --db SCRATCH.db run tests/lua/run.lua [FILE...]

local quarry = require "quarry"

local here = arg[0]:match("^(.*)/[^/]*$") or "."
package.path = here .. "/?.lua;" .. package.path

local files = { ... }
if #files == 0 then
  for _, name in ipairs(assert(quarry.list_dir(here))) do
    if name:match("^test_.*%.lua$") then files[#files + 1] = here .. "/" .. name end
  end
end

local passed, failed = 0, 0
for _, file in ipairs(files) do
  local chunk, message = loadfile(file)
  local ok, tests = false, message
  if chunk then ok, tests = xpcall(chunk, debug.traceback) end
  if not ok or type(tests) ~= "table" then
    failed = failed + 1
    print("FAIL " .. file .. ": " .. tostring(tests))
  else
    local names = {}
    for name in pairs(tests) do names[#names + 1] = name end
    table.sort(names)
    for _, name in ipairs(names) do
      local good, err = xpcall(tests[name], debug.traceback)
      if good then passed = passed + 1 else
        failed = failed + 1
        print("FAIL " .. file .. " " .. name .. ": " .. tostring(err))
      end
    end
  end
end
print(string.format("lua: %d passed, %d failed", passed, failed))
if failed > 0 then os.exit(1) end
