// SPDX-License-Identifier: MIT
// The search: Viterbi for the best sequence of beads and, when asked, forward–backward over the
// same band for each bead's posterior probability. Costs are in nats (negative log
// probabilities): the bead type's prior, the Gale–Church length term and the lexical evidence.
#include "align/align_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const int sel_bead_di[BEAD_TYPES] = { 1, 1, 0, 2, 1 };
const int sel_bead_dj[BEAD_TYPES] = { 1, 0, 1, 1, 2 };

struct search {
    const struct align_feats *s, *t;
    const struct align_model *md;
    const struct align_band *b;
    float *pm;          // shared keys of the pair (i-1, j-1), at node (i, j)
};

static inline ptrdiff_t node_at(const struct align_band *b, size_t i, size_t j)
{
    if (j < b->lo[i] || j > b->hi[i])
        return -1;
    return (ptrdiff_t)(b->off[i] + j - b->lo[i]);
}

static double n_keys(const struct align_feats *f, size_t k)
{
    return f->mass ? f->mass[k] : f->key_off[k + 1] - f->key_off[k];
}

static double shared_keys(const struct align_feats *s, size_t a, const struct align_feats *t, size_t c)
{
    if (!s->keys || !t->keys) // a side without any key (NULL + 0 is undefined behaviour)
        return 0;
    const uint32_t *x = s->keys + s->key_off[a], *xe = s->keys + s->key_off[a + 1];
    const uint32_t *y = t->keys + t->key_off[c], *ye = t->keys + t->key_off[c + 1];
    const float *w = s->weight;
    double n = 0;
    while (x < xe && y < ye) {
        if (*x < *y)
            x++;
        else if (*y < *x)
            y++;
        else
            n += w ? w[*x] : 1, x++, y++;
    }
    return n;
}

// Shared keys of source sentence a and target sentence c, from the node cache when it has them.
static double pair_match(const struct search *S, size_t a, size_t c)
{
    ptrdiff_t k = node_at(S->b, a + 1, c + 1);
    return k >= 0 ? S->pm[k] : shared_keys(S->s, a, S->t, c);
}

// Lexical evidence of one pair inside a bead: a binomial log-likelihood ratio of k shared keys
// out of the n the shorter key set allows, true translation against a random pair.
static double pair_llr(const struct align_model *md, double k, double ns, double nt)
{
    double n = ns < nt ? ns : nt;
    if (k > n)
        k = n;
    return k * md->llr_match + (n - k) * md->llr_miss * md->miss_scale;
}

// -log of the two-sided tail probability 2(1 - Phi(|delta|)).
static double tail_cost(double delta)
{
    double x = fabs(delta) / sqrt(2.0);
    if (x < 5)
        return -log(erfc(x));
    return x * x + log(x * sqrt(M_PI));
}

static double bead_cost(const struct search *S, int type, size_t i, size_t j)
{
    const struct align_model *md = S->md;
    int di = sel_bead_di[type], dj = sel_bead_dj[type];
    size_t s0 = i - (size_t)di, t0 = j - (size_t)dj;
    bool bs = false, bt = false;
    double ls = 0, lt = 0;
    for (size_t a = s0; a < i; a++)
        bs |= S->s->boiler[a], ls += S->s->len[a];
    for (size_t c = t0; c < j; c++)
        bt |= S->t->boiler[c], lt += S->t->len[c];
    // Boilerplate stands alone, or faces boilerplate of the other side.
    if ((bs || bt) && di + dj > 1 && !(type == BEAD_11 && bs && bt))
        return HUGE_VAL;
    double cost = md->prior[type];
    if (!di || !dj)
        return cost + md->zero_len;
    double var = md->variance * (ls > 1 ? ls : 1);
    cost += tail_cost((lt - md->ratio * ls) / sqrt(var));
    if (!md->lexical)
        return cost;
    double llr = 0;
    if (type == BEAD_11) {
        llr = pair_llr(md, pair_match(S, s0, t0), n_keys(S->s, s0), n_keys(S->t, t0));
    } else if (type == BEAD_21) {
        for (size_t a = s0; a < i; a++)
            llr += pair_llr(md, pair_match(S, a, t0), n_keys(S->s, a), n_keys(S->t, t0));
    } else {
        for (size_t c = t0; c < j; c++)
            llr += pair_llr(md, pair_match(S, s0, c), n_keys(S->s, s0), n_keys(S->t, c));
    }
    return cost - md->lex_weight * llr;
}

