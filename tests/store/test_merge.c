// SPDX-License-Identifier: MIT
// sel_store_merge() on shards written row by row here, so that the ids are known: documents
// renumbered in order of appearance, sentence ids without the gaps a shard's replaced documents
// left, occurrence and confirmation ids following their sentence, documents identified by content
// and then path as ingest identifies them, user entries unioned. Expected rows written by hand.
#include "src/store/store.h"
#include "src/store/store_internal.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static sel_ctx *ctx;
static char dir[64];

static void setup(void)
{
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    strcpy(dir, "/tmp/selaras-merge-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        cr_log_warn("could not remove %s", dir);
    sel_ctx_free(ctx);
}

TestSuite(merge, .init = setup, .fini = teardown, .timeout = 60);

static const char *path_of(const char *name)
{
    static char paths[8][128];
    static int k;
    k = (k + 1) % 8;
    snprintf(paths[k], sizeof(paths[k]), "%s/%s", dir, name);
    return paths[k];
}

// The shards are hand-made with SQL and the merged rows read back with SQL, so (like
// test_store.c) this test uses SQLite directly, on the store's own connection (store_internal.h).
static int prepare(sel_store *st, sel_ctx *c, const char *sql, sqlite3_stmt **out)
{
    (void)c;
    return sqlite3_prepare_v2(st->db, sql, -1, out, NULL) == SQLITE_OK ? SEL_OK : SEL_ESQLITE;
}

static int exec_stmt(sel_store *st, sel_ctx *c, sqlite3_stmt *s)
{
    (void)st;
    (void)c;
    int rc = sqlite3_step(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SEL_OK : SEL_ESQLITE;
}

// Runs each of the NULL-terminated statements on the database @p name (created if need be), then
// gives each document the canonical path ingest would: here its path as written ('-', standard
// input, has none).
static void write_db(const char *name, const char *const *sql)
{
    sel_store *st = NULL;
    cr_assert_eq(sel_store_open(&st, ctx, path_of(name), true), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    for (bool canonical = false; !canonical; sql++) {
        canonical = !*sql;
        const char *text = *sql ? *sql : "UPDATE document SET canonical_path = path WHERE path <> '-'";
        sqlite3_stmt *s = NULL;
        cr_assert_eq(prepare(st, ctx, text, &s), SEL_OK, "%s: %s", text, sel_ctx_errmsg(ctx));
        cr_assert_eq(exec_stmt(st, ctx, s), SEL_OK, "%s: %s", text, sel_ctx_errmsg(ctx));
        sqlite3_finalize(s);
    }
    sel_store_close(st);
}

// The rows of @p sql on database @p name, one line each, columns joined by '|'.
static char *rows(const char *name, const char *sql)
{
    static char out[4096];
    sel_store *st = NULL;
    sqlite3_stmt *s = NULL;
    cr_assert_eq(sel_store_open(&st, ctx, path_of(name), false), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(prepare(st, ctx, sql, &s), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    size_t n = 0;
    out[0] = '\0';
    while (sqlite3_step(s) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count(s); c++) {
            const char *v = (const char *)sqlite3_column_text(s, c);
            n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s", v ? v : "NULL",
                                  c + 1 < sqlite3_column_count(s) ? "|" : "\n");
        }
    sqlite3_finalize(s);
    sel_store_close(st);
    return out;
}

static int merge(const char *out, const char **shards, size_t n, struct sel_merge_report *r)
{
    const char *paths[8];
    for (size_t i = 0; i < n; i++)
        paths[i] = strcpy(malloc(128), path_of(shards[i]));
    int rc = sel_store_merge(ctx, path_of(out), paths, n, r);
    for (size_t i = 0; i < n; i++)
        free((void *)paths[i]);
    return rc;
}

// A source document with a translation: 2 sentences each, a bead per pair; occurrences in the
// source's second sentence (ordinals 0 and 1) with confirmations. Shard "a" has it alone.
static const char *const shard_a[] = {
    "INSERT INTO document (id, path, lang, content_hash, bytes) VALUES (1, 'a.txt', 'id', 'h-a', 10)",
    "INSERT INTO document (id, path, lang, content_hash, bytes, translation_of) VALUES (2, 'a.en', 'en', 'h-ae', 10, 1)",
    "INSERT INTO sentence (document_id, number, para, start, end, text) VALUES (1, 1, 1, 0, 5, 'Satu.'),"
    " (1, 2, 1, 6, 10, 'Dua.'), (2, 1, 1, 0, 4, 'One.'), (2, 2, 1, 5, 9, 'Two.')",
    "INSERT INTO paragraph VALUES (1, 1, 1, 0, 10), (2, 1, 1, 0, 9)",
    "INSERT INTO concept (id, name) VALUES (1, 'c.two'), (2, 'c.one')",
    "INSERT INTO mention VALUES ((2 << 24) + 0, 2, 6, 8, 'Du'), ((2 << 24) + 1, 1, 8, 9, 'a')",
    "INSERT INTO confirmation VALUES ((2 << 24) + 0, 'confirmed', 'Two'), ((2 << 24) + 1, 'unconfirmed', 'one')",
    "INSERT INTO bead VALUES (1, 1, 1, 1, 1, 1, 0.9), (1, 2, 2, 1, 2, 1, 0.8)",
    NULL,
};

// Shard "b": a document stored and deleted (the gap a replaced version leaves: sentence ids 1
// and 2 are never used again), then c.txt (sentences 3 and 4, an occurrence in each) and a.txt's
// content again under another name (the same document for ingest: skipped).
static const char *const shard_b[] = {
    "INSERT INTO document (id, path, lang, content_hash, bytes) VALUES (1, 'gone.txt', 'id', 'h-gone', 5)",
    "INSERT INTO sentence (document_id, number, para, start, end, text) VALUES (1, 1, 1, 0, 2, 'x'), (1, 2, 1, 2, 4, 'y')",
    "DELETE FROM sentence",
    "DELETE FROM document",
    "INSERT INTO document (id, path, lang, content_hash, bytes) VALUES (5, 'c.txt', 'id', 'h-c', 9)",
    "INSERT INTO sentence (document_id, number, para, start, end, text) VALUES (5, 1, 1, 0, 4, 'Tri.'), (5, 2, 2, 5, 9, 'Dua.')",
    "INSERT INTO paragraph VALUES (5, 1, 1, 0, 4), (5, 2, 2, 5, 9)",
    "INSERT INTO concept (id, name) VALUES (1, 'c.three'), (2, 'c.two')",
    "INSERT INTO mention VALUES ((3 << 24) + 0, 1, 0, 3, 'Tri'), ((4 << 24) + 0, 2, 5, 8, 'Du')",
    "INSERT INTO document (id, path, lang, content_hash, bytes) VALUES (6, 'copy-of-a.txt', 'id', 'h-a', 10)",
    NULL,
};

Test(merge, renumbers_in_order_of_appearance)
{
    write_db("a.db", shard_a);
    write_db("b.db", shard_b);
    struct sel_merge_report r;
    const char *shards[] = { "a.db", "b.db" };
    cr_assert_eq(merge("out.db", shards, 2, &r), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(r.shards, 2);
    cr_assert_eq(r.documents, 2);
    cr_assert_eq(r.unchanged, 1);
    cr_assert_eq(r.sentences, 4); // of the source documents
    cr_assert_eq(r.occurrences, 4);
    cr_assert_str_eq(rows("out.db", "SELECT id, path, translation_of FROM document ORDER BY id"),
                     "1|a.txt|NULL\n2|a.en|1\n3|c.txt|NULL\n");
    cr_assert_str_eq(rows("out.db", "SELECT id, document_id, number, text FROM sentence ORDER BY id"),
                     "1|1|1|Satu.\n2|1|2|Dua.\n3|2|1|One.\n4|2|2|Two.\n5|3|1|Tri.\n6|3|2|Dua.\n");
    // concepts in order of first mention: c.one (a's ordinal 0), c.two, then c.three from b
    cr_assert_str_eq(rows("out.db", "SELECT id, name FROM concept ORDER BY id"), "1|c.one\n2|c.two\n3|c.three\n");
    cr_assert_str_eq(rows("out.db", "SELECT id >> 24, id & 16777215, concept, term FROM mention ORDER BY id"),
                     "2|0|1|Du\n2|1|2|a\n5|0|3|Tri\n6|0|2|Du\n");
    cr_assert_str_eq(rows("out.db", "SELECT occurrence_id >> 24, occurrence_id & 16777215, status, target "
                                    "FROM confirmation ORDER BY 1, 2"),
                     "2|0|confirmed|Two\n2|1|unconfirmed|one\n");
    cr_assert_str_eq(rows("out.db", "SELECT * FROM bead ORDER BY 1, 2"), "1|1|1|1|1|1|0.9\n1|2|2|1|2|1|0.8\n");
    cr_assert_str_eq(rows("out.db", "SELECT * FROM paragraph ORDER BY 1, 2"),
                     "1|1|1|0|10\n2|1|1|0|9\n3|1|1|0|4\n3|2|2|5|9\n");
    // the occurrence view reads the surfaces through the new ids
    cr_assert_str_eq(rows("out.db", "SELECT surface FROM occurrence ORDER BY id"), "Du\na\nTri\nDua\n");
    cr_assert_str_eq(rows("out.db", "PRAGMA journal_mode"), "wal\n");
}

// Shard "v2": a.txt with other content and no translation. Merged into an existing database
// holding shard a, it replaces a.txt, its translation and all that hangs from them.
static const char *const shard_v2[] = {
    "INSERT INTO document (path, lang, content_hash, bytes) VALUES ('a.txt', 'id', 'h-a2', 7)",
    "INSERT INTO sentence (document_id, number, para, start, end, text) VALUES (1, 1, 1, 0, 7, 'Empat.')",
    "INSERT INTO concept (name) VALUES ('c.four')",
    "INSERT INTO mention VALUES ((1 << 24), 1, 0, 5, 'Empat')",
    NULL,
};

Test(merge, replaces_a_changed_document_in_an_existing_database)
{
    write_db("a.db", shard_a);
    write_db("v2.db", shard_v2);
    struct sel_merge_report r;
    const char *first[] = { "a.db" }, *second[] = { "v2.db" };
    cr_assert_eq(merge("out.db", first, 1, &r), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(merge("out.db", second, 1, &r), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(r.documents, 1);
    cr_assert_eq(r.replaced, 1);
    cr_assert_str_eq(rows("out.db", "SELECT id, path, content_hash, translation_of FROM document ORDER BY id"),
                     "1|a.txt|h-a2|NULL\n"); // the table was empty: ids start again, as in an ingest
    cr_assert_str_eq(rows("out.db", "SELECT id, document_id, text FROM sentence ORDER BY id"), "5|1|Empat.\n");
    cr_assert_str_eq(rows("out.db", "SELECT id >> 24, term FROM mention"), "5|Empat\n");
    cr_assert_str_eq(rows("out.db", "SELECT count(*) FROM confirmation UNION ALL SELECT count(*) FROM bead "
                                    "UNION ALL SELECT count(*) FROM paragraph"),
                     "0\n0\n0\n");
    // the shards are as they were
    cr_assert_str_eq(rows("a.db", "SELECT count(*) FROM document UNION ALL SELECT count(*) FROM mention"), "2\n2\n");
}

static const char *const user_1[] = {
    "INSERT INTO user_concept (id, subject, source, curated) VALUES ('u.same', 'mil', 'g.tsv', 0), "
    "('u.changed', 'mil', 'g.tsv', 0)",
    "INSERT INTO user_term (concept_id, lang, text) VALUES ('u.same', 'id', 'kucing'), ('u.same', 'en', 'cat'), "
    "('u.changed', 'id', 'anjing'), ('u.changed', 'en', 'dog')",
    NULL,
};
static const char *const user_2[] = {
    "INSERT INTO user_concept (id, subject, source, curated) VALUES ('u.new', NULL, 'h.tsv', 1), "
    "('u.same', 'mil', 'g.tsv', 0), ('u.changed', 'mil', 'g.tsv', 0)",
    "INSERT INTO user_term (concept_id, lang, text) VALUES ('u.new', 'id', 'burung'), ('u.same', 'id', 'kucing'), "
    "('u.same', 'en', 'cat'), ('u.changed', 'id', 'anjing'), ('u.changed', 'en', 'hound')",
    NULL,
};

Test(merge, unions_user_entries)
{
    write_db("u1.db", user_1);
    write_db("u2.db", user_2);
    struct sel_merge_report r;
    const char *shards[] = { "u1.db", "u2.db" };
    cr_assert_eq(merge("out.db", shards, 2, &r), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(r.user_entries, 4); // u.same, u.changed; then u.new and u.changed again
    cr_assert_eq(r.user_replaced, 1);
    // u.same kept in place; u.changed replaced by the second shard's, so it comes last
    cr_assert_str_eq(rows("out.db", "SELECT c.id, c.curated, group_concat(t.text, ',') FROM user_concept c "
                                    "JOIN user_term t ON t.concept_id = c.id GROUP BY c.id ORDER BY c.rowid"),
                     "u.same|0|kucing,cat\nu.new|1|burung\nu.changed|0|anjing,hound\n");
}

// The user's verdicts on terms and the candidates they rejected come along: a later shard's
// verdict on the same term wins, rejected candidates are a union.
Test(merge, unions_verdicts_and_rejected_candidates)
{
    write_db("v1.db", (const char *const[]){
        "INSERT INTO term_override (concept_id, lang, text, status, note, added_at) VALUES "
        "('cf.liberate', 'en', 'liberate', 'deprecated', 'old', '2026-01-01T00:00:00Z')",
        "INSERT INTO rejected_candidate (keys, text, rejected_at) VALUES ('hari\x1fini', 'hari ini', 'T1')", NULL });
    write_db("v2.db", (const char *const[]){
        "INSERT INTO term_override (concept_id, lang, text, status, note, added_at) VALUES "
        "('cf.liberate', 'en', 'liberate', 'deprecated', 'new', '2026-02-01T00:00:00Z'), "
        "('law.prosecute', 'en', 'prosecute', 'deprecated', NULL, '2026-02-02T00:00:00Z')",
        "INSERT INTO rejected_candidate (keys, text, rejected_at) VALUES ('hari\x1fini', 'hari ini', 'T2'), "
        "('kata', 'kata', 'T3')", NULL });
    struct sel_merge_report r;
    const char *shards[] = { "v1.db", "v2.db" };
    cr_assert_eq(merge("out.db", shards, 2, &r), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_str_eq(rows("out.db", "SELECT concept_id, text, note FROM term_override ORDER BY 1"),
                     "cf.liberate|liberate|new\nlaw.prosecute|prosecute|NULL\n");
    cr_assert_str_eq(rows("out.db", "SELECT text, rejected_at FROM rejected_candidate ORDER BY 1"),
                     "hari ini|T1\nkata|T3\n");
}

Test(merge, refuses_before_writing)
{
    write_db("a.db", shard_a);
    write_db("old.db", (const char *const[]){ "PRAGMA user_version = 1", NULL });
    struct sel_merge_report r;
    const char *shards[] = { "a.db", "old.db" };
    cr_assert_eq(merge("out.db", shards, 2, &r), SEL_EPARSE);
    cr_assert(strstr(sel_ctx_errmsg(ctx), "old.db: schema version 1; this selaras merges version 3 only"),
              "%s", sel_ctx_errmsg(ctx));
    // nothing beside the shards: no output, no temporary file
    cr_assert_str_eq(rows("a.db", "SELECT count(*) FROM document"), "2\n");
    cr_assert_eq(access(path_of("out.db"), F_OK), -1);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "ls '%s' | grep -q merge-", dir);
    cr_assert_neq(system(cmd), 0, "a temporary file was left in %s", dir);
}
