/* textmodel.c: tokens, lines, sentences and paragraphs of a text, read in
   one pass (see textmodel.h). */
#include "textmodel.h"

#include <stdlib.h>
#include <string.h>

/* What a character is to the tokenizer. */
enum char_class { CHAR_SPACE, CHAR_NEWLINE, CHAR_WORD, CHAR_PUNCT };

struct char_info {
    unsigned length;   /* bytes */
    enum char_class cls;
    bool upper, lower, digit;
    char ascii;        /* punctuation's ASCII kin, or 0 */
};

/* Case of a two-byte code point (Latin-1 letters, Latin Extended-A, Greek,
   Cyrillic): enough for names in the languages the corpus quotes. */
static void char_case_2(unsigned cp, struct char_info *c)
{
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        c->upper = true;
    else if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7)
        c->lower = true;
    else if (cp >= 0x100 && cp <= 0x17F) {
        bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
        bool upper = cp == 0x178 || (odd_upper ? (cp & 1) : !(cp & 1));
        c->upper = upper;
        c->lower = !upper;
    } else if ((cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F))
        c->upper = true;
    else if ((cp >= 0x3B1 && cp <= 0x3C9) || (cp >= 0x430 && cp <= 0x45F))
        c->lower = true;
}

/* Classes the three-byte characters of General Punctuation (U+2000-206F)
   and a few others: spaces, dashes, quotes, separators. */
static void char_class_3(unsigned cp, struct char_info *c)
{
    c->cls = CHAR_PUNCT;
    if ((cp >= 0x2000 && cp <= 0x200D) || cp == 0x202F || cp == 0x205F || cp == 0x2060
        || cp == 0x3000 || cp == 0xFEFF)
        c->cls = CHAR_SPACE; /* spaces, zero-width ones and the byte-order mark */
    else if (cp == 0x2028 || cp == 0x2029)
        c->cls = CHAR_NEWLINE;
    else if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212)
        c->ascii = '-';
    else if (cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x201B || cp == 0x2032)
        c->ascii = '\'';
    else if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F || cp == 0x2033)
        c->ascii = '"';
    else if (cp >= 0x1000 && cp < 0x2000) {
        c->cls = CHAR_WORD; /* Latin Extended Additional (Vietnamese), Hangul Jamo, ... */
        if (cp >= 0x1E00 && cp <= 0x1EFF) {
            c->upper = !(cp & 1);
            c->lower = cp & 1;
        }
    } else if (cp >= 0x3040 && !(cp >= 0xFF00 && cp <= 0xFF0F))
        c->cls = CHAR_WORD; /* kana, CJK, Hangul, ... */
}

/* Reads the character at text[i] (i < length). Ill-formed UTF-8 (the store
   refuses it, but Lua strings may hold anything) is one punctuation byte. */
