/* test_html.c: text, title, date and regions that html_extract finds. Every
   page is written inline, so the expected text sits beside its HTML. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "html.h"

/* Returns the length of the well-formed UTF-8 sequence at s, or 0. */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
    unsigned char low = 0x80, high = 0xBF;
    if (s[0] < 0xC2 || s[0] > 0xF4 || n < len)
        return 0;
    if (s[0] == 0xE0)
        low = 0xA0;
    else if (s[0] == 0xED)
        high = 0x9F;
    else if (s[0] == 0xF0)
        low = 0x90;
    else if (s[0] == 0xF4)
        high = 0x8F;
    if (s[1] < low || s[1] > high)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

static void assert_valid_utf8(const char *text, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t n = utf8_sequence((const unsigned char *)text + i, len - i);
        assert_true(n > 0);
        i += n;
    }
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* What every successful extraction promises, whatever the page. */
static void assert_layout(const struct doc_record *doc)
{
    assert_non_null(doc->text);
    assert_int_equal(doc->text_len, strlen(doc->text));
    assert_true(doc->text_len >= 2);
    assert_valid_utf8(doc->text, doc->text_len);
    assert_true(doc->text[doc->text_len - 1] == '\n');
    assert_false(doc->text[doc->text_len - 2] == '\n');
    assert_false(doc->text[0] == '\n');
    assert_null(strstr(doc->text, "\n\n\n"));
    assert_null(strstr(doc->text, " \n"));
    assert_null(strstr(doc->text, "\t\n"));
    if (doc->title != NULL)
        assert_valid_utf8(doc->title, strlen(doc->title));
    size_t previous_end = 0;
    for (size_t i = 0; i < doc->region_count; i++) {
        const struct doc_region *region = &doc->regions[i];
        assert_true(region->start < region->end);
        assert_true(region->end < doc->text_len);
        assert_true(region->start >= previous_end);
        assert_false(is_space(doc->text[region->start]));
        assert_false(is_space(doc->text[region->end - 1]));
        previous_end = region->end;
    }
}

/* Extracts an inline page that must succeed and checks the layout rules. */
static struct doc_record extract(const char *html)
{
    struct doc_record doc = {0};
    char err[256] = "";
    int status = html_extract(html, strlen(html), &doc, err, sizeof err);
    if (status != 0)
        fail_msg("html_extract failed: %s", err);
    assert_layout(&doc);
    return doc;
}

static void assert_text(const char *html, const char *expected)
{
    struct doc_record doc = extract(html);
    assert_string_equal(doc.text, expected);
    doc_record_clear(&doc);
}

static void assert_published(const char *html, const char *expected)
{
    struct doc_record doc = extract(html);
    if (expected == NULL)
        assert_null(doc.published);
    else
        assert_string_equal(doc.published, expected);
    doc_record_clear(&doc);
}

static void assert_region(const struct doc_record *doc, size_t index,
                          const char *kind, const char *expected)
{
    assert_true(index < doc->region_count);
    const struct doc_region *region = &doc->regions[index];
    assert_string_equal(region->kind, kind);
    assert_int_equal(region->end - region->start, strlen(expected));
    assert_memory_equal(doc->text + region->start, expected, strlen(expected));
}

/* ---- title ---- */

static void test_title_prefers_og_title(void **state)
{
    (void)state;
    struct doc_record doc = extract(
        "<html><head><title>Site | Story</title>"
        "<meta property=\"og:title\" content=\"  The\n  Story  \">"
        "</head><body><p>Body</p></body></html>");
    assert_string_equal(doc.title, "The Story");
    doc_record_clear(&doc);
}

static void test_title_from_title_element(void **state)
{
    (void)state;
    struct doc_record doc = extract(
        "<html><head><meta property=\"og:title\" content=\"  \">"
        "<title>\n  Caf&eacute; &amp;\tBar \n</title></head>"
        "<body><p>Body</p></body></html>");
    assert_string_equal(doc.title, "Caf\xC3\xA9 & Bar");
    doc_record_clear(&doc);

    doc = extract("<p>No title <svg><title>icon</title></svg>here</p>");
    assert_null(doc.title);
    assert_string_equal(doc.text, "No title here\n");
    doc_record_clear(&doc);
}

/* ---- publication date ---- */

