/* lua_textmodel.c: quarry.text, the Lua face of textmodel.c.

     quarry.text.abbreviations(words)     a set for the sentence splitter;
                                          set:has(word) (any case)
     quarry.text.model(text [, abbreviations])   a model of the text

   A model's tokens are numbered from 1; offsets are 0-based bytes with
   exclusive ends, like annotations'. Methods:

     #m, m:count("tokens"|"sentences"|"paragraphs"|"lines")
     m:span(i)          start, end of token i
     m:kind(i)          "word", "number", "punct" or "blank"
     m:text(i)          its text; punctuation as its ASCII kin (’ is ', – is -)
     m:key(i)           a word or number in lower case (ASCII), else nil
     m:is(i, what)      what: "word" (word or number), "number", "punct",
                        "blank", "space", "newline", "capitalised",
                        "lower", "all_caps", "digit"
     m:at(offset)       the last token starting at or before offset, or nil
     m:from(offset)     the first token starting at or after offset, or nil
     m:before(offset [, n]), m:after(offset [, n])
                        up to n tokens ending before / starting after offset
                        (indices, nearest first)
     m:words(start, stop)  the words and numbers within [start, stop), as texts
     m:sentence(offset) start, end, k of the sentence holding offset (or the
                        last one before it), nil before the first; the same
                        for m:paragraph(offset) and m:line(offset)
     m:sentences()      iterator: k, start, end, first token, last token;
                        also m:paragraphs(), m:lines()
     m:wrap_width()     the width hard-wrapped text is wrapped at, or 0
     m:set_boilerplate(spans), m:in_boilerplate(offset)
                        the boilerplate spans once known ({start, end} or
                        {start =, ["end"] =}), and whether offset is in one */
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "lua_textmodel.h"
#include "textmodel.h"

#define QTEXTMODEL "quarry.textmodel"
#define QTEXTMODEL_ABBREVIATIONS "quarry.abbreviations"

struct qtextmodel {
    bool built;            /* false until built, and again once closed */
    struct textmodel model;
    uint32_t *boilerplate; /* start, end pairs, sorted; NULL when none */
    size_t boilerplate_count;
};

/* User values: 1 = the text, which model.text points into; 2 = the block
   the model's arrays live in (a userdata, so the collector counts them). */
#define QTEXTMODEL_TEXT 1
#define QTEXTMODEL_ARRAYS 2

struct qtextmodel_abbreviations {
    struct textmodel_abbreviations *set; /* NULL once closed */
};

/* The open model at index; raises on a closed one. */
static struct qtextmodel *qtextmodel_check(lua_State *L, int index)
{
    struct qtextmodel *box = luaL_checkudata(L, index, QTEXTMODEL);
    if (!box->built)
        luaL_error(L, "attempt to use a closed text model");
    return box;
}

/* quarry.text.abbreviations(words): raises on a word that is not a string. */
static int qtextmodel_abbreviations_new(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    size_t count = (size_t)lua_rawlen(L, 1);
    const char **words = lua_newuserdatauv(L, (count ? count : 1) * sizeof *words, 0);
    size_t *lengths = lua_newuserdatauv(L, (count ? count : 1) * sizeof *lengths, 0);
    for (size_t i = 0; i < count; i++) {
        if (lua_rawgeti(L, 1, (lua_Integer)i + 1) != LUA_TSTRING)
            luaL_argerror(L, 1, lua_pushfstring(L, "word %I is not a string", (lua_Integer)i + 1));
        words[i] = lua_tolstring(L, -1, &lengths[i]); /* anchored in the table */
        lua_pop(L, 1);
    }
    struct qtextmodel_abbreviations *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->set = NULL;
    luaL_setmetatable(L, QTEXTMODEL_ABBREVIATIONS);
    box->set = textmodel_abbreviations_new(words, lengths, count);
    if (box->set == NULL)
        return luaL_error(L, "out of memory");
    return 1;
}

/* set:has(word): whether word (any case, no full stop) is in the set. */
static int qtextmodel_abbreviations_has(lua_State *L)
{
    struct qtextmodel_abbreviations *box = luaL_checkudata(L, 1, QTEXTMODEL_ABBREVIATIONS);
    size_t length;
    const char *word = luaL_checklstring(L, 2, &length);
    if (box->set == NULL)
        return luaL_error(L, "attempt to use a closed abbreviation set");
    lua_pushboolean(L, textmodel_is_abbreviation(box->set, word, length));
    return 1;
}

