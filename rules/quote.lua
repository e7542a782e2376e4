-- quote.lua: direct quotations in quotation marks (“ ” " " ‘ ’ « »), with
-- who said them. Span: the quoted words without the marks (trailing
-- punctuation and editorial brackets inside them included). Value:
-- {speaker = "full name"} of the person or organisation it is attributed
-- to, or {speaker = null} where the text does not say.
--
-- Finding the marks, paragraph by paragraph: a mark opens or closes by the
-- characters around it (straight quotes too); a quote opened and not
-- closed by the end of its paragraph counts when it opens the paragraph or
-- a sentence (a quote running on over paragraphs has an opening mark on
-- each and a closing one at the end: one annotation per paragraph, each
-- with the same speaker, as the gold marks them: its decision 36).
-- Hard-wrapped text (wire copy) is read in paragraphs that start at blank
-- lines or indented lines.
--
-- Who said it, in this order:
--   1. after the closing mark: “...,” said X / X said / she added / said
--      Russian President X / “...,” X told reporters;
--   2. before the opening mark, in the same sentence: X stated: “...” /
--      according to X, “...” / X, a professor, said ... a “common
--      interest” (a partial quote);
--   3. a quote over several paragraphs: the speaker one of them names
--      (the first paragraph, or the last one: “...⏎⏎“...,” she said);
--      a quote that opens its paragraph after one ending with a colon
--      (“according to MERICS:” and a bullet list);
--   4. a quote of five words or more inside a sentence that names a
--      person before it: that person, its subject;
--   5. a quote that opens a sentence: the speaker of the quote before it
--      in its paragraph (“...,” said X. “...”), else the person last named
--      in the paragraph (or in the paragraph before, when that one has a
--      verb of saying and the quote opens its own).
-- Pronouns ("he said", "she added") stand for the person named last in
-- the paragraph, else the last named speaker, who is the one still talking
-- (the gold's decision 38). Speakers are
-- the person annotations (with their full names, after person_coref.lua)
-- and the org annotations; failing those, one to three capitalised words
-- right at the verb (“...,” McIvor said).
--
-- Not quotes: names, titles and slogans in quotation marks (title case:
-- “Made in China 2025”, “Vision and Actions”; a known slogan: “new era”,
-- “dual circulation”; a diplomatic formula naming a relationship: “new
-- era of comprehensive and strategic partnership”: a name, as the
-- guidelines' “new era” is, even after a verb of saying; the gold's
-- decision 33); a term
-- introduced as one (the so-called “X”, a term “X”, what they call “X”);
-- and short quotes of one to four words without a named speaker or after
-- "the" or a possessive (“internet of things”, China’s “military-civilian
-- integration”: labels nobody is said to say, the gold's decision 31).

local textmodel = require "quarry.textmodel"
local abbreviations = textmodel.abbreviations() -- data/abbreviations.txt
local names = require "lib.names"
local null = require("quarry").json.null

local find, sub, byte = string.find, string.sub, string.byte

-- Slogans and set phrases of politics and policy written in quotation
-- marks as names (compared in lower case, without end punctuation).
local slogans = names.set {
  "new era", "new normal", "made in china", "made in china 2025", "digital silk road",
  "belt and road", "one belt, one road", "one belt one road", "chinese dream", "china dream",
  "common prosperity", "dual circulation", "win-win", "win-win cooperation",
  "community with a shared future", "community with a shared future for mankind",
  "community of common destiny", "community of shared future", "peaceful rise",
  "peaceful development", "healthy silk road", "polar silk road", "space silk road",
  "great firewall", "wolf warrior", "decoupling", "de-risking", "derisking",
  "small yard, high fence", "no limits", "sovereign internet", "technological sovereignty",
  "digital sovereignty", "tech sovereignty", "strategic autonomy", "military-civil fusion",
  "civil-military fusion", "internet plus", "america first", "make america great again",
  "make in india", "digital india", "reform and opening up", "reform and opening-up",
  "socialism with chinese characteristics", "xi jinping thought", "core interests",
  "red lines", "red line", "comprehensive strategic partnership", "new quality productive forces",
  "going out", "go global", "thousand talents", "one china", "one country, two systems",
  "pivot to asia", "rebalance", "reset", "turn to the east", "pivot to the east",
  "friendshoring", "friend-shoring", "nearshoring", "reshoring", "chip war", "tech war",
  "trade war", "cold war", "new cold war", "digital economy", "smart city", "safe city",
  "internet of things", "industry 4.0", "fourth industrial revolution", "global south",
}

-- Words after which a quoted phrase is a term being named, not a quote.
local label_words = names.set {
  "so-called", "called", "call", "calls", "dubbed", "dub", "termed", "term", "terms",
  "named", "titled", "entitled", "labelled", "labeled", "label", "slogan", "motto", "phrase",
  "word", "words", "concept", "notion", "idea", "brand", "branded", "nicknamed", "known",
  "coined", "hashtag", "banner", "campaign", "programme", "program", "project", "plan",
  "strategy", "initiative", "policy", "doctrine", "theory",
}

-- Heads of a diplomatic formula: a quoted noun phrase ending in one of
-- these names a relationship, so it is a name, not speech (the gold's
-- decision 33).
local formula_heads = names.set {
  "partnership", "relationship", "relations", "cooperation", "friendship", "alliance", "era",
  "entente", "ties", "community", "coordination", "neighbourliness", "neighborliness",
}

-- Words not counted when telling a title in title case.
local minor = names.set {
  "a", "an", "the", "of", "and", "or", "for", "in", "on", "at", "to", "by", "with", "from",
  "between", "into", "&", "de", "la", "du", "von", "vs", "vs.", "v",
}

-- Verbs that attribute words to a speaker.
local verb_list = {
  "said", "says", "say", "added", "adds", "told", "tells", "stated", "states", "wrote",
  "writes", "noted", "notes", "explained", "explains", "argued", "argues", "warned", "warns",
  "continued", "insisted", "insists", "concluded", "remarked", "asked", "asks", "replied",
  "declared", "declares", "stressed", "stresses", "emphasised", "emphasized", "recalled",
  "commented", "observed", "acknowledged", "admitted", "claimed", "claims", "suggested",
  "predicted", "reckoned", "reckons", "believes", "tweeted", "posted", "announced", "spoke",
  "speaking", "marvelled", "marveled", "joked", "wondered",
  "cautioned", "conceded", "maintained", "reads", "read", "quoted", "quoting", "urged",
  "answered", "responded", "agreed", "pointed", "put", "described", "called", "insisting",
  "adding", "saying", "telling", "writing", "noting", "warning", "arguing", "explaining",
  "quipped", "exclaimed", "shouted", "whispered", "countered", "retorted", "affirmed",
  "assured", "vowed", "revealed", "elaborated", "recounted",
}
local verbs = names.set(verb_list)

local pronouns = names.set { "he", "she", "they", "He", "She", "They" }

-- Words that start a clause after a closing mark, where the words are not
-- the subject of a verb of saying: "”, but declined to say", "” as he said".
local clause_words = names.set {
  "but", "and", "or", "which", "while", "as", "after", "before", "when", "if", "because",
  "so", "then", "though", "although", "where", "who", "that", "to", "in", "on", "at", "for",
  "with", "by", "from", "into", "than", "since", "until", "unless", "whether", "of",
}

---------------------------------------------------------------------------
-- Paragraphs and marks

-- The paragraphs of the text: {s, e} 1-based, inclusive, trimmed of
-- blank space: the text model's (a blank line or a line break that does
-- not only wrap wire copy ends one).
local function paragraphs(text)
  local list = {}
  for _, start, stop in textmodel.of(text):paragraphs() do
    list[#list + 1] = { s = start + 1, e = stop }
  end
  return list
end

local OPEN_DOUBLE, CLOSE_DOUBLE = "\226\128\156", "\226\128\157"   -- “ ”
local OPEN_SINGLE, CLOSE_SINGLE = "\226\128\152", "\226\128\153"   -- ‘ ’
local OPEN_GUILLEMET, CLOSE_GUILLEMET = "\194\171", "\194\187"     -- « »

local function is_space(c) return c == "" or find(c, "^[%s]") ~= nil end
local function is_letter(c) return c ~= "" and find(c, "^[%w\128-\255]") ~= nil end

-- The quotation marks of a paragraph in order: {at, len, family, role}
-- with role "open", "close" or "either" (straight quotes).
local function marks(text, s, e)
  local list = {}
  local i = s
  local body = sub(text, s, e)
  while true do
    local at = find(body, "[\"\226\194]", i - s + 1)
    if not at then break end
    at = at + s - 1
    local c = byte(text, at)
    local len, family, role = 1, nil, nil
    local seq = sub(text, at, at + 2)
    if c == 34 then
      family, role = "double", "either"
    elseif seq == OPEN_DOUBLE then
      len, family, role = 3, "double", "open"
    elseif seq == CLOSE_DOUBLE then
      len, family, role = 3, "double", "close"
    elseif seq == OPEN_SINGLE then
      len, family, role = 3, "single", "open"
    elseif seq == CLOSE_SINGLE then
      len, family, role = 3, "single", "close"
    elseif sub(seq, 1, 2) == OPEN_GUILLEMET then
      len, family, role = 2, "double", "open"
    elseif sub(seq, 1, 2) == CLOSE_GUILLEMET then
      len, family, role = 2, "double", "close"
    end
    if family then
      local before = at > s and sub(text, at - 1, at - 1) or ""
      local after = at + len <= e and sub(text, at + len, at + len) or ""
      local space_before = is_space(before) or find(before, "^[%(%[{/]") ~= nil
        or at > s and find(sub(text, at - 3, at - 1), "^\226\128[\147\148]$") ~= nil -- – —
      local space_after = is_space(after) or find(after, "^[%.,;:!%?%)]") ~= nil
      if role == "either" then
        if space_before and not space_after then role = "open"
        elseif space_after and not space_before then role = "close" end
      elseif role == "open" and space_after and not space_before then
        role = "close" -- a closing quote typed as an opening one
      elseif role == "close" and family == "double" and space_before and not space_after then
        role = "open"
      end
      if family == "single" then
        -- ’ is mostly an apostrophe: a closing quote only before a non-letter
        if role == "close" and (is_letter(after) or is_space(before)) then family = nil end
        if role == "open" and not space_before then family = nil end
      end
      if family then list[#list + 1] = { at = at, len = len, family = family, role = role } end
    end
    i = at + len
  end
  return list
end

-- Whether only blank space or a bullet comes before position at in the
-- paragraph starting at s, or the end of a sentence or a colon.
local function opens_paragraph(text, s, at)
  local word = find(text, "[%w\195-\213]", s) -- not bullets, dashes or spaces
  return not word or word >= at
end
local function opens_sentence(text, s, at)
  if opens_paragraph(text, s, at) then return true end
  local before = sub(text, math.max(s, at - 6), at - 1)
  return find(before, "[%.!%?:][\226\128\157\"')%]]*%s+$") ~= nil
end

-- The quotes of one paragraph: {s, e, open, close, unclosed, para}.
-- continued: the next paragraph opens with a double quotation mark, so a
-- quote left open at the end of this one runs on into it.
local function paragraph_quotes(text, para, index, out, continued)
  local s, e = para.s, para.e
  local list = marks(text, s, e)
  local open_double, open_single
  local function emit(open, close_at)
    local a, b = open.at + open.len, (close_at or e + 1) - 1
    while a <= b and find(sub(text, a, a), "%s") do a = a + 1 end
    while b >= a and find(sub(text, b, b), "%s") do b = b - 1 end
    if b >= a then
      out[#out + 1] = { s = a, e = b, open = open.at, close = close_at, para = index,
                        unclosed = close_at == nil }
    end
  end
  for _, m in ipairs(list) do
    if m.family == "double" then
      if open_double and (m.role == "close" or m.role == "either") then
        emit(open_double, m.at)
        open_double, open_single = nil, nil
      elseif m.role == "open" or m.role == "either" then
        open_double, open_single = m, nil -- an earlier unclosed one is dropped
      end
    elseif not open_double then
      if open_single and m.role == "close" then
        emit(open_single, m.at)
        open_single = nil
      elseif m.role == "open" then
        open_single = m
      end
    end
  end
  -- a quote that runs to the end of its paragraph
  if open_double and (continued or opens_sentence(text, s, open_double.at)) then
    emit(open_double, nil)
  end
end

---------------------------------------------------------------------------
-- What a quote looks like

-- What the words of a quote say about it, in one pass that stops early:
-- how many there are (exact up to 9), whether it is in title case (every
-- word but the minor ones capitalised or a number), and its last word
-- (when there are no more than 9).
local function shape(content)
  local count, content_words, lower_seen, last = 0, 0, false, nil
  for w in content:gmatch("[^%s]+") do
    if find(w, "[%w\128-\255]") then
      count = count + 1
      last = w
      if not lower_seen then
        local bare = w:match("^%p*(.-)%p*$")
        if bare ~= "" and not minor[bare:lower()] then
          content_words = content_words + 1
          if not find(bare, "^[%u%d\195-\197]") then lower_seen = true end
        end
      end
      if lower_seen and count > 9 then break end
    end
  end
  return count, not lower_seen and content_words > 0, count <= 9 and last or nil
end

-- A short quote in lower case without the punctuation around it.
local function bare_lower(content)
  if #content > 80 then return "" end
  local bare = content:lower():gsub("^[%p%s]+", "")
  local last = #bare
  while last > 0 and find(sub(bare, last, last), "[%p%s]") do last = last - 1 end
  return sub(bare, 1, last)
end

-- A diplomatic formula: a noun phrase of a few words, no sentence in it,
-- starting in lower case and ending in a word for a relationship.
local function formula(content, count, last)
  if count > 8 or not last or find(content, "[%.!%?;:]") or not find(content, "^%l") then
    return false
  end
  return formula_heads[last:lower():gsub("%p+$", "")] == true
end

-- The word before position at (lower case), skipping spaces.
local function word_before(text, at, from)
  local e = at - 1
  local c = byte(text, e)
  while e >= from and (c == 32 or c == 10 or c == 9 or c == 13) do e = e - 1; c = byte(text, e) end
  local b = e
  while b >= from and c and (c >= 97 and c <= 122 or c >= 65 and c <= 90 or c == 45) do
    b = b - 1
    c = byte(text, b)
  end
  if b == e then return nil end
  return sub(text, b + 1, e)
end

-- Where the sentence holding position at starts (the text model's
-- sentences), at the paragraph start s at the earliest; 1-based.
local function sentence_start(text, s, at)
  local start = textmodel.of(text):sentence(at - 1)
  return start and math.max(s, start + 1) or s
end

---------------------------------------------------------------------------
-- Speakers

-- A name of one to three capitalised words (or acronyms) that no rule
-- found, ending right before position b+1 (after blank space or a comma),
-- or starting right at a and ending before punctuation: “...,” McIvor
-- said; said USAir. Not a pronoun or a word that is no part of a name.
local prepositions = names.set {
  "of", "after", "before", "in", "at", "on", "during", "when", "while", "to", "as", "from",
  "with", "for", "by", "in", "about", "and", "who", "adding", "according",
}
-- Small words inside an office's title: "Secretary of State for ...".
local title_glue = names.set { "of", "for", "and", "the", "on", "to", "in" }
-- Nouns by which a text refers back to an organisation it named:
-- "Honeybee Inc said ... “...,” the company said".
local ORG_NOUNS = names.set { "company", "firm", "group", "bank", "agency", "ministry",
  "commission", "council", "committee", "corporation", "institute", "university", "party",
  "airline", "carrier", "union", "organisation", "organization", "association", "board",
  "fund", "exchange", "newspaper", "utility", "insurer", "lender", "automaker", "carmaker",
  "chipmaker", "retailer", "manufacturer", "operator", "developer", "studio" }
-- lower-case words a person's description may hold between the verb and
-- the name: "said study co-author and Royal Society Research Fellow X"
local description_words = names.set { "study", "senior", "former", "deputy", "acting", "lead",
                                      "principal", "then", "current", "chief", "its", "his", "her" }
local function name_word(w)
  return w ~= nil and find(w, "^%u[%w%.&'-]*$") ~= nil and not names.stop[w] and not pronouns[w]
end
local function name_run_before(text, a, b)
  local e = b
  local c = byte(text, e)
  while e >= a and (c == 32 or c == 44 or c == 10) do e = e - 1; c = byte(text, e) end
  local words, last_start = 0, nil
  local pos = e
  while words < 3 do
    local s = pos
    while s >= a and find(sub(text, s, s), "[%w%.&'-]") do s = s - 1 end
    local w = sub(text, s + 1, pos)
    if not name_word(w) then break end
    words, last_start = words + 1, s + 1
    if sub(text, s, s) ~= " " then break end
    pos = s - 1
  end
  if words == 0 then return nil end
  -- more than three capitalised words: a title or a headline
  if name_word(word_before(text, last_start, a)) then return nil end
  return sub(text, last_start, e)
end
local function name_run_after(text, a, b)
  local s = find(text, "[^%s]", a)
  if not s or s > b then return nil end
  local e, words = nil, 0
  local pos = s
  while words < 3 do
    local stop = find(text, "[^%w%.&'-]", pos) or #text + 1
    local w = sub(text, pos, stop - 1):gsub("%.$", "")
    if not name_word(w) then break end
    words, e = words + 1, pos + #w - 1
    if sub(text, stop, stop) ~= " " or not find(sub(text, stop + 1, stop + 1), "%u") then break end
    pos = stop + 1
  end
  if words == 0 then return nil end
  local rest = sub(text, e + 1, e + 1)
  if rest ~= "" and not find(rest, "[%.,;:%s]") then return nil end
  local next_word = sub(text, e + 1, e + 16):match("^ (%l+)")
  if next_word and not prepositions[next_word] then
    return nil -- "said Chrysler planned ...", not "said Kosgei after the race"
  end
  return sub(text, s, e)
end

-- Sorted annotations: those starting in [a, b) (0-based, end exclusive).
local function starting_in(list, a, b)
  local out = {}
  for _, x in ipairs(list) do
    if x.start >= b then break end
    if x.start >= a then out[#out + 1] = x end
  end
  return out
end

local function speaker_name(x)
  if x.type == "person" or x.type == "org" then
    return x.value and x.value.name or x.text
  end
end

-- The first verb of saying in text s..e (1-based): its position (start,
-- end) and the verb. "according to" counts as one.
local function first_verb(text, s, e)
  local pos = s
  while pos <= e do
    local a, b, w = find(text, "([%a]+)", pos)
    if not a or a > e then return nil end
    if verbs[w] then return a, b, w end
    if (w == "according" or w == "According") and find(text, "^%s+to%f[%A]", b + 1) then
      local _, to_end = find(text, "^%s+to", b + 1)
      return a, to_end, "according to"
    end
    pos = b + 1
  end
end

local function last_verb(text, s, e)
  local found_a, found_b, found_w
  local pos = s
  while true do
    local a, b, w = first_verb(text, pos, e)
    if not a then break end
    found_a, found_b, found_w = a, b, w
    pos = b + 1
  end
  return found_a, found_b, found_w
end

local function build(doc, found, emit)
  local text = doc.text
  if not find(text, '"', 1, true) and not find(text, "\226\128[\152\156]")
     and not find(text, "\194\171", 1, true) then
    return
  end

  local entities = {}
  for _, t in ipairs({ "person", "org" }) do
    for _, x in ipairs(found(t)) do entities[#entities + 1] = x end
  end
  table.sort(entities, function(a, b) return a.start < b.start end)
  local persons = found("person")

  local paras = paragraphs(text)
  -- the start of the paragraph holding position at (1-based)
  local function para_start_of(at)
    local lo, hi, best = 1, #paras, 1
    while lo <= hi do
      local mid = (lo + hi) // 2
      if paras[mid].s <= at then best = paras[mid].s; lo = mid + 1 else hi = mid - 1 end
    end
    return best
  end
  local quotes = {}
  -- only paragraphs with a quotation mark (or an apostrophe) in them
  local next_mark = find(text, "[\"\226\194]")
  for i, para in ipairs(paras) do
    if next_mark and next_mark < para.s then next_mark = find(text, "[\"\226\194]", para.s) end
    if not next_mark then break end
    if next_mark <= para.e then
      local following = paras[i + 1]
      local opener = following and sub(text, following.s, following.s + 2)
      local continued = opener ~= nil and (opener == OPEN_DOUBLE or byte(opener) == 34
        or sub(opener, 1, 2) == OPEN_GUILLEMET)
      paragraph_quotes(text, para, i, quotes, continued)
      next_mark = find(text, "[\"\226\194]", para.e + 1)
    end
  end
  if #quotes == 0 then return end

  local last_speaker -- the last named speaker, for "she added"

  -- A pronoun's speaker: of the people named before it in its paragraph,
  -- the last one that opens a sentence ("Pelosi called Trump's conduct
  -- ... “...” she announced"), else the last one; else the last named
  -- speaker, who is the one still talking (the gold's decision 38), else
  -- the person named last before it.
  local function opens_clause(x)
    local head = sub(text, math.max(para_start_of(x.start + 1), x.start - 40), x.start)
    return not find(head, "[%l%d]") or find(head, "[%.!%?]%s+[%u%l ]*$") ~= nil
  end
  local function pronoun_speaker(at, para)
    local in_para = starting_in(persons, para.s - 1, at - 1)
    for k = #in_para, 1, -1 do
      if opens_clause(in_para[k]) then return speaker_name(in_para[k]) end
    end
    if #in_para > 0 then return speaker_name(in_para[#in_para]) end
    if last_speaker then return last_speaker end
    local best
    for _, p in ipairs(persons) do
      if p.start < at then best = p else break end
    end
    return best and speaker_name(best)
  end

  -- The speaker among candidates in text[a..b] before a verb: the subject
  -- with a role in apposition ("Li Lifan, a professor at ..., said"), the
  -- one right before the verb, or the one the clause opens with ("X, the
  -- president of ..., explained the decision saying"; first for a
  -- participle, whose subject is the clause's).
  local function candidate_before(list, a, b, participle)
    local function subject()
      local x = list[1]
      if x and x["end"] <= b and not find(sub(text, a, x.start), "[%w\195-\213]")
         and not find(sub(text, x["end"] + 1, b), "[%.;]%s") then
        return x
      end
    end
    if participle then
      local x = subject()
      if x then return x end
    end
    for _, x in ipairs(list) do
      local between = sub(text, x["end"] + 1, b)
      if x["end"] <= b and #between <= 200 and find(between, "^%s*,.*,%s*$")
         and not find(between, "[%.;]%s") then
        return x
      end
    end
    local x = list[#list]
    if x and x["end"] <= b then
      local between = sub(text, x["end"] + 1, b)
      if not find(between, "[%.;]") and #between <= 60 then return x end
    end
    return subject()
  end

  -- The speaker in text[a..b] before a verb: a person (before an
  -- organisation: "Chris Wright, the CTO of Red Hat, said"), else an
  -- organisation, else a pronoun, else a name nobody found. Returns found,
  -- name.
  -- "the archbishop said": the person named last before `at` with that
  -- role just before the name ("archbishop Jorge Scheinig", "Defence
  -- Minister X"), or nil.
  local orgs = found("org")
  local function role_speaker(role, at)
    if ORG_NOUNS[role] then
      -- "the company said": the organisation that last spoke or acted
      -- before it (named before a verb: "Honeybee Inc said", "USAir
      -- rejected"), not one named in passing ("told Reuters")
      for k = #orgs, 1, -1 do
        local o = orgs[k]
        if o["end"] <= at then
          local after = sub(text, o["end"] + 1, o["end"] + 30):lower()
          if find(after, "^%s*,?%s*%a*%s*said%f[%A]") or find(after, "^%s+says%f[%A]")
             or find(after, "^%s+announced%f[%A]") or find(after, "^%s+stated%f[%A]")
             or find(after, "^%s+reported%f[%A]") then
            return speaker_name(o)
          end
        end
      end
      return nil
    end
    if not names.is_role(role) then return nil end
    for k = #persons, 1, -1 do
      local p = persons[k]
      if p.start < at then
        local before = sub(text, math.max(1, p.start - 40), p.start):lower()
        -- (the role right before the name: "minister Rajnath Singh",
        -- "the spokesman, X"; not "an aide to Lyng")
        if find(before, "%f[%a]" .. role .. ",?%s+$") then return speaker_name(p) end
      end
    end
    return nil
  end

  local function entity_before(a, b, para, participle)
    local x = candidate_before(starting_in(persons, a - 1, b), a, b, participle)
      or candidate_before(starting_in(entities, a - 1, b), a, b, participle)
    if x then return true, speaker_name(x) end
    local word = word_before(text, b + 1, a)
    if word and pronouns[word] then return true, pronoun_speaker(b, para) end
    if word == "It" and find(sub(text, a, b), "^%s*It%s*$") then
      -- "It read, “...”" (a sentence of its own before the quote; after
      -- one, "it said" goes by the speakers): the organisation named last
      -- in the paragraph
      local orgs = starting_in(found("org"), para.s - 1, b)
      if #orgs > 0 then return true, speaker_name(orgs[#orgs]) end
    end
    local first = text:match("^[%s,]*(%a+)", a)
    if first and pronouns[first] and not find(sub(text, a, b), "[%.;]%s") then
      return true, pronoun_speaker(a, para) -- "She went on to say, “...”"
    end
    local role = sub(text, a, b):lower():match("%f[%a]the%s+([%a%-]+)%s*$")
    if role then
      local who = role_speaker(role, a)
      if who then return true, who end
    end
    -- a name nobody found, right before the verb: “...,” Ketchum said
    local run = name_run_before(text, a, b)
    if run then return true, run end
    return false
  end
  -- The speaker right after a verb in text[a..b]: "said Xi", "said Russian
  -- President Vladimir Putin", "said he".
  local function entity_after(a, b, para)
    local head = sub(text, a, b)
    local pronoun = head:match("^%s*(%a+)")
    if pronoun and pronouns[pronoun] then return true, pronoun_speaker(a, para) end
    local list = starting_in(entities, a - 1, b)
    local x = list[1]
    if x then
      -- (a title's full stop is no sentence's: "according to Dr. X")
      local between = sub(text, a, x.start):gsub("(%a+)%.", function(w)
        if abbreviations:has(w) then return w end
      end)
      -- a long title may stand between: "said Under Secretary of
      -- Commerce for Industry and Security Alan Estevez"
      local title = #between <= 120
      local is_person = x.type == "person"
      for word in between:gmatch("%a[%a%-]*") do
        if not find(word, "^%u") and not title_glue[word]
           and not (is_person and (names.is_role(word) or description_words[word])) then
          title = false; break
        end
      end
      if not find(between, "[%.;,:]") and (#between <= 50 or title) then return true, speaker_name(x) end
    end
    local role = head:lower():match("^%s*the%s+([%a%-]+)%s*[,%.;:]") or head:lower():match("^%s*the%s+([%a%-]+)%s*$")
    if role then
      local who = role_speaker(role, a)
      if who then return true, who end
    end
    local run = name_run_after(text, a, b)
    if run then return true, run end
    return false
  end

  -- 1. after the closing mark: “...,” said X / “...,” X said / “...,” a
  -- spokeswoman said. The verb comes within a few words, and the words
  -- before it are its subject, not a clause ("”, but declined to say").
  local function after_quote(q)
    if not q.close then return false end
    local para = paras[q.para]
    local a = q.close + 3
    if byte(text, q.close) == 34 then a = q.close + 1 end
    if sub(text, q.close, q.close + 1) == CLOSE_GUILLEMET then a = q.close + 2 end
    if a > para.e then return false end
    local stop = math.min(para.e, a + 160)
    local sentence_end = find(text, "[%.!%?;]%s", a)
    if sentence_end and sentence_end < stop then stop = sentence_end end
    local va, vb, verb = first_verb(text, a, stop)
    if not va then return false end
    local between = sub(text, a, va - 1)
    -- a speaker with a role in apposition may take longer: “...,” Mariana
    -- Costa Ribeiro, secretary for digital policy at the Ministry of ...
    -- (MCTI), told ...; an acronym in brackets is part of the role
    local appositive = find(between, "^%s*%u[^,]*,.*,%s*$") ~= nil
    if va - a > (appositive and 160 or 100) then return false end
    if find((between:gsub("%(%u[%w%.&-]*%)", "")), "[%(\"\226:]") then return false end
    local first = between:match("^[,%s]*(%a+)")
    if first and clause_words[first] then return false end
    if not first or verb == "according to" then
      local ok, name = entity_after(vb + 1, math.min(stop, vb + 80), para)
      if ok then return true, name, verb == "according to" end
      return true, nil
    end
    -- after a quote that ends its sentence, the words that follow are a
    -- new sentence unless they are no more than a speaker and a verb that
    -- ends there: “...” Johnson said. / “...” she added in a statement
    -- (not “...” Trump continued his claims / The study found ...)
    local last = sub(text, q.e, q.e)
    if last == "." or last == "!" or last == "?" then
      local next_word = text:match("^%s+(%a+)", vb + 1)
      local ends_there = find(text, "^%s*[%.,;:!%?]", vb + 1) or verb == "told"
        or next_word and prepositions[next_word]
      if not ends_there or find(between, ",.*,") then return false end
    end
    local ok, name = entity_before(a, va - 1, para)
    if ok then return true, name end
    if last == "." or last == "!" or last == "?" then return false end
    return true, nil
  end

  -- 2. before the opening mark, in the same sentence: X said: “...” /
  -- according to X, “...” / X, a professor, said ... a “common interest”.
  -- (open_at, para_index) may stand for the end of another paragraph.
  local function before_quote(open_at, para_index)
    local para = paras[para_index]
    local from = sentence_start(text, para.s, open_at)
    if from >= open_at then return false end
    local va, vb, verb = last_verb(text, from, open_at - 1)
    if not va then return false end
    if verb == "according to" then
      local ok, name = entity_after(vb + 1, open_at - 1, para)
      if ok then return true, name end
      return true, nil
    end
    local ok, name = entity_before(from, va - 1, para, verb:sub(-3) == "ing")
    if ok then return true, name end
    ok, name = entity_after(vb + 1, open_at - 1, para)
    if ok then return true, name end
    return true, nil
  end

  -- which quotes are quotes, and the speakers their own sentences give
  for _, q in ipairs(quotes) do
    local content = sub(text, q.s, q.e)
    local count, titled, last = shape(content)
    local para = paras[q.para]
    local keep = count > 0
    local bare = bare_lower(content)
    if keep and (titled or slogans[bare] or slogans[bare:gsub("^the ", "")]
                 or formula(content, count, last)) then
      keep = false
    end
    local before_word = keep and word_before(text, q.open, para.s)
    if keep and before_word and label_words[before_word:lower()] then keep = false end
    q.short = count <= 4
    -- after "the" or a possessive: the “new era”, China’s “military-civil fusion”
    local pre = sub(text, math.max(1, q.open - 6), q.open - 1)
    local definite = before_word == "the" or before_word == "The"
      or find(pre, "%a's%s$") or find(pre, "%a\226\128\153s%s$") or find(pre, "s'%s$")
      or find(pre, "s\226\128\153%s$")
    if keep and q.short and definite then keep = false end
    q.keep = keep
    q.opens_paragraph = opens_paragraph(text, para.s, q.open)
    if keep then
      local weak
      q.attributed, q.speaker, weak = after_quote(q)
      if weak then
        -- “...,” according to NBC: a source, unless the sentence names a speaker
        local ok, speaker = before_quote(q.open, q.para)
        if ok and speaker then q.speaker = speaker end
      elseif not q.attributed then
        q.attributed, q.speaker = before_quote(q.open, q.para)
      end
      if q.speaker then last_speaker = q.speaker end
    end
  end

  -- quotes that run on over paragraphs: each with the one before it
  -- (and each with the quote before it in its own paragraph)
  local previous_in_para = {}
  for _, q in ipairs(quotes) do
    if q.keep then
      local prev = previous_in_para[q.para - 1]
      if q.opens_paragraph and prev then q.continues = prev; prev.continued_by = q end
      q.earlier = previous_in_para[q.para]
      previous_in_para[q.para] = q
    end
  end

  -- the speaker of a chain of paragraphs: the first one a member names
  local function chain_speaker(q)
    local head = q
    while head.continues and not head.attributed do head = head.continues end
    if head.attributed then return true, head.speaker end
    local tail = q
    while tail.unclosed and tail.continued_by do
      tail = tail.continued_by
      if tail.attributed then return true, tail.speaker end
    end
    return false
  end

  for _, q in ipairs(quotes) do
    if q.keep then
      local para = paras[q.para]
      local attributed, speaker = q.attributed, q.speaker
      if not attributed then attributed, speaker = chain_speaker(q) end
      if not attributed and q.opens_paragraph then
        -- 3. the paragraph before ends with a colon (a bullet list between)
        local k = q.para - 1
        while k >= 1 and find(sub(text, paras[k].s, paras[k].s + 2), "^[\226%*%-\194]")
              and not find(sub(text, paras[k].s, paras[k].s + 2), "^\226\128[\156\152]") do
          k = k - 1
        end
        local prev = paras[k]
        if prev and sub(text, prev.e, prev.e) == ":" then
          attributed, speaker = before_quote(prev.e + 1, k)
        end
      end
      local starts_sentence = opens_sentence(text, para.s, q.open)
      if not attributed and not starts_sentence and not q.short then
        -- 4. a quote inside a sentence that names a person before it: its
        -- subject ("Romney described it as “unthinkable and unacceptable.”");
        -- a short one needs a verb of saying, else it is a term quoted, not
        -- speech (the gold's decision 31)
        local from = sentence_start(text, para.s, q.open)
        local list = starting_in(persons, from - 1, q.open - 1)
        if #list > 0 then attributed, speaker = true, speaker_name(list[1]) end
      end
      if not attributed and starts_sentence and q.earlier and q.earlier.attributed then
        -- 5. the speaker of the quote before it in the paragraph: “...,”
        -- said X. “...”
        attributed, speaker = true, q.earlier.speaker
      end
      if not attributed and starts_sentence then
        -- 6. the person last named in the paragraph, or in the paragraph
        -- before one that opens with the quote ("X, a professor, said the
        -- plan was late.⏎⏎“...”")
        local list = starting_in(persons, para.s - 1, q.open - 1)
        if #list == 0 and q.opens_paragraph and q.para > 1 then
          local prev = paras[q.para - 1]
          if first_verb(text, prev.s, prev.e) then list = starting_in(persons, prev.s - 1, prev.e) end
        end
        if #list > 0 then attributed, speaker = true, speaker_name(list[#list]) end
      end
      if q.short and not speaker then q.keep = false end
      -- what was found here counts for the paragraphs that continue it
      q.speaker, q.attributed = speaker, attributed
    end
  end
  for _, q in ipairs(quotes) do
    if q.keep then emit(q.s - 1, q.e, { speaker = q.speaker or null }) end
  end
end

return {
  name = "quote",
  type = "quote",
  description = "direct quotations in quotation marks, with the person or organisation quoted",
  needs = { "person", "org" },
  order = 5,
  apply = build,
  examples = {
    { "Steppe Wire Ltd said it would raise prices.\n\n“Costs rose in every quarter,” the company said.",
      find = { { "Costs rose in every quarter,", { speaker = "Steppe Wire Ltd" } } } },
    { "Energy Minister Aida Sultanova opened the line. “It will carry power by May,” the minister said.",
      find = { { "It will carry power by May,", { speaker = "Aida Sultanova" } } } },
    { "The Steppe Grid Authority issued a statement on Monday. It read, “The line will open in May.”",
      find = { { "The line will open in May.", { speaker = "Steppe Grid Authority" } } } },
    { "“The coating cuts the water used,” said study co-author and Senior Research Fellow Jane Okafor.",
      find = { { "The coating cuts the water used,", { speaker = "Jane Okafor" } } } },
    { "“We will build the plant next year,” said Mr Haddad, the company’s chairman.",
      find = { { "We will build the plant next year,", { speaker = "Haddad" } } } },
    { "Nadia Haddad, who runs the lab, spoke first.\n\n“Costs are falling fast,” she added.",
      find = { { "Costs are falling fast,", { speaker = "Nadia Haddad" } } } },
    { "Oleg Petrenko, head of the lab, said the reactor posed a “serious risk” to staff.",
      find = { { "serious risk", { speaker = "Oleg Petrenko" } } } },
    { "Vladimir Putin said: \"Our cooperation will grow in every field we have named.\"",
      find = { { "Our cooperation will grow in every field we have named.",
                 { speaker = "Vladimir Putin" } } } },
    { "“The first part runs on,” said Professor Ito.\n\n“Then a second paragraph follows.\n\n“And a third ends it.”",
      find = { { "The first part runs on,", { speaker = "Ito" } },
               { "Then a second paragraph follows.", { speaker = "Ito" } },
               { "And a third ends it.", { speaker = "Ito" } } } },
    { "Sales fell in March.\n\n\"We expect a better second half,\" McIvor said.",
      find = { { "We expect a better second half,", { speaker = "McIvor" } } } },
    { "According to Dr. Sara Lind, who runs the lab, \"Costs fell. They will fall again.\n\n\"Prices follow.\"",
      find = { { "Costs fell. They will fall again.", { speaker = "Sara Lind" } },
               { "Prices follow.", { speaker = "Sara Lind" } } } },
    { "Mia Lund, an analyst, wrote in a note:\n\n“Prices will rise. Supply is short.\n\n“Plan for it now.”",
      find = { { "Prices will rise. Supply is short.", { speaker = "Mia Lund" } },
               { "Plan for it now.", { speaker = "Mia Lund" } } } },
    { "“We have scale,” Ana Costa Lima, head of policy at the Ministry of Science, Technology and Innovation (MCTI), told reporters.",
      find = { { "We have scale,", { speaker = "Ana Costa Lima" } } } },
    { "A notice on the door read: “The archive is closed until further notice.”",
      find = { { "The archive is closed until further notice.", { speaker = null } } } },
  },
  counterexamples = {
    "The plan, called “Made in China 2025”, set targets.",
    "Officials call it “technological sovereignty” these days.",
    "the “internet of things” and other fields",
    "relations had entered a “new era of comprehensive and strategic partnership” in June",
    "Observers say the firms export “next generation surveillance systems” abroad.",
    "China’s “military-civilian integration” strategy",
    "It joined the ‘Belt-Road Initiative’ (BRI) early.",
  },
}