static void test_published_from_meta(void **state)
{
    (void)state;
    /* Meta tags rank above JSON-LD and <time>, wherever they stand. */
    assert_published(
        "<html><head>"
        "<script type=\"application/ld+json\">{\"datePublished\":\"2001\"}</script>"
        "<meta itemprop=\"datePublished\" content=\"2002\">"
        "<meta name=\"date\" content=\"2003\">"
        "<meta property=\"article:published_time\" content=\" 2024-03-05T10:00:00Z \">"
        "</head><body><p><time datetime=\"2005\">then</time></p></body></html>",
        "2024-03-05T10:00:00Z");
    assert_published(
        "<html><head><meta itemprop=\"datePublished\" content=\"2002\">"
        "<meta name=\"DC.Date.Issued\" content=\"2003-04-05\"></head>"
        "<body><p>Body</p></body></html>",
        "2003-04-05");
    assert_published(
        "<html><head><meta itemprop=\"datePublished\" content=\"2002-01-01\">"
        "<meta name=\"description\" content=\"not a date\"></head>"
        "<body><p>Body</p></body></html>",
        "2002-01-01");
    assert_published("<p>No date at all</p>", NULL);
}

static void test_published_from_jsonld(void **state)
{
    (void)state;
    assert_published(
        "<script type=\"application/ld+json\">"
        "{\"@type\":\"NewsArticle\",\"datePublished\":\"2023-07-01T08:00:00+02:00\"}"
        "</script><p>Body</p>",
        "2023-07-01T08:00:00+02:00");
    assert_published(
        "<script type=\"application/ld+json\">"
        "{\"@context\":\"https://schema.org\",\"@graph\":["
        "{\"@type\":\"WebSite\",\"name\":\"Site\"},"
        "{\"@type\":\"Article\",\"datePublished\":\"2022-02-02\"}]}"
        "</script><p>Body</p>",
        "2022-02-02");
    assert_published(
        "<script type=\"application/ld+json\">"
        "[{\"@type\":\"BreadcrumbList\"},{\"datePublished\":\"2021-01-01\"}]"
        "</script><p>Body</p>",
        "2021-01-01");
    /* Broken JSON and scripts without a date are skipped; plain scripts
       are not JSON-LD. */
    assert_published(
        "<script>{\"datePublished\":\"1999\"}</script>"
        "<script type=\"application/ld+json\">{\"datePublished\": </script>"
        "<script type=\"application/ld+json\">{\"datePublished\": 2020}</script>"
        "<script type=\" Application/LD+JSON; charset=utf-8\">"
        "{\"datePublished\":\"2020-12-31\"}</script>"
        "<p>Body <time datetime=\"2010\">then</time></p>",
        "2020-12-31");
}

static void test_published_from_time(void **state)
{
    (void)state;
    assert_published("<p>Posted <time datetime=\" 2019-05-06 \">May 6</time></p>",
                     "2019-05-06");
    /* One inside <article> beats an earlier one in the page's furniture. */
    assert_published(
        "<nav><time datetime=\"2000-01-01\">today</time></nav>"
        "<article><p>Story <time datetime=\"2019-05-06\">May 6</time></p></article>",
        "2019-05-06");
    /* The pubdate attribute beats both. */
    assert_published(
        "<article><p><time datetime=\"2019-05-06\">May 6</time>"
        "<time>no datetime</time></p></article>"
        "<footer><time pubdate datetime=\"2018-01-01\">Jan</time></footer>",
        "2018-01-01");
}

/* ---- text ---- */

static void test_hidden_content_dropped(void **state)
{
    (void)state;
    assert_text(
        "<html><head><title>T</title><style>p { color: red }</style>"
        "<script>var inHead = 1;</script></head><body>"
        "<p>Visible<script>document.write('no')</script> text</p>"
        "<style>.x{}</style><noscript>Enable JavaScript</noscript>"
        "<template><p>Template</p></template>"
        "<p hidden>Hidden paragraph</p>"
        "<p>Pick <select><option>Albania</option><option>Algeria</option>"
        "</select>one<!-- a comment --></p></body></html>",
        "Visible text\n\nPick one\n");
}

static void test_entities_decoded(void **state)
{
    (void)state;
    /* &nbsp; becomes U+00A0 and stays: it is text, not white space. */
    assert_text("<p>Tom &amp; Jerry&rsquo;s&nbsp;show &lt;3 &#x263A; &#169;</p>",
                "Tom & Jerry\xE2\x80\x99s\xC2\xA0show <3 \xE2\x98\xBA \xC2\xA9\n");
    assert_text("<p>a &nbsp; b&nbsp;</p>", "a \xC2\xA0 b\xC2\xA0\n");
}

