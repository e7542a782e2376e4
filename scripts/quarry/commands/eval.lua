-- quarry eval: score the stored annotations against a gold file.

local quarry = require "quarry"
local cli = require "quarry.cli"
local eval = require "quarry.eval"

local json = quarry.json

local command = {
  help = [[
Scores the stored annotations that stand against a gold file in the
guidelines' format, by the guidelines' scoring: per type, a found annotation
matches a gold one of the same document and type whose span it overlaps
(each at most once); precision, recall, F1 and, for types with values,
value accuracy (numbers within 0.5% count as equal), with the counts.
Boilerplate is also scored by bytes: the share of gold boilerplate bytes
marked, and the share of article bytes wrongly marked. Only documents named
in the gold file are scored; they are matched to stored documents by name
(a gold document that is not stored is named on stderr, and its
annotations count as misses). On a terminal the table's header is bold
(NO_COLOR=1 turns that off).

Options:
  --format F      md (default, an aligned table) or json: one object
                  {types [{type, gold, found, tp, fp, fn, precision,
                  recall, f1, ...}], boilerplate}
  --type T        only type T (repeatable; any letter case; an unknown
                  type is an error that names the types)
  --show-errors   also list every miss, false hit and wrong value, with
                  context; with --format json they are the object's
                  "errors" [{kind (miss, false, value), doc, type, start,
                  end, text, value, found}]

Exit status: 0 ok, 1 usage error (an unknown --type too), 2 GOLD.jsonl
cannot be read or is malformed.

Examples:
  quarry eval ../shared/gold/seeds.jsonl
  quarry eval --show-errors --type money --type date gold.jsonl
]],
}

-- The report as JSON: eval.format's object ({"types": [...],
-- "boilerplate": {...}}) and, with --show-errors, "errors": every miss,
-- false hit and wrong value (the records eval.score keeps, with a kind),
-- so that the output stays one JSON value.
local function json_report(report, options)
  local text = eval.format(report, "json")
  if not options["show-errors"] then return text end
  local object = json.decode(text)
  local wanted
  if options.type then
    wanted = {}
    for _, t in ipairs(options.type) do wanted[t] = true end
  end
  local errors = cli.array()
  local function add(kind, record, found)
    if not wanted or wanted[record.type] then
      errors[#errors + 1] = { kind = kind, doc = record.doc, type = record.type, start = record.start,
                              ["end"] = record["end"], text = record.text, value = record.value,
                              found = found }
    end
  end
  for _, r in ipairs(report.misses or {}) do add("miss", r) end
  for _, r in ipairs(report.false_hits or {}) do add("false", r) end
  for _, e in ipairs(report.value_errors or {}) do add("value", e.gold, e.found) end
  object.errors = errors
  return cli.json(object)
end

function command.main(db, words)
  local options, rest = cli.parse(words, { format = "value", type = "list", ["show-errors"] = "flag" })
  if not options then return 1, rest end
  if #rest ~= 1 then return 1, "give one GOLD.jsonl file" end
  local format = options.format or "md"
  if format ~= "md" and format ~= "json" then return 1, "--format takes md or json" end
  local checked, problem = cli.check_types(db, options.type)
  if problem then return 1, problem end
  options.type = checked
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
    cli.message("quarry: eval: the gold names " .. name .. ", which is not stored (its annotations count as misses)", "warn")
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
  if format == "json" then
    io.stdout:write(json_report(report, options), "\n")
    return 0
  end
  -- the table's header in bold on a terminal
  local text = eval.format(report, format)
  local header, rest = text:match("^([^\n]*)(.*)$")
  io.stdout:write(cli.paint(io.stdout, "bold", header), rest)
  if options["show-errors"] then
    io.stdout:write(cli.shown(eval.errors(report, texts, { types = options.type }), "stdout"))
  end
  return 0
end

return command
