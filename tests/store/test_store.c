// SPDX-License-Identifier: MIT
// The database: migrations, ingest whole-or-nothing, re-ingest, and the seed occurrences stored
// with the offsets of the hand-counted gold (tests/data/tag/seeds.tsv).
#include "lexicon/lexicon.h"
#include "src/ingest/ingest.h"
#include "src/store/store.h"
#include "src/store/store_internal.h"

#include <criterion/criterion.h>
#include "tests/shared_data.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static sel_ctx *ctx;
static sel_termbase *tb;
static char dir[64], db_path[128];

static void setup(void)
{
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    cr_assert_eq(sel_termbase_new(&tb), SEL_OK);
    cr_assert_eq(sel_termbase_read_dir(tb, ctx, NULL, NULL, NULL), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    strcpy(dir, "/tmp/selaras-store-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(db_path, sizeof(db_path), "%s/sub/test.db", dir); // the folder is created too
}

static void teardown(void)
{
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        cr_log_warn("could not remove %s", dir);
    sel_termbase_free(tb);
    sel_ctx_free(ctx);
}

TestSuite(store, .init = setup, .fini = teardown, .timeout = 120);

// These tests look into the database to check what the store wrote, so (alone outside src/store)
// they use SQLite directly: on the store's own connection (store_internal.h), or on hand-made
// databases of an old schema version.
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

static int64_t count(sel_store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    cr_assert_eq(prepare(st, ctx, sql, &s), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

static char *corpus(const char *name)
{
    static char path[4][4096];
    static int k;
    k = (k + 1) % 4;
    snprintf(path[k], sizeof(path[k]), "%s/corpus/%s", getenv("SEL_SOURCE_ROOT"), name);
    return path[k];
}

// A copy of corpus article @p name in the test folder, to change under the same path.
static const char *editable_copy(const char *name)
{
    static char copy[160], cmd[8192];
    snprintf(copy, sizeof(copy), "%s/article.txt", dir);
    snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", corpus(name), copy);
    cr_assert_eq(system(cmd), 0);
    return copy;
}

static void append_line(const char *path, const char *line)
{
    FILE *f = fopen(path, "a");
    cr_assert(f, "%s", path);
    fprintf(f, "%s\n", line);
    cr_assert_eq(fclose(f), 0);
}

Test(store, migrations_bring_a_new_database_to_the_current_version)
{
    sel_store *st = NULL;
    cr_assert_eq(sel_store_open(&st, ctx, db_path, false), SEL_ENOTFOUND);
    cr_assert_eq(sel_store_open(&st, ctx, db_path, true), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    int v = sel_store_version(st);
    cr_expect_geq(v, 1);
    cr_expect_eq(count(st, "SELECT count(*) FROM sqlite_schema WHERE name = 'sentence_fts'"), 1);
    cr_expect_eq(count(st, "PRAGMA foreign_keys"), 1);
    sel_store_close(st);
    // nothing was stored in it: closing removes the new file (a command that failed leaves none)
    cr_assert_eq(sel_store_open(&st, ctx, db_path, false), SEL_ENOTFOUND);
    cr_assert_eq(sel_store_open(&st, ctx, db_path, true), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(sel_store_begin(st, ctx), SEL_OK);
    cr_assert_eq(count(st, "INSERT INTO concept (name) VALUES ('c.kept') RETURNING 0"), 0);
    cr_assert_eq(sel_store_commit(st, ctx), SEL_OK);
    sel_store_close(st);
    cr_assert_eq(sel_store_open(&st, ctx, db_path, false), SEL_OK); // reopening changes nothing
    cr_expect_eq(sel_store_version(st), v);
    cr_expect_eq(count(st, "SELECT count(*) FROM concept"), 1);
    sel_store_close(st);
}

// A new database a command wrote nothing to is removed on close, with its -wal and -shm; one
// that another connection has open meanwhile stays (its -wal shows it is in use).
Test(store, a_new_database_nothing_was_stored_in_is_removed_on_close)
{
    sel_store *st = NULL;
    cr_assert_eq(sel_store_open(&st, ctx, db_path, true), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(sel_store_begin(st, ctx), SEL_OK);
    cr_assert_eq(count(st, "INSERT INTO concept (name) VALUES ('c.lost') RETURNING 0"), 0);
    sel_store_rollback(st);
    sel_store_close(st);
    char side[4200];
    snprintf(side, sizeof(side), "%s-wal", db_path);
    cr_assert_neq(access(db_path, F_OK), 0, "a database nothing was committed to was left behind");
    cr_assert_neq(access(side, F_OK), 0);
    // another connection opens the new file before it is closed: it stays
    cr_assert_eq(sel_store_open(&st, ctx, db_path, true), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    sel_store *other = NULL;
    cr_assert_eq(sel_store_open(&other, ctx, db_path, false), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(count(other, "SELECT count(*) FROM concept"), 0);
    sel_store_close(st);
    cr_assert_eq(access(db_path, F_OK), 0, "a database another connection had open was removed");
    sel_store_close(other);
    cr_assert_eq(access(db_path, F_OK), 0);
}

// A database written at schema version 1 (occurrences numbered 1, 2, 3 with a sentence_id
// column) keeps its occurrences and confirmations when opened: version 2 numbers them by
// sentence, sentence id << 24 plus the ordinal in the sentence.
Test(store, migration_2_renumbers_occurrences_and_keeps_their_confirmations)
{
    char sub[160];
    snprintf(sub, sizeof(sub), "%s/sub", dir);
    cr_assert_eq(mkdir(sub, 0755), 0);
    sqlite3 *db = NULL;
    cr_assert_eq(sqlite3_open(db_path, &db), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(db, sel_store_migrations[0], NULL, NULL, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
    const char *v1_rows =
        "INSERT INTO document (id, path, lang, content_hash, bytes) VALUES (1, 'a.txt', 'id', 'h', 40);"
        "INSERT INTO sentence (id, document_id, number, para, start, end, text) VALUES"
        "  (7, 1, 1, 1, 0, 24, 'TNI dan Polri berjaga.'), (8, 1, 2, 1, 25, 40, 'PBB mengecam.');"
        "INSERT INTO concept (id, name) VALUES (1, 'mil.tni'), (2, 'pol.polri'), (3, 'org.un');"
        "INSERT INTO mention (id, sentence_id, concept, start, end, term) VALUES"
        "  (1, 7, 1, 0, 3, 'TNI'), (2, 7, 2, 8, 13, 'Polri'), (3, 8, 3, 25, 28, 'PBB');"
        "INSERT INTO confirmation (occurrence_id, status, target) VALUES"
        "  (2, 'confirmed', 'National Police'), (3, 'unconfirmed', 'UN');"
        "PRAGMA user_version = 1;";
    cr_assert_eq(sqlite3_exec(db, v1_rows, NULL, NULL, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
    sqlite3_close(db);

    sel_store *st = NULL;
    cr_assert_eq(sel_store_open(&st, ctx, db_path, false), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_expect_eq(sel_store_version(st), 3);
    const int64_t s7 = (int64_t)7 << 24, s8 = (int64_t)8 << 24;
    char sql[256];
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM occurrence WHERE (id, sentence_id, concept_id, surface) IN "
             "(VALUES (%lld, 7, 'mil.tni', 'TNI'), (%lld, 7, 'pol.polri', 'Polri'), (%lld, 8, 'org.un', 'PBB'))",
             (long long)s7, (long long)(s7 + 1), (long long)s8);
    cr_expect_eq(count(st, sql), 3);
    cr_expect_eq(count(st, "SELECT count(*) FROM occurrence"), 3);
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM confirmation WHERE (occurrence_id, target) IN "
             "(VALUES (%lld, 'National Police'), (%lld, 'UN'))", (long long)(s7 + 1), (long long)s8);
    cr_expect_eq(count(st, sql), 2);
    cr_expect_eq(count(st, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    cr_expect_eq(count(st, "SELECT count(*) FROM sqlite_schema WHERE name = 'mention_sentence'"), 0);
    sel_store_close(st);
}

Test(store, a_file_that_is_not_a_database_is_refused)
{
    FILE *fp = fopen(db_path, "w");
    if (!fp) { // the folder does not exist yet
        char sub[160];
        snprintf(sub, sizeof(sub), "%s/sub", dir);
        cr_assert_eq(mkdir(sub, 0755), 0);
        fp = fopen(db_path, "w");
    }
    fputs("this is a text file, not SQLite\n", fp);
    fclose(fp);
    sel_store *st = NULL;
    cr_assert_neq(sel_store_open(&st, ctx, db_path, true), SEL_OK);
    cr_expect(strstr(sel_ctx_errmsg(ctx), db_path) != NULL, "%s", sel_ctx_errmsg(ctx));
}

Test(store, ingest_with_translation_then_again_then_changed)
{
    sel_store *st = NULL;
    sel_ingester *ing = NULL;
    cr_assert_eq(sel_store_open(&st, ctx, db_path, true), SEL_OK);
    cr_assert_eq(sel_ingester_new(&ing, ctx, st, tb, "id"), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    struct sel_ingest_report r;
    cr_assert_eq(sel_ingest(ing, ctx, corpus("01-asean-defence.id.txt"), corpus("01-asean-defence.en.txt"), NULL, &r),
                 SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_expect(!r.unchanged && !r.replaced);
    // the corpus gold: 37 Indonesian segments, 7 of them boilerplate
    cr_expect_eq(r.sentences, 37);
    cr_expect_eq(r.boilerplate, 7);
    cr_expect_gt(r.beads, 20);
    cr_expect_gt(r.confirmed, r.unconfirmed);
    cr_expect_eq(count(st, "SELECT count(*) FROM document"), 2);
    cr_expect_eq(count(st, "SELECT count(*) FROM document WHERE translation_of IS NOT NULL"), 1);
    int64_t sentences = count(st, "SELECT count(*) FROM sentence"), beads = count(st, "SELECT count(*) FROM bead");
    // every sentence of both sides in exactly one bead
    cr_expect_eq(count(st, "SELECT sum(src_count) FROM bead"), 37);
    cr_expect_eq(count(st, "SELECT sum(tgt_count) FROM bead"), sentences - 37);

    cr_assert_eq(sel_ingest(ing, ctx, corpus("01-asean-defence.id.txt"), corpus("01-asean-defence.en.txt"), NULL, &r),
                 SEL_OK);
    cr_expect(r.unchanged, "identical content must change nothing");
    cr_expect_eq(count(st, "SELECT count(*) FROM sentence"), sentences);
    cr_expect_eq(count(st, "SELECT count(*) FROM bead"), beads);

    // a changed file (same path) replaces its old version and its translation
    const char *copy = editable_copy("02-unsc-ceasefire.id.txt");
    cr_assert_eq(sel_ingest(ing, ctx, copy, NULL, NULL, &r), SEL_OK);
    append_line(copy, "Paragraf baru tentang gencatan senjata.");
    cr_assert_eq(sel_ingest(ing, ctx, copy, NULL, NULL, &r), SEL_OK);
    cr_expect(r.replaced);
    cr_expect_eq(count(st, "SELECT count(*) FROM document WHERE translation_of IS NULL"), 2);
    cr_expect_eq(count(st, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    sel_ingester_free(ing);
    sel_store_close(st);
}

Test(store, a_bad_translation_leaves_the_database_unchanged)
{
    sel_store *st = NULL;
    sel_ingester *ing = NULL;
    cr_assert_eq(sel_store_open(&st, ctx, db_path, true), SEL_OK);
    cr_assert_eq(sel_ingester_new(&ing, ctx, st, tb, "id"), SEL_OK);
    char bad[160];
    snprintf(bad, sizeof(bad), "%s/bad.en.txt", dir);
    FILE *fp = fopen(bad, "wb");
    fputs("Fine first line.\nBroken \xC3\x28 second line.\n", fp);
    fclose(fp);
    struct sel_ingest_report r;
    cr_expect_eq(sel_ingest(ing, ctx, corpus("03-dpr-alutsista.id.txt"), bad, NULL, &r), SEL_EPARSE);
    cr_expect(strstr(sel_ctx_errmsg(ctx), "bad.en.txt:2:8: invalid UTF-8") != NULL, "%s", sel_ctx_errmsg(ctx));
    cr_expect_eq(count(st, "SELECT count(*) FROM document"), 0);
    cr_expect_eq(count(st, "SELECT count(*) FROM sentence"), 0);
    sel_ingester_free(ing);
    sel_store_close(st);
}

struct gold_occ {
    char seed[64], concept[128];
    int64_t start, end;
};

Test(store, seed_occurrences_are_stored_with_the_gold_offsets)
{
    static const char *const seeds[] = { "000_03af0ad443b15418", "001_ba944954742ac43a", "002_8e2d0effefc95bf9",
                                         "003_c614f5d41995a605", "004_b90e529e8fa8f8a9" };
    char seed_paths[5][4096];
    for (size_t i = 0; i < 5; i++) {
        char rel[64];
        snprintf(rel, sizeof(rel), "seeds/%s.txt", seeds[i]);
        sel_shared_file_or_skip(seed_paths[i], sizeof(seed_paths[i]), rel);
    }
    char path[4096];
    snprintf(path, sizeof(path), "%s/tag/seeds.tsv", getenv("SEL_TEST_DATA"));
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp);
    struct gold_occ *gold = calloc(2000, sizeof(*gold));
    size_t n = 0;
    char line[1024];
    while (n < 2000 && fgets(line, sizeof(line), fp))
        if (line[0] != '#' && sscanf(line, "%63[^\t]\t%127[^\t]\t%ld\t%ld", gold[n].seed, gold[n].concept,
                                     &gold[n].start, &gold[n].end) == 4)
            n++;
    fclose(fp);
    sel_store *st = NULL;
    sel_ingester *ing = NULL;
    cr_assert_eq(sel_store_open(&st, ctx, db_path, true), SEL_OK);
    cr_assert_eq(sel_ingester_new(&ing, ctx, st, tb, "id"), SEL_OK);
    for (size_t i = 0; i < 5; i++) {
        struct sel_ingest_report r;
        cr_assert_eq(sel_ingest(ing, ctx, seed_paths[i], NULL, NULL, &r), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    }
    sqlite3_stmt *q = NULL;
    cr_assert_eq(prepare(st, ctx,
                                   "SELECT count(*) FROM occurrence o JOIN sentence s ON s.id = o.sentence_id "
                                   "JOIN document d ON d.id = s.document_id "
                                   "WHERE d.path LIKE '%' || ?1 || '.txt' AND o.concept_id = ?2 AND o.start = ?3 AND o.end = ?4",
                                   &q),
                 SEL_OK);
    size_t found = 0;
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_text(q, 1, gold[i].seed, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, gold[i].concept, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 3, gold[i].start);
        sqlite3_bind_int64(q, 4, gold[i].end);
        bool ok = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int64(q, 0) == 1;
        sqlite3_reset(q);
        found += ok;
        cr_expect(ok, "not stored: %s %s %ld-%ld", gold[i].seed, gold[i].concept, (long)gold[i].start, (long)gold[i].end);
    }
    sqlite3_finalize(q);
    // and no occurrence of a gold concept that the gold does not list, nor any from boilerplate
    int64_t stored = 0;
    for (size_t i = 0; i < n; i++) {
        bool first = true;
        for (size_t k = 0; k < i && first; k++)
            first = strcmp(gold[k].concept, gold[i].concept) != 0;
        if (!first)
            continue;
        sqlite3_stmt *c = NULL;
        prepare(st, ctx, "SELECT count(*) FROM occurrence WHERE concept_id = ?1", &c);
        sqlite3_bind_text(c, 1, gold[i].concept, -1, SQLITE_STATIC);
        sqlite3_step(c);
        stored += sqlite3_column_int64(c, 0);
        sqlite3_finalize(c);
    }
    cr_expect_eq((size_t)stored, n, "%ld stored occurrences of the gold concepts, %zu in the gold", (long)stored, n);
    cr_expect_eq(count(st, "SELECT count(*) FROM occurrence o JOIN sentence s ON s.id = o.sentence_id "
                           "WHERE s.boilerplate IS NOT NULL"), 0);
    fprintf(stderr, "store: %zu of %zu gold seed occurrences stored at their offsets\n", found, n);
    free(gold);
    sel_ingester_free(ing);
    sel_store_close(st);
}

Test(store, the_full_text_index_catches_up_and_survives_a_replaced_document)
{
    sel_store *st = NULL;
    sel_ingester *ing = NULL;
    cr_assert_eq(sel_store_open(&st, ctx, db_path, true), SEL_OK);
    cr_assert_eq(sel_ingester_new(&ing, ctx, st, tb, "id"), SEL_OK);
    const char *copy = editable_copy("01-asean-defence.id.txt");
    struct sel_ingest_report r;
    cr_assert_eq(sel_ingest(ing, ctx, copy, NULL, NULL, &r), SEL_OK);
    cr_expect_eq(count(st, "SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH 'patroli'"), 0, "not indexed yet");
    cr_assert_eq(sel_store_fts_catch_up(st, ctx), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    // "patroli" stands in eight sentences of the article (counted by reading it)
    cr_expect_eq(count(st, "SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH 'patroli'"), 8);
    append_line(copy, "Patroli baru diumumkan.");
    cr_assert_eq(sel_ingest(ing, ctx, copy, NULL, NULL, &r), SEL_OK); // replaces the indexed version
    cr_assert(r.replaced);
    cr_assert_eq(sel_store_fts_catch_up(st, ctx), SEL_OK);
    cr_expect_eq(count(st, "SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH 'patroli'"), 9);
    sqlite3_stmt *check = NULL;
    cr_assert_eq(prepare(st, ctx, "INSERT INTO sentence_fts(sentence_fts) VALUES ('integrity-check')", &check),
                 SEL_OK);
    cr_expect_eq(exec_stmt(st, ctx, check), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    sqlite3_finalize(check);
    sel_ingester_free(ing);
    sel_store_close(st);
}

Test(store, replacing_a_document_with_a_translation_leaves_no_orphans)
{
    sel_store *st = NULL;
    sel_ingester *ing = NULL;
    cr_assert_eq(sel_store_open(&st, ctx, db_path, true), SEL_OK);
    cr_assert_eq(sel_ingester_new(&ing, ctx, st, tb, "id"), SEL_OK);
    const char *copy = editable_copy("05-prisoner-exchange.id.txt");
    struct sel_ingest_report r;
    cr_assert_eq(sel_ingest(ing, ctx, copy, corpus("05-prisoner-exchange.en.txt"), NULL, &r), SEL_OK);
    cr_assert_eq(sel_ingest(ing, ctx, corpus("06-gaza-talks.id.txt"), corpus("06-gaza-talks.en.txt"), NULL, &r), SEL_OK);
    int64_t beads_06 = (int64_t)r.beads, sentences_before = count(st, "SELECT count(*) FROM sentence");
    append_line(copy, "Pertukaran berikutnya dijadwalkan bulan depan.");
    cr_assert_eq(sel_ingest(ing, ctx, copy, corpus("05-prisoner-exchange.en.txt"), NULL, &r), SEL_OK);
    cr_assert(r.replaced);
    cr_expect_eq(count(st, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    cr_expect_eq(count(st, "SELECT count(*) FROM document"), 4); // two sources, two translations
    cr_expect_eq(count(st, "SELECT count(*) FROM sentence"), sentences_before + 1);
    cr_expect_eq(count(st, "SELECT count(*) FROM bead"), beads_06 + (int64_t)r.beads);
    cr_expect_eq(count(st, "SELECT count(*) FROM confirmation c LEFT JOIN mention m ON m.id = c.occurrence_id "
                           "WHERE m.id IS NULL"), 0);
    sel_ingester_free(ing);
    cr_expect_eq(count(st, "PRAGMA foreign_keys"), 1, "the checks are back on");
    sel_store_close(st);
}

// A document read in pieces is hashed piece by piece: the identity must be that of the whole text,
// wherever the pieces end (an article of the corpus cut at every length from 1 to 700 bytes).
Test(store, the_content_hash_in_parts_is_the_hash_of_the_whole)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/corpus/01-asean-defence.id.txt", getenv("SEL_SOURCE_ROOT"));
    FILE *fp = fopen(path, "rb");
    cr_assert(fp, "cannot open %s", path);
    static char text[1 << 16];
    size_t len = fread(text, 1, sizeof(text), fp);
    fclose(fp);
    cr_assert(len > 2000 && len < sizeof(text));
    char whole[33], parts[33];
    sel_store_content_hash(text, len, whole);
    for (size_t piece = 1; piece <= 700; piece++) {
        struct sel_content_hash h;
        sel_store_hash_init(&h);
        for (size_t at = 0; at < len; at += piece)
            sel_store_hash_add(&h, text + at, at + piece < len ? piece : len - at);
        sel_store_hash_hex(&h, parts);
        cr_assert_str_eq(parts, whole, "pieces of %zu bytes", piece);
    }
    text[len / 2] ^= 1; // and one bit changed is another document
    sel_store_content_hash(text, len, parts);
    cr_assert_str_neq(parts, whole);
}
