-- person_known.lua: well-known people from the gazetteer
-- data/gazetteers/people.tsv (heads of state and government, ministers,
-- officials, founders and chief executives; see its header), found with or
-- without a cue: "Vladimir Putin", "Xi" → {name = "Xi Jinping"}. The
-- value is the canonical full name, also for a variant spelling or a short
-- form (the gold's decision 27: "Putin" is Vladimir Putin even where the
-- article never gives the full name).
--
-- A short form (kind "short") counts only where it stands alone: not in a
-- longer name ("Fred Trump", "Trump Tower", "Xi’an"), unless the line is a
-- headline in title case ("Xi, Putin Want China ..."). Entries of kind
-- "not" (firms and places that look like people's names) find nothing.

local names = require "lib.names"

return {
  name = "person_known",
  type = "person",
  description = "well-known people from data/gazetteers/people.tsv, by their canonical name",
  gazetteer = "people",
  priority = 1,
  inside = { "org" },
  value = function(entry, match)
    if entry.kind == "not" or not entry.name then return false end
    if entry.kind == "short" and names.runs_into_name(match.subject, match.start, match["end"]) then
      return false
    end
    return { name = entry.name }
  end,
  examples = {
    { "Talks between Vladimir Putin and his guest ran late.", "Vladimir Putin",
      { name = "Vladimir Putin" } },
    { "Xi said the two sides agreed.", "Xi", { name = "Xi Jinping" } },
    { "Xi, Putin Want China And Russia To Lead In Tech",
      find = { { "Xi", { name = "Xi Jinping" } }, { "Putin", { name = "Vladimir Putin" } } } },
    { "a call with Recep Tayyip Erdogan", "Recep Tayyip Erdogan",
      { name = "Recep Tayyip Erdoğan" } },
    { "Trump’s tariffs", "Trump", { name = "Donald Trump" } },
  },
  counterexamples = {
    "a forum in Xi’an on Monday",
    "Fred Trump built flats in Queens.",
    "lunch at Trump Tower",
    "Morgan Stanley said clients were buying.",
  },
}
