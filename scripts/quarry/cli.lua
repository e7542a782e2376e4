-- cli.lua: option parsing and output for the commands written in Lua.

local quarry = require "quarry"

-- JSON for output: a name that is not UTF-8 (from the file system) is
-- written with U+FFFD for its bad bytes rather than failing the output.
local LENIENT = { invalid_utf8 = "replace" }
local function encode(v) return quarry.json.encode(v, LENIENT) end

local cli = {}

-- Parses words against a spec {name = "flag" | "value" | "list"}: returns
-- options and positional words, or nil and a message. "--name value",
-- "--name=value" and "--" are understood; "list" options may repeat.
function cli.parse(words, spec)
  local options, positional = {}, {}
  local i = 1
  while i <= #words do
    local word = words[i]
    if word == "--" then
      for k = i + 1, #words do positional[#positional + 1] = words[k] end
      break
    end
    local name, inline = word:match("^%-%-([^=]+)=(.*)$")
    name = name or word:match("^%-%-(.+)$")
    if name and word ~= "-" then
      local kind = spec[name]
      if not kind then return nil, "unknown option --" .. name end
      if kind == "flag" then
        if inline then return nil, "--" .. name .. " takes no value" end
        options[name] = true
      else
        local value = inline
        if not value then
          i = i + 1
          value = words[i]
          if value == nil then return nil, "--" .. name .. " needs a value" end
        end
        if kind == "list" then
          options[name] = options[name] or {}
          table.insert(options[name], value)
        else
          options[name] = value
        end
      end
    else
      positional[#positional + 1] = word
    end
    i = i + 1
  end
  return options, positional
end

local function cell_text(v)
  if v == nil or v == quarry.json.null then return "" end
  if type(v) == "table" then return encode(v) end
  if math.type(v) == "float" then return string.format("%.3f", v) end
  return tostring(v)
end

-- Renders rows (tables keyed by column) as "table" (aligned; cells but the
-- last cut at 60 characters), "csv" (RFC 4180, CRLF line ends), "tsv" (LF
-- line ends; backslash, tab and line breaks escaped) or "json" (an array of
-- objects). Tables, CSV and TSV are written by quarry.format_table (the one
-- table writer, core/format.c) in its "listing" look.
function cli.render(rows, columns, format)
  format = format or "table"
  if format == "json" then
    local list = {}
    for i, row in ipairs(rows) do
      local copy = {}
      for _, c in ipairs(columns) do copy[c] = row[c] end
      list[i] = copy
    end
    return quarry.json.encode(quarry.json.array(list), LENIENT) .. "\n"
  elseif format == "md" then
    format = "table"
  elseif format ~= "table" and format ~= "csv" and format ~= "tsv" then
    error("unknown format " .. tostring(format) .. " (table, csv, tsv or json)", 2)
  end
  local cells = {}
  for r, row in ipairs(rows) do
    local line = {}
    for i, c in ipairs(columns) do line[i] = cell_text(row[c]) end
    cells[r] = line
  end
  return quarry.format_table(columns, cells, format, "listing")
end

-- What the files each command writes begin with: an existing file that
-- does not is not overwritten without --force.
local KINDS = {
  jsonl = { name = "JSON Lines file", looks = function(head) return head == "" or head:find("^%s*{") end },
  json = { name = "JSON file", looks = function(head) return head == "" or head:find("^%s*[{%[]") end },
  html = { name = "HTML page", looks = function(head)
    local lower = head:lower()
    return head == "" or lower:find("^%s*<!doctype html") or lower:find("^%s*<html")
  end },
  md = { name = "Markdown report", looks = function(head) return head == "" or head:find("^#") end },
  csv = { name = "CSV file", looks = function(head)
    return head == "" or (not head:find("\0", 1, true) and (head:match("^[^\n]*")):find(",", 1, true))
  end },
}

-- Writes text to standard output (path nil or "-") or to the file path
-- through quarry.write_output (a temporary file renamed when all went
-- well; never the open database). how: {db = the open db, kind = a key
-- of KINDS, force = overwrite a file not of that kind}. Returns true, or
-- nil and a message saying why nothing was written.
function cli.write_output(text, path, how)
  how = how or {}
  if not path or path == "-" then
    local ok, message = io.stdout:write(cli.shown(text, "stdout"))
    if ok then ok, message = io.stdout:flush() end
    if not ok then return nil, "standard output: " .. tostring(message) end
    return true
  end
  local kind = not how.force and KINDS[how.kind]
  -- asked by quarry.write_output of an existing regular file only
  local function check(head)
    if kind.looks(head) then return nil end
    return "exists and is not a " .. kind.name .. "; give --force to overwrite it"
  end
  return quarry.write_output(path, text, how.db, kind and check or nil)
end

-- text as it is written to stream ("stdout" or "stderr"): on a terminal,
-- control characters (an escape sequence or a BEL in a document's name)
-- and bytes that are not UTF-8 escaped as the tables escape them
-- (quarry.printable), line ends (CR LF too) kept, so they are shown, not
-- obeyed; to a file or a pipe, text as it is.
function cli.shown(text, stream)
  if not quarry.isatty(stream) then return text end
  return (text:gsub("[^\n]+", function(line)
    local body, cr = line:match("^(.-)(\r?)$")
    return quarry.printable(body) .. cr
  end))
end

-- Writes text to a file, or to standard output when path is nil.
function cli.write(text, path, how)
  return cli.write_output(text, path, how)
end

-- The documents named by --doc (names or ids; repeatable), else all of
-- them, in id order. Returns the list, or nil and a message.
function cli.documents(db, keys)
  local documents = {}
  if keys then
    for _, key in ipairs(keys) do
      local doc, message = db:document(key)
      if not doc then return nil, message end
      documents[#documents + 1] = doc
    end
  else
    for doc in db:documents() do documents[#documents + 1] = doc end
  end
  return documents
end

-- The annotation types of the guidelines and the pack, whether or not any
-- is stored yet.
local PACK_TYPES = { "boilerplate", "country", "date", "money", "org", "percent", "person",
                     "published", "quote", "relation", "role", "tech" }

-- The --type values as given, lower-cased (types are lower-case ids), or
-- nil and a message naming the known types when one is neither a type of
-- the pack nor a type stored in db. nil stays nil (no --type).
function cli.check_types(db, types)
  if not types then return nil end
  local known, names = {}, {}
  local function add(t)
    if not known[t] then known[t] = true; names[#names + 1] = t end
  end
  for _, t in ipairs(PACK_TYPES) do add(t) end
  for _, row in ipairs((db:query("SELECT DISTINCT type FROM annotations"))) do add(row.type) end
  table.sort(names)
  local checked = {}
  for i, t in ipairs(types) do
    checked[i] = t:lower()
    if not known[checked[i]] then
      return nil, string.format("unknown type %s (the types: %s)", t, table.concat(names, ", "))
    end
  end
  return checked
end

-- The rules folders of the options --rules DIR (repeatable) and
-- --no-default-rules, for ruleset.load: the analyst's folders in the order
-- given, then the shipped rules/ unless --no-default-rules; and the shipped
-- folder as the second result (nil when left out), whose rules the
-- analyst's may replace by name.
function cli.rule_folders(options)
  local folders = {}
  for i, folder in ipairs(options.rules or {}) do folders[i] = folder end
  if options["no-default-rules"] then
    return folders, nil
  end
  local pack = quarry.home .. "/rules"
  folders[#folders + 1] = pack
  return folders, pack
end

-- The option words that give the same rules folders again (for a command
-- run from inside another, as the REPL's .rules does).
function cli.rule_words(options)
  local words = {}
  if options["no-default-rules"] then words[1] = "--no-default-rules" end
  for _, folder in ipairs(options.rules or {}) do
    words[#words + 1] = "--rules"
    words[#words + 1] = folder
  end
  return words
end

-- Colour ---------------------------------------------------------------------

-- SGR codes of the few styles the commands use.
local STYLES = { error = "31", warn = "33", ok = "32", bold = "1" }

-- Whether what goes to stream (io.stdout, io.stderr or their names) may be
-- coloured: it is a terminal, NO_COLOR is unset or empty (no-color.org:
-- any other value turns colour off) and TERM is not "dumb". The C side
-- (qlib_colour in core/lua_quarry.c) applies the same rule.
function cli.colour(stream)
  local no_color = os.getenv("NO_COLOR")
  return (no_color == nil or no_color == "") and os.getenv("TERM") ~= "dumb"
    and quarry.isatty(stream)
end

-- text in style ("error", "warn", "ok" or "bold") when stream may be
-- coloured, else text as it is. Only the first line is styled, so a
-- traceback under an error message stays plain.
function cli.paint(stream, style, text)
  local code = STYLES[style]
  if not code then error("unknown style " .. tostring(style), 2) end
  if text == "" or not cli.colour(stream) then return text end
  local first, rest = text:match("^([^\n]*)(.*)$")
  return "\27[" .. code .. "m" .. first .. "\27[0m" .. rest
end

-- Messages on stderr ---------------------------------------------------------

local drawn -- the progress line on stderr now, if one is drawn

-- Writes a line on stderr (in style, when given and stderr takes colour),
-- after clearing a progress line so the message does not land inside it.
function cli.message(text, style)
  if drawn then drawn:clear() end
  -- a file or document name may hold an escape sequence: shown, not obeyed
  text = quarry.printable(text)
  io.stderr:write(style and cli.paint(io.stderr, style, text) or text, "\n")
end

-- "quarry: message" on stderr, in red on a terminal.
function cli.error_line(message)
  cli.message("quarry: " .. message, "error")
end

-- A progress line on stderr, redrawn in place at most ten times a second;
-- drawn only when enabled (the caller asks quarry.isatty("stderr") and
-- honours --no-progress). Use:
--   local progress <close> = cli.progress(enabled)
--   if progress:due() then progress:draw(text) end   -- cheap when not due
--   progress:clear()                                  -- when the work is done
-- cli.message clears it too, so errors are printed on a line of their own,
-- and so does closing it, so an error that ends the command does not land
-- inside it.
local Progress = {}
Progress.__index = Progress

function cli.progress(enabled)
  return setmetatable({ enabled = enabled, last = nil }, Progress)
end

-- Whether a draw now would be shown: the line is enabled and the last one
-- was drawn at least a tenth of a second ago (the first is due at once).
function Progress:due()
  return self.enabled and (self.last == nil or quarry.now() - self.last >= 0.1)
end

function Progress:draw(text)
  if not self.enabled then return end
  self.last = quarry.now()
  io.stderr:write("\r\27[K", text)
  io.stderr:flush()
  drawn = self
end

function Progress:clear()
  if drawn == self then
    io.stderr:write("\r\27[K")
    io.stderr:flush()
    drawn = nil
  end
end
Progress.__close = Progress.clear

-- JSON -------------------------------------------------------------------

-- Marks t (a new table when nil) as a JSON array, so that it is written
-- [] when empty (quarry.json.array; quarry.json writes an unmarked empty
-- table as {}).
cli.array = quarry.json.array

-- Encodes v as compact JSON with sorted keys: quarry.json.encode, the one
-- JSON writer (marked lists are arrays even when empty, numbers in their
-- shortest form).
function cli.json(v)
  return quarry.json.encode(v, LENIENT)
end

return cli
