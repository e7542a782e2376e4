/* lua_format.c: quarry.format_table, the Lua side's way to the one table
   writer (core/format.c) that the C commands print through, so a CSV cell,
   a TSV escape or an aligned column is written the same way everywhere:
   by list, search and query, by cli.render (rules list, report --list,
   the REPL) and by the reports' csv and tsv. */
#include <lauxlib.h>

#include "format.h"
#include "lua_format.h"

#define QFORMAT_BOX "quarry.format_box"

/* __gc and __close of the box that owns a format_table while it is filled
   and written (filling can raise: a bad cell, a memory error). */
static int qformat_box_close(lua_State *L)
{
    struct format_table **box = luaL_checkudata(L, 1, QFORMAT_BOX);
    format_table_free(*box);
    *box = NULL;
    return 0;
}

static void qformat_put(void *context, const char *text, size_t len)
{
    luaL_addlstring(context, text, len);
}

/* The string at index i of the table at index t; raises naming what when
   it is not a string (numbers are not converted: the caller decides how a
   number reads). nil is NULL when nil_ok. */
static const char *qformat_cell(lua_State *L, int t, lua_Integer i, bool nil_ok,
                                const char *what)
{
    int type = lua_rawgeti(L, t, i);
    const char *text = type == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1); /* the string is still held by the table */
    if (type != LUA_TSTRING && !(nil_ok && type == LUA_TNIL))
        luaL_error(L, "quarry.format_table: %s %d is a %s, not a string", what, (int)i,
                   lua_typename(L, type));
    return text;
}

/* quarry.format_table(columns, rows, format [, look]): the text of rows (a
   list of lists of strings, nil for an empty cell) under the column names
   as "table", "csv", "tsv" or "json"; look is "records" (as list and query
   print) or "listing" (as the Lua commands and the REPL print). */
static int qformat_table(lua_State *L)
{
    static const char *const looks[] = {"records", "listing", NULL};
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    enum format_kind kind;
    if (format_parse(luaL_checkstring(L, 3), &kind) != 0)
        return luaL_argerror(L, 3, "table, csv, tsv or json");
    const struct format_look *look = luaL_checkoption(L, 4, "records", looks) == 0
                                         ? &format_look_records
                                         : &format_look_listing;
    lua_Unsigned columns = lua_rawlen(L, 1), rows = lua_rawlen(L, 2);
    struct format_table **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = NULL;
    luaL_setmetatable(L, QFORMAT_BOX);
    lua_toclose(L, -1);
    const char **names = lua_newuserdatauv(L, sizeof *names * (columns ? columns : 1), 0);
    for (lua_Unsigned c = 0; c < columns; c++)
        names[c] = qformat_cell(L, 1, (lua_Integer)c + 1, false, "column");
    if ((*box = format_table_new(columns, names)) == NULL)
        return luaL_error(L, "not enough memory");
    lua_pop(L, 1); /* names */
    for (lua_Unsigned r = 1; r <= rows; r++) {
        if (lua_rawgeti(L, 2, (lua_Integer)r) != LUA_TTABLE)
            return luaL_error(L, "quarry.format_table: row %d is not a table", (int)r);
        int row = lua_gettop(L);
        for (lua_Unsigned c = 1; c <= columns; c++) {
            const char *text = qformat_cell(L, row, (lua_Integer)c, true, "cell");
            if (format_table_add(*box, text ? SQLITE_TEXT : SQLITE_NULL, text) != 0)
                return luaL_error(L, "not enough memory");
        }
        lua_pop(L, 1);
    }
    luaL_Buffer text;
    luaL_buffinit(L, &text);
    if (format_table_write(*box, kind, look, qformat_put, &text) != 0)
        return luaL_error(L, "not enough memory");
    luaL_pushresult(&text);
    return 1;
}

void qformat_register(lua_State *L)
{
    if (luaL_newmetatable(L, QFORMAT_BOX)) {
        lua_pushcfunction(L, qformat_box_close);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, qformat_box_close);
        lua_setfield(L, -2, "__close");
    }
    lua_pop(L, 1);
    lua_pushcfunction(L, qformat_table);
    lua_setfield(L, -2, "format_table");
}
