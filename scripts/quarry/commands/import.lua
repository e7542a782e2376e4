-- quarry import: loads annotation records made by `quarry annotate`
-- (elsewhere: GNU parallel, Dask, Spark) into the database whose documents
-- they annotate.

local cli = require "quarry.cli"
local records = require "quarry.records"

local import = {
  help = [[
Loads annotation records as quarry annotate writes them (JSON Lines, from
FILE or - for standard input) into the database, so that reports, search,
export and the REPL work on them as on what extract stores.

Each record names its document and the SHA-256 of its text; the stored
document of that name must have that SHA-256. A document's records (the
lines of one document in a row) replace the annotations stored for it, in
transactions of up to 2000 documents, so importing the same file again
changes nothing.

Output of annotate --state also holds the candidates set aside and each
document's rule versions and publication date: the document is then left
exactly as extract leaves it, and a later extract with the same rules
re-runs nothing (with changed rules, only what changed). Without --state,
only the annotations that stand are stored and the document is marked as
not extracted, so a later extract runs every rule on it again.

A record that is not valid, or whose text is not the stored text at its
span, is reported with its line number, and its document is not imported.
The records of a document that is not stored, or whose stored text has
another SHA-256, are reported (line of their first record) and skipped. The
rest goes on; the exit status is then 2. Records of a document whose text is
stored under another name (a duplicate ingest skipped) are skipped with a
note.

Exit status: 0 ok, 1 usage error, 2 records were not imported or FILE
cannot be read.

Examples:
  quarry annotate --state < corpus.jsonl > ann.jsonl && quarry import ann.jsonl
  parallel --pipe -k quarry annotate --state < corpus.jsonl | quarry import -
]],
}

local BATCH = 2000 -- documents per transaction
local NOTED = 10   -- duplicates named one by one; the rest are counted

local DOCUMENT_BY_SHA = "SELECT id, name FROM documents WHERE sha256 = ? ORDER BY id"
local DOCUMENT_BY_NAME = "SELECT id, sha256 FROM documents WHERE name = ? ORDER BY id LIMIT 1"

local function short(hex) return hex:sub(1, 12) .. "…" end

function import.main(db, words)
  local options, rest = cli.parse(words, {})
  if not options then return 1, rest end
  if #rest ~= 1 then return 1, "import takes one FILE (or - for standard input)" end
  local path = rest[1]
  local stream, message = io.stdin, nil
  if path ~= "-" then
    stream, message = io.open(path, "rb")
    if not stream then return 2, message end
  end
  local name = path == "-" and "stdin" or path

  local status = 0
  local counts = { documents = 0, stand = 0, aside = 0, duplicates = 0, rejected = 0 }
  local function fail(line, text)
    cli.error_line(string.format("%s:%d: %s", name, line, text))
    status = 2
  end

  local written = 0
  -- Writes one document's records (a group), or says why not.
  local function flush(group)
    local count = #group.cands
    local rows = db:query(DOCUMENT_BY_SHA, group.sha256)
    local id
    for _, row in ipairs(rows) do
      if row.name == group.doc then id = row.id break end
    end
    if not id then
      if rows[1] then
        counts.duplicates = counts.duplicates + 1
        if counts.duplicates <= NOTED then
          cli.message(string.format("import: %s:%d: document %s skipped: its text is stored as %s " ..
            "(ingest skipped it as a duplicate)%s", name, group.line, group.doc, rows[1].name,
            counts.duplicates == NOTED and "; further duplicates are only counted" or ""))
        end
      else
        local stored = db:query(DOCUMENT_BY_NAME, group.doc)[1]
        fail(group.line, string.format("document %s %s; its %d record%s not imported", group.doc,
          stored and string.format("has another text (SHA-256 %s stored, %s in the records)",
                                   short(stored.sha256), short(group.sha256))
                 or "is not stored",
          count, count == 1 and " is" or "s are"))
        counts.rejected = counts.rejected + count
      end
      return
    end
    local doc = assert(db:document(id))
    local text = doc.text
    for k, c in ipairs(group.cands) do
      local bad
      if c["end"] > #text or text:sub(c.start + 1, c["end"]) ~= c.text then
        bad = string.format("the text at %d..%d of document %s is not the record's %q",
                            c.start, c["end"], group.doc, c.text:sub(1, 40))
      elseif c.beaten_by and (c.beaten_by > count or c.beaten_by == k) then
        bad = string.format("\"beaten_by\" %d is not another record of document %s",
                            c.beaten_by, group.doc)
      end
      if bad then group.bad = group.bad or {}; group.bad[#group.bad + 1] = { c.line, bad } end
    end
    if group.bad then
      for _, b in ipairs(group.bad) do fail(b[1], b[2]) end
      fail(group.line, string.format("document %s not imported (%d record%s)", group.doc, count,
                                     count == 1 and "" or "s"))
      counts.rejected = counts.rejected + count
      return
    end
    db:write_annotations(doc, group.cands, group.runs or {})
    counts.documents = counts.documents + 1
    for _, c in ipairs(group.cands) do
      if c.beaten_by then counts.aside = counts.aside + 1 else counts.stand = counts.stand + 1 end
    end
    written = written + 1
    if written % BATCH == 0 then db:commit(); db:begin() end
  end

  db:begin()
  local ok, err = pcall(function()
    local group
    local number = 0
    for line in stream:lines("L") do
      number = number + 1
      if line:find("%S") then
        local kind, record = records.parse(line)
        if not kind then
          fail(number, record)
          if group then group.bad = group.bad or {} end
          counts.rejected = counts.rejected + 1
        else
          local key = record.doc .. "\0" .. record.sha256
          if group and group.key ~= key then flush(group); group = nil end
          group = group or { key = key, doc = record.doc, sha256 = record.sha256, line = number,
                             cands = {} }
          if kind == "annotation" then
            group.cands[#group.cands + 1] = {
              type = record.type, start = record.start, ["end"] = record["end"],
              value_json = record.value_json, rule = record.rule, rule_version = record.version,
              beaten_by = record.beaten_by, reason = record.reason, text = record.text,
              line = number,
            }
          else -- the document record ends its document's records
            group.runs = record.runs
            flush(group)
            group = nil
          end
        end
      end
    end
    if group then flush(group) end
  end)
  if path ~= "-" then stream:close() end
  if not ok then
    db:rollback()
    error(err, 0)
  end
  db:commit()
  cli.message(string.format(
    "import: %d documents, %d annotations stand, %d set aside; %d skipped as duplicate, " ..
    "%d records not imported", counts.documents, counts.stand, counts.aside, counts.duplicates,
    counts.rejected))
  return status
end

return import
