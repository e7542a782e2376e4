/* html.c: readable text, title and publication date of an HTML page.

   libxml2's HTML parser builds the tree (it detects the encoding, decodes
   entities and repairs bad markup); two walks over the tree then produce the
   text with its regions and gather the metadata. The text is built as a
   browser lays it out: white space collapses, block elements end lines, and
   line breaks are owed rather than written until more text arrives, so the
   output never ends a line with a space or holds two blank lines in a row. */
#include "html.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "text.h"

/* XML_PARSE_HUGE lifts libxml2's depth limit of 256: past it the parser
   stops and the rest of the page is lost, and bad markup (unclosed <font>,
   <div>) nests that deep. The walks below do not recurse. */
#define HTML_PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | \
                            HTML_PARSE_NOWARNING | HTML_PARSE_NONET | \
                            XML_PARSE_HUGE)

/* How deep datePublished is looked for in nested JSON-LD arrays and graphs. */
#define HTML_JSONLD_MAX_DEPTH 16

/* ---- growing buffer ---------------------------------------------------- */

/* A byte buffer that owns its memory; data is NUL-terminated once non-NULL. */
struct html_buffer {
    char *data;
    size_t len, size;
};

/* Makes room for extra more bytes plus the NUL; returns 0, or -1 when out of
   memory (the buffer is unchanged). */
static int html_buffer_reserve(struct html_buffer *buffer, size_t extra)
{
    if (extra >= SIZE_MAX - buffer->len)
        return -1;
    size_t need = buffer->len + extra + 1;
    if (need <= buffer->size)
        return 0;
    size_t size = buffer->size > 0 ? buffer->size : 256;
    while (size < need)
        size = size > SIZE_MAX / 2 ? need : size * 2;
    char *grown = realloc(buffer->data, size);
    if (grown == NULL)
        return -1;
    buffer->data = grown;
    buffer->size = size;
    return 0;
}

/* Appends n bytes; returns 0, or -1 when out of memory. */
static int html_buffer_append(struct html_buffer *buffer, const char *bytes,
                              size_t n)
{
    if (html_buffer_reserve(buffer, n) < 0)
        return -1;
    memcpy(buffer->data + buffer->len, bytes, n);
    buffer->len += n;
    buffer->data[buffer->len] = '\0';
    return 0;
}

static void html_buffer_free(struct html_buffer *buffer)
{
    free(buffer->data);
    *buffer = (struct html_buffer){0};
}

/* ---- characters -------------------------------------------------------- */

/* HTML's collapsible white space: ASCII only, so U+00A0 stays text. */
static bool html_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Returns the length of the well-formed UTF-8 sequence at s (at most n
   bytes), or 0 when the bytes there are ill-formed (Unicode table 3-7). */
static size_t html_utf8_sequence(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t len;
    unsigned char low = 0x80, high = 0xBF;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        len = 2;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        len = 3;
        if (s[0] == 0xE0)
            low = 0xA0;
        else if (s[0] == 0xED)
            high = 0x9F;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        len = 4;
        if (s[0] == 0xF0)
            low = 0x90;
        else if (s[0] == 0xF4)
            high = 0x8F;
    } else {
        return 0;
    }
    if (n < len || s[1] < low || s[1] > high)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

/* Replaces each byte that is not part of well-formed UTF-8 with '?', in
   place, so offsets into the text stay valid. libxml2 already hands out
   UTF-8; this keeps doc.h's promise should a parser bug let a byte through. */
static void html_utf8_repair(char *text, size_t len)
{
    const unsigned char *bytes = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        size_t n = html_utf8_sequence(bytes + i, len - i);
        if (n == 0) {
            text[i] = '?';
            n = 1;
        }
        i += n;
    }
}

/* True when the text holds nothing but ASCII white space and U+00A0. */
static bool html_text_is_blank(const char *text, size_t len)
{
    /* the loaders' one notion of blank (ASCII white space, NBSP, a BOM,
       thin spaces): a page of byte-order marks is no more a document than
       a text file of them (the HTML fuzz target found one stored) */
    return text_is_blank(text, len);
}

/* Stores in *copy a malloc'd copy of the n bytes without leading and
   trailing white space, with inner runs of white space made one space when
   collapse is set; *copy is NULL when nothing is left. Returns 0, or -1 when
   out of memory. */
