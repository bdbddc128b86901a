// SPDX-License-Identifier: MIT
// Builds the small database the export tests read, through the store API and prepared INSERTs
// that follow src/store/schema.c (until `selaras ingest` writes such databases itself).
// Usage: export_make_db DB_PATH
// What it holds, and what the tests expect of it, is written out in tests/export/README.md.
#include "src/store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const src_sentences[][2] = {
    // text, boilerplate kind (NULL for content)
    { "Pasukan TNI & Polri berjaga di <perbatasan>.", NULL },
    { "Menteri berkata: \"Gencatan senjata berlaku.\"", NULL },
    { "Baca juga: Berita lain", "lead-in" },
    { "Delegasi dari Ελλάδα dan 北京 tiba\tkemarin.", NULL },
    { "Kalimat tanpa pasangan.", NULL },
    { "Pasukan TNI & Polri berjaga di <perbatasan>.", NULL },
    { "Ya.", NULL },
    { "Skor rendah di sini.", NULL },
};
static const char *const tgt_sentences[][2] = {
    { "TNI & Polri troops stand guard at the <border>.", NULL },
    { "The minister said: \"The ceasefire applies.\"", NULL },
    { "Read also: other news", "lead-in" },
    { "Delegates from Ελλάδα and 北京 arrived\tyesterday.", NULL },
    { "TNI & Polri troops stand guard at the <border>.", NULL },
    { "Yes, indeed, that is what the spokesperson of the ministry said at length yesterday.", NULL },
    { "Low score here.", NULL },
    { "Unpaired target sentence.", NULL },
};
// src_first (0: none), src_count, tgt_first (0: none), tgt_count, score
static const double beads[][5] = {
    { 1, 1, 1, 1, 0.95 }, { 2, 1, 2, 1, 0.9 }, { 3, 1, 3, 1, 0.8 }, { 4, 1, 4, 1, 0.85 }, { 5, 1, 0, 0, 0.6 },
    { 6, 1, 5, 1, 0.95 }, { 7, 1, 6, 1, 0.7 }, { 8, 1, 7, 1, 0.2 }, { 0, 0, 8, 1, 0.6 },
};

static sel_store *st;
static sel_ctx *ctx;

static void check(int rc, const char *what)
{
    if (rc != SEL_OK) {
        fprintf(stderr, "export_make_db: %s: %s\n", what, sel_ctx_errmsg(ctx));
        exit(1);
    }
}

static sqlite3_stmt *prepare(const char *sql)
{
    sqlite3_stmt *s = NULL;
    check(sel_store_prepare(st, ctx, sql, &s), sql);
    return s;
}

static void text_or_null(sqlite3_stmt *s, int col, const char *text)
{
    if (text)
        sqlite3_bind_text(s, col, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, col);
}

