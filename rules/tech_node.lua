-- tech_node.lua: chips named by their process node: "4nm processors",
-- "7-nanometre chips", "a 28 nm process", "3nm technology". The number
-- varies, so this is a pattern rather than gazetteer lines; a node size
-- counts only before a word of chipmaking ("200 nm" alone may be nautical
-- miles). Value: {field = "semiconductors"}.

local lpeg = require "lpeg"
local text = require "lib.text"
local P, R = lpeg.P, lpeg.R

local digits = R"09" ^ 1
local size = text.word_start * digits * (P"." * digits) ^ -1
-- the unit may be glued to the number ("4nm"), so no word start before it
local unit = P(false)
for _, u in ipairs({ "nanometres", "nanometers", "nanometre", "nanometer", "nm" }) do
  unit = unit + text.ci(u)
end
unit = unit * text.word_end
local joiner = P"-" + text.space
local head = text.any_word({ "processor", "processors", "chip", "chips", "process", "processes",
                             "node", "nodes", "technology", "semiconductor", "semiconductors",
                             "wafer", "wafers", "chipmaking", "chip-making", "lithography",
                             "manufacturing", "production", "fabrication", "logic" }, true)

return {
  name = "tech_node",
  type = "tech",
  description = "chips by process node (4nm processors, 7-nanometre chips)",
  pattern = #R"09" * size * joiner ^ -1 * unit * joiner * head,
  value = function() return { field = "semiconductors" } end,
  examples = {
    { "the production of 4nm processors", "4nm processors", { field = "semiconductors" } },
    { "its 7-nanometre chips", "7-nanometre chips", { field = "semiconductors" } },
    { "a 28 nm process", "28 nm process", { field = "semiconductors" } },
  },
  counterexamples = {
    "a zone of 200 nm off the coast",
    "light at 550 nm wavelength",
  },
}
