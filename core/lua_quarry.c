/* lua_quarry.c: require "quarry". */
#include "host.h"
#include "lua_quarry.h"

#include <dirent.h>
#include <errno.h>
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "hash.h"
#include "lua_budget.h"
#include "lua_db.h"
#include "lua_doc.h"
#include "lua_format.h"
#include "lua_gazetteer.h"
#include "lua_json.h"
#include "lua_output.h"
#include "lua_scale.h"
#include "lua_stmt.h"
#include "lua_store.h"
#include "lua_textmodel.h"
#include "text.h"

/* quarry.sha256(s): the SHA-256 of a string, as 64 hex digits. */
static int qlib_sha256(lua_State *L)
{
    size_t len;
    const char *data = luaL_checklstring(L, 1, &len);
    char hex[HASH_HEX_SIZE];
    if (hash_sha256_hex(data, len, hex) != 0)
        return luaL_error(L, "cannot compute SHA-256");
    lua_pushstring(L, hex);
    return 1;
}

/* quarry.list_dir(path): the names in a folder (no hidden ones) in byte
   order, or nil and a message. */
static int qlib_list_dir(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    DIR *dir = opendir(path);
    struct dirent *entry;
    if (dir == NULL) {
        luaL_pushfail(L);
        lua_pushfstring(L, "%s: %s", path, strerror(errno));
        return 2;
    }
    lua_newtable(L);
    lua_Integer n = 0;
    /* readdir does not raise; lua_pushstring may, on memory errors only */
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        lua_pushstring(L, entry->d_name);
        lua_rawseti(L, -2, ++n);
    }
    closedir(dir);
    lua_getglobal(L, "table");
    lua_getfield(L, -1, "sort");
    lua_pushvalue(L, -3);
    lua_call(L, 1, 0);
    lua_pop(L, 1);
    return 1;
}

/* quarry.make_dir(path): makes a folder and any missing parents (as
   mkdir -p); true when it is there, or nil and a message. Caches use it. */
static int qlib_make_dir(lua_State *L)
{
    size_t len;
    const char *path = luaL_checklstring(L, 1, &len);
    char buffer[4096];
    struct stat info;
    if (len == 0 || len >= sizeof buffer) {
        luaL_pushfail(L);
        lua_pushfstring(L, "%s: %s", path, len == 0 ? "empty path" : strerror(ENAMETOOLONG));
        return 2;
    }
    memcpy(buffer, path, len + 1);
    /* each parent in turn, then the folder itself (buffer[len] is '\0') */
    for (size_t i = 1; i <= len; i++) {
        if (buffer[i] != '/' && buffer[i] != '\0')
            continue;
        char saved = buffer[i];
        buffer[i] = '\0';
        /* a folder that is there already may still refuse mkdir (EROFS) */
        int error = mkdir(buffer, 0777) == 0 ? 0 : errno;
        if (error != 0 && (stat(buffer, &info) != 0 || !S_ISDIR(info.st_mode))) {
            if (error == EEXIST)
                error = ENOTDIR;
            luaL_pushfail(L);
            lua_pushfstring(L, "%s: %s", buffer, strerror(error));
            return 2;
        }
        buffer[i] = saved;
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* quarry.isatty(stream): whether stream ("stdin", "stdout", "stderr" or
   an open file) is a terminal. Commands ask it before drawing a progress
   line or colouring their output. */
static int qlib_isatty(lua_State *L)
{
    static const char *const names[] = {"stdin", "stdout", "stderr", NULL};
    static const int descriptors[] = {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO};
    int descriptor;
    if (lua_type(L, 1) == LUA_TSTRING) {
        descriptor = descriptors[luaL_checkoption(L, 1, NULL, names)];
    } else {
        luaL_Stream *stream = luaL_checkudata(L, 1, LUA_FILEHANDLE);
        if (stream->closef == NULL)
            return luaL_error(L, "attempt to use a closed file");
        descriptor = fileno(stream->f);
    }
    lua_pushboolean(L, isatty(descriptor));
    return 1;
}

/* quarry.now(): seconds on a monotonic clock, as a float, to time
   intervals with (os.clock counts processor time, os.time whole seconds). */
static int qlib_now(lua_State *L)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    lua_pushnumber(L, (lua_Number)now.tv_sec + (lua_Number)now.tv_nsec / 1e9);
    return 1;
}

bool qlib_colour(FILE *stream)
{
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    return isatty(fileno(stream)) && (no_color == NULL || *no_color == '\0')
           && (term == NULL || strcmp(term, "dumb") != 0);
}

/* quarry.memory([extra]): the bytes the Lua state has in use; with extra
   (bytes), allocations are limited to that much more than now until
   quarry.memory() (no argument) lifts the limit. The sandboxes use it;
   rules and reports do not see it. */
static int qlib_memory(lua_State *L)
{
    struct host_memory *memory = host_memory_of(L);
    if (memory == NULL) { /* another program's state: no account, no limit */
        lua_pushinteger(L, (lua_Integer)lua_gc(L, LUA_GCCOUNT) * 1024 + lua_gc(L, LUA_GCCOUNTB));
        return 1;
    }
    size_t used = memory->used;
    if (lua_isnoneornil(L, 1)) {
        memory->limit = 0;
    } else {
        lua_Integer extra = luaL_checkinteger(L, 1);
        luaL_argcheck(L, extra > 0, 1, "the limit must be a positive number of bytes");
        memory->limit = used + (size_t)extra;
    }
    lua_pushinteger(L, (lua_Integer)used);
    return 1;
}

/* quarry.printable(s): s safe to print on a terminal or in a message:
   control characters but newline and tab, and bytes that are not UTF-8,
   written as \xHH (C1 controls as \u0080..), so an escape sequence in a
   file name or a document cannot reach the terminal. */
static int qlib_printable(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    if (!text_needs_escape(s, len, true)) {
        lua_settop(L, 1);
        return 1;
    }
    char *escaped = text_escape_controls(s, len, true);
    if (escaped == NULL)
        return luaL_error(L, "not enough memory");
    lua_pushstring(L, escaped);
    free(escaped);
    return 1;
}

static const luaL_Reg qlib_functions[] = {
    {"memory", qlib_memory},
    {"open", qdb_open},
    {"sha256", qlib_sha256},
    {"list_dir", qlib_list_dir},
    {"make_dir", qlib_make_dir},
    {"isatty", qlib_isatty},
    {"now", qlib_now},
    {"printable", qlib_printable},
    {NULL, NULL},
};

int qlib_open(lua_State *L)
{
    qstore_register(L);
    qstmt_register(L);
    qdoc_register(L);
    luaL_newlib(L, qlib_functions);
    qscale_register(L);
    lua_pushliteral(L, QUARRY_VERSION);
    lua_setfield(L, -2, "version");
    lua_getfield(L, LUA_REGISTRYINDEX, "quarry.home");
    lua_setfield(L, -2, "home");
    qjson_register(L);
    lua_setfield(L, -2, "json");
    qgazetteer_register(L);
    lua_setfield(L, -2, "gazetteer");
    qtextmodel_register(L);
    lua_setfield(L, -2, "text");
    qoutput_register(L);
    qformat_register(L);
    qbudget_register(L);
    return 1;
}
