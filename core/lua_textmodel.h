/* lua_textmodel.h: quarry.text, the text model seen from Lua
   (lua_textmodel.c). */
#ifndef QUARRY_LUA_TEXTMODEL_H
#define QUARRY_LUA_TEXTMODEL_H

#include <lua.h>

/* quarry.text = {model, abbreviations}; registers the metatables and
   pushes the table. */
void qtextmodel_register(lua_State *L);

#endif
