-- lib/context.lua: the words around a match, for value functions that
-- decide by context ("in Beijing" against "Beijing said"). The text near
-- the span is cut into tokens: words, single punctuation marks and line
-- breaks; curly quotes and apostrophes, dashes and non-breaking or thin
-- spaces are read as their ASCII forms first, so a rule compares with
-- "'" and "-" only.

local context = {}

local sub, find, byte, lower = string.sub, string.find, string.byte, string.lower

-- How many bytes on each side are looked at.
context.width = 160

local plain = {
  ["\226\128\152"] = "'", ["\226\128\153"] = "'",   -- ‘ ’
  ["\226\128\156"] = '"', ["\226\128\157"] = '"',   -- “ ”
  ["\194\171"] = '"', ["\194\187"] = '"',           -- « »
  ["\226\128\147"] = "-", ["\226\128\148"] = "-",   -- – —
  ["\226\128\146"] = "-", ["\226\136\146"] = "-",   -- ‒ −
  ["\194\160"] = " ", ["\226\128\137"] = " ", ["\226\128\175"] = " ",
}

local function simplify(s)
  return (s:gsub("[\194\226][\128-\191][\128-\191]?", function(seq)
    return plain[seq] or (plain[sub(seq, 1, 2)] and plain[sub(seq, 1, 2)] .. sub(seq, 3)) or seq
  end))
end

-- The length of the word character at i (0 if there is none): an ASCII
-- letter or digit, or a two-byte UTF-8 letter (Latin, Greek, Cyrillic) or
-- a three-byte one outside general punctuation and symbols (U+2000-2BFF).
local function word_char(s, i)
  local c = byte(s, i)
  if not c then return 0 end
  if (c >= 48 and c <= 57) or (c >= 65 and c <= 90) or (c >= 97 and c <= 122) then return 1 end
  if c >= 0xC3 and c <= 0xDF then
    local d = byte(s, i + 1)
    return (d and d >= 0x80 and d <= 0xBF) and 2 or 0
  end
  if c >= 0xE3 and c <= 0xEF then return 3 end
  return 0
end

-- Tokens of s in reading order: {text =, kind = "word"|"punct"|"newline",
-- space = blank space comes before it, newline = a single line break comes
-- before it}. A single line break is read as space (text wrapped in lines
-- runs on: "Federation of\nAmerica"); a blank line is a "newline" token.
local function tokens(s)
  local list, i, n, space, newline = {}, 1, #s, false, false
  while i <= n do
    local c = sub(s, i, i)
    if c == " " or c == "\t" then
      space, i = true, i + 1
    elseif c == "\n" or c == "\r" then
      local j = (c == "\r" and sub(s, i + 1, i + 1) == "\n") and i + 2 or i + 1
      local blank = find(s, "^[ \t]*[\r\n]", j)
      if blank then
        j = find(s, "[^ \t\r\n]", j) or n + 1
        list[#list + 1] = { text = "\n", kind = "newline", space = space }
        space, newline = false, false
      else
        space, newline = true, true
      end
      i = j
    else
      local j = i
      local w = word_char(s, j)
      while w > 0 do j = j + w; w = word_char(s, j) end
      local kind = "word"
      if j == i then
        local b = byte(c)
        j = i + (b >= 0xF0 and 4 or b >= 0xE0 and 3 or b >= 0xC0 and 2 or 1)
        kind = "punct"
      end
      list[#list + 1] = { text = sub(s, i, j - 1), kind = kind, space = space, newline = newline }
      space, newline, i = false, false, j
    end
  end
  return list
end

-- The context of the span [start, stop) (0-based, end exclusive) of
-- subject: {before = tokens nearest first, after = tokens in order,
-- space_before = blank space right before the span, at_start = only blank
-- space between the start of its line (or of the text) and the span}.
function context.around(subject, start, stop)
  local from = start - context.width + 1
  local before_text = simplify(sub(subject, from > 1 and from or 1, start))
  local list = tokens(before_text)
  local before = {}
  for k = #list, 1, -1 do before[#before + 1] = list[k] end
  local after = tokens(simplify(sub(subject, stop + 1, stop + context.width)))
  return {
    before = before,
    after = after,
    space_before = find(before_text, "%s$") ~= nil,
    at_start = find(before_text, "\n[ \t]*$") ~= nil
      or (from <= 1 and find(before_text, "^[ \t]*$") ~= nil),
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
