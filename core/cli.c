/* cli.c: the quarry commands. Each parses its own words, opens the
   database through the quarry Lua module (so the db is owned by Lua and
   closed even when a command raises) and prints in the format asked. */
#include "cli.h"

#include <errno.h>
#include <lauxlib.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "format.h"
#include "host.h"
#include "ingest.h"
#include "lua_db.h"
#include "lua_json.h"
#include "lua_quarry.h"
#include "lua_stmt.h"
#include "repl.h"
#include "text.h"

struct cli_option {
    const char *name;    /* without the leading "--" */
    const char **value;  /* set for options that take a value */
    bool *flag;          /* set for flags */
};

enum { CLI_PARSED = -1 };

/* Prints one error line on stderr, in red on a terminal that takes colour
   (qlib_colour), as cli.error_line does for the Lua commands. */
static void cli_error(const char *format, ...)
{
    bool colour = qlib_colour(stderr);
    va_list args;
    va_start(args, format);
    /* a file name may hold an escape sequence: it is shown, not obeyed */
    char *escaped = text_escaped_vformat(true, format, args);
    va_end(args);
    if (colour)
        fputs(QUARRY_RED, stderr);
    fputs(escaped ? escaped : "out of memory printing an error", stderr);
    fputs(colour ? QUARRY_PLAIN "\n" : "\n", stderr);
    free(escaped);
}

static int cli_usage(const char *command, const char *message)
{
    cli_error("quarry %s: %s (see quarry %s --help)", command, message, command);
    return CLI_USAGE;
}

/* Splits words into options and positional words. "--name value",
   "--name=value" and "--" (ends options) are understood; when
   stop_at_positional, everything from the first positional word on is
   positional (for run's script arguments). Returns CLI_PARSED, or an exit
   code (help printed, or a usage error). */
