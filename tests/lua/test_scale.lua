-- test_scale.lua: the pieces the scale-out commands are built from:
-- quarry.json.member, quarry.jsonl_document, quarry.records, the
-- process helpers.
local quarry = require "quarry"
local check = require "check"
local records = require "quarry.records"

local tests = {}

function tests.member_keeps_null_members_and_sorts_keys()
  local line = '{"value":{"speaker":null,"b":[1,null],"a":2.5},"x":1}'
  check.equal(quarry.json.member(line, "value"), '{"a":2.5,"b":[1,null],"speaker":null}')
  check.equal(quarry.json.member(line, "x"), "1")
  check.equal(quarry.json.member(line, "missing"), nil)
  check.equal(quarry.json.member('[1,2]', "value"), nil)
  check.err("malformed JSON", quarry.json.member, '{"value":', "value")
end

function tests.decode_gives_a_member_raw_too()
  local value, raw = quarry.json.decode('{"value":{"speaker":null,"z":1},"doc":"d"}', "value")
  check.equal(value, { value = { z = 1 }, doc = "d" })
  check.equal(raw, '{"speaker":null,"z":1}')
  check.equal(select("#", quarry.json.decode('{"a":1}', "value")), 2)
  check.equal(select(2, quarry.json.decode('{"a":1}', "value")), nil)
  check.equal(select("#", quarry.json.decode('{"a":1}')), 1)
  check.err("malformed JSON", quarry.json.decode, '{"value":', "value")
end

function tests.member_gives_what_encode_gave()
  for _, v in ipairs({ { amount = 1.5e11, currency = "USD" }, { value = 2.43 }, { edtf = "2024" },
                       { n = 0.1 + 0.2 }, { list = { "a", "b" } } }) do
    local text = quarry.json.encode(v)
    check.equal(quarry.json.member('{"value":' .. text .. '}', "value"), text)
  end
end

function tests.jsonl_document_reads_as_ingest_does()
  local doc = quarry.jsonl_document('{"id":7,"url":"u","published":"2024-01-02",' ..
                                    '"text":"Line one of it\\nmore"}\n', 3)
  check.equal(doc.name, "7")
  check.equal(doc.source, "u")
  check.equal(doc.published, "2024-01-02")
  check.equal(doc.format, "jsonl")
  check.equal(doc.text, "Line one of it\nmore")
  check.equal(type(doc.title), "string") -- guessed from the text, as ingest guesses it
  check.equal(quarry.jsonl_document("  \n"), false)
  local none, message = quarry.jsonl_document('{"id":"x"}')
  check.equal(none, nil)
  check.equal(message, 'no "text" string in the object')
  check.equal(select(2, quarry.jsonl_document('{"text":"  "}')), 'empty "text"')
  check.equal(select(2, quarry.jsonl_document('[1]')), "a line must hold a JSON object")
  check.equal(quarry.jsonl_document('\xef\xbb\xbf{"text":"a b"}', 1).text, "a b")
  check.equal(quarry.jsonl_document('\xef\xbb\xbf{"text":"a b"}', 2), nil)
  check.equal(quarry.jsonl_document('{"text":"caf\xe9"}'), nil)
end

function tests.records_round_trip()
  local text = "Huawei paid $5 billion."
  local cands = {
    { type = "money", start = 12, ["end"] = 22, value = { amount = 5e9, currency = "USD" },
      rule = "money", rule_version = "v1" },
    { type = "org", start = 0, ["end"] = 6, value = { name = "Huawei" }, rule = "org", rule_version = "v2" },
    { type = "money", start = 13, ["end"] = 22, rule = "short", rule_version = "v3", beaten_by = 1,
      reason = "overlaps" },
  }
  local standing = records.annotation_lines({}, "d", string.rep("a", 64), text, cands, false)
  check.equal(#standing, 2)
  check.equal(standing[1]:match('"type":"(%a+)"'), "org") -- in text order
  local all = records.annotation_lines({}, "d", string.rep("a", 64), text, cands, true)
  check.equal(#all, 3)
  local kind, r = records.parse(all[3])
  check.equal(kind, "annotation")
  check.equal(r.beaten_by, 2) -- the money record's position among the document's records
  check.equal(r.value_json, nil) -- a null value
  kind, r = records.parse(all[2])
  check.equal(r.value_json, '{"amount":5000000000.0,"currency":"USD"}')
  local line = records.document_line("d", string.rep("a", 64), { money = "v1" }, {})
  kind, r = records.parse(line)
  check.equal(kind, "document")
  check.equal(r.runs, { money = "v1" })
  check.equal(select(2, records.parse('{"doc":"d","sha256":"x"}')), 'no "sha256" of 64 hex digits')
  check.equal(select(2, records.parse('{"doc":"d","sha256":"' .. string.rep("a", 64) ..
    '","type":"t","start":5,"end":2,"text":"","rule":"r","version":"v","value":null}')),
    '"start" and "end" must be integers with 0 <= start < end')
end

function tests.process_helpers()
  check.equal(quarry.cpu_count() >= 1, true)
  local path = quarry.executable()
  check.equal(type(path) == "string" and path:sub(1, 1) == "/", true)
end

return tests