static double log_add(double a, double b)
{
    if (a == -HUGE_VAL)
        return b;
    if (b == -HUGE_VAL)
        return a;
    double hi = a > b ? a : b, lo = a > b ? b : a;
    return hi + log1p(exp(lo - hi));
}

// The forward sweep over the band, row by row: the Viterbi cost and best last bead of every
// node and, for posteriors, the forward log-sum. It also fills the shared-key cache S->pm, which
// the later sweeps read through pair_match().
static void forward_sweep(struct search *S, double *vit, unsigned char *back, double *fwd, double inv_t)
{
    const struct align_band *b = S->b;
    const struct align_model *md = S->md;
    for (size_t i = 0; i <= b->n; i++) {
        for (size_t j = b->lo[i]; j <= b->hi[i]; j++) {
            size_t k = b->off[i] + j - b->lo[i];
            S->pm[k] = md->lexical && i && j ? (float)shared_keys(S->s, i - 1, S->t, j - 1) : 0;
            double best = i == 0 && j == 0 ? 0 : HUGE_VAL, f = i == 0 && j == 0 ? 0 : -HUGE_VAL;
            unsigned char arg = 0;
            for (int ty = 0; ty < BEAD_TYPES; ty++) {
                double c = HUGE_VAL;
                size_t di = (size_t)sel_bead_di[ty], dj = (size_t)sel_bead_dj[ty];
                ptrdiff_t p = i >= di && j >= dj ? node_at(b, i - di, j - dj) : -1;
                if (p >= 0)
                    c = bead_cost(S, ty, i, j);
                if (p < 0 || c == HUGE_VAL)
                    continue;
                if (vit[p] + c < best) {
                    best = vit[p] + c;
                    arg = (unsigned char)ty;
                }
                if (fwd)
                    f = log_add(f, fwd[p] - c * inv_t);
            }
            vit[k] = best;
            back[k] = arg;
            if (fwd)
                fwd[k] = f;
        }
    }
}

// The best path, followed back from (n, m) through each node's best last bead, then put in order
// from (0, 0); notes whether it runs close to a band edge that is not the lattice's border.
static int trace_path(struct align_path *out, sel_ctx *ctx, const struct align_band *b,
                      const double *vit, const unsigned char *back)
{
    size_t n = b->n, m = b->m, cap = n + m + 1, len = 0;
    out->i = malloc(cap * sizeof(size_t));
    out->j = malloc(cap * sizeof(size_t));
    if (!out->i || !out->j)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (vit[b->off[n + 1] - 1] == HUGE_VAL) // cannot happen: 1-0 and 0-1 beads connect every band
        return sel_error(ctx, SEL_EINVAL, "alignment band is not connected");
    size_t i = n, j = m;
    for (;;) {
        out->i[len] = i;
        out->j[len] = j;
        len++;
        if (i == 0 && j == 0)
            break;
        ptrdiff_t k = node_at(b, i, j);
        int ty = back[k];
        i -= (size_t)sel_bead_di[ty];
        j -= (size_t)sel_bead_dj[ty];
    }
    for (size_t a = 0, z = len - 1; a < z; a++, z--) {
        size_t ti = out->i[a], tj = out->j[a];
        out->i[a] = out->i[z], out->j[a] = out->j[z];
        out->i[z] = ti, out->j[z] = tj;
    }
    out->n_nodes = len;
    for (size_t k = 0; k < len; k++) {
        size_t r = out->i[k], c = out->j[k], margin = (b->hi[r] - b->lo[r]) / 8 + 1;
        if ((b->lo[r] > 0 && c < b->lo[r] + margin) || (b->hi[r] < m && c + margin > b->hi[r]))
            out->touches_edge = true;
    }
    return SEL_OK;
}

