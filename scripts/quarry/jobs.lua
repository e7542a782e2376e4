-- jobs.lua: `quarry extract --jobs N`. N worker processes (the same
-- program, `extract --worker`), each with its own Lua state and rule set,
-- run the rules over chunks of the documents that need it; this process
-- alone writes, in document order.
--
-- The documents that need work are cut into chunks, dealt out in turn:
-- chunk c goes to worker c % N. A worker reads its chunks' document ids
-- from a file, writes each chunk's outcomes (one JSON line a document:
-- its candidates, rule runs, errors, the rules that ran and the ones
-- dropped, the dates found) to a file of its own, and then prints the
-- chunk's number on its standard output. The writer waits for chunk 0's
-- number from worker 0, reads and writes its documents, then chunk 1 from
-- worker 1, and so on. A worker never waits for the writer (the pipe only
-- carries chunk numbers), so the workers keep the cores busy while the
-- writer, far faster, follows in order. The writer commits in batches as
-- --jobs 1 does, so a worker that dies or Ctrl-C leaves the database as
-- after the last committed batch.

local quarry = require "quarry"

local encode, decode = quarry.json.encode, quarry.json.decode

local jobs = {}

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

-- A document's outcome as one JSON line: the candidates in the engine's
-- order as arrays {type, start, end, value's JSON text, rule, version,
-- beaten_by, reason} (false for none), so the writer decodes one line per
-- document and hands db:write_annotations exactly what --jobs 1 hands it.
-- The rule runs and the rules that ran are mostly the same from one
-- document to the next (every rule, new): when they are the same as the
-- previous document's of the chunk, the line says true instead, which
-- halves what the writer decodes. previous holds the last ones written.
local function outcome_line(doc, outcome, previous)
  if not outcome then return encode({ id = doc.id, unchanged = true }) .. "\n" end
  if outcome.document_error then
    return encode({ id = doc.id, document_error = outcome.document_error }) .. "\n"
  end
  local cands = {}
  for i, c in ipairs(outcome.cands) do
    local value = c.value_json or (c.value ~= nil and encode(c.value)) or false
    cands[i] = { c.type, c.start, c["end"], value, c.rule, c.rule_version, c.beaten_by or false,
                 c.reason or false }
  end
  local errors = {}
  for i, e in ipairs(outcome.errors) do errors[i] = { e.rule, e.message, e.file or false } end
  local runs, ran = encode(outcome.runs), encode(outcome.ran)
  local line = { encode({ id = doc.id, cands = cands, removed = outcome.removed, errors = errors }):sub(1, -2),
                 ',"runs":', runs == previous.runs and "true" or runs,
                 ',"ran":', ran == previous.ran and "true" or ran, "}\n" }
  previous.runs, previous.ran = runs, ran
  return table.concat(line)
end

-- Writes one chunk's outcomes (the worker's side).
local function write_chunk(path, db, set, ids, force, may_drop, outcome_of)
  local out = assert(io.open(path, "wb"))
  local previous = {}
  for _, id in ipairs(ids) do
    local doc = assert(db:document(id))
    assert(out:write(outcome_line(doc, outcome_of(db, set, doc, force, may_drop), previous)))
  end
  assert(out:close())
end

