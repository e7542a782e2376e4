/* lua_json.c: quarry.json, JSON for annotation values, reports and rules,
   through jansson. Objects become tables, arrays become sequences, and
   JSON null is quarry.json.null (a light userdata) inside arrays and is
   dropped from objects. */
#include <jansson.h>
#include <lauxlib.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "lua_json.h"
#include "text.h"

#define QJSON_MAX_DEPTH 64

static char qjson_null_tag;
#define QJSON_NULL ((void *)&qjson_null_tag)

/* The registry key of the metatable that marks a table as a JSON array. */
#define QJSON_ARRAY "quarry.json.array"

/* The text being written: userdata-owned memory, freed by __gc/__close, so
   an error while encoding leaks nothing. */
struct qjson_out {
    lua_State *L;
    char *data;
    size_t len, capacity;
    bool replace; /* bytes that are not UTF-8 written as U+FFFD, not an error */
};

static int qjson_out_close(lua_State *L)
{
    struct qjson_out *out = lua_touserdata(L, 1);
    free(out->data);
    out->data = NULL;
    out->len = out->capacity = 0;
    return 0;
}

/* Pushes a new, empty text to write JSON into, to be closed (its memory
   is freed however the writer ends), and returns it. */
static struct qjson_out *qjson_out_new(lua_State *L, bool replace)
{
    struct qjson_out *out = lua_newuserdatauv(L, sizeof *out, 0);
    *out = (struct qjson_out){.L = L, .replace = replace};
    if (luaL_newmetatable(L, "quarry.json.out")) {
        lua_pushcfunction(L, qjson_out_close);
        lua_setfield(L, -2, "__close");
        lua_pushcfunction(L, qjson_out_close);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    lua_toclose(L, -1);
    return out;
}

/* Replaces the text at the top with the string it holds. */
static void qjson_out_push(lua_State *L, struct qjson_out *out)
{
    lua_pushlstring(L, out->data, out->len);
    lua_closeslot(L, -2);
    lua_remove(L, -2);
}

static void qjson_put(void *context, const char *text, size_t len)
{
    struct qjson_out *out = context;
    if (out->capacity - out->len < len) {
        size_t capacity = out->capacity ? out->capacity : 256;
        while (capacity - out->len < len)
            capacity *= 2;
        char *data = realloc(out->data, capacity);
        if (data == NULL)
            luaL_error(out->L, "out of memory encoding JSON");
        out->data = data;
        out->capacity = capacity;
    }
    memcpy(out->data + out->len, text, len);
    out->len += len;
}

#define QJSON_PUT_LITERAL(out, s) qjson_put((out), (s), sizeof(s) - 1)

/* Length n when the table is a sequence 1..n with no other keys, else -1. */
static lua_Integer qjson_array_length(lua_State *L, int index)
{
    lua_Integer count = 0, max = 0;
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        lua_pop(L, 1);
        if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1) {
            lua_pop(L, 1);
            return -1;
        }
        if (lua_tointeger(L, -1) > max)
            max = lua_tointeger(L, -1);
        count++;
    }
    return count == max ? count : -1;
}

/* Whether the table at index carries the array mark (quarry.json.array). */
static int qjson_is_marked(lua_State *L, int index)
{
    if (!lua_getmetatable(L, index))
        return 0;
    luaL_getmetatable(L, QJSON_ARRAY);
    int marked = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return marked;
}

struct qjson_key {
    const char *text;
    size_t len;
};

static int qjson_key_order(const void *a, const void *b)
{
    const struct qjson_key *x = a, *y = b;
    int order = memcmp(x->text, y->text, x->len < y->len ? x->len : y->len);
    if (order != 0)
        return order;
    return x->len < y->len ? -1 : x->len > y->len;
}

static void qjson_write(lua_State *L, int index, int depth, struct qjson_out *out);

static void qjson_write_string(lua_State *L, int index, struct qjson_out *out)
{
    size_t len;
    const char *s = lua_tolstring(L, index, &len);
    if (text_utf8_invalid_at(s, len) == len) {
        json_put_string(s, len, qjson_put, out);
        return;
    }
    if (!out->replace)
        luaL_error(L, "cannot encode a string that is not UTF-8 as JSON: %s", s);
    /* a name from the file system need not be UTF-8: shown with U+FFFD */
    luaL_Buffer repaired;
    luaL_buffinit(L, &repaired);
    for (;;) {
        size_t valid = text_utf8_invalid_at(s, len);
        luaL_addlstring(&repaired, s, valid);
        if (valid == len)
            break;
        luaL_addstring(&repaired, "\xEF\xBF\xBD");
        s += valid + 1;
        len -= valid + 1;
    }
    luaL_pushresult(&repaired);
    size_t n;
    const char *text = lua_tolstring(L, -1, &n);
    json_put_string(text, n, qjson_put, out);
    lua_pop(L, 1);
}

