/* repl.c: the C side of `quarry repl`: reading lines (libedit's
   readline interface when standard input and output are terminals, plain
   fgets otherwise), the history file, the completion callback and Ctrl-C.
   What a line means (evaluation, printing, completion candidates,
   dot-commands) is scripts/quarry/repl.lua, called through host_docall, as
   lua.c's doREPL calls its loadline and docall. */
#include "repl.h"

#include <editline/readline.h>
#include <lauxlib.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host.h"
#include "lua_db.h"
#include "lua_quarry.h"

#define REPL_MODULE "quarry.repl"          /* registry: the module table */
#define REPL_SESSION "quarry.repl.session" /* registry: the session table */
#define REPL_LINE "quarry.repl.line"       /* metatable of the line box */
#define REPL_HISTORY_SIZE 1000
#define REPL_PROMPT "quarry> "
#define REPL_CONTINUE "   ...> "

/* The only statics: what the SIGINT handler, SQLite's progress handler and
   libedit's completion callback need, since none of them gets our state. */
static volatile sig_atomic_t repl_interrupted; /* Ctrl-C since the last read */
static lua_State *volatile repl_running;       /* set while a chunk runs */
static lua_State *repl_editor_state;           /* for the completion callback */

/* The hook Ctrl-C installs: raises "interrupted!" at the next thing Lua
   does, once (lua.c's lstop). */
static void repl_stop(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    luaL_error(L, "interrupted!");
}

/* SIGINT: notes the interrupt (a read in progress returns) and, while a
   chunk runs, makes Lua stop at its next call, return, line or
   instruction. lua_sethook is safe to call from a signal handler. */
static void repl_on_interrupt(int signal_number)
{
    (void)signal_number;
    repl_interrupted = 1;
    lua_State *L = repl_running;
    if (L != NULL)
        lua_sethook(L, repl_stop, LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
}

/* SQLite's progress handler on the session's database: a long query is
   cut short by Ctrl-C (it then fails with "interrupted"). The Lua hook is
   taken back first, so the error is reported as the query's, not raised
   again inside the message handler. */
static int repl_progress(void *state)
{
    if (!repl_interrupted || repl_running == NULL)
        return 0;
    lua_sethook(state, NULL, 0, 0);
    return 1;
}

/* The line box: userdata owning the string libedit returns, so it is
   freed even if pushing it to Lua raises. */
struct repl_line {
    char *text;
};

static int repl_line_free(lua_State *L)
{
    struct repl_line *line = luaL_checkudata(L, 1, REPL_LINE);
    free(line->text);
    line->text = NULL;
    return 0;
}

static int repl_line_new(lua_State *L)
{
    struct repl_line *line = lua_newuserdatauv(L, sizeof *line, 0);
    line->text = NULL;
    if (luaL_newmetatable(L, REPL_LINE)) {
        lua_pushcfunction(L, repl_line_free);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, repl_line_free);
        lua_setfield(L, -2, "__close");
    }
    lua_setmetatable(L, -2);
    return lua_gettop(L);
}

/* Sets the locale libedit decodes keystrokes with: the user's, or UTF-8
   when that is plain C (the corpus is UTF-8). While Lua runs, the locale
   stays "C", so rules behave as they do in the other commands. */
static void repl_terminal_locale(void)
{
    const char *name = setlocale(LC_CTYPE, "");
    if (name == NULL || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0)
        setlocale(LC_CTYPE, "C.UTF-8");
}

/* What the completion callback hands to Lua. */
struct repl_completion {
    const char *word; /* the word before the cursor */
    const char *line; /* the line ... */
    size_t line_len;  /* ... up to the cursor */
};

/* Calls repl.complete(session, word, line) and leaves its list (or
   whatever it returned) on the stack; runs under lua_pcall. */