static int html_copy_text(const char *text, size_t n, bool collapse,
                          char **copy)
{
    *copy = NULL;
    while (n > 0 && html_is_space(text[0])) {
        text++;
        n--;
    }
    while (n > 0 && html_is_space(text[n - 1]))
        n--;
    if (n == 0)
        return 0;
    struct html_buffer buffer = {0};
    if (html_buffer_reserve(&buffer, n) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (!collapse || !html_is_space(text[i]))
            buffer.data[buffer.len++] = text[i];
        else if (!html_is_space(text[i - 1])) /* i > 0: the start is trimmed */
            buffer.data[buffer.len++] = ' ';
    }
    buffer.data[buffer.len] = '\0';
    html_utf8_repair(buffer.data, buffer.len);
    *copy = buffer.data;
    return 0;
}

/* ---- the tree ---------------------------------------------------------- */

/* What an element does to the text. */
enum {
    HTML_DROP = 1 << 0,      /* not rendered: skip it and its content */
    HTML_BLOCK = 1 << 1,     /* starts and ends a line */
    HTML_PARAGRAPH = 1 << 2, /* a block set off by a blank line */
    HTML_PRE = 1 << 3,       /* white space inside is kept */
    HTML_CELL = 1 << 4,      /* table cell: " | " between cells of a row */
    HTML_LINE_BREAK = 1 << 5,/* <br> */
    HTML_LIST = 1 << 6,      /* nested in another list it gets no blank line */
    HTML_SCOPE = 1 << 7,     /* <article>, <main>: a <header> inside is theirs */
};

struct html_element {
    const char *name;
    unsigned flags;
    const char *region; /* region kind, or NULL */
};

/* Sorted by name for bsearch. Elements not listed are inline. <head> is not
   dropped: its metadata elements are, and whatever body content libxml2
   leaves in an explicit <head> is shown, as a browser would move it. */
static const struct html_element html_elements[] = {
    {"address", HTML_BLOCK | HTML_PARAGRAPH, NULL},
    {"article", HTML_BLOCK | HTML_PARAGRAPH | HTML_SCOPE, NULL},
    {"aside", HTML_BLOCK | HTML_PARAGRAPH, "aside"},
    {"audio", HTML_DROP, NULL},
    {"base", HTML_DROP, NULL},
    {"blockquote", HTML_BLOCK | HTML_PARAGRAPH, NULL},
    {"body", HTML_BLOCK, NULL},
    {"br", HTML_LINE_BREAK, NULL},
    {"canvas", HTML_DROP, NULL},
    {"caption", HTML_BLOCK, NULL},
    {"center", HTML_BLOCK, NULL},
    {"datalist", HTML_DROP, NULL},
    {"dd", HTML_BLOCK, NULL},
    {"details", HTML_BLOCK | HTML_PARAGRAPH, NULL},
    {"dialog", HTML_BLOCK, NULL},
    {"dir", HTML_BLOCK | HTML_PARAGRAPH | HTML_LIST, NULL},
    {"div", HTML_BLOCK, NULL},
    {"dl", HTML_BLOCK | HTML_PARAGRAPH | HTML_LIST, NULL},
    {"dt", HTML_BLOCK, NULL},
    {"fieldset", HTML_BLOCK | HTML_PARAGRAPH, NULL},
    {"figcaption", HTML_BLOCK, NULL},
    {"figure", HTML_BLOCK | HTML_PARAGRAPH, NULL},
    {"footer", HTML_BLOCK | HTML_PARAGRAPH, "footer"},
    {"form", HTML_BLOCK | HTML_PARAGRAPH, "form"},
    {"frameset", HTML_BLOCK, NULL},
    {"h1", HTML_BLOCK | HTML_PARAGRAPH, NULL},
    {"h2", HTML_BLOCK | HTML_PARAGRAPH, NULL},
    {"h3", HTML_BLOCK | HTML_PARAGRAPH, NULL},
    {"h4", HTML_BLOCK | HTML_PARAGRAPH, NULL},
    {"h5", HTML_BLOCK | HTML_PARAGRAPH, NULL},
    {"h6", HTML_BLOCK | HTML_PARAGRAPH, NULL},
    {"header", HTML_BLOCK | HTML_PARAGRAPH, "header"},
    {"hgroup", HTML_BLOCK, NULL},
    {"hr", HTML_BLOCK | HTML_PARAGRAPH, NULL},
    {"html", HTML_BLOCK, NULL},
    {"iframe", HTML_DROP, NULL},
    {"legend", HTML_BLOCK, NULL},
    {"li", HTML_BLOCK, NULL},
    {"link", HTML_DROP, NULL},
    {"listing", HTML_BLOCK | HTML_PARAGRAPH | HTML_PRE, NULL},
    {"main", HTML_BLOCK | HTML_PARAGRAPH | HTML_SCOPE, NULL},
    {"menu", HTML_BLOCK | HTML_PARAGRAPH | HTML_LIST, NULL},
    {"meta", HTML_DROP, NULL},
    {"nav", HTML_BLOCK | HTML_PARAGRAPH, "nav"},
    {"noembed", HTML_DROP, NULL},
    {"noframes", HTML_DROP, NULL},
    {"noscript", HTML_DROP, NULL},
    {"ol", HTML_BLOCK | HTML_PARAGRAPH | HTML_LIST, NULL},
    {"p", HTML_BLOCK | HTML_PARAGRAPH, NULL},
    {"param", HTML_DROP, NULL},
    {"plaintext", HTML_BLOCK | HTML_PARAGRAPH | HTML_PRE, NULL},
    {"pre", HTML_BLOCK | HTML_PARAGRAPH | HTML_PRE, NULL},
    {"rp", HTML_DROP, NULL},
    {"script", HTML_DROP, NULL},
    {"search", HTML_BLOCK, NULL},
    {"section", HTML_BLOCK | HTML_PARAGRAPH, NULL},
    {"select", HTML_DROP, NULL},
    {"style", HTML_DROP, NULL},
    {"summary", HTML_BLOCK, NULL},
    {"svg", HTML_DROP, NULL},
    {"table", HTML_BLOCK | HTML_PARAGRAPH, NULL},
    {"tbody", HTML_BLOCK, NULL},
    {"td", HTML_CELL, NULL},
    {"template", HTML_DROP, NULL},
    {"textarea", HTML_BLOCK | HTML_PRE, NULL},
    {"tfoot", HTML_BLOCK, NULL},
    {"th", HTML_CELL, NULL},
    {"thead", HTML_BLOCK, NULL},
    {"title", HTML_DROP, NULL},
    {"tr", HTML_BLOCK, NULL},
    {"ul", HTML_BLOCK | HTML_PARAGRAPH | HTML_LIST, NULL},
    {"video", HTML_DROP, NULL},
    {"xmp", HTML_BLOCK | HTML_PARAGRAPH | HTML_PRE, NULL},
};

