-- A simple rule for the engine benchmark (tests/bench/extract.sh).
local lpeg = require "lpeg"
local text = require "lib.text"
return {
  name = "bench_fiveg",
  type = "tech",
  pattern = text.word("5G"),
}
