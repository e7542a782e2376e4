/* fuzz_gazetteer.c: the gazetteer loader (quarry.gazetteer.load, the
   tab-separated files rules read) over any bytes, and the matcher it
   builds run over the same bytes and over a sample sentence: a file is
   loaded or refused with "path:line: message"; every match is a span
   inside the text whose ids name loaded entries. */
#include "fuzz_lua.h"

static const char fuzz_gazetteer_chunk[] =
    "local quarry = require 'quarry'\n"
    "local SAMPLE = 'China and the U.S. met in Saint Petersburg; IndoChina, U.K.\\n'\n"
    "local function check(m, entries, text)\n"
    "  for _, hit in ipairs(m:find(text)) do\n"
    "    assert(hit.start >= 0 and hit.start <= hit['end'] and hit['end'] <= #text,\n"
    "           'a match outside the text')\n"
    "    for _, id in ipairs(hit.ids) do assert(entries[id], 'an id with no entry') end\n"
    "  end\n"
    "  local flat = m:find_flat(text)\n"
    "  for i = 1, #flat, 3 do\n"
    "    assert(flat[i] >= 0 and flat[i + 1] <= #text and entries[flat[i + 2]], 'find_flat')\n"
    "  end\n"
    "end\n"
    "return function(data, path)\n"
    "  local m, entries = quarry.gazetteer.load(path)\n"
    "  if not m then\n"
    "    assert(type(entries) == 'string' and entries:find(path, 1, true) == 1,\n"
    "           'a refusal that does not name the file: ' .. tostring(entries))\n"
    "    return\n"
    "  end\n"
    "  assert(#m == #entries, 'the matcher and the entries disagree')\n"
    "  check(m, entries, SAMPLE)\n"
    "  check(m, entries, data)\n"
    "  m:close()\n"
    "end\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_make_scratch();
    atexit(fuzz_remove_scratch);
    fuzz_lua_start(fuzz_gazetteer_chunk);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_write_scratch(data, size);
    fuzz_lua_run(data, size);
    return 0;
}
