/* format.h: printing rows as an aligned table, CSV or JSON. */
#ifndef QUARRY_FORMAT_H
#define QUARRY_FORMAT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

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

/* Prints the table. In table form, cells but the last are cut to a readable
   width, and line breaks are shown as spaces; CSV follows RFC 4180 (CRLF line
   ends); TSV has LF line ends and \\, \t, \n, \r escaped in cells; JSON is an
   array of objects with typed values, reals in their shortest form. Returns 0,
   or -1 on a write error or text that is not UTF-8 in JSON. */
int format_table_print(const struct format_table *table, enum format_kind kind,
                       FILE *out);

#endif