static void test_white_space_collapsed(void **state)
{
    (void)state;
    assert_text("<p>\n   Several\t\tspaces  <b> and </b>\n<i>tags</i>,\r\n"
                "<span></span> one\n line. </p>",
                "Several spaces and tags, one line.\n");
    assert_text("<div>  <span>a</span>  </div>  <div><span>b</span>c</div>",
                "a\nbc\n");
}

static void test_blocks_and_blank_lines(void **state)
{
    (void)state;
    assert_text("<h1>Title</h1><p>One</p><p>Two</p>"
                "<div>line</div><div>next</div>"
                "<ul><li>a</li><li>b<ul><li>b1</li></ul></li></ul>"
                "<blockquote>Quote</blockquote>"
                "<dl><dt>Term</dt><dd>Definition</dd></dl>"
                "<p>After<hr>rule</p>",
                "Title\n\nOne\n\nTwo\n\nline\nnext\n\na\nb\nb1\n\nQuote\n\n"
                "Term\nDefinition\n\nAfter\n\nrule\n");
    /* Empty blocks add nothing; blank lines never pile up. */
    assert_text("<p></p><div><p>\n</p></div><section><p>x</p></section>"
                "<div></div><div></div><article><p>y</p></article><p> </p>",
                "x\n\ny\n");
    assert_text("<table><caption>Scores</caption>"
                "<tr><th>Name</th><th>Score</th></tr>"
                "<tr><td>Ann</td> <td>9</td></tr></table>",
                "Scores\nName | Score\nAnn | 9\n");
}

static void test_line_breaks(void **state)
{
    (void)state;
    assert_text("<p>one<br>two<br/><br>three<br><br><br><br>four<br></p><p>five</p>",
                "one\ntwo\n\nthree\n\nfour\n\nfive\n");
    assert_text("<br><br>start", "start\n");
}

static void test_pre_kept(void **state)
{
    (void)state;
    assert_text("<p>Code:</p><pre>int main(void)\n{\n    return 0;   \n}\n\n\n\n"
                "  &lt;end&gt;</pre><p>After</p>",
                "Code:\n\nint main(void)\n{\n    return 0;\n}\n\n  <end>\n\nAfter\n");
    assert_text("<pre>\n\tTabbed <b>bold</b>  two\n</pre>",
                "\tTabbed bold  two\n");
}

static void test_iso_8859_1_converted(void **state)
{
    (void)state;
    struct doc_record doc = extract(
        "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xE9</title></head>"
        "<body><p>Fa\xE7" "ade \xABquoted\xBB \xA0" "end</p></body></html>");
    assert_string_equal(doc.title, "Caf\xC3\xA9");
    assert_string_equal(doc.text,
                        "Fa\xC3\xA7" "ade \xC2\xABquoted\xC2\xBB \xC2\xA0" "end\n");
    doc_record_clear(&doc);

    assert_text("<html><head><meta http-equiv=\"Content-Type\" "
                "content=\"text/html; charset=ISO-8859-1\"></head>"
                "<body><p>na\xEFve</p></body></html>",
                "na\xC3\xAFve\n");
    /* Without a declaration the page is read as UTF-8. */
    assert_text("<p>na\xC3\xAFve</p>", "na\xC3\xAFve\n");
}

/* Extracts a page that must be rejected, with a reason holding part. */
static void assert_rejected(const char *html, const char *part)
{
    struct doc_record doc = {0};
    char err[512] = "";
    assert_int_equal(html_extract(html, strlen(html), &doc, err, sizeof err), -1);
    if (strstr(err, part) == NULL)
        fail_msg("the reason \"%s\" does not say \"%s\"", err, part);
    assert_null(doc.text);
}

/* A page read as UTF-8 (declared, or declaring nothing) whose bytes are not
   UTF-8 is rejected as a text file is, naming the byte (issue 14: it was
   converted from Latin-1 silently); a page whose declared encoding cannot
   decode its bytes is rejected with libxml2's reason, which used to go to
   stderr without the file's name. */
