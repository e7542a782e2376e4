/* format.c: the one writer of rows as an aligned table, CSV, TSV or JSON:
   the C commands print through it, and the Lua side (cli.render, the
   reports' csv and tsv, the REPL) through quarry.format_table. */
#include "format.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "text.h"


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

const struct format_look format_look_records = {72, 0, false, false, false};
const struct format_look format_look_listing = {60, 3, true, true, true};

/* Where the printers write: put receives the text; with trim, white space
   is held back and dropped when a line ends, so no line ends in blanks. */
struct format_out {
    json_put_fn *put;
    void *context;
    bool trim;
    char *held; /* white space not yet written (trim only) */
    size_t held_len, held_capacity;
    bool failed; /* out of memory while holding white space back */
};

static bool format_is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static void format_hold(struct format_out *out, char c)
{
    if (out->held_len == out->held_capacity) {
        size_t capacity = out->held_capacity ? out->held_capacity * 2 : 128;
        char *grown = realloc(out->held, capacity);
        if (grown == NULL) {
            out->failed = true;
            return;
        }
        out->held = grown;
        out->held_capacity = capacity;
    }
    out->held[out->held_len++] = c;
}

/* Writes the white space held back: a word follows it on its line. */
static void format_release(struct format_out *out)
{
    if (out->held_len > 0)
        out->put(out->context, out->held, out->held_len);
    out->held_len = 0;
}

static void format_write(struct format_out *out, const char *text, size_t len)
{
    if (!out->trim) {
        out->put(out->context, text, len);
        return;
    }
    size_t from = 0; /* text[from..i) is not yet written and holds no blank */
    for (size_t i = 0; i < len; i++) {
        if (!format_is_blank(text[i]) && text[i] != '\n')
            continue;
        if (i > from) {
            format_release(out);
            out->put(out->context, text + from, i - from);
        }
        from = i + 1;
        if (text[i] == '\n') {
            out->held_len = 0;
            out->put(out->context, "\n", 1);
        } else {
            format_hold(out, text[i]);
        }
    }
    if (len > from) {
        format_release(out);
        out->put(out->context, text + from, len - from);
    }
}

static void format_puts(struct format_out *out, const char *s)
{
    format_write(out, s, strlen(s));
}

static void format_putc(struct format_out *out, char c)
{
    format_write(out, &c, 1);
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
static size_t format_put_cell(const char *s, size_t limit, struct format_out *out)
{
    size_t width = 0;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c & 0xc0) != 0x80) {
            if (limit > 0 && width == limit - 1 && format_width(p) > 1) {
                format_puts(out, "…");
                return width + 1;
            }
            width++;
        }
        format_putc(out, c == '\n' || c == '\r' || c == '\t' ? ' ' : (char)c);
    }
    return width;
}

static size_t format_cell_width(const char *s, size_t limit)
{
    size_t width = s ? format_width(s) : 0;
    return width > limit ? limit : width;
}