static int html_element_compare(const void *key, const void *entry)
{
    const struct html_element *element = entry;
    return xmlStrcasecmp(key, (const xmlChar *)element->name);
}

/* Returns how the element renders, or NULL for an ordinary inline one. */
static const struct html_element *html_element_find(const xmlNode *node)
{
    if (node->name == NULL)
        return NULL;
    return bsearch(node->name, html_elements,
                   sizeof html_elements / sizeof html_elements[0],
                   sizeof html_elements[0], html_element_compare);
}

static bool html_name_is(const xmlChar *name, const char *expected)
{
    return name != NULL && xmlStrcasecmp(name, (const xmlChar *)expected) == 0;
}

/* Returns the attribute's value borrowed from the tree, "" when it is
   present without a value, or NULL when the element does not have it. */
static const char *html_attribute(const xmlNode *node, const char *name)
{
    for (const xmlAttr *attribute = node->properties; attribute != NULL;
         attribute = attribute->next) {
        if (!html_name_is(attribute->name, name))
            continue;
        const xmlNode *value = attribute->children;
        if (value != NULL && value->type == XML_TEXT_NODE && value->content != NULL)
            return (const char *)value->content;
        return "";
    }
    return NULL;
}

/* Calls on a node of the tree: enter returns -1 to stop the walk (out of
   memory), 0 to skip the node's children, 1 to visit them; leave is called
   after the children of every node whose enter returned 1. */
struct html_visitor {
    int (*enter)(xmlNode *node, void *context);
    int (*leave)(xmlNode *node, void *context);
};

/* Visits root and everything under it in document order, without recursion
   so that no page can exhaust the stack. Returns 0, or -1 as soon as a call
   does. */
static int html_walk(xmlNode *root, const struct html_visitor *visitor,
                     void *context)
{
    xmlNode *node = root;
    for (;;) {
        int visit = visitor->enter(node, context);
        if (visit < 0)
            return -1;
        if (visit > 0) {
            if (node->children != NULL) {
                node = node->children;
                continue;
            }
            if (visitor->leave(node, context) < 0)
                return -1;
        }
        while (node != root && node->next == NULL) {
            node = node->parent;
            if (visitor->leave(node, context) < 0)
                return -1;
        }
        if (node == root)
            return 0;
        node = node->next;
    }
}