static void test_encoding_faults_rejected(void **state)
{
    (void)state;
    assert_rejected("<html><head><meta charset=\"utf-8\"></head><body><p>caf\xe9 au lait</p></body></html>",
                    "invalid UTF-8 at byte 53");
    assert_rejected("<p>na\xEFve</p>", "invalid UTF-8 at byte 5");
    assert_rejected("<html><head><meta charset=\"shift_jis\"></head><body><p>\x81\xff\xff\x80 x</p></body></html>",
                    "cannot decode the page in the charset it declares: input conversion failed");
}

/* Was a bug (found by tests/fuzz/fuzz_html): a page whose text is
   nothing but byte-order marks (U+FEFF) was stored, though text_is_blank
   calls it blank. */
static void test_byte_order_marks_are_no_text(void **state)
{
    (void)state;
    assert_rejected("\xef\xbb\xbf\xef\xbb\xbf", "no text in the page");
    assert_rejected("<p>\xef\xbb\xbf \xe2\x80\x89</p>", "no text in the page");
}

/* libxml2 says nothing on stderr of its own: what it reports goes into the
   reason, and markup it repairs is not reported. */
static void test_libxml2_silent(void **state)
{
    (void)state;
    fflush(stderr);
    int saved = dup(2);
    FILE *captured = tmpfile();
    assert_non_null(captured);
    assert_true(saved >= 0 && dup2(fileno(captured), 2) >= 0);
    struct doc_record doc = {0};
    char err[512];
    const char *pages[] = {
        "<html><head><meta charset=\"shift_jis\"></head><body><p>\x81\xff\xff\x80</p></body></html>",
        "<html><body><p>unclosed <b>tags <i>here</p><foo:bar>x</foo:bar></body></htm",
        "<html><head><meta charset=\"x-no-such-charset\"></head><body><p>text</p></body></html>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        html_extract(pages[i], strlen(pages[i]), &doc, err, sizeof err);
        doc_record_clear(&doc);
    }
    fflush(stderr);
    assert_true(dup2(saved, 2) >= 0);
    close(saved);
    assert_int_equal(fseek(captured, 0, SEEK_END), 0);
    long size = ftell(captured);
    fclose(captured);
    assert_int_equal(size, 0);
}

/* ---- regions ---- */

static void test_regions(void **state)
{
    (void)state;
    struct doc_record doc = extract(
        "<body><header><a href=\"/\">Home</a> | <a>About</a></header>"
        "<nav><ul><li>News</li><li>Sport</li></ul></nav>"
        "<main><header><h1>Headline</h1></header>"
        "<p>Story <form>inline <input> form</form> text.</p>"
        "<aside>Related: <a>other</a></aside>"
        "<nav>Page <b>2</b> <nav>nested</nav></nav></main>"
        "<div role=\"navigation\">Breadcrumbs</div>"
        "<div role=\"complementary banner\">Ads</div>"
        "<div role=\"contentinfo\">Contact</div>"
        "<footer>\n  (c) 2024 \n</footer></body>");
    assert_string_equal(doc.text,
                        "Home | About\n\nNews\nSport\n\nHeadline\n\n"
                        "Story\n\ninline form\n\ntext.\n\nRelated: other\n\n"
                        "Page 2\n\nnested\n\nBreadcrumbs\nAds\nContact\n\n(c) 2024\n");
    assert_int_equal(doc.region_count, 9);
    assert_region(&doc, 0, "header", "Home | About");
    assert_region(&doc, 1, "nav", "News\nSport");
    assert_region(&doc, 2, "form", "inline form");
    assert_region(&doc, 3, "aside", "Related: other");
    assert_region(&doc, 4, "nav", "Page 2\n\nnested");
    assert_region(&doc, 5, "nav", "Breadcrumbs");
    assert_region(&doc, 6, "aside", "Ads");
    assert_region(&doc, 7, "footer", "Contact");
    assert_region(&doc, 8, "footer", "(c) 2024");
    doc_record_clear(&doc);

    /* Inline and inside <pre>: offsets leave out the white space around. */
    doc = extract("<p>Go <span role=\"navigation\"> <a>left</a> </span> or right</p>"
                  "<pre><aside>\n  side  \n</aside></pre><header></header>");
    assert_string_equal(doc.text, "Go left or right\n\n  side\n");
    assert_int_equal(doc.region_count, 2);
    assert_region(&doc, 0, "nav", "left");
    assert_region(&doc, 1, "aside", "side");
    doc_record_clear(&doc);
}

