-- A simple rule for the engine benchmark (tests/bench/extract.sh).
local lpeg = require "lpeg"
local text = require "lib.text"
return {
  name = "bench_year",
  type = "year",
  pattern = #lpeg.R"12" * text.word_start * lpeg.S"12" * lpeg.S"09" * lpeg.R"09" * lpeg.R"09" * text.word_end,
}
