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
-- positions). It works in two steps. The pass over the text only asks, at
-- each place a token can start, whether any rule matches there and, if so,
-- which (and-predicates with plain captures: LPeg's first-character tests
-- stay fast, and nothing is captured where nothing matches); then
-- each rule is matched again, with its captures, at the few places it
-- matched. A rule's matches do not overlap each other: the leftmost wins,
-- so a suffix of a match is not found again one position later.
local function build_scanner(rules)
  if #rules == 0 then return function() return {} end end
  local which, any = lpeg.P(true), lpeg.P(false)
  local full = {}
  for i, rule in ipairs(rules) do
    which = which * (#rule.compiled * lpeg.Cc(i) * lpeg.Cp()) ^ -1
    any = any + rule.compiled
    full[i] = lpeg.Ct(rule.compiled) * lpeg.Cp()
  end
  -- `any` first: most places match no rule, and one choice of all rules
  -- fails there faster than a capture per rule; `which` then asks each
  local scan = lpeg.Ct(((#any * which) ^ -1 * (WORD ^ 1 + 1)) ^ 0)
  return function(text)
    local hits = lpeg.match(scan, text)
    local found, last_end = {}, {}
    for k = 1, #hits, 2 do
      local i, start = hits[k], hits[k + 1]
      if start >= (last_end[i] or 0) then
        local captures, after = lpeg.match(full[i], text, start)
        if captures and after > start then
          local list = found[i]
          if not list then list = {}; found[i] = list end
          list[#list + 1] = start
          list[#list + 1] = after
          list[#list + 1] = captures
          last_end[i] = after
        end
      end
    end
    return found -- rule index -> matches, only for rules that matched
  end
end

-- The rules of a set by kind, in run order, worked out once per set.
local function kinds_of(set)
  if not set.kinds then
    local k = { patterns = {}, gazetteers = {}, applies = {} }
    for _, rule in ipairs(set.rules) do
      if rule.kind == "pattern" or rule.kind == "grammar" then table.insert(k.patterns, rule)
      elseif rule.kind == "gazetteer" then table.insert(k.gazetteers, rule)
      else table.insert(k.applies, rule) end
    end
    table.sort(k.applies, ruleset.runs_before)
    k.scanners = {}
    set.kinds = k
  end
  return set.kinds
end

-- The scanner for the pattern rules of a set that are to run: all of them
-- (the usual case, built once) or some. Remembered per `rerun` table too,
-- since extract hands the same table to every document with the same plan.
local function scanner_for(set, rerun)
  local kinds = kinds_of(set)
  local known = kinds.by_plan and kinds.by_plan[rerun]
  if known then return known[1], known[2] end
  local chosen, names = {}, {}
  for _, rule in ipairs(kinds.patterns) do
    if rerun[rule.name] then
      chosen[#chosen + 1] = rule
      names[#names + 1] = rule.name
    end
  end
  local key = #chosen == #kinds.patterns and "*" or table.concat(names, "\0")
  local scanner = kinds.scanners[key]
  if not scanner then
    scanner = build_scanner(chosen)
    kinds.scanners[key] = scanner
  end
  kinds.by_plan = kinds.by_plan or setmetatable({}, { __mode = "k" })
  kinds.by_plan[rerun] = { scanner, chosen }
  return scanner, chosen
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

-- Winners never overlap each other, so kept sorted by start, the only
-- ones a span can overlap are the last one starting before its end and,
-- possibly, the ones before that which still reach into it: the first of
-- those is found by binary search.
local function overlapping(sorted, c)
  local lo, hi = 1, #sorted
  while lo <= hi do -- last index with start < c.end
    local mid = (lo + hi) // 2
    if sorted[mid].start < c["end"] then lo = mid + 1 else hi = mid - 1 end
  end
  local w = sorted[hi]
  if w and w["end"] > c.start then return w end
  return nil
end

-- Sets c aside as beaten by winner, saying why.
local function beat(c, winner, text)
  c.beaten_by = winner.index
  local lw, lc = winner["end"] - winner.start, c["end"] - c.start
  c.reason = string.format("overlaps %s “%s” (rule %s), which is %s", winner.type,
    span_text(text, winner), winner.rule,
    lw > lc and "longer" or winner.priority > c.priority and "of higher priority"
    or "earlier or first by rule name")
end

-- Greedy choice among candidates of one type, strongest first; returns the
-- winners sorted by start. A candidate only competes with the ones it is
-- chained to by overlaps, so the candidates are swept in start order into
-- such groups, and only groups of two or more are sorted by strength: the
-- same result as sorting them all, at a fraction of the cost (most
-- candidates overlap nothing).
local function choose(list, text)
  local n = #list
  local order = list
  for k = 2, n do
    if list[k].start < list[k - 1].start then
      -- sort by start with numeric keys, so table.sort needs no Lua comparator
      local keys = {}
      for i = 1, n do keys[i] = list[i].start * 1048576 + i end
      table.sort(keys)
      order = {}
      for i = 1, n do order[i] = list[keys[i] % 1048576] end
      break
    end
  end
  local winners = {}
  local k = 1
  while k <= n do
    local reach, j = order[k]["end"], k + 1
    while j <= n and order[j].start < reach do
      if order[j]["end"] > reach then reach = order[j]["end"] end
      j = j + 1
    end
    if j == k + 1 then
      winners[#winners + 1] = order[k]
    else
      local group = table.move(order, k, j - 1, 1, {})
      table.sort(group, stronger)
      local chosen = {}
      for _, c in ipairs(group) do
        local winner
        for _, w in ipairs(chosen) do
          if overlaps(w, c) then winner = w break end
        end
        if winner then beat(c, winner, text) else chosen[#chosen + 1] = c end
      end
      table.sort(chosen, function(a, b) return a.start < b.start end)
      for _, c in ipairs(chosen) do winners[#winners + 1] = c end
    end
    k = j
  end
  return winners
end

-- The winner among sorted ones that contains c, if any.
local function containing(sorted, c)
  local w = overlapping(sorted, c)
  if w and w.start <= c.start and c["end"] <= w["end"] then return w end
  return nil
end

-- Applies the overlap policy to all candidates of a document: sets
-- beaten_by (an index into cands) and reason on the ones set aside.
function engine.resolve(cands, set, text)
  if #cands == 0 then return end
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
      local open, kept = {}, {}
      for _, c in ipairs(by_type[t]) do
        local hidden = #boilerplate > 0 and overlapping(boilerplate, c)
        local rule = set.by_name[c.rule]
        if hidden then
          c.beaten_by, c.reason = hidden.index, "inside boilerplate (rule " .. hidden.rule .. ")"
        elseif rule and rule.overlap == "keep" then
          kept[#kept + 1] = c -- the rule's own policy: its overlapping matches all stand
        else
          open[#open + 1] = c
        end
      end
      winners[t] = choose(open, text)
      if #kept > 0 then
        for _, c in ipairs(kept) do table.insert(winners[t], c) end
        table.sort(winners[t], function(a, b) return a.start < b.start end)
      end
    end
  end
  if set.any_inside == nil then -- whether any rule has an `inside` policy
    set.any_inside = false
    for _, rule in pairs(set.by_name) do
      if rule.inside then set.any_inside = true end
    end
  end
  if not set.any_inside then return end
  for _, list in pairs(winners) do
    for _, c in ipairs(list) do
      local rule = set.by_name[c.rule]
      local inside = rule and rule.inside
      if inside then
        for _, t in ipairs(inside) do
          local w = t ~= c.type and containing(winners[t] or {}, c)
          if w and not w.beaten_by then
            c.beaten_by = w.index
            c.reason = string.format("inside %s “%s” (rule %s)", t, span_text(text, w), w.rule)
            break
          end
        end
      end
    end
  end
end

-- Calls f(...) for a rule. On an error, notes it (and the rule as failed
-- for this document) in state and takes back what f appended to out (when
-- given), so a failing rule leaves nothing behind. Returns xpcall's results.
local function guarded(state, rule, out, f, ...)
  local mark = out and #out
  local results = table.pack(xpcall(f, debug.traceback, ...))
  if not results[1] then
    state.errors[#state.errors + 1] = { rule = rule.name, message = tostring(results[2]) }
    state.failed[rule.name] = true
    if out then for k = #out, mark + 1, -1 do out[k] = nil end end
  end
  return table.unpack(results, 1, results.n)
end

-- The document as rules see it (value functions and apply rules): its
-- fields, and `regions` (the HTML structure the loader found: {kind, start,
-- end}), read on first use.
local view_meta = {
  __index = function(view, key)
    if key == "regions" then
      local source = rawget(view, "source_doc")
      local ok, regions = pcall(function() return source:regions() end)
      regions = ok and regions or {}
      rawset(view, "regions", regions)
      return regions
    end
  end,
}

local function view_of(doc)
  return setmetatable({ id = doc.id, name = doc.name, title = doc.title,
    published = doc.published, format = doc.format, text = doc.text, source_doc = doc },
    view_meta)
end

-- Runs the rules named in `rerun` on a document; `kept` are stored
-- candidates of rules not re-run. Returns all candidates resolved, and a
-- list of errors {rule =, message =} (a failing rule contributes nothing).
function engine.run_document(set, doc, rerun, kept)
  local text = doc.text
  local view = view_of(doc)
  local cands, state = {}, { errors = {}, failed = {} }
  for _, c in ipairs(kept or {}) do cands[#cands + 1] = c end
  local failed = state.failed

  -- pattern rules: one scan for all of them
  local kinds = kinds_of(set)
  local scanner, patterns = scanner_for(set, rerun)
  local ok, scanned = true, nil
  if #patterns > 0 then ok, scanned = pcall(scanner, text) end
  if not ok then
    -- a rule raised inside the scan: scan rule by rule to find which
    scanned = {}
    for i, rule in ipairs(patterns) do
      local alone = build_scanner({ rule })
      local good, found = guarded(state, rule, nil, alone, text)
      if good then scanned[i] = found[1] end
    end
  end
  for i, rule in ipairs(patterns) do
    local matches = scanned and scanned[i]
    if matches and not failed[rule.name] then
      guarded(state, rule, cands, pattern_candidates, rule, matches, text, view, cands)
    end
  end
  for _, rule in ipairs(kinds.gazetteers) do
    if rerun[rule.name] then
      guarded(state, rule, cands, gazetteer_candidates, rule, text, view, cands)
    end
  end

  -- apply rules, in order, each seeing what stands so far
  for _, rule in ipairs(kinds.applies) do
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
      local function emit(start, stop, value, t)
        assert(math.type(start) == "integer" and math.type(stop) == "integer",
               "emit(start, end, value [, type]) takes 0-based byte offsets")
        assert(start >= 0 and stop <= #text, "emit: span outside the text")
        local c = candidate(rule, start, stop, value)
        if c then
          if t then c.type = t end
          cands[#cands + 1] = c
        end
      end
      guarded(state, rule, cands, rule.apply, view, found, emit)
    end
  end
  engine.resolve(cands, set, text)
  return cands, state.errors, state.failed
end

-- Runs one rule alone on a text (for examples and explain): returns the
-- resolved candidates and the errors.
function engine.run_text(set, rule, text, title)
  local single = { rules = { rule }, by_name = { [rule.name] = rule } }
  for _, r in ipairs(set.rules) do single.by_name[r.name] = single.by_name[r.name] or r end
  local doc = { id = 0, name = "example", text = text, title = title }
  local cands, errors = engine.run_document(single, doc, { [rule.name] = true }, {})
  return cands, errors
end

return engine
