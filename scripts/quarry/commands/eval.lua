-- quarry eval: score the stored annotations against a gold file.

local cli = require "quarry.cli"
local eval = require "quarry.eval"

local command = {
  help = [[
Scores the stored annotations that stand against a gold file in the
guidelines' format, by the guidelines' scoring: per type, a found annotation
matches a gold one of the same document and type whose span it overlaps
(each at most once); precision, recall, F1 and, for types with values,
value accuracy (numbers within 0.5% count as equal), with the counts.
Boilerplate is also scored by bytes: the share of gold boilerplate bytes
marked, and the share of article bytes wrongly marked. Only documents named
in the gold file are scored; they are matched to stored documents by name.

  --format F      md (default, an aligned table) or json
  --type T        only type T (repeatable)
  --show-errors   also list every miss, false hit and wrong value, with context
]],
}

function command.main(db, words)
  local options, rest = cli.parse(words, { format = "value", type = "list", ["show-errors"] = "flag" })
  if not options then return 1, rest end
  if #rest ~= 1 then return 1, "give one GOLD.jsonl file" end
  local format = options.format or "md"
  if format ~= "md" and format ~= "json" then return 1, "--format takes md or json" end
  local gold, message = eval.read_jsonl(rest[1])
  if not gold then return 2, message end

  local names, texts, found, missing = {}, {}, {}, {}
  for _, g in ipairs(gold) do names[g.doc] = true end
  for name in pairs(names) do
    local doc = db:document(name)
    if doc then
      texts[name] = doc.text
      for _, a in ipairs(doc:annotations()) do
        found[#found + 1] = { doc = name, type = a.type, start = a.start, ["end"] = a["end"],
                              text = a.text, value = a.value }
      end
    else
      missing[#missing + 1] = name
    end
  end
  table.sort(missing)
  for _, name in ipairs(missing) do
    io.stderr:write("quarry: eval: the gold names ", name, ", which is not stored (its annotations count as misses)\n")
  end
  -- by default the types the gold has, in the guidelines' order: types of
  -- our own (published, relation, ...) are not scored
  local types = options.type
  if not types then
    local present, order = {}, { "money", "percent", "date", "country", "org", "person", "tech",
                                 "quote", "boilerplate" }
    for _, g in ipairs(gold) do present[g.type] = true end
    types = {}
    for _, t in ipairs(order) do if present[t] then types[#types + 1] = t; present[t] = nil end end
    local rest = {}
    for t in pairs(present) do rest[#rest + 1] = t end
    table.sort(rest)
    for _, t in ipairs(rest) do types[#types + 1] = t end
  end
  local report = eval.score(found, gold, { texts = texts, types = types })
  io.stdout:write(eval.format(report, format))
  if options["show-errors"] then io.stdout:write(eval.errors(report, texts, { types = options.type })) end
  return 0
end

return command
