/* ingest.c: loading and storing in several threads. A reader thread walks
   the files in order and cuts them into units of work (a text or HTML file,
   or a run of JSON Lines); N loader threads read, parse and hash the units,
   any unit to any loader; the calling thread alone writes: it takes the
   units back in input order and stores their documents in batched
   transactions, with the messages. So documents get the same ids and the
   messages the same order whatever N is. With N = 1 the same code runs in
   the calling thread alone, one unit after the other. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "ingest.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hash.h"
#include "load.h"
#include "text.h"

/* A batch is one transaction: large enough that FTS5 writes few, large
   segments; small enough that a failure loses little. */
#define INGEST_BATCH_DOCUMENTS 100000
#define INGEST_BATCH_BYTES (64u << 20)
/* how many of the documents not stored are named in the message */
#define INGEST_LOST_NAMED 10
/* Input handed to a loader at once: a few milliseconds of parsing, so
   that loaders share a single large file evenly, and few enough units
   that handing them over costs little. */
#define INGEST_UNIT_BYTES (128u << 10)
#define INGEST_UNIT_FILES 64
/* Units in flight (made, being loaded, or waiting to be stored) per
   loader: enough that no loader waits for a long file to be stored,
   few enough that memory stays small. */
#define INGEST_UNITS_PER_LOADER 4
#define INGEST_MAX_LOADERS 64

enum ingest_item_kind { INGEST_DOCUMENT, INGEST_REJECT, INGEST_FILE_END };

/* What loading a unit gave, in order: a document, a reject, or the end
   of a file (its report follows). */
struct ingest_item {
    enum ingest_item_kind kind;
    struct doc_record doc;       /* INGEST_DOCUMENT: moved out of the loader */
    char sha256[HASH_HEX_SIZE];  /* INGEST_DOCUMENT; empty when hashing failed */
    char *path, *message;        /* INGEST_REJECT: owned copies */
    long line;                   /* INGEST_REJECT */
    size_t file;                 /* INGEST_FILE_END: the file's index in the plan */
    size_t bytes_done;           /* bytes of the current file read so far */
};

enum ingest_unit_state {
    INGEST_UNIT_FREE,     /* the reader may fill it */
    INGEST_UNIT_MADE,     /* waiting for a loader */
    INGEST_UNIT_LOADING,  /* a loader has it */
    INGEST_UNIT_LOADED,   /* its items wait for the writer */
};

/* A unit of work: whole files (text, HTML), or JSON Lines of one file. */
struct ingest_unit {
    enum ingest_unit_state state;
    size_t file;                 /* its (first) file's index in the plan */
    size_t whole_files;          /* files file, file + 1, ... to load whole */
    bool ends_file;              /* JSON Lines: the file's last unit */
    char *lines;                 /* JSONL: lines as read, newlines kept */
    size_t lines_len, lines_capacity;
    long first_line;             /* JSONL: the number of the first line */
    size_t bytes_before;         /* JSONL: bytes of the file before the first line */
    struct ingest_item *items;   /* the loaded documents and rejects, in order */
    size_t item_count, item_capacity;
    bool out_of_memory;          /* an item could not be kept */
};

/* The units, a ring in input order, and the threads' shared state: all
   under lock. made, taken and stored count the units the reader made, the
   loaders took and the writer stored; made - stored <= unit_count. */
struct ingest_pipeline {
    pthread_mutex_t lock;
    pthread_cond_t room;         /* the reader waits for a free unit */
    pthread_cond_t work;         /* loaders wait for a made unit */
    pthread_cond_t loaded;       /* the writer waits for the next unit */
    struct ingest_unit *units;
    size_t unit_count;
    size_t made, taken, stored;
    bool finished;               /* the reader made its last unit */
    bool stopped;                /* storing failed: everyone stops */
    const struct load_plan *plan;
    /* --jobs 1: no threads; each unit the reader makes is loaded and
       stored at once, in the calling thread, by the same code */
    struct ingest_loader *serial;
    struct ingest *writer;
};

/* A loader thread: the unit it is loading, and the last source it made
   absolute (the lines of a JSONL file share theirs). */
struct ingest_loader {
    struct ingest_pipeline *pipeline;
    struct ingest_unit *unit;
    size_t bytes_done;
    char *last_source, *last_absolute;
};

/* Gives a text or JSON Lines document that came without a title the one
   options->guess_title guesses (an HTML page's title is its own, or none).
   The guess is not thread-safe: it is called on the writer (calling)
   thread alone, just before the document is stored, never from a loader. */
static void ingest_guess_title(const struct ingest_options *options, struct doc_record *doc)
{
    if (doc->title == NULL && options->guess_title != NULL && strcmp(doc->format, "html") != 0)
        doc->title = options->guess_title(options->title_context, doc->text, doc->text_len);
}

