-- quarry context: an annotation with the text around it.

local quarry = require "quarry"
local cli = require "quarry.cli"

local context = {
  help = [[
Prints annotations (by id, as the annotations table and the view
annotation_context number them) with the 40 characters before and after
them in the stored text: the document, the type and rule, the value, and
the line "…before[exact]after…". Offsets are bytes, so the text is cut
as bytes, never in the middle of a character.

Options:
  --format F   text (default) or json (an array of {id, doc, document,
               type, rule, start, end, before, exact, after, value})

Exit status: 0 ok, 1 usage error, 2 no annotation has that id.

Examples:
  quarry context 42
  quarry query "SELECT id, doc, before, exact, after FROM annotation_context WHERE type = 'money'"
]],
}

local SQL = [[SELECT id, document, doc, type, rule, start, "end", before, exact, after, value
              FROM annotation_context WHERE id = ?]]

function context.main(db, words)
  local options, rest = cli.parse(words, { format = "value" })
  if not options then return 1, rest end
  local format = options.format or "text"
  if format ~= "text" and format ~= "json" then return 1, "--format takes text or json" end
  if #rest == 0 then return 1, "give the id of an annotation" end
  local found = cli.array()
  for _, word in ipairs(rest) do
    local id = math.tointeger(tonumber(word))
    if not id then return 1, "an annotation id is a whole number, not " .. word end
    local row = (db:query(SQL, id))[1]
    if not row then return 2, "no annotation with id " .. word end
    row.value = row.value and quarry.json.decode(row.value) or nil
    found[#found + 1] = row
  end
  if format == "json" then
    io.stdout:write(cli.json(found), "\n")
    return 0
  end
  for _, row in ipairs(found) do
    -- (a name or a text with an escape sequence is shown escaped on a terminal)
    io.stdout:write(cli.shown(string.format("%d  %s  %s (rule %s)  [%d, %d)  %s\n  …%s[%s]%s…\n",
      row.id, row.doc, row.type, row.rule, row.start, row["end"],
      row.value == nil and "null" or quarry.json.encode(row.value),
      (row.before:gsub("%s", " ")), (row.exact:gsub("%s", " ")), (row.after:gsub("%s", " "))), "stdout"))
  end
  return 0
end

return context
