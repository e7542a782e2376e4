/* lua_stmt.h: quarry.stmt, a prepared statement held by Lua (lua_stmt.c),
   so that an error between prepare and finalize cannot leak it. Each keeps
   its db (lua_db.h) alive as a user value. */
#ifndef QUARRY_LUA_STMT_H
#define QUARRY_LUA_STMT_H

#include <lua.h>
#include <sqlite3.h>

#define QSTMT_TYPE "quarry.stmt"

/* Registers the quarry.stmt metatable (__gc and __close finish it). */
void qstmt_register(lua_State *L);
/* Wraps a prepared statement in a quarry.stmt that keeps the db at
   db_index alive and finalizes it once; pushes it. */
void qstmt_push(lua_State *L, sqlite3_stmt *stmt, int db_index);
/* Steps the quarry.stmt at index; returns 1 on a row, 0 when done (the
   statement is then finalized), raises on errors. */
int qstmt_step(lua_State *L, int index);
/* The statement of the quarry.stmt at index; raises when it is finished
   or its db was closed. */
sqlite3_stmt *qstmt_check(lua_State *L, int index);
/* Finalizes the quarry.stmt at index now rather than at collection. */
void qstmt_finish(lua_State *L, int index);
/* Pushes column i of the current row as a Lua value (NULL is nil). */
void qstmt_push_column(lua_State *L, sqlite3_stmt *stmt, int column);

#endif
