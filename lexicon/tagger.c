// SPDX-License-Identifier: MIT
// The whole tagging pipeline for one language: segment, skip boilerplate, analyse, match. The
// tag command, ingest and the tests share it, so they all find the same occurrences.
#include "lexicon/lexicon.h"
#include "lexicon/sense.h"
#include "lexicon/termbase_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct sel_tagger {
    sel_lang *lang;
    sel_segmenter *segmenter;
    sel_analyzer *analyzer;
    sel_term_index *index;
    sel_sense *sense;         // evidence for the sense of ambiguous forms
    struct sel_token *tokens; // the current sentence
    size_t n_tokens, cap_tokens;
    struct sel_term_match *matches; // the current sentence's, before their senses are chosen
    size_t n_matches, cap_matches;
    bool furniture;           // tag boilerplate and datelines too (sel_tagger_include_furniture())
    int rc;
};

int sel_tagger_new(sel_tagger **out, sel_ctx *ctx, const sel_termbase *tb, const char *lang)
{
    SEL_CHECK_ARG(out && tb && lang, SEL_EINVAL);
    *out = NULL;
    sel_tagger *t = calloc(1, sizeof(*t));
    if (!t)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    int rc = sel_lang_load(&t->lang, ctx, lang);
    if (rc == SEL_OK)
        rc = sel_analyzer_new(&t->analyzer, ctx, t->lang);
    if (rc == SEL_OK) {
        // terms and text alike: "DPRK-Rusia" is two names, "neo-Nazi" a term of two parts
        sel_analyzer_split_compounds(t->analyzer, true);
        char *keys = sel_data_path("keys");
        rc = keys ? sel_term_index_load(&t->index, ctx, tb, lang, keys) : SEL_ENOTFOUND;
        free(keys);
        if (rc == SEL_OK) // the compiled keys hold the bundled terms; the user's are analysed now
            rc = sel_term_index_add_user(t->index, ctx, tb, lang, t->analyzer);
        else if (rc == SEL_ENOTFOUND) // no compiled keys, or stale ones: analyse the terms now
            rc = sel_term_index_build(&t->index, ctx, tb, lang, t->analyzer);
    }
    if (rc == SEL_OK && sel_sense_new(&t->sense, tb, lang) != SEL_OK)
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (rc != SEL_OK) {
        sel_tagger_free(t);
        return rc;
    }
    *out = t;
    return SEL_OK;
}

void sel_tagger_free(sel_tagger *t)
{
    if (!t)
        return;
    free(t->tokens);
    free(t->matches);
    sel_sense_free(t->sense);
    sel_term_index_free(t->index);
    sel_analyzer_free(t->analyzer);
    sel_segmenter_free(t->segmenter);
    sel_lang_free(t->lang);
    free(t);
}

// The segmenter is made on first use: a lookup never segments, and its rules cost start-up time.
static int need_segmenter(sel_tagger *t, sel_ctx *ctx)
{
    return t->segmenter ? SEL_OK : sel_segmenter_new(&t->segmenter, ctx, t->lang);
}

sel_segmenter *sel_tagger_segmenter(sel_tagger *t)
{
    return need_segmenter(t, NULL) == SEL_OK ? t->segmenter : NULL;
}
sel_analyzer *sel_tagger_analyzer(sel_tagger *t) { return t->analyzer; }
const sel_term_index *sel_tagger_index(const sel_tagger *t) { return t->index; }

static bool push_token(void *user, const char *text, const struct sel_token *tok)
{
    (void)text;
    sel_tagger *t = user;
    if (SEL_ARRAY_RESERVE(t->tokens, t->cap_tokens, t->n_tokens + 1) != SEL_OK) {
        t->rc = SEL_ENOMEM;
        return false;
    }
    t->tokens[t->n_tokens++] = *tok;
    return true;
}

int sel_tagger_tokens(sel_tagger *t, sel_ctx *ctx, const char *text, size_t start, size_t end,
                      const struct sel_token **tokens, size_t *n)
{
    t->n_tokens = 0;
    t->rc = SEL_OK;
    int rc = sel_analyze_span(t->analyzer, ctx, text, start, end, push_token, t);
    if (rc == SEL_OK && t->rc != SEL_OK)
        rc = sel_error(ctx, t->rc, "out of memory");
    *tokens = t->tokens;
    *n = t->n_tokens;
    return rc;
}

