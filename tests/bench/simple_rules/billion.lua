-- A simple rule for the engine benchmark (tests/bench/extract.sh).
local lpeg = require "lpeg"
local text = require "lib.text"
return {
  name = "bench_billion",
  type = "scale",
  pattern = text.any_word({"billion", "million", "trillion"}, true),
}
