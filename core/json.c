/* json.c: JSON numbers and strings as Quarry writes them. */
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t json_real_text(double value, char buffer[JSON_REAL_SIZE])
{
    /* the fewest significant digits that read back the same (%.16e always
       does), as "d.ddde-XX" */
    char text[JSON_REAL_SIZE];
    for (int precision = 0; precision <= 16; precision++) {
        snprintf(text, sizeof text, "%.*e", precision, value);
        if (strtod(text, NULL) == value)
            break;
    }
    char digits[JSON_REAL_SIZE];
    size_t k = 0, len = 0;
    const char *p = text;
    if (*p == '-')
        buffer[len++] = *p++;
    for (; *p != 'e'; p++)
        if (*p != '.')
            digits[k++] = *p;
    while (k > 1 && digits[k - 1] == '0')
        k--;
    long n = strtol(p + 1, NULL, 10) + 1; /* the decimal point after n digits */
    /* laid out as JavaScript writes numbers: plain from 1e-6 up to 1e21 */
    if ((long)k <= n && n <= 21) {
        memcpy(buffer + len, digits, k);
        len += k;
        for (long i = (long)k; i < n; i++)
            buffer[len++] = '0';
        buffer[len++] = '.';
        buffer[len++] = '0';
    } else if (0 < n && n <= 21) {
        memcpy(buffer + len, digits, (size_t)n);
        len += (size_t)n;
        buffer[len++] = '.';
        memcpy(buffer + len, digits + n, k - (size_t)n);
        len += k - (size_t)n;
    } else if (-6 < n && n <= 0) {
        buffer[len++] = '0';
        buffer[len++] = '.';
        for (long i = n; i < 0; i++)
            buffer[len++] = '0';
        memcpy(buffer + len, digits, k);
        len += k;
    } else {
        buffer[len++] = digits[0];
        if (k > 1) {
            buffer[len++] = '.';
            memcpy(buffer + len, digits + 1, k - 1);
            len += k - 1;
        }
        len += (size_t)snprintf(buffer + len, JSON_REAL_SIZE - len, "e%ld", n - 1);
    }
    buffer[len] = '\0';
    return len;
}

void json_put_string(const char *s, size_t len, json_put_fn *put, void *context)
{
    static const char hex[] = "0123456789abcdef";
    put(context, "\"", 1);
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *escape = NULL;
        char code[7];
        switch (c) {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default:
            if (c < 0x20) {
                memcpy(code, "\\u00", 4);
                code[4] = hex[c >> 4];
                code[5] = hex[c & 15];
                code[6] = '\0';
                escape = code;
            }
            break;
        }
        if (escape != NULL) {
            if (i > start)
                put(context, s + start, i - start);
            put(context, escape, strlen(escape));
            start = i + 1;
        }
    }
    if (len > start)
        put(context, s + start, len - start);
    put(context, "\"", 1);
}
