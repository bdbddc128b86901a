// SPDX-License-Identifier: MIT
// Term keys are made by one function (sel_term_keys_join) for the index and for lookup's queries.
// These tests check that the keys a query gets for a term's own text are the keys the index stored
// for it, over the whole bundled termbase: if the two paths ever made keys differently (one
// lowercasing, the other not; another analyzer setting), terms would silently stop being found.
#include "lexicon/lexicon.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

Test(lexicon_term_keys, joins_lowercased_lemmas_and_roots)
{
    struct sel_token tokens[] = {
        { 0, 8, { "Kementerian", "menteri", NULL, 0 } },
        { 9, 20, { "PERTAHANAN", "TAHAN", NULL, 0 } },
        { 21, 28, { "Élysée", "ÉLYSÉE", NULL, 0 } },
    };
    char keys[256], roots[256];
    cr_assert(sel_term_keys_join(NULL, tokens, 3, keys, sizeof(keys), roots, sizeof(roots)));
    cr_assert_str_eq(keys, "kementerian" SEL_KEY_SEP "pertahanan" SEL_KEY_SEP "élysée");
    cr_assert_str_eq(roots, "menteri" SEL_KEY_SEP "tahan" SEL_KEY_SEP "élysée");
    // Too long for the buffers: no keys at all, never a prefix that would match a shorter term.
    cr_assert_not(sel_term_keys_join(NULL, tokens, 3, keys, 20, roots, sizeof(roots)));
    cr_assert_str_eq(keys, "");
    cr_assert_str_eq(roots, "");
}

// A lemma longer than any fixed buffer (200 two-byte capitals, 400 bytes) is a key whole and
// lowercased, never cut inside a character.
Test(lexicon_term_keys, a_long_lemma_is_a_key_whole)
{
    char upper[512] = "", lower[512] = "";
    for (int i = 0; i < 200; i++) {
        strcat(upper, "\xc3\x89"); // É
        strcat(lower, "\xc3\xa9"); // é
    }
    struct sel_token tokens[] = { { 0, 400, { upper, upper, NULL, 0 } } };
    char keys[1024], roots[1024];
    cr_assert(sel_term_keys_join(NULL, tokens, 1, keys, sizeof(keys), roots, sizeof(roots)));
    cr_assert_str_eq(keys, lower);
    cr_assert_str_eq(roots, lower);
}

static bool note_match(void *user, const struct sel_term_match *m)
{
    const struct sel_concept **found = user;
    *found = m->concept;
    return true;
}

// Two terms whose keys agree in their first 300 bytes are two keys: each is found by its own,
// and a key of the shared prefix finds neither.
Test(lexicon_term_keys, long_keys_are_not_cut_to_a_shared_prefix)
{
    char a[400], b[400], prefix[301];
    memset(prefix, 'k', 300);
    prefix[300] = '\0';
    snprintf(a, sizeof(a), "%sa", prefix);
    snprintf(b, sizeof(b), "%sb", prefix);
    struct sel_term ta = { .text = a, .lang = "id" }, tb_ = { .text = b, .lang = "id" };
    struct sel_concept ca = { .id = "x.a", .terms = &ta, .n_terms = 1 }, cb = { .id = "x.b", .terms = &tb_, .n_terms = 1 };
    sel_term_index *ix = NULL;
    cr_assert_eq(sel_term_index_new(&ix), SEL_OK);
    cr_assert_eq(sel_term_index_add(ix, &ca, &ta, a, a), SEL_OK);
    cr_assert_eq(sel_term_index_add(ix, &cb, &tb_, b, b), SEL_OK);
    const struct sel_concept *found = NULL;
    cr_assert_eq(sel_term_index_lookup(ix, a, false, note_match, &found), SEL_OK);
    cr_assert_eq(found, &ca);
    found = NULL;
    cr_assert_eq(sel_term_index_lookup(ix, b, false, note_match, &found), SEL_OK);
    cr_assert_eq(found, &cb);
    found = NULL;
    cr_assert_eq(sel_term_index_lookup(ix, prefix, false, note_match, &found), SEL_OK);
    cr_assert_null(found);
    sel_term_index_free(ix);
}

struct seen {
    const struct sel_concept *want;
    bool found;
};

static bool note_concept(void *user, const struct sel_term_match *m)
{
    struct seen *s = user;
    s->found = s->found || m->concept == s->want;
    return !s->found;
}

// Every term of @p lang, looked up with the keys a query for its own text gets, finds its concept.
static void every_term_finds_itself(const char *lang)
{
    sel_ctx *ctx;
    sel_termbase *tb;
    sel_tagger *tagger;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    cr_assert_eq(sel_termbase_new(&tb), SEL_OK);
    cr_assert_eq(sel_termbase_read_dir(tb, ctx, NULL, NULL, NULL), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(sel_tagger_new(&tagger, ctx, tb, lang), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    const sel_term_index *ix = sel_tagger_index(tagger);
    size_t n_terms = 0, n_lost = 0;
    char lost[2048] = "";
    for (size_t i = 0; i < sel_termbase_concept_count(tb); i++) {
        const struct sel_concept *c = sel_termbase_concept(tb, i);
        for (size_t j = 0; j < c->n_terms; j++) {
            if (strcmp(c->terms[j].lang, lang) != 0)
                continue;
            const char *text = c->terms[j].text;
            const struct sel_token *tokens;
            size_t n;
            cr_assert_eq(sel_tagger_tokens(tagger, ctx, text, 0, strlen(text), &tokens, &n), SEL_OK);
            char keys[2048], roots[2048];
            if (!sel_term_keys_join(text, tokens, n, keys, sizeof(keys), roots, sizeof(roots)) || !*keys)
                continue; // the index has no keys for it either
            n_terms++;
            struct seen s = { c, false };
            cr_assert_eq(sel_term_index_lookup(ix, keys, false, note_concept, &s), SEL_OK);
            struct seen r = { c, false };
            cr_assert_eq(sel_term_index_lookup(ix, roots, true, note_concept, &r), SEL_OK);
            if (!s.found || !r.found) {
                n_lost++;
                size_t len = strlen(lost);
                snprintf(lost + len, sizeof(lost) - len, " \"%s\"%s", text, s.found ? " (roots)" : "");
            }
        }
    }
    cr_assert_gt(n_terms, 1000, "only %zu %s terms", n_terms, lang);
    cr_assert_eq(n_lost, 0, "%zu of %zu %s terms not found by their own keys:%s", n_lost, n_terms, lang, lost);
    sel_tagger_free(tagger);
    sel_termbase_free(tb);
    sel_ctx_free(ctx);
}

Test(lexicon_term_keys, every_indonesian_term_is_found_by_a_query_for_it, .timeout = 120)
{
    every_term_finds_itself("id");
}

Test(lexicon_term_keys, every_english_term_is_found_by_a_query_for_it, .timeout = 120)
{
    every_term_finds_itself("en");
}
