/* lua_quarry.c: require "quarry". */
#include "lua_quarry.h"

#include <lauxlib.h>

static const luaL_Reg lua_quarry_functions[] = {
    {"open", lua_store_open},
    {NULL, NULL},
};

int lua_quarry_open(lua_State *L)
{
    lua_store_register(L);
    lua_doc_register(L);
    luaL_newlib(L, lua_quarry_functions);
    lua_pushliteral(L, QUARRY_VERSION);
    lua_setfield(L, -2, "version");
    lua_getfield(L, LUA_REGISTRYINDEX, "quarry.home");
    lua_setfield(L, -2, "home");
    lua_json_register(L);
    lua_setfield(L, -2, "json");
    return 1;
}
