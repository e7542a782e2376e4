/* lua_doc.c: quarry.doc, a stored document seen from Lua. Its metadata is
   read with it; its text is read on first use and kept. */
#include <lauxlib.h>
#include <stdbool.h>
#include <string.h>

#include "lua_doc.h"

#include "lua_db.h"
#include "lua_json.h"
#include "lua_stmt.h"

struct qdoc {
    int64_t id;
};

/* User values: 1 = the db (kept alive while the document is), 2 = fields. */
#define QDOC_DB 1
#define QDOC_FIELDS 2

#define qdoc_at(L, i) ((struct qdoc *)luaL_checkudata(L, i, QDOC_TYPE))

static const char *const qdoc_field_names[STORE_DOC_COLUMNS] = {
    [STORE_DOC_ID] = "id", [STORE_DOC_NAME] = "name", [STORE_DOC_SOURCE] = "source",
    [STORE_DOC_TITLE] = "title", [STORE_DOC_PUBLISHED] = "published",
    [STORE_DOC_SHA256] = "sha256", [STORE_DOC_FORMAT] = "format",
    [STORE_DOC_INGESTED_AT] = "ingested_at", [STORE_DOC_BYTES] = "bytes",
};

void qdoc_push_row(lua_State *L, sqlite3_stmt *stmt, int db_index)
{
    db_index = lua_absindex(L, db_index);
    struct qdoc *doc = lua_newuserdatauv(L, sizeof *doc, 2);
    doc->id = sqlite3_column_int64(stmt, STORE_DOC_ID);
    luaL_setmetatable(L, QDOC_TYPE);
    lua_pushvalue(L, db_index);
    lua_setiuservalue(L, -2, QDOC_DB);
    lua_createtable(L, 0, STORE_DOC_COLUMNS + 1);
    for (int c = 0; c < STORE_DOC_COLUMNS; c++) {
        qstmt_push_column(L, stmt, c);
        lua_setfield(L, -2, qdoc_field_names[c]);
    }
    lua_setiuservalue(L, -2, QDOC_FIELDS);
}

/* Pushes the document's db and returns its open store (raises if closed). */
static struct store *qdoc_store(lua_State *L, int index)
{
    lua_getiuservalue(L, index, QDOC_DB);
    return qdb_check(L, -1);
}

/* Wraps a statement from store.c for the document's db, which qdoc_store
   left on the top of the stack; raises with the store's message when there
   is none. Returns the statement's stack index. */
static int qdoc_push_stmt(lua_State *L, struct store *store, sqlite3_stmt *stmt)
{
    if (stmt == NULL)
        luaL_error(L, "%s", store_error(store));
    qstmt_push(L, stmt, -1);
    return lua_gettop(L);
}

/* doc.text: read once from the store, then kept in the fields table. */
static void qdoc_push_text(lua_State *L, int index)
{
    struct qdoc *doc = qdoc_at(L, index);
    struct store *store = qdoc_store(L, index);
    sqlite3_stmt *stmt = store_document_text(store, doc->id);
    qdoc_push_stmt(L, store, stmt);
    if (!qstmt_step(L, -1))
        luaL_error(L, "document %I is no longer stored", (lua_Integer)doc->id);
    qstmt_push_column(L, stmt, 0);
    qstmt_finish(L, -2);
    lua_getiuservalue(L, index, QDOC_FIELDS);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "text");
    lua_pop(L, 1);
}

static int qdoc_index(lua_State *L)
{
    qdoc_at(L, 1);
    if (luaL_getmetafield(L, 1, "methods") != LUA_TNIL) {
        lua_pushvalue(L, 2);
        if (lua_rawget(L, -2) != LUA_TNIL)
            return 1;
    }
    lua_getiuservalue(L, 1, QDOC_FIELDS);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, -2) != LUA_TNIL)
        return 1;
    if (lua_type(L, 2) == LUA_TSTRING && strcmp(lua_tostring(L, 2), "text") == 0) {
        qdoc_push_text(L, 1);
        return 1;
    }
    lua_pushnil(L);
    return 1;
}

static int qdoc_newindex(lua_State *L)
{
    qdoc_at(L, 1);
    return luaL_error(L, "document fields are read-only (stored documents are never rewritten)");
}

static int qdoc_tostring(lua_State *L)
{
    struct qdoc *doc = qdoc_at(L, 1);
    lua_getiuservalue(L, 1, QDOC_FIELDS);
    lua_getfield(L, -1, "name");
    lua_pushfstring(L, "quarry.doc %I (%s)", (lua_Integer)doc->id, lua_tostring(L, -1));
    return 1;
}

static int qdoc_eq(lua_State *L)
{
    lua_pushboolean(L, qdoc_at(L, 1)->id == qdoc_at(L, 2)->id);
    return 1;
}