static int repl_complete_protected(lua_State *L)
{
    const struct repl_completion *request = lua_touserdata(L, 1);
    lua_getfield(L, LUA_REGISTRYINDEX, REPL_MODULE);
    lua_getfield(L, -1, "complete");
    lua_getfield(L, LUA_REGISTRYINDEX, REPL_SESSION);
    lua_pushstring(L, request->word);
    lua_pushlstring(L, request->line, request->line_len);
    lua_call(L, 3, 1);
    return 1;
}

/* The longest common prefix of the candidates 1..count of the list at
   index, as a new C string (readline's first match), or NULL. */
static char *repl_common_prefix(lua_State *L, int list, lua_Integer count)
{
    size_t len = 0;
    lua_rawgeti(L, list, 1);
    const char *first = lua_tolstring(L, -1, &len);
    for (lua_Integer i = 2; i <= count; i++) {
        size_t other_len = 0;
        lua_rawgeti(L, list, i);
        const char *other = lua_tolstring(L, -1, &other_len);
        size_t k = 0;
        while (k < len && k < other_len && first[k] == other[k])
            k++;
        len = k;
        lua_pop(L, 1);
    }
    char *prefix = malloc(len + 1);
    if (prefix != NULL) {
        memcpy(prefix, first, len);
        prefix[len] = '\0';
    }
    lua_pop(L, 1);
    return prefix;
}

/* libedit's completion callback: the candidates from Lua, in readline's
   form (the text to put in place of the word, then the candidates,
   NULL-terminated, all malloc'd for libedit to free). Lua runs under
   lua_pcall, so nothing raises through libedit; once the list is on the
   stack only calls that cannot raise are made while C memory is held. */
static char **repl_complete(const char *word, int start, int end)
{
    lua_State *L = repl_editor_state;
    int top = lua_gettop(L);
    char **matches = NULL;
    (void)start;
    (void)end;
    rl_attempted_completion_over = 1; /* no file names when Lua has nothing */
    rl_completion_append_character = '\0';
    if (L == NULL || rl_line_buffer == NULL)
        return NULL;
    size_t line_len = strlen(rl_line_buffer);
    if (rl_point >= 0 && (size_t)rl_point < line_len)
        line_len = (size_t)rl_point;
    struct repl_completion request = {word, rl_line_buffer, line_len};
    lua_pushcfunction(L, repl_complete_protected);
    lua_pushlightuserdata(L, &request);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK || !lua_istable(L, -1)) {
        lua_settop(L, top);
        return NULL;
    }
    int list = lua_gettop(L);
    lua_Integer count = 0;
    while (lua_rawgeti(L, list, count + 1) == LUA_TSTRING) {
        lua_pop(L, 1);
        count++;
    }
    lua_pop(L, 1);
    if (count == 0 || (matches = calloc((size_t)count + 2, sizeof *matches)) == NULL) {
        lua_settop(L, top);
        return NULL;
    }
    matches[0] = repl_common_prefix(L, list, count);
    for (lua_Integer i = 1; matches[0] != NULL && i <= count && count > 1; i++) {
        lua_rawgeti(L, list, i);
        matches[i] = strdup(lua_tostring(L, -1));
        lua_pop(L, 1);
        if (matches[i] == NULL)
            break;
    }
    lua_settop(L, top);
    if (matches[0] == NULL || (count > 1 && matches[count] == NULL)) {
        for (lua_Integer i = 0; i <= count; i++)
            free(matches[i]);
        free(matches);
        return NULL;
    }
    return matches;
}

/* Prepares libedit: completion through Lua, no signal handling of its own
   (our SIGINT handler makes a read return), the history file read. */
static void repl_editor_open(lua_State *L, const char *history)
{
    static char word_breaks[] = " \t\n\"\\'`@$><=;|&{}()[]+-*/%^~#,";
    repl_editor_state = L;
    repl_terminal_locale();
    rl_readline_name = "quarry";
    rl_catch_signals = 0;
    rl_basic_word_break_characters = word_breaks;
    rl_attempted_completion_function = repl_complete;
    rl_initialize();
    using_history();
    stifle_history(REPL_HISTORY_SIZE);
    if (history != NULL)
        read_history(history);
    setlocale(LC_CTYPE, "C");
}

