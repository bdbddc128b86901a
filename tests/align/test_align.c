// SPDX-License-Identifier: MIT
// Behaviours of the aligner on small hand-made inputs: numbers and dates match across the two
// languages' conventions, boilerplate stands alone, empty sides, and a band that widens itself
// when the translation drifts far from the diagonal.
#include "align/align_internal.h"
#include "tests/align/bead_score.h"

#include <criterion/criterion.h>
#include "tests/shared_data.h"
#include <stdio.h>
#include <string.h>

static sel_ctx *ctx;
static sel_aligner *al;

static void setup(void)
{
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    struct sel_align_options opts;
    sel_align_options_default(&opts);
    cr_assert_eq(sel_aligner_new(&al, ctx, &opts), SEL_OK, "%s", sel_ctx_errmsg(ctx));
}

static void teardown(void)
{
    sel_aligner_free(al);
    sel_ctx_free(ctx);
}

TestSuite(align_align, .init = setup, .fini = teardown, .timeout = 60);

// Number of evidence keys the one-line documents @p id and @p en share.
static size_t shared_keys(const char *id, const char *en)
{
    struct sel_align_doc s, t;
    cr_assert_eq(sel_align_doc_lines(&s, al, ctx, SEL_ALIGN_SRC, id, strlen(id)), SEL_OK);
    cr_assert_eq(sel_align_doc_lines(&t, al, ctx, SEL_ALIGN_TGT, en, strlen(en)), SEL_OK);
    cr_assert_eq(s.n, 1);
    cr_assert_eq(t.n, 1);
    struct align_feats fs, ft;
    cr_assert_eq(sel_align_feats(&fs, al, ctx, SEL_ALIGN_SRC, &s), SEL_OK);
    cr_assert_eq(sel_align_feats(&ft, al, ctx, SEL_ALIGN_TGT, &t), SEL_OK);
    size_t n = 0;
    for (uint32_t x = fs.key_off[0]; x < fs.key_off[1]; x++)
        for (uint32_t y = ft.key_off[0]; y < ft.key_off[1]; y++)
            n += fs.keys[x] == ft.keys[y];
    sel_align_feats_finish(&ft);
    sel_align_feats_finish(&fs);
    sel_align_doc_finish(&t);
    sel_align_doc_finish(&s);
    return n;
}

Test(align_align, numbers_match_across_separator_conventions)
{
    cr_expect_eq(shared_keys("berjumlah 10.000", "numbering 10,000"), 1);
    cr_expect_eq(shared_keys("naik 1,5", "rose 1.5"), 1);
    cr_expect_eq(shared_keys("naik 1,5", "rose 15"), 0);
    cr_expect_eq(shared_keys("berjumlah 10.000", "numbering 10"), 0);
    cr_expect_eq(shared_keys("tiga juta", "three million"), 2);
}

Test(align_align, dates_match_in_either_order)
{
    // "15/8" = 15 August: the date, and nothing else (no year given)
    cr_expect_eq(shared_keys("pada 15/8", "on August 15"), 1);
    cr_expect_eq(shared_keys("pada 15/8", "on 15 August"), 1);
    cr_expect_eq(shared_keys("pada 15/8", "on August 16"), 0);
    // the day as a number, the date, the month name and the year
    cr_expect_eq(shared_keys("pada 15 Agustus 2025", "on 15 August 2025"), 4);
}

Test(align_align, termbase_terms_and_names_are_evidence)
{
    cr_expect_geq(shared_keys("gencatan senjata", "ceasefire"), 1);
    cr_expect_geq(shared_keys("Dewan Keamanan", "Security Council"), 2);
    cr_expect_geq(shared_keys("NATO", "NATO"), 1);
    cr_expect_eq(shared_keys("dan yang di", "and the of"), 0, "function words are no evidence");
}

