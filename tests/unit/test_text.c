/* test_text.c: binary detection, UTF-8 validation and blank text on
   plain-text documents. Every input is copied into
   a buffer of exactly its length (no terminating NUL), so AddressSanitizer
   reports any read past len. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* A string literal and its length, embedded NUL bytes included. */
#define BYTES(literal) (literal), (sizeof(literal) - 1)

/* A copy of len bytes in a heap block of exactly that size. */
static char *exact_copy(const char *data, size_t len)
{
    char *copy = malloc(len > 0 ? len : 1);
    assert_non_null(copy);
    if (len > 0)
        memcpy(copy, data, len);
    return copy;
}

static bool looks_binary(const char *data, size_t len)
{
    char *copy = exact_copy(data, len);
    bool result = text_looks_binary(copy, len);
    free(copy);
    return result;
}

static size_t invalid_at(const char *data, size_t len)
{
    char *copy = exact_copy(data, len);
    size_t result = text_utf8_invalid_at(copy, len);
    free(copy);
    return result;
}

static bool is_blank(const char *data, size_t len)
{
    char *copy = exact_copy(data, len);
    bool result = text_is_blank(copy, len);
    free(copy);
    return result;
}

/* ---- text_looks_binary ---- */

static void test_binary_nul_byte(void **state)
{
    (void)state;
    assert_true(looks_binary(BYTES("plain words\0more words")));
    assert_true(looks_binary(BYTES("\0")));
    assert_true(looks_binary(BYTES("ends with a NUL\0")));
}

/* A NUL byte anywhere makes the data binary, even past the 8 KB probe:
   documents are kept as NUL-terminated strings. */
static void test_binary_nul_byte_after_probe(void **state)
{
    size_t len = 20000;
    char *data = malloc(len);
    (void)state;
    assert_non_null(data);
    memset(data, 'a', len);
    assert_false(looks_binary(data, len));
    data[15000] = '\0';
    assert_true(looks_binary(data, len));
    free(data);
}

/* More than 10% control characters is binary; exactly 10% is not. */
static void test_binary_control_characters(void **state)
{
    char data[100];
    (void)state;
    memset(data, 'x', sizeof data);
    for (size_t i = 0; i < 10; i++)
        data[i * 10] = '\x01';
    assert_false(looks_binary(data, sizeof data));
    data[5] = '\x1b';
    assert_true(looks_binary(data, sizeof data));
    assert_true(looks_binary(BYTES("\x01\x02\x03\x04\x05\x06\x07\x08")));
    assert_true(looks_binary(BYTES("\x1b[0m\x1b[1m\x0e\x0f")));
}

/* Only the first 8 KB are probed for control characters. */
static void test_binary_probe_is_first_8k(void **state)
{
    size_t len = 8192 * 2;
    char *data = malloc(len);
    (void)state;
    assert_non_null(data);
    memset(data, 'a', 8192);
    memset(data + 8192, '\x01', 8192);
    assert_false(looks_binary(data, len));
    memset(data, '\x02', 8192);
    memset(data + 8192, 'a', 8192);
    assert_true(looks_binary(data, len));
    free(data);
}

static void test_binary_normal_text(void **state)
{
    (void)state;
    assert_false(looks_binary(BYTES("Line one\r\nLine two\r\n\tindented\r\n")));
    assert_false(looks_binary(BYTES("col1\tcol2\tcol3\ncol4\tcol5\tcol6\n")));
    assert_false(looks_binary(BYTES("page one\fpage two\n")));
    assert_false(looks_binary(BYTES("\t\t\t\r\n\r\n\f\n")));
    assert_false(looks_binary(BYTES("Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x98\x80\n")));
    assert_false(looks_binary(BYTES("")));
}

/* ---- text_utf8_invalid_at ---- */

static void test_utf8_valid(void **state)
{
    (void)state;
    assert_int_equal(invalid_at(BYTES("")), 0);
    assert_int_equal(invalid_at(BYTES("plain ASCII text\r\n")), 18);
    assert_int_equal(invalid_at(BYTES("a\0b")), 3); /* NUL is valid UTF-8 */
    /* 2-, 3- and 4-byte characters: é, €, 😀 */
    assert_int_equal(invalid_at(BYTES("a\xC3\xA9" "b\xE2\x82\xAC" "c\xF0\x9F\x98\x80" "d")), 13);
    assert_int_equal(invalid_at(BYTES("\xF0\x9F\x98\x80")), 4);
    assert_int_equal(invalid_at(BYTES("\xE2\x80\x9Cquoted\xE2\x80\x9D")), 12);
}