-- The worker: `extract --worker FILE`. FILE lists its chunks, one a line:
-- the chunk's number, then its document ids. Each chunk's outcomes go to
-- FILE's folder as CHUNK.jsonl, then CHUNK is printed. Returns 0.
function jobs.work(db, set, file, force, may_drop, outcome_of)
  local folder = file:match("^(.*)/[^/]*$") or "."
  for line in io.lines(file) do
    local numbers = {}
    for number in line:gmatch("%d+") do numbers[#numbers + 1] = math.tointeger(tonumber(number)) end
    local chunk = table.remove(numbers, 1)
    write_chunk(string.format("%s/%d.jsonl", folder, chunk), db, set, numbers, force, may_drop,
                outcome_of)
    io.stdout:write(chunk, "\n")
    io.stdout:flush()
  end
  return 0
end

local Source = {}
Source.__index = Source

-- The worker of a chunk, waited for until it says the chunk is written.
function Source:wait_for(chunk)
  local w = chunk % self.count + 1
  local said = self.workers[w]:read("l")
  if said ~= tostring(chunk) then
    local _, how, code = self.workers[w]:close()
    self.workers[w] = nil
    error(string.format("extract: worker %d stopped before it finished (%s %s); " ..
      "the database keeps what was committed before", w, tostring(how), tostring(code)), 0)
  end
end

-- The next document's outcome from the workers, in document order, as
-- the decoded line outcome_line wrote.
function Source:read_outcome()
  while true do
    if not self.file then
      self.chunk = self.chunk + 1
      self:wait_for(self.chunk)
      self.path = string.format("%s/%d.jsonl", self.folder, self.chunk)
      self.file = assert(io.open(self.path, "rb"))
    end
    local line = self.file:read("L")
    if line then
      local record = decode(line)
      -- true: the same as the previous document's of this chunk
      if record.runs == true then record.runs = self.previous_runs else self.previous_runs = record.runs end
      if record.ran == true then record.ran = self.previous_ran else self.previous_ran = record.ran end
      return record
    end
    self.file:close()
    os.remove(self.path)
    self.file = nil
  end
end

local function list(v) return type(v) == "table" and v or {} end

-- The outcome for the document at position n of the run (nil when it needs
-- no work), as extract.document_outcome gives it.
function Source:outcome(n, doc)
  if not self.changed[n] then return nil end
  local record = self:read_outcome()
  if record.id ~= doc.id then
    error(string.format("extract: a worker answered for document %s instead of %s",
                        tostring(record.id), tostring(doc.id)), 0)
  end
  if record.unchanged then return nil end
  if record.document_error then return { document_error = record.document_error } end
  local cands = {}
  for i, c in ipairs(list(record.cands)) do
    cands[i] = { type = c[1], start = c[2], ["end"] = c[3], value_json = c[4] or nil, rule = c[5],
                 rule_version = c[6], beaten_by = c[7] or nil, reason = c[8] or nil }
  end
  local errors = {}
  for i, e in ipairs(list(record.errors)) do errors[i] = { rule = e[1], message = e[2], file = e[3] or nil } end
  return { cands = cands, errors = errors, runs = list(record.runs), ran = list(record.ran),
           removed = list(record.removed) }
end

-- Ends the workers (they have finished unless the run failed) and removes
-- the scratch folder.
function Source:close()
  if self.file then self.file:close() end
  for w = 1, self.count do
    if self.workers[w] then self.workers[w]:close() end
    self.workers[w] = nil
  end
  for _, name in ipairs(quarry.list_dir(self.folder) or {}) do os.remove(self.folder .. "/" .. name) end
  os.remove(self.folder)
  os.remove(self.reserved)
end
Source.__close = Source.close

-- Starts the workers for a run over ids (in order; sizes their bytes)
-- when it is worth it: returns a source of outcomes (to close when done),
-- or nil when the run is better done in this process: fewer than two
-- documents need work, or less than min_bytes of text (each worker loads
-- the rules and builds its scanner, about a CPU second, before its first
-- document). needs_work(doc) says whether a document changes; options are
-- extract's (rules, force).
function jobs.start(db, ids, sizes, count, options, min_bytes, needs_work)
  local changed, work, bytes = {}, {}, 0
  for n, id in ipairs(ids) do
    if needs_work(assert(db:document(id))) then
      changed[n] = true
      work[#work + 1] = id
      bytes = bytes + sizes[n]
    end
  end
  if #work < 2 or bytes < min_bytes then return nil end
  count = math.min(count, #work)
  local size = math.max(1, math.min(32, -(-#work // (count * 4)))) -- documents a chunk
  local db_path = db:query("PRAGMA database_list")[1].file
  local program = assert(quarry.executable())
  -- the scratch folder: beside a file os.tmpname made (unique, and kept
  -- until the end so the name stays taken); a run killed by a signal
  -- leaves both, /tmp/lua_XXXXXX and /tmp/lua_XXXXXX.quarry-jobs
  local reserved = os.tmpname()
  local folder = reserved .. ".quarry-jobs"
  assert(quarry.make_dir(folder))
  local self = setmetatable({ changed = changed, workers = {}, folder = folder, chunk = -1,
                              count = count, reserved = reserved }, Source)
  local lists = {}
  for w = 1, count do lists[w] = {} end
  local chunk = 0
  for first = 1, #work, size do
    local line = { chunk }
    for k = first, math.min(first + size - 1, #work) do line[#line + 1] = work[k] end
    table.insert(lists[chunk % count + 1], table.concat(line, " "))
    chunk = chunk + 1
  end
  -- (--worker FILE comes first: a worker is known by its database and
  -- "extract --worker", which tests look for to kill one of their own)
  local common = { "--no-progress" }
  for _, folder_name in ipairs(options.rules or {}) do
    common[#common + 1] = "--rules " .. shell_quote(folder_name)
  end
  if options.force then common[#common + 1] = "--force" end
  if options.prune then common[#common + 1] = "--prune" end
  if options["no-default-rules"] then common[#common + 1] = "--no-default-rules" end
  for _, limit in ipairs({ "budget", "timeout", "memory" }) do
    if options[limit] then common[#common + 1] = "--" .. limit .. " " .. shell_quote(options[limit]) end
  end
  for w = 1, count do
    local list = string.format("%s/worker%d.chunks", folder, w)
    local file = assert(io.open(list, "wb"))
    file:write(table.concat(lists[w], "\n"), "\n")
    file:close()
    local command = table.concat({ shell_quote(program), "--db", shell_quote(db_path), "extract",
                                   "--worker", shell_quote(list), table.concat(common, " ") }, " ")
    self.workers[w] = assert(io.popen(command, "r"))
  end
  return self
end

return jobs
