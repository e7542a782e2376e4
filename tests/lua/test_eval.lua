-- test_eval.lua: the scorer (scripts/quarry/eval.lua) on hand-made found and
-- gold sets whose scores are worked out in the comments.
local check = require "check"
local eval = require "quarry.eval"
local json = require("quarry").json

local tests = {}

local function ann(doc, type, start, stop, value, text)
  return { doc = doc, type = type, start = start, ["end"] = stop, value = value, text = text }
end

local function usd(amount) return { amount = amount, currency = "USD" } end

local function row(report, type)
  for _, r in ipairs(report.types) do
    if r.type == type then return r end
  end
  error("no row for " .. type, 2)
end

-- Writes text to a fresh temporary file and returns its path.
local function temp_file(text)
  local path = os.tmpname()
  local file = assert(io.open(path, "wb"))
  file:write(text)
  file:close()
  return path
end

-- Three gold money and three found in a.txt:
--   gold [10,20) 1000 USD  <- found [12,22) 1003 USD: partial overlap; 3/1003 = 0.3% -> equal
--   gold [30,40) 2000 USD  <- found [30,40) 2020 USD: 20/2020 = 0.99% > 0.5% -> value error
--   gold [50,60) 3000 EUR     missed
--                             found [70,75) 10 USD: false hit
-- tp = 2, fp = 1, fn = 1; P = 2/3, R = 2/3, F1 = 2*(4/9)/(4/3) = 2/3;
-- value accuracy = 1/2.
local function money_case()
  local gold = {
    ann("a.txt", "money", 10, 20, usd(1000)),
    ann("a.txt", "money", 30, 40, usd(2000)),
    ann("a.txt", "money", 50, 60, { amount = 3000, currency = "EUR" }),
  }
  local found = {
    ann("a.txt", "money", 70, 75, usd(10)),
    ann("a.txt", "money", 12, 22, usd(1003)),
    ann("a.txt", "money", 30, 40, usd(2020)),
  }
  return found, gold
end

