// SPDX-License-Identifier: MIT
// The sense in context: when one form stands under several concepts (menuntut = demand or
// prosecute, RSF = Reporters Without Borders or the Rapid Support Forces, Sekretaris Jenderal of
// the UN or of a party), choose the concept the text means. The evidence, strongest first:
//  - the aligned translation, when there is one, holds an equivalent of one of them only;
//  - the collocates a concept declares (`context:` in the termbase source) occur in the sentence,
//    or earlier in the document;
//  - the other terms of the sentence and of the document so far share one concept's subject field;
//  - the user's own concept, then the sense news usually means (`usual:` in the termbase source).
// With no evidence the matcher's own choice (preferred term, then reading order) stands.
#include "lexicon/sense.h"
#include "lexicon/termbase_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Weights: a translation decides; a collocate in the sentence outweighs subject counts; what the
// document said earlier counts less than the sentence itself.
#define W_TARGET 8.0
#define W_COLLOC_NEAR 5.0      // within NEAR tokens of the form: "para wakil", "menuntut pembebasan"
#define W_COLLOC_SENTENCE 2.0
#define W_COLLOC_DOCUMENT 1.0  // times 1.5 at most
#define W_SUBJECT_SENTENCE 0.5 // per term, at most three
#define W_SUBJECT_DOCUMENT 1.0
#define W_USUAL 0.75           // the sense a form usually has in news (`usual:`), when nothing else speaks
#define W_USER 1.0             // the user's own concept: what they asked for, unless the text says otherwise
#define NEAR 3

enum { MAX_COLLOC_WORDS = 8, N_SUBJECTS = 32 };

struct colloc {
    const struct sel_concept *concept;
    const char *keys[MAX_COLLOC_WORDS]; // lowercased lemmas, in the arena
    size_t n;
    size_t next;                        // index + 1 of the next collocate with the same first key
};

struct sel_sense {
    const sel_termbase *tb;
    char lang[16];             // the text's language: a translation holds the other languages' terms
    struct sel_arena arena;
    struct colloc *collocs;
    size_t n_collocs, cap_collocs;
    sel_strmap *first;         // first key -> index + 1 of its first collocate
    bool built;
    bool *in_sentence, *in_document; // per collocate
    size_t *at;                // per collocate found in the sentence: its first and last token
    size_t sent_subject[N_SUBJECTS], doc_subject[N_SUBJECTS];
    size_t sent_terms, doc_terms;
    char *target;              // lowercased aligned translation, or NULL
};

int sel_sense_new(sel_sense **out, const sel_termbase *tb, const char *lang)
{
    *out = calloc(1, sizeof(**out));
    if (!*out)
        return SEL_ENOMEM;
    (*out)->tb = tb;
    snprintf((*out)->lang, sizeof((*out)->lang), "%s", lang);
    if (sel_strmap_new(&(*out)->first) != SEL_OK) {
        sel_sense_free(*out);
        *out = NULL;
        return SEL_ENOMEM;
    }
    return SEL_OK;
}

void sel_sense_free(sel_sense *s)
{
    if (!s)
        return;
    sel_strmap_free(s->first);
    free(s->collocs);
    free(s->in_sentence);
    free(s->in_document);
    free(s->at);
    free(s->target);
    sel_arena_finish(&s->arena);
    free(s);
}

static int subject_index(const char *subject)
{
    for (int i = 0; sel_subjects[i] && i < N_SUBJECTS; i++)
        if (strcmp(sel_subjects[i], subject) == 0)
            return i;
    return -1;
}

