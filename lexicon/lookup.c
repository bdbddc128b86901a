// SPDX-License-Identifier: MIT
// Looking a word or phrase up, in the order a translator wants the answers: the term as typed
// (exact), then any inflected form of it (same lemmas), then words of the same family (same
// roots), then misspellings (Hunspell's correction, or edit distance over the termbase's own
// terms). Exact matches need only the termbase, so an exact lookup loads no dictionary. With the
// compiled termbase (lexicon/compiled.c) the bundled terms are found in its tables, and only the
// user's terms, added after them, are indexed here.
#include "lexicon/compiled.h"
#include "lexicon/lexicon.h"
#include "lexicon/termbase_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct exact_list {
    const struct sel_concept **concepts;
    const struct sel_term **terms;
    size_t n, cap;
};

struct sel_lookup {
    const sel_termbase *tb;
    char lang[16];
    sel_strmap *exact;       // lowercased, space-normalised term text -> struct exact_list
    struct exact_list *lists;
    size_t n_lists, cap_lists;
    struct sel_arena arena;  // the lists' arrays: one free at the end, not thousands
    sel_tagger *tagger;      // made on the first query that is not an exact term (no compiled termbase)
    const sel_compiled *cp;  // the compiled termbase, when the first n_compiled concepts come from it
    size_t n_compiled;
    sel_lang *lang_data;     // with cp: the analyzer of queries, made on the first inexact one,
    sel_analyzer *an;        // and the index of the terms added after the compiled ones
    sel_term_index *added;
    struct sel_token *tokens;
    size_t n_tokens, cap_tokens;
    bool tokens_failed;
    struct sel_lookup_result *found;
    size_t n_found, cap_found;
    char query[2048];        // the query being answered, normalised, to measure results against
    char *context;           // the sentence the queries come from (sel_lookup_set_context), or NULL
};

static const char *const kind_names[] = { "exact", "inflected", "family", "fuzzy", "general" };

const char *sel_match_kind_name(enum sel_match_kind kind)
{
    return kind <= SEL_MATCH_GENERAL ? kind_names[kind] : "?";
}

static int add_exact(sel_lookup *lk, const struct sel_concept *c, const struct sel_term *t)
{
    char buf[256];
    char *key = sel_term_normalise(t->text, buf, sizeof(buf));
    if (!key)
        return SEL_ENOMEM;
    struct exact_list *l = sel_strmap_get(lk->exact, key, strlen(key));
    int rc = SEL_OK;
    if (!l && lk->n_lists == lk->cap_lists) {
        rc = SEL_ENOMEM; // sized to the number of terms up front
    } else if (!l) {
        l = &lk->lists[lk->n_lists++];
        rc = sel_strmap_put(lk->exact, key, strlen(key), l) != SEL_OK ? SEL_ENOMEM : SEL_OK;
    }
    sel_term_normalised_free(key, buf);
    if (rc != SEL_OK)
        return rc;
    if (l->n == l->cap) { // nearly every list has one entry; the rare longer one is copied
        size_t cap = l->cap ? l->cap * 2 : 1;
        const struct sel_concept **cs = sel_arena_alloc(&lk->arena, cap * sizeof(*cs));
        const struct sel_term **ts = sel_arena_alloc(&lk->arena, cap * sizeof(*ts));
        if (!cs || !ts)
            return SEL_ENOMEM;
        if (l->n) {
            memcpy(cs, l->concepts, l->n * sizeof(*cs));
            memcpy(ts, l->terms, l->n * sizeof(*ts));
        }
        l->concepts = cs;
        l->terms = ts;
        l->cap = cap;
    }
    l->concepts[l->n] = c;
    l->terms[l->n++] = t;
    return SEL_OK;
}

