/* lua_module.c: Quarry as a Lua C module, so that a stock lua5.4 can
   `require "quarry"` (built as quarry.so, installed under the Lua 5.4
   cpath): open a database, search it, query it and run the rules from a
   program of one's own. The interpreter brings Lua itself; this module
   does not link it. Not part of the quarry binary. */
#include <lauxlib.h>
#include <lua.h>

#include "host.h"
#include "lua_quarry.h"

LUAMOD_API int luaopen_quarry(lua_State *L);

/* require "quarry": finds the folder with scripts/ and rules/ (as the
   binary does: $QUARRY_HOME, else the install or source tree), puts its
   modules after the user's on package.path (quarry.engine, lib.text, ...),
   makes lpeg and re loadable when they are not already, and returns the
   quarry module. */
int luaopen_quarry(lua_State *L)
{
    char home[4096];
    if (host_find_home(home, sizeof home) != 0)
        return luaL_error(L, "quarry: cannot find the folder with scripts/ and rules/ "
                             "(set QUARRY_HOME)");
    lua_pushstring(L, home);
    lua_setfield(L, LUA_REGISTRYINDEX, "quarry.home");
    lua_getglobal(L, "package");
    luaL_checktype(L, -1, LUA_TTABLE);
    lua_getfield(L, -1, "path");
    lua_pushfstring(L, "%s;%s/scripts/?.lua;%s/scripts/?/init.lua;%s/rules/?.lua;%s/rules/?/init.lua",
                    lua_tostring(L, -1), home, home, home, home);
    lua_setfield(L, -3, "path");
    lua_pop(L, 2); /* the old path, package */
    /* lpeg and re, unless the program has its own already */
    lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_getfield(L, -1, "lpeg");
    int has_lpeg = !lua_isnil(L, -1);
    lua_getfield(L, -2, "re");
    int has_re = !lua_isnil(L, -1);
    lua_pop(L, 3);
    if (!has_lpeg && !has_re)
        host_preload_modules(L);
    return qlib_open(L);
}
