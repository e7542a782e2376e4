-- org_acronym.lua: the other mentions of an organisation the rules found
-- once, wherever they stand in the document (before the first one too),
-- with the name they stand for as value, so that a short form carries the
-- fullest name the document gives, as the gold's values do (its decisions
-- 24, 26):
--   a short name defined in parentheses: "Ministry of Industry and
--     Information Technology (MIIT)" → "(MIIT)" and every other "MIIT";
--     short names need not be capitals ("Russia Technologies (Rostec)",
--     "China Putian Information Industry Group (Potevio)") nor one word
--     ("Indian Institute of Technology Madras (IIT Madras)"); the other way
--     round too: "MIIT (Ministry of Industry and Information Technology)";
--   capitals that spell a name's initials: "University of New South
--     Wales" … "UNSW";
--   the first word of a "<Name> University" or a "<Name> News Agency"
--     standing alone: "Tohoku University" … "Tohoku will run", "Kyodo
--     News Agency" … "/Kyodo/" (not where the document also uses the word
--     for a place: "in Wuhan");
--   a name found once by its context ("the Abu Dhabi company G42") is the
--     organisation also where nothing around it says so ("G42 said");
--   a short name given with "known as": "China Integrated Circuit Industry
--     Investment Fund, known as the Big Fund" → every "Big Fund" (the
--     fullest name the document gives: the gold's decision 24);
--   "the" and a head word alone, capitalised, after the one organisation of
--     the document with that head: "the European Commission … the
--     Commission’s president" → "Commission" (eval README 19); not where
--     two organisations share the head ("the Commission" after the
--     European Commission and the National Development and Reform
--     Commission), nor before the first.
-- org_names.lua then gives every mention the fullest name.

local orgs = require "lib.orgs"
local lib_text = require "lib.text"

-- Whether a word in parentheses can be an organisation's short name:
-- "MIIT", "CETC", "Rostec", "Potevio", "IIT Madras"; not a year, a country
-- or a word of the name itself.
local function short_name(word, full)
  if #word < 2 or #word > 24 or not word:match("^%u") then return false end
  local first, rest = word:match("^(%S+)(.*)$")
  if rest ~= "" then
    -- "IIT Madras": capitals, then one or two capitalised words; "Bauman
    -- MSTU": the name's first word, then capitals
    local words_ok = rest:match("^ %u%l+$") or rest:match("^ %u%l+ %u%l+$")
    local first_of_name = full:match("^(%S+)") == first and rest:match("^ %u[%u%d&]+$")
    if not (first:match("^%u[%u%d&]+$") and words_ok or first_of_name) then return false end
  elseif not word:match("^%u[%w&%.%-]*$") then
    return false
  end
  if orgs.is_country(word) or orgs.stop_set[word] then return false end
  if (" " .. full .. " "):find(" " .. word .. " ", 1, true) then return false end
  -- a word that is not all capitals starts like one of the name's words:
  -- "Rostec" for "Russia Technologies" (capitals may abbreviate another
  -- language: "German Aerospace Center (DLR)")
  if word:match("^%u[%u%d&]+$") then return true end
  local _, all = orgs.initials(full)
  return all:find(word:sub(1, 1), 1, true) ~= nil
end

-- Whether the capitals of word spell some of the name's initials in order
-- ("MIIT" for "Ministry of Industry and Information Technology").
local function spells(word, full)
  local _, all = orgs.initials(full)
  local at = 1
  for ch in word:gmatch("%u") do
    at = all:find(ch, at, true)
    if not at then return false end
    at = at + 1
  end
  return true
end