static struct sel_alignment align_lines(const char *src, const char *tgt)
{
    struct sel_align_doc s, t;
    cr_assert_eq(sel_align_doc_lines(&s, al, ctx, SEL_ALIGN_SRC, src, strlen(src)), SEL_OK);
    cr_assert_eq(sel_align_doc_lines(&t, al, ctx, SEL_ALIGN_TGT, tgt, strlen(tgt)), SEL_OK);
    struct sel_alignment a;
    cr_assert_eq(sel_align(&a, al, ctx, &s, &t), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    sel_align_doc_finish(&t);
    sel_align_doc_finish(&s);
    return a;
}

Test(align_align, boilerplate_on_one_side_is_a_bead_of_its_own)
{
    // The furniture line is as long as the English sentence it sits before, and shares its
    // name: only the boilerplate flag keeps it out of a 2-1 bead.
    const char *id = "Presiden Joko Widodo tiba di Canberra.\n"
                     "Baca juga: Presiden Joko Widodo bertemu PM Albanese\n"
                     "Ia bertemu Perdana Menteri Anthony Albanese.\n";
    const char *en = "President Joko Widodo arrived in Canberra.\n"
                     "He met Prime Minister Anthony Albanese.\n";
    struct sel_alignment a = align_lines(id, en);
    cr_assert_eq(a.n, 3);
    cr_expect(a.beads[1].src == 1 && a.beads[1].n_src == 1 && a.beads[1].n_tgt == 0);
    cr_expect_float_eq(a.beads[1].score, 1.0, 1e-9, "a forced bead is certain");
    sel_alignment_finish(&a);
}

Test(align_align, blank_lines_are_paragraph_marks_not_sentences)
{
    struct sel_align_doc d;
    const char *text = "Satu.\r\n\r\n  \r\nDua.\rTiga.";
    cr_assert_eq(sel_align_doc_lines(&d, al, ctx, SEL_ALIGN_SRC, text, strlen(text)), SEL_OK);
    cr_assert_eq(d.n, 3);
    cr_expect_eq(d.sentences[1].para, 2);
    cr_expect_eq(d.sentences[2].line, 5);
    cr_expect_eq(d.sentences[2].end - d.sentences[2].start, 5);
    sel_align_doc_finish(&d);
}

Test(align_align, empty_sides_give_zero_sided_beads)
{
    struct sel_alignment a = align_lines("", "");
    cr_expect_eq(a.n, 0);
    sel_alignment_finish(&a);
    a = align_lines("Satu.\nDua.\n", "");
    cr_assert_eq(a.n, 2);
    cr_expect(a.beads[0].n_src == 1 && a.beads[0].n_tgt == 0 && a.beads[1].src == 1);
    sel_alignment_finish(&a);
}

Test(align_align, band_widens_when_one_side_starts_with_many_extra_lines)
{
    // 150 furniture lines before 60 sentence pairs: the path leaves the diagonal by 150.
    char id_path[4096], en_path[4096];
    sel_shared_file_or_skip(id_path, sizeof(id_path), "data/panl-int-dev/id.txt");
    sel_shared_file_or_skip(en_path, sizeof(en_path), "data/panl-int-dev/en.txt");
    struct sel_text ti, te;
    cr_assert_eq(sel_text_read(&ti, ctx, id_path), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(sel_text_read(&te, ctx, en_path), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    size_t cut_i = 0, cut_e = 0;
    for (int lines = 0; lines < 60; cut_i++)
        lines += ti.data[cut_i] == '\n';
    for (int lines = 0; lines < 60; cut_e++)
        lines += te.data[cut_e] == '\n';
    size_t cap = 150 * 64 + cut_i + 1, n = 0;
    char *src = malloc(cap);
    for (int k = 0; k < 150; k++)
        n += (size_t)snprintf(src + n, cap - n, "Baca juga: Berita nomor %d hari ini\n", k + 1);
    memcpy(src + n, ti.data, cut_i);
    src[n + cut_i] = '\0';
    char *tgt = strndup(te.data, cut_e);

    struct sel_align_doc s, t;
    cr_assert_eq(sel_align_doc_lines(&s, al, ctx, SEL_ALIGN_SRC, src, strlen(src)), SEL_OK);
    cr_assert_eq(sel_align_doc_lines(&t, al, ctx, SEL_ALIGN_TGT, tgt, strlen(tgt)), SEL_OK);
    cr_assert_eq(s.n, 210);
    cr_assert_eq(t.n, 60);
    struct sel_alignment a;
    cr_assert_eq(sel_align(&a, al, ctx, &s, &t), SEL_OK);
    // At row 150 the diagonal stands at target 150 * 60 / 210 = 43, the path at 0.
    cr_expect_geq(a.band, 43, "the band widened to reach the path (half-width %zu)", a.band);
    struct bead_list gold = { 0 };
    for (size_t k = 0; k < 150; k++)
        bead_push(&gold, k, 1, 0, 0);
    for (size_t k = 0; k < 60; k++)
        bead_push(&gold, 150 + k, 1, k, 1);
    struct bead_score sc = { 0 };
    bead_score_add(&sc, a.beads, a.n, gold.v, gold.n);
    cr_expect_geq(bead_f1(&sc), 0.97, "F1 %.3f", bead_f1(&sc));
    free(gold.v);
    sel_alignment_finish(&a);
    sel_align_doc_finish(&t);
    sel_align_doc_finish(&s);
    free(tgt);
    free(src);
    sel_text_finish(&te);
    sel_text_finish(&ti);
}
