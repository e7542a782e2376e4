-- to_jsonl.lua: writes text files as JSON Lines documents ({"id", "text"})
-- on standard output, for the scale-out tests: quarry --db SCRATCH run
-- tests/scale/to_jsonl.lua FILE...
-- The id is the file's base name, as ingest names a text file.
local quarry = require "quarry"
for _, path in ipairs(arg) do
  local file = assert(io.open(path, "rb"))
  local text = file:read("a")
  file:close()
  io.stdout:write(quarry.json.encode({ id = path:match("([^/]*)$"), text = text }), "\n")
end
