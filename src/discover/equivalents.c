// SPDX-License-Identifier: MIT
// English equivalents by phrase extraction (Och and Ney 2004): each occurrence of a kept
// candidate in a bead takes the English words its words are linked to (grow-diag-final links of
// the trained word aligner), when no word in that span belongs to a word outside the candidate
// (see extract()); stray words, function words, adverbs, determiners and a possessive are trimmed
// off its edges, and a span that takes words of a termbase term's confirmed
// translation (an anchor) is refused unless the candidate holds that term. Each equivalent is
// counted, and its Dice coefficient computed against how many beads' English side holds it.
#include "src/discover/discover_internal.h"

#include <stdlib.h>
#include <string.h>

// An English phrase proposed for some candidate, with the beads whose English side holds it.
struct phrase {
    uint64_t hash;
    uint32_t ids[MAX_EQUIV_WORDS];
    uint8_t n;
    uint32_t beads, last_bead;
};

struct phrase_table {
    struct phrase *slots;
    size_t cap, used;
};

static struct phrase *phrase_find(const struct phrase_table *t, const uint32_t *ids, size_t n, uint64_t hash)
{
    if (!t->cap)
        return NULL;
    for (size_t i = hash & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        struct phrase *p = &t->slots[i];
        if (!p->hash)
            return NULL;
        if (p->hash == hash && p->n == n && memcmp(p->ids, ids, n * sizeof(*ids)) == 0)
            return p;
    }
}

static bool phrase_slot_hash(const void *slot, uint64_t *hash)
{
    *hash = ((const struct phrase *)slot)->hash;
    return *hash != 0;
}

static int phrase_add(struct phrase_table *t, const uint32_t *ids, size_t n, uint64_t hash)
{
    if (phrase_find(t, ids, n, hash))
        return SEL_OK;
    if ((t->used + 1) * 10 > t->cap * 7) {
        void *slots = t->slots;
        int rc = table_grow(&slots, &t->cap, sizeof(*t->slots), phrase_slot_hash);
        t->slots = slots;
        if (rc != SEL_OK)
            return rc;
    }
    size_t i = hash & (t->cap - 1);
    while (t->slots[i].hash)
        i = (i + 1) & (t->cap - 1);
    t->slots[i] = (struct phrase){ .hash = hash, .n = (uint8_t)n, .last_bead = UINT32_MAX };
    memcpy(t->slots[i].ids, ids, n * sizeof(*ids));
    t->used++;
    return SEL_OK;
}

// The (candidate, English phrase) pairs seen, by a hash of both.
struct pair_table {
    struct equiv *slots;
    size_t cap, used;
};

static uint64_t pair_hash(uint32_t cand, uint64_t tgt_hash)
{
    uint64_t h = (tgt_hash ^ ((uint64_t)cand * 0x9E3779B97F4A7C15ull)) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
    return h;
}

// A pair's slot: used once counted.
static bool pair_slot_hash(const void *slot, uint64_t *hash)
{
    const struct equiv *e = slot;
    *hash = pair_hash(e->cand, e->tgt_hash);
    return e->count != 0;
}

static struct equiv *pair_get(struct pair_table *t, uint32_t cand, uint64_t tgt_hash, bool *fresh)
{
    if ((t->used + 1) * 10 > t->cap * 7) {
        void *slots = t->slots;
        int rc = table_grow(&slots, &t->cap, sizeof(*t->slots), pair_slot_hash);
        t->slots = slots;
        if (rc != SEL_OK)
            return NULL;
    }
    size_t i = pair_hash(cand, tgt_hash) & (t->cap - 1);
    for (; t->slots[i].count; i = (i + 1) & (t->cap - 1))
        if (t->slots[i].cand == cand && t->slots[i].tgt_hash == tgt_hash) {
            *fresh = false;
            return &t->slots[i];
        }
    *fresh = true;
    t->used++;
    return &t->slots[i];
}

// An edge word whose association with the candidate word it is linked to is below this share of
// that word's strongest link is no part of the equivalent.
static const double WEAK_LINK = 0.1;

