/* lua_lpeg.c: the lpeg module as Quarry hands it out. It is Debian's LPeg
   (1.0.2 on Debian 12), with the two operations through which a pattern
   could abort the process made safe:

   - the and-predicate #p: LPeg 1.0.2's IBackCommit drops the captures of
     p without taking the values a match-time capture (lpeg.Cmt) returned
     off the Lua stack, and the next instruction fails an assertion
     (SIGABRT). LPeg 1.1 fixed it. For a p that has captures, #p is built
     as -(-p), which matches exactly where #p does, consumes nothing and
     produces no captures either, but leaves p through LPeg's failure path,
     which does take match-time values off the stack. A p without captures
     keeps the real #p (a look-ahead of fixed length compiles to a cheap
     look-behind there).
   - lpeg.B(p): LPeg 1.0.2 asks whether p has captures by walking its tree,
     and asserts on a rule reference (lpeg.V) that is not yet part of a
     grammar. Such a p is refused with an error first.

   Whether p has a rule reference outside a grammar is asked by building a
   grammar with p as a rule under a key no pattern can refer to: that fails
   when p refers to a rule by name. */
#include <lauxlib.h>
#include <lua.h>

#include "lua_lpeg.h"

extern int luaopen_lpeg(lua_State *L);

/* Upvalues of the replacements. */
enum { LPEG_REAL_AND = 1, LPEG_REAL_B, LPEG_MODULE, LPEG_RULE_KEY };

/* Whether p at index refers to no rule by name: builds lpeg.P{[1] = name,
   [name] = true, [key] = p} in protected mode, which fails when p names a
   rule other than name and key. Two names, so a p naming one of them
   fails the other. */
static int qlpeg_is_closed(lua_State *L, int index)
{
    static const char *const names[] = {"quarry_probe_a", "quarry_probe_b"};
    index = lua_absindex(L, index);
    for (int i = 0; i < 2; i++) {
        lua_getfield(L, lua_upvalueindex(LPEG_MODULE), "P");
        lua_createtable(L, 1, 2);
        lua_pushstring(L, names[i]);
        lua_rawseti(L, -2, 1);
        lua_getfield(L, lua_upvalueindex(LPEG_MODULE), "P");
        lua_pushboolean(L, 1);
        lua_call(L, 1, 1);
        lua_setfield(L, -2, names[i]);
        lua_pushvalue(L, lua_upvalueindex(LPEG_RULE_KEY));
        lua_pushvalue(L, index);
        lua_rawset(L, -3);
        int closed = lua_pcall(L, 1, 1, 0) == LUA_OK;
        lua_pop(L, 1);
        if (!closed)
            return 0;
    }
    return 1;
}

/* Whether the complete pattern at index has captures: LPeg's look-behind
   refuses a pattern with captures, and #p always has the fixed length it
   needs. */
static int qlpeg_has_captures(lua_State *L, int index)
{
    index = lua_absindex(L, index);
    lua_pushvalue(L, lua_upvalueindex(LPEG_REAL_B));
    lua_pushvalue(L, lua_upvalueindex(LPEG_REAL_AND));
    lua_pushvalue(L, index);
    lua_call(L, 1, 1); /* the real #p */
    int has = lua_pcall(L, 1, 1, 0) != LUA_OK;
    lua_pop(L, 1);
    return has;
}

/* #p (the pattern metatable's __len; re's & calls it with one argument). */
static int qlpeg_and(lua_State *L)
{
    lua_settop(L, 1);
    lua_getfield(L, lua_upvalueindex(LPEG_MODULE), "P");
    lua_insert(L, 1);
    lua_call(L, 1, 1); /* p as a pattern */
    if (qlpeg_is_closed(L, 1) && !qlpeg_has_captures(L, 1)) {
        lua_pushvalue(L, lua_upvalueindex(LPEG_REAL_AND));
        lua_insert(L, 1);
        lua_call(L, 1, 1);
        return 1;
    }
    lua_arith(L, LUA_OPUNM);
    lua_arith(L, LUA_OPUNM);
    return 1;
}

/* lpeg.B(p), refusing a rule reference outside a grammar. */
static int qlpeg_behind(lua_State *L)
{
    lua_settop(L, 1);
    lua_getfield(L, lua_upvalueindex(LPEG_MODULE), "P");
    lua_insert(L, 1);
    lua_call(L, 1, 1);
    if (!qlpeg_is_closed(L, 1))
        return luaL_argerror(L, 1, "pattern refers to a rule (lpeg.V) outside a grammar");
    lua_pushvalue(L, lua_upvalueindex(LPEG_REAL_B));
    lua_insert(L, 1);
    lua_call(L, 1, 1);
    return 1;
}

/* Pushes the four upvalues of a replacement and makes the closure. */
static void qlpeg_replacement(lua_State *L, lua_CFunction f, int real_and, int real_b,
                              int module, int key)
{
    lua_pushvalue(L, real_and);
    lua_pushvalue(L, real_b);
    lua_pushvalue(L, module);
    lua_pushvalue(L, key);
    lua_pushcclosure(L, f, 4);
}

int qlpeg_open(lua_State *L)
{
    lua_pushcfunction(L, luaopen_lpeg);
    lua_call(L, 0, 1);
    int module = lua_gettop(L);
    lua_getfield(L, module, "P");
    lua_pushboolean(L, 1);
    lua_call(L, 1, 1);
    if (!lua_getmetatable(L, -1))
        return luaL_error(L, "lpeg: patterns have no metatable");
    int metatable = lua_gettop(L);
    lua_getfield(L, metatable, "__len");
    int real_and = lua_gettop(L);
    lua_getfield(L, module, "B");
    int real_b = lua_gettop(L);
    lua_newtable(L); /* the private rule key */
    int key = lua_gettop(L);
    qlpeg_replacement(L, qlpeg_and, real_and, real_b, module, key);
    lua_setfield(L, metatable, "__len");
    qlpeg_replacement(L, qlpeg_behind, real_and, real_b, module, key);
    lua_setfield(L, module, "B");
    lua_settop(L, module);
    return 1;
}
