// SPDX-License-Identifier: MIT
// The glossary: concepts of the bundled termbase, overridden or followed by the user's own, with
// counts, confirmations and a context sentence from the corpus; filtered; written in a format.
#include "src/formats/formats_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int sel_glossary_new(sel_glossary **out)
{
    SEL_CHECK_ARG(out, SEL_EINVAL);
    sel_glossary *g = calloc(1, sizeof(*g));
    if (!g || sel_strmap_new(&g->by_id) != SEL_OK) {
        free(g);
        return SEL_ENOMEM;
    }
    *out = g;
    return SEL_OK;
}

void sel_glossary_free(sel_glossary *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n; i++)
        free(g->entries[i].terms);
    free(g->entries);
    free(g->term_caps);
    sel_strmap_free(g->by_id);
    if (g->warnings)
        buf_finish(g->warnings);
    free(g->warnings);
    sel_arena_finish(&g->arena);
    free(g);
}

size_t sel_glossary_count(const sel_glossary *g)
{
    return g ? g->n : 0;
}

const struct sel_gloss_entry *sel_glossary_entry(const sel_glossary *g, size_t i)
{
    return g && i < g->n ? &g->entries[i] : NULL;
}

const char *gloss_strdup(sel_glossary *g, const char *s)
{
    return s ? sel_arena_strndup(&g->arena, s, strlen(s)) : NULL;
}

size_t gloss_find(const sel_glossary *g, const char *concept_id)
{
    void *v = sel_strmap_get(g->by_id, concept_id, strlen(concept_id));
    return v ? (size_t)(uintptr_t)v - 1 : (size_t)-1;
}

static bool ncname_start(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
}

static bool ncname_char(unsigned char c)
{
    return ncname_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

const char *gloss_ncname(sel_glossary *g, const char *s)
{
    size_t len = strlen(s);
    char *out = sel_arena_alloc(&g->arena, len + 3);
    if (!out)
        return NULL;
    size_t k = 0;
    // Non-ASCII letters are NCName characters, but not every non-ASCII character is: keep
    // identifiers to ASCII so that every XML reader accepts them.
    if (len == 0 || !ncname_start((unsigned char)s[0]) || (unsigned char)s[0] >= 0x80)
        out[k++] = 'c';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        out[k++] = c < 0x80 && ncname_char(c) ? (char)c : '_';
    }
    out[k] = '\0';
    return out;
}

int gloss_add_entry(sel_glossary *g, sel_ctx *ctx, const char *concept_id, const char *subject,
                    const char *definition, const char *note, size_t *index)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 64;
        struct sel_gloss_entry *e = realloc(g->entries, cap * sizeof(*e));
        if (!e)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        g->entries = e;
        size_t *tc = realloc(g->term_caps, cap * sizeof(*tc));
        if (!tc)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        g->term_caps = tc;
        g->cap = cap;
    }
    struct sel_gloss_entry *e = &g->entries[g->n];
    *e = (struct sel_gloss_entry){ .count = -1 };
    e->concept_id = gloss_strdup(g, concept_id);
    e->subject = gloss_strdup(g, subject);
    e->definition = gloss_strdup(g, definition);
    e->note = gloss_strdup(g, note);
    if (!e->concept_id || (subject && !e->subject) || (definition && !e->definition) || (note && !e->note))
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    g->term_caps[g->n] = 0;
    if (sel_strmap_put(g->by_id, concept_id, strlen(concept_id), (void *)(uintptr_t)(g->n + 1)) != SEL_OK)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (index)
        *index = g->n;
    g->n++;
    return SEL_OK;
}

int gloss_add_term(sel_glossary *g, sel_ctx *ctx, size_t index, const struct sel_gloss_term *t)
{
    struct sel_gloss_entry *e = &g->entries[index];
    if (e->n_terms == g->term_caps[index]) {
        size_t cap = g->term_caps[index] ? g->term_caps[index] * 2 : 8;
        struct sel_gloss_term *terms = realloc(e->terms, cap * sizeof(*terms));
        if (!terms)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        e->terms = terms;
        g->term_caps[index] = cap;
    }
    struct sel_gloss_term *n = &e->terms[e->n_terms];
    n->lang = gloss_strdup(g, t->lang);
    n->text = gloss_strdup(g, t->text);
    n->pos = gloss_strdup(g, t->pos);
    n->type = gloss_strdup(g, t->type);
    n->status = gloss_strdup(g, t->status ? t->status : "admitted");
    n->context = gloss_strdup(g, t->context);
    n->cited_source = gloss_strdup(g, t->cited_source);
    n->confirmed = t->confirmed;
    if (!n->lang || !n->text || !n->status || (t->context && !n->context) || (t->cited_source && !n->cited_source))
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    e->n_terms++;
    return SEL_OK;
}

