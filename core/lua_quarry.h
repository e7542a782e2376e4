/* lua_quarry.h: require "quarry", the module table (lua_quarry.c). Each
   binding file has its own header (lua_db.h, lua_stmt.h, lua_doc.h,
   lua_store.h, lua_json.h, lua_gazetteer.h, lua_textmodel.h, lua_scale.h,
   lua_output.h, lua_format.h, lua_budget.h, lua_lpeg.h) and its own prefix
   (qdb_, qstmt_, ...; qlib_ here), so that no name of ours reads as part of
   Lua's lua_ API. */
#ifndef QUARRY_LUA_QUARRY_H
#define QUARRY_LUA_QUARRY_H

#include <lua.h>
#include <stdbool.h>
#include <stdio.h>

/* require "quarry": registers the metatables and pushes the module table. */
int qlib_open(lua_State *L);

/* Whether what is written to stream may be coloured: stream is a terminal,
   NO_COLOR is unset or empty (no-color.org: any other value turns colour
   off) and TERM is not "dumb". The C side of the rule that cli.colour in
   scripts/quarry/cli.lua applies for the Lua commands; keep the two alike. */
bool qlib_colour(FILE *stream);

/* The styles both sides use: errors red (warnings yellow, passes green and
   headers bold are Lua's only). */
#define QUARRY_RED "\033[31m"
#define QUARRY_PLAIN "\033[0m"

#endif
