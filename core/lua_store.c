/* lua_store.c: quarry.db and quarry.stmt, the Lua face of store.c. */
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "lua_quarry.h"

struct lua_db {
    struct store *store; /* NULL once closed */
};

struct lua_stmt {
    sqlite3_stmt *stmt; /* NULL once finalized */
};

#define lua_db_at(L, i) ((struct lua_db *)luaL_checkudata(L, i, LUA_QUARRY_DB))
#define lua_stmt_at(L, i) ((struct lua_stmt *)luaL_checkudata(L, i, LUA_QUARRY_STMT))

struct store *lua_store_check(lua_State *L, int index)
{
    struct lua_db *db = lua_db_at(L, index);
    if (db->store == NULL)
        luaL_error(L, "attempt to use a closed database");
    return db->store;
}

void lua_store_push(lua_State *L, struct store *store)
{
    struct lua_db *db = lua_newuserdatauv(L, sizeof *db, 0);
    db->store = NULL;
    luaL_setmetatable(L, LUA_QUARRY_DB);
    db->store = store;
}

/* quarry.open(path): a db, or nil and a message when it cannot be opened. */
int lua_store_open(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    char err[600];
    struct lua_db *db = lua_newuserdatauv(L, sizeof *db, 0);
    db->store = NULL; /* born closed: a failure below leaves nothing to free */
    luaL_setmetatable(L, LUA_QUARRY_DB);
    db->store = store_open(path, err, sizeof err);
    if (db->store == NULL) {
        luaL_pushfail(L);
        lua_pushstring(L, err);
        return 2;
    }
    return 1;
}

/* __gc, __close and close(): idempotent. */
static int lua_db_close(lua_State *L)
{
    struct lua_db *db = lua_db_at(L, 1);
    store_close(db->store);
    db->store = NULL;
    return 0;
}

static int lua_db_tostring(lua_State *L)
{
    struct lua_db *db = lua_db_at(L, 1);
    if (db->store == NULL)
        lua_pushliteral(L, "quarry.db (closed)");
    else
        lua_pushfstring(L, "quarry.db (%s)",
                        sqlite3_db_filename(store_handle(db->store), "main"));
    return 1;
}

void lua_stmt_push(lua_State *L, sqlite3_stmt *stmt, int db_index)
{
    db_index = lua_absindex(L, db_index);
    struct lua_stmt *box = lua_newuserdatauv(L, sizeof *box, 1);
    box->stmt = stmt;
    luaL_setmetatable(L, LUA_QUARRY_STMT);
    lua_pushvalue(L, db_index);
    lua_setiuservalue(L, -2, 1);
}

void lua_stmt_finish(lua_State *L, int index)
{
    struct lua_stmt *box = lua_stmt_at(L, index);
    sqlite3_finalize(box->stmt);
    box->stmt = NULL;
}

static int lua_stmt_close(lua_State *L)
{
    lua_stmt_finish(L, 1);
    return 0;
}

sqlite3_stmt *lua_stmt_check(lua_State *L, int index)
{
    struct lua_stmt *box = lua_stmt_at(L, index);
    if (box->stmt == NULL)
        luaL_error(L, "attempt to use a finished statement");
    lua_getiuservalue(L, index, 1);
    lua_store_check(L, -1); /* raises when the db was closed under it */
    lua_pop(L, 1);
    return box->stmt;
}

int lua_stmt_step(lua_State *L, int index)
{
    sqlite3_stmt *stmt = lua_stmt_check(L, index);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE) {
        lua_stmt_at(L, index)->stmt = NULL;
        sqlite3_finalize(stmt);
        return 0;
    }
    lua_pushstring(L, sqlite3_errmsg(sqlite3_db_handle(stmt)));
    lua_stmt_at(L, index)->stmt = NULL;
    sqlite3_finalize(stmt);
    return lua_error(L);
}

void lua_stmt_push_column(lua_State *L, sqlite3_stmt *stmt, int column)
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

/* Wraps a statement from store.c, or raises with the store's message. */
static void lua_db_push_stmt(lua_State *L, struct store *store, sqlite3_stmt *stmt)
{
    if (stmt == NULL)
        luaL_error(L, "%s", store_error(store));
    lua_stmt_push(L, stmt, 1);
}

static int lua_db_documents_next(lua_State *L)
{
    if (!lua_stmt_step(L, lua_upvalueindex(1)))
        return 0;
    lua_getiuservalue(L, lua_upvalueindex(1), 1);
    lua_doc_push_row(L, lua_stmt_check(L, lua_upvalueindex(1)), -1);
    return 1;
}