// Analyses every collocate of the termbase once, with the analyzer that analyses the text.
static int build(sel_sense *s, sel_ctx *ctx, sel_analyzer *an)
{
    s->built = true;
    char keys[1024], roots[1024], item[256];
    for (size_t i = 0; i < sel_termbase_concept_count(s->tb); i++) {
        const struct sel_concept *c = sel_termbase_concept(s->tb, i);
        for (const char *p = c->context; p && *p;) {
            size_t len = strcspn(p, ",");
            const char *next = p[len] ? p + len + 1 : p + len;
            while (len && (*p == ' ')) {
                p++;
                len--;
            }
            while (len && p[len - 1] == ' ')
                len--;
            snprintf(item, sizeof(item), "%.*s", (int)len, p);
            p = next;
            int rc = sel_term_keys_compute(an, ctx, item, keys, sizeof(keys), roots, sizeof(roots));
            if (rc != SEL_OK)
                return rc;
            if (!*keys)
                continue;
            if (SEL_ARRAY_RESERVE(s->collocs, s->cap_collocs, s->n_collocs + 1) != SEL_OK)
                return sel_error(ctx, SEL_ENOMEM, "out of memory");
            struct colloc *k = &s->collocs[s->n_collocs];
            *k = (struct colloc){ .concept = c };
            for (char *save = NULL, *w = strtok_r(keys, SEL_KEY_SEP, &save); w && k->n < MAX_COLLOC_WORDS;
                 w = strtok_r(NULL, SEL_KEY_SEP, &save))
                if (!(k->keys[k->n++] = sel_arena_strndup(&s->arena, w, strlen(w))))
                    return sel_error(ctx, SEL_ENOMEM, "out of memory");
            size_t head = (size_t)(uintptr_t)sel_strmap_get(s->first, k->keys[0], strlen(k->keys[0]));
            k->next = head;
            s->n_collocs++;
            if (sel_strmap_put(s->first, k->keys[0], strlen(k->keys[0]), (void *)(uintptr_t)s->n_collocs) != SEL_OK)
                return sel_error(ctx, SEL_ENOMEM, "out of memory");
        }
    }
    s->in_sentence = calloc(s->n_collocs ? s->n_collocs : 1, sizeof(bool));
    s->in_document = calloc(s->n_collocs ? s->n_collocs : 1, sizeof(bool));
    s->at = calloc(2 * (s->n_collocs ? s->n_collocs : 1), sizeof(size_t));
    if (!s->in_sentence || !s->in_document || !s->at)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    return SEL_OK;
}

void sel_sense_new_document(sel_sense *s)
{
    if (s->in_document)
        memset(s->in_document, 0, s->n_collocs * sizeof(bool));
    memset(s->doc_subject, 0, sizeof(s->doc_subject));
    s->doc_terms = 0;
}

