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
-- The white space between two words of one expression: spaces, or one
-- line break (wrapped text: "15 mln\ndlrs") but never a blank line.
text.line_break = text.newline * -(text.space ^ 0 * text.newline)
text.gap = text.space ^ 1 * (text.line_break * text.space ^ 0) ^ -1 + text.line_break * text.space ^ 0

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

-- A set of the words of a list: {word = true}.
function text.set(list)
  local s = {}
  for _, w in ipairs(list) do s[w] = true end
  return s
end

-- The keys of a table, sorted: for going over a table in the same order
-- on every run (pairs' order changes from run to run).
function text.sorted_keys(map)
  local keys = {}
  for key in pairs(map) do keys[#keys + 1] = key end
  table.sort(keys)
  return keys
end

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

text.LONG_LIST = 200 -- words: a trie of more is a grammar (see text.trie)
local LONG_LIST = text.LONG_LIST

-- The body of a trie of the list: one test per byte however long the list
-- (an ordered choice of literals tries them one by one), longest match
-- first, each phrase followed by `ending`; a space in a phrase matches
-- `space`. With case_insensitive, ASCII letters match in either case. In a
-- long list the space and the ending, written out at every space and every
-- word's end, would be thousands of copies: they are rules of the trie's
-- grammar then, called by name (a short list, maybe tried at every word,
-- is spared the grammar's call).
function text.trie_body(list, case_insensitive, ending, space)
  local gap, word_ending = space, ending
  if #list >= LONG_LIST then gap, word_ending = lpeg.V"gap", lpeg.V"ending" end
  local root = {}
  for _, phrase in ipairs(list) do
    local node = root
    for ch in phrase:gmatch(".") do
      if case_insensitive then ch = ch:lower() end
      node[ch] = node[ch] or {}
      node = node[ch]
    end
    node[""] = true -- a phrase ends here
  end
  local function build(node)
    local keys = {}
    for ch in pairs(node) do if ch ~= "" then keys[#keys + 1] = ch end end
    table.sort(keys)
    local p = P(false)
    for _, ch in ipairs(keys) do
      local head
      if ch == " " then head = gap
      elseif case_insensitive and ch:lower() ~= ch:upper() then head = S(ch:lower() .. ch:upper())
      else head = P(ch) end
      p = p + head * build(node[ch])
    end
    if node[""] then p = p + word_ending end
    return p
  end
  if gap == space then return build(root) end
  return P { "trie", trie = build(root), gap = space, ending = ending }
end

-- Any of many words or phrases as a trie, starting a word: longest match
-- first, ending a word (or where `ending` matches, when given); a space in
-- a phrase matches text.gap (spaces, or one line break).
function text.trie(list, case_insensitive, ending)
  return text.starts_with(list, case_insensitive) * text.word_start
         * text.trie_body(list, case_insensitive, ending or text.word_end, text.gap)
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

-- Neighbouring words, for match-time checks (lpeg.Cmt) that look at the
-- context of a match: a word is a run of letters (ASCII or UTF-8), digits,
-- and the apostrophes, dots and hyphens inside it ("China’s", "U.S.",
-- "mid-2015"). Only white space with at most one line break may stand
-- between the word and the position; anything else (punctuation, a blank
-- line) means there is no neighbouring word, and what stands there is
-- returned instead.
-- A match-time check (lpeg.Cmt) in a rule must return a position only,
-- never captures: the engine's scanner tries every rule inside an
-- and-predicate, and LPeg 1.0.2 aborts the whole process on a match-time
-- capture that returns values there. Capture the text plainly and work
-- out the value in the rule's value function.

local inner = P"'" + P"\226\128\153" + S".-" -- ' ’ . -
local word_piece = text.alnum + text.utf8_letter
local word_run = word_piece ^ 1 * (inner ^ 1 * word_piece ^ 1) ^ 0 * P"." ^ -1

-- The next word after position pos (1-based): the word, or nil and the
-- bytes there (up to 3) when no word follows; the position after the word
-- and the word's start.
local next_word = text.gap ^ -1 * lpeg.Cp() * (lpeg.C(word_run) * lpeg.Cp()) ^ -1
function text.word_after(subject, pos)
  local start, word, after = next_word:match(subject, pos)
  if word then return word, after, start end
  return nil, subject:sub(start, start + 2)
end

-- The word that ends before position pos (1-based, the first byte not in
-- it), or nil and the bytes just before pos (up to 3, spaces skipped) when
-- there is none; the word's start position.
function text.word_before(subject, pos)
  local stop, breaks = pos, 0
  while true do -- skip spaces back, and one line break
    local last = subject:byte(stop - 1)
    if last == 32 or last == 9 then stop = stop - 1
    elseif last == 160 and subject:byte(stop - 2) == 194 then stop = stop - 2
    elseif (last == 137 or last == 175) and subject:byte(stop - 2) == 128
           and subject:byte(stop - 3) == 226 then stop = stop - 3
    elseif (last == 10 or last == 13) and breaks == 0 then
      stop = stop - ((last == 10 and subject:byte(stop - 2) == 13) and 2 or 1)
      breaks = 1
    elseif last == 10 or last == 13 then -- a blank line: no word before
      return nil, "\n"
    else break end
  end
  local from = stop
  while from > 1 do -- letters, digits, UTF-8 letters, inner marks (' ’ . -)
    local b = subject:byte(from - 1)
    if (b >= 48 and b <= 57) or (b >= 65 and b <= 90) or (b >= 97 and b <= 122)
       or b == 39 or b == 46 or b == 45 then
      from = from - 1
    elseif b >= 128 and b < 192 then -- the end of a UTF-8 character: which one?
      local lead = from - 2
      while lead > 1 and lead > from - 4 and subject:byte(lead) >= 128 and subject:byte(lead) < 192 do
        lead = lead - 1
      end
      local first = subject:byte(lead)
      if (first >= 195 and first <= 212 and lead == from - 2)
         or subject:sub(lead, from - 1) == "\226\128\153" then
        from = lead
      else break end
    else break end
  end
  -- a word starts with a letter or digit: drop leading marks
  while from < stop and not word_piece:match(subject, from) do
    from = from + (subject:sub(from, from + 2) == "\226\128\153" and 3 or 1)
  end
  if from >= stop then return nil, subject:sub(math.max(1, stop - 3), stop - 1) end
  return subject:sub(from, stop - 1), from
end

-- Whether a word is capitalized (starts with an upper-case ASCII letter).
function text.capitalized(word)
  local b = word and word:byte(1)
  return b ~= nil and b >= 65 and b <= 90
end

return text
