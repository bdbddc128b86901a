// SPDX-License-Identifier: MIT
// Term discovery, stage by stage: read and analyse the beads and train the word aligner
// (corpus.c), count and rank the candidates (candidates.c), extract their English equivalents
// (equivalents.c), then hand the result over as plain structs.
#include "src/discover/discover_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

// The share of a candidate's termhood that does not depend on how consistently it is translated.
static const double CONSISTENCY_FLOOR = 0.2;
// The share of it that does not depend on the field's vocabulary (domain_share()), and the number
// of termbase concepts sharing a word that makes an equivalent wholly of the field.
static const double DOMAIN_FLOOR = 0.2;
static const double DOMAIN_FULL = 10;

struct sel_discovery {
    struct sel_discover_candidate *cands;
    size_t n;
    struct sel_discovery_stats stats;
    struct sel_arena arena;
    char *text;     ///< the beads' texts, which examples point into
};

void sel_discover_options_default(struct sel_discover_options *opts)
{
    *opts = (struct sel_discover_options){ .min_count = 3, .iterations = 5 };
}

size_t sel_discovery_count(const sel_discovery *d)
{
    return d ? d->n : 0;
}

const struct sel_discover_candidate *sel_discovery_candidate(const sel_discovery *d, size_t i)
{
    return d && i < d->n ? &d->cands[i] : NULL;
}

void sel_discovery_stats(const sel_discovery *d, struct sel_discovery_stats *out)
{
    *out = d->stats;
}

void sel_discovery_free(sel_discovery *d)
{
    if (!d)
        return;
    free(d->cands);
    free(d->text);
    sel_arena_finish(&d->arena);
    free(d);
}

// A copy of [start, end) of @p text with a capital that only opens a sentence made small.
static char *copy_span(struct sel_arena *a, const char *text, uint32_t start, uint32_t end, bool proper)
{
    char *s = sel_arena_strndup(a, text + start, end - start);
    if (s && !proper && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z')
        s[0] = (char)(s[0] - 'A' + 'a');
    return s;
}

// How much of the field's vocabulary (the English terms of the termbase) the best English
// equivalent of a candidate shares, 0 to 1: log(1 + n) / log(1 + DOMAIN_FULL), n the number of
// concepts holding the equivalent's most shared word. `security source`, `opposition party` share
// much, `hospital`, `passengers` nothing: the termbase tells what the user's field is about.
static double domain_share(const struct corpus *c, const struct equiv *best, size_t n_equiv)
{
    if (!n_equiv || !best)
        return 0;
    const struct bead *b = &c->beads[best->bead];
    const struct token *t = c->tgt + b->tgt;
    uint32_t most = 0;
    for (uint32_t j = 0; j < b->n_tgt; j++)
        if (t[j].start >= best->start && t[j].start < best->end && !(t[j].flags & TOK_FUNCTION) &&
            t[j].id < c->en_domain_n && c->en_domain[t[j].id] > most)
            most = c->en_domain[t[j].id];
    double share = log1p(most) / log1p(DOMAIN_FULL);
    return share > 1 ? 1 : share;
}

static int compare_candidates(const void *a, const void *b)
{
    const struct sel_discover_candidate *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->key, y->key);
}

static char *key_of(struct sel_arena *a, const struct corpus *c, const struct cand *k)
{
    size_t len = 0;
    for (size_t i = 0; i < k->n; i++)
        len += strlen(c->id_vocab.words[k->ids[i]]) + 1;
    char *key = sel_arena_alloc(a, len);
    if (!key)
        return NULL;
    key[0] = '\0';
    for (size_t i = 0; i < k->n; i++) {
        if (i)
            strcat(key, SEL_KEY_SEP);
        strcat(key, c->id_vocab.words[k->ids[i]]);
    }
    return key;
}

