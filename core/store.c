/* store.c: the SQLite side of Quarry. Owns the schema and its migrations
   and every statement the core runs. */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define STORE_POOL_SIZE 24

/* A prepared statement kept for reuse, known by its SQL text's address
   (each call site passes the same literal). */
struct store_pooled {
    const char *sql;
    sqlite3_stmt *stmt;
    bool busy;
};

struct store {
    sqlite3 *db;
    struct store_pooled pool[STORE_POOL_SIZE];
    size_t pool_count;
    sqlite3_stmt *insert_document;
    sqlite3_stmt *insert_region;
    sqlite3_stmt *insert_fts;
    sqlite3_stmt *insert_annotation;
    sqlite3_stmt *update_beaten_by;
    sqlite3_stmt *insert_rule_run;
    sqlite3_stmt *find_by_sha256;
    const char *refused; /* what store_authorize_query refused, or NULL */
    double deadline;     /* CLOCK_MONOTONIC seconds; statements stop after it */
    char error[512];
};

static sqlite3_stmt *store_select(struct store *store, const char *sql);
static void store_plain_snippet(sqlite3_context *context, int argc, sqlite3_value **argv);

/* Migration N takes a database from user_version N to N+1. Never edit a
   migration that has shipped: add a new one. */
static const char *const store_migrations[] = {
    /* 1: documents, their full-text index, regions and annotations */
    "CREATE TABLE documents("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  source TEXT,"
    "  title TEXT,"
    "  published TEXT,"
    "  sha256 TEXT NOT NULL UNIQUE,"
    "  format TEXT NOT NULL,"
    "  text TEXT NOT NULL,"
    "  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));"
    "CREATE INDEX documents_by_name ON documents(name);"
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text,"
    "  content='documents', content_rowid='id',"
    "  tokenize='unicode61 remove_diacritics 2');"
    /* FTS5 flushes its pending terms when they pass hashsize (1 MB by
       default); ingest commits in large batches, so let it gather more,
       and write leaves that fill our 32 KB pages. */
    "INSERT INTO documents_fts(documents_fts, rank) VALUES ('hashsize', 33554432);"
    "INSERT INTO documents_fts(documents_fts, rank) VALUES ('pgsz', 32000);"
    /* No insert trigger: store_put_document indexes each new document
       itself, because a trigger runs in a statement savepoint and FTS5
       flushes its pending terms at every savepoint (one tiny segment per
       document, five times slower). Deletes and title updates are rare
       and go through triggers. */
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN"
    "  INSERT INTO documents_fts(documents_fts, rowid, title, text)"
    "    VALUES ('delete', old.id, old.title, old.text);"
    "END;"
    "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title ON documents BEGIN"
    "  INSERT INTO documents_fts(documents_fts, rowid, title, text)"
    "    VALUES ('delete', old.id, old.title, old.text);"
    "  INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
    "END;"
    "CREATE TRIGGER documents_text_verbatim BEFORE UPDATE OF text ON documents BEGIN"
    "  SELECT RAISE(ABORT, 'stored text is never rewritten');"
    "END;"
    "CREATE TABLE regions("
    "  document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  kind TEXT NOT NULL,"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  CHECK (0 <= start AND start <= end));"
    "CREATE INDEX regions_by_document ON regions(document, start);"
    "CREATE TABLE annotations("
    "  id INTEGER PRIMARY KEY,"
    "  document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  type TEXT NOT NULL,"
    "  start INTEGER NOT NULL,"
    "  end INTEGER NOT NULL,"
    "  text TEXT NOT NULL,"
    "  value TEXT CHECK (value IS NULL OR json_valid(value)),"
    "  rule TEXT NOT NULL,"
    "  rule_version TEXT NOT NULL,"
    "  CHECK (0 <= start AND start <= end));"
    "CREATE INDEX annotations_by_document ON annotations(document, type, start);"
    "CREATE INDEX annotations_by_type ON annotations(type);"
    "CREATE INDEX annotations_by_rule ON annotations(rule);",

    /* 2: the rule engine: every candidate a rule found is kept; the ones
       the overlap policy set aside point at the annotation that beat them.
       rule_runs records which version of each rule ran on each document. */
    /* beaten_by is no foreign key: a document's annotations are always
       rewritten together, and a self-reference would make every delete
       search the table for rows pointing at the deleted one */
    "ALTER TABLE annotations ADD COLUMN beaten_by INTEGER;"
    "ALTER TABLE annotations ADD COLUMN reason TEXT;"
    "CREATE TABLE rule_runs("
    "  document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  rule TEXT NOT NULL,"
    "  version TEXT NOT NULL,"
    "  PRIMARY KEY (document, rule)) WITHOUT ROWID;",

    /* 3: a publication date found by a rule (a date line at the top of a
       text file) is stored on the document, and says which rule found it;
       NULL published_by means the date came with the document (migration
       5 takes this back). */
    "ALTER TABLE documents ADD COLUMN published_by TEXT;",

    /* 4: a document's identity is its source and name (two note.txt in
       different folders are two documents; an edited file replaces its
       earlier version): look it up by them. */
    "CREATE INDEX documents_by_source ON documents(source, name);"
    /* The file each rule was last loaded from, so that an extract run
       without a rule's folder can say which folder its stored
       annotations came from. */
    "CREATE TABLE rule_files("
    "  rule TEXT PRIMARY KEY,"
    "  file TEXT NOT NULL) WITHOUT ROWID;"
    /* Offsets are bytes; SQLite's substr on text counts characters. The
       view cuts the stored text as bytes (CAST AS BLOB) at an
       annotation's offsets, and gives 40 characters on either side: a
       window of 163 bytes holds 40 whole characters (4 bytes at most
       each) plus at most 3 bytes of a character cut at its far edge,
       which substr then leaves out. */
    "CREATE VIEW annotation_context AS"
    " SELECT a.id, a.document, d.name AS doc, a.type, a.start, a.\"end\","
    "  substr(CAST(substr(CAST(d.text AS BLOB), max(a.start - 163, 0) + 1,"
    "                     a.start - max(a.start - 163, 0)) AS TEXT), -40) AS before,"
    "  CAST(substr(CAST(d.text AS BLOB), a.start + 1, a.\"end\" - a.start) AS TEXT) AS exact,"
    "  substr(CAST(substr(CAST(d.text AS BLOB), a.\"end\" + 1, 163) AS TEXT), 1, 40) AS after,"
    "  a.value, a.rule, a.beaten_by"
    " FROM annotations a JOIN documents d ON d.id = a.document;",

    /* 5: a document's fields hold what came with it. The date a rule
       found (migration 3 stored it on the document, with the rule in
       published_by) stays an annotation of type published: a rule that
       reads the date reads this run's finding, never a stale one stored
       by an earlier run. */
    ("UPDATE documents SET published = NULL WHERE published_by IS NOT NULL;"
     "ALTER TABLE documents DROP COLUMN published_by;"),
};

