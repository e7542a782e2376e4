/* test_lua_api.c: the quarry Lua module as scripts see it. Each test runs
   a Lua chunk against a small database; the chunk asserts, and a failing
   assertion fails the test with Lua's message and traceback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "hash.h"
#include "host.h"
#include "store.h"

struct fixture {
    char dir[512];
    char path[600];
    lua_State *L;
};

static void put(struct store *store, const char *name, const char *title,
                const char *published, const char *text)
{
    struct doc_record doc = {0};
    char sha[HASH_HEX_SIZE];
    int64_t id;
    doc.name = (char *)name;
    doc.source = (char *)"/corpus/x";
    doc.title = (char *)title;
    doc.published = (char *)published;
    doc.format = "text";
    doc.text = (char *)text;
    doc.text_len = strlen(text);
    hash_sha256_hex(text, doc.text_len, sha);
    assert_int_equal(store_put_document(store, &doc, sha, &id), STORE_STORED);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    char err[600];
    snprintf(f->dir, sizeof f->dir, "%s/luaXXXXXX", QUARRY_TEST_TMP);
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/test.db", f->dir);
    struct store *store = store_open(f->path, err, sizeof err);
    assert_non_null(store);
    put(store, "a.txt", "China and Russia on 5G", "2024-03-01",
        "China and Russia agreed to work on 5G and AI.\nIt cost \xe2\x82\xac" "26 million.\n");
    put(store, "b.txt", "Chips", NULL, "Semiconductor self-sufficiency in China.\n");
    put(store, "twin.txt", "Twin one", NULL, "First twin.\n");
    put(store, "twin.txt", "Twin two", NULL, "Second twin.\n");
    assert_int_equal(sqlite3_exec(store_handle(store),
        "INSERT INTO annotations(document, type, start, end, text, value, rule, rule_version)"
        " VALUES (1, 'money', 54, 67, '€26 million', '{\"amount\":26000000,\"currency\":\"EUR\"}', 'money', 'v1'),"
        "        (1, 'country', 0, 5, 'China', '{\"code\":\"CN\"}', 'country', 'v1')",
        NULL, NULL, NULL), SQLITE_OK);
    store_close(store);
    f->L = host_new(QUARRY_SOURCE_DIR);
    assert_non_null(f->L);
    lua_pushstring(f->L, f->path);
    lua_setglobal(f->L, "DB_PATH");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char command[700];
    lua_close(f->L);
    snprintf(command, sizeof command, "rm -rf '%s'", f->dir);
    assert_int_equal(system(command), 0);
    free(f);
    return 0;
}

/* Runs a chunk; fails the test with the Lua error when it raises. */
static void run(struct fixture *f, const char *chunk)
{
    int status = luaL_loadbuffer(f->L, chunk, strlen(chunk), "=test");
    if (status == LUA_OK)
        status = host_docall(f->L, 0, 0);
    if (status != LUA_OK)
        fail_msg("%s", lua_tostring(f->L, -1));
}

static void test_modules_and_paths(void **state)
{
    run(*state,
        "local quarry = require 'quarry'\n"
        "assert(type(quarry.version) == 'string' and quarry.home)\n"
        "local lpeg, re = require 'lpeg', require 're'\n"
        "assert(lpeg.match(lpeg.P'ab' * lpeg.C(lpeg.R'09'^1), 'ab42') == '42')\n"
        "assert(re.find('the 5G rollout', '[0-9]+ [A-Z]') == 5)\n"
        "assert(not package.path:find('%./%?'), package.path)\n"
        "assert(package.path:find(quarry.home .. '/rules/?.lua', 1, true))\n"
        "assert(package.cpath == '')\n");
}

static void test_open_and_documents(void **state)
{
    run(*state,
        "local quarry = require 'quarry'\n"
        "local db = assert(quarry.open(DB_PATH))\n"
        "assert(tostring(db):find('quarry.db'))\n"
        "assert(db:count() == 4)\n"
        "local names = {}\n"
        "for doc in db:documents() do names[#names + 1] = doc.name end\n"
        "assert(table.concat(names, ',') == 'a.txt,b.txt,twin.txt,twin.txt')\n"
        "for doc in db:documents() do break end -- break closes the statement\n"
        "local missing, message = quarry.open('/nonexistent/folder/x.db')\n"
        "assert(missing == nil and message:find('cannot open'), message)\n");
}

