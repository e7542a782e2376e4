/* format.h: the one writer of rows as an aligned table, CSV, TSV or JSON
   (the C commands print through it; Lua through quarry.format_table). */
#ifndef QUARRY_FORMAT_H
#define QUARRY_FORMAT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "json.h"

enum format_kind { FORMAT_TABLE, FORMAT_CSV, FORMAT_TSV, FORMAT_JSON };

/* "table", "csv", "tsv" or "json"; returns 0, or -1 for another name. */
int format_parse(const char *name, enum format_kind *kind);

struct format_table;

/* A table with the given column names (copied). NULL when out of memory. */
struct format_table *format_table_new(size_t columns, const char *const *names);
void format_table_free(struct format_table *table);

/* Appends one cell, row by row; type is SQLITE_INTEGER, SQLITE_FLOAT,
   SQLITE_TEXT or SQLITE_NULL and decides how JSON writes it. */
int format_table_add(struct format_table *table, int type, const char *text);
/* Appends the current row of a statement. */
int format_table_add_row(struct format_table *table, sqlite3_stmt *stmt);

/* How an aligned table looks. */
struct format_look {
    size_t cell_width;      /* cells but the last cut to this many code points */
    size_t rule_min;        /* the dashes under a heading are at least this many */
    bool headings_whole;    /* headings written as given: not cut, not cleaned */
    bool last_rule_heading; /* the last column's dashes as wide as its heading */
    bool trim;              /* no line ends in white space */
};

/* What list, search and query print: cells cut at 72, numbers right-aligned. */
extern const struct format_look format_look_records;
/* What the Lua commands (rules list, report --list) and the REPL print:
   cells cut at 60, at least three dashes, the last column's dashes under
   its heading only, no trailing blanks. */
extern const struct format_look format_look_listing;

/* Writes the table through put (an aligned table in the given look; look
   is used for FORMAT_TABLE only). In table form, cells but the last are
   cut, and line breaks are shown as spaces; numbers (SQLITE_INTEGER and
   SQLITE_FLOAT cells) are right-aligned; CSV follows RFC 4180 (CRLF line
   ends); TSV has LF line ends and \\, \t, \n, \r escaped in cells; JSON is an
   array of objects with typed values, reals in their shortest form.
   Returns 0, or -1 when out of memory. */
int format_table_write(const struct format_table *table, enum format_kind kind,
                       const struct format_look *look, json_put_fn *put, void *context);

/* Prints the table to out in the records look (format_table_write); CSV
   and TSV written to a terminal have control characters in their cells
   escaped as the aligned table has them. Returns 0, or -1 on a write
   error or when out of memory. */
int format_table_print(const struct format_table *table, enum format_kind kind,
                       FILE *out);

#endif
