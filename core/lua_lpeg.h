/* lua_lpeg.h: require "lpeg": Debian's LPeg made safe (lua_lpeg.c). */
#ifndef QUARRY_LUA_LPEG_H
#define QUARRY_LUA_LPEG_H

#include <lua.h>

/* require "lpeg": Debian's LPeg with #p and lpeg.B made safe from the
   assertions of LPeg 1.0.2. */
int qlpeg_open(lua_State *L);

#endif