struct extractor {
    const struct corpus *c;
    const struct cand_table *t;
    struct pair_table pairs;
    struct phrase_table phrases;
    sel_strmap *form_map;
    struct form_count *forms;
    struct sel_word_link links[2 * SEL_WORD_ALIGN_MAX_LEN];
    // per English word of the bead, for the occurrence being extracted: the strongest association
    // (t(e|i) t(i|e)) of its links to the candidate's words, and of its links to other words
    double in_assoc[SEL_WORD_ALIGN_MAX_LEN], out_assoc[SEL_WORD_ALIGN_MAX_LEN];
    bool principal[SEL_WORD_ALIGN_MAX_LEN]; // its link to some candidate word is not weak beside that word's best
    double assoc[2 * SEL_WORD_ALIGN_MAX_LEN]; // per link of the bead
    uint32_t ids_s[SEL_WORD_ALIGN_MAX_LEN], ids_t[SEL_WORD_ALIGN_MAX_LEN];
    char *key;
    size_t key_cap;
};

// The form of candidate @p k at tokens [i, i + n) of bead @p b, counted.
static int count_form(struct extractor *x, uint32_t b, const struct cand *k, size_t i, size_t n)
{
    const struct bead *bd = &x->c->beads[b];
    const struct token *toks = x->c->src + bd->src;
    uint32_t start = toks[i].start, end = toks[i + n - 1].end;
    size_t len = 4 + (end - start);
    if (SEL_ARRAY_RESERVE(x->key, x->key_cap, len) != SEL_OK)
        return SEL_ENOMEM;
    memcpy(x->key, &k->index, 4);
    memcpy(x->key + 4, x->c->text + bd->src_text + start, end - start);
    uintptr_t count = (uintptr_t)sel_strmap_get(x->form_map, x->key, len) + 1;
    if (sel_strmap_put(x->form_map, x->key, len, (void *)count) != SEL_OK)
        return SEL_ENOMEM;
    struct form_count *f = &x->forms[k->index];
    if (count > f->count)
        *f = (struct form_count){ .bead = b, .start = start, .end = end, .count = (uint32_t)count,
                                  .proper = (toks[i].flags & TOK_PROPER) != 0 };
    return SEL_OK;
}

// Whether the English word at byte @p at stands inside a sentence (a capital there is a name's).
static bool inside_sentence(const char *text, uint32_t at)
{
    while (at > 0 && text[at - 1] == ' ')
        at--;
    return at > 0 && !strchr(".!?\"'", text[at - 1]);
}

// Whether English token @p j is a `The` that belongs to the name it opens (`The Times`, `The
// Hague`): capitalised inside a sentence, before a capitalised word of the phrase.
static bool names_the(const char *text, const struct token *tgt, long j, long hi)
{
    uint32_t at = tgt[j].start;
    if (j >= hi || tgt[j].end - at != 3 || strncmp(text + at, "The", 3) != 0 || !(text[tgt[j + 1].start] >= 'A' &&
                                                                                 text[tgt[j + 1].start] <= 'Z'))
        return false;
    return inside_sentence(text, at);
}

// The end of an English phrase [start, end) without the possessive its last word may carry:
// the analyser splits `Olmert's` into `Olmert` and a clitic, but the token's bytes hold both, and
// the equivalent is `Ehud Olmert`, not `Ehud Olmert's`.
static uint32_t possessive_off(const char *text, uint32_t start, uint32_t end)
{
    static const char *const marks[] = { "'s", "\xE2\x80\x99s", "s'", "s\xE2\x80\x99" }; // 's, ’s; plural s', s’
    for (size_t m = 0; m < sizeof(marks) / sizeof(*marks); m++) {
        size_t len = strlen(marks[m]), keep = marks[m][0] == 's' ? 1 : 0; // a plural keeps its s
        if (end - start > len + 1 && memcmp(text + end - len, marks[m], len) == 0)
            return (uint32_t)(end - len + keep);
    }
    return end;
}

