-- repl.lua: what `quarry repl` does with the lines it reads. core/repl.c
-- reads them (libedit on a terminal, plain lines otherwise), keeps the
-- history and turns Ctrl-C into an "interrupted!" error; it calls
--
--   repl.start(db, words, terminal)     -> a session, or nil and a usage message
--   repl.feed(session, line)            -> "more" | "done", the chunk | "exit"
--   repl.cancel(session [, failed])     drops the chunk being typed
--   repl.finish(session)                -> the exit status
--   repl.complete(session, word, line)  -> the candidates for the word
--
-- A session runs chunks in an environment of its own over _G, with
-- `quarry`, `db`, `rules` and a few helpers in it. The rules are loaded
-- the first time they are used (`rules`, `find`, completing `rules.`), so
-- the prompt comes at once. As in lua.c, a line is
-- first tried as `return <line>;` so that expressions print, and input
-- goes on while the chunk is incomplete (its syntax error ends in <eof>).
-- Unlike lua.c, locals declared at the top level of a chunk outlive it:
-- they become session variables, so `local t = {}` on one line is `t` on
-- the next. Lines that start with a dot are commands (.help lists them).

local quarry = require "quarry"
local cli = require "quarry.cli"

local _G, _VERSION, debug, error, getmetatable, io, ipairs, load, math, next, package, pairs,
      pcall, rawget, require, select, setmetatable, string, table, tostring, type, xpcall =
      _G, _VERSION, debug, error, getmetatable, io, ipairs, load, math, next, package, pairs,
      pcall, rawget, require, select, setmetatable, string, table, tostring, type, xpcall
local _ENV = nil

local repl = {}

local CHUNK = "=stdin"   -- chunk name: messages read "stdin:2: ..."
local LIMIT = {
  string = 2000,   -- bytes of a string printed on its own
  nested = 120,    -- bytes of a string inside a table
  preview = 240,   -- bytes of a document's text in its summary
  items = 50,      -- elements shown per table
  rows = 200,      -- rows or annotations shown
  depth = 4,       -- nesting shown
  width = 100,     -- a table is shown on one line up to this width
  frames = 10,     -- traceback lines shown
}
local DOC_FIELDS = { "id", "name", "title", "text", "source", "published", "sha256", "format",
                     "bytes", "ingested_at" }

local registry = debug.getregistry()

local function out(text)
  io.stdout:write(text, "\n")
end

-- Errors go to stderr, after what was printed before them; on a terminal
-- that takes colour their first line is red (cli.paint).
local function warn(text)
  io.stdout:flush()
  io.stderr:write(cli.paint(io.stderr, "error", text), "\n")
  io.stderr:flush()
end

-- Text -------------------------------------------------------------------

-- The length of the longest prefix of s of at most limit bytes that ends
-- at a character boundary.
local function boundary(s, limit)
  if #s <= limit then return #s end
  local stop = limit
  while stop > 0 and (s:byte(stop + 1) & 0xC0) == 0x80 do stop = stop - 1 end
  return stop
end

local function more(count)
  return string.format("… (%d more bytes)", count)
end