-- Every place the word stands alone in text (1-based starts).
local function occurrences(text, word)
  local list, init = {}, 1
  while true do
    local s, e = text:find(word, init, true)
    if not s then break end
    local before, after = text:sub(s - 1, s - 1), text:sub(e + 1, e + 1)
    if not before:match("[%w&]") and not after:match("[%w&]") then list[#list + 1] = s end
    init = e + 1
  end
  return list
end

-- "Tohoku" for "Tohoku University" only where it is not a place or part of
-- another name: not before a capitalised word or a place word, not after a
-- word that makes it a place ("in Tohoku", "Tohoku region").
local place_after = orgs.set { "province", "Province", "city", "City", "region", "Region",
  "prefecture", "Prefecture", "county", "County", "district", "District", "state", "State",
  "area", "port", "airport", "river", "River", "valley", "Valley", "island", "Island" }
local place_before = orgs.set { "in", "In", "from", "From", "near", "to", "across", "around",
  "outside", "inside", "into", "via", "throughout", "of", "at" }
-- "Electoral College", "National University": adjectives are no short names
local function adjective(word)
  return word:match("al$") or word:match("ic$") or word:match("an$") or word:match("ish$")
         or word:match("ese$") or word:match("ern$") or word:match("ive$")
end

-- A short name after "known as" (one to four capitalised words): the end
-- of the name after the org ending at stop (0-based end), and the name.
local function known_as(text, stop)
  local at = text:match("^,?[ \t]+also[ \t]+known[ \t]+as[ \t]+()", stop + 1)
             or text:match("^,?[ \t]+known[ \t]+as[ \t]+()", stop + 1)
             or text:match("^[ \t]*%(also[ \t]+known[ \t]+as[ \t]+()", stop + 1)
             or text:match("^[ \t]*%(known[ \t]+as[ \t]+()", stop + 1)
  if not at then return nil end
  at = text:match("^[Tt]he[ \t]+()", at) or at
  local words, i = {}, at
  while #words < 4 do
    local w, e = text:match("^(%u[%w&’'%-]*)()", i)
    if not w then break end
    words[#words + 1] = w
    if not text:match("^ %u", e) then break end
    i = e + 1
  end
  if #words == 0 then return nil end
  return table.concat(words, " ")
end

-- The head word of a name: the word before its "of", "for" or "on", else
-- its last word ("Ministry of Commerce" → Ministry, "European Commission"
-- → Commission); only a head that is not weak ("the Group", "the Centre"
-- say too little).
local function head_word(name)
  local h = name:match("^[%w%s’'%-]-(%u%a+) of ") or name:match("^[%w%s’'%-]-(%u%a+) for ")
            or name:match("^[%w%s’'%-]-(%u%a+) on ") or name:match("(%u%a+)$")
  if h and orgs.heads_set[h] and not orgs.weak[h] then return h end
  return nil
end

local function alone(text, s, e)
  local next_word = text:match("^[ \t]+([%w’'-]+)", e + 1)
  if next_word and (next_word:match("^%u") or place_after[next_word]) then return false end
  local previous = text:sub(math.max(1, s - 16), s - 1):match("(%a+)[ \t]+$")
  return not (previous and place_before[previous])
end

return {
  name = "org_acronym",
  type = "org",
  description = "other mentions of an organisation found once: short names, initials, repeats",
  needs = { "org" },
  order = -20, -- before the rules that read organisations
  priority = 5, -- beats the gazetteer's reading of the same word
  apply = function(doc, found, emit)
    local text = doc.text
    local found_orgs = found("org")
    local defined, order, checked = {}, {}, {} -- short name -> full name, in order of definition
    local function define(word, full, check)
      if not defined[word] then
        defined[word] = full
        order[#order + 1] = word
        checked[word] = check
      end
    end
    for _, o in ipairs(found_orgs) do
      local full = o.value and o.value.name or o.text
      -- "Full Name (SHORT)"
      local word = text:match("^[ \t]*%(([^()\n]+)%)", o["end"] + 1)
      if word and short_name(word, full) then define(word, full) end
      -- "SHORT (Full Name)"
      if text:sub(o["end"] + 1, o["end"] + 1) == ")" then
        local before = text:sub(math.max(1, o.start - 20), o.start)
        word = before:match("([^()%s]+)[ \t]*%($")
        if word and short_name(word, full) and word:match("^%u[%u%d&]+$")
           and spells(word, full) then
          define(word, full)
        end
      end
    end
    -- capitals that spell a name's initials
    local initials, short_forms = {}, {}
    for _, o in ipairs(found_orgs) do
      local full = o.value and o.value.name or o.text
      if full:find(" .* ") then -- three words or more
        local plain, all = orgs.initials(full)
        for _, i in ipairs({ plain, all }) do
          if #i >= 3 and not initials[i] then initials[i] = full end
        end
      end
      local first = o.text:match("^(%u[%w’'%-]+) University$")
                    or o.text:match("^(%u[%w’'%-]+) News Agency$")
      if first and not orgs.is_country(first) and not orgs.stop_set[first]
         and not orgs.canonical(first) and not short_forms[first]
         and not adjective(first) then
        short_forms[first] = full
      end
    end
    for _, word in ipairs(lib_text.sorted_keys(initials)) do -- (the same order on every run)
      local full = initials[word]
      if not defined[word] and text:find(word, 1, true) then define(word, full) end
    end
    for _, word in ipairs(lib_text.sorted_keys(short_forms)) do
      local full = short_forms[word]
      -- a place somewhere in the document ("in Wuhan") is a place everywhere
      local place = false
      for _, s in ipairs(occurrences(text, word)) do
        if not alone(text, s, s + #word - 1)
           and not text:match("^[ \t]+University", s + #word)
           and not text:match("^[ \t]+News[ \t]+Agency", s + #word) then
          place = true
          break
        end
      end
      if not place then define(word, full, alone) end
    end
    -- names found once by their context ("the company G42"): one to three
    -- words that do not look like a common word ("the newspaper Star")
    for _, o in ipairs(found_orgs) do
      local words = select(2, o.text:gsub("%S+", ""))
      local distinct = words > 1 or #o.text >= 6 or o.text:match("%d")
                       or select(2, o.text:gsub("%u", "")) >= 2
      if o.rule == "org_context" and words <= 3 and distinct and o.text:match("^%u")
         and not orgs.is_country(o.text) and not orgs.stop_set[o.text] then
        define(o.text, o.value and o.value.name or o.text, function(t, _, e)
          -- not the start of a longer name: "Samsung" in "Samsung Electro-Mechanics"
          return not t:match("^[ \t]+%u", e + 1)
        end)
      end
    end
    -- a department by its short name, which the real texts' gold counts as
    -- the department with its full name (its decisions H11, H12): "Department
    -- of the Treasury" ... "Treasury", "U.S. Commerce Department" ...
    -- "Commerce"; not in a post's title ("Secretary of Commerce") nor
    -- before another capitalised word of a name ("Commerce Department",
    -- "Treasury Secretary"), and the name in capitals (a letterhead) too
    for _, o in ipairs(found_orgs) do
      local full = o.value and o.value.name or o.text
      local short = full:match("Department of the (%u%a+)$") or full:match("Department of (%u%a+)$")
                    or full:match("^[%u.]* ?(%u%a+) Department$")
      if short and not orgs.is_country(short) and not defined[short] then
        define(short, full, function(t, s, e)
          local before = t:sub(math.max(1, s - 24), s - 1)
          if before:find("[Ss]ecretary of[ \t]+$") or before:find("[Ss]ecretary of the[ \t]+$")
             or before:find("[Dd]epartment of[ \t]+$") or before:find("[Dd]epartment of the[ \t]+$")
             or before:find("[Mm]inister of[ \t]+$") then
            return false
          end
          local after = t:sub(e + 1, e + 16)
          return not after:find("^[ \t]+Department") and not after:find("^[ \t]+Secretary")
             and not after:find("^[ \t]+Dep") and not after:find("^%-")
        end)
      end
      local capitals = full:upper()
      if capitals ~= full and full:find(" ") and not defined[capitals] then define(capitals, full) end
    end
    -- "Full Name, known as the Short Name"
    for _, o in ipairs(found_orgs) do
      local full = o.value and o.value.name or o.text
      local word = known_as(text, o["end"])
      if word and word ~= full and not orgs.is_country(word) and not orgs.stop_set[word]
         and (word:find(" ") or not orgs.heads_set[word]) then
        define(word, full)
      end
    end
    table.sort(order) -- a stable order, whatever pairs() gave
    for _, word in ipairs(order) do
      local full = defined[word]
      for _, s in ipairs(occurrences(text, word)) do
        local start, stop = s - 1, s - 1 + #word
        local covered = false
        for _, o in ipairs(found_orgs) do
          if o.start < stop and start < o["end"]
             and (o["end"] - o.start > #word or o.start == start and o["end"] == stop and checked[word]) then
            covered = true -- inside a longer name, or already an org (a repeat)
            break
          end
        end
        if not covered and (not checked[word] or checked[word](text, s, s + #word - 1)) then
          emit(start, stop, { name = full })
        end
      end
    end
    -- "the Commission" for the one Commission named before
    local by_head, heads = {}, {}
    for _, o in ipairs(found_orgs) do
      local full = o.value and o.value.name or o.text
      local h = head_word(full)
      if h then
        local entry = by_head[h]
        if not entry then
          by_head[h] = { name = full, first = o["end"] }
          heads[#heads + 1] = h
        elseif entry.name ~= full and defined[entry.name] ~= full and defined[full] ~= entry.name then
          entry.ambiguous = true
        end
      end
    end
    table.sort(heads)
    for _, h in ipairs(heads) do
      local entry = by_head[h]
      if not entry.ambiguous then
        for _, s in ipairs(occurrences(text, h)) do
          local start, stop = s - 1, s - 1 + #h
          local the = text:sub(math.max(1, s - 5), s - 1):match("[Tt]he%s$")
          -- (a name may go on over a line break: "the Bank\nof England")
          local after = text:sub(stop + 1, stop + 8)
          local goes_on = after:match("^%s+%u") or after:match("^%s+of%s")
                          or after:match("^%s+for%s") or after:match("^%s+on%s")
                          or after:match("^%-%w")
          local covered = false
          for _, o in ipairs(found_orgs) do
            if o.start < stop and start < o["end"] then covered = true break end
          end
          if the and not goes_on and not covered and start >= entry.first then
            emit(start, stop, { name = entry.name })
          end
        end
      end
    end
  end,
  examples = {
    { "the Ministry of Industry and Information Technology (MIIT) said. MIIT also said",
      find = { { "MIIT", { name = "Ministry of Industry and Information Technology" } },
               { "MIIT", { name = "Ministry of Industry and Information Technology" } } } },
    { "Last year Rostec signed. Russian defense firm Russia Technologies (Rostec) said",
      find = { { "Rostec", { name = "Russia Technologies" } },
               { "Rostec", { name = "Russia Technologies" } } } },
    { "Lingang Photonics Equipment Group (LPEG) and LPEG’s rivals",
      find = { { "LPEG", { name = "Lingang Photonics Equipment Group" } },
               { "LPEG", { name = "Lingang Photonics Equipment Group" } } } },
    { "a deal between the University of New South Wales and China. The UNSW project",
      "UNSW", { name = "University of New South Wales" } },
    { "the Indian Institute of Technology Bombay (IIT Bombay) and IIT Bombay alumni",
      find = { { "IIT Bombay", { name = "Indian Institute of Technology Bombay" } },
               { "IIT Bombay", { name = "Indian Institute of Technology Bombay" } } } },
    { "Kyushu University and its partners: Kyushu will lead the new lab.",
      "Kyushu", { name = "Kyushu University" } },
    { "TOKYO, May 2. /Sakura/. The chief told Sakura News Agency that",
      "Sakura", { name = "Sakura News Agency" } },
    { "Lomonosov Moscow State University (Lomonosov MSU) and Lomonosov MSU staff",
      find = { { "Lomonosov MSU", { name = "Lomonosov Moscow State University" } },
               { "Lomonosov MSU", { name = "Lomonosov Moscow State University" } } } },
    { "the Abu Dhabi company Zeta9 signed. Zeta9 said so.", "Zeta9", { name = "Zeta9" } },
    { "The National Semiconductor Development Fund, known as the Chip Fund, invested. The Chip Fund said",
      find = { { "Chip Fund", { name = "National Semiconductor Development Fund" } },
               { "Chip Fund", { name = "National Semiconductor Development Fund" } } } },
    { "the European Commission proposed rules. The Commission will decide in May.",
      "Commission", { name = "European Commission" } },
  },
  counterexamples = {
    "artificial intelligence (AI) and the Internet of Things (IoT)",
    "the Belt and Road Initiative (BRI) and the BRI forum",
    "Fudan University (2019) and Tsinghua University (China)",
    "the LEFT (Labour Party) and the RIGHT (Liberal Party)",
    "Zhejiang University is in Zhejiang province; officials from Zhejiang came.",
    "Wuhan University is in Wuhan. Wuhan officials said so.",
    "the newspaper Star reported that a Star fell",
    "The Commission said it would decide.",
    "The Commission met. Later the European Commission said",
    "the European Commission and the National Development and Reform Commission. The Commission said",
    "the European Commission and the Commission for Equality",
    "the Bank of England said. Later the Bank\nof England said",
  },
}