static void test_document_fields(void **state)
{
    run(*state,
        "local db = require'quarry'.open(DB_PATH)\n"
        "local doc = assert(db:document('a.txt'))\n"
        "assert(doc.id == 1 and doc.name == 'a.txt' and doc.title == 'China and Russia on 5G')\n"
        "assert(doc.published == '2024-03-01' and doc.source == '/corpus/x' and doc.format == 'text')\n"
        "assert(#doc.sha256 == 64 and doc.sha256:match('^%x+$'))\n"
        "assert(doc.text:sub(1, 5) == 'China' and doc.bytes == #doc.text)\n"
        "assert(doc.text:find('€26 million', 1, true) == 55)\n"
        "assert(db:document(2).name == 'b.txt')\n"
        "assert(db:document('2').name == 'b.txt')\n"
        "assert(db:document(2) == db:document('b.txt'))\n"
        "assert(tostring(doc) == 'quarry.doc 1 (a.txt)')\n"
        "local none, message = db:document('nope.txt')\n"
        "assert(none == nil and message == 'no document named nope.txt', message)\n"
        "none, message = db:document(99)\n"
        "assert(none == nil and message:find('no document with id 99'))\n"
        "none, message = db:document('twin.txt')\n"
        "assert(none == nil and message:find('several documents'), message)\n"
        "local ok, err = pcall(function() doc.title = 'x' end)\n"
        "assert(not ok and err:find('read%-only'), err)\n"
        "assert(doc.nonexistent == nil)\n");
}

static void test_annotations_and_regions(void **state)
{
    run(*state,
        "local db = require'quarry'.open(DB_PATH)\n"
        "local doc = db:document('a.txt')\n"
        "local all = doc:annotations()\n"
        "assert(#all == 2 and all[1].type == 'country' and all[2].type == 'money')\n"
        "local money = doc:annotations('money')\n"
        "assert(#money == 1)\n"
        "local m = money[1]\n"
        "assert(m.value.amount == 26000000 and m.value.currency == 'EUR')\n"
        "assert(m.rule == 'money' and m.rule_version == 'v1')\n"
        "assert(doc.text:sub(m.start + 1, m['end']) == m.text, doc.text:sub(m.start + 1, m['end']))\n"
        "assert(#doc:annotations('person') == 0)\n"
        "assert(#doc:regions() == 0)\n");
}

static void test_search(void **state)
{
    run(*state,
        "local db = require'quarry'.open(DB_PATH)\n"
        "local hits = assert(db:search('5G'))\n"
        "assert(#hits == 1 and hits[1].rank == 1 and hits[1].document.name == 'a.txt')\n"
        "assert(hits[1].snippet:find('[5G]', 1, true), hits[1].snippet)\n"
        "assert(hits[1].score > 0 and hits[1].title == 'China and Russia on 5G')\n"
        "hits = db:search('china', {limit = 1, open = '<b>', close = '</b>'})\n"
        "assert(#hits == 1 and hits[1].snippet:find('<b>China</b>'), hits[1].snippet)\n"
        "assert(#db:search('china') == 2)\n"
        "assert(#db:search('zanzibar') == 0)\n"
        "local ok, err = pcall(db.search, db, 'china', 0)\n"
        "assert(not ok and err:find('limit'))\n");
}

static void test_query(void **state)
{
    run(*state,
        "local db = require'quarry'.open(DB_PATH)\n"
        "local rows, columns = db:query('SELECT id, name, published FROM documents WHERE name = ? ORDER BY id', 'twin.txt')\n"
        "assert(#rows == 2 and rows[1].name == 'twin.txt' and rows[1].published == nil)\n"
        "assert(math.type(rows[2].id) == 'integer')\n"
        "assert(table.concat(columns, ',') == 'id,name,published')\n"
        "rows = db:query('SELECT ? AS a, ? AS b, ? AS c, ? AS d', 1, 2.5, 'x', true)\n"
        "assert(rows[1].a == 1 and rows[1].b == 2.5 and rows[1].c == 'x' and rows[1].d == 1)\n"
        "local ok, err = pcall(db.query, db, 'DELETE FROM documents')\n"
        "assert(not ok and err:find('read%-only'), err)\n"
        "ok, err = pcall(db.query, db, 'SELECT ?')\n"
        "assert(not ok and err:find('1 parameter'), err)\n"
        "ok, err = pcall(db.query, db, 'SELECT ?', {})\n"
        "assert(not ok and err:find('cannot bind a table'), err)\n"
        "ok, err = pcall(db.query, db, 'SELEC 1')\n"
        "assert(not ok and err:find('syntax error'), err)\n"
        "assert(db:count() == 4)\n");
}

