/* lua_stmt.c: quarry.stmt, a prepared statement owned by a userdata, handed
   back to the store's pool or finalized exactly once. */
#include "lua_stmt.h"

#include <lauxlib.h>
#include <stdbool.h>

#include "lua_db.h"

struct qstmt {
    sqlite3_stmt *stmt; /* NULL once handed back */
    bool pooled;        /* the store keeps it: hand it back, never finalize */
};

#define qstmt_at(L, i) ((struct qstmt *)luaL_checkudata(L, i, QSTMT_TYPE))

void qstmt_push(lua_State *L, sqlite3_stmt *stmt, int db_index)
{
    db_index = lua_absindex(L, db_index);
    luaL_checkudata(L, db_index, QDB_TYPE);
    struct store *store = qdb_store_if_open(L, db_index);
    struct qstmt *box = lua_newuserdatauv(L, sizeof *box, 1);
    box->stmt = stmt;
    box->pooled = store != NULL && store_is_pooled(store, stmt);
    luaL_setmetatable(L, QSTMT_TYPE);
    lua_pushvalue(L, db_index);
    lua_setiuservalue(L, -2, 1);
}

/* Hands the statement back: to the store's pool while the db is open (a
   closed store has finalized its pool already), else finalized. */
void qstmt_finish(lua_State *L, int index)
{
    index = lua_absindex(L, index);
    struct qstmt *box = qstmt_at(L, index);
    if (box->stmt == NULL)
        return;
    lua_getiuservalue(L, index, 1);
    struct store *store = qdb_store_if_open(L, -1);
    lua_pop(L, 1);
    if (box->pooled) {
        if (store != NULL)
            store_finish(store, box->stmt);
    } else {
        sqlite3_finalize(box->stmt);
    }
    box->stmt = NULL;
}

static int qstmt_close(lua_State *L)
{
    qstmt_finish(L, 1);
    return 0;
}

sqlite3_stmt *qstmt_check(lua_State *L, int index)
{
    struct qstmt *box = qstmt_at(L, index);
    if (box->stmt == NULL)
        luaL_error(L, "attempt to use a finished statement");
    lua_getiuservalue(L, index, 1);
    qdb_check(L, -1); /* raises when the db was closed under it */
    lua_pop(L, 1);
    return box->stmt;
}

int qstmt_step(lua_State *L, int index)
{
    index = lua_absindex(L, index); /* (the error message is pushed below) */
    sqlite3_stmt *stmt = qstmt_check(L, index);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE) {
        qstmt_finish(L, index);
        return 0;
    }
    lua_pushstring(L, sqlite3_errmsg(sqlite3_db_handle(stmt)));
    qstmt_finish(L, index);
    return lua_error(L);
}

void qstmt_push_column(lua_State *L, sqlite3_stmt *stmt, int column)
{
    switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_INTEGER:
        lua_pushinteger(L, (lua_Integer)sqlite3_column_int64(stmt, column));
        break;
    case SQLITE_FLOAT:
        lua_pushnumber(L, sqlite3_column_double(stmt, column));
        break;
    case SQLITE_NULL:
        lua_pushnil(L);
        break;
    default: {
        const void *bytes = sqlite3_column_blob(stmt, column);
        lua_pushlstring(L, bytes ? bytes : "", (size_t)sqlite3_column_bytes(stmt, column));
    }
    }
}

static const luaL_Reg qstmt_metamethods[] = {
    {"__gc", qstmt_close},
    {"__close", qstmt_close},
    {NULL, NULL},
};

void qstmt_register(lua_State *L)
{
    if (luaL_newmetatable(L, QSTMT_TYPE))
        luaL_setfuncs(L, qstmt_metamethods, 0);
    lua_pop(L, 1);
}