void gloss_clear_terms(sel_glossary *g, size_t index)
{
    g->entries[index].n_terms = 0;
}

static const char *const tbx_status[][2] = {
    { "preferred", "preferredTerm-admn-sts" },
    { "admitted", "admittedTerm-admn-sts" },
    { "deprecated", "deprecatedTerm-admn-sts" },
    { "deprecated", "supersededTerm-admn-sts" },
};

const char *gloss_status_to_tbx(const char *status)
{
    for (size_t i = 0; i < sizeof(tbx_status) / sizeof(tbx_status[0]); i++)
        if (status && strcmp(status, tbx_status[i][0]) == 0)
            return tbx_status[i][1];
    return NULL;
}

const char *gloss_status_from_tbx(const char *value)
{
    for (size_t i = 0; i < sizeof(tbx_status) / sizeof(tbx_status[0]); i++)
        if (value && strcmp(value, tbx_status[i][1]) == 0)
            return tbx_status[i][0];
    return NULL;
}

int gloss_status_rank(const char *status)
{
    if (!status || strcmp(status, "admitted") == 0)
        return 1;
    return strcmp(status, "preferred") == 0 ? 0 : 2;
}

/* ---- Building ------------------------------------------------------------------------------ */

static int add_termbase(sel_glossary *g, sel_ctx *ctx, const sel_termbase *tb)
{
    for (size_t i = 0; i < sel_termbase_concept_count(tb); i++) {
        const struct sel_concept *c = sel_termbase_concept(tb, i);
        size_t index;
        int rc = gloss_add_entry(g, ctx, c->id, c->subject, c->definition, c->note, &index);
        for (size_t k = 0; rc == SEL_OK && k < c->n_terms; k++) {
            const struct sel_term *t = &c->terms[k];
            if (t->status == SEL_STATUS_AID)
                continue; // a matching aid ("led" for pimpinan) is not an equivalent to export
            struct sel_gloss_term gt = { .lang = t->lang, .text = t->text, .pos = sel_pos_name(t->pos),
                                         .type = sel_term_type_name(t->type),
                                         .status = sel_term_status_name(t->status) };
            rc = gloss_add_term(g, ctx, index, &gt);
        }
        if (rc != SEL_OK)
            return rc;
    }
    return SEL_OK;
}

// The user's concepts replace bundled ones of the same identifier (in place) or follow them.
struct user_read {
    sel_glossary *g;
    sel_ctx *ctx;
    size_t index; // of the concept whose terms come
};

static int take_user_concept(void *user, const struct sel_user_concept *c)
{
    struct user_read *u = user;
    sel_glossary *g = u->g;
    size_t index = gloss_find(g, c->id);
    if (index == (size_t)-1) {
        int rc = gloss_add_entry(g, u->ctx, c->id, c->subject, c->definition, c->note, &index);
        if (rc != SEL_OK)
            return rc;
    } else {
        struct sel_gloss_entry *e = &g->entries[index];
        e->subject = gloss_strdup(g, c->subject);
        e->definition = gloss_strdup(g, c->definition);
        e->note = gloss_strdup(g, c->note);
        gloss_clear_terms(g, index);
    }
    g->entries[index].cited_source = gloss_strdup(g, c->cited_source);
    if (c->cited_source && !g->entries[index].cited_source)
        return sel_error(u->ctx, SEL_ENOMEM, "out of memory");
    g->entries[index].user = true;
    u->index = index;
    return SEL_OK;
}

static int take_user_term(void *user, const char *concept_id, const struct sel_user_term *t)
{
    (void)concept_id;
    struct user_read *u = user;
    struct sel_gloss_term gt = { .lang = t->lang, .text = t->text, .pos = t->pos, .type = t->type,
                                 .status = t->status, .context = t->context, .cited_source = t->cited_source };
    return gloss_add_term(u->g, u->ctx, u->index, &gt);
}

static int add_user_entries(sel_glossary *g, sel_ctx *ctx, sel_store *st)
{
    struct user_read u = { g, ctx, 0 };
    return sel_store_user_entries(st, ctx, take_user_concept, take_user_term, &u);
}

struct corpus_read {
    sel_glossary *g;
    sel_ctx *ctx;
    const char *src_lang, *tgt_lang;
    // forms come grouped by concept: those of the current one, copied into the arena at its end
    size_t forms_of;
    struct sel_gloss_form *forms;
    size_t n_forms, cap_forms;
};

