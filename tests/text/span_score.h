// SPDX-License-Identifier: MIT
// Test helper: scores predicted sentence spans against gold spans (exact start, end and flag).
#ifndef SEL_TEST_SPAN_SCORE_H
#define SEL_TEST_SPAN_SCORE_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

struct span {
    size_t start, end;
    bool boilerplate;
};

struct span_list {
    struct span *v;
    size_t n, cap;
};

static inline void span_push(struct span_list *l, size_t start, size_t end, bool boilerplate)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = realloc(l->v, l->cap * sizeof(*l->v));
    }
    l->v[l->n++] = (struct span){ start, end, boilerplate };
}

struct span_score {
    size_t gold, predicted, matched;
};

/** Counts exact matches between two lists sorted by start; @p check_flag compares the flags too. */
static inline struct span_score span_compare(const struct span_list *gold, const struct span_list *pred,
                                             bool check_flag, FILE *log, const char *name)
{
    struct span_score s = { gold->n, pred->n, 0 };
    size_t i = 0, j = 0;
    while (i < gold->n || j < pred->n) {
        const struct span *g = i < gold->n ? &gold->v[i] : NULL, *p = j < pred->n ? &pred->v[j] : NULL;
        if (g && p && g->start == p->start && g->end == p->end) {
            if (!check_flag || g->boilerplate == p->boilerplate)
                s.matched++;
            else if (log)
                fprintf(log, "%s: %zu-%zu flag %d, gold %d\n", name, p->start, p->end, p->boilerplate, g->boilerplate);
            i++, j++;
        } else if (g && (!p || g->start < p->start || (g->start == p->start && g->end < p->end))) {
            if (log)
                fprintf(log, "%s: missed gold %zu-%zu\n", name, g->start, g->end);
            i++;
        } else {
            if (log)
                fprintf(log, "%s: spurious %zu-%zu\n", name, p->start, p->end);
            j++;
        }
    }
    return s;
}

static inline double span_f1(struct span_score s)
{
    if (s.gold == 0 && s.predicted == 0)
        return 1.0;
    double p = s.predicted ? (double)s.matched / (double)s.predicted : 0;
    double r = s.gold ? (double)s.matched / (double)s.gold : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

#endif
