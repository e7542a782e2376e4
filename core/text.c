/* text.c: what a plain-text document is made of: binary or text, valid
   UTF-8 or not, blank or not. (Which of its first lines is the headline,
   and what a date line is, are heuristics an analyst may tune: they are
   Lua, rules/lib/titles.lua and rules/lib/dates.lua.) */
#include "text.h"

#include <stdlib.h>
#include <string.h>

bool text_looks_binary(const char *data, size_t len)
{
    size_t probe = len < 8192 ? len : 8192, control = 0;

    if (memchr(data, '\0', len) != NULL)
        return true;
    for (size_t i = 0; i < probe; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
            control++;
    }
    return probe > 0 && control * 10 > probe;
}

size_t text_utf8_invalid_at(const char *data, size_t len)
{
    const unsigned char *s = (const unsigned char *)data;
    size_t i = 0;

    while (i < len) {
        unsigned char c = s[i];
        size_t need;
        unsigned int min, cp;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xc2 && c <= 0xdf) { need = 1; min = 0x80; cp = c & 0x1f; }
        else if (c >= 0xe0 && c <= 0xef) { need = 2; min = 0x800; cp = c & 0x0f; }
        else if (c >= 0xf0 && c <= 0xf4) { need = 3; min = 0x10000; cp = c & 0x07; }
        else return i;
        if (len - i <= need)
            return i;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return i;
        i += need + 1;
    }
    return len;
}

/* Length of the white space at s (ASCII, NBSP U+00A0, BOM U+FEFF,
   thin/narrow spaces U+2009, U+202F), or 0. */
static size_t text_space_at(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len >= 1 && (u[0] == ' ' || u[0] == '\t' || u[0] == '\r' || u[0] == '\n'
                     || u[0] == '\f' || u[0] == '\v'))
        return 1;
    if (len >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
        return 2;
    if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
        return 3;
    if (len >= 3 && u[0] == 0xe2 && u[1] == 0x80 && u[2] == 0x89)
        return 3;
    if (len >= 3 && u[0] == 0xe2 && u[1] == 0x80 && u[2] == 0xaf)
        return 3;
    return 0;
}

bool text_is_blank(const char *data, size_t len)
{
    size_t i = 0, n;
    while (i < len && (n = text_space_at(data + i, len - i)) > 0)
        i += n;
    return i == len;
}