// Count, first occurrence as the example, and as the context of the term that matched there.
static int take_count(void *user, const struct sel_concept_count *c)
{
    struct corpus_read *r = user;
    sel_glossary *g = r->g;
    size_t index = gloss_find(g, c->concept_id);
    if (index == (size_t)-1)
        return SEL_OK; // a concept no longer in any termbase
    struct sel_gloss_entry *e = &g->entries[index];
    e->count = c->count;
    if (!c->sentence)
        return SEL_OK;
    const char *sentence = gloss_strdup(g, c->sentence);
    if (!sentence || (c->path && !(e->example_path = gloss_strdup(g, c->path))))
        return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
    if (c->path) { // an example names its place
        e->example = sentence;
        e->example_sentence = c->number;
    }
    struct sel_gloss_term *holder = NULL;
    for (size_t k = 0; k < e->n_terms && !holder; k++)
        if (sel_lang_matches(e->terms[k].lang, r->src_lang) && c->term && strcmp(e->terms[k].text, c->term) == 0)
            holder = &e->terms[k];
    for (size_t k = 0; k < e->n_terms && !holder; k++)
        if (sel_lang_matches(e->terms[k].lang, r->src_lang))
            holder = &e->terms[k];
    if (holder && !holder->context) // a context the user gave stays
        holder->context = sentence;
    return SEL_OK;
}

static int take_confirmed(void *user, const char *concept_id, const char *target, long count)
{
    struct corpus_read *r = user;
    size_t index = gloss_find(r->g, concept_id);
    if (index == (size_t)-1)
        return SEL_OK;
    struct sel_gloss_entry *e = &r->g->entries[index];
    e->confirmed = true;
    for (size_t k = 0; k < e->n_terms; k++)
        if (sel_lang_matches(e->terms[k].lang, r->tgt_lang) && target && strcmp(e->terms[k].text, target) == 0)
            e->terms[k].confirmed = count;
    return SEL_OK;
}

// Gives the forms gathered to their concept, in the glossary's arena.
static int flush_forms(struct corpus_read *r)
{
    if (r->forms_of == (size_t)-1 || r->n_forms == 0)
        return SEL_OK;
    struct sel_gloss_form *copy = sel_arena_alloc(&r->g->arena, r->n_forms * sizeof(*copy));
    if (!copy)
        return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
    memcpy(copy, r->forms, r->n_forms * sizeof(*copy));
    r->g->entries[r->forms_of].forms = copy;
    r->g->entries[r->forms_of].n_forms = r->n_forms;
    r->n_forms = 0;
    return SEL_OK;
}

static int take_form(void *user, const char *concept_id, const char *text, long count)
{
    struct corpus_read *r = user;
    size_t index = gloss_find(r->g, concept_id);
    if (index != r->forms_of) {
        int rc = flush_forms(r);
        if (rc != SEL_OK)
            return rc;
        r->forms_of = index;
    }
    if (index == (size_t)-1)
        return SEL_OK;
    if (r->n_forms == r->cap_forms) {
        size_t cap = r->cap_forms ? r->cap_forms * 2 : 16;
        struct sel_gloss_form *grown = realloc(r->forms, cap * sizeof(*grown));
        if (!grown)
            return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
        r->forms = grown;
        r->cap_forms = cap;
    }
    r->forms[r->n_forms] = (struct sel_gloss_form){ gloss_strdup(r->g, text ? text : ""), count };
    if (!r->forms[r->n_forms].text)
        return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
    r->n_forms++;
    return SEL_OK;
}

// Counts, first context sentence and confirmations from the corpus (and with @p details the forms).
static int add_corpus(sel_glossary *g, sel_ctx *ctx, sel_store *st, const struct sel_gloss_options *opt)
{
    struct corpus_read r = { g, ctx, opt->src_lang ? opt->src_lang : "id", opt->tgt_lang ? opt->tgt_lang : "en",
                             (size_t)-1, NULL, 0, 0 };
    for (size_t i = 0; i < g->n; i++)
        g->entries[i].count = 0;
    int rc = sel_store_concept_counts(st, ctx, 1, take_count, &r);
    if (rc == SEL_OK)
        rc = sel_store_confirmed_targets(st, ctx, take_confirmed, &r);
    if (rc == SEL_OK && opt->details)
        rc = sel_store_concept_forms(st, ctx, take_form, &r);
    if (rc == SEL_OK)
        rc = flush_forms(&r);
    free(r.forms);
    return rc;
}

