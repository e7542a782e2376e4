/* test_textmodel.c: the text model's tokens, classes, lines, sentences and
   paragraphs. Every input is copied into a heap block of exactly its length
   (no terminating NUL), so AddressSanitizer reports any read past it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textmodel.h"

struct fixture {
    char *text;
    struct textmodel model;
    struct textmodel_abbreviations *abbreviations;
};

static const char *const words[] = {"Dr", "Mr", "Inc", "approx", "e.g", "St"};

/* Builds the model of text (a C string, copied without its NUL). */
static void build(struct fixture *f, const char *text)
{
    size_t length = strlen(text);
    size_t lengths[sizeof words / sizeof *words];
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        lengths[i] = strlen(words[i]);
    f->abbreviations = textmodel_abbreviations_new(words, lengths, sizeof words / sizeof *words);
    assert_non_null(f->abbreviations);
    f->text = malloc(length ? length : 1);
    assert_non_null(f->text);
    memcpy(f->text, text, length);
    assert_int_equal(textmodel_build(&f->model, f->text, length, f->abbreviations), 0);
}

static void release(struct fixture *f)
{
    textmodel_free(&f->model);
    textmodel_abbreviations_free(f->abbreviations);
    free(f->text);
}

/* The bytes of token i as a C string (in a static buffer). */
static const char *token_text(const struct fixture *f, size_t i)
{
    static char buffer[64];
    const struct textmodel_token *t = &f->model.tokens[i];
    size_t n = t->end - t->start < sizeof buffer - 1 ? t->end - t->start : sizeof buffer - 1;
    memcpy(buffer, f->text + t->start, n);
    buffer[n] = '\0';
    return buffer;
}

/* The text of sentence k as a C string (in a static buffer). */
static const char *sentence_text(const struct fixture *f, size_t k)
{
    static char buffer[256];
    const struct textmodel_span *s = &f->model.sentences[k];
    size_t n = s->end - s->start < sizeof buffer - 1 ? s->end - s->start : sizeof buffer - 1;
    memcpy(buffer, f->text + s->start, n);
    buffer[n] = '\0';
    return buffer;
}

static void test_tokens_and_classes(void **state)
{
    (void)state;
    struct fixture f;
    build(&f, "The EU’s 5G plan\u00a0for 2024 — “AI” and Ёлка.");
    const struct textmodel *m = &f.model;
    /* The EU ’ s 5G plan for 2024 — “ AI ” and Ёлка . */
    assert_int_equal(m->token_count, 15);
    assert_string_equal(token_text(&f, 0), "The");
    assert_true(m->tokens[0].flags & TEXTMODEL_CAPITALISED);
    assert_true(m->tokens[1].flags & TEXTMODEL_ALL_CAPS);
    assert_int_equal(m->tokens[2].kind, TEXTMODEL_PUNCT);
    assert_int_equal(m->tokens[2].ascii, '\'');       /* ’ read as ' */
    assert_false(m->tokens[2].flags & TEXTMODEL_SPACE);
    assert_int_equal(m->tokens[4].kind, TEXTMODEL_WORD); /* 5G */
    assert_true(m->tokens[4].flags & TEXTMODEL_DIGIT);
    assert_true(m->tokens[6].flags & TEXTMODEL_SPACE); /* after a no-break space */
    assert_int_equal(m->tokens[7].kind, TEXTMODEL_NUMBER);
    assert_int_equal(m->tokens[8].ascii, '-');         /* em dash */
    assert_int_equal(m->tokens[9].ascii, '"');         /* “ */
    assert_string_equal(token_text(&f, 13), "Ёлка");
    assert_true(m->tokens[13].flags & TEXTMODEL_CAPITALISED);
    assert_int_equal(m->tokens[14].ascii, '.');
    release(&f);
}

static void test_line_breaks_and_blank_lines(void **state)
{
    (void)state;
    struct fixture f;
    build(&f, "One\ntwo\r\n \t\nthree");
    const struct textmodel *m = &f.model;
    assert_int_equal(m->token_count, 4); /* One, two, blank, three */
    assert_true(m->tokens[1].flags & TEXTMODEL_NEWLINE);
    assert_int_equal(m->tokens[2].kind, TEXTMODEL_BLANK);
    assert_false(m->tokens[3].flags & TEXTMODEL_SPACE);
    assert_int_equal(m->line_count, 3);
    assert_int_equal(m->paragraph_count, 3); /* unwrapped: each line is one */
    release(&f);
}

