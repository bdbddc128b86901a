// SPDX-License-Identifier: MIT
// Word alignment of sentence pairs given as word ids: the lexical model of fast_align (Dyer et
// al. 2013, IBM Model 2 reparametrised with a diagonal prior of fixed tension) trained by EM in
// both directions at once, and Viterbi links symmetrised by grow-diag-final (Koehn et al. 2003).
//
// Both directions share one table entry per co-occurring (source, target) word pair, holding
// t(target | source) and t(source | target) with their expected counts: one hash probe per cell
// serves both directions, which halves the cost of an EM pass. Word id 0 is the empty word
// (NULL); callers' ids are shifted by one.
#include "align/align.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    MAX_LEN = SEL_WORD_ALIGN_MAX_LEN, // longer pairs are not trained on (they would cost n*m cells)
};
// The diagonal prior's tension and the empty word's share, fast_align's defaults.
static const double TENSION = 4.0;
static const double P_NULL = 0.08;
// What a pair never seen together is worth: far below any trained probability.
static const float FLOOR = 1e-7f;

struct entry {
    uint64_t key;     // (source + 1) << 32 | (target + 1); 0: empty slot
    float p_st, p_ts; // t(target | source), t(source | target)
    float c_st, c_ts; // expected counts of the current EM pass
};

struct sel_word_aligner {
    struct entry *table;
    size_t cap, used;     // cap is a power of two
    uint32_t *words;      // every pair's source then target ids (shifted), pair after pair
    size_t n_words, words_cap;
    size_t *pairs;        // offset of pair k in words: source at pairs[2k], target at pairs[2k+1]
    size_t n_pairs, pairs_cap;
    uint32_t *lens;       // per pair: source length, target length
    size_t lens_cap;
    uint32_t max_src, max_tgt; // largest shifted ids seen
};

static inline uint64_t pair_key(uint32_t s, uint32_t t)
{
    return (uint64_t)s << 32 | t;
}

static inline size_t slot_of(uint64_t key, size_t cap)
{
    uint64_t h = key * 0x9E3779B97F4A7C15ull;
    return (size_t)(h ^ (h >> 29)) & (cap - 1);
}

static struct entry *find(const sel_word_aligner *wa, uint64_t key)
{
    if (!wa->cap)
        return NULL;
    for (size_t i = slot_of(key, wa->cap);; i = (i + 1) & (wa->cap - 1)) {
        if (wa->table[i].key == key)
            return &wa->table[i];
        if (!wa->table[i].key)
            return NULL;
    }
}

static int grow(sel_word_aligner *wa)
{
    size_t cap = wa->cap ? wa->cap * 2 : 1024;
    struct entry *t = calloc(cap, sizeof(*t));
    if (!t)
        return SEL_ENOMEM;
    for (size_t i = 0; i < wa->cap; i++) {
        if (!wa->table[i].key)
            continue;
        size_t j = slot_of(wa->table[i].key, cap);
        while (t[j].key)
            j = (j + 1) & (cap - 1);
        t[j] = wa->table[i];
    }
    free(wa->table);
    wa->table = t;
    wa->cap = cap;
    return SEL_OK;
}

static struct entry *insert(sel_word_aligner *wa, uint64_t key)
{
    if ((wa->used + 1) * 5 > wa->cap * 4 && grow(wa) != SEL_OK) // load 0.8: the table is most of the memory
        return NULL;
    size_t i = slot_of(key, wa->cap);
    while (wa->table[i].key && wa->table[i].key != key)
        i = (i + 1) & (wa->cap - 1);
    if (!wa->table[i].key) {
        wa->table[i] = (struct entry){ .key = key, .p_st = 1, .p_ts = 1 };
        wa->used++;
    }
    return &wa->table[i];
}

int sel_word_aligner_new(sel_word_aligner **out)
{
    SEL_CHECK_ARG(out, SEL_EINVAL);
    *out = calloc(1, sizeof(**out));
    return *out ? SEL_OK : SEL_ENOMEM;
}

void sel_word_aligner_free(sel_word_aligner *wa)
{
    if (!wa)
        return;
    free(wa->table);
    free(wa->words);
    free(wa->pairs);
    free(wa->lens);
    free(wa);
}

size_t sel_word_aligner_pairs(const sel_word_aligner *wa)
{
    return wa->n_pairs;
}

size_t sel_word_aligner_table_size(const sel_word_aligner *wa)
{
    return wa->used;
}

