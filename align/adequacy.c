// SPDX-License-Identifier: MIT
// Adequacy: does the target translate the source? The search's posterior says how sure the path
// is of a bead among the beads it could have taken, which is high for two unrelated articles too
// (the best path through noise is still the best path). What a translation has and an unrelated
// text lacks is shared evidence: the keys of features.c (termbase translations, numbers and
// dates, names and acronyms, cognates). Here, after the search, each bead's shared evidence is
// weighed against the evidence it could have shared, pooled with the whole pair's rate, and the
// bead's score becomes posterior × adequacy.
#include "align/align_internal.h"

#include <math.h>
#include <stdlib.h>

// The rate of shared evidence (weighted keys shared per key that could be shared) that separates
// translations from unrelated text. On the corpus the twelve true pairs share 0.33-0.44 of what
// they could, the 132 crossed pairs 0.02-0.07 (tests/align/test_adequacy.c checks both).
static const double RATE_MID = 0.13;
static const double RATE_WIDTH = 0.025;
// A bead's rate is pooled with the pair's as if the pair had given this much evidence to the bead
// (short sentences share little by chance, in translations too).
static const double POOL = 3.0;
// Below this much evidence a pair is too small to judge: its adequacy stays neutral.
static const double MIN_EVIDENCE = 4.0;

static double logistic(double x)
{
    return 1.0 / (1.0 + exp(-x));
}

// The weighted keys of sentences [first, first + count) of @p f (sorted, unique, at most two
// sentences merged) shared with those of @p g, and the smaller of the two sides' masses.
struct side_keys {
    uint32_t v[2048];
    size_t n;
};

static void gather(struct side_keys *out, const struct align_feats *f, size_t first, size_t count)
{
    out->n = 0;
    for (size_t k = first; k < first + count; k++) {
        if (f->boiler[k])
            continue;
        for (uint32_t x = f->key_off[k]; x < f->key_off[k + 1] && out->n < sizeof(out->v) / sizeof(out->v[0]); x++)
            out->v[out->n++] = f->keys[x];
    }
    // Two sentences' lists are each sorted: an insertion sort of the merge is short.
    for (size_t i = 1; i < out->n; i++) {
        uint32_t v = out->v[i];
        size_t j = i;
        while (j > 0 && out->v[j - 1] > v) {
            out->v[j] = out->v[j - 1];
            j--;
        }
        out->v[j] = v;
    }
    size_t o = 0;
    for (size_t i = 0; i < out->n; i++)
        if (o == 0 || out->v[o - 1] != out->v[i])
            out->v[o++] = out->v[i];
    out->n = o;
}

static double mass(const struct side_keys *k, const float *weight)
{
    double m = 0;
    for (size_t i = 0; i < k->n; i++)
        m += weight[k->v[i]];
    return m;
}

static double shared(const struct side_keys *a, const struct side_keys *b, const float *weight)
{
    double n = 0;
    size_t x = 0, y = 0;
    while (x < a->n && y < b->n) {
        if (a->v[x] < b->v[y])
            x++;
        else if (b->v[y] < a->v[x])
            y++;
        else
            n += weight[a->v[x]], x++, y++;
    }
    return n;
}

int sel_align_adequacy(struct sel_adequacy *out, sel_aligner *al, sel_ctx *ctx, const struct sel_align_doc *src,
                       const struct sel_align_doc *tgt, struct sel_alignment *alignment)
{
    SEL_CHECK_ARG(out && al && src && tgt && alignment, SEL_EINVAL);
    *out = (struct sel_adequacy){ .score = 0.5 };
    if (!al->opts.lexical)
        return SEL_OK; // no evidence to judge by
    struct align_feats fs = { 0 }, ft = { 0 };
    float *weights = NULL;
    double *bead_shared = NULL, *bead_possible = NULL;
    struct side_keys *ks = malloc(sizeof(*ks)), *kt = malloc(sizeof(*kt));
    int rc = ks && kt ? SEL_OK : sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (rc == SEL_OK)
        rc = sel_align_feats(&fs, al, ctx, SEL_ALIGN_SRC, src);
    if (rc == SEL_OK)
        rc = sel_align_feats(&ft, al, ctx, SEL_ALIGN_TGT, tgt);
    if (rc == SEL_OK)
        rc = sel_align_weigh(&weights, &fs, &ft, ctx, al->n_keys);
    size_t nb = alignment->n;
    if (rc == SEL_OK) {
        bead_shared = calloc(nb + 1, sizeof(double));
        bead_possible = calloc(nb + 1, sizeof(double));
        if (!bead_shared || !bead_possible)
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    if (rc != SEL_OK)
        goto done;
    double total_shared = 0, total_possible = 0;
    for (size_t b = 0; b < nb; b++) {
        const struct sel_bead *bd = &alignment->beads[b];
        if (!bd->n_src || !bd->n_tgt || bd->src + bd->n_src > fs.n || bd->tgt + bd->n_tgt > ft.n)
            continue;
        gather(ks, &fs, bd->src, bd->n_src);
        gather(kt, &ft, bd->tgt, bd->n_tgt);
        double ms = mass(ks, weights), mt = mass(kt, weights);
        bead_shared[b] = shared(ks, kt, weights);
        bead_possible[b] = ms < mt ? ms : mt;
        total_shared += bead_shared[b];
        total_possible += bead_possible[b];
    }
    out->evidence = total_possible;
    out->rate = total_possible > 0 ? total_shared / total_possible : 0;
    // With too little evidence the pair is neither confirmed nor refuted, and the scores stay.
    if (total_possible < MIN_EVIDENCE)
        goto done;
    out->score = logistic((out->rate - RATE_MID) / RATE_WIDTH);
    for (size_t b = 0; b < nb; b++) {
        struct sel_bead *bd = &alignment->beads[b];
        if (!bd->n_src || !bd->n_tgt)
            continue; // a sentence without counterpart: the posterior says all there is
        double rate = (bead_shared[b] + POOL * out->rate) / (bead_possible[b] + POOL);
        double bead = logistic((rate - RATE_MID) / RATE_WIDTH);
        // A bead is no more adequate than its pair: in an unrelated text some sentences share a
        // name or a date by chance.
        bd->score *= bead < out->score ? bead : out->score;
    }
done:
    free(bead_shared);
    free(bead_possible);
    free(ks);
    free(kt);
    free(weights);
    sel_align_feats_finish(&ft);
    sel_align_feats_finish(&fs);
    return rc;
}