static int qtextmodel_abbreviations_close(lua_State *L)
{
    struct qtextmodel_abbreviations *box = luaL_checkudata(L, 1, QTEXTMODEL_ABBREVIATIONS);
    textmodel_abbreviations_free(box->set);
    box->set = NULL;
    return 0;
}

/* quarry.text.model(text [, abbreviations]) */
static int qtextmodel_new(lua_State *L)
{
    size_t length;
    const char *text = luaL_checklstring(L, 1, &length);
    const struct textmodel_abbreviations *set = NULL;
    if (!lua_isnoneornil(L, 2)) {
        struct qtextmodel_abbreviations *abbreviations = luaL_checkudata(L, 2, QTEXTMODEL_ABBREVIATIONS);
        if (abbreviations->set == NULL)
            return luaL_error(L, "attempt to use a closed abbreviation set");
        set = abbreviations->set;
    }
    struct qtextmodel *box = lua_newuserdatauv(L, sizeof *box, 2);
    memset(box, 0, sizeof *box);
    luaL_setmetatable(L, QTEXTMODEL);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, QTEXTMODEL_TEXT);
    if (textmodel_build(&box->model, text, length, set) != 0)
        return luaL_error(L, length >= UINT32_MAX ? "text too long for a text model (4 GB or more)"
                                                  : "out of memory");
    box->built = true;
    void *block = lua_newuserdatauv(L, textmodel_size(&box->model), 0);
    textmodel_move(&box->model, block);
    lua_setiuservalue(L, -2, QTEXTMODEL_ARRAYS);
    return 1;
}

static int qtextmodel_close(lua_State *L)
{
    struct qtextmodel *box = luaL_checkudata(L, 1, QTEXTMODEL);
    if (box->built)
        textmodel_free(&box->model);
    box->built = false;
    free(box->boilerplate);
    box->boilerplate = NULL;
    box->boilerplate_count = 0;
    return 0;
}

/* The token numbered by argument arg (1-based); raises when out of range. */
static const struct textmodel_token *qtextmodel_token(lua_State *L, struct qtextmodel *box,
                                                      int arg)
{
    lua_Integer i = luaL_checkinteger(L, arg);
    luaL_argcheck(L, i >= 1 && (size_t)i <= box->model.token_count, arg, "no such token");
    return &box->model.tokens[i - 1];
}

/* An offset argument: a non-negative integer. */
static size_t qtextmodel_offset(lua_State *L, int arg)
{
    lua_Integer offset = luaL_checkinteger(L, arg);
    luaL_argcheck(L, offset >= 0, arg, "offsets are 0-based and not negative");
    return (size_t)offset;
}

static int qtextmodel_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)qtextmodel_check(L, 1)->model.token_count);
    return 1;
}

static int qtextmodel_count(lua_State *L)
{
    struct textmodel *m = &qtextmodel_check(L, 1)->model;
    static const char *const what[] = {"tokens", "sentences", "paragraphs", "lines", NULL};
    size_t counts[] = {m->token_count, m->sentence_count, m->paragraph_count, m->line_count};
    lua_pushinteger(L, (lua_Integer)counts[luaL_checkoption(L, 2, NULL, what)]);
    return 1;
}

static int qtextmodel_span(lua_State *L)
{
    const struct textmodel_token *t = qtextmodel_token(L, qtextmodel_check(L, 1), 2);
    lua_pushinteger(L, t->start);
    lua_pushinteger(L, t->end);
    return 2;
}

static const char *const qtextmodel_kinds[] = {
    [TEXTMODEL_WORD] = "word", [TEXTMODEL_NUMBER] = "number",
    [TEXTMODEL_PUNCT] = "punct", [TEXTMODEL_BLANK] = "blank",
};

static int qtextmodel_kind(lua_State *L)
{
    const struct textmodel_token *t = qtextmodel_token(L, qtextmodel_check(L, 1), 2);
    lua_pushstring(L, qtextmodel_kinds[t->kind]);
    return 1;
}

static int qtextmodel_text(lua_State *L)
{
    struct qtextmodel *box = qtextmodel_check(L, 1);
    const struct textmodel_token *t = qtextmodel_token(L, box, 2);
    if (t->kind == TEXTMODEL_PUNCT && t->ascii != 0)
        lua_pushlstring(L, &t->ascii, 1);
    else if (t->kind == TEXTMODEL_BLANK)
        lua_pushliteral(L, "\n");
    else
        lua_pushlstring(L, box->model.text + t->start, t->end - t->start);
    return 1;
}

