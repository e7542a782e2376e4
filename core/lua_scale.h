/* lua_scale.h: the scale-out primitives of the quarry module
   (lua_scale.c). */
#ifndef QUARRY_LUA_SCALE_H
#define QUARRY_LUA_SCALE_H

#include <lua.h>

/* Adds jsonl_document, executable and cpu_count to the module table on the
   top of the stack. */
void qscale_register(lua_State *L);

#endif
