-- lib/context.lua: the words around a match, for value functions that
-- decide by context ("in Beijing" against "Beijing said"). Read from the
-- document's text model (scripts/quarry/textmodel.lua, core/textmodel.c),
-- made once per document: nothing is tokenised again here. Curly quotes
-- and apostrophes, dashes and non-breaking or thin spaces are read as
-- their ASCII kin, so a rule compares with "'" and "-" only.
--
--   local context = require "lib.context"
--   context.before(m, 2):has("in", "at")   -- one of the two tokens before
--   context.after(m, 1):key(1)             -- the next word, lower case
--   context.sentence(m)                    -- start, end of its sentence
--
-- m is what a value function gets (subject, start, end). A token is a
-- word, a number, one punctuation mark or a blank line; a single line
-- break is no token (the token after it says `newline`).
--
-- context.around(subject, start, stop) gives the same tokens as tables,
-- {text, kind = "word"|"punct"|"newline", space, newline}, for rules that
-- walk them by hand (country.lua).

local textmodel = require "quarry.textmodel"

local context = {}

local find, lower = string.find, string.lower

-- How many bytes on each side around() looks at.
context.width = 160

-- Words ----------------------------------------------------------------------

-- A few tokens next to a match, nearest first: {model, i1, i2, ...} with
-- methods. Made by context.before and context.after.
local Words = {}
Words.__index = Words

-- The model of the match's text.
function context.model(m)
  return textmodel.of(m.subject)
end

-- The n tokens before the match, nearest first.
function context.before(m, n)
  local model = textmodel.of(m.subject)
  return setmetatable({ model = model, model:before(m.start, n or 1) }, Words)
end

-- The n tokens after the match, in order.
function context.after(m, n)
  local model = textmodel.of(m.subject)
  return setmetatable({ model = model, model:after(m["end"], n or 1) }, Words)
end

-- The text of token k (punctuation as its ASCII kin), or nil.
function Words:text(k)
  local i = self[k]
  return i and self.model:text(i)
end

-- Token k in lower case when it is a word or number, else nil.
function Words:key(k)
  local i = self[k]
  return i and self.model:key(i) or nil
end

-- Whether token k is what ("word", "capitalised", "space", ... as the
-- model's is()); false when there is no token k.
function Words:is(k, what)
  local i = self[k]
  return i ~= nil and self.model:is(i, what)
end

-- Whether one of the tokens is one of the given words (any case) or marks.
function Words:has(...)
  local model = self.model
  for k = 1, #self do
    local i = self[k]
    local key = model:key(i) or model:text(i)
    for a = 1, select("#", ...) do
      if key == select(a, ...) then return true end
    end
  end
  return false
end

-- The sentence holding the match: start, end (0-based, end exclusive).
function context.sentence(m)
  local start, stop = textmodel.of(m.subject):sentence(m.start)
  return start, stop
end

-- Tokens as tables (around) ---------------------------------------------------

local KIND = { word = "word", number = "word", punct = "punct", blank = "newline" }

local function token_table(model, i)
  return {
    text = model:text(i),
    kind = KIND[model:kind(i)],
    space = model:is(i, "space"),
    newline = model:is(i, "newline"),
  }
end

-- A list of tokens made on first use: list[k] is token first + step * (k
-- - 1), while it lies within [low, high) of the text.
local function lazy_tokens(model, first, step, low, high)
  local count = model:count("tokens")
  return setmetatable({}, { __index = function(list, k)
    if math.type(k) ~= "integer" or k < 1 then return nil end
    local i = first + step * (k - 1)
    if i < 1 or i > count then return nil end
    local start, stop = model:span(i)
    if start < low or stop > high then return nil end
    local token = token_table(model, i)
    rawset(list, k, token)
    return token
  end })
end

-- The context of the span [start, stop) (0-based, end exclusive) of
-- subject: {before = tokens nearest first, after = tokens in order,
-- space_before = blank space right before the span, at_start = only blank
-- space between the start of its line (or of the text) and the span}, the
-- tokens within context.width bytes of the span.
function context.around(subject, start, stop)
  local model = textmodel.of(subject)
  local first = model:from(start) -- the span's first token
  local previous = (first or model:count("tokens") + 1) - 1
  local at_span = first and model:span(first) == start
  local previous_blank = previous >= 1 and model:is(previous, "blank")
  return {
    before = lazy_tokens(model, previous, -1, start - context.width, start),
    after = lazy_tokens(model, model:from(stop) or model:count("tokens") + 1, 1, stop,
                        stop + context.width),
    space_before = previous_blank or (at_span and model:is(first, "space")) or false,
    at_start = previous < 1 or previous_blank or (at_span and model:is(first, "newline")) or false,
  }
end

-- Whether a token is a word starting with an ASCII capital.
function context.capitalised(token)
  return token ~= nil and token.kind == "word" and find(token.text, "^[A-Z]") ~= nil
end

-- Whether a token is a word starting with a lower-case ASCII letter.
function context.lower(token)
  return token ~= nil and token.kind == "word" and find(token.text, "^[a-z]") ~= nil
end

-- Whether a word is all capitals (two letters or more).
function context.all_caps(token)
  return token ~= nil and token.kind == "word" and find(token.text, "^[A-Z][A-Z]+$") ~= nil
end

-- Whether before[k] begins a sentence, a paragraph or a bracketed or
-- quoted part: what comes before it is no word, comma or hyphen.
function context.starts_sentence(ctx, k)
  local previous = ctx.before[k + 1]
  if previous == nil then return true end
  if previous.kind == "newline" then return true end
  if previous.kind == "word" then return false end
  return previous.text ~= "," and previous.text ~= "-" and previous.text ~= "&"
end

-- A word in lower case, for looking up in word lists.
function context.key(token)
  return token and token.kind == "word" and lower(token.text) or nil
end

return context
