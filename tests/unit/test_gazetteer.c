/* test_gazetteer.c: the gazetteer matcher (word boundaries, leftmost-longest,
   shared surfaces, case, multi-byte names, ranges, out-of-memory paths, a
   cross-check against a naive matcher) and quarry.gazetteer as Lua scripts
   see it. Texts are copied into heap blocks of exactly their length, so
   AddressSanitizer reports any read past the end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <lauxlib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gazetteer.h"
#include "host.h"

struct spec {
    const char *text;
    enum gazetteer_case match_case;
};

#define EXACT(s) {(s), GAZETTEER_EXACT}
#define FOLD(s) {(s), GAZETTEER_FOLD}
#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static struct gazetteer *build(const struct spec *specs, size_t count)
{
    struct gazetteer_entry *entries = calloc(count + 1, sizeof *entries);
    assert_non_null(entries);
    for (size_t i = 0; i < count; i++)
        entries[i] = (struct gazetteer_entry){specs[i].text, strlen(specs[i].text),
                                              specs[i].match_case};
    struct gazetteer *g = gazetteer_new(entries, count, NULL, NULL);
    free(entries);
    assert_non_null(g);
    return g;
}

/* Appends "start-end:id,id" for a match to out. */
static void render(const struct gazetteer *g, const char *text,
                   const struct gazetteer_match *match, char *out, size_t size)
{
    uint32_t ids[64];
    size_t total = gazetteer_match_ids(g, text, match, ids, COUNT(ids));
    assert_true(total >= 1 && total <= COUNT(ids));
    assert_int_equal(ids[0], match->first_id);
    size_t used = strlen(out);
    used += (size_t)snprintf(out + used, size - used, "%s%zu-%zu:", used ? ";" : "",
                             match->start, match->end);
    for (size_t k = 0; k < total; k++)
        used += (size_t)snprintf(out + used, size - used, "%s%u", k ? "," : "", ids[k]);
}

/* Every match in text[from..stop) as "start-end:id,id;...". */
static const char *scan_range(const struct gazetteer *g, const char *text, size_t from,
                              size_t stop)
{
    static char out[8192];
    size_t len = strlen(text);
    char *copy = malloc(len > 0 ? len : 1); /* exactly len bytes: no NUL after them */
    assert_non_null(copy);
    memcpy(copy, text, len);
    struct gazetteer_match match;
    out[0] = '\0';
    while (gazetteer_next(g, copy, len, &from, stop, &match))
        render(g, copy, &match, out, sizeof out);
    free(copy);
    return out;
}

static const char *scan(const struct gazetteer *g, const char *text)
{
    return scan_range(g, text, 0, SIZE_MAX);
}

static void test_word_boundaries(void **state)
{
    (void)state;
    const struct spec specs[] = {EXACT("China"), EXACT("U.S."), EXACT("€"), EXACT("Russia")};
    struct gazetteer *g = build(specs, COUNT(specs));
    assert_string_equal(scan(g, "China’s economy"), "0-5:0");
    assert_string_equal(scan(g, "(China)"), "1-6:0");
    assert_string_equal(scan(g, "China-Russia"), "0-5:0;6-12:3");
    assert_string_equal(scan(g, "Chinatown"), "");
    assert_string_equal(scan(g, "IndoChina"), "");
    assert_string_equal(scan(g, "China2 2China"), "");
    assert_string_equal(scan(g, "Chinaé éChina 中China"), "");
    assert_string_equal(scan(g, "_China_"), "1-6:0");
    assert_string_equal(scan(g, "«China»"), "2-7:0");
    assert_string_equal(scan(g, "（China）"), "3-8:0");
    assert_string_equal(scan(g, "China、Japan"), "0-5:0");
    assert_string_equal(scan(g, "\xc2\xa0" "China\xe2\x80\x94" "Russia"), "2-7:0;10-16:3");
    assert_string_equal(scan(g, "\xff" "China\xc3"), "1-6:0");
    assert_string_equal(scan(g, "in the U.S."), "7-11:1");
    assert_string_equal(scan(g, "U.S.-China talks"), "0-4:1;5-10:0");
    assert_string_equal(scan(g, "the U.S.A. and AU.S."), "4-8:1");
    assert_string_equal(scan(g, "cost €26 million"), "5-8:2");
    assert_string_equal(scan(g, "26€ and 5€5"), "2-5:2;11-14:2");
    assert_string_equal(scan(g, "the euro (€) rose"), "10-13:2");
    gazetteer_free(g);
}

