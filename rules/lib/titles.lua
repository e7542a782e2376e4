-- lib/titles.lua: which of a plain-text article's first lines is its
-- headline. `quarry ingest` (and quarry.jsonl_document) ask titles.guess
-- for a text or JSON Lines document that came without a title; an analyst
-- who tunes the guess edits this file.

local dates = require "lib.dates"

local titles = {}

local FIRST_LINES = 30 -- how many non-empty lines at the top are looked at

local byte, find, sub = string.byte, string.find, string.sub

-- The length of the white space that starts at i (ASCII white space,
-- no-break space, byte-order mark, thin and narrow no-break spaces), or 0.
local function space_at(line, i)
  local b = byte(line, i)
  if b == 32 or (b and b >= 9 and b <= 13) then return 1 end
  if b == 0xC2 then return byte(line, i + 1) == 0xA0 and 2 or 0 end
  if b == 0xEF then return (byte(line, i + 1) == 0xBB and byte(line, i + 2) == 0xBF) and 3 or 0 end
  if b == 0xE2 and byte(line, i + 1) == 0x80 then
    local c = byte(line, i + 2)
    return (c == 0x89 or c == 0xAF) and 3 or 0
  end
  return 0
end

-- The line without white space at its ends.
local function trim(line)
  local first, last = 1, #line
  while first <= last do
    local n = space_at(line, first)
    if n == 0 then break end
    first = first + n
  end
  while last >= first do
    local b = byte(line, last)
    -- the last character: one byte, or the two or three of a wide space
    local n = (b < 0x80 and 1) or (b == 0xA0 and 2) or ((b == 0xBF or b == 0x89 or b == 0xAF) and 3) or 0
    if n == 0 or last - n + 1 < first or space_at(line, last - n + 1) ~= n then break end
    last = last - n
  end
  return sub(line, first, last)
end

local function count_words(line)
  return select(2, line:gsub("%S+", "")) -- %s: C's isspace, as the C guess counted
end

-- A bullet point ("* ", "- ", "• "): a summary line, never the headline.
local function is_bullet(line)
  return line:find("^[*-] ") ~= nil or line:sub(1, 4) == "\226\128\162 "
end

-- Site navigation lists sections between separators: "News | Policy |
-- Events", "Home › Business › Chips", "Home / Tech / Headline".
local SEPARATORS = { " | ", " / ", " > ", " › ", " » ", " · ", " • " }

local function is_navigation(line)
  -- every separator is a mark between spaces: most lines have none
  if not find(line, " [|/>\194\226][ \128\183\187]") then return false end
  local count = 0
  for _, sep in ipairs(SEPARATORS) do
    local at = line:find(sep, 1, true)
    while at do
      count = count + 1
      at = line:find(sep, at + 1, true)
    end
  end
  return count >= 2 or (count == 1 and #line > 4 and line:sub(1, 4):lower() == "home")
end

-- Lines that belong to the page around the article, by how they begin
-- (any letter case), filed by their first byte: most lines need no search.
local FURNITURE = {}
for _, start in ipairs({ "by ", "posted ", "written ", "edited ", "share", "follow ", "listen ",
                         "subscribe", "sign ", "log in", "print", "read more", "related",
                         "advertisement", "updated", "published", "leave a ", "copyright", "©" }) do
  local first = byte(start, 1)
  FURNITURE[first] = FURNITURE[first] or {}
  table.insert(FURNITURE[first], start)
end

local function is_furniture(line)
  local b = byte(line, 1)
  local starts = FURNITURE[b] or (b and b >= 65 and b <= 90 and FURNITURE[b + 32])
  if not starts then return false end
  local head = sub(line, 1, 13):lower() -- the longest start is 13 bytes
  for _, start in ipairs(starts) do
    if find(head, start, 1, true) == 1 then return true end
  end
  return false
end

-- Whether line a ends with line b and is longer: a breadcrumb that repeats
-- the headline ("Home Tech Headline" above "Headline").
local function ends_with(a, b)
  return #b > 10 and #b < #a and find(a, b, #a - #b + 1, true) ~= nil
end

-- The first non-empty lines of text, without white space at their ends.
local function first_lines(text)
  local lines, pos = {}, 1
  while pos <= #text and #lines < FIRST_LINES do
    local newline = text:find("\n", pos, true) or #text + 1
    local line = trim(text:sub(pos, newline - 1))
    if line ~= "" then lines[#lines + 1] = line end
    pos = newline + 1
  end
  return lines
end

-- The headline of a plain-text article, or nil: among the first lines, the
-- headline-like ones (four words or more, or two when a breadcrumb above
-- repeats them; at most 30 words and 300 bytes; not a date line,
-- navigation, a byline or other furniture, a bullet, or a breadcrumb that
-- ends with a line below) are scored: repeated by a breadcrumb above (+4
-- each), right under a date line or navigation (+2), followed within
-- eight lines by a paragraph of 20 words or more (+1). The best wins; ties
-- go to the first.
function titles.guess(text)
  local lines = first_lines(text)
  local words, date_line = {}, {}
  for i, line in ipairs(lines) do words[i] = count_words(line) end
  local function is_date(i)
    if date_line[i] == nil then date_line[i] = dates.is_date_line(lines[i]) end
    return date_line[i]
  end
  local best, best_score = nil, -1
  for i, line in ipairs(lines) do
    local repeated = 0
    for k = 1, i - 1 do
      if ends_with(lines[k], line) then repeated = repeated + 4 end
    end
    local candidate = words[i] >= (repeated > 0 and 2 or 4) and words[i] <= 30 and #line <= 300
      and not is_date(i) and not is_navigation(line) and not is_furniture(line)
      and not is_bullet(line)
    for k = i + 1, math.min(#lines, i + 5) do
      if candidate and ends_with(line, lines[k]) then candidate = false end
    end
    if candidate then
      local score = repeated
      if i > 1 and (is_date(i - 1) or is_navigation(lines[i - 1])) then score = score + 2 end
      for k = i + 1, math.min(#lines, i + 8) do
        if words[k] >= 20 then score = score + 1; break end
      end
      if score > best_score then best, best_score = line, score end
    end
  end
  return best
end

return titles
