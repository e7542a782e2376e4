-- quarry extract: run the rules over the stored documents.

local quarry = require "quarry"
local cli = require "quarry.cli"
local engine = require "quarry.engine"
local jobs = require "quarry.jobs"
local records = require "quarry.records"
local ruleset = require "quarry.ruleset"
local sandbox = require "quarry.sandbox"

local extract = {
  synopsis = "extract [--rules DIR]... [--no-default-rules] [--prune] [--force] [--doc NAME]... [--jobs N] [--batch N] [--no-progress] [--format text|json]",
  help = [[
Runs every rule in the rules folders over every stored document and stores
what they find as annotations (with the overlap policy applied; candidates
set aside are kept, see `quarry rules explain`).

The rules are the shipped pack plus every folder given with --rules: a
folder of your own adds to the pack (a rule of yours with the name of a
pack rule replaces that rule); --no-default-rules leaves the pack out.

It is incremental: a rule whose version (the hash of its file, the
libraries and gazetteers it uses, and the rules whose output it reads) has
not changed is not run again on a document it already ran on; a new or
changed rule replaces its own old output. Annotations of a rule that is not
loaded now (its folder not given this time, or its file deleted) are
kept, and stderr names those rules; --prune drops them. So a plain
`quarry extract` after `quarry extract --rules mine` keeps what your rules
found. What was re-run is shown on stderr, then a summary line: rules,
documents, documents updated, annotations that stand and candidates set
aside.

A rule file that does not load, or a rule that raises on a document, is
reported with its file and line (and the document; a rule that raises on
several documents is shown once, then "raised on N more documents"); the
other rules and documents go on, the failing rule's output for that
document is not stored, and the exit status is 2. While any rule file fails to load, nothing is
pruned, even with --prune.

Rules run in a sandbox (no os, io but reading the data and rules folders,
debug, package or bytecode; see the README's "Safety") with a budget for
each rule on each document and for loading each rule file: --budget Lua
instructions, --timeout seconds and --memory MB. A rule over it is stopped, reported
like an error (file, document, the limit) and set aside for that document.

When stderr is a terminal, a progress line shows documents done, MB, MB/s
and the annotations found so far, and errors are red (NO_COLOR=1 turns
colour off).

Options:
  --rules DIR     a rules folder of your own, added to the shipped rules/
                  (repeat for several)
  --no-default-rules
                  leave the shipped rules/ out: only the --rules folders
  --prune         drop the annotations of rules that are not loaded now
  --force         run every rule on every document again
  --doc NAME      only this document (name or id; repeatable)
  --jobs N        run the rules in N worker processes (default: the number of
                  cores, when there are at least 2 MB of text to run them
                  on); this process alone writes, in document order, so
                  the result and the messages are those of --jobs 1
  --batch N       documents per transaction (default 2000): an error, a
                  worker that dies or Ctrl-C leaves the database as after
                  the last committed batch, and a rerun finishes the job
  --no-progress   no progress line, even when stderr is a terminal
  --budget N      Lua instructions a rule may use on one document
                  (default 1,000,000,000, a few seconds)
  --timeout S     seconds a rule may take on one document (default 60)
  --memory MB     memory a rule may add on one document (default 1024)
  --format F      text (default) or json: also print the run's summary on
                  stdout as one JSON object (rules, documents, updated,
                  stand, set_aside, runs [{rule, why, documents}], dropped,
                  kept (rules not loaded whose annotations were kept),
                  load_errors, rule_errors, status, workers: the worker
                  processes of --jobs, 0 when this process ran the rules);
                  stderr is unchanged

Exit status: 0 ok, 1 usage error, 2 a rule file did not load, a rule
raised, a --doc is not stored, or the database could not take the work
(locked by another program, a full disk: what committed before is kept
and counted, the rest is named and run again next time), or a rule was
stuck in one call into C past twice its --timeout (quarry stops there).

Examples:
  quarry extract
  quarry extract --jobs 1
  quarry extract --rules my-rules --doc 01-russia-china-ai-year.txt --format json
  quarry extract --prune          # after deleting a rule: drop what it found
]],
}

local BATCH = 2000 -- documents per transaction, unless --batch says otherwise
-- Without --jobs, workers start only for at least this much text to run
-- the rules on (a few seconds' work); below it one process is faster.
local DEFAULT_JOBS_MIN_BYTES = 2000000

-- What to do with one document: the rules to run (name -> why), the
-- rules whose output to drop, and whether anything changes at all. The
-- names of rules not loaded whose output stays are added to kept.
local function plan_document(set, runs, force, may_drop, kept)
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
    if not set.by_name[name] then
      if may_drop then
        removed[name] = true
        changed = true
      else
        kept[name] = true
      end
    end
  end
  return changed, rerun, why, removed
end

-- The JSON text of each stored annotation value of a document, by id.
local function value_texts(db, doc)
  local texts = {}
  for _, row in ipairs(db:query(
      "SELECT id, value FROM annotations WHERE document = ?", doc.id)) do
    texts[row.id] = row.value
  end
  return texts
end

local function first_line(message)
  return (tostring(message):match("^[^\n]*"))
end

-- What the rules make of one document, or nil when nothing changes: the
-- candidates resolved (stored ones of rules not re-run kept), the errors
-- ({rule, message}), the rule runs to store, the rules that ran (name ->
-- why) and the removed rules whose output was dropped (a list). What --jobs workers
-- compute and the writer applies (quarry.jobs); --jobs 1 does both here.
function extract.document_outcome(db, set, doc, force, may_drop, unloaded)
  local runs = doc:rule_runs()
  local changed, rerun, why, removed = plan_document(set, runs, force, may_drop, unloaded or {})
  if not changed then return nil end
  local kept, stored_values = {}, nil
  for _, c in ipairs(doc:candidates()) do
    if not rerun[c.rule] and not removed[c.rule] then
      local rule = set.by_name[c.rule]
      c.priority = rule and rule.priority or 0
      -- stored again as the JSON text it was stored as: decoding it
      -- dropped its members that are null ({"speaker": null})
      stored_values = stored_values or value_texts(db, doc)
      c.value_json = stored_values[c.id]
      kept[#kept + 1] = c
    end
  end
  -- the engine keeps a rule's errors to the rule; anything else that goes
  -- wrong on a document leaves that document as it was
  sandbox.where = doc.name -- (named if a rule gets stuck in C)
  local ran, cands, errors, failed = pcall(engine.run_document, set, doc, rerun, kept)
  sandbox.where = nil
  if not ran then return { document_error = first_line(cands) } end
  local new_runs, ran = {}, {}
  for name, version in pairs(runs) do
    if not removed[name] and not rerun[name] then new_runs[name] = version end
  end
  for name in pairs(rerun) do
    if not failed[name] then
      new_runs[name] = set.by_name[name].version
      ran[name] = why[name]
    end
  end
  local removed_list = {}
  for name in pairs(removed) do removed_list[#removed_list + 1] = name end
  table.sort(removed_list)
  return { cands = cands, errors = errors, runs = new_runs, ran = ran, removed = removed_list }
end


-- The progress line: documents done, size read (MB, or kB for a corpus
-- under a megabyte), speed, annotations found so far.
local function progress_text(done, total, bytes, total_bytes, seconds, found)
  local scale, unit = 1e6, "MB"
  if total_bytes < 1e6 then scale, unit = 1e3, "kB" end
  return string.format("extract: %d/%d documents, %.1f/%.1f %s, %.1f %s/s, %d found",
    done, total, bytes / scale, total_bytes / scale, unit,
    seconds > 0 and bytes / scale / seconds or 0, unit, found)
end

-- The ids and sizes (bytes of text) of the documents to extract, in id
-- order, or nil and a message. Only ids are kept, not the documents: a
-- document keeps its text once read, so a list of them would hold the
-- whole corpus by the end of the run; each is fetched again when its turn
-- comes and dropped after.
local function document_ids(db, keys)
  local ids, sizes = {}, {}
  local function add(doc)
    ids[#ids + 1] = doc.id
    sizes[#sizes + 1] = doc.bytes or 0
  end
  if keys then
    local documents, message = cli.documents(db, keys)
    if not documents then return nil, nil, message end
    for _, doc in ipairs(documents) do add(doc) end
  else
    for doc in db:documents() do add(doc) end
  end
  return ids, sizes
end

-- A whole number of at least 1 from an option, or nil.
local function count_option(value)
  local n = math.tointeger(tonumber(value))
  if n and n >= 1 then return n end
  return nil
end

function extract.main(db, words)
  local options, rest = cli.parse(words, { rules = "list", force = "flag", doc = "list",
                                           ["no-progress"] = "flag", format = "value",
                                           ["no-default-rules"] = "flag", prune = "flag",
                                           budget = "value", timeout = "value", memory = "value",
                                           jobs = "value", batch = "value", worker = "value" })
  if not options then return 1, rest end
  if options.budget then
    local n = math.tointeger(tonumber(options.budget))
    if not n or n < 1 then return 1, "--budget takes a positive whole number of Lua instructions" end
    sandbox.limits.instructions = n
  end
  if options.memory then
    local n = math.tointeger(tonumber(options.memory))
    if not n or n < 1 then return 1, "--memory takes a positive whole number of MB" end
    sandbox.limits.memory = n * 1048576
  end
  if options.timeout then
    local n = tonumber(options.timeout)
    if not n or n <= 0 or n ~= n then return 1, "--timeout takes a positive number of seconds" end
    sandbox.limits.seconds = n
  end
  if #rest > 0 then return 1, "extract takes no positional arguments" end
  local format = options.format or "text"
  if format ~= "text" and format ~= "json" then return 1, "--format takes text or json" end
  local job_count, batch = quarry.cpu_count(), BATCH
  if options.jobs then
    job_count = count_option(options.jobs)
    if not job_count then return 1, "--jobs takes a whole number of at least 1" end
  end
  if options.batch then
    batch = count_option(options.batch)
    if not batch then return 1, "--batch takes a whole number of at least 1" end
  end
  -- cleared whichever way this function ends, an error included
  local progress <close> = cli.progress(not options["no-progress"] and quarry.isatty("stderr"))
  progress:draw("extract: loading the rules")
  local set = ruleset.load(cli.rule_folders(options))
  local may_drop = options.prune and next(set.failed) == nil and #set.errors == 0
  if options.worker then -- one of the processes of --jobs (quarry.jobs); says nothing itself
    return jobs.work(db, set, options.worker, options.force, may_drop, extract.document_outcome)
  end
  local status, load_errors, rule_errors = 0, #set.errors, 0
  for _, message in ipairs(set.errors) do
    cli.error_line(first_line(message))
    status = 2
  end
  if options.prune and not may_drop then
    cli.error_line("extract: --prune ignored while a rule file does not load")
  end

  local ids, sizes, message = document_ids(db, options.doc)
  if not ids then return 2, message end
  local total_bytes = 0
  for _, size in ipairs(sizes) do total_bytes = total_bytes + size end

  local reran, dropped, unloaded = {}, {}, {}
  local raised, raised_order = {}, {} -- rule -> documents it raised on; rules in order
  local touched, stored, aside, bytes = 0, 0, 0, 0
  -- Reports, writes and counts what the rules made of a document.
  local function apply(doc, outcome)
    if outcome.document_error then
      cli.error_line(string.format("%s (document %s: left as it was)", outcome.document_error, doc.name))
      rule_errors = rule_errors + 1
      status = 2
      return
    end
    for _, e in ipairs(outcome.errors) do
      -- the first error of a rule in full; the others are counted
      raised[e.rule] = (raised[e.rule] or 0) + 1
      if raised[e.rule] == 1 then
        raised_order[#raised_order + 1] = e.rule
        local line = first_line(e.message)
        if e.file and line:sub(1, #e.file) ~= e.file then line = e.file .. ": " .. line end
        cli.error_line(string.format("%s (rule %s, document %s)", line, e.rule, doc.name))
      end
      rule_errors = rule_errors + 1
      status = 2
    end
    for name, why in pairs(outcome.ran) do
      reran[name] = reran[name] or { count = 0, why = why }
      reran[name].count = reran[name].count + 1
    end
    for _, name in ipairs(outcome.removed) do dropped[name] = true end
    db:write_annotations(doc, outcome.cands, outcome.runs)
    touched = touched + 1
    for _, c in ipairs(outcome.cands) do
      if c.beaten_by then aside = aside + 1 else stored = stored + 1 end
    end
  end

  local source -- the workers, with --jobs above 1 and enough to do
  if job_count > 1 then
    progress:draw("extract: starting the workers")
    -- the default (the cores) only where the work outweighs starting them
    local min_bytes = options.jobs and 0 or DEFAULT_JOBS_MIN_BYTES
    source = jobs.start(db, ids, sizes, job_count, options, min_bytes, function(doc)
      return (plan_document(set, doc:rule_runs(), options.force, may_drop, unloaded))
    end)
  end
  local loop_started = quarry.now()
  progress:draw(progress_text(0, #ids, 0, total_bytes, 0, 0))
  -- what is committed so far: the summary after a failure counts only that
  local committed = { documents = 0, touched = 0, stored = 0, aside = 0 }
  local done = 0
  local committing = false -- (so a failure says which documents it lost)
  local function commit()
    committing = true
    db:commit()
    committing = false
    committed = { documents = done, touched = touched, stored = stored, aside = aside }
  end
  local ok, err = pcall(function()
    db:begin()
    for n, id in ipairs(ids) do
      done = n - 1
      local doc = assert(db:document(id))
      local outcome
      if source then
        outcome = source:outcome(n, doc)
      else
        outcome = extract.document_outcome(db, set, doc, options.force, may_drop, unloaded)
      end
      if outcome then apply(doc, outcome) end
      bytes = bytes + sizes[n]
      if progress:due() then
        progress:draw(progress_text(n, #ids, bytes, total_bytes, quarry.now() - loop_started,
                                    stored))
      end
      done = n
      if n % batch == 0 then commit(); db:begin() end
    end
    commit()
  end)
  progress:clear()
  if ok then
    -- where each loaded rule came from, for a later run without its folder
    -- (absolute: the next run may start elsewhere)
    local files, cwd = {}, os.getenv("PWD")
    for _, rule in ipairs(set.rules) do
      local file = rule.file
      if file:sub(1, 1) ~= "/" and cwd then file = cwd:gsub("/$", "") .. "/" .. file:gsub("^%./", "") end
      files[rule.name] = file
    end
    ok, err = pcall(db.set_rule_files, db, files)
  end
  local workers = source and source.count or 0
  if source then source:close() end
  if not ok then
    -- the database failed (locked, full, damaged) or a worker stopped:
    -- what the batch under way wrote is rolled back; say so, and what is
    -- stored
    db:rollback()
    local reason = first_line(sandbox.message_of(err)):gsub("^[^:\n]+%.lua:%d+: ", "")
    if committing then
      cli.error_line(string.format("extract: stopped committing documents %d to %d of %d: %s",
                                   committed.documents + 1, done, #ids, reason))
    else
      cli.error_line(string.format("extract: stopped at document %d of %d: %s", done + 1, #ids, reason))
    end
    cli.error_line(string.format(
      "extract: %d documents were done and stored (%d updated; %d annotations stand, %d set aside);"
      .. " the %d after them were not stored and will be run again next time",
      committed.documents, committed.touched, committed.stored, committed.aside,
      #ids - committed.documents))
    -- name the first of them, where the database can still be read
    local unstored = {}
    pcall(function()
      for n = committed.documents + 1, math.min(#ids, committed.documents + 10) do
        unstored[#unstored + 1] = assert(db:document(ids[n])).name
      end
    end)
    if #unstored > 0 then
      cli.error_line(string.format("extract: not stored: %s%s", table.concat(unstored, ", "),
                                   #ids - committed.documents > #unstored and ", ..." or ""))
    end
    return 2
  end

  for _, rule in ipairs(raised_order) do
    if raised[rule] > 1 then
      cli.error_line(string.format("rule %s raised on %d more document%s (the first is shown above)",
        rule, raised[rule] - 1, raised[rule] == 2 and "" or "s"))
    end
  end
  local names = {}
  for name in pairs(reran) do names[#names + 1] = name end
  table.sort(names)
  for _, name in ipairs(names) do
    cli.message(string.format("extract: %s (%s) run on %d document%s", name,
      reran[name].why, reran[name].count, reran[name].count == 1 and "" or "s"))
  end
  local removed_names = {}
  for name in pairs(dropped) do removed_names[#removed_names + 1] = name end
  table.sort(removed_names)
  for _, name in ipairs(removed_names) do
    cli.message("extract: dropped the annotations of removed rule " .. name)
  end
  local kept_names = {}
  for name in pairs(unloaded) do kept_names[#kept_names + 1] = name end
  table.sort(kept_names)
  if #kept_names > 0 then
    -- the folders they were loaded from last, as far as the database knows
    local folders, seen_folder = {}, {}
    for _, name in ipairs(kept_names) do
      local row = db:query("SELECT file FROM rule_files WHERE rule = ?", name)[1]
      local folder = row and row.file:match("^(.*)/[^/]*$")
      if folder and not seen_folder[folder] then
        seen_folder[folder] = true
        folders[#folders + 1] = "--rules " .. folder
      end
    end
    cli.message(string.format("extract: kept the annotations of %d rule%s not loaded now (%s): "
      .. "give their folder with %s, or drop them with --prune", #kept_names,
      #kept_names == 1 and "" or "s", table.concat(kept_names, ", "),
      #folders > 0 and table.concat(folders, " ") or "--rules"), "warn")
  end
  cli.message(string.format(
    "extract: %d rules, %d documents, %d updated; %d annotations stand, %d set aside",
    #set.rules, #ids, touched, stored, aside))
  if format == "json" then
    local runs = cli.array()
    for _, name in ipairs(names) do
      runs[#runs + 1] = { rule = name, why = reran[name].why, documents = reran[name].count }
    end
    io.stdout:write(cli.json({
      rules = #set.rules, documents = #ids, updated = touched, stand = stored,
      set_aside = aside, runs = runs, dropped = cli.array(removed_names),
      kept = cli.array(kept_names),
      load_errors = load_errors, rule_errors = rule_errors, status = status,
      workers = workers,
    }), "\n")
  end
  return status
end

return extract
