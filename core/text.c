/* text.c: what a plain-text document is made of: binary or text, valid
   UTF-8 or not, blank or not. (Which of its first lines is the headline,
   and what a date line is, are heuristics an analyst may tune: they are
   Lua, rules/lib/titles.lua and rules/lib/dates.lua.) */
#include "text.h"

#include <stdio.h>
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

/* ---- UTF-16 and UTF-32 with a byte-order mark ------------------------ */

/* Appends code point cp as UTF-8 at out (room for 4 bytes); returns the
   bytes written. cp is a scalar value (no surrogate, at most U+10FFFF). */
static size_t text_put_utf8(unsigned long cp, unsigned char *out)
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xc0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xe0 | (cp >> 12));
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (unsigned char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (unsigned char)(0xf0 | (cp >> 18));
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (unsigned char)(0x80 | (cp & 0x3f));
    return 4;
}

/* The unit of width bytes at s, in the given byte order. */
static unsigned long text_unit(const unsigned char *s, size_t width, bool big_endian)
{
    unsigned long unit = 0;
    for (size_t k = 0; k < width; k++)
        unit |= (unsigned long)s[big_endian ? k : width - 1 - k] << (8 * (width - 1 - k));
    return unit;
}

int text_decode_wide(const char *data, size_t len, char **out, size_t *out_len,
                     char *err, size_t err_size)
{
    const unsigned char *s = (const unsigned char *)data;
    size_t width;
    bool big_endian;
    const char *name;

    /* UTF-32LE's mark starts with UTF-16LE's, so it is looked for first */
    if (len >= 4 && s[0] == 0xff && s[1] == 0xfe && s[2] == 0 && s[3] == 0)
        width = 4, big_endian = false, name = "UTF-32LE";
    else if (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xfe && s[3] == 0xff)
        width = 4, big_endian = true, name = "UTF-32BE";
    else if (len >= 2 && s[0] == 0xff && s[1] == 0xfe)
        width = 2, big_endian = false, name = "UTF-16LE";
    else if (len >= 2 && s[0] == 0xfe && s[1] == 0xff)
        width = 2, big_endian = true, name = "UTF-16BE";
    else
        return 0;

    /* each unit becomes at most 4 bytes of UTF-8, and 2 UTF-16 units (4
       bytes) at most 4: the output is never more than twice the input */
    unsigned char *text = malloc(len * 2 + 1);
    size_t n = 0, i = width;
    if (text == NULL) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    while (i < len) {
        if (len - i < width) {
            snprintf(err, err_size, "invalid %s at byte %zu (the file ends inside a character)",
                     name, i);
            goto invalid;
        }
        unsigned long cp = text_unit(s + i, width, big_endian);
        size_t at = i;
        i += width;
        if (width == 2 && cp >= 0xd800 && cp <= 0xdbff && len - i >= 2) {
            unsigned long low = text_unit(s + i, 2, big_endian);
            if (low >= 0xdc00 && low <= 0xdfff) {
                cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                i += 2;
            }
        }
        if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
            snprintf(err, err_size, "invalid %s at byte %zu (%s)", name, at,
                     cp > 0x10ffff ? "not a Unicode code point" : "an unpaired surrogate");
            goto invalid;
        }
        n += text_put_utf8(cp, text + n);
    }
    text[n] = '\0';
    *out = (char *)text;
    *out_len = n;
    return 1;
invalid:
    free(text);
    return -1;
}

/* ---- escaping for terminals and messages ----------------------------- */

/* Length of the well-formed UTF-8 sequence at s (1..4), or 0 when the byte
   at s does not start one. *cp gets its code point. */
static size_t text_utf8_sequence(const unsigned char *s, size_t len, unsigned long *cp)
{
    size_t need;
    unsigned long min, value;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xc2 && s[0] <= 0xdf) { need = 1; min = 0x80; value = s[0] & 0x1f; }
    else if (s[0] >= 0xe0 && s[0] <= 0xef) { need = 2; min = 0x800; value = s[0] & 0x0f; }
    else if (s[0] >= 0xf0 && s[0] <= 0xf4) { need = 3; min = 0x10000; value = s[0] & 0x07; }
    else return 0;
    if (len <= need)
        return 0;
    for (size_t k = 1; k <= need; k++) {
        if ((s[k] & 0xc0) != 0x80)
            return 0;
        value = (value << 6) | (s[k] & 0x3f);
    }
    if (value < min || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
        return 0;
    *cp = value;
    return need + 1;
}

/* Whether code point cp is escaped (see text_escape_controls). */
static bool text_is_control(unsigned long cp, bool keep_lines)
{
    if (keep_lines && (cp == '\n' || cp == '\t'))
        return false;
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f);
}

bool text_needs_escape(const char *s, size_t len, bool keep_lines)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned long cp;
        size_t n = text_utf8_sequence(u + i, len - i, &cp);
        if (n == 0 || text_is_control(cp, keep_lines))
            return true;
        i += n;
    }
    return false;
}

char *text_escape_controls(const char *s, size_t len, bool keep_lines)
{
    const unsigned char *u = (const unsigned char *)s;
    char *out = malloc(len * 6 + 1); /* \u0080 is the longest: 6 for 2 bytes */
    size_t i = 0, n = 0;
    if (out == NULL)
        return NULL;
    while (i < len) {
        unsigned long cp;
        size_t size = text_utf8_sequence(u + i, len - i, &cp);
        if (size == 0) {
            n += (size_t)sprintf(out + n, "\\x%02x", u[i]);
            i++;
        } else if (text_is_control(cp, keep_lines)) {
            n += (size_t)sprintf(out + n, cp < 0x80 ? "\\x%02lx" : "\\u%04lx", cp);
            i += size;
        } else {
            memcpy(out + n, s + i, size);
            n += size;
            i += size;
        }
    }
    out[n] = '\0';
    return out;
}

char *text_escaped_vformat(bool keep_lines, const char *format, va_list args)
{
    char *line = NULL, *escaped = NULL;
    va_list again;
    va_copy(again, args);
    int len = vsnprintf(NULL, 0, format, args);
    if (len >= 0 && (line = malloc((size_t)len + 1)) != NULL) {
        vsnprintf(line, (size_t)len + 1, format, again);
        escaped = text_escape_controls(line, (size_t)len, keep_lines);
    }
    va_end(again);
    free(line);
    return escaped;
}