// Stores a document and its sentences (one paragraph each, separated by a line end).
static sqlite3_int64 add_document(const char *path, const char *lang, sqlite3_int64 translation_of,
                                  const char *const (*sentences)[2], size_t n, sqlite3_int64 *ids)
{
    sqlite3_stmt *doc = prepare("INSERT INTO document (path, lang, content_hash, bytes, translation_of)"
                                " VALUES (?1, ?2, ?3, ?4, ?5)");
    sqlite3_bind_text(doc, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_text(doc, 2, lang, -1, SQLITE_STATIC);
    sqlite3_bind_text(doc, 3, path, -1, SQLITE_STATIC);
    sqlite3_bind_int64(doc, 4, 1000);
    if (translation_of)
        sqlite3_bind_int64(doc, 5, translation_of);
    else
        sqlite3_bind_null(doc, 5);
    check(sel_store_exec_stmt(st, ctx, doc), "document");
    sqlite3_finalize(doc);
    sqlite3_int64 id = sqlite3_last_insert_rowid(sel_store_db(st));
    sqlite3_stmt *sent = prepare("INSERT INTO sentence (document_id, number, para, start, end, text, boilerplate)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    long offset = 0;
    for (size_t i = 0; i < n; i++) {
        long len = (long)strlen(sentences[i][0]);
        sqlite3_reset(sent);
        sqlite3_bind_int64(sent, 1, id);
        sqlite3_bind_int64(sent, 2, (sqlite3_int64)i + 1);
        sqlite3_bind_int64(sent, 3, (sqlite3_int64)i + 1);
        sqlite3_bind_int64(sent, 4, offset);
        sqlite3_bind_int64(sent, 5, offset + len);
        sqlite3_bind_text(sent, 6, sentences[i][0], -1, SQLITE_STATIC);
        text_or_null(sent, 7, sentences[i][1]);
        check(sel_store_exec_stmt(st, ctx, sent), "sentence");
        ids[i] = sqlite3_last_insert_rowid(sel_store_db(st));
        offset += len + 1;
    }
    sqlite3_finalize(sent);
    return id;
}

// An occurrence of a concept at byte @p start of sentence @p i of the source, with a confirmation.
static void add_occurrence(sqlite3_int64 sentence_id, long sentence_start, long start, const char *surface,
                           const char *concept, const char *term, const char *confirmed)
{
    // Occurrences are stored in table mention with the concept as a row of table concept (the
    // view occurrence shows them with concept_id and surface); the surface is the sentence's.
    // The id says which sentence (SEL_OCCURRENCE_ID_SHIFT); each sentence here has one.
    sqlite3_stmt *concept_row = prepare("INSERT OR IGNORE INTO concept (name) VALUES (?1)");
    sqlite3_bind_text(concept_row, 1, concept, -1, SQLITE_STATIC);
    check(sel_store_exec_stmt(st, ctx, concept_row), "concept");
    sqlite3_finalize(concept_row);
    sqlite3_stmt *occ = prepare("INSERT INTO mention (id, concept, start, end, term)"
                                " VALUES (?1, (SELECT id FROM concept WHERE name = ?2), ?3, ?4, ?5)");
    sqlite3_bind_int64(occ, 1, sentence_id << SEL_OCCURRENCE_ID_SHIFT);
    sqlite3_bind_text(occ, 2, concept, -1, SQLITE_STATIC);
    sqlite3_bind_int64(occ, 3, sentence_start + start);
    sqlite3_bind_int64(occ, 4, sentence_start + start + (long)strlen(surface));
    sqlite3_bind_text(occ, 5, term, -1, SQLITE_STATIC);
    check(sel_store_exec_stmt(st, ctx, occ), "occurrence");
    sqlite3_finalize(occ);
    if (!confirmed)
        return;
    sqlite3_int64 id = sqlite3_last_insert_rowid(sel_store_db(st));
    sqlite3_stmt *conf = prepare("INSERT INTO confirmation (occurrence_id, status, target) VALUES (?1, 'confirmed', ?2)");
    sqlite3_bind_int64(conf, 1, id);
    sqlite3_bind_text(conf, 2, confirmed, -1, SQLITE_STATIC);
    check(sel_store_exec_stmt(st, ctx, conf), "confirmation");
    sqlite3_finalize(conf);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: export_make_db DB_PATH\n");
        return 2;
    }
    remove(argv[1]);
    check(sel_ctx_new(&ctx), "context");
    check(sel_store_open(&st, ctx, argv[1], true), "opening");
    check(sel_store_begin(st, ctx), "begin");
    size_t ns = sizeof(src_sentences) / sizeof(src_sentences[0]);
    size_t nt = sizeof(tgt_sentences) / sizeof(tgt_sentences[0]);
    sqlite3_int64 sids[16], tids[16];
    sqlite3_int64 src = add_document("berita.id.txt", "id", 0, src_sentences, ns, sids);
    add_document("berita.en.txt", "en", src, tgt_sentences, nt, tids);

    sqlite3_stmt *bead = prepare("INSERT INTO bead (document_id, number, src_first, src_count, tgt_first, tgt_count, score)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    for (size_t i = 0; i < sizeof(beads) / sizeof(beads[0]); i++) {
        sqlite3_reset(bead);
        sqlite3_bind_int64(bead, 1, src);
        sqlite3_bind_int64(bead, 2, (sqlite3_int64)i + 1);
        if (beads[i][0] > 0)
            sqlite3_bind_int64(bead, 3, (sqlite3_int64)beads[i][0]);
        else
            sqlite3_bind_null(bead, 3);
        sqlite3_bind_int64(bead, 4, (sqlite3_int64)beads[i][1]);
        if (beads[i][2] > 0)
            sqlite3_bind_int64(bead, 5, (sqlite3_int64)beads[i][2]);
        else
            sqlite3_bind_null(bead, 5);
        sqlite3_bind_int64(bead, 6, (sqlite3_int64)beads[i][3]);
        sqlite3_bind_double(bead, 7, beads[i][4]);
        check(sel_store_exec_stmt(st, ctx, bead), "bead");
    }
    sqlite3_finalize(bead);

    // sentence starts: the sentences follow each other with one line end between them
    long starts[16], offset = 0;
    for (size_t i = 0; i < ns; i++) {
        starts[i] = offset;
        offset += (long)strlen(src_sentences[i][0]) + 1;
    }
    add_occurrence(sids[0], starts[0], 0, "Pasukan", "af.troops", "pasukan", "troops");
    add_occurrence(sids[1], starts[1], 18, "Gencatan senjata", "cf.ceasefire", "gencatan senjata", "ceasefire");
    add_occurrence(sids[3], starts[3], 0, "Delegasi", "dip.delegation", "delegasi", NULL);
    add_occurrence(sids[5], starts[5], 0, "Pasukan", "af.troops", "pasukan", NULL);

    // a user concept whose every field holds what XML, CSV and JSON must escape
    sqlite3_stmt *uc = prepare("INSERT INTO user_concept (id, subject, definition, note, source, curated)"
                               " VALUES ('user.special', 'security', ?1, ?2, 'make_db', 1)");
    sqlite3_bind_text(uc, 1, "Def with & and <angle> \"quotes\", commas", -1, SQLITE_STATIC);
    sqlite3_bind_text(uc, 2, "line one\nline two\twith tab", -1, SQLITE_STATIC);
    check(sel_store_exec_stmt(st, ctx, uc), "user_concept");
    sqlite3_finalize(uc);
    static const char *const terms[][4] = {
        { "id", "Kata & <khusus> \"kutip\"", "noun", "preferred" },
        { "id", "Ελλάδα", "properNoun", "admitted" },
        { "en", "Word & <special> \"quoted\"", "noun", "preferred" },
    };
    sqlite3_stmt *ut = prepare("INSERT INTO user_term (concept_id, lang, text, pos, type, status)"
                               " VALUES ('user.special', ?1, ?2, ?3, 'fullForm', ?4)");
    for (size_t i = 0; i < 3; i++) {
        sqlite3_reset(ut);
        for (int k = 0; k < 4; k++)
            sqlite3_bind_text(ut, k + 1, terms[i][k], -1, SQLITE_STATIC);
        check(sel_store_exec_stmt(st, ctx, ut), "user_term");
    }
    sqlite3_finalize(ut);
    check(sel_store_commit(st, ctx), "commit");
    sel_store_close(st);
    sel_ctx_free(ctx);
    return 0;
}