int sel_word_aligner_add(sel_word_aligner *wa, const uint32_t *src, size_t n_src, const uint32_t *tgt, size_t n_tgt)
{
    SEL_CHECK_ARG(wa && (src || !n_src) && (tgt || !n_tgt), SEL_EINVAL);
    if (!n_src || !n_tgt || n_src > MAX_LEN || n_tgt > MAX_LEN)
        return SEL_OK; // nothing to learn, or too costly to learn from
    if (SEL_ARRAY_RESERVE(wa->words, wa->words_cap, wa->n_words + n_src + n_tgt) != SEL_OK ||
        SEL_ARRAY_RESERVE(wa->pairs, wa->pairs_cap, 2 * wa->n_pairs + 2) != SEL_OK ||
        SEL_ARRAY_RESERVE(wa->lens, wa->lens_cap, 2 * wa->n_pairs + 2) != SEL_OK)
        return SEL_ENOMEM;
    uint32_t *s = wa->words + wa->n_words, *t = s + n_src;
    for (size_t i = 0; i < n_src; i++) {
        s[i] = src[i] + 1;
        if (s[i] > wa->max_src)
            wa->max_src = s[i];
    }
    for (size_t j = 0; j < n_tgt; j++) {
        t[j] = tgt[j] + 1;
        if (t[j] > wa->max_tgt)
            wa->max_tgt = t[j];
    }
    // every co-occurring pair, and each word with the empty word of the other side
    for (size_t i = 0; i < n_src; i++) {
        if (!insert(wa, pair_key(s[i], 0)))
            return SEL_ENOMEM;
        for (size_t j = 0; j < n_tgt; j++)
            if (!insert(wa, pair_key(s[i], t[j])))
                return SEL_ENOMEM;
    }
    for (size_t j = 0; j < n_tgt; j++)
        if (!insert(wa, pair_key(0, t[j])))
            return SEL_ENOMEM;
    wa->pairs[2 * wa->n_pairs] = wa->n_words;
    wa->pairs[2 * wa->n_pairs + 1] = wa->n_words + n_src;
    wa->lens[2 * wa->n_pairs] = (uint32_t)n_src;
    wa->lens[2 * wa->n_pairs + 1] = (uint32_t)n_tgt;
    wa->n_words += n_src + n_tgt;
    wa->n_pairs++;
    return SEL_OK;
}

// fast_align's diagonal prior exp(-T |(i+1)/m - (j+1)/n|) of every cell of an m x n pair,
// normalised per target position (rows: j) into pj[j*m + i] and per source position into
// pi[i*n + j]. exp(-T |a - b|) is exp(-T b) exp(T a) or exp(T b) exp(-T a), so 2 (m + n) calls of
// exp serve the m n cells (exp was a tenth of discovery's time).
static void priors(size_t m, size_t n, double *pj, double *pi)
{
    double up_i[MAX_LEN], down_i[MAX_LEN], up_j[MAX_LEN], down_j[MAX_LEN];
    for (size_t i = 0; i < m; i++) {
        up_i[i] = exp(TENSION * (double)(i + 1) / (double)m);
        down_i[i] = 1 / up_i[i];
    }
    for (size_t j = 0; j < n; j++) {
        up_j[j] = exp(TENSION * (double)(j + 1) / (double)n);
        down_j[j] = 1 / up_j[j];
    }
    for (size_t j = 0; j < n; j++)
        for (size_t i = 0; i < m; i++) {
            bool before = (double)(i + 1) / (double)m < (double)(j + 1) / (double)n;
            pj[j * m + i] = pi[i * n + j] = before ? down_j[j] * up_i[i] : up_j[j] * down_i[i];
        }
    for (size_t j = 0; j < n; j++) {
        double z = 0;
        for (size_t i = 0; i < m; i++)
            z += pj[j * m + i];
        for (size_t i = 0; i < m; i++)
            pj[j * m + i] *= (1 - P_NULL) / z;
    }
    for (size_t i = 0; i < m; i++) {
        double z = 0;
        for (size_t j = 0; j < n; j++)
            z += pi[i * n + j];
        for (size_t j = 0; j < n; j++)
            pi[i * n + j] *= (1 - P_NULL) / z;
    }
}

struct scratch {
    struct entry **cell;    // m x n, row-major by source position
    struct entry **null_s;  // (NULL, t_j): t(t_j | NULL) for the source-to-target direction
    struct entry **null_t;  // (s_i, NULL): t(s_i | NULL) for the target-to-source direction
    double *pj, *pi;
    double *post;
};