static bool keep_match(void *user, const struct sel_term_match *m)
{
    sel_tagger *t = user;
    if (SEL_ARRAY_RESERVE(t->matches, t->cap_matches, t->n_matches + 1) != SEL_OK) {
        t->rc = SEL_ENOMEM;
        return false;
    }
    t->matches[t->n_matches++] = *m;
    return true;
}

enum { MAX_SENSES = 8 };

// The sentence's terms whose form stands under one concept are evidence for those that stand
// under several; each of those then gets the concept the evidence points to.
static int choose_senses(sel_tagger *t, sel_ctx *ctx, const char *text, const struct sel_token *tokens, size_t n)
{
    int rc = sel_sense_begin_sentence(t->sense, ctx, t->analyzer, text, tokens, n);
    if (rc != SEL_OK)
        return rc;
    const struct sel_concept *concepts[MAX_SENSES];
    const struct sel_term *terms[MAX_SENSES];
    bool any = false;
    for (size_t i = 0; i < t->n_matches; i++) {
        if (sel_term_index_senses(t->index, text, tokens, &t->matches[i], concepts, terms, MAX_SENSES) > 1)
            any = true;
        else
            sel_sense_note_term(t->sense, t->matches[i].concept);
    }
    for (size_t i = 0; any && i < t->n_matches; i++) {
        size_t k = sel_term_index_senses(t->index, text, tokens, &t->matches[i], concepts, terms, MAX_SENSES);
        if (k < 2)
            continue;
        size_t best = sel_sense_choose(t->sense, concepts, k, t->matches[i].first_token,
                                       t->matches[i].first_token + t->matches[i].n_tokens - 1);
        t->matches[i].concept = concepts[best];
        t->matches[i].term = terms[best];
    }
    sel_sense_end_sentence(t->sense);
    return SEL_OK;
}

// Marks the matches that stand as modifiers: right after a term that is a noun, with nothing
// between (pasukan Israel, Menteri Luar Negeri Prancis, ibu kota Afganistan), or joined by a
// coordinator to one that does (pasukan Ethiopia dan Somalia). The dictionary has no parts of
// speech, so the noun is known only when it is a term; a word that is none (warga, pihak) leaves
// the match as it is. A sentence's first word, a word after a preposition, conjunction or verb
// (di Israel, antara Rusia dan Ukraina, menyerang Israel) or after punctuation is not marked:
// there Indonesian and English alike use the name.
static void mark_attributive(sel_tagger *t, const struct sel_token *tokens)
{
    for (size_t i = 1; i < t->n_matches; i++) {
        const struct sel_term_match *before = &t->matches[i - 1];
        struct sel_term_match *m = &t->matches[i];
        size_t after = before->first_token + before->n_tokens;
        if (after == m->first_token)
            m->attributive = before->term->pos == SEL_POS_NOUN;
        else if (after + 1 == m->first_token && before->attributive)
            m->attributive = tokens[after].word.lemma && sel_lang_is_coordinator(t->lang, tokens[after].word.lemma);
    }
}

// The longest matches of @p tokens into t->matches, each with its sense chosen and marked
// attributive where it modifies the term before it.
static int match_tokens(sel_tagger *t, sel_ctx *ctx, const char *text, const struct sel_token *tokens, size_t n)
{
    t->n_matches = 0;
    t->rc = SEL_OK;
    int rc = sel_term_index_match(t->index, ctx, text, tokens, n, keep_match, t);
    if (rc == SEL_OK && t->rc != SEL_OK)
        rc = sel_error(ctx, t->rc, "out of memory");
    if (rc == SEL_OK)
        rc = choose_senses(t, ctx, text, tokens, n);
    if (rc == SEL_OK)
        mark_attributive(t, tokens);
    return rc;
}

int sel_tagger_tag_span(sel_tagger *t, sel_ctx *ctx, const char *text, size_t start, size_t end, bool all,
                        sel_match_fn emit, void *user)
{
    const struct sel_token *tokens;
    size_t n;
    int rc = sel_tagger_tokens(t, ctx, text, start, end, &tokens, &n);
    if (rc != SEL_OK)
        return rc;
    if (all)
        return sel_term_index_find_all(t->index, ctx, text, tokens, n, emit, user);
    rc = match_tokens(t, ctx, text, tokens, n);
    for (size_t i = 0; rc == SEL_OK && i < t->n_matches; i++)
        if (!emit(user, &t->matches[i]))
            break;
    return rc;
}

void sel_tagger_new_document(sel_tagger *t)
{
    sel_sense_new_document(t->sense);
}

