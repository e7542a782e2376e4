/* text.h: checks and heuristics on plain-text documents. */
#ifndef QUARRY_TEXT_H
#define QUARRY_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Returns true when the bytes look like a binary file (a NUL byte, or more
   than 10% control characters other than tab, CR, LF, FF in the first 8 KB). */
bool text_looks_binary(const char *data, size_t len);

/* Returns the offset of the first byte that is not part of a well-formed
   UTF-8 sequence (overlong forms, surrogates and code points above U+10FFFF
   are ill-formed), or len when all of it is valid. */
size_t text_utf8_invalid_at(const char *data, size_t len);

/* Returns true when the text holds nothing but white space (ASCII white
   space, NBSP, BOM). */
bool text_is_blank(const char *data, size_t len);

#endif
