/* lua_gazetteer.c: quarry.gazetteer, the Lua face of gazetteer.c.

     quarry.gazetteer.new(entries)   entries: strings or {text, case = "exact"|"fold"}
     quarry.gazetteer.load(path)     a tab-separated file -> matcher, entries
     m:find(text [, init [, stop]])  {{start =, ["end"] =, ids = {...}}, ...}
     m:find_flat(text [, init [, stop]])  {s1, e1, id1, s2, e2, id2, ...}
     m:match_at(text, pos)           end + 1 and first id, or nil (for lpeg.Cmt)
     #m, tostring(m), m:close()

   Offsets in results are 0-based with exclusive ends, like annotations;
   init, stop and pos are 1-based string positions, like string.find's
   (negative ones count from the end). Entry ids are 1-based indices into
   the entries given to new() or returned by load(); find lists every
   entry that matches a span (an exact and a folded spelling, a name shared
   by a country and a state), find_flat and match_at the first.

   A gazetteer file is UTF-8 text with tab-separated columns; lines that
   start with '#' and blank lines are skipped; the first other line names
   the columns. "surface" (required) is the text to find, "case" (optional)
   is exact or fold per line (empty: exact), and every other column is a
   value field. load() returns each line as {surface =, case =, <column> =}
   with empty cells left out. */
#include <errno.h>
#include <lauxlib.h>
#include <stdio.h>
#include <string.h>

#include "gazetteer.h"
#include "lua_gazetteer.h"
#include "text.h"

#define QGAZETTEER "quarry.gazetteer"
#define QGAZETTEER_FILE "quarry.gazetteer.file"

/* How many ids find() collects without an extra buffer. */
#define QGAZETTEER_IDS 16

struct qgazetteer {
    struct gazetteer *gazetteer; /* NULL once closed */
};

#define qgazetteer_at(L, i) ((struct qgazetteer *)luaL_checkudata(L, i, QGAZETTEER))

/* The open matcher at index; raises on a closed one. */
static struct gazetteer *qgazetteer_check(lua_State *L, int index)
{
    struct qgazetteer *box = qgazetteer_at(L, index);
    if (box->gazetteer == NULL)
        luaL_error(L, "attempt to use a closed gazetteer");
    return box->gazetteer;
}

/* Pushes a matcher built over count entries, or raises when out of
   memory. The box is born closed, so a failure leaves nothing to free. */
static void qgazetteer_push(lua_State *L, const struct gazetteer_entry *entries, size_t count)
{
    struct qgazetteer *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->gazetteer = NULL;
    luaL_setmetatable(L, QGAZETTEER);
    box->gazetteer = gazetteer_new(entries, count, NULL, NULL);
    if (box->gazetteer == NULL)
        luaL_error(L, "not enough memory to build a gazetteer of %I entries", (lua_Integer)count);
}

/* Scratch room for count entries, owned by the Lua stack (so an error
   while filling it leaks nothing); pushes it. */
static struct gazetteer_entry *qgazetteer_scratch(lua_State *L, size_t count)
{
    if (count >= UINT32_MAX - 2 || count > SIZE_MAX / sizeof(struct gazetteer_entry) - 1)
        luaL_error(L, "too many gazetteer entries");
    return lua_newuserdatauv(L, (count + 1) * sizeof(struct gazetteer_entry), 0);
}

/* Parses a case name; returns false when it is neither "exact" nor "fold". */
static bool qgazetteer_parse_case(const char *name, size_t len, enum gazetteer_case *result)
{
    if (len == 5 && memcmp(name, "exact", 5) == 0)
        *result = GAZETTEER_EXACT;
    else if (len == 4 && memcmp(name, "fold", 4) == 0)
        *result = GAZETTEER_FOLD;
    else
        return false;
    return true;
}

/* Reads entries[i] (a string, or a table with the text at [1] or .surface
   and an optional case) into entry; raises on a malformed one. Only raw
   accesses, so the strings stay anchored in the entries table. */
