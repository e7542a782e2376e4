-- cli.lua: option parsing and output for the commands written in Lua.

local quarry = require "quarry"

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

-- Display width of a UTF-8 string (code points).
local function width(s)
  return utf8.len(s) or #s
end

local function cut(s, limit)
  s = s:gsub("[\r\n\t]", " ")
  if width(s) > limit then
    return s:sub(1, utf8.offset(s, limit) - 1) .. "…"
  end
  return s
end

local function cell_text(v)
  if v == nil or v == quarry.json.null then return "" end
  if type(v) == "table" then return quarry.json.encode(v) end
  if math.type(v) == "float" then return string.format("%.3f", v) end
  return tostring(v)
end

local function csv_cell(s)
  if s:find('[,"\r\n]') then return '"' .. s:gsub('"', '""') .. '"' end
  return s
end

-- Renders rows (tables keyed by column) as "table" (aligned; cells but the
-- last cut at 60 characters), "csv" or "json" (an array of objects).
function cli.render(rows, columns, format)
  format = format or "table"
  local out = {}
  if format == "json" then
    local list = {}
    for i, row in ipairs(rows) do
      local copy = {}
      for _, c in ipairs(columns) do copy[c] = row[c] end
      list[i] = copy
    end
    return (#list == 0 and "[]" or quarry.json.encode(list)) .. "\n"
  elseif format == "csv" then
    local line = {}
    for i, c in ipairs(columns) do line[i] = csv_cell(c) end
    out[1] = table.concat(line, ",")
    for _, row in ipairs(rows) do
      line = {}
      for i, c in ipairs(columns) do line[i] = csv_cell(cell_text(row[c])) end
      out[#out + 1] = table.concat(line, ",")
    end
    return table.concat(out, "\r\n") .. "\r\n"
  elseif format ~= "table" and format ~= "md" then
    error("unknown format " .. tostring(format) .. " (table, csv or json)", 2)
  end
  local widths, cells = {}, {}
  for i, c in ipairs(columns) do widths[i] = width(c) end
  for r, row in ipairs(rows) do
    cells[r] = {}
    for i, c in ipairs(columns) do
      local text = cell_text(row[c])
      if i < #columns then text = cut(text, 60) else text = text:gsub("[\r\n\t]", " ") end
      cells[r][i] = text
      if i < #columns and width(text) > widths[i] then widths[i] = width(text) end
    end
  end
  local function line(values)
    local parts = {}
    for i, v in ipairs(values) do
      parts[i] = i < #values and v .. string.rep(" ", widths[i] - width(v)) or v
    end
    return (table.concat(parts, "  "):gsub("%s+$", ""))
  end
  out[1] = line(columns)
  local rule = {}
  for i = 1, #columns do rule[i] = string.rep("-", math.max(widths[i], 3)) end
  out[2] = line(rule)
  for _, values in ipairs(cells) do out[#out + 1] = line(values) end
  return table.concat(out, "\n") .. "\n"
end

-- Writes text to a file, or to standard output when path is nil.
function cli.write(text, path)
  if not path then
    io.stdout:write(text)
    return true
  end
  local file, message = io.open(path, "wb")
  if not file then return nil, message end
  file:write(text)
  file:close()
  return true
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

-- The rules folders: --rules DIR (repeatable), else the shipped rules/.
function cli.rule_folders(options)
  return options.rules or { quarry.home .. "/rules" }
end

return cli
