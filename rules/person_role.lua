-- person_role.lua: an office named without the person who holds it ("the
-- Chinese president", "Russia’s prime minister", "the president of
-- France"), resolved against the article's date to the office-holder of
-- the time, from the offices in data/gazetteers/people.tsv (role,
-- country, from, to). Type "role" (not a person annotation: a role mention
-- without a name is no person, the gold's decision 28). Value: {role =
-- "president", country = "CN", name = "Xi Jinping"}, with name left out
-- (null) when the date or the office-holder is unknown.
--
-- The date is the document's publication date (doc.published, or what
-- published.lua found: a date line at the top), else the first full date
-- in the first lines. A role right before a person's name ("Chinese
-- President Xi Jinping") is a title, not a mention of its own.

local gazetteers = require "quarry.gazetteers"
local dates = require "lib.dates"
local null = require("quarry").json.null

-- Offices: role → country → list of {name, from, to}.
local offices = {}
do
  local _, entries = gazetteers.get("people")
  for _, entry in ipairs(entries) do
    if entry.role and entry.country and entry.from and entry.name then
      local by_country = offices[entry.role] or {}
      offices[entry.role] = by_country
      local list = by_country[entry.country] or {}
      by_country[entry.country] = list
      list[#list + 1] = { name = entry.name, from = entry.from, to = entry.to or "9999-12-31" }
    end
  end
end

-- Role words as written (lower case) → the roles of the table to try, in
-- order: "the Chinese leader" is the party's general secretary in China,
-- the president in Russia, the prime minister in Britain.
local roles = {
  ["president"] = { "president" },
  ["vice president"] = { "vice president" }, ["vice-president"] = { "vice president" },
  ["premier"] = { "premier", "prime minister" },
  ["prime minister"] = { "prime minister", "premier" }, ["pm"] = { "prime minister", "premier" },
  ["chancellor"] = { "chancellor" },
  ["leader"] = { "leader", "general secretary", "president", "prime minister", "chancellor" },
  ["head of state"] = { "president", "king", "queen" },
  ["head of government"] = { "prime minister", "premier", "chancellor" },
  ["foreign minister"] = { "foreign minister", "secretary of state" },
  ["foreign secretary"] = { "foreign minister" },
  ["secretary of state"] = { "secretary of state", "foreign minister" },
  ["defence minister"] = { "defence minister", "defence secretary" },
  ["defense minister"] = { "defence minister", "defence secretary" },
  ["defence secretary"] = { "defence secretary", "defence minister" },
  ["defense secretary"] = { "defence secretary", "defence minister" },
  ["treasury secretary"] = { "treasury secretary" },
  ["commerce secretary"] = { "commerce secretary", "commerce minister" },
  ["commerce minister"] = { "commerce minister", "commerce secretary" },
  ["trade representative"] = { "trade representative" },
  ["supreme leader"] = { "supreme leader" },
  ["general secretary"] = { "general secretary" },
  ["king"] = { "king" }, ["queen"] = { "queen" },
}
-- The role written at position i (1-based) of text, case aside: the role
-- and the position after it. Up to three words are looked at.
local function role_at(text, i)
  local w1, w2, w3 = text:match("^([%a%-]+) ?([%a%-]*) ?(%a*)", i)
  if not w1 then return nil end
  w1 = w1:lower()
  if w2 ~= "" then
    local two = w1 .. " " .. w2:lower()
    if w3 ~= "" and roles[two .. " " .. w3:lower()] then
      return two .. " " .. w3:lower(), i + #two + 1 + #w3
    end
    if roles[two] then return two, i + #two end
  end
  if roles[w1] then return w1, i + #w1 end
end

-- The document's date as YYYY-MM-DD (a month or a year alone: its middle).
local function reference_date(doc, found)
  local edtf = dates.published(doc, found)
  if not edtf then
    for _, d in ipairs(found("date")) do
      if d.start > 400 then break end
      local e = d.value and d.value.edtf
      if e and e:match("^%d%d%d%d%-%d%d%-%d%d$") then edtf = e break end
    end
  end
  if not edtf then return nil end
  local y, m, d = edtf:match("^(%d%d%d%d)%-?(%d?%d?)%-?(%d?%d?)")
  if not y then return nil end
  if m == "" then return y .. "-07-01" end
  if d == "" then return y .. "-" .. m .. "-15" end
  return y .. "-" .. m .. "-" .. d
end

-- Who held the office on date.
local function holder(role, country, date)
  if not date then return nil end
  for _, r in ipairs(roles[role]) do
    local list = offices[r] and offices[r][country]
    for _, office in ipairs(list or {}) do
      if office.from <= date and date < office.to then return r, office.name end
    end
  end
end

local function resolve(doc, found, emit)
  local text = doc.text
  local countries = found("country")
  if #countries == 0 then return end
  local date -- worked out at the first mention
  local persons = found("person")
  local function person_at(i) -- a person's name starting at 1-based i (after spaces)
    local s = text:find("[^%s]", i) or i
    for _, p in ipairs(persons) do
      if p.start + 1 == s then return true end
      if p.start + 1 > s then break end
    end
    return false
  end
  local function mention(start, role, after, iso)
    if person_at(after) then return end -- a title: "Chinese President Xi Jinping"
    date = date or reference_date(doc, found) or false
    local table_role, name = holder(role, iso, date or nil)
    emit(start, after - 1, { role = table_role or roles[role][1], country = iso, name = name or null })
  end
  for _, c in ipairs(countries) do
    local iso = c.value and c.value.iso
    if iso then
      -- "Chinese president", "China's premier", "the US president"
      local i = c["end"] + 1
      local possessive = text:match("^['\226][\128]?[\153]?s? ", i)
      local gap = possessive and #possessive or (text:sub(i, i) == " " and 1 or nil)
      if gap then
        local role, after = role_at(text, i + gap)
        if role then mention(c.start, role, after, iso) end
      end
      -- "the president of Russia"
      local role_text = text:sub(c.start - 2, c.start) == "of "
        and text:sub(math.max(1, c.start - 30), c.start):match(".*[Tt]he ([%a %-]+) of $")
      if role_text and roles[role_text:lower()] then
        local start = c.start - #role_text - 4
        mention(start, role_text:lower(), c["end"] + 1, iso)
      end
    end
  end
end

return {
  name = "person_role",
  type = "role",
  description = "offices named without a name (\"the Chinese president\"), resolved by the article's date",
  needs = { "country", "date", "published", "person" },
  order = 3,
  apply = resolve,
  examples = {
    { "Friday, March 1, 2024\n\nTalks went well, the Chinese president said.",
      find = { { "Chinese president", { role = "president", country = "CN", name = "Xi Jinping" } } } },
    { "Monday, June 3, 2019\n\nBritain’s prime minister resigned.",
      find = { { "Britain’s prime minister",
                 { role = "prime minister", country = "GB", name = "Theresa May" } } } },
    { "Tuesday, May 14, 2024\n\nThe Chinese leader met the president of Russia.",
      find = { { "Chinese leader", { role = "leader", country = "CN", name = "Xi Jinping" } },
               { "president of Russia",
                 { role = "president", country = "RU", name = "Vladimir Putin" } } } },
  },
  counterexamples = {
    "Friday, March 1, 2024\n\nChinese President Xi Jinping arrived.",
  },
}