static int scratch_init(struct scratch *w)
{
    w->cell = malloc((size_t)MAX_LEN * MAX_LEN * sizeof(*w->cell));
    w->null_s = malloc(MAX_LEN * sizeof(*w->null_s));
    w->null_t = malloc(MAX_LEN * sizeof(*w->null_t));
    w->pj = malloc((size_t)MAX_LEN * MAX_LEN * sizeof(double));
    w->pi = malloc((size_t)MAX_LEN * MAX_LEN * sizeof(double));
    w->post = malloc((MAX_LEN + 1) * sizeof(double));
    return w->cell && w->null_s && w->null_t && w->pj && w->pi && w->post ? SEL_OK : SEL_ENOMEM;
}

static void scratch_finish(struct scratch *w)
{
    free(w->cell);
    free(w->null_s);
    free(w->null_t);
    free(w->pj);
    free(w->pi);
    free(w->post);
}

// One E-step over pair k in both directions, adding expected counts.
static void expect(sel_word_aligner *wa, struct scratch *w, size_t k)
{
    const uint32_t *s = wa->words + wa->pairs[2 * k], *t = wa->words + wa->pairs[2 * k + 1];
    size_t m = wa->lens[2 * k], n = wa->lens[2 * k + 1];
    for (size_t i = 0; i < m; i++) {
        w->null_t[i] = find(wa, pair_key(s[i], 0));
        for (size_t j = 0; j < n; j++)
            w->cell[i * n + j] = find(wa, pair_key(s[i], t[j]));
    }
    for (size_t j = 0; j < n; j++)
        w->null_s[j] = find(wa, pair_key(0, t[j]));
    priors(m, n, w->pj, w->pi);
    // source -> target: each target word from a source word or the empty word
    for (size_t j = 0; j < n; j++) {
        double z = P_NULL * w->null_s[j]->p_st;
        for (size_t i = 0; i < m; i++)
            z += (w->post[i] = w->pj[j * m + i] * w->cell[i * n + j]->p_st);
        if (z <= 0)
            continue;
        w->null_s[j]->c_st += (float)(P_NULL * w->null_s[j]->p_st / z);
        for (size_t i = 0; i < m; i++)
            w->cell[i * n + j]->c_st += (float)(w->post[i] / z);
    }
    // target -> source
    for (size_t i = 0; i < m; i++) {
        double z = P_NULL * w->null_t[i]->p_ts;
        for (size_t j = 0; j < n; j++)
            z += (w->post[j] = w->pi[i * n + j] * w->cell[i * n + j]->p_ts);
        if (z <= 0)
            continue;
        w->null_t[i]->c_ts += (float)(P_NULL * w->null_t[i]->p_ts / z);
        for (size_t j = 0; j < n; j++)
            w->cell[i * n + j]->c_ts += (float)(w->post[j] / z);
    }
}

// The M-step: t(t | s) = c(s, t) / sum_t c(s, t), and the same the other way; counts reset.
static int maximise(sel_word_aligner *wa)
{
    double *tot_s = calloc((size_t)wa->max_src + 1, sizeof(double));
    double *tot_t = calloc((size_t)wa->max_tgt + 1, sizeof(double));
    if (!tot_s || !tot_t) {
        free(tot_s);
        free(tot_t);
        return SEL_ENOMEM;
    }
    for (size_t k = 0; k < wa->cap; k++) {
        const struct entry *e = &wa->table[k];
        if (!e->key)
            continue;
        tot_s[e->key >> 32] += e->c_st;
        tot_t[e->key & 0xffffffffu] += e->c_ts;
    }
    for (size_t k = 0; k < wa->cap; k++) {
        struct entry *e = &wa->table[k];
        if (!e->key)
            continue;
        double zs = tot_s[e->key >> 32], zt = tot_t[e->key & 0xffffffffu];
        e->p_st = zs > 0 ? (float)(e->c_st / zs) : FLOOR;
        e->p_ts = zt > 0 ? (float)(e->c_ts / zt) : FLOOR;
        if (e->p_st < FLOOR)
            e->p_st = FLOOR;
        if (e->p_ts < FLOOR)
            e->p_ts = FLOOR;
        e->c_st = e->c_ts = 0;
    }
    free(tot_s);
    free(tot_t);
    return SEL_OK;
}

int sel_word_aligner_train(sel_word_aligner *wa, sel_ctx *ctx, int iterations)
{
    SEL_CHECK_ARG(wa && iterations >= 0, SEL_EINVAL);
    struct scratch w = { 0 };
    int rc = scratch_init(&w);
    for (int it = 0; rc == SEL_OK && it < iterations; it++) {
        for (size_t k = 0; k < wa->n_pairs; k++)
            expect(wa, &w, k);
        rc = maximise(wa);
    }
    scratch_finish(&w);
    return rc == SEL_OK ? SEL_OK : sel_error(ctx, rc, "out of memory while training the word alignment");
}

