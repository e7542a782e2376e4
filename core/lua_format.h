/* lua_format.h: quarry.format_table, the one table writer
   (core/format.c) seen from Lua (lua_format.c). */
#ifndef QUARRY_LUA_FORMAT_H
#define QUARRY_LUA_FORMAT_H

#include <lua.h>

/* Sets format_table in the table at the top of the stack. */
void qformat_register(lua_State *L);

#endif
