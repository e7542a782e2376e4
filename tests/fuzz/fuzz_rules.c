/* fuzz_rules.c: the rule engine with the shipped rule pack (rules/), run
   over the input as a document, as extract runs it: the input is loaded as
   a text file is (load_text: documents are UTF-8, not blank), then every
   rule runs on it. A rule that raises, or a candidate outside the text, is
   a finding. */
#include "fuzz_lua.h"

static const char fuzz_rules_chunk[] =
    "local engine = require 'quarry.engine'\n"
    "local ruleset = require 'quarry.ruleset'\n"
    "local cli = require 'quarry.cli'\n"
    "local set = ruleset.load(cli.rule_folders({}))\n"
    "assert(#set.errors == 0, set.errors[1])\n"
    "assert(#set.rules > 0, 'no rules loaded')\n"
    "local all = {}\n"
    "for _, rule in ipairs(set.rules) do all[rule.name] = true end\n"
    "return function(text)\n"
    "  local doc = { id = 1, name = 'fuzz.txt', text = text, format = 'text' }\n"
    "  local cands, errors = engine.run_document(set, doc, all, nil)\n"
    "  if errors[1] then\n"
    "    error(string.format('rule %s raised: %s', errors[1].rule, errors[1].message), 0)\n"
    "  end\n"
    "  for _, c in ipairs(cands) do\n"
    "    assert(c.start >= 0 and c.start <= c['end'] and c['end'] <= #text,\n"
    "           string.format('%s: a candidate [%d, %d) outside the text of %d bytes',\n"
    "                         c.rule, c.start, c['end'], #text))\n"
    "    assert(type(c.type) == 'string', 'a candidate without a type')\n"
    "  end\n"
    "end\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_lua_start(fuzz_rules_chunk);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct doc_record doc = {0};
    char err[256];
    /* what ingest would refuse never reaches the rules */
    if (load_text((const char *)data, size, &doc, err, sizeof err) == 0)
        fuzz_lua_run((const uint8_t *)doc.text, doc.text_len);
    doc_record_clear(&doc);
    return 0;
}