int sel_tagger_set_translation(sel_tagger *t, sel_ctx *ctx, const char *target, size_t len)
{
    return sel_sense_set_target(t->sense, ctx, target, len);
}

// For sel_tagger_rank_senses(): whether the sentence just matched has each of @p concepts as a
// modifier.
static void report_attributive(const sel_tagger *t, const struct sel_concept **concepts, size_t n, bool *attributive)
{
    for (size_t i = 0; attributive && i < n; i++) {
        attributive[i] = false;
        for (size_t j = 0; j < t->n_matches && !attributive[i]; j++)
            attributive[i] = t->matches[j].concept == concepts[i] && t->matches[j].attributive;
    }
}

// Once the sentence's evidence is in: a stable insertion sort of @p concepts by score, best first.
static int sort_by_sense(sel_tagger *t, sel_ctx *ctx, const struct sel_concept **concepts, size_t n)
{
    double *score = malloc(n * sizeof(*score));
    if (!score)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        score[i] = sel_sense_score(t->sense, concepts[i], SIZE_MAX, SIZE_MAX);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && score[j] > score[j - 1]; j--) {
            double s = score[j];
            score[j] = score[j - 1];
            score[j - 1] = s;
            const struct sel_concept *c = concepts[j];
            concepts[j] = concepts[j - 1];
            concepts[j - 1] = c;
        }
    free(score);
    return SEL_OK;
}

int sel_tagger_rank_senses(sel_tagger *t, sel_ctx *ctx, const char *sentence, const struct sel_concept **concepts,
                           size_t n, bool *attributive)
{
    const struct sel_token *tokens;
    size_t n_tokens;
    int rc = sel_tagger_tokens(t, ctx, sentence, 0, strlen(sentence), &tokens, &n_tokens);
    if (rc == SEL_OK)
        rc = match_tokens(t, ctx, sentence, tokens, n_tokens);
    if (rc == SEL_OK && n > 1)
        rc = sort_by_sense(t, ctx, concepts, n);
    if (rc == SEL_OK)
        report_attributive(t, concepts, n, attributive);
    return rc;
}

struct tag_pass {
    sel_tagger *t;
    sel_ctx *ctx;
    sel_tag_fn emit;
    void *user;
    const struct sel_sentence *sentence;
    const char *text;
    bool stop;
    int rc;
};

static bool forward_match(void *user, const struct sel_term_match *m)
{
    struct tag_pass *p = user;
    p->stop = !p->emit(p->user, p->text, p->sentence, m);
    return !p->stop;
}

static bool tag_sentence(void *user, const char *text, const struct sel_sentence *s)
{
    struct tag_pass *p = user;
    if (s->boilerplate && !p->t->furniture)
        return true; // site furniture is not where terms are looked for
    p->sentence = s;
    p->text = text;
    // a site dateline ("TEMPO.CO, Jakarta -") opens the sentence but is not where terms are
    size_t start = s->start + (p->t->furniture ? 0 : s->dateline_len);
    p->rc = sel_tagger_tag_span(p->t, p->ctx, text, start, s->end, false, forward_match, p);
    return p->rc == SEL_OK && !p->stop;
}

void sel_tagger_include_furniture(sel_tagger *t, bool on)
{
    t->furniture = on;
}

int sel_tagger_tag(sel_tagger *t, sel_ctx *ctx, const char *text, size_t len, bool lines, sel_tag_fn emit, void *user)
{
    SEL_CHECK_ARG(t && (text || len == 0) && emit, SEL_EINVAL);
    struct tag_pass p = { t, ctx, emit, user, NULL, text, false, SEL_OK };
    sel_sense_new_document(t->sense);
    if (!lines) {
        int rc = need_segmenter(t, ctx);
        if (rc == SEL_OK)
            rc = sel_segment(t->segmenter, ctx, text, len, tag_sentence, &p);
        return rc != SEL_OK ? rc : p.rc;
    }
    // every line is one sentence: no segmentation, no boilerplate detection
    struct sel_sentence s = { 0 };
    for (size_t pos = 0; pos < len && !p.stop;) {
        size_t end = pos;
        while (end < len && text[end] != '\n' && text[end] != '\r')
            end++;
        s.line++;
        s.para++;
        s.index++;
        s.line_start = s.start = pos;
        s.end = end;
        if (!tag_sentence(&p, text, &s))
            break;
        pos = end + (end < len) + (end + 1 < len && text[end] == '\r' && text[end + 1] == '\n');
    }
    return p.rc;
}
