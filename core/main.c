/* main.c: the quarry program. Global options, then one command; the
   command runs inside a protected call (as lua.c's pmain), so a Lua error
   or a memory error is reported instead of ending the process. */
#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "host.h"
#include <sqlite3.h>

static void main_usage(FILE *out)
{
    fprintf(out,
            "usage: quarry [--db FILE] COMMAND [ARGS]\n"
            "       quarry --version | --help | COMMAND --help\n\n"
            "Quarry loads news and policy articles into SQLite and lets Lua scripts\n"
            "and LPeg rules pull facts out of them.\n\n"
            "Commands (quarry COMMAND --help for each one's options):\n");
    for (const struct cli_command *command = cli_commands; command->name; command++)
        fprintf(out, "  %-9s %s\n", command->name, command->summary);
    fprintf(out,
            "\nOptions:\n"
            "  --db FILE   the database (default: $QUARRY_DB, else ./quarry.db)\n"
            "  --version   the versions of Quarry, Lua and SQLite\n"
            "  --help      this text\n\n"
            "Environment:\n"
            "  QUARRY_DB        the database when there is no --db\n"
            "  QUARRY_HOME      the folder holding scripts/ and rules/ (default: found\n"
            "                   next to the program or in its source tree)\n"
            "  QUARRY_HISTORY   the REPL's history file (default: ~/.quarry_history)\n"
            "  XDG_CACHE_HOME   where quarry/rules.json keeps what loading each rule\n"
            "                   file found (default: ~/.cache)\n"
            "  NO_COLOR         set and not empty: no colour (colour is used only on a\n"
            "                   terminal whose TERM is not dumb)\n\n"
            "Exit status: 0 ok, 1 usage error, 2 input rejected, 3 script error.\n\n"
            "Examples:\n"
            "  quarry --db demo.db ingest data/samples\n"
            "  quarry --db demo.db extract && quarry --db demo.db report brief\n");
}

/* Runs the command given as a light userdata; returns its exit code. */
static int main_protected(lua_State *L)
{
    const struct cli_command *command = lua_touserdata(L, 1);
    struct cli_context *context = lua_touserdata(L, 2);
    lua_settop(L, 0);
    context->L = L;
    lua_pushinteger(L, command->run(context));
    return 1;
}

int main(int argc, char **argv)
{
    const char *db_path = getenv("QUARRY_DB");
    char home[4096];
    int i = 1;

    if (db_path == NULL || *db_path == '\0')
        db_path = "quarry.db";
    for (; i < argc && strncmp(argv[i], "-", 1) == 0; i++) {
        if (strcmp(argv[i], "--version") == 0) {
            printf("quarry %s (%s, SQLite %s)\n", QUARRY_VERSION, LUA_RELEASE, sqlite3_libversion());
            return CLI_OK;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            main_usage(stdout);
            return CLI_OK;
        } else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            db_path = argv[++i];
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            db_path = argv[i] + 5;
        } else {
            fprintf(stderr, "quarry: unknown option %s\n\n", argv[i]);
            main_usage(stderr);
            return CLI_USAGE;
        }
    }
    if (i == argc) {
        main_usage(stderr);
        return CLI_USAGE;
    }
    const struct cli_command *command = cli_find(argv[i]);
    if (command == NULL) {
        fprintf(stderr, "quarry: unknown command %s\n\n", argv[i]);
        main_usage(stderr);
        return CLI_USAGE;
    }
    if (host_find_home(home, sizeof home) != 0) {
        fprintf(stderr, "quarry: cannot find the scripts/ and rules/ folders; set QUARRY_HOME\n");
        return CLI_USAGE;
    }
    lua_State *L = host_new(home);
    if (L == NULL)
        return CLI_SCRIPT;
    struct cli_context context = {L, command, db_path, argc - i - 1, argv + i + 1};
    lua_pushcfunction(L, main_protected);
    lua_pushlightuserdata(L, (void *)command);
    lua_pushlightuserdata(L, &context);
    int status = host_docall(L, 2, 1), code;
    if (status == LUA_OK) {
        code = (int)lua_tointeger(L, -1);
    } else {
        host_report(L, status);
        code = CLI_SCRIPT;
    }
    lua_close(L);
    /* whatever a command printed: a full disk or a closed pipe under
       standard output is a failure, not a success with output lost */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "quarry: could not write to standard output\n");
        if (code == CLI_OK)
            code = CLI_REJECTED;
    }
    return code;
}
