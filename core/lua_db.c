/* lua_db.c: quarry.db, the Lua handle on an open store: born closed, closed
   once by __gc, __close or close(). Its other methods are in lua_store.c. */
#include "lua_db.h"

#include <stdbool.h>

struct qdb {
    struct store *store; /* NULL once closed */
};

#define qdb_at(L, i) ((struct qdb *)luaL_checkudata(L, i, QDB_TYPE))

struct store *qdb_check(lua_State *L, int index)
{
    struct qdb *db = qdb_at(L, index);
    if (db->store == NULL)
        luaL_error(L, "attempt to use a closed database");
    return db->store;
}

struct store *qdb_store_if_open(lua_State *L, int index)
{
    struct qdb *db = luaL_testudata(L, index, QDB_TYPE);
    return db != NULL ? db->store : NULL;
}

/* quarry.open(path): a db, or nil and a message when it cannot be opened. */
int qdb_open(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    bool read_only = false;
    char err[600];
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        lua_getfield(L, 2, "read_only");
        read_only = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    struct qdb *db = lua_newuserdatauv(L, sizeof *db, 0);
    db->store = NULL; /* born closed: a failure below leaves nothing to free */
    luaL_setmetatable(L, QDB_TYPE);
    db->store = read_only ? store_open_read_only(path, err, sizeof err)
                          : store_open(path, err, sizeof err);
    if (db->store == NULL) {
        luaL_pushfail(L);
        lua_pushstring(L, err);
        return 2;
    }
    return 1;
}

/* __gc, __close and close(): idempotent. */
static int qdb_close(lua_State *L)
{
    struct qdb *db = qdb_at(L, 1);
    store_close(db->store);
    db->store = NULL;
    return 0;
}

static int qdb_tostring(lua_State *L)
{
    struct qdb *db = qdb_at(L, 1);
    if (db->store == NULL)
        lua_pushliteral(L, "quarry.db (closed)");
    else
        lua_pushfstring(L, "quarry.db (%s)",
                        sqlite3_db_filename(store_handle(db->store), "main"));
    return 1;
}

static const luaL_Reg qdb_metamethods[] = {
    {"__gc", qdb_close},
    {"__close", qdb_close},
    {"__tostring", qdb_tostring},
    {NULL, NULL},
};

void qdb_register(lua_State *L, const luaL_Reg *methods)
{
    if (luaL_newmetatable(L, QDB_TYPE)) {
        luaL_setfuncs(L, qdb_metamethods, 0);
        lua_newtable(L);
        luaL_setfuncs(L, methods, 0);
        lua_pushcfunction(L, qdb_close);
        lua_setfield(L, -2, "close");
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
}
