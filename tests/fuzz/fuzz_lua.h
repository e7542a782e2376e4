/* fuzz_lua.h: a Lua state for the targets that run Lua (the gazetteer
   loader's binding, the rule engine): Quarry's host state, with a chunk
   run once that returns the function each input is given to. */
#ifndef QUARRY_FUZZ_LUA_H
#define QUARRY_FUZZ_LUA_H

#include <lauxlib.h>
#include <lua.h>

#include "fuzz_common.h"
#include "host.h"

static lua_State *fuzz_L;

/* Makes the state and runs chunk; the function it returns is kept in the
   registry as "fuzz.run". Exits when anything fails: a target that cannot
   start has nothing to fuzz. */
static inline void fuzz_lua_start(const char *chunk)
{
    char home[4096];
    if (host_find_home(home, sizeof home) != 0 || (fuzz_L = host_new(home)) == NULL) {
        fprintf(stderr, "fuzz: cannot make the Lua state (set QUARRY_HOME)\n");
        exit(1);
    }
    if (luaL_loadbuffer(fuzz_L, chunk, strlen(chunk), "=fuzz") != LUA_OK
        || host_docall(fuzz_L, 0, 1) != LUA_OK || !lua_isfunction(fuzz_L, -1)) {
        fprintf(stderr, "fuzz: the chunk failed: %s\n", lua_tostring(fuzz_L, -1));
        exit(1);
    }
    lua_setfield(fuzz_L, LUA_REGISTRYINDEX, "fuzz.run");
}

/* Calls fuzz.run with the input as a string (and the scratch file's path);
   an error is a finding. */
static inline void fuzz_lua_run(const uint8_t *data, size_t size)
{
    lua_getfield(fuzz_L, LUA_REGISTRYINDEX, "fuzz.run");
    lua_pushlstring(fuzz_L, (const char *)data, size);
    lua_pushstring(fuzz_L, fuzz_path);
    if (host_docall(fuzz_L, 2, 0) != LUA_OK) {
        fprintf(stderr, "fuzz: %s\n", lua_tostring(fuzz_L, -1));
        abort();
    }
    lua_settop(fuzz_L, 0);
}

#endif