static int cli_parse(struct cli_context *context, const struct cli_command *command,
                     const struct cli_option *options, bool stop_at_positional,
                     char ***positional, int *count)
{
    char **words = context->argv;
    int n = 0, i = 0;
    *positional = words; /* positional words are packed in place */
    for (; i < context->argc; i++) {
        char *word = words[i];
        if (strcmp(word, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(word, "--help") == 0 || strcmp(word, "-h") == 0) {
            cli_print_help(command, stdout);
            return CLI_OK;
        }
        if (strncmp(word, "--", 2) != 0 || word[2] == '\0') {
            words[n++] = word;
            if (stop_at_positional) {
                i++;
                break;
            }
            continue;
        }
        const char *name = word + 2, *equals = strchr(name, '=');
        size_t name_len = equals ? (size_t)(equals - name) : strlen(name);
        const struct cli_option *option = options;
        while (option->name && !(strlen(option->name) == name_len
                                 && strncmp(option->name, name, name_len) == 0))
            option++;
        if (option->name == NULL) {
            char message[128];
            snprintf(message, sizeof message, "unknown option --%.*s", (int)name_len, name);
            return cli_usage(command->name, message);
        }
        if (option->flag) {
            if (equals)
                return cli_usage(command->name, "that option takes no value");
            *option->flag = true;
        } else if (equals) {
            *option->value = equals + 1;
        } else if (i + 1 < context->argc) {
            *option->value = words[++i];
        } else {
            return cli_usage(command->name, "an option is missing its value");
        }
    }
    for (; i < context->argc; i++)
        words[n++] = words[i];
    *count = n;
    return CLI_PARSED;
}

static int cli_format(const struct cli_command *command, const char *name,
                      enum format_kind *kind)
{
    if (format_parse(name, kind) != 0)
        return cli_usage(command->name, "--format takes table, csv, tsv or json");
    return CLI_PARSED;
}

/* Opens the database as a quarry.db userdata left on the Lua stack and
   returns its store, or NULL after printing why. */
static struct store *cli_open_store(struct cli_context *context)
{
    /* the commands that only read open the database read-only, so a
       read-only file or mount can be read */
    static const char *const readers[] = {"list", "show", "search", "query", "export",
                                          "eval", "report", "context", NULL};
    /* the commands that exist to write say so at once when they cannot */
    static const char *const writers[] = {"ingest", "extract", "remove", "import", NULL};
    lua_State *L = context->L;
    bool read_only = false, writer = false;
    for (const char *const *name = readers; *name; name++)
        if (strcmp(context->command->name, *name) == 0)
            read_only = true;
    for (const char *const *name = writers; *name; name++)
        if (strcmp(context->command->name, *name) == 0)
            writer = true;
    /* a command that only reads makes no database: a mistyped --db is an
       error, not a new empty file */
    if (read_only && strcmp(context->db_path, ":memory:") != 0 && access(context->db_path, F_OK) != 0) {
        cli_error("quarry: %s: no such database (quarry ingest makes one)", context->db_path);
        return NULL;
    }
    lua_pushcfunction(L, qdb_open);
    lua_pushstring(L, context->db_path);
    lua_createtable(L, 0, 1);
    lua_pushboolean(L, read_only);
    lua_setfield(L, -2, "read_only");
    lua_call(L, 2, 2);
    if (lua_isnil(L, -2)) {
        cli_error("quarry: %s", lua_tostring(L, -1));
        lua_pop(L, 2);
        return NULL;
    }
    lua_pop(L, 1);
    struct store *store = qdb_check(L, -1);
    if (writer && sqlite3_db_readonly(store_handle(store), "main") == 1) {
        cli_error("quarry: %s: cannot be written (a read-only file, folder or mount); "
                  "list, show, search, query, export and report can read it",
                  context->db_path);
        lua_pop(L, 1); /* the db, closed when collected */
        return NULL;
    }
    return store;
}

static int cli_print(struct format_table *table, enum format_kind kind)
{
    int status = format_table_print(table, kind, stdout);
    format_table_free(table);
    if (status != 0) {
        cli_error("quarry: could not write the output");
        return CLI_REJECTED;
    }
    return CLI_OK;
}

/* A statement that failed while a table was being filled (a damaged page,
   say): the message, the table freed. */
static int cli_step_failed(struct store *store, struct format_table *table)
{
    cli_error("quarry: reading the database: %s", sqlite3_errmsg(store_handle(store)));
    format_table_free(table);
    return CLI_REJECTED;
}

static int cli_out_of_memory(void)
{
    cli_error("quarry: out of memory");
    return CLI_REJECTED;
}

static int cli_ingest(struct cli_context *context);
static int cli_list(struct cli_context *context);
static int cli_show(struct cli_context *context);
static int cli_search(struct cli_context *context);
static int cli_query(struct cli_context *context);
static int cli_run(struct cli_context *context);
static int cli_lua_command(struct cli_context *context);
static int cli_lua_stream_command(struct cli_context *context);

const struct cli_command cli_commands[] = {
    {"ingest", "load files, folders or standard input into the database",
     "ingest [--jobs N] [--batch N] [--no-progress] [--keep-both] PATH...",
     "Loads documents into the database. PATH is a file, a folder (read\n"
     "recursively, in name order, hidden entries skipped) or - for one text\n"
     "document on standard input.\n\n"
     "  .txt .text .md .markdown   UTF-8 text, stored byte for byte\n"
     "  .html .htm .xhtml          the page's text, title and date (libxml2)\n"
     "  .jsonl .ndjson             one document a line: text, and optional\n"
     "                             id, title, url, published\n\n"
     "A file named on the command line with another extension is read as\n"
     "text; in folders such files are ignored. A document whose SHA-256 is\n"
     "already stored is skipped, so ingesting again changes nothing.\n\n"
     "A document is known by its source (a file's canonical absolute path,\n"
     "stored as such) and name: two note.txt in different folders are two\n"
     "documents. A file ingested again after it was edited replaces its\n"
     "earlier version, whose annotations go with it (quarry extract finds them\n"
     "again); say --keep-both to keep both. Standard input is always new.\n\n"
     "A binary file, invalid UTF-8, an empty file, an unreadable path or a\n"
     "malformed JSONL line is reported on stderr with its file (and line); the rest is\n"
     "stored and the exit status is 2. When stderr is a terminal, a progress\n"
     "line shows files done, MB and MB/s; the last line on stderr is a\n"
     "summary: stored, skipped as duplicate, rejected, ignored, speed.\n\n"
     "Options:\n"
     "  --no-progress   no progress line, even when stderr is a terminal\n"
     "  --keep-both     keep the earlier version of an edited file as well\n"
     "  --jobs N        read, parse and hash in N threads (default: the\n"
     "                  number of cores); one writer stores, in input order,\n"
     "                  so the database and the messages are those of --jobs 1\n"
     "  --batch N       documents per transaction (default 100000, and at\n"
     "                  most 64 MB of text): an error or Ctrl-C leaves the\n"
     "                  database as after the last committed batch, and the\n"
     "                  same ingest run again finishes the job\n\n"
     "Exit status: 0 everything stored or skipped as a duplicate, 1 usage\n"
     "error, 2 some input was rejected (the rest is stored), or the database\n"
     "could not take it (locked by another program, a full disk: the summary\n"
     "counts what committed and names what was not stored).\n\n"
     "Examples:\n"
     "  quarry ingest data/samples\n"
     "  iconv -f latin1 -t utf-8 old.txt | quarry ingest -\n",
     cli_ingest},
    {"list", "list the stored documents",
     "list [--format table|csv|tsv|json]",
     "Lists the stored documents in id order: id, name, title, publication\n"
     "date, size in bytes and source.\n\n"
     "Options:\n"
     "  --format F   table (default: aligned columns), csv (RFC 4180: quoted\n"
     "               where needed, CRLF line ends), tsv (tab-separated, LF line\n"
     "               ends, \\\\ \\t \\n \\r escaped in cells) or json (an array of\n"
     "               objects; reals in their shortest form)\n\n"
     "Exit status: 0 ok, 1 usage error, 2 the database cannot be opened.\n\n"
     "Examples:\n"
     "  quarry list\n"
     "  quarry list --format csv > documents.csv\n",
     cli_list},
    {"show", "print one document's fields and stored text",
     "show [--format text|json|html] NAME",
     "Prints one document: its fields, then its stored text exactly as stored.\n"
     "NAME is a document name or id (see quarry list).\n\n"
     "Options:\n"
     "  --format F   text (default), json (fields, text and regions) or html\n"
     "               (a self-contained page: the text with every annotation that\n"
     "               stands highlighted by type, its value and rule on hover, a\n"
     "               legend that switches types off and on, quotes and relation\n"
     "               sentences underlined, boilerplate greyed)\n\n"
     "Exit status: 0 ok, 1 usage error, 2 no such document.\n\n"
     "Examples:\n"
     "  quarry show 07-digital-silk-road-africa.html | head\n"
     "  quarry show --format json 3\n"
     "  quarry show --format html 3 > doc3.html\n",
     cli_show},
    {"search", "full-text search, best match first",
     "search [--limit N] [--format table|csv|tsv|json] QUERY",
     "Full-text search over titles and texts (SQLite FTS5), best match first.\n"
     "Each hit names its document, rank, score and a snippet with the matched\n"
     "terms in [brackets]. QUERY is FTS5 syntax (words, \"phrases\", AND, OR,\n"
     "NOT, prefix*, NEAR(a b)); a query that is not valid FTS5 is searched as\n"
     "plain words. Several words are one query.\n\n"
     "Options:\n"
     "  --limit N    at most N hits (default 20)\n"
     "  --format F   table (default), csv (RFC 4180, CRLF line ends), tsv\n"
     "               (tab-separated, LF line ends, \\\\ \\t \\n \\r escaped) or\n"
     "               json (an array of objects); these three add each\n"
     "               document's id and source\n\n"
     "Exit status: 0 ok (also when nothing matches), 1 usage error, 2 the\n"
     "search failed.\n\n"
     "Examples:\n"
     "  quarry search quantum --limit 5\n"
     "  quarry search --format json '\"digital silk road\" NOT Africa'\n",
     cli_search},
    {"query", "run one read-only SQL statement",
     "query [--format table|csv|tsv|json] SQL [PARAM...]",
     "Runs one read-only SQL statement with ? parameters bound to PARAMs\n"
     "(numbers bound as numbers, the rest as text). Tables: documents,\n"
     "documents_fts, annotations, regions, rule_runs. Put -- before a PARAM\n"
     "that starts with a dash.\n\n"
     "Options:\n"
     "  --format F   table (default), csv (RFC 4180, CRLF line ends), tsv\n"
     "               (tab-separated, LF line ends, \\\\ \\t \\n \\r escaped) or\n"
     "               json (an array of objects)\n\n"
     "Exit status: 0 ok, 1 usage error (or the wrong number of PARAMs), 2 SQL\n"
     "that does not parse, writes, or fails.\n\n"
     "Examples:\n"
     "  quarry query \"SELECT type, count(*) AS n FROM annotations GROUP BY type\"\n"
     "  quarry query --format csv \"SELECT name FROM documents WHERE published >= ?\" 2024-06\n"
     "  n=$(quarry query --format tsv \"SELECT count(*) FROM documents\" | tail -1)\n",
     cli_query},
    {"run", "run a Lua script over the database",
     "run SCRIPT.lua [ARG...]",
     "Runs a Lua script with the quarry module as the global quarry, the\n"
     "open database as quarry.db, and its arguments in arg (arg[0] is the\n"
     "script) and in .... A script error prints file:line: message and a\n"
     "traceback.\n\n"
     "Exit status: 0 ok, 1 usage error, 2 the database cannot be opened or\n"
     "SCRIPT cannot be read, 3 the script failed (a syntax error included).\n\n"
     "Examples:\n"
     "  quarry run scripts/overview.lua quantum BeiDou\n"
     "  quarry run scripts/examples/kwic.lua semiconductor\n",
     cli_run},
    {"extract", "run the rules over the documents and store what they find",
     "extract [--rules DIR]... [--no-default-rules] [--prune] [--force] [--doc NAME]... "
     "[--no-progress] [--format text|json]",
     NULL, cli_lua_command},
    {"rules", "list the rules, test their examples, explain what one finds",
     "rules list|test|explain [--rules DIR]... [--no-default-rules] [--format F] ...", NULL,
     cli_lua_stream_command},
    {"context", "an annotation with the text around it",
     "context [--format text|json] ANNOTATION_ID...", NULL, cli_lua_command},
    {"remove", "delete documents with their annotations",
     "remove NAME|ID...", NULL, cli_lua_command},
    {"export", "write the annotations as JSON Lines in the gold format",
     "export [--type T]... [--doc NAME]... [--out FILE]", NULL, cli_lua_command},
    {"eval", "score the annotations against a gold file",
     "eval [--format md|json] [--show-errors] [--type T]... GOLD.jsonl", NULL,
     cli_lua_command},
    {"report", "reports in Markdown, CSV, JSON or HTML (--list names them)",
     "report --list | NAME... [--format md|csv|tsv|json|html] [--out FILE] [filters]", NULL,
     cli_lua_command},
    {"annotate", "run the rules over JSON Lines documents on stdin, no database",
     "annotate [--rules DIR]... [--state] [--file NAME]", NULL, cli_lua_stream_command},
    {"import", "load annotate's output into the database",
     "import FILE|-", NULL, cli_lua_command},
    {"repl", "an interactive Lua prompt over the database",
     "repl [--rules DIR]... [--no-default-rules]",
     "An interactive Lua prompt over the database, with quarry, db (the open\n"
     "database), rules (the loaded rule set) and helpers in scope. =expr or a\n"
     "bare expression prints its values; an unfinished chunk continues on the\n"
     "next line; documents, annotations and rows print in their own shapes.\n"
     "Commands: .help, .search QUERY, .sql SELECT ..., .report NAME [ARGS],\n"
     ".rules test [NAME...], .reload (read rules and scripts again), .quit.\n"
     "Tab completes globals, fields and methods; Ctrl-C stops a computation;\n"
     "Ctrl-D leaves. History is kept in $QUARRY_HISTORY, else ~/.quarry_history.\n"
     "Errors are red when stderr is a terminal (NO_COLOR=1 turns that off).\n"
     "When standard input is not a terminal, lines are read plainly with no\n"
     "prompts, so a session can be piped in.\n\n"
     "Options:\n"
     "  --rules DIR   a rules folder of your own, added to the shipped rules/\n"
     "                (repeat for several); a rule of yours with the name of a\n"
     "                pack rule replaces it\n"
     "  --no-default-rules\n"
     "                leave the shipped rules/ out: only the --rules folders\n\n"
     "Exit status: 0 ok, 1 usage error, 2 the database cannot be opened; with\n"
     "piped input, 3 if a chunk or command failed.\n\n"
     "Examples:\n"
     "  quarry repl --rules my-rules\n"
     "  echo '=db:count()' | quarry repl\n",
     repl_run},
    {NULL, NULL, NULL, NULL, NULL},
};

const struct cli_command *cli_find(const char *name)
{
    for (const struct cli_command *command = cli_commands; command->name; command++)
        if (strcmp(command->name, name) == 0)
            return command;
    return NULL;
}

void cli_print_help(const struct cli_command *command, FILE *out)
{
    fprintf(out, "usage: quarry [--db FILE] %s\n\n%s", command->synopsis,
            command->help ? command->help : "");
}

/* Commands written in Lua live in scripts/quarry/commands/NAME.lua: a
   module with `help` and main(db, words) returning an exit status and, for
   a usage error, a message. db is nil for a command that works without
   a database (open_db false). */
static int cli_lua_run(struct cli_context *context, bool open_db)
{
    lua_State *L = context->L;
    const char *name = context->command->name;
    int help = 0;
    for (int i = 0; i < context->argc && strcmp(context->argv[i], "--") != 0; i++)
        if (strcmp(context->argv[i], "--help") == 0 || strcmp(context->argv[i], "-h") == 0)
            help = 1;
    lua_getglobal(L, "require");
    lua_pushfstring(L, "quarry.commands.%s", name);
    lua_call(L, 1, 1);
    int module = lua_gettop(L);
    if (help) {
        /* a module may make its help from the words (report NAME --help) */
        lua_getfield(L, module, "help_for");
        if (lua_isfunction(L, -1)) {
            lua_createtable(L, context->argc, 0);
            for (int i = 0; i < context->argc; i++) {
                lua_pushstring(L, context->argv[i]);
                lua_rawseti(L, -2, i + 1);
            }
            lua_call(L, 1, 1);
        } else {
            lua_pop(L, 1);
            lua_getfield(L, module, "help");
        }
        printf("usage: quarry [--db FILE] %s\n\n%s", context->command->synopsis,
               lua_isstring(L, -1) ? lua_tostring(L, -1) : "");
        return CLI_OK;
    }
    if (!open_db)
        lua_pushnil(L);
    else if (cli_open_store(context) == NULL)
        return CLI_REJECTED;
    lua_getfield(L, module, "main");
    lua_pushvalue(L, -2);
    lua_createtable(L, context->argc, 0);
    for (int i = 0; i < context->argc; i++) {
        lua_pushstring(L, context->argv[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_call(L, 2, 2);
    int status = (int)luaL_optinteger(L, -2, CLI_OK);
    if (lua_isstring(L, -1)) {
        if (status == CLI_USAGE)
            return cli_usage(name, lua_tostring(L, -1));
        cli_error("quarry: %s", lua_tostring(L, -1));
    }
    return status;
}

static int cli_lua_command(struct cli_context *context)
{
    return cli_lua_run(context, true);
}

/* A Lua command that works without a database (annotate reads standard
   input and writes standard output, rules reads the rule files): no
   database file is made. */
static int cli_lua_stream_command(struct cli_context *context)
{
    return cli_lua_run(context, false);
}

/* Titles are guessed in Lua (rules/lib/titles.lua, where an analyst can
   tune the guess), in a Lua state of their own: ingest calls the guess on
   its writer (calling) thread only, never from a loader thread, and the
   guess must not touch the command's state. The state
   lives in a to-be-closed box on the command's stack, so it is closed
   even when the command raises. */
#define CLI_TITLES_BOX "quarry.titles_state"

struct cli_title_guesser {
    lua_State *L; /* titles.guess at index 1 */
    bool failed;  /* it raised once: said so, no more guessing */
};

static int cli_titles_close(lua_State *L)
{
    struct cli_title_guesser *guesser = luaL_checkudata(L, 1, CLI_TITLES_BOX);
    if (guesser->L != NULL)
        lua_close(guesser->L);
    guesser->L = NULL;
    return 0;
}

/* Called protected in the titles' state: titles.guess (argument 1) on
   the text (argument 2, a light userdata holding a struct cli_title_text). */
struct cli_title_text {
    const char *text;
    size_t len;
};

static int cli_guess_title_call(lua_State *L)
{
    const struct cli_title_text *text = lua_touserdata(L, 2);
    lua_pushvalue(L, 1);
    lua_pushlstring(L, text->text, text->len);
    lua_call(L, 1, 1);
    return 1;
}

/* ingest's guess_title: a malloc'd copy of what titles.guess returns, or
   NULL. Nothing raises into ingest (its state is on the C heap): an error
   in titles.lua is said once, and the documents are stored untitled. */
static char *cli_guess_title(void *context, const char *text, size_t len)
{
    struct cli_title_guesser *guesser = context;
    lua_State *L = guesser->L;
    struct cli_title_text call = {text, len};
    if (guesser->failed || !lua_checkstack(L, 3))
        return NULL;
    lua_pushcfunction(L, cli_guess_title_call);
    lua_pushvalue(L, 1);
    lua_pushlightuserdata(L, &call);
    if (host_docall(L, 2, 1) != LUA_OK) {
        cli_error("quarry: guessing titles: %s (documents are stored without a guessed title)",
                  lua_tostring(L, -1));
        guesser->failed = true;
        lua_settop(L, 1);
        return NULL;
    }
    const char *title = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    char *copy = title ? strdup(title) : NULL;
    lua_settop(L, 1);
    return copy;
}

/* Pushes the box of a new titles' state with titles.guess loaded; NULL
   after saying why when it cannot be made. */
static struct cli_title_guesser *cli_title_guesser(lua_State *L)
{
    struct cli_title_guesser *guesser = lua_newuserdatauv(L, sizeof *guesser, 0);
    *guesser = (struct cli_title_guesser){NULL, false};
    if (luaL_newmetatable(L, CLI_TITLES_BOX)) {
        lua_pushcfunction(L, cli_titles_close);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, cli_titles_close);
        lua_setfield(L, -2, "__close");
    }
    lua_setmetatable(L, -2);
    lua_toclose(L, -1);
    lua_getfield(L, LUA_REGISTRYINDEX, "quarry.home");
    guesser->L = host_new(lua_tostring(L, -1));
    lua_pop(L, 1);
    if (guesser->L == NULL) {
        cli_error("quarry: out of memory");
        return NULL;
    }
    lua_State *T = guesser->L;
    lua_getglobal(T, "require");
    lua_pushliteral(T, "lib.titles");
    if (host_docall(T, 1, 1) != LUA_OK) {
        cli_error("quarry: guessing titles: %s", lua_tostring(T, -1));
        return NULL;
    }
    lua_getfield(T, -1, "guess");
    lua_replace(T, 1);
    lua_settop(T, 1);
    if (!lua_isfunction(T, 1)) {
        cli_error("quarry: guessing titles: rules/lib/titles.lua has no function guess");
        return NULL;
    }
    return guesser;
}

/* Reads a whole number from min to max (digits only); false otherwise. */
static bool cli_whole_number(const char *text, long min, long max, long *number)
{
    char *end;
    if (*text < '0' || *text > '9')
        return false;
    errno = 0;
    *number = strtol(text, &end, 10);
    return errno == 0 && *end == '\0' && *number >= min && *number <= max;
}

static int cli_ingest(struct cli_context *context)
{
    const struct cli_command *command = cli_find("ingest");
    bool no_progress = false, keep_both = false;
    const char *jobs_text = NULL, *batch_text = NULL;
    const struct cli_option options[] = {{"no-progress", NULL, &no_progress},
                                         {"keep-both", NULL, &keep_both},
                                         {"jobs", &jobs_text, NULL},
                                         {"batch", &batch_text, NULL},
                                         {NULL, NULL, NULL}};
    long jobs = 0, batch = 0;
    char **paths;
    int count, status = cli_parse(context, command, options, false, &paths, &count);
    struct ingest_summary summary;
    struct store *store;

    if (status != CLI_PARSED)
        return status;
    if (jobs_text != NULL && !cli_whole_number(jobs_text, 1, 64, &jobs))
        return cli_usage(command->name, "--jobs takes a whole number from 1 to 64");
    if (batch_text != NULL && !cli_whole_number(batch_text, 1, 100000000, &batch))
        return cli_usage(command->name, "--batch takes a whole number of at least 1");
    if (count == 0)
        return cli_usage(command->name, "no PATH given");
    if ((store = cli_open_store(context)) == NULL)
        return CLI_REJECTED;
    struct cli_title_guesser *guesser = cli_title_guesser(context->L);
    if (guesser == NULL)
        return CLI_SCRIPT;
    struct ingest_options ingest_options = {.progress = !no_progress && isatty(STDERR_FILENO),
                                            .keep_both = keep_both,
                                            .guess_title = cli_guess_title,
                                            .title_context = guesser,
                                            .jobs = (size_t)jobs,
                                            .batch = (size_t)batch};
    status = ingest_paths_with(store, paths, (size_t)count, stderr, &ingest_options, &summary);
    double mb = (double)summary.bytes / 1e6;
    fprintf(stderr, "ingest: %zu stored, %zu skipped as duplicate, %zu rejected",
            summary.stored, summary.duplicates, summary.rejected);
    if (summary.replaced)
        fprintf(stderr, ", %zu earlier version%s replaced", summary.replaced,
                summary.replaced == 1 ? "" : "s");
    if (summary.ignored)
        fprintf(stderr, ", %zu ignored (not .txt/.md/.html/.jsonl)", summary.ignored);
    if (summary.not_stored)
        fprintf(stderr, ", %zu not stored", summary.not_stored);
    if (summary.files_not_read)
        fprintf(stderr, ", %zu file%s not read to the end", summary.files_not_read,
                summary.files_not_read == 1 ? "" : "s");
    fprintf(stderr, " (%.1f MB in %.2f s, %.1f MB/s)\n", mb, summary.seconds,
            summary.seconds > 0 ? mb / summary.seconds : 0.0);
    return status != 0 || summary.rejected > 0 ? CLI_REJECTED : CLI_OK;
}

static int cli_list(struct cli_context *context)
{
    const struct cli_command *command = cli_find("list");
    const char *format = "table";
    const struct cli_option options[] = {{"format", &format, NULL}, {NULL, NULL, NULL}};
    static const char *const names[] = {"id", "name", "title", "published", "bytes", "source"};
    static const int columns[] = {STORE_DOC_ID, STORE_DOC_NAME, STORE_DOC_TITLE,
                                  STORE_DOC_PUBLISHED, STORE_DOC_BYTES, STORE_DOC_SOURCE};
    enum format_kind kind;
    char **words;
    int count, status = cli_parse(context, command, options, false, &words, &count);
    if (status != CLI_PARSED || (status = cli_format(command, format, &kind)) != CLI_PARSED)
        return status;
    if (count != 0)
        return cli_usage(command->name, "list takes no PATH or NAME");
    struct store *store = cli_open_store(context);
    if (store == NULL)
        return CLI_REJECTED;
    sqlite3_stmt *stmt = store_documents_dated(store);
    if (stmt == NULL)
        return luaL_error(context->L, "%s", store_error(store));
    qstmt_push(context->L, stmt, -1); /* finalized by Lua, even on errors */
    struct format_table *table = format_table_new(6, names);
    if (table == NULL)
        return cli_out_of_memory();
    /* stepped here, not through qstmt_step, which raises: the table is
       on the C heap */
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        for (int c = 0; c < 6; c++) {
            if (format_table_add(table, sqlite3_column_type(stmt, columns[c]),
                                 (const char *)sqlite3_column_text(stmt, columns[c])) != 0) {
                format_table_free(table);
                return cli_out_of_memory();
            }
        }
    }
    if (rc != SQLITE_DONE)
        return cli_step_failed(store, table);
    return cli_print(table, kind);
}

/* Calls db:document(key) on the db at the top; leaves the doc on the
   stack and returns true, or prints the message and returns false. */
static bool cli_find_document(lua_State *L, const char *key)
{
    lua_getfield(L, -1, "document");
    lua_pushvalue(L, -2);
    lua_pushstring(L, key);
    lua_call(L, 2, 2);
    if (lua_isnil(L, -2)) {
        cli_error("quarry: %s", lua_tostring(L, -1));
        lua_pop(L, 2);
        return false;
    }
    lua_pop(L, 1);
    return true;
}

static int cli_show(struct cli_context *context)
{
    static const char *const fields[] = {"id", "name", "title", "published", "source",
                                         "format", "bytes", "sha256", "ingested_at"};
    const struct cli_command *command = cli_find("show");
    const char *format = "text";
    const struct cli_option options[] = {{"format", &format, NULL}, {NULL, NULL, NULL}};
    lua_State *L = context->L;
    char **words;
    int count, status = cli_parse(context, command, options, false, &words, &count);
    if (status != CLI_PARSED)
        return status;
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 && strcmp(format, "html") != 0)
        return cli_usage(command->name, "--format takes text, json or html");
    if (count != 1)
        return cli_usage(command->name, "give exactly one document NAME or id");
    if (cli_open_store(context) == NULL)
        return CLI_REJECTED;
    if (!cli_find_document(L, words[0]))
        return CLI_REJECTED;
    int doc = lua_gettop(L);
    if (strcmp(format, "html") == 0) {
        /* the document view: scripts/quarry/document_view.lua */
        lua_getglobal(L, "require");
        lua_pushliteral(L, "quarry.document_view");
        lua_call(L, 1, 1);
        lua_getfield(L, -1, "html");
        lua_pushvalue(L, doc);
        lua_call(L, 1, 1);
        size_t len;
        const char *page = lua_tolstring(L, -1, &len);
        fwrite(page, 1, len, stdout);
        return CLI_OK;
    }
    if (strcmp(format, "json") == 0) {
        lua_newtable(L);
        for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
            lua_getfield(L, doc, fields[i]);
            lua_setfield(L, -2, fields[i]);
        }
        lua_getfield(L, doc, "text");
        lua_setfield(L, -2, "text");
        lua_getfield(L, doc, "regions");
        lua_pushvalue(L, doc);
        lua_call(L, 1, 1);
        lua_setfield(L, -2, "regions");
        qjson_encode_value(L, -1);
        printf("%s\n", lua_tostring(L, -1));
        return CLI_OK;
    }
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        lua_getfield(L, doc, fields[i]);
        if (!lua_isnil(L, -1)) {
            /* a name or title with an escape sequence in it is shown, not obeyed */
            size_t field_len;
            const char *value = lua_tolstring(L, -1, &field_len);
            char *shown = text_escape_controls(value, field_len, false);
            if (shown == NULL)
                return cli_out_of_memory();
            printf("%-12s %s\n", fields[i], shown);
            free(shown);
        }
        lua_pop(L, 1);
    }
    size_t len;
    lua_getfield(L, doc, "text");
    const char *text = lua_tolstring(L, -1, &len);
    putchar('\n');
    fwrite(text, 1, len, stdout);
    if (len > 0 && text[len - 1] != '\n')
        putchar('\n');
    return CLI_OK;
}