/* Reads a line with libedit into the box at index box and pushes it;
   returns 0 at the end of input or on Ctrl-C (repl_interrupted says). */
static int repl_read_edited(lua_State *L, int box, const char *prompt)
{
    struct repl_line *line = luaL_checkudata(L, box, REPL_LINE);
    repl_terminal_locale();
    line->text = readline(prompt);
    setlocale(LC_CTYPE, "C");
    if (line->text == NULL)
        return 0;
    lua_pushstring(L, line->text);
    free(line->text);
    line->text = NULL;
    return 1;
}

/* Reads a line from standard input (prompting on stderr when one is
   given) and pushes it without its line end; returns 0 at the end of
   input or when a read is interrupted before anything was read. */
static int repl_read_plain(lua_State *L, const char *prompt)
{
    luaL_Buffer line;
    char chunk[4096];
    int got = 0;
    if (prompt != NULL) {
        fputs(prompt, stderr);
        fflush(stderr);
    }
    luaL_buffinit(L, &line);
    while (fgets(chunk, sizeof chunk, stdin) != NULL) {
        size_t len = strlen(chunk);
        got = 1;
        if (len > 0 && chunk[len - 1] == '\n') {
            len--;
            if (len > 0 && chunk[len - 1] == '\r')
                len--;
            luaL_addlstring(&line, chunk, len);
            break;
        }
        luaL_addlstring(&line, chunk, len);
    }
    luaL_pushresult(&line);
    if (!got) {
        lua_pop(L, 1);
        return 0;
    }
    return 1;
}

/* Prints prefix and the message on top of the stack (popping it) on
   stderr, as host_report does, with its first line red on a terminal that
   takes colour (qlib_colour; a traceback under it stays plain, as
   repl.lua's warn prints it). */
static void repl_report(lua_State *L, const char *prefix)
{
    const char *message = lua_tostring(L, -1);
    if (message == NULL)
        message = "(error without a message)";
    size_t first = strcspn(message, "\n");
    if (qlib_colour(stderr))
        fprintf(stderr, QUARRY_RED "%s%.*s" QUARRY_PLAIN "%s\n", prefix, (int)first,
                message, message + first);
    else
        fprintf(stderr, "%s%s\n", prefix, message);
    fflush(stderr);
    lua_pop(L, 1);
}

/* Calls repl.NAME(session, <the nargs values on top>) through host_docall
   and leaves nres results. On an error the message is printed and false
   returned, with nothing left on the stack. */
static int repl_call(lua_State *L, const char *name, int nargs, int nres)
{
    lua_getfield(L, LUA_REGISTRYINDEX, REPL_MODULE);
    lua_getfield(L, -1, name);
    lua_remove(L, -2);
    lua_getfield(L, LUA_REGISTRYINDEX, REPL_SESSION);
    lua_rotate(L, -(nargs + 2), 2);
    int status = host_docall(L, nargs + 1, nres);
    if (status != LUA_OK) {
        fflush(stdout);
        repl_report(L, "quarry: ");
        return 0;
    }
    return 1;
}

/* The history file: $QUARRY_HISTORY, else ~/.quarry_history; pushed, or
   nil when there is no HOME. */
static const char *repl_history_path(lua_State *L)
{
    const char *path = getenv("QUARRY_HISTORY"), *home = getenv("HOME");
    if (path != NULL && *path != '\0')
        return lua_pushstring(L, path);
    if (home != NULL && *home != '\0')
        return lua_pushfstring(L, "%s/.quarry_history", home);
    lua_pushnil(L);
    return NULL;
}

