/* load.c: files and folders to documents. Text is stored byte for byte;
   HTML goes through html.c; JSON Lines through jansson, one document a line. */
#include "load.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "html.h"
#include "text.h"

enum load_format load_format_of(const char *path)
{
    static const struct { const char *ext; enum load_format format; } table[] = {
        {".txt", LOAD_TEXT}, {".text", LOAD_TEXT}, {".md", LOAD_TEXT},
        {".markdown", LOAD_TEXT}, {".html", LOAD_HTML}, {".htm", LOAD_HTML},
        {".xhtml", LOAD_HTML}, {".jsonl", LOAD_JSONL}, {".ndjson", LOAD_JSONL},
    };
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    if (dot == NULL)
        return LOAD_UNKNOWN;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcasecmp(dot, table[i].ext) == 0)
            return table[i].format;
    return LOAD_UNKNOWN;
}

static const char *load_base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void load_reject_errno(const struct load_sink *sink, const char *path)
{
    sink->reject(sink->ctx, path, 0, strerror(errno));
}

/* Why a path that is not a folder or a regular file is not read. */
static const char *load_special_file_reason(const struct stat *info)
{
    if (S_ISFIFO(info->st_mode))
        return "skipped: not a regular file (a FIFO)";
    if (S_ISSOCK(info->st_mode))
        return "skipped: not a regular file (a socket)";
    if (S_ISCHR(info->st_mode) || S_ISBLK(info->st_mode))
        return "skipped: not a regular file (a device)";
    return "skipped: not a regular file";
}

/* Opens a planned file for reading without ever blocking: a path that was
   a regular file when it was listed may be a FIFO by now, and opening a
   FIFO waits for a writer. Returns the stream, or NULL with the reason
   given to the sink. */
static FILE *load_open_regular(const char *path, const struct load_sink *sink)
{
    struct stat info;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        load_reject_errno(sink, path);
        return NULL;
    }
    if (fstat(fd, &info) != 0) {
        load_reject_errno(sink, path);
        close(fd);
        return NULL;
    }
    if (!S_ISREG(info.st_mode)) {
        sink->reject(sink->ctx, path, 0, load_special_file_reason(&info));
        close(fd);
        return NULL;
    }
    int flags = fcntl(fd, F_GETFL);
    FILE *stream = NULL;
    if (flags == -1 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1
        || (stream = fdopen(fd, "rb")) == NULL) {
        load_reject_errno(sink, path);
        close(fd);
        return NULL;
    }
    return stream;
}

static int load_plan_add(struct load_plan *plan, const char *path, size_t size,
                         enum load_format format)
{
    struct load_file *grown = realloc(plan->files, (plan->count + 1) * sizeof *grown);
    char *copy = strdup(path);
    if (grown == NULL || copy == NULL) {
        if (grown != NULL)
            plan->files = grown;
        free(copy);
        return -1;
    }
    plan->files = grown;
    grown[plan->count++] = (struct load_file){copy, size, format};
    plan->total_bytes += size;
    return 0;
}

static int load_compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_plan_path(struct load_plan *plan, const char *path, bool explicit,
                          const struct load_sink *sink);

/* Enters a folder: returns 1 when it is one of the folders being walked
   already (a link back up the tree, which would never end), 0 when it is
   new, -1 when out of memory. load_plan_leave pops it again. */