/* for doc in db:documents() do ... end: documents in id order. The
   statement is the loop's to-be-closed value, so break finalizes it. */
static int lua_db_documents(lua_State *L)
{
    struct store *store = lua_store_check(L, 1);
    lua_db_push_stmt(L, store, store_documents(store));
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, lua_db_documents_next, 1);
    lua_pushnil(L);
    lua_pushnil(L);
    lua_rotate(L, -4, -1); /* iterator, nil, nil, stmt */
    return 4;
}

/* Pushes the first document of a statement; 0 when it has none. */
static int lua_db_first_document(lua_State *L, int stmt_index)
{
    if (!lua_stmt_step(L, stmt_index))
        return 0;
    lua_doc_push_row(L, lua_stmt_check(L, stmt_index), 1);
    return 1;
}

static int lua_db_is_digits(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* db:document(id or name): the document, or nil and a message. A name
   that several documents share is ambiguous; a string of digits that is
   not a name is taken as an id. */
static int lua_db_document(lua_State *L)
{
    struct store *store = lua_store_check(L, 1);
    if (lua_type(L, 2) == LUA_TNUMBER) {
        lua_Integer id = luaL_checkinteger(L, 2);
        lua_db_push_stmt(L, store, store_document_by_id(store, id));
        if (lua_db_first_document(L, -1))
            return 1;
        luaL_pushfail(L);
        lua_pushfstring(L, "no document with id %I", id);
        return 2;
    }
    const char *name = luaL_checkstring(L, 2);
    lua_db_push_stmt(L, store, store_documents_by_name(store, name));
    int stmt_index = lua_gettop(L);
    if (lua_db_first_document(L, stmt_index)) {
        if (lua_stmt_step(L, stmt_index)) {
            luaL_pushfail(L);
            lua_pushfstring(L, "%s names several documents; use an id (see quarry list)", name);
            return 2;
        }
        return 1;
    }
    if (lua_db_is_digits(name)) {
        lua_db_push_stmt(L, store, store_document_by_id(store, strtoll(name, NULL, 10)));
        if (lua_db_first_document(L, -1))
            return 1;
    }
    luaL_pushfail(L);
    lua_pushfstring(L, "no document named %s", name);
    return 2;
}

/* db:search(query [, limit | {limit=, open=, close=}]): an array of hits
   {document, name, title, rank, score, snippet}, best first; nil and a
   message when the query is not valid. */
static int lua_db_search(lua_State *L)
{
    struct store *store = lua_store_check(L, 1);
    const char *query = luaL_checkstring(L, 2);
    lua_Integer limit = 20;
    const char *open = "[", *close = "]";

    if (lua_istable(L, 3)) {
        lua_getfield(L, 3, "limit");
        limit = luaL_optinteger(L, -1, limit);
        lua_getfield(L, 3, "open");
        open = luaL_optstring(L, -1, open);
        lua_getfield(L, 3, "close");
        close = luaL_optstring(L, -1, close);
        lua_pop(L, 3); /* the strings stay reachable through the table */
    } else {
        limit = luaL_optinteger(L, 3, limit);
    }
    luaL_argcheck(L, limit > 0 && limit <= 1000000, 3, "limit must be between 1 and 1000000");
    sqlite3_stmt *stmt = store_search(store, query, (int)limit, open, close);
    if (stmt == NULL) {
        luaL_pushfail(L);
        lua_pushstring(L, store_error(store));
        return 2;
    }
    lua_stmt_push(L, stmt, 1);
    int stmt_index = lua_gettop(L);
    lua_newtable(L);
    for (lua_Integer rank = 1; lua_stmt_step(L, stmt_index); rank++) {
        lua_createtable(L, 0, 6);
        lua_db_push_stmt(L, store, store_document_by_id(store, sqlite3_column_int64(stmt, STORE_HIT_ID)));
        if (lua_db_first_document(L, -1))
            lua_setfield(L, -3, "document");
        lua_stmt_finish(L, -1);
        lua_pop(L, 1); /* the document's statement */
        lua_stmt_push_column(L, stmt, STORE_HIT_NAME);
        lua_setfield(L, -2, "name");
        lua_stmt_push_column(L, stmt, STORE_HIT_TITLE);
        lua_setfield(L, -2, "title");
        lua_pushinteger(L, rank);
        lua_setfield(L, -2, "rank");
        lua_stmt_push_column(L, stmt, STORE_HIT_SCORE);
        lua_setfield(L, -2, "score");
        lua_stmt_push_column(L, stmt, STORE_HIT_SNIPPET);
        lua_setfield(L, -2, "snippet");
        lua_rawseti(L, -2, rank);
    }
    return 1;
}

static void lua_db_bind(lua_State *L, sqlite3_stmt *stmt, int first, int count)
{
    int parameters = sqlite3_bind_parameter_count(stmt);
    if (count != parameters)
        luaL_error(L, "the query has %d parameter(s) but %d value(s) were given",
                   parameters, count);
    for (int i = 0; i < count; i++) {
        int index = first + i, rc;
        switch (lua_type(L, index)) {
        case LUA_TNIL:
            rc = sqlite3_bind_null(stmt, i + 1);
            break;
        case LUA_TBOOLEAN:
            rc = sqlite3_bind_int(stmt, i + 1, lua_toboolean(L, index));
            break;
        case LUA_TNUMBER:
            rc = lua_isinteger(L, index)
                     ? sqlite3_bind_int64(stmt, i + 1, (sqlite3_int64)lua_tointeger(L, index))
                     : sqlite3_bind_double(stmt, i + 1, lua_tonumber(L, index));
            break;
        case LUA_TSTRING: {
            size_t len;
            const char *s = lua_tolstring(L, index, &len);
            rc = sqlite3_bind_text64(stmt, i + 1, s, len, SQLITE_TRANSIENT, SQLITE_UTF8);
            break;
        }
        default:
            luaL_argerror(L, index, lua_pushfstring(L, "cannot bind a %s to a query",
                                                    luaL_typename(L, index)));
            return;
        }
        if (rc != SQLITE_OK)
            luaL_error(L, "binding parameter %d: %s", i + 1,
                       sqlite3_errmsg(sqlite3_db_handle(stmt)));
    }
}

/* db:query(sql, ...): rows (an array of tables keyed by column name) and
   the column names in order. Read-only; values are bound, never pasted. */
static int lua_db_query(lua_State *L)
{
    struct store *store = lua_store_check(L, 1);
    const char *sql = luaL_checkstring(L, 2);
    int count = lua_gettop(L) - 2;
    sqlite3_stmt *stmt = store_prepare_query(store, sql);
    if (stmt == NULL)
        return luaL_error(L, "%s", store_error(store));
    lua_stmt_push(L, stmt, 1);
    int stmt_index = lua_gettop(L);
    lua_db_bind(L, stmt, 3, count);
    int columns = sqlite3_column_count(stmt);
    lua_newtable(L); /* rows */
    lua_createtable(L, columns, 0); /* names */
    for (int c = 0; c < columns; c++) {
        lua_pushstring(L, sqlite3_column_name(stmt, c));
        lua_rawseti(L, -2, c + 1);
    }
    for (lua_Integer row = 1; lua_stmt_step(L, stmt_index); row++) {
        lua_createtable(L, 0, columns);
        for (int c = 0; c < columns; c++) {
            lua_stmt_push_column(L, stmt, c);
            lua_setfield(L, -2, sqlite3_column_name(stmt, c));
        }
        lua_rawseti(L, -3, row);
    }
    return 2;
}

static int lua_db_count(lua_State *L)
{
    struct store *store = lua_store_check(L, 1);
    int64_t count = store_document_count(store);
    if (count < 0)
        return luaL_error(L, "%s", store_error(store));
    lua_pushinteger(L, (lua_Integer)count);
    return 1;
}

static const luaL_Reg lua_db_methods[] = {
    {"documents", lua_db_documents},
    {"document", lua_db_document},
    {"search", lua_db_search},
    {"query", lua_db_query},
    {"count", lua_db_count},
    {"close", lua_db_close},
    {NULL, NULL},
};

static const luaL_Reg lua_db_metamethods[] = {
    {"__gc", lua_db_close},
    {"__close", lua_db_close},
    {"__tostring", lua_db_tostring},
    {"__index", NULL},
    {NULL, NULL},
};

static const luaL_Reg lua_stmt_metamethods[] = {
    {"__gc", lua_stmt_close},
    {"__close", lua_stmt_close},
    {NULL, NULL},
};

void lua_store_register(lua_State *L)
{
    if (luaL_newmetatable(L, LUA_QUARRY_DB)) {
        luaL_setfuncs(L, lua_db_metamethods, 0);
        luaL_newlib(L, lua_db_methods);
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
    if (luaL_newmetatable(L, LUA_QUARRY_STMT))
        luaL_setfuncs(L, lua_stmt_metamethods, 0);
    lua_pop(L, 1);
}
