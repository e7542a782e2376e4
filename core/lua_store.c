/* lua_store.c: the methods of quarry.db, the Lua face of store.c (the handle
   itself is lua_db.c). */
#include <lauxlib.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lua_store.h"

#include "lua_db.h"
#include "lua_doc.h"
#include "lua_json.h"
#include "lua_stmt.h"

/* Wraps a statement from store.c, or raises with the store's message. */
static void qstore_push_stmt(lua_State *L, struct store *store, sqlite3_stmt *stmt)
{
    if (stmt == NULL)
        luaL_error(L, "%s", store_error(store));
    qstmt_push(L, stmt, 1);
}

static int qstore_documents_next(lua_State *L)
{
    if (!qstmt_step(L, lua_upvalueindex(1)))
        return 0;
    lua_getiuservalue(L, lua_upvalueindex(1), 1);
    qdoc_push_row(L, qstmt_check(L, lua_upvalueindex(1)), -1);
    return 1;
}

/* for doc in db:documents() do ... end: documents in id order. The
   statement is the loop's to-be-closed value, so break finalizes it. */
static int qstore_documents(lua_State *L)
{
    struct store *store = qdb_check(L, 1);
    qstore_push_stmt(L, store, store_documents(store));
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, qstore_documents_next, 1);
    lua_pushnil(L);
    lua_pushnil(L);
    lua_rotate(L, -4, -1); /* iterator, nil, nil, stmt */
    return 4;
}

/* Pushes the first document of a statement; 0 when it has none. */
static int qstore_first_document(lua_State *L, int stmt_index)
{
    if (!qstmt_step(L, stmt_index))
        return 0;
    qdoc_push_row(L, qstmt_check(L, stmt_index), 1);
    return 1;
}

static int qstore_is_digits(const char *s)
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
static int qstore_document(lua_State *L)
{
    struct store *store = qdb_check(L, 1);
    if (lua_type(L, 2) == LUA_TNUMBER) {
        lua_Integer id = luaL_checkinteger(L, 2);
        qstore_push_stmt(L, store, store_document_by_id(store, id));
        if (qstore_first_document(L, -1)) {
            /* back to the pool now, not when collected: a run that asks
               for every document in turn would prepare it each time */
            qstmt_finish(L, -2);
            return 1;
        }
        luaL_pushfail(L);
        lua_pushfstring(L, "no document with id %I", id);
        return 2;
    }
    const char *name = luaL_checkstring(L, 2);
    qstore_push_stmt(L, store, store_documents_by_name(store, name));
    int stmt_index = lua_gettop(L);
    if (qstore_first_document(L, stmt_index)) {
        if (qstmt_step(L, stmt_index)) {
            qstmt_finish(L, stmt_index);
            luaL_pushfail(L);
            lua_pushfstring(L, "%s names several documents; use an id (see quarry list)", name);
            return 2;
        }
        return 1;
    }
    if (qstore_is_digits(name)) {
        qstore_push_stmt(L, store, store_document_by_id(store, strtoll(name, NULL, 10)));
        if (qstore_first_document(L, -1)) {
            qstmt_finish(L, -2);
            return 1;
        }
    }
    luaL_pushfail(L);
    lua_pushfstring(L, "no document named %s", name);
    return 2;
}

/* db:search(query [, limit | {limit=, open=, close=}]): an array of hits
   {document, name, title, rank, score, snippet}, best first; nil and a
   message when the query is not valid. */