function tests.money_counts_and_value_accuracy()
  local found, gold = money_case()
  local report = eval.score(found, gold)
  check.equal(report.types, { {
    type = "money", gold = 3, found = 3, tp = 2, fp = 1, fn = 1,
    precision = 2 / 3, recall = 2 / 3, f1 = 2 / 3,
    value_matched = 1, value_total = 2, value_accuracy = 0.5,
  } }, "money row")
  check.equal(report.boilerplate, nil, "no boilerplate section")
  check.equal(#report.pairs, 2, "pairs")
  check.equal(report.pairs[1].gold.start, 10, "first pair by gold order")
  check.equal(report.pairs[1].found.start, 12, "first pair's found")
  check.equal(report.misses, { gold[3] }, "misses")
  check.equal(report.false_hits, { found[1] }, "false hits")
  check.equal(#report.value_errors, 1, "value errors")
  check.equal(report.value_errors[1].gold.value.amount, 2000, "value error gold")
  check.equal(report.value_errors[1].found.value.amount, 2020, "value error found")
end

function tests.value_equality_rules()
  -- 0.5% exactly is equal (|1000-1005| = 5 <= 0.005*1005); other keys must
  -- be equal; a null speaker (dropped key, or json.null) equals a missing one.
  local gold = {
    ann("d", "money", 0, 5, usd(1000)),
    ann("d", "money", 10, 15, usd(1000)),
    ann("d", "quote", 20, 30, {}),                    -- {"speaker":null}
    ann("d", "quote", 40, 50, { speaker = "Xi Jinping" }),
    ann("d", "percent", 60, 65, { value = 2.43 }),
  }
  local found = {
    ann("d", "money", 0, 5, usd(1005)),               -- equal
    ann("d", "money", 10, 15, { amount = 1000, currency = "EUR" }), -- currency differs
    ann("d", "quote", 20, 30, { speaker = json.null }), -- equal
    ann("d", "quote", 40, 50, {}),                    -- speaker missing: not equal
    ann("d", "percent", 60, 65, { value = 2.43 }),    -- equal
  }
  local report = eval.score(found, gold)
  check.equal(row(report, "money").value_matched, 1, "money values")
  check.equal(row(report, "quote").value_matched, 1, "quote values")
  check.equal(row(report, "quote").value_accuracy, 0.5, "quote accuracy")
  check.equal(row(report, "percent").value_accuracy, 1, "percent accuracy")
  check.equal(#report.value_errors, 2, "value errors")
end

-- One gold [10,20) overlapped by found [5,12) (overlap 2) and [15,30)
-- (overlap 5): the larger overlap matches, the other is a false hit.
-- tp = 1, fp = 1, fn = 0: P = 0.5, R = 1, F1 = 2*0.5/1.5 = 2/3.
function tests.one_gold_two_found()
  local gold = { ann("d", "org", 10, 20, { name = "X" }) }
  local small = ann("d", "org", 5, 12, { name = "X" })
  local large = ann("d", "org", 15, 30, { name = "X" })
  local report = eval.score({ small, large }, gold)
  local r = row(report, "org")
  check.equal({ r.tp, r.fp, r.fn }, { 1, 1, 0 }, "counts")
  check.equal({ r.precision, r.recall, r.f1 }, { 0.5, 1, 2 / 3 }, "scores")
  check.equal(report.pairs[1].found, large, "largest overlap wins")
  check.equal(report.false_hits, { small }, "other found is a false hit")
  -- Equal overlaps (2 each): the earliest start wins.
  local early = ann("d", "org", 5, 12)
  local late = ann("d", "org", 18, 25)
  report = eval.score({ late, early }, gold)
  check.equal(report.pairs[1].found, early, "tie goes to the earliest start")
end

-- Two gold [0,10) and [20,30) overlapped by one found [5,25): gold is taken
-- in order, so [0,10) matches and [20,30) is missed.
-- tp = 1, fp = 0, fn = 1: P = 1, R = 0.5, F1 = 2*0.5/1.5 = 2/3.
function tests.two_gold_one_found()
  local first, second = ann("d", "tech", 0, 10, { field = "ai" }), ann("d", "tech", 20, 30, { field = "ai" })
  local report = eval.score({ ann("d", "tech", 5, 25, { field = "ai" }) }, { second, first })
  local r = row(report, "tech")
  check.equal({ r.tp, r.fp, r.fn }, { 1, 0, 1 }, "counts")
  check.equal({ r.precision, r.recall, r.f1 }, { 1, 0.5, 2 / 3 }, "scores")
  check.equal(report.pairs[1].gold, first, "first gold matched")
  check.equal(report.misses, { second }, "second gold missed")
end

-- Spans that only touch ([0,5) and [5,9)) do not overlap.
function tests.touching_spans_do_not_match()
  local report = eval.score({ ann("d", "date", 5, 9) }, { ann("d", "date", 0, 5) })
  local r = row(report, "date")
  check.equal({ r.tp, r.fp, r.fn }, { 0, 1, 1 }, "counts")
end

-- gold org [0,5) and found person [0,5) do not match:
-- org: gold 1, found 0 -> P nil, R 0, F1 0; value accuracy nil (0 pairs);
-- person: gold 0, found 1 -> P 0, R nil, F1 0; no value accuracy (no gold values).
function tests.type_mismatch_does_not_match()
  local report = eval.score({ ann("d", "person", 0, 5, { name = "A" }) },
                            { ann("d", "org", 0, 5, { name = "A" }) })
  check.equal(report.types, {
    { type = "org", gold = 1, found = 0, tp = 0, fp = 0, fn = 1, recall = 0, f1 = 0,
      value_matched = 0, value_total = 0 },
    { type = "person", gold = 0, found = 1, tp = 0, fp = 1, fn = 0, precision = 0, f1 = 0 },
  }, "rows in the guidelines' order")
  check.equal(#report.pairs, 0, "no pairs")
end

-- Found annotations on a doc with no gold are ignored; opts.docs narrows
-- (or widens) the scope; opts.types picks and orders the rows.
function tests.scope_docs_and_types()
  local gold = { ann("a", "country", 0, 5, { iso = "CN" }), ann("b", "country", 0, 5, { iso = "RU" }) }
  local found = {
    ann("a", "country", 0, 5, { iso = "CN" }),
    ann("other", "country", 0, 5, { iso = "CN" }),   -- ignored: not in gold
    ann("other", "zeta", 0, 5),                       -- no row for it either
  }
  local report = eval.score(found, gold)
  check.equal(#report.types, 1, "only country")
  local r = row(report, "country")
  check.equal({ r.gold, r.found, r.tp, r.fp, r.fn }, { 2, 1, 1, 0, 1 }, "default scope")

  report = eval.score(found, gold, { docs = { a = true } })
  r = row(report, "country")
  check.equal({ r.gold, r.found, r.tp, r.fp, r.fn }, { 1, 1, 1, 0, 0 }, "docs = {a}")

  report = eval.score(found, gold, { docs = { "a", "other" } })
  check.equal({ report.types[1].type, report.types[2].type }, { "country", "zeta" }, "types")
  r = row(report, "country")
  check.equal({ r.gold, r.found, r.tp, r.fp, r.fn }, { 1, 2, 1, 1, 0 }, "docs = a, other")

  report = eval.score(found, gold, { types = { "money", "country" } })
  check.equal({ report.types[1].type, report.types[2].type }, { "money", "country" }, "asked order")
  check.equal(report.types[1].gold + report.types[1].found, 0, "empty money row")
  check.equal(report.types[1].f1, nil, "F1 nil with neither found nor gold")
end

-- Types other than the guidelines' come after them, alphabetically.
function tests.type_order()
  local gold = {
    ann("d", "zeta", 0, 1), ann("d", "boilerplate", 2, 3), ann("d", "alpha", 4, 5),
    ann("d", "money", 6, 7, usd(1)), ann("d", "date", 8, 9, { edtf = "2020" }),
  }
  local report = eval.score(gold, gold)
  local names = {}
  for i, r in ipairs(report.types) do names[i] = r.type end
  check.equal(names, { "money", "date", "boilerplate", "alpha", "zeta" }, "order")
end

-- A 100-byte text; gold boilerplate [0,10) and [50,60) (20 bytes), found
-- [0,12), [5,8) and [55,60) (union [0,12) + [55,60) = 17 bytes).
-- marked = |[0,10) + [55,60)| = 15 -> 15/20 = 75%;
-- wrongly marked = [10,12) = 2 of 100 - 20 = 80 article bytes -> 2.5%.
-- Rows: gold 2, found 3; gold [0,10) takes [0,12) (overlap 10 > 3), gold
-- [50,60) takes [55,60); [5,8) is a false hit: tp 2, fp 1, fn 0.
function tests.boilerplate_bytes()
  local text = string.rep("x", 100)
  local gold = { ann("d", "boilerplate", 0, 10), ann("d", "boilerplate", 50, 60) }
  local found = {
    ann("d", "boilerplate", 0, 12), ann("d", "boilerplate", 5, 8),
    ann("d", "boilerplate", 55, 60),
  }
  local report = eval.score(found, gold, { texts = { d = text } })
  check.equal(report.boilerplate, {
    gold_bytes = 20, found_bytes = 17, marked_bytes = 15, article_bytes = 80,
    wrongly_marked_bytes = 2, boilerplate_recall_bytes = 0.75, article_bytes_marked = 0.025,
  }, "byte shares")
  local r = row(report, "boilerplate")
  check.equal({ r.tp, r.fp, r.fn }, { 2, 1, 0 }, "span counts")
  check.equal(r.value_total, nil, "no value accuracy for boilerplate")
  check.equal(#report.value_errors, 0, "no value errors")

  -- Without texts the length is the largest end (60): 60 - 20 = 40 article
  -- bytes, 2/40 = 5%.
  report = eval.score(found, gold)
  check.equal(report.boilerplate.article_bytes, 40, "estimated article bytes")
  check.equal(report.boilerplate.article_bytes_marked, 0.05, "estimated share")
  check.equal(report.boilerplate.lengths_estimated, true, "says so")

  -- A second doc with gold boilerplate [0,30) of its 50 bytes and nothing
  -- found: gold 50 bytes, marked 15 -> 30%; article 80 + 20 = 100, 2 -> 2%.
  gold[#gold + 1] = ann("e", "boilerplate", 0, 30)
  report = eval.score(found, gold, { texts = { d = text, e = string.rep("y", 50) } })
  check.equal(report.boilerplate.boilerplate_recall_bytes, 0.3, "two docs: recall")
  check.equal(report.boilerplate.article_bytes_marked, 0.02, "two docs: article share")
  check.equal(report.boilerplate.lengths_estimated, nil, "lengths known")
end

function tests.read_jsonl()
  local good = '{"doc":"a.txt","type":"money","start":3,"end":9,"text":"$150bn",'
    .. '"value":{"amount":150000000000,"currency":"USD"}}\r\n'
    .. '\n'
    .. '{"doc":"a.txt","type":"boilerplate","start":10,"end":20,"text":"Must read","value":null}\n'
  local path = temp_file(good)
  local records, message = eval.read_jsonl(path)
  check.equal(message, nil, "no error")
  check.equal(records, {
    { doc = "a.txt", type = "money", start = 3, ["end"] = 9, text = "$150bn",
      value = { amount = 150000000000, currency = "USD" } },
    { doc = "a.txt", type = "boilerplate", start = 10, ["end"] = 20, text = "Must read" },
  }, "records")
  os.remove(path)

  local function fails(text, pattern)
    local bad = temp_file(text)
    local got, err = eval.read_jsonl(bad)
    os.remove(bad)
    check.equal(got, nil, "no records for " .. pattern)
    if not tostring(err):find(bad .. pattern, 1, true) then
      error(string.format("error %q does not contain %q", tostring(err), bad .. pattern))
    end
  end
  local line = '{"doc":"a","type":"tech","start":1,"end":2}\n'
  fails(line .. line .. "{not json\n", ":3: not valid JSON")
  fails(line .. '{"doc":"a","type":"tech","end":2}\n', ':2: missing "start"')
  fails('{"type":"tech","start":1,"end":2}\n', ':1: missing or empty "doc"')
  fails(line .. '\n{"doc":"a","type":"tech","start":5,"end":2}\n', ":3: start 5 is after end 2")
  fails('[1,2]\n', ":1: not a JSON object")

  local missing = os.tmpname()
  os.remove(missing)
  local got, err = eval.read_jsonl(missing)
  check.equal(got, nil, "missing file")
  check.equal(err:find(missing, 1, true), 1, "message names the file")
end

function tests.format_md()
  local found, gold = money_case()
  local text = eval.format(eval.score(found, gold))
  check.equal(text, eval.format(eval.score(found, gold), "md"), "md is the default")
  check.equal(text, table.concat({
    "| type  | gold | found |  tp |  fp |  fn | precision | recall |    F1 | value accuracy |",
    "|-------|-----:|------:|----:|----:|----:|----------:|-------:|------:|---------------:|",
    "| money |    3 |     3 |   2 |   1 |   1 |     0.667 |  0.667 | 0.667 |    0.500 (1/2) |",
    "",
  }, "\n"), "table")

  -- Boilerplate line: the 75% / 2.5% case; nil scores print "-".
  local bp = eval.score(
    { ann("d", "boilerplate", 0, 12), ann("d", "boilerplate", 55, 60), ann("d", "person", 0, 1) },
    { ann("d", "boilerplate", 0, 10), ann("d", "boilerplate", 50, 60) },
    { texts = { d = string.rep("x", 100) } })
  text = eval.format(bp)
  check.equal(text:find("| person      |    0 |     1 |   0 |   1 |   0 |     0.000 |      - |", 1, true) ~= nil,
              true, "person row with nil recall: " .. text)
  check.equal(text:find("boilerplate: 75.00% of boilerplate bytes marked (15/20); "
                        .. "2.50% of article bytes marked (2/80)\n", 1, true) ~= nil,
              true, "boilerplate line: " .. text)
  check.err("unknown format", eval.format, bp, "csv")
end

function tests.format_json()
  local found, gold = money_case()
  local report = eval.score(found, gold)
  local decoded = json.decode(eval.format(report, "json"))
  check.equal(decoded, { types = report.types }, "json round trip")
  check.equal(decoded.pairs, nil, "no pairs in json")

  report = eval.score({ ann("d", "boilerplate", 0, 12) }, { ann("d", "boilerplate", 0, 10) })
  decoded = json.decode(eval.format(report, "json"))
  check.equal(decoded.boilerplate, {
    gold_bytes = 10, found_bytes = 12, marked_bytes = 10, article_bytes = 2,
    wrongly_marked_bytes = 2, boilerplate_recall_bytes = 1, article_bytes_marked = 1,
    lengths_estimated = true,
  }, "boilerplate in json (length estimated as 12)")
  check.equal(decoded.types[1].value_accuracy, nil, "nil numbers omitted")
end

function tests.errors_listing()
  -- "Café" is 5 bytes ("é" is 2). The money sits after a newline, and the
  -- byte 40 before it is the second byte of "é", so its left context must
  -- begin after that character.
  local text = "Café owners and more words.\nThe fund holds $150bn in assets, says a report "
    .. "from a desk in Beijing, with more words after it to fill."
  local s = text:find("$150bn", 1, true) - 1          -- 5 + 24 + 15 = 44
  local o = text:find("owners", 1, true) - 1          -- 6
  local c = text:find("Beijing", 1, true) - 1
  check.equal({ s, o }, { 44, 6 }, "offsets")
  local gold = {
    ann("doc.txt", "money", s, s + 6, usd(150000000000), "$150bn"),
    ann("doc.txt", "country", c, c + 7, { iso = "CN" }, "Beijing"),
    ann("doc.txt", "org", 0, 5, { name = "Café" }, "Café"),
  }
  local found = {
    ann("doc.txt", "money", s + 1, s + 6, usd(150000000), "150bn"),
    ann("doc.txt", "person", o, o + 6, { name = "owners" }, "owners"),
  }
  local report = eval.score(found, gold)
  local listing = eval.errors(report, { ["doc.txt"] = text })
  local lines = {}
  for line in listing:gmatch("[^\n]+") do lines[#lines + 1] = line end
  check.equal(lines[1], "== doc.txt", "doc header")
  check.equal(lines[2], 'MISS org [0,5) “Café” {"name":"Café"}', "miss")
  -- Right context: bytes [5,45) = " owners and more words." (23) + newline
  -- (1) + "The fund holds " (15) + "$" (1).
  check.equal(lines[3], "    ⟦Café⟧ owners and more words.⏎The fund holds $…", "miss context")
  check.equal(lines[4], 'FALSE person [6,12) “owners” {"name":"owners"}', "false hit")
  check.equal(lines[6], 'VALUE money [44,50) “$150bn” (found [45,50)) '
    .. 'got {"amount":150000000,"currency":"USD"} '
    .. 'want {"amount":150000000000,"currency":"USD"}', "value error")
  -- Left: bytes [4,44) start inside "é", so [5,44); right: bytes [50,90) =
  -- " in assets, says a report from a desk in".
  check.equal(lines[7], "    … owners and more words.⏎The fund holds ⟦$150bn⟧ in assets, "
    .. "says a report from a desk in…", "value context")
  check.equal(utf8.len(lines[7]) ~= nil, true, "context is valid UTF-8")
  check.equal(lines[8], "MISS country [" .. c .. "," .. (c + 7) .. ') “Beijing” {"iso":"CN"}',
              "country miss")
  check.equal(#lines, 9, "line count")

  -- opts.types restricts; without texts there is no context line.
  listing = eval.errors(report, nil, { types = { "person" } })
  check.equal(listing, '== doc.txt\nFALSE person [6,12) “owners” {"name":"owners"}\n', "types")
  check.equal(eval.errors(eval.score(gold, gold), { ["doc.txt"] = text }), "", "no errors")
end

-- The shared seeds scored against themselves: every F1 and value accuracy
-- is 1, and all boilerplate bytes are marked with no article bytes.
function tests.seeds_against_themselves()
  local source = debug.getinfo(1, "S").source:sub(2)
  local folder = source:match("^(.*)/[^/]*$") or "."
  local path = folder .. "/../../../shared/gold/seeds.jsonl"
  local file = io.open(path, "rb")
  if file == nil then
    print("note: " .. path .. " is absent; seeds test skipped")
    return
  end
  file:close()
  local gold = assert(eval.read_jsonl(path))
  -- Copies, so found and gold are distinct records.
  local found = {}
  for i, r in ipairs(gold) do
    found[i] = { doc = r.doc, type = r.type, start = r.start, ["end"] = r["end"],
                 text = r.text, value = r.value }
  end
  local report = eval.score(found, gold)
  check.equal(#report.types, 9, "all nine types present")
  for _, r in ipairs(report.types) do
    check.equal({ r.f1, r.fp, r.fn }, { 1, 0, 0 }, r.type .. " F1")
    if r.type ~= "boilerplate" then
      check.equal(r.value_accuracy, 1, r.type .. " value accuracy")
    end
  end
  check.equal(report.boilerplate.boilerplate_recall_bytes, 1, "boilerplate bytes marked")
  check.equal(report.boilerplate.article_bytes_marked, 0, "article bytes marked")
  check.equal(#report.misses + #report.false_hits + #report.value_errors, 0, "no errors")
end

return tests