/* The annotation fields by column; the document's id is not repeated. */
static const char *const qdoc_annotation_fields[STORE_ANNOTATION_COLUMNS] = {
    [STORE_ANNOTATION_ID] = "id", [STORE_ANNOTATION_DOCUMENT] = NULL,
    [STORE_ANNOTATION_TYPE] = "type", [STORE_ANNOTATION_START] = "start",
    [STORE_ANNOTATION_END] = "end", [STORE_ANNOTATION_TEXT] = "text",
    [STORE_ANNOTATION_VALUE] = "value", [STORE_ANNOTATION_RULE] = "rule",
    [STORE_ANNOTATION_RULE_VERSION] = "rule_version",
    [STORE_ANNOTATION_BEATEN_BY] = "beaten_by", [STORE_ANNOTATION_REASON] = "reason",
};

/* Pushes the annotations of the document at index 1 as an array of tables. */
static int qdoc_push_annotations(lua_State *L, const char *type, bool candidates)
{
    struct qdoc *doc = qdoc_at(L, 1);
    struct store *store = qdoc_store(L, 1);
    sqlite3_stmt *stmt = store_annotations(store, doc->id, type, candidates);
    /* an annotation that stands has no beaten_by nor reason to show */
    int fields = candidates ? STORE_ANNOTATION_COLUMNS : STORE_ANNOTATION_BEATEN_BY;
    int stmt_index = qdoc_push_stmt(L, store, stmt);
    lua_newtable(L);
    qjson_mark_array(L, -1);
    for (lua_Integer n = 1; qstmt_step(L, stmt_index); n++) {
        lua_createtable(L, 0, fields);
        for (int c = 0; c < fields; c++) {
            if (qdoc_annotation_fields[c] == NULL)
                continue;
            if (c == STORE_ANNOTATION_VALUE && sqlite3_column_type(stmt, c) == SQLITE_TEXT)
                qjson_decode_text(L, (const char *)sqlite3_column_text(stmt, c),
                                  (size_t)sqlite3_column_bytes(stmt, c));
            else
                qstmt_push_column(L, stmt, c);
            lua_setfield(L, -2, qdoc_annotation_fields[c]);
        }
        lua_rawseti(L, -2, n);
    }
    return 1;
}

/* doc:annotations([type]): the annotations that stand, as an array of
   {id, type, start, end, text, value, rule, rule_version} in text order;
   value is decoded from JSON. start and end are 0-based byte offsets, end
   exclusive, as in the export format. */
static int qdoc_annotations(lua_State *L)
{
    return qdoc_push_annotations(L, luaL_optstring(L, 2, NULL), false);
}

/* doc:candidates([type]): every match the rules found, also the ones the
   overlap policy set aside: those have beaten_by (the id of the annotation
   that won) and reason. */
static int qdoc_candidates(lua_State *L)
{
    return qdoc_push_annotations(L, luaL_optstring(L, 2, NULL), true);
}

/* doc:rule_runs(): {rule name = version} of the rules run on the document. */
static int qdoc_rule_runs(lua_State *L)
{
    struct qdoc *doc = qdoc_at(L, 1);
    struct store *store = qdoc_store(L, 1);
    sqlite3_stmt *stmt = store_rule_runs(store, doc->id);
    int stmt_index = qdoc_push_stmt(L, store, stmt);
    lua_newtable(L);
    while (qstmt_step(L, stmt_index)) {
        qstmt_push_column(L, stmt, STORE_RULE_RUN_VERSION);
        lua_setfield(L, -2, (const char *)sqlite3_column_text(stmt, STORE_RULE_RUN_RULE));
    }
    return 1;
}

/* doc:regions(): the structural regions the loader found (HTML nav, aside,
   footer, ...) as an array of {kind, start, end}. */
static int qdoc_regions(lua_State *L)
{
    struct qdoc *doc = qdoc_at(L, 1);
    struct store *store = qdoc_store(L, 1);
    sqlite3_stmt *stmt = store_regions(store, doc->id);
    int stmt_index = qdoc_push_stmt(L, store, stmt);
    lua_newtable(L);
    qjson_mark_array(L, -1);
    for (lua_Integer n = 1; qstmt_step(L, stmt_index); n++) {
        lua_createtable(L, 0, 3);
        qstmt_push_column(L, stmt, STORE_REGION_KIND);
        lua_setfield(L, -2, "kind");
        qstmt_push_column(L, stmt, STORE_REGION_START);
        lua_setfield(L, -2, "start");
        qstmt_push_column(L, stmt, STORE_REGION_END);
        lua_setfield(L, -2, "end");
        lua_rawseti(L, -2, n);
    }
    return 1;
}

static const luaL_Reg qdoc_methods[] = {
    {"annotations", qdoc_annotations},
    {"candidates", qdoc_candidates},
    {"rule_runs", qdoc_rule_runs},
    {"regions", qdoc_regions},
    {NULL, NULL},
};

static const luaL_Reg qdoc_metamethods[] = {
    {"__index", qdoc_index},
    {"__newindex", qdoc_newindex},
    {"__tostring", qdoc_tostring},
    {"__eq", qdoc_eq},
    {NULL, NULL},
};

void qdoc_register(lua_State *L)
{
    if (luaL_newmetatable(L, QDOC_TYPE)) {
        luaL_setfuncs(L, qdoc_metamethods, 0);
        luaL_newlib(L, qdoc_methods);
        lua_setfield(L, -2, "methods");
    }
    lua_pop(L, 1);
}
