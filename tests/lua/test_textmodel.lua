-- test_textmodel.lua: the text model from Lua (quarry.text,
-- quarry.textmodel) and lib/context.lua's words around a match.
local quarry = require "quarry"
local textmodel = require "quarry.textmodel"
local context = require "lib.context"
local check = require "check"

local T = {}

local TEXT = "Dr. Lee met Mr. Wang in Beijing on Monday. “It works,” he said.\n\n"
  .. "Russia’s AI plan\u{a0}— a second paragraph"

function T.tokens()
  local m = textmodel.new(TEXT)
  local first = m:from(0)
  check.equal({ m:span(first) }, { 0, 2 }, "span of Dr")
  check.equal(m:kind(first), "word")
  check.equal(m:is(first, "capitalised"), true)
  local apostrophe = m:at(TEXT:find("’", 1, true) - 1)
  check.equal(m:text(apostrophe), "'", "’ read as '")
  check.equal(m:key(apostrophe), nil, "punctuation has no key")
  local dash = m:at(TEXT:find("—", 1, true) - 1)
  check.equal(m:text(dash), "-", "em dash read as -")
  check.equal(m:is(dash, "space"), true, "a no-break space is space")
  check.equal(m:key(m:at(TEXT:find("Beijing", 1, true) - 1)), "beijing")
  local blank = m:at(TEXT:find("\n\n", 1, true) - 1)
  check.equal(m:kind(blank), "blank")
  check.err("no such token", m.span, m, 0)
  local beijing = TEXT:find("Beijing", 1, true) - 1
  check.equal({ m:text((m:before(beijing))), m:text((m:after(beijing + 7))) }, { "in", "on" })
  local b1, b2, b3 = m:before(beijing, 3)
  check.equal({ m:text(b1), m:text(b2), m:text(b3) }, { "in", "Wang", "." })
  check.equal(select("#", m:after(#TEXT, 2)), 0)
  check.equal(m:words(0, 16), { "Dr", "Lee", "met", "Mr" })
  check.err("0%-based", m.at, m, -1)
end

function T.sentences_and_paragraphs()
  local m = textmodel.new(TEXT)
  local got = {}
  for _, start, stop in m:sentences() do got[#got + 1] = TEXT:sub(start + 1, stop) end
  check.equal(got, { "Dr. Lee met Mr. Wang in Beijing on Monday.", "“It works,” he said.",
                     "Russia’s AI plan\u{a0}— a second paragraph" })
  check.equal(m:count("paragraphs"), 2)
  local start, stop, k = m:sentence(TEXT:find("works", 1, true))
  check.equal({ TEXT:sub(start + 1, stop), k }, { "“It works,” he said.", 2 })
  check.equal(m:count("lines"), 2)
  check.equal(m:wrap_width(), 0)
end

function T.one_model_per_text()
  local a = textmodel.of(TEXT)
  check.equal(textmodel.of(TEXT) == a, true, "the same text gives the same model")
  check.equal(textmodel.of(TEXT .. " ") ~= a, true)
end

function T.boilerplate_spans()
  local m = textmodel.new(TEXT)
  m:set_boilerplate({ { 10, 20 }, { start = 40, ["end"] = 45 } })
  check.equal({ m:in_boilerplate(9), m:in_boilerplate(10), m:in_boilerplate(44), m:in_boilerplate(45) },
              { false, true, true, false })
  check.err("start, end", m.set_boilerplate, m, { { "a" } })
end

function T.closed_model_raises()
  local m = textmodel.new("a b")
  m:close()
  m:close() -- idempotent
  check.err("closed text model", m.span, m, 1)
  check.equal(tostring(m), "text model (closed)")
end

function T.abbreviations()
  local set = quarry.text.abbreviations { "Dr", "e.g" }
  check.equal({ set:has("DR"), set:has("e.g"), set:has("etc") }, { true, true, false })
  check.equal(textmodel.abbreviations():has("Prof"), true, "data/abbreviations.txt")
  check.err("not a string", quarry.text.abbreviations, { 1 })
end

function T.context_words()
  local at = TEXT:find("Beijing", 1, true) - 1
  local m = { subject = TEXT, start = at, ["end"] = at + #"Beijing" }
  check.equal(context.before(m, 2):has("in", "at"), true)
  check.equal(context.before(m, 1):text(1), "in")
  check.equal(context.after(m, 2):key(2), "monday")
  check.equal(context.after(m, 2):is(2, "capitalised"), true)
  check.equal(context.before({ subject = TEXT, start = 0, ["end"] = 2 }, 3)[1], nil)
  local start, stop = context.sentence(m)
  check.equal(TEXT:sub(start + 1, stop), "Dr. Lee met Mr. Wang in Beijing on Monday.")
end

function T.context_around()
  local at = TEXT:find("Russia", 1, true) - 1
  local ctx = context.around(TEXT, at, at + 6)
  check.equal(ctx.at_start, true, "after a blank line")
  check.equal(ctx.space_before, true)
  check.equal(ctx.before[1].kind, "newline")
  check.equal({ ctx.after[1].text, ctx.after[1].space, ctx.after[2].text }, { "'", false, "s" })
  local word = TEXT:find("Wang", 1, true) - 1
  ctx = context.around(TEXT, word, word + 4)
  check.equal({ ctx.before[1].text, ctx.before[2].text, ctx.at_start }, { ".", "Mr", false })
end

return T
