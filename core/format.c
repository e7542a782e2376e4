/* format.c: tabular output for the CLI. */
#include "format.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "text.h"

#define FORMAT_CELL_WIDTH 72

struct format_cell {
    int type;
    char *text;  /* NULL for SQL NULL */
    double real; /* the value of a SQLITE_FLOAT cell */
};

struct format_table {
    size_t columns, cells, capacity;
    char **names;
    struct format_cell *cell;
};

int format_parse(const char *name, enum format_kind *kind)
{
    if (strcmp(name, "table") == 0)
        *kind = FORMAT_TABLE;
    else if (strcmp(name, "csv") == 0)
        *kind = FORMAT_CSV;
    else if (strcmp(name, "tsv") == 0)
        *kind = FORMAT_TSV;
    else if (strcmp(name, "json") == 0)
        *kind = FORMAT_JSON;
    else
        return -1;
    return 0;
}

struct format_table *format_table_new(size_t columns, const char *const *names)
{
    struct format_table *table = calloc(1, sizeof *table);
    if (table == NULL)
        return NULL;
    table->names = calloc(columns ? columns : 1, sizeof *table->names);
    if (table->names == NULL) {
        free(table);
        return NULL;
    }
    table->columns = columns;
    for (size_t c = 0; c < columns; c++) {
        if ((table->names[c] = strdup(names[c])) == NULL) {
            format_table_free(table);
            return NULL;
        }
    }
    return table;
}

void format_table_free(struct format_table *table)
{
    if (table == NULL)
        return;
    for (size_t c = 0; c < table->columns; c++)
        free(table->names[c]);
    for (size_t i = 0; i < table->cells; i++)
        free(table->cell[i].text);
    free(table->names);
    free(table->cell);
    free(table);
}

int format_table_add(struct format_table *table, int type, const char *text)
{
    if (table->cells == table->capacity) {
        size_t capacity = table->capacity ? table->capacity * 2 : 64;
        struct format_cell *grown = realloc(table->cell, capacity * sizeof *grown);
        if (grown == NULL)
            return -1;
        table->cell = grown;
        table->capacity = capacity;
    }
    char *copy = NULL;
    if (text != NULL && (copy = strdup(text)) == NULL)
        return -1;
    table->cell[table->cells++] = (struct format_cell){text ? type : SQLITE_NULL, copy,
                                                       type == SQLITE_FLOAT && text ? strtod(text, NULL) : 0};
    return 0;
}

int format_table_add_row(struct format_table *table, sqlite3_stmt *stmt)
{
    for (size_t c = 0; c < table->columns; c++) {
        int type = sqlite3_column_type(stmt, (int)c);
        const char *text = (const char *)sqlite3_column_text(stmt, (int)c);
        if (format_table_add(table, type == SQLITE_BLOB ? SQLITE_TEXT : type, text) != 0)
            return -1;
        if (type == SQLITE_FLOAT) /* the double itself, not SQLite's 15 digits */
            table->cell[table->cells - 1].real = sqlite3_column_double(stmt, (int)c);
    }
    return 0;
}

/* Display width of a UTF-8 string, counting code points (wide characters
   count one: good enough for the Latin, Cyrillic and Arabic we see). */
static size_t format_width(const char *s)
{
    size_t width = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            width++;
    return width;
}

/* Writes a cell for the terminal: line breaks and tabs as spaces, cut at
   limit code points with an ellipsis (0: no limit). Returns the width
   written. */
static size_t format_put_cell(const char *s, size_t limit, FILE *out)
{
    size_t width = 0;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c & 0xc0) != 0x80) {
            if (limit > 0 && width == limit - 1 && format_width(p) > 1) {
                fputs("…", out);
                return width + 1;
            }
            width++;
        }
        fputc(c == '\n' || c == '\r' || c == '\t' ? ' ' : c, out);
    }
    return width;
}