double sel_word_aligner_prob(const sel_word_aligner *wa, uint32_t src, uint32_t tgt, bool src_to_tgt)
{
    const struct entry *e = find(wa, pair_key(src + 1, tgt + 1));
    return e ? (src_to_tgt ? e->p_st : e->p_ts) : FLOOR;
}

static inline float p_st(const sel_word_aligner *wa, uint32_t s, uint32_t t)
{
    const struct entry *e = find(wa, pair_key(s, t));
    return e ? e->p_st : FLOOR;
}

static inline float p_ts(const sel_word_aligner *wa, uint32_t s, uint32_t t)
{
    const struct entry *e = find(wa, pair_key(s, t));
    return e ? e->p_ts : FLOOR;
}

int sel_word_align(const sel_word_aligner *wa, const uint32_t *src, size_t m, const uint32_t *tgt, size_t n,
                   struct sel_word_link *links, size_t *n_links)
{
    SEL_CHECK_ARG(wa && links && n_links && (src || !m) && (tgt || !n), SEL_EINVAL);
    *n_links = 0;
    if (!m || !n)
        return SEL_OK;
    if (m > MAX_LEN || n > MAX_LEN)
        return SEL_EINVAL;
    // the Viterbi link of each word in each direction (-1: the empty word)
    int st[MAX_LEN], ts[MAX_LEN];
    unsigned char *a = calloc(m * n, 1); // 1: in the union, 2: chosen
    double *pj = malloc(2 * m * n * sizeof(*pj)), *pi = pj + m * n;
    if (!a || !pj) {
        free(a);
        free(pj);
        return SEL_ENOMEM;
    }
    priors(m, n, pj, pi);
    for (size_t j = 0; j < n; j++) {
        double best = P_NULL * p_st(wa, 0, tgt[j] + 1);
        st[j] = -1;
        for (size_t i = 0; i < m; i++) {
            double v = pj[j * m + i] * p_st(wa, src[i] + 1, tgt[j] + 1);
            if (v > best) {
                best = v;
                st[j] = (int)i;
            }
        }
    }
    for (size_t i = 0; i < m; i++) {
        double best = P_NULL * p_ts(wa, src[i] + 1, 0);
        ts[i] = -1;
        for (size_t j = 0; j < n; j++) {
            double v = pi[i * n + j] * p_ts(wa, src[i] + 1, tgt[j] + 1);
            if (v > best) {
                best = v;
                ts[i] = (int)j;
            }
        }
    }
    // grow-diag-final: start from the intersection, grow into neighbouring union links that
    // align a word not yet aligned, then add union links of words still unaligned
    static const int dirs[8][2] = { { -1, 0 }, { 0, -1 }, { 1, 0 }, { 0, 1 },
                                    { -1, -1 }, { -1, 1 }, { 1, -1 }, { 1, 1 } };
    free(pj);
    bool src_done[MAX_LEN] = { false }, tgt_done[MAX_LEN] = { false };
    for (size_t j = 0; j < n; j++)
        if (st[j] >= 0)
            a[(size_t)st[j] * n + j] = 1;
    for (size_t i = 0; i < m; i++)
        if (ts[i] >= 0) {
            size_t c = i * n + (size_t)ts[i];
            if (a[c] == 1 && st[ts[i]] == (int)i) {
                a[c] = 2;
                src_done[i] = tgt_done[ts[i]] = true;
            } else {
                a[c] = 1;
            }
        }
    for (bool added = true; added;) {
        added = false;
        for (size_t i = 0; i < m; i++)
            for (size_t j = 0; j < n; j++) {
                if (a[i * n + j] != 2)
                    continue;
                for (int d = 0; d < 8; d++) {
                    long ni = (long)i + dirs[d][0], nj = (long)j + dirs[d][1];
                    if (ni < 0 || nj < 0 || ni >= (long)m || nj >= (long)n)
                        continue;
                    size_t c = (size_t)ni * n + (size_t)nj;
                    if (a[c] == 1 && (!src_done[ni] || !tgt_done[nj])) {
                        a[c] = 2;
                        src_done[ni] = tgt_done[nj] = true;
                        added = true;
                    }
                }
            }
    }
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++)
            if (a[i * n + j] == 1 && (!src_done[i] || !tgt_done[j])) {
                a[i * n + j] = 2;
                src_done[i] = tgt_done[j] = true;
            }
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++)
            if (a[i * n + j] == 2)
                links[(*n_links)++] = (struct sel_word_link){ (uint16_t)i, (uint16_t)j };
    free(a);
    return SEL_OK;
}
