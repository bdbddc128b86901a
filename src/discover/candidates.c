// SPDX-License-Identifier: MIT
// Term candidates and their termhood. Every run of 1 to 5 Indonesian words that crosses no
// punctuation and holds no function, number or date word is counted under its lemma sequence;
// runs inside a termbase term, or partly overlapping one, are not counted (a run may hold a
// whole term and more). A candidate seen at least min_count times is ranked by C-value (Frantzi,
// Ananiadou and Mima 2000: its frequency less the mean frequency of the longer candidates that
// hold it, times log2 of its length + 1, so that single words count), contrasted with the
// general-language reference: an everyday word alone is no candidate, and a run of nothing but
// everyday words (`tahun lalu`) keeps a third of its score. Directions and `orang` open or close
// no candidate unless capitalised (`Waziristan Utara`, not `Irak selatan`, `orang tewas`). What a
// terminologist drops is weighed down: parts of names, fragments of a longer run, runs of terms
// side by side, descriptions (a common noun before a name), lone derived verbs; and a word spread
// evenly over the corpus, as the language at large is, ranks below one that comes in bursts.
// discover.c then weighs in how consistently a candidate is translated and how much of the
// field's English vocabulary (the termbase's) its translation shares.
#include "src/discover/discover_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

// A run of nothing but everyday words keeps this share of its score.
static const double ALL_GENERAL = 0.3;
// A candidate mostly beside a capitalised word that is no term (a part of a longer name), and one
// mostly made of termbase terms side by side, keep this share.
static const double NAME_PART = 0.3;
static const double COMPOSED = 0.5;
// A single derived verb keeps this share: terms are mostly nominal, and of the verbs news uses
// few are terms (`menyerukan`, `ditahan`) beside many that are not (`ditutup`, `mengalami`): of
// the 90 judged by hand (tests/data/discover/judged.tsv) fewer than one in four was kept.
static const double VERBAL = 0.3;
// A candidate that mostly stands in one longer run is a fragment of it, and keeps this share.
static const double FRAGMENT_SHARE = 0.6;
static const double FRAGMENT = 0.1;
// A description (a common noun before a name, a title with a name) keeps this share.
static const double DESCRIBED = 0.3;
// A name found in one passage alone keeps this share.
static const double ONE_STORY = 0.5;
// A candidate found in as few passages as can be gains up to this share more.
static const double BURSTS = 0.5;

uint64_t ids_hash(const uint32_t *ids, size_t n)
{
    uint64_t h = 0x84222325cbf29ce4ull ^ n;
    for (size_t i = 0; i < n; i++) {
        h ^= ids[i];
        h *= 0x100000001b3ull;
        h ^= h >> 31;
    }
    return h ? h : 1; // 0 marks an empty slot
}

struct cand *cand_find(const struct cand_table *t, const uint32_t *ids, size_t n, uint64_t hash)
{
    if (!t->cap)
        return NULL;
    for (size_t i = hash & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        struct cand *c = &t->slots[i];
        if (!c->hash)
            return NULL;
        if (c->hash == hash && c->n == n && memcmp(c->ids, ids, n * sizeof(*ids)) == 0)
            return c;
    }
}

int table_grow(void **slots, size_t *cap, size_t slot_size, slot_hash_fn hash_of)
{
    size_t new_cap = *cap ? *cap * 2 : 4096;
    char *fresh = calloc(new_cap, slot_size), *old = *slots;
    if (!fresh)
        return SEL_ENOMEM;
    uint64_t hash;
    for (size_t i = 0; i < *cap; i++) {
        if (!hash_of(old + i * slot_size, &hash))
            continue;
        size_t j = hash & (new_cap - 1);
        while (hash_of(fresh + j * slot_size, &(uint64_t){ 0 }))
            j = (j + 1) & (new_cap - 1);
        memcpy(fresh + j * slot_size, old + i * slot_size, slot_size);
    }
    free(old);
    *slots = fresh;
    *cap = new_cap;
    return SEL_OK;
}

