/* fuzz_common.h: what the libFuzzer targets share. Each target is one
   LLVMFuzzerTestOneInput over one of Quarry's inputs; a broken promise
   (text that is not UTF-8, an offset outside the text) aborts, so the
   fuzzer keeps the input that broke it. */
#ifndef QUARRY_FUZZ_COMMON_H
#define QUARRY_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "load.h"
#include "text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the run with a message: the fuzzer reports the input as a crash. */
#define FUZZ_CHECK(condition, ...)                                                  \
    do {                                                                            \
        if (!(condition)) {                                                         \
            fprintf(stderr, "fuzz: broken promise: " __VA_ARGS__);                  \
            fputc('\n', stderr);                                                    \
            abort();                                                                \
        }                                                                           \
    } while (0)

/* A scratch file the loaders read the input from (they read files, as
   ingest does; the format is given, not read from a name): made once per
   process, in /dev/shm when there is one. */
static char fuzz_path[256];

static inline void fuzz_make_scratch(void)
{
    const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
    snprintf(fuzz_path, sizeof fuzz_path, "%s/quarry-fuzz-XXXXXX", dir ? dir : "/tmp");
    int fd = mkstemp(fuzz_path);
    if (fd < 0) {
        perror("fuzz: scratch file");
        exit(1);
    }
    close(fd);
}

static inline void fuzz_remove_scratch(void)
{
    unlink(fuzz_path);
}

/* Writes the input to the scratch file. */
static inline void fuzz_write_scratch(const uint8_t *data, size_t size)
{
    FILE *file = fopen(fuzz_path, "wb");
    if (file == NULL || (size > 0 && fwrite(data, 1, size, file) != size) || fclose(file) != 0) {
        perror("fuzz: writing the scratch file");
        exit(1);
    }
}

/* A loaded document keeps doc.h's promises: NUL-terminated text of
   text_len bytes, well-formed UTF-8, not blank; name, source, format set;
   regions ordered, inside the text. */
static inline int fuzz_check_document(void *ctx, struct doc_record *doc)
{
    (void)ctx;
    FUZZ_CHECK(doc->text != NULL && doc->text[doc->text_len] == '\0', "text not terminated");
    FUZZ_CHECK(text_utf8_invalid_at(doc->text, doc->text_len) == doc->text_len,
               "stored text is not UTF-8 (byte %zu of %zu)",
               text_utf8_invalid_at(doc->text, doc->text_len), doc->text_len);
    FUZZ_CHECK(!text_is_blank(doc->text, doc->text_len), "a blank document was loaded");
    FUZZ_CHECK(doc->name != NULL && doc->source != NULL && doc->format != NULL, "fields missing");
    FUZZ_CHECK(doc->title == NULL || text_utf8_invalid_at(doc->title, strlen(doc->title))
                                         == strlen(doc->title), "title is not UTF-8");
    for (size_t i = 0; i < doc->region_count; i++)
        FUZZ_CHECK(doc->regions[i].start <= doc->regions[i].end
                       && doc->regions[i].end <= doc->text_len,
                   "region %zu [%zu, %zu) outside the text of %zu bytes", i,
                   doc->regions[i].start, doc->regions[i].end, doc->text_len);
    return 0;
}

/* A reject names the file and says why. */
static inline void fuzz_check_reject(void *ctx, const char *path, long line, const char *message)
{
    (void)ctx;
    FUZZ_CHECK(path != NULL && strcmp(path, fuzz_path) == 0, "a reject that names another file");
    FUZZ_CHECK(line >= 0 && message != NULL && message[0] != '\0', "a reject without a reason");
}

/* Loads the input as a file of the given format through load_file, as
   ingest does. */
static inline void fuzz_load(const uint8_t *data, size_t size, enum load_format format)
{
    struct load_sink sink = {fuzz_check_document, fuzz_check_reject, NULL, NULL};
    struct load_file file = {fuzz_path, size, format};
    fuzz_write_scratch(data, size);
    FUZZ_CHECK(load_file(&file, &sink) == 0, "load_file stopped without being asked");
}

#endif
