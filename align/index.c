// SPDX-License-Identifier: MIT
// The bilingual index: every content word of a source-language term, as a lemma, points to the
// lemmas of every content word of the concept's target-language terms ("gencatan" and "senjata"
// -> "ceasefire"; "dewan", "keamanan" -> "security", "council"). A sentence pair shares a key
// when a source word's index entry names a target word's lemma.
#include "align/align_internal.h"

#include <stdio.h>
#include <string.h>

enum { MAX_TERM_WORDS = 64, LEMMA_MAX = 256 };

static bool has_digit(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return true;
    return false;
}

// Content lemmas of @p text into lemmas (as interned keys "w:<lemma>" for the target side, or
// arena strings for the source side).
struct term_words {
    const char *src[MAX_TERM_WORDS];
    uint32_t tgt[MAX_TERM_WORDS];
    size_t n_src, n_tgt;
};

static int add_term(sel_aligner *al, sel_ctx *ctx, int side, const char *text, struct term_words *tw)
{
    size_t pos = 0, end = strlen(text), ts, te;
    while (sel_align_next_token(text, &pos, end, &ts, &te)) {
        if (has_digit(text + ts, te - ts))
            continue;
        char lemma[LEMMA_MAX], key[LEMMA_MAX + 2];
        int rc = sel_align_lemma(al, ctx, side, text + ts, te - ts, lemma, sizeof(lemma), NULL);
        if (rc != SEL_OK)
            return rc;
        if (!lemma[0] || sel_lang_words_is_stop(al->words[side], lemma))
            continue;
        if (side == SEL_ALIGN_SRC) {
            if (tw->n_src == MAX_TERM_WORDS)
                continue;
            const char *copy = sel_arena_strndup(&al->arena, lemma, strlen(lemma));
            if (!copy)
                return sel_error(ctx, SEL_ENOMEM, "out of memory");
            tw->src[tw->n_src++] = copy;
        } else {
            if (tw->n_tgt == MAX_TERM_WORDS)
                continue;
            int n = snprintf(key, sizeof(key), "w:%s", lemma);
            uint32_t id;
            rc = sel_align_key(al, ctx, key, (size_t)n < sizeof(key) ? (size_t)n : sizeof(key) - 1, &id);
            if (rc != SEL_OK)
                return rc;
            bool seen = false;
            for (size_t k = 0; k < tw->n_tgt && !seen; k++)
                seen = tw->tgt[k] == id;
            if (!seen)
                tw->tgt[tw->n_tgt++] = id;
        }
    }
    return SEL_OK;
}

static int list_add(sel_aligner *al, sel_ctx *ctx, const char *lemma, uint32_t id)
{
    size_t len = strlen(lemma);
    struct key_list *list = sel_strmap_get(al->index, lemma, len);
    if (!list) {
        list = sel_arena_alloc(&al->arena, sizeof(*list));
        if (!list || sel_strmap_put(al->index, lemma, len, list) != SEL_OK)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        *list = (struct key_list){ 0 };
    }
    for (uint32_t k = 0; k < list->n; k++)
        if (list->v[k] == id)
            return SEL_OK;
    if (list->n == list->cap) {
        // Lists are short and built once: grow by copying within the arena.
        uint32_t cap = list->cap ? list->cap * 2 : 4;
        uint32_t *v = sel_arena_alloc(&al->arena, cap * sizeof(*v));
        if (!v)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        if (list->n)
            memcpy(v, list->v, list->n * sizeof(*v));
        list->v = v;
        list->cap = cap;
    }
    list->v[list->n++] = id;
    return SEL_OK;
}

int sel_align_index_build(sel_aligner *al, sel_ctx *ctx, const sel_termbase *tb)
{
    const char *src = sel_lang_code(al->lang[SEL_ALIGN_SRC]);
    const char *tgt = sel_lang_code(al->lang[SEL_ALIGN_TGT]);
    size_t n = sel_termbase_concept_count(tb);
    for (size_t c = 0; c < n; c++) {
        const struct sel_concept *con = sel_termbase_concept(tb, c);
        struct term_words tw = { 0 };
        for (size_t t = 0; t < con->n_terms; t++) {
            const struct sel_term *term = &con->terms[t];
            int side = strcmp(term->lang, src) == 0 ? SEL_ALIGN_SRC
                     : strcmp(term->lang, tgt) == 0 ? SEL_ALIGN_TGT : -1;
            if (side < 0) // deprecated terms too: texts still use them
                continue;
            int rc = add_term(al, ctx, side, term->text, &tw);
            if (rc != SEL_OK)
                return rc;
        }
        for (size_t a = 0; a < tw.n_src; a++)
            for (size_t b = 0; b < tw.n_tgt; b++) {
                int rc = list_add(al, ctx, tw.src[a], tw.tgt[b]);
                if (rc != SEL_OK)
                    return rc;
            }
    }
    return SEL_OK;
}
