/* format.c: tabular output for the CLI. */
#include "format.h"
#include "text.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define FORMAT_CELL_WIDTH 72

struct format_cell {
    int type;
    char *text; /* NULL for SQL NULL */
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
    table->cell[table->cells++] = (struct format_cell){text ? type : SQLITE_NULL, copy};
    return 0;
}

int format_table_add_row(struct format_table *table, sqlite3_stmt *stmt)
{
    for (size_t c = 0; c < table->columns; c++) {
        int type = sqlite3_column_type(stmt, (int)c);
        const char *text = (const char *)sqlite3_column_text(stmt, (int)c);
        if (format_table_add(table, type == SQLITE_BLOB ? SQLITE_TEXT : type, text) != 0)
            return -1;
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

static void format_print_table(const struct format_table *table, FILE *out)
{
    size_t rows = table->columns ? table->cells / table->columns : 0;
    size_t *widths = calloc(table->columns ? table->columns : 1, sizeof *widths);
    if (widths == NULL)
        return;
    for (size_t c = 0; c < table->columns; c++) {
        widths[c] = format_cell_width(table->names[c]);
        for (size_t r = 0; r < rows; r++) {
            size_t w = format_cell_width(table->cell[r * table->columns + c].text);
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
            const char *text = cell->text ? cell->text : "";
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

/* A JSON string of text; bytes that are not well-formed UTF-8 (a file
   name from the file system) are written as U+FFFD instead of failing. */
static json_t *format_json_string(const char *text)
{
    json_t *string = json_string(text);
    if (string != NULL)
        return string;
    size_t len = strlen(text);
    char *repaired = malloc(len * 3 + 1), *out = repaired;
    if (repaired == NULL)
        return NULL;
    while (len > 0) {
        size_t valid = text_utf8_invalid_at(text, len);
        memcpy(out, text, valid);
        out += valid;
        if (valid == len)
            break;
        memcpy(out, "\xEF\xBF\xBD", 3);
        out += 3;
        text += valid + 1;
        len -= valid + 1;
    }
    *out = '\0';
    string = json_string(repaired);
    free(repaired);
    return string;
}

static json_t *format_json_cell(const struct format_cell *cell)
{
    switch (cell->type) {
    case SQLITE_NULL:
        return json_null();
    case SQLITE_INTEGER:
        return json_integer(strtoll(cell->text, NULL, 10));
    case SQLITE_FLOAT:
        return json_real(strtod(cell->text, NULL));
    default:
        return format_json_string(cell->text);
    }
}

static int format_print_json(const struct format_table *table, FILE *out)
{
    json_t *rows = json_array();
    int status = -1;
    if (rows == NULL)
        return -1;
    for (size_t i = 0; i < table->cells; i += table->columns) {
        json_t *row = json_object();
        if (row == NULL || json_array_append_new(rows, row) != 0)
            goto done;
        for (size_t c = 0; c < table->columns; c++)
            if (json_object_set_new(row, table->names[c], format_json_cell(&table->cell[i + c])) != 0)
                goto done;
    }
    status = json_dumpf(rows, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    fputc('\n', out);
done:
    json_decref(rows);
    return status;
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
    case FORMAT_JSON:
        status = format_print_json(table, out);
        break;
    }
    return fflush(out) == 0 && !ferror(out) ? status : -1;
}