static void qgazetteer_read_entry(lua_State *L, lua_Integer i, struct gazetteer_entry *entry)
{
    entry->match_case = GAZETTEER_EXACT;
    switch (lua_rawgeti(L, 1, i)) {
    case LUA_TSTRING:
        entry->text = lua_tolstring(L, -1, &entry->len);
        break;
    case LUA_TTABLE: {
        int type = lua_rawgeti(L, -1, 1);
        if (type == LUA_TNIL) {
            lua_pop(L, 1);
            lua_pushliteral(L, "surface");
            type = lua_rawget(L, -2);
        }
        if (type != LUA_TSTRING)
            luaL_argerror(L, 1, lua_pushfstring(L, "entry %I has no text (a string at [1])", i));
        entry->text = lua_tolstring(L, -1, &entry->len);
        lua_pushliteral(L, "case");
        type = lua_rawget(L, -3);
        if (type != LUA_TNIL) {
            size_t len;
            const char *name = lua_tolstring(L, -1, &len);
            if (type != LUA_TSTRING || !qgazetteer_parse_case(name, len, &entry->match_case))
                luaL_argerror(L, 1, lua_pushfstring(L, "entry %I: case must be \"exact\" or \"fold\"", i));
        }
        lua_pop(L, 2);
        break;
    }
    default:
        luaL_argerror(L, 1, lua_pushfstring(L, "entry %I is a %s (expected a string or a table)",
                                            i, luaL_typename(L, -1)));
    }
    lua_pop(L, 1);
    if (entry->len == 0)
        luaL_argerror(L, 1, lua_pushfstring(L, "entry %I is empty", i));
    if (text_utf8_invalid_at(entry->text, entry->len) != entry->len)
        luaL_argerror(L, 1, lua_pushfstring(L, "entry %I is not valid UTF-8", i));
}

/* quarry.gazetteer.new(entries): a matcher; raises on malformed entries. */
static int qgazetteer_new(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    size_t count = (size_t)lua_rawlen(L, 1);
    struct gazetteer_entry *entries = qgazetteer_scratch(L, count);
    for (size_t i = 0; i < count; i++)
        qgazetteer_read_entry(L, (lua_Integer)i + 1, &entries[i]);
    qgazetteer_push(L, entries, count);
    return 1;
}

/* Turns string.find-style init and string.sub-style stop arguments (at
   init_arg and init_arg + 1) into the byte range [*start, *stop); returns
   false when the range is empty. */
static bool qgazetteer_range(lua_State *L, int init_arg, size_t len, size_t *start,
                             size_t *stop)
{
    lua_Integer init = luaL_optinteger(L, init_arg, 1);
    lua_Integer last = luaL_optinteger(L, init_arg + 1, -1);
    lua_Integer n = (lua_Integer)len;
    if (init < 0)
        init = init < -n ? 1 : n + init + 1;
    else if (init == 0)
        init = 1;
    if (last < 0)
        last = last < -n ? 0 : n + last + 1;
    else if (last > n)
        last = n;
    if (init > last)
        return false;
    *start = (size_t)init - 1;
    *stop = (size_t)last;
    return true;
}

/* m:find(text [, init [, stop]]): every match, leftmost-longest and not
   overlapping, as {start = s, ["end"] = e, ids = {i, ...}} with all the
   entries that match the span, ascending. */
static int qgazetteer_find(lua_State *L)
{
    struct gazetteer *g = qgazetteer_check(L, 1);
    size_t len, from, stop;
    const char *text = luaL_checklstring(L, 2, &len);
    bool any = qgazetteer_range(L, 3, len, &from, &stop);
    struct gazetteer_match match;
    uint32_t some[QGAZETTEER_IDS];

    lua_settop(L, 4);
    lua_newtable(L); /* results at 5 */
    for (lua_Integer n = 1; any && gazetteer_next(g, text, len, &from, stop, &match); n++) {
        lua_createtable(L, 0, 3);
        lua_pushinteger(L, (lua_Integer)match.start);
        lua_setfield(L, -2, "start");
        lua_pushinteger(L, (lua_Integer)match.end);
        lua_setfield(L, -2, "end");
        uint32_t *ids = some;
        size_t total = gazetteer_match_ids(g, text, &match, ids, QGAZETTEER_IDS);
        if (total > QGAZETTEER_IDS) { /* results, match, buffer */
            ids = lua_newuserdatauv(L, total * sizeof *ids, 0);
            gazetteer_match_ids(g, text, &match, ids, total);
        }
        lua_createtable(L, (int)total, 0);
        for (size_t k = 0; k < total; k++) {
            lua_pushinteger(L, (lua_Integer)ids[k] + 1);
            lua_rawseti(L, -2, (lua_Integer)k + 1);
        }
        lua_setfield(L, 6, "ids");
        lua_settop(L, 6);
        lua_rawseti(L, 5, n);
    }
    return 1;
}