int sel_discover_run(sel_discovery **out, sel_ctx *ctx, sel_store *st, const sel_termbase *tb,
                     const struct sel_discover_options *opts)
{
    SEL_CHECK_ARG(out && ctx && st && tb && opts, SEL_EINVAL);
    *out = NULL;
    struct general g = { 0 }, en = { 0 };
    struct corpus c = { 0 };
    struct cand_table t = { 0 };
    struct cand **kept = NULL;
    size_t n_kept = 0, n_equivs = 0;
    struct equiv *equivs = NULL;
    struct form_count *forms = NULL;
    sel_discovery *d = NULL;
    char *general_path = opts->general_path ? NULL : sel_data_path("general");
    char *path = NULL, *lang_path = sel_data_path("lang"), *en_path = NULL;
    int rc;
    if (!lang_path || !(en_path = malloc(strlen(lang_path) + sizeof("/en/function-words.txt")))) {
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
        goto done;
    }
    sprintf(en_path, "%s/en/function-words.txt", lang_path);
    if (!opts->general_path && !general_path) {
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
        goto done;
    }
    if (general_path && (path = malloc(strlen(general_path) + 8)))
        sprintf(path, "%s/id.txt", general_path);
    if ((rc = general_load(&g, ctx, opts->general_path ? opts->general_path : path)) != SEL_OK)
        goto done;
    if ((rc = general_load(&en, ctx, en_path)) != SEL_OK)
        goto done;
    if ((rc = corpus_read(&c, ctx, st, tb, &g, &en, opts)) != SEL_OK)
        goto done;
    if (opts->progress)
        opts->progress(opts->progress_user, "counting candidates", c.n_beads, c.n_beads);
    if ((rc = candidates_find(&t, ctx, &c, tb, sel_tagger_analyzer(c.tagger), opts, &kept, &n_kept)) != SEL_OK)
        goto done;
    if (n_kept && !(forms = calloc(n_kept, sizeof(*forms)))) {
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = equivalents_find(ctx, &c, &t, kept, n_kept, opts, &equivs, &n_equivs, forms)) != SEL_OK)
        goto done;
    if (!(d = calloc(1, sizeof(*d))) || (n_kept && !(d->cands = calloc(n_kept, sizeof(*d->cands))))) {
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
        goto done;
    }
    size_t e = 0;
    for (size_t i = 0; i < n_kept; i++) {
        const struct cand *k = kept[i];
        struct sel_discover_candidate *o = &d->cands[d->n];
        const struct form_count *f = &forms[i];
        if (!f->count)
            continue; // every occurrence was in a bead too long to read again: cannot happen
        const struct bead *fb = &c.beads[f->bead];
        o->term = copy_span(&d->arena, c.text + fb->src_text, f->start, f->end, f->proper);
        o->key = key_of(&d->arena, &c, k);
        o->score = k->score;
        o->cvalue = k->cvalue;
        o->count = k->freq;
        if (!o->term || !o->key) {
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
            goto done;
        }
        while (e < n_equivs && equivs[e].cand < i)
            e++;
        size_t first = e;
        for (size_t q = e; q < n_equivs && equivs[q].cand == i && o->n_equiv < SEL_DISCOVER_MAX_EQUIV; q++) {
            const struct equiv *x = &equivs[q];
            if (x->count < 2 && o->n_equiv > 0)
                continue; // once there is a better one, a single sighting is no evidence
            const struct bead *eb = &c.beads[x->bead];
            struct sel_discover_equivalent *oe = &o->equiv[o->n_equiv++];
            oe->text = copy_span(&d->arena, c.text + eb->tgt_text, x->start, x->end, x->proper);
            oe->count = x->count;
            oe->dice = 2.0 * x->count / ((double)k->freq + x->tgt_beads);
            oe->example_src = c.text + eb->src_text;
            oe->example_tgt = c.text + eb->tgt_text;
            if (!oe->text) {
                rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
                goto done;
            }
        }
        // bilingual termhood: a term is translated the same way, a general word every which way
        long covered = 0;
        for (size_t q = 0; q < o->n_equiv; q++)
            covered += o->equiv[q].count;
        double consistency = o->count ? (double)covered / (double)o->count : 0;
        o->score = k->score * (CONSISTENCY_FLOOR + (1 - CONSISTENCY_FLOOR) * (consistency > 1 ? 1 : consistency));
        if (k->all_proper * 2 <= k->freq) // a name's English is the name, which no termbase term need share
            o->score *= DOMAIN_FLOOR + (1 - DOMAIN_FLOOR) * domain_share(&c, n_equivs ? &equivs[first] : NULL, o->n_equiv);
        o->example_src = o->n_equiv ? o->equiv[0].example_src : c.text + fb->src_text;
        o->example_tgt = o->n_equiv ? o->equiv[0].example_tgt : c.text + fb->tgt_text;
        d->n++;
    }
    if (d->n)
        qsort(d->cands, d->n, sizeof(*d->cands), compare_candidates);
    d->stats = (struct sel_discovery_stats){ .beads = c.n_beads, .src_tokens = c.n_src, .tgt_tokens = c.n_tgt,
                                             .model_pairs = sel_word_aligner_table_size(c.aligner),
                                             .ngrams = t.used };
    // the texts the candidates point into move to the result
    d->text = c.text;
    c.text = NULL;
done:
    if (rc == SEL_OK) {
        *out = d;
        d = NULL;
    }
    sel_discovery_free(d);
    free(forms);
    free(equivs);
    free(kept);
    cand_table_finish(&t);
    corpus_finish(&c);
    general_finish(&g);
    general_finish(&en);
    free(lang_path);
    free(en_path);
    free(path);
    free(general_path);
    return rc;
}

struct key_pass {
    char *key;
    size_t size, len;
    bool overflow;
};

static bool key_word(void *user, const char *text, const struct sel_token *t)
{
    (void)text;
    struct key_pass *k = user;
    if (t->word.flags & SEL_TOK_PUNCT)
        return true; // as discovery reads text: punctuation is no word of a candidate
    char low[256];
    sel_text_lowercase(t->word.lemma, low, sizeof(low));
    size_t need = strlen(low) + (k->len ? 1 : 0);
    if (k->len + need + 1 > k->size) {
        k->overflow = true;
        return false;
    }
    if (k->len)
        k->key[k->len++] = SEL_KEY_SEP[0];
    memcpy(k->key + k->len, low, strlen(low) + 1);
    k->len += strlen(low);
    return true;
}

int sel_discover_key(sel_analyzer *an, sel_ctx *ctx, const char *term, char *key, size_t size)
{
    SEL_CHECK_ARG(an && term && key && size, SEL_EINVAL);
    struct key_pass k = { .key = key, .size = size };
    key[0] = '\0';
    bool split = sel_analyzer_splits_compounds(an);
    sel_analyzer_split_compounds(an, true); // as the tagger's analyzer, which discovery reads with
    int rc = sel_analyze_span(an, ctx, term, 0, strlen(term), key_word, &k);
    sel_analyzer_split_compounds(an, split);
    if (rc == SEL_OK && k.overflow)
        rc = sel_error(ctx, SEL_EINVAL, "the term \"%.40s...\" is too long", term);
    return rc;
}