/* The storing side. */
struct ingest {
    struct store *store;
    FILE *messages;
    bool progress, keep_both, in_transaction, failed;
    const struct ingest_options *options;
    struct ingest_summary *summary;
    size_t batch_limit;          /* documents a transaction */
    size_t batch_documents, batch_bytes;
    size_t files_done, file_count, total_bytes, bytes_before_file;
    size_t file_documents, file_duplicates;
    double started, last_drawn;
    /* The open transaction's documents: counted in the summary only once
       it commits. Its first documents are named, in case it does not.
       batch_duplicates are the documents whose text is that of one stored
       in the open transaction (ids from batch_first_id on): duplicates if
       it commits, not stored if it does not. */
    size_t batch_stored, batch_replaced, batch_duplicates;
    int64_t batch_first_id;
    char *batch_named[INGEST_LOST_NAMED];
    size_t batch_named_count;
    /* documents read but not stored, the first of them named */
    char *lost_named[INGEST_LOST_NAMED];
    size_t lost_named_count;
};

static double ingest_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static void ingest_item_clear(struct ingest_item *item)
{
    doc_record_clear(&item->doc);
    free(item->path);
    free(item->message);
    memset(item, 0, sizeof *item);
}

/* Empties a unit for its next use; its line buffer is kept. */
static void ingest_unit_reset(struct ingest_unit *unit)
{
    for (size_t i = 0; i < unit->item_count; i++)
        ingest_item_clear(&unit->items[i]);
    unit->item_count = 0;
    unit->lines_len = 0;
    unit->out_of_memory = false;
    unit->state = INGEST_UNIT_FREE;
}

/* Appends an item to a unit, taking what it owns; 0, or -1 (the item
   freed) when out of memory. */
static int ingest_unit_add(struct ingest_unit *unit, struct ingest_item *item)
{
    if (unit->item_count == unit->item_capacity) {
        size_t capacity = unit->item_capacity ? unit->item_capacity * 2 : 16;
        struct ingest_item *grown = realloc(unit->items, capacity * sizeof *grown);
        if (grown == NULL) {
            ingest_item_clear(item);
            unit->out_of_memory = true;
            return -1;
        }
        unit->items = grown;
        unit->item_capacity = capacity;
    }
    unit->items[unit->item_count++] = *item;
    memset(item, 0, sizeof *item);
    return 0;
}

static void ingest_unit_reject(struct ingest_unit *unit, const char *path, long line,
                               const char *message, size_t bytes_done)
{
    struct ingest_item item = {.kind = INGEST_REJECT, .path = strdup(path),
                               .message = strdup(message), .line = line,
                               .bytes_done = bytes_done};
    ingest_unit_add(unit, &item);
}

static void ingest_unit_end_file(struct ingest_unit *unit, size_t file, size_t size)
{
    struct ingest_item item = {.kind = INGEST_FILE_END, .file = file, .bytes_done = size};
    ingest_unit_add(unit, &item);
}

/* A file's source as its canonical absolute path (realpath: no "..",
   "//" or symbolic links), so that the same file ingested from another
   folder or by another path has the same identity.
   Standard input ("-"), URLs and paths that do not resolve stay as they
   are. The loader keeps the last one: a JSONL file's lines share it. */
static void ingest_absolute_source(struct ingest_loader *loader, struct doc_record *doc)
{
    if (doc->source == NULL || strcmp(doc->source, "-") == 0
        || strstr(doc->source, "://") != NULL)
        return;
    if (loader != NULL && loader->last_source != NULL
        && strcmp(loader->last_source, doc->source) == 0) {
        char *copy = strdup(loader->last_absolute);
        if (copy != NULL) {
            free(doc->source);
            doc->source = copy;
        }
        return;
    }
    char *absolute = realpath(doc->source, NULL);
    if (absolute == NULL)
        return;
    if (loader != NULL) {
        char *source = strdup(doc->source), *kept = strdup(absolute);
        free(loader->last_source);
        free(loader->last_absolute);
        loader->last_source = source != NULL && kept != NULL ? source : NULL;
        loader->last_absolute = source != NULL && kept != NULL ? kept : NULL;
        if (loader->last_source == NULL) {
            free(source);
            free(kept);
        }
    }
    free(doc->source);
    doc->source = absolute;
}

/* Loader sink: make the source absolute, hash the document and keep it. */
static int ingest_loader_document(void *ctx, struct doc_record *doc)
{
    struct ingest_loader *loader = ctx;
    struct ingest_item item = {.kind = INGEST_DOCUMENT, .doc = *doc,
                               .bytes_done = loader->bytes_done};
    memset(doc, 0, sizeof *doc);
    ingest_absolute_source(loader, &item.doc);
    if (hash_sha256_hex(item.doc.text, item.doc.text_len, item.sha256) != 0)
        item.sha256[0] = '\0';
    ingest_unit_add(loader->unit, &item);
    return 0;
}

