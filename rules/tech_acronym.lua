-- tech_acronym.lua: a field's abbreviation defined in brackets after it
-- ("integrated circuit (IC)", "machine learning (ML)", "Internet of
-- Things (IoT)"), at the bracket and wherever else it stands alone in the
-- document, with the field of the mention it abbreviates, as the gold gives
-- an abbreviation its name's type and value (its decision 26; H28 of the
-- real texts for "IC"). The capitals must spell the initials of the
-- mention's words, so "Semiconductor Manufacturing Equipment (SME)" names
-- no field by "SME".

local lib_text = require "lib.text"

-- The initials of a mention's words, in capitals: "integrated circuit" ->
-- "IC", "Internet of Things" -> "IOT" (small words too, and without them).
local function initials(mention)
  local all, content = {}, {}
  for word in mention:gmatch("[%a][%w]*") do
    all[#all + 1] = word:sub(1, 1):upper()
    if #word > 3 or word:find("^%u") then content[#content + 1] = word:sub(1, 1):upper() end
  end
  return table.concat(all), table.concat(content)
end

local function spells(short, mention)
  local plain = short:upper():gsub("S$", "")
  local all, content = initials(mention)
  return #plain >= 2 and (plain == all or plain == content)
end

return {
  name = "tech_acronym",
  type = "tech",
  description = "a field's abbreviation defined in brackets after it, and its other uses",
  needs = { "tech" },
  order = -10,
  apply = function(doc, found, emit)
    local text = doc.text
    local defined = {}
    for _, t in ipairs(found("tech")) do
      local short, close = text:match("^[ \t]*%((%u[%u%l%d]-%u[%l]?)%)()", t["end"] + 1)
      if short and not defined[short] and t.value and t.value.field
         and t.text:find(" ") and spells(short, t.text) then
        defined[short] = t.value.field
      end
    end
    for _, short in ipairs(lib_text.sorted_keys(defined)) do -- (the same order on every run)
      local field = defined[short]
      local init = 1
      while true do
        local a, b = text:find(short, init, true)
        if not a then break end
        init = b + 1
        local before, after = text:sub(a - 1, a - 1), text:sub(b + 1, b + 1)
        if not before:find("[%w]") and not after:find("[%w%-]") then
          emit(a - 1, b, { field = field })
        end
      end
    end
  end,
  examples = {
    { text = "design of the integrated circuit (IC) and of each IC package",
      find = { { "IC", { field = "semiconductors" } }, { "IC", { field = "semiconductors" } } } },
    { text = "gains in computer vision (CV) research; CV models",
      find = { { "CV", { field = "ai" } }, { "CV", { field = "ai" } } } },
  },
  counterexamples = {
    "imports of Semiconductor Manufacturing Equipment (SME) rose",
    "the semiconductor industry (SIA) grew",
  },
}
