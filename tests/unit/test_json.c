/* test_json.c: the JSON text Quarry writes itself (core/json.c): numbers in
   their shortest round-trip form, strings escaped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

static const char *real(double value)
{
    static char buffer[JSON_REAL_SIZE];
    size_t len = json_real_text(value, buffer);
    assert_int_equal(len, strlen(buffer));
    return buffer;
}

static void test_shortest_numbers(void **state)
{
    (void)state;
    assert_string_equal(real(0.6), "0.6");
    assert_string_equal(real(2.43), "2.43");
    assert_string_equal(real(0.1 + 0.2), "0.30000000000000004");
    assert_string_equal(real(2e9), "2000000000.0");
    assert_string_equal(real(1e21), "1e21");
    assert_string_equal(real(1.5e-7), "1.5e-7");
    assert_string_equal(real(-0.0), "-0.0");
    assert_string_equal(real(-12.5), "-12.5");
    assert_string_equal(real(1.0 / 3.0), "0.3333333333333333");
    assert_string_equal(real(DBL_MAX), "1.7976931348623157e308");
    assert_string_equal(real(0.000015), "0.000015");
    assert_string_equal(real(123456.789), "123456.789");
    assert_string_equal(real(1e20), "100000000000000000000.0");
    assert_string_equal(real(5e-324), "5e-324");
}

/* Every number written reads back as the same double. */
static void test_round_trip(void **state)
{
    (void)state;
    unsigned seed = 12345;
    for (int i = 0; i < 100000; i++) {
        seed = seed * 1103515245u + 12345u;
        double value = ldexp((double)(seed % 1000003) / 7.0, (int)(seed >> 20) % 80 - 40);
        assert_true(strtod(real(value), NULL) == value);
    }
}

struct sink {
    char text[256];
    size_t len;
};

static void put(void *context, const char *text, size_t len)
{
    struct sink *sink = context;
    assert_true(sink->len + len < sizeof sink->text);
    memcpy(sink->text + sink->len, text, len);
    sink->len += len;
    sink->text[sink->len] = '\0';
}

static void test_strings(void **state)
{
    (void)state;
    struct sink sink = {.len = 0};
    const char s[] = "a\"b\\c\n\t\r\b\f\x01 é/\x7f";
    json_put_string(s, sizeof s - 1, put, &sink);
    assert_string_equal(sink.text, "\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001 é/\x7f\"");
    sink.len = 0;
    json_put_string("", 0, put, &sink);
    assert_string_equal(sink.text, "\"\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shortest_numbers),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