int sel_lookup_new(sel_lookup **out, sel_ctx *ctx, const sel_termbase *tb, const char *from_lang)
{
    SEL_CHECK_ARG(out && tb && from_lang && strlen(from_lang) < 16, SEL_EINVAL);
    *out = NULL;
    sel_lookup *lk = calloc(1, sizeof(*lk));
    if (!lk || sel_strmap_new(&lk->exact) != SEL_OK) {
        free(lk);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    lk->tb = tb;
    snprintf(lk->lang, sizeof(lk->lang), "%s", from_lang);
    lk->cp = sel_termbase_compiled(tb);
    if (lk->cp && !sel_compiled_has_lang(lk->cp, from_lang))
        lk->cp = NULL;
    lk->n_compiled = lk->cp ? sel_compiled_concept_count(lk->cp) : 0;
    if (!lk->cp)
        sel_termbase_fill(tb); // its compiled concepts, if any, are read below like the rest
    size_t n_terms = 0; // of the concepts the compiled tables do not serve
    for (size_t i = lk->n_compiled; i < tb->n_concepts; i++)
        n_terms += tb->concepts[i].n_terms;
    lk->cap_lists = n_terms + 1;
    lk->lists = calloc(lk->cap_lists, sizeof(*lk->lists));
    int rc = lk->lists ? SEL_OK : SEL_ENOMEM;
    for (size_t i = lk->n_compiled; rc == SEL_OK && i < tb->n_concepts; i++)
        for (size_t j = 0; rc == SEL_OK && j < tb->concepts[i].n_terms; j++)
            if (strcmp(tb->concepts[i].terms[j].lang, from_lang) == 0)
                rc = add_exact(lk, &tb->concepts[i], &tb->concepts[i].terms[j]);
    if (rc != SEL_OK) {
        sel_lookup_free(lk);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    *out = lk;
    return SEL_OK;
}

void sel_lookup_free(sel_lookup *lk)
{
    if (!lk)
        return;
    free(lk->lists);
    sel_arena_finish(&lk->arena);
    free(lk->found);
    free(lk->context);
    sel_strmap_free(lk->exact);
    sel_tagger_free(lk->tagger);
    sel_term_index_free(lk->added);
    sel_analyzer_free(lk->an);
    sel_lang_free(lk->lang_data);
    free(lk->tokens);
    free(lk);
}

/* ---- collecting results -------------------------------------------------------------------- */

// A `case` term matches only its own spelling or all capitals: "AS" yes, "as" and "As" no.
static bool case_allows(const struct sel_term *t, const char *query)
{
    if (!t->exact_case)
        return true;
    if (strstr(query, t->text))
        return true;
    for (const char *p = query; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            return false;
    return true;
}

static bool already(const sel_lookup *lk, const struct sel_concept *c)
{
    for (size_t i = 0; i < lk->n_found; i++)
        if (lk->found[i].concept == c)
            return true;
    return false;
}

static void add_result(sel_lookup *lk, enum sel_match_kind kind, const struct sel_concept *c, const struct sel_term *t)
{
    if (already(lk, c))
        return;
    if (SEL_ARRAY_RESERVE(lk->found, lk->cap_found, lk->n_found + 1) != SEL_OK)
        return;
    char buf[256];
    char *key = sel_term_normalise(t->text, buf, sizeof(buf));
    size_t d = key ? sel_edit_distance(lk->query, key, 16) : SIZE_MAX;
    sel_term_normalised_free(key, buf);
    lk->found[lk->n_found++] = (struct sel_lookup_result){ kind, c, t, d > 16 ? 17 : (unsigned)d, false };
}

// The query, normalised, kept to rank results by how near their spelling is. A query longer than
// the buffer is kept cut: the edit distance that ranks stops at 16 bytes' difference anyway.
static void remember_query(sel_lookup *lk, const char *query)
{
    char *q = sel_term_normalise(query, lk->query, sizeof(lk->query));
    if (q != lk->query) {
        snprintf(lk->query, sizeof(lk->query), "%s", q ? q : "");
        sel_term_normalised_free(q, lk->query);
    }
}

struct collect {
    sel_lookup *lk;
    enum sel_match_kind kind;
    const char *query;
};

static bool collect_match(void *user, const struct sel_term_match *m)
{
    struct collect *col = user;
    if (case_allows(m->term, col->query))
        add_result(col->lk, col->kind, m->concept, m->term);
    return true;
}

// Within one kind: a `case` term spelt as typed first, then the user's own entries (their house
// style) before the bundled ones, then the term whose spelling is nearest the query (dibebaskannya:
// the term dibebaskan, one clitic away, before membebaskan, which only shares its lemma), then
// preferred before admitted before deprecated, then the order of the termbase.
static int rank_cmp(const void *a, const void *b)
{
    const struct sel_lookup_result *x = a, *y = b;
    if (x->kind != y->kind)
        return (int)x->kind - (int)y->kind;
    if (x->term->exact_case != y->term->exact_case)
        return x->term->exact_case ? -1 : 1;
    if (!x->concept->origin != !y->concept->origin)
        return x->concept->origin ? -1 : 1;
    if (x->distance != y->distance)
        return x->distance < y->distance ? -1 : 1;
    if (x->term->status != y->term->status)
        return (int)x->term->status - (int)y->term->status;
    // of two senses of one form, the one news usually means (`usual:` in the termbase)
    if (!x->concept->usual != !y->concept->usual)
        return x->concept->usual ? -1 : 1;
    return (x->concept > y->concept) - (x->concept < y->concept);
}

/* ---- the kinds of match -------------------------------------------------------------------- */

static int find_exact(sel_lookup *lk, sel_ctx *ctx, const char *query)
{
    char buf[256];
    char *key = sel_term_normalise(query, buf, sizeof(buf));
    if (!key)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    struct collect col = { lk, SEL_MATCH_EXACT, query };
    if (lk->cp)
        sel_compiled_find(lk->cp, lk->tb, lk->lang, SEL_COMPILED_EXACT, key, collect_match, &col);
    const struct exact_list *l = sel_strmap_get(lk->exact, key, strlen(key));
    for (size_t i = 0; l && i < l->n; i++)
        if (case_allows(l->terms[i], query))
            add_result(lk, SEL_MATCH_EXACT, l->concepts[i], l->terms[i]);
    sel_term_normalised_free(key, buf);
    return SEL_OK;
}

// With the compiled termbase: the analyzer, and the index of the terms added after the compiled
// ones (analysed as the tagger analyses terms, before typo correction is switched on).
static int need_analyzer(sel_lookup *lk, sel_ctx *ctx)
{
    if (lk->an)
        return SEL_OK;
    int rc = sel_lang_load(&lk->lang_data, ctx, lk->lang);
    if (rc == SEL_OK)
        rc = sel_analyzer_new(&lk->an, ctx, lk->lang_data);
    if (rc == SEL_OK)
        sel_analyzer_split_compounds(lk->an, true);
    if (rc == SEL_OK && lk->tb->n_concepts > lk->n_compiled) { // the user's concepts
        rc = sel_term_index_new(&lk->added) == SEL_OK ? SEL_OK : sel_error(ctx, SEL_ENOMEM, "out of memory");
        if (rc == SEL_OK)
            rc = sel_term_index_add_user(lk->added, ctx, lk->tb, lk->lang, lk->an);
    }
    if (rc != SEL_OK) {
        sel_term_index_free(lk->added);
        sel_analyzer_free(lk->an);
        sel_lang_free(lk->lang_data);
        lk->added = NULL;
        lk->an = NULL;
        lk->lang_data = NULL;
        return rc;
    }
    // a query is typed: a word one edit from a dictionary word is taken as a typo
    sel_analyzer_suggest(lk->an, true);
    return SEL_OK;
}

static int need_tagger(sel_lookup *lk, sel_ctx *ctx)
{
    if (lk->cp)
        return need_analyzer(lk, ctx);
    if (lk->tagger)
        return SEL_OK;
    int rc = sel_tagger_new(&lk->tagger, ctx, lk->tb, lk->lang);
    if (rc == SEL_OK) // a query is typed: a word one edit from a dictionary word is taken as a typo
        sel_analyzer_suggest(sel_tagger_analyzer(lk->tagger), true);
    return rc;
}

static bool push_token(void *user, const char *text, const struct sel_token *tok)
{
    (void)text;
    sel_lookup *lk = user;
    if (SEL_ARRAY_RESERVE(lk->tokens, lk->cap_tokens, lk->n_tokens + 1) != SEL_OK) {
        lk->tokens_failed = true;
        return false;
    }
    lk->tokens[lk->n_tokens++] = *tok;
    return true;
}

// The analysed tokens of @p query, by the tagger or by the lookup's own analyzer.
static int query_tokens(sel_lookup *lk, sel_ctx *ctx, const char *query, const struct sel_token **tokens, size_t *n)
{
    if (lk->tagger)
        return sel_tagger_tokens(lk->tagger, ctx, query, 0, strlen(query), tokens, n);
    lk->n_tokens = 0;
    lk->tokens_failed = false;
    int rc = sel_analyze_span(lk->an, ctx, query, 0, strlen(query), push_token, lk);
    if (rc == SEL_OK && lk->tokens_failed)
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    *tokens = lk->tokens;
    *n = lk->n_tokens;
    return rc;
}

// The terms whose keys (or with @p family, roots) are @p keys, compiled ones first.
static void find_keys(sel_lookup *lk, const char *keys, bool family, struct collect *col)
{
    if (lk->tagger) {
        sel_term_index_lookup(sel_tagger_index(lk->tagger), keys, family, collect_match, col);
        return;
    }
    sel_compiled_find(lk->cp, lk->tb, lk->lang, family ? SEL_COMPILED_ROOTS : SEL_COMPILED_KEYS, keys, collect_match,
                      col);
    if (lk->added)
        sel_term_index_lookup(lk->added, keys, family, collect_match, col);
}

// The query's keys (lemmas) and roots, joined as the index joins them; *nonstandard is set when
// the analyzer corrected a spelling on the way, *known when the dictionary knows every word.
static int query_keys(sel_lookup *lk, sel_ctx *ctx, const char *query, char *keys, char *roots, size_t size,
                      bool *nonstandard, bool *known)
{
    const struct sel_token *tokens;
    size_t n;
    int rc = query_tokens(lk, ctx, query, &tokens, &n);
    keys[0] = roots[0] = '\0';
    *nonstandard = false;
    *known = true;
    if (rc != SEL_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        *nonstandard = *nonstandard || (tokens[i].word.flags & SEL_TOK_NONSTANDARD);
        *known = *known && !(tokens[i].word.flags & (SEL_TOK_UNKNOWN | SEL_TOK_NONSTANDARD));
    }
    sel_term_keys_join(query, tokens, n, keys, size, roots, size);
    return SEL_OK;
}

static bool add_near(void *user, const struct sel_term_match *m)
{
    struct collect *col = user;
    add_result(col->lk, col->kind, m->concept, m->term);
    return true;
}

// Terms of the termbase within a small edit distance of the query (names and acronyms that
// Hunspell cannot correct: "Kemhan" for "Kemham"), nearest first.
static void find_near(sel_lookup *lk, const char *query, size_t limit, enum sel_match_kind kind, size_t max)
{
    char qbuf[256];
    char *q = sel_term_normalise(query, qbuf, sizeof(qbuf));
    if (!q)
        return;
    struct collect col = { lk, kind, NULL };
    size_t n_groups = lk->cp ? sel_compiled_group_count(lk->cp, lk->lang) : 0;
    for (size_t d = 1; d <= limit && lk->n_found < max; d++) {
        for (size_t i = 0; i < n_groups && lk->n_found < max; i++) {
            const char *key = sel_compiled_group(lk->cp, lk->tb, lk->lang, i, NULL, NULL);
            if (key && sel_edit_distance(q, key, d) == d)
                sel_compiled_group(lk->cp, lk->tb, lk->lang, i, add_near, &col);
        }
        for (size_t i = 0; i < lk->n_lists && lk->n_found < max; i++) {
            const struct exact_list *l = &lk->lists[i];
            char kbuf[256];
            char *key = sel_term_normalise(l->terms[0]->text, kbuf, sizeof(kbuf));
            bool near = key && sel_edit_distance(q, key, d) == d;
            sel_term_normalised_free(key, kbuf);
            for (size_t k = 0; near && k < l->n; k++)
                add_result(lk, kind, l->concepts[k], l->terms[k]);
        }
    }
    sel_term_normalised_free(q, qbuf);
}

int sel_lookup_set_context(sel_lookup *lk, sel_ctx *ctx, const char *sentence)
{
    SEL_CHECK_ARG(lk, SEL_EINVAL);
    free(lk->context);
    lk->context = NULL;
    if (sentence && !(lk->context = strdup(sentence)))
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    return SEL_OK;
}

// With a context sentence, the concept the sentence points to comes first (menuntut in "DK PBB
// menuntut gencatan senjata" is to demand, not to prosecute); where it says nothing, the order
// stands, since the ranking of the senses is stable. A concept the sentence has as a modifier
// (pasukan Israel) is marked so, to be shown with its adjective first (Israeli).
static int rank_by_context(sel_lookup *lk, sel_ctx *ctx)
{
    // the sense chooser lives in a tagger, which a lookup over the compiled termbase has not made
    int rc = lk->tagger ? SEL_OK : sel_tagger_new(&lk->tagger, ctx, lk->tb, lk->lang);
    if (rc != SEL_OK)
        return rc;
    const struct sel_concept **concepts = malloc(lk->n_found * sizeof(*concepts));
    struct sel_lookup_result *sorted = malloc(lk->n_found * sizeof(*sorted));
    bool *attributive = malloc(lk->n_found * sizeof(*attributive));
    if (!concepts || !sorted || !attributive) {
        free(concepts);
        free(sorted);
        free(attributive);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    size_t n = 0;
    for (size_t i = 0; i < lk->n_found; i++) {
        bool seen = false;
        for (size_t j = 0; j < n; j++)
            seen = seen || concepts[j] == lk->found[i].concept;
        if (!seen)
            concepts[n++] = lk->found[i].concept;
    }
    sel_tagger_new_document(lk->tagger);
    rc = sel_tagger_rank_senses(lk->tagger, ctx, lk->context, concepts, n, attributive);
    size_t k = 0; // how it matched still comes first: the sense orders the matches of one kind
    for (int kind = SEL_MATCH_EXACT; rc == SEL_OK && kind <= SEL_MATCH_GENERAL; kind++)
        for (size_t j = 0; j < n; j++)
            for (size_t i = 0; i < lk->n_found; i++)
                if (lk->found[i].concept == concepts[j] && (int)lk->found[i].kind == kind) {
                    sorted[k] = lk->found[i];
                    sorted[k++].attributive = attributive[j];
                }
    if (rc == SEL_OK)
        memcpy(lk->found, sorted, lk->n_found * sizeof(*sorted));
    free(concepts);
    free(sorted);
    free(attributive);
    return rc;
}

int sel_lookup_query(sel_lookup *lk, sel_ctx *ctx, const char *query, const struct sel_lookup_result **results,
                     size_t *n)
{
    SEL_CHECK_ARG(lk && query && results && n, SEL_EINVAL);
    lk->n_found = 0;
    *results = NULL;
    *n = 0;
    remember_query(lk, query);
    int rc = find_exact(lk, ctx, query);
    if (rc != SEL_OK)
        return rc;
    if (lk->n_found == 0) {
        rc = need_tagger(lk, ctx);
        if (rc != SEL_OK)
            return rc;
        char keys[2048], roots[2048];
        bool nonstandard = false, known = false;
        rc = query_keys(lk, ctx, query, keys, roots, sizeof(keys), &nonstandard, &known);
        if (rc != SEL_OK)
            return rc;
        struct collect col = { lk, nonstandard ? SEL_MATCH_FUZZY : SEL_MATCH_INFLECTED, query };
        if (*keys)
            find_keys(lk, keys, false, &col);
        col.kind = nonstandard ? SEL_MATCH_FUZZY : SEL_MATCH_FAMILY;
        if (*roots)
            find_keys(lk, roots, true, &col);
        size_t len = strlen(query);
        // A query of correctly spelt words that are not terms (kucing) is not a misspelling of a
        // term that looks like it (Kupang); a two- or three-letter one is too short to guess from.
        if (lk->n_found == 0 && len >= 4 && !known)
            find_near(lk, query, len < 6 ? 1 : len < 12 ? 2 : 3, SEL_MATCH_FUZZY, 20);
    }
    if (lk->n_found > 1) // found is NULL until something is (qsort wants a pointer even for 0)
        qsort(lk->found, lk->n_found, sizeof(*lk->found), rank_cmp);
    if (lk->context && lk->n_found > 0) { // one concept too: the sentence may have it as a modifier
        int rc = rank_by_context(lk, ctx);
        if (rc != SEL_OK)
            return rc;
    }
    *results = lk->found;
    *n = lk->n_found;
    return SEL_OK;
}

size_t sel_lookup_suggest(sel_lookup *lk, const char *query, const char **out, size_t max)
{
    lk->n_found = 0;
    remember_query(lk, query);
    size_t len = strlen(query);
    find_near(lk, query, len < 5 ? 2 : len < 12 ? 3 : 4, SEL_MATCH_FUZZY, max);
    size_t n = 0;
    for (size_t i = 0; i < lk->n_found && n < max; i++)
        out[n++] = lk->found[i].term->text;
    return n;
}
