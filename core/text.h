/* text.h: checks and heuristics on plain-text documents. */
#ifndef QUARRY_TEXT_H
#define QUARRY_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Returns true when the bytes look like a binary file (a NUL byte, or more
   than 10% control characters other than tab, CR, LF, FF in the first 8 KB). */
bool text_looks_binary(const char *data, size_t len);

/* Returns the offset of the first byte that is not part of a well-formed
   UTF-8 sequence (overlong forms, surrogates and code points above U+10FFFF
   are ill-formed), or len when all of it is valid. */
size_t text_utf8_invalid_at(const char *data, size_t len);

/* When data starts with a UTF-16 or UTF-32 byte-order mark (either byte
   order), decodes it to UTF-8 without the mark into a malloc'd,
   NUL-terminated *out of *out_len bytes and returns 1; returns 0 (out
   untouched) when there is no such mark, and -1 with the reason in err
   when the bytes are not well-formed in the encoding their mark names
   (an odd tail, an unpaired surrogate, a code point above U+10FFFF) or
   memory ran out. A UTF-8 mark is not one of these: UTF-8 is kept as is. */
int text_decode_wide(const char *data, size_t len, char **out, size_t *out_len,
                     char *err, size_t err_size);

/* s (len bytes) made safe to print on a terminal or in a message: C0
   control characters (but newline and tab when keep_lines), DEL and the C1
   controls U+0080..U+009F are written as \xHH (\u0080.. for C1), and so
   are bytes that are not UTF-8, so an escape sequence in a file name
   cannot reach the terminal. Returns a malloc'd NUL-terminated string, or
   NULL when memory ran out. */
char *text_escape_controls(const char *s, size_t len, bool keep_lines);

/* Whether text_escape_controls would change s. */
bool text_needs_escape(const char *s, size_t len, bool keep_lines);

/* A message line made from format and args (as vsnprintf) with its
   control characters escaped (text_escape_controls), so a file name in it
   cannot steer the terminal. Returns a malloc'd string, or NULL when
   memory ran out. */
char *text_escaped_vformat(bool keep_lines, const char *format, va_list args);

/* Returns true when the text holds nothing but white space (ASCII white
   space, NBSP, BOM). */
bool text_is_blank(const char *data, size_t len);

#endif