static size_t format_cell_width(const char *s)
{
    size_t width = s ? format_width(s) : 0;
    return width > FORMAT_CELL_WIDTH ? FORMAT_CELL_WIDTH : width;
}

static void format_pad(size_t count, FILE *out)
{
    while (count-- > 0)
        fputc(' ', out);
}

/* The table's cells as they are shown: control characters and bytes that
   are not UTF-8 escaped (text_escape_controls), so a name cannot send an
   escape sequence to the terminal. An entry is the cell's own text when
   nothing needed escaping, else a copy format_shown_free frees. NULL when
   memory ran out. */
static const char **format_shown_cells(const struct format_table *table)
{
    const char **shown = calloc(table->cells ? table->cells : 1, sizeof *shown);
    for (size_t i = 0; shown != NULL && i < table->cells; i++) {
        const char *text = table->cell[i].text;
        shown[i] = text;
        if (text != NULL && text_needs_escape(text, strlen(text), true)
            && (shown[i] = text_escape_controls(text, strlen(text), true)) == NULL) {
            for (size_t k = 0; k < i; k++)
                if (shown[k] != table->cell[k].text)
                    free((char *)shown[k]);
            free(shown);
            shown = NULL;
        }
    }
    return shown;
}

static void format_shown_free(const struct format_table *table, const char **shown)
{
    for (size_t i = 0; i < table->cells; i++)
        if (shown[i] != table->cell[i].text)
            free((char *)shown[i]);
    free(shown);
}

static void format_print_table(const struct format_table *table, FILE *out)
{
    size_t rows = table->columns ? table->cells / table->columns : 0;
    const char **shown = format_shown_cells(table);
    if (shown == NULL)
        return;
    size_t *widths = calloc(table->columns ? table->columns : 1, sizeof *widths);
    if (widths == NULL) {
        format_shown_free(table, shown);
        return;
    }
    for (size_t c = 0; c < table->columns; c++) {
        widths[c] = format_cell_width(table->names[c]);
        for (size_t r = 0; r < rows; r++) {
            size_t w = format_cell_width(shown[r * table->columns + c]);
            if (w > widths[c])
                widths[c] = w;
        }
    }
    for (size_t c = 0; c < table->columns; c++) {
        size_t w = format_put_cell(table->names[c], FORMAT_CELL_WIDTH, out);
        if (c + 1 < table->columns)
            format_pad(widths[c] - w + 2, out);
    }
    fputc('\n', out);
    for (size_t c = 0; c < table->columns; c++) {
        for (size_t i = 0; i < widths[c]; i++)
            fputc('-', out);
        if (c + 1 < table->columns)
            fputs("  ", out);
    }
    fputc('\n', out);
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < table->columns; c++) {
            const struct format_cell *cell = &table->cell[r * table->columns + c];
            const char *text = shown[r * table->columns + c] ? shown[r * table->columns + c] : "";
            bool number = cell->type == SQLITE_INTEGER || cell->type == SQLITE_FLOAT;
            size_t w = format_cell_width(text);
            if (number)
                format_pad(widths[c] - w, out);
            /* the last column needs no padding, so it is shown whole */
            format_put_cell(text, c + 1 < table->columns ? FORMAT_CELL_WIDTH : 0, out);
            if (c + 1 < table->columns)
                format_pad((number ? 0 : widths[c] - w) + 2, out);
        }
        fputc('\n', out);
    }
    free(widths);
    format_shown_free(table, shown);
}

