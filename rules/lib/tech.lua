-- lib/tech.lua: the checks behind the tech rules (rules/tech*.lua). The
-- taxonomy itself is data: data/gazetteers/tech.tsv, one surface form a
-- line with its field id. What is here decides, for one found mention,
-- whether it stands:
--
--   * a mention inside a longer proper name is not tech: the name is about a
--     body or an initiative, not the field (the gold's decision 55):
--     "Semiconductor Industry Association", "Global AI Governance
--     Initiative", "Ministry of Artificial Intelligence", "British
--     Aerospace";
--   * the entry's unless_prev / unless_next words rule it out as the word
--     just before or after ("blue chip", "potato chips", "satellite town");
--   * the entry's unless_sentence stems rule it out anywhere in the
--     sentence (the IMF's "surveillance" of exchange rates);
--   * an entry with needs = context counts only when another tech field is
--     found in the same sentence or the one before ("communications, AI and
--     the internet of things", not "in communications with the ministry"),
--     or one of its context_words ("surveillance" with "cameras").

local gazetteers = require "quarry.gazetteers"
local textmodel = require "quarry.textmodel"

local tech = {}

-- The gazetteer every tech rule reads; loading it here records it as a
-- dependency of the rule that requires this module.
tech.gazetteer = "tech"
tech.matcher, tech.entries = gazetteers.get(tech.gazetteer)

-- How far (bytes) to look around a mention for its sentence and name.
local REACH = 300

-- Words that end (or, with "of"/"for", begin) the name of an organisation,
-- law or fund: a field word in a run of capitalised words with one of
-- these is part of the name.
local NAME_HEADS = {}
for word in ([[Ministry Ministère Department Association Associations Corporation Corp Co
  Company Companies Group Inc Incorporated Ltd Limited LLC PLC Plc AG GmbH SA Holdings
  Industries Institute Institutes Institut Institution University College School Academy
  Agency Administration Authority Bureau Commission Committee Council Alliance Coalition
  Consortium Federation Union Society Foundation Fund Bank Banque Board Office Caisse
  Compagnie Societe Société Organization Organisation Center Centre Centers Centres Lab Labs
  Laboratory Laboratories Forces Force Command Corps Division Divisions Minister Ministers
  Secretary Journal Magazine Daily Times Post Press Museum Initiative Initiatives Act Law
  Declaration Agreement Treaty Convention Charter Award Awards Prize Plant]]):gmatch("%S+") do
  NAME_HEADS[word] = true
end

-- Words that end the name of an event, programme or product line; a
-- headline uses them as common words too ("China-Russia AI Cooperation
-- Deepens"), so they count only outside headlines.
local EVENT_HEADS = {}
for word in ([[Forum Conference Congress Expo Exhibition Fair Summit Show Week Festival
  Olympiad Challenge Dialogue Partnership Cooperation Strategy Plan Program Programme Project
  Index Park Zone Platform Network Station Service Services Systems Unit Review]]):gmatch("%S+") do
  EVENT_HEADS[word] = true
end

-- Small words that may stand inside a name between capitalised words.
local CONNECTORS = { ["of"] = true, ["and"] = true, ["for"] = true, ["&"] = true,
                     ["the"] = true, ["on"] = true, ["de"] = true, ["des"] = true, ["du"] = true,
                     ["et"] = true }
-- The ones that join a head before the field to it ("Ministry of ...").
local JOINERS = { ["of"] = true, ["for"] = true, ["de"] = true, ["des"] = true, ["du"] = true }

-- The text around a mention with its odd spaces, curly apostrophes and
-- quotes made plain, for word-level checks (offsets are not kept).
local function plain(s)
  return (s:gsub("\194\160", " "):gsub("\226\128[\137\175]", " ")
           :gsub("\226\128[\152\153]", "'"):gsub("\226\128[\156\157]", '"'))
end

local function left_of(m) return plain(m.subject:sub(math.max(1, m.start - REACH + 1), m.start)) end
local function right_of(m) return plain(m.subject:sub(m["end"] + 1, m["end"] + REACH)) end

-- Words next to a mention, nearest first, lower case, up to n of them:
-- only across spaces, hyphens and a line break (not a blank line), so
-- punctuation ends the list ("(chips" has no word before).
local function words_before(left, n)
  local list = {}
  local rest = left
  while #list < n do
    local stripped = rest:gsub("[ \t%-]*\r?\n?[ \t%-]*$", "", 1)
    local word = stripped:match("([%w']+)$")
    if not word then break end
    list[#list + 1] = word:lower()
    rest = stripped:sub(1, #stripped - #word)
  end
  return list
end

local function words_after(right, n)
  local list = {}
  local rest = right
  while #list < n do
    local stripped = rest:gsub("^[ \t%-]*\r?\n?[ \t%-]*", "", 1)
    local word = stripped:match("^([%w']+)")
    if not word then break end
    list[#list + 1] = word:lower()
    rest = stripped:sub(#word + 1)
  end
  return list
end

-- Whether one of a |-separated list of words or phrases is what stands
-- next to the mention (words: nearest first).
local function next_to(list, words, reversed)
  for item in list:gmatch("[^|]+") do
    local parts = {}
    for w in item:gmatch("%S+") do parts[#parts + 1] = w:lower() end
    local ok = #parts > 0
    for i = 1, #parts do
      local want = reversed and parts[#parts - i + 1] or parts[i]
      if words[i] ~= want then ok = false break end
    end
    if ok then return true end
  end
  return false
end

-- The sentence around a mention: byte positions (1-based, inclusive) of
-- its first and last characters, from the text model's sentences, no
-- further than REACH bytes from the mention.
function tech.sentence(m)
  local start, stop = textmodel.of(m.subject):sentence(m.start)
  if not start then start, stop = m.start, m["end"] end -- before the first sentence
  return math.max(start + 1, m.start - REACH + 1), math.min(math.max(stop, m["end"]), m["end"] + REACH)
end

-- Whether the line holding a mention is a headline in title case: a line
-- of its own (after a blank line or at the top), nearly all of its longer
-- words capitalised, no full stop at the end, the next line not going on
-- with the sentence. (Lines of hard-wrapped wire copy full of names are
-- not headlines.)
local function title_line(m)
  local s = m.subject
  -- the line's start, at most 300 bytes back: a longer line is no title
  local line_start = m.start
  while line_start > 0 and s:byte(line_start) ~= 10 do
    if m.start - line_start > 300 then return false end
    line_start = line_start - 1
  end
  line_start = line_start + 1
  -- a line of its own: after a blank line, the start of the text, or a
  -- line that is no sentence going on into it (a source line, a short
  -- heading or menu line)
  local previous = s:sub(math.max(1, line_start - 200), line_start - 1):match("([^\n]*)\n$")
  if line_start > 1 and not s:sub(math.max(1, line_start - 200), line_start - 1):match("\n[ \t\194\160]*\n$")
     and not s:sub(1, line_start - 1):match("^[ \t\194\160\n]*$")
     and not (previous and (previous:find("://", 1, true) or (#previous < 60 and not previous:find("[%l,]$")))) then
    return false
  end
  local line_end = s:find("\n", m["end"] + 1, true) or #s + 1
  if s:match("^[ \t]*%l", line_end + 1) then return false end -- the sentence goes on
  local line = s:sub(line_start, line_end - 1)
  local long, capital = 0, 0
  for word in line:gmatch("%a+") do
    if #word >= 4 then
      long = long + 1
      if word:match("^%u") then capital = capital + 1 end
    end
  end
  return long >= 3 and capital >= 0.8 * long and not line:match("[%.:;]%s*$")
end

-- A token of a name: a capitalised word, an acronym or a number-letter
-- mix ("5G"), not a possessive.
local function name_token(word)
  return word:match("^[%u%d]") ~= nil and not word:find("'", 1, true)
end

-- The run of name tokens and connectors on one side of a mention, nearest
-- first; trailing connectors dropped. A possessive ends the run: after the
-- mention it is the name's last word ("Fairchild Semiconductor Corp's"),
-- before it another name ("China's Beidou").
local function name_run(words, after)
  local run = {}
  for _, w in ipairs(words) do
    local bare = w:match("^(.-)'s?$")
    if bare then
      if after and name_token(bare) then run[#run + 1] = bare end
      break
    end
    if name_token(w) or CONNECTORS[w] then run[#run + 1] = w else break end
  end
  while #run > 0 and CONNECTORS[run[#run]] do run[#run] = nil end
  return run
end

-- Words next to a mention with their case kept, nearest first.
local function cased_words(text, n, before)
  local list, rest = {}, text
  while #list < n do
    local stripped, word
    if before then
      -- (a comma too: "Ministry of Digital Development, Communications")
      stripped = rest:gsub("[ \t%-,]*\r?\n?[ \t%-]*$", "", 1)
      word = stripped:match("([%w'&]+)$")
    else
      stripped = rest:gsub("^[ \t%-]*\r?\n?[ \t%-]*", "", 1)
      word = stripped:match("^([%w'&]+)")
    end
    if not word or word == "" then break end
    list[#list + 1] = word
    rest = before and stripped:sub(1, #stripped - #word) or stripped:sub(#word + 1)
  end
  return list
end

-- Per document: what has been worked out about words and acronyms (the
-- subject text is the key, so a new document starts afresh).
local doc_cache = { subject = nil }
local function cached(subject, key, compute)
  if doc_cache.subject ~= subject then doc_cache = { subject = subject } end
  local known = doc_cache[key]
  if known == nil then
    known = compute()
    doc_cache[key] = known
  end
  return known
end

-- Words after a capitalised field word that make it a company's name:
-- "Telecom said", "Aerospace shares rose".
local SAYING = {}
for word in ("said says announced reported posted shares stock spokesman spokeswoman "
             .. "chairman president unit subsidiary"):gmatch("%S+") do
  SAYING[word] = true
end

-- Whether a capitalised single word at [a, b] (1-based) stands as a name:
-- a possessive ("to buy Telecom's stake") or a verb of saying after it.
local function name_use(subject, a, b)
  local after = plain(subject:sub(b + 1, b + 40))
  if after:match("^'s?%f[^%w]") then return true end
  local next_word = after:match("^%s+(%a+)")
  return next_word ~= nil and SAYING[next_word:lower()] == true
end

-- Whether a capitalised word stands as a name anywhere in the document
-- ("Telecom received 107 mln" where the text also has "Telecom said" or
-- "Telecom Plus International Inc").
local function used_as_name(subject, word)
  return cached(subject, "name:" .. word, function()
    local init = 1
    while true do
      local a, b = subject:find(word, init, true)
      if not a then return false end
      init = b + 1
      local before, after = subject:sub(a - 1, a - 1), subject:sub(b + 1, b + 1)
      if not before:match("[%w]") and not after:match("[%w]") then
        if name_use(subject, a, b) then return true end
        for _, w in ipairs(name_run(cased_words(plain(subject:sub(b + 1, b + 80)), 6, false), true)) do
          if NAME_HEADS[w] or EVENT_HEADS[w] then return true end -- "Telecom Plus International Inc"
        end
      end
    end
  end)
end

-- Whether an acronym means something else in this document: a stock
-- ticker ("<GPU>", "<ML>"), or the initials of a name that is not the
-- field's own expansion, defined in brackets ("Amnesty International
-- (AI)") or as a company ("Allegheny International Inc").
local function acronym_elsewhere(subject, acronym, field)
  return cached(subject, "acronym:" .. acronym, function()
    if subject:find("<" .. acronym .. "[>%.]") then return true end
    local parts = { "%f[%w]" }
    for i = 1, #acronym do
      parts[#parts + 1] = acronym:sub(i, i) .. "[%w]+" .. (i < #acronym and "[ \t\r\n%-]+" or "")
    end
    local initials = table.concat(parts)
    for first, phrase, last in subject:gmatch("()(" .. initials .. ")()") do
      local rest = subject:sub(last, last + 12)
      local defined = rest:match("^%s*%(" .. acronym .. "[%),]")
      local company = false
      for suffix in ("Inc Corp Co Ltd Plc PLC LLC Group Holdings SA AG NV"):gmatch("%S+") do
        if rest:match("^%s+" .. suffix .. "%f[^%w]") then company = true end
      end
      if defined or company then
        local flat = tech.matcher:find_flat(phrase)
        local own = #flat == 3 and flat[1] == 0 and flat[2] == #phrase
          and tech.entries[flat[3]].field == field
        if not own then return true end
      end
    end
    return false
  end)
end

-- Whether a mention is part of a longer proper name, or an acronym that
-- stands for something else here.
function tech.in_name(entry, m)
  local mention = m.text
  local capitalised = mention:match("^[%u%d]") ~= nil
  if not capitalised then return false end
  local acronym = mention:match("^%u[%u%d]+s?$") ~= nil and entry.case == "exact"
  if acronym and acronym_elsewhere(m.subject, mention:match("^(.-)s?$"), entry.field) then
    return true
  end
  local left, right = left_of(m), right_of(m)
  local before = name_run(cased_words(left, 8, true), false)
  local after = name_run(cased_words(right, 8, false), true)
  local headline = title_line(m)
  local function head(w) return NAME_HEADS[w] or (EVENT_HEADS[w] and not headline) end
  -- a head after the mention: "Semiconductor Industry Association"
  for _, w in ipairs(after) do
    if head(w) then return true end
  end
  -- a head before it, joined by of/for: "Ministry of Artificial Intelligence"
  local joined = false
  for _, w in ipairs(before) do
    if JOINERS[w] then joined = true
    elseif joined and head(w) then return true end
  end
  -- the rest is about common words written with a capital: not acronyms
  -- ("Huawei 5G"), not words the taxonomy writes capitalised ("Beidou",
  -- "Internet of Things"), not headlines
  if not entry.surface:match("^%l") or not mention:match("%l") or headline then return false end
  -- next to another capitalised word: "British Aerospace", "China Telecom",
  -- "Telecom Italia"
  local near_left = left:match("([%w'&]+)[ \t]*\r?\n?[ \t]*$")
  local near_right = right:match("^[ \t]*([%w'&]+)") -- same line: a headline may end before a date
  if near_left and name_token(near_left) and not CONNECTORS[near_left:lower()]
     and not left:match("[%w'&]$") then
    return true
  end
  if near_right and name_token(near_right) and near_right:match("%l") then return true end
  -- one capitalised word used as a company's name here or elsewhere in
  -- the document; a capital alone proves nothing ("industries such as
  -- Robotics, Big Data")
  if not mention:find("[ %-]") and used_as_name(m.subject, mention) then return true end
  return false
end

-- Whether a text (lower case) has a word starting with one of the
-- |-separated stems ("censor" finds "censorship").
local function has_stem(text, stems)
  for stem in stems:gmatch("[^|]+") do
    if text:find("%f[%w]" .. stem:lower():gsub("%p", "%%%0")) then return true end
  end
  return false
end

-- Whether another tech field that needs no context is found in the
-- sentence [first, last] outside the mention.
local function field_nearby(m, first, last)
  local flat = tech.matcher:find_flat(m.subject, first, last)
  for k = 1, #flat, 3 do
    local start, stop, other = flat[k], flat[k + 1], tech.entries[flat[k + 2]]
    if (stop <= m.start or start >= m["end"]) and other.needs ~= "context" then return true end
  end
  return false
end

-- The value of a mention of a gazetteer entry, or false when it does not
-- stand (see the top of this file).
function tech.value(entry, m)
  if entry.unless_prev and next_to(entry.unless_prev, words_before(left_of(m), 3), true) then
    return false
  end
  if entry.unless_next and next_to(entry.unless_next, words_after(right_of(m), 3), false) then
    return false
  end
  if entry.unless_sentence or entry.needs == "context" then
    local first, last = tech.sentence(m)
    local sentence = plain(m.subject:sub(first, m.start) .. " " .. m.subject:sub(m["end"] + 1, last)):lower()
    if entry.unless_sentence and has_stem(sentence, entry.unless_sentence) then return false end
    if entry.needs == "context" then
      -- the context may be in the sentence before ("... cameras and facial
      -- recognition. Critics worry that such surveillance ...")
      local before = first > 2 and tech.sentence({ subject = m.subject, start = first - 2, ["end"] = first - 2 })
      if before and before < first then
        sentence = plain(m.subject:sub(before, first - 1)):lower() .. " " .. sentence
        first = before
      end
      if not (entry.context_words and has_stem(sentence, entry.context_words))
         and not field_nearby(m, first, last) then
        return false
      end
    end
  end
  if tech.in_name(entry, m) then return false end
  return { field = entry.field }
end

return tech
