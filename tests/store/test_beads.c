// SPDX-License-Identifier: MIT
// The bead cursor of parallel export: beads in document order with the sentences of both sides
// and the source terms ordered by position, from a database written by hand through the store's
// document writer. Overlapping and unordered beads (which ingest never writes, but a hand-made
// or merged database may hold) must give the same answer as ordered ones.
#include "src/store/store.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static sel_ctx *ctx;
static sel_store *st;
static char dir[64], db_path[128];

static void setup(void)
{
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    strcpy(dir, "/tmp/selaras-beads-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(db_path, sizeof(db_path), "%s/beads.db", dir);
    cr_assert_eq(sel_store_open(&st, ctx, db_path, true), SEL_OK, "%s", sel_ctx_errmsg(ctx));
}

static void teardown(void)
{
    sel_store_close(st);
    unlink(db_path);
    char path[160];
    snprintf(path, sizeof(path), "%s-wal", db_path);
    unlink(path);
    snprintf(path, sizeof(path), "%s-shm", db_path);
    unlink(path);
    rmdir(dir);
    sel_ctx_free(ctx);
}

TestSuite(beads, .init = setup, .fini = teardown, .timeout = 60);

static const char *const id_text[] = { "Pasukan tiba.", "Menteri bicara.", "Gencatan senjata berlaku.", "Ya." };
static const char *const en_text[] = { "Troops arrived.", "The minister spoke.", "The ceasefire holds.", "Yes." };

// Document pairs with @p n_beads beads (src first, src count, tgt first, tgt count) each.
static void write_pair(sel_doc_writer *w, const char *name, const long (*beads)[4], size_t n_beads)
{
    int64_t ids[2] = { 0, 0 }, sids[4];
    for (int side = 0; side < 2; side++) {
        char path[64];
        snprintf(path, sizeof(path), "%s.%s.txt", name, side ? "en" : "id");
        const struct sel_document_row d = { path, NULL, side ? "en" : "id", path, 100, side ? ids[0] : 0, path };
        cr_assert_eq(sel_doc_writer_document(w, ctx, &d, &ids[side]), SEL_OK);
        long offset = 0;
        for (long i = 0; i < 4; i++) {
            const char *text = side ? en_text[i] : id_text[i];
            long len = (long)strlen(text);
            const struct sel_sentence_row s = { ids[side], i + 1, i + 1, offset, offset + len, text, (size_t)len,
                                                i == 3 ? "caption" : NULL };
            int64_t sid = 0;
            cr_assert_eq(sel_doc_writer_sentence(w, ctx, &s, &sid), SEL_OK);
            if (!side)
                sids[i] = sid;
            offset += len + 1;
        }
    }
    // terms of source sentence 3, written in the reverse order of their position: "senjata",
    // then "Gencatan senjata" (offsets in the document: the sentence starts at byte 30)
    int64_t c1 = 0, c2 = 0;
    cr_assert_eq(sel_doc_writer_concept(w, ctx, "af.weapon", &c1), SEL_OK);
    cr_assert_eq(sel_doc_writer_concept(w, ctx, "cf.ceasefire", &c2), SEL_OK);
    int64_t occ = sids[2] << SEL_OCCURRENCE_ID_SHIFT;
    cr_assert_eq(sel_doc_writer_mention(w, ctx, occ, c1, 39, 46, "senjata"), SEL_OK);
    cr_assert_eq(sel_doc_writer_mention(w, ctx, occ + 1, c2, 30, 46, "gencatan senjata"), SEL_OK);
    cr_assert_eq(sel_doc_writer_confirmation(w, ctx, occ + 1, "confirmed", "ceasefire"), SEL_OK);
    cr_assert_eq(sel_doc_writer_confirmation(w, ctx, occ + 1, "confirmed", "cease-fire"), SEL_OK);
    for (size_t i = 0; i < n_beads; i++) {
        const struct sel_bead_row b = { ids[0], (long)i + 1, beads[i][0], beads[i][1], beads[i][2], beads[i][3], 0.5 };
        cr_assert_eq(sel_doc_writer_bead(w, ctx, &b), SEL_OK);
    }
}

// Each bead as "doc:number src-texts | tgt-texts [terms]" lines.
static void read_all(bool terms, char *out, size_t size)
{
    sel_bead_cursor *c = NULL;
    cr_assert_eq(sel_bead_cursor_open(&c, ctx, st, terms), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    const struct sel_bead_view *v = NULL;
    size_t used = 0;
    out[0] = '\0';
    while (sel_bead_cursor_next(c, ctx, &v) == SEL_OK && v) {
        used += (size_t)snprintf(out + used, size - used, "%lld:%ld", (long long)v->document, v->number);
        for (size_t i = 0; i < v->n_src; i++)
            used += (size_t)snprintf(out + used, size - used, " %s%s", v->src[i].text, v->src[i].boilerplate ? "*" : "");
        used += (size_t)snprintf(out + used, size - used, " |");
        for (size_t i = 0; i < v->n_tgt; i++)
            used += (size_t)snprintf(out + used, size - used, " %s", v->tgt[i].text);
        for (size_t i = 0; i < v->n_terms; i++)
            used += (size_t)snprintf(out + used, size - used, " [%s %ld-%ld %s>%s]", v->terms[i].concept_id,
                                     v->terms[i].start, v->terms[i].end, v->terms[i].surface,
                                     v->terms[i].target ? v->terms[i].target : "-");
        used += (size_t)snprintf(out + used, size - used, "\n");
    }
    cr_assert_eq(sel_ctx_status(ctx), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    sel_bead_cursor_close(c);
}

Test(beads, ordered_beads_come_with_their_sentences_and_terms_by_position)
{
    sel_doc_writer *w = NULL;
    cr_assert_eq(sel_doc_writer_new(&w, ctx, st), SEL_OK);
    cr_assert_eq(sel_store_begin(st, ctx), SEL_OK);
    static const long beads[][4] = { { 1, 2, 1, 1 }, { 0, 0, 2, 1 }, { 3, 1, 3, 1 }, { 4, 1, 4, 1 } };
    write_pair(w, "a", beads, 4);
    cr_assert_eq(sel_store_commit(st, ctx), SEL_OK);
    sel_doc_writer_free(w);
    char got[4096];
    read_all(true, got, sizeof(got));
    cr_expect_str_eq(got, "1:1 Pasukan tiba. Menteri bicara. | Troops arrived.\n"
                          "1:2 | The minister spoke.\n"
                          "1:3 Gencatan senjata berlaku. | The ceasefire holds."
                          " [cf.ceasefire 30-46 Gencatan senjata>cease-fire] [af.weapon 39-46 senjata>-]\n"
                          "1:4 Ya.* | Yes.\n");
    read_all(false, got, sizeof(got));
    cr_expect_str_eq(got, "1:1 Pasukan tiba. Menteri bicara. | Troops arrived.\n"
                          "1:2 | The minister spoke.\n"
                          "1:3 Gencatan senjata berlaku. | The ceasefire holds.\n"
                          "1:4 Ya.* | Yes.\n");
}

Test(beads, overlapping_and_unordered_beads_read_the_same_sentences)
{
    sel_doc_writer *w = NULL;
    cr_assert_eq(sel_doc_writer_new(&w, ctx, st), SEL_OK);
    cr_assert_eq(sel_store_begin(st, ctx), SEL_OK);
    // bead 2 starts inside bead 1 on both sides; bead 3 goes back to the start; bead 4 has no
    // translation side, then a second document follows in order
    static const long odd[][4] = { { 2, 2, 2, 2 }, { 3, 2, 3, 1 }, { 1, 1, 1, 1 }, { 3, 1, 0, 0 } };
    write_pair(w, "a", odd, 4);
    static const long plain[][4] = { { 1, 1, 1, 1 }, { 3, 1, 3, 1 } };
    write_pair(w, "b", plain, 2);
    cr_assert_eq(sel_store_commit(st, ctx), SEL_OK);
    sel_doc_writer_free(w);
    char got[4096];
    read_all(true, got, sizeof(got));
    cr_expect_str_eq(got, "1:1 Menteri bicara. Gencatan senjata berlaku. | The minister spoke. The ceasefire holds."
                          " [cf.ceasefire 30-46 Gencatan senjata>cease-fire] [af.weapon 39-46 senjata>-]\n"
                          "1:2 Gencatan senjata berlaku. Ya.* | The ceasefire holds."
                          " [cf.ceasefire 30-46 Gencatan senjata>cease-fire] [af.weapon 39-46 senjata>-]\n"
                          "1:3 Pasukan tiba. | Troops arrived.\n"
                          "1:4 Gencatan senjata berlaku. |"
                          " [cf.ceasefire 30-46 Gencatan senjata>cease-fire] [af.weapon 39-46 senjata>-]\n"
                          "3:1 Pasukan tiba. | Troops arrived.\n"
                          "3:2 Gencatan senjata berlaku. | The ceasefire holds."
                          " [cf.ceasefire 30-46 Gencatan senjata>cease-fire] [af.weapon 39-46 senjata>-]\n");
}

Test(beads, a_bead_past_the_last_sentence_gets_the_sentences_there_are)
{
    sel_doc_writer *w = NULL;
    cr_assert_eq(sel_doc_writer_new(&w, ctx, st), SEL_OK);
    cr_assert_eq(sel_store_begin(st, ctx), SEL_OK);
    static const long beads[][4] = { { 4, 2, 4, 2 }, { 1, 1, 1, 1 }, { 3, 1, 3, 1 } }; // sentences 5 do not exist
    write_pair(w, "c", beads, 3);
    cr_assert_eq(sel_store_commit(st, ctx), SEL_OK);
    sel_doc_writer_free(w);
    char got[4096];
    read_all(true, got, sizeof(got));
    cr_expect_str_eq(got, "1:1 Ya.* | Yes.\n"
                          "1:2 Pasukan tiba. | Troops arrived.\n"
                          "1:3 Gencatan senjata berlaku. | The ceasefire holds."
                          " [cf.ceasefire 30-46 Gencatan senjata>cease-fire] [af.weapon 39-46 senjata>-]\n");
}

Test(beads, a_hash_set_says_what_it_has_seen)
{
    sel_hash_set *s = NULL;
    cr_assert_eq(sel_hash_set_new(&s, ctx, st), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    bool added = false;
    cr_assert_eq(sel_hash_set_add(s, ctx, 42, &added), SEL_OK);
    cr_expect(added);
    cr_assert_eq(sel_hash_set_add(s, ctx, UINT64_MAX, &added), SEL_OK); // the top bit set: stored as negative
    cr_expect(added);
    cr_assert_eq(sel_hash_set_add(s, ctx, 42, &added), SEL_OK);
    cr_expect(!added);
    cr_assert_eq(sel_hash_set_add(s, ctx, UINT64_MAX, &added), SEL_OK);
    cr_expect(!added);
    sel_hash_set_free(s);
}