/* m:find_flat(text [, init [, stop]]): the same matches as find, as one
   flat array {s1, e1, id1, s2, e2, id2, ...} with the first id of each. */
static int qgazetteer_find_flat(lua_State *L)
{
    struct gazetteer *g = qgazetteer_check(L, 1);
    size_t len, from, stop;
    const char *text = luaL_checklstring(L, 2, &len);
    bool any = qgazetteer_range(L, 3, len, &from, &stop);
    struct gazetteer_match match;

    lua_newtable(L);
    for (lua_Integer n = 0; any && gazetteer_next(g, text, len, &from, stop, &match); n += 3) {
        lua_pushinteger(L, (lua_Integer)match.start);
        lua_rawseti(L, -2, n + 1);
        lua_pushinteger(L, (lua_Integer)match.end);
        lua_rawseti(L, -2, n + 2);
        lua_pushinteger(L, (lua_Integer)match.first_id + 1);
        lua_rawseti(L, -2, n + 3);
    }
    return 1;
}

/* m:match_at(text, pos): the position after the longest entry starting
   at pos (1-based) and that entry's id, or nil; fits lpeg.Cmt. */
static int qgazetteer_match_at(lua_State *L)
{
    struct gazetteer *g = qgazetteer_check(L, 1);
    size_t len;
    const char *text = luaL_checklstring(L, 2, &len);
    lua_Integer pos = luaL_checkinteger(L, 3);
    struct gazetteer_match match;

    luaL_argcheck(L, pos >= 1, 3, "position must be at least 1");
    if ((lua_Unsigned)pos - 1 >= len
        || !gazetteer_match_at(g, text, len, (size_t)pos - 1, len, &match)) {
        luaL_pushfail(L);
        return 1;
    }
    lua_pushinteger(L, (lua_Integer)match.end + 1);
    lua_pushinteger(L, (lua_Integer)match.first_id + 1);
    return 2;
}

/* __gc, __close and close(): idempotent. */
static int qgazetteer_close(lua_State *L)
{
    struct qgazetteer *box = qgazetteer_at(L, 1);
    gazetteer_free(box->gazetteer);
    box->gazetteer = NULL;
    return 0;
}

static int qgazetteer_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)gazetteer_count(qgazetteer_check(L, 1)));
    return 1;
}

static int qgazetteer_tostring(lua_State *L)
{
    struct qgazetteer *box = qgazetteer_at(L, 1);
    if (box->gazetteer == NULL)
        lua_pushliteral(L, "quarry.gazetteer (closed)");
    else
        lua_pushfstring(L, "quarry.gazetteer (%I entries, %I KB)",
                        (lua_Integer)gazetteer_count(box->gazetteer),
                        (lua_Integer)(gazetteer_memory(box->gazetteer) / 1024));
    return 1;
}

/* The FILE * box of load(): closed by __close, or by __gc after an error. */
static int qgazetteer_file_close(lua_State *L)
{
    FILE **box = luaL_checkudata(L, 1, QGAZETTEER_FILE);
    if (*box != NULL)
        fclose(*box);
    *box = NULL;
    return 0;
}

/* Pushes the contents of the file at path and returns true, or pushes nil
   and a message and returns false. */
static bool qgazetteer_read_file(lua_State *L, const char *path)
{
    FILE **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = NULL;
    luaL_setmetatable(L, QGAZETTEER_FILE);
    int box_index = lua_gettop(L);
    lua_toclose(L, box_index);
    *box = fopen(path, "rb");
    if (*box == NULL) {
        int error = errno;
        lua_closeslot(L, box_index);
        lua_pop(L, 1);
        luaL_pushfail(L);
        lua_pushfstring(L, "cannot open %s: %s", path, strerror(error));
        return false;
    }
    luaL_Buffer buffer;
    luaL_buffinit(L, &buffer);
    size_t got;
    do {
        got = fread(luaL_prepbuffer(&buffer), 1, LUAL_BUFFERSIZE, *box);
        luaL_addsize(&buffer, got);
    } while (got == LUAL_BUFFERSIZE);
    if (ferror(*box)) {
        int error = errno;
        luaL_pushresult(&buffer);
        lua_closeslot(L, box_index);
        lua_settop(L, box_index - 1);
        luaL_pushfail(L);
        lua_pushfstring(L, "cannot read %s: %s", path, strerror(error));
        return false;
    }
    luaL_pushresult(&buffer);
    lua_closeslot(L, box_index);
    lua_remove(L, box_index);
    return true;
}