static void test_word_characters(void **state)
{
    (void)state;
    size_t next;
    static const char *const word[] = {"a", "Z", "7", "é", "Я", "ع", "中", "\xc3\x80"};
    static const char *const other[] = {" ", "-", "_", ".", "’", "“", "\xc2\xa0", "€", "₹",
                                        "₽", "×", "÷", "、", "（", "：", "\xe2\x80\xa6", "\xff"};
    for (size_t i = 0; i < COUNT(word); i++) {
        assert_true(gazetteer_word_at(word[i], strlen(word[i]), 0, &next));
        assert_int_equal(next, strlen(word[i]));
        assert_true(gazetteer_word_before(word[i], strlen(word[i])));
    }
    for (size_t i = 0; i < COUNT(other); i++) {
        assert_false(gazetteer_word_at(other[i], strlen(other[i]), 0, &next));
        assert_false(gazetteer_word_before(other[i], strlen(other[i])));
    }
    assert_false(gazetteer_word_before("abc", 0));
    /* a truncated sequence is one ill-formed byte */
    assert_false(gazetteer_word_at("\xe4\xb8", 2, 0, &next));
    assert_int_equal(next, 1);
}

static void test_exact_us_and_pronoun(void **state)
{
    (void)state;
    const struct spec specs[] = {EXACT("US"), EXACT("U.S."), FOLD("nato")};
    struct gazetteer *g = build(specs, COUNT(specs));
    assert_string_equal(scan(g, "Let us tell the US and the U.S."), "16-18:0;27-31:1");
    assert_string_equal(scan(g, "us Us uS"), "");
    assert_string_equal(scan(g, "USA US-made NATO Nato nato NATO’s NATOs"),
                        "4-6:0;12-16:2;17-21:2;22-26:2;27-31:2");
    gazetteer_free(g);
}

static void test_leftmost_longest(void **state)
{
    (void)state;
    const struct spec specs[] = {
        EXACT("Korea"), EXACT("South Korea"), EXACT("Chinese"),
        EXACT("Chinese Academy of Sciences"), EXACT("Academy"), EXACT("New York"),
        EXACT("New York Times"), EXACT("A B"), EXACT("B C"),
    };
    struct gazetteer *g = build(specs, COUNT(specs));
    assert_string_equal(scan(g, "South Korea and North Korea"), "0-11:1;22-27:0");
    assert_string_equal(scan(g, "the Chinese Academy of Sciences said"), "4-31:3");
    assert_string_equal(scan(g, "the Chinese Academy of Science"), "4-11:2;12-19:4");
    assert_string_equal(scan(g, "New York Timeshare"), "0-8:5");
    assert_string_equal(scan(g, "New York Times."), "0-14:6");
    assert_string_equal(scan(g, "A B C"), "0-3:7");
    assert_string_equal(scan(g, "South Koreans"), "");
    gazetteer_free(g);
}

/* A name wrapped over two lines is found; over a blank line it is not. */
static void test_wrapped_names(void **state)
{
    (void)state;
    const struct spec specs[] = {EXACT("Tata Electronics"), FOLD("south korea"), EXACT("Tata")};
    struct gazetteer *g = build(specs, COUNT(specs));
    assert_string_equal(scan(g, "by Tata\nElectronics and South\tKorea"), "3-19:0;24-35:1");
    assert_string_equal(scan(g, "Tata\n\nElectronics"), "0-4:2");
    assert_string_equal(scan(g, "Tata\n \t\nElectronics"), "0-4:2"); /* a blank line */
    /* any other run of white space stands for a space: CRLF, an indented
       line, two spaces, no-break and thin spaces */
    assert_string_equal(scan(g, "Tata\r\nElectronics"), "0-17:0");
    assert_string_equal(scan(g, "Tata\n    Electronics"), "0-20:0");
    assert_string_equal(scan(g, "Tata  Electronics"), "0-17:0");
    assert_string_equal(scan(g, "Tata\xC2\xA0" "Electronics"), "0-17:0");
    assert_string_equal(scan(g, "South\xE2\x80\x89korea"), "0-13:1");
    assert_string_equal(scan(g, "Tata\xE2\x80\x94" "Electronics"), "0-4:2"); /* a dash is no space */
    gazetteer_free(g);
}

static void test_shared_surfaces(void **state)
{
    (void)state;
    const struct spec specs[] = {
        EXACT("Georgia"), EXACT("Georgia"), FOLD("georgia"), EXACT("Georgian"),
    };
    struct gazetteer *g = build(specs, COUNT(specs));
    assert_string_equal(scan(g, "Georgia, GEORGIA, georgia, Georgian"),
                        "0-7:0,1,2;9-16:2;18-25:2;27-35:3");
    struct gazetteer_match match;
    const char *text = "in Georgia";
    assert_true(gazetteer_match_at(g, text, strlen(text), 3, SIZE_MAX, &match));
    uint32_t one[1];
    assert_int_equal(gazetteer_match_ids(g, text, &match, one, 1), 3);
    assert_int_equal(one[0], 0);
    assert_int_equal(gazetteer_match_ids(g, text, &match, NULL, 0), 3);
    gazetteer_free(g);
}

