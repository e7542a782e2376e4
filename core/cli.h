/* cli.h: the commands of the quarry program. */
#ifndef QUARRY_CLI_H
#define QUARRY_CLI_H

#include <lua.h>
#include <stdio.h>

enum cli_exit {
    CLI_OK = 0,
    CLI_USAGE = 1,    /* the command line is wrong */
    CLI_REJECTED = 2, /* input rejected: a bad file, an unknown document, a bad query */
    CLI_SCRIPT = 3,   /* a Lua script failed */
};

/* What every command gets: the Lua state (with the db userdata of the open
   database at index db_index, when the command needs one) and its words. */
struct cli_command;

struct cli_context {
    lua_State *L;
    const struct cli_command *command;
    const char *db_path;
    int argc;        /* words after the command name */
    char **argv;
};

struct cli_command {
    const char *name;
    const char *summary;  /* one line for quarry --help */
    const char *synopsis;
    const char *help;
    int (*run)(struct cli_context *context);
};

/* The commands, ending with a zeroed entry. */
extern const struct cli_command cli_commands[];

/* The command of that name, or NULL. */
const struct cli_command *cli_find(const char *name);

/* Prints the command's help page to out. */
void cli_print_help(const struct cli_command *command, FILE *out);

#endif
