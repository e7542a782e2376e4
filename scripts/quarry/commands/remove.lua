-- quarry remove: delete documents with their annotations.

local cli = require "quarry.cli"

local remove = {
  help = [[
Deletes the named documents (names or ids, as quarry list shows them) with
their regions, annotations, rule runs and full-text entries, all in one
transaction: when one NAME is not a stored document (or names several:
give the id then), nothing is removed. Prints one line per document
removed on stderr.

Exit status: 0 ok, 1 usage error, 2 a NAME is not one stored document.

Examples:
  quarry remove 07-digital-silk-road-africa.html
  quarry remove 12 13 14
]],
}

function remove.main(db, words)
  local options, rest = cli.parse(words, {})
  if not options then return 1, rest end
  if #rest == 0 then return 1, "give the NAME or id of each document to remove" end
  local documents, seen = {}, {}
  for _, key in ipairs(rest) do
    local doc, message = db:document(key)
    if not doc then return 2, message .. " (nothing removed)" end
    if not seen[doc.id] then
      seen[doc.id] = true
      documents[#documents + 1] = doc
    end
  end
  db:begin()
  local ok, err = pcall(function()
    for _, doc in ipairs(documents) do assert(db:remove(doc), "document " .. doc.id .. " vanished") end
  end)
  if not ok then
    db:rollback()
    error(err, 0)
  end
  db:commit()
  for _, doc in ipairs(documents) do
    cli.message(string.format("remove: %s (id %d, %s)", doc.name, doc.id, doc.source or "no source"))
  end
  cli.message(string.format("remove: %d document%s removed", #documents, #documents == 1 and "" or "s"))
  return 0
end

return remove