/* One line of a gazetteer file being parsed. */
struct qgazetteer_line {
    const char *text;
    size_t len;
    int number;
};

/* Splits off the next tab-separated cell of *rest (advancing it); returns
   false when the line is used up. */
static bool qgazetteer_next_cell(struct qgazetteer_line *rest, bool *done,
                                 const char **cell, size_t *cell_len)
{
    if (*done)
        return false;
    const char *tab = memchr(rest->text, '\t', rest->len);
    *cell = rest->text;
    if (tab == NULL) {
        *cell_len = rest->len;
        *done = true;
    } else {
        *cell_len = (size_t)(tab - rest->text);
        rest->len -= *cell_len + 1;
        rest->text = tab + 1;
    }
    return true;
}

static int qgazetteer_count_cells(const struct qgazetteer_line *line)
{
    int cells = 1;
    for (const char *p = line->text, *end = line->text + line->len;
         (p = memchr(p, '\t', (size_t)(end - p))) != NULL; p++)
        cells++;
    return cells;
}

/* Trims ASCII spaces around a cell. */
static void qgazetteer_trim(const char **cell, size_t *len)
{
    while (*len > 0 && (**cell == ' '))
        (*cell)++, (*len)--;
    while (*len > 0 && (*cell)[*len - 1] == ' ')
        (*len)--;
}

/* Parses the header line into an array of column names at the top of the
   stack; sets the surface and case columns (1-based, 0 when absent).
   Returns NULL or a message. */
static const char *qgazetteer_header(lua_State *L, struct qgazetteer_line line,
                                     int *surface_column, int *case_column)
{
    const char *cell;
    size_t len;
    bool done = false;
    int column = 0;

    *surface_column = *case_column = 0;
    lua_newtable(L); /* names */
    lua_newtable(L); /* seen: name -> true */
    while (qgazetteer_next_cell(&line, &done, &cell, &len)) {
        column++;
        qgazetteer_trim(&cell, &len);
        if (len == 0) {
            lua_pop(L, 1);
            return lua_pushfstring(L, "column %d has no name", column);
        }
        lua_pushlstring(L, cell, len);
        if (lua_rawget(L, -2) != LUA_TNIL) {
            lua_pop(L, 2);
            return lua_pushfstring(L, "column %d repeats the name %s", column,
                                   lua_pushlstring(L, cell, len));
        }
        lua_pop(L, 1);
        lua_pushlstring(L, cell, len);
        lua_pushboolean(L, 1);
        lua_rawset(L, -3);
        lua_pushlstring(L, cell, len);
        lua_rawseti(L, -3, column);
        if (len == 7 && memcmp(cell, "surface", 7) == 0)
            *surface_column = column;
        else if (len == 4 && memcmp(cell, "case", 4) == 0)
            *case_column = column;
    }
    lua_pop(L, 1);
    if (*surface_column == 0)
        return lua_pushliteral(L, "the header has no surface column");
    return NULL;
}

/* Parses a data line into an entry table pushed on the stack (names at
   names_index) and fills entry; returns NULL or a message. */
static const char *qgazetteer_row(lua_State *L, struct qgazetteer_line line,
                                  int names_index, int columns, int surface_column,
                                  int case_column, struct gazetteer_entry *entry)
{
    const char *cell;
    size_t len;
    bool done = false;
    int cells = qgazetteer_count_cells(&line);

    if (cells != columns)
        return lua_pushfstring(L, "expected %d columns, found %d", columns, cells);
    lua_createtable(L, 0, columns + 1);
    entry->match_case = GAZETTEER_EXACT;
    entry->len = 0;
    for (int column = 1; qgazetteer_next_cell(&line, &done, &cell, &len); column++) {
        if (column == case_column) {
            qgazetteer_trim(&cell, &len);
            if (len > 0 && !qgazetteer_parse_case(cell, len, &entry->match_case))
                return lua_pushfstring(L, "bad case value '%s' (expected exact or fold)",
                                       lua_pushlstring(L, cell, len));
            continue;
        }
        if (len == 0)
            continue;
        lua_rawgeti(L, names_index, column);
        lua_pushlstring(L, cell, len);
        if (column == surface_column) {
            if (text_utf8_invalid_at(cell, len) != len)
                return lua_pushliteral(L, "the surface is not valid UTF-8");
            entry->text = lua_tolstring(L, -1, &entry->len); /* anchored in the entry */
        }
        lua_rawset(L, -3);
    }
    if (entry->len == 0)
        return lua_pushliteral(L, "missing surface");
    lua_pushstring(L, entry->match_case == GAZETTEER_FOLD ? "fold" : "exact");
    lua_setfield(L, -2, "case");
    return NULL;
}

