/* lua_output.c: quarry.write_output, how commands write a file the user
   names with --out. Nothing half-written is ever left under the name, and
   nothing is overwritten by mistake:

   - a regular file (new or existing) is written to a temporary file in the
     same folder, flushed to disk and renamed over the name only when every
     write and the close succeeded; on a failure the temporary file is
     removed and the old file, if any, is untouched;
   - the open database (the same file, also through another name or a
     link, or its -wal, -shm or -journal file) is refused;
   - a name that is not a regular file (a terminal, /dev/null, /dev/full, a
     pipe) is written in place, every write checked; a folder is refused.

   Whether an existing file is of the command's own kind (--force) is the
   Lua caller's question (cli.write_output). */
#include <errno.h>
#include <fcntl.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lua_output.h"

#include "lua_db.h"

/* Whether info is the file at path (same device and inode). */
static int qoutput_is(const struct stat *info, const char *path)
{
    struct stat other;
    return stat(path, &other) == 0 && other.st_dev == info->st_dev
           && other.st_ino == info->st_ino;
}

/* Writes all of text to fd; returns 0 or -1 with errno set. */
static int qoutput_write_all(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, text, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        text += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Pushes nil and "path: reason" and returns 2 (an expected failure). */
static int qoutput_fail(lua_State *L, const char *path, const char *reason)
{
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: %s", path, reason);
    return 2;
}

/* Writes in place what is not a regular file (a device, a pipe). */
static int qoutput_in_place(lua_State *L, const char *path, const char *text, size_t len)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return qoutput_fail(L, path, strerror(errno));
    if (qoutput_write_all(fd, text, len) != 0) {
        int error = errno;
        close(fd);
        return qoutput_fail(L, path, strerror(error));
    }
    if (close(fd) != 0)
        return qoutput_fail(L, path, strerror(errno));
    lua_pushboolean(L, 1);
    return 1;
}

/* quarry.write_output(path, text [, db [, check]]): true, or nil and a
   message. check(head), called with the first 4 kB of an existing regular
   file, returns nil to let it be overwritten or the reason not to. */
static int qoutput_write_output(lua_State *L)
{
    size_t path_len, len;
    const char *path = luaL_checklstring(L, 1, &path_len);
    const char *text = luaL_checklstring(L, 2, &len);
    struct stat target;
    int exists = stat(path, &target) == 0;

    if (path_len == 0)
        return qoutput_fail(L, "--out", "an empty file name");
    if (exists && S_ISDIR(target.st_mode))
        return qoutput_fail(L, path, "is a folder");
    if (exists && !lua_isnoneornil(L, 3)) {
        sqlite3 *db = store_handle(qdb_check(L, 3));
        const char *db_file = sqlite3_db_filename(db, "main");
        static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
        for (size_t i = 0; db_file != NULL && *db_file && i < sizeof suffixes / sizeof *suffixes; i++) {
            const char *name = lua_pushfstring(L, "%s%s", db_file, suffixes[i]);
            int same = qoutput_is(&target, name);
            lua_pop(L, 1);
            if (same)
                return qoutput_fail(L, path, "is the open database; give another file");
        }
    }
    if (exists && !S_ISREG(target.st_mode))
        return qoutput_in_place(L, path, text, len);
    if (exists && !lua_isnoneornil(L, 4)) {
        /* the caller's check of what the file begins with */
        luaL_checktype(L, 4, LUA_TFUNCTION);
        FILE *file = fopen(path, "rb");
        if (file == NULL)
            return qoutput_fail(L, path, strerror(errno));
        luaL_Buffer head;
        char *bytes = luaL_buffinitsize(L, &head, 4096);
        size_t n = fread(bytes, 1, 4096, file);
        fclose(file);
        luaL_pushresultsize(&head, n);
        lua_pushvalue(L, 4);
        lua_insert(L, -2);
        lua_call(L, 1, 1);
        if (lua_isstring(L, -1))
            return qoutput_fail(L, path, lua_tostring(L, -1));
        lua_pop(L, 1);
    }

    /* the temporary file: DIR/.NAME.XXXXXX, in memory Lua owns */
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    char *temp = lua_newuserdatauv(L, path_len + 9, 0);
    memcpy(temp, path, dir_len);
    temp[dir_len] = '.';
    memcpy(temp + dir_len + 1, path + dir_len, path_len - dir_len);
    memcpy(temp + path_len + 1, ".XXXXXX", 8);
    int fd = mkstemp(temp);
    if (fd < 0)
        return qoutput_fail(L, path, strerror(errno));
    mode_t mode;
    if (exists) {
        mode = target.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    int error = 0;
    if (fchmod(fd, mode) != 0 || qoutput_write_all(fd, text, len) != 0 || fsync(fd) != 0)
        error = errno;
    if (close(fd) != 0 && error == 0)
        error = errno;
    if (error == 0 && rename(temp, path) != 0)
        error = errno;
    if (error != 0) {
        unlink(temp);
        return qoutput_fail(L, path, strerror(error));
    }
    lua_pushboolean(L, 1);
    return 1;
}

void qoutput_register(lua_State *L)
{
    lua_pushcfunction(L, qoutput_write_output);
    lua_setfield(L, -2, "write_output");
}
