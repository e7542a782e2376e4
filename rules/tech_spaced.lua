-- tech_spaced.lua: the multi-word forms of the tech taxonomy where the
-- text puts something other than one plain space, line break or tab
-- between the words (those the gazetteer matcher reads as a space, so rule
-- tech finds "artificial\nintelligence" itself): a line break with the
-- next line indented, a non-breaking space ("Beidou navigation satellite
-- system" with U+00A0), a thin space or two spaces. Rule tech misses these; this rule gives the text around such white
-- space to the same matcher with each such run made one space, and maps
-- what it finds back to the text. Same gazetteer, same checks
-- (lib/tech.lua), same values; where both rules find a mention the longer
-- one stands. A blank line is never crossed.

local lpeg = require "lpeg"
local text = require "lib.text"
local tech = require "lib.tech"
local P, S, Cp, Ct, Cs = lpeg.P, lpeg.S, lpeg.Cp, lpeg.Ct, lpeg.Cs

local white = S" \t\r\n" + text.nbsp + text.thin_space
local odd_white = S"\t\r\n" + text.nbsp + text.thin_space
-- a run of white space that is not a single plain space
local odd_run = #(P" " ^ -1 * odd_white + P"  ") * white ^ 1
-- the text with each odd run made one space (LPeg does the copying)
local plain_spaces = Cs(((odd_run / " ") + (1 - white) ^ 1 + 1) ^ 0)
-- the odd runs: start, after, start, after, ... (1-based)
local find_odd = Ct(((Cp() * odd_run * Cp()) + (1 - white) ^ 1 + 1) ^ 0)

-- A function from the 0-based offset of a character in the text with
-- plain spaces to its offset in the text (built only for the documents
-- where the matcher finds something).
local function offsets(s)
  local runs = lpeg.match(find_odd, s)
  local norm_start, shift = {}, {} -- per run: where its space is; bytes removed up to its end
  local removed = 0
  for k = 1, #runs, 2 do
    norm_start[#norm_start + 1] = runs[k] - 1 - removed
    removed = removed + (runs[k + 1] - runs[k]) - 1
    shift[#shift + 1] = removed
  end
  return function(p)
    local lo, hi = 1, #norm_start -- last run whose space is before p
    while lo <= hi do
      local mid = (lo + hi) // 2
      if norm_start[mid] < p then lo = mid + 1 else hi = mid - 1 end
    end
    return p + (shift[hi] or 0)
  end
end

-- Whether a mention crosses a blank line.
local function crosses_paragraph(mention)
  return mention:find("\n[ \t\r]*\n") ~= nil
end

return {
  name = "tech_spaced",
  type = "tech",
  description = "tech taxonomy forms split by a line break or an odd space",
  needs = {},
  apply = function(doc, found, emit)
    local s = doc.text
    local norm = lpeg.match(plain_spaces, s)
    if norm == s then return end
    local flat = tech.matcher:find_flat(norm)
    if #flat == 0 then return end
    local origin = offsets(s)
    for k = 1, #flat, 3 do
      local start, stop = origin(flat[k]), origin(flat[k + 1] - 1) + 1
      local mention = s:sub(start + 1, stop)
      -- only what the plain matcher cannot find: a mention with odd space
      if mention ~= norm:sub(flat[k] + 1, flat[k + 1]) and not crosses_paragraph(mention) then
        local entry = tech.entries[flat[k + 2]]
        local value = tech.value(entry, { text = mention, start = start, ["end"] = stop,
                                          subject = s, doc = doc })
        if value then emit(start, stop, value) end
      end
    end
  end,
  examples = {
    { "China\226\128\153s Beidou\194\160navigation satellite\194\160system is in use",
      "Beidou\194\160navigation satellite\194\160system", { field = "space" } },
    { "advances in artificial intelligence and machine\n    learning",
      "machine\n    learning", { field = "ai" } },
    { "a 5G network and  cloud  computing", "cloud  computing", { field = "cloud" } },
  },
  counterexamples = {
    "artificial intelligence on one line is rule tech's",
    "the end of the big\n\ndata paragraph",
    "the Artificial\nIntelligence Industry Alliance met",
  },
}
