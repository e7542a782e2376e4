-- quarry rules list|test|explain: see what the rules are and what they do.

local quarry = require "quarry"
local cli = require "quarry.cli"
-- The engine, required when a rule first runs (`rules list` runs none).
local function engine() return require "quarry.engine" end
local ruleset = require "quarry.ruleset"

local rules = {
  help = [[
Shows what the rules in the rules folders are, whether their examples pass,
and what one rule finds in a text. Three forms:

  quarry rules list [--rules DIR]... [--format table|csv|tsv|json]
      The loaded rules: name, type, kind, version, examples, file.
  quarry rules test [--rules DIR]... [--format text|json] [NAME...]
      Runs the examples of every rule (or the ones named): each example
      must find exactly the spans it lists (with the values it gives), each
      counterexample nothing. Prints every failure (FAIL, red on a
      terminal) with the rule file and the example, expected against found,
      then "rules: N passed, M failed". A rule without examples gets a
      warning (WARN, yellow).
  quarry rules explain [--rules DIR]... [--format text|json] [NAME] TEXT
      What rule NAME finds in TEXT, as extract would find it: the rules
      whose output NAME reads run too (the boilerplate rules; for an apply
      rule such as relation, the rules of the types it needs), and are
      listed with what they found. Shows spans, captures and values, and
      the candidates the overlap policy set aside, with the reason. For a
      grammar rule that finds nothing, how far its top-level sequence gets
      at each place it starts, so you can see where the grammar stops.
      Without NAME: what the whole pack finds in TEXT, in text order, what
      stands and what was set aside and why.

A rule file that does not load is reported on stderr with its file and
line. Colour is used only when stdout is a terminal (NO_COLOR=1 turns it
off).

Options:
  --rules DIR   a rules folder of your own, added to the shipped rules/
                (repeat for several); a rule of yours with the name of a
                pack rule replaces it
  --no-default-rules
                leave the shipped rules/ out: only the --rules folders
  --format F    list: table (default), csv, tsv or json.
                test: text (default) or json, one object {passed, failed,
                warnings, failures [{rule, file, index, example, expected,
                found, error}], without_examples [{rule, file}],
                load_errors}; expected and found are [{text, value}].
                explain: text (default) or json, one object {rule, type,
                kind, file, text, spans, set_aside, captures [{at,
                captures}], errors, partial, ran [{rule, found}]}; spans are
                {start, end, text, value}, set-aside ones add reason.
                Without NAME: {text, spans, set_aside, errors, rules}, spans
                with type and rule as well.

Exit status: 0 ok, 1 usage error, 2 an example failed, a rule file did not
load, NAME is not a rule, or the rule raised.

Examples:
  quarry rules test money date
  quarry rules explain relation "China and Russia signed an agreement on AI in 2024."
  quarry rules explain "China and Russia signed an agreement on AI in 2024."
  quarry rules explain --format json money "It spent $150bn and €26 million."
]],
}

local json = quarry.json

local function first_line(message)
  return (tostring(message):match("^[^\n]*"))
end

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
  for _, message in ipairs(set.errors) do cli.error_line(message) end
  return set
end

-- A value for cli.json: nil as null, and what JSON cannot hold (a
-- function, a userdata) as its tostring.
local function json_safe(v)
  if v == nil then return json.null end
  if pcall(json.encode, v) then return v end
  return tostring(v)
end

local function list(set, options)
  local rows = {}
  for _, rule in ipairs(set.rules) do
    rows[#rows + 1] = { name = rule.name, type = rule.type, kind = rule.kind,
      file = rule.file, version = rule.version,
      examples = rule.example_count }
  end
  local format = options.format or "table"
  if format ~= "table" and format ~= "csv" and format ~= "tsv" and format ~= "json" then
    return 1, "--format takes table, csv, tsv or json"
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
    cands, errors = engine().run_document(set, { id = 0, name = "example", text = text, title = title },
                                        all, {})
  else
    cands, errors = engine().run_text(set, rule, text, title)
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