/* The first and last code point of each sequence length, and those on
   either side of the surrogates, are accepted. */
static void test_utf8_boundaries(void **state)
{
    (void)state;
    assert_int_equal(invalid_at(BYTES("\x7F")), 1);              /* U+007F */
    assert_int_equal(invalid_at(BYTES("\xC2\x80")), 2);          /* U+0080 */
    assert_int_equal(invalid_at(BYTES("\xDF\xBF")), 2);          /* U+07FF */
    assert_int_equal(invalid_at(BYTES("\xE0\xA0\x80")), 3);      /* U+0800 */
    assert_int_equal(invalid_at(BYTES("\xED\x9F\xBF")), 3);      /* U+D7FF */
    assert_int_equal(invalid_at(BYTES("\xEE\x80\x80")), 3);      /* U+E000 */
    assert_int_equal(invalid_at(BYTES("\xEF\xBF\xBF")), 3);      /* U+FFFF */
    assert_int_equal(invalid_at(BYTES("\xF0\x90\x80\x80")), 4);  /* U+10000 */
    assert_int_equal(invalid_at(BYTES("\xF4\x8F\xBF\xBF")), 4);  /* U+10FFFF */
}

static void test_utf8_lone_continuation(void **state)
{
    (void)state;
    assert_int_equal(invalid_at(BYTES("ab\x80" "cd")), 2);
    assert_int_equal(invalid_at(BYTES("\xBF")), 0);
    /* one continuation byte too many after a valid é */
    assert_int_equal(invalid_at(BYTES("x\xC3\xA9\xA9")), 3);
    /* after a valid é and € */
    assert_int_equal(invalid_at(BYTES("\xC3\xA9\xE2\x82\xAC\x80")), 5);
}

static void test_utf8_truncated(void **state)
{
    (void)state;
    /* cut off at the end of the data */
    assert_int_equal(invalid_at(BYTES("\xC3")), 0);
    assert_int_equal(invalid_at(BYTES("abc\xE2\x82")), 3);
    assert_int_equal(invalid_at(BYTES("x\xF0\x9F\x98")), 1);
    assert_int_equal(invalid_at(BYTES("ok \xF0")), 3);
    /* the length given is what counts, not the bytes behind it */
    assert_int_equal(invalid_at("\xC3\xA9", 1), 0);
    assert_int_equal(invalid_at("ab\xF0\x9F\x98\x80", 5), 2);
    /* cut off in the middle by an ASCII byte */
    assert_int_equal(invalid_at(BYTES("a\xE2\x82" "b")), 1);
    assert_int_equal(invalid_at(BYTES("a\xC3 b")), 1);
    assert_int_equal(invalid_at(BYTES("ab\xF0\x9F\x98" "c")), 2);
}

static void test_utf8_overlong(void **state)
{
    (void)state;
    assert_int_equal(invalid_at(BYTES("ok\xC0\x80")), 2);          /* NUL in 2 bytes */
    assert_int_equal(invalid_at(BYTES("\xC1\xBF")), 0);            /* U+007F in 2 */
    assert_int_equal(invalid_at(BYTES("abc\xE0\x80\x80")), 3);     /* NUL in 3 bytes */
    assert_int_equal(invalid_at(BYTES("\xE0\x9F\xBF")), 0);        /* U+07FF in 3 */
    assert_int_equal(invalid_at(BYTES("a\xF0\x8F\xBF\xBF")), 1);   /* U+FFFF in 4 */
    assert_int_equal(invalid_at(BYTES("\xF0\x80\x80\x80")), 0);    /* NUL in 4 */
}

static void test_utf8_surrogates(void **state)
{
    (void)state;
    assert_int_equal(invalid_at(BYTES("ab\xED\xA0\x80")), 2);      /* U+D800 */
    assert_int_equal(invalid_at(BYTES("\xED\xBF\xBF")), 0);        /* U+DFFF */
    assert_int_equal(invalid_at(BYTES("\xC3\xA9\xED\xB0\x80")), 2); /* U+DC00 */
}

static void test_utf8_beyond_unicode(void **state)
{
    (void)state;
    assert_int_equal(invalid_at(BYTES("abcd\xF4\x90\x80\x80")), 4); /* U+110000 */
    assert_int_equal(invalid_at(BYTES("\xF5\x80\x80\x80")), 0);
    assert_int_equal(invalid_at(BYTES("\xF7\xBF\xBF\xBF")), 0);
    assert_int_equal(invalid_at(BYTES("x\xF8\x88\x80\x80\x80")), 1); /* 5-byte form */
    assert_int_equal(invalid_at(BYTES("x\xFE")), 1);
    assert_int_equal(invalid_at(BYTES("x\xFF")), 1);
}

