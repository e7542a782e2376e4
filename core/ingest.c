/* ingest.c: the loader's sink that hashes, stores and reports. */
#include "ingest.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hash.h"
#include "load.h"

#define INGEST_BATCH_DOCUMENTS 1000
#define INGEST_BATCH_BYTES (32u << 20)

struct ingest {
    struct store *store;
    FILE *messages;
    bool progress, in_transaction, failed;
    struct ingest_summary *summary;
    size_t batch_documents, batch_bytes;
    /* the file being read, for progress and per-file duplicate reports */
    size_t files_done, file_count, bytes_before_file, total_bytes;
    size_t file_documents, file_duplicates;
    double started, last_drawn;
};

static double ingest_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static void ingest_clear_progress(struct ingest *ingest)
{
    if (ingest->progress && ingest->last_drawn > 0)
        fputs("\r\033[K", ingest->messages);
}

static void ingest_reject(void *ctx, const char *path, long line, const char *message)
{
    struct ingest *ingest = ctx;
    ingest_clear_progress(ingest);
    if (line > 0)
        fprintf(ingest->messages, "quarry: %s:%ld: %s\n", path, line, message);
    else
        fprintf(ingest->messages, "quarry: %s: %s\n", path, message);
    ingest->summary->rejected++;
}

static void ingest_progress(void *ctx, size_t bytes_done)
{
    struct ingest *ingest = ctx;
    double now;
    ingest->summary->bytes = ingest->bytes_before_file + bytes_done;
    if (!ingest->progress)
        return;
    now = ingest_now();
    if (now - ingest->last_drawn < 0.1)
        return;
    ingest->last_drawn = now;
    double elapsed = now - ingest->started;
    double mb = (double)ingest->summary->bytes / 1e6;
    fprintf(ingest->messages, "\r\033[Kingest: %zu/%zu files, %.1f/%.1f MB, %.1f MB/s",
            ingest->files_done, ingest->file_count, mb,
            (double)ingest->total_bytes / 1e6, elapsed > 0 ? mb / elapsed : 0.0);
    fflush(ingest->messages);
}

static int ingest_commit(struct ingest *ingest)
{
    if (!ingest->in_transaction)
        return 0;
    ingest->in_transaction = false;
    ingest->batch_documents = ingest->batch_bytes = 0;
    if (store_commit(ingest->store) != 0) {
        store_rollback(ingest->store);
        return -1;
    }
    return 0;
}

static int ingest_document(void *ctx, struct doc_record *doc)
{
    struct ingest *ingest = ctx;
    char sha256[HASH_HEX_SIZE];
    int64_t id;

    if (hash_sha256_hex(doc->text, doc->text_len, sha256) != 0) {
        ingest_reject(ingest, doc->source, 0, "could not hash the document");
        return 0;
    }
    if (!ingest->in_transaction) {
        if (store_begin(ingest->store) != 0)
            goto failed;
        ingest->in_transaction = true;
    }
    switch (store_put_document(ingest->store, doc, sha256, &id)) {
    case STORE_STORED:
        ingest->summary->stored++;
        break;
    case STORE_DUPLICATE:
        ingest->summary->duplicates++;
        ingest->file_duplicates++;
        break;
    case STORE_FAILED:
        goto failed;
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
    store_rollback(ingest->store);
    ingest->in_transaction = false;
    ingest_clear_progress(ingest);
    fprintf(ingest->messages, "quarry: %s: %s (documents committed before it are kept)\n",
            doc->source, store_error(ingest->store));
    return -1;
}

/* One line per file whose documents were all, or partly, stored before. */
static void ingest_report_duplicates(struct ingest *ingest, const char *path)
{
    if (ingest->file_duplicates == 0)
        return;
    ingest_clear_progress(ingest);
    if (ingest->file_documents == 1)
        fprintf(ingest->messages, "quarry: %s: already stored, skipped\n", path);
    else
        fprintf(ingest->messages, "quarry: %s: %zu of %zu documents already stored, skipped\n",
                path, ingest->file_duplicates, ingest->file_documents);
}

int ingest_paths(struct store *store, char *const *paths, size_t count,
                 FILE *messages, bool progress, struct ingest_summary *summary)
{
    struct ingest ingest = {.store = store, .messages = messages,
                            .progress = progress, .summary = summary};
    struct load_sink sink = {ingest_document, ingest_reject, ingest_progress, &ingest};
    struct load_plan plan = {0};
    int status = 0;

    memset(summary, 0, sizeof *summary);
    ingest.started = ingest_now();
    for (size_t i = 0; i < count && status == 0; i++) {
        if (strcmp(paths[i], "-") == 0) {
            ingest.file_documents = ingest.file_duplicates = 0;
            status = load_stream(stdin, "stdin", &sink);
            ingest_report_duplicates(&ingest, "stdin");
        } else if (load_plan_paths(&plan, paths + i, 1, &sink) != 0) {
            fprintf(messages, "quarry: out of memory listing %s\n", paths[i]);
            status = -1;
        }
    }
    summary->ignored = plan.ignored;
    ingest.file_count = plan.count;
    ingest.total_bytes = plan.total_bytes;
    for (size_t i = 0; i < plan.count && status == 0; i++) {
        ingest.file_documents = ingest.file_duplicates = 0;
        ingest.bytes_before_file = summary->bytes;
        status = load_file(&plan.files[i], &sink);
        summary->bytes = ingest.bytes_before_file + plan.files[i].size;
        ingest.files_done++;
        ingest_report_duplicates(&ingest, plan.files[i].path);
    }
    if (status == 0 && ingest_commit(&ingest) != 0) {
        fprintf(messages, "quarry: %s\n", store_error(store));
        status = -1;
    }
    if (status != 0)
        store_rollback(store);
    ingest_clear_progress(&ingest);
    load_plan_clear(&plan);
    summary->seconds = ingest_now() - ingest.started;
    return status == 0 && !ingest.failed ? 0 : -1;
}