static void test_misplaced_head_content(void **state)
{
    (void)state;
    /* libxml2 keeps a <nav> written in <head> there; a browser shows it. */
    struct doc_record doc = extract(
        "<html><head><title>T</title><nav>Menu</nav></head>"
        "<body><p>Body</p></body></html>");
    assert_string_equal(doc.text, "Menu\n\nBody\n");
    assert_int_equal(doc.region_count, 1);
    assert_region(&doc, 0, "nav", "Menu");
    doc_record_clear(&doc);
}

/* ---- failures and ownership ---- */

static void test_page_without_text_fails(void **state)
{
    (void)state;
    static const char *const pages[] = {
        "",
        "   \n",
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<body><p> </p><div>\n\t</div></body>",
        "<script>alert(1)</script><style>p{}</style>",
        "<p>&nbsp; &nbsp;</p>",
        "<!-- nothing -->",
    };
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        struct doc_record doc = {0};
        char err[64] = "";
        doc.name = strdup("page");
        assert_non_null(doc.name);
        assert_int_equal(html_extract(pages[i], strlen(pages[i]), &doc, err,
                                      sizeof err), -1);
        assert_string_equal(err, "no text in the page");
        assert_null(doc.name);
        assert_null(doc.text);
        assert_int_equal(doc.text_len, 0);
        assert_null(doc.regions);
        assert_int_equal(doc.region_count, 0);
    }
    /* A short message buffer is not overrun. */
    struct doc_record doc = {0};
    char err[4] = "xxx";
    assert_int_equal(html_extract("", 0, &doc, err, sizeof err), -1);
    assert_string_equal(err, "no ");
    assert_int_equal(html_extract("", 0, &doc, NULL, 0), -1);
}

static void test_caller_fields_kept(void **state)
{
    (void)state;
    struct doc_record doc = {0};
    char err[64] = "";
    doc.name = strdup("story");
    doc.source = strdup("/tmp/story.html");
    doc.format = "html";
    assert_non_null(doc.name);
    assert_non_null(doc.source);
    static const char page[] = "<p>Text</p>";
    assert_int_equal(html_extract(page, strlen(page), &doc, err, sizeof err), 0);
    assert_string_equal(doc.name, "story");
    assert_string_equal(doc.source, "/tmp/story.html");
    assert_string_equal(doc.format, "html");
    assert_string_equal(doc.text, "Text\n");
    /* Extracting again replaces what the first extraction filled. */
    static const char second[] = "<title>T</title><nav>Other</nav>";
    assert_int_equal(html_extract(second, strlen(second), &doc, err, sizeof err), 0);
    assert_string_equal(doc.text, "Other\n");
    assert_string_equal(doc.title, "T");
    assert_int_equal(doc.region_count, 1);
    doc_record_clear(&doc);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    /* libxml2 stops at depth 256 unless told the page may be huge; the
       text after such a nest must not be lost. */
    enum { DEPTH = 20000 };
    static const char open[] = "<div><span>", close[] = "</span></div>";
    size_t size = DEPTH * (sizeof open - 1 + sizeof close - 1) + 32;
    char *html = malloc(size);
    assert_non_null(html);
    size_t len = 0;
    for (int i = 0; i < DEPTH; i++) {
        memcpy(html + len, open, sizeof open - 1);
        len += sizeof open - 1;
    }
    memcpy(html + len, "deep", 4);
    len += 4;
    for (int i = 0; i < DEPTH; i++) {
        memcpy(html + len, close, sizeof close - 1);
        len += sizeof close - 1;
    }
    memcpy(html + len, "<p>after</p>", 12);
    len += 12;
    struct doc_record doc = {0};
    char err[64] = "";
    assert_int_equal(html_extract(html, len, &doc, err, sizeof err), 0);
    assert_layout(&doc);
    assert_string_equal(doc.text, "deep\n\nafter\n");
    doc_record_clear(&doc);
    free(html);
}

/* ---- a whole page ---- */