// The English phrase aligned with tokens [i, i + n) of bead @p b, counted for candidate @p k.
static int extract(struct extractor *x, uint32_t b, const struct cand *k, size_t i, size_t n, size_t n_links)
{
    const struct bead *bd = &x->c->beads[b];
    const struct token *src = x->c->src + bd->src, *tgt = x->c->tgt + bd->tgt;
    long lo = -1, hi = -1;
    bool holds_term = false;
    for (size_t s = i; s < i + n; s++)
        holds_term = holds_term || src[s].match;
    for (size_t j = 0; j < bd->n_tgt && n_links; j++) {
        x->in_assoc[j] = x->out_assoc[j] = 0;
        x->principal[j] = false;
    }
    double best[MAX_TERM_WORDS] = { 0 }; // per candidate word: its strongest link's association
    for (size_t l = 0; l < n_links; l++) {
        size_t s = x->links[l].src, j = x->links[l].tgt;
        double a = x->assoc[l] = sel_word_aligner_prob(x->c->aligner, src[s].id, tgt[j].id, true) *
                                 sel_word_aligner_prob(x->c->aligner, src[s].id, tgt[j].id, false);
        bool in = s >= i && s < i + n;
        double *slot = in ? &x->in_assoc[j] : &x->out_assoc[j];
        if (a > *slot)
            *slot = a;
        if (in) {
            if (a > best[s - i])
                best[s - i] = a;
            if (lo < 0 || (long)j < lo)
                lo = (long)j;
            if ((long)j > hi)
                hi = (long)j;
        }
    }
    if (lo < 0)
        return SEL_OK; // aligned with nothing
    for (size_t l = 0; l < n_links; l++) {
        size_t s = x->links[l].src, j = x->links[l].tgt;
        if (s >= i && s < i + n && x->assoc[l] >= WEAK_LINK * best[s - i])
            x->principal[j] = true;
    }
    // The symmetrised links are many to many: a word may be linked to the candidate and to a word
    // beside it (grow-diag-final links a still unaligned word to a neighbour's partner). Such a
    // word belongs where its association is strongest. At the edges the words that belong
    // elsewhere are left out, and so are those whose association with the candidate word they
    // are linked to is weak beside that word's strongest link (`belonging` of `patrol
    // belonging`, `work` of `uranium enrichment work`: taken on by growth, not by the lexical
    // model); inside, a word that belongs elsewhere refuses the occurrence.
    while (lo <= hi && (x->in_assoc[lo] <= x->out_assoc[lo] || !x->principal[lo]))
        lo++;
    while (hi >= lo && (x->in_assoc[hi] <= x->out_assoc[hi] || !x->principal[hi]))
        hi--;
    for (long j = lo; j <= hi; j++)
        if (x->out_assoc[j] > 0 && x->out_assoc[j] >= x->in_assoc[j])
            return SEL_OK; // a word inside the span belongs to something else
    // function words, adverbs and determiners off the edges (lang/en/function-words.txt)
    while (lo <= hi && (tgt[lo].flags & (TOK_FUNCTION | TOK_EDGE)) && !names_the(x->c->text + bd->tgt_text, tgt, lo, hi))
        lo++;
    while (hi >= lo && (tgt[hi].flags & (TOK_FUNCTION | TOK_EDGE)))
        hi--;
    if (lo > hi || hi - lo + 1 > MAX_EQUIV_WORDS)
        return SEL_OK;
    uint32_t ids[MAX_EQUIV_WORDS];
    for (long j = lo; j <= hi; j++) {
        if (j > lo && (tgt[j].flags & TOK_BREAK))
            return SEL_OK;
        if ((tgt[j].flags & TOK_ANCHOR) && !holds_term)
            return SEL_OK; // another term's confirmed translation
        ids[j - lo] = tgt[j].id;
    }
    size_t len = (size_t)(hi - lo + 1);
    const char *text = x->c->text + bd->tgt_text;
    uint64_t h = ids_hash(ids, len);
    bool fresh;
    struct equiv *e = pair_get(&x->pairs, k->index, h, &fresh);
    if (!e || phrase_add(&x->phrases, ids, len, h) != SEL_OK)
        return SEL_ENOMEM;
    if (fresh)
        *e = (struct equiv){ .cand = k->index, .tgt_hash = h, .bead = b, .start = tgt[lo].start,
                             .end = possessive_off(text, tgt[lo].start, tgt[hi].end),
                             // a capital inside a sentence is kept (`United Nations`), at its start not
                             .proper = (tgt[lo].flags & TOK_PROPER) ||
                                       (text[tgt[lo].start] >= 'A' && text[tgt[lo].start] <= 'Z' &&
                                        inside_sentence(text, tgt[lo].start)) };
    e->count++;
    return SEL_OK;
}

static int do_bead(struct extractor *x, uint32_t b)
{
    const struct corpus *c = x->c;
    const struct bead *bd = &c->beads[b];
    const struct token *src = c->src + bd->src, *tgt = c->tgt + bd->tgt;
    bool aligned = false;
    size_t n_links = 0;
    int rc = SEL_OK;
    for (size_t i = 0; i < bd->n_src && rc == SEL_OK; i++)
        for (size_t n = 1; n <= MAX_TERM_WORDS && i + n <= bd->n_src && rc == SEL_OK; n++) {
            if (!span_ok(src, bd->n_src, i, n))
                continue;
            uint32_t ids[MAX_TERM_WORDS];
            for (size_t k = 0; k < n; k++)
                ids[k] = src[i + k].id;
            const struct cand *k = cand_find(x->t, ids, n, ids_hash(ids, n));
            if (!k || !k->keep)
                continue;
            if ((rc = count_form(x, b, k, i, n)) != SEL_OK)
                break;
            if (!aligned) {
                aligned = true;
                if (bd->n_src > SEL_WORD_ALIGN_MAX_LEN || bd->n_tgt > SEL_WORD_ALIGN_MAX_LEN)
                    continue; // too long to align: n_links stays 0
                for (size_t s = 0; s < bd->n_src; s++)
                    x->ids_s[s] = src[s].id;
                for (size_t t = 0; t < bd->n_tgt; t++)
                    x->ids_t[t] = tgt[t].id;
                if ((rc = sel_word_align(c->aligner, x->ids_s, bd->n_src, x->ids_t, bd->n_tgt, x->links, &n_links)) !=
                    SEL_OK)
                    break;
            }
            rc = extract(x, b, k, i, n, n_links);
        }
    return rc;
}