// Puts the terms of @p e in the one order of equivalents (lexicon/equivalents.c), language by
// language in the order they first appear: the target terms by how often the user's translations
// confirmed them, every language by status, the deprecated last. Writers then keep array order.
static int order_terms(struct sel_gloss_entry *e, sel_ctx *ctx)
{
    if (e->n_terms < 2)
        return SEL_OK;
    struct sel_equivalent *eq = malloc(e->n_terms * sizeof(*eq));
    struct sel_gloss_term *terms = malloc(e->n_terms * sizeof(*terms));
    if (!eq || !terms) {
        free(eq);
        free(terms);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    size_t done = 0;
    for (size_t first = 0; first < e->n_terms; first++) {
        const char *lang = e->terms[first].lang;
        bool seen = false; // the language had its turn at an earlier term
        for (size_t k = 0; k < first && !seen; k++)
            seen = strcmp(e->terms[k].lang, lang) == 0;
        if (seen)
            continue;
        size_t n = 0;
        for (size_t k = first; k < e->n_terms; k++)
            if (strcmp(e->terms[k].lang, lang) == 0)
                eq[n++] = (struct sel_equivalent){ k, (enum sel_term_status)gloss_status_rank(e->terms[k].status),
                                                   e->terms[k].confirmed };
        sel_equivalents_order(eq, n);
        for (size_t k = 0; k < n; k++)
            terms[done++] = e->terms[eq[k].index];
    }
    memcpy(e->terms, terms, e->n_terms * sizeof(*terms));
    free(eq);
    free(terms);
    return SEL_OK;
}

static bool keep(const struct sel_gloss_entry *e, const struct sel_gloss_options *opt)
{
    if (opt->subject && (!e->subject || strcmp(e->subject, opt->subject) != 0))
        return false;
    if (opt->source == SEL_SOURCE_CORPUS && e->count <= 0)
        return false;
    if (opt->min_count > 0 && e->count < opt->min_count)
        return false;
    if (opt->confirmed_only && !e->confirmed)
        return false;
    return e->n_terms > 0;
}

int sel_glossary_build(sel_glossary **out, sel_ctx *ctx, const sel_termbase *tb, sel_store *st,
                       const struct sel_gloss_options *opt)
{
    SEL_CHECK_ARG(out && opt, SEL_EINVAL);
    *out = NULL;
    if (opt->source == SEL_SOURCE_CORPUS && !st)
        return sel_error(ctx, SEL_ENOTFOUND, "a corpus glossary needs a database (run 'selaras ingest' first)");
    sel_glossary *g = NULL;
    int rc = sel_glossary_new(&g);
    if (rc != SEL_OK)
        return sel_error(ctx, rc, "out of memory");
    if (tb)
        rc = add_termbase(g, ctx, tb);
    if (rc == SEL_OK && st)
        rc = add_user_entries(g, ctx, st);
    if (rc == SEL_OK && st)
        rc = add_corpus(g, ctx, st, opt);
    for (size_t i = 0; rc == SEL_OK && i < g->n; i++)
        rc = order_terms(&g->entries[i], ctx);
    if (rc != SEL_OK) {
        sel_glossary_free(g);
        return rc;
    }
    // Filter in place, keeping the order; the id map is rebuilt for the survivors.
    size_t kept = 0;
    for (size_t i = 0; i < g->n; i++) {
        struct sel_gloss_entry e = g->entries[i];
        if (opt->source == SEL_SOURCE_LEXICON)
            e.count = -1;
        if (!keep(&g->entries[i], opt)) {
            free(e.terms);
            continue;
        }
        g->term_caps[kept] = g->term_caps[i];
        g->entries[kept++] = e;
    }
    g->n = kept;
    sel_strmap_free(g->by_id);
    g->by_id = NULL;
    if (sel_strmap_new(&g->by_id) != SEL_OK)
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    for (size_t i = 0; rc == SEL_OK && i < g->n; i++)
        if (sel_strmap_put(g->by_id, g->entries[i].concept_id, strlen(g->entries[i].concept_id),
                           (void *)(uintptr_t)(i + 1)) != SEL_OK)
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (rc != SEL_OK) {
        sel_glossary_free(g);
        return rc;
    }
    *out = g;
    return SEL_OK;
}

int sel_glossary_write(const sel_glossary *g, sel_ctx *ctx, enum sel_gloss_format fmt,
                       const struct sel_gloss_options *opt, FILE *out)
{
    SEL_CHECK_ARG(g && out, SEL_EINVAL);
    struct sel_gloss_options defaults = { 0 };
    if (!opt)
        opt = &defaults;
    switch (fmt) {
    case SEL_GLOSS_TBX: return gloss_write_tbx(g, ctx, opt, out, false);
    case SEL_GLOSS_TBX3: return gloss_write_tbx(g, ctx, opt, out, true);
    case SEL_GLOSS_CSV: return gloss_write_csv(g, ctx, opt, out);
    case SEL_GLOSS_TSV: return gloss_write_tsv(g, ctx, opt, out);
    case SEL_GLOSS_JSON: return gloss_write_json(g, ctx, opt, out);
    }
    return sel_error(ctx, SEL_EINVAL, "unknown glossary format");
}
