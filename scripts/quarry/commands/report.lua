-- quarry report: run the reports in scripts/reports/ (or --reports DIR).
--
-- A report is a Lua file that returns a table:
--
--   return {
--     description = "one line for quarry report --list",
--     filters = { "doc", "since", "until", "country" },  -- the common filters it honours (the default)
--     options = { top = "value", field = "list" },       -- options of its own: "value", "list" or "flag"
--     run = function(ctx) ... end,                        -- builds the report through ctx
--   }
--
-- The file is loaded and run in an environment of its own (the safe parts
-- of the standard library, lpeg, re, json; no io, os.execute, require,
-- load or debug) and sees the database only through ctx (see
-- scripts/quarry/report.lua). Loading and running a report is one protected
-- call under an instruction budget (a count hook): a report that runs away
-- is stopped with a message that says so, and when several reports run, the
-- others still run.

local quarry = require "quarry"
local cli = require "quarry.cli"
local report = require "quarry.report"
local render = require "quarry.report_render"
local read_only = require("quarry.sandbox").read_only
local library = require("quarry.sandbox").library

local command = {
  help = [[
Runs reports over the stored documents and annotations, or lists them.
Two forms:

  quarry report --list [--reports DIR]... [--format table|csv|tsv|json]
      The reports: name, description, the options each takes (in json, a
      list), its file.
  quarry report NAME... [--format md|csv|tsv|json|html] [--out FILE] [filters]
      Runs the named reports (or every report with --all) over the stored
      documents and annotations. NAME is a report in scripts/reports/
      (add one by dropping a NAME.lua file there) or the path of a .lua file.

Reports take only the filters that make sense for them (quarry report
--list shows which); the others are a usage error. The shipped reports:
brief, entities, money, timeline, quotes, cooperation, overview. Each runs
in a sandbox under an instruction budget; when several run, one that fails
does not stop the others.

Options:
  --format F     md (default: a Markdown document aligned for the terminal),
                 csv (the report's main table; RFC 4180, CRLF line ends),
                 tsv (the same, tab-separated, LF line ends, \\ \t \n \r
                 escaped in cells), json (every table, the notes and the
                 filters) or html (one self-contained page with SVG charts:
                 no network, no external scripts or fonts); with --list:
                 table (default), csv, tsv or json
  --out FILE     write to FILE (with several reports, to FILE/NAME.EXT:
                 FILE must be an existing folder; - is standard output).
                 A file is written whole or not at all (a temporary file
                 renamed at the end); the database itself is refused, and
                 so is an existing file that is not of the format's kind
                 (a Markdown report, CSV, JSON, an HTML page), unless --force
  --force        overwrite such a file anyway
  --doc NAME     only this document (name or id; repeatable)
  --since DATE   only documents published on or after DATE (YYYY, YYYY-MM or
  --until DATE   YYYY-MM-DD); on or before DATE. The timeline report filters
                 its dated statements instead.
  --country ISO  only documents that mention the country (ISO 3166-1 alpha-2;
                 cooperation: only pairs that involve it)
  --type T       (brief, entities) only these annotation types (repeatable)
  --budget N     stop a report after N Lua instructions (default 2000000000)
  --timeout S    stop a report after S seconds, its queries too (default 300)
  --memory MB    stop a report that adds more than MB of memory (default 2048)
  --layout L     the cooperation network's layout in html: auto (Graphviz
                 when `dot` is installed, else built in), dot or builtin
  --reports DIR  look for reports in DIR first (repeatable)
  --all          run every report
  --list         list the reports instead of running them

Exit status: 0 ok, 1 usage error, 2 an unknown document or an output file
that cannot be written, 3 a report failed or ran out of its budget (or was
stuck in one call into C past twice its --timeout: quarry stops there).

Examples:
  quarry report --list
  quarry report money --since 2024 --format csv
  quarry report --all --format html --out reports/
]],
}

local DEFAULT_BUDGET = 2000000000
local HOOK_STEP = 10000 -- instructions between two calls of the count hook
local COMMON = { "doc", "since", "until", "country" }
local EXTENSIONS = { md = "md", csv = "csv", tsv = "tsv", json = "json", html = "html" }

