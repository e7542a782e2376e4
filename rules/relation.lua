-- relation.lua: who cooperates, signs agreements or funds with whom, on
-- what, as GUIDELINES.md ("relation") defines it: one annotation for each
-- pair of parties a sentence says are linked and each kind; its span is
-- the sentence and its value
--
--   {kind = "cooperation" | "agreement" | "funding",
--    parties = {P1, P2}, fields = {"ai", ...}}
--
-- where a party is {iso = "CN"} (a country, its demonym or capital) or
-- {org = "canonical name"}, and fields are the tech ids the sentence names,
-- sorted. The rule reads the countries, orgs, tech fields and money the
-- other rules found, sentence by sentence, and links parties when
--   * a cue of the kind stands in the sentence outside any name
--     ("Shanghai Cooperation Organisation" and "Joint Task Force" are names);
--   * the sentence is not hostile (sanctions, restrictions, bans, rivalry)
--     and does not deny the link ("rather than", "not ... cooperation");
--   * a party is not only the reporter ("told Xinhua", "according to TASS").
-- Pairs follow the sentence's lists: "A will cooperate with B, C and D"
-- links A with each of B, C and D, not B with C; "A, B and C signed" links
-- each pair. "The two countries" and "both sides" stand for the last two
-- parties named before.
--
-- It also writes "conversion" annotations: a sum and the conversion the
-- text gives for it in brackets, "€80 billion (US$91 billion)" →
-- {amount = 8e10, currency = "EUR", equivalent = {amount = 9.1e10,
-- currency = "USD"}}, spanning the sum to the closing bracket.

local textmodel = require "quarry.textmodel"
local lpeg = require "lpeg"
local json_array = require("quarry").json.array