static inline struct char_info char_at(const char *text, size_t length, size_t i)
{
    const unsigned char *s = (const unsigned char *)text + i;
    size_t left = length - i;
    struct char_info c = {1, CHAR_PUNCT, false, false, false, 0};
    unsigned b = s[0];
    if (b < 0x80) {
        if (b == ' ' || b == '\t' || b == '\v' || b == '\f')
            c.cls = CHAR_SPACE;
        else if (b == '\n')
            c.cls = CHAR_NEWLINE;
        else if (b == '\r') {
            c.cls = CHAR_NEWLINE;
            c.length = left > 1 && s[1] == '\n' ? 2 : 1;
        } else if (b >= '0' && b <= '9')
            c.cls = CHAR_WORD, c.digit = true;
        else if (b >= 'A' && b <= 'Z')
            c.cls = CHAR_WORD, c.upper = true;
        else if (b >= 'a' && b <= 'z')
            c.cls = CHAR_WORD, c.lower = true;
        else
            c.ascii = (char)b;
        return c;
    }
    if (b >= 0xC2 && b <= 0xDF && left >= 2 && (s[1] & 0xC0) == 0x80) {
        unsigned cp = ((b & 0x1F) << 6) | (s[1] & 0x3F);
        c.length = 2;
        if (cp == 0xA0)
            c.cls = CHAR_SPACE;
        else if (cp == 0xAB || cp == 0xBB)
            c.ascii = '"';
        else if (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7) {
            c.cls = CHAR_WORD;
            char_case_2(cp, &c);
        }
        return c;
    }
    if (b >= 0xE0 && b <= 0xEF && left >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        unsigned cp = ((b & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        c.length = 3;
        char_class_3(cp, &c);
        return c;
    }
    if (b >= 0xF0 && b <= 0xF4 && left >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80
        && (s[3] & 0xC0) == 0x80)
        c.length = 4; /* emoji and the like: punctuation */
    return c;
}

/* Growable arrays ---------------------------------------------------------- */

static bool grow(void **items, size_t *capacity, size_t count, size_t size)
{
    if (count < *capacity)
        return true;
    size_t wanted = *capacity ? *capacity * 2 : 64;
    void *bigger = realloc(*items, wanted * size);
    if (bigger == NULL)
        return false;
    *items = bigger;
    *capacity = wanted;
    return true;
}

/* Abbreviations ------------------------------------------------------------ */

struct textmodel_abbreviations {
    size_t count;
    char **words; /* lower case, sorted */
};

static int compare_words(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct textmodel_abbreviations *textmodel_abbreviations_new(const char *const *words,
                                                            const size_t *lengths, size_t count)
{
    struct textmodel_abbreviations *set = calloc(1, sizeof *set);
    if (set == NULL)
        return NULL;
    set->words = calloc(count ? count : 1, sizeof *set->words);
    if (set->words == NULL) {
        free(set);
        return NULL;
    }
    for (size_t i = 0; i < count; i++) {
        char *word = malloc(lengths[i] + 1);
        if (word == NULL) {
            textmodel_abbreviations_free(set);
            return NULL;
        }
        for (size_t k = 0; k < lengths[i]; k++) {
            char ch = words[i][k];
            word[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
        }
        word[lengths[i]] = '\0';
        set->words[set->count++] = word;
    }
    qsort(set->words, set->count, sizeof *set->words, compare_words);
    return set;
}

void textmodel_abbreviations_free(struct textmodel_abbreviations *set)
{
    if (set == NULL)
        return;
    for (size_t i = 0; i < set->count; i++)
        free(set->words[i]);
    free(set->words);
    free(set);
}

bool textmodel_is_abbreviation(const struct textmodel_abbreviations *set, const char *word,
                               size_t length)
{
    char key[32];
    if (set == NULL || length == 0 || length >= sizeof key)
        return false;
    for (size_t k = 0; k < length; k++) {
        char ch = word[k];
        key[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    }
    key[length] = '\0';
    const char *probe = key;
    return bsearch(&probe, set->words, set->count, sizeof *set->words, compare_words) != NULL;
}

/* Tokens ------------------------------------------------------------------- */

/* ASCII letters and digits. */
static const bool ascii_alnum_table[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

static inline bool ascii_alnum(unsigned char b)
{
    return ascii_alnum_table[b];
}

/* Classifies a word from its characters. */
static void word_token(const char *text, size_t length, struct textmodel_token *token)
{
    bool first = true, all_digits = true, any_lower = false, all_upper = true;
    unsigned letters = 0, chars = 0;
    for (size_t i = token->start; i < token->end;) {
        unsigned char byte = (unsigned char)text[i];
        struct char_info c = {1, CHAR_WORD, byte >= 'A' && byte <= 'Z', byte >= 'a' && byte <= 'z',
                              byte >= '0' && byte <= '9', 0};
        if (byte >= 0x80)
            c = char_at(text, length, i);
        if (first) {
            if (c.upper)
                token->flags |= TEXTMODEL_CAPITALISED;
            else if (c.lower)
                token->flags |= TEXTMODEL_LOWER;
            first = false;
        }
        if (c.digit)
            token->flags |= TEXTMODEL_DIGIT;
        else
            all_digits = false;
        if (c.upper || c.lower)
            letters++;
        if (c.lower)
            any_lower = true;
        if (!c.upper)
            all_upper = false;
        chars++;
        i += c.length;
    }
    token->kind = all_digits ? TEXTMODEL_NUMBER : TEXTMODEL_WORD;
    if (all_upper && !any_lower && letters >= 2 && letters == chars)
        token->flags |= TEXTMODEL_ALL_CAPS;
}

struct builder {
    struct textmodel *model;
    size_t token_capacity, sentence_capacity, paragraph_capacity, line_capacity;
    const struct textmodel_abbreviations *abbreviations;
};

static bool add_token(struct builder *b, struct textmodel_token token)
{
    struct textmodel *m = b->model;
    if (!grow((void **)&m->tokens, &b->token_capacity, m->token_count, sizeof *m->tokens))
        return false;
    m->tokens[m->token_count++] = token;
    return true;
}

/* Cuts the text into tokens. White space is no token; a blank line is. */
static bool tokenize(struct builder *b)
{
    struct textmodel *m = b->model;
    const char *text = m->text;
    size_t length = m->length, i = 0;
    uint8_t pending = 0; /* TEXTMODEL_SPACE | TEXTMODEL_NEWLINE for the next token */
    while (i < length) {
        struct char_info c = char_at(text, length, i);
        if (c.cls == CHAR_SPACE) {
            pending |= TEXTMODEL_SPACE;
            i += c.length;
        } else if (c.cls == CHAR_NEWLINE) {
            size_t j = i + c.length;
            struct char_info d = {0, CHAR_SPACE, false, false, false, 0};
            while (j < length && (d = char_at(text, length, j)).cls == CHAR_SPACE)
                j += d.length;
            if (j < length && d.cls == CHAR_NEWLINE) {
                while (j < length && ((d = char_at(text, length, j)).cls == CHAR_SPACE
                                      || d.cls == CHAR_NEWLINE))
                    j += d.length;
                struct textmodel_token blank = {(uint32_t)i, (uint32_t)j, TEXTMODEL_BLANK,
                                                (uint8_t)(pending & TEXTMODEL_SPACE), 0};
                if (!add_token(b, blank))
                    return false;
                pending = 0;
            } else {
                pending |= TEXTMODEL_SPACE | TEXTMODEL_NEWLINE;
            }
            i = j;
        } else if (c.cls == CHAR_WORD) {
            size_t j = i + c.length;
            struct char_info d;
            for (;;) {
                while (j < length && ascii_alnum((unsigned char)text[j]))
                    j++;
                if (j >= length || (unsigned char)text[j] < 0x80
                    || (d = char_at(text, length, j)).cls != CHAR_WORD)
                    break;
                j += d.length;
            }
            struct textmodel_token word = {(uint32_t)i, (uint32_t)j, TEXTMODEL_WORD, pending, 0};
            word_token(text, length, &word);
            if (!add_token(b, word))
                return false;
            pending = 0;
            i = j;
        } else {
            struct textmodel_token mark = {(uint32_t)i, (uint32_t)(i + c.length), TEXTMODEL_PUNCT,
                                           pending, c.ascii};
            if (!add_token(b, mark))
                return false;
            pending = 0;
            i += c.length;
        }
    }
    return true;
}

/* Lines -------------------------------------------------------------------- */

static bool add_span(struct textmodel_span **spans, size_t *count, size_t *capacity,
                     struct textmodel_span span)
{
    if (!grow((void **)spans, capacity, *count, sizeof **spans))
        return false;
    (*spans)[(*count)++] = span;
    return true;
}

/* The lines that hold a token, trimmed, in order. */
static bool find_lines(struct builder *b)
{
    struct textmodel *m = b->model;
    size_t t = 0;
    while (t < m->token_count) {
        if (m->tokens[t].kind == TEXTMODEL_BLANK) {
            t++;
            continue;
        }
        size_t first = t++;
        while (t < m->token_count && m->tokens[t].kind != TEXTMODEL_BLANK
               && !(m->tokens[t].flags & TEXTMODEL_NEWLINE))
            t++;
        struct textmodel_span line = {m->tokens[first].start, m->tokens[t - 1].end,
                                      (uint32_t)first, (uint32_t)t};
        if (!add_span(&m->lines, &m->line_count, &b->line_capacity, line))
            return false;
    }
    return true;
}

/* Where the physical line holding offset begins (after the line break). */
static size_t line_begin(const struct textmodel *m, size_t offset)
{
    while (offset > 0) {
        char ch = m->text[offset - 1];
        if (ch == '\n' || ch == '\r')
            break;
        offset--;
    }
    return offset;
}

/* Characters (not bytes) from the start of line's physical line to its end. */
static unsigned line_width(const struct textmodel *m, const struct textmodel_span *line)
{
    unsigned width = 0;
    for (size_t i = line_begin(m, line->start); i < line->end; i++)
        if (((unsigned char)m->text[i] & 0xC0) != 0x80)
            width++;
    return width;
}

/* Whether the line is indented: two or more spaces, or a tab, before it. */
static bool indented(const struct textmodel *m, const struct textmodel_span *line)
{
    size_t begin = line_begin(m, line->start);
    return line->start - begin >= 2 || (line->start > begin && m->text[begin] == '\t');
}

static int compare_unsigned(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return (x > y) - (x < y);
}

/* The width the text is hard-wrapped at, or 0. Wire copy and plain-text
   mail wrap every line of a paragraph near one width: most lines followed
   by another line of the same paragraph (not a blank line, not an
   indented line) are then within 60-100% of it.
   Pages, where each line is a paragraph or a list item, are not wrapped. */
static int find_wrap_width(struct textmodel *m)
{
    m->wrap_width = 0;
    size_t count = 0;
    unsigned *widths = malloc((m->line_count ? m->line_count : 1) * sizeof *widths);
    if (widths == NULL)
        return -1;
    for (size_t k = 0; k + 1 < m->line_count; k++) {
        const struct textmodel_span *next = &m->lines[k + 1];
        /* a single line break between, and the next line not indented (then
           line k may end a paragraph of wire copy, and be short) */
        if ((m->tokens[next->first].flags & TEXTMODEL_NEWLINE) && !indented(m, next))
            widths[count++] = line_width(m, &m->lines[k]);
    }
    if (count >= 3) {
        qsort(widths, count, sizeof *widths, compare_unsigned);
        unsigned width = widths[count * 8 / 10];
        size_t near = 0;
        for (size_t k = 0; k < count; k++)
            if (widths[k] * 10 >= width * 6 && widths[k] <= width + 2)
                near++;
        if (width >= 30 && width <= 120 && near * 10 >= count * 7)
            m->wrap_width = width;
    }
    free(widths);
    return 0;
}

/* Whether the line break after line k only wraps a paragraph: the next
   line is not indented (wire copy indents a new paragraph) and line k is
   long enough to have been wrapped. */
static bool wraps(const struct textmodel *m, size_t k)
{
    if (k + 1 >= m->line_count || indented(m, &m->lines[k + 1]))
        return false;
    unsigned width = line_width(m, &m->lines[k]);
    if (m->wrap_width != 0)
        return width * 10 >= m->wrap_width * 6;
    /* too few lines to tell the width (a short wire story): a line of
       wrapping length that runs on in lower case, its last mark no stop */
    const struct textmodel_token *last = &m->tokens[m->lines[k].last - 1];
    return width >= 40 && width <= 100 && (m->tokens[m->lines[k + 1].first].flags & TEXTMODEL_LOWER)
           && !(last->kind == TEXTMODEL_PUNCT && (last->ascii == '.' || last->ascii == '!'
                                                  || last->ascii == '?' || last->ascii == ':'));
}

/* Sentences and paragraphs ------------------------------------------------ */

static bool is_word(const struct textmodel_token *t)
{
    return t->kind == TEXTMODEL_WORD || t->kind == TEXTMODEL_NUMBER;
}

/* Whether the token is one letter (of any script). */
static bool single_letter(const struct textmodel *m, const struct textmodel_token *t)
{
    if (t->kind != TEXTMODEL_WORD || !(t->flags & (TEXTMODEL_CAPITALISED | TEXTMODEL_LOWER)))
        return false;
    return char_at(m->text, m->length, t->start).length == t->end - t->start;
}

/* Whether the full stop at token dot ends an abbreviation or initials:
   "Dr.", "approx.", "J.", "U.S." (the words and full stops before it, with
   no space between, are read as one: "U.S"). */
static bool after_abbreviation(const struct builder *b, size_t dot)
{
    const struct textmodel *m = b->model;
    const struct textmodel_token *tokens = m->tokens;
    if (dot == 0 || (tokens[dot].flags & TEXTMODEL_SPACE) || !is_word(&tokens[dot - 1]))
        return false;
    size_t first = dot - 1;
    bool initials = single_letter(m, &tokens[first]);
    while (first >= 2 && !(tokens[first].flags & TEXTMODEL_SPACE) && tokens[first - 1].ascii == '.'
           && !(tokens[first - 1].flags & TEXTMODEL_SPACE) && is_word(&tokens[first - 2])) {
        first -= 2;
        initials = initials && single_letter(m, &tokens[first]);
    }
    if (initials)
        return true;
    return textmodel_is_abbreviation(b->abbreviations, m->text + tokens[first].start,
                                     tokens[dot - 1].end - tokens[first].start);
}

static bool is_closer(const struct textmodel_token *t, const char *text)
{
    if (t->kind != TEXTMODEL_PUNCT)
        return false;
    if (t->ascii == '"' || t->ascii == '\'' || t->ascii == ')' || t->ascii == ']')
        return !(t->ascii == '"' && t->end - t->start == 3
                 && (unsigned char)text[t->start + 2] == 0x9C); /* not an opening “ */
    return false;
}

static bool is_terminal(const struct textmodel_token *t, const char *text)
{
    if (t->kind != TEXTMODEL_PUNCT)
        return false;
    if (t->ascii == '.' || t->ascii == '!' || t->ascii == '?')
        return true;
    return t->end - t->start == 3 && memcmp(text + t->start, "\xE2\x80\xA6", 3) == 0; /* … */
}

/* Whether the full stop at token dot ends a sentence though the next one
   follows with no space, as pages pasted together write it: "...and
   Israel.China-Israel cooperation". The words on both sides are words of
   two letters or more, the next capitalised and not all capitals, and the
   one before no abbreviation ("St.Petersburg") nor initials ("U.S.A"). */
static bool glued_sentence(const struct builder *b, size_t dot, size_t last)
{
    const struct textmodel *m = b->model;
    const struct textmodel_token *tokens = m->tokens;
    if (last != dot || tokens[dot].ascii != '.' || dot == 0 || last + 1 >= m->token_count)
        return false;
    const struct textmodel_token *before = &tokens[dot - 1], *next = &tokens[dot + 1];
    if ((next->flags & (TEXTMODEL_SPACE | TEXTMODEL_NEWLINE)) || (tokens[dot].flags & TEXTMODEL_SPACE))
        return false;
    if (before->kind != TEXTMODEL_WORD || next->kind != TEXTMODEL_WORD)
        return false;
    if (!(next->flags & TEXTMODEL_CAPITALISED) || (next->flags & TEXTMODEL_ALL_CAPS)
        || next->end - next->start < 2 || before->end - before->start < 3)
        return false;
    /* the word before must have a lower-case letter: not "U.S" or "ABC" */
    bool lower = false;
    for (uint32_t k = before->start; k < before->end; k++)
        if (m->text[k] >= 'a' && m->text[k] <= 'z')
            lower = true;
    return lower && !after_abbreviation(b, dot);
}

/* The index of the line holding token t, from a hint that only grows. */
static size_t line_of(const struct textmodel *m, size_t t, size_t *hint)
{
    while (*hint + 1 < m->line_count && m->lines[*hint + 1].first <= t)
        (*hint)++;
    return *hint;
}

/* Splits the tokens into sentences and paragraphs. A paragraph ends at a
   blank line and at a line break that does not merely wrap it (a page's
   lines are paragraphs, or list items, or headings). A sentence ends where
   a paragraph does, and at
   . ! ? or … (with the closing quotes and brackets after it) before white
   space and anything but a lower-case word, unless the full stop ends an
   abbreviation or an initial. */
static bool split(struct builder *b)
{
    struct textmodel *m = b->model;
    const struct textmodel_token *tokens = m->tokens;
    size_t n = m->token_count, start = SIZE_MAX, paragraph = SIZE_MAX, hint = 0;
    for (size_t t = 0; t < n; t++) {
        if (tokens[t].kind == TEXTMODEL_BLANK)
            continue;
        if (start == SIZE_MAX)
            start = t;
        if (paragraph == SIZE_MAX)
            paragraph = t;
        size_t last = t; /* the sentence's last token, if it ends here */
        bool ends = false, paragraph_ends = false;
        if (is_terminal(&tokens[t], m->text)) {
            while (last + 1 < n && !(tokens[last + 1].flags & TEXTMODEL_SPACE)
                   && (is_closer(&tokens[last + 1], m->text) || is_terminal(&tokens[last + 1], m->text)))
                last++;
            const struct textmodel_token *next = last + 1 < n ? &tokens[last + 1] : NULL;
            if (next == NULL || next->kind == TEXTMODEL_BLANK)
                ends = true;
            else if ((next->flags & TEXTMODEL_SPACE) && !(next->flags & TEXTMODEL_LOWER)
                     && !(tokens[t].ascii == '.' && after_abbreviation(b, t)))
                ends = true;
            else if ((next->flags & TEXTMODEL_NEWLINE) && tokens[t].ascii == '.'
                     && !(next->flags & TEXTMODEL_LOWER) && !wraps(m, line_of(m, last, &hint)))
                ends = true; /* an abbreviation at the end of a line that is not wrapped */
            else if (glued_sentence(b, t, last))
                ends = true; /* "...between China and Israel.China-Israel cooperation" */
        }
        const struct textmodel_token *next = last + 1 < n ? &tokens[last + 1] : NULL;
        if (next == NULL || next->kind == TEXTMODEL_BLANK)
            ends = paragraph_ends = true;
        else if (next->flags & TEXTMODEL_NEWLINE) {
            size_t line = line_of(m, last, &hint);
            if (!wraps(m, line))
                ends = paragraph_ends = true;
        }
        if (ends) {
            struct textmodel_span sentence = {tokens[start].start, tokens[last].end,
                                              (uint32_t)start, (uint32_t)(last + 1)};
            if (!add_span(&m->sentences, &m->sentence_count, &b->sentence_capacity, sentence))
                return false;
            start = SIZE_MAX;
            t = last;
        }
        if (paragraph_ends) {
            struct textmodel_span para = {tokens[paragraph].start, tokens[last].end,
                                          (uint32_t)paragraph, (uint32_t)(last + 1)};
            if (!add_span(&m->paragraphs, &m->paragraph_count, &b->paragraph_capacity, para))
                return false;
            paragraph = SIZE_MAX;
        }
    }
    return true;
}

int textmodel_build(struct textmodel *model, const char *text, size_t length,
                    const struct textmodel_abbreviations *abbreviations)
{
    memset(model, 0, sizeof *model);
    if (length >= UINT32_MAX)
        return -1;
    model->text = text;
    model->length = length;
    struct builder b = {.model = model, .abbreviations = abbreviations};
    b.token_capacity = length / 5 + 16; /* about one token in five bytes of prose */
    model->tokens = malloc(b.token_capacity * sizeof *model->tokens);
    if (model->tokens == NULL)
        return -1;
    if (!tokenize(&b) || !find_lines(&b) || find_wrap_width(model) != 0 || !split(&b)) {
        textmodel_free(model);
        return -1;
    }
    return 0;
}

void textmodel_free(struct textmodel *model)
{
    if (!model->moved) {
        free(model->tokens);
        free(model->sentences);
        free(model->paragraphs);
        free(model->lines);
    }
    memset(model, 0, sizeof *model);
}

size_t textmodel_size(const struct textmodel *model)
{
    return model->token_count * sizeof *model->tokens
           + (model->sentence_count + model->paragraph_count + model->line_count)
                 * sizeof(struct textmodel_span);
}

/* Copies count items from *items to *to, frees *items and points it there. */
static void move_array(void **items, size_t count, size_t size, char **to)
{
    void *at = *to;
    if (count > 0)
        memcpy(at, *items, count * size);
    free(*items);
    *items = at;
    *to += count * size;
}

void textmodel_move(struct textmodel *model, void *block)
{
    char *to = block;
    if (model->moved)
        return;
    move_array((void **)&model->tokens, model->token_count, sizeof *model->tokens, &to);
    move_array((void **)&model->sentences, model->sentence_count, sizeof(struct textmodel_span), &to);
    move_array((void **)&model->paragraphs, model->paragraph_count, sizeof(struct textmodel_span), &to);
    move_array((void **)&model->lines, model->line_count, sizeof(struct textmodel_span), &to);
    model->moved = true;
}

/* The index of the first token starting after offset (at or after it
   when at_too), or token_count. */
static size_t first_token_past(const struct textmodel *model, size_t offset, bool at_too)
{
    size_t lo = 0, hi = model->token_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t start = model->tokens[mid].start;
        if (start < offset || (!at_too && start == offset))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

long textmodel_token_before(const struct textmodel *model, size_t offset)
{
    return (long)first_token_past(model, offset, false) - 1;
}

size_t textmodel_token_from(const struct textmodel *model, size_t offset)
{
    return first_token_past(model, offset, true);
}

long textmodel_span_at(const struct textmodel_span *spans, size_t count, size_t offset)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (spans[mid].start <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (long)lo - 1;
}