static bool html_is_text_node(const xmlNode *node)
{
    return (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
           && node->content != NULL;
}

static int html_collect_enter(xmlNode *node, void *context)
{
    if (html_is_text_node(node))
        return html_buffer_append(context, (const char *)node->content,
                                  strlen((const char *)node->content));
    return node->type == XML_ELEMENT_NODE ? 1 : 0;
}

static int html_collect_leave(xmlNode *node, void *context)
{
    (void)node;
    (void)context;
    return 0;
}

/* Appends all the text under node (<title> or <script> content) as it is;
   returns 0, or -1 when out of memory. */
static int html_collect_text(xmlNode *node, struct html_buffer *buffer)
{
    static const struct html_visitor collect = {html_collect_enter,
                                                html_collect_leave};
    if (node->children == NULL)
        return 0;
    return html_walk(node, &collect, buffer);
}

/* ---- text -------------------------------------------------------------- */

/* The text being laid out. Separators are owed, not written: pending_breaks
   newlines (at most 2, one blank line), a space, or a cell separator wait
   for the next text so nothing trails at a line's end or the text's end. */
struct html_render {
    struct html_buffer out;
    unsigned pending_breaks;
    bool pending_space;
    bool pending_cell;
    int pre_depth;   /* inside <pre> and its kind: white space is kept */
    int list_depth;  /* inside <ul>, <ol>, <dl>, ... */
    int scope_depth; /* inside <article> or <main> */
    xmlNode *region_node; /* the outermost open region, or NULL */
    const char *region_kind;
    size_t region_start;  /* SIZE_MAX until the region's first text */
    struct doc_record *regions; /* receives the regions */
};

/* Owes at least breaks newlines before the next text (1: new line, 2: blank
   line); the white space or cell separator owed on the old line is void. */
static void html_render_request(struct html_render *render, unsigned breaks)
{
    if (render->pending_breaks < breaks)
        render->pending_breaks = breaks;
    render->pending_space = false;
    render->pending_cell = false;
}

/* A <br> or a newline in <pre>: one more line, never a second blank line. */
static void html_render_line_break(struct html_render *render)
{
    if (render->pending_breaks < 2)
        render->pending_breaks++;
    render->pending_space = false;
    render->pending_cell = false;
}

static bool html_is_line_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Writes what is owed before the next text: the newlines (after removing
   spaces <pre> left at the end of the line, and counting newlines already
   there), or else one space or " | " unless at the start of a line. Nothing
   is written at the start of the text. Returns 0, or -1 when out of memory. */
static int html_render_flush(struct html_render *render)
{
    struct html_buffer *out = &render->out;
    unsigned breaks = render->pending_breaks;
    bool space = render->pending_space, cell = render->pending_cell;
    render->pending_breaks = 0;
    render->pending_space = false;
    render->pending_cell = false;
    if (breaks > 0) {
        while (out->len > 0 && html_is_line_space(out->data[out->len - 1]))
            out->data[--out->len] = '\0';
        if (out->len == 0)
            return 0;
        unsigned have = 0;
        while (have < breaks && have < out->len
               && out->data[out->len - 1 - have] == '\n')
            have++;
        return html_buffer_append(out, "\n\n", breaks - have);
    }
    if (out->len == 0 || out->data[out->len - 1] == '\n')
        return 0;
    if (cell)
        return html_buffer_append(out, " | ", 3);
    if (space)
        return html_buffer_append(out, " ", 1);
    return 0;
}

/* Appends a run of text that holds no white space, after what is owed;
   the first such run in a region marks where the region starts. */
static int html_render_word(struct html_render *render, const char *word,
                            size_t n)
{
    if (html_render_flush(render) < 0)
        return -1;
    if (render->region_node != NULL && render->region_start == SIZE_MAX)
        render->region_start = render->out.len;
    return html_buffer_append(&render->out, word, n);
}

/* Lays out a text node: white space collapses to one owed space, or inside
   <pre> is kept, newlines there becoming owed line breaks. */
static int html_render_text(struct html_render *render, const char *text)
{
    size_t n = strlen(text);
    size_t i = 0;
    while (i < n) {
        char c = text[i];
        if (!html_is_space(c)) {
            size_t run = i;
            while (run < n && !html_is_space(text[run]))
                run++;
            if (html_render_word(render, text + i, run - i) < 0)
                return -1;
            i = run;
            continue;
        }
        i++;
        if (render->pre_depth == 0) {
            render->pending_space = true;
        } else if (c == '\n' || (c == '\r' && (i == n || text[i] != '\n'))) {
            html_render_line_break(render);
        } else if (c != '\r') {
            if (html_render_flush(render) < 0
                || html_buffer_append(&render->out, c == '\t' ? "\t" : " ", 1) < 0)
                return -1;
        }
    }
    return 0;
}

/* Returns the region kind of an element, or NULL: a landmark role first,
   else the element's own kind; a <header> inside <article> or <main> is the
   article's heading, not the page's banner. */
static const char *html_region_kind(const xmlNode *node,
                                    const struct html_element *element,
                                    int scope_depth)
{
    static const struct {
        const char *role, *kind;
    } roles[] = {
        {"navigation", "nav"},
        {"complementary", "aside"},
        {"contentinfo", "footer"},
        {"banner", "header"},
    };
    const char *role = html_attribute(node, "role");
    if (role != NULL) {
        while (html_is_space(*role))
            role++;
        size_t len = 0;
        while (role[len] != '\0' && !html_is_space(role[len]))
            len++;
        for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
            if (strlen(roles[i].role) == len
                && xmlStrncasecmp((const xmlChar *)role,
                                  (const xmlChar *)roles[i].role, (int)len) == 0)
                return roles[i].kind;
    }
    if (element == NULL || element->region == NULL)
        return NULL;
    if (strcmp(element->region, "header") == 0 && scope_depth > 0)
        return NULL;
    return element->region;
}

/* Records the open region from its first text to its last, without the
   white space <pre> may have left after it; a region without text is not
   recorded. */
static int html_render_close_region(struct html_render *render)
{
    size_t start = render->region_start, end = render->out.len;
    render->region_node = NULL;
    if (start == SIZE_MAX)
        return 0;
    while (end > start && html_is_space(render->out.data[end - 1]))
        end--;
    return doc_record_add_region(render->regions, render->region_kind,
                                 start, end);
}

/* Blank lines around paragraphs, lists, ...; a list inside a list only
   starts a line, as browsers give nested lists no margin. */
static unsigned html_render_gap(const struct html_render *render,
                                unsigned flags)
{
    if (!(flags & HTML_PARAGRAPH))
        return 1;
    if ((flags & HTML_LIST) && render->list_depth > 0)
        return 1;
    return 2;
}

/* Lays out a text node, or opens an element: hidden ones are skipped, blocks
   owe line breaks, and the outermost region starts. */
static int html_render_enter(xmlNode *node, void *context)
{
    struct html_render *render = context;
    if (html_is_text_node(node))
        return html_render_text(render, (const char *)node->content) < 0 ? -1 : 0;
    if (node->type != XML_ELEMENT_NODE)
        return 0;
    const struct html_element *element = html_element_find(node);
    unsigned flags = element != NULL ? element->flags : 0;
    if ((flags & HTML_DROP) || html_attribute(node, "hidden") != NULL)
        return 0;
    if (flags & HTML_LINE_BREAK) {
        html_render_line_break(render);
        return 0;
    }
    if (flags & HTML_BLOCK)
        html_render_request(render, html_render_gap(render, flags));
    if (flags & HTML_CELL)
        render->pending_cell = true;
    if (flags & HTML_PRE)
        render->pre_depth++;
    if (flags & HTML_LIST)
        render->list_depth++;
    if (render->region_node == NULL) {
        const char *kind = html_region_kind(node, element, render->scope_depth);
        if (kind != NULL) {
            render->region_node = node;
            render->region_kind = kind;
            render->region_start = SIZE_MAX;
        }
    }
    if (flags & HTML_SCOPE)
        render->scope_depth++;
    return 1;
}

/* Closes an element opened by html_render_enter, recording its region. */
static int html_render_leave(xmlNode *node, void *context)
{
    struct html_render *render = context;
    if (node->type != XML_ELEMENT_NODE)
        return 0;
    const struct html_element *element = html_element_find(node);
    unsigned flags = element != NULL ? element->flags : 0;
    if (node == render->region_node && html_render_close_region(render) < 0)
        return -1;
    if (flags & HTML_SCOPE)
        render->scope_depth--;
    if (flags & HTML_LIST)
        render->list_depth--;
    if (flags & HTML_PRE)
        render->pre_depth--;
    if (flags & HTML_BLOCK)
        html_render_request(render, html_render_gap(render, flags));
    return 0;
}

/* ---- metadata ---------------------------------------------------------- */

/* Publication-date meta tags, best first. */
enum { HTML_DATE_PROPERTY, HTML_DATE_NAME, HTML_DATE_ITEMPROP, HTML_DATE_RANKS };

/* What the metadata walk found. Strings are borrowed from the tree except
   jsonld_date, which is owned. */
struct html_meta {
    const char *og_title;
    xmlNode *title;
    const char *meta_date[HTML_DATE_RANKS];
    char *jsonld_date;
    const char *time_pubdate, *time_in_article, *time_first;
    int article_depth;
};

static bool html_is_blank_ascii(const char *text)
{
    while (html_is_space(*text))
        text++;
    return *text == '\0';
}

/* Notes og:title and the publication-date meta tags, the first of each. */
static void html_meta_tag(struct html_meta *meta, const xmlNode *node)
{
    static const char *const date_names[] = {
        "date", "pubdate", "publishdate", "publish-date", "dc.date",
        "dc.date.issued", "dcterms.date", "article.published",
    };
    const char *content = html_attribute(node, "content");
    if (content == NULL || html_is_blank_ascii(content))
        return;
    const char *property = html_attribute(node, "property");
    const char *name = html_attribute(node, "name");
    const char *itemprop = html_attribute(node, "itemprop");
    const char *key = property != NULL ? property : name;
    if (key == NULL)
        key = "";
    int rank = HTML_DATE_RANKS;
    if (html_name_is((const xmlChar *)key, "og:title")) {
        if (meta->og_title == NULL)
            meta->og_title = content;
        return;
    }
    if (html_name_is((const xmlChar *)key, "article:published_time")) {
        rank = HTML_DATE_PROPERTY;
    } else if (name != NULL) {
        for (size_t i = 0; i < sizeof date_names / sizeof date_names[0]; i++)
            if (html_name_is((const xmlChar *)name, date_names[i]))
                rank = HTML_DATE_NAME;
    }
    if (rank == HTML_DATE_RANKS && itemprop != NULL
        && html_name_is((const xmlChar *)itemprop, "datePublished"))
        rank = HTML_DATE_ITEMPROP;
    if (rank < HTML_DATE_RANKS && meta->meta_date[rank] == NULL)
        meta->meta_date[rank] = content;
}

/* Returns the first non-blank datePublished string of a JSON-LD value: an
   object's own, else in its "@graph"; in an array, the first element's that
   has one. Borrowed from value; NULL when none. */
static const char *html_jsonld_date(const json_t *value, int depth)
{
    if (depth > HTML_JSONLD_MAX_DEPTH)
        return NULL;
    if (json_is_object(value)) {
        const char *date = json_string_value(json_object_get(value, "datePublished"));
        if (date != NULL && !html_is_blank_ascii(date))
            return date;
        return html_jsonld_date(json_object_get(value, "@graph"), depth + 1);
    }
    if (json_is_array(value)) {
        size_t index;
        const json_t *item;
        json_array_foreach(value, index, item) {
            const char *date = html_jsonld_date(item, depth + 1);
            if (date != NULL)
                return date;
        }
    }
    return NULL;
}

/* Parses a <script type="application/ld+json"> and keeps its datePublished.
   JSON that does not parse is skipped, as browsers skip it (jansson does not
   tell a lack of memory apart from bad syntax). Returns 0, or -1 when out
   of memory. */
static int html_meta_jsonld(struct html_meta *meta, xmlNode *script)
{
    struct html_buffer source = {0};
    if (html_collect_text(script, &source) < 0) {
        html_buffer_free(&source);
        return -1;
    }
    if (source.len == 0)
        return 0;
    json_error_t error;
    json_t *root = json_loadb(source.data, source.len, 0, &error);
    html_buffer_free(&source);
    if (root == NULL)
        return 0;
    int status = 0;
    const char *date = html_jsonld_date(root, 0);
    if (date != NULL)
        status = html_copy_text(date, strlen(date), false, &meta->jsonld_date);
    json_decref(root);
    return status;
}

/* True for type="application/ld+json", with any case, white space or
   parameters after a ';'. */
static bool html_is_jsonld_type(const char *type)
{
    static const char expected[] = "application/ld+json";
    size_t len = sizeof expected - 1;
    while (html_is_space(*type))
        type++;
    if (xmlStrncasecmp((const xmlChar *)type, (const xmlChar *)expected, (int)len) != 0)
        return false;
    type += len;
    while (html_is_space(*type))
        type++;
    return *type == '\0' || *type == ';';
}

/* Notes the metadata an element carries; <svg> (whose <title> is a tooltip)
   and <script> content are not walked. */
static int html_meta_enter(xmlNode *node, void *context)
{
    struct html_meta *meta = context;
    if (node->type != XML_ELEMENT_NODE)
        return 0;
    if (html_name_is(node->name, "svg"))
        return 0;
    if (html_name_is(node->name, "article")) {
        meta->article_depth++;
    } else if (html_name_is(node->name, "meta")) {
        html_meta_tag(meta, node);
    } else if (html_name_is(node->name, "title")) {
        if (meta->title == NULL)
            meta->title = node;
    } else if (html_name_is(node->name, "time")) {
        const char *datetime = html_attribute(node, "datetime");
        if (datetime != NULL && !html_is_blank_ascii(datetime)) {
            if (meta->time_first == NULL)
                meta->time_first = datetime;
            if (meta->time_in_article == NULL && meta->article_depth > 0)
                meta->time_in_article = datetime;
            if (meta->time_pubdate == NULL && html_attribute(node, "pubdate") != NULL)
                meta->time_pubdate = datetime;
        }
    } else if (html_name_is(node->name, "script")) {
        const char *type = html_attribute(node, "type");
        if (meta->jsonld_date == NULL && type != NULL && html_is_jsonld_type(type))
            return html_meta_jsonld(meta, node);
        return 0;
    }
    return 1;
}

static int html_meta_leave(xmlNode *node, void *context)
{
    struct html_meta *meta = context;
    if (node->type == XML_ELEMENT_NODE && html_name_is(node->name, "article"))
        meta->article_depth--;
    return 0;
}

/* Stores the page title in *title (NULL when none): og:title, else the
   <title> text, white space collapsed. Returns 0, or -1 when out of memory. */
static int html_meta_title(const struct html_meta *meta, char **title)
{
    *title = NULL;
    if (meta->og_title != NULL
        && html_copy_text(meta->og_title, strlen(meta->og_title), true, title) < 0)
        return -1;
    if (*title != NULL || meta->title == NULL)
        return 0;
    struct html_buffer text = {0};
    int status = html_collect_text(meta->title, &text);
    if (status == 0 && text.len > 0)
        status = html_copy_text(text.data, text.len, true, title);
    html_buffer_free(&text);
    return status;
}

/* Stores the publication date in *published (NULL when none): meta tags by
   rank, else JSON-LD, else <time datetime> (with pubdate, else inside an
   <article>, else the first). Returns 0, or -1 when out of memory. */
static int html_meta_published(const struct html_meta *meta, char **published)
{
    const char *candidates[HTML_DATE_RANKS + 4];
    size_t count = 0;
    for (int rank = 0; rank < HTML_DATE_RANKS; rank++)
        candidates[count++] = meta->meta_date[rank];
    candidates[count++] = meta->jsonld_date;
    candidates[count++] = meta->time_pubdate;
    candidates[count++] = meta->time_in_article;
    candidates[count++] = meta->time_first;
    *published = NULL;
    for (size_t i = 0; i < count; i++)
        if (candidates[i] != NULL)
            return html_copy_text(candidates[i], strlen(candidates[i]), false,
                                  published);
    return 0;
}

/* ---- entry point ------------------------------------------------------- */

void html_init_threads(void)
{
    xmlInitParser();
}

static void html_error(char *err, size_t err_size, const char *message)
{
    if (err != NULL && err_size > 0)
        snprintf(err, err_size, "%s", message);
}

/* ---- what libxml2 says while it parses ------------------------------- */

/* The decoding problems libxml2 reports while parsing one page. Its markup
   errors are left out: the parser repairs them (HTML_PARSE_RECOVER), and
   real pages have many. */
struct html_parse_errors {
    bool invalid_utf8;  /* read as UTF-8 (declared or by default), but not */
    char decoding[200]; /* the first failure to decode a declared encoding */
};

/* libxml2's structured error handler for one parse: sorts the message into
   the page's html_parse_errors instead of printing it to stderr, where it
   would name no file. */
static void html_collect_error(void *context, xmlErrorPtr error)
{
    struct html_parse_errors *errors = context;
    if (error == NULL)
        return;
    if (error->domain == XML_FROM_HTML && error->code == XML_ERR_INVALID_ENCODING) {
        errors->invalid_utf8 = true;
    } else if ((error->domain == XML_FROM_I18N || error->domain == XML_FROM_IO)
               && errors->decoding[0] == '\0') {
        snprintf(errors->decoding, sizeof errors->decoding, "%s",
                 error->message ? error->message : "decoding failed");
        size_t n = strlen(errors->decoding);
        while (n > 0 && (errors->decoding[n - 1] == '\n' || errors->decoding[n - 1] == ' '))
            errors->decoding[--n] = '\0';
    }
}

/* libxml2's generic error handler for one parse: its messages come in
   pieces, and every one that matters comes through html_collect_error
   too, so they are dropped. */
static void html_drop_message(void *context, const char *format, ...)
{
    (void)context;
    (void)format;
}

/* Parses a page with libxml2's messages going to errors (the handlers are
   the calling thread's own in libxml2, and are put back afterwards). */
static htmlDocPtr html_parse(const char *html, int len, struct html_parse_errors *errors)
{
    xmlGenericErrorFunc generic = xmlGenericError;
    void *generic_context = xmlGenericErrorContext;
    xmlStructuredErrorFunc structured = xmlStructuredError;
    void *structured_context = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, html_drop_message);
    xmlSetStructuredErrorFunc(errors, html_collect_error);
    htmlDocPtr tree = htmlReadMemory(html, len, NULL, NULL, HTML_PARSE_OPTIONS);
    xmlSetStructuredErrorFunc(structured_context, structured);
    xmlSetGenericErrorFunc(generic_context, generic);
    return tree;
}

