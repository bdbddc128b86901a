// SPDX-License-Identifier: MIT
// align/word_align.c: EM-trained lexical model in both directions and grow-diag-final links, on
// a small bitext of word ids whose translation is known by construction.
#include "align/align.h"

#include <criterion/criterion.h>

// Source words 0..5 translate as target words 10..15 (word k -> 10 + k); every pair below holds
// a different mix, so that only the true translation co-occurs every time.
static sel_word_aligner *trained(void)
{
    static const uint32_t pairs[][2][4] = {
        { { 0, 1, 2 }, { 10, 11, 12 } }, { { 0, 3 }, { 10, 13 } },       { { 1, 4, 5 }, { 11, 14, 15 } },
        { { 2, 3, 4 }, { 12, 13, 14 } }, { { 5, 0 }, { 15, 10 } },       { { 1, 2 }, { 11, 12 } },
        { { 3, 5, 1 }, { 13, 15, 11 } }, { { 4, 0, 2 }, { 14, 10, 12 } }, { { 2, 5 }, { 12, 15 } },
        { { 4, 3 }, { 14, 13 } },
    };
    static const size_t lens[] = { 3, 2, 3, 3, 2, 2, 3, 3, 2, 2 };
    sel_word_aligner *wa = NULL;
    sel_ctx *ctx = NULL;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    cr_assert_eq(sel_word_aligner_new(&wa), SEL_OK);
    for (size_t k = 0; k < sizeof(lens) / sizeof(lens[0]); k++)
        cr_assert_eq(sel_word_aligner_add(wa, pairs[k][0], lens[k], pairs[k][1], lens[k]), SEL_OK);
    cr_assert_eq(sel_word_aligner_train(wa, ctx, 5), SEL_OK);
    sel_ctx_free(ctx);
    return wa;
}

Test(align_word_align, each_word_learns_its_translation_in_both_directions)
{
    sel_word_aligner *wa = trained();
    cr_assert_eq(sel_word_aligner_pairs(wa), 10);
    for (uint32_t s = 0; s < 6; s++)
        for (uint32_t t = 10; t < 16; t++) {
            if (t == 10 + s)
                continue;
            cr_assert_gt(sel_word_aligner_prob(wa, s, 10 + s, true), sel_word_aligner_prob(wa, s, t, true),
                         "t(%u | %u) should beat t(%u | %u)", 10 + s, s, t, s);
            cr_assert_gt(sel_word_aligner_prob(wa, s, 10 + s, false), sel_word_aligner_prob(wa, t - 10, 10 + s, false),
                         "t(%u | %u) should beat t(%u | %u)", s, 10 + s, t - 10, 10 + s);
        }
    sel_word_aligner_free(wa);
}

Test(align_word_align, links_follow_the_translation_across_reordering)
{
    sel_word_aligner *wa = trained();
    // a pair never trained on, in reverse order on the target side
    const uint32_t src[] = { 0, 1, 2, 3 }, tgt[] = { 13, 12, 11, 10 };
    struct sel_word_link links[8];
    size_t n = 0;
    cr_assert_eq(sel_word_align(wa, src, 4, tgt, 4, links, &n), SEL_OK);
    cr_assert_eq(n, 4);
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(links[i].src, i, "links come ordered by source position");
        cr_assert_eq(links[i].tgt, 3 - i, "source word %zu should link to target position %zu", i, 3 - i);
    }
    sel_word_aligner_free(wa);
}

Test(align_word_align, an_unknown_word_stays_unlinked_or_links_once)
{
    sel_word_aligner *wa = trained();
    // target word 99 was never seen: it may take a neighbour's link, but no known word loses its own
    const uint32_t src[] = { 4, 5 }, tgt[] = { 14, 99, 15 };
    struct sel_word_link links[5];
    size_t n = 0;
    cr_assert_eq(sel_word_align(wa, src, 2, tgt, 3, links, &n), SEL_OK);
    bool four = false, five = false;
    for (size_t i = 0; i < n; i++) {
        four = four || (links[i].src == 0 && links[i].tgt == 0);
        five = five || (links[i].src == 1 && links[i].tgt == 2);
    }
    cr_assert(four && five);
    cr_assert_leq(n, 3);
    sel_word_aligner_free(wa);
}

Test(align_word_align, empty_side_yields_no_links_and_overlong_is_refused)
{
    sel_word_aligner *wa = trained();
    const uint32_t src[] = { 0 };
    struct sel_word_link links[2 * SEL_WORD_ALIGN_MAX_LEN + 2];
    size_t n = 7;
    cr_assert_eq(sel_word_align(wa, src, 1, NULL, 0, links, &n), SEL_OK);
    cr_assert_eq(n, 0);
    static uint32_t longer[SEL_WORD_ALIGN_MAX_LEN + 1];
    cr_assert_eq(sel_word_align(wa, longer, SEL_WORD_ALIGN_MAX_LEN + 1, src, 1, links, &n), SEL_EINVAL);
    // nor is it trained on
    cr_assert_eq(sel_word_aligner_add(wa, longer, SEL_WORD_ALIGN_MAX_LEN + 1, src, 1), SEL_OK);
    cr_assert_eq(sel_word_aligner_pairs(wa), 10);
    sel_word_aligner_free(wa);
}
