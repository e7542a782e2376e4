/* store.h: the SQLite database that holds documents, their full-text
   index, their structural regions and the annotations rules find. All SQL
   of the core lives in store.c. */
#ifndef QUARRY_STORE_H
#define QUARRY_STORE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "doc.h"

struct store;

/* The schema version this build writes (PRAGMA user_version). */
int store_schema_version(void);

/* Opens (creating when needed) the database at path, in WAL mode, and
   migrates it to the current schema. Returns NULL with a message in err
   (err_size bytes) on failure. */
struct store *store_open(const char *path, char *err, size_t err_size);

/* Opens an existing database read-only (SQLITE_OPEN_READONLY, query_only),
   so a read-only file or mount can be read; it must be at the current
   schema version. A path where no file is yet is made as store_open
   makes it. */
struct store *store_open_read_only(const char *path, char *err, size_t err_size);

/* Closes the database; statements still open elsewhere keep it alive until
   they are finalized (sqlite3_close_v2). NULL is fine. */
void store_close(struct store *store);

sqlite3 *store_handle(struct store *store);

/* Statements that run longer than seconds from now are interrupted
   ("interrupted"); 0 lifts the deadline. For sandboxed reports, whose
   queries run in SQLite where no Lua hook can see them. */
void store_set_deadline(struct store *store, double seconds);
const char *store_error(struct store *store);

int store_begin(struct store *store);
bool store_in_transaction(struct store *store);
/* A savepoint around one write, inside or outside a transaction: release
   keeps it, rollback undoes everything since the savepoint. */
int store_savepoint(struct store *store);
int store_release(struct store *store);
void store_rollback_savepoint(struct store *store);
int store_commit(struct store *store);
void store_rollback(struct store *store);

enum store_put {
    STORE_FAILED = -1,
    STORE_STORED = 0,
    STORE_DUPLICATE = 1,
};

/* Stores a document and its regions unless a document with the same
   SHA-256 is stored already. Sets *id to the new or existing document's id.
   Runs inside the caller's transaction. */
enum store_put store_put_document(struct store *store, const struct doc_record *doc,
                                  const char *sha256, int64_t *id);

/* Records the file a rule was loaded from (rule_files). Inside the
   caller's transaction. */
int store_put_rule_file(struct store *store, const char *rule, const char *file);

/* Deletes a document with its regions, annotations, rule runs and
   full-text entry (foreign keys and a trigger). Returns the number of
   documents deleted (0: no such id), or -1 with store_error() set. */
int store_remove_document(struct store *store, int64_t document);

/* A document's identity is its source and name: deletes every document
   with this source and name but the one with id keep (the earlier versions
   of a file just stored again), as store_remove_document does. Returns the
   number deleted, or -1 with store_error() set. */
int store_remove_other_versions(struct store *store, const char *source, const char *name,
                                int64_t keep);

/* Columns of the statements below, in order. */
enum store_document_column {
    STORE_DOC_ID, STORE_DOC_NAME, STORE_DOC_SOURCE, STORE_DOC_TITLE,
    STORE_DOC_PUBLISHED, STORE_DOC_SHA256, STORE_DOC_FORMAT,
    STORE_DOC_INGESTED_AT, STORE_DOC_BYTES, STORE_DOC_COLUMNS
};

/* Prepared statements the caller steps and hands back with store_finish
   (never sqlite3_finalize: they may be kept for reuse). Each returns NULL
   with store_error() set on failure. */
sqlite3_stmt *store_documents(struct store *store);          /* all, by id */
/* All, by id, as `quarry list` shows them: STORE_DOC_PUBLISHED is the date
   a document came with, else the one the published rule found (its
   standing annotation), as report.published (scripts/quarry/report.lua)
   gives it to the reports. */
sqlite3_stmt *store_documents_dated(struct store *store);
sqlite3_stmt *store_document_by_id(struct store *store, int64_t id);
sqlite3_stmt *store_documents_by_name(struct store *store, const char *name);
sqlite3_stmt *store_document_text(struct store *store, int64_t id); /* one column */
/* The columns of store_annotations(), in order; type may be NULL (all
   types); candidates: also the annotations the overlap policy set aside
   (beaten_by is not NULL). */
enum store_annotation_column {
    STORE_ANNOTATION_ID, STORE_ANNOTATION_DOCUMENT, STORE_ANNOTATION_TYPE,
    STORE_ANNOTATION_START, STORE_ANNOTATION_END, STORE_ANNOTATION_TEXT,
    STORE_ANNOTATION_VALUE, STORE_ANNOTATION_RULE, STORE_ANNOTATION_RULE_VERSION,
    STORE_ANNOTATION_BEATEN_BY, STORE_ANNOTATION_REASON, STORE_ANNOTATION_COLUMNS
};
sqlite3_stmt *store_annotations(struct store *store, int64_t document, const char *type,
                                bool candidates);
/* rule, version: which rule versions ran on a document */
enum store_rule_run_column { STORE_RULE_RUN_RULE, STORE_RULE_RUN_VERSION };
sqlite3_stmt *store_rule_runs(struct store *store, int64_t document);

/* One annotation to store. value_json may be NULL; beaten_by is the id of
   the annotation that beat it, or 0. */
struct store_annotation {
    int64_t document;
    const char *type;
    size_t start, end;
    const char *text;
    size_t text_len;
    const char *value_json;
    const char *rule, *rule_version;
    int64_t beaten_by;
    const char *reason;
};

/* The rule engine rewrites a document's annotations whole: clear them
   (and its rule runs), put each annotation, link the ones beaten by
   others, record the rule runs. Inside the caller's transaction. */
int store_clear_annotations(struct store *store, int64_t document);
int64_t store_put_annotation(struct store *store, const struct store_annotation *annotation);
int store_set_beaten_by(struct store *store, int64_t id, int64_t beaten_by);
int store_put_rule_run(struct store *store, int64_t document, const char *rule,
                       const char *version);
/* kind, start, end */
enum store_region_column { STORE_REGION_KIND, STORE_REGION_START, STORE_REGION_END };
sqlite3_stmt *store_regions(struct store *store, int64_t document);

enum store_search_column {
    STORE_HIT_ID, STORE_HIT_NAME, STORE_HIT_TITLE, STORE_HIT_SCORE, STORE_HIT_SNIPPET,
    STORE_HIT_SOURCE
};

/* Full-text search over title and text, best first. A query that is not
   valid FTS5 syntax is retried as plain words (each one quoted), so
   "China-Russia" or "U.S." work as typed. open and close mark matched terms in
   the snippet. */
sqlite3_stmt *store_search(struct store *store, const char *query, int limit,
                           const char *open, const char *close);

/* Prepares one read-only statement for db:query and the CLI's query
   command; fails on statements that write, or on more than one statement. */
sqlite3_stmt *store_prepare_query(struct store *store, const char *sql);

/* Hands back a statement from the functions above (reset and kept for
   reuse, or finalized). NULL is fine. */
void store_finish(struct store *store, sqlite3_stmt *stmt);
/* Whether store_finish keeps the statement (it is the store's to finalize). */
bool store_is_pooled(struct store *store, sqlite3_stmt *stmt);

/* Number of stored documents, or -1 on failure. */
int64_t store_document_count(struct store *store);

#endif