static int qstore_search(lua_State *L)
{
    struct store *store = qdb_check(L, 1);
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
    qstmt_push(L, stmt, 1);
    int stmt_index = lua_gettop(L);
    lua_newtable(L);
    qjson_mark_array(L, -1);
    for (lua_Integer rank = 1; qstmt_step(L, stmt_index); rank++) {
        lua_createtable(L, 0, 6);
        qstore_push_stmt(L, store, store_document_by_id(store, sqlite3_column_int64(stmt, STORE_HIT_ID)));
        if (qstore_first_document(L, -1))
            lua_setfield(L, -3, "document");
        qstmt_finish(L, -1);
        lua_pop(L, 1); /* the document's statement */
        qstmt_push_column(L, stmt, STORE_HIT_NAME);
        lua_setfield(L, -2, "name");
        qstmt_push_column(L, stmt, STORE_HIT_TITLE);
        lua_setfield(L, -2, "title");
        lua_pushinteger(L, rank);
        lua_setfield(L, -2, "rank");
        qstmt_push_column(L, stmt, STORE_HIT_SCORE);
        lua_setfield(L, -2, "score");
        qstmt_push_column(L, stmt, STORE_HIT_SNIPPET);
        lua_setfield(L, -2, "snippet");
        lua_rawseti(L, -2, rank);
    }
    return 1;
}

static void qstore_bind(lua_State *L, sqlite3_stmt *stmt, int first, int count)
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
static int qstore_query(lua_State *L)
{
    struct store *store = qdb_check(L, 1);
    const char *sql = luaL_checkstring(L, 2);
    int count = lua_gettop(L) - 2;
    sqlite3_stmt *stmt = store_prepare_query(store, sql);
    if (stmt == NULL)
        return luaL_error(L, "%s", store_error(store));
    qstmt_push(L, stmt, 1);
    int stmt_index = lua_gettop(L);
    qstore_bind(L, stmt, 3, count);
    int columns = sqlite3_column_count(stmt);
    lua_newtable(L); /* rows */
    qjson_mark_array(L, -1);
    lua_createtable(L, columns, 0); /* names */
    for (int c = 0; c < columns; c++) {
        lua_pushstring(L, sqlite3_column_name(stmt, c));
        lua_rawseti(L, -2, c + 1);
    }
    for (lua_Integer row = 1; qstmt_step(L, stmt_index); row++) {
        lua_createtable(L, 0, columns);
        for (int c = 0; c < columns; c++) {
            qstmt_push_column(L, stmt, c);
            lua_setfield(L, -2, sqlite3_column_name(stmt, c));
        }
        lua_rawseti(L, -3, row);
    }
    return 2;
}

static int qstore_count(lua_State *L)
{
    struct store *store = qdb_check(L, 1);
    int64_t count = store_document_count(store);
    if (count < 0)
        return luaL_error(L, "%s", store_error(store));
    lua_pushinteger(L, (lua_Integer)count);
    return 1;
}

/* db:begin(), db:commit(), db:rollback(): group writes in one transaction. */
static int qstore_begin(lua_State *L)
{
    struct store *store = qdb_check(L, 1);
    if (store_begin(store) != 0)
        return luaL_error(L, "%s", store_error(store));
    return 0;
}

static int qstore_commit(lua_State *L)
{
    struct store *store = qdb_check(L, 1);
    if (store_commit(store) != 0)
        return luaL_error(L, "%s", store_error(store));
    return 0;
}

static int qstore_rollback(lua_State *L)
{
    store_rollback(qdb_check(L, 1));
    return 0;
}

/* Reads field name of the table at index as a string; raises naming the row. */
static const char *qstore_row_string(lua_State *L, int index, lua_Integer row,
                                     const char *name, size_t *len)
{
    lua_getfield(L, index, name);
    if (lua_type(L, -1) != LUA_TSTRING)
        luaL_error(L, "annotation %I: field '%s' must be a string", row, name);
    return lua_tolstring(L, -1, len);
}

static lua_Integer qstore_row_integer(lua_State *L, int index, lua_Integer row,
                                      const char *name)
{
    lua_getfield(L, index, name);
    if (!lua_isinteger(L, -1))
        luaL_error(L, "annotation %I: field '%s' must be an integer", row, name);
    lua_Integer value = lua_tointeger(L, -1);
    lua_pop(L, 1);
    return value;
}

/* Checks every row and encodes its value, so nothing can raise once the
   writing starts. Leaves an array of JSON strings (or false) on the stack. */
