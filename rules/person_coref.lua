-- person_coref.lua: later (or earlier) short mentions of a person named in
-- full in the same document: "Artyom Lukin ... Lukin said" → {name =
-- "Artyom Lukin"}, "Pan Dawei ... said Pan" → "Pan Dawei" (Chinese,
-- Korean and Vietnamese names are shortened to their first word, the
-- surname; others to their last, or to the given name). Also repeats of
-- the full name where no cue marked it, and one-word names found after a
-- title ("Mr Lukin") get the full name.
--
-- A short form is read as the person only where it stands alone (not in a
-- longer name: "Peter Pan", "Lukin Street", "Pan-African"), not inside an
-- organisation's or a country's name, and where it could stand for two
-- people of the document, for the one named nearest before it (or after,
-- when none is named before).

local names = require "lib.names"
local lib_text = require "lib.text"

-- Sorted, non-overlapping spans: whether one of them overlaps a..b.
local function overlaps_any(spans, a, b)
  local lo, hi = 1, #spans
  while lo <= hi do
    local mid = (lo + hi) // 2
    local s = spans[mid]
    if s["end"] <= a then lo = mid + 1
    elseif s.start >= b then hi = mid - 1
    else return true end
  end
  return false
end

-- Who a short mention at `at` stands for among the candidates (full-name
-- mentions sharing the short form): the one named in full most often
-- before it, on a tie the one named first (the story's subject: a
-- relative or namesake introduced later is told apart by the given
-- name); when none is named before it, the first named after it.
local function nearest(candidates, at)
  local count, first = {}, {}
  local best, best_after
  for _, c in ipairs(candidates) do
    if c.at <= at then
      count[c.name] = (count[c.name] or 0) + 1
      if not first[c.name] or c.at < first[c.name] then first[c.name] = c.at end
    elseif not best_after or c.at < best_after.at then
      best_after = c
    end
  end
  for name, n in pairs(count) do
    if not best or n > count[best] or (n == count[best] and first[name] < first[best]) then
      best = name
    end
  end
  return best or best_after.name
end

local function resolve(doc, found, emit)
  local text = doc.text
  local persons = found("person")
  if #persons == 0 then return end

  -- full names, where each is mentioned, and the short forms they go by
  local surnames, given, full = {}, {}, {}
  local function note(map, key, name, at)
    local list = map[key]
    if not list then list = {}; map[key] = list end
    list[#list + 1] = { name = name, at = at }
  end
  for _, p in ipairs(persons) do
    local name = p.value and p.value.name
    if name and name:find(" ", 1, true) then
      local forms, first = names.short_forms(name)
      for _, form in ipairs(forms) do note(surnames, form, name, p.start) end
      if first and not names.stop[first] then note(given, first, name, p.start) end
      if not full[name] then full[name] = p.start end
    end
  end
  if next(full) == nil then return end
  local function lookup(word, at)
    local list = surnames[word] or given[word]
    return list and nearest(list, at)
  end

  -- what a short mention must not overlap
  local blocked = {}
  for _, t in ipairs({ "org", "country" }) do
    for _, a in ipairs(found(t)) do blocked[#blocked + 1] = a end
  end
  table.sort(blocked, function(a, b) return a.start < b.start end)

  -- one-word names already found ("Mr Lukin", "President Xi")
  for _, p in ipairs(persons) do
    local name = p.value and p.value.name
    if name and not name:find(" ", 1, true) then
      local resolved = lookup(name, p.start)
      if resolved and resolved ~= name then emit(p.start, p["end"], { name = resolved }) end
    end
  end

  -- short forms and full names nobody found yet
  -- a letter or digit at i: ASCII, or a two-byte UTF-8 letter (its lead
  -- byte C3..D5, or the continuation byte after one)
  local function letter_at(i)
    local c = text:byte(i)
    if c == nil then return false end
    if c >= 48 and c <= 57 or c >= 65 and c <= 90 or c >= 97 and c <= 122 then return true end
    if c >= 195 and c <= 213 then return true end
    if c >= 128 and c <= 191 then
      local lead = text:byte(i - 1)
      return lead ~= nil and lead >= 195 and lead <= 213
    end
    return false
  end
  -- (words and names in sorted order: the candidates come out the same,
  -- in the same order, on every run)
  local sorted_keys = lib_text.sorted_keys
  for _, map in ipairs({ surnames, given }) do
    for _, word in ipairs(sorted_keys(map)) do
      local from = map == given and surnames[word] and #text + 1 or 1
      while true do
        local s, e = text:find(word, from, true)
        if not s then break end
        local a, b = s - 1, e
        if not letter_at(s - 1) and not letter_at(e + 1)
           and not overlaps_any(persons, a, b) and not overlaps_any(blocked, a, b)
           and not names.runs_into_name(text, a, b, true) then
          emit(a, b, { name = lookup(word, a) })
        end
        from = e + 1
      end
    end
  end
  for _, name in ipairs(sorted_keys(full)) do
    local from = 1
    while true do
      local s, e = text:find(name, from, true)
      if not s then break end
      local a, b = s - 1, e
      local before, after = text:sub(s - 1, s - 1), text:sub(e + 1, e + 1)
      if not before:find("[%w\128-\255]") and not after:find("[%w\128-\255]")
         and not overlaps_any(persons, a, b) and not overlaps_any(blocked, a, b) then
        emit(a, b, { name = name })
      end
      from = e + 1
    end
  end
end

return {
  name = "person_coref",
  type = "person",
  description = "short and repeated mentions of a person named in full in the same document",
  needs = { "person", "org", "country" },
  order = 2,
  priority = 2,
  inside = { "org" },
  apply = resolve,
  examples = {
    { "Oleg Petrenko, head of the lab, said it was late. Petrenko added that costs rose.",
      find = { { "Petrenko", { name = "Oleg Petrenko" } } } },
    { "Zhou Minghua, a professor at the academy, agreed. “It works,” said Zhou.",
      find = { { "Zhou", { name = "Zhou Minghua" } } } },
    { "Tomasz Santos, an analyst, spoke first. Later Mr Santos and Tomasz Santos left.",
      find = { { "Santos", { name = "Tomasz Santos" } }, { "Tomasz Santos", { name = "Tomasz Santos" } } } },
    { "Ana Ruiz, the minister, opened the plant. Her son, Luis Ruiz, was there. Ruiz thanked the staff.",
      find = { { "Ruiz", { name = "Ana Ruiz" } } } },
  },
  counterexamples = {
    "Oleg Petrenko, head of the lab, said so. The Petrenko Institute disagreed.",
    "Zhou Minghua, a professor, agreed. Peter Zhou did not.",
  },
}
