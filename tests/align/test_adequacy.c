// SPDX-License-Identifier: MIT
// Adequacy (align/adequacy.c): a translation shares evidence with its source, an unrelated text
// does not, whatever the search's posterior says. On the corpus: every true pair above 0.5 and
// every crossed pair below; the crossed pairs' bead scores fall with it.
#include "align/align.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const ARTICLES[] = { "01-asean-defence", "02-unsc-ceasefire", "03-dpr-alutsista",
                                        "04-dprk-missile", "05-prisoner-exchange", "06-gaza-talks",
                                        "07-garuda-unifil", "08-natuna-incident", "09-myanmar-border",
                                        "10-nato-summit", "11-submarine-deal", "12-india-pakistan" };
enum { N = sizeof(ARTICLES) / sizeof(ARTICLES[0]) };

static sel_ctx *ctx;
static sel_aligner *al;
static struct sel_text texts[N][2];
static struct sel_align_doc docs[N][2];

static void setup(void)
{
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    struct sel_align_options opts;
    sel_align_options_default(&opts);
    cr_assert_eq(sel_aligner_new(&al, ctx, &opts), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    const char *root = getenv("SEL_SOURCE_ROOT");
    cr_assert(root, "SEL_SOURCE_ROOT is not set");
    for (int i = 0; i < N; i++)
        for (int side = 0; side < 2; side++) {
            char path[1024];
            snprintf(path, sizeof(path), "%s/corpus/%s.%s.txt", root, ARTICLES[i], side ? "en" : "id");
            cr_assert_eq(sel_text_read(&texts[i][side], ctx, path), SEL_OK, "%s", sel_ctx_errmsg(ctx));
            cr_assert_eq(sel_align_doc_segment(&docs[i][side], al, ctx, (enum sel_align_side_kind)side,
                                               texts[i][side].data, texts[i][side].len), SEL_OK);
        }
}

static void teardown(void)
{
    for (int i = 0; i < N; i++)
        for (int side = 0; side < 2; side++) {
            sel_align_doc_finish(&docs[i][side]);
            sel_text_finish(&texts[i][side]);
        }
    sel_aligner_free(al);
    sel_ctx_free(ctx);
}

// Aligns source @p i with target @p j; returns the adequacy and the mean score of the 2-sided beads
// before and after it (a 1-0 bead keeps its posterior: it says no sentence translates this one).
static double judge(int i, int j, double *before, double *after)
{
    struct sel_alignment a;
    cr_assert_eq(sel_align(&a, al, ctx, &docs[i][0], &docs[j][1]), SEL_OK);
    double b = 0, c = 0, n = 0;
    for (size_t k = 0; k < a.n; k++)
        if (a.beads[k].n_src && a.beads[k].n_tgt)
            b += a.beads[k].score, n++;
    struct sel_adequacy q;
    cr_assert_eq(sel_align_adequacy(&q, al, ctx, &docs[i][0], &docs[j][1], &a), SEL_OK);
    for (size_t k = 0; k < a.n; k++) {
        cr_assert(a.beads[k].score >= 0 && a.beads[k].score <= 1);
        if (a.beads[k].n_src && a.beads[k].n_tgt)
            c += a.beads[k].score;
    }
    *before = n ? b / n : 0;
    *after = n ? c / n : 0;
    sel_alignment_finish(&a);
    return q.score;
}

TestSuite(adequacy, .init = setup, .fini = teardown, .timeout = 600);

Test(adequacy, true_pairs_are_translations)
{
    for (int i = 0; i < N; i++) {
        double before, after;
        double s = judge(i, i, &before, &after);
        cr_expect_gt(s, 0.95, "%s: adequacy %.3f", ARTICLES[i], s);
        cr_expect_gt(after, 0.9, "%s: mean bead score %.3f after adequacy", ARTICLES[i], after);
    }
}

Test(adequacy, crossed_pairs_are_not)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            if (i == j)
                continue;
            double before, after;
            double s = judge(i, j, &before, &after);
            cr_expect_lt(s, 0.5, "%s / %s: adequacy %.3f", ARTICLES[i], ARTICLES[j], s);
            // the posterior alone rates the best path through unrelated text highly
            cr_expect_lt(after, 0.1, "%s / %s: mean bead score %.3f (posterior %.3f)", ARTICLES[i], ARTICLES[j],
                         after, before);
        }
}

Test(adequacy, too_little_evidence_is_no_verdict)
{
    static const char src[] = "Ia datang.\n", tgt[] = "Okay.\n";
    struct sel_align_doc s, t;
    cr_assert_eq(sel_align_doc_lines(&s, al, ctx, SEL_ALIGN_SRC, src, sizeof(src) - 1), SEL_OK);
    cr_assert_eq(sel_align_doc_lines(&t, al, ctx, SEL_ALIGN_TGT, tgt, sizeof(tgt) - 1), SEL_OK);
    struct sel_alignment a;
    cr_assert_eq(sel_align(&a, al, ctx, &s, &t), SEL_OK);
    struct sel_adequacy q;
    cr_assert_eq(sel_align_adequacy(&q, al, ctx, &s, &t, &a), SEL_OK);
    cr_expect_eq(q.score, 0.5);
    sel_alignment_finish(&a);
    sel_align_doc_finish(&s);
    sel_align_doc_finish(&t);
}