static int load_plan_enter(struct load_plan *plan, const struct stat *info)
{
    for (size_t i = 0; i < plan->folder_count; i++)
        if (plan->folders[i].device == info->st_dev && plan->folders[i].inode == info->st_ino)
            return 1;
    struct load_folder *grown = realloc(plan->folders, (plan->folder_count + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    plan->folders = grown;
    grown[plan->folder_count++] = (struct load_folder){info->st_dev, info->st_ino};
    return 0;
}

/* Adds a folder's entries in name order, so runs are reproducible. A
   folder that is already being walked further up is skipped, so symbolic
   links cannot make a cycle. */
static int load_plan_folder(struct load_plan *plan, const char *path,
                            const struct stat *info, const struct load_sink *sink)
{
    int visited = load_plan_enter(plan, info);
    if (visited != 0)
        return visited < 0 ? -1 : 0;
    DIR *dir = opendir(path);
    char **names = NULL;
    size_t count = 0;
    int status = 0;
    struct dirent *entry;

    if (dir == NULL) {
        load_reject_errno(sink, path);
        plan->folder_count--;
        return 0;
    }
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        char **grown = realloc(names, (count + 1) * sizeof *grown);
        if (grown == NULL || (grown[count] = strdup(entry->d_name)) == NULL) {
            if (grown != NULL)
                names = grown;
            status = -1;
            break;
        }
        names = grown;
        count++;
    }
    closedir(dir);
    if (status == 0 && count > 1)
        qsort(names, count, sizeof *names, load_compare_names);
    for (size_t i = 0; i < count; i++) {
        if (status == 0) {
            size_t len = strlen(path) + strlen(names[i]) + 2;
            char *child = malloc(len);
            if (child == NULL) {
                status = -1;
            } else {
                bool slash = path[strlen(path) - 1] == '/';
                snprintf(child, len, "%s%s%s", path, slash ? "" : "/", names[i]);
                status = load_plan_path(plan, child, false, sink);
                free(child);
            }
        }
        free(names[i]);
    }
    free(names);
    plan->folder_count--;
    return status;
}

static int load_plan_path(struct load_plan *plan, const char *path, bool explicit,
                          const struct load_sink *sink)
{
    struct stat info;
    if (stat(path, &info) != 0) {
        load_reject_errno(sink, path);
        return 0;
    }
    if (S_ISDIR(info.st_mode))
        return load_plan_folder(plan, path, &info, sink);
    if (!S_ISREG(info.st_mode)) {
        /* a FIFO, socket or device: never opened (a FIFO would block), and
           said so also in a folder, so nothing is passed over silently */
        sink->reject(sink->ctx, path, 0, load_special_file_reason(&info));
        return 0;
    }
    enum load_format format = load_format_of(path);
    if (format == LOAD_UNKNOWN) {
        if (!explicit) {
            plan->ignored++;
            return 0;
        }
        format = LOAD_TEXT;
    }
    return load_plan_add(plan, path, (size_t)info.st_size, format);
}

int load_plan_paths(struct load_plan *plan, char *const *paths, size_t count,
                    const struct load_sink *sink)
{
    for (size_t i = 0; i < count; i++)
        if (load_plan_path(plan, paths[i], true, sink) != 0)
            return -1;
    return 0;
}

void load_plan_clear(struct load_plan *plan)
{
    for (size_t i = 0; i < plan->count; i++)
        free(plan->files[i].path);
    free(plan->files);
    free(plan->folders);
    memset(plan, 0, sizeof *plan);
}

/* Reads a whole stream into a NUL-terminated buffer the caller frees. */
static char *load_read_all(FILE *stream, size_t *len)
{
    size_t size = 0, capacity = 65536;
    char *buffer = malloc(capacity + 1);
    while (buffer != NULL) {
        size += fread(buffer + size, 1, capacity - size, stream);
        if (size < capacity)
            break;
        char *grown = realloc(buffer, capacity * 2 + 1);
        if (grown == NULL) {
            free(buffer);
            return NULL;
        }
        buffer = grown;
        capacity *= 2;
    }
    if (buffer == NULL)
        return NULL;
    if (ferror(stream)) {
        free(buffer);
        return NULL;
    }
    buffer[size] = '\0';
    *len = size;
    return buffer;
}

int load_text(const char *data, size_t len, struct doc_record *doc,
              char *err, size_t err_size)
{
    size_t bad;
    if (len == 0 || text_is_blank(data, len)) {
        snprintf(err, err_size, "empty document");
        return -1;
    }
    if (text_looks_binary(data, len)) {
        snprintf(err, err_size, "binary file, not text");
        return -1;
    }
    if ((bad = text_utf8_invalid_at(data, len)) != len) {
        snprintf(err, err_size, "invalid UTF-8 at byte %zu (convert the file to UTF-8)", bad);
        return -1;
    }
    doc->text = malloc(len + 1);
    if (doc->text == NULL) {
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    memcpy(doc->text, data, len);
    doc->text[len] = '\0';
    doc->text_len = len;
    return 0;
}

/* A document in UTF-16 or UTF-32 with a byte-order mark is decoded to
   UTF-8 before anything else looks at it: *data (len bytes, the caller's)
   is replaced by the UTF-8. For HTML the result starts with a UTF-8 mark,
   so libxml2 reads it as UTF-8 whatever its meta charset still says.
   Returns 0 (decoded, or nothing to decode), or -1 with the reason in err. */
static int load_decode_wide(char **data, size_t *len, bool html, char *err, size_t err_size)
{
    char *utf8;
    size_t utf8_len;
    int decoded = text_decode_wide(*data, *len, &utf8, &utf8_len, err, err_size);
    if (decoded <= 0)
        return decoded;
    if (html && utf8_len > 0) { /* (nothing but the mark: an empty document) */
        char *marked = malloc(utf8_len + 4);
        if (marked == NULL) {
            free(utf8);
            snprintf(err, err_size, "out of memory");
            return -1;
        }
        memcpy(marked, "\xef\xbb\xbf", 3);
        memcpy(marked + 3, utf8, utf8_len + 1);
        free(utf8);
        utf8 = marked;
        utf8_len += 3;
    }
    free(*data);
    *data = utf8;
    *len = utf8_len;
    return 0;
}

/* Fills name, source and format, then hands the record to the sink. */
static int load_deliver(const struct load_sink *sink, struct doc_record *doc,
                        const char *name, const char *source, const char *format,
                        const char *path)
{
    int status;
    doc->name = strdup(name);
    doc->source = strdup(source);
    doc->format = format;
    if (doc->name == NULL || doc->source == NULL) {
        sink->reject(sink->ctx, path, 0, "out of memory");
        doc_record_clear(doc);
        return 0;
    }
    status = sink->document(sink->ctx, doc);
    doc_record_clear(doc);
    return status;
}

static int load_whole_file(const struct load_file *file, const struct load_sink *sink)
{
    struct doc_record doc = {0};
    char err[256];
    size_t len = 0;
    int status;
    FILE *stream = load_open_regular(file->path, sink);
    char *data;

    if (stream == NULL)
        return 0;
    data = load_read_all(stream, &len);
    if (data == NULL) {
        sink->reject(sink->ctx, file->path, 0,
                     ferror(stream) ? strerror(errno) : "out of memory");
        fclose(stream);
        return 0;
    }
    fclose(stream);
    size_t read_len = len;
    if (load_decode_wide(&data, &len, file->format == LOAD_HTML, err, sizeof err) != 0) {
        free(data);
        if (sink->progress)
            sink->progress(sink->ctx, read_len);
        sink->reject(sink->ctx, file->path, 0, err);
        return 0;
    }
    if (file->format == LOAD_HTML) {
        status = len == 0 ? (snprintf(err, sizeof err, "empty document"), -1)
                          : text_looks_binary(data, len)
                                ? (snprintf(err, sizeof err, "binary file, not HTML"), -1)
                                : html_extract(data, len, &doc, err, sizeof err);
    } else {
        status = load_text(data, len, &doc, err, sizeof err);
    }
    free(data);
    if (sink->progress)
        sink->progress(sink->ctx, read_len);
    if (status != 0) {
        sink->reject(sink->ctx, file->path, 0, err);
        doc_record_clear(&doc);
        return 0;
    }
    return load_deliver(sink, &doc, load_base_name(file->path), file->path,
                        file->format == LOAD_HTML ? "html" : "text", file->path);
}

static char *load_json_string(json_t *object, const char *key)
{
    json_t *value = json_object_get(object, key);
    if (json_is_string(value))
        return strdup(json_string_value(value));
    if (json_is_integer(value)) {
        char number[32];
        snprintf(number, sizeof number, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
        return strdup(number);
    }
    return NULL;
}

int load_json_line(const char *line, size_t len, struct doc_record *doc,
                          char *err, size_t err_size)
{
    json_error_t error;
    json_t *object = json_loadb(line, len, JSON_DECODE_ANY, &error);
    json_t *text;
    int status = -1;

    if (object == NULL) {
        snprintf(err, err_size, "malformed JSON: %s (column %d)", error.text, error.column);
        return -1;
    }
    text = json_object_get(object, "text");
    if (!json_is_object(object)) {
        snprintf(err, err_size, "a line must hold a JSON object");
    } else if (!json_is_string(text)) {
        snprintf(err, err_size, "no \"text\" string in the object");
    } else if (json_string_length(text) == 0
               || text_is_blank(json_string_value(text), json_string_length(text))) {
        snprintf(err, err_size, "empty \"text\"");
    } else {
        doc->text_len = json_string_length(text);
        doc->text = strdup(json_string_value(text));
        doc->name = load_json_string(object, "id");
        doc->source = load_json_string(object, "url");
        doc->title = load_json_string(object, "title");
        doc->published = load_json_string(object, "published");
        if (doc->text == NULL)
            snprintf(err, err_size, "out of memory");
        else
            status = 0;
    }
    json_decref(object);
    return status;
}

/* A JSONL file in UTF-16 or UTF-32 (with its byte-order mark) is read
   whole and decoded, and its lines are then read from the UTF-8 in memory:
   *stream is replaced by a stream over *decoded (the caller frees both),
   or set to NULL when nothing is left after the mark. Returns 0, or -1
   when the file was rejected (the reason told to the sink, the stream
   closed). A file without such a mark is left as it is. */
static int load_jsonl_decode(FILE **stream, char **decoded, const char *path,
                             const struct load_sink *sink)
{
    unsigned char mark[4];
    size_t got = fread(mark, 1, sizeof mark, *stream), len = 0, utf8_len = 0;
    char err[256], *data;
    bool wide = (got >= 2 && ((mark[0] == 0xff && mark[1] == 0xfe)
                              || (mark[0] == 0xfe && mark[1] == 0xff)))
                || (got == 4 && mark[0] == 0 && mark[1] == 0 && mark[2] == 0xfe && mark[3] == 0xff);
    if (fseek(*stream, 0, SEEK_SET) != 0) {
        load_reject_errno(sink, path);
        fclose(*stream);
        *stream = NULL;
        return -1;
    }
    if (!wide)
        return 0;
    data = load_read_all(*stream, &len);
    fclose(*stream);
    *stream = NULL;
    if (data == NULL) {
        sink->reject(sink->ctx, path, 0, "could not read the file");
        return -1;
    }
    int status = text_decode_wide(data, len, decoded, &utf8_len, err, sizeof err);
    free(data);
    if (status < 0) {
        sink->reject(sink->ctx, path, 0, err);
        return -1;
    }
    if (utf8_len > 0 && (*stream = fmemopen(*decoded, utf8_len, "rb")) == NULL) {
        load_reject_errno(sink, path);
        free(*decoded);
        *decoded = NULL;
        return -1;
    }
    return 0;
}

int load_jsonl_line(const struct load_file *file, const char *line, size_t len, long number,
                    size_t done, const struct load_sink *sink)
{
    struct doc_record doc = {0};
    char err[256];
    int status = 0;

    if (text_is_blank(line, len))
        return 0;
    /* a byte order mark before the first line is not part of the JSON */
    size_t skip = number == 1 && len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    if (load_json_line(line + skip, len - skip, &doc, err, sizeof err) != 0) {
        sink->reject(sink->ctx, file->path, number, err);
        doc_record_clear(&doc);
        return 0;
    }
    /* A line without an id is named after the file and its line. */
    char *name = doc.name, *source = doc.source, *fallback = NULL;
    doc.name = doc.source = NULL;
    if (name == NULL) {
        const char *base = load_base_name(file->path);
        size_t size = strlen(base) + 24;
        if ((fallback = malloc(size)) != NULL)
            snprintf(fallback, size, "%s:%ld", base, number);
    }
    if (sink->progress)
        sink->progress(sink->ctx, done);
    if (name == NULL && fallback == NULL) {
        sink->reject(sink->ctx, file->path, number, "out of memory");
        doc_record_clear(&doc);
    } else {
        status = load_deliver(sink, &doc, name ? name : fallback,
                              source ? source : file->path, "jsonl", file->path);
    }
    free(name);
    free(fallback);
    free(source);
    return status;
}

int load_jsonl_open(const char *path, const struct load_sink *sink, FILE **stream,
                    char **decoded)
{
    *decoded = NULL;
    if ((*stream = load_open_regular(path, sink)) == NULL)
        return -1;
    return load_jsonl_decode(stream, decoded, path, sink);
}

void load_jsonl_reject_empty(const char *path, const struct load_sink *sink)
{
    /* an empty file is said to be one, so a truncated export or a wrong
       path does not pass unnoticed */
    sink->reject(sink->ctx, path, 0, "no records: the file is empty or holds only blank lines");
}

static int load_jsonl(const struct load_file *file, const struct load_sink *sink)
{
    FILE *stream = NULL;
    char *line = NULL, *decoded = NULL;
    size_t capacity = 0, done = 0;
    ssize_t len;
    long number = 0, records = 0;
    int status = 0;

    if (load_jsonl_open(file->path, sink, &stream, &decoded) != 0)
        return 0;
    while (stream != NULL && status == 0 && (len = getline(&line, &capacity, stream)) != -1) {
        number++;
        done += (size_t)len;
        if (!text_is_blank(line, (size_t)len))
            records++;
        status = load_jsonl_line(file, line, (size_t)len, number, done, sink);
    }
    if (stream != NULL && ferror(stream))
        sink->reject(sink->ctx, file->path, number + 1, strerror(errno));
    else if (records == 0)
        load_jsonl_reject_empty(file->path, sink);
    free(line);
    if (stream != NULL)
        fclose(stream);
    free(decoded);
    return status;
}

void load_init_threads(void)
{
    html_init_threads();
    json_object_seed(0); /* jansson's hash seed, chosen once, before any thread */
}

int load_file(const struct load_file *file, const struct load_sink *sink)
{
    if (file->format == LOAD_JSONL)
        return load_jsonl(file, sink);
    return load_whole_file(file, sink);
}

int load_stream(FILE *stream, const char *name, const struct load_sink *sink)
{
    struct doc_record doc = {0};
    char err[256];
    size_t len = 0;
    char *data = load_read_all(stream, &len);

    if (data == NULL) {
        sink->reject(sink->ctx, name, 0, "could not read standard input");
        return 0;
    }
    if (load_text(data, len, &doc, err, sizeof err) != 0) {
        free(data);
        sink->reject(sink->ctx, name, 0, err);
        doc_record_clear(&doc);
        return 0;
    }
    free(data);
    return load_deliver(sink, &doc, name, "-", "text", name);
}
