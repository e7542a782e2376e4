/* doc.h: a document as a loader produced it, before it is stored. */
#ifndef QUARRY_DOC_H
#define QUARRY_DOC_H

#include <stddef.h>

/* A stretch of the extracted text that came from a structural element of
   the page (HTML <nav>, <aside>, <footer>, ...). The loader only reports
   where they are; rules decide whether they are boilerplate. */
struct doc_region {
    const char *kind;   /* static string: "nav", "aside", "footer", "header", "form" */
    size_t start, end;  /* byte offsets into doc_record.text, end exclusive */
};

/* Every string is owned by the record and freed by doc_record_clear. */
struct doc_record {
    char *name;         /* base name, JSONL id, or "stdin" */
    char *source;       /* path or URL it came from */
    char *title;        /* NULL when none was found */
    char *published;    /* as found (ISO 8601 when the source says so); NULL when none */
    const char *format; /* static string: "text", "html", "jsonl" */
    char *text;         /* NUL-terminated, text_len bytes, valid UTF-8 */
    size_t text_len;
    struct doc_region *regions;
    size_t region_count;
};

/* Frees everything the record owns and zeroes it, so clearing twice is safe. */
void doc_record_clear(struct doc_record *doc);

/* Appends a region; returns 0, or -1 when out of memory. */
int doc_record_add_region(struct doc_record *doc, const char *kind,
                          size_t start, size_t end);

#endif
