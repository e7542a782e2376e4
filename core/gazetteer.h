/* gazetteer.h: finds known names (countries, people, organisations) in a
   text, fast: a trie over ASCII-case-folded bytes, walked only from the
   positions where a name may begin.

   Matches are whole-word, leftmost-longest and non-overlapping. A word
   character is an ASCII letter or digit, or any non-ASCII code point other
   than punctuation, spaces and symbols: U+0080-U+00BF, U+00D7, U+00F7,
   U+2000-U+206F, U+20A0-U+20CF, U+2100-U+214F, U+3000-U+303F,
   U+FF00-U+FF0F and U+FF1A-U+FF20 are not word characters, nor is an
   ill-formed byte. An entry that begins with a word character must begin
   where the text's previous character is not one; an entry that ends with
   a word character must end where the next character is not one. So
   "China" is found in "China's", "(China)" and "China-Russia" but not in
   "Chinatown" or "IndoChina", and "U.S." is found at the end of a
   sentence. Boundaries are judged on the whole text, also at the edges of
   a searched range. A space in an entry also matches a line break or a tab
   in the text (a name wrapped over two lines), not a blank line. */
#ifndef QUARRY_GAZETTEER_H
#define QUARRY_GAZETTEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How an entry compares with the text. */
enum gazetteer_case {
    GAZETTEER_EXACT, /* the same bytes */
    GAZETTEER_FOLD,  /* the same bytes up to ASCII letter case */
};

/* One name to find: UTF-8 bytes (copied by gazetteer_new). An empty entry
   never matches. */
struct gazetteer_entry {
    const char *text;
    size_t len;
    enum gazetteer_case match_case;
};

/* One match: the byte span [start, end) and the smallest index of an entry
   that matches it. Other entries may share the span (an exact and a folded
   spelling, or the same name twice); gazetteer_match_ids lists them all. */
struct gazetteer_match {
    size_t start;
    size_t end;
    uint32_t first_id;
    uint32_t terminal; /* which trie node matched: for gazetteer_match_ids */
};

/* Allocation function with the contract of lua_Alloc: frees ptr when
   new_size is 0, else resizes ptr (NULL: allocates) and returns NULL when
   out of memory. old_size is the size of ptr's block. */
typedef void *(*gazetteer_alloc)(void *ud, void *ptr, size_t old_size, size_t new_size);

struct gazetteer;

/* Builds a matcher over count entries (indices 0..count-1). alloc may be
   NULL for malloc/realloc/free. Returns NULL when out of memory or when
   the sizes do not fit (more than 2^32 - 2 entries or trie nodes); nothing
   is left allocated then. */
struct gazetteer *gazetteer_new(const struct gazetteer_entry *entries, size_t count,
                                gazetteer_alloc alloc, void *alloc_ud);

/* Frees everything the matcher owns. NULL is allowed. */
void gazetteer_free(struct gazetteer *gazetteer);

/* The number of entries the matcher was built with. */
size_t gazetteer_count(const struct gazetteer *gazetteer);

/* The bytes the matcher holds, for reports. */
size_t gazetteer_memory(const struct gazetteer *gazetteer);

/* Finds the next match that starts at or after *from and ends at or before
   stop (clamped to len) in text[0..len). On a match fills match, sets
   *from to its end (where the search goes on) and returns true; else sets
   *from to stop and returns false. Loop on it to get every match. */
bool gazetteer_next(const struct gazetteer *gazetteer, const char *text, size_t len,
                    size_t *from, size_t stop, struct gazetteer_match *match);

/* The longest match that starts exactly at pos and ends at or before stop
   (clamped to len), with the word boundaries the entry needs. Returns true
   and fills match, or false. */
bool gazetteer_match_at(const struct gazetteer *gazetteer, const char *text, size_t len,
                        size_t pos, size_t stop, struct gazetteer_match *match);

/* Every entry index that matches the span of match in the text it was
   found in, in ascending order: writes up to capacity of them to ids and
   returns how many there are (more than capacity means: call again with
   more room). */
size_t gazetteer_match_ids(const struct gazetteer *gazetteer, const char *text,
                           const struct gazetteer_match *match, uint32_t *ids,
                           size_t capacity);

/* True when the code point starting at text[pos] (pos < len) is a word
   character; *next receives the offset after it (pos + 1 for an
   ill-formed byte). */
bool gazetteer_word_at(const char *text, size_t len, size_t pos, size_t *next);

/* True when the code point ending just before text[pos] is a word
   character (false at pos 0). */
bool gazetteer_word_before(const char *text, size_t pos);

#endif
