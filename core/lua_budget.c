/* lua_budget.c: the clock behind the rules' budget (quarry.budget).

   A Lua count hook makes every instruction of every function go through
   the hook machinery (Lua 5.4 sets its `trap` for any count or line hook),
   which costs the rule pack about a tenth of its speed. So a rule call
   runs with no hook at all, and a CPU-time timer ticks every 10 ms: a tick
   that finds the same rule call under way as the tick before (it has run
   at least 10 ms) sets a one-instruction hook on the thread running it,
   which hands over to the Lua side (the function given to on_wake), which
   sets the real count hook. Almost every rule call ends well within 10 ms
   and never pays for a hook.

   The same tick is the last resort for work the count hook cannot see:
   one call into C (string.find with a pattern that backtracks without
   end, an exponential LPeg grammar) never runs a Lua instruction, so its
   deadline is never looked at. A call being watched (a rule call, a
   report) that is still under way at twice its deadline plus a second
   ends the process with a message naming it and a fixed exit status: a
   hang would be worse, and what was committed before stays committed.

   The statics are what the signal handler needs (STYLE: "the only statics
   are the ones a signal handler ... needs"). */
#include <lauxlib.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lua_budget.h"

#define QBUDGET_TICK_NS 10000000L /* 10 ms of CPU time */

static lua_State *volatile qbudget_thread; /* the thread running rule code */
static volatile sig_atomic_t qbudget_call;  /* the rule call under way, 0 none */
static volatile sig_atomic_t qbudget_seen;  /* the call the last tick saw */
static sig_atomic_t qbudget_calls;          /* calls numbered so far */
static int qbudget_armed;                   /* the timer runs */
static timer_t qbudget_timer;

static const char qbudget_wake_key = 'w'; /* registry: the Lua side's on_wake */

/* The watch: while watching, a tick past the hard deadline writes the
   message (made when the watch was set) and ends the process with code. */
#define QBUDGET_NAME_SIZE 512
static volatile sig_atomic_t qbudget_watching;
static struct timespec qbudget_hard_deadline;
static int qbudget_exit_code;
static char qbudget_who[QBUDGET_NAME_SIZE], qbudget_where[QBUDGET_NAME_SIZE];
static char qbudget_seconds[64]; /* "N seconds (its deadline: S)" */

static void qbudget_write(const char *text)
{
    size_t len = strlen(text);
    while (len > 0) {
        ssize_t written = write(STDERR_FILENO, text, len);
        if (written <= 0)
            return;
        text += written;
        len -= (size_t)written;
    }
}

/* Called from the tick: the watched call is past its hard deadline. Only
   async-signal-safe calls: write and _exit. */
static void qbudget_give_up(void)
{
    qbudget_write("quarry: ");
    qbudget_write(qbudget_who);
    if (qbudget_where[0] != '\0') {
        qbudget_write(" (document ");
        qbudget_write(qbudget_where);
        qbudget_write(")");
    }
    qbudget_write(": stuck in one call into C for ");
    qbudget_write(qbudget_seconds);
    qbudget_write(", where its budget cannot stop it (a pattern that backtracks without end: "
                     "string.find, an LPeg grammar); quarry stops here, and what was stored "
                     "before is kept\n");
    _exit(qbudget_exit_code);
}

static bool qbudget_past_hard_deadline(void)
{
    struct timespec now;
    if (clock_gettime(CLOCK_MONOTONIC, &now) != 0)
        return false;
    return now.tv_sec > qbudget_hard_deadline.tv_sec
           || (now.tv_sec == qbudget_hard_deadline.tv_sec
               && now.tv_nsec > qbudget_hard_deadline.tv_nsec);
}

/* Copies the string at index (or "" for none) into a name buffer. */
static void qbudget_copy_name(lua_State *L, int index, char *name)
{
    size_t len = 0;
    const char *text = lua_tolstring(L, index, &len);
    if (text == NULL)
        len = 0;
    if (len >= QBUDGET_NAME_SIZE)
        len = QBUDGET_NAME_SIZE - 1;
    memcpy(name, text ? text : "", len);
    name[len] = '\0';
}

/* Sets the watch from the arguments at first: who (a string naming the
   rule or report), where (the document, or nil), seconds (the deadline),
   code (the exit status). No who: no watch. */
static void qbudget_set_watch(lua_State *L, int first)
{
    qbudget_watching = 0;
    if (lua_type(L, first) != LUA_TSTRING)
        return;
    lua_Number seconds = luaL_checknumber(L, first + 2);
    qbudget_exit_code = (int)luaL_optinteger(L, first + 3, 2);
    qbudget_copy_name(L, first, qbudget_who);
    qbudget_copy_name(L, first + 1, qbudget_where);
    lua_Number hard = seconds * 2 + 1;
    snprintf(qbudget_seconds, sizeof qbudget_seconds, "%.0f seconds (its deadline: %g)",
             hard, seconds);
    clock_gettime(CLOCK_MONOTONIC, &qbudget_hard_deadline);
    qbudget_hard_deadline.tv_sec += (time_t)hard;
    qbudget_hard_deadline.tv_nsec += (long)((hard - (lua_Number)(time_t)hard) * 1e9);
    if (qbudget_hard_deadline.tv_nsec >= 1000000000L) {
        qbudget_hard_deadline.tv_sec++;
        qbudget_hard_deadline.tv_nsec -= 1000000000L;
    }
    qbudget_watching = 1;
}