// A candidate's slot: its hash, 0 when empty (ids_hash() never gives 0).
static bool cand_slot_hash(const void *slot, uint64_t *hash)
{
    *hash = ((const struct cand *)slot)->hash;
    return *hash != 0;
}

static int grow(struct cand_table *t)
{
    void *slots = t->slots;
    int rc = table_grow(&slots, &t->cap, sizeof(*t->slots), cand_slot_hash);
    t->slots = slots;
    return rc;
}

static struct cand *cand_add(struct cand_table *t, const uint32_t *ids, size_t n)
{
    uint64_t hash = ids_hash(ids, n);
    struct cand *c = cand_find(t, ids, n, hash);
    if (c)
        return c;
    if ((t->used + 1) * 10 > t->cap * 7 && grow(t) != SEL_OK)
        return NULL;
    size_t i = hash & (t->cap - 1);
    while (t->slots[i].hash)
        i = (i + 1) & (t->cap - 1);
    c = &t->slots[i];
    c->hash = hash;
    c->n = (uint8_t)n;
    memcpy(c->ids, ids, n * sizeof(*ids));
    t->used++;
    return c;
}

void cand_table_finish(struct cand_table *t)
{
    free(t->slots);
    memset(t, 0, sizeof(*t));
}

bool span_ok(const struct token *toks, size_t n_toks, size_t i, size_t n)
{
    if (i + n > n_toks)
        return false;
    size_t last = i + n - 1;
    // a name written in capitals may hold a function word ("Kementerian Dalam Negeri")
    bool title = (toks[i].flags & TOK_TITLE) && (toks[last].flags & TOK_TITLE);
    for (size_t k = i; k < i + n; k++) {
        if ((toks[k].flags & TOK_FUNCTION) && !toks[k].match &&
            (k == i || k == last || !title || !(toks[k].flags & TOK_TITLE)))
            return false;
        if (k > i && (toks[k].flags & TOK_BREAK))
            return false;
    }
    if ((toks[i].flags & TOK_GLUED_LEFT) || (toks[last].flags & TOK_GLUED_RIGHT))
        return false; // part of a hyphenated word: `al` of `al-Sadr`, `anti` of `anti-Amerika`
    if (((toks[i].flags & TOK_EDGE) && !(toks[i].flags & TOK_TITLE) && !toks[i].match) ||
        ((toks[last].flags & TOK_EDGE) && !(toks[last].flags & TOK_TITLE) && !toks[last].match))
        return false;
    // one termbase term is nothing new; a candidate may hold whole terms (`Pemerintah Irak`,
    // `negara anggota`), never cut one at its edge
    if (toks[i].match && toks[i].match == toks[last].match)
        return false;
    if (toks[i].match && i > 0 && toks[i - 1].match == toks[i].match)
        return false;
    if (toks[last].match && last + 1 < n_toks && toks[last + 1].match == toks[last].match)
        return false;
    return true;
}

// Whether the run [i, i + n) of a bead is a description rather than a name or a term: a common
// noun written small before a capitalised word (`pejabat AS`, `ibukota Irak`, `warga Palestina`),
// or a run holding a termbase term that ends in a name the termbase does not have (`presiden Hu`,
// `Perdana Menteri Israel Ehud Olmert`: a title with a person's name).
static bool described(const struct corpus *c, const struct bead *bd, const struct token *toks, size_t i, size_t n)
{
    const struct token *last = &toks[i + n - 1];
    if (!(last->flags & TOK_TITLE))
        return false;
    unsigned char first = (unsigned char)c->text[bd->src_text + toks[i].start];
    if (first >= 'a' && first <= 'z')
        return true;
    if (last->match)
        return false;
    for (size_t q = i; q < i + n - 1; q++)
        if (toks[q].match)
            return true;
    return false;
}

// How evenly a candidate is spread over the passages of the corpus, 0 to 1: the passages it occurs
// in over those a word of its frequency would occur in if it fell at random.
static double dispersion(const struct cand *a, size_t n_beads)
{
    double passages = (double)((n_beads + PASSAGE_BEADS - 1) / PASSAGE_BEADS);
    if (passages < 2)
        return 1;
    double expected = passages * (1 - pow(1 - 1 / passages, a->freq));
    double d = expected > 0 ? a->passages / expected : 1;
    return d > 1 ? 1 : d;
}