/* True when a line is empty or holds only spaces and tabs. */
static bool qgazetteer_blank(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] != ' ' && text[i] != '\t')
            return false;
    return true;
}

/* quarry.gazetteer.load(path): the matcher and the entries of a gazetteer
   file (the format is in the comment at the top), or nil and
   "path:line: message" for a malformed line, nil and "cannot open ..."
   for a file that cannot be read. */
static int qgazetteer_load(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    size_t size;
    int surface_column = 0, case_column = 0, columns = 0;

    lua_settop(L, 1);
    if (!qgazetteer_read_file(L, path))
        return 2;
    const char *data = lua_tolstring(L, 2, &size), *end = data + size;
    size_t lines = 1;
    for (const char *p = data; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        lines++;
    struct gazetteer_entry *entries = qgazetteer_scratch(L, lines); /* 3 */
    lua_newtable(L); /* entries as Lua tables: 4; names: 5 once read */
    size_t count = 0;
    const char *p = data;
    if (size >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3;
    for (struct qgazetteer_line line = {0}; p < end;) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        line.text = p;
        line.len = (size_t)((newline ? newline : end) - p);
        line.number++;
        p = newline ? newline + 1 : end;
        if (line.len > 0 && line.text[line.len - 1] == '\r')
            line.len--;
        if (qgazetteer_blank(line.text, line.len) || line.text[0] == '#')
            continue;
        const char *message;
        if (columns == 0) {
            message = qgazetteer_header(L, line, &surface_column, &case_column);
            if (message == NULL)
                columns = (int)lua_rawlen(L, 5);
        } else {
            message = qgazetteer_row(L, line, 5, columns, surface_column, case_column,
                                     &entries[count]);
            if (message == NULL)
                lua_rawseti(L, 4, (lua_Integer)++count);
        }
        if (message != NULL) {
            luaL_pushfail(L);
            lua_pushfstring(L, "%s:%d: %s", path, line.number, message);
            return 2;
        }
    }
    if (columns == 0) {
        luaL_pushfail(L);
        lua_pushfstring(L, "%s: no header line", path);
        return 2;
    }
    qgazetteer_push(L, entries, count);
    lua_pushvalue(L, 4);
    return 2;
}

static const luaL_Reg qgazetteer_functions[] = {
    {"new", qgazetteer_new},
    {"load", qgazetteer_load},
    {NULL, NULL},
};

static const luaL_Reg qgazetteer_methods[] = {
    {"find", qgazetteer_find},
    {"find_flat", qgazetteer_find_flat},
    {"match_at", qgazetteer_match_at},
    {"close", qgazetteer_close},
    {NULL, NULL},
};

static const luaL_Reg qgazetteer_metamethods[] = {
    {"__gc", qgazetteer_close},
    {"__close", qgazetteer_close},
    {"__len", qgazetteer_len},
    {"__tostring", qgazetteer_tostring},
    {"__index", NULL},
    {NULL, NULL},
};

void qgazetteer_register(lua_State *L)
{
    if (luaL_newmetatable(L, QGAZETTEER)) {
        luaL_setfuncs(L, qgazetteer_metamethods, 0);
        luaL_newlib(L, qgazetteer_methods);
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
    if (luaL_newmetatable(L, QGAZETTEER_FILE)) {
        lua_pushcfunction(L, qgazetteer_file_close);
        lua_setfield(L, -2, "__close");
        lua_pushcfunction(L, qgazetteer_file_close);
        lua_setfield(L, -2, "__gc");
    }
    lua_pop(L, 1);
    luaL_newlib(L, qgazetteer_functions);
}