/* Writes the table at index as an object with its keys sorted. */
static void qjson_write_object(lua_State *L, int index, int depth, struct qjson_out *out)
{
    size_t count = 0;
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "cannot encode a table with non-string keys as a JSON object");
        count++;
    }
    /* the keys' texts stay alive: they are keys of the table, which is on
       the stack */
    struct qjson_key *keys = lua_newuserdatauv(L, (count ? count : 1) * sizeof *keys, 0);
    size_t n = 0;
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        lua_pop(L, 1);
        keys[n].text = lua_tolstring(L, -1, &keys[n].len);
        n++;
    }
    qsort(keys, count, sizeof *keys, qjson_key_order);
    QJSON_PUT_LITERAL(out, "{");
    for (size_t i = 0; i < count; i++) {
        if (i > 0)
            QJSON_PUT_LITERAL(out, ",");
        lua_pushlstring(L, keys[i].text, keys[i].len);
        qjson_write_string(L, -1, out);
        QJSON_PUT_LITERAL(out, ":");
        lua_rawget(L, index);
        qjson_write(L, -1, depth + 1, out);
        lua_pop(L, 1);
    }
    QJSON_PUT_LITERAL(out, "}");
    lua_pop(L, 1); /* the keys */
}

/* Writes the Lua value at index as JSON text, or raises. A table is an
   array when it carries the array mark (then even when empty) or is a
   sequence 1..n with n > 0; else an object, which needs string keys. */
static void qjson_write(lua_State *L, int index, int depth, struct qjson_out *out)
{
    index = lua_absindex(L, index);
    luaL_checkstack(L, 6, "JSON nested too deep");
    switch (lua_type(L, index)) {
    case LUA_TNIL:
        QJSON_PUT_LITERAL(out, "null");
        return;
    case LUA_TBOOLEAN:
        if (lua_toboolean(L, index))
            QJSON_PUT_LITERAL(out, "true");
        else
            QJSON_PUT_LITERAL(out, "false");
        return;
    case LUA_TNUMBER: {
        char text[JSON_REAL_SIZE];
        if (lua_isinteger(L, index)) {
            int len = snprintf(text, sizeof text, LUA_INTEGER_FMT, lua_tointeger(L, index));
            qjson_put(out, text, (size_t)len);
            return;
        }
        double value = (double)lua_tonumber(L, index);
        if (!isfinite(value))
            luaL_error(L, "cannot encode a NaN or infinite number as JSON");
        size_t len = json_real_text(value, text);
        qjson_put(out, text, len);
        return;
    }
    case LUA_TSTRING:
        qjson_write_string(L, index, out);
        return;
    case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L, index) == QJSON_NULL) {
            QJSON_PUT_LITERAL(out, "null");
            return;
        }
        break;
    case LUA_TTABLE: {
        if (depth >= QJSON_MAX_DEPTH)
            luaL_error(L, "cannot encode tables nested this deep (a cycle?) as JSON");
        lua_Integer length = qjson_is_marked(L, index) ? (lua_Integer)lua_rawlen(L, index)
                                                          : qjson_array_length(L, index);
        if (length <= 0 && !qjson_is_marked(L, index)) {
            qjson_write_object(L, index, depth, out);
            return;
        }
        QJSON_PUT_LITERAL(out, "[");
        for (lua_Integer i = 1; i <= length; i++) {
            if (i > 1)
                QJSON_PUT_LITERAL(out, ",");
            lua_rawgeti(L, index, i);
            qjson_write(L, -1, depth + 1, out);
            lua_pop(L, 1);
        }
        QJSON_PUT_LITERAL(out, "]");
        return;
    }
    default:
        break;
    }
    luaL_error(L, "cannot encode a %s as JSON", luaL_typename(L, index));
}

static void qjson_encode_with(lua_State *L, int index, bool replace)
{
    index = lua_absindex(L, index);
    struct qjson_out *out = qjson_out_new(L, replace);
    qjson_write(L, index, 0, out);
    qjson_out_push(L, out);
}

void qjson_encode_value(lua_State *L, int index)
{
    qjson_encode_with(L, index, false);
}