/* The one-instruction hook the tick sets: removes itself, calls on_wake. */
static void qbudget_wake(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    if (qbudget_call == 0)
        return;
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &qbudget_wake_key) == LUA_TFUNCTION)
        lua_call(L, 0, 0);
    else
        lua_pop(L, 1);
}

static void qbudget_tick(int signal)
{
    (void)signal;
    if (qbudget_watching && qbudget_past_hard_deadline())
        qbudget_give_up();
    sig_atomic_t call = qbudget_call;
    lua_State *thread = qbudget_thread;
    if (call != 0 && call == qbudget_seen && thread != NULL)
        lua_sethook(thread, qbudget_wake, LUA_MASKCOUNT, 1); /* as lua.c's laction */
    qbudget_seen = call;
}

/* Starts the timer, once. */
static int qbudget_arm(lua_State *L)
{
    if (qbudget_armed)
        return 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = qbudget_tick;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = SIGPROF;
    struct itimerspec every = {{0, QBUDGET_TICK_NS}, {0, QBUDGET_TICK_NS}};
    if (sigaction(SIGPROF, &action, NULL) != 0
        || timer_create(CLOCK_PROCESS_CPUTIME_ID, &event, &qbudget_timer) != 0)
        return luaL_error(L, "cannot start the budget's clock");
    if (timer_settime(qbudget_timer, 0, &every, NULL) != 0) {
        timer_delete(qbudget_timer);
        return luaL_error(L, "cannot start the budget's clock");
    }
    qbudget_armed = 1;
    return 0;
}

/* budget.enter([who, where, seconds, code]): a rule call starts in the
   running thread; with who, it is watched (see the top). */
static int qbudget_enter(lua_State *L)
{
    qbudget_arm(L);
    qbudget_set_watch(L, 1);
    qbudget_thread = L;
    if (++qbudget_calls <= 0)
        qbudget_calls = 1;
    qbudget_call = qbudget_calls;
    return 0;
}

/* budget.leave(): the rule call is over; a wake hook not yet run is
   taken back. */
static int qbudget_leave(lua_State *L)
{
    qbudget_watching = 0;
    qbudget_call = 0;
    lua_State *thread = qbudget_thread;
    qbudget_thread = NULL;
    if (thread != NULL && lua_gethook(thread) == qbudget_wake)
        lua_sethook(thread, NULL, 0, 0);
    if (lua_gethook(L) == qbudget_wake)
        lua_sethook(L, NULL, 0, 0);
    return 0;
}

/* budget.thread(co): the rule call goes on in coroutine co (a resume), or
   back in the thread given (after it); returns the thread it was in. */
static int qbudget_set_thread(lua_State *L)
{
    lua_State *thread = lua_tothread(L, 1);
    luaL_argcheck(L, thread != NULL, 1, "a thread expected");
    qbudget_thread = thread;
    return 0;
}

/* budget.watch(who, where, seconds, code): watches a call that has a
   budget of its own (a report, with its count hook), without the rules'
   wake-up; budget.unwatch() ends the watch. */
static int qbudget_watch(lua_State *L)
{
    luaL_checkstring(L, 1);
    qbudget_arm(L);
    qbudget_set_watch(L, 1);
    return 0;
}

static int qbudget_unwatch(lua_State *L)
{
    (void)L;
    qbudget_watching = 0;
    return 0;
}

/* budget.on_wake(f): f is called (in the rule's thread) once a rule call
   has run a tick; it sets the count hook. */
static int qbudget_on_wake(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_settop(L, 1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &qbudget_wake_key);
    return 0;
}

/* __gc of the clock's sentinel: stops the timer and takes the handler
   back when the state that armed it closes, so that no tick arrives after
   (quarry.so, loaded by another program, may be unloaded then). */
static int qbudget_disarm(lua_State *L)
{
    (void)L;
    if (qbudget_armed) {
        timer_delete(qbudget_timer);
        signal(SIGPROF, SIG_IGN);
        qbudget_armed = 0;
    }
    qbudget_call = 0;
    qbudget_watching = 0;
    qbudget_thread = NULL;
    return 0;
}

void qbudget_register(lua_State *L)
{
    static const luaL_Reg functions[] = {
        {"enter", qbudget_enter},
        {"leave", qbudget_leave},
        {"thread", qbudget_set_thread},
        {"on_wake", qbudget_on_wake},
        {"watch", qbudget_watch},
        {"unwatch", qbudget_unwatch},
        {NULL, NULL},
    };
    luaL_newlib(L, functions);
    /* the sentinel lives as long as the budget table */
    lua_newuserdatauv(L, 1, 0);
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, qbudget_disarm);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    lua_setfield(L, -2, "clock");
    lua_setfield(L, -2, "budget");
}