static int cli_search(struct cli_context *context)
{
    const struct cli_command *command = cli_find("search");
    /* csv, tsv and json carry the document's id and source too: names
       need not be unique */
    static const char *const names[] = {"rank", "document", "title", "score", "snippet",
                                        "id", "source"};
    const char *format = "table", *limit_text = "20";
    const struct cli_option options[] = {
        {"format", &format, NULL}, {"limit", &limit_text, NULL}, {NULL, NULL, NULL}};
    enum format_kind kind;
    char **words, *end;
    int count, status = cli_parse(context, command, options, false, &words, &count);
    if (status != CLI_PARSED || (status = cli_format(command, format, &kind)) != CLI_PARSED)
        return status;
    long limit = strtol(limit_text, &end, 10);
    if (*end != '\0' || limit < 1 || limit > 1000000)
        return cli_usage(command->name, "--limit takes a number from 1 to 1000000");
    if (count < 1)
        return cli_usage(command->name, "no QUERY given");
    /* several words are one query: quarry search digital silk road */
    luaL_Buffer query;
    luaL_buffinit(context->L, &query);
    for (int i = 0; i < count; i++) {
        if (i > 0)
            luaL_addchar(&query, ' ');
        luaL_addstring(&query, words[i]);
    }
    luaL_pushresult(&query);
    struct store *store = cli_open_store(context);
    if (store == NULL)
        return CLI_REJECTED;
    sqlite3_stmt *stmt = store_search(store, lua_tostring(context->L, -2), (int)limit, "[", "]");
    if (stmt == NULL) {
        cli_error("quarry: %s", store_error(store));
        return CLI_REJECTED;
    }
    qstmt_push(context->L, stmt, -1);
    bool identity = kind != FORMAT_TABLE;
    struct format_table *table = format_table_new(identity ? 7 : 5, names);
    if (table == NULL)
        return cli_out_of_memory();
    int rc, rank = 1;
    for (; (rc = sqlite3_step(stmt)) == SQLITE_ROW; rank++) {
        char rank_text[16], score[32], id_text[24];
        snprintf(id_text, sizeof id_text, "%lld",
                 (long long)sqlite3_column_int64(stmt, STORE_HIT_ID));
        snprintf(rank_text, sizeof rank_text, "%d", rank);
        snprintf(score, sizeof score, "%.3f", sqlite3_column_double(stmt, STORE_HIT_SCORE));
        if (format_table_add(table, SQLITE_INTEGER, rank_text) != 0
            || format_table_add(table, SQLITE_TEXT, (const char *)sqlite3_column_text(stmt, STORE_HIT_NAME)) != 0
            || format_table_add(table, SQLITE_TEXT, (const char *)sqlite3_column_text(stmt, STORE_HIT_TITLE)) != 0
            || format_table_add(table, SQLITE_FLOAT, score) != 0
            || format_table_add(table, SQLITE_TEXT, (const char *)sqlite3_column_text(stmt, STORE_HIT_SNIPPET)) != 0
            || (identity
                && (format_table_add(table, SQLITE_INTEGER, id_text) != 0
                    || format_table_add(table, SQLITE_TEXT,
                                        (const char *)sqlite3_column_text(stmt, STORE_HIT_SOURCE)) != 0))) {
            format_table_free(table);
            return cli_out_of_memory();
        }
    }
    if (rc != SQLITE_DONE)
        return cli_step_failed(store, table);
    return cli_print(table, kind);
}