int html_extract(const char *html, size_t len, struct doc_record *doc,
                 char *err, size_t err_size)
{
    static const struct html_visitor render_visitor = {html_render_enter,
                                                       html_render_leave};
    static const struct html_visitor meta_visitor = {html_meta_enter,
                                                     html_meta_leave};
    struct doc_record parts = {0}; /* regions, then everything else */
    struct html_render render = {.regions = &parts};
    struct html_meta meta = {0};
    struct html_buffer *out = &render.out;
    htmlDocPtr tree = NULL;
    xmlNode *root = NULL;
    const char *message = "out of memory";
    struct html_parse_errors errors = {0};
    char reason[300];

    if (len > INT_MAX) {
        message = "the page is too large (2 GB or more)";
        goto fail;
    }
    if (len > 0)
        tree = html_parse(html, (int)len, &errors);
    if (errors.decoding[0] != '\0') {
        snprintf(reason, sizeof reason, "cannot decode the page in the charset it declares: %s",
                 errors.decoding);
        message = reason;
        goto fail;
    }
    if (errors.invalid_utf8) {
        /* as for a text file: invalid UTF-8 is not repaired */
        size_t bad = text_utf8_invalid_at(html, len);
        snprintf(reason, sizeof reason,
                 bad < len ? "invalid UTF-8 at byte %zu (the page is read as UTF-8, as it "
                             "declares or declaring no charset; convert it to UTF-8 or "
                             "declare its charset)"
                           : "invalid UTF-8 (the page is read as UTF-8, as it declares or "
                             "declaring no charset; convert it to UTF-8 or declare its charset)",
                 bad);
        message = reason;
        goto fail;
    }
    if (tree != NULL)
        root = xmlDocGetRootElement(tree);
    if (root == NULL) {
        message = len > 0 && tree == NULL ? "cannot parse the page as HTML"
                                          : "no text in the page";
        goto fail;
    }

    if (html_walk(root, &render_visitor, &render) < 0)
        goto fail;
    if (out->data == NULL || html_text_is_blank(out->data, out->len)) {
        message = "no text in the page";
        goto fail;
    }
    while (out->len > 0 && html_is_space(out->data[out->len - 1]))
        out->len--;
    if (html_buffer_append(out, "\n", 1) < 0)
        goto fail;
    html_utf8_repair(out->data, out->len);

    if (html_walk(root, &meta_visitor, &meta) < 0
        || html_meta_title(&meta, &parts.title) < 0
        || html_meta_published(&meta, &parts.published) < 0)
        goto fail;

    parts.text = out->data;
    parts.text_len = out->len;
    *out = (struct html_buffer){0};
    free(meta.jsonld_date);
    xmlFreeDoc(tree);

    free(doc->text);
    free(doc->title);
    free(doc->published);
    free(doc->regions);
    doc->text = parts.text;
    doc->text_len = parts.text_len;
    doc->title = parts.title;
    doc->published = parts.published;
    doc->regions = parts.regions;
    doc->region_count = parts.region_count;
    return 0;

fail:
    html_error(err, err_size, message);
    html_buffer_free(&render.out);
    free(meta.jsonld_date);
    doc_record_clear(&parts);
    if (tree != NULL)
        xmlFreeDoc(tree);
    doc_record_clear(doc);
    return -1;
}