-- The options every report run understands, before the reports' own.
local function base_spec()
  return {
    list = "flag", all = "flag", format = "value", out = "value", reports = "list",
    budget = "value", layout = "value", force = "flag", timeout = "value", memory = "value",
    doc = "list", since = "value", ["until"] = "value", country = "value",
  }
end

-- The folders searched for reports, first match wins.
local function report_folders(extra)
  local folders = {}
  for _, dir in ipairs(extra or {}) do folders[#folders + 1] = dir end
  folders[#folders + 1] = quarry.home .. "/scripts/reports"
  return folders
end

local function exists(path)
  local file = io.open(path, "rb")
  if file then file:close() end
  return file ~= nil
end

-- The file of a report: a path ending in .lua, or NAME.lua in the folders.
local function find_report(name, folders)
  if name:match("%.lua$") then
    if exists(name) then return name, (name:match("([^/]+)%.lua$")) end
    return nil, "no report file " .. name
  end
  if not name:match("^[%w_%-]+$") then return nil, "bad report name " .. name end
  for _, dir in ipairs(folders) do
    local path = dir .. "/" .. name .. ".lua"
    if exists(path) then return path, name end
  end
  return nil, "unknown report " .. name .. " (quarry report --list shows the reports)"
end

-- Every report in the folders, by name (a name in an earlier folder hides
-- the same name in a later one), in name order: {name, path}.
local function all_reports(folders)
  local seen, list = {}, {}
  for _, dir in ipairs(folders) do
    local names = quarry.list_dir(dir)
    for _, file in ipairs(names or {}) do
      local name = file:match("^([%w_%-]+)%.lua$")
      if name and not seen[name] then
        seen[name] = true
        list[#list + 1] = { name = name, path = dir .. "/" .. file }
      end
    end
  end
  table.sort(list, function(a, b) return a.name < b.name end)
  return list
end

-- The budget ------------------------------------------------------------------

-- The error a count hook raises when a report has used up its budget: a
-- unique object, so the sandbox's pcall cannot swallow it.
local Exhausted = setmetatable({}, { __tostring = function() return "instruction budget exhausted" end })

-- Runs f(...) under an instruction budget, in protected mode: true and
-- f's first result, or false and a message (the budget's own message when
-- it ran out). The hook is inherited by coroutines the report makes, and it
-- keeps raising once the budget is spent, so nothing can run on after it.
local active_hook -- the count hook of the report running, for its coroutines

-- The limits beyond the instruction budget: a wall-clock deadline (checked
-- from the hook, and from SQLite's progress handler for the report's
-- queries, which run where no hook sees them), and the memory a report may
-- add. The db whose queries the deadline applies to is set by main.
local limits = { seconds = 300, memory = 2048 * 1048576, db = nil }
local stopped_by -- why the budget's error was raised: "instructions" or "seconds"

local running_name -- the report run_budgeted is running, for the clock's watch

local function run_budgeted(budget, f, ...)
  local used = 0
  local deadline = quarry.now() + limits.seconds
  stopped_by = nil
  local function hook()
    used = used + HOOK_STEP
    if used > budget then stopped_by = stopped_by or "instructions"; error(Exhausted, 0) end
    if used % 1000000 == 0 and quarry.now() > deadline then
      stopped_by = stopped_by or "seconds"
      error(Exhausted, 0)
    end
  end
  local previous, previous_mask, previous_count = debug.gethook()
  active_hook = hook
  if limits.db then limits.db:deadline(limits.seconds) end
  quarry.memory(limits.memory)
  debug.sethook(hook, "", HOOK_STEP)
  -- the last resort for work in one C call, where the hook never runs
  -- (core/lua_budget.c): stuck past twice the deadline, quarry stops
  quarry.budget.watch("report " .. (running_name or "?"), nil, limits.seconds, 3)
  local ok, result = xpcall(f, function(e)
    if e == Exhausted or report.is_usage_error(e) then return e end
    if type(e) ~= "string" then e = tostring(e) end
    return e
  end, ...)
  quarry.budget.unwatch()
  -- put back a Lua hook that was there before (a C hook cannot be)
  if type(previous) == "function" then debug.sethook(previous, previous_mask, previous_count) else debug.sethook() end
  active_hook = nil
  quarry.memory()
  if limits.db then limits.db:deadline() end
  if not ok and result == Exhausted and stopped_by == "seconds" then
    return false, nil, string.format("stopped after %g seconds, its deadline " ..
                                     "(raise it with --timeout SECONDS if the report is just slow)",
                                     limits.seconds)
  end
  if not ok and result == Exhausted then
    return false, nil, string.format("stopped after %s Lua instructions: it used up its budget " ..
                                     "(raise it with --budget N if the report is just slow)",
                                     report.thousands(budget))
  end
  if not ok and result == "not enough memory" then
    return false, nil, string.format("stopped at %d MB of memory more than the host's, its limit " ..
                                     "(raise it with --memory MB)", limits.memory // 1048576)
  end
  if not ok and type(result) == "string" and result:find("interrupted", 1, true) then
    return false, nil, string.format("stopped after %g seconds in a query, its deadline " ..
                                     "(raise it with --timeout SECONDS if the report is just slow)",
                                     limits.seconds)
  end
  if not ok and report.is_usage_error(result) then return false, nil, result.message, true end
  return ok, result
end

-- The sandbox -----------------------------------------------------------------

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

-- pcall and xpcall that let the budget's error through.
local function safe_pcall(f, ...)
  local results = table.pack(pcall(f, ...))
  if not results[1] and results[2] == Exhausted then error(Exhausted, 0) end
  return table.unpack(results, 1, results.n)
end

local function safe_xpcall(f, handler, ...)
  local results = table.pack(xpcall(f, function(e)
    if e == Exhausted then return e end
    return handler(e)
  end, ...))
  if not results[1] and results[2] == Exhausted then error(Exhausted, 0) end
  return table.unpack(results, 1, results.n)
end

-- Coroutines that count against the budget too: a new coroutine gets the
-- running report's hook (Lua keeps a hook function per thread), and the
-- budget's error goes through resume and wrap.
local function budget_coroutines()
  local co = copy(coroutine)
  function co.create(f)
    local thread = coroutine.create(f)
    if active_hook then debug.sethook(thread, active_hook, "", HOOK_STEP) end
    return thread
  end
  function co.resume(thread, ...)
    local results = table.pack(coroutine.resume(thread, ...))
    if not results[1] and results[2] == Exhausted then error(Exhausted, 0) end
    return table.unpack(results, 1, results.n)
  end
  function co.wrap(f)
    local thread = co.create(f)
    return function(...)
      local results = table.pack(co.resume(thread, ...))
      if not results[1] then error(results[2], 0) end
      return table.unpack(results, 2, results.n)
    end
  end
  return co
end

-- The environment a report runs in: the safe parts of the standard library
-- (fresh copies of the library tables), lpeg, re and json; print writes to
-- stderr. No io, no os but date/time/clock, no require, load, dofile,
-- debug, collectgarbage or raw access to the db.
local function sandbox(name)
  local env = library("reports", "report " .. name .. ": ",
    { pcall = safe_pcall, xpcall = safe_xpcall, coroutine = budget_coroutines() })
  -- read-only views: the host's own tables are shared with every report
  env.lpeg = read_only(require "lpeg", "lpeg")
  env.re = read_only(require "re", "re")
  env.json = read_only(quarry.json, "json")
  env._G = env
  return env
end

-- Loads a report file in a sandbox of its own; returns its table or raises
-- with a message naming the file.
local function load_report(path, name)
  local chunk, message = loadfile(path, "t", sandbox(name))
  if not chunk then error(message, 0) end
  local module = chunk()
  if type(module) ~= "table" then error(path .. ": a report must return a table", 0) end
  if type(module.run) ~= "function" then error(path .. ": the report's table has no run function", 0) end
  if module.description ~= nil and type(module.description) ~= "string" then
    error(path .. ": description must be a string", 0)
  end
  return module
end

-- Loads a report under the budget: module or nil, message.
local function load_protected(path, name, budget)
  running_name = name
  local ok, result, stopped = run_budgeted(budget, load_report, path, name)
  if not ok then return nil, stopped or result end
  return result
end

-- The filters and options a report takes: a spec for cli.parse (names to
-- kinds), and a short text for --list.
local function report_spec(module)
  local spec, names = {}, {}
  for _, f in ipairs(module.filters or COMMON) do
    spec[f] = f == "doc" and "list" or "value"
    names[#names + 1] = "--" .. f
  end
  local own = {}
  for k, kind in pairs(module.options or {}) do
    if type(k) == "string" and (kind == "value" or kind == "list" or kind == "flag") then
      spec[k] = kind
      own[#own + 1] = k
    end
  end
  table.sort(own)
  for _, k in ipairs(own) do names[#names + 1] = "--" .. k end
  return spec, table.concat(names, " "), names
end

-- --list --------------------------------------------------------------------------

local function list_reports(options, folders, budget)
  local format = options.format or "table"
  if format == "md" then format = "table" end
  if format ~= "table" and format ~= "csv" and format ~= "tsv" and format ~= "json" then
    return 1, "--list takes --format table, csv, tsv or json"
  end
  local rows = {}
  for _, entry in ipairs(all_reports(folders)) do
    local module, message = load_protected(entry.path, entry.name, budget)
    local row = { name = entry.name, file = entry.path }
    if module then
      row.description = module.description or ""
      local _, text, names = report_spec(module)
      row.options = format == "json" and cli.array(names) or text
    else
      row.description = "(does not load: " .. message:gsub("\n.*", "") .. ")"
      row.options = format == "json" and cli.array() or ""
    end
    rows[#rows + 1] = row
  end
  io.stdout:write(cli.render(rows, { "name", "description", "options", "file" }, format))
  return 0
end

-- Running -------------------------------------------------------------------------

-- Runs one loaded report: the rendered text, or nil and a message.
local function run_report(entry, module, options, documents, db, budget, format, loaded)
  local function use(other)
    if type(other) ~= "string" then error("ctx.use needs a report name", 2) end
    if loaded[other] then return loaded[other] end
    local path, name = find_report(other, options.folders)
    if not path then error(name, 2) end
    local m = load_report(path, name)
    loaded[other] = m
    return m
  end
  local ctx, output = report.context {
    name = entry.name, title = module.title, description = module.description,
    db = db, options = options, documents = documents, use = use,
  }
  -- rendering too runs under the budget: the report's rows may carry
  -- metamethods (__tostring, __index, __len) that run when they are read
  running_name = entry.name
  local ok, result, stopped, usage = run_budgeted(budget, function()
    module.run(ctx)
    return render.render(output, format, {
      layout = options.layout or "auto",
      command = "quarry report " .. entry.name,
    })
  end)
  if not ok then return nil, stopped or result, usage end
  return result
end


-- The value of an option in words before they can be parsed (the
-- reports' own options are known only once the reports are loaded).
local function prescan(words, name)
  local values = {}
  for i, word in ipairs(words) do
    if word == "--" then break end
    if word == "--" .. name then values[#values + 1] = words[i + 1] end
    local inline = word:match("^%-%-" .. name:gsub("%-", "%%-") .. "=(.*)$")
    if inline then values[#values + 1] = inline end
  end
  return values
end

-- Splits words into report names and the rest (options and their values).
-- "--" ends the options: the words after it are names.
local function split_names(words)
  local base = base_spec()
  local names, rest, i = {}, {}, 1
  while i <= #words do
    local word = words[i]
    if word == "--" then
      table.move(words, i + 1, #words, #names + 1, names)
      break
    end
    local option = word:match("^%-%-([^=]+)$")
    if option then
      rest[#rest + 1] = word
      if base[option] ~= "flag" and words[i + 1] ~= nil then
        rest[#rest + 1] = words[i + 1]
        i = i + 1
      end
    elseif word:match("^%-%-") then
      rest[#rest + 1] = word
    else
      names[#names + 1] = word
    end
    i = i + 1
  end
  return names, rest
end

-- Options that are not filters: every run takes them.
local GENERAL = { list = true, all = true, format = true, out = true, reports = true, budget = true,
                  layout = true, force = true, timeout = true, memory = true }

function command.main(db, words)
  -- the report names are the words that are neither options nor their
  -- values; a report's own option (not known yet) is taken to have a value
  local names, rest = split_names(words)
  local folders = report_folders(prescan(rest, "reports"))
  local listing, all = false, false
  for _, word in ipairs(rest) do
    if word == "--" then break end
    if word == "--list" then listing = true end
    if word == "--all" then all = true end
  end

  -- which reports, loaded each in its own protected call
  local entries = {}
  if listing then
    if #names > 0 then return 1, "--list takes no report NAME" end
  elseif all then
    if #names > 0 then return 1, "--all takes no report NAME" end
    entries = all_reports(folders)
  else
    if #names == 0 then return 1, "no report NAME given (quarry report --list shows the reports)" end
    for _, name in ipairs(names) do
      local path, resolved = find_report(name, folders)
      if not path then return 1, resolved end
      entries[#entries + 1] = { name = resolved, path = path }
    end
  end

  local budget = DEFAULT_BUDGET
  local budget_words = prescan(rest, "budget")
  if #budget_words > 0 then
    budget = math.tointeger(tonumber(budget_words[#budget_words]))
    if not budget or budget < 1 then return 1, "--budget needs a positive whole number of instructions" end
  end

  for _, limit in ipairs({ "timeout", "memory" }) do
    local words_given = prescan(rest, limit)
    if #words_given > 0 then
      local n = tonumber(words_given[#words_given])
      if not n or n <= 0 or (limit == "memory" and not math.tointeger(n)) then
        return 1, "--" .. limit .. " needs a positive " .. (limit == "memory" and "whole number of MB" or "number of seconds")
      end
      if limit == "memory" then limits.memory = math.tointeger(n) * 1048576 else limits.seconds = n end
    end
  end
  limits.db = db

  local modules, failures, spec, takers = {}, 0, base_spec(), {}
  for _, entry in ipairs(entries) do
    local module, message = load_protected(entry.path, entry.name, budget)
    if not module and #entries == 1 then return 3, "report " .. entry.name .. " does not load: " .. message end
    if module then
      modules[entry.name] = module
      for key, kind in pairs((report_spec(module))) do
        if not spec[key] then spec[key] = kind end
        takers[key] = (takers[key] or 0) + 1
      end
    else
      failures = failures + 1
      cli.error_line("report " .. entry.name .. " does not load: " .. message)
    end
  end


  local options, positional = cli.parse(rest, spec)
  if not options then
    local unknown = positional:match("^unknown option %-%-(.+)$")
    if unknown and #entries == 1 and modules[entries[1].name] then
      return 1, "report " .. entries[1].name .. " does not take --" .. unknown ..
                " (it takes: " .. select(2, report_spec(modules[entries[1].name])) .. ")"
    elseif unknown and #entries > 1 then
      return 1, "none of these reports takes --" .. unknown
    end
    return 1, positional
  end
  if #positional > 0 then return 1, "unexpected " .. positional[1] end
  if listing then return list_reports(options, folders, budget) end

  -- a filter the report does not take is a usage error (with several
  -- reports: one that none of them takes)
  for key in pairs(options) do
    if not GENERAL[key] and not takers[key] then
      if #entries == 1 and modules[entries[1].name] then
        return 1, "report " .. entries[1].name .. " does not take --" .. key ..
                  " (it takes: " .. select(2, report_spec(modules[entries[1].name])) .. ")"
      end
      return 1, "none of the reports takes --" .. key
    end
  end
  local format = options.format or "md"
  if not EXTENSIONS[format] then return 1, "unknown --format " .. format .. " (md, csv, tsv, json or html)" end
  if options.layout and options.layout ~= "auto" and options.layout ~= "dot" and options.layout ~= "builtin" then
    return 1, "unknown --layout " .. options.layout .. " (auto, dot or builtin)"
  end
  if options.country then
    options.country = options.country:upper() -- a code: ru is RU
    if not options.country:match("^%u%u$") then
      return 1, "--country takes an ISO 3166-1 alpha-2 code such as CN"
    end
  end
  local period_ok, period_message = report.period(options)
  if period_ok == nil then return 1, period_message end
  local out_dir
  if options.out == "-" then options.out = nil end -- standard output
  if options.out and #entries > 1 then
    if not quarry.list_dir(options.out) then
      return 1, "with several reports --out names a folder, and " .. options.out .. " is not one"
    end
    out_dir = options.out:gsub("/+$", "")
  end
  local documents, message = report.select_documents(db, options.doc)
  if not documents then return 2, message end

  -- run them, each in its own protected call
  local loaded, status = {}, failures > 0 and 3 or 0
  for _, entry in ipairs(entries) do
    local module = modules[entry.name]
    if module then
      local own = report_spec(module) -- each report sees only the options it takes
      local mine = { folders = folders, layout = options.layout }
      for key in pairs(own) do mine[key] = options[key] end
      local text, failure, usage = run_report(entry, module, mine, documents, db, budget, format, loaded)
      if usage then return 1, "report " .. entry.name .. ": " .. failure end
      if not text then
        status = 3
        local line = "report " .. entry.name .. " " ..
                     (failure:match("^stopped") and failure or "failed: " .. failure)
        if #entries == 1 then return 3, line end
        cli.error_line(line)
      else
        local path = out_dir and (out_dir .. "/" .. entry.name .. "." .. EXTENSIONS[format]) or options.out
        local ok, write_message = cli.write_output(text, path,
                                                   { db = db, kind = format, force = options.force })
        if not ok then return 2, "report " .. entry.name .. " not written: " .. write_message end
        if path then io.stderr:write("report ", entry.name, ": ", path, "\n") end
      end
    end
  end
  return status
end

-- --help -----------------------------------------------------------------------------

local FILTER_HELP = {
  doc = "NAME: only this document (name or id; repeatable)",
  since = "DATE: only documents published on or after DATE",
  ["until"] = "DATE: only documents published on or before DATE",
  country = "ISO: only documents that mention the country (any letter case)",
}

-- The options of one loaded report, one line each.
local function options_text(module)
  local lines = {}
  local _, _, names = report_spec(module)
  for _, option in ipairs(names) do
    local name = option:sub(3)
    local text = (module.option_help or {})[name] or FILTER_HELP[name]
    local kind = (module.options or {})[name]
    if not text then
      text = kind == "flag" and "(a flag)" or kind == "list" and "(repeatable)" or ""
    end
    lines[#lines + 1] = string.format("    %-12s %s", option, text)
  end
  return table.concat(lines, "\n")
end

-- What `quarry report [NAME...] --help` prints: the command's help and
-- every report with its options, or, with NAMEs, those reports only.
function command.help_for(words)
  local plain = {}
  for _, word in ipairs(words) do
    if word ~= "--help" and word ~= "-h" then plain[#plain + 1] = word end
  end
  local names, rest = split_names(plain)
  local folders = report_folders(prescan(rest, "reports"))
  local entries = {}
  if #names == 0 then
    entries = all_reports(folders)
  else
    for _, name in ipairs(names) do
      local path, resolved = find_report(name, folders)
      if not path then return "quarry report: " .. resolved .. "\n" end
      entries[#entries + 1] = { name = resolved, path = path }
    end
  end
  local parts = {}
  for _, entry in ipairs(entries) do
    local module, message = load_protected(entry.path, entry.name, DEFAULT_BUDGET)
    if module then
      parts[#parts + 1] = string.format("  %s: %s\n%s", entry.name, module.description or "",
                                        options_text(module))
    else
      parts[#parts + 1] = string.format("  %s: (does not load: %s)", entry.name,
                                        (message:gsub("\n.*", "")))
    end
  end
  local listing = "The reports and the filters and options each takes:\n\n"
    .. table.concat(parts, "\n\n") .. "\n"
  if #names == 0 then return command.help .. "\n" .. listing end
  return listing .. "\nEvery report also takes --format, --out and --budget (quarry report --help).\n"
end

return command
