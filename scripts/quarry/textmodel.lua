-- quarry.textmodel: the text model of a document, made once and shared.
--
--   local textmodel = require "quarry.textmodel"
--   local m = textmodel.of(doc.text)     -- the same model for the same text
--   for k, start, stop in m:sentences() do ... end
--
-- The model itself is C (core/textmodel.c, methods listed in
-- core/lua_textmodel.c and the README): tokens with offsets and classes,
-- sentences, paragraphs and lines. This module gives it the abbreviation
-- list of data/abbreviations.txt and keeps the model of the last text
-- asked for, so that every rule, report and REPL call on one document
-- reads it once.

local quarry = require "quarry"
local deps = require "quarry.deps"
local wordlist = require "quarry.wordlist"

local textmodel = {}

local ABBREVIATIONS = quarry.home .. "/data/abbreviations.txt"
deps.data_file(..., ABBREVIATIONS) -- rules that split sentences depend on it

local abbreviations -- read on first use

-- The abbreviation set from data/abbreviations.txt (words, one a line, `#`
-- comments). Raises with the file's name when it cannot be read.
function textmodel.abbreviations()
  if not abbreviations then
    abbreviations = quarry.text.abbreviations(wordlist.read(ABBREVIATIONS))
  end
  return abbreviations
end

-- A new model of text.
function textmodel.new(text)
  return quarry.text.model(text, textmodel.abbreviations())
end

local last_text, last_model

-- The model of text: the one made last when text is the same string.
function textmodel.of(text)
  if text ~= last_text or not last_model then
    last_model = textmodel.new(text)
    last_text = text
  end
  return last_model
end

return textmodel