int repl_run(struct cli_context *context)
{
    lua_State *L = context->L;
    for (int i = 0; i < context->argc && strcmp(context->argv[i], "--") != 0; i++) {
        if (strcmp(context->argv[i], "--help") == 0 || strcmp(context->argv[i], "-h") == 0) {
            cli_print_help(context->command, stdout);
            return CLI_OK;
        }
    }
    int terminal = isatty(STDIN_FILENO);
    int edit = terminal && isatty(STDOUT_FILENO);

    /* the db, as the other commands open it */
    lua_pushcfunction(L, qdb_open);
    lua_pushstring(L, context->db_path);
    lua_call(L, 1, 2);
    if (lua_isnil(L, -2)) {
        repl_report(L, "quarry: ");
        return CLI_REJECTED;
    }
    lua_pop(L, 1);
    int db = lua_gettop(L);

    /* session = require("quarry.repl").start(db, words, terminal) */
    lua_getglobal(L, "require");
    lua_pushliteral(L, "quarry.repl");
    lua_call(L, 1, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, REPL_MODULE);
    lua_getfield(L, LUA_REGISTRYINDEX, REPL_MODULE);
    lua_getfield(L, -1, "start");
    lua_remove(L, -2);
    lua_pushvalue(L, db);
    lua_createtable(L, context->argc, 0);
    for (int i = 0; i < context->argc; i++) {
        lua_pushstring(L, context->argv[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_pushboolean(L, terminal);
    int status = host_docall(L, 3, 2);
    if (status != LUA_OK) {
        repl_report(L, "quarry: ");
        return CLI_SCRIPT;
    }
    if (lua_isnil(L, -2)) {
        lua_pushfstring(L, "%s (see quarry repl --help)", lua_tostring(L, -1));
        repl_report(L, "quarry repl: ");
        return CLI_USAGE;
    }
    lua_pop(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, REPL_SESSION);

    int box = repl_line_new(L);
    const char *history = edit ? repl_history_path(L) : NULL;
    if (edit)
        repl_editor_open(L, history);
    sqlite3_progress_handler(store_handle(qdb_check(L, db)), 1000, repl_progress, L);
    struct sigaction action, previous;
    memset(&action, 0, sizeof action);
    action.sa_handler = repl_on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; /* no SA_RESTART: Ctrl-C ends a read */
    sigaction(SIGINT, &action, &previous);

    int continuing = 0, base = lua_gettop(L);
    for (;;) {
        const char *prompt = continuing ? REPL_CONTINUE : REPL_PROMPT;
        lua_settop(L, base);
        repl_interrupted = 0;
        fflush(stdout);
        int got = edit ? repl_read_edited(L, box, prompt)
                       : repl_read_plain(L, terminal ? prompt : NULL);
        if (!got && repl_interrupted && terminal) {
            /* Ctrl-C at the prompt drops what was being typed */
            fputc('\n', stdout);
            clearerr(stdin);
            repl_call(L, "cancel", 0, 0);
            continuing = 0;
            continue;
        }
        if (!got) {
            if (terminal)
                fputc('\n', stdout);
            break;
        }
        /* what, chunk = repl.feed(session, line), with Ctrl-C armed */
        repl_interrupted = 0;
        repl_running = L;
        int fed = repl_call(L, "feed", 1, 2);
        repl_running = NULL;
        lua_sethook(L, NULL, 0, 0);
        if (!fed) {
            lua_pushboolean(L, 1);
            repl_call(L, "cancel", 1, 0);
            continuing = 0;
            continue;
        }
        const char *what = lua_tostring(L, -2);
        if (what != NULL && strcmp(what, "exit") == 0)
            break;
        continuing = what != NULL && strcmp(what, "more") == 0;
        if (edit && !continuing && lua_isstring(L, -1) && lua_rawlen(L, -1) > 0) {
            add_history(lua_tostring(L, -1)); /* once per complete chunk */
            if (history != NULL)
                write_history(history);
        }
    }
    sigaction(SIGINT, &previous, NULL);
    repl_interrupted = 0;
    repl_editor_state = NULL;
    lua_settop(L, base);
    int code = CLI_OK;
    if (repl_call(L, "finish", 0, 1))
        code = (int)luaL_optinteger(L, -1, CLI_OK);
    else if (!terminal)
        code = CLI_SCRIPT;
    fflush(stdout);
    return code;
}