int sel_sense_set_target(sel_sense *s, sel_ctx *ctx, const char *target, size_t len)
{
    free(s->target);
    s->target = NULL;
    if (!target)
        return SEL_OK;
    size_t size = len * 2 + 16; // lowercasing can lengthen a few letters
    char *copy = malloc(len + 1), *lower = malloc(size);
    if (!copy || !lower) {
        free(copy);
        free(lower);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    memcpy(copy, target, len);
    copy[len] = '\0';
    sel_text_lowercase(copy, lower, size);
    free(copy);
    s->target = lower;
    return SEL_OK;
}

int sel_sense_begin_sentence(sel_sense *s, sel_ctx *ctx, sel_analyzer *an, const char *text,
                             const struct sel_token *tokens, size_t n)
{
    if (!s->built) {
        int rc = build(s, ctx, an);
        if (rc != SEL_OK)
            return rc;
    }
    memset(s->in_sentence, 0, s->n_collocs * sizeof(bool));
    memset(s->sent_subject, 0, sizeof(s->sent_subject));
    s->sent_terms = 0;
    if (!s->n_collocs)
        return SEL_OK;
    char key[256], next_key[256];
    for (size_t i = 0; i < n; i++) {
        sel_token_key(text, &tokens[i], key, sizeof(key));
        for (size_t k = (size_t)(uintptr_t)sel_strmap_get(s->first, key, strlen(key)); k; k = s->collocs[k - 1].next) {
            const struct colloc *c = &s->collocs[k - 1];
            bool all = i + c->n <= n;
            for (size_t w = 1; all && w < c->n; w++) {
                sel_token_key(text, &tokens[i + w], next_key, sizeof(next_key));
                all = strcmp(next_key, c->keys[w]) == 0;
            }
            if (all && !s->in_sentence[k - 1]) {
                s->in_sentence[k - 1] = true;
                s->at[2 * (k - 1)] = i;
                s->at[2 * (k - 1) + 1] = i + c->n - 1;
            }
        }
    }
    return SEL_OK;
}

void sel_sense_note_term(sel_sense *s, const struct sel_concept *c)
{
    int k = subject_index(c->subject);
    if (k >= 0)
        s->sent_subject[k]++;
    s->sent_terms++;
}

void sel_sense_end_sentence(sel_sense *s)
{
    for (size_t i = 0; i < s->n_collocs; i++)
        s->in_document[i] = s->in_document[i] || s->in_sentence[i];
    for (size_t i = 0; i < N_SUBJECTS; i++)
        s->doc_subject[i] += s->sent_subject[i];
    s->doc_terms += s->sent_terms;
}

// Whether @p term occurs in the lowercased @p target as a word, plain or with a regular ending
// ("demand" in "demanded", "release" in "released").
static bool target_holds(const char *target, const char *term)
{
    char t[512];
    sel_text_lowercase(term, t, sizeof(t));
    size_t len = strlen(t);
    if (!len)
        return false;
    static const char *const endings[] = { "", "s", "es", "d", "ed", "ing", NULL };
    for (const char *p = strstr(target, t); p; p = strstr(p + 1, t)) {
        if (p > target && ((p[-1] >= 'a' && p[-1] <= 'z') || (unsigned char)p[-1] >= 0x80))
            continue;
        const char *after = p + len;
        for (size_t e = 0; endings[e]; e++) {
            size_t el = strlen(endings[e]);
            if (strncmp(after, endings[e], el) == 0 &&
                !((after[el] >= 'a' && after[el] <= 'z') || (unsigned char)after[el] >= 0x80))
                return true;
        }
    }
    return false;
}

double sel_sense_score(const sel_sense *s, const struct sel_concept *c, size_t first, size_t last)
{
    double score = (c->usual ? W_USUAL : 0) + (c->origin ? W_USER : 0);
    size_t in_document = 0;
    for (size_t i = 0; i < s->n_collocs; i++) {
        if (s->collocs[i].concept != c)
            continue;
        if (s->in_sentence[i]) {
            size_t a = s->at[2 * i], b = s->at[2 * i + 1];
            bool near = first != SIZE_MAX && ((b < first && first - b <= NEAR) || (a > last && a - last <= NEAR));
            score += near ? W_COLLOC_NEAR : W_COLLOC_SENTENCE;
        } else if (s->in_document[i]) {
            in_document++;
        }
    }
    // what the document said earlier leans, it does not outvote the sentence: at most one and a
    // half collocates' worth however many earlier collocates there were
    score += in_document ? W_COLLOC_DOCUMENT * (in_document >= 2 ? 1.5 : 1.0) : 0;
    int k = subject_index(c->subject);
    if (k >= 0) {
        score += W_SUBJECT_SENTENCE * (double)(s->sent_subject[k] < 3 ? s->sent_subject[k] : 3);
        if (s->doc_terms)
            score += W_SUBJECT_DOCUMENT * (double)s->doc_subject[k] / (double)s->doc_terms;
    }
    return score;
}

// Whether the aligned translation holds an equivalent of @p c.
static bool translated_as(const sel_sense *s, const struct sel_concept *c)
{
    for (size_t i = 0; s->target && i < c->n_terms; i++) {
        const struct sel_term *t = &c->terms[i];
        if (strcmp(t->lang, s->lang) != 0 && t->status != SEL_STATUS_DEPRECATED && target_holds(s->target, t->text))
            return true;
    }
    return false;
}

size_t sel_sense_choose(const sel_sense *s, const struct sel_concept *const *candidates, size_t n, size_t first,
                        size_t last)
{
    // The translation decides only when it holds the equivalent of one candidate: senses often
    // share an English word (release, free), and a word both have says nothing.
    size_t translated = SIZE_MAX;
    for (size_t i = 0; s->target && i < n; i++)
        if (translated_as(s, candidates[i]))
            translated = translated == SIZE_MAX ? i : SIZE_MAX - 1;
    size_t best = 0;
    double best_score = n ? sel_sense_score(s, candidates[0], first, last) + (translated == 0 ? W_TARGET : 0) : 0;
    for (size_t i = 1; i < n; i++) {
        double score = sel_sense_score(s, candidates[i], first, last) + (translated == i ? W_TARGET : 0);
        if (score > best_score) { // ties keep the matcher's order
            best = i;
            best_score = score;
        }
    }
    return best;
}
