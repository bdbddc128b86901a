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
    if (!n->lang || !n->text || !n->status)
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

static const char *column_text(sqlite3_stmt *s, int col)
{
    return (const char *)sqlite3_column_text(s, col);
}

static const char SQL_USER_CONCEPTS[] =
    "SELECT id, subject, definition, note FROM user_concept ORDER BY rowid";
static const char SQL_USER_TERMS[] =
    "SELECT lang, text, pos, type, status FROM user_term WHERE concept_id = ?1 ORDER BY id";

// The user's concepts replace bundled ones of the same identifier (in place) or follow them.
static int add_user_entries(sel_glossary *g, sel_ctx *ctx, sel_store *st)
{
    sqlite3_stmt *concepts = NULL, *terms = NULL;
    int rc = sel_store_prepare(st, ctx, SQL_USER_CONCEPTS, &concepts);
    if (rc == SEL_OK)
        rc = sel_store_prepare(st, ctx, SQL_USER_TERMS, &terms);
    int step;
    while (rc == SEL_OK && (step = sqlite3_step(concepts)) == SQLITE_ROW) {
        const char *id = column_text(concepts, 0);
        size_t index = gloss_find(g, id);
        if (index == (size_t)-1) {
            rc = gloss_add_entry(g, ctx, id, column_text(concepts, 1), column_text(concepts, 2),
                                 column_text(concepts, 3), &index);
        } else {
            struct sel_gloss_entry *e = &g->entries[index];
            e->subject = gloss_strdup(g, column_text(concepts, 1));
            e->definition = gloss_strdup(g, column_text(concepts, 2));
            e->note = gloss_strdup(g, column_text(concepts, 3));
            gloss_clear_terms(g, index);
        }
        if (rc != SEL_OK)
            break;
        g->entries[index].user = true;
        sqlite3_reset(terms);
        sqlite3_bind_text(terms, 1, id, -1, SQLITE_TRANSIENT);
        while (rc == SEL_OK && (step = sqlite3_step(terms)) == SQLITE_ROW) {
            struct sel_gloss_term t = { .lang = column_text(terms, 0), .text = column_text(terms, 1),
                                        .pos = column_text(terms, 2), .type = column_text(terms, 3),
                                        .status = column_text(terms, 4) };
            rc = gloss_add_term(g, ctx, index, &t);
        }
        if (rc == SEL_OK && step != SQLITE_DONE)
            rc = sel_error(ctx, SEL_ESQLITE, "reading user terms: %s", sqlite3_errmsg(sel_store_db(st)));
        step = SQLITE_DONE;
    }
    if (rc == SEL_OK && step != SQLITE_DONE)
        rc = sel_error(ctx, SEL_ESQLITE, "reading user concepts: %s", sqlite3_errmsg(sel_store_db(st)));
    sqlite3_finalize(terms);
    sqlite3_finalize(concepts);
    return rc;
}

// Counts and confirmations read table mention: they need no surface, so not the view
// occurrence, which looks up every occurrence's sentence.
static const char SQL_COUNTS[] =
    "SELECT c.name, count(*), min(m.id) FROM mention m JOIN concept c ON c.id = m.concept GROUP BY m.concept";
static const char SQL_CONTEXT[] =
    "SELECT o.term, s.text FROM occurrence o JOIN sentence s ON s.id = o.sentence_id WHERE o.id = ?1";
static const char SQL_CONFIRMED[] =
    "SELECT DISTINCT c.name FROM confirmation f JOIN mention m ON m.id = f.occurrence_id"
    " JOIN concept c ON c.id = m.concept WHERE f.status = 'confirmed'";

// Counts, first context sentence and confirmations from the corpus.
static int add_corpus(sel_glossary *g, sel_ctx *ctx, sel_store *st, const char *src_lang)
{
    sqlite3_stmt *counts = NULL, *context = NULL, *confirmed = NULL;
    int rc = sel_store_prepare(st, ctx, SQL_COUNTS, &counts);
    if (rc == SEL_OK)
        rc = sel_store_prepare(st, ctx, SQL_CONTEXT, &context);
    if (rc == SEL_OK)
        rc = sel_store_prepare(st, ctx, SQL_CONFIRMED, &confirmed);
    for (size_t i = 0; rc == SEL_OK && i < g->n; i++)
        g->entries[i].count = 0;
    int step = SQLITE_DONE;
    while (rc == SEL_OK && (step = sqlite3_step(counts)) == SQLITE_ROW) {
        size_t index = gloss_find(g, column_text(counts, 0));
        if (index == (size_t)-1)
            continue; // a concept no longer in any termbase
        struct sel_gloss_entry *e = &g->entries[index];
        e->count = sqlite3_column_int64(counts, 1);
        sqlite3_reset(context);
        sqlite3_bind_int64(context, 1, sqlite3_column_int64(counts, 2));
        if (sqlite3_step(context) != SQLITE_ROW)
            continue;
        const char *term = column_text(context, 0), *sentence = column_text(context, 1);
        struct sel_gloss_term *holder = NULL;
        for (size_t k = 0; k < e->n_terms && !holder; k++)
            if (strcmp(e->terms[k].lang, src_lang) == 0 && term && strcmp(e->terms[k].text, term) == 0)
                holder = &e->terms[k];
        for (size_t k = 0; k < e->n_terms && !holder; k++)
            if (strcmp(e->terms[k].lang, src_lang) == 0)
                holder = &e->terms[k];
        if (holder && sentence && !(holder->context = gloss_strdup(g, sentence)))
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    if (rc == SEL_OK && step != SQLITE_DONE)
        rc = sel_error(ctx, SEL_ESQLITE, "reading occurrences: %s", sqlite3_errmsg(sel_store_db(st)));
    while (rc == SEL_OK && (step = sqlite3_step(confirmed)) == SQLITE_ROW) {
        size_t index = gloss_find(g, column_text(confirmed, 0));
        if (index != (size_t)-1)
            g->entries[index].confirmed = true;
    }
    if (rc == SEL_OK && step != SQLITE_DONE)
        rc = sel_error(ctx, SEL_ESQLITE, "reading confirmations: %s", sqlite3_errmsg(sel_store_db(st)));
    sqlite3_finalize(confirmed);
    sqlite3_finalize(context);
    sqlite3_finalize(counts);
    return rc;
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
        rc = add_corpus(g, ctx, st, opt->src_lang ? opt->src_lang : "id");
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
