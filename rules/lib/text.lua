-- lib/text.lua: the characters news text is made of, for rules to build on.
-- Curly quotes, dashes and non-breaking or thin spaces are matched here,
-- never edited out of the text.

local lpeg = require "lpeg"
local P, R, S, B = lpeg.P, lpeg.R, lpeg.S, lpeg.B

local text = {}

text.nbsp = P"\194\160"                                  -- U+00A0
text.thin_space = P"\226\128\137" + P"\226\128\175"      -- U+2009, U+202F
text.space = S" \t" + text.nbsp + text.thin_space        -- within a line
text.spaces = text.space ^ 1
text.newline = P"\r\n" + S"\r\n"
text.white = text.space + text.newline

text.hyphen = P"-"
text.en_dash = P"\226\128\147"                           -- –
text.em_dash = P"\226\128\148"                           -- —
text.dash = text.hyphen + text.en_dash + text.em_dash + P"\226\128\146" + P"\226\136\146"

text.apostrophe = P"'" + P"\226\128\153"                 -- ' ’
text.open_double = P'"' + P"\226\128\156" + P"\194\171"  -- " “ «
text.close_double = P'"' + P"\226\128\157" + P"\194\187" -- " ” »
text.open_single = P"'" + P"\226\128\152"                -- ' ‘
text.close_single = P"'" + P"\226\128\153"               -- ' ’

text.digit = R"09"
text.upper = R"AZ"
text.lower = R"az"
text.letter = R("az", "AZ")
text.alnum = R("az", "AZ", "09")
-- a UTF-8 letter beyond ASCII: Latin-1 Supplement and Extended letters,
-- Greek, Cyrillic (two-byte sequences C3..D4 with a continuation byte)
text.utf8_letter = R"\195\212" * R"\128\191"
text.word_char = text.alnum + text.utf8_letter

-- Word boundaries: nothing of the word before / after this point.
text.word_start = -B(text.alnum) -- lpeg.B looks one byte back
text.word_end = -(text.alnum + text.utf8_letter)

-- The bytes a literal can start with (both cases when case-insensitive).
local function first_bytes(literals, case_insensitive)
  local set = {}
  for _, literal in ipairs(literals) do
    local ch = literal:sub(1, 1)
    set[ch] = true
    if case_insensitive then set[ch:lower()], set[ch:upper()] = true, true end
  end
  local chars = {}
  for ch in pairs(set) do chars[#chars + 1] = ch end
  return S(table.concat(chars))
end

-- A look at the next byte, so a pattern that starts with a look-behind
-- (word_start) still tells LPeg which bytes it can start with: LPeg then
-- skips the other places at once instead of trying the whole pattern.
function text.starts_with(literals, case_insensitive)
  return #first_bytes(literals, case_insensitive)
end

-- A case-insensitive literal: ci"billion" matches Billion and BILLION.
function text.ci(literal)
  local p = P(true)
  for ch in literal:gmatch(".") do
    local lower, upper = ch:lower(), ch:upper()
    p = p * (lower == upper and P(ch) or S(lower .. upper))
  end
  return p
end

-- A whole word or phrase (case as given), not part of a longer word.
function text.word(literal)
  return #P(literal) * text.word_start * P(literal) * text.word_end
end

-- Any of several words (longest first, so "billion" does not lose to "bn").
function text.any_word(list, case_insensitive)
  local sorted = {}
  for i, w in ipairs(list) do sorted[i] = w end
  table.sort(sorted, function(a, b) return #a > #b end)
  local p = P(false)
  for _, w in ipairs(sorted) do p = p + (case_insensitive and text.ci(w) or P(w)) end
  return text.starts_with(sorted, case_insensitive) * text.word_start * p * text.word_end
end

-- The end of a sentence: . ! or ? (with closing quotes or brackets) then
-- white space or the end of the text.
text.sentence_end = S".!?" * (text.close_double + text.close_single + S")]") ^ 0
                    * (text.white + -1)

-- A position capture of the annotation's span, when it is narrower than
-- the whole match: span(p) marks p's extent as the span (see the README).
function text.span(p)
  return lpeg.Cg(lpeg.Cp(), "span_start") * p * lpeg.Cg(lpeg.Cp(), "span_end")
end

return text