static void test_fold_and_exact(void **state)
{
    (void)state;
    const struct spec specs[] = {
        EXACT("AIDS"), FOLD("aids"), EXACT("Bank"), FOLD("bank of england"), EXACT("Apple"),
    };
    struct gazetteer *g = build(specs, COUNT(specs));
    assert_string_equal(scan(g, "AIDS aids Aids"), "0-4:0,1;5-9:1;10-14:1");
    /* the exact "Bank" does not match, the longer folded entry does */
    assert_string_equal(scan(g, "bank of England; Bank; bank; BANK OF ENGLAND"),
                        "0-15:3;17-21:2;29-44:3");
    assert_string_equal(scan(g, "apple Apple APPLE"), "6-11:4");
    gazetteer_free(g);
}

static void test_multibyte_names(void **state)
{
    (void)state;
    const struct spec specs[] = {
        EXACT("Россия"), EXACT("السعودية"), EXACT("Côte d’Ivoire"), FOLD("São Paulo"),
    };
    struct gazetteer *g = build(specs, COUNT(specs));
    assert_string_equal(scan(g, "Россия и Китай"), "0-12:0");
    assert_string_equal(scan(g, "«Россия»"), "2-14:0");
    assert_string_equal(scan(g, "Россиянин"), "");
    assert_string_equal(scan(g, "وصلت السعودية."), "9-25:1");
    assert_string_equal(scan(g, "والسعودية"), "");
    assert_string_equal(scan(g, "Côte d’Ivoire’s cocoa"), "0-16:2");
    assert_string_equal(scan(g, "Côte d'Ivoire"), ""); /* a straight apostrophe */
    assert_string_equal(scan(g, "São Paulo’s mayor, são PAULO"), "0-10:3;22-32:3");
    assert_string_equal(scan(g, "SÃO PAULO"), ""); /* folding is ASCII only */
    gazetteer_free(g);
}

static void test_ranges(void **state)
{
    (void)state;
    const struct spec specs[] = {EXACT("China"), EXACT("é")};
    struct gazetteer *g = build(specs, COUNT(specs));
    const char *text = "China and China";
    assert_string_equal(scan_range(g, text, 0, 5), "0-5:0");
    assert_string_equal(scan_range(g, text, 0, 4), "");
    assert_string_equal(scan_range(g, text, 1, SIZE_MAX), "10-15:0");
    assert_string_equal(scan_range(g, text, 10, 15), "10-15:0");
    assert_string_equal(scan_range(g, text, 11, 15), "");
    assert_string_equal(scan_range(g, text, 16, 99), "");
    /* boundaries are judged on the whole text, not the range */
    assert_string_equal(scan_range(g, "IndoChina", 4, 9), "");
    assert_string_equal(scan_range(g, "Chinatown", 0, 5), "");
    assert_string_equal(scan_range(g, "éChina", 1, 8), "");
    assert_string_equal(scan_range(g, "xé é", 1, 6), "4-6:1");

    struct gazetteer_match match;
    size_t from = 3;
    assert_false(gazetteer_next(g, text, strlen(text), &from, 8, &match));
    assert_int_equal(from, 8);
    assert_true(gazetteer_match_at(g, text, strlen(text), 10, SIZE_MAX, &match));
    assert_int_equal(match.start, 10);
    assert_int_equal(match.end, 15);
    assert_false(gazetteer_match_at(g, text, strlen(text), 11, SIZE_MAX, &match));
    assert_false(gazetteer_match_at(g, text, strlen(text), 10, 14, &match));
    assert_false(gazetteer_match_at(g, text, strlen(text), 15, SIZE_MAX, &match));
    assert_false(gazetteer_match_at(g, "IndoChina", 9, 4, SIZE_MAX, &match));
    gazetteer_free(g);
}

static void test_empty_cases(void **state)
{
    (void)state;
    struct gazetteer_match match;
    size_t from = 0;
    struct gazetteer *none = gazetteer_new(NULL, 0, NULL, NULL);
    assert_non_null(none);
    assert_int_equal(gazetteer_count(none), 0);
    assert_false(gazetteer_next(none, "China", 5, &from, 5, &match));
    gazetteer_free(none);
    gazetteer_free(NULL);

    const struct spec specs[] = {EXACT(""), EXACT("China")};
    struct gazetteer *g = build(specs, COUNT(specs));
    assert_int_equal(gazetteer_count(g), 2);
    assert_string_equal(scan(g, ""), "");
    assert_string_equal(scan(g, "  "), "");
    assert_string_equal(scan(g, " China"), "1-6:1");
    from = 0;
    assert_false(gazetteer_next(g, "", 0, &from, 0, &match));
    gazetteer_free(g);
}

