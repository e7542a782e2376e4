/* host.c: the Lua state, its module paths and the one docall every chunk
   runs through. */
#include "host.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lua_lpeg.h"
#include "lua_quarry.h"

extern const char embedded_re_lua[];
extern const size_t embedded_re_lua_size;

static int host_is_home(const char *path)
{
    char scripts[4096];
    struct stat info;
    snprintf(scripts, sizeof scripts, "%s/scripts", path);
    return stat(scripts, &info) == 0 && S_ISDIR(info.st_mode);
}

int host_find_home(char *home, size_t size)
{
    const char *env = getenv("QUARRY_HOME");
    char exe[4096];
    ssize_t len;

    if (env != NULL && *env != '\0') {
        snprintf(home, size, "%s", env);
        return 0;
    }
    len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL) {
            *slash = '\0';
            snprintf(home, size, "%s/../share/quarry", exe);
            if (host_is_home(home))
                return 0;
        }
    }
    snprintf(home, size, "%s", QUARRY_SOURCE_DIR);
    if (host_is_home(home))
        return 0;
    snprintf(home, size, "%s", QUARRY_INSTALL_DATADIR);
    return host_is_home(home) ? 0 : -1;
}

static int host_open_re(lua_State *L)
{
    if (luaL_loadbuffer(L, embedded_re_lua, embedded_re_lua_size, "@re.lua") != LUA_OK)
        return lua_error(L);
    lua_pushstring(L, "re");
    lua_call(L, 1, 1);
    return 1;
}

static void host_preload(lua_State *L, const char *name, lua_CFunction open)
{
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    lua_pushcfunction(L, open);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

void host_preload_modules(lua_State *L)
{
    host_preload(L, "lpeg", qlpeg_open);
    host_preload(L, "re", host_open_re);
}

/* The collector's pace. Lua's default (a new cycle once the heap has
   doubled, stepmul 100) lets the rule pack's large heap (about 100 MB
   the collector sees, plus 60 MB of compiled LPeg code it does not) carry
   as much garbage again, and the rule loading and the first document's
   scanner build make hundreds of MB of it in big LPeg trees faster than a
   cycle finishes: `quarry extract` peaked at 680-840 MB. Starting a cycle
   at 110% and working ten times harder per step keeps the heap near what
   is live (peak about 320 MB, 220 MB steady on the Reuters corpus) and
   costs no time: less memory touched, fewer page faults. A pause of 100
   (never stop) makes rule loading 40-70 times slower; generational mode kept
   more (530 MB) since its major collections also wait for the heap to
   double. */
#define HOST_GC_PAUSE 110
#define HOST_GC_STEPMUL 1000

/* Sets up everything in protected mode, so a memory error is reported. */
static int host_setup(lua_State *L)
{
    const char *home = lua_touserdata(L, 1);
    lua_gc(L, LUA_GCINC, HOST_GC_PAUSE, HOST_GC_STEPMUL, 0);
    luaL_openlibs(L);
    host_preload_modules(L);
    host_preload(L, "quarry", qlib_open);
    lua_getglobal(L, "package");
    lua_pushfstring(L, "%s/scripts/?.lua;%s/scripts/?/init.lua;"
                       "%s/rules/?.lua;%s/rules/?/init.lua",
                    home, home, home, home);
    lua_setfield(L, -2, "path");
    lua_pushliteral(L, "");
    lua_setfield(L, -2, "cpath");
    lua_pop(L, 1);
    lua_pushstring(L, home);
    lua_setfield(L, LUA_REGISTRYINDEX, "quarry.home");
    luaL_requiref(L, "quarry", qlib_open, 0); /* registers the metatables */
    lua_pop(L, 1);
    return 0;
}

/* The allocator: realloc/free as luaL_newstate's, counting the bytes in
   use so that a limit can be put on them (host_memory_limit). The count
   belongs to the state: it is allocated with it and freed by the last
   free lua_close makes (the state's own block, once nothing else is in
   use), so whoever closes the state needs to know nothing about it. */
static void *host_alloc(void *ud, void *block, size_t old_size, size_t new_size)
{
    struct host_memory *memory = ud;
    if (block == NULL)
        old_size = 0; /* (then old_size is a type tag) */
    if (new_size == 0) {
        free(block);
        memory->used -= old_size;
        if (memory->used == 0)
            free(memory);
        return NULL;
    }
    if (new_size > old_size && memory->limit != 0
        && memory->used - old_size + new_size > memory->limit)
        return NULL; /* Lua raises "not enough memory" */
    void *grown = realloc(block, new_size);
    if (grown != NULL)
        memory->used = memory->used - old_size + new_size;
    return grown;
}

struct host_memory *host_memory_of(lua_State *L)
{
    void *ud;
    return lua_getallocf(L, &ud) == host_alloc ? ud : NULL;
}

static int host_panic(lua_State *L)
{
    const char *message = lua_tostring(L, -1);
    fprintf(stderr, "quarry: unprotected error in Lua: %s\n", message ? message : "?");
    return 0; /* Lua aborts */
}

lua_State *host_new(const char *home)
{
    struct host_memory *memory = calloc(1, sizeof *memory);
    if (memory == NULL)
        return NULL;
    lua_State *L = lua_newstate(host_alloc, memory);
    if (L == NULL) {
        free(memory);
        return NULL;
    }
    lua_atpanic(L, host_panic);
    lua_pushcfunction(L, host_setup);
    lua_pushlightuserdata(L, (void *)home);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
        fprintf(stderr, "quarry: %s\n", lua_tostring(L, -1));
        lua_close(L);
        return NULL;
    }
    return L;
}

/* The message handler: adds a traceback to string messages, and turns
   other error objects into strings through __tostring when they have it. */
static int host_message_handler(lua_State *L)
{
    const char *message = lua_tostring(L, 1);
    if (message == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        message = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, message, 1);
    return 1;
}

int host_docall(lua_State *L, int narg, int nres)
{
    int base = lua_gettop(L) - narg;
    int status;
    lua_pushcfunction(L, host_message_handler);
    lua_insert(L, base);
    status = lua_pcall(L, narg, nres, base);
    lua_remove(L, base);
    return status;
}

int host_run_script(lua_State *L, const char *path, int argc, char *const *argv)
{
    int status;
    lua_createtable(L, argc, 1);
    lua_pushstring(L, path);
    lua_rawseti(L, -2, 0);
    for (int i = 0; i < argc; i++) {
        lua_pushstring(L, argv[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setglobal(L, "arg");
    status = luaL_loadfilex(L, path, "t");
    if (status != LUA_OK)
        return status;
    for (int i = 0; i < argc; i++)
        lua_pushstring(L, argv[i]);
    return host_docall(L, argc, 0);
}

void host_report(lua_State *L, int status)
{
    if (status == LUA_OK)
        return;
    const char *message = lua_tostring(L, -1);
    fprintf(stderr, "quarry: %s\n", message ? message : "(error without a message)");
    fflush(stderr);
    lua_pop(L, 1);
}
