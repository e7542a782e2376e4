/* lua_json.c: quarry.json, JSON for annotation values, reports and rules,
   through jansson. Objects become tables, arrays become sequences, and
   JSON null is quarry.json.null (a light userdata) inside arrays and is
   dropped from objects. */
#include <jansson.h>
#include <lauxlib.h>
#include <math.h>
#include <string.h>

#include "lua_quarry.h"

#define LUA_JSON_MAX_DEPTH 64

static char lua_json_null_tag;
#define LUA_JSON_NULL ((void *)&lua_json_null_tag)

/* Length n when the table is a sequence 1..n with no other keys, else -1. */
static lua_Integer lua_json_array_length(lua_State *L, int index)
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

/* Builds a jansson value from the Lua value at index. On failure returns
   NULL with a message pushed. */
static json_t *lua_json_from_lua(lua_State *L, int index, int depth)
{
    index = lua_absindex(L, index);
    if (!lua_checkstack(L, 4)) {
        lua_pushliteral(L, "JSON nested too deep");
        return NULL;
    }
    switch (lua_type(L, index)) {
    case LUA_TNIL:
        return json_null();
    case LUA_TBOOLEAN:
        return json_boolean(lua_toboolean(L, index));
    case LUA_TNUMBER:
        if (lua_isinteger(L, index))
            return json_integer((json_int_t)lua_tointeger(L, index));
        if (!isfinite(lua_tonumber(L, index))) {
            lua_pushliteral(L, "cannot encode a NaN or infinite number as JSON");
            return NULL;
        }
        return json_real(lua_tonumber(L, index));
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, index, &len);
        json_t *string = json_stringn(s, len);
        if (string == NULL)
            lua_pushfstring(L, "cannot encode a string that is not UTF-8 as JSON: %s", s);
        return string;
    }
    case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L, index) == LUA_JSON_NULL)
            return json_null();
        break;
    case LUA_TTABLE: {
        if (depth >= LUA_JSON_MAX_DEPTH) {
            lua_pushliteral(L, "cannot encode tables nested this deep (a cycle?) as JSON");
            return NULL;
        }
        lua_Integer length = lua_json_array_length(L, index);
        json_t *result = length > 0 ? json_array() : json_object();
        if (result == NULL) {
            lua_pushliteral(L, "out of memory");
            return NULL;
        }
        if (length > 0) {
            for (lua_Integer i = 1; i <= length; i++) {
                lua_rawgeti(L, index, i);
                json_t *item = lua_json_from_lua(L, -1, depth + 1);
                if (item == NULL) {
                    json_decref(result);
                    lua_remove(L, -2);
                    return NULL;
                }
                lua_pop(L, 1);
                json_array_append_new(result, item);
            }
            return result;
        }
        lua_pushnil(L);
        while (lua_next(L, index) != 0) {
            if (lua_type(L, -2) != LUA_TSTRING) {
                json_decref(result);
                lua_pop(L, 2);
                lua_pushliteral(L, "cannot encode a table with non-string keys as a JSON object");
                return NULL;
            }
            json_t *item = lua_json_from_lua(L, -1, depth + 1);
            if (item == NULL) {
                json_decref(result);
                lua_remove(L, -2);
                lua_remove(L, -2);
                return NULL;
            }
            json_object_set_new(result, lua_tostring(L, -2), item);
            lua_pop(L, 1);
        }
        return result;
    }
    default:
        break;
    }
    lua_pushfstring(L, "cannot encode a %s as JSON", luaL_typename(L, index));
    return NULL;
}

void lua_json_encode_value(lua_State *L, int index)
{
    json_t *value = lua_json_from_lua(L, index, 0);
    if (value == NULL)
        lua_error(L);
    char *text = json_dumps(value, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY
                                       | JSON_REAL_PRECISION(17));
    json_decref(value);
    if (text == NULL)
        luaL_error(L, "out of memory encoding JSON");
    lua_pushstring(L, text);
    free(text);
}

