/* ingest.h: loading paths into the store, in transactions, with a report. */
#ifndef QUARRY_INGEST_H
#define QUARRY_INGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "store.h"

struct ingest_summary {
    size_t stored, duplicates, rejected, ignored;
    size_t replaced;   /* earlier versions removed: stored again, changed */
    size_t not_stored; /* read, but not committed: a failed transaction */
    size_t files_not_read; /* files never reached after a failure */
    size_t bytes;      /* input bytes read */
    double seconds;
};

/* Loads every path ("-" is standard input) into the store. Each input that
   is rejected gets one line on messages naming the file (and line) and the
   batch goes on; duplicates (same SHA-256) are skipped and reported per
   file. Documents are committed in batches, so a failure keeps everything
   committed before it. When progress is true, a progress line is redrawn
   on messages. Returns 0, or -1 when storage failed (the message printed).
   The summary counts what committed: when a transaction fails (a full
   disk, a lock held too long), the documents it held are counted as not
   stored, and so are the documents read after it; one line on messages
   names the first of them, and the files never read are counted. */
int ingest_paths(struct store *store, char *const *paths, size_t count,
                 FILE *messages, bool progress, struct ingest_summary *summary);

/* How ingest_paths_with stores. */
struct ingest_options {
    bool progress;  /* redraw a progress line on messages */
    bool keep_both; /* keep the earlier version of a changed file too */
    /* Guesses the title of a text or JSON Lines document that came without
       one (the CLI asks rules/lib/titles.lua): not thread-safe: ingest
       calls it only on the calling (writer) thread, just before the
       document is stored, never from a loader thread, whatever jobs is;
       it must not touch the caller's Lua state. Returns
       a malloc'd title or NULL. NULL: no guessing. */
    char *(*guess_title)(void *context, const char *text, size_t len);
    void *title_context;
    size_t jobs;    /* threads that read, parse and hash (0: one per core);
                       one writer stores, in input order, whatever jobs is */
    size_t batch;   /* documents a transaction (0: 100,000); a transaction
                       also ends after 64 MB of text */
};

/* ingest_paths with options. A document's identity is its source (a file's
   absolute path, a JSONL line's url or file) and name: unless keep_both,
   storing a document removes the stored documents of the same identity
   (the earlier version of a file that was edited), with their
   annotations, and says so on messages. Standard input has no identity. */
int ingest_paths_with(struct store *store, char *const *paths, size_t count, FILE *messages,
                      const struct ingest_options *options, struct ingest_summary *summary);

#endif
