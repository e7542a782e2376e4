/* ingest.c: loading and storing in two threads. A loader thread reads,
   parses and hashes documents and hands them over through a bounded queue;
   the calling thread stores them in batched transactions and reports. The
   queue keeps everything in file order, so messages read as if one thread
   did the work. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "ingest.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hash.h"
#include "load.h"
#include "text.h"

/* A batch is one transaction: large enough that FTS5 writes few, large
   segments; small enough that a failure loses little. */
#define INGEST_BATCH_DOCUMENTS 100000
#define INGEST_BATCH_BYTES (64u << 20)
#define INGEST_QUEUE_SIZE 256
/* how many of the documents not stored are named in the message */
#define INGEST_LOST_NAMED 10

enum ingest_item_kind { INGEST_DOCUMENT, INGEST_REJECT, INGEST_FILE_DONE, INGEST_END };

struct ingest_item {
    enum ingest_item_kind kind;
    struct doc_record doc;       /* INGEST_DOCUMENT: moved out of the loader */
    char sha256[HASH_HEX_SIZE];  /* INGEST_DOCUMENT; empty when hashing failed */
    char *path, *message;        /* INGEST_REJECT: owned copies */
    long line;                   /* INGEST_REJECT */
    size_t bytes_done;           /* bytes of the current file read so far */
};

struct ingest_queue {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    struct ingest_item items[INGEST_QUEUE_SIZE];
    size_t head, count;
    bool stopped;                /* storing failed: the loader stops */
};

/* The loader thread's side. */
struct ingest_loader {
    struct ingest_queue *queue;
    const struct load_plan *plan;
    const struct ingest_options *options;
    size_t bytes_done;
};

/* Gives a text or JSON Lines document that came without a title the one
   options->guess_title guesses (an HTML page's title is its own, or none).
   Called where the document is loaded: the loader thread, or the calling
   thread for standard input, never both at once. */
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

/* Adds an item, waiting for room. Returns -1 (and frees the item) once
   the storing side has stopped. */
static int ingest_queue_push(struct ingest_queue *queue, struct ingest_item *item)
{
    pthread_mutex_lock(&queue->lock);
    while (queue->count == INGEST_QUEUE_SIZE && !queue->stopped)
        pthread_cond_wait(&queue->changed, &queue->lock);
    if (queue->stopped && item->kind != INGEST_END) {
        pthread_mutex_unlock(&queue->lock);
        ingest_item_clear(item);
        return -1;
    }
    queue->items[(queue->head + queue->count) % INGEST_QUEUE_SIZE] = *item;
    queue->count++;
    pthread_cond_broadcast(&queue->changed);
    pthread_mutex_unlock(&queue->lock);
    memset(item, 0, sizeof *item);
    return 0;
}

static void ingest_queue_pop(struct ingest_queue *queue, struct ingest_item *item)
{
    pthread_mutex_lock(&queue->lock);
    while (queue->count == 0)
        pthread_cond_wait(&queue->changed, &queue->lock);
    *item = queue->items[queue->head];
    queue->head = (queue->head + 1) % INGEST_QUEUE_SIZE;
    queue->count--;
    pthread_cond_broadcast(&queue->changed);
    pthread_mutex_unlock(&queue->lock);
}

static void ingest_queue_stop(struct ingest_queue *queue)
{
    pthread_mutex_lock(&queue->lock);
    queue->stopped = true;
    pthread_cond_broadcast(&queue->changed);
    pthread_mutex_unlock(&queue->lock);
}

/* Loader sink: hash the document and move it into the queue. */
static int ingest_loader_document(void *ctx, struct doc_record *doc)
{
    struct ingest_loader *loader = ctx;
    ingest_guess_title(loader->options, doc);
    struct ingest_item item = {.kind = INGEST_DOCUMENT, .doc = *doc,
                               .bytes_done = loader->bytes_done};
    memset(doc, 0, sizeof *doc);
    if (hash_sha256_hex(item.doc.text, item.doc.text_len, item.sha256) != 0)
        item.sha256[0] = '\0';
    return ingest_queue_push(loader->queue, &item);
}

static void ingest_loader_reject(void *ctx, const char *path, long line, const char *message)
{
    struct ingest_loader *loader = ctx;
    struct ingest_item item = {.kind = INGEST_REJECT, .path = strdup(path),
                               .message = strdup(message), .line = line,
                               .bytes_done = loader->bytes_done};
    ingest_queue_push(loader->queue, &item);
}