-- s cut to at most limit bytes, with a marker saying how much was left out.
local function cut(s, limit)
  local stop = boundary(s, limit)
  if stop == #s then return s end
  return s:sub(1, stop) .. more(#s - stop)
end

local ESCAPES = { ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t", ['"'] = '\\"', ["\\"] = "\\\\" }

-- s as a quoted Lua string on one line, cut to limit bytes.
local function quote(s, limit)
  local stop = boundary(s, limit)
  local body = s:sub(1, stop):gsub('[%c"\\]', function(c)
    return ESCAPES[c] or string.format("\\%d", c:byte())
  end)
  return '"' .. body .. '"' .. (stop < #s and more(#s - stop) or "")
end

-- s on one line: runs of white space as one space.
local function flat(s)
  return (s:gsub("%s+", " "))
end

local function plural(n, noun)
  return string.format("%d %s%s", n, noun, n == 1 and "" or "s")
end

local KEYWORDS = {}
for word in ([[and break do else elseif end false for function goto if in local nil not or
               repeat return then true until while]]):gmatch("%a+") do
  KEYWORDS[word] = true
end

local function is_identifier(k)
  return type(k) == "string" and k:find("^[%a_][%w_]*$") ~= nil and not KEYWORDS[k]
end

-- What a value is --------------------------------------------------------

local function is_doc(v)
  return type(v) == "userdata" and getmetatable(v) == registry["quarry.doc"]
end

local function has_tostring(v)
  local mt = getmetatable(v)
  return type(mt) == "table" and rawget(mt, "__tostring") ~= nil
end

-- n when t is a sequence t[1..n] (n > 0) with no other keys, else nil.
local function sequence_length(t)
  local n = 0
  for k in next, t do
    if math.type(k) ~= "integer" or k < 1 then return nil end
    n = n + 1
  end
  for i = 1, n do
    if rawget(t, i) == nil then return nil end
  end
  return n > 0 and n or nil
end

local function all(list, n, test)
  for i = 1, n do
    if not test(rawget(list, i)) then return false end
  end
  return true
end

-- An annotation or a candidate: {type, start, end, ...}.
local function is_annotation(v)
  return type(v) == "table" and type(rawget(v, "type")) == "string"
    and math.type(rawget(v, "start")) == "integer" and math.type(rawget(v, "end")) == "integer"
end

-- A hit of db:search.
local function is_hit(v)
  return type(v) == "table" and rawget(v, "snippet") ~= nil and rawget(v, "rank") ~= nil
end

-- A row: a table of plain values keyed by column name (a row of NULLs is empty).
local function is_row(v)
  if type(v) ~= "table" or has_tostring(v) then return false end
  for k, x in next, v do
    local kind = type(x)
    if type(k) ~= "string" or (kind ~= "string" and kind ~= "number" and kind ~= "boolean") then
      return false
    end
  end
  return true
end

local function is_rows(v, n)
  if not all(v, n, is_row) then return false end
  for i = 1, n do
    if next(v[i]) ~= nil then return true end
  end
  return false
end

local function is_ruleset(v)
  return type(v) == "table" and type(rawget(v, "rules")) == "table"
    and type(rawget(v, "by_name")) == "table" and type(rawget(v, "errors")) == "table"
end

-- The pretty-printer -----------------------------------------------------

local serialize

local function key_order(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then return ta < tb end
  if ta == "number" or ta == "string" then return a < b end
  return tostring(a) < tostring(b)
end

-- Any value as Lua-like text: tables with sorted keys, at most LIMIT.items
-- elements and LIMIT.depth levels, on one line when short enough.
function serialize(v, indent, depth, seen)
  local kind = type(v)
  if kind == "string" then return quote(v, LIMIT.nested) end
  if is_doc(v) then return string.format("<document %s %s>", tostring(v.id), tostring(v.name)) end
  if kind ~= "table" or has_tostring(v) then return tostring(v) end
  if seen[v] then return "<cycle>" end
  if depth > LIMIT.depth then return "{…}" end
  seen[v] = true
  local inner = indent .. "  "
  local n, keys, items = 0, {}, {}
  while rawget(v, n + 1) ~= nil do n = n + 1 end
  -- (pairs, not next: a rule the cache gave as a stand-in fills itself in)
  for k in pairs(v) do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then keys[#keys + 1] = k end
  end
  table.sort(keys, key_order)
  for i = 1, math.min(n, LIMIT.items) do
    items[#items + 1] = serialize(rawget(v, i), inner, depth + 1, seen)
  end
  for _, k in ipairs(keys) do
    if #items >= LIMIT.items then break end
    local name = is_identifier(k) and k or "[" .. serialize(k, inner, depth + 1, seen) .. "]"
    items[#items + 1] = name .. " = " .. serialize(rawget(v, k), inner, depth + 1, seen)
  end
  if n + #keys > #items then items[#items + 1] = string.format("… (%d more)", n + #keys - #items) end
  seen[v] = nil
  if #items == 0 then return "{}" end
  local line = "{ " .. table.concat(items, ", ") .. " }"
  if #indent + #line <= LIMIT.width and not line:find("\n", 1, true) then return line end
  return "{\n" .. inner .. table.concat(items, ",\n" .. inner) .. "\n" .. indent .. "}"
end

local function json_text(v)
  local ok, text = pcall(quarry.json.encode, v)
  if ok then return text end
  return serialize(v, "", 1, {})
end

-- One line per annotation: id, type, span, text, value, rule.
local function show_annotation(a)
  local parts = {}
  if rawget(a, "id") ~= nil then parts[#parts + 1] = "#" .. tostring(a.id) end
  parts[#parts + 1] = a.type
  parts[#parts + 1] = string.format("[%d, %d)", a.start, a["end"])
  if type(a.text) == "string" then parts[#parts + 1] = "“" .. cut(flat(a.text), 80) .. "”" end
  if a.value ~= nil then parts[#parts + 1] = cut(json_text(a.value), LIMIT.nested) end
  if a.rule ~= nil then parts[#parts + 1] = "rule " .. tostring(a.rule) end
  if a.beaten_by ~= nil then
    parts[#parts + 1] = "set aside: " .. tostring(a.reason or "beaten by " .. tostring(a.beaten_by))
  end
  return table.concat(parts, "  ")
end

-- A document: its fields, its annotations by type, and the start of its text.
local function show_document(doc)
  local lines = { string.format("document %s  %s", tostring(doc.id), tostring(doc.name)) }
  for _, field in ipairs(DOC_FIELDS) do
    local value = field ~= "id" and field ~= "name" and field ~= "text" and doc[field]
    if value then lines[#lines + 1] = string.format("  %-12s %s", field, cut(flat(tostring(value)), 200)) end
  end
  local ok, annotations = pcall(doc.annotations, doc)
  if ok and #annotations > 0 then
    local counts, types, parts = {}, {}, {}
    for _, a in ipairs(annotations) do
      if not counts[a.type] then types[#types + 1] = a.type end
      counts[a.type] = (counts[a.type] or 0) + 1
    end
    table.sort(types)
    for i, t in ipairs(types) do parts[i] = t .. " " .. counts[t] end
    lines[#lines + 1] = string.format("  %-12s %d: %s", "annotations", #annotations, table.concat(parts, ", "))
  end
  local text = doc.text
  local stop = boundary(text, LIMIT.preview)
  lines[#lines + 1] = string.format("  %-12s %s%s", "text", flat(text:sub(1, stop)),
                                    stop < #text and more(#text - stop) or "")
  return table.concat(lines, "\n")
end

local PREFERRED = { "id", "rank", "document", "name", "type", "kind", "start", "end", "text", "title" }

-- The columns of rows: the usual ones first, then the others by name.
local function columns_of(rows)
  local seen, columns, order = {}, {}, {}
  for i, c in ipairs(PREFERRED) do order[c] = i end
  for _, row in ipairs(rows) do
    for k in next, row do
      if not seen[k] then seen[k], columns[#columns + 1] = true, k end
    end
  end
  table.sort(columns, function(a, b)
    local oa, ob = order[a] or math.huge, order[b] or math.huge
    if oa ~= ob then return oa < ob end
    return a < b
  end)
  return columns
end

-- Rows as an aligned table (quarry.cli's), at most LIMIT.rows of them.
local function render(rows, columns)
  local cli = require "quarry.cli"
  local shown = rows
  if #rows > LIMIT.rows then shown = table.move(rows, 1, LIMIT.rows, 1, {}) end
  local text = cli.render(shown, columns, "table"):gsub("\n$", "")
  if #rows > #shown then text = text .. string.format("\n… (%d more rows)", #rows - #shown) end
  return text
end

local function lines_of(list, n, show_one)
  local lines = {}
  for i = 1, math.min(n, LIMIT.rows) do lines[i] = show_one(list[i]) end
  if n > LIMIT.rows then lines[#lines + 1] = string.format("… (%d more)", n - LIMIT.rows) end
  return table.concat(lines, "\n")
end

-- A value as the REPL prints it: documents, annotations, search hits, rows
-- (with columns when given, as db:query returns them) and rule sets in
-- their own shapes, strings as they are (cut), the rest as Lua-like text.
local function show(v, columns)
  local kind = type(v)
  if kind == "string" then return cut(v, LIMIT.string) end
  if is_doc(v) then return show_document(v) end
  if kind ~= "table" or has_tostring(v) then return serialize(v, "", 1, {}) end
  if columns and next(v) == nil then return render(v, columns) end
  if is_annotation(v) then return show_annotation(v) end
  if is_ruleset(v) then
    local rows = {}
    for i, rule in ipairs(v.rules) do
      rows[i] = { name = rule.name, type = rule.type, kind = rule.kind, version = rule.version, file = rule.file }
    end
    local text = render(rows, { "name", "type", "kind", "version", "file" })
    for _, message in ipairs(v.errors) do text = text .. "\nnot loaded: " .. message end
    return text
  end
  local n = sequence_length(v)
  if n then
    if all(v, n, is_annotation) then return lines_of(v, n, show_annotation) end
    if all(v, n, is_doc) then
      local rows = {}
      for i = 1, n do
        local doc = v[i]
        rows[i] = { id = doc.id, name = doc.name, published = require("quarry.report").published(doc),
                    bytes = doc.bytes, title = doc.title }
      end
      return render(rows, { "id", "name", "published", "bytes", "title" })
    end
    if all(v, n, is_hit) then return render(v, { "rank", "name", "title", "score", "snippet" }) end
    if is_rows(v, n) then return render(v, columns or columns_of(v)) end
  end
  return serialize(v, "", 1, {})
end

-- rows, columns as db:query returns them.
local function is_query_result(rows, columns)
  if type(rows) ~= "table" or type(columns) ~= "table" then return false end
  local n = sequence_length(columns)
  if not n or not all(columns, n, function(c) return type(c) == "string" end) then return false end
  if next(rows) == nil then return true end
  local count = sequence_length(rows)
  return count ~= nil and all(rows, count, is_row)
end

-- Prints values (a table.pack) as lua.c does, one value after the other,
-- on separate lines when any takes several.
local function print_values(values)
  if values.n == 0 then return end
  if values.n == 2 and is_query_result(values[1], values[2]) then
    out(show(values[1], values[2]))
    return
  end
  local parts, separator = {}, "\t"
  for i = 1, values.n do
    parts[i] = show(values[i])
    if parts[i]:find("\n", 1, true) then separator = "\n" end
  end
  out(table.concat(parts, separator))
end

-- Errors ------------------------------------------------------------------

local function message_of(err)
  if type(err) == "string" then return err end
  if has_tostring(err) then
    local ok, text = pcall(tostring, err)
    if ok and type(text) == "string" then return text end
  end
  return string.format("(error object is a %s value)", type(err))
end

-- The message handler: the message and the first lines of the traceback,
-- down to the chunk (the REPL's own frames, from the last xpcall down and
-- those of this file, are left out).
local function traceback(err)
  local trace = debug.traceback(message_of(err), 2)
  local stop, from = nil, 1
  while true do
    local at = trace:find("\n\t[C]: in function 'xpcall'", from, true)
    if not at then break end
    stop, from = at, at + 1
  end
  if stop then trace = trace:sub(1, stop - 1) end
  local head, frames = trace:match("^(.*\nstack traceback:)(.*)$")
  if not head then return trace end
  local kept, count = {}, 0
  for line in frames:gmatch("\n[^\n]*") do
    if not line:find("/quarry/repl.lua:", 1, true) then
      count = count + 1
      if count <= LIMIT.frames then kept[count] = line end
    end
  end
  if count == 0 then return (head:gsub("\nstack traceback:$", "")) end
  if count > LIMIT.frames then kept[#kept + 1] = string.format("\n\t… (%d more)", count - LIMIT.frames) end
  return head .. table.concat(kept)
end

local function fail(session, message)
  session.failures = session.failures + 1
  warn(message)
  return false
end

-- Runs a compiled chunk and prints what it returns.
local function run(session, chunk)
  local results = table.pack(xpcall(chunk, traceback))
  if not results[1] then return fail(session, results[2]) end
  local ok, message = xpcall(print_values, traceback, table.pack(table.unpack(results, 2, results.n)))
  if not ok then return fail(session, message) end
  return true
end

-- Top-level locals --------------------------------------------------------

-- The tokens of a chunk that matter for finding its top-level locals:
-- names (keywords too) and operators, as {start, stop, text}. Comments are
-- skipped; strings and numbers are "<string>" and "<number>".
local function tokens(source)
  local list, i, n = {}, 1, #source
  local function push(start, stop, text)
    list[#list + 1] = { start = start, stop = stop, text = text }
  end
  while i <= n do
    local c = source:sub(i, i)
    if c:find("%s") then
      i = i + 1
    elseif source:find("^%-%-", i) then
      local level = source:match("^%-%-%[(=*)%[", i)
      local stop
      if level then
        stop = select(2, source:find("]" .. level .. "]", i + 4 + #level, true))
      else
        stop = source:find("\n", i, true)
      end
      i = (stop or n) + 1
    elseif source:find("^%[=*%[", i) then
      local level = source:match("^%[(=*)%[", i)
      local stop = select(2, source:find("]" .. level .. "]", i + 2 + #level, true)) or n
      push(i, stop, "<string>")
      i = stop + 1
    elseif c == '"' or c == "'" then
      local j = i + 1
      while j <= n do
        local d = source:sub(j, j)
        if d == "\\" then j = j + 2
        elseif d == c or d == "\n" then break
        else j = j + 1 end
      end
      push(i, math.min(j, n), "<string>")
      i = j + 1
    elseif c:find("[%a_]") then
      local stop = select(2, source:find("^[%w_]+", i))
      push(i, stop, source:sub(i, stop))
      i = stop + 1
    elseif c:find("%d") or source:find("^%.%d", i) then
      local stop = select(2, source:find("^%.?[%w_.]+", i))
      push(i, stop, "<number>")
      i = stop + 1
    else
      local op = source:match("^%.%.%.", i) or source:match("^[=~<>]=", i) or source:match("^%.%.", i)
        or source:match("^::", i) or source:match("^<<", i) or source:match("^>>", i)
        or source:match("^//", i) or c
      push(i, i + #op - 1, op)
      i = i + #op
    end
  end
  return list
end

-- The edits that turn `local` at index k (top level) into an assignment of
-- session variables: `local function f` -> `function f`; `local a, b <const>
-- = 1, 2` -> `a, b = 1, 2`; `local x` -> `x = nil`. A to-be-closed
-- variable (<close>) stays local, or it would never be closed.
local function unlocal(list, k, edits)
  local first = list[k + 1]
  if not first then return end
  if first.text == "function" then
    edits[#edits + 1] = { list[k].start, first.start - 1, "" }
    return
  end
  local j, last, own = k + 1, nil, {}
  while true do
    local name = list[j]
    if not name or not is_identifier(name.text) then return end
    last, j = name.stop, j + 1
    if list[j] and list[j].text == "<" then
      local attribute, close = list[j + 1], list[j + 2]
      if not (attribute and close and close.text == ">") or attribute.text == "close" then return end
      own[#own + 1] = { list[j].start, close.stop, "" }
      last, j = close.stop, j + 3
    end
    if list[j] and list[j].text == "," then j = j + 1 else break end
  end
  edits[#edits + 1] = { list[k].start, first.start - 1, "" }
  for _, edit in ipairs(own) do edits[#edits + 1] = edit end
  if not (list[j] and list[j].text == "=") then edits[#edits + 1] = { last + 1, last, " = nil" } end
end

-- The chunk with its top-level locals made session variables.
local function keep_locals(source)
  local list, edits = tokens(source), {}
  local depth, loops = 0, 0 -- loops: `while`/`for` whose `do` is still to come
  for k, token in ipairs(list) do
    local word = token.text
    if word == "function" or word == "if" or word == "repeat" then
      depth = depth + 1
    elseif word == "while" or word == "for" then
      depth, loops = depth + 1, loops + 1
    elseif word == "do" then
      if loops > 0 then loops = loops - 1 else depth = depth + 1 end
    elseif word == "end" or word == "until" then
      depth = depth - 1
    elseif word == "local" and depth == 0 then
      unlocal(list, k, edits)
    end
  end
  table.sort(edits, function(a, b) return a[1] > b[1] end)
  for _, edit in ipairs(edits) do
    source = source:sub(1, edit[1] - 1) .. edit[3] .. source:sub(edit[2] + 1)
  end
  return source
end

-- Rules and helpers -------------------------------------------------------

local function empty_ruleset(message)
  return { rules = {}, by_name = {}, failed = {}, errors = { message } }
end

-- Loads the rule set from the session's folders; reports what did not load.
-- (.reload calls it again; `rules`, find and completion through
-- session_rules, the first time.)
local function load_rules(session)
  local ruleset = require "quarry.ruleset"
  local ok, set = xpcall(ruleset.load, traceback, session.folders, session.pack)
  if not ok then set = empty_ruleset(set) end
  for _, message in ipairs(set.errors) do warn("quarry: " .. message) end
  session.rules = set
  session.env.rules = set
  return set
end

-- The helper find(text or doc [, rule name...]) of a session: what the
-- loaded rules (or the ones named) find, nothing stored: the standing
-- annotations in text order.
local function session_rules(session)
  return session.rules or load_rules(session)
end

local function finder(session)
  return function(subject, ...)
    local engine = require "quarry.engine"
    local set, doc = session_rules(session), subject
    if type(subject) == "string" then
      doc = { id = 0, name = "text", text = subject }
    elseif not is_doc(subject) then
      error("find takes a text or a document (and rule names), not a " .. type(subject), 2)
    end
    -- the named rules (all when none is named) are wanted; they run with
    -- the rules whose output they read, as in extract
    local wanted, names = {}, table.pack(...)
    for _, rule in ipairs(set.rules) do wanted[rule.name] = names.n == 0 end
    for i = 1, names.n do
      if not set.by_name[names[i]] then error("no rule named " .. tostring(names[i]), 2) end
      wanted[names[i]] = true
    end
    local rerun = wanted
    if names.n > 0 then
      rerun = require("quarry.ruleset").needed(set, table.move(names, 1, names.n, 1, {}))
    end
    local cands, errors = engine.run_document(set, doc, rerun, {})
    for _, e in ipairs(errors) do warn(string.format("rule %s: %s", e.rule, e.message)) end
    local text, found = doc.text, {}
    for _, c in ipairs(cands) do
      if not c.beaten_by and wanted[c.rule] then
        found[#found + 1] = { type = c.type, start = c.start, ["end"] = c["end"], value = c.value,
                              rule = c.rule, text = text:sub(c.start + 1, c["end"]) }
      end
    end
    table.sort(found, function(a, b)
      if a.start ~= b.start then return a.start < b.start end
      return a.type < b.type
    end)
    return found
  end
end

-- The session's environment: its own variables over _G; `rules` is
-- loaded when first read.
local function make_env(session)
  local env = setmetatable({}, { __index = function(_, key)
    if key == "rules" and not session.rules then return load_rules(session) end
    return _G[key]
  end })
  env.quarry = quarry
  env.db = session.db
  env.pp = function(...) print_values(table.pack(...)) end
  env.find = finder(session)
  -- an annotation (by id) with the 40 characters around it, from the view
  -- annotation_context (offsets are bytes: the view cuts as bytes)
  env.context = function(id)
    local rows = session.db:query([[SELECT id, doc, type, rule, start, "end", before, exact, after, value
                                    FROM annotation_context WHERE id = ?]], id)
    local row = rows[1]
    if row and row.value then row.value = quarry.json.decode(row.value) end
    return row
  end
  env.docs = function()
    local list = {}
    for doc in session.db:documents() do list[#list + 1] = doc end
    return list
  end
  return env
end

-- Dot-commands ------------------------------------------------------------

-- Words as a shell splits them: spaces separate, quotes group.
local function split_words(s)
  local words, i = {}, 1
  while true do
    i = s:find("%S", i)
    if not i then return words end
    local word = {}
    while i <= #s and not s:sub(i, i):find("%s") do
      local c = s:sub(i, i)
      if c == '"' or c == "'" then
        local close = s:find(c, i + 1, true)
        if not close then return nil, "a quote is not closed" end
        word[#word + 1] = s:sub(i + 1, close - 1)
        i = close + 1
      else
        word[#word + 1] = c
        i = i + 1
      end
    end
    words[#words + 1] = table.concat(word)
  end
end

-- What a Lua command module's main returned: ok, or false after saying why.
local function command_status(session, name, status, message)
  io.stdout:flush()
  if type(message) == "string" then
    warn((status == 1 and name .. ": " or "quarry: ") .. message)
  end
  if (status or 0) ~= 0 then
    session.failures = session.failures + 1
    return false
  end
  return true
end

local HELP = [[
Lua 5.4, one chunk at a time. `=expr` or a bare expression prints its
values; a chunk that is not finished goes on on the next line (   ...>);
locals declared at the top level are kept for the lines that follow.

In scope:
  quarry              the quarry module (quarry.db is db)
  db                  the database: db:search(q), db:query(sql, ...), db:document(name or id),
                      db:documents(), db:count()
  rules               the loaded rules: rules.rules, rules.by_name.NAME, rules.errors
  pp(...)             pretty-print values (documents, annotations, rows, tables)
  find(x [, NAME...]) what the loaded rules (or those named) find in a text or a document,
                      without storing anything
  docs()              every document, in an array
  context(id)         annotation id with its exact text and 40 characters before and after

Commands:
]]

local COMMANDS = {}

local function define(name, usage, help, action)
  COMMANDS[#COMMANDS + 1] = { name = name, usage = usage, help = help, run = action }
  COMMANDS[name] = COMMANDS[#COMMANDS]
end

define("help", ".help", "this text", function()
  local lines = {}
  for _, entry in ipairs(COMMANDS) do
    lines[#lines + 1] = string.format("  %-24s %s", entry.usage, entry.help)
  end
  out(HELP .. table.concat(lines, "\n") .. [[


Long values are cut with a marker "… (N more bytes)"; print(x) shows them whole.
Tab completes globals, fields and methods (db:se<Tab>, doc.ti<Tab>), commands, and
document names inside quotes. Ctrl-C stops a computation (at the prompt, drops the
line); Ctrl-D leaves.]])
end)

define("search", ".search QUERY", "full-text search (FTS5 syntax), best first", function(session, rest)
  if rest == "" then return fail(session, ".search: give a QUERY") end
  local hits, message = session.db:search(rest, 20)
  if not hits then return fail(session, "quarry: " .. message) end
  out(#hits == 0 and "no document matches" or show(hits))
  return true
end)

define("sql", ".sql SELECT ...", "one read-only SQL statement, as a table", function(session, rest)
  if rest == "" then return fail(session, ".sql: give a SELECT statement") end
  local ok, rows, columns = pcall(session.db.query, session.db, rest)
  if not ok then return fail(session, "quarry: " .. message_of(rows)) end
  out(show(rows, columns))
  return true
end)

-- The tables and views a user queries: not SQLite's own, not the
-- full-text index's shadow tables.
local USER_TABLES = [[SELECT name, type, sql FROM sqlite_master
  WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'documents_fts_%'
  ORDER BY name]]

define("tables", ".tables", "the tables and views", function(session)
  local ok, rows = pcall(session.db.query, session.db, USER_TABLES)
  if not ok then return fail(session, "quarry: " .. message_of(rows)) end
  local names = {}
  for i, row in ipairs(rows) do names[i] = row.type == "view" and row.name .. " (view)" or row.name end
  out(table.concat(names, "  "))
  return true
end)

define("schema", ".schema [TABLE]", "the CREATE statements of the tables and views (or one)",
  function(session, rest)
    local ok, rows = pcall(session.db.query, session.db, USER_TABLES)
    if not ok then return fail(session, "quarry: " .. message_of(rows)) end
    local parts = {}
    for _, row in ipairs(rows) do
      if rest == "" or row.name == rest then parts[#parts + 1] = row.sql .. ";" end
    end
    if #parts == 0 then return fail(session, ".schema: no table or view named " .. rest) end
    out(table.concat(parts, "\n"))
    return true
  end)

define("report", ".report [NAME [ARGS]]", "a report, as quarry report NAME ARGS (alone: the list)",
  function(session, rest)
    local words, problem = split_words(rest)
    if not words then return fail(session, ".report: " .. problem) end
    if #words == 0 then words = { "--list" } end
    if not package.searchpath("quarry.commands.report", package.path) then
      return fail(session, ".report: the report command is not there yet "
        .. "(no scripts/quarry/commands/report.lua)")
    end
    local report = require "quarry.commands.report"
    return command_status(session, ".report", report.main(session.db, words))
  end)

define("rules", ".rules test [NAME...]",
  "the rules' examples (also .rules list, .rules explain NAME TEXT)", function(session, rest)
    local words, problem = split_words(rest)
    if not words then return fail(session, ".rules: " .. problem) end
    local args = { table.remove(words, 1) or "list" }
    table.move(session.rule_words, 1, #session.rule_words, 2, args)
    table.move(words, 1, #words, #args + 1, args)
    local rules_command = require "quarry.commands.rules"
    return command_status(session, ".rules", rules_command.main(session.db, args))
  end)

define("reload", ".reload", "read the rules and the Lua modules again (but this REPL's own)",
  function(session)
    local prefixes = { quarry.home .. "/scripts/" }
    for _, folder in ipairs(session.folders) do prefixes[#prefixes + 1] = folder:gsub("/*$", "/") end
    local names = {}
    for name in pairs(package.loaded) do
      local file = name ~= "quarry.repl" and package.searchpath(name, package.path)
      if file then
        for _, prefix in ipairs(prefixes) do
          if file:sub(1, #prefix) == prefix then names[#names + 1] = name break end
        end
      end
    end
    for _, name in ipairs(names) do package.loaded[name] = nil end
    package.path = session.base_path
    local set = load_rules(session)
    out(string.format("reloaded: %s forgotten, %s loaded%s", plural(#names, "module"),
                      plural(#set.rules, "rule"),
                      #set.errors > 0 and string.format(" (%d not loaded)", #set.errors) or ""))
    return #set.errors == 0 or fail(session, "quarry: some rules did not load")
  end)

define("quit", ".quit", "leave (as Ctrl-D)", function()
  return "exit"
end)

-- Runs a dot-command line; returns "exit" for .quit.
local function command(session, line)
  local name, rest = line:match("^%s*%.(%S+)%s*(.-)%s*$")
  local entry = COMMANDS[name] or (name == "exit" and COMMANDS.quit)
  if not entry then return fail(session, string.format("unknown command .%s (.help lists them)", name)) end
  local ok, result = xpcall(entry.run, traceback, session, rest)
  if not ok then return fail(session, result) end
  return result
end

-- The session -------------------------------------------------------------

function repl.start(db, words, terminal)
  local cli = require "quarry.cli"
  local options, rest = cli.parse(words, { rules = "list", ["no-default-rules"] = "flag" })
  if not options then return nil, rest end
  if #rest > 0 then return nil, "repl takes no arguments but --rules DIR and --no-default-rules" end
  local folders, pack = cli.rule_folders(options)
  local session = { db = db, terminal = terminal, failures = 0, folders = folders, pack = pack,
                    rule_words = cli.rule_words(options), base_path = package.path }
  quarry.db = db
  session.env = make_env(session)
  if terminal then
    out(string.format("quarry %s (%s) on %s: %s; rules load on first use", quarry.version,
                      _VERSION, tostring(db):match("%((.*)%)") or "?",
                      plural(db:count(), "document")))
    out("Tab completes; .help for help; Ctrl-D leaves.")
  end
  return session
end

function repl.feed(session, line)
  local code = line
  if session.pending == nil then
    if line:find("^%s*%.%a") then
      return command(session, line) == "exit" and "exit" or "done", line
    end
    if line:find("^%s*$") then return "done", "" end
    code = line:gsub("^%s*=", "return ", 1)
    local expression = load("return " .. code .. ";", CHUNK, "t", session.env)
    if expression then
      run(session, expression)
      return "done", line
    end
    session.pending = { lines = {}, code = {} }
  end
  local pending = session.pending
  pending.lines[#pending.lines + 1] = line
  pending.code[#pending.code + 1] = code
  local source = table.concat(pending.code, "\n")
  local chunk, message = load(source, CHUNK, "t", session.env)
  if not chunk and message:sub(-5) == "<eof>" then return "more" end
  session.pending = nil
  local text = table.concat(pending.lines, "\n")
  if not chunk then
    fail(session, message)
    return "done", text
  end
  run(session, load(keep_locals(source), CHUNK, "t", session.env) or chunk)
  return "done", text
end

function repl.cancel(session, failed)
  session.pending = nil
  if failed then session.failures = session.failures + 1 end
end

function repl.finish(session)
  if session.pending then
    local _, message = load(table.concat(session.pending.code, "\n"), CHUNK, "t", session.env)
    session.pending = nil
    fail(session, tostring(message) .. " (the input ended inside a chunk)")
  end
  if session.terminal or session.failures == 0 then return 0 end
  return 3
end

-- Completion --------------------------------------------------------------

-- value[key] without calling anything but a userdata's own __index.
local function index(value, key, depth)
  local kind = type(value)
  if kind == "table" then
    local found = rawget(value, key)
    if found ~= nil or depth > 10 then return found end
    local mt = getmetatable(value)
    if type(mt) == "table" and type(rawget(mt, "__index")) == "table" then
      return index(rawget(mt, "__index"), key, depth + 1)
    end
  elseif kind == "userdata" then
    local ok, found = pcall(function() return value[key] end)
    if ok then return found end
  elseif kind == "string" then
    return string[key]
  end
  return nil
end

-- Calls add(key) for the fields of a value (methods only: the functions),
-- following __index tables; for documents, their fields and methods.
local function each_key(value, methods_only, add, depth)
  if depth > 10 then return end
  local kind = type(value)
  if kind == "table" then
    for k, v in pairs(value) do -- (a rule's stand-in fills itself in: see serialize)
      if is_identifier(k) and (not methods_only or type(v) == "function") then add(k) end
    end
    local mt = getmetatable(value)
    if type(mt) == "table" and type(rawget(mt, "__index")) == "table" then
      each_key(rawget(mt, "__index"), methods_only, add, depth + 1)
    end
  elseif kind == "userdata" then
    local mt = getmetatable(value)
    if type(mt) ~= "table" then return end
    if mt == registry["quarry.doc"] then
      if not methods_only then
        for _, field in ipairs(DOC_FIELDS) do add(field) end
      end
      each_key(rawget(mt, "methods"), methods_only, add, depth + 1)
    elseif type(rawget(mt, "__index")) == "table" then
      each_key(rawget(mt, "__index"), methods_only, add, depth + 1)
    end
  elseif kind == "string" and methods_only then
    each_key(string, true, add, depth + 1)
  end
end

-- Document names that start with prefix (text typed inside quotes).
local function document_names(session, prefix)
  local ok, rows = pcall(session.db.query, session.db,
    "SELECT DISTINCT name FROM documents WHERE substr(name, 1, length(?1)) = ?1 ORDER BY name LIMIT 200",
    prefix)
  local names = {}
  for _, row in ipairs(ok and rows or {}) do names[#names + 1] = row.name end
  return names
end

-- The text after an unclosed quote at the end of line, or nil.
local function open_string(line)
  local quote_char, start
  local i = 1
  while i <= #line do
    local c = line:sub(i, i)
    if quote_char then
      if c == "\\" then i = i + 1 elseif c == quote_char then quote_char = nil end
    elseif c == '"' or c == "'" then
      quote_char, start = c, i + 1
    end
    i = i + 1
  end
  return quote_char and line:sub(start) or nil
end

-- The candidates for word, the text before the cursor back to the last
-- word break (line is the whole line up to the cursor): dot-commands at
-- the start of a line, rule actions and report names after them,
-- document names inside quotes, else globals, keywords, fields and
-- methods (`db:se` -> `db:search`, `doc.ti` -> `doc.title`).
function repl.complete(session, word, line)
  local before = line:sub(1, #line - #word)
  local found = {}
  local function add(candidate)
    if candidate:sub(1, #word) == word then found[candidate] = true end
  end
  local fresh = session.pending == nil
  local inside = open_string(line)
  if fresh and before:find("^%s*$") and word:sub(1, 1) == "." then
    for _, entry in ipairs(COMMANDS) do add("." .. entry.name) end
  elseif fresh and before:find("^%s*%.rules%s+$") then
    for _, action in ipairs({ "list", "test", "explain" }) do add(action) end
  elseif fresh and before:find("^%s*%.report%s+$") then
    add("--list")
    for _, file in ipairs(quarry.list_dir(quarry.home .. "/scripts/reports") or {}) do
      local name = file:match("^(.*)%.lua$")
      if name then add(name) end
    end
  elseif inside then
    if inside:sub(-#word) == word or word == "" then
      for _, name in ipairs(document_names(session, inside)) do add(name:sub(#inside - #word + 1)) end
    end
  else
    local path, separator = word:match("^(.-)([.:])[%w_]*$")
    if not path then
      if word:find("^[%a_]?[%w_]*$") then
        each_key(session.env, false, add, 0)
        each_key(_G, false, add, 0)
        add("rules")
        for keyword in pairs(KEYWORDS) do add(keyword) end
      end
    else
      local value
      for name in (path .. "."):gmatch("(.-)%.") do
        if not name:find("^[%a_][%w_]*$") then
          value = nil
        elseif value ~= nil then
          value = index(value, name, 0)
        else
          -- the first name: a session variable, the rules (loaded now), a global
          value = rawget(session.env, name)
          if value == nil and name == "rules" then value = session_rules(session) end
          if value == nil then value = index(_G, name, 0) end
        end
        if value == nil then break end
      end
      if value ~= nil then
        each_key(value, separator == ":", function(k) add(path .. separator .. k) end, 0)
      end
    end
  end
  local list = {}
  for candidate in pairs(found) do list[#list + 1] = candidate end
  table.sort(list)
  return list
end

return repl