// The backward log-sum of every node, from (n, m) back to (0, 0).
static void backward_sweep(const struct search *S, double *bwd, double inv_t)
{
    const struct align_band *b = S->b;
    size_t n = b->n, m = b->m;
    for (size_t r = n + 1; r-- > 0;) {
        for (size_t c = b->hi[r] + 1; c-- > b->lo[r];) {
            size_t k = b->off[r] + c - b->lo[r];
            double acc = r == n && c == m ? 0 : -HUGE_VAL;
            for (int ty = 0; ty < BEAD_TYPES; ty++) {
                size_t ni = r + (size_t)sel_bead_di[ty], nj = c + (size_t)sel_bead_dj[ty];
                if (ni > n || nj > m)
                    continue;
                ptrdiff_t q = node_at(b, ni, nj);
                if (q < 0)
                    continue;
                // Recomputed rather than stored: the costs of every node would double the memory.
                double cq = bead_cost(S, ty, ni, nj);
                if (cq == HUGE_VAL)
                    continue;
                acc = log_add(acc, bwd[q] - cq * inv_t);
            }
            bwd[k] = acc;
        }
    }
}

// Each bead's posterior on the best path: forward to its start, the bead, backward from its end.
static int path_posteriors(struct align_path *out, sel_ctx *ctx, const struct search *S,
                           const unsigned char *back, const double *fwd, const double *bwd, double inv_t)
{
    const struct align_band *b = S->b;
    out->posterior = calloc(out->n_nodes, sizeof(double));
    if (!out->posterior)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    double z = fwd[b->off[b->n + 1] - 1];
    for (size_t k = 1; k < out->n_nodes; k++) {
        size_t ki = (size_t)node_at(b, out->i[k], out->j[k]);
        size_t kp = (size_t)node_at(b, out->i[k - 1], out->j[k - 1]);
        int ty = back[ki];
        double lp = fwd[kp] - bead_cost(S, ty, out->i[k], out->j[k]) * inv_t + bwd[ki] - z;
        double p = exp(lp);
        out->posterior[k] = p > 1 ? 1 : p < 0 ? 0 : p;
    }
    return SEL_OK;
}

int sel_align_search(struct align_path *out, sel_ctx *ctx, const struct align_feats *s,
                     const struct align_feats *t, const struct align_model *md,
                     const struct align_band *b, bool posterior)
{
    *out = (struct align_path){ 0 };
    size_t N = b->off[b->n + 1];
    struct search S = { s, t, md, b, NULL };
    double *vit = malloc(N * sizeof(*vit)), *fwd = NULL, *bwd = NULL;
    unsigned char *back = malloc(N);
    S.pm = malloc(N * sizeof(*S.pm));
    int rc = SEL_OK;
    if (posterior) {
        fwd = malloc(N * sizeof(*fwd));
        bwd = malloc(N * sizeof(*bwd));
    }
    if (!vit || !back || !S.pm || (posterior && (!fwd || !bwd))) {
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
        goto done;
    }
    double inv_t = 1.0 / md->temperature;
    forward_sweep(&S, vit, back, fwd, inv_t);
    rc = trace_path(out, ctx, b, vit, back);
    if (rc != SEL_OK || !posterior)
        goto done;
    backward_sweep(&S, bwd, inv_t);
    rc = path_posteriors(out, ctx, &S, back, fwd, bwd, inv_t);
done:
    free(bwd);
    free(fwd);
    free(S.pm);
    free(back);
    free(vit);
    if (rc != SEL_OK)
        sel_align_path_finish(out);
    return rc;
}

void sel_align_path_finish(struct align_path *p)
{
    free(p->i);
    free(p->j);
    free(p->posterior);
    *p = (struct align_path){ 0 };
}
