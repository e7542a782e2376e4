-- quarry rules list|test|explain: see what the rules are and what they do.

local quarry = require "quarry"
local cli = require "quarry.cli"
local engine = require "quarry.engine"
local ruleset = require "quarry.ruleset"

local rules = {
  help = [[
  quarry rules list [--rules DIR]... [--format table|csv|json]
      The loaded rules: name, type, kind, file, version, examples.
  quarry rules test [--rules DIR]... [NAME...]
      Runs the examples of every rule (or the ones named): each example
      must find exactly the spans it lists (with the values it gives), each
      counterexample nothing. Prints every failure with the rule file and
      the example, expected against found; exit status 2 on any failure.
      A rule without examples gets a warning.
  quarry rules explain [--rules DIR]... NAME TEXT
      What rule NAME finds in TEXT: spans, captures and values, and the
      candidates the overlap policy set aside. For a grammar rule that finds
      nothing, how far its top-level sequence gets at each place it starts,
      so you can see where the grammar stops.

  --rules DIR   a rules folder (repeat for several; default: the shipped rules/)
]],
}

local json = quarry.json

local function show(v)
  if v == nil then return "null" end
  if type(v) == "table" then return json.encode(v) end
  return tostring(v)
end

-- Deep equality with numbers equal within 0.5% (as the scoring counts them).
local function same(a, b)
  if type(a) == "number" and type(b) == "number" then
    return a == b or math.abs(a - b) <= 0.005 * math.max(math.abs(a), math.abs(b))
  end
  if type(a) ~= "table" or type(b) ~= "table" then return a == b end
  for k, v in pairs(a) do if not same(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

local function load_set(options)
  local set = ruleset.load(cli.rule_folders(options))
  for _, message in ipairs(set.errors) do io.stderr:write("quarry: ", message, "\n") end
  return set
end

local function list(set, options)
  local rows = {}
  for _, rule in ipairs(set.rules) do
    rows[#rows + 1] = { name = rule.name, type = rule.type, kind = rule.kind,
      file = rule.file, version = rule.version,
      examples = #(rule.examples or {}) + #(rule.counterexamples or {}) }
  end
  local format = options.format or "table"
  if format ~= "table" and format ~= "csv" and format ~= "json" then
    return 1, "--format takes table, csv or json"
  end
  io.stdout:write(cli.render(rows, { "name", "type", "kind", "version", "examples", "file" }, format))
  return #set.errors > 0 and 2 or 0
end

-- An example in any of its forms, as {text =, find = {{span, value}...}}.
local function normalize(example)
  if type(example) == "string" then return { text = example, find = {} } end
  local text = example.text or example[1]
  local find = example.find
  if not find then
    find = {}
    if example[2] ~= nil then find[1] = { example[2], example[3] } end
  end
  return { text = text, find = find, title = example.title }
end

-- What a rule finds in a text: standing annotations made by the rule. Apply
-- rules run with the whole rule set, since they read other rules' output.
local function found_by(set, rule, text, title)
  local cands, errors
  if rule.kind == "apply" then
    local all = {}
    for _, r in ipairs(set.rules) do all[r.name] = true end
    cands, errors = engine.run_document(set, { id = 0, name = "example", text = text, title = title },
                                        all, {})
  else
    cands, errors = engine.run_text(set, rule, text, title)
  end
  local found = {}
  for _, c in ipairs(cands) do
    if c.rule == rule.name and not c.beaten_by then
      found[#found + 1] = { text:sub(c.start + 1, c["end"]), c.value, c.type }
    end
  end
  table.sort(found, function(a, b) return a[1] < b[1] end)
  return found, errors
end

local function describe(list)
  if #list == 0 then return "nothing" end
  local parts = {}
  for i, f in ipairs(list) do
    parts[i] = "“" .. f[1] .. "”" .. (f[2] == nil and "" or " " .. show(f[2]))
  end
  return table.concat(parts, ", ")
end

-- Checks one example; returns nil or a failure message.
local function check_example(set, rule, example)
  local found, errors = found_by(set, rule, example.text, example.title)
  if #errors > 0 then return "raised: " .. errors[1].message:match("^[^\n]*") end
  local unmatched = {}
  for _, f in ipairs(found) do unmatched[#unmatched + 1] = f end
  local missing = {}
  for _, want in ipairs(example.find) do
    local hit
    for i, f in ipairs(unmatched) do
      if f[1] == want[1] and (want[2] == nil or same(f[2], want[2])) then hit = i break end
    end
    if hit then table.remove(unmatched, hit) else missing[#missing + 1] = want end
  end
  if #missing == 0 and #unmatched == 0 then return nil end
  local expected = {}
  for i, want in ipairs(example.find) do expected[i] = { want[1], want[2] } end
  return string.format("expected %s\n      found    %s", describe(expected), describe(found))
end

local function test(set, names)
  local wanted = {}
  for _, name in ipairs(names) do
    if not set.by_name[name] then
      io.stderr:write("quarry: no rule named ", name, "\n")
      return 2
    end
    wanted[name] = true
  end
  local passed, failed, warnings = 0, 0, 0
  for _, rule in ipairs(set.rules) do
    if #names == 0 or wanted[rule.name] then
      local examples = {}
      for _, e in ipairs(rule.examples or {}) do examples[#examples + 1] = normalize(e) end
      for _, c in ipairs(rule.counterexamples or {}) do
        examples[#examples + 1] = type(c) == "string" and normalize(c)
          or { text = c.text or c[1], title = c.title, find = {} }
      end
      if #examples == 0 then
        warnings = warnings + 1
        io.stdout:write(string.format("WARN %s (%s): the rule has no examples\n", rule.name, rule.file))
      end
      for i, example in ipairs(examples) do
        local failure = type(example.text) ~= "string" and "the example has no text"
          or check_example(set, rule, example)
        if failure then
          failed = failed + 1
          io.stdout:write(string.format("FAIL %s (%s) example %d: “%s”\n      %s\n", rule.name,
            rule.file, i, tostring(example.text), failure))
        else
          passed = passed + 1
        end
      end
    end
  end
  io.stdout:write(string.format("rules: %d passed, %d failed\n", passed, failed))
  if warnings > 0 then io.stdout:write(string.format("(%d rule%s without examples)\n", warnings, warnings == 1 and "" or "s")) end
  return (failed > 0 or #set.errors > 0) and 2 or 0
end

-- A grammar's rules in order: {{name =, body =}, ...}.
local function grammar_rules(grammar)
  local list, starts = {}, {}
  local pos = 1
  while true do
    local s, body_start, name = grammar:match("()%s*([%w_]+)%s*<%-()", pos), nil, nil
    local found_start, found_name, found_body = grammar:match("()[ \t]*([%w_]+)%s*<%-()", pos)
    if not found_start then break end
    -- a rule starts at the beginning of the text or of a line
    if found_start == 1 or grammar:sub(1, found_start - 1):match("\n[ \t]*$") or grammar:sub(1, found_start - 1):match("^%s*$") then
      starts[#starts + 1] = { at = found_start, name = found_name, body = found_body }
    end
    pos = found_body
    _ = s; _ = body_start; _ = name
  end
  for i, r in ipairs(starts) do
    local stop = starts[i + 1] and starts[i + 1].at - 1 or #grammar
    list[i] = { name = r.name, body = grammar:sub(r.body, stop) }
  end
  return list
end

-- Splits an expression at top level: its alternatives (at "/"), each a
-- list of sequence items (at white space), outside brackets and quotes.
local function alternatives(body)
  local alts, items, current, depth, quote = {}, {}, {}, 0, nil
  local function flush()
    if #current > 0 then items[#items + 1] = table.concat(current); current = {} end
  end
  for ch in body:gmatch(".") do
    if quote then
      current[#current + 1] = ch
      if ch == quote then quote = nil end
    elseif ch == "'" or ch == '"' then
      quote = ch; current[#current + 1] = ch
    elseif ch:match("[%(%[{]") then
      depth = depth + 1; current[#current + 1] = ch
    elseif ch:match("[%)%]}]") then
      depth = depth - 1; current[#current + 1] = ch
    elseif depth == 0 and ch == "/" then
      flush(); alts[#alts + 1] = items; items = {}
    elseif depth == 0 and ch:match("%s") then
      flush()
    else
      current[#current + 1] = ch
    end
  end
  flush()
  alts[#alts + 1] = items
  return alts
end

-- For a grammar rule that found nothing: following the grammar down
-- through its choices, the longest prefix of a sequence that matches
-- somewhere in the text, and the item where it stops.
local function explain_prefix(rule, text)
  local lpeg, re = require "lpeg", require "re"
  local rules_list = grammar_rules(rule.grammar)
  local defs = {}
  for _, r in ipairs(rules_list) do defs[r.name] = r.body end
  local best, seen = nil, {}

  -- The grammar with `name` redefined as body, first.
  local function with_start(name, body)
    local parts = { name .. " <- " .. body }
    for _, r in ipairs(rules_list) do
      if r.name ~= name then parts[#parts + 1] = r.name .. " <- " .. r.body end
    end
    return table.concat(parts, "\n")
  end

  local function try(name, items)
    for k = #items - 1, 1, -1 do
      local ok, p = pcall(re.compile, with_start(name, table.concat(items, " ", 1, k)), rule.defs)
      if ok then
        local start, stop = lpeg.P({ lpeg.Cp() * p * lpeg.Cp() + 1 * lpeg.V(1) }):match(text)
        if start then
          if not best or stop - start > best.stop - best.start then
            best = { name = name, items = items, k = k, start = start, stop = stop }
          end
          return
        end
      end
    end
  end

  local function visit(name, body)
    if seen[name .. "\0" .. body] then return end
    seen[name .. "\0" .. body] = true
    for _, items in ipairs(alternatives(body)) do
      if #items > 1 then try(name, items) end
      local first = items[1] or ""
      if defs[first] then visit(first, defs[first]) end
      local inner = first:match("^%((.*)%)$")
      if inner then visit(name, inner) end
    end
  end
  visit(rules_list[1].name, rules_list[1].body)
  if not best then
    return "  no part of its sequences matches anywhere in the text\n"
  end
  return string.format("  the longest partial match: in %s, the items\n    %s\n  match “%s” at byte %d, and it stops at\n    %s\n",
    best.name, table.concat(best.items, " ", 1, best.k), text:sub(best.start, best.stop - 1),
    best.start - 1, table.concat(best.items, " ", best.k + 1))
end

local function explain(set, name, text)
  local rule = set.by_name[name]
  if not rule then
    io.stderr:write("quarry: no rule named ", name, "\n")
    return 2
  end
  io.stdout:write(string.format("rule %s (%s, %s rule) in %s\n", rule.name, rule.type, rule.kind, rule.file))
  local cands, errors = engine.run_text(set, rule, text)
  for _, e in ipairs(errors) do io.stdout:write("  raised: ", e.message, "\n") end
  local shown = 0
  for _, c in ipairs(cands) do
    shown = shown + 1
    io.stdout:write(string.format("  [%d, %d) “%s”  value %s%s\n", c.start, c["end"],
      text:sub(c.start + 1, c["end"]), show(c.value),
      c.beaten_by and "\n    set aside: " .. c.reason or ""))
  end
  if rule.kind == "pattern" or rule.kind == "grammar" then
    -- the captures, for each match
    local lpeg = require "lpeg"
    local finder = lpeg.P({ lpeg.Cp() * lpeg.Ct(rule.compiled) * lpeg.Cp() + 1 * lpeg.V(1) })
    local init = 1
    while true do
      local start, captures, after = finder:match(text, init)
      if not start then break end
      local parts = {}
      for k, v in pairs(captures) do parts[#parts + 1] = tostring(k) .. "=" .. show(v) end
      table.sort(parts)
      io.stdout:write(string.format("  captures at byte %d: {%s}\n", start - 1, table.concat(parts, ", ")))
      init = math.max(after, start + 1)
    end
  end
  if shown == 0 then
    io.stdout:write("  no match\n")
    if rule.kind == "grammar" then io.stdout:write(explain_prefix(rule, text)) end
    if rule.kind == "pattern" then
      io.stdout:write("  (write the rule as a `grammar` to see how far its sequence gets)\n")
    end
  end
  return #errors > 0 and 2 or 0
end

function rules.main(_, words)
  local action = table.remove(words, 1)
  local spec = { rules = "list", format = "value" }
  local options, rest = cli.parse(words, spec)
  if not options then return 1, rest end
  if action == "list" then
    if #rest > 0 then return 1, "rules list takes no arguments" end
    return list(load_set(options), options)
  elseif action == "test" then
    return test(load_set(options), rest)
  elseif action == "explain" then
    if #rest ~= 2 then return 1, "rules explain takes a rule NAME and a TEXT" end
    return explain(load_set(options), rest[1], rest[2])
  end
  return 1, "say rules list, rules test or rules explain"
end

return rules
