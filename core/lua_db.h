/* lua_db.h: quarry.db, the Lua handle on an open store (lua_db.c). Its
   methods are lua_store.c's; statements (lua_stmt.c) and documents
   (lua_doc.c) hold a db as a user value and reach the store through it.
   The q prefix marks Quarry's bindings apart from Lua's own lua_ API. */
#ifndef QUARRY_LUA_DB_H
#define QUARRY_LUA_DB_H

#include <lauxlib.h>
#include <lua.h>

#include "store.h"

#define QDB_TYPE "quarry.db"

/* Registers the quarry.db metatable: __gc, __close and __tostring, and an
   __index table of methods plus close(). */
void qdb_register(lua_State *L, const luaL_Reg *methods);
/* quarry.open(path [, {read_only = true}]): a db, or nil and a message. */
int qdb_open(lua_State *L);
/* The open store of the db userdata at index; raises on a closed one. */
struct store *qdb_check(lua_State *L, int index);
/* The store of the db userdata at index, or NULL when it is closed or the
   value is not a db; never raises (statements use it while finalizing). */
struct store *qdb_store_if_open(lua_State *L, int index);

#endif
