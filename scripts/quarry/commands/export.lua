-- quarry export: annotations as JSON Lines in the gold file format.

local quarry = require "quarry"
local cli = require "quarry.cli"
local eval = require "quarry.eval"

local export = {
  help = [[
Writes the stored annotations that stand (not the candidates set aside) as
JSON Lines in the format of the annotation guidelines, one object a line:

  {"doc":NAME,"type":T,"start":S,"end":E,"text":"...","value":{...},
   "doc_id":ID,"source":PATH}

doc_id and source (the file or URL it came from) tell apart documents
that share a name (two note.txt in different folders); eval ignores them.

start and end are byte offsets into the stored text (end exclusive) and
text is exactly those bytes. Documents in id order, annotations in text
order. This is already JSON (one object a line), so there is no --format.

Options:
  --type T      only annotations of type T (repeatable; any letter case);
                a type that is neither the pack's nor stored is an error
                that names the types
  --doc NAME    only this document (name or id; repeatable)
  --out FILE    write to FILE instead of standard output (- is standard
                output; a count is then printed on stderr). FILE is written
                whole or not at all (a temporary file renamed at the end);
                the database itself is refused, and so is an existing file
                that is not JSON Lines, unless --force
  --force       overwrite FILE even when it is not JSON Lines

Exit status: 0 ok, 1 usage error (an unknown --type too, named with the
known ones), 2 a --doc is not stored or the output cannot be written (the
reason is printed).

Examples:
  quarry export --out annotations.jsonl
  quarry export --type money --doc 01-russia-china-ai-year.txt
]],
}

local json = quarry.json

-- The value as the guidelines shape it: the stored JSON text as it is, so
-- members that are null ({"speaker": null}) stay (decoding to Lua and back
-- would drop them), but in the shape quarry.eval scores (a percent's
-- value has no `unit` there).
local function gold_value(a)
  if a.type ~= "percent" or not a.value or not a.value:find('"unit"', 1, true) then
    return a.value or "null"
  end
  return json.encode(eval.gold_value(a.type, json.decode(a.value)))
end

-- A document's name comes from the file system and need not be UTF-8: its
-- bad bytes are written as U+FFFD rather than failing the export.
local LENIENT = { invalid_utf8 = "replace" }

-- One line with the fields in the guidelines' order, then the document's
-- id and source.
local function line(doc, a)
  return string.format('{"doc":%s,"type":%s,"start":%d,"end":%d,"text":%s,"value":%s,"doc_id":%d,"source":%s}\n',
    json.encode(doc.name, LENIENT), json.encode(a.type), a.start, a["end"], json.encode(a.text),
    gold_value(a), doc.id, json.encode(doc.source, LENIENT))
end

local STANDING = [[SELECT type, start, "end", text, value FROM annotations
                   WHERE document = ? AND beaten_by IS NULL ORDER BY start, "end" DESC, type, id]]

function export.main(db, words)
  local options, rest = cli.parse(words, { type = "list", doc = "list", out = "value", force = "flag" })
  if not options then return 1, rest end
  if #rest > 0 then return 1, "export takes no positional arguments" end
  local types
  local checked, problem = cli.check_types(db, options.type)
  if problem then return 1, problem end
  if checked then
    types = {}
    for _, t in ipairs(checked) do types[t] = true end
  end
  local documents, message = cli.documents(db, options.doc)
  if not documents then return 2, message end
  local out, count = {}, 0
  for _, doc in ipairs(documents) do
    for _, a in ipairs((db:query(STANDING, doc.id))) do
      if not types or types[a.type] then
        out[#out + 1] = line(doc, a)
        count = count + 1
      end
    end
  end
  local ok, message = cli.write_output(table.concat(out), options.out,
                                      { db = db, kind = "jsonl", force = options.force })
  if not ok then return 2, message end
  if options.out and options.out ~= "-" then io.stderr:write(string.format("export: %d annotations to %s\n", count, options.out)) end
  return 0
end

return export
