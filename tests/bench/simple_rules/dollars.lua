-- A simple rule for the engine benchmark (tests/bench/extract.sh).
local lpeg = require "lpeg"
local text = require "lib.text"
return {
  name = "bench_dollars",
  type = "money",
  pattern = lpeg.P"$" * lpeg.R"09"^1,
}