static void ingest_loader_progress(void *ctx, size_t bytes_done)
{
    ((struct ingest_loader *)ctx)->bytes_done = bytes_done;
}

static void *ingest_loader_run(void *arg)
{
    struct ingest_loader *loader = arg;
    struct load_sink sink = {ingest_loader_document, ingest_loader_reject,
                             ingest_loader_progress, loader};
    for (size_t i = 0; i < loader->plan->count; i++) {
        loader->bytes_done = 0;
        if (load_file(&loader->plan->files[i], &sink) != 0)
            break;
        struct ingest_item done = {.kind = INGEST_FILE_DONE,
                                   .bytes_done = loader->plan->files[i].size};
        if (ingest_queue_push(loader->queue, &done) != 0)
            break;
    }
    struct ingest_item end = {.kind = INGEST_END};
    ingest_queue_push(loader->queue, &end);
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
    char *line = NULL, *escaped = NULL;
    va_list args, again;
    va_start(args, format);
    va_copy(again, args);
    int len = vsnprintf(NULL, 0, format, args);
    if (len >= 0 && (line = malloc((size_t)len + 1)) != NULL) {
        vsnprintf(line, (size_t)len + 1, format, again);
        escaped = text_escape_controls(line, (size_t)len, false);
    }
    va_end(again);
    va_end(args);
    ingest_clear_progress(ingest);
    fprintf(ingest->messages, "%s\n", escaped ? escaped : "quarry: out of memory");
    free(escaped);
    free(line);
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

/* A file's source as its canonical absolute path (realpath: no "..",
   "//" or symbolic links), so that the same file ingested from another
   folder or by another path has the same identity.
   Standard input ("-"), URLs and paths that do not resolve stay as they
   are. */
static void ingest_absolute_source(struct doc_record *doc)
{
    if (doc->source == NULL || strcmp(doc->source, "-") == 0
        || strstr(doc->source, "://") != NULL)
        return;
    char *absolute = realpath(doc->source, NULL);
    if (absolute != NULL) {
        free(doc->source);
        doc->source = absolute;
    }
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
    ingest_absolute_source(doc);
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
    if ((ingest->batch_documents >= INGEST_BATCH_DOCUMENTS
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

/* Runs the loader thread over the plan and stores what it hands over. */
static int ingest_plan(struct ingest *ingest, const struct load_plan *plan)
{
    struct ingest_queue *queue = calloc(1, sizeof *queue);
    struct ingest_loader loader = {queue, plan, ingest->options, 0};
    pthread_t thread;
    bool done = false;

    if (queue == NULL)
        return -1;
    pthread_mutex_init(&queue->lock, NULL);
    pthread_cond_init(&queue->changed, NULL);
    if (pthread_create(&thread, NULL, ingest_loader_run, &loader) != 0) {
        fprintf(ingest->messages, "quarry: cannot start the loader thread\n");
        free(queue);
        return -1;
    }
    while (!done) {
        struct ingest_item item;
        ingest_queue_pop(queue, &item);
        ingest->summary->bytes = ingest->bytes_before_file + item.bytes_done;
        switch (item.kind) {
        case INGEST_DOCUMENT:
            if (ingest->failed) /* read before the loader heard of the failure */
                ingest_lost(ingest, ingest_document_label(&item.doc));
            else if (ingest_store(ingest, &item.doc, item.sha256) != 0)
                ingest_queue_stop(queue);
            break;
        case INGEST_REJECT:
            ingest_report_reject(ingest, item.path ? item.path : "?",
                                 item.line, item.message ? item.message : "out of memory");
            break;
        case INGEST_FILE_DONE:
            ingest_report_duplicates(ingest, plan->files[ingest->files_done].path);
            ingest->files_done++;
            ingest->bytes_before_file = ingest->summary->bytes;
            break;
        case INGEST_END:
            done = true;
            break;
        }
        ingest_item_clear(&item);
        ingest_draw_progress(ingest);
    }
    pthread_join(thread, NULL);
    pthread_cond_destroy(&queue->changed);
    pthread_mutex_destroy(&queue->lock);
    free(queue);
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
                            .summary = summary};
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
        status = ingest_plan(&ingest, &plan);
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