static void format_put_csv(const char *s, FILE *out)
{
    if (s == NULL)
        return;
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void format_print_csv(const struct format_table *table, FILE *out)
{
    for (size_t c = 0; c < table->columns; c++) {
        format_put_csv(table->names[c], out);
        fputs(c + 1 < table->columns ? "," : "\r\n", out);
    }
    for (size_t i = 0; i < table->cells; i++) {
        format_put_csv(table->cell[i].text, out);
        fputs((i + 1) % table->columns ? "," : "\r\n", out);
    }
}

/* Writes a cell's value as JSON (typed: integers and reals as numbers, a
   real in its shortest form). Returns -1 for text that is not UTF-8. */
static void format_put_file(void *context, const char *text, size_t len)
{
    fwrite(text, 1, len, context);
}

/* Writes s as a JSON string; bytes that are not well-formed UTF-8 (a file
   name from the file system) are written as U+FFFD instead of failing. */
static int format_put_json_string(const char *s, FILE *out)
{
    size_t len = strlen(s);
    if (text_utf8_invalid_at(s, len) == len) {
        json_put_string(s, len, format_put_file, out);
        return 0;
    }
    char *repaired = malloc(len * 3 + 1), *to = repaired;
    if (repaired == NULL)
        return -1;
    while (len > 0) {
        size_t valid = text_utf8_invalid_at(s, len);
        memcpy(to, s, valid);
        to += valid;
        if (valid == len)
            break;
        memcpy(to, "\xEF\xBF\xBD", 3);
        to += 3;
        s += valid + 1;
        len -= valid + 1;
    }
    json_put_string(repaired, (size_t)(to - repaired), format_put_file, out);
    free(repaired);
    return 0;
}

static int format_put_json_cell(const struct format_cell *cell, FILE *out)
{
    char number[JSON_REAL_SIZE];
    switch (cell->type) {
    case SQLITE_NULL:
        fputs("null", out);
        return 0;
    case SQLITE_INTEGER:
        fputs(cell->text, out);
        return 0;
    case SQLITE_FLOAT:
        if (!isfinite(cell->real)) {
            fputs("null", out);
            return 0;
        }
        json_real_text(cell->real, number);
        fputs(number, out);
        return 0;
    default:
        return format_put_json_string(cell->text, out);
    }
}

/* An array of objects, one per row, keys in column order, two spaces of
   indentation ([] when there is no row). */
static int format_print_json(const struct format_table *table, FILE *out)
{
    if (table->cells == 0 || table->columns == 0) {
        fputs("[]\n", out);
        return 0;
    }
    fputs("[", out);
    for (size_t i = 0; i < table->cells; i += table->columns) {
        fputs(i == 0 ? "\n  {" : ",\n  {", out);
        for (size_t c = 0; c < table->columns; c++) {
            fputs(c == 0 ? "\n    " : ",\n    ", out);
            if (format_put_json_string(table->names[c], out) != 0)
                return -1;
            fputs(": ", out);
            if (format_put_json_cell(&table->cell[i + c], out) != 0)
                return -1;
        }
        fputs("\n  }", out);
    }
    fputs("\n]\n", out);
    return 0;
}

/* A TSV cell: backslash, tab, line feed and carriage return escaped as
   \\, \t, \n and \r, so that every row is one line. */
static void format_put_tsv(const char *s, FILE *out)
{
    if (s == NULL)
        return;
    for (; *s; s++) {
        switch (*s) {
        case '\\': fputs("\\\\", out); break;
        case '\t': fputs("\\t", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        default: fputc(*s, out); break;
        }
    }
}

static void format_print_tsv(const struct format_table *table, FILE *out)
{
    for (size_t c = 0; c < table->columns; c++) {
        format_put_tsv(table->names[c], out);
        fputc(c + 1 < table->columns ? '\t' : '\n', out);
    }
    for (size_t i = 0; i < table->cells; i++) {
        format_put_tsv(table->cell[i].text, out);
        fputc((i + 1) % table->columns ? '\t' : '\n', out);
    }
}

int format_table_print(const struct format_table *table, enum format_kind kind, FILE *out)
{
    int status = 0;
    switch (kind) {
    case FORMAT_TABLE:
        format_print_table(table, out);
        break;
    case FORMAT_CSV:
        format_print_csv(table, out);
        break;
    case FORMAT_TSV:
        format_print_tsv(table, out);
        break;
    case FORMAT_JSON:
        status = format_print_json(table, out);
        break;
    }
    return fflush(out) == 0 && !ferror(out) ? status : -1;
}