static bool found(void *user, const struct sel_term_match *m)
{
    (void)m;
    *(bool *)user = true;
    return false;
}

// The candidate's key: lowercased lemmas joined by SEL_KEY_SEP.
static bool cand_key(const struct corpus *c, const struct cand *k, char *out, size_t size)
{
    size_t len = 0;
    for (size_t i = 0; i < k->n; i++) {
        const char *w = c->id_vocab.words[k->ids[i]];
        size_t wl = strlen(w);
        if (len + wl + 2 > size)
            return false;
        if (i)
            out[len++] = SEL_KEY_SEP[0];
        memcpy(out + len, w, wl);
        len += wl;
    }
    out[len] = '\0';
    return true;
}

static int compare_kept(const void *a, const void *b)
{
    const struct cand *x = *(const struct cand *const *)a, *y = *(const struct cand *const *)b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->freq != y->freq)
        return x->freq > y->freq ? -1 : 1;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    return memcmp(x->ids, y->ids, x->n * sizeof(*x->ids)) < 0 ? -1 : 1;
}

int candidates_find(struct cand_table *t, sel_ctx *ctx, const struct corpus *c, const sel_termbase *tb,
                    sel_analyzer *an, const struct sel_discover_options *opts, struct cand ***kept, size_t *n_kept)
{
    (void)tb;
    (void)an;
    *kept = NULL;
    *n_kept = 0;
    uint32_t min = opts->min_count > 0 ? (uint32_t)opts->min_count : 1;
    // count every run, but only of words seen often enough to make one
    for (size_t b = 0; b < c->n_beads; b++) {
        const struct bead *bd = &c->beads[b];
        const struct token *toks = c->src + bd->src;
        for (size_t i = 0; i < bd->n_src; i++) {
            for (size_t n = 1; n <= MAX_TERM_WORDS && i + n <= bd->n_src; n++) {
                if (c->id_freq[toks[i + n - 1].id] < min || !span_ok(toks, bd->n_src, i, n)) {
                    if ((toks[i + n - 1].flags & TOK_FUNCTION) || (n > 1 && (toks[i + n - 1].flags & TOK_BREAK)) ||
                        c->id_freq[toks[i + n - 1].id] < min)
                        break; // no longer run from i can pass either
                    continue;
                }
                uint32_t ids[MAX_TERM_WORDS];
                bool proper = true;
                for (size_t k = 0; k < n; k++) {
                    ids[k] = toks[i + k].id;
                    proper = proper && (toks[i + k].flags & TOK_PROPER);
                }
                struct cand *k = cand_add(t, ids, n);
                if (!k)
                    return sel_error(ctx, SEL_ENOMEM, "out of memory while counting candidates");
                k->freq++;
                k->freq_subject += bd->subject;
                k->all_proper += proper;
                size_t after = i + n;
                bool name_after = after < bd->n_src && !(toks[after].flags & TOK_BREAK) &&
                                  (toks[after].flags & TOK_TITLE) && !toks[after].match;
                bool name_before = i > 0 && !(toks[i].flags & TOK_BREAK) && (toks[i - 1].flags & TOK_TITLE) &&
                                   !toks[i - 1].match;
                k->name_next += name_after || name_before;
                bool composed = true;
                for (size_t q = i; q < i + n; q++)
                    composed = composed && toks[q].match;
                k->composed += composed;
                k->verbal += n == 1 && (toks[i].flags & TOK_VERBAL);
                k->described += n > 1 && described(c, bd, toks, i, n);
                uint32_t passage = (uint32_t)(b / PASSAGE_BEADS) + 1;
                if (k->last_passage != passage) {
                    k->last_passage = passage;
                    k->passages++;
                }
            }
        }
    }
    // C-value: what the longer candidates holding a candidate take from its frequency
    for (size_t s = 0; s < t->cap; s++) {
        const struct cand *b = &t->slots[s];
        if (!b->hash || b->n < 2)
            continue;
        // the run one word shorter at either end: how much of it this run is
        for (size_t i = 0; i < 2; i++) {
            struct cand *a = cand_find(t, b->ids + i, b->n - 1, ids_hash(b->ids + i, b->n - 1));
            if (a && b->freq > a->extended)
                a->extended = b->freq;
        }
        if (b->freq < min)
            continue;
        for (size_t len = 1; len < b->n; len++)
            for (size_t i = 0; i + len <= b->n; i++) {
                struct cand *a = cand_find(t, b->ids + i, len, ids_hash(b->ids + i, len));
                if (a && a->freq >= min) {
                    a->nested_sum += b->freq;
                    a->nested_n++;
                }
            }
    }
    sel_strmap *rejected = NULL;
    if (sel_strmap_new(&rejected) != SEL_OK)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    for (size_t i = 0; i < opts->n_rejected; i++)
        if (sel_strmap_put(rejected, opts->rejected[i], strlen(opts->rejected[i]), (void *)1) != SEL_OK) {
            sel_strmap_free(rejected);
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        }
    const sel_term_index *ix = sel_tagger_index(c->tagger);
    struct cand **list = NULL;
    size_t n = 0, cap = 0;
    int rc = SEL_OK;
    for (size_t s = 0; s < t->cap && rc == SEL_OK; s++) {
        struct cand *a = &t->slots[s];
        if (!a->hash || a->freq < min)
            continue;
        bool all_general = true;
        for (size_t k = 0; k < a->n; k++)
            all_general = all_general && (general_flags_of(c, a->ids[k]) & TOK_GENERAL);
        if (all_general && a->n == 1)
            continue;
        char key[1024];
        if (!cand_key(c, a, key, sizeof(key)) || sel_strmap_get(rejected, key, strlen(key)))
            continue;
        bool in_termbase = false;
        sel_term_index_lookup(ix, key, false, found, &in_termbase);
        if (in_termbase)
            continue;
        double f = a->freq - (a->nested_n ? a->nested_sum / a->nested_n : 0);
        a->cvalue = log2(a->n + 1.0) * f;
        a->score = a->cvalue * (all_general ? ALL_GENERAL : 1.0);
        if (a->name_next * 2 > a->freq)
            a->score *= NAME_PART; // `George` of `George W. Bush`, `Ahmed` of `Sheikh Ahmed Yassin`
        if (a->verbal * 2 > a->freq)
            a->score *= VERBAL; // terms are mostly nominal: a lone verb is mostly an everyday one
        if (a->composed * 2 > a->freq)
            a->score *= COMPOSED; // `mantan presiden`: terms side by side, rarely a term of its own
        if (a->described * 2 > a->freq)
            a->score *= DESCRIBED;
        if (a->extended > FRAGMENT_SHARE * a->freq)
            a->score *= FRAGMENT; // `perdana` of `perdana menteri`, `bunuh` of `bunuh diri`
        // a word of the language at large is spread evenly over a corpus, while a term of a field
        // comes in bursts where its subject is (Church and Gale 1995); a name comes in bursts
        // whether it is well known or not, so names are left as they are
        if (a->all_proper * 2 <= a->freq)
            a->score *= 1 + BURSTS * (1 - dispersion(a, c->n_beads));
        else if (a->passages == 1 && c->n_beads > PASSAGE_BEADS)
            a->score *= ONE_STORY; // a name of one story: a well-known one comes back in others
        if (opts->subject_hint && a->freq)
            a->score *= 1.0 + (double)a->freq_subject / a->freq;
        if (a->score <= 0)
            continue;
        if (SEL_ARRAY_RESERVE(list, cap, n + 1) != SEL_OK) {
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
            break;
        }
        a->keep = true;
        list[n++] = a;
    }
    sel_strmap_free(rejected);
    if (rc != SEL_OK) {
        free(list);
        return rc;
    }
    if (n)
        qsort(list, n, sizeof(*list), compare_kept);
    for (size_t i = 0; i < n; i++)
        list[i]->index = (uint32_t)i;
    *kept = list;
    *n_kept = n;
    return SEL_OK;
}
