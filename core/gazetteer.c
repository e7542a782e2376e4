/* gazetteer.c: whole-word, leftmost-longest matching of many names at
   once. The entries are sorted by their ASCII-folded bytes and laid out as
   a trie in breadth-first order, so a node's children are consecutive
   nodes: a node stores its first child and their number, and the byte on
   the edge into each node sits in a parallel label array (sorted, scanned
   linearly) or, for the root and nodes with many children, in a dense
   256-way table. A node where entries end points to a terminal that lists
   them; folded entries match whatever the case, exact ones are compared
   again with memcmp. Matches may only begin where a name can begin, so
   the scan skips the inside of words and never needs Aho-Corasick links;
   at a word start, small bitmaps of how entries begin (first byte, first
   two, a hash of the first three) turn most words away before the trie is
   touched. */
#include "gazetteer.h"

#include <stdlib.h>
#include <string.h>

#define GAZETTEER_NONE UINT32_MAX
#define GAZETTEER_INVALID UINT32_MAX /* an ill-formed UTF-8 sequence */
/* Nodes with at least this many children get a 256-way table: a few
   hundred top-level nodes in a large gazetteer, 1 KB each. */
#define GAZETTEER_DENSE_MIN 10

struct gazetteer_node {
    uint32_t first;    /* index of the first child; the children are consecutive */
    uint32_t count;    /* number of children */
    uint32_t dense;    /* index of the node's 256-way table, or GAZETTEER_NONE */
    uint32_t terminal; /* index into terminals, or GAZETTEER_NONE */
};

/* The entries that end at one trie node: they share their folded bytes. */
struct gazetteer_terminal {
    uint32_t first;     /* into ids */
    uint32_t count;
    uint32_t depth;     /* the entries' length in bytes */
    bool word_last;     /* they end with a word character: a boundary must follow */
};

struct gazetteer {
    gazetteer_alloc alloc;
    void *alloc_ud;
    size_t count;                       /* entries */
    char *bytes;                        /* every entry's text, one after another */
    size_t bytes_capacity;
    size_t *offsets;                    /* count + 1: entry i is bytes[offsets[i]..offsets[i+1]) */
    bool *folds;                        /* count: entry i matches folded */
    struct gazetteer_node *nodes;       /* nodes[0] is the root */
    uint8_t *labels;                    /* the byte on the edge into each node */
    size_t node_count;
    size_t node_capacity;               /* of nodes and labels */
    uint32_t *dense;                    /* dense_count tables of 256 child indices; 0 is none */
    size_t dense_count;
    struct gazetteer_terminal *terminals;
    size_t terminal_count;
    uint32_t *ids;                      /* count: each terminal's entries, ascending */
    uint8_t fold[256];                  /* ASCII upper case to lower case */
    bool ascii_word[256];               /* ASCII letters and digits */
    uint8_t scan_class[256];            /* how gazetteer_next treats a byte: GAZETTEER_SCAN_* */
    /* How entries begin, folded, in tables small enough for the L1 cache,
       so most word starts are turned away without touching the trie. */
    bool starts0[256];                  /* the first byte of any entry */
    bool starts1[256];                  /* entries of one byte */
    uint64_t starts2[1024];             /* bitmap of entries of two bytes */
    uint64_t starts3[1024];             /* bitmap of a hash of the first three bytes of longer ones */
};

/* A sort key while building: an entry's text and index. */
struct gazetteer_key {
    const unsigned char *text;
    size_t len;
    uint32_t id;
};

static void *gazetteer_default_alloc(void *ud, void *ptr, size_t old_size, size_t new_size)
{
    (void)ud;
    (void)old_size;
    if (new_size == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, new_size);
}

/* A block for count elements of size bytes (at least one element, so no
   request is for 0 bytes, which would mean "free"); NULL on overflow or
   when out of memory. */
static void *gazetteer_array(gazetteer_alloc alloc, void *ud, size_t count, size_t size)
{
    if (count == 0)
        count = 1;
    if (count > SIZE_MAX / size)
        return NULL;
    return alloc(ud, NULL, 0, count * size);
}