/* A deterministic generator for the generated tests. */
static uint64_t next_random(uint64_t *seed)
{
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    return *seed;
}

static const char *const first_names[] = {
    "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William",
    "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
    "Charles", "Karen", "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Betty", "Anthony",
    "Margaret", "Mark", "Sandra", "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily",
    "Andrew", "Donna", "Joshua", "Michelle", "Kenneth", "Dorothy", "Kevin", "Carol", "Brian",
    "Amanda", "George", "Melissa", "Edward", "Deborah", "Ronald", "Stephanie", "Timothy",
    "Rebecca", "Jason", "Sharon", "Jeffrey", "Laura", "Ryan", "Cynthia", "Jacob", "Kathleen",
    "Gary", "Amy", "Nicholas", "Shirley", "Eric", "Angela", "Jonathan", "Helen", "Stephen",
    "Anna", "Larry", "Brenda", "Justin", "Pamela", "Scott", "Nicole", "Brandon", "Emma",
    "Benjamin", "Samantha", "Samuel", "Katherine", "Gregory", "Christine", "Frank", "Debra",
    "Alexander", "Rachel", "Raymond", "Catherine", "Patrick", "Carolyn", "Jack", "Janet",
    "Dennis", "Ruth", "Jerry", "Maria",
};

static const char *const surnames[] = {
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Taylor", "Moore",
    "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
    "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
    "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera",
    "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz",
    "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris", "Morales", "Murphy",
    "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey", "Reed",
    "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chávez",
    "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez",
    "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jiménez", "Müller",
};

static void test_ten_thousand_entries(void **state)
{
    (void)state;
    enum { COUNT_NAMES = 100 * 100 };
    static char names[COUNT_NAMES][48];
    struct gazetteer_entry *entries = calloc(COUNT_NAMES + 1, sizeof *entries);
    assert_non_null(entries);
    for (size_t i = 0; i < COUNT_NAMES; i++) {
        snprintf(names[i], sizeof names[i], "%s %s", first_names[i % 100], surnames[i / 100]);
        entries[i] = (struct gazetteer_entry){names[i], strlen(names[i]),
                                              i % 2 ? GAZETTEER_FOLD : GAZETTEER_EXACT};
    }
    entries[COUNT_NAMES] = (struct gazetteer_entry){"Smith", 5, GAZETTEER_EXACT};
    struct gazetteer *g = gazetteer_new(entries, COUNT_NAMES + 1, NULL, NULL);
    assert_non_null(g);
    assert_int_equal(gazetteer_count(g), COUNT_NAMES + 1);
    /* 0: James Smith (exact), 1: Mary Smith (fold), 100 + 3: Patricia Johnson (fold),
       9999: Maria Müller (fold), 10000: Smith */
    assert_string_equal(scan(g, "James Smith met MARY SMITH, james smith, Patricia Johnson"
                                " and Maria Müller’s aide; Smith left. JamesSmith."),
                        "0-11:0;16-26:1;41-57:103;62-75:9999;86-91:10000");
    assert_string_equal(scan(g, "Mary Smithson"), "");
    free(entries);
    gazetteer_free(g);
}

/* The pieces random entries and texts are made of: prefixes of each other,
   multi-byte letters, punctuation and symbols; the last ones only appear
   in texts, near misses for the bitmaps of how entries begin. */
static const char *const pieces[] = {
    "ab", "Ab", "abc", "b", "ba", "a.b.", "€", "é", "ré", "x’y", "1", "12", "(", "AB",
    "abd", "bab", "a", "c", "x", "€€", "((", "’", "rê",
};
enum { ENTRY_PIECES = 14 };
static const char *const joints[] = {" ", "-", "", "’", " ", ". "};

/* Joins words random pieces (entries: the first ENTRY_PIECES only, texts:
   all of them, with some ASCII letters' case flipped). */