static void ingest_loader_reject(void *ctx, const char *path, long line, const char *message)
{
    struct ingest_loader *loader = ctx;
    ingest_unit_reject(loader->unit, path, line, message, loader->bytes_done);
}

static void ingest_loader_progress(void *ctx, size_t bytes_done)
{
    ((struct ingest_loader *)ctx)->bytes_done = bytes_done;
}

static void ingest_store_unit(struct ingest *ingest, struct ingest_pipeline *pipeline,
                              struct ingest_unit *unit);

/* Loads one unit into its items. */
static void ingest_load_unit(struct ingest_loader *loader, struct ingest_unit *unit)
{
    struct load_sink sink = {ingest_loader_document, ingest_loader_reject,
                             ingest_loader_progress, loader};
    const struct load_file *file = &loader->pipeline->plan->files[unit->file];
    loader->unit = unit;
    loader->bytes_done = unit->bytes_before;
    for (size_t i = 0; i < unit->whole_files; i++) {
        loader->bytes_done = 0;
        load_file(&file[i], &sink);
        ingest_unit_end_file(unit, unit->file + i, file[i].size);
    }
    if (unit->whole_files == 0) { /* lines; none when the reader made the unit's items itself */
        long number = unit->first_line;
        for (size_t at = 0; at < unit->lines_len; number++) {
            const char *line = unit->lines + at;
            const char *newline = memchr(line, '\n', unit->lines_len - at);
            size_t len = newline ? (size_t)(newline - line) + 1 : unit->lines_len - at;
            at += len;
            load_jsonl_line(file, line, len, number, unit->bytes_before + at, &sink);
        }
        if (unit->ends_file)
            ingest_unit_end_file(unit, unit->file, file->size);
    }
    if (unit->out_of_memory)
        ingest_unit_reject(unit, file->path, 0, "out of memory: some documents were not loaded",
                           loader->bytes_done);
    loader->unit = NULL;
}

/* A loader thread: takes the made units in order and loads them, until
   the reader has finished and every unit is taken. After a storage
   failure, units are passed on unloaded. */
static void *ingest_loader_run(void *arg)
{
    struct ingest_loader *loader = arg;
    struct ingest_pipeline *pipeline = loader->pipeline;
    pthread_mutex_lock(&pipeline->lock);
    for (;;) {
        while (pipeline->taken == pipeline->made && !pipeline->finished)
            pthread_cond_wait(&pipeline->work, &pipeline->lock);
        if (pipeline->taken == pipeline->made)
            break;
        struct ingest_unit *unit = &pipeline->units[pipeline->taken++ % pipeline->unit_count];
        unit->state = INGEST_UNIT_LOADING;
        bool stopped = pipeline->stopped;
        pthread_mutex_unlock(&pipeline->lock);
        if (!stopped)
            ingest_load_unit(loader, unit);
        pthread_mutex_lock(&pipeline->lock);
        unit->state = INGEST_UNIT_LOADED;
        pthread_cond_signal(&pipeline->loaded);
    }
    pthread_mutex_unlock(&pipeline->lock);
    free(loader->last_source);
    free(loader->last_absolute);
    loader->last_source = loader->last_absolute = NULL;
    return NULL;
}

/* The reader's next unit to fill, once the writer has freed it; NULL
   after a storage failure. */
static struct ingest_unit *ingest_reader_unit(struct ingest_pipeline *pipeline, size_t file)
{
    pthread_mutex_lock(&pipeline->lock);
    while (pipeline->made - pipeline->stored == pipeline->unit_count && !pipeline->stopped)
        pthread_cond_wait(&pipeline->room, &pipeline->lock);
    struct ingest_unit *unit =
        pipeline->stopped ? NULL : &pipeline->units[pipeline->made % pipeline->unit_count];
    pthread_mutex_unlock(&pipeline->lock);
    if (unit != NULL) {
        unit->file = file;
        unit->whole_files = 0;
        unit->ends_file = false;
        unit->first_line = 0;
        unit->bytes_before = 0;
    }
    return unit;
}

/* Hands a filled unit to the loaders. Every unit goes through a loader,
   also one whose only item the reader made (a file it could not open):
   so the loaders never fall behind the writer, and a unit is reused only
   after it was taken. */
static void ingest_reader_publish(struct ingest_pipeline *pipeline, struct ingest_unit *unit)
{
    if (pipeline->serial != NULL) {
        if (!pipeline->stopped)
            ingest_load_unit(pipeline->serial, unit);
        ingest_store_unit(pipeline->writer, pipeline, unit);
        ingest_unit_reset(unit);
        return;
    }
    pthread_mutex_lock(&pipeline->lock);
    unit->state = INGEST_UNIT_MADE;
    pipeline->made++;
    pthread_cond_signal(&pipeline->work);
    pthread_mutex_unlock(&pipeline->lock);
}

