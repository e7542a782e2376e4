-- test_relation.lua: the relation rule (rules/relation.lua) as
-- GUIDELINES.md ("relation") defines it: one annotation per linked pair
-- and kind, parties as {iso} or {org}, fields sorted; lists, reporters,
-- hostile and denied sentences, cue words inside names, and "the two
-- countries" pointing back. Also eval's per-pair scoring of relations.

local check = require "check"
local quarry = require "quarry"
local pack = require "pack"
local eval = require "quarry.eval"

local function rules() return pack.rules({ "relation" }) end

-- "KIND A-B [fields]" for each relation of a text, sorted.
local function relations(text)
  local cands = pack.run(rules(), text)
  local list = {}
  for _, c in ipairs(cands) do
    if c.type == "relation" and not c.beaten_by then
      local v = c.value
      local names = {}
      for i, p in ipairs(v.parties) do names[i] = p.iso or p.org end
      table.sort(names)
      list[#list + 1] = string.format("%s %s-%s [%s]", v.kind, names[1], names[2],
                                      table.concat(v.fields, ","))
    end
  end
  table.sort(list)
  return table.concat(list, " | ")
end

local tests = {}

function tests.one_annotation_per_pair_and_kind()
  check.equal(relations("Russia and China signed an agreement to cooperate on quantum computing and 5G networks."),
    "agreement CN-RU [5g,quantum] | cooperation CN-RU [5g,quantum]", "two kinds, fields sorted")
end

function tests.a_list_after_one_party_links_it_with_each()
  check.equal(relations("Kenya will cooperate with China, India and Japan on solar power."),
    "cooperation CN-KE [energy] | cooperation IN-KE [energy] | cooperation JP-KE [energy]",
    "A with each of B, C, D; not B with C")
  check.equal(relations("Brazil, Chile and Peru signed a treaty on data centres."),
    "agreement BR-CL [] | agreement BR-PE [] | agreement CL-PE []", "one list: each pair")
end

function tests.what_is_no_relation()
  for _, text in ipairs({
    "The United States restricts exports of advanced chips to China.",
    "Officials from Vietnam told Xinhua that exports to Laos rose.",
    "Both Japan and Korea have long worked with the West rather than with each other.",
    "Leaders of India and Iran met at the Shanghai Cooperation Organisation summit.",
    "Canada and Mexico did not cooperate on the new rules.",
  }) do
    check.equal(relations(text), "", text)
  end
end

function tests.the_two_countries_point_back()
  check.equal(relations("Ghana and Nigeria share a long border. The two countries will expand cooperation in telecoms."),
    "cooperation GH-NG [telecom]", "the pair named before")
end

function tests.eval_scores_relations_per_pair()
  local gold = { { doc = "d", type = "relation", start = 0, ["end"] = 10,
                   value = { kind = "cooperation", parties = { { iso = "CN" }, { iso = "RU" } }, fields = {} } } }
  local right = { { doc = "d", type = "relation", start = 0, ["end"] = 10,
                    value = { kind = "cooperation", parties = { { iso = "RU" }, { iso = "CN" } }, fields = {} } } }
  local wrong_pair = { { doc = "d", type = "relation", start = 0, ["end"] = 10,
                         value = { kind = "cooperation", parties = { { iso = "RU" }, { iso = "US" } }, fields = {} } } }
  local r1 = eval.score(right, gold, { types = { "relation" } })
  check.equal(r1.types[1].tp, 1, "same pair in the other order matches")
  check.equal(r1.types[1].value_accuracy, 1, "fields equal")
  local r2 = eval.score(wrong_pair, gold, { types = { "relation" } })
  check.equal(r2.types[1].tp, 0, "another pair does not match")
end

return tests
