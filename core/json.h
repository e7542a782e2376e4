/* json.h: the JSON text Quarry writes itself, so that every output has the
   same shapes: numbers in the shortest form that reads back as the same
   double, strings escaped as jansson escapes them. Used by quarry.json
   (core/lua_json.c) and the CLI's tables (core/format.c). */
#ifndef QUARRY_JSON_H
#define QUARRY_JSON_H

#include <stddef.h>

/* Room for any number json_real_text writes, with its NUL. */
#define JSON_REAL_SIZE 32

/* Writes a finite double as a JSON number with the fewest significant
   digits that strtod reads back as the same value (0.6, not
   0.59999999999999998), laid out as JavaScript lays numbers out (plain
   from 1e-6 to 1e21: 0.000015, 2000000000; else 1.5e-7, 1e21), with ".0"
   added when it would read as an integer (2000000000.0, so a reader that
   tells them apart keeps a real). Returns its length. */
size_t json_real_text(double value, char buffer[JSON_REAL_SIZE]);

/* Receives text a writer produces, in pieces. */
typedef void json_put_fn(void *context, const char *text, size_t len);

/* Writes s (len bytes, valid UTF-8: check with text_utf8_invalid_at) as a
   JSON string with its quotes: '"' and '\\' escaped, \b \f \n \r \t, other
   control characters as \u00XX, everything else as it is. */
void json_put_string(const char *s, size_t len, json_put_fn *put, void *context);

#endif