-- Checks one example; returns nil, or the failure: {error = message} or
-- {expected = {{span, value}...}, found = {{span, value, type}...}}.
local function check_example(set, rule, example)
  if type(example.text) ~= "string" then return { error = "the example has no text" } end
  local found, errors = found_by(set, rule, example.text, example.title)
  if #errors > 0 then return { error = "raised: " .. errors[1].message:match("^[^\n]*") } end
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
  return { expected = expected, found = found }
end

-- A failure as the text report shows it, under its FAIL line.
local function failure_text(failure)
  if failure.error then return failure.error end
  return string.format("expected %s\n      found    %s", describe(failure.expected),
                       describe(failure.found))
end

-- Spans for the JSON report: [{text, value}].
local function json_spans(list)
  local spans = cli.array()
  for i, f in ipairs(list or {}) do spans[i] = { text = f[1], value = json_safe(f[2]) } end
  return spans
end

local function test(set, names, format)
  local wanted = {}
  for _, name in ipairs(names) do
    if not set.by_name[name] then
      cli.error_line("no rule named " .. name)
      return 2
    end
    wanted[name] = true
  end
  local text = format == "text"
  local function say(...) if text then io.stdout:write(...) end end
  local passed, failed, warnings = 0, 0, 0
  local failures, bare = cli.array(), cli.array()
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
        bare[#bare + 1] = { rule = rule.name, file = rule.file }
        say(cli.paint(io.stdout, "warn", "WARN"),
            string.format(" %s (%s): the rule has no examples\n", rule.name, rule.file))
      end
      for i, example in ipairs(examples) do
        local failure = check_example(set, rule, example)
        if failure then
          failed = failed + 1
          failures[#failures + 1] = {
            rule = rule.name, file = rule.file, index = i, example = json_safe(example.text),
            expected = json_spans(failure.expected), found = json_spans(failure.found),
            error = failure.error,
          }
          say(cli.paint(io.stdout, "error", "FAIL"), string.format(" %s (%s) example %d: “%s”\n      %s\n",
            rule.name, rule.file, i, tostring(example.text), failure_text(failure)))
        else
          passed = passed + 1
        end
      end
    end
  end
  if text then
    local summary = string.format("rules: %d passed, %d failed", passed, failed)
    if #set.errors > 0 then
      -- a pack whose files did not load has nothing to fail: say so
      summary = summary .. string.format(", %d rule file%s did not load%s", #set.errors,
        #set.errors == 1 and "" or "s", #set.rules == 0 and " (no rule was tested)" or "")
    end
    say(cli.paint(io.stdout, (failed > 0 or #set.errors > 0) and "error" or "ok", summary), "\n")
    if warnings > 0 then say(string.format("(%d rule%s without examples)\n", warnings, warnings == 1 and "" or "s")) end
  else
    local load_errors = cli.array()
    for i, message in ipairs(set.errors) do load_errors[i] = message end
    io.stdout:write(cli.json({ passed = passed, failed = failed, warnings = warnings,
                               failures = failures, without_examples = bare,
                               load_errors = load_errors }), "\n")
  end
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
-- somewhere in the text, and the items where it stops: {in = the grammar
-- rule, matched = the items that match, text = what they match, at = its
-- byte offset, stops_at = the items left}, or nil when no prefix matches.
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
  if not best then return nil end
  return {
    ["in"] = best.name, matched = table.concat(best.items, " ", 1, best.k),
    text = text:sub(best.start, best.stop - 1), at = best.start - 1,
    stops_at = table.concat(best.items, " ", best.k + 1),
  }
end

local function prefix_text(partial)
  if not partial then return "  no part of its sequences matches anywhere in the text\n" end
  return string.format("  the longest partial match: in %s, the items\n    %s\n  match “%s” at byte %d, and it stops at\n    %s\n",
    partial["in"], partial.matched, partial.text, partial.at, partial.stops_at)
end

-- The captures of a pattern or grammar rule at each place it matches:
-- {{at = byte, captures = {name = value, ...}}, ...}.
local function match_captures(rule, text)
  local lpeg = require "lpeg"
  local finder = lpeg.P({ lpeg.Cp() * lpeg.Ct(rule.compiled) * lpeg.Cp() + 1 * lpeg.V(1) })
  local list, init = {}, 1
  while true do
    local start, captures, after = finder:match(text, init)
    if not start then break end
    list[#list + 1] = { at = start - 1, captures = captures }
    init = math.max(after, start + 1)
  end
  return list
end

-- Prints what the rule finds in text, as the text report.
local function explain_text(rule, text, cands, errors, captures, partial, ran)
  io.stdout:write(string.format("rule %s (%s, %s rule) in %s\n", rule.name, rule.type, rule.kind, rule.file))
  if #ran > 0 then
    local parts = {}
    for i, r in ipairs(ran) do parts[i] = string.format("%s (%d)", r.rule, r.found) end
    io.stdout:write("  ran first, for what it reads: ", table.concat(parts, ", "), "\n")
  end
  for _, e in ipairs(errors) do io.stdout:write("  raised: ", e.message, "\n") end
  for _, c in ipairs(cands) do
    io.stdout:write(string.format("  [%d, %d) “%s”  value %s%s\n", c.start, c["end"],
      text:sub(c.start + 1, c["end"]), show(c.value),
      c.beaten_by and "\n    set aside: " .. c.reason or ""))
  end
  for _, m in ipairs(captures) do
    local parts = {}
    for k, v in pairs(m.captures) do parts[#parts + 1] = tostring(k) .. "=" .. show(v) end
    table.sort(parts)
    io.stdout:write(string.format("  captures at byte %d: {%s}\n", m.at, table.concat(parts, ", ")))
  end
  if #cands == 0 then
    io.stdout:write("  no match\n")
    if rule.kind == "grammar" then io.stdout:write(prefix_text(partial)) end
    if rule.kind == "pattern" then
      io.stdout:write("  (write the rule as a `grammar` to see how far its sequence gets)\n")
    end
  end
end

-- Prints the same as one JSON object.
local function explain_json(rule, text, cands, errors, captures, partial, ran)
  local spans, aside, matches, raised = cli.array(), cli.array(), cli.array(), cli.array()
  for _, c in ipairs(cands) do
    local span = { start = c.start, ["end"] = c["end"], text = text:sub(c.start + 1, c["end"]),
                   value = json_safe(c.value), reason = c.reason }
    if c.beaten_by then aside[#aside + 1] = span else spans[#spans + 1] = span end
  end
  for i, m in ipairs(captures) do
    local named = {}
    for k, v in pairs(m.captures) do named[tostring(k)] = json_safe(v) end
    matches[i] = { at = m.at, captures = named }
  end
  for i, e in ipairs(errors) do raised[i] = e.message end
  io.stdout:write(cli.json({
    rule = rule.name, type = rule.type, kind = rule.kind, file = rule.file, text = text,
    spans = spans, set_aside = aside, captures = matches, errors = raised,
    partial = partial or json.null, ran = ran,
  }), "\n")
end

-- Runs the rules named in `rerun` over text as one document, as extract
-- would: the resolved candidates of all of them, and the errors.
local function run_over(set, rerun, text)
  return engine().run_document(set, { id = 0, name = "text", text = text }, rerun, {})
end

-- The rules other than rule that ran, each with the number of
-- annotations of it that stand: {{rule =, found =}, ...} in rule order.
local function others_ran(set, rule, rerun, cands)
  local found = {}
  for _, c in ipairs(cands) do
    if c.rule ~= rule.name and not c.beaten_by then found[c.rule] = (found[c.rule] or 0) + 1 end
  end
  local ran = cli.array()
  for _, r in ipairs(set.rules) do
    if rerun[r.name] and r ~= rule then ran[#ran + 1] = { rule = r.name, found = found[r.name] or 0 } end
  end
  return ran
end

local function explain(set, name, text, format)
  local rule = set.by_name[name]
  if not rule then
    cli.error_line("no rule named " .. name)
    return 2
  end
  local rerun = ruleset.needed(set, { name })
  local all, errors = run_over(set, rerun, text)
  local cands = {}
  for _, c in ipairs(all) do
    if c.rule == name then cands[#cands + 1] = c end
  end
  local ran = others_ran(set, rule, rerun, all)
  local captures, partial = {}, nil
  if rule.kind == "pattern" or rule.kind == "grammar" then captures = match_captures(rule, text) end
  if #cands == 0 and rule.kind == "grammar" then partial = explain_prefix(rule, text) end
  if format == "json" then
    explain_json(rule, text, cands, errors, captures, partial, ran)
  else
    explain_text(rule, text, cands, errors, captures, partial, ran)
  end
  return #errors > 0 and 2 or 0
end

-- What the whole set finds in text: every candidate in text order, the
-- ones set aside with their reason.
local function explain_all(set, text, format)
  local rerun = {}
  for _, rule in ipairs(set.rules) do rerun[rule.name] = true end
  local cands, errors = run_over(set, rerun, text)
  table.sort(cands, function(a, b)
    if a.start ~= b.start then return a.start < b.start end
    if a["end"] ~= b["end"] then return a["end"] > b["end"] end
    if a.type ~= b.type then return a.type < b.type end
    if a.rule ~= b.rule then return a.rule < b.rule end
    return show(a.value) < show(b.value)
  end)
  if format == "json" then
    local spans, aside, raised = cli.array(), cli.array(), cli.array()
    for _, c in ipairs(cands) do
      local span = { start = c.start, ["end"] = c["end"], text = text:sub(c.start + 1, c["end"]),
                     type = c.type, rule = c.rule, value = json_safe(c.value), reason = c.reason }
      if c.beaten_by then aside[#aside + 1] = span else spans[#spans + 1] = span end
    end
    for i, e in ipairs(errors) do raised[i] = { rule = e.rule, message = e.message } end
    io.stdout:write(cli.json({ text = text, spans = spans, set_aside = aside, errors = raised,
                               rules = #set.rules }), "\n")
  else
    local stand, aside = 0, 0
    for _, c in ipairs(cands) do
      if c.beaten_by then aside = aside + 1 else stand = stand + 1 end
    end
    io.stdout:write(string.format("%d rules: %d stand, %d set aside\n", #set.rules, stand, aside))
    for _, e in ipairs(errors) do
      io.stdout:write("  raised: ", e.rule, ": ", first_line(e.message), "\n")
    end
    for _, c in ipairs(cands) do
      io.stdout:write(string.format("  [%d, %d) %-11s “%s”  %s  (%s)%s\n", c.start, c["end"], c.type,
        text:sub(c.start + 1, c["end"]), show(c.value), c.rule,
        c.beaten_by and "\n      set aside: " .. c.reason or ""))
    end
  end
  return #errors > 0 and 2 or 0
end

function rules.main(_, words)
  local action = table.remove(words, 1)
  local spec = { rules = "list", format = "value", ["no-default-rules"] = "flag" }
  local options, rest = cli.parse(words, spec)
  if not options then return 1, rest end
  if action == "list" then
    if #rest > 0 then return 1, "rules list takes no arguments" end
    return list(load_set(options), options)
  elseif action ~= "test" and action ~= "explain" then
    return 1, "say rules list, rules test or rules explain"
  end
  local format = options.format or "text"
  if format ~= "text" and format ~= "json" then
    return 1, "rules " .. tostring(action) .. " takes --format text or json"
  end
  if action == "test" then return test(load_set(options), rest, format) end
  if #rest == 1 then return explain_all(load_set(options), rest[1], format) end
  if #rest ~= 2 then return 1, "rules explain takes a TEXT, or a rule NAME and a TEXT" end
  return explain(load_set(options), rest[1], rest[2], format)
end

return rules