/* Frees a block from gazetteer_array(count, size); NULL is allowed. */
static void gazetteer_release(gazetteer_alloc alloc, void *ud, void *ptr, size_t count,
                              size_t size)
{
    if (ptr != NULL)
        alloc(ud, ptr, (count == 0 ? 1 : count) * size, 0);
}

/* Letter case folded, and a line break or tab read as a space: a name an
   entry writes with a space may be wrapped over two lines, as wire copy
   does ("Tata\nElectronics"); gazetteer_space_run reads longer runs. */
static inline unsigned char gazetteer_fold_byte(unsigned char c)
{
    if (c == '\n' || c == '\t')
        return ' ';
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

static inline bool gazetteer_ascii_word(unsigned char c)
{
    unsigned char lower = c | 0x20;
    return (c >= '0' && c <= '9') || (lower >= 'a' && lower <= 'z');
}

/* Decodes the well-formed UTF-8 sequence at s[pos] (pos < len) and sets
   *next after it; returns GAZETTEER_INVALID and pos + 1 for an ill-formed
   byte (overlong forms, surrogates, beyond U+10FFFF, truncated). */
static uint32_t gazetteer_decode(const unsigned char *s, size_t len, size_t pos, size_t *next)
{
    unsigned char c = s[pos];
    size_t need;
    uint32_t cp, min;

    *next = pos + 1;
    if (c < 0x80)
        return c;
    if (c >= 0xc2 && c <= 0xdf) {
        need = 1;
        min = 0x80;
        cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        need = 2;
        min = 0x800;
        cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        need = 3;
        min = 0x10000;
        cp = c & 0x07;
    } else {
        return GAZETTEER_INVALID;
    }
    if (len - pos <= need)
        return GAZETTEER_INVALID;
    for (size_t k = 1; k <= need; k++) {
        if ((s[pos + k] & 0xc0) != 0x80)
            return GAZETTEER_INVALID;
        cp = (cp << 6) | (s[pos + k] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return GAZETTEER_INVALID;
    *next = pos + need + 1;
    return cp;
}

/* Word characters: ASCII letters and digits, and non-ASCII code points
   outside the punctuation, space and symbol blocks listed in gazetteer.h. */
static bool gazetteer_word_code_point(uint32_t cp)
{
    if (cp < 0x80)
        return gazetteer_ascii_word((unsigned char)cp);
    if (cp == GAZETTEER_INVALID || cp <= 0xbf || cp == 0xd7 || cp == 0xf7)
        return false;
    if ((cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x20a0 && cp <= 0x20cf)
        || (cp >= 0x2100 && cp <= 0x214f) || (cp >= 0x3000 && cp <= 0x303f)
        || (cp >= 0xff00 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20))
        return false;
    return true;
}

bool gazetteer_word_at(const char *text, size_t len, size_t pos, size_t *next)
{
    return gazetteer_word_code_point(gazetteer_decode((const unsigned char *)text, len, pos, next));
}

bool gazetteer_word_before(const char *text, size_t pos)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t lead, next;

    if (pos == 0)
        return false;
    if (s[pos - 1] < 0x80)
        return gazetteer_ascii_word(s[pos - 1]);
    lead = pos - 1;
    for (int back = 0; back < 3 && lead > 0 && (s[lead] & 0xc0) == 0x80; back++)
        lead--;
    uint32_t cp = gazetteer_decode(s, pos, lead, &next);
    return next == pos && gazetteer_word_code_point(cp);
}

/* A 16-bit hash of three folded bytes, for starts3. */
static inline uint32_t gazetteer_hash3(uint32_t a, uint32_t b, uint32_t c)
{
    return ((a | b << 8 | c << 16) * 0x9e3779b1u) >> 16;
}

static inline void gazetteer_set_bit(uint64_t *bits, uint32_t bit)
{
    bits[bit >> 6] |= (uint64_t)1 << (bit & 63);
}

static inline bool gazetteer_bit(const uint64_t *bits, uint32_t bit)
{
    return (bits[bit >> 6] >> (bit & 63)) & 1;
}

/* Byte classes for the scan in gazetteer_next. */
enum {
    GAZETTEER_SCAN_SKIP,  /* ASCII, not a word character, and no entry starts with it */
    GAZETTEER_SCAN_WORD,  /* an ASCII letter or digit */
    GAZETTEER_SCAN_OTHER, /* the rest: decoded and tried one by one */
};

/* Records how each entry begins in the starts bitmaps and classifies the
   bytes for the scan. */
static void gazetteer_record_starts(struct gazetteer *g)
{
    for (size_t i = 0; i < g->count; i++) {
        const unsigned char *text = (const unsigned char *)g->bytes + g->offsets[i];
        size_t len = g->offsets[i + 1] - g->offsets[i];
        if (len == 0)
            continue;
        uint32_t a = g->fold[text[0]];
        g->starts0[a] = true;
        if (len == 1) {
            g->starts1[a] = true;
            continue;
        }
        uint32_t b = g->fold[text[1]];
        if (len == 2)
            gazetteer_set_bit(g->starts2, a << 8 | b);
        else
            gazetteer_set_bit(g->starts3, gazetteer_hash3(a, b, g->fold[text[2]]));
    }
    for (int c = 0; c < 256; c++) {
        if (c < 0x80 && g->ascii_word[c])
            g->scan_class[c] = GAZETTEER_SCAN_WORD;
        else if (c < 0x80 && !g->starts0[c])
            g->scan_class[c] = GAZETTEER_SCAN_SKIP;
        else
            g->scan_class[c] = GAZETTEER_SCAN_OTHER;
    }
}

/* False when no entry can begin at pos (before stop); true when one may. */
static inline bool gazetteer_may_start(const struct gazetteer *g, const unsigned char *s,
                                       size_t pos, size_t stop)
{
    uint32_t a = g->fold[s[pos]];
    if (!g->starts0[a])
        return false;
    if (stop - pos < 3)
        return true;
    uint32_t b = g->fold[s[pos + 1]], c = g->fold[s[pos + 2]];
    /* white space other than one plain space may stand for an entry's
       space (gazetteer_space_run): let the trie walk decide */
    if (b == '\r' || b == 0xC2 || b == 0xE2 || c == '\r' || c == 0xC2 || c == 0xE2
        || (b == ' ' && s[pos + 1] != ' ') || (c == ' ' && s[pos + 2] != ' ')
        || (c == ' ' && b == ' '))
        return true;
    return g->starts1[a] || gazetteer_bit(g->starts2, a << 8 | b)
           || gazetteer_bit(g->starts3, gazetteer_hash3(a, b, c));
}

/* Orders keys by folded bytes, a prefix before its extensions, then by
   index, so each trie node's entries form one run with its terminal's
   entries first and in ascending order. */
static int gazetteer_key_compare(const void *a, const void *b)
{
    const struct gazetteer_key *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    for (size_t i = 0; i < n; i++) {
        int cx = gazetteer_fold_byte(x->text[i]), cy = gazetteer_fold_byte(y->text[i]);
        if (cx != cy)
            return cx - cy;
    }
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

void gazetteer_free(struct gazetteer *g)
{
    if (g == NULL)
        return;
    gazetteer_alloc alloc = g->alloc;
    void *ud = g->alloc_ud;
    gazetteer_release(alloc, ud, g->bytes, g->bytes_capacity, 1);
    gazetteer_release(alloc, ud, g->offsets, g->count + 1, sizeof *g->offsets);
    gazetteer_release(alloc, ud, g->folds, g->count, sizeof *g->folds);
    gazetteer_release(alloc, ud, g->nodes, g->node_capacity, sizeof *g->nodes);
    gazetteer_release(alloc, ud, g->labels, g->node_capacity, sizeof *g->labels);
    gazetteer_release(alloc, ud, g->dense, g->dense_count * 256, sizeof *g->dense);
    gazetteer_release(alloc, ud, g->terminals, g->count, sizeof *g->terminals);
    gazetteer_release(alloc, ud, g->ids, g->count, sizeof *g->ids);
    alloc(ud, g, sizeof *g, 0);
}

/* Copies the entries' bytes and flags into g. Returns false when out of
   memory or when the total length does not fit the trie's indices. */
static bool gazetteer_copy_entries(struct gazetteer *g, const struct gazetteer_entry *entries)
{
    size_t total = 0;
    for (size_t i = 0; i < g->count; i++) {
        if (entries[i].len > UINT32_MAX - 2 - total)
            return false; /* the node count (at most total + 1) must fit in 32 bits */
        total += entries[i].len;
    }
    g->bytes_capacity = total;
    g->bytes = gazetteer_array(g->alloc, g->alloc_ud, total, 1);
    g->offsets = gazetteer_array(g->alloc, g->alloc_ud, g->count + 1, sizeof *g->offsets);
    g->folds = gazetteer_array(g->alloc, g->alloc_ud, g->count, sizeof *g->folds);
    if (g->bytes == NULL || g->offsets == NULL || g->folds == NULL)
        return false;
    size_t offset = 0;
    for (size_t i = 0; i < g->count; i++) {
        g->offsets[i] = offset;
        g->folds[i] = entries[i].match_case == GAZETTEER_FOLD;
        if (entries[i].len > 0)
            memcpy(g->bytes + offset, entries[i].text, entries[i].len);
        offset += entries[i].len;
    }
    g->offsets[g->count] = offset;
    return true;
}

/* Records keys[from..to) (equal once folded, ascending ids) as the
   terminal of node. */
static void gazetteer_add_terminal(struct gazetteer *g, uint32_t node,
                                   const struct gazetteer_key *keys, size_t from, size_t to,
                                   size_t *id_count)
{
    struct gazetteer_terminal *terminal = &g->terminals[g->terminal_count];
    terminal->first = (uint32_t)*id_count;
    terminal->count = (uint32_t)(to - from);
    terminal->depth = (uint32_t)keys[from].len;
    for (size_t i = from; i < to; i++)
        g->ids[(*id_count)++] = keys[i].id;
    /* ASCII folding keeps a character's class, so the first key speaks for all */
    const char *text = (const char *)keys[from].text;
    terminal->word_last = gazetteer_word_before(text, keys[from].len);
    g->nodes[node].terminal = (uint32_t)g->terminal_count++;
}

/* Lays out the trie over the sorted keys breadth first: node k covers
   keys[lo[k]..hi[k]), which share their first depth[k] folded bytes. */
static void gazetteer_layout(struct gazetteer *g, const struct gazetteer_key *keys,
                             uint32_t *lo, uint32_t *hi, uint32_t *depth)
{
    size_t id_count = 0;
    g->nodes[0] = (struct gazetteer_node){0, 0, GAZETTEER_NONE, GAZETTEER_NONE};
    g->labels[0] = 0;
    lo[0] = 0;
    hi[0] = (uint32_t)g->count;
    depth[0] = 0;
    g->node_count = 1;
    for (size_t k = 0; k < g->node_count; k++) {
        size_t from = lo[k], to = hi[k], d = depth[k], i = from;
        while (i < to && keys[i].len == d)
            i++;
        if (i > from && d > 0) /* empty entries (d == 0) never match */
            gazetteer_add_terminal(g, (uint32_t)k, keys, from, i, &id_count);
        g->nodes[k].first = (uint32_t)g->node_count;
        while (i < to) {
            unsigned char byte = gazetteer_fold_byte(keys[i].text[d]);
            size_t j = i + 1;
            while (j < to && gazetteer_fold_byte(keys[j].text[d]) == byte)
                j++;
            size_t child = g->node_count++;
            g->nodes[child] = (struct gazetteer_node){0, 0, GAZETTEER_NONE, GAZETTEER_NONE};
            g->labels[child] = byte;
            lo[child] = (uint32_t)i;
            hi[child] = (uint32_t)j;
            depth[child] = (uint32_t)(d + 1);
            g->nodes[k].count++;
            i = j;
        }
    }
}

/* Gives the root and every node with many children a 256-way table.
   Returns false when out of memory. */
static bool gazetteer_add_dense_tables(struct gazetteer *g)
{
    size_t tables = 0;
    for (size_t k = 0; k < g->node_count; k++)
        if (k == 0 || g->nodes[k].count >= GAZETTEER_DENSE_MIN)
            tables++;
    g->dense = gazetteer_array(g->alloc, g->alloc_ud, tables * 256, sizeof *g->dense);
    if (g->dense == NULL)
        return false;
    g->dense_count = tables;
    memset(g->dense, 0, tables * 256 * sizeof *g->dense);
    tables = 0;
    for (size_t k = 0; k < g->node_count; k++) {
        struct gazetteer_node *node = &g->nodes[k];
        if (k != 0 && node->count < GAZETTEER_DENSE_MIN)
            continue;
        node->dense = (uint32_t)tables;
        for (uint32_t c = node->first; c < node->first + node->count; c++)
            g->dense[tables * 256 + g->labels[c]] = c;
        tables++;
    }
    return true;
}

/* The number of trie nodes over the sorted keys: the root plus one node
   per distinct non-empty folded prefix, i.e. per byte a key does not share
   with the key before it. */
static size_t gazetteer_node_total(const struct gazetteer_key *keys, size_t count)
{
    size_t total = 1;
    for (size_t i = 0; i < count; i++) {
        size_t shared = 0;
        if (i > 0) {
            size_t n = keys[i].len < keys[i - 1].len ? keys[i].len : keys[i - 1].len;
            while (shared < n && gazetteer_fold_byte(keys[i].text[shared])
                                     == gazetteer_fold_byte(keys[i - 1].text[shared]))
                shared++;
        }
        total += keys[i].len - shared;
    }
    return total;
}

struct gazetteer *gazetteer_new(const struct gazetteer_entry *entries, size_t count,
                                gazetteer_alloc alloc, void *alloc_ud)
{
    if (alloc == NULL) {
        alloc = gazetteer_default_alloc;
        alloc_ud = NULL;
    }
    if (count >= UINT32_MAX - 1)
        return NULL;
    struct gazetteer *g = alloc(alloc_ud, NULL, 0, sizeof *g);
    if (g == NULL)
        return NULL;
    memset(g, 0, sizeof *g);
    g->alloc = alloc;
    g->alloc_ud = alloc_ud;
    g->count = count;
    for (int c = 0; c < 256; c++) {
        g->fold[c] = gazetteer_fold_byte((unsigned char)c);
        g->ascii_word[c] = gazetteer_ascii_word((unsigned char)c);
    }

    struct gazetteer_key *keys = NULL;
    uint32_t *lo = NULL, *hi = NULL, *depth = NULL;
    size_t nodes = 0;
    if (!gazetteer_copy_entries(g, entries))
        goto fail;
    gazetteer_record_starts(g);
    keys = gazetteer_array(alloc, alloc_ud, count, sizeof *keys);
    g->terminals = gazetteer_array(alloc, alloc_ud, count, sizeof *g->terminals);
    g->ids = gazetteer_array(alloc, alloc_ud, count, sizeof *g->ids);
    if (keys == NULL || g->terminals == NULL || g->ids == NULL)
        goto fail;
    for (size_t i = 0; i < count; i++) {
        keys[i].text = (const unsigned char *)g->bytes + g->offsets[i];
        keys[i].len = g->offsets[i + 1] - g->offsets[i];
        keys[i].id = (uint32_t)i;
    }
    if (count > 1)
        qsort(keys, count, sizeof *keys, gazetteer_key_compare);
    nodes = gazetteer_node_total(keys, count);
    lo = gazetteer_array(alloc, alloc_ud, nodes, sizeof *lo);
    hi = gazetteer_array(alloc, alloc_ud, nodes, sizeof *hi);
    depth = gazetteer_array(alloc, alloc_ud, nodes, sizeof *depth);
    g->node_capacity = nodes;
    g->nodes = gazetteer_array(alloc, alloc_ud, nodes, sizeof *g->nodes);
    g->labels = gazetteer_array(alloc, alloc_ud, nodes, sizeof *g->labels);
    if (lo == NULL || hi == NULL || depth == NULL || g->nodes == NULL || g->labels == NULL)
        goto fail;
    gazetteer_layout(g, keys, lo, hi, depth);
    if (!gazetteer_add_dense_tables(g))
        goto fail;
    gazetteer_release(alloc, alloc_ud, keys, count, sizeof *keys);
    gazetteer_release(alloc, alloc_ud, lo, nodes, sizeof *lo);
    gazetteer_release(alloc, alloc_ud, hi, nodes, sizeof *hi);
    gazetteer_release(alloc, alloc_ud, depth, nodes, sizeof *depth);
    return g;

fail:
    gazetteer_release(alloc, alloc_ud, keys, count, sizeof *keys);
    gazetteer_release(alloc, alloc_ud, lo, nodes, sizeof *lo);
    gazetteer_release(alloc, alloc_ud, hi, nodes, sizeof *hi);
    gazetteer_release(alloc, alloc_ud, depth, nodes, sizeof *depth);
    gazetteer_free(g);
    return NULL;
}

size_t gazetteer_count(const struct gazetteer *g)
{
    return g->count;
}

size_t gazetteer_memory(const struct gazetteer *g)
{
    return sizeof *g + g->bytes_capacity + (g->count + 1) * sizeof *g->offsets
           + g->count * (sizeof *g->folds + sizeof *g->terminals + sizeof *g->ids)
           + g->node_capacity * (sizeof *g->nodes + sizeof *g->labels)
           + g->dense_count * 256 * sizeof *g->dense;
}

/* The child of node along byte (already folded), or 0 (the root is
   nobody's child). */
static inline uint32_t gazetteer_child(const struct gazetteer *g,
                                       const struct gazetteer_node *node, unsigned char byte)
{
    if (node->dense != GAZETTEER_NONE)
        return g->dense[(size_t)node->dense * 256 + byte];
    const uint8_t *labels = g->labels + node->first;
    for (uint32_t i = 0; i < node->count; i++)
        if (labels[i] >= byte)
            return labels[i] == byte ? node->first + i : 0;
    return 0;
}

/* The length of the run of white space at text[i] (before stop) that an
   entry's space stands for, or 0: spaces, tabs, one line break (text
   wrapped over lines, indented or not), no-break and thin spaces. A blank
   line (two line breaks) ends a name. */
static size_t gazetteer_space_run(const unsigned char *s, size_t i, size_t stop)
{
    size_t at = i, breaks = 0;
    while (at < stop) {
        unsigned char c = s[at];
        if (c == ' ' || c == '\t')
            at++;
        else if (c == '\n' || c == '\r') {
            if (c == '\n' && ++breaks > 1)
                return 0;
            at++;
        } else if (c == 0xC2 && at + 1 < stop && s[at + 1] == 0xA0)
            at += 2; /* U+00A0 */
        else if (c == 0xE2 && at + 2 < stop && s[at + 1] == 0x80 && (s[at + 2] == 0x89 || s[at + 2] == 0xAF))
            at += 3; /* U+2009, U+202F */
        else
            break;
    }
    return at - i;
}

/* True when entry id matches the text [start, end) (the trie walk already
   matched its folded bytes, a space of the entry standing for a run of
   white space). */
static inline bool gazetteer_entry_matches(const struct gazetteer *g, uint32_t id,
                                           const char *text, size_t start, size_t end)
{
    if (g->folds[id])
        return true;
    const char *entry = g->bytes + g->offsets[id];
    size_t entry_len = g->offsets[id + 1] - g->offsets[id];
    if (end - start == entry_len && memcmp(text + start, entry, entry_len) == 0)
        return true;
    size_t t = start;
    for (size_t i = 0; i < entry_len; i++) {
        size_t run;
        if (entry[i] == ' ' && (run = gazetteer_space_run((const unsigned char *)text, t, end)) > 0)
            t += run;
        else if (t < end && text[t] == entry[i])
            t++;
        else
            return false;
    }
    return t == end;
}

/* The longest entry at pos, whose start boundary the caller has checked:
   walks the trie as far as the text allows and keeps the last terminal
   with a matching entry and, where it needs one, a boundary after it. */
static bool gazetteer_longest(const struct gazetteer *g, const char *text, size_t len,
                              size_t pos, size_t stop, struct gazetteer_match *match)
{
    const unsigned char *s = (const unsigned char *)text;
    const struct gazetteer_node *node = g->nodes;
    bool found = false;

    for (size_t i = pos; i < stop;) {
        unsigned char byte = g->fold[s[i]];
        size_t step = 1;
        if (byte == ' ' || byte == '\r' || byte == 0xC2 || byte == 0xE2) {
            size_t run = gazetteer_space_run(s, i, stop);
            if (run > 0)
                byte = ' ', step = run;
        }
        uint32_t child = gazetteer_child(g, node, byte);
        if (child == 0)
            break;
        node = &g->nodes[child];
        i += step;
        if (node->terminal == GAZETTEER_NONE)
            continue;
        const struct gazetteer_terminal *terminal = &g->terminals[node->terminal];
        size_t after;
        if (terminal->word_last && i < len && gazetteer_word_at(text, len, i, &after))
            continue;
        for (uint32_t k = 0; k < terminal->count; k++) {
            uint32_t id = g->ids[terminal->first + k];
            if (gazetteer_entry_matches(g, id, text, pos, i)) {
                match->start = pos;
                match->end = i;
                match->first_id = id;
                match->terminal = node->terminal;
                found = true;
                break;
            }
        }
    }
    return found;
}

bool gazetteer_match_at(const struct gazetteer *g, const char *text, size_t len, size_t pos,
                        size_t stop, struct gazetteer_match *match)
{
    size_t next;
    if (stop > len)
        stop = len;
    if (pos >= stop)
        return false;
    /* an entry that starts with a word character needs a boundary before
       it; one that starts otherwise cannot match a word character here */
    if (gazetteer_word_at(text, len, pos, &next) && gazetteer_word_before(text, pos))
        return false;
    return gazetteer_longest(g, text, len, pos, stop, match);
}

bool gazetteer_next(const struct gazetteer *g, const char *text, size_t len, size_t *from,
                    size_t stop, struct gazetteer_match *match)
{
    const unsigned char *s = (const unsigned char *)text;
    const uint8_t *scan_class = g->scan_class;
    size_t pos = *from;

    if (stop > len)
        stop = len;
    bool previous_word = pos > 0 && pos <= len && gazetteer_word_before(text, pos);
    while (pos < stop) {
        unsigned char byte = s[pos];
        switch (scan_class[byte]) {
        case GAZETTEER_SCAN_SKIP: /* spaces and punctuation no entry starts with */
            do
                pos++;
            while (pos < stop && scan_class[s[pos]] == GAZETTEER_SCAN_SKIP);
            previous_word = false;
            continue;
        case GAZETTEER_SCAN_WORD: /* a word start, or the inside of a word */
            if (!previous_word && gazetteer_may_start(g, s, pos, stop)
                && gazetteer_longest(g, text, len, pos, stop, match)) {
                *from = match->end;
                return true;
            }
            /* nothing can start inside a word: skip its ASCII run at once */
            do
                pos++;
            while (pos < stop && scan_class[s[pos]] == GAZETTEER_SCAN_WORD);
            previous_word = true;
            continue;
        default: /* non-ASCII, or ASCII punctuation an entry starts with */
            break;
        }
        size_t next;
        bool word = gazetteer_word_at(text, len, pos, &next);
        if (!(word && previous_word) && gazetteer_may_start(g, s, pos, stop)
            && gazetteer_longest(g, text, len, pos, stop, match)) {
            *from = match->end;
            return true;
        }
        /* after an ill-formed byte (maybe the tail of a character that
           began before *from) ask what really ends at next */
        previous_word = next == pos + 1 && byte >= 0x80 ? gazetteer_word_before(text, next) : word;
        pos = next;
    }
    if (*from < stop)
        *from = stop;
    return false;
}

size_t gazetteer_match_ids(const struct gazetteer *g, const char *text,
                           const struct gazetteer_match *match, uint32_t *ids, size_t capacity)
{
    const struct gazetteer_terminal *terminal = &g->terminals[match->terminal];
    size_t total = 0;
    for (uint32_t k = 0; k < terminal->count; k++) {
        uint32_t id = g->ids[terminal->first + k];
        if (!gazetteer_entry_matches(g, id, text, match->start, match->end))
            continue;
        if (total < capacity)
            ids[total] = id;
        total++;
    }
    return total;
}
