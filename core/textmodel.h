/* textmodel.h: one reading of a document's text, made once and shared by
   every rule, report and the REPL: tokens with byte offsets and classes,
   sentences, paragraphs and lines.

   The text is never edited: curly quotes, dashes and non-breaking or thin
   spaces are classified as their ASCII kin (a token's `ascii` byte, white
   space between tokens) while offsets stay those of the stored bytes. */
#ifndef QUARRY_TEXTMODEL_H
#define QUARRY_TEXTMODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum textmodel_kind {
    TEXTMODEL_WORD,   /* letters and digits, not only digits: "Huawei", "5G" */
    TEXTMODEL_NUMBER, /* ASCII digits only: "2024" ("1.5" is 1 . 5) */
    TEXTMODEL_PUNCT,  /* one character that is no letter, digit or space */
    TEXTMODEL_BLANK,  /* a blank line: a line break, white space and another line break */
};

/* Token flags. A single line break is no token: the token after it has
   TEXTMODEL_NEWLINE (and TEXTMODEL_SPACE), and lines are listed apart. */
enum textmodel_flag {
    TEXTMODEL_SPACE = 1,        /* white space right before it (not after a blank line) */
    TEXTMODEL_NEWLINE = 2,      /* a single line break in that white space */
    TEXTMODEL_CAPITALISED = 4,  /* starts with an upper-case letter (Latin, Greek, Cyrillic) */
    TEXTMODEL_LOWER = 8,        /* starts with a lower-case letter */
    TEXTMODEL_ALL_CAPS = 16,    /* two or more letters, all upper case, nothing else */
    TEXTMODEL_DIGIT = 32,       /* holds an ASCII digit */
};

struct textmodel_token {
    uint32_t start, end; /* byte offsets, end exclusive */
    uint8_t kind;        /* enum textmodel_kind */
    uint8_t flags;       /* enum textmodel_flag */
    char ascii;          /* punctuation: its ASCII kin (' " -) or itself; else 0 */
};

/* A paragraph ends at a blank line and at a line break that does not only
   wrap hard-wrapped text (wire copy: lines of about one width, a new
   paragraph indented); a sentence ends where a paragraph does and after
   . ! ? or … before a word that is not in lower case, unless the full stop
   ends an abbreviation or initials.

   A sentence, paragraph or line: bytes [start, end) with surrounding white
   space left out, and its tokens [first, last). */
struct textmodel_span {
    uint32_t start, end;
    uint32_t first, last;
};

/* Words whose full stop ends no sentence ("Dr", "approx", "U.S"), lower
   case, sorted; built from a list by textmodel_abbreviations_new. */
struct textmodel_abbreviations;

struct textmodel {
    const char *text; /* not owned: must outlive the model */
    size_t length;
    struct textmodel_token *tokens;
    size_t token_count;
    struct textmodel_span *sentences, *paragraphs, *lines;
    size_t sentence_count, paragraph_count, line_count;
    unsigned wrap_width; /* the width hard-wrapped text is wrapped at; 0: not wrapped */
    bool moved;          /* the arrays live in a block the caller owns (textmodel_move) */
};

/* Builds the abbreviation set from count words (any case, no final full
   stop); NULL when out of memory. */
struct textmodel_abbreviations *textmodel_abbreviations_new(const char *const *words,
                                                            const size_t *lengths, size_t count);
void textmodel_abbreviations_free(struct textmodel_abbreviations *abbreviations);
/* Whether word (any case) is in the set. */
bool textmodel_is_abbreviation(const struct textmodel_abbreviations *abbreviations,
                               const char *word, size_t length);

/* Reads text into model (abbreviations may be NULL: initials only).
   Returns 0, or -1 when out of memory or the text is 4 GB or more; model
   is then empty and needs no textmodel_free. */
int textmodel_build(struct textmodel *model, const char *text, size_t length,
                    const struct textmodel_abbreviations *abbreviations);
void textmodel_free(struct textmodel *model);

/* The bytes the model's arrays take, and moving them into a block of that
   size that the caller owns (a Lua userdata, so that the collector counts
   them); textmodel_free then frees nothing but the model stays usable. */
size_t textmodel_size(const struct textmodel *model);
void textmodel_move(struct textmodel *model, void *block);

/* The index of the last token starting at or before offset, or -1. */
long textmodel_token_before(const struct textmodel *model, size_t offset);
/* The index of the first token starting at or after offset (token_count if none). */
size_t textmodel_token_from(const struct textmodel *model, size_t offset);
/* The index of the span holding offset (start <= offset < end), or of the
   last one starting before it when offset falls between spans; -1 before
   the first. */
long textmodel_span_at(const struct textmodel_span *spans, size_t count, size_t offset);

#endif
