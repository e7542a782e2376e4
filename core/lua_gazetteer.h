/* lua_gazetteer.h: quarry.gazetteer, the phrase matcher seen
   from Lua (lua_gazetteer.c). */
#ifndef QUARRY_LUA_GAZETTEER_H
#define QUARRY_LUA_GAZETTEER_H

#include <lua.h>

/* quarry.gazetteer = {new, load}; registers the quarry.gazetteer metatable
   and pushes the table. */
void qgazetteer_register(lua_State *L);

#endif