static void test_close_is_safe(void **state)
{
    run(*state,
        "local quarry = require 'quarry'\n"
        "local db = quarry.open(DB_PATH)\n"
        "local doc = db:document('b.txt')\n"
        "local iterator = db:documents()\n"
        "db:close(); db:close()\n"
        "assert(tostring(db) == 'quarry.db (closed)')\n"
        "local ok, err = pcall(db.count, db)\n"
        "assert(not ok and err:find('attempt to use a closed database'), err)\n"
        "ok, err = pcall(function() return doc.text end)\n"
        "assert(not ok and err:find('closed database'), err)\n"
        "assert(doc.name == 'b.txt') -- fields read before closing stay\n"
        "ok, err = pcall(iterator)\n"
        "assert(not ok and err:find('closed database'), err)\n"
        "do local scoped <close> = quarry.open(DB_PATH); assert(scoped:count() == 4) end\n"
        "ok, err = pcall(db.count, 42)\n"
        "assert(not ok and err:find('quarry.db expected'), err)\n"
        "collectgarbage(); collectgarbage()\n");
}

static void test_json(void **state)
{
    run(*state,
        "local json = require'quarry'.json\n"
        "assert(json.encode({b = 1, a = {1, 2, 'x'}, c = true}) == '{\"a\":[1,2,\"x\"],\"b\":1,\"c\":true}')\n"
        "assert(json.encode({}) == '{}' and json.encode('é') == '\"é\"')\n"
        "assert(json.encode(1.5) == '1.5' and json.encode(json.null) == 'null')\n"
        "local v = json.decode('{\"amount\": 5e9, \"list\": [1, null, 3], \"gone\": null}')\n"
        "assert(v.amount == 5e9 and v.list[2] == json.null and v.gone == nil)\n"
        "local ok, err = pcall(json.decode, '{oops')\n"
        "assert(not ok and err:find('malformed JSON'), err)\n"
        "ok, err = pcall(json.encode, {f = print})\n"
        "assert(not ok and err:find('cannot encode a function'), err)\n"
        "ok, err = pcall(json.encode, 0/0)\n"
        "assert(not ok and err:find('NaN'), err)\n"
        "local t = {}; t.self = t\n"
        "ok, err = pcall(json.encode, t)\n"
        "assert(not ok and err:find('nested'), err)\n");
}

/* Issue 12: one JSON writer; lists stay lists, numbers are short. */
static void test_json_shapes(void **state)
{
    run(*state,
        "local json = require'quarry'.json\n"
        "assert(json.encode({0.6, 2.43, 2e9, 7}) == '[0.6,2.43,2000000000.0,7]', json.encode({0.6, 2.43, 2e9, 7}))\n"
        "assert(json.encode(json.array()) == '[]' and json.encode({}) == '{}')\n"
        "assert(json.encode({parties = json.array({})}) == '{\"parties\":[]}')\n"
        "local v = json.decode('{\"parties\":[],\"o\":{},\"n\":[1,[]]}')\n"
        "assert(json.is_array(v.parties) and not json.is_array(v.o) and json.is_array(v.n[2]))\n"
        "assert(json.encode(v) == '{\"n\":[1,[]],\"o\":{},\"parties\":[]}', json.encode(v))\n"
        "local ok, err = pcall(json.array, setmetatable({}, {}))\n"
        "assert(not ok and err:find('metatable'), err)\n"
        "ok, err = pcall(json.encode, '\\255')\n"
        "assert(not ok and err:find('not UTF%-8'), err)\n"
        "local db = assert(require'quarry'.open(DB_PATH))\n"
        "local rows = db:query('SELECT 1 WHERE 0')\n"
        "assert(json.encode(rows) == '[]', json.encode(rows))\n"
        "assert(json.encode(db:search('nosuchwordatall')) == '[]')\n"
        "db:close()\n");
}

static void test_make_dir(void **state)
{
    run(*state,
        "local quarry = require 'quarry'\n"
        "local base = DB_PATH:match('^(.*)/')\n"
        "assert(quarry.make_dir(base .. '/a/b/c') == true)\n"
        "assert(#quarry.list_dir(base .. '/a/b/c') == 0)\n"
        "assert(quarry.make_dir(base .. '/a/b/c/') == true, 'there already')\n"
        "local ok, err = quarry.make_dir(DB_PATH .. '/d')\n"
        "assert(ok == nil and err:find('test.db: Not a directory', 1, true), err)\n"
        "ok, err = quarry.make_dir(DB_PATH)\n"
        "assert(ok == nil and err:find('Not a directory', 1, true), err)\n"
        "ok, err = quarry.make_dir('')\n"
        "assert(ok == nil and err:find('empty path'), err)\n"
        "ok, err = pcall(quarry.make_dir, {})\n"
        "assert(not ok and err:find('string expected'), err)\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_modules_and_paths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_and_documents, setup, teardown),
        cmocka_unit_test_setup_teardown(test_document_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_annotations_and_regions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_is_safe, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json_shapes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_make_dir, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