/* Binds a command-line parameter: whole numbers and decimals as numbers,
   the rest as text. */
static int cli_bind(sqlite3_stmt *stmt, int index, const char *word)
{
    char *end;
    if (*word != '\0') {
        long long integer = strtoll(word, &end, 10);
        if (*end == '\0')
            return sqlite3_bind_int64(stmt, index, integer);
        double real = strtod(word, &end);
        if (*end == '\0')
            return sqlite3_bind_double(stmt, index, real);
    }
    return sqlite3_bind_text(stmt, index, word, -1, SQLITE_TRANSIENT);
}

static int cli_query(struct cli_context *context)
{
    const struct cli_command *command = cli_find("query");
    const char *format = "table";
    const struct cli_option options[] = {{"format", &format, NULL}, {NULL, NULL, NULL}};
    enum format_kind kind;
    char **words;
    int count, status = cli_parse(context, command, options, false, &words, &count);
    if (status != CLI_PARSED || (status = cli_format(command, format, &kind)) != CLI_PARSED)
        return status;
    if (count < 1)
        return cli_usage(command->name, "no SQL given");
    struct store *store = cli_open_store(context);
    if (store == NULL)
        return CLI_REJECTED;
    sqlite3_stmt *stmt = store_prepare_query(store, words[0]);
    if (stmt == NULL) {
        cli_error("quarry: %s", store_error(store));
        return CLI_REJECTED;
    }
    qstmt_push(context->L, stmt, -1);
    if (sqlite3_bind_parameter_count(stmt) != count - 1) {
        cli_error("quarry: query: the SQL has %d parameter(s) but %d PARAM(s) were given",
                sqlite3_bind_parameter_count(stmt), count - 1);
        return CLI_USAGE;
    }
    for (int i = 1; i < count; i++)
        cli_bind(stmt, i, words[i]);
    int columns = sqlite3_column_count(stmt);
    const char **names = lua_newuserdatauv(context->L, sizeof *names * (size_t)(columns + 1), 0);
    for (int c = 0; c < columns; c++)
        names[c] = sqlite3_column_name(stmt, c);
    struct format_table *table = format_table_new((size_t)columns, names);
    lua_pop(context->L, 1);
    if (table == NULL)
        return cli_out_of_memory();
    for (;;) {
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE)
            break;
        if (rc != SQLITE_ROW) {
            cli_error("quarry: query: %s", sqlite3_errmsg(store_handle(store)));
            format_table_free(table);
            return CLI_REJECTED;
        }
        if (format_table_add_row(table, stmt) != 0) {
            format_table_free(table);
            return cli_out_of_memory();
        }
    }
    return cli_print(table, kind);
}

static int cli_run(struct cli_context *context)
{
    const struct cli_command *command = cli_find("run");
    const struct cli_option options[] = {{NULL, NULL, NULL}};
    lua_State *L = context->L;
    char **words;
    int count, status = cli_parse(context, command, options, true, &words, &count);
    if (status != CLI_PARSED)
        return status;
    if (count < 1)
        return cli_usage(command->name, "no SCRIPT given");
    if (cli_open_store(context) == NULL)
        return CLI_REJECTED;
    luaL_requiref(L, "quarry", qlib_open, 1);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "db");
    lua_pop(L, 1);
    status = host_run_script(L, words[0], count - 1, words + 1);
    if (status != LUA_OK) {
        host_report(L, status);
        /* a script that is not there (or not readable) is rejected input,
           not a script that failed */
        return status == LUA_ERRFILE ? CLI_REJECTED : CLI_SCRIPT;
    }
    return CLI_OK;
}