static void test_sentences(void **state)
{
    (void)state;
    struct fixture f;
    build(&f, "Dr. Lee met J. R. Smith in the U.S. on Monday. “It works,” he said! "
              "Prices rose approx. five per cent. 2024 was a record year? Yes.");
    const struct textmodel *m = &f.model;
    assert_int_equal(m->sentence_count, 5);
    assert_string_equal(sentence_text(&f, 0), "Dr. Lee met J. R. Smith in the U.S. on Monday.");
    assert_string_equal(sentence_text(&f, 1), "“It works,” he said!");
    assert_string_equal(sentence_text(&f, 2), "Prices rose approx. five per cent.");
    assert_string_equal(sentence_text(&f, 3), "2024 was a record year?");
    assert_string_equal(sentence_text(&f, 4), "Yes.");
    assert_int_equal(textmodel_span_at(m->sentences, m->sentence_count, 50), 1);
    assert_int_equal(textmodel_span_at(m->sentences, m->sentence_count, 0), 0);
    release(&f);
}

/* A full stop with the next sentence glued to it ends a sentence; initials,
   abbreviations and domain names do not. */
static void test_glued_sentences(void **state)
{
    (void)state;
    struct fixture f;
    build(&f, "Trade rose between China and Israel.China-Israel ties grew. "
              "The U.S.A. and St.Petersburg stay whole.");
    const struct textmodel *m = &f.model;
    assert_int_equal(m->sentence_count, 3);
    assert_string_equal(sentence_text(&f, 0), "Trade rose between China and Israel.");
    assert_string_equal(sentence_text(&f, 1), "China-Israel ties grew.");
    assert_string_equal(sentence_text(&f, 2), "The U.S.A. and St.Petersburg stay whole.");
    release(&f);
}

/* Wire copy wrapped near one width reads on over its line breaks; an
   indented line starts a new paragraph. */
static void test_wrapped_text(void **state)
{
    (void)state;
    struct fixture f;
    build(&f, "MOSCOW, March 3 - Russia and China agreed on Tuesday to expand\n"
              "cooperation in artificial intelligence and chips, the two\n"
              "governments said in a joint statement after talks.\n"
              "    The agreement covers research centres, joint ventures and\n"
              "a fund of five billion dollars for start-up companies in\n"
              "both countries, officials said.\n");
    const struct textmodel *m = &f.model;
    assert_true(m->wrap_width >= 50 && m->wrap_width <= 70);
    assert_int_equal(m->sentence_count, 2);
    assert_int_equal(m->paragraph_count, 2);
    assert_int_equal(m->line_count, 6);
    release(&f);
}

/* A page's lines (headings, list items) are not wrapped: each ends a
   sentence even without a full stop. */
static void test_unwrapped_lines(void **state)
{
    (void)state;
    struct fixture f;
    build(&f, "Digital Silk Road\nA short heading\nThe first paragraph of the article says "
              "something long enough to be a paragraph of prose in a page, more than a "
              "wrapped line would ever hold.\nSecond one");
    assert_int_equal(f.model.wrap_width, 0);
    assert_int_equal(f.model.sentence_count, 4);
    release(&f);
}

static void test_lookups(void **state)
{
    (void)state;
    struct fixture f;
    build(&f, "  Alpha beta, gamma.");
    const struct textmodel *m = &f.model;
    assert_int_equal(textmodel_token_before(m, 0), -1);
    assert_int_equal(textmodel_token_before(m, 2), 0);
    assert_int_equal(textmodel_token_before(m, 9), 1); /* inside "beta" */
    assert_int_equal(textmodel_token_from(m, 9), 2);   /* the comma */
    assert_int_equal(textmodel_token_from(m, 100), m->token_count);
    release(&f);
}

static void test_empty_and_odd_input(void **state)
{
    (void)state;
    struct fixture f;
    build(&f, "");
    assert_int_equal(f.model.token_count, 0);
    assert_int_equal(f.model.sentence_count, 0);
    release(&f);
    build(&f, "\xE2\x80"); /* a cut sequence: punctuation bytes, no read past the end */
    assert_int_equal(f.model.token_count, 2);
    release(&f);
    build(&f, "\n\n\n");
    assert_int_equal(f.model.token_count, 1);
    assert_int_equal(f.model.sentence_count, 0);
    release(&f);
}

static void test_abbreviation_set(void **state)
{
    (void)state;
    struct fixture f;
    build(&f, "x");
    assert_true(textmodel_is_abbreviation(f.abbreviations, "dr", 2));
    assert_true(textmodel_is_abbreviation(f.abbreviations, "INC", 3));
    assert_true(textmodel_is_abbreviation(f.abbreviations, "e.g", 3));
    assert_false(textmodel_is_abbreviation(f.abbreviations, "etc", 3));
    assert_false(textmodel_is_abbreviation(NULL, "dr", 2));
    release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens_and_classes),
        cmocka_unit_test(test_line_breaks_and_blank_lines),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_glued_sentences),
        cmocka_unit_test(test_wrapped_text),
        cmocka_unit_test(test_unwrapped_lines),
        cmocka_unit_test(test_lookups),
        cmocka_unit_test(test_empty_and_odd_input),
        cmocka_unit_test(test_abbreviation_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
