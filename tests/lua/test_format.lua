-- test_format.lua: quarry.format_table, the Lua side's way to the one
-- table writer (core/format.c) that list, search and query print through.
local quarry = require "quarry"
local check = require "check"

local tests = {}

local format = quarry.format_table

function tests.csv_quotes_what_needs_it_with_crlf()
  check.equal(format({ "a", "b,c" }, { { "x", 'say "hi"' }, { "1\n2", nil } }, "csv"),
              'a,"b,c"\r\nx,"say ""hi"""\r\n"1\n2",\r\n')
end

function tests.tsv_escapes_so_a_row_is_one_line()
  check.equal(format({ "a", "b" }, { { "t\tab", "back\\slash\r\n" } }, "tsv"),
              "a\tb\nt\\tab\tback\\\\slash\\r\\n\n")
end

function tests.listing_look_as_the_lua_commands_print()
  -- at least three dashes; the last column's dashes under its heading
  -- only; cells but the last cut at 60 with an ellipsis; no blanks at a
  -- line end (an empty last cell)
  local long = string.rep("x", 70)
  check.equal(format({ "id", "name" }, { { "1", "a" }, { "22", long } }, "table", "listing"),
              "id  name\n---  ----\n1   a\n22  " .. long .. "\n")
  check.equal(format({ "first", "last" }, { { long, "" } }, "table", "listing"),
              "first" .. string.rep(" ", 57) .. "last\n" .. string.rep("-", 60) .. "  ----\n"
              .. string.rep("x", 59) .. "…\n")
end

function tests.records_look_as_list_and_query_print()
  -- dashes as wide as the column, cells cut at 72, trailing blanks kept
  check.equal(format({ "id", "name" }, { { "1", "" } }, "table"), "id  name\n--  ----\n1   \n")
end

function tests.json_is_an_array_of_objects_in_column_order()
  check.equal(format({ "b", "a" }, { { "1", nil } }, "json"), '[\n  {\n    "b": "1",\n    "a": null\n  }\n]\n')
  check.equal(format({ "a" }, {}, "json"), "[]\n")
end

function tests.a_mistake_raises()
  check.err("not a string", format, { "a" }, { { 1 } }, "csv")
  check.err("row 1 is not a table", format, { "a" }, { "x" }, "csv")
  check.err("table, csv, tsv or json", format, { "a" }, {}, "xml")
end

return tests
