/* lua_json.h: quarry.json = {encode, decode, array, is_array, member, null}
   (lua_json.c), and its encoder and decoder for the other bindings. */
#ifndef QUARRY_LUA_JSON_H
#define QUARRY_LUA_JSON_H

#include <lua.h>
#include <stddef.h>

/* Pushes the quarry.json table. */
void qjson_register(lua_State *L);
/* Encodes the value at index as compact JSON with sorted keys; pushes the
   string, or raises with a message naming the offending value. */
void qjson_encode_value(lua_State *L, int index);
/* Marks the table at index as a JSON array (quarry.json.array), so that
   quarry.json writes it as one, [] when empty. */
void qjson_mark_array(lua_State *L, int index);
/* Decodes a JSON text onto the stack (arrays marked); raises on malformed
   JSON. */
void qjson_decode_text(lua_State *L, const char *text, size_t len);

#endif
