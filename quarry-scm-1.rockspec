-- LuaRocks: builds the quarry Lua C module (quarry.so, `require "quarry"`)
-- and the quarry command from this source tree with the project's own
-- CMake build, the same sources. From the top of the tree:
--   luarocks make quarry-scm-1.rockspec
rockspec_format = "3.0"
package = "quarry"
version = "scm-1"
source = {
  url = "git+file://.", -- `luarocks make` builds the tree it is run in
}
description = {
  summary = "Text analysis over SQLite/FTS5, scripted in Lua with LPeg rules",
  detailed = [[
Quarry loads text, HTML and JSON Lines into one SQLite file with full-text
search and runs Lua/LPeg rules over it. This rock installs the quarry
command, its scripts and rules, and the Lua module quarry.so, so that a Lua
5.4 program can open a database, search and query it and run the rules.]],
  license = "see the source tree",
}
dependencies = {
  "lua >= 5.4, < 5.5",
  "lpeg >= 1.0",
}
external_dependencies = {
  SQLITE = { header = "sqlite3.h" },
  LIBXML2 = { header = "libxml2/libxml/HTMLparser.h" },
  JANSSON = { header = "jansson.h" },
  OPENSSL = { header = "openssl/evp.h" },
  LIBEDIT = { header = "histedit.h" },
}
build = {
  type = "cmake",
  variables = {
    CMAKE_BUILD_TYPE = "Release",
    CMAKE_INSTALL_PREFIX = "$(PREFIX)",
    QUARRY_TESTS = "OFF",
    QUARRY_LUA_CMOD_DIR = "$(LIBDIR)",
  },
}
