-- A simple rule for the engine benchmark (tests/bench/extract.sh).
local lpeg = require "lpeg"
local text = require "lib.text"
return {
  name = "bench_ai",
  type = "tech",
  pattern = text.any_word({"artificial intelligence", "AI"}),
}
