/* lua_scale.c: what the scale-out commands (annotate, import, extract
   --jobs) need from C: a JSON Lines document read exactly as ingest reads
   it, the path of the running program (to start workers of the same
   build) and the number of cores. */
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "load.h"
#include "lua_scale.h"
#include "text.h"

/* A doc_record in a to-be-closed box, so that a Lua error while its
   fields are pushed frees it. */
static int qscale_record_close(lua_State *L)
{
    doc_record_clear(lua_touserdata(L, 1));
    return 0;
}

static void qscale_set_string(lua_State *L, const char *key, const char *value)
{
    if (value == NULL)
        return;
    lua_pushstring(L, value);
    lua_setfield(L, -2, key);
}

/* quarry.jsonl_document(line [, number]): one line of a JSONL file as
   ingest reads it (core/load.c): a table {text, name (the id), source (the
   url), title (guessed from the text by rules/lib/titles.lua when the
   line has none), published,
   format = "jsonl"}; false for a blank line (ingest skips those); nil and
   the reason for a line ingest rejects. number 1 means the first line of
   its file, where a byte order mark is skipped. */
static int qscale_jsonl_document(lua_State *L)
{
    size_t len;
    const char *line = luaL_checklstring(L, 1, &len);
    lua_Integer number = luaL_optinteger(L, 2, 0);
    char err[256];
    if (number == 1 && len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) {
        line += 3;
        len -= 3;
    }
    if (text_is_blank(line, len)) {
        lua_pushboolean(L, 0);
        return 1;
    }
    struct doc_record *doc = lua_newuserdatauv(L, sizeof *doc, 0);
    memset(doc, 0, sizeof *doc);
    lua_createtable(L, 0, 2);
    lua_pushcfunction(L, qscale_record_close);
    lua_setfield(L, -2, "__close");
    lua_pushcfunction(L, qscale_record_close);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    lua_toclose(L, -1);
    if (load_json_line(line, len, doc, err, sizeof err) != 0) {
        luaL_pushfail(L);
        lua_pushstring(L, err);
        return 2;
    }
    lua_createtable(L, 0, 6);
    lua_pushlstring(L, doc->text, doc->text_len);
    lua_setfield(L, -2, "text");
    qscale_set_string(L, "name", doc->name);
    qscale_set_string(L, "source", doc->source);
    qscale_set_string(L, "title", doc->title);
    qscale_set_string(L, "published", doc->published);
    lua_pushliteral(L, "jsonl");
    lua_setfield(L, -2, "format");
    if (doc->title == NULL) { /* guessed as ingest guesses it: rules/lib/titles.lua */
        lua_getglobal(L, "require");
        lua_pushliteral(L, "lib.titles");
        lua_call(L, 1, 1);
        lua_getfield(L, -1, "guess");
        lua_getfield(L, -3, "text");
        lua_call(L, 1, 1);
        lua_setfield(L, -3, "title");
        lua_pop(L, 1); /* the module */
    }
    return 1;
}

/* quarry.executable(): the path of the running program, or nil and why. */
static int qscale_executable(lua_State *L)
{
    char path[4096];
    ssize_t len = readlink("/proc/self/exe", path, sizeof path - 1);
    if (len <= 0) {
        luaL_pushfail(L);
        lua_pushliteral(L, "cannot read /proc/self/exe");
        return 2;
    }
    lua_pushlstring(L, path, (size_t)len);
    return 1;
}

/* quarry.cpu_count(): the number of cores online (at least 1). */
static int qscale_cpu_count(lua_State *L)
{
    long count = sysconf(_SC_NPROCESSORS_ONLN);
    lua_pushinteger(L, count > 0 ? count : 1);
    return 1;
}

void qscale_register(lua_State *L)
{
    static const luaL_Reg functions[] = {
        {"jsonl_document", qscale_jsonl_document},
        {"executable", qscale_executable},
        {"cpu_count", qscale_cpu_count},
        {NULL, NULL},
    };
    luaL_setfuncs(L, functions, 0);
}
