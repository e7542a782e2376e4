/* lua_doc.h: quarry.doc, a stored document seen from Lua (lua_doc.c). It
   keeps its db (lua_db.h) alive as a user value. */
#ifndef QUARRY_LUA_DOC_H
#define QUARRY_LUA_DOC_H

#include <lua.h>
#include <sqlite3.h>

#define QDOC_TYPE "quarry.doc"

/* Registers the quarry.doc metatable. */
void qdoc_register(lua_State *L);
/* Pushes a document for the current row of a store_documents()-shaped
   statement (enum store_document_column), owned by the db at db_index. */
void qdoc_push_row(lua_State *L, sqlite3_stmt *stmt, int db_index);

#endif