static int ingest_append_line(struct ingest_unit *unit, const char *line, size_t len)
{
    if (unit->lines_len + len > unit->lines_capacity) {
        size_t capacity = unit->lines_capacity ? unit->lines_capacity : INGEST_UNIT_BYTES;
        while (capacity < unit->lines_len + len)
            capacity *= 2;
        char *grown = realloc(unit->lines, capacity);
        if (grown == NULL)
            return -1;
        unit->lines = grown;
        unit->lines_capacity = capacity;
    }
    memcpy(unit->lines + unit->lines_len, line, len);
    unit->lines_len += len;
    return 0;
}

/* What opening a JSONL file told the reader's sink: the reason it was
   rejected. */
struct ingest_open_note {
    char message[512];
    long line;
    bool said;
};

static void ingest_note_reject(void *ctx, const char *path, long line, const char *message)
{
    struct ingest_open_note *note = ctx;
    (void)path;
    if (!note->said)
        snprintf(note->message, sizeof note->message, "%s", message);
    note->line = line;
    note->said = true;
}

static int ingest_note_document(void *ctx, struct doc_record *doc)
{
    (void)ctx;
    doc_record_clear(doc);
    return 0;
}

/* A unit holding only the reject of a JSONL file (that could not be
   opened, or held no record), ending it. Returns -1 after a storage
   failure. */
static int ingest_reader_reject_file(struct ingest_pipeline *pipeline, size_t index, long line,
                                     const char *message, size_t done)
{
    struct ingest_unit *unit = ingest_reader_unit(pipeline, index);
    if (unit == NULL)
        return -1;
    ingest_unit_reject(unit, pipeline->plan->files[index].path, line, message, done);
    unit->ends_file = true;
    ingest_reader_publish(pipeline, unit);
    return 0;
}

/* Cuts a JSONL file into units of lines. The file is opened as load_file
   opens it (load_jsonl_open: no blocking on a FIFO, UTF-16/32 decoded),
   and one without a record is rejected as load_file rejects it. Returns
   -1 after a storage failure. */
static int ingest_read_jsonl(struct ingest_pipeline *pipeline, size_t index)
{
    const struct load_file *file = &pipeline->plan->files[index];
    struct ingest_unit *unit = NULL;
    struct ingest_open_note note = {.said = false};
    struct load_sink note_sink = {ingest_note_document, ingest_note_reject, NULL, &note};
    FILE *stream = NULL;
    char *line = NULL, *decoded = NULL;
    size_t capacity = 0, done = 0;
    ssize_t len;
    long number = 0, records = 0;
    int status = 0;

    if (load_jsonl_open(file->path, &note_sink, &stream, &decoded) != 0) {
        free(decoded);
        return ingest_reader_reject_file(pipeline, index, note.line,
                                         note.said ? note.message : "could not read the file", 0);
    }
    if (stream == NULL) { /* nothing after the byte-order mark */
        free(decoded);
        load_jsonl_reject_empty(file->path, &note_sink);
        return ingest_reader_reject_file(pipeline, index, note.line, note.message, 0);
    }
    while ((len = getline(&line, &capacity, stream)) != -1) {
        number++;
        if (unit == NULL) {
            if ((unit = ingest_reader_unit(pipeline, index)) == NULL) {
                status = -1;
                break;
            }
            unit->first_line = number;
            unit->bytes_before = done;
        }
        done += (size_t)len;
        if (!text_is_blank(line, (size_t)len))
            records++;
        if (ingest_append_line(unit, line, (size_t)len) != 0) {
            /* the line is lost: say so where its documents would be */
            ingest_reader_publish(pipeline, unit);
            if ((unit = ingest_reader_unit(pipeline, index)) == NULL) {
                status = -1;
                break;
            }
            ingest_unit_reject(unit, file->path, number, "out of memory", done);
            ingest_reader_publish(pipeline, unit);
            unit = NULL;
            continue;
        }
        if (unit->lines_len >= INGEST_UNIT_BYTES) {
            ingest_reader_publish(pipeline, unit);
            unit = NULL;
        }
    }
    if (status == 0) {
        char message[256] = "";
        bool failed = ferror(stream) != 0;
        if (failed) {
            snprintf(message, sizeof message, "%s", strerror(errno));
            if (unit != NULL)
                ingest_reader_publish(pipeline, unit);
            unit = NULL;
        } else if (records == 0) {
            note.said = false;
            load_jsonl_reject_empty(file->path, &note_sink);
        }
        /* the file's last unit: its last lines, or one for the read error
           or for the end alone */
        if (unit == NULL && (unit = ingest_reader_unit(pipeline, index)) == NULL) {
            status = -1;
        } else {
            if (failed)
                ingest_unit_reject(unit, file->path, number + 1, message, done);
            else if (records == 0)
                ingest_unit_reject(unit, file->path, note.line, note.message, done);
            unit->ends_file = true;
            ingest_reader_publish(pipeline, unit);
        }
    }
    free(line);
    fclose(stream);
    free(decoded);
    return status;
}

