-- engine.lua: runs a rule set over documents.
--
-- One pass per document for all pattern rules: the engine builds a single
-- LPeg scanner that, at every place a token can start (it skips over the
-- rest of ASCII words), tries every rule and notes each one that matches
-- there, so every rule gets its chance at every place and matches of
-- different rules may overlap (see build_scanner). Gazetteer rules scan
-- with the C matcher; apply rules run after them and see what was found.
-- Then the overlap policy decides which candidates stand:
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
local quarry = require "quarry"
local ruleset = require "quarry.ruleset"
local sandbox = require "quarry.sandbox"
local textmodel = require "quarry.textmodel"

local engine = {}

local WORD = lpeg.R("az", "AZ", "09")

-- Whether a pattern can produce captures. LPeg will not look behind at a
-- pattern with captures (lpeg.B raises "pattern have captures"), and an
-- and-predicate has the fixed length look-behind needs, so lpeg.B(#p)
-- answers the question for any p without matching anything. Should a
-- later LPeg accept it, the probe on a capture below notices, and every
-- pattern is then taken to have captures (the slower, always right way).
local probe_works = not pcall(lpeg.B, #lpeg.C(lpeg.P(1)))
local function has_captures(pattern)
  return not probe_works or not pcall(lpeg.B, #pattern)
end

-- Adds a match of rule i to what a scan found so far: found is {i1,
-- matches1, i2, matches2, ...} in increasing rule order, each matches a
-- flat array {start1, after1, captures1, ...} (1-based positions). A
-- rule's matches come in start order and do not overlap each other: the
-- leftmost wins, so a suffix of a match is not found again one position
-- later (such a match is left out). Few rules match in one text, so the
-- rule is looked up along found rather than in a table of its own, and
-- tables are made with their first entries (one grown from empty is
-- reallocated at each of its first few).
local function add_match(found, i, start, after, captures)
  for f = 1, #found, 2 do
    if found[f] == i then
      local list = found[f + 1]
      local n = #list
      if start >= list[n - 1] then -- not inside the last one
        list[n + 1], list[n + 2], list[n + 3] = start, after, captures
      end
      return
    end
  end
  local f = #found + 1 -- the rule's first match: its place in rule order
  while f > 1 and found[f - 2] > i do
    found[f], found[f + 1] = found[f - 2], found[f - 1]
    f = f - 2
  end
  found[f], found[f + 1] = i, { start, after, captures }
end

-- Whether a match of rule i at start would be inside its last match in
-- found (then there is no need to match it again for its captures).
local function inside_last(found, i, start)
  for f = 1, #found, 2 do
    if found[f] == i then
      local list = found[f + 1]
      return start < list[#list - 1]
    end
  end
  return false
end

-- A scanner for a list of pattern rules: a function(text) returning what
-- they match in it, as add_match keeps it (captures is false for a rule
-- whose pattern has none), or NOTHING. One pass over the text asks, at
-- each place a token can start, whether any rule matches there (one
-- choice of all rules, so LPeg's first-character tests skip most places at
-- once) and, where one does, which:
--   * a rule whose pattern has no captures is matched there inside a
--     match-time capture, whose function notes where the match ends and
--     lets the scan go on from the same place: nothing else to do;
--   * a rule with captures is only noted there (an and-predicate with a
--     plain capture: its own captures, match-time ones included, are not
--     run in the scan); it is matched again, with its captures, where it
--     matched, after the pass.
-- Nothing is captured where nothing matches, and when no rule has
-- captures no table at all is made for a text where none matched.
local NOTHING = {} -- what a scanner finds where no rule matches (never written)

local function build_scanner(rules)
  if #rules == 0 then return function() return NOTHING end end
  local found -- what the scan under way has found so far, or nil
  local which, any = lpeg.P(true), lpeg.P(false)
  local again, any_captured = {}, false
  -- The rules are rules of the scanner's grammar, each called by name:
  -- LPeg copies a pattern every time one is built from it, and a rule
  -- named in `any` and in `which` (and compiled twice) would be two more
  -- copies of the biggest patterns of the pack.
  local grammar = { "scan" }
  for i, rule in ipairs(rules) do
    local name = "rule" .. i
    grammar[name] = rule.compiled
    local call = lpeg.V(name)
    any = any + call
    if has_captures(rule.compiled) then
      which = which * (#call * lpeg.Cc(i) * lpeg.Cp()) ^ -1
      again[i] = lpeg.Ct(rule.compiled) * lpeg.Cp() -- matched again, with its captures
      any_captured = true
    else
      local function note(_, after, start)
        if after > start then
          found = found or {}
          add_match(found, i, start, after, false)
        end
        return true -- no captures: LPeg 1.0.2 aborts on values returned here
      end
      which = which * (#lpeg.Cmt(lpeg.Cp() * call, note)) ^ -1
    end
  end
  -- Tried: every byte that is not part of a word, and every word's first
  -- byte. Stepping from token to token is most of the scan's time, so a
  -- step takes a word together with the byte after it (where the next try
  -- is), instead of going round the loop once for each. The try is a rule
  -- of the grammar, called from both places, and where no rule can start
  -- LPeg's test of the first byte still comes before the call. `any`
  -- first: most places match no rule, and one choice of all rules fails
  -- there faster than asking each; `which` then asks each.
  grammar.scan = (lpeg.V "try" ^ -1 * (WORD ^ 1 * lpeg.V "try" ^ -1 * lpeg.P(1) ^ -1 + 1)) ^ 0
  grammar.try = #any * which
  local scan = lpeg.P(grammar)
  if any_captured then scan = lpeg.Ct(scan) end
  local match = lpeg.match
  return function(text)
    -- found belongs to this scan; a scan started by a rule's own code
    -- while this one runs (nothing forbids it) keeps its own
    local outer = found
    found = nil
    local ok, hits = pcall(match, scan, text)
    local mine = found
    found = outer
    if not ok then error(hits, 0) end
    if any_captured then
      for k = 1, #hits, 2 do
        local i, start = hits[k], hits[k + 1]
        if not (mine and inside_last(mine, i, start)) then
          local captures, after = match(again[i], text, start)
          if captures and after > start then
            mine = mine or {}
            add_match(mine, i, start, after, captures)
          end
        end
      end
    end
    return mine or NOTHING
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
    k.scanners, k.plans = {}, {}
    k.by_rerun = setmetatable({}, { __mode = "k" })
    set.kinds = k
  end
  return set.kinds
end

-- What runs on a document when the rules named in `rerun` are to run: the
-- scanner for those of them that are pattern rules (all of them, the usual
-- case, built once, or some) and the pattern, gazetteer and apply rules
-- among them, in run order. Worked out once per choice of rules (extract
-- makes a `rerun` table per document: it is found by the rules' names),
-- and remembered per `rerun` table too, so a caller that hands the same
-- table to every document (the benchmark does) pays for no look-up.
local function plan_for(set, rerun)
  local plan = set.kinds and set.kinds.by_rerun[rerun]
  if plan then return plan end
  local kinds = kinds_of(set)
  local chosen, names = { patterns = {}, gazetteers = {}, applies = {} }, {}
  for _, kind in ipairs({ "patterns", "gazetteers", "applies" }) do
    for _, rule in ipairs(kinds[kind]) do
      if rerun[rule.name] then
        table.insert(chosen[kind], rule)
        names[#names + 1] = rule.name
      end
    end
  end
  local key = table.concat(names, "\0")
  plan = kinds.plans[key]
  if not plan then
    plan = chosen
    local patterns_key = #plan.patterns == #kinds.patterns and "*"
      or table.concat(names, "\0", 1, #plan.patterns)
    plan.scanner = kinds.scanners[patterns_key]
    if not plan.scanner then
      plan.scanner = build_scanner(plan.patterns)
      kinds.scanners[patterns_key] = plan.scanner
    end
    kinds.plans[key] = plan
  end
  kinds.by_rerun[rerun] = plan
  return plan
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

-- Candidates of one pattern rule from its raw matches (may raise). A
-- match without captures (false) spans the whole match, and the value
-- function gets an empty table for its captures, as lpeg.Ct would give.
local function pattern_candidates(rule, matches, text, view, out)
  local value_of, name, rule_type = rule.value, rule.name, rule.type
  local priority, version = rule.priority, rule.version
  local n = #out
  for k = 1, #matches, 3 do
    local start, after, captures = matches[k], matches[k + 1], matches[k + 2]
    local span_start, span_end = start, after
    if captures then
      span_start = captures.span_start or start
      span_end = captures.span_end or after
    end
    local value
    if value_of then
      value = value_of(captures or {}, { text = text:sub(span_start, span_end - 1),
        start = span_start - 1, ["end"] = span_end - 1, subject = text, doc = view })
    end
    if value ~= false and span_end > span_start then -- as candidate() makes them
      n = n + 1
      out[n] = { rule = name, type = rule_type, start = span_start - 1, ["end"] = span_end - 1,
                 priority = priority, rule_version = version }
      if value ~= nil then out[n].value = value end
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
  -- the usual case first: each one starts where the one before it ends or
  -- later, so they are in start order and none overlaps another: all stand
  local apart = 2
  while apart <= n and list[apart].start >= list[apart - 1]["end"] do apart = apart + 1 end
  if apart > n then return list end
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

-- What the rules of a set ask of the overlap policy beyond the default,
-- worked out once per set: whether any rule has an `inside` list, whether
-- any keeps its overlapping matches.
local function policies_of(set)
  local policies = set.policies
  if not policies then
    policies = { inside = false, keep = false }
    for _, rule in pairs(set.by_name) do
      if rule.inside then policies.inside = true end
      if rule.overlap == "keep" then policies.keep = true end
    end
    set.policies = policies
  end
  return policies
end

-- The last index of the run of candidates that starts at first: a run is
-- a stretch of them each starting where the one before it ends or later,
-- so in start order and apart (each rule's candidates make one).
local function run_end(cands, first, n)
  local last = first
  while last < n and cands[last + 1].start >= cands[last]["end"] do last = last + 1 end
  return last
end

-- Whether no candidate of run a0..a1 overlaps one of run b0..b1: the two
-- are walked side by side in start order.
local function runs_apart(cands, a0, a1, b0, b1)
  local i, j = a0, b0
  while i <= a1 and j <= b1 do
    local a, b = cands[i], cands[j]
    if a["end"] <= b.start then i = i + 1
    elseif b["end"] <= a.start then j = j + 1
    else return false end
  end
  return true
end

local MAX_RUNS = 8 -- more runs than this are sorted instead of walked pairwise

-- Whether no two candidates overlap: then every one stands, whatever the
-- policy, as each of its parts is about overlapping spans. Numbers them
-- (index) on the way. Candidates come in runs (see run_end), one run per
-- rule, so most documents are settled by counting the runs (one) or
-- walking a few of them side by side, without a table; many runs are put
-- in start order first.
local function numbered_and_apart(cands)
  local n, runs = #cands, 1
  for i = 1, n do
    local c = cands[i]
    c.index = i
    if c.beaten_by ~= nil or c.reason ~= nil then c.beaten_by, c.reason = nil, nil end
    if i > 1 and c.start < cands[i - 1]["end"] then runs = runs + 1 end
  end
  if runs == 1 then return true end
  if runs <= MAX_RUNS then
    local a0 = 1
    while a0 <= n do
      local a1 = run_end(cands, a0, n)
      local b0 = a1 + 1
      while b0 <= n do
        local b1 = run_end(cands, b0, n)
        if not runs_apart(cands, a0, a1, b0, b1) then return false end
        b0 = b1 + 1
      end
      a0 = a1 + 1
    end
    return true
  end
  if n >= 1048576 then return false end -- too many for the keys below
  -- sort by start with numeric keys, so table.sort needs no Lua comparator
  local keys = {}
  for i = 1, n do keys[i] = cands[i].start * 1048576 + i end
  table.sort(keys)
  local reach = -1
  for k = 1, n do
    local c = cands[keys[k] % 1048576]
    if c.start < reach then return false end
    if c["end"] > reach then reach = c["end"] end
  end
  return true
end

-- Applies the overlap policy to all candidates of a document: sets
-- beaten_by (an index into cands) and reason on the ones set aside.
function engine.resolve(cands, set, text)
  local n = #cands
  if n == 0 or numbered_and_apart(cands) then return end
  local by_type, order = {}, {}
  for i = 1, n do
    local c = cands[i]
    local t = c.type
    local list = by_type[t]
    if not list then list = {}; by_type[t] = list; order[#order + 1] = t end
    list[#list + 1] = c
  end
  local policies = policies_of(set)
  local boilerplate = by_type.boilerplate and choose(by_type.boilerplate, text)
  local winners = {}
  table.sort(order)
  for _, t in ipairs(order) do
    if t ~= "boilerplate" then
      if not boilerplate and not policies.keep then
        -- nothing to sort out but overlaps within the type
        winners[t] = choose(by_type[t], text)
      else
        local open, kept = {}, {}
        for _, c in ipairs(by_type[t]) do
          local hidden = boilerplate and overlapping(boilerplate, c)
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
  end
  if not policies.inside then return end
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

local message_of = sandbox.message_of

local function traceback(e)
  if sandbox.is_exhausted(e) then return message_of(e) end -- (where it stopped says nothing)
  return debug.traceback(message_of(e), 2)
end

local encode = quarry.json.encode

-- Runs f(...), then checks that the values of the candidates it appended
-- to out (from index mark + 1) can be stored as JSON: a NaN, an infinity,
-- a cycle or a table nested too deep, a string that is not UTF-8 is the
-- rule's error, raised here, not the whole batch's when it is written.
local function run_and_check(rule, out, mark, f, ...)
  local result = f(...)
  if out then
    for k = mark + 1, #out do
      local value = out[k].value
      if value ~= nil then
        local ok, message = pcall(encode, value)
        if not ok then
          error(string.format("%s: rule %s: the value of its match at bytes %d-%d cannot be stored: %s",
            rule.file or "?", rule.name, out[k].start, out[k]["end"], message_of(message)), 0)
        end
      end
    end
  end
  return result
end

-- Calls f(...) for a rule, so that a failing rule leaves nothing behind:
-- on an error, what f appended to out (when given) is taken back. Returns
-- true and f's first result (no caller needs more, and packing all of
-- them costs a table per call), or false and the error with a traceback.
local function guarded(rule, out, f, ...)
  local mark = out and #out
  local ok, result = sandbox.run(traceback, run_and_check, rule, out, mark, f, ...)
  if not ok and out then
    for k = #out, mark + 1, -1 do out[k] = nil end
  end
  return ok, result
end

-- A document's errors ({rule =, message =}) and failed rules (name ->
-- true) start as NONE, one shared empty table that refuses writes: most
-- documents have no error, and two tables for each of them would be two
-- more to collect. Returns them with the failure of a rule added.
local NONE = setmetatable({}, { __newindex = function()
  error("the engine's empty errors and failed are shared: copy them to add to them", 2)
end })

local function note_failure(errors, failed, rule, message)
  if errors == NONE then errors, failed = {}, {} end
  errors[#errors + 1] = { rule = rule.name, file = rule.file, message = message_of(message) }
  failed[rule.name] = true
  return errors, failed
end

-- The document as rules see it (value functions and apply rules): its
-- fields, `regions` (the HTML structure the loader found: {kind, start,
-- end}) and `model` (its text model, quarry.textmodel), made on first use.
local view_meta = {
  __index = function(view, key)
    if key == "model" then
      local model = textmodel.of(rawget(view, "text"))
      rawset(view, "model", model)
      return model
    end
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

-- What stands among resolved candidates as the apply rule `rule` sees it:
-- {type = candidates in start order}, each with its text; candidates of
-- apply rules that run after it are not seen.
local function standing_of(set, cands, rule, text)
  local standing = {}
  for _, c in ipairs(cands) do
    local source = set.by_name[c.rule]
    local visible = not source or source.kind ~= "apply" or ruleset.runs_before(source, rule)
    if not c.beaten_by and visible then
      local list = standing[c.type]
      if not list then list = {}; standing[c.type] = list end
      list[#list + 1] = c
    end
  end
  for _, list in pairs(standing) do
    -- mostly in start order already (one rule's candidates, or a few in
    -- runs): then sorting changes nothing, since no two starts are equal
    local k = 2
    while k <= #list and list[k].start > list[k - 1].start do k = k + 1 end
    if k <= #list then table.sort(list, function(a, b) return a.start < b.start end) end
    for _, c in ipairs(list) do c.text = c.text or span_text(text, c) end
  end
  return standing
end

-- Runs the rules named in `rerun` on a document; `kept` are stored
-- candidates of rules not re-run. Returns all candidates resolved, a list
-- of errors {rule =, message =} (a failing rule contributes nothing) and
-- the rules that failed (name -> true); when none failed, both are one
-- shared empty table that must not be written to.
function engine.run_document(set, doc, rerun, kept)
  local text = doc.text
  local view -- made when a rule first needs it: most documents need none
  local cands, errors, failed = {}, NONE, NONE
  if kept and kept[1] ~= nil then table.move(kept, 1, #kept, 1, cands) end

  -- pattern rules: one scan for all of them
  local plan = plan_for(set, rerun)
  local patterns = plan.patterns
  local ok, scanned = true, NOTHING
  if #patterns > 0 then ok, scanned = sandbox.run(message_of, plan.scanner, text) end
  if not ok then
    -- a rule raised inside the scan: scan rule by rule to find which
    scanned = {}
    for i, rule in ipairs(patterns) do
      local alone = build_scanner({ rule })
      local good, found = guarded(rule, nil, alone, text)
      if not good then
        errors, failed = note_failure(errors, failed, rule, found)
      elseif found[1] then
        local n = #scanned
        scanned[n + 1], scanned[n + 2] = i, found[2]
      end
    end
  end
  for f = 1, #scanned, 2 do -- the rules that found something, in rule order
    local rule = patterns[scanned[f]]
    if not failed[rule.name] then
      if rule.value and not view then view = view_of(doc) end
      local good, message = guarded(rule, cands, pattern_candidates, rule, scanned[f + 1], text,
                                    view, cands)
      if not good then errors, failed = note_failure(errors, failed, rule, message) end
    end
  end
  local gazetteers = plan.gazetteers
  for g = 1, #gazetteers do
    local rule = gazetteers[g]
    if rule.value and not view then view = view_of(doc) end
    local good, message = guarded(rule, cands, gazetteer_candidates, rule, text, view, cands)
    if not good then errors, failed = note_failure(errors, failed, rule, message) end
  end

  -- apply rules, in order, each seeing what stands so far. What stands is
  -- worked out again only when a rule before added candidates (most add
  -- none), unless stored candidates of apply rules were kept: what those
  -- let a rule see depends on the rule.
  local applies = plan.applies
  local standing, standing_for = nil, -1 -- what stood when #cands was standing_for
  local kept_applies = false
  for k = 1, kept and #kept or 0 do
    local source = set.by_name[kept[k].rule]
    if source and source.kind == "apply" then kept_applies = true break end
  end
  for step = 1, #applies do
    local rule = applies[step]
    if kept_applies or #cands ~= standing_for then
      engine.resolve(cands, set, text)
      standing = standing_of(set, cands, rule, text)
      standing_for = #cands
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
    view = view or view_of(doc)
    local good, message = guarded(rule, cands, rule.apply, view, found, emit)
    if not good then errors, failed = note_failure(errors, failed, rule, message) end
  end
  if cands[1] ~= nil and (kept_applies or #cands ~= standing_for) then
    engine.resolve(cands, set, text)
  end
  return cands, errors, failed
end

-- Runs one rule alone on a text (for examples and explain): returns the
-- resolved candidates and the errors.
-- The set of one rule alone (and the run plan made for it: its scanner),
-- kept per set and rule, so that running a rule's examples one after the
-- other builds its scanner once.
local singles = setmetatable({}, { __mode = "k" })

local function single_set(set, rule)
  local per_set = singles[set]
  if not per_set then per_set = setmetatable({}, { __mode = "k" }); singles[set] = per_set end
  local single = per_set[rule]
  if not single then
    single = { rules = { rule }, by_name = { [rule.name] = rule }, only = { [rule.name] = true } }
    for _, r in ipairs(set.rules) do single.by_name[r.name] = single.by_name[r.name] or r end
    per_set[rule] = single
  end
  return single
end

function engine.run_text(set, rule, text, title)
  local single = single_set(set, rule)
  local doc = { id = 0, name = "example", text = text, title = title }
  local cands, errors = engine.run_document(single, doc, single.only, {})
  return cands, errors
end

return engine
