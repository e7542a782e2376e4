-- A simple rule for the engine benchmark (tests/bench/extract.sh).
local lpeg = require "lpeg"
local text = require "lib.text"
return {
  name = "bench_percent",
  type = "percent",
  pattern = #lpeg.R"09" * text.word_start * lpeg.R"09"^1 * lpeg.P"%",
}