static double rank_of(const struct equiv *e)
{
    return e->count * (2.0 * e->count / (e->tgt_beads + 1.0));
}

static int compare_equiv(const void *a, const void *b)
{
    const struct equiv *x = a, *y = b;
    if (x->cand != y->cand)
        return x->cand < y->cand ? -1 : 1;
    double rx = rank_of(x), ry = rank_of(y);
    if (rx != ry)
        return rx > ry ? -1 : 1;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->tgt_hash < y->tgt_hash ? -1 : x->tgt_hash > y->tgt_hash;
}

int equivalents_find(sel_ctx *ctx, const struct corpus *c, const struct cand_table *t, struct cand **kept,
                     size_t n_kept, const struct sel_discover_options *opts, struct equiv **equivs, size_t *n_equivs,
                     struct form_count *forms)
{
    (void)kept;
    *equivs = NULL;
    *n_equivs = 0;
    struct extractor *x = calloc(1, sizeof(*x));
    if (!x || sel_strmap_new(&x->form_map) != SEL_OK) {
        free(x);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    x->c = c;
    x->t = t;
    x->forms = forms;
    if (n_kept) // nothing kept: forms may be NULL, which memset must not be given
        memset(forms, 0, n_kept * sizeof(*forms));
    int rc = SEL_OK;
    for (uint32_t b = 0; b < c->n_beads && rc == SEL_OK; b++) {
        rc = do_bead(x, b);
        if (opts->progress && (b + 1) % 10000 == 0)
            opts->progress(opts->progress_user, "extracting equivalents", b + 1, c->n_beads);
    }
    // how many beads' English side holds each phrase proposed
    for (uint32_t b = 0; b < c->n_beads && rc == SEL_OK; b++) {
        const struct bead *bd = &c->beads[b];
        const struct token *tgt = c->tgt + bd->tgt;
        for (size_t j = 0; j < bd->n_tgt; j++) {
            uint32_t ids[MAX_EQUIV_WORDS];
            for (size_t n = 1; n <= MAX_EQUIV_WORDS && j + n <= bd->n_tgt; n++) {
                ids[n - 1] = tgt[j + n - 1].id;
                struct phrase *p = phrase_find(&x->phrases, ids, n, ids_hash(ids, n));
                if (p && p->last_bead != b) {
                    p->beads++;
                    p->last_bead = b;
                }
            }
        }
    }
    struct equiv *list = NULL;
    size_t n = 0;
    if (rc == SEL_OK && x->pairs.used && !(list = malloc(x->pairs.used * sizeof(*list))))
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    for (size_t i = 0; rc == SEL_OK && i < x->pairs.cap; i++) {
        struct equiv *e = &x->pairs.slots[i];
        if (!e->count)
            continue;
        // the phrase's ids are not kept with the pair: find it by hash among the phrases
        for (size_t s = e->tgt_hash & (x->phrases.cap - 1);; s = (s + 1) & (x->phrases.cap - 1))
            if (x->phrases.slots[s].hash == e->tgt_hash) {
                e->tgt_beads = x->phrases.slots[s].beads;
                break;
            }
        list[n++] = *e;
    }
    if (rc == SEL_OK && n) {
        qsort(list, n, sizeof(*list), compare_equiv);
    }
    if (rc == SEL_OK) {
        *equivs = list;
        *n_equivs = n;
    } else {
        free(list);
    }
    if (rc == SEL_ENOMEM && !*sel_ctx_errmsg(ctx))
        sel_error(ctx, rc, "out of memory while extracting equivalents");
    free(x->pairs.slots);
    free(x->phrases.slots);
    free(x->key);
    sel_strmap_free(x->form_map);
    free(x);
    return rc;
}
