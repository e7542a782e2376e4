-- A simple rule for the engine benchmark (tests/bench/extract.sh).
local lpeg = require "lpeg"
local text = require "lib.text"
return {
  name = "bench_usa",
  type = "country",
  pattern = text.any_word({"United States", "US", "U.S."}),
}