/* The reader thread: every file of the plan, in order, as units:
   consecutive text and HTML files together, up to INGEST_UNIT_BYTES or
   INGEST_UNIT_FILES, and each JSONL file cut into runs of lines. */
static void *ingest_reader_run(void *arg)
{
    struct ingest_pipeline *pipeline = arg;
    struct ingest_unit *unit = NULL;
    size_t unit_bytes = 0;
    for (size_t i = 0; i < pipeline->plan->count; i++) {
        const struct load_file *file = &pipeline->plan->files[i];
        if (unit != NULL && (file->format == LOAD_JSONL || unit->whole_files == INGEST_UNIT_FILES
                             || unit_bytes >= INGEST_UNIT_BYTES)) {
            ingest_reader_publish(pipeline, unit);
            unit = NULL;
        }
        if (file->format == LOAD_JSONL) {
            if (ingest_read_jsonl(pipeline, i) != 0)
                break;
            continue;
        }
        if (unit == NULL) {
            if ((unit = ingest_reader_unit(pipeline, i)) == NULL)
                break;
            unit_bytes = 0;
        }
        unit->whole_files++;
        unit_bytes += file->size;
    }
    if (unit != NULL)
        ingest_reader_publish(pipeline, unit);
    pthread_mutex_lock(&pipeline->lock);
    pipeline->finished = true;
    pthread_cond_broadcast(&pipeline->work);
    pthread_cond_broadcast(&pipeline->loaded);
    pthread_mutex_unlock(&pipeline->lock);
    return NULL;
}

static void ingest_clear_progress(struct ingest *ingest)
{
    if (ingest->progress && ingest->last_drawn > 0)
        fputs("\r\033[K", ingest->messages);
}

static void ingest_draw_progress(struct ingest *ingest)
{
    double now = ingest_now();
    if (!ingest->progress || now - ingest->last_drawn < 0.1)
        return;
    ingest->last_drawn = now;
    double elapsed = now - ingest->started;
    double mb = (double)ingest->summary->bytes / 1e6;
    fprintf(ingest->messages, "\r\033[Kingest: %zu/%zu files, %.1f/%.1f MB, %.1f MB/s",
            ingest->files_done, ingest->file_count, mb,
            (double)ingest->total_bytes / 1e6, elapsed > 0 ? mb / elapsed : 0.0);
    fflush(ingest->messages);
}

/* Prints one message line (format and its arguments, newline added) on
   messages, after clearing the progress line. File names may hold escape
   sequences and other control characters: they are shown escaped
   (text_escape_controls), never obeyed by the terminal. */
static void ingest_message(struct ingest *ingest, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *escaped = text_escaped_vformat(false, format, args);
    va_end(args);
    ingest_clear_progress(ingest);
    fprintf(ingest->messages, "%s\n", escaped ? escaped : "quarry: out of memory");
    free(escaped);
}

static void ingest_report_reject(struct ingest *ingest, const char *path, long line,
                                 const char *message)
{
    if (line > 0)
        ingest_message(ingest, "quarry: %s:%ld: %s", path, line, message);
    else
        ingest_message(ingest, "quarry: %s: %s", path, message);
    ingest->summary->rejected++;
}

static void ingest_stdin_reject(void *ctx, const char *path, long line, const char *message)
{
    ingest_report_reject(ctx, path, line, message);
}

/* How a document is named in the line about documents not stored: its
   file, and for a JSON Lines record its id too. A malloc'd string, or
   NULL when memory ran out. */
static char *ingest_document_label(const struct doc_record *doc)
{
    const char *source = doc->source ? doc->source : "?", *name = doc->name ? doc->name : "?";
    bool record = doc->format != NULL && strcmp(doc->format, "jsonl") == 0;
    size_t size = strlen(source) + strlen(name) + 4;
    char *label = malloc(size);
    if (label != NULL)
        snprintf(label, size, record ? "%s (%s)" : "%s", source, name);
    return label;
}

/* Counts one document read but not stored, naming it while there is room. */
static void ingest_lost(struct ingest *ingest, char *label)
{
    ingest->summary->not_stored++;
    if (ingest->lost_named_count < INGEST_LOST_NAMED && label != NULL)
        ingest->lost_named[ingest->lost_named_count++] = label;
    else
        free(label);
}