/* Pushes the Lua value for a jansson value; needs stack room per level. */
static void lua_json_to_lua(lua_State *L, json_t *value)
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
            lua_json_to_lua(L, item);
            lua_setfield(L, -2, key);
        }
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *item;
        lua_createtable(L, (int)json_array_size(value), 0);
        json_array_foreach(value, i, item) {
            lua_json_to_lua(L, item);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
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
        lua_pushlightuserdata(L, LUA_JSON_NULL);
        break;
    }
}

/* A json_t in a to-be-closed box, so a Lua error while converting frees it. */
static int lua_json_box_close(lua_State *L)
{
    json_t **box = lua_touserdata(L, 1);
    json_decref(*box);
    *box = NULL;
    return 0;
}

/* Pushes member key of object as the compact JSON with sorted keys that
   encode writes (nulls kept), or nil when there is no such member. */
static void lua_json_push_member(lua_State *L, json_t *object, const char *key)
{
    json_t *member = json_is_object(object) ? json_object_get(object, key) : NULL;
    if (member == NULL) {
        lua_pushnil(L);
        return;
    }
    char *dumped = json_dumps(member, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY
                                          | JSON_REAL_PRECISION(17));
    if (dumped == NULL)
        luaL_error(L, "out of memory encoding JSON");
    lua_pushstring(L, dumped);
    free(dumped);
}

/* Decodes text and pushes its Lua value, then, when raw_key is not NULL,
   the JSON text of that member (lua_json_push_member). */
static void lua_json_decode_with(lua_State *L, const char *text, size_t len, const char *raw_key)
{
    json_error_t error;
    json_t *value = json_loadb(text, len, JSON_DECODE_ANY, &error);
    if (value == NULL)
        luaL_error(L, "malformed JSON at line %d, column %d: %s", error.line,
                   error.column, error.text);
    json_t **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = value;
    lua_newtable(L);
    lua_pushcfunction(L, lua_json_box_close);
    lua_setfield(L, -2, "__close");
    lua_pushcfunction(L, lua_json_box_close);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    lua_toclose(L, -1);
    lua_json_to_lua(L, value);
    if (raw_key != NULL)
        lua_json_push_member(L, value, raw_key);
    lua_closeslot(L, raw_key != NULL ? -3 : -2);
    lua_remove(L, raw_key != NULL ? -3 : -2);
}

void lua_json_decode_text(lua_State *L, const char *text, size_t len)
{
    lua_json_decode_with(L, text, len, NULL);
}

static int lua_json_encode(lua_State *L)
{
    luaL_checkany(L, 1);
    lua_settop(L, 1);
    lua_json_encode_value(L, 1);
    return 1;
}

/* quarry.json.decode(text [, key]): the Lua value; with key, also member
   key's JSON text as json.member gives it (one parse for both). */
static int lua_json_decode(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    const char *key = luaL_optstring(L, 2, NULL);
    lua_json_decode_with(L, text, len, key);
    return key != NULL ? 2 : 1;
}

/* quarry.json.member(text, key): member key of the JSON object in text,
   as the compact JSON with sorted keys that encode writes, or nil when the
   object has no such member. Unlike decode then encode, this keeps members
   that are null ({"speaker": null}), so a stored annotation value read
   back from JSON Lines is the same text again. Raises on malformed JSON. */
static int lua_json_member(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    const char *key = luaL_checkstring(L, 2);
    json_error_t error;
    json_t *object = json_loadb(text, len, JSON_DECODE_ANY, &error);
    if (object == NULL)
        return luaL_error(L, "malformed JSON at line %d, column %d: %s", error.line,
                          error.column, error.text);
    json_t **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = object;
    lua_newtable(L);
    lua_pushcfunction(L, lua_json_box_close);
    lua_setfield(L, -2, "__close");
    lua_pushcfunction(L, lua_json_box_close);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    lua_toclose(L, -1);
    lua_json_push_member(L, object, key);
    return 1;
}

void lua_json_register(lua_State *L)
{
    static const luaL_Reg functions[] = {
        {"encode", lua_json_encode},
        {"decode", lua_json_decode},
        {"member", lua_json_member},
        {NULL, NULL},
    };
    luaL_newlib(L, functions);
    lua_pushlightuserdata(L, LUA_JSON_NULL);
    lua_setfield(L, -2, "null");
}