/* Pushes the Lua value for a jansson value; needs stack room per level. */
static void qjson_to_lua(lua_State *L, json_t *value)
{
    luaL_checkstack(L, 4, "JSON nested too deep");
    switch (json_typeof(value)) {
    case JSON_OBJECT: {
        const char *key;
        json_t *item;
        lua_createtable(L, 0, (int)json_object_size(value));
        json_object_foreach(value, key, item) {
            if (json_is_null(item))
                continue;
            qjson_to_lua(L, item);
            lua_setfield(L, -2, key);
        }
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *item;
        lua_createtable(L, (int)json_array_size(value), 0);
        json_array_foreach(value, i, item) {
            qjson_to_lua(L, item);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        /* marked, so that it is written back as an array, [] when empty */
        luaL_getmetatable(L, QJSON_ARRAY);
        lua_setmetatable(L, -2);
        break;
    }
    case JSON_STRING:
        lua_pushlstring(L, json_string_value(value), json_string_length(value));
        break;
    case JSON_INTEGER:
        lua_pushinteger(L, (lua_Integer)json_integer_value(value));
        break;
    case JSON_REAL:
        lua_pushnumber(L, json_real_value(value));
        break;
    case JSON_TRUE:
    case JSON_FALSE:
        lua_pushboolean(L, json_is_true(value));
        break;
    case JSON_NULL:
        lua_pushlightuserdata(L, QJSON_NULL);
        break;
    }
}

/* A json_t in a to-be-closed box, so a Lua error while converting frees it. */
static int qjson_box_close(lua_State *L)
{
    json_t **box = lua_touserdata(L, 1);
    json_decref(*box);
    *box = NULL;
    return 0;
}

/* Writes a jansson value as the compact JSON with sorted keys that
   encode writes (reals in their shortest form), nulls kept. */
static int qjson_key_compare(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void qjson_write_jansson(lua_State *L, json_t *value, struct qjson_out *out, int depth)
{
    char number[JSON_REAL_SIZE];
    if (depth > QJSON_MAX_DEPTH)
        luaL_error(L, "cannot encode tables nested this deep as JSON");
    switch (json_typeof(value)) {
    case JSON_OBJECT: {
        size_t count = json_object_size(value), n = 0;
        const char **keys = lua_newuserdatauv(L, (count ? count : 1) * sizeof *keys, 0);
        const char *key;
        json_t *member;
        json_object_foreach(value, key, member) keys[n++] = key;
        qsort(keys, count, sizeof *keys, qjson_key_compare);
        QJSON_PUT_LITERAL(out, "{");
        for (size_t i = 0; i < count; i++) {
            if (i > 0)
                QJSON_PUT_LITERAL(out, ",");
            json_put_string(keys[i], strlen(keys[i]), qjson_put, out);
            QJSON_PUT_LITERAL(out, ":");
            qjson_write_jansson(L, json_object_get(value, keys[i]), out, depth + 1);
        }
        QJSON_PUT_LITERAL(out, "}");
        lua_pop(L, 1);
        return;
    }
    case JSON_ARRAY: {
        QJSON_PUT_LITERAL(out, "[");
        for (size_t i = 0; i < json_array_size(value); i++) {
            if (i > 0)
                QJSON_PUT_LITERAL(out, ",");
            qjson_write_jansson(L, json_array_get(value, i), out, depth + 1);
        }
        QJSON_PUT_LITERAL(out, "]");
        return;
    }
    case JSON_STRING:
        json_put_string(json_string_value(value), json_string_length(value), qjson_put, out);
        return;
    case JSON_INTEGER: {
        int len = snprintf(number, sizeof number, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
        qjson_put(out, number, (size_t)len);
        return;
    }
    case JSON_REAL: {
        size_t len = json_real_text(json_real_value(value), number);
        qjson_put(out, number, len);
        return;
    }
    case JSON_TRUE:
        QJSON_PUT_LITERAL(out, "true");
        return;
    case JSON_FALSE:
        QJSON_PUT_LITERAL(out, "false");
        return;
    case JSON_NULL:
        QJSON_PUT_LITERAL(out, "null");
        return;
    }
}

/* Pushes member key of object as the compact JSON with sorted keys that
   encode writes (nulls kept), or nil when there is no such member. */
static void qjson_push_member(lua_State *L, json_t *object, const char *key)
{
    json_t *member = json_is_object(object) ? json_object_get(object, key) : NULL;
    if (member == NULL) {
        lua_pushnil(L);
        return;
    }
    struct qjson_out *out = qjson_out_new(L, false);
    qjson_write_jansson(L, member, out, 0);
    qjson_out_push(L, out);
}

/* Decodes text and pushes its Lua value, then, when raw_key is not NULL,
   the JSON text of that member (qjson_push_member). */
/* Parses text, or raises; pushes the parsed value's box, to be closed (it
   frees the value however the caller ends), and returns the value. */
static json_t *qjson_parse(lua_State *L, const char *text, size_t len)
{
    json_error_t error;
    json_t *value = json_loadb(text, len, JSON_DECODE_ANY, &error);
    if (value == NULL)
        luaL_error(L, "malformed JSON at line %d, column %d: %s", error.line,
                   error.column, error.text);
    json_t **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = value;
    lua_newtable(L);
    lua_pushcfunction(L, qjson_box_close);
    lua_setfield(L, -2, "__close");
    lua_pushcfunction(L, qjson_box_close);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    lua_toclose(L, -1);
    return value;
}

static void qjson_decode_with(lua_State *L, const char *text, size_t len, const char *raw_key)
{
    json_t *value = qjson_parse(L, text, len);
    qjson_to_lua(L, value);
    if (raw_key != NULL)
        qjson_push_member(L, value, raw_key);
    lua_closeslot(L, raw_key != NULL ? -3 : -2);
    lua_remove(L, raw_key != NULL ? -3 : -2);
}

void qjson_decode_text(lua_State *L, const char *text, size_t len)
{
    qjson_decode_with(L, text, len, NULL);
}

/* json.encode(v [, {invalid_utf8 = "replace"}]) */
static int qjson_encode(lua_State *L)
{
    luaL_checkany(L, 1);
    bool replace = false;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        lua_getfield(L, 2, "invalid_utf8");
        const char *mode = lua_tostring(L, -1);
        if (mode != NULL && strcmp(mode, "replace") == 0)
            replace = true;
        else if (mode != NULL && strcmp(mode, "error") != 0)
            return luaL_argerror(L, 2, "invalid_utf8 takes \"replace\" or \"error\"");
        lua_pop(L, 1);
    }
    lua_settop(L, 1);
    qjson_encode_with(L, 1, replace);
    return 1;
}

/* quarry.json.decode(text [, key]): the Lua value; with key, also member
   key's JSON text as json.member gives it (one parse for both). */
static int qjson_decode(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    const char *key = luaL_optstring(L, 2, NULL);
    qjson_decode_with(L, text, len, key);
    return key != NULL ? 2 : 1;
}

/* quarry.json.member(text, key): member key of the JSON object in text,
   as the compact JSON with sorted keys that encode writes, or nil when the
   object has no such member. Unlike decode then encode, this keeps members
   that are null ({"speaker": null}), so a stored annotation value read
   back from JSON Lines is the same text again. Raises on malformed JSON. */
static int qjson_member(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    const char *key = luaL_checkstring(L, 2);
    json_t *object = qjson_parse(L, text, len);
    qjson_push_member(L, object, key);
    return 1;
}

void qjson_mark_array(lua_State *L, int index)
{
    index = lua_absindex(L, index);
    luaL_getmetatable(L, QJSON_ARRAY);
    lua_setmetatable(L, index);
}

/* quarry.json.array([t]): t (a new table when nil) marked as a JSON
   array, so that it is written as one even when empty. */
static int qjson_array(lua_State *L)
{
    if (lua_isnoneornil(L, 1)) {
        lua_settop(L, 0);
        lua_newtable(L);
    } else {
        luaL_checktype(L, 1, LUA_TTABLE);
        lua_settop(L, 1);
        if (lua_getmetatable(L, 1)) {
            luaL_getmetatable(L, QJSON_ARRAY);
            if (!lua_rawequal(L, -1, -2))
                return luaL_argerror(L, 1, "the table has a metatable of its own");
            lua_pop(L, 2);
        }
    }
    luaL_setmetatable(L, QJSON_ARRAY);
    return 1;
}

/* quarry.json.is_array(v): whether v is a table marked as a JSON array. */
static int qjson_is_array(lua_State *L)
{
    lua_pushboolean(L, lua_istable(L, 1) && qjson_is_marked(L, 1));
    return 1;
}

void qjson_register(lua_State *L)
{
    static const luaL_Reg functions[] = {
        {"encode", qjson_encode},
        {"decode", qjson_decode},
        {"array", qjson_array},
        {"is_array", qjson_is_array},
        {"member", qjson_member},
        {NULL, NULL},
    };
    luaL_newmetatable(L, QJSON_ARRAY);
    lua_pushliteral(L, "json array");
    lua_setfield(L, -2, "__name");
    lua_pop(L, 1);
    luaL_newlib(L, functions);
    lua_pushlightuserdata(L, QJSON_NULL);
    lua_setfield(L, -2, "null");
}
