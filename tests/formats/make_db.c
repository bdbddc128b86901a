// SPDX-License-Identifier: MIT
// Builds the small database the export tests read, through the store's writers (the rows ingest
// would write, chosen by hand).
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
static sel_doc_writer *w;

static void check(int rc, const char *what)
{
    if (rc != SEL_OK) {
        fprintf(stderr, "export_make_db: %s: %s\n", what, sel_ctx_errmsg(ctx));
        exit(1);
    }
}

// Stores a document and its sentences (one paragraph each, separated by a line end).
static int64_t add_document(const char *path, const char *lang, int64_t translation_of,
                            const char *const (*sentences)[2], size_t n, int64_t *ids)
{
    int64_t id = 0;
    const struct sel_document_row doc = { path, NULL, lang, path, 1000, translation_of, path };
    check(sel_doc_writer_document(w, ctx, &doc, &id), "document");
    long offset = 0;
    for (size_t i = 0; i < n; i++) {
        long len = (long)strlen(sentences[i][0]);
        const struct sel_sentence_row s = { id, (long)i + 1, (long)i + 1, offset, offset + len, sentences[i][0],
                                            (size_t)len, sentences[i][1] };
        check(sel_doc_writer_sentence(w, ctx, &s, &ids[i]), "sentence");
        offset += len + 1;
    }
    return id;
}

// An occurrence of a concept at byte @p start of sentence @p i of the source, with a confirmation.
static void add_occurrence(int64_t sentence_id, long sentence_start, long start, const char *surface,
                           const char *concept, const char *term, const char *confirmed)
{
    // The id says which sentence (SEL_OCCURRENCE_ID_SHIFT); each sentence here has one. The
    // surface is read from the sentence at these offsets.
    int64_t concept_row = 0, id = sentence_id << SEL_OCCURRENCE_ID_SHIFT;
    check(sel_doc_writer_concept(w, ctx, concept, &concept_row), "concept");
    check(sel_doc_writer_mention(w, ctx, id, concept_row, sentence_start + start,
                                 sentence_start + start + (long)strlen(surface), term),
          "occurrence");
    if (confirmed)
        check(sel_doc_writer_confirmation(w, ctx, id, "confirmed", confirmed), "confirmation");
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
    check(sel_doc_writer_new(&w, ctx, st), "preparing");
    check(sel_store_begin(st, ctx), "begin");
    size_t ns = sizeof(src_sentences) / sizeof(src_sentences[0]);
    size_t nt = sizeof(tgt_sentences) / sizeof(tgt_sentences[0]);
    int64_t sids[16], tids[16];
    int64_t src = add_document("berita.id.txt", "id", 0, src_sentences, ns, sids);
    add_document("berita.en.txt", "en", src, tgt_sentences, nt, tids);

    for (size_t i = 0; i < sizeof(beads) / sizeof(beads[0]); i++) {
        const struct sel_bead_row b = { src, (long)i + 1, (long)beads[i][0], (long)beads[i][1], (long)beads[i][2],
                                        (long)beads[i][3], beads[i][4] };
        check(sel_doc_writer_bead(w, ctx, &b), "bead");
    }

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
    sel_user_writer *uw = NULL;
    check(sel_user_writer_new(&uw, ctx, st), "preparing");
    const struct sel_user_concept uc = { .id = "user.special", .subject = "security",
                                         .definition = "Def with & and <angle> \"quotes\", commas",
                                         .note = "line one\nline two\twith tab", .source = "make_db", .curated = true };
    check(sel_user_writer_concept(uw, ctx, &uc), "user_concept");
    static const char *const terms[][4] = {
        { "id", "Kata & <khusus> \"kutip\"", "noun", "preferred" },
        { "id", "Ελλάδα", "properNoun", "admitted" },
        { "en", "Word & <special> \"quoted\"", "noun", "preferred" },
    };
    for (size_t i = 0; i < 3; i++) {
        const struct sel_user_term t = { .lang = terms[i][0], .text = terms[i][1], .pos = terms[i][2],
                                         .type = "fullForm", .status = terms[i][3] };
        check(sel_user_writer_term(uw, ctx, "user.special", &t), "user_term");
    }
    sel_user_writer_free(uw);
    check(sel_store_commit(st, ctx), "commit");
    sel_doc_writer_free(w);
    sel_store_close(st);
    sel_ctx_free(ctx);
    return 0;
}