/* A bad byte is found wherever it is, not only near the start. */
static void test_utf8_offset_far_in(void **state)
{
    size_t len = 100000;
    char *data = malloc(len);
    (void)state;
    assert_non_null(data);
    for (size_t i = 0; i + 1 < len; i += 2) {
        data[i] = '\xC3';
        data[i + 1] = '\xA9';
    }
    assert_int_equal(invalid_at(data, len), len);
    data[77777] = 'x'; /* the second byte of an é becomes ASCII */
    assert_int_equal(invalid_at(data, len), 77776);
    free(data);
}

/* ---- text_is_blank ---- */

static void test_blank_spaces(void **state)
{
    (void)state;
    assert_true(is_blank(BYTES("")));
    assert_true(is_blank(BYTES(" ")));
    assert_true(is_blank(BYTES("   \t\r\n\f\v\n")));
    assert_false(is_blank(BYTES(" x ")));
    assert_false(is_blank(BYTES("\n\n.\n")));
    /* only the length given counts */
    assert_true(is_blank("  x", 2));
}

static void test_blank_nbsp_and_bom(void **state)
{
    (void)state;
    assert_true(is_blank(BYTES("\xC2\xA0")));
    assert_true(is_blank(BYTES(" \xC2\xA0\t\xC2\xA0\xC2\xA0\n")));
    assert_true(is_blank(BYTES("\xEF\xBB\xBF")));
    assert_true(is_blank(BYTES("\xEF\xBB\xBF\r\n \xC2\xA0\n")));
    /* thin space U+2009 and narrow no-break space U+202F */
    assert_true(is_blank(BYTES("\xE2\x80\x89\xE2\x80\xAF ")));
    assert_false(is_blank(BYTES("\xEF\xBB\xBFword")));
    assert_false(is_blank(BYTES("\xC2\xA0\xC2\xA1")));   /* ¡ */
    assert_false(is_blank(BYTES("\xC2")));               /* half an NBSP */
    assert_false(is_blank(BYTES("\xEF\xBB")));           /* two thirds of a BOM */
    assert_false(is_blank(BYTES(" \xE2\x80\x94 ")));     /* em dash */
}

/* Date lines and title guessing are Lua (rules/lib/dates.lua,
   rules/lib/titles.lua): tests/lua/test_titles.lua. */

/* Control characters and bytes that are not UTF-8 are escaped for a
   terminal (issue 14: an escape sequence in a file name reached it). */
static void test_escape_controls(void **state)
{
    (void)state;
    const char *name = "esc\x1b[31mred\x07 caf\xc3\xa9 \xc2\x9b" "2J \xe9.txt\n\tend\x7f";
    char *shown = text_escape_controls(name, strlen(name), true);
    assert_non_null(shown);
    assert_string_equal(shown, "esc\\x1b[31mred\\x07 caf\xc3\xa9 \\u009b2J \\xe9.txt\n\tend\\x7f");
    free(shown);
    shown = text_escape_controls("a\nb\r", 4, false);
    assert_string_equal(shown, "a\\x0ab\\x0d");
    free(shown);
    assert_true(text_needs_escape(name, strlen(name), true));
    assert_false(text_needs_escape("caf\xc3\xa9\n", 6, true));
    assert_true(text_needs_escape("caf\xc3\xa9\n", 6, false));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_binary_nul_byte),
        cmocka_unit_test(test_binary_nul_byte_after_probe),
        cmocka_unit_test(test_binary_control_characters),
        cmocka_unit_test(test_binary_probe_is_first_8k),
        cmocka_unit_test(test_binary_normal_text),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_utf8_boundaries),
        cmocka_unit_test(test_utf8_lone_continuation),
        cmocka_unit_test(test_utf8_truncated),
        cmocka_unit_test(test_utf8_overlong),
        cmocka_unit_test(test_utf8_surrogates),
        cmocka_unit_test(test_utf8_beyond_unicode),
        cmocka_unit_test(test_utf8_offset_far_in),
        cmocka_unit_test(test_blank_spaces),
        cmocka_unit_test(test_blank_nbsp_and_bom),
        cmocka_unit_test(test_escape_controls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
