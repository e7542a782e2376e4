/* test_store.c: the SQLite store: schema and migrations, idempotent
   inserts, the full-text index kept in step, verbatim text, read-only
   queries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "hash.h"
#include "store.h"

struct fixture {
    char dir[512];
    char path[600];
    struct store *store;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    char err[600];
    snprintf(f->dir, sizeof f->dir, "%s/storeXXXXXX", QUARRY_TEST_TMP);
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/test.db", f->dir);
    f->store = store_open(f->path, err, sizeof err);
    assert_non_null(f->store);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char command[700];
    store_close(f->store);
    snprintf(command, sizeof command, "rm -rf '%s'", f->dir);
    assert_int_equal(system(command), 0);
    free(f);
    return 0;
}

static int64_t put(struct store *store, const char *name, const char *text,
                   enum store_put expected)
{
    struct doc_record doc = {0};
    char sha[HASH_HEX_SIZE];
    int64_t id = -1;
    doc.name = (char *)name;
    doc.source = (char *)name;
    doc.title = (char *)"A title";
    doc.format = "text";
    doc.text = (char *)text;
    doc.text_len = strlen(text);
    assert_int_equal(hash_sha256_hex(text, doc.text_len, sha), 0);
    assert_int_equal(store_put_document(store, &doc, sha, &id), expected);
    return id;
}

/* The first column of the first row of sql, as an integer. */
static int64_t scalar(struct store *store, const char *sql)
{
    sqlite3_stmt *stmt;
    int64_t value;
    assert_int_equal(sqlite3_prepare_v2(store_handle(store), sql, -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
}

static void test_new_database_has_current_schema(void **state)
{
    struct fixture *f = *state;
    assert_true(store_schema_version() >= 1);
    assert_int_equal(scalar(f->store, "PRAGMA user_version"), store_schema_version());
    assert_int_equal(scalar(f->store, "SELECT count(*) FROM sqlite_master WHERE name IN"
                                      " ('documents', 'documents_fts', 'annotations', 'regions')"), 4);
    sqlite3_stmt *stmt;
    assert_int_equal(sqlite3_prepare_v2(store_handle(f->store), "PRAGMA journal_mode", -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "wal");
    sqlite3_finalize(stmt);
}

static void test_migrates_an_empty_database_once(void **state)
{
    struct fixture *f = *state;
    char path[700], err[600];
    sqlite3 *raw;
    snprintf(path, sizeof path, "%s/old.db", f->dir);
    /* a database some other tool made, at version 0, with a table of its own */
    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_exec(raw, "CREATE TABLE notes(x); INSERT INTO notes VALUES (1);",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);
    struct store *store = store_open(path, err, sizeof err);
    assert_non_null(store);
    assert_int_equal(scalar(store, "PRAGMA user_version"), store_schema_version());
    assert_int_equal(scalar(store, "SELECT count(*) FROM notes"), 1);
    put(store, "a.txt", "Some text about 5G networks.\n", STORE_STORED);
    store_close(store);
    /* opening again runs no migration and keeps the data */
    store = store_open(path, err, sizeof err);
    assert_non_null(store);
    assert_int_equal(store_document_count(store), 1);
    store_close(store);
}

static void test_refuses_a_newer_schema(void **state)
{
    struct fixture *f = *state;
    char path[700], err[600];
    sqlite3 *raw;
    snprintf(path, sizeof path, "%s/new.db", f->dir);
    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_exec(raw, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw);
    assert_null(store_open(path, err, sizeof err));
    assert_non_null(strstr(err, "newer than this quarry"));
    assert_non_null(strstr(err, path));
}

static void test_put_is_idempotent(void **state)
{
    struct fixture *f = *state;
    int64_t first = put(f->store, "a.txt", "One text.\n", STORE_STORED);
    int64_t again = put(f->store, "copy-of-a.txt", "One text.\n", STORE_DUPLICATE);
    int64_t other = put(f->store, "b.txt", "Another text.\n", STORE_STORED);
    assert_int_equal(first, again);
    assert_int_not_equal(first, other);
    assert_int_equal(store_document_count(f->store), 2);
}

static void test_text_is_stored_byte_for_byte(void **state)
{
    struct fixture *f = *state;
    const char *text = "Title\r\n\r\n\xe2\x80\x9cQuoted\xe2\x80\x9d \xc2\xa0 text \xe2\x80\x94 end\n";
    int64_t id = put(f->store, "bytes.txt", text, STORE_STORED);
    sqlite3_stmt *stmt = store_document_text(f->store, id);
    assert_non_null(stmt);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_int_equal(sqlite3_column_bytes(stmt, 0), (int)strlen(text));
    assert_memory_equal(sqlite3_column_blob(stmt, 0), text, strlen(text));
    store_finish(f->store, stmt);
}

static void test_text_cannot_be_rewritten(void **state)
{
    struct fixture *f = *state;
    put(f->store, "a.txt", "Original.\n", STORE_STORED);
    assert_int_not_equal(sqlite3_exec(store_handle(f->store),
                                      "UPDATE documents SET text = 'changed'", NULL, NULL, NULL),
                         SQLITE_OK);
    assert_non_null(strstr(sqlite3_errmsg(store_handle(f->store)), "never rewritten"));
    /* titles may change, and the index follows */
    assert_int_equal(sqlite3_exec(store_handle(f->store),
                                  "UPDATE documents SET title = 'Zanzibar'", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(scalar(f->store, "SELECT count(*) FROM documents_fts"
                                      " WHERE documents_fts MATCH 'zanzibar'"), 1);
    assert_int_equal(scalar(f->store, "SELECT count(*) FROM documents_fts"
                                      " WHERE documents_fts MATCH 'title:\"a title\"'"), 0);
}

static void test_fts_in_step_after_insert_and_delete(void **state)
{
    struct fixture *f = *state;
    int64_t id = put(f->store, "a.txt", "Huawei builds 5G base stations in Kazakhstan.\n", STORE_STORED);
    put(f->store, "b.txt", "Quantum computing research in Hefei.\n", STORE_STORED);
    assert_int_equal(scalar(f->store, "SELECT rowid FROM documents_fts WHERE documents_fts MATCH '5g'"), id);
    assert_int_equal(scalar(f->store, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'quantum'"), 1);
    assert_int_equal(sqlite3_exec(store_handle(f->store),
                                  "INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')",
                                  NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(store_handle(f->store), "DELETE FROM documents WHERE name = 'a.txt'",
                                  NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(scalar(f->store, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH '5g'"), 0);
    assert_int_equal(sqlite3_exec(store_handle(f->store),
                                  "INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')",
                                  NULL, NULL, NULL), SQLITE_OK);
}

static void test_search_ranks_and_marks(void **state)
{
    struct fixture *f = *state;
    put(f->store, "a.txt", "Russia and China signed a 5G deal. The 5G rollout starts in 2025.\n", STORE_STORED);
    put(f->store, "b.txt", "A long text about farming, with one mention of 5G at the end of it all.\n", STORE_STORED);
    put(f->store, "c.txt", "Nothing relevant here.\n", STORE_STORED);
    sqlite3_stmt *stmt = store_search(f->store, "5G", 10, "<", ">");
    assert_non_null(stmt);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(stmt, STORE_HIT_NAME), "a.txt");
    assert_non_null(strstr((const char *)sqlite3_column_text(stmt, STORE_HIT_SNIPPET), "<5G>"));
    double first = sqlite3_column_double(stmt, STORE_HIT_SCORE);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(stmt, STORE_HIT_NAME), "b.txt");
    assert_true(first > sqlite3_column_double(stmt, STORE_HIT_SCORE));
    assert_int_equal(sqlite3_step(stmt), SQLITE_DONE);
    store_finish(f->store, stmt);
}

static void test_search_retries_plain_words(void **state)
{
    struct fixture *f = *state;
    put(f->store, "a.txt", "The China-Russia partnership and U.S. export controls.\n", STORE_STORED);
    const char *queries[] = {"China-Russia", "U.S.", "\"partnership", "export:controls"};
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        sqlite3_stmt *stmt = store_search(f->store, queries[i], 10, "[", "]");
        assert_non_null(stmt);
        assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
        store_finish(f->store, stmt);
    }
}

static void test_query_is_read_only_and_single(void **state)
{
    struct fixture *f = *state;
    sqlite3_stmt *stmt = store_prepare_query(f->store, "SELECT 1;  ");
    assert_non_null(stmt);
    store_finish(f->store, stmt);
    assert_null(store_prepare_query(f->store, "DELETE FROM documents"));
    assert_non_null(strstr(store_error(f->store), "read-only"));
    assert_null(store_prepare_query(f->store, "SELECT 1; SELECT 2"));
    assert_non_null(strstr(store_error(f->store), "one statement"));
    assert_null(store_prepare_query(f->store, "SELEKT 1"));
    assert_non_null(strstr(store_error(f->store), "syntax error"));
    assert_null(store_prepare_query(f->store, "   "));
}

static void test_regions_are_stored_with_the_document(void **state)
{
    struct fixture *f = *state;
    struct doc_record doc = {0};
    char sha[HASH_HEX_SIZE];
    int64_t id;
    doc.name = (char *)"page.html";
    doc.format = "html";
    doc.text = (char *)"Menu\n\nArticle text.\n\nFooter\n";
    doc.text_len = strlen(doc.text);
    assert_int_equal(doc_record_add_region(&doc, "nav", 0, 4), 0);
    assert_int_equal(doc_record_add_region(&doc, "footer", 21, 27), 0);
    hash_sha256_hex(doc.text, doc.text_len, sha);
    assert_int_equal(store_put_document(f->store, &doc, sha, &id), STORE_STORED);
    free(doc.regions);
    sqlite3_stmt *stmt = store_regions(f->store, id);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "nav");
    assert_int_equal(sqlite3_column_int(stmt, 2), 4);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "footer");
    assert_int_equal(sqlite3_step(stmt), SQLITE_DONE);
    store_finish(f->store, stmt);
}

static void test_annotation_values_must_be_json(void **state)
{
    struct fixture *f = *state;
    int64_t id = put(f->store, "a.txt", "It cost $5bn.\n", STORE_STORED);
    char sql[300];
    snprintf(sql, sizeof sql, "INSERT INTO annotations(document, type, start, end, text, value,"
             " rule, rule_version) VALUES (%lld, 'money', 8, 12, '$5bn', '{\"amount\":5e9}', 'r', 'v')",
             (long long)id);
    assert_int_equal(sqlite3_exec(store_handle(f->store), sql, NULL, NULL, NULL), SQLITE_OK);
    snprintf(sql, sizeof sql, "INSERT INTO annotations(document, type, start, end, text, value,"
             " rule, rule_version) VALUES (%lld, 'money', 8, 12, '$5bn', '{oops', 'r', 'v')",
             (long long)id);
    assert_int_not_equal(sqlite3_exec(store_handle(f->store), sql, NULL, NULL, NULL), SQLITE_OK);
    /* annotations go with their document */
    assert_int_equal(sqlite3_exec(store_handle(f->store), "DELETE FROM documents", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(scalar(f->store, "SELECT count(*) FROM annotations"), 0);
}

/* Issue 12: removing a document takes everything of it; replacing the
   other versions of an identity (source and name) keeps the one given. */
static void test_remove_and_replace_versions(void **state)
{
    struct fixture *f = *state;
    int64_t old_id = put(f->store, "note.txt", "First version, about Huawei.\n", STORE_STORED);
    int64_t other = put(f->store, "other.txt", "Another note.\n", STORE_STORED);
    int64_t new_id = put(f->store, "note.txt", "Second version, about ZTE.\n", STORE_STORED);
    char sql[300];
    snprintf(sql, sizeof sql, "INSERT INTO annotations(document, type, start, end, text, value,"
             " rule, rule_version) VALUES (%lld, 'org', 22, 28, 'Huawei', NULL, 'r', 'v')",
             (long long)old_id);
    assert_int_equal(sqlite3_exec(store_handle(f->store), sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(store_put_rule_run(f->store, old_id, "r", "v"), 0);
    assert_int_equal(store_remove_other_versions(f->store, "note.txt", "note.txt", new_id), 1);
    assert_int_equal(scalar(f->store, "SELECT count(*) FROM documents"), 2);
    assert_int_equal(scalar(f->store, "SELECT count(*) FROM annotations"), 0);
    assert_int_equal(scalar(f->store, "SELECT count(*) FROM rule_runs"), 0);
    assert_int_equal(scalar(f->store, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'Huawei'"), 0);
    assert_int_equal(scalar(f->store, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'ZTE'"), 1);
    assert_int_equal(store_remove_other_versions(f->store, "note.txt", "note.txt", new_id), 0);
    assert_int_equal(store_remove_document(f->store, other), 1);
    assert_int_equal(store_remove_document(f->store, other), 0);
    assert_int_equal(scalar(f->store, "SELECT group_concat(id) FROM documents"), new_id);
    assert_int_equal(scalar(f->store, "SELECT count(*) FROM sqlite_master WHERE name = 'documents_by_source'"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_new_database_has_current_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrates_an_empty_database_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_a_newer_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_put_is_idempotent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_is_stored_byte_for_byte, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_cannot_be_rewritten, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fts_in_step_after_insert_and_delete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_ranks_and_marks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_retries_plain_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_is_read_only_and_single, setup, teardown),
        cmocka_unit_test_setup_teardown(test_regions_are_stored_with_the_document, setup, teardown),
        cmocka_unit_test_setup_teardown(test_annotation_values_must_be_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remove_and_replace_versions, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
