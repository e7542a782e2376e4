/* lua_store.h: the methods of quarry.db (lua_store.c): documents, search,
   query, transactions and the rule engine's writes. */
#ifndef QUARRY_LUA_STORE_H
#define QUARRY_LUA_STORE_H

#include <lua.h>

/* Registers the quarry.db metatable (lua_db.h) with these methods. */
void qstore_register(lua_State *L);

#endif