static void qstore_check_rows(lua_State *L, int rows, lua_Integer count, size_t text_len)
{
    lua_createtable(L, (int)count, 0);
    for (lua_Integer i = 1; i <= count; i++) {
        if (lua_rawgeti(L, rows, i) != LUA_TTABLE)
            luaL_error(L, "annotation %I is not a table", i);
        int row = lua_gettop(L);
        lua_Integer start = qstore_row_integer(L, row, i, "start");
        lua_Integer end = qstore_row_integer(L, row, i, "end");
        if (start < 0 || end < start || (size_t)end > text_len)
            luaL_error(L, "annotation %I: span %I..%I is outside the text", i, start, end);
        qstore_row_string(L, row, i, "type", NULL);
        qstore_row_string(L, row, i, "rule", NULL);
        qstore_row_string(L, row, i, "rule_version", NULL);
        lua_pop(L, 3);
        lua_getfield(L, row, "beaten_by");
        if (!lua_isnil(L, -1) && (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1
                                  || lua_tointeger(L, -1) > count || lua_tointeger(L, -1) == i))
            luaL_error(L, "annotation %I: beaten_by must be the index of another annotation", i);
        lua_pop(L, 1);
        lua_getfield(L, row, "reason");
        if (!lua_isnil(L, -1) && lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "annotation %I: reason must be a string", i);
        lua_pop(L, 1);
        /* value_json, when given, is the value's JSON text, stored as it
           is: what import and extract --jobs read back from JSON Lines,
           where decoding would drop members that are null */
        lua_getfield(L, row, "value_json");
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            lua_getfield(L, row, "value");
            if (lua_isnil(L, -1))
                lua_pushboolean(L, 0);
            else
                qjson_encode_value(L, -1);
        } else if (lua_type(L, -1) != LUA_TSTRING) {
            luaL_error(L, "annotation %I: value_json must be a string", i);
        } else {
            lua_pushvalue(L, -1);
        }
        lua_rawseti(L, -4, i);
        lua_pop(L, 2); /* value, row */
    }
}

/* Writes the checked rows; returns 0, or -1 with the store's error set. */
static int qstore_put_rows(lua_State *L, struct store *store, int64_t document,
                           const char *text, int rows, int values, lua_Integer count)
{
    lua_createtable(L, (int)count, 0); /* ids */
    int ids = lua_gettop(L);
    for (lua_Integer i = 1; i <= count; i++) {
        struct store_annotation a = {.document = document};
        lua_rawgeti(L, rows, i);
        int row = lua_gettop(L);
        a.start = (size_t)qstore_row_integer(L, row, i, "start");
        a.end = (size_t)qstore_row_integer(L, row, i, "end");
        a.type = qstore_row_string(L, row, i, "type", NULL);
        a.rule = qstore_row_string(L, row, i, "rule", NULL);
        a.rule_version = qstore_row_string(L, row, i, "rule_version", NULL);
        lua_getfield(L, row, "reason");
        a.reason = lua_tostring(L, -1);
        lua_rawgeti(L, values, i);
        a.value_json = lua_tostring(L, -1);
        a.text = text + a.start;
        a.text_len = a.end - a.start;
        int64_t id = store_put_annotation(store, &a);
        lua_settop(L, ids);
        if (id < 0)
            return -1;
        lua_pushinteger(L, (lua_Integer)id);
        lua_rawseti(L, ids, i);
    }
    for (lua_Integer i = 1; i <= count; i++) {
        lua_rawgeti(L, rows, i);
        lua_getfield(L, -1, "beaten_by");
        if (!lua_isnil(L, -1)) {
            lua_rawgeti(L, ids, i);
            lua_rawgeti(L, ids, lua_tointeger(L, -2));
            if (store_set_beaten_by(store, lua_tointeger(L, -2), lua_tointeger(L, -1)) != 0)
                return -1;
        }
        lua_settop(L, ids);
    }
    return 0;
}