static void random_phrase(uint64_t *seed, char *out, size_t size, int words, bool for_text)
{
    size_t choices = for_text ? COUNT(pieces) : ENTRY_PIECES;
    out[0] = '\0';
    for (int w = 0; w < words; w++) {
        if (w > 0)
            strncat(out, joints[next_random(seed) % COUNT(joints)], size - strlen(out) - 1);
        strncat(out, pieces[next_random(seed) % choices], size - strlen(out) - 1);
    }
    if (for_text)
        for (char *p = out; *p; p++)
            if (((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') && next_random(seed) % 5 == 0)
                *p ^= 0x20;
}

static bool naive_equal(const char *text, const char *entry, size_t len, bool fold)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char a = (unsigned char)text[i], b = (unsigned char)entry[i];
        if (fold && a >= 'A' && a <= 'Z')
            a |= 0x20;
        if (fold && b >= 'A' && b <= 'Z')
            b |= 0x20;
        if (a != b)
            return false;
    }
    return true;
}

/* Whether entry e matches at p in the obvious way. */
static bool naive_matches_at(const struct gazetteer_entry *e, const char *text, size_t len,
                             size_t p, size_t stop)
{
    size_t next;
    if (e->len == 0 || p + e->len > stop)
        return false;
    if (!naive_equal(text + p, e->text, e->len, e->match_case == GAZETTEER_FOLD))
        return false;
    if (gazetteer_word_at(e->text, e->len, 0, &next) && gazetteer_word_before(text, p))
        return false;
    if (gazetteer_word_before(e->text, e->len) && p + e->len < len
        && gazetteer_word_at(text, len, p + e->len, &next))
        return false;
    return true;
}

/* The specification, spelled out: at each position, the longest entry
   that matches there, then on after it. */
static void naive_scan(const struct gazetteer_entry *entries, size_t count, const char *text,
                       size_t len, size_t from, size_t stop, char *out, size_t size)
{
    out[0] = '\0';
    if (stop > len)
        stop = len;
    for (size_t p = from; p < stop;) {
        size_t best = 0;
        for (size_t i = 0; i < count; i++)
            if (entries[i].len > best && naive_matches_at(&entries[i], text, len, p, stop))
                best = entries[i].len;
        if (best == 0) {
            p++;
            continue;
        }
        size_t used = strlen(out);
        used += (size_t)snprintf(out + used, size - used, "%s%zu-%zu:", used ? ";" : "", p,
                                 p + best);
        bool first = true;
        for (size_t i = 0; i < count; i++)
            if (entries[i].len == best && naive_matches_at(&entries[i], text, len, p, stop)) {
                used += (size_t)snprintf(out + used, size - used, "%s%zu", first ? "" : ",", i);
                first = false;
            }
        p += best;
    }
}

static void test_against_naive_matcher(void **state)
{
    (void)state;
    enum { ENTRIES = 150, TEXTS = 3000 };
    static char texts[ENTRIES][64];
    struct gazetteer_entry entries[ENTRIES];
    uint64_t seed = 0x9e3779b97f4a7c15u;
    for (size_t i = 0; i < ENTRIES; i++) {
        random_phrase(&seed, texts[i], sizeof texts[i], 1 + (int)(next_random(&seed) % 3), false);
        entries[i] = (struct gazetteer_entry){texts[i], strlen(texts[i]),
                                              next_random(&seed) % 2 ? GAZETTEER_FOLD
                                                                     : GAZETTEER_EXACT};
    }
    struct gazetteer *g = gazetteer_new(entries, ENTRIES, NULL, NULL);
    assert_non_null(g);
    static char text[1024], expected[8192];
    for (int round = 0; round < TEXTS; round++) {
        random_phrase(&seed, text, sizeof text, 40, true);
        size_t len = strlen(text);
        size_t from = round % 3 ? 0 : next_random(&seed) % (len + 1);
        size_t stop = round % 4 ? len : next_random(&seed) % (len + 2);
        naive_scan(entries, ENTRIES, text, len, from, stop, expected, sizeof expected);
        const char *got = scan_range(g, text, from, stop);
        if (strcmp(got, expected) != 0)
            fail_msg("text \"%s\" [%zu, %zu):\n  got      %s\n  expected %s", text, from, stop,
                     got, expected);
    }
    gazetteer_free(g);
}

/* An allocator that fails once a budget of allocations is spent and
   counts the bytes it has handed out (with the sizes the caller claims). */
struct budget {
    int allocations_left;
    long long live_bytes;
    int live_blocks;
};

static void *budget_alloc(void *ud, void *ptr, size_t old_size, size_t new_size)
{
    struct budget *budget = ud;
    if (new_size == 0) {
        if (ptr != NULL) {
            budget->live_bytes -= (long long)old_size;
            budget->live_blocks--;
        }
        free(ptr);
        return NULL;
    }
    if (budget->allocations_left-- <= 0)
        return NULL;
    void *block = realloc(ptr, new_size);
    if (block != NULL) {
        budget->live_bytes += (long long)new_size - (ptr ? (long long)old_size : 0);
        budget->live_blocks += ptr ? 0 : 1;
    }
    return block;
}

static void test_out_of_memory(void **state)
{
    (void)state;
    const struct gazetteer_entry entries[] = {
        {"China", 5, GAZETTEER_EXACT}, {"South Korea", 11, GAZETTEER_FOLD},
        {"Korea", 5, GAZETTEER_EXACT}, {"korea", 5, GAZETTEER_FOLD}, {"€", 3, GAZETTEER_EXACT},
    };
    int budget_needed = -1;
    for (int allowed = 0; allowed < 100 && budget_needed < 0; allowed++) {
        struct budget budget = {allowed, 0, 0};
        struct gazetteer *g = gazetteer_new(entries, COUNT(entries), budget_alloc, &budget);
        if (g == NULL) {
            assert_int_equal(budget.live_bytes, 0);
            assert_int_equal(budget.live_blocks, 0);
            continue;
        }
        budget_needed = allowed;
        assert_int_equal((size_t)budget.live_bytes, gazetteer_memory(g));
        assert_string_equal(scan(g, "South Korea, korea, China €"), "0-11:1;13-18:3;20-25:0;26-29:4");
        gazetteer_free(g);
        assert_int_equal(budget.live_bytes, 0);
        assert_int_equal(budget.live_blocks, 0);
    }
    assert_true(budget_needed > 3);
}

/* ---- quarry.gazetteer from Lua ---- */

struct fixture {
    char dir[512];
    lua_State *L;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    snprintf(f->dir, sizeof f->dir, "%s/gazetteerXXXXXX", QUARRY_TEST_TMP);
    assert_non_null(mkdtemp(f->dir));
    f->L = host_new(QUARRY_SOURCE_DIR);
    assert_non_null(f->L);
    lua_pushstring(f->L, f->dir);
    lua_setglobal(f->L, "DIR");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char command[700];
    lua_close(f->L);
    snprintf(command, sizeof command, "rm -rf '%s'", f->dir);
    assert_int_equal(system(command), 0);
    free(f);
    return 0;
}

/* Runs a chunk; fails the test with the Lua error when it raises. */
static void run(struct fixture *f, const char *chunk)
{
    int status = luaL_loadbuffer(f->L, chunk, strlen(chunk), "=test");
    if (status == LUA_OK)
        status = host_docall(f->L, 0, 0);
    if (status != LUA_OK)
        fail_msg("%s", lua_tostring(f->L, -1));
}

static void test_lua_new_and_find(void **state)
{
    run(*state,
        "local gazetteer = require'quarry'.gazetteer\n"
        "local m = gazetteer.new{'China', 'South Korea', 'Korea', {'nato', case = 'fold'},\n"
        "                        {'Georgia'}, {'Georgia', case = 'exact'}, '€'}\n"
        "assert(#m == 7 and tostring(m):find('^quarry.gazetteer %(7 entries'), tostring(m))\n"
        "local text = 'NATO met South Korea in Georgia; Chinatown, (China) paid €5.'\n"
        "local found = m:find(text)\n"
        "assert(#found == 5, #found)\n"
        "local function show(r) return text:sub(r.start + 1, r['end']) .. '=' .. table.concat(r.ids, ',') end\n"
        "local shown = {}\n"
        "for i, r in ipairs(found) do shown[i] = show(r) end\n"
        "assert(table.concat(shown, ' ') == 'NATO=4 South Korea=2 Georgia=5,6 China=1 €=7', table.concat(shown, ' '))\n"
        "assert(found[1].start == 0 and found[1]['end'] == 4)\n"
        "local flat = m:find_flat(text)\n"
        "assert(#flat == 15 and flat[1] == 0 and flat[2] == 4 and flat[3] == 4)\n"
        "assert(flat[7] == found[3].start and flat[9] == 5)\n"
        "-- init and stop are 1-based positions, like string.find's and string.sub's\n"
        "assert(#m:find(text, 2) == 4 and m:find(text, 10)[1].start == 9)\n"
        "assert(#m:find(text, 1, 4) == 1 and #m:find(text, 1, 3) == 0)\n"
        "assert(#m:find(text, -5) == 1 and #m:find(text, 1, -4) == 4)\n"
        "assert(#m:find(text, #text + 1) == 0 and #m:find('') == 0 and #m:find_flat('') == 0)\n"
        "local many = {}\n"
        "for i = 1, 40 do many[i] = {'Paris', case = i % 2 == 0 and 'fold' or 'exact'} end\n"
        "local ids = gazetteer.new(many):find('PARIS Paris')\n"
        "assert(#ids[1].ids == 20 and ids[1].ids[1] == 2 and #ids[2].ids == 40 and ids[2].ids[40] == 40)\n");
}

static void test_lua_match_at_in_lpeg(void **state)
{
    run(*state,
        "local lpeg = require 'lpeg'\n"
        "local m = require'quarry'.gazetteer.new{'China', 'South Korea', {'nato', case = 'fold'}}\n"
        "assert(m:match_at('in China now', 4) == 9)\n"
        "local after, id = m:match_at('in China now', 4)\n"
        "assert(after == 9 and id == 1)\n"
        "assert(m:match_at('in China now', 5) == nil and m:match_at('IndoChina', 5) == nil)\n"
        "assert(m:match_at('China', 6) == nil and m:match_at('China', 99) == nil)\n"
        "local place = lpeg.Cmt(lpeg.P(true), function(s, i) return m:match_at(s, i) end)\n"
        "local search = lpeg.P{place + 1 * lpeg.V(1)}\n"
        "assert(lpeg.match(search, 'not Chinatown but South Korea') == 2)\n"
        "-- LPeg refuses a loop over a pattern that may match nothing, so a\n"
        "-- loop consumes the first byte and asks from the byte before\n"
        "local step = lpeg.Cmt(lpeg.P(1), function(s, i) return m:match_at(s, i - 1) end)\n"
        "local ids = lpeg.match(lpeg.Ct((step + 1)^0), 'NATO and South Korea, not Chinatown; China.')\n"
        "assert(table.concat(ids, ',') == '3,2,1', table.concat(ids, ','))\n"
        "local visit = lpeg.P'visit to ' * place * lpeg.Cp()\n"
        "local to, at = lpeg.match(visit, 'visit to South Korea today')\n"
        "assert(to == 2 and at == 21, tostring(to) .. ' ' .. tostring(at))\n"
        "assert(lpeg.match(visit, 'visit to Chinatown') == nil)\n"
        "local ok, err = pcall(m.match_at, m, 'China', 0)\n"
        "assert(not ok and err:find('position'), err)\n");
}

static void test_lua_errors_and_close(void **state)
{
    run(*state,
        "local gazetteer = require'quarry'.gazetteer\n"
        "local function checkerr(pattern, f, ...)\n"
        "  local ok, err = pcall(f, ...)\n"
        "  assert(not ok, 'no error, expected ' .. pattern)\n"
        "  assert(err:find(pattern), err)\n"
        "end\n"
        "checkerr('table expected', gazetteer.new, 'China')\n"
        "checkerr('entry 2 is a number', gazetteer.new, {'China', 42})\n"
        "checkerr('entry 1 is empty', gazetteer.new, {''})\n"
        "checkerr('entry 1 has no text', gazetteer.new, {{case = 'fold'}})\n"
        "checkerr('entry 1: case must be', gazetteer.new, {{'x', case = 'upper'}})\n"
        "checkerr('entry 1 is not valid UTF%-8', gazetteer.new, {'\\255'})\n"
        "local m = gazetteer.new{'China'}\n"
        "checkerr('string expected', m.find, m, {})\n"
        "checkerr('quarry.gazetteer expected', m.find, 'China', 'China')\n"
        "checkerr('number expected', m.find_flat, m, 'China', 'x')\n"
        "m:close(); m:close()\n"
        "assert(tostring(m) == 'quarry.gazetteer (closed)')\n"
        "checkerr('attempt to use a closed gazetteer', m.find, m, 'China')\n"
        "checkerr('attempt to use a closed gazetteer', m.find_flat, m, 'China')\n"
        "checkerr('attempt to use a closed gazetteer', m.match_at, m, 'China', 1)\n"
        "checkerr('attempt to use a closed gazetteer', function() return #m end)\n"
        "do local scoped <close> = gazetteer.new{'x'}; assert(#scoped == 1); m = scoped end\n"
        "checkerr('closed gazetteer', m.find, m, 'x')\n"
        "assert(#gazetteer.new{} == 0 and #gazetteer.new{}:find('anything') == 0)\n"
        "collectgarbage(); collectgarbage()\n");
}

static void test_lua_load(void **state)
{
    run(*state,
        "local gazetteer = require'quarry'.gazetteer\n"
        "local function write(name, text)\n"
        "  local path = DIR .. '/' .. name\n"
        "  local f = assert(io.open(path, 'wb')); f:write(text); f:close()\n"
        "  return path\n"
        "end\n"
        "local path = write('places.tsv', '\\239\\187\\191# countries and states\\n'\n"
        "  .. '\\n'\n"
        "  .. 'surface\\tcase\\tcode\\ttype\\n'\n"
        "  .. '# a comment between rows\\n'\n"
        "  .. 'China\\t\\tCN\\tcountry\\n'\n"
        "  .. 'Georgia\\texact\\tGE\\tcountry\\r\\n'\n"
        "  .. 'Georgia\\t\\tUS-GA\\tstate\\n'\n"
        "  .. 'nato\\tfold\\t\\torganisation\\n'\n"
        "  .. 'Côte d’Ivoire\\texact\\tCI\\tcountry')\n"
        "local m, entries = gazetteer.load(path)\n"
        "assert(m, entries)\n"
        "assert(#m == 5 and #entries == 5)\n"
        "assert(entries[1].surface == 'China' and entries[1].case == 'exact' and entries[1].code == 'CN')\n"
        "assert(entries[2].code == 'GE' and entries[3].type == 'state')\n"
        "assert(entries[4].case == 'fold' and entries[4].code == nil and entries[4].type == 'organisation')\n"
        "local text = 'NATO and Georgia; China and Côte d’Ivoire’s port'\n"
        "local found = m:find(text)\n"
        "assert(#found == 4)\n"
        "assert(entries[found[1].ids[1]].type == 'organisation')\n"
        "assert(#found[2].ids == 2 and entries[found[2].ids[2]].code == 'US-GA')\n"
        "assert(entries[found[4].ids[1]].code == 'CI')\n"
        "-- the entries load() returns build the same matcher again\n"
        "assert(#gazetteer.new(entries):find(text) == 4)\n"
        "local function bad(name, text, pattern)\n"
        "  local p = write(name, text)\n"
        "  local none, message = gazetteer.load(p)\n"
        "  assert(none == nil, name)\n"
        "  assert(message:find(p, 1, true) == 1, message)\n"
        "  assert(message:find(pattern), message)\n"
        "end\n"
        "bad('columns.tsv', '# c\\nsurface\\tcode\\nChina\\tCN\\nRussia\\n', ':4: expected 2 columns, found 1')\n"
        "bad('surface.tsv', 'surface\\tcode\\nChina\\tCN\\n\\tRU\\n', ':3: missing surface')\n"
        "bad('case.tsv', 'surface\\tcase\\nChina\\tupper\\n', \":2: bad case value 'upper'\")\n"
        "bad('header.tsv', '#\\nname\\tcode\\nChina\\tCN\\n', ':2: the header has no surface column')\n"
        "bad('twice.tsv', 'surface\\tcode\\tcode\\n', ':1: column 3 repeats the name code')\n"
        "bad('empty.tsv', '# only a comment\\n\\n', ': no header line')\n"
        "bad('utf8.tsv', 'surface\\n\\255\\n', ':2: the surface is not valid UTF%-8')\n"
        "local none, message = gazetteer.load(DIR .. '/missing.tsv')\n"
        "assert(none == nil and message:find('cannot open .*missing.tsv'), message)\n"
        "local ok, err = pcall(gazetteer.load)\n"
        "assert(not ok and err:find('string expected'), err)\n"
        "local only = gazetteer.load(write('header-only.tsv', 'surface\\n'))\n"
        "assert(#only == 0)\n");
}

static void test_lua_load_large(void **state)
{
    run(*state,
        "local gazetteer = require'quarry'.gazetteer\n"
        "local lines = {'# generated', 'surface\\tcase\\tid'}\n"
        "for i = 1, 20000 do\n"
        "  lines[#lines + 1] = ('Name%d Place%d\\t%s\\t%d'):format(i, i % 97, i % 2 == 0 and 'fold' or '', i)\n"
        "end\n"
        "local path = DIR .. '/large.tsv'\n"
        "local f = assert(io.open(path, 'wb')); f:write(table.concat(lines, '\\n')); f:close()\n"
        "local clock = os.clock()\n"
        "local m, entries = assert(gazetteer.load(path))\n"
        "local seconds = os.clock() - clock\n"
        "assert(#m == 20000 and entries[20000].id == '20000' and entries[2].case == 'fold')\n"
        "assert(seconds < 2, seconds)\n"
        "local found = m:find_flat('Name12 Place12 and NAME4 PLACE4 and name3 place3.')\n"
        "assert(#found == 6 and found[3] == 12 and found[6] == 4, #found)\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_boundaries),
        cmocka_unit_test(test_word_characters),
        cmocka_unit_test(test_exact_us_and_pronoun),
        cmocka_unit_test(test_wrapped_names),
        cmocka_unit_test(test_leftmost_longest),
        cmocka_unit_test(test_shared_surfaces),
        cmocka_unit_test(test_fold_and_exact),
        cmocka_unit_test(test_multibyte_names),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_empty_cases),
        cmocka_unit_test(test_ten_thousand_entries),
        cmocka_unit_test(test_against_naive_matcher),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test_setup_teardown(test_lua_new_and_find, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lua_match_at_in_lpeg, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lua_errors_and_close, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lua_load, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lua_load_large, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
