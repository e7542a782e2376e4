/* lua_quarry.h: the quarry Lua module and the userdata types behind it. */
#ifndef QUARRY_LUA_QUARRY_H
#define QUARRY_LUA_QUARRY_H

#include <lua.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "store.h"

#define QDB_TYPE "quarry.db"
#define QDOC_TYPE "quarry.doc"
#define QSTMT_TYPE "quarry.stmt"

/* require "quarry": the module table. */
int qlib_open(lua_State *L);

/* require "lpeg": Debian's LPeg with #p and lpeg.B made safe from the
   assertions of LPeg 1.0.2 (lua_lpeg.c). */
int qlpeg_open(lua_State *L);

/* Whether what is written to stream may be coloured: stream is a terminal,
   NO_COLOR is unset or empty (no-color.org: any other value turns colour
   off) and TERM is not "dumb". The C side of the rule that cli.colour in
   scripts/quarry/cli.lua applies for the Lua commands; keep the two alike. */
bool qlib_colour(FILE *stream);

/* The styles both sides use: errors red (warnings yellow, passes green and
   headers bold are Lua's only). */
#define QUARRY_RED "\033[31m"
#define QUARRY_PLAIN "\033[0m"

/* lua_store.c: registers the db and stmt metatables. */
void qstore_register(lua_State *L);
/* Pushes a db userdata that owns store (closes it on __gc/__close). */
void qstore_push(lua_State *L, struct store *store);
/* The open store of the db userdata at index; raises on a closed one. */
struct store *qstore_check(lua_State *L, int index);
/* quarry.open(path) */
int qstore_open(lua_State *L);
/* Wraps a prepared statement in a quarry.stmt that keeps the db at
   db_index alive and finalizes it once; pushes it. */
void qstmt_push(lua_State *L, sqlite3_stmt *stmt, int db_index);
/* Steps the quarry.stmt at index; returns 1 on a row, 0 when done (the
   statement is then finalized), raises on errors. */
int qstmt_step(lua_State *L, int index);
sqlite3_stmt *qstmt_check(lua_State *L, int index);
/* Finalizes the quarry.stmt at index now rather than at collection. */
void qstmt_finish(lua_State *L, int index);
/* Pushes column i of the current row as a Lua value (NULL is nil). */
void qstmt_push_column(lua_State *L, sqlite3_stmt *stmt, int column);

/* lua_doc.c: registers the doc metatable. */
void qdoc_register(lua_State *L);
/* Pushes a document for the current row of a store_documents()-shaped
   statement, owned by the db at db_index. */
void qdoc_push_row(lua_State *L, sqlite3_stmt *stmt, int db_index);

/* lua_scale.c: adds jsonl_document, executable and cpu_count to the
   module table on the top of the stack. */
void qscale_register(lua_State *L);

/* lua_json.c: quarry.json = {encode, decode, null}. */
void qjson_register(lua_State *L);

/* lua_output.c: sets write_output (safe --out files) in the table at the
   top of the stack. */
void qoutput_register(lua_State *L);

/* lua_format.c: sets format_table (the one table writer, core/format.c)
   in the table at the top of the stack. */
void qformat_register(lua_State *L);

/* lua_budget.c: sets budget (the rules' budget clock: enter, leave, thread,
   on_wake) in the table at the top of the stack. */
void qbudget_register(lua_State *L);
/* Encodes the value at index as compact JSON with sorted keys; pushes the
   string, or raises with a message naming the offending value. */
void qjson_encode_value(lua_State *L, int index);
/* Marks the table at index as a JSON array (quarry.json.array), so that
   quarry.json writes it as one, [] when empty. */
void qjson_mark_array(lua_State *L, int index);
/* Decodes a JSON text onto the stack (arrays marked); raises on malformed
   JSON. */
void qjson_decode_text(lua_State *L, const char *text, size_t len);

/* lua_textmodel.c: quarry.text = {model, abbreviations}; pushes the table. */
void qtextmodel_register(lua_State *L);

/* lua_gazetteer.c: quarry.gazetteer = {new, load}; registers the
   quarry.gazetteer metatable and pushes the table. */
void qgazetteer_register(lua_State *L);

#endif
