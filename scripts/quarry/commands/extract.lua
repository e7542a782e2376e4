-- quarry extract: run the rules over the stored documents.

local cli = require "quarry.cli"
local engine = require "quarry.engine"
local ruleset = require "quarry.ruleset"

local extract = {
  synopsis = "extract [--rules DIR]... [--force] [--doc NAME]...",
  help = [[
Runs every rule in the rules folders over every stored document and stores
what they find as annotations (with the overlap policy applied; candidates
set aside are kept, see `quarry rules explain`).

It is incremental: a rule whose version (the hash of its file, the
libraries and gazetteers it uses, and the rules whose output it reads) has
not changed is not run again on a document it already ran on; a new or
changed rule replaces its own old output; the annotations of a rule that was
removed are dropped. What was re-run is shown on stderr.

A rule file that does not load, or a rule that raises on a document, is
reported with its file and line (and the document); the other rules and
documents go on, the failing rule's output for that document is not stored,
and the exit status is 2. While any rule file fails to load, no
annotations are dropped as those of a removed rule.

  --rules DIR   a rules folder (repeat for several; default: the shipped rules/)
  --force       run every rule on every document again
  --doc NAME    only this document (name or id; repeatable)
]],
}

local BATCH = 2000 -- documents per transaction

-- What to do with one document: the rules to run (name -> why) and
-- whether anything changes at all.
local function plan_document(set, runs, force, may_drop)
  local rerun, why, changed = {}, {}, false
  for _, rule in ipairs(set.rules) do
    local stored = runs[rule.name]
    if force or stored ~= rule.version then
      rerun[rule.name] = true
      why[rule.name] = force and "forced" or stored == nil and "new" or "changed"
      changed = true
    end
  end
  local removed = {}
  for name in pairs(runs) do
    if not set.by_name[name] and may_drop then
      removed[name] = true
      changed = true
    end
  end
  return changed, rerun, why, removed
end

-- A rule of type "published" that ran on the document gives its
-- publication date (stored unless the document came with one).
local function store_publication_date(db, set, doc, cands, rerun, failed)
  for _, rule in ipairs(set.rules) do
    if rule.type == "published" and rerun[rule.name] and not failed[rule.name] then
      local edtf
      for _, c in ipairs(cands) do
        if c.rule == rule.name and not c.beaten_by and c.value then edtf = c.value.edtf break end
      end
      db:set_published(doc, edtf, rule.name)
    end
  end
end

local function first_line(message)
  return (tostring(message):match("^[^\n]*"))
end

function extract.main(db, words)
  local options, rest = cli.parse(words, { rules = "list", force = "flag", doc = "list" })
  if not options then return 1, rest end
  if #rest > 0 then return 1, "extract takes no positional arguments" end
  local set = ruleset.load(cli.rule_folders(options))
  local status = 0
  for _, message in ipairs(set.errors) do
    io.stderr:write("quarry: ", first_line(message), "\n")
    status = 2
  end
  local may_drop = next(set.failed) == nil and #set.errors == 0

  local documents, message = cli.documents(db, options.doc)
  if not documents then return 2, message end

  local reran, dropped = {}, {}
  local touched, stored, aside = 0, 0, 0
  db:begin()
  local ok, err = pcall(function()
    for n, doc in ipairs(documents) do
      local runs = doc:rule_runs()
      local changed, rerun, why, removed = plan_document(set, runs, options.force, may_drop)
      if changed then
        local kept = {}
        for _, c in ipairs(doc:candidates()) do
          if not rerun[c.rule] and not removed[c.rule] then
            local rule = set.by_name[c.rule]
            c.priority = rule and rule.priority or 0
            kept[#kept + 1] = c
          end
        end
        local cands, errors, failed = engine.run_document(set, doc, rerun, kept)
        for _, e in ipairs(errors) do
          io.stderr:write(string.format("quarry: %s (rule %s, document %s)\n",
            first_line(e.message), e.rule, doc.name))
          status = 2
        end
        local new_runs = {}
        for name, version in pairs(runs) do
          if not removed[name] and not rerun[name] then new_runs[name] = version end
        end
        for name in pairs(rerun) do
          if not failed[name] then
            new_runs[name] = set.by_name[name].version
            reran[name] = reran[name] or { count = 0, why = why[name] }
            reran[name].count = reran[name].count + 1
          end
        end
        for name in pairs(removed) do dropped[name] = true end
        db:write_annotations(doc, cands, new_runs)
        store_publication_date(db, set, doc, cands, rerun, failed)
        touched = touched + 1
        for _, c in ipairs(cands) do
          if c.beaten_by then aside = aside + 1 else stored = stored + 1 end
        end
      end
      if n % BATCH == 0 then db:commit(); db:begin() end
    end
  end)
  if not ok then
    db:rollback()
    error(err, 0)
  end
  db:commit()

  local names = {}
  for name in pairs(reran) do names[#names + 1] = name end
  table.sort(names)
  for _, name in ipairs(names) do
    io.stderr:write(string.format("extract: %s (%s) run on %d document%s\n", name,
      reran[name].why, reran[name].count, reran[name].count == 1 and "" or "s"))
  end
  local removed_names = {}
  for name in pairs(dropped) do removed_names[#removed_names + 1] = name end
  table.sort(removed_names)
  for _, name in ipairs(removed_names) do
    io.stderr:write("extract: dropped the annotations of removed rule ", name, "\n")
  end
  io.stderr:write(string.format(
    "extract: %d rules, %d documents, %d updated; %d annotations stand, %d set aside\n",
    #set.rules, #documents, touched, stored, aside))
  return status
end

return extract
