/* html.h: readable text, title and publication date of an HTML page. */
#ifndef QUARRY_HTML_H
#define QUARRY_HTML_H

#include <stddef.h>

#include "doc.h"

/* Parses an HTML page with libxml2's HTML parser and fills doc->text,
   doc->text_len, doc->title, doc->published and doc->regions (name, source and
   format are the caller's). Text is the body's text in UTF-8 with <script>,
   <style>, <noscript> and <template> dropped, entities decoded, white space
   collapsed as a browser does, and block elements ending lines; paragraphs,
   headings, lists and other large blocks are separated by one blank line.
   Title: og:title, else <title>. Published: article:published_time and the
   usual meta tags, else datePublished in JSON-LD, else the first
   <time datetime>. Returns 0, or -1 with a message in err (the record is
   left cleared). */
int html_extract(const char *html, size_t len, struct doc_record *doc,
                 char *err, size_t err_size);

/* Initialises libxml2 once, as it asks before it is used from several
   threads; html_extract is then safe to call from any thread. */
void html_init_threads(void);

#endif