/* The open transaction's documents, once it committed: counted. */
static void ingest_batch_kept(struct ingest *ingest)
{
    ingest->summary->stored += ingest->batch_stored;
    ingest->summary->replaced += ingest->batch_replaced;
    ingest->summary->duplicates += ingest->batch_duplicates;
    for (size_t i = 0; i < ingest->batch_named_count; i++)
        free(ingest->batch_named[i]);
    ingest->batch_stored = ingest->batch_replaced = ingest->batch_named_count = 0;
    ingest->batch_duplicates = 0;
}

/* The open transaction's documents, once it was rolled back: not stored,
   nor the duplicates of them (and the earlier versions they replaced are
   still there). */
static void ingest_batch_lost(struct ingest *ingest)
{
    size_t named = ingest->batch_named_count;
    for (size_t i = 0; i < named; i++)
        ingest_lost(ingest, ingest->batch_named[i]);
    ingest->summary->not_stored += ingest->batch_stored + ingest->batch_duplicates - named;
    ingest->batch_stored = ingest->batch_replaced = ingest->batch_named_count = 0;
    ingest->batch_duplicates = 0;
}

/* One line naming the documents that were read but not stored. */
static void ingest_report_lost(struct ingest *ingest)
{
    size_t lost = ingest->summary->not_stored, named = ingest->lost_named_count;
    if (lost > 0) {
        size_t size = 1;
        for (size_t i = 0; i < named; i++)
            size += strlen(ingest->lost_named[i]) + 2;
        char *names = malloc(size);
        if (names != NULL) {
            names[0] = '\0';
            for (size_t i = 0; i < named; i++) {
                if (i > 0)
                    strcat(names, ", ");
                strcat(names, ingest->lost_named[i]);
            }
        }
        ingest_message(ingest, "quarry: %zu document%s read but not stored: %s%s", lost,
                       lost == 1 ? " was" : "s were", names ? names : "",
                       lost > named ? ", ..." : "");
        free(names);
    }
    for (size_t i = 0; i < named; i++)
        free(ingest->lost_named[i]);
    ingest->lost_named_count = 0;
}

static int ingest_commit(struct ingest *ingest)
{
    if (!ingest->in_transaction)
        return 0;
    ingest->in_transaction = false;
    ingest->batch_documents = ingest->batch_bytes = 0;
    if (store_commit(ingest->store) != 0) {
        store_rollback(ingest->store);
        ingest_batch_lost(ingest);
        return -1;
    }
    ingest_batch_kept(ingest);
    return 0;
}

/* Stores one hashed document and, unless keep_both, removes the earlier
   versions of its identity; -1 when storage failed (reported). */
static int ingest_store(struct ingest *ingest, struct doc_record *doc, const char *sha256)
{
    int64_t id;
    bool counted = false; /* in the open transaction, or stored before */
    if (sha256[0] == '\0') {
        ingest_report_reject(ingest, doc->source, 0, "could not hash the document");
        return 0;
    }
    if (!ingest->in_transaction) {
        if (store_begin(ingest->store) != 0)
            goto failed;
        ingest->in_transaction = true;
    }
    switch (store_put_document(ingest->store, doc, sha256, &id)) {
    case STORE_STORED:
        counted = true;
        if (ingest->batch_stored++ == 0)
            ingest->batch_first_id = id;
        if (ingest->batch_named_count < INGEST_LOST_NAMED)
            ingest->batch_named[ingest->batch_named_count++] = ingest_document_label(doc);
        break;
    case STORE_DUPLICATE:
        counted = true;
        ingest->file_duplicates++;
        /* a new document's id is above every committed one's, so this is a
           duplicate of the open transaction's documents from its first id */
        if (ingest->batch_stored > 0 && id >= ingest->batch_first_id) {
            ingest->batch_duplicates++;
            if (ingest->batch_named_count < INGEST_LOST_NAMED)
                ingest->batch_named[ingest->batch_named_count++] = ingest_document_label(doc);
        } else {
            ingest->summary->duplicates++;
        }
        break;
    case STORE_FAILED:
        goto failed;
    }
    if (!ingest->keep_both && doc->source != NULL && strcmp(doc->source, "-") != 0) {
        int removed = store_remove_other_versions(ingest->store, doc->source, doc->name, id);
        if (removed < 0)
            goto failed;
        if (removed > 0) {
            ingest->batch_replaced += (size_t)removed;
            ingest_message(ingest,
                           "quarry: %s: %s replaces the earlier version stored (its "
                           "annotations go with it; run quarry extract)",
                           doc->source, doc->name);
        }
    }
    ingest->file_documents++;
    ingest->batch_documents++;
    ingest->batch_bytes += doc->text_len;
    if ((ingest->batch_documents >= ingest->batch_limit
         || ingest->batch_bytes >= INGEST_BATCH_BYTES) && ingest_commit(ingest) != 0)
        goto failed;
    return 0;
failed:
    ingest->failed = true;
    ingest_message(ingest, "quarry: %s: %s (documents committed before it are kept)",
                   doc->source, store_error(ingest->store));
    store_rollback(ingest->store);
    ingest->in_transaction = false;
    /* this document, unless its transaction held it already (or it was
       stored before), and the transaction's others */
    ingest_batch_lost(ingest);
    if (!counted)
        ingest_lost(ingest, ingest_document_label(doc));
    return -1;
}

