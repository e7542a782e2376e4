/* lua_output.h: quarry.write_output, safe --out files
   (lua_output.c). */
#ifndef QUARRY_LUA_OUTPUT_H
#define QUARRY_LUA_OUTPUT_H

#include <lua.h>

/* Sets write_output in the table at the top of the stack. */
void qoutput_register(lua_State *L);

#endif