static void format_pad(size_t count, struct format_out *out)
{
    while (count-- > 0)
        format_putc(out, ' ');
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

/* The column widths of the aligned table: the widest cell as shown (cut
   at the look's width) or heading. NULL when out of memory. */
static size_t *format_widths(const struct format_table *table, const char *const *shown,
                             const struct format_look *look)
{
    size_t rows = table->columns ? table->cells / table->columns : 0;
    size_t *widths = calloc(table->columns ? table->columns : 1, sizeof *widths);
    if (widths == NULL)
        return NULL;
    for (size_t c = 0; c < table->columns; c++) {
        bool last = c + 1 == table->columns;
        widths[c] = look->headings_whole ? format_width(table->names[c])
                                         : format_cell_width(table->names[c], look->cell_width);
        if (last && look->last_rule_heading)
            continue;
        for (size_t r = 0; r < rows; r++) {
            size_t w = format_cell_width(shown[r * table->columns + c], look->cell_width);
            if (w > widths[c])
                widths[c] = w;
        }
    }
    return widths;
}

static int format_print_table(const struct format_table *table, const struct format_look *look,
                              struct format_out *out)
{
    size_t rows = table->columns ? table->cells / table->columns : 0;
    const char **shown = format_shown_cells(table);
    if (shown == NULL)
        return -1;
    size_t *widths = format_widths(table, shown, look);
    if (widths == NULL) {
        format_shown_free(table, shown);
        return -1;
    }
    for (size_t c = 0; c < table->columns; c++) {
        size_t w;
        if (look->headings_whole) {
            format_puts(out, table->names[c]);
            w = format_width(table->names[c]);
        } else {
            w = format_put_cell(table->names[c], look->cell_width, out);
        }
        if (c + 1 < table->columns)
            format_pad(widths[c] - w + 2, out);
    }
    format_putc(out, '\n');
    for (size_t c = 0; c < table->columns; c++) {
        size_t dashes = widths[c] > look->rule_min ? widths[c] : look->rule_min;
        for (size_t i = 0; i < dashes; i++)
            format_putc(out, '-');
        if (c + 1 < table->columns)
            format_puts(out, "  ");
    }
    format_putc(out, '\n');
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < table->columns; c++) {
            const struct format_cell *cell = &table->cell[r * table->columns + c];
            const char *text = shown[r * table->columns + c] ? shown[r * table->columns + c] : "";
            bool number = cell->type == SQLITE_INTEGER || cell->type == SQLITE_FLOAT;
            size_t w = format_cell_width(text, look->cell_width);
            if (number)
                format_pad(widths[c] - w, out);
            /* the last column needs no padding, so it is shown whole */
            format_put_cell(text, c + 1 < table->columns ? look->cell_width : 0, out);
            if (c + 1 < table->columns)
                format_pad((number ? 0 : widths[c] - w) + 2, out);
        }
        format_putc(out, '\n');
    }
    free(widths);
    format_shown_free(table, shown);
    return 0;
}

/* A CSV cell (RFC 4180): quoted, with quotes doubled, when it holds a
   comma, a quote or a line break. */
static void format_put_csv(const char *s, struct format_out *out)
{
    if (s == NULL)
        return;
    if (strpbrk(s, ",\"\r\n") == NULL) {
        format_puts(out, s);
        return;
    }
    format_putc(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            format_putc(out, '"');
        format_putc(out, *s);
    }
    format_putc(out, '"');
}

static void format_print_csv(const struct format_table *table, struct format_out *out)
{
    for (size_t c = 0; c < table->columns; c++) {
        format_put_csv(table->names[c], out);
        format_puts(out, c + 1 < table->columns ? "," : "\r\n");
    }
    for (size_t i = 0; i < table->cells; i++) {
        format_put_csv(table->cell[i].text, out);
        format_puts(out, (i + 1) % table->columns ? "," : "\r\n");
    }
}

/* Writes s as a JSON string; bytes that are not well-formed UTF-8 (a file
   name from the file system) are written as U+FFFD instead of failing. */