static int ingest_stdin_document(void *ctx, struct doc_record *doc)
{
    struct ingest *ingest = ctx;
    char sha256[HASH_HEX_SIZE];
    ingest_guess_title(ingest->options, doc);
    ingest_absolute_source(NULL, doc);
    if (hash_sha256_hex(doc->text, doc->text_len, sha256) != 0)
        sha256[0] = '\0';
    return ingest_store(ctx, doc, sha256);
}

/* One line per file whose documents were all, or partly, stored before. */
static void ingest_report_duplicates(struct ingest *ingest, const char *path)
{
    if (ingest->file_duplicates > 0) {
        ingest_clear_progress(ingest);
        if (ingest->file_documents == 1)
            ingest_message(ingest, "quarry: %s: already stored, skipped", path);
        else
            ingest_message(ingest, "quarry: %s: %zu of %zu documents already stored, skipped",
                           path, ingest->file_duplicates, ingest->file_documents);
    }
    ingest->file_documents = ingest->file_duplicates = 0;
}

/* Stores one loaded unit's items and reports each file at its end. When
   storing fails, the rest of that unit is still gone through (its
   documents counted as read but not stored, its rejects said), and the
   units after it are not: with --jobs 1 they are never read, so with any
   number of jobs the messages and the summary are the same (their files
   are counted as not read to the end). */
static void ingest_store_unit(struct ingest *ingest, struct ingest_pipeline *pipeline,
                              struct ingest_unit *unit)
{
    if (ingest->failed)
        return;
    for (size_t i = 0; i < unit->item_count; i++) {
        struct ingest_item *item = &unit->items[i];
        ingest->summary->bytes = ingest->bytes_before_file + item->bytes_done;
        switch (item->kind) {
        case INGEST_DOCUMENT:
            if (ingest->failed) { /* after the failure, in the same unit */
                ingest_lost(ingest, ingest_document_label(&item->doc));
                break;
            }
            ingest_guess_title(ingest->options, &item->doc);
            if (ingest_store(ingest, &item->doc, item->sha256) != 0) {
                pthread_mutex_lock(&pipeline->lock);
                pipeline->stopped = true;
                pthread_cond_broadcast(&pipeline->room);
                pthread_mutex_unlock(&pipeline->lock);
            }
            break;
        case INGEST_REJECT:
            ingest_report_reject(ingest, item->path ? item->path : "?", item->line,
                                 item->message ? item->message : "out of memory");
            break;
        case INGEST_FILE_END:
            ingest_report_duplicates(ingest, pipeline->plan->files[item->file].path);
            ingest->files_done++;
            ingest->bytes_before_file = ingest->summary->bytes;
            break;
        }
        ingest_draw_progress(ingest);
    }
}

static void ingest_pipeline_free(struct ingest_pipeline *pipeline)
{
    for (size_t i = 0; i < pipeline->unit_count; i++) {
        ingest_unit_reset(&pipeline->units[i]);
        free(pipeline->units[i].items);
        free(pipeline->units[i].lines);
    }
    free(pipeline->units);
    pthread_cond_destroy(&pipeline->room);
    pthread_cond_destroy(&pipeline->work);
    pthread_cond_destroy(&pipeline->loaded);
    pthread_mutex_destroy(&pipeline->lock);
}

/* The number of loader threads: jobs, or one per core when 0. */
static size_t ingest_loader_count(size_t jobs)
{
    if (jobs == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cores > 0 ? (size_t)cores : 1;
    }
    return jobs > INGEST_MAX_LOADERS ? INGEST_MAX_LOADERS : jobs;
}

/* Runs the reader and the loaders over the plan and stores, in this
   thread, what they load, unit by unit in input order; with one job,
   reads, loads and stores here, without threads. */
