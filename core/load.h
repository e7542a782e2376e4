/* load.h: turning files, folders and standard input into doc_records. */
#ifndef QUARRY_LOAD_H
#define QUARRY_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "doc.h"

/* What the loader hands on. document() gets each loaded record; the record
   is cleared after it returns, so the sink copies (or moves out: copy the
   struct, then zero it) what it keeps. It returns
   0 to go on or -1 to stop the whole load (a storage failure). reject() is
   told about every input that was not loaded: the path, the line (0 when
   the whole file is meant) and why. progress(), when set, is told how many
   bytes of the current file were consumed so far, before the documents
   read from them are delivered. */
struct load_sink {
    int (*document)(void *ctx, struct doc_record *doc);
    void (*reject)(void *ctx, const char *path, long line, const char *message);
    void (*progress)(void *ctx, size_t bytes_done);
    void *ctx;
};

enum load_format { LOAD_UNKNOWN, LOAD_TEXT, LOAD_HTML, LOAD_JSONL };

struct load_file {
    char *path;
    size_t size;
    enum load_format format;
};

struct load_folder {
    dev_t device;
    ino_t inode;
};

/* The files one ingest will read, in order. */
struct load_plan {
    struct load_file *files;
    size_t count;
    size_t total_bytes;
    size_t ignored;   /* files in folders with an extension we do not load */
    struct load_folder *folders; /* the folders being walked, outermost first */
    size_t folder_count;
};

/* The format a file name's extension stands for. */
enum load_format load_format_of(const char *path);

/* Lists the files under each path: a file as given (an unknown extension is
   read as text), a folder recursively in name order, skipping hidden entries
   and files of other types. Paths that cannot be read go to sink->reject.
   Returns 0, or -1 when out of memory. */
int load_plan_paths(struct load_plan *plan, char *const *paths, size_t count,
                    const struct load_sink *sink);
void load_plan_clear(struct load_plan *plan);

/* Loads one file in the given format. Returns 0 when the file was read (its
   rejects, if any, went to the sink) or -1 when the sink asked to stop. */
int load_file(const struct load_file *file, const struct load_sink *sink);

/* Loads line number `number` (counted from 1) of the JSONL file `file`:
   len bytes, its newline included, with `done` bytes of the file read up
   to its end. This is what load_file does with each line, for a caller
   that reads the lines itself (ingest hands them to several threads).
   Returns 0, or -1 when the sink asked to stop. */
int load_jsonl_line(const struct load_file *file, const char *line, size_t len, long number,
                    size_t done, const struct load_sink *sink);

/* Opens a JSONL file for a caller that reads its lines itself, as
   load_file does: never blocking on a FIFO, and a UTF-16 or UTF-32 file
   (with its byte-order mark) decoded whole into *decoded, *stream then
   reading that (the caller closes the one and frees the other). Returns 0,
   *stream NULL when nothing follows the mark; -1 when the file is
   rejected (the reason told to the sink; nothing to free). */
int load_jsonl_open(const char *path, const struct load_sink *sink, FILE **stream,
                    char **decoded);

/* Tells the sink that a JSONL file held no record (empty, or blank lines). */
void load_jsonl_reject_empty(const char *path, const struct load_sink *sink);

/* Makes the parsers (libxml2, jansson) ready to be used from several
   threads at once; call before starting them. */
void load_init_threads(void);

/* Loads one text document from a stream (standard input), named name. */
int load_stream(FILE *stream, const char *name, const struct load_sink *sink);

/* Checks raw bytes of a text document and fills doc->text and text_len
   from them (name, source, format are the caller's; the title is left for
   ingest to guess, rules/lib/titles.lua). The bytes are copied unchanged.
   Returns 0, or -1 with the reason in err. */
int load_text(const char *data, size_t len, struct doc_record *doc,
              char *err, size_t err_size);

/* One line of a JSONL file (its newline may be included) to a record, as
   ingest reads it: text, and id (as name), url (as source), title and
   published when present (a missing title is guessed by ingest, not
   here). Name and source stay NULL when the line has none. Returns 0, or
   -1 with the reason in err. */
int load_json_line(const char *line, size_t len, struct doc_record *doc,
                   char *err, size_t err_size);

#endif