static void test_whole_page(void **state)
{
    (void)state;
    struct doc_record doc = extract(
        "<!DOCTYPE html>\n"
        "<html lang=\"en\">\n<head>\n"
        "  <meta charset=\"utf-8\">\n"
        "  <title>Harbour reopens | The Coast Gazette</title>\n"
        "  <meta property=\"og:title\" content=\"Harbour reopens after storm\">\n"
        "  <script type=\"application/ld+json\">\n"
        "  {\"@context\": \"https://schema.org\", \"@graph\": [\n"
        "    {\"@type\": \"NewsArticle\", \"headline\": \"Harbour reopens\",\n"
        "     \"datePublished\": \"2024-02-10T07:30:00Z\"}]}\n"
        "  </script>\n"
        "  <style>body { font: 12px serif }</style>\n"
        "</head>\n<body>\n"
        "  <header class=\"site\">\n    <a href=\"/\">The Coast Gazette</a>\n"
        "  </header>\n"
        "  <nav>\n    <ul>\n      <li><a href=\"/news\">News</a></li>\n"
        "      <li><a href=\"/sport\">Sport</a></li>\n    </ul>\n  </nav>\n"
        "  <main>\n    <article>\n"
        "      <header>\n        <h1>Harbour reopens after storm</h1>\n"
        "        <p class=\"byline\">By Ana Silva &middot; <time datetime=\"2024-02-10\">"
        "10 Feb</time></p>\n      </header>\n"
        "      <p>The harbour at Porto&nbsp;Novo reopened on Saturday, three days\n"
        "        after the storm &ldquo;Irene&rdquo; closed it.</p>\n"
        "      <p>Repairs cost &euro;2&nbsp;million, the port&rsquo;s director said."
        "<br>Boats may dock from 6&nbsp;a.m.</p>\n"
        "      <figure><img src=\"x.jpg\" alt=\"Boats\"><figcaption>Boats return."
        "</figcaption></figure>\n"
        "      <script>track('read');</script>\n"
        "    </article>\n"
        "    <aside>\n      <h2>Most read</h2>\n      <ol><li>Storm damage</li></ol>\n"
        "    </aside>\n  </main>\n"
        "  <footer>\n    <p>&copy; 2024 The Coast Gazette</p>\n"
        "    <form action=\"/s\"><input name=\"q\"><button>Search</button></form>\n"
        "  </footer>\n</body>\n</html>\n");
    assert_string_equal(doc.title, "Harbour reopens after storm");
    assert_string_equal(doc.published, "2024-02-10T07:30:00Z");
    assert_string_equal(doc.text,
        "The Coast Gazette\n\n"
        "News\nSport\n\n"
        "Harbour reopens after storm\n\n"
        "By Ana Silva \xC2\xB7 10 Feb\n\n"
        "The harbour at Porto\xC2\xA0Novo reopened on Saturday, three days after "
        "the storm \xE2\x80\x9CIrene\xE2\x80\x9D closed it.\n\n"
        "Repairs cost \xE2\x82\xAC" "2\xC2\xA0million, the port\xE2\x80\x99s "
        "director said.\nBoats may dock from 6\xC2\xA0" "a.m.\n\n"
        "Boats return.\n\n"
        "Most read\n\nStorm damage\n\n"
        "\xC2\xA9 2024 The Coast Gazette\n\nSearch\n");
    assert_int_equal(doc.region_count, 4);
    assert_region(&doc, 0, "header", "The Coast Gazette");
    assert_region(&doc, 1, "nav", "News\nSport");
    assert_region(&doc, 2, "aside", "Most read\n\nStorm damage");
    assert_region(&doc, 3, "footer", "\xC2\xA9 2024 The Coast Gazette\n\nSearch");
    doc_record_clear(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_title_prefers_og_title),
        cmocka_unit_test(test_title_from_title_element),
        cmocka_unit_test(test_published_from_meta),
        cmocka_unit_test(test_published_from_jsonld),
        cmocka_unit_test(test_published_from_time),
        cmocka_unit_test(test_hidden_content_dropped),
        cmocka_unit_test(test_entities_decoded),
        cmocka_unit_test(test_white_space_collapsed),
        cmocka_unit_test(test_blocks_and_blank_lines),
        cmocka_unit_test(test_line_breaks),
        cmocka_unit_test(test_pre_kept),
        cmocka_unit_test(test_iso_8859_1_converted),
        cmocka_unit_test(test_regions),
        cmocka_unit_test(test_misplaced_head_content),
        cmocka_unit_test(test_page_without_text_fails),
        cmocka_unit_test(test_caller_fields_kept),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_whole_page),
        cmocka_unit_test(test_encoding_faults_rejected),
        cmocka_unit_test(test_libxml2_silent),
        cmocka_unit_test(test_byte_order_marks_are_no_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