static int ingest_plan(struct ingest *ingest, const struct load_plan *plan, size_t jobs)
{
    size_t loader_count = ingest_loader_count(jobs), started = 0;
    struct ingest_pipeline pipeline = {.plan = plan};
    struct ingest_loader loaders[INGEST_MAX_LOADERS];
    pthread_t threads[INGEST_MAX_LOADERS], reader;

    pipeline.unit_count = loader_count == 1 ? 1 : INGEST_UNITS_PER_LOADER * loader_count + 2;
    pipeline.units = calloc(pipeline.unit_count, sizeof *pipeline.units);
    if (pipeline.units == NULL) {
        fprintf(ingest->messages, "quarry: out of memory\n");
        return -1;
    }
    pthread_mutex_init(&pipeline.lock, NULL);
    pthread_cond_init(&pipeline.room, NULL);
    pthread_cond_init(&pipeline.work, NULL);
    pthread_cond_init(&pipeline.loaded, NULL);
    if (loader_count == 1) {
        struct ingest_loader loader = {.pipeline = &pipeline};
        pipeline.serial = &loader;
        pipeline.writer = ingest;
        ingest_reader_run(&pipeline);
        free(loader.last_source);
        free(loader.last_absolute);
        ingest_pipeline_free(&pipeline);
        return ingest->failed ? -1 : 0;
    }
    load_init_threads();
    for (; started < loader_count; started++) {
        loaders[started] = (struct ingest_loader){.pipeline = &pipeline};
        if (pthread_create(&threads[started], NULL, ingest_loader_run, &loaders[started]) != 0)
            break;
    }
    if (started == 0 || pthread_create(&reader, NULL, ingest_reader_run, &pipeline) != 0) {
        fprintf(ingest->messages, "quarry: cannot start the loader threads\n");
        pthread_mutex_lock(&pipeline.lock);
        pipeline.finished = true;
        pthread_cond_broadcast(&pipeline.work);
        pthread_mutex_unlock(&pipeline.lock);
        for (size_t i = 0; i < started; i++)
            pthread_join(threads[i], NULL);
        ingest_pipeline_free(&pipeline);
        return -1;
    }
    pthread_mutex_lock(&pipeline.lock);
    for (;;) {
        struct ingest_unit *unit = &pipeline.units[pipeline.stored % pipeline.unit_count];
        while (!(pipeline.stored < pipeline.made && unit->state == INGEST_UNIT_LOADED)
               && !(pipeline.finished && pipeline.stored == pipeline.made))
            pthread_cond_wait(&pipeline.loaded, &pipeline.lock);
        if (pipeline.stored == pipeline.made)
            break;
        pthread_mutex_unlock(&pipeline.lock);
        ingest_store_unit(ingest, &pipeline, unit);
        ingest_unit_reset(unit);
        pthread_mutex_lock(&pipeline.lock);
        pipeline.stored++;
        pthread_cond_signal(&pipeline.room);
    }
    pthread_mutex_unlock(&pipeline.lock);
    pthread_join(reader, NULL);
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    ingest_pipeline_free(&pipeline);
    return ingest->failed ? -1 : 0;
}

int ingest_paths(struct store *store, char *const *paths, size_t count,
                 FILE *messages, bool progress, struct ingest_summary *summary)
{
    struct ingest_options options = {.progress = progress};
    return ingest_paths_with(store, paths, count, messages, &options, summary);
}

int ingest_paths_with(struct store *store, char *const *paths, size_t count, FILE *messages,
                      const struct ingest_options *options, struct ingest_summary *summary)
{
    struct ingest ingest = {.store = store, .messages = messages, .progress = options->progress,
                            .keep_both = options->keep_both, .options = options,
                            .summary = summary,
                            .batch_limit = options->batch ? options->batch
                                                          : INGEST_BATCH_DOCUMENTS};
    struct load_sink stdin_sink = {ingest_stdin_document, ingest_stdin_reject, NULL, &ingest};
    struct load_plan plan = {0};
    int status = 0;

    memset(summary, 0, sizeof *summary);
    ingest.started = ingest_now();
    for (size_t i = 0; i < count && status == 0; i++) {
        if (strcmp(paths[i], "-") == 0) {
            status = load_stream(stdin, "stdin", &stdin_sink);
            ingest_report_duplicates(&ingest, "stdin");
        } else if (load_plan_paths(&plan, paths + i, 1, &stdin_sink) != 0) {
            fprintf(messages, "quarry: out of memory listing %s\n", paths[i]);
            status = -1;
        }
    }
    summary->ignored = plan.ignored;
    ingest.file_count = plan.count;
    ingest.total_bytes = plan.total_bytes;
    if (status == 0 && plan.count > 0)
        status = ingest_plan(&ingest, &plan, options->jobs);
    if (status == 0 && ingest_commit(&ingest) != 0) {
        ingest_message(&ingest, "quarry: %s (documents committed before it are kept)",
                       store_error(store));
        status = -1;
    }
    store_rollback(store);
    ingest_batch_lost(&ingest); /* (none, unless the loop stopped early) */
    if (ingest.failed || status != 0)
        summary->files_not_read = plan.count - ingest.files_done;
    ingest_report_lost(&ingest);
    ingest_clear_progress(&ingest);
    load_plan_clear(&plan);
    summary->seconds = ingest_now() - ingest.started;
    return status == 0 && !ingest.failed ? 0 : -1;
}
