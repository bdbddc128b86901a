// SPDX-License-Identifier: MIT
// Strict bead scoring shared by the alignment tests: a bead counts as correct only when the
// same source and target sentences form a bead in the gold.
#ifndef SEL_TEST_BEAD_SCORE_H
#define SEL_TEST_BEAD_SCORE_H

#include "align/align.h"

#include <stdlib.h>
#include <string.h>

struct bead_list {
    struct sel_bead *v;
    size_t n, cap;
};

static inline void bead_push(struct bead_list *l, size_t src, size_t n_src, size_t tgt, size_t n_tgt)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = realloc(l->v, l->cap * sizeof(*l->v));
        if (!l->v)
            abort();
    }
    l->v[l->n++] = (struct sel_bead){ .src = src, .n_src = n_src, .tgt = tgt, .n_tgt = n_tgt };
}

static inline bool bead_same(const struct sel_bead *a, const struct sel_bead *b)
{
    // A 0-sided bead has no position on its empty side.
    return a->n_src == b->n_src && a->n_tgt == b->n_tgt && (!a->n_src || a->src == b->src) &&
           (!a->n_tgt || a->tgt == b->tgt);
}

struct bead_score {
    size_t correct, predicted, gold;
};

/** Adds the comparison of @p pred with @p gold (both in order) to @p sc. */
static inline void bead_score_add(struct bead_score *sc, const struct sel_bead *pred, size_t n_pred,
                                  const struct sel_bead *gold, size_t n_gold)
{
    sc->predicted += n_pred;
    sc->gold += n_gold;
    for (size_t p = 0; p < n_pred; p++)
        for (size_t g = 0; g < n_gold; g++)
            if (bead_same(&pred[p], &gold[g])) {
                sc->correct++;
                break;
            }
}

static inline double bead_f1(const struct bead_score *sc)
{
    if (!sc->predicted || !sc->gold)
        return 0;
    double p = (double)sc->correct / (double)sc->predicted, r = (double)sc->correct / (double)sc->gold;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

#endif