/* db:write_annotations(doc, annotations, runs): replaces everything the
   rules stored for a document, in one savepoint. annotations is an array
   of {type, start, end, value (or value_json: its JSON text), rule,
   rule_version [, beaten_by = index of the annotation that beat it]
   [, reason]}; the annotated text is taken
   from the stored document. runs is {rule name = version}. */
static int qstore_write_annotations(lua_State *L)
{
    struct store *store = qdb_check(L, 1);
    luaL_checktype(L, 3, LUA_TTABLE);
    luaL_checktype(L, 4, LUA_TTABLE);
    lua_getfield(L, 2, "id");
    int64_t document = (int64_t)luaL_checkinteger(L, -1);
    lua_getfield(L, 2, "text");
    size_t text_len;
    const char *text = luaL_checklstring(L, -1, &text_len);
    lua_Integer count = luaL_len(L, 3);
    qstore_check_rows(L, 3, count, text_len);
    int values = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, 4) != 0) {
        if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
            return luaL_error(L, "runs must map rule names to version strings");
        lua_pop(L, 1);
    }
    if (store_savepoint(store) != 0)
        return luaL_error(L, "%s", store_error(store));
    int status = store_clear_annotations(store, document);
    if (status == 0)
        status = qstore_put_rows(L, store, document, text, 3, values, count);
    lua_settop(L, values);
    lua_pushnil(L);
    while (status == 0 && lua_next(L, 4) != 0) {
        status = store_put_rule_run(store, document, lua_tostring(L, -2), lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    if (status == 0 && store_release(store) == 0)
        return 0;
    lua_pushstring(L, store_error(store));
    store_rollback_savepoint(store);
    return lua_error(L);
}

/* db:set_rule_files({rule name = file}): which file each rule was loaded
   from, kept in rule_files. */
static int qstore_set_rule_files(lua_State *L)
{
    struct store *store = qdb_check(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, 2) != 0) {
        if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
            return luaL_error(L, "set_rule_files takes {rule name = file}");
        if (store_put_rule_file(store, lua_tostring(L, -2), lua_tostring(L, -1)) != 0)
            return luaL_error(L, "%s", store_error(store));
        lua_pop(L, 1);
    }
    return 0;
}

/* db:remove(doc or id): deletes the document with its regions,
   annotations, rule runs and full-text entry; true, or false when no
   document has that id. */
static int qstore_remove(lua_State *L)
{
    struct store *store = qdb_check(L, 1);
    int64_t document;
    if (lua_isinteger(L, 2)) {
        document = (int64_t)lua_tointeger(L, 2);
    } else {
        luaL_argexpected(L, lua_isuserdata(L, 2) || lua_istable(L, 2), 2, "document or id");
        lua_getfield(L, 2, "id");
        document = (int64_t)luaL_checkinteger(L, -1);
    }
    int removed = store_remove_document(store, document);
    if (removed < 0)
        return luaL_error(L, "%s", store_error(store));
    lua_pushboolean(L, removed > 0);
    return 1;
}

/* db:deadline(seconds): statements running longer are interrupted;
   db:deadline() lifts it. */
static int qstore_deadline(lua_State *L)
{
    struct store *store = qdb_check(L, 1);
    store_set_deadline(store, luaL_optnumber(L, 2, 0));
    return 0;
}

static const luaL_Reg qstore_methods[] = {
    {"deadline", qstore_deadline},
    {"remove", qstore_remove},
    {"set_rule_files", qstore_set_rule_files},
    {"begin", qstore_begin},
    {"commit", qstore_commit},
    {"rollback", qstore_rollback},
    {"write_annotations", qstore_write_annotations},
    {"documents", qstore_documents},
    {"document", qstore_document},
    {"search", qstore_search},
    {"query", qstore_query},
    {"count", qstore_count},
    {NULL, NULL},
};

void qstore_register(lua_State *L)
{
    qdb_register(L, qstore_methods);
}