static int format_put_json_string(const char *s, struct format_out *out)
{
    size_t len = strlen(s);
    if (text_utf8_invalid_at(s, len) == len) {
        json_put_string(s, len, out->put, out->context);
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
    json_put_string(repaired, (size_t)(to - repaired), out->put, out->context);
    free(repaired);
    return 0;
}

/* Writes a cell's value as JSON (typed: integers and reals as numbers, a
   real in its shortest form). Returns -1 when out of memory. */
static int format_put_json_cell(const struct format_cell *cell, struct format_out *out)
{
    char number[JSON_REAL_SIZE];
    switch (cell->type) {
    case SQLITE_NULL:
        format_puts(out, "null");
        return 0;
    case SQLITE_INTEGER:
        format_puts(out, cell->text);
        return 0;
    case SQLITE_FLOAT:
        if (!isfinite(cell->real)) {
            format_puts(out, "null");
            return 0;
        }
        json_real_text(cell->real, number);
        format_puts(out, number);
        return 0;
    default:
        return format_put_json_string(cell->text, out);
    }
}

/* An array of objects, one per row, keys in column order, two spaces of
   indentation ([] when there is no row). */
static int format_print_json(const struct format_table *table, struct format_out *out)
{
    if (table->cells == 0 || table->columns == 0) {
        format_puts(out, "[]\n");
        return 0;
    }
    format_puts(out, "[");
    for (size_t i = 0; i < table->cells; i += table->columns) {
        format_puts(out, i == 0 ? "\n  {" : ",\n  {");
        for (size_t c = 0; c < table->columns; c++) {
            format_puts(out, c == 0 ? "\n    " : ",\n    ");
            if (format_put_json_string(table->names[c], out) != 0)
                return -1;
            format_puts(out, ": ");
            if (format_put_json_cell(&table->cell[i + c], out) != 0)
                return -1;
        }
        format_puts(out, "\n  }");
    }
    format_puts(out, "\n]\n");
    return 0;
}

/* A TSV cell: backslash, tab, line feed and carriage return escaped as
   \\, \t, \n and \r, so that every row is one line. */
static void format_put_tsv(const char *s, struct format_out *out)
{
    if (s == NULL)
        return;
    for (; *s; s++) {
        switch (*s) {
        case '\\': format_puts(out, "\\\\"); break;
        case '\t': format_puts(out, "\\t"); break;
        case '\n': format_puts(out, "\\n"); break;
        case '\r': format_puts(out, "\\r"); break;
        default: format_putc(out, *s); break;
        }
    }
}

static void format_print_tsv(const struct format_table *table, struct format_out *out)
{
    for (size_t c = 0; c < table->columns; c++) {
        format_put_tsv(table->names[c], out);
        format_putc(out, c + 1 < table->columns ? '\t' : '\n');
    }
    for (size_t i = 0; i < table->cells; i++) {
        format_put_tsv(table->cell[i].text, out);
        format_putc(out, (i + 1) % table->columns ? '\t' : '\n');
    }
}

int format_table_write(const struct format_table *table, enum format_kind kind,
                       const struct format_look *look, json_put_fn *put, void *context)
{
    struct format_out out = {put, context, kind == FORMAT_TABLE && look->trim, NULL, 0, 0, false};
    int status = 0;
    switch (kind) {
    case FORMAT_TABLE:
        status = format_print_table(table, look, &out);
        break;
    case FORMAT_CSV:
        format_print_csv(table, &out);
        break;
    case FORMAT_TSV:
        format_print_tsv(table, &out);
        break;
    case FORMAT_JSON:
        status = format_print_json(table, &out);
        break;
    }
    free(out.held);
    return out.failed ? -1 : status;
}

static void format_put_file(void *context, const char *text, size_t len)
{
    fwrite(text, 1, len, context);
}

/* Writes table as CSV or TSV with its cells as a terminal shows them
   (format_shown_cells): the aligned table escapes its cells itself, JSON
   writes controls as \u escapes. Returns what format_table_write does. */
static int format_write_shown(const struct format_table *table, enum format_kind kind, FILE *out)
{
    const char **shown = format_shown_cells(table);
    struct format_cell *cells = malloc((table->cells ? table->cells : 1) * sizeof *cells);
    int status = -1;
    if (shown != NULL && cells != NULL) {
        struct format_table view = *table;
        for (size_t i = 0; i < table->cells; i++) {
            cells[i] = table->cell[i];
            cells[i].text = (char *)shown[i];
        }
        view.cell = cells;
        status = format_table_write(&view, kind, &format_look_records, format_put_file, out);
    }
    free(cells);
    if (shown != NULL)
        format_shown_free(table, shown);
    return status;
}

int format_table_print(const struct format_table *table, enum format_kind kind, FILE *out)
{
    /* on a terminal a name's escape sequence is shown, not obeyed; to a
       file or a pipe the data goes as it is */
    bool terminal = (kind == FORMAT_CSV || kind == FORMAT_TSV) && isatty(fileno(out));
    int status = terminal ? format_write_shown(table, kind, out)
                          : format_table_write(table, kind, &format_look_records, format_put_file, out);
    return fflush(out) == 0 && !ferror(out) ? status : -1;
}