static int qtextmodel_key(lua_State *L)
{
    struct qtextmodel *box = qtextmodel_check(L, 1);
    const struct textmodel_token *t = qtextmodel_token(L, box, 2);
    if (t->kind != TEXTMODEL_WORD && t->kind != TEXTMODEL_NUMBER) {
        luaL_pushfail(L);
        return 1;
    }
    luaL_Buffer buffer;
    size_t length = t->end - t->start;
    char *out = luaL_buffinitsize(L, &buffer, length);
    for (size_t k = 0; k < length; k++) {
        char ch = box->model.text[t->start + k];
        out[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    }
    luaL_pushresultsize(&buffer, length);
    return 1;
}

static int qtextmodel_is(lua_State *L)
{
    const struct textmodel_token *t = qtextmodel_token(L, qtextmodel_check(L, 1), 2);
    static const char *const what[] = {"word", "number", "punct", "blank", "space", "newline",
                                       "capitalised", "lower", "all_caps", "digit", NULL};
    bool answer = false;
    switch (luaL_checkoption(L, 3, NULL, what)) {
    case 0: answer = t->kind == TEXTMODEL_WORD || t->kind == TEXTMODEL_NUMBER; break;
    case 1: answer = t->kind == TEXTMODEL_NUMBER; break;
    case 2: answer = t->kind == TEXTMODEL_PUNCT; break;
    case 3: answer = t->kind == TEXTMODEL_BLANK; break;
    case 4: answer = t->flags & TEXTMODEL_SPACE; break;
    case 5: answer = t->flags & TEXTMODEL_NEWLINE; break;
    case 6: answer = t->flags & TEXTMODEL_CAPITALISED; break;
    case 7: answer = t->flags & TEXTMODEL_LOWER; break;
    case 8: answer = t->flags & TEXTMODEL_ALL_CAPS; break;
    default: answer = t->flags & TEXTMODEL_DIGIT; break;
    }
    lua_pushboolean(L, answer);
    return 1;
}

static int qtextmodel_at(lua_State *L)
{
    struct qtextmodel *box = qtextmodel_check(L, 1);
    long i = textmodel_token_before(&box->model, qtextmodel_offset(L, 2));
    if (i < 0)
        luaL_pushfail(L);
    else
        lua_pushinteger(L, i + 1);
    return 1;
}

static int qtextmodel_from(lua_State *L)
{
    struct qtextmodel *box = qtextmodel_check(L, 1);
    size_t i = textmodel_token_from(&box->model, qtextmodel_offset(L, 2));
    if (i >= box->model.token_count)
        luaL_pushfail(L);
    else
        lua_pushinteger(L, (lua_Integer)i + 1);
    return 1;
}

/* The optional count n at argument arg (default 1), with stack room for
   n results; raises when it is out of range. */
static lua_Integer qtextmodel_count_arg(lua_State *L, int arg)
{
    lua_Integer n = luaL_optinteger(L, arg, 1);
    luaL_argcheck(L, n >= 0 && n <= 1000, arg, "between 0 and 1000 tokens");
    luaL_checkstack(L, (int)n, "too many tokens");
    return n;
}

/* m:before(offset [, n]): up to n (default 1) tokens ending at or before
   offset, nearest first, as indices (multiple results). */
static int qtextmodel_before(lua_State *L)
{
    struct qtextmodel *box = qtextmodel_check(L, 1);
    size_t offset = qtextmodel_offset(L, 2);
    lua_Integer n = qtextmodel_count_arg(L, 3);
    long i = textmodel_token_before(&box->model, offset);
    while (i >= 0 && box->model.tokens[i].end > offset)
        i--;
    int pushed = 0;
    for (; i >= 0 && pushed < n; i--, pushed++)
        lua_pushinteger(L, i + 1);
    return pushed;
}

/* m:after(offset [, n]): up to n (default 1) tokens starting at or after
   offset, in order, as indices (multiple results). */
static int qtextmodel_after(lua_State *L)
{
    struct qtextmodel *box = qtextmodel_check(L, 1);
    size_t offset = qtextmodel_offset(L, 2);
    lua_Integer n = qtextmodel_count_arg(L, 3);
    size_t i = textmodel_token_from(&box->model, offset);
    int pushed = 0;
    for (; i < box->model.token_count && pushed < n; i++, pushed++)
        lua_pushinteger(L, (lua_Integer)i + 1);
    return pushed;
}

/* m:words(start, stop): the texts of the words and numbers lying within
   [start, stop), in order, as an array. */
static int qtextmodel_words(lua_State *L)
{
    struct qtextmodel *box = qtextmodel_check(L, 1);
    size_t start = qtextmodel_offset(L, 2), stop = qtextmodel_offset(L, 3);
    lua_newtable(L);
    lua_Integer k = 0;
    for (size_t i = textmodel_token_from(&box->model, start);
         i < box->model.token_count && box->model.tokens[i].end <= stop; i++) {
        const struct textmodel_token *t = &box->model.tokens[i];
        if (t->kind != TEXTMODEL_WORD && t->kind != TEXTMODEL_NUMBER)
            continue;
        lua_pushlstring(L, box->model.text + t->start, t->end - t->start);
        lua_rawseti(L, -2, ++k);
    }
    return 1;
}

/* Pushes start, end, k of the span holding offset (argument 2), or fail. */
static int qtextmodel_span_at(lua_State *L, const struct textmodel_span *spans, size_t count)
{
    long k = textmodel_span_at(spans, count, qtextmodel_offset(L, 2));
    if (k < 0) {
        luaL_pushfail(L);
        return 1;
    }
    lua_pushinteger(L, spans[k].start);
    lua_pushinteger(L, spans[k].end);
    lua_pushinteger(L, k + 1);
    return 3;
}

static int qtextmodel_sentence(lua_State *L)
{
    struct textmodel *m = &qtextmodel_check(L, 1)->model;
    return qtextmodel_span_at(L, m->sentences, m->sentence_count);
}

static int qtextmodel_paragraph(lua_State *L)
{
    struct textmodel *m = &qtextmodel_check(L, 1)->model;
    return qtextmodel_span_at(L, m->paragraphs, m->paragraph_count);
}

static int qtextmodel_line(lua_State *L)
{
    struct textmodel *m = &qtextmodel_check(L, 1)->model;
    return qtextmodel_span_at(L, m->lines, m->line_count);
}

/* The iterator behind m:sentences() and the like: upvalue 1 says which
   list (0 sentences, 1 paragraphs, 2 lines); the control value is k. */
static int qtextmodel_next_span(lua_State *L)
{
    struct textmodel *m = &qtextmodel_check(L, 1)->model;
    lua_Integer k = luaL_checkinteger(L, 2) + 1;
    const struct textmodel_span *spans[] = {m->sentences, m->paragraphs, m->lines};
    size_t counts[] = {m->sentence_count, m->paragraph_count, m->line_count};
    lua_Integer which = lua_tointeger(L, lua_upvalueindex(1));
    if (k < 1 || (size_t)k > counts[which])
        return 0;
    const struct textmodel_span *span = &spans[which][k - 1];
    lua_pushinteger(L, k);
    lua_pushinteger(L, span->start);
    lua_pushinteger(L, span->end);
    lua_pushinteger(L, (lua_Integer)span->first + 1);
    lua_pushinteger(L, (lua_Integer)span->last);
    return 5;
}

static int qtextmodel_iterate(lua_State *L, lua_Integer which)
{
    qtextmodel_check(L, 1);
    lua_pushinteger(L, which);
    lua_pushcclosure(L, qtextmodel_next_span, 1);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
}

static int qtextmodel_sentences(lua_State *L) { return qtextmodel_iterate(L, 0); }
static int qtextmodel_paragraphs(lua_State *L) { return qtextmodel_iterate(L, 1); }
static int qtextmodel_lines(lua_State *L) { return qtextmodel_iterate(L, 2); }

static int qtextmodel_wrap_width(lua_State *L)
{
    lua_pushinteger(L, qtextmodel_check(L, 1)->model.wrap_width);
    return 1;
}

static int compare_pairs(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Reads field name, or else [index], of the table on top as an offset. */
static lua_Integer qtextmodel_bound(lua_State *L, const char *name, lua_Integer index)
{
    if (lua_getfield(L, -1, name) == LUA_TNIL) {
        lua_pop(L, 1);
        lua_rawgeti(L, -1, index);
    }
    int is_number;
    lua_Integer value = lua_tointegerx(L, -1, &is_number);
    lua_pop(L, 1);
    if (!is_number || value < 0 || value > UINT32_MAX)
        luaL_error(L, "a boilerplate span is {start, end} with 0-based offsets");
    return value;
}

/* m:set_boilerplate(spans): replaces the known boilerplate spans. */
static int qtextmodel_set_boilerplate(lua_State *L)
{
    struct qtextmodel *box = qtextmodel_check(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    size_t count = (size_t)lua_rawlen(L, 2);
    uint32_t *pairs = NULL;
    if (count > 0) {
        /* read into a userdata first: a malformed span raises, leaking nothing */
        uint32_t *scratch = lua_newuserdatauv(L, count * 2 * sizeof *scratch, 0);
        for (size_t i = 0; i < count; i++) {
            lua_rawgeti(L, 2, (lua_Integer)i + 1);
            luaL_argcheck(L, lua_istable(L, -1), 2, "a list of {start, end} spans");
            scratch[2 * i] = (uint32_t)qtextmodel_bound(L, "start", 1);
            scratch[2 * i + 1] = (uint32_t)qtextmodel_bound(L, "end", 2);
            lua_pop(L, 1);
        }
        qsort(scratch, count, 2 * sizeof *scratch, compare_pairs);
        pairs = malloc(count * 2 * sizeof *pairs);
        if (pairs == NULL)
            return luaL_error(L, "out of memory");
        memcpy(pairs, scratch, count * 2 * sizeof *pairs);
    }
    free(box->boilerplate);
    box->boilerplate = pairs;
    box->boilerplate_count = count;
    return 0;
}

static int qtextmodel_in_boilerplate(lua_State *L)
{
    struct qtextmodel *box = qtextmodel_check(L, 1);
    size_t offset = qtextmodel_offset(L, 2);
    bool inside = false;
    for (size_t i = 0; i < box->boilerplate_count && box->boilerplate[2 * i] <= offset; i++)
        if (offset < box->boilerplate[2 * i + 1])
            inside = true;
    lua_pushboolean(L, inside);
    return 1;
}

static int qtextmodel_tostring(lua_State *L)
{
    struct qtextmodel *box = luaL_checkudata(L, 1, QTEXTMODEL);
    if (!box->built)
        lua_pushliteral(L, "text model (closed)");
    else
        lua_pushfstring(L, "text model (%I tokens, %I sentences, %I paragraphs, %I lines)",
                        (lua_Integer)box->model.token_count, (lua_Integer)box->model.sentence_count,
                        (lua_Integer)box->model.paragraph_count, (lua_Integer)box->model.line_count);
    return 1;
}

static const luaL_Reg qtextmodel_methods[] = {
    {"count", qtextmodel_count},
    {"span", qtextmodel_span},
    {"kind", qtextmodel_kind},
    {"text", qtextmodel_text},
    {"key", qtextmodel_key},
    {"is", qtextmodel_is},
    {"at", qtextmodel_at},
    {"from", qtextmodel_from},
    {"before", qtextmodel_before},
    {"after", qtextmodel_after},
    {"words", qtextmodel_words},
    {"sentence", qtextmodel_sentence},
    {"paragraph", qtextmodel_paragraph},
    {"line", qtextmodel_line},
    {"sentences", qtextmodel_sentences},
    {"paragraphs", qtextmodel_paragraphs},
    {"lines", qtextmodel_lines},
    {"wrap_width", qtextmodel_wrap_width},
    {"set_boilerplate", qtextmodel_set_boilerplate},
    {"in_boilerplate", qtextmodel_in_boilerplate},
    {"close", qtextmodel_close},
    {NULL, NULL},
};

static const luaL_Reg qtextmodel_metamethods[] = {
    {"__len", qtextmodel_len},
    {"__gc", qtextmodel_close},
    {"__close", qtextmodel_close},
    {"__tostring", qtextmodel_tostring},
    {NULL, NULL},
};

static const luaL_Reg qtextmodel_functions[] = {
    {"model", qtextmodel_new},
    {"abbreviations", qtextmodel_abbreviations_new},
    {NULL, NULL},
};

void qtextmodel_register(lua_State *L)
{
    if (luaL_newmetatable(L, QTEXTMODEL)) {
        luaL_setfuncs(L, qtextmodel_metamethods, 0);
        luaL_newlib(L, qtextmodel_methods);
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
    if (luaL_newmetatable(L, QTEXTMODEL_ABBREVIATIONS)) {
        lua_pushcfunction(L, qtextmodel_abbreviations_close);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, qtextmodel_abbreviations_close);
        lua_setfield(L, -2, "__close");
        lua_createtable(L, 0, 1);
        lua_pushcfunction(L, qtextmodel_abbreviations_has);
        lua_setfield(L, -2, "has");
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
    luaL_newlib(L, qtextmodel_functions);
}
