/* repl.h: `quarry repl`, an interactive Lua prompt over the open database. */
#ifndef QUARRY_REPL_H
#define QUARRY_REPL_H

#include "cli.h"

/* Opens the database, loads the rules and reads Lua chunks and
   dot-commands until the end of input (Ctrl-D). Lines come through libedit
   (editing, history, completion) when standard input and output are
   terminals, and are read plainly, with no prompts, otherwise. What a line
   means is scripts/quarry/repl.lua. Returns an exit code: CLI_OK, or, when
   the input was not a terminal and a chunk or command failed, CLI_SCRIPT. */
int repl_run(struct cli_context *context);

#endif