-- Sentences of a text as {start, stop} (0-based, stop exclusive), from
-- the document's text model (one splitter for every rule and report).
local function sentences(text)
  local list = {}
  for _, start, stop in textmodel.of(text):sentences() do
    list[#list + 1] = { start = start, stop = stop }
  end
  return list
end

-- Cues, as Lua patterns over the lower-cased sentence, each starting a word.
-- Cooperation: working, researching, building or developing together,
-- partnering, and plans or pledges to: what the gold's guidelines and its
-- relation decision R10 count as cooperation. Ties, relations, alliances,
-- trade, meetings and visits are not cues: alone they say no joint work
-- (relation decision R11).
local COOPERATION = {
  "cooperat", "co%-operat", "collaborat", "partner", "work together", "working together",
  "worked together", "works together", "jointly", "co%-develop", "co%-authored", "co%-authoring", "mutual exchange",
  "joint research", "joint development", "joint venture", "joint laborator", "joint lab",
  "joint project", "joint publication", "joint work", "joint production", "joint stud",
  "joint centre", "joint center", "joint programme", "joint program", "joint mission",
  "joint effort", "joint exercise", "joint initiative", "joint innovation", "with the help of",
  "with help from", "with the assistance of", "help%a* %a+ to develop",
  "help%a* %a+ develop", "help%a* %a+ to build", "help%a* %a+ build",
}
-- Formulas of diplomacy that name a relationship rather than joint work
-- ("comprehensive strategic partnership"): not cues on their own (R16).
local FORMULA_BEFORE = { "comprehensive ", "strategic ", "all%-weather ", "special " }

-- Agreement: a document signed, concluded or renewed (R13).
local SIGNING = { "sign", "inked", "conclud", "renew" }
local DOCUMENT = { "agreement", "memorand", "mou%f[%A]", "accord", "treaty", "treaties", "contract",
                   "deal", "statement", "declaration", "protocol", "charter", "pact" }

-- Funding: loans, investment, contributions, grants (R15); with a sum of
-- money in the sentence, or a word that is about money on its own.
local FUNDING = { "invest", "fund[%a]*", "financ", "loan", "lend", "lent%f[%A]", "grant",
                  "contribut", "donat", "spend", "spent", "pledg", "subsid" }
local FUNDING_ALONE = { "loan", "lend", "lent%f[%A]", "financ", "invest" }

-- Hostility: a sentence about any of these states no link (GUIDELINES).
local HOSTILE = {
  "sanction", "restrict", "export control", "ban%f[%A]", "bans%f[%A]", "banned", "banning",
  "prohibit", "embargo", "blacklist", "entity list", "expel", "accus", "condemn", "threat",
  "confront", "adversar", "coerc", "retaliat", "hostil", "countries of concern", "limits? ",
  "curb", "crack%s?down", "infring", "violat", "to block", "blocked", "blocking", "exclud",
}
-- Words that deny what follows them, unless they deny harm to it ("will
-- not hamper cooperation" affirms it, R18).
local NEGATION = { "not", "n't", "never", "no", "nor", "without", "neither", "cannot",
                   -- and the end of a link: "announced leaving its joint venture"
                   "leaving", "quit", "quits", "exited", "exiting", "withdrew", "withdrawing" }
local HARM = { "hamper", "harm", "hurt", "affect", "stop", "prevent", "undermin", "derail",
               "imped", "weaken", "damag", "jeopardi", "end" }
local DENIED_AFTER = { "rather than", "instead of", "insufficient", "not sufficient",
                       "called off", "suspend", "cancel", "halt", "froze", "freez",
                       "failed to", "fails to", "has not made", "have not made", "no progress" }
-- Words of a comparison: a party after them within its clause is what
-- another is measured against ("surpassed the funds from the G7").
local COMPARED = { "surpass", "exceed", "outpac", "overtook", "overtake", "compared with",
                   "compared to", "ahead of" }

-- A party only as the one reporting or asked (R19): "told Xinhua",
-- "according to TASS", "Xinhua reported".
local REPORTED_BEFORE = { "told", "according to", "interview with", "interview to",
                          "reported by", "quoted by", "cited by", "reports by", "news agency" }
local REPORTED_AFTER = { "^ reported", "^ reports", "^ news agency", "^ quoted", "^ cited",
  -- the source named at the end: "..., the Japan Development Bank said."
  "^%s+said%s*[%.\"'\226\128\157]*%s*$", "^%s+says%s*[%.\"']*%s*$",
  "^%s+said on %a+%s*[%.\"']*%s*$", "^%s+said today%s*[%.\"']*%s*$",
  "^%s+said in a statement%s*[%.\"']*%s*$" }

-- Words that make the words between a country and an organisation more
-- than a description ("China and the European Commission").
local GAP_WORDS = { "and%f[%A]", "or%f[%A]", "with%f[%A]", "to%f[%A]", "from%f[%A]", "of%f[%A]",
                    "the%f[%A]", "by%f[%A]", "for%f[%A]", "in%f[%A]", "on%f[%A]", "at%f[%A]",
                    "between%f[%A]", "as%f[%A]", "but%f[%A]", "than%f[%A]" }

-- Expressions for two parties named before (R1): "the two countries".
local BOTH_COUNTRIES = { "two countries", "both countries", "two nations", "both nations",
                         "two states", "two governments" }
local BOTH_ANY = { "two sides", "both sides", "each side", "two parties", "both parties",
                   "two presidents", "two leaders", "both leaders", "two heads of state" }

-- The stems every cue of every kind starts with: a sentence (in lower case)
-- without any of them states no link, which one LPeg search tells.
local STEMS = { "cooperat", "co-operat", "collaborat", "partner", "work", "joint", "co-",
                "mutual", "help", "with the assistance", "sign", "inked", "conclud", "renew",
                "invest", "fund", "financ", "loan", "lend", "lent", "grant", "contribut",
                "donat", "spend", "spent", "pledg", "subsid" }
local any_stem = lpeg.P(false)
for _, stem in ipairs(STEMS) do any_stem = any_stem + lpeg.P(stem) end
local has_stem = lpeg.P { any_stem + 1 * lpeg.V(1) }

-- A pattern as a word ("%f[%w]" before it), with the literal text it
-- starts with: a plain search for that (in C, fast) tells most sentences
-- apart before the pattern runs. Compiled once per pattern.
local compiled = {}
local function word_pattern(p)
  local c = compiled[p]
  if not c then
    local prefix = p:match("^[^%%%.%[%]%(%)%*%+%-%?%^%$]+") or ""
    -- a quantifier after it makes the last letter optional: "limits? "
    if p:sub(#prefix + 1, #prefix + 1):find("^[%*%+%-%?]") then prefix = prefix:sub(1, -2) end
    c = { pattern = "%f[%w]" .. p, prefix = prefix }
    compiled[p] = c
  end
  return c
end

-- Where pattern p first matches in s as a word from init, or nil.
local function find_word(s, p, init)
  local c = word_pattern(p)
  if #c.prefix > 0 then
    local at = s:find(c.prefix, init, true)
    if not at then return nil end
    init = at
  end
  return s:find(c.pattern, init)
end

-- Where the first of the patterns matches in s, as a word (1-based), or nil.
local function find_any(s, patterns, init)
  local best, best_stop
  for _, p in ipairs(patterns) do
    local at, stop = find_word(s, p, init or 1)
    if at and (not best or at < best) then best, best_stop = at, stop end
  end
  return best, best_stop
end

-- Every place any of the patterns matches in s, as words, in order.
local function find_all(s, patterns)
  local places = {}
  for _, p in ipairs(patterns) do
    local init = 1
    while true do
      local at, stop = find_word(s, p, init)
      if not at then break end
      places[#places + 1] = { at = at, stop = stop }
      init = stop + 1
    end
  end
  table.sort(places, function(a, b) return a.at < b.at end)
  return places
end

local function ends_with_any(s, suffixes)
  for _, suffix in ipairs(suffixes) do
    if s:sub(-#suffix) == suffix then return true end
  end
  return false
end

-- Whether the sentence is a heading in title case ("Russia China
-- Technology Cooperation"): most of its words are capitalised.
local function title_case(sentence)
  local words, capitalised = 0, 0
  for word in sentence:gmatch("%a[%w'%-]*") do
    words = words + 1
    if word:find("^%u") then capitalised = capitalised + 1 end
  end
  return words > 0 and capitalised >= 0.7 * words
end

-- Whether the cue at [at, stop] of the sentence (1-based) stands inside a
-- name: inside a found name's span, or capitalised among capitalised words
-- ("Combined Joint Task Force", "Cybersecurity Partnership") outside a
-- heading.
local function inside_name(sentence, at, stop, s_start, names, heading)
  local offset = s_start + at - 1
  for _, n in ipairs(names) do
    if n.start <= offset and offset < n["end"] then return true end
  end
  if heading or not sentence:sub(at, at):find("%u") then return false end
  -- the neighbouring words without brackets, quotes or slashes around
  -- them: "(STI) Cooperation", "“Key Project ... Cooperation"
  local before = sentence:sub(1, at - 1):match("(%S+)%s*$")
  local after = sentence:match("^[%w%-]*%s+(%S+)", stop + 1)
  before = before and before:gsub("^[%(%[\"'/\226\128\156]+", "")
  after = after and after:gsub("^[%(%[\"'/\226\128\156]+", "")
  local first = not sentence:sub(1, at - 1):find("%a")
  return (before ~= nil and not first and before:find("^%u") ~= nil and not before:find("[.:;!?]$"))
      or (after ~= nil and after:find("^%u") ~= nil and (before == nil or first or before:find("^%u") ~= nil))
end

-- Whether the sentence denies the link the cue at `at` states.
local function denied(lower, at)
  local before = lower:sub(math.max(1, at - 48), at - 1)
  for _, word in ipairs(NEGATION) do
    local n = before:find("%f[%w']" .. word:gsub("'", "'") .. "%f[%W]")
    if n then
      local between = before:sub(n)
      if not find_any(between, HARM) then return true end
    end
  end
  return find_any(lower:sub(at), DENIED_AFTER) ~= nil
end

-- The first cue of the list in the sentence that stands outside a name and
-- is not denied; nil when there is none.
local function live_cue(sentence, lower, patterns, s_start, names, heading, skip)
  for _, place in ipairs(find_all(lower, patterns)) do
    if not inside_name(sentence, place.at, place.stop, s_start, names, heading)
       and not (skip and skip(lower, place)) and not denied(lower, place.at) then
      return place
    end
  end
  return nil
end

local function formula(lower, place)
  return lower:find("^partner", place.at) and ends_with_any(lower:sub(math.max(1, place.at - 20), place.at - 1), FORMULA_BEFORE)
end

-- The party an annotation stands for, as the guideline writes it, with a
-- key and the span it came from.
local function party_of(a)
  if a.type == "country" then
    local iso = a.value and a.value.iso
    if not iso then return nil end
    return { value = { iso = iso }, key = "country:" .. iso, start = a.start, stop = a["end"],
             country = true }
  end
  local name = a.value and a.value.name or a.text
  if not name then return nil end
  return { value = { org = name }, key = "org:" .. name, start = a.start, stop = a["end"] }
end

-- The parties of a sentence in text order: reporters dropped, a demonym
-- directly before a named organisation dropped ("Chinese telecoms giant
-- Huawei" is Huawei, R4).
local function sentence_parties(text, s, actors, persons)
  -- a speaker's description is no party (R3, R19): "Tian, a specialist in
  -- China-Russia affairs at the Chinese Academy of Social Sciences, said";
  -- nor is what follows the attribution of a quote ("...,” said Artyom
  -- Lukin, ... at Far Eastern Federal University")
  local aside = {}
  for _, p in ipairs(persons) do
    if p.start >= s.start and p["end"] <= s.stop then
      local close = text:find("^,%s*[^,]-,", p["end"] + 1)
      local _, stop = text:find("^,%s*[^,]-,", p["end"] + 1)
      if close and stop - p["end"] <= 200 then aside[#aside + 1] = { p["end"], stop } end
    end
  end
  local sentence = text:sub(s.start + 1, s.stop)
  local attribution = sentence:find("[,.!?]?[\226\128\157\"]%s*%a*%s*%f[%a]said%f[%A]")
                      or sentence:find("[,.!?]?[\226\128\157\"]%s*%a*%s*%f[%a]says%f[%A]")
  if attribution then aside[#aside + 1] = { s.start + attribution, s.stop } end
  local function set_aside(a)
    for _, span in ipairs(aside) do
      if a.start >= span[1] and a["end"] <= span[2] then return true end
    end
    return false
  end
  local parties = {}
  for k, a in ipairs(actors) do
    local p = party_of(a)
    -- (the words near the party: a reporting cue stands within a few words)
    local before = text:sub(math.max(s.start + 1, a.start - 60), a.start):lower()
    local after = text:sub(a["end"] + 1, math.min(s.stop, a["end"] + 24)):lower()
    local reporter = false
    for _, cue in ipairs(REPORTED_BEFORE) do
      local at = before:find("%f[%a]" .. cue .. "%f[%A][^,;:%.]*$")
      if at and select(2, before:sub(at + #cue):gsub("%S+", "")) <= 3 then reporter = true end
    end
    -- a comparison ("than Germany") or a place in another's name ("China's
    -- Zhuhai Airshow", "China's Huawei": the named one is the party, R4)
    if before:find("%f[%a]than%s+$") or before:find("%f[%a]unlike%s+$") then reporter = true end
    for _, word in ipairs(COMPARED) do
      local at = before:find("%f[%a]" .. word)
      if at and not before:find("[;:%.]", at) then reporter = true end
    end
    local rest = text:sub(a["end"] + 1, a["end"] + 12)
    local possessive = rest:find("^'s%f[%A]") or rest:find("^\226\128\153s%f[%A]")
    if a.type == "country" and possessive and rest:find("^%S+%s+%u") then reporter = true end
    -- "MTS, Russia's biggest carrier": a country describing the org before it
    local previous = actors[k - 1]
    if a.type == "country" and previous and previous.type == "org"
       and text:sub(previous["end"] + 1, a.start):find("^,%s*$")
       and possessive then
      reporter = true
    end
    for _, pattern in ipairs(REPORTED_AFTER) do
      if after:find(pattern) then reporter = true end
    end
    local next_actor = actors[k + 1]
    local gap = next_actor and text:sub(a["end"] + 1, next_actor.start) or ""
    local describes = a.type == "country" and next_actor and next_actor.type == "org"
      and next_actor.start - a["end"] < 40 and not gap:find("[,;:%.%(%)]")
      and select(2, gap:gsub("%S+", "")) <= 3 and not find_any(gap:lower(), GAP_WORDS)
    if p and not reporter and not describes and not set_aside(a) then parties[#parties + 1] = p end
  end
  return parties
end

-- Whether two neighbouring parties are items of one list: nothing but a
-- comma, "and", "or", a slash, a dash or "&" between them.
local function listed_together(text, a, b)
  -- an abbreviation in brackets belongs to the name before it
  local between = text:sub(a.stop + 1, b.start):lower():gsub("^%s*%b()", "")
  return between:find("^%s*$") or between:find("^%s*,%s*$") or between:find("^,?%s*and%s+$")
      or between:find("^,?%s*or%s+$") or between:find("^%s*[/&]%s*$")
      or between:find("^%s*%-%s*$") or between:find("^%s*\226\128[\147\148]%s*$")
      or between:find("^,?%s*as well as%s+$")
end

-- The linked pairs of a sentence's parties: the parties of one list with
-- each other when the sentence names only that list ("A, B and C signed"),
-- else each party of the first list with every party named after it ("A
-- and B signed agreements with C" links A-C and B-C).
local function linked_pairs(text, parties)
  local groups, current = {}, nil
  for k, p in ipairs(parties) do
    if k == 1 or not listed_together(text, parties[k - 1], p) then
      current = {}
      groups[#groups + 1] = current
    end
    current[#current + 1] = p
  end
  local pairs_list, seen = {}, {}
  local function link(a, b)
    if a.key == b.key then return end
    local key = a.key < b.key and a.key .. "|" .. b.key or b.key .. "|" .. a.key
    if seen[key] then return end
    seen[key] = true
    pairs_list[#pairs_list + 1] = { a, b }
  end
  local first = groups[1] or {}
  if #groups == 1 then
    for i = 1, #first do
      for j = i + 1, #first do link(first[i], first[j]) end
    end
  end
  for g = 2, #groups do
    for _, a in ipairs(first) do
      for _, b in ipairs(groups[g]) do link(a, b) end
    end
  end
  return pairs_list
end

-- Annotations sorted by start, walked along sentences in order: each call
-- returns the ones inside the next sentence asked for.
local function walker(list)
  local i = 1
  return function(s)
    while list[i] and list[i].start < s.start do i = i + 1 end
    local inside = {}
    local j = i
    while list[j] and list[j].start < s.stop do
      if list[j]["end"] <= s.stop then inside[#inside + 1] = list[j] end
      j = j + 1
    end
    return inside
  end
end

local function merged(a, b)
  local list = {}
  for _, x in ipairs(a) do list[#list + 1] = x end
  for _, x in ipairs(b) do list[#list + 1] = x end
  table.sort(list, function(x, y) return x.start < y.start end)
  return list
end

-- Words that may stand between the bracket and a stated conversion.
local APPROXIMATELY = {
  about = true, around = true, roughly = true, approximately = true, some = true,
  nearly = true, almost = true, ["or"] = true, ["i.e."] = true, ["c."] = true, ["ca."] = true,
  ["circa"] = true, ["equivalent to"] = true, ["worth"] = true, ["or about"] = true,
  ["or around"] = true, ["or roughly"] = true, ["or some"] = true,
}

-- A sum followed by its conversion in brackets: “€80 billion (US$91
-- billion)”.
local function conversions(text, money, emit)
  for k = 1, #money - 1 do
    local a, b = money[k], money[k + 1]
    local between = text:sub(a["end"] + 1, b.start)
    local words = between:match("^%s*[%(%[]%s*(.-)%s*$")
    local after = text:match("^%s*[%)%]]", b["end"] + 1)
    if words and after and (words == "" or APPROXIMATELY[words:lower()])
       and a.value and b.value and a.value.currency ~= b.value.currency then
      emit(a.start, b["end"] + #after, { amount = a.value.amount, currency = a.value.currency,
        equivalent = { amount = b.value.amount, currency = b.value.currency } }, "conversion")
    end
  end
end

-- The tech field ids a sentence names, sorted: not inside a name, nor a
-- word that describes a party ("Chinese telecoms giant Huawei", R20). Both
-- lists are in text order: only the names near each field word are looked
-- at (a sentence of a whole unpunctuated page holds thousands of each).
local function fields_of(text, tech, names)
  local ids, seen = {}, {}
  local first = 1
  for _, t in ipairs(tech) do
    local id = t.value and t.value.field
    -- names that end before t starts cannot hold it; names are sorted by
    -- start, so skip those that start far before t (a name is short)
    while names[first] and names[first].start < t.start - 200 do first = first + 1 end
    local in_name = false
    for k = first, #names do
      local n = names[k]
      if n.start > t["end"] + 24 then break end
      if n.type == "org" and n.start <= t.start and t["end"] <= n["end"] then in_name = true end
      if n.type == "org" and n.start >= t["end"] and n.start - t["end"] <= 24 then
        local gap = text:sub(t["end"] + 1, n.start)
        if not gap:find("[,;:%.%(%)]") and select(2, gap:gsub("%S+", "")) <= 2
           and not find_any(gap:lower(), GAP_WORDS) then
          in_name = true
        end
      end
    end
    if id and not in_name and not seen[id] then seen[id] = true; ids[#ids + 1] = id end
  end
  table.sort(ids)
  return ids
end

-- The kinds of link a sentence states, in the guideline's order.
local function kinds_of(sentence, lower, s_start, names, has_money)
  local heading = title_case(sentence)
  local kinds = {}
  if live_cue(sentence, lower, COOPERATION, s_start, names, heading, formula) then
    kinds[#kinds + 1] = "cooperation"
  end
  local signed = live_cue(sentence, lower, SIGNING, s_start, names, heading)
  if signed and find_any(lower, DOCUMENT) then kinds[#kinds + 1] = "agreement" end
  local funded = live_cue(sentence, lower, has_money and FUNDING or FUNDING_ALONE, s_start, names,
                          heading, function(l, place)
                            return l:find("^fundament", place.at) or l:find("^investigat", place.at)
                          end)
  if funded then kinds[#kinds + 1] = "funding" end
  if #kinds > 0 and find_any(lower, HOSTILE) then return {} end
  return kinds
end

-- Parties named before that "the two countries" and the like point back
-- to: the pair named together most often so far (the latest on a tie, and
-- among pairs of the same sentence the first by key: pairs() order differs
-- from one Lua state to another, and so did the result between processes),
-- or with one party named, its most frequent partner so far.
local function antecedents(lower, parties, seen)
  if #parties >= 2 then return parties end
  local countries_only
  if find_any(lower, BOTH_COUNTRIES) then countries_only = true
  elseif not find_any(lower, BOTH_ANY) then return parties end
  local best, best_count, best_last, best_key
  for key, pair in pairs(seen) do
    local a, b = pair[1], pair[2]
    local fits = not countries_only or (a.country and b.country)
    if fits and #parties == 1 then fits = a.key == parties[1].key or b.key == parties[1].key end
    if fits and (not best or pair.count > best_count
                 or (pair.count == best_count and (pair.last > best_last
                     or (pair.last == best_last and key < best_key)))) then
      best, best_count, best_last, best_key = pair, pair.count, pair.last, key
    end
  end
  return best and { best[1], best[2] } or parties
end

-- Counts the pairs of parties a sentence names together, for antecedents.
local function remember_pairs(seen, parties, sentence_number)
  for i = 1, math.min(#parties, 6) do
    for j = i + 1, math.min(#parties, 6) do
      local a, b = parties[i], parties[j]
      if a.key ~= b.key then
        local key = a.key < b.key and a.key .. "|" .. b.key or b.key .. "|" .. a.key
        local pair = seen[key]
        if not pair then pair = { a, b, count = 0 }; seen[key] = pair end
        pair.count, pair.last = pair.count + 1, sentence_number
      end
    end
  end
end

-- Where "two" and "both" stand in a text (the words of "the two
-- countries", "both sides"), as annotations for a walker: found once per
-- document, so a sentence without parties costs nothing more.
local function anaphor_words(text)
  local list = {}
  for _, word in ipairs({ "two", "Two", "both", "Both", "each side", "Each side" }) do
    local init = 1
    while true do
      local a, b = text:find(word, init, true)
      if not a then break end
      list[#list + 1] = { start = a - 1, ["end"] = b }
      init = b + 1
    end
  end
  table.sort(list, function(x, y) return x.start < y.start end)
  return list
end

local function relations(doc, found, emit)
  local text = doc.text
  local all_actors, all_money = merged(found("country"), found("org")), found("money")
  conversions(text, all_money, emit)
  if #all_actors < 2 then return end
  local next_actors, next_money, next_tech = walker(all_actors), walker(all_money), walker(found("tech"))
  local next_persons, next_anaphor = walker(found("person")), walker(anaphor_words(text))
  local seen = {}
  for number, s in ipairs(sentences(text)) do
    local actors = next_actors(s)
    local anaphor = #actors < 2 and #next_anaphor(s) > 0
    -- only a sentence naming two parties, or one pointing back to them
    local sentence = (#actors >= 2 or anaphor) and text:sub(s.start + 1, s.stop)
    local lower = sentence and sentence:lower()
    if sentence and lpeg.match(has_stem, lower) then
      local money, tech = next_money(s), next_tech(s)
      local parties = sentence_parties(text, s, actors, next_persons(s))
      local linked = anaphor and antecedents(lower, parties, seen) or parties
      if #linked >= 2 then
        local kinds = kinds_of(sentence, lower, s.start, actors, #money > 0)
        if #kinds > 0 then
          local fields = fields_of(text, tech, actors)
          for _, pair in ipairs(linked_pairs(text, linked)) do
            for _, kind in ipairs(kinds) do
              local list = json_array({}) -- written [] when empty
              for i, id in ipairs(fields) do list[i] = id end
              emit(s.start, s.stop, { kind = kind, parties = { pair[1].value, pair[2].value },
                                      fields = list }, "relation")
            end
          end
        end
      end
    end
    -- the pairs named together, for "the two countries" later on
    if #actors >= 2 then
      local plain = {}
      for _, a in ipairs(actors) do plain[#plain + 1] = party_of(a) end
      remember_pairs(seen, plain, number)
    end
  end
end

return {
  name = "relation",
  type = "relation",
  description = "cooperation, agreements and funding between two parties, sentence by sentence",
  needs = { "country", "org", "tech", "money", "person" },
  order = 10,
  overlap = "keep", -- one sentence may link several pairs, and each pair in several kinds
  apply = relations,
  sentences = sentences, -- for tests
  examples = {
    { text = "Russia and China agreed to deepen cooperation in artificial intelligence.",
      find = { { "Russia and China agreed to deepen cooperation in artificial intelligence.",
                 { kind = "cooperation", parties = { { iso = "RU" }, { iso = "CN" } }, fields = { "ai" } } } } },
    { text = "The European Union will invest $2 billion in Kenya to build data centres.",
      find = { { "The European Union will invest $2 billion in Kenya to build data centres." } } },
    { text = "Reserves stood at €80 billion (about US$91 billion) in May.",
      find = { { "€80 billion (about US$91 billion)", { amount = 8e10,
                 currency = "EUR", equivalent = { amount = 9.1e10, currency = "USD" } } } } },
  },
  counterexamples = {
    "Chinese lending surpassed the loans from the World Bank and Japan in 2019.",
    "Brazil and Chile have discussed cooperation for years, but the talks failed to produce a plan.",
    "China grew fast. Russia did not.",
    "The United States restricts exports of advanced chips to China to curb its military programmes.",
    "Officials from Russia told Xinhua that the talks went well.",
    "Delegates from India and Japan attended the summit of the Shanghai Cooperation Organisation.",
    "Both Russia and China have long worked with the West rather than with each other.",
    "Police in Spain and Italy launched an investigation into $2 million of payments.",
    "Chile published a call under the Key Project on (STI) Cooperation with Peru and Bolivia.",
  },
}
