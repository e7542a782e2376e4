-- quarry annotate: the streaming mapper. JSON Lines documents on standard
-- input, one JSON Lines record per annotation on standard output, no
-- database: the unit GNU parallel, Dask, Spark or Hadoop streaming run.

local quarry = require "quarry"
local cli = require "quarry.cli"
local engine = require "quarry.engine"
local records = require "quarry.records"
local ruleset = require "quarry.ruleset"
local sandbox = require "quarry.sandbox"

local annotate = {
  help = [[
Reads documents as JSON Lines on standard input, one object a line with
the fields ingest reads from a .jsonl file (text; optional id, title, url,
published), runs every rule over each, and writes what stands as JSON Lines
on standard output, one record per annotation, in input order and in text
order within a document, flushed after each document:

  {"doc":NAME,"type":T,"start":S,"end":E,"text":"...","value":{...},
   "rule":R,"version":VER,"sha256":HEX}

That is the export format plus the rule, its version and the SHA-256 of
the document's text, by which quarry import finds the document in a
database. value is the value as stored (export writes a percentage point's
value without its unit, the gold format's shape). A document is read
exactly as ingest reads it (its name is its id; a line without one is named
FILE:LINE, as ingest names it, with FILE from --file), so the records are
those that ingest then extract would store. No database is opened or made.

A line that is not a document (malformed JSON, no "text", empty text,
invalid UTF-8) is reported on stderr with its line number and skipped; a
rule file that does not load or a rule that raises is reported with its file
and line (and the document); the rest goes on and the exit status is 2.
Blank lines are skipped, as ingest skips them.

Options:
  --rules DIR   a rules folder (repeat for several; default: the shipped rules/)
  --state       also write what quarry import needs to leave a database as
                extract would, so that a later extract re-runs only what
                changed: the candidates set aside (with "beaten_by", the
                position of the record that beat it among its document's
                records from 1, and "reason") and, after each document's
                records, {"doc","sha256","runs":{RULE:VERSION}}
  --file NAME   the file name that names lines without an id, NAME:LINE
                (default: stdin); give the name of the file you ingest

Exit status: 0 ok, 1 usage error, 2 a line was skipped, a rule file did not
load or a rule raised.

Examples:
  quarry annotate < corpus.jsonl > annotations.jsonl
  parallel --pipe --block 4M -k -j 2 quarry annotate --state < corpus.jsonl > ann.jsonl
  quarry --db corpus.db import ann.jsonl
]],
}

local function first_line(message)
  return (tostring(message):match("^[^\n]*"))
end

function annotate.main(_, words)
  local options, rest = cli.parse(words, { rules = "list", state = "flag", file = "value" })
  if not options then return 1, rest end
  if #rest > 0 then return 1, "annotate reads standard input and takes no positional arguments" end
  local file = options.file or "stdin"
  local base = file:match("([^/]*)$")
  local set = ruleset.load(cli.rule_folders(options))
  local status = 0
  for _, message in ipairs(set.errors) do
    cli.error_line(first_line(message))
    status = 2
  end
  local all = {} -- every rule runs; one table for all documents (the engine plans once)
  for _, rule in ipairs(set.rules) do all[rule.name] = true end

  local out = io.stdout
  local number = 0
  for line in io.stdin:lines("L") do
    number = number + 1
    local doc, message = quarry.jsonl_document(line, number)
    if doc == nil then
      cli.error_line(string.format("%s:%d: %s", file, number, message))
      status = 2
    elseif doc then
      doc.name = doc.name or string.format("%s:%d", base, number)
      doc.id = number
      sandbox.where = doc.name -- (named if a rule gets stuck in C)
      local cands, errors, failed = engine.run_document(set, doc, all, nil)
      sandbox.where = nil
      for _, e in ipairs(errors) do
        cli.error_line(string.format("%s (rule %s, document %s, %s:%d)", first_line(e.message),
                                     e.rule, doc.name, file, number))
        status = 2
      end
      local sha256 = quarry.sha256(doc.text)
      local lines = records.annotation_lines({}, doc.name, sha256, doc.text, cands, options.state)
      if options.state then
        local runs = {}
        for _, rule in ipairs(set.rules) do
          if not failed[rule.name] then runs[rule.name] = rule.version end
        end
        lines[#lines + 1] = records.document_line(doc.name, sha256, runs)
      end
      out:write(table.concat(lines))
      out:flush()
    end
  end
  return status
end

return annotate
