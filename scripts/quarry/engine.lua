-- engine.lua: runs a rule set over documents.
--
-- One pass per document for all pattern rules: the engine builds a single
-- LPeg scanner that, at every place a token can start (it skips over the
-- rest of ASCII words), tries every rule; each rule's match is recorded by
-- a match-time capture that then fails, so every rule gets its chance at
-- every place and matches of different rules may overlap. Gazetteer rules
-- scan with the C matcher; apply rules run after them and see what was
-- found. Then the overlap policy decides which candidates stand:
--
--   1. boilerplate: the longest of overlapping boilerplate spans stands;
--      every other candidate overlapping a boilerplate span is set aside;
--   2. within each type, overlapping candidates: the longer stands, then
--      the higher priority, then the earlier start, then the rule name;
--      different types may overlap;
--   3. a rule with `inside = {types}` loses its candidates that lie inside
--      a standing annotation of one of those types.
--
-- Candidates set aside are kept with the one that beat them and a reason.

local lpeg = require "lpeg"
local ruleset = require "quarry.ruleset"

local engine = {}

local WORD = lpeg.R("az", "AZ", "09")

-- A scanner for a list of pattern rules: a function(text) returning, per
-- rule, a flat array {start1, after1, captures1, start2, ...} (1-based
-- positions). A rule's matches do not overlap each other: the leftmost
-- wins, so a suffix of a match is not found again one position later.
local function build_scanner(rules)
  local found, last_end
  local alternatives = nil
  for i, rule in ipairs(rules) do
    local recorder = lpeg.Cmt(lpeg.Cp() * lpeg.Ct(rule.compiled), function(_, after, start, captures)
      if start >= last_end[i] and after > start then
        local list = found[i]
        list[#list + 1] = start
        list[#list + 1] = after
        list[#list + 1] = captures
        last_end[i] = after
      end
      return false
    end)
    alternatives = alternatives and alternatives + recorder or recorder
  end
  if not alternatives then return function() return {} end end
  local scan = ((alternatives + lpeg.P(true)) * (WORD ^ 1 + 1)) ^ 0
  return function(text)
    found, last_end = {}, {}
    for i = 1, #rules do found[i], last_end[i] = {}, 0 end
    lpeg.match(scan, text)
    local result = found
    found, last_end = nil, nil
    return result
  end
end

local scanner_cache = setmetatable({}, { __mode = "k" })

-- The scanner for exactly these rules, built once per rule list.
local function scanner_for(set, rules)
  local names = {}
  for i, rule in ipairs(rules) do names[i] = rule.name end
  local key = table.concat(names, "\0")
  scanner_cache[set] = scanner_cache[set] or {}
  local scanner = scanner_cache[set][key]
  if not scanner then
    scanner = build_scanner(rules)
    scanner_cache[set][key] = scanner
  end
  return scanner
end

-- The value of a gazetteer entry when the rule has no value function: its
-- fields but the surface form and case.
local function entry_value(entry)
  local value, any = {}, false
  for k, v in pairs(entry) do
    if k ~= "surface" and k ~= "case" then value[k], any = v, true end
  end
  return any and value or nil
end

-- Makes a candidate, or nil when the rule's value function says no.
local function candidate(rule, start, stop, value)
  if stop <= start then return nil end
  return { rule = rule.name, type = rule.type, start = start, ["end"] = stop,
           value = value, priority = rule.priority, rule_version = rule.version }
end

-- Candidates of one pattern rule from its raw matches (may raise).
local function pattern_candidates(rule, matches, text, view, out)
  for k = 1, #matches, 3 do
    local start, after, captures = matches[k], matches[k + 1], matches[k + 2]
    local span_start = captures.span_start or start
    local span_end = captures.span_end or after
    local value
    if rule.value then
      value = rule.value(captures, { text = text:sub(span_start, span_end - 1),
        start = span_start - 1, ["end"] = span_end - 1, subject = text, doc = view })
    end
    if value ~= false then
      out[#out + 1] = candidate(rule, span_start - 1, span_end - 1, value)
    end
  end
end

-- Candidates of one gazetteer rule (may raise).
local function gazetteer_candidates(rule, text, view, out)
  for _, gazetteer in ipairs(rule.matchers) do
    local flat = gazetteer.matcher:find_flat(text)
    for k = 1, #flat, 3 do
      local start, stop, entry = flat[k], flat[k + 1], gazetteer.entries[flat[k + 2]]
      local value
      if rule.value then
        value = rule.value(entry, { text = text:sub(start + 1, stop), start = start,
          ["end"] = stop, subject = text, doc = view, gazetteer = gazetteer.name })
      else
        value = entry_value(entry)
      end
      if value ~= false then out[#out + 1] = candidate(rule, start, stop, value) end
    end
  end
end

local function overlaps(a, b)
  return a.start < b["end"] and b.start < a["end"]
end

local function span_text(text, c)
  return text:sub(c.start + 1, c["end"])
end

-- Orders candidates of one type: longer, higher priority, earlier, rule name.
local function stronger(a, b)
  local la, lb = a["end"] - a.start, b["end"] - b.start
  if la ~= lb then return la > lb end
  if a.priority ~= b.priority then return a.priority > b.priority end
  if a.start ~= b.start then return a.start < b.start end
  if a.rule ~= b.rule then return a.rule < b.rule end
  return a.index < b.index
end

-- Greedy choice among candidates of one type; returns the winners.
local function choose(list, text)
  table.sort(list, stronger)
  local winners = {}
  for _, c in ipairs(list) do
    local winner
    for _, w in ipairs(winners) do
      if overlaps(w, c) then winner = w break end
    end
    if winner then
      c.beaten_by = winner.index
      local lw, lc = winner["end"] - winner.start, c["end"] - c.start
      c.reason = string.format("overlaps %s “%s” (rule %s), which is %s", winner.type,
        span_text(text, winner), winner.rule,
        lw > lc and "longer" or winner.priority > c.priority and "of higher priority"
        or "earlier or first by rule name")
    else
      winners[#winners + 1] = c
    end
  end
  return winners
end

-- Applies the overlap policy to all candidates of a document: sets
-- beaten_by (an index into cands) and reason on the ones set aside.
function engine.resolve(cands, set, text)
  local by_type, order = {}, {}
  for i, c in ipairs(cands) do
    c.index, c.beaten_by, c.reason = i, nil, nil
    if not by_type[c.type] then by_type[c.type] = {}; order[#order + 1] = c.type end
    local list = by_type[c.type]
    list[#list + 1] = c
  end
  local boilerplate = choose(by_type.boilerplate or {}, text)
  local winners = {}
  table.sort(order)
  for _, t in ipairs(order) do
    if t ~= "boilerplate" then
      local open = {}
      for _, c in ipairs(by_type[t]) do
        local hidden
        for _, b in ipairs(boilerplate) do
          if overlaps(b, c) then hidden = b break end
        end
        if hidden then
          c.beaten_by, c.reason = hidden.index, "inside boilerplate (rule " .. hidden.rule .. ")"
        else
          open[#open + 1] = c
        end
      end
      winners[t] = choose(open, text)
    end
  end
  for _, list in pairs(winners) do
    for _, c in ipairs(list) do
      local rule = set.by_name[c.rule]
      for _, t in ipairs(rule and rule.inside or {}) do
        for _, w in ipairs(winners[t] or {}) do
          if w ~= c and not w.beaten_by and w.start <= c.start and c["end"] <= w["end"] then
            c.beaten_by = w.index
            c.reason = string.format("inside %s “%s” (rule %s)", t, span_text(text, w), w.rule)
            break
          end
        end
        if c.beaten_by then break end
      end
    end
  end
end

-- The document as rules see it (value functions and apply rules).
local function view_of(doc)
  return { id = doc.id, name = doc.name, title = doc.title, published = doc.published,
           text = doc.text }
end

-- Runs the rules named in `rerun` on a document; `kept` are stored
-- candidates of rules not re-run. Returns all candidates resolved, and a
-- list of errors {rule =, message =} (a failing rule contributes nothing).
function engine.run_document(set, doc, rerun, kept)
  local text = doc.text
  local view = view_of(doc)
  local cands, errors, failed = {}, {}, {}
  for _, c in ipairs(kept or {}) do cands[#cands + 1] = c end

  local function guarded(rule, f, ...)
    local ok, message = xpcall(f, debug.traceback, ...)
    if not ok then
      errors[#errors + 1] = { rule = rule.name, message = tostring(message) }
      failed[rule.name] = true
    end
    return ok
  end

  -- pattern rules: one scan for all of them
  local patterns, others = {}, {}
  for _, rule in ipairs(set.rules) do
    if rerun[rule.name] then
      if rule.kind == "pattern" or rule.kind == "grammar" then patterns[#patterns + 1] = rule
      else others[#others + 1] = rule end
    end
  end
  local scanned
  local ok = pcall(function() scanned = scanner_for(set, patterns)(text) end)
  if not ok then
    -- a rule raised inside the scan: scan rule by rule to find which
    scanned = {}
    for i, rule in ipairs(patterns) do
      scanned[i] = {}
      guarded(rule, function() scanned[i] = build_scanner({ rule })(text)[1] end)
    end
  end
  for i, rule in ipairs(patterns) do
    if not failed[rule.name] then
      local out = {}
      if guarded(rule, pattern_candidates, rule, scanned[i], text, view, out) then
        for _, c in ipairs(out) do cands[#cands + 1] = c end
      end
    end
  end
  for _, rule in ipairs(others) do
    if rule.kind == "gazetteer" then
      local out = {}
      if guarded(rule, gazetteer_candidates, rule, text, view, out) then
        for _, c in ipairs(out) do cands[#cands + 1] = c end
      end
    end
  end

  -- apply rules, in order, each seeing what stands so far
  local applies = {}
  for _, rule in ipairs(set.rules) do
    if rule.kind == "apply" then applies[#applies + 1] = rule end
  end
  table.sort(applies, ruleset.runs_before)
  for _, rule in ipairs(applies) do
    if rerun[rule.name] then
      engine.resolve(cands, set, text)
      local standing = {}
      for _, c in ipairs(cands) do
        local source = set.by_name[c.rule]
        local visible = not source or source.kind ~= "apply" or ruleset.runs_before(source, rule)
        if not c.beaten_by and visible then
          standing[c.type] = standing[c.type] or {}
          table.insert(standing[c.type], c)
        end
      end
      for _, list in pairs(standing) do
        table.sort(list, function(a, b) return a.start < b.start end)
        for _, c in ipairs(list) do c.text = c.text or span_text(text, c) end
      end
      local function found(t) return standing[t] or {} end
      local out = {}
      local function emit(start, stop, value, t)
        assert(math.type(start) == "integer" and math.type(stop) == "integer",
               "emit(start, end, value [, type]) takes 0-based byte offsets")
        assert(start >= 0 and stop <= #text, "emit: span outside the text")
        local c = candidate(rule, start, stop, value)
        if c then
          if t then c.type = t end
          out[#out + 1] = c
        end
      end
      if guarded(rule, rule.apply, view, found, emit) then
        for _, c in ipairs(out) do cands[#cands + 1] = c end
      end
    end
  end
  engine.resolve(cands, set, text)
  return cands, errors, failed
end

-- Runs one rule alone on a text (for examples and explain): returns the
-- resolved candidates and the errors.
function engine.run_text(set, rule, text)
  local single = { rules = { rule }, by_name = { [rule.name] = rule } }
  for _, r in ipairs(set.rules) do single.by_name[r.name] = single.by_name[r.name] or r end
  local doc = { id = 0, name = "example", text = text }
  local cands, errors = engine.run_document(single, doc, { [rule.name] = true }, {})
  return cands, errors
end

return engine
