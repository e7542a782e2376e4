/* lua_budget.h: quarry.budget, the rules' budget clock
   (lua_budget.c). */
#ifndef QUARRY_LUA_BUDGET_H
#define QUARRY_LUA_BUDGET_H

#include <lua.h>

/* Sets budget (enter, leave, thread, on_wake, watch, unwatch) in the table
   at the top of the stack. */
void qbudget_register(lua_State *L);

#endif