#define STORE_MIGRATION_COUNT ((int)(sizeof store_migrations / sizeof store_migrations[0]))

int store_schema_version(void)
{
    return STORE_MIGRATION_COUNT;
}

static void store_set_error(struct store *store, const char *what)
{
    snprintf(store->error, sizeof store->error, "%s: %s", what, sqlite3_errmsg(store->db));
}

const char *store_error(struct store *store)
{
    return store->error;
}

sqlite3 *store_handle(struct store *store)
{
    return store->db;
}

static int store_exec(struct store *store, const char *sql, const char *what)
{
    if (sqlite3_exec(store->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        store_set_error(store, what);
        return -1;
    }
    return 0;
}

static int store_user_version(struct store *store)
{
    sqlite3_stmt *stmt;
    int version = -1;
    if (sqlite3_prepare_v2(store->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        version = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return version;
}

/* Brings the schema up to date, one migration per transaction, so a
   failed migration leaves the database at the last good version. */
static int store_migrate(struct store *store)
{
    int version = store_user_version(store);
    if (version < 0) {
        store_set_error(store, "reading the schema version");
        return -1;
    }
    if (version > STORE_MIGRATION_COUNT) {
        snprintf(store->error, sizeof store->error,
                 "the database has schema version %d, newer than this quarry (%d)",
                 version, STORE_MIGRATION_COUNT);
        return -1;
    }
    for (; version < STORE_MIGRATION_COUNT; version++) {
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d", version + 1);
        if (store_exec(store, "BEGIN IMMEDIATE", "starting a migration") != 0)
            return -1;
        if (store_exec(store, store_migrations[version], "migrating the schema") != 0
            || store_exec(store, bump, "migrating the schema") != 0) {
            char saved[sizeof store->error];
            memcpy(saved, store->error, sizeof saved);
            sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
            memcpy(store->error, saved, sizeof saved);
            return -1;
        }
        if (store_exec(store, "COMMIT", "committing a migration") != 0)
            return -1;
    }
    return 0;
}

static int store_prepare(struct store *store, const char *sql, sqlite3_stmt **stmt)
{
    if (sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL)
        != SQLITE_OK) {
        store_set_error(store, "preparing a statement");
        return -1;
    }
    return 0;
}

/* Read-only: a database at the current schema version, never migrated,
   and no write possible through the connection (query_only). */
static int store_set_up_read_only(struct store *store)
{
    if (store_exec(store, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;"
                          "PRAGMA query_only = ON;", "setting up the database") != 0)
        return -1;
    int version = store_user_version(store);
    if (version < 0) {
        store_set_error(store, "reading the schema version");
        return -1;
    }
    if (version != STORE_MIGRATION_COUNT) {
        snprintf(store->error, sizeof store->error,
                 version > STORE_MIGRATION_COUNT
                     ? "the database has schema version %d, newer than this quarry (%d)"
                     : "the database has schema version %d and needs migrating to %d: run a"
                       " command that writes (quarry extract) on it once",
                 version, STORE_MIGRATION_COUNT);
        return -1;
    }
    return 0;
}

/* "file:PATH?immutable=1" with PATH's URI characters escaped, in memory
   the caller frees; NULL when out of memory. */
static char *store_immutable_uri(const char *path)
{
    size_t len = strlen(path);
    char *uri = malloc(len * 3 + sizeof "file:?immutable=1");
    if (uri == NULL)
        return NULL;
    char *out = uri + sprintf(uri, "file:");
    for (const char *c = path; *c; c++) {
        if (*c == '%' || *c == '?' || *c == '#')
            out += sprintf(out, "%%%02X", (unsigned char)*c);
        else
            *out++ = *c;
    }
    strcpy(out, "?immutable=1");
    return uri;
}

static struct store *store_open_with(const char *path, bool read_only, bool immutable,
                                     char *err, size_t err_size)
{
    struct store *store = calloc(1, sizeof *store);
    char *uri = immutable ? store_immutable_uri(path) : NULL;
    if (store == NULL || (immutable && uri == NULL)) {
        free(store);
        free(uri);
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    int opened = sqlite3_open_v2(uri ? uri : path, &store->db,
                                 read_only ? SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
                                           : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                 NULL);
    free(uri);
    if (opened != SQLITE_OK) {
        snprintf(err, err_size, "cannot open database %s: %s", path,
                 store->db ? sqlite3_errmsg(store->db) : "out of memory");
        store_close(store);
        return NULL;
    }
    sqlite3_extended_result_codes(store->db, 1);
    sqlite3_busy_timeout(store->db, 5000);
    sqlite3_create_function_v2(store->db, "quarry_snippet", 4,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                               store_plain_snippet, NULL, NULL, NULL);
    /* Large pages suit a store of whole articles and its full-text index:
       ingest writes a third as many pages as with 4 KB (page_size only
       takes effect on a new database). */
    if ((read_only ? store_set_up_read_only(store)
                   : store_exec(store, "PRAGMA page_size = 32768; PRAGMA journal_mode = WAL;"
                                       "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
                                       "PRAGMA temp_store = MEMORY;",
                                "setting up the database") != 0
                         || store_migrate(store) != 0) != 0
        || store_prepare(store,
                         "INSERT INTO documents(name, source, title, published, sha256,"
                         " format, text) VALUES (?, ?, ?, ?, ?, ?, ?)"
                         " ON CONFLICT(sha256) DO NOTHING",
                         &store->insert_document) != 0
        || store_prepare(store, "INSERT INTO regions(document, kind, start, end)"
                                " VALUES (?, ?, ?, ?)", &store->insert_region) != 0
        || store_prepare(store, "INSERT INTO documents_fts(rowid, title, text)"
                                " VALUES (?, ?, ?)", &store->insert_fts) != 0
        || store_prepare(store, "SELECT id FROM documents WHERE sha256 = ?",
                         &store->find_by_sha256) != 0
        || store_prepare(store, "INSERT INTO annotations(document, type, start, end, text,"
                                " value, rule, rule_version, beaten_by, reason)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         &store->insert_annotation) != 0
        || store_prepare(store, "UPDATE annotations SET beaten_by = ? WHERE id = ?",
                         &store->update_beaten_by) != 0
        || store_prepare(store, "INSERT OR REPLACE INTO rule_runs(document, rule, version)"
                                " VALUES (?, ?, ?)", &store->insert_rule_run) != 0) {
        snprintf(err, err_size, "%s: %s", path, store->error);
        store_close(store);
        return NULL;
    }
    return store;
}

static double store_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* SQLite's progress handler: a nonzero answer interrupts the statement. */
static int store_past_deadline(void *data)
{
    struct store *store = data;
    return store_now() > store->deadline;
}

void store_set_deadline(struct store *store, double seconds)
{
    if (seconds > 0) {
        store->deadline = store_now() + seconds;
        sqlite3_progress_handler(store->db, 100000, store_past_deadline, store);
    } else {
        sqlite3_progress_handler(store->db, 0, NULL, NULL);
    }
}

struct store *store_open(const char *path, char *err, size_t err_size)
{
    return store_open_with(path, false, false, err, err_size);
}

struct store *store_open_read_only(const char *path, char *err, size_t err_size)
{
    if (access(path, F_OK) != 0) /* nothing to read: made as the others make it */
        return store_open_with(path, false, false, err, err_size);
    struct store *store = store_open_with(path, true, false, err, err_size);
    if (store != NULL)
        return store;
    /* A WAL database needs its -shm file, which a read-only folder or mount
       cannot hold: where it cannot be made, no one can be writing (a
       writer needs it too), so the file is read as immutable. */
    char first[600];
    snprintf(first, sizeof first, "%s", err);
    store = store_open_with(path, true, true, err, err_size);
    if (store == NULL)
        snprintf(err, err_size, "%s", first);
    return store;
}

void store_close(struct store *store)
{
    if (store == NULL)
        return;
    sqlite3_finalize(store->insert_document);
    sqlite3_finalize(store->insert_region);
    sqlite3_finalize(store->insert_fts);
    sqlite3_finalize(store->insert_annotation);
    sqlite3_finalize(store->update_beaten_by);
    sqlite3_finalize(store->insert_rule_run);
    sqlite3_finalize(store->find_by_sha256);
    for (size_t i = 0; i < store->pool_count; i++)
        sqlite3_finalize(store->pool[i].stmt);
    sqlite3_close_v2(store->db);
    free(store);
}

/* Runs a pooled statement that takes no parameters and returns no rows. */
static int store_run(struct store *store, const char *sql, const char *what)
{
    sqlite3_stmt *stmt = store_select(store, sql);
    if (stmt == NULL)
        return -1;
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE)
        store_set_error(store, what);
    store_finish(store, stmt);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_savepoint(struct store *store)
{
    return store_run(store, "SAVEPOINT quarry_write", "starting a write");
}

int store_release(struct store *store)
{
    return store_run(store, "RELEASE quarry_write", "finishing a write");
}

void store_rollback_savepoint(struct store *store)
{
    sqlite3_exec(store->db, "ROLLBACK TO quarry_write; RELEASE quarry_write", NULL, NULL, NULL);
}

bool store_in_transaction(struct store *store)
{
    return !sqlite3_get_autocommit(store->db);
}

int store_begin(struct store *store)
{
    return store_exec(store, "BEGIN IMMEDIATE", "starting a transaction");
}

int store_commit(struct store *store)
{
    return store_exec(store, "COMMIT", "committing");
}

void store_rollback(struct store *store)
{
    if (!sqlite3_get_autocommit(store->db))
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
}

static void store_bind_optional(sqlite3_stmt *stmt, int index, const char *text)
{
    if (text != NULL)
        sqlite3_bind_text(stmt, index, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt, index);
}

/* Runs a prepared insert to completion and resets it for the next use. */
static int store_step_done(struct store *store, sqlite3_stmt *stmt, const char *what)
{
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE)
        store_set_error(store, what);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int store_find_sha256(struct store *store, const char *sha256, int64_t *id)
{
    sqlite3_stmt *stmt = store->find_by_sha256;
    int rc;
    sqlite3_bind_text(stmt, 1, sha256, -1, SQLITE_STATIC);
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(stmt, 0);
    else
        store_set_error(store, "looking up a document");
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW ? 0 : -1;
}

enum store_put store_put_document(struct store *store, const struct doc_record *doc,
                                  const char *sha256, int64_t *id)
{
    sqlite3_stmt *stmt = store->insert_document;

    sqlite3_bind_text(stmt, 1, doc->name, -1, SQLITE_STATIC);
    store_bind_optional(stmt, 2, doc->source);
    store_bind_optional(stmt, 3, doc->title);
    store_bind_optional(stmt, 4, doc->published);
    sqlite3_bind_text(stmt, 5, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 6, doc->format, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 7, doc->text, (int)doc->text_len, SQLITE_STATIC);
    if (store_step_done(store, stmt, "storing a document") != 0)
        return STORE_FAILED;
    if (sqlite3_changes(store->db) == 0)
        return store_find_sha256(store, sha256, id) == 0 ? STORE_DUPLICATE : STORE_FAILED;
    *id = sqlite3_last_insert_rowid(store->db);
    sqlite3_bind_int64(store->insert_fts, 1, *id);
    store_bind_optional(store->insert_fts, 2, doc->title);
    sqlite3_bind_text(store->insert_fts, 3, doc->text, (int)doc->text_len, SQLITE_STATIC);
    if (store_step_done(store, store->insert_fts, "indexing a document") != 0)
        return STORE_FAILED;
    for (size_t i = 0; i < doc->region_count; i++) {
        sqlite3_stmt *region = store->insert_region;
        sqlite3_bind_int64(region, 1, *id);
        sqlite3_bind_text(region, 2, doc->regions[i].kind, -1, SQLITE_STATIC);
        sqlite3_bind_int64(region, 3, (sqlite3_int64)doc->regions[i].start);
        sqlite3_bind_int64(region, 4, (sqlite3_int64)doc->regions[i].end);
        if (store_step_done(store, region, "storing a region") != 0)
            return STORE_FAILED;
    }
    return STORE_STORED;
}

/* A statement for sql, from the pool when it is free there; a statement
   already lent out is prepared again (and finalized when finished), so
   nested use works. Hand it back with store_finish. */
static sqlite3_stmt *store_select(struct store *store, const char *sql)
{
    bool known = false;
    sqlite3_stmt *stmt;
    for (size_t i = 0; i < store->pool_count; i++) {
        if (store->pool[i].sql == sql) {
            if (!store->pool[i].busy) {
                store->pool[i].busy = true;
                return store->pool[i].stmt;
            }
            known = true;
        }
    }
    if (sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL)
        != SQLITE_OK) {
        store_set_error(store, "preparing a query");
        return NULL;
    }
    if (!known && store->pool_count < STORE_POOL_SIZE)
        store->pool[store->pool_count++] = (struct store_pooled){sql, stmt, true};
    return stmt;
}

bool store_is_pooled(struct store *store, sqlite3_stmt *stmt)
{
    for (size_t i = 0; i < store->pool_count; i++)
        if (store->pool[i].stmt == stmt)
            return true;
    return false;
}

void store_finish(struct store *store, sqlite3_stmt *stmt)
{
    if (stmt == NULL)
        return;
    for (size_t i = 0; i < store->pool_count; i++) {
        if (store->pool[i].stmt == stmt) {
            sqlite3_reset(stmt);
            sqlite3_clear_bindings(stmt);
            store->pool[i].busy = false;
            return;
        }
    }
    sqlite3_finalize(stmt);
}

#define STORE_DOCUMENT_COLUMNS \
    "SELECT id, name, source, title, published, sha256, format, ingested_at," \
    " length(CAST(text AS BLOB)) FROM documents "

sqlite3_stmt *store_documents(struct store *store)
{
    return store_select(store, STORE_DOCUMENT_COLUMNS "ORDER BY id");
}

sqlite3_stmt *store_documents_dated(struct store *store)
{
    return store_select(store,
        "SELECT id, name, source, title, coalesce(published,"
        "  (SELECT json_extract(a.value, '$.edtf') FROM annotations a"
        "   WHERE a.document = documents.id AND a.type = 'published' AND a.beaten_by IS NULL"
        "   ORDER BY a.start LIMIT 1)),"
        " sha256, format, ingested_at, length(CAST(text AS BLOB)) FROM documents ORDER BY id");
}

sqlite3_stmt *store_document_by_id(struct store *store, int64_t id)
{
    sqlite3_stmt *stmt = store_select(store, STORE_DOCUMENT_COLUMNS "WHERE id = ?");
    if (stmt != NULL)
        sqlite3_bind_int64(stmt, 1, id);
    return stmt;
}

sqlite3_stmt *store_documents_by_name(struct store *store, const char *name)
{
    sqlite3_stmt *stmt = store_select(store, STORE_DOCUMENT_COLUMNS
                                      "WHERE name = ? ORDER BY id");
    if (stmt != NULL)
        sqlite3_bind_text(stmt, 1, name, -1, SQLITE_TRANSIENT);
    return stmt;
}

sqlite3_stmt *store_document_text(struct store *store, int64_t id)
{
    sqlite3_stmt *stmt = store_select(store, "SELECT text FROM documents WHERE id = ?");
    if (stmt != NULL)
        sqlite3_bind_int64(stmt, 1, id);
    return stmt;
}

sqlite3_stmt *store_annotations(struct store *store, int64_t document, const char *type,
                                bool candidates)
{
    sqlite3_stmt *stmt = store_select(store,
        "SELECT id, document, type, start, end, text, value, rule, rule_version,"
        " beaten_by, reason FROM annotations"
        " WHERE document = ?1 AND (?2 IS NULL OR type = ?2) AND (?3 OR beaten_by IS NULL)"
        " ORDER BY start, end DESC, type, id");
    if (stmt != NULL) {
        sqlite3_bind_int64(stmt, 1, document);
        if (type != NULL)
            sqlite3_bind_text(stmt, 2, type, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(stmt, 3, candidates);
    }
    return stmt;
}

sqlite3_stmt *store_rule_runs(struct store *store, int64_t document)
{
    sqlite3_stmt *stmt = store_select(store, "SELECT rule, version FROM rule_runs"
                                             " WHERE document = ? ORDER BY rule");
    if (stmt != NULL)
        sqlite3_bind_int64(stmt, 1, document);
    return stmt;
}

int store_clear_annotations(struct store *store, int64_t document)
{
    sqlite3_stmt *stmt = store_select(store, "DELETE FROM annotations WHERE document = ?1");
    if (stmt == NULL)
        return -1;
    sqlite3_bind_int64(stmt, 1, document);
    int rc = store_step_done(store, stmt, "clearing annotations");
    store_finish(store, stmt);
    if (rc != 0)
        return -1;
    stmt = store_select(store, "DELETE FROM rule_runs WHERE document = ?1");
    if (stmt == NULL)
        return -1;
    sqlite3_bind_int64(stmt, 1, document);
    rc = store_step_done(store, stmt, "clearing rule runs");
    store_finish(store, stmt);
    return rc;
}

int64_t store_put_annotation(struct store *store, const struct store_annotation *a)
{
    sqlite3_stmt *stmt = store->insert_annotation;
    sqlite3_bind_int64(stmt, 1, a->document);
    sqlite3_bind_text(stmt, 2, a->type, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, (sqlite3_int64)a->start);
    sqlite3_bind_int64(stmt, 4, (sqlite3_int64)a->end);
    sqlite3_bind_text(stmt, 5, a->text, (int)a->text_len, SQLITE_STATIC);
    store_bind_optional(stmt, 6, a->value_json);
    sqlite3_bind_text(stmt, 7, a->rule, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 8, a->rule_version, -1, SQLITE_STATIC);
    if (a->beaten_by > 0)
        sqlite3_bind_int64(stmt, 9, a->beaten_by);
    else
        sqlite3_bind_null(stmt, 9);
    store_bind_optional(stmt, 10, a->reason);
    if (store_step_done(store, stmt, "storing an annotation") != 0)
        return -1;
    return sqlite3_last_insert_rowid(store->db);
}

int store_set_beaten_by(struct store *store, int64_t id, int64_t beaten_by)
{
    sqlite3_stmt *stmt = store->update_beaten_by;
    sqlite3_bind_int64(stmt, 1, beaten_by);
    sqlite3_bind_int64(stmt, 2, id);
    return store_step_done(store, stmt, "linking an annotation");
}

int store_put_rule_run(struct store *store, int64_t document, const char *rule,
                       const char *version)
{
    sqlite3_stmt *stmt = store->insert_rule_run;
    sqlite3_bind_int64(stmt, 1, document);
    sqlite3_bind_text(stmt, 2, rule, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, version, -1, SQLITE_STATIC);
    return store_step_done(store, stmt, "recording a rule run");
}

sqlite3_stmt *store_regions(struct store *store, int64_t document)
{
    sqlite3_stmt *stmt = store_select(store, "SELECT kind, start, end FROM regions"
                                             " WHERE document = ? ORDER BY start");
    if (stmt != NULL)
        sqlite3_bind_int64(stmt, 1, document);
    return stmt;
}

/* Rewrites a query as plain words: each white-space separated word becomes
   an FTS5 string, so punctuation inside words loses its operator meaning. */
static char *store_quote_words(const char *query)
{
    size_t len = strlen(query), out = 0;
    char *quoted = malloc(len * 3 + 3);
    bool in_word = false;
    if (quoted == NULL)
        return NULL;
    for (size_t i = 0; i <= len; i++) {
        char c = query[i];
        bool space = c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (!space && !in_word)
            quoted[out++] = '"';
        if (space && in_word) {
            quoted[out++] = '"';
            quoted[out++] = ' ';
        }
        if (!space) {
            if (c == '"')
                quoted[out++] = '"';
            quoted[out++] = c;
        }
        in_word = !space;
    }
    quoted[out] = '\0';
    return quoted;
}

/* Whether FTS5 accepts the query (it reports syntax errors when run). */
static bool store_fts_accepts(struct store *store, const char *query)
{
    sqlite3_stmt *stmt = store_select(store,
        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? LIMIT 1");
    int rc;
    if (stmt == NULL)
        return false;
    sqlite3_bind_text(stmt, 1, query, -1, SQLITE_STATIC);
    rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        store_set_error(store, "search");
    store_finish(store, stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* Documents above this many bytes get their snippet from
   store_plain_snippet: FTS5's snippet() looks at every place in a document
   and took minutes on one of 50 MB. */
#define STORE_SNIPPET_WHOLE_MAX_TEXT "262144"

static bool store_word_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static unsigned char store_fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* The length of the query term at text (a whole word, or a prefix when the
   term ends with '*'), or 0. terms: the query's words, folded, each as
   "word\0" with "*" after a prefix; end: after the last. */
static size_t store_term_at(const unsigned char *text, size_t len, size_t at,
                            const char *terms, const char *end)
{
    if (at > 0 && store_word_byte(text[at - 1]))
        return 0;
    for (const char *term = terms; term < end; term += strlen(term) + 1) {
        size_t n = strlen(term);
        bool prefix = n > 1 && term[n - 1] == '*';
        if (prefix)
            n--;
        if (at + n > len)
            continue;
        size_t k = 0;
        while (k < n && store_fold(text[at + k]) == (unsigned char)term[k])
            k++;
        if (k < n)
            continue;
        size_t stop = at + n;
        if (prefix)
            while (stop < len && store_word_byte(text[stop]))
                stop++;
        else if (stop < len && store_word_byte(text[stop]))
            continue;
        return stop - at;
    }
    return 0;
}

/* quarry_snippet(text, query, open, close): a snippet around the first
   place a word of the query occurs (ASCII case folded, whole words, term*
   as a prefix), the words marked with open and close, white space
   squeezed, "…" where the text goes on. Linear in the text: for the
   documents FTS5's snippet() is too slow on. NULL without a match. */
static void store_plain_snippet(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *text = sqlite3_value_text(argv[0]);
    const char *query = (const char *)sqlite3_value_text(argv[1]);
    const char *open = (const char *)sqlite3_value_text(argv[2]);
    const char *close = (const char *)sqlite3_value_text(argv[3]);
    size_t len = (size_t)sqlite3_value_bytes(argv[0]);
    if (text == NULL || query == NULL || open == NULL || close == NULL)
        return;
    /* the query's words, folded, NUL-separated (operators left out) */
    size_t query_len = strlen(query);
    char *terms = sqlite3_malloc64(query_len + 2), *end = terms;
    if (terms == NULL) {
        sqlite3_result_error_nomem(context);
        return;
    }
    for (size_t i = 0; i < query_len;) {
        if (!store_word_byte((unsigned char)query[i])) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < query_len && store_word_byte((unsigned char)query[i]))
            i++;
        size_t n = i - start;
        bool prefix = i < query_len && query[i] == '*';
        if ((n == 3 && (memcmp(query + start, "AND", 3) == 0 || memcmp(query + start, "NOT", 3) == 0))
            || (n == 2 && memcmp(query + start, "OR", 2) == 0)
            || (n == 4 && memcmp(query + start, "NEAR", 4) == 0))
            continue;
        for (size_t k = 0; k < n; k++)
            *end++ = (char)store_fold((unsigned char)query[start + k]);
        if (prefix)
            *end++ = '*';
        *end++ = '\0';
    }
    size_t hit = len, hit_len = 0;
    for (size_t at = 0; at < len && end > terms; at++) {
        if (store_word_byte(text[at]) && (hit_len = store_term_at(text, len, at, terms, end)) > 0) {
            hit = at;
            break;
        }
    }
    if (hit == len) {
        sqlite3_free(terms);
        return;
    }
    /* the window: about 60 bytes before the hit and 100 after, at word
       starts and UTF-8 character starts */
    size_t from = hit > 60 ? hit - 60 : 0, to = hit + hit_len + 100 < len ? hit + hit_len + 100 : len;
    while (from > 0 && from < hit && store_word_byte(text[from - 1]))
        from++;
    while (to < len && (text[to] & 0xc0) == 0x80)
        to++;
    while (to > hit + hit_len && to < len && store_word_byte(text[to]) && store_word_byte(text[to - 1]))
        to--;
    sqlite3_str *out = sqlite3_str_new(sqlite3_context_db_handle(context));
    if (from > 0)
        sqlite3_str_appendall(out, "…");
    bool space = false;
    for (size_t at = from; at < to;) {
        if (text[at] == ' ' || text[at] == '\n' || text[at] == '\t' || text[at] == '\r') {
            space = true;
            at++;
            continue;
        }
        if (space && sqlite3_str_length(out) > 0)
            sqlite3_str_appendchar(out, 1, ' ');
        space = false;
        size_t n = store_word_byte(text[at]) ? store_term_at(text, len, at, terms, end) : 0;
        if (n > 0) {
            sqlite3_str_appendall(out, open);
            sqlite3_str_append(out, (const char *)text + at, (int)n);
            sqlite3_str_appendall(out, close);
            at += n;
        } else {
            size_t word = at + 1;
            while (word < to && store_word_byte(text[at]) && store_word_byte(text[word]))
                word++;
            sqlite3_str_append(out, (const char *)text + at, (int)(word - at));
            at = word;
        }
    }
    if (to < len)
        sqlite3_str_appendall(out, "…");
    sqlite3_free(terms);
    int out_len = sqlite3_str_length(out);
    char *result = sqlite3_str_finish(out);
    if (result == NULL)
        sqlite3_result_error_nomem(context);
    else
        sqlite3_result_text(context, result, out_len, sqlite3_free);
}

sqlite3_stmt *store_search(struct store *store, const char *query, int limit,
                           const char *open, const char *close)
{
    char *quoted = NULL;
    sqlite3_stmt *stmt;

    if (!store_fts_accepts(store, query)) {
        quoted = store_quote_words(query);
        if (quoted == NULL || !store_fts_accepts(store, quoted)) {
            free(quoted);
            return NULL; /* the first error message stays */
        }
    }
    stmt = store_select(store,
        "SELECT d.id, d.name, d.title, -bm25(documents_fts),"
        " CASE WHEN length(CAST(d.text AS BLOB)) <= " STORE_SNIPPET_WHOLE_MAX_TEXT
        " THEN snippet(documents_fts, -1, ?2, ?3, '…', 16)"
        " ELSE quarry_snippet(d.text, ?1, ?2, ?3) END, d.source"
        " FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid"
        " WHERE documents_fts MATCH ?1 ORDER BY bm25(documents_fts), d.id LIMIT ?4");
    if (stmt != NULL) {
        sqlite3_bind_text(stmt, 1, quoted ? quoted : query, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 2, open, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 3, close, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(stmt, 4, limit);
    }
    free(quoted);
    return stmt;
}

/* The pragmas a query may run: questions about this database, never a
   setting. These take an argument that is part of the question (a table,
   an index) ... */
static const char *const store_query_pragmas_with_argument[] = {
    "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
    "foreign_key_list", "integrity_check", "quick_check", NULL,
};
/* ... and these are asked without one (with one, they would set it). */
static const char *const store_query_pragmas[] = {
    "table_list", "integrity_check", "quick_check", "user_version", "page_count",
    "page_size", "freelist_count", "compile_options", "collation_list", "function_list",
    "pragma_list", "module_list", "encoding", "schema_version", "data_version", "database_list",
    NULL,
};

static bool store_listed(const char *const *names, const char *name)
{
    for (; *names; names++)
        if (sqlite3_stricmp(*names, name) == 0)
            return true;
    return false;
}

/* The authorizer of queries (quarry query, db:query): no ATTACH or DETACH
   (another database, or a new file, reached through this one), no pragma
   that sets anything (writable_schema, cache_size, mmap_size,
   trusted_schema, ...) or that is not a question about this database. */
static int store_authorize_query(void *data, int action, const char *arg1, const char *arg2,
                                 const char *database, const char *trigger)
{
    struct store *store = data;
    (void)database;
    (void)trigger;
    if (action == SQLITE_ATTACH || action == SQLITE_DETACH) {
        store->refused = action == SQLITE_ATTACH ? "ATTACH" : "DETACH";
        return SQLITE_DENY;
    }
    if (action == SQLITE_PRAGMA) {
        if (arg1 != NULL && store_listed(arg2 ? store_query_pragmas_with_argument
                                              : store_query_pragmas, arg1))
            return SQLITE_OK;
        store->refused = "a PRAGMA that is not a question about this database";
        return SQLITE_DENY;
    }
    return SQLITE_OK;
}

sqlite3_stmt *store_prepare_query(struct store *store, const char *sql)
{
    sqlite3_stmt *stmt;
    const char *tail = NULL;

    store->refused = NULL;
    sqlite3_set_authorizer(store->db, store_authorize_query, store);
    int rc = sqlite3_prepare_v2(store->db, sql, -1, &stmt, &tail);
    sqlite3_set_authorizer(store->db, NULL, NULL);
    if (rc != SQLITE_OK && store->refused != NULL) {
        snprintf(store->error, sizeof store->error,
                 "query: %s is refused (a query reads this database only, as it is)",
                 store->refused);
        return NULL;
    }
    if (rc != SQLITE_OK) {
        store_set_error(store, "query");
        return NULL;
    }
    if (stmt == NULL) {
        snprintf(store->error, sizeof store->error, "query: no SQL statement given");
        return NULL;
    }
    while (tail != NULL && (*tail == ' ' || *tail == '\n' || *tail == '\t'
                            || *tail == '\r' || *tail == ';'))
        tail++;
    if (tail != NULL && *tail != '\0') {
        snprintf(store->error, sizeof store->error,
                 "query: one statement at a time (extra text: \"%.40s\")", tail);
        sqlite3_finalize(stmt);
        return NULL;
    }
    if (!sqlite3_stmt_readonly(stmt)) {
        snprintf(store->error, sizeof store->error,
                 "query: only read-only statements run here (stored documents are"
                 " never rewritten; use ingest and extract to write)");
        sqlite3_finalize(stmt);
        return NULL;
    }
    return stmt;
}

int store_put_rule_file(struct store *store, const char *rule, const char *file)
{
    sqlite3_stmt *stmt = store_select(store,
        "INSERT INTO rule_files(rule, file) VALUES (?1, ?2)"
        " ON CONFLICT(rule) DO UPDATE SET file = excluded.file WHERE file IS NOT excluded.file");
    if (stmt == NULL)
        return -1;
    sqlite3_bind_text(stmt, 1, rule, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, file, -1, SQLITE_STATIC);
    int rc = store_step_done(store, stmt, "recording a rule's file");
    store_finish(store, stmt);
    return rc;
}

int store_remove_document(struct store *store, int64_t document)
{
    sqlite3_stmt *stmt = store_select(store, "DELETE FROM documents WHERE id = ?1");
    if (stmt == NULL)
        return -1;
    sqlite3_bind_int64(stmt, 1, document);
    int rc = store_step_done(store, stmt, "removing a document");
    int removed = rc == 0 ? sqlite3_changes(store->db) : -1;
    store_finish(store, stmt);
    return removed;
}

/* Whether a document of this identity other than keep is stored: -1 on
   an error, else 0 or 1. A plain SELECT, because the DELETE of
   store_remove_other_versions runs the FTS5 delete trigger in a statement
   savepoint, and FTS5 flushes its pending terms at every savepoint: run
   for each stored document, it made one tiny index segment per document
   and took half of ingest's time. */
static int store_has_other_version(struct store *store, const char *source, const char *name,
                                   int64_t keep)
{
    sqlite3_stmt *stmt = store_select(store,
        "SELECT 1 FROM documents WHERE source = ?1 AND name = ?2 AND id != ?3 LIMIT 1");
    if (stmt == NULL)
        return -1;
    sqlite3_bind_text(stmt, 1, source, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, keep);
    int rc = sqlite3_step(stmt);
    int found = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
    if (found < 0)
        store_set_error(store, "looking for an earlier version");
    store_finish(store, stmt);
    return found;
}

int store_remove_other_versions(struct store *store, const char *source, const char *name,
                                int64_t keep)
{
    int found = store_has_other_version(store, source, name, keep);
    if (found <= 0)
        return found;
    sqlite3_stmt *stmt = store_select(store,
        "DELETE FROM documents WHERE source = ?1 AND name = ?2 AND id != ?3");
    if (stmt == NULL)
        return -1;
    sqlite3_bind_text(stmt, 1, source, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, keep);
    int rc = store_step_done(store, stmt, "replacing an earlier version");
    int removed = rc == 0 ? sqlite3_changes(store->db) : -1;
    store_finish(store, stmt);
    return removed;
}

int64_t store_document_count(struct store *store)
{
    sqlite3_stmt *stmt = store_select(store, "SELECT count(*) FROM documents");
    int64_t count = -1;
    if (stmt == NULL)
        return -1;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        count = sqlite3_column_int64(stmt, 0);
    store_finish(store, stmt);
    return count;
}
