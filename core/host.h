/* host.h: the Lua state Quarry runs scripts in. */
#ifndef QUARRY_HOST_H
#define QUARRY_HOST_H

#include <lua.h>
#include <stddef.h>

/* Finds the folder that holds scripts/ and rules/: $QUARRY_HOME, else
   <prefix>/share/quarry next to an installed binary, else the source tree
   the binary was built from. Writes it to home and returns 0, or -1. */
int host_find_home(char *home, size_t size);

/* The bytes a Lua state has in use, and the most it may have (0: no
   limit): an allocation beyond it fails, and Lua raises "not enough
   memory". lua_getallocf(L, &ud) gives it. */
struct host_memory {
    size_t used;
    size_t limit;
};

/* The memory account of a state made by the host, or NULL for a state of
   another program (quarry.so loaded by a stock lua5.4). */
struct host_memory *host_memory_of(lua_State *L);

/* A new Lua state with the standard libraries, lpeg, re and quarry
   preloaded, and package.path set to home's scripts/ and rules/ only (no
   ./?.lua, no C modules). Returns NULL when out of memory. */
lua_State *host_new(const char *home);

/* Puts lpeg (the one Quarry is linked with) and re (compiled in) into
   package.preload. */
void host_preload_modules(lua_State *L);

/* Calls the function below narg arguments with a traceback handler, as
   lua.c's docall does. On error the message (with traceback) is left on
   the stack. */
int host_docall(lua_State *L, int narg, int nres);

/* Loads a script as chunk "@path", gives it the global arg (arg[0] is the
   script, arg[1..] its arguments; also passed as ...), and runs it. */
int host_run_script(lua_State *L, const char *path, int argc, char *const *argv);

/* Prints the error message on top of the stack to stderr, prefixed by the
   program name, and pops it. */
void host_report(lua_State *L, int status);

#endif
