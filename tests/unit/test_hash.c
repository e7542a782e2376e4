/* test_hash.c: SHA-256 content hashes against the standard NIST/FIPS 180
   test vectors, compared as full lowercase hex strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "hash.h"

/* Hashes len bytes of data and checks the whole hex digest and that it is
   NUL-terminated right after the 64 digits. */
static void check_sha256(const void *data, size_t len, const char *expected)
{
    char hex[HASH_HEX_SIZE + 8];
    memset(hex, 'X', sizeof hex);
    assert_int_equal(hash_sha256_hex(data, len, hex), 0);
    assert_int_equal(hex[64], '\0');
    assert_int_equal(strlen(hex), 64);
    assert_string_equal(hex, expected);
    assert_int_equal(hex[65], 'X'); /* nothing written past the digest */
}

static void test_empty_string(void **state)
{
    (void)state;
    check_sha256("", 0,
                 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_abc(void **state)
{
    (void)state;
    check_sha256("abc", 3,
                 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* The two-block, 448-bit message of FIPS 180-2 appendix B.2. */
static void test_448_bit_message(void **state)
{
    static const char message[] =
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    (void)state;
    assert_int_equal(strlen(message) * 8, 448);
    check_sha256(message, strlen(message),
                 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* The 896-bit message of the NIST SHA-2 examples. */
static void test_896_bit_message(void **state)
{
    static const char message[] =
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
        "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    (void)state;
    assert_int_equal(strlen(message) * 8, 896);
    check_sha256(message, strlen(message),
                 "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

/* FIPS 180-2 appendix B.3: one million repetitions of 'a'. */
static void test_million_a(void **state)
{
    size_t len = 1000000;
    char *data = malloc(len);
    (void)state;
    assert_non_null(data);
    memset(data, 'a', len);
    check_sha256(data, len,
                 "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(data);
}

/* The length counts, not a terminator: embedded NUL bytes are hashed and
   bytes past len are not. */
static void test_hashes_exactly_len_bytes(void **state)
{
    (void)state;
    check_sha256("a\0b", 3,
                 "59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138");
    check_sha256("abcdef", 3,
                 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_string),
        cmocka_unit_test(test_abc),
        cmocka_unit_test(test_448_bit_message),
        cmocka_unit_test(test_896_bit_message),
        cmocka_unit_test(test_million_a),
        cmocka_unit_test(test_hashes_exactly_len_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
