// SPDX-License-Identifier: MIT
// The compiled termbase (lexicon/compiled.c) against the sources it was made from: the same
// concepts and terms field by field, the same lookup answers for every term (exact, and inflected
// where a query for a term's own text is analysed), concepts read from the file on first use
// whole and alike from many threads, and a damaged or foreign file refused so that the sources
// are read instead.
#include "lexicon/compiled.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void open_both(sel_ctx **ctx, sel_termbase **compiled, sel_termbase **parsed)
{
    cr_assert_eq(sel_ctx_new(ctx), SEL_OK);
    cr_assert_eq(sel_termbase_open_bundled(compiled, *ctx), SEL_OK, "%s", sel_ctx_errmsg(*ctx));
    cr_assert_not_null(sel_termbase_compiled(*compiled), "the build made no up-to-date compiled termbase");
    cr_assert_eq(sel_termbase_new(parsed), SEL_OK);
    cr_assert_eq(sel_termbase_read_dir(*parsed, *ctx, NULL, NULL, NULL), SEL_OK, "%s", sel_ctx_errmsg(*ctx));
    cr_assert_null(sel_termbase_compiled(*parsed));
}

// Whether concept @p a, from the compiled file, is @p b, from the sources, field by field.
static bool same_concept(const struct sel_concept *a, const struct sel_concept *b)
{
    if (!(same_str(a->id, b->id) && same_str(a->subject, b->subject) && same_str(a->definition, b->definition) &&
          same_str(a->note, b->note) && same_str(a->homograph, b->homograph) && same_str(a->file, b->file) &&
          a->line == b->line && a->n_terms == b->n_terms && !a->origin))
        return false;
    for (size_t j = 0; j < b->n_terms; j++) {
        const struct sel_term *x = &a->terms[j], *y = &b->terms[j];
        if (!(same_str(x->text, y->text) && same_str(x->lang, y->lang) && x->pos == y->pos && x->type == y->type &&
              x->status == y->status && x->exact_case == y->exact_case && x->line == y->line))
            return false;
    }
    return true;
}

Test(lexicon_compiled, holds_every_concept_and_term_of_the_sources)
{
    sel_ctx *ctx;
    sel_termbase *cp, *src;
    open_both(&ctx, &cp, &src);
    size_t n = sel_termbase_concept_count(src), n_terms = 0;
    cr_assert_gt(n, 1000);
    cr_assert_eq(sel_termbase_concept_count(cp), n);
    for (size_t i = 0; i < n; i++) {
        const struct sel_concept *b = sel_termbase_concept(src, i);
        cr_assert(same_concept(sel_termbase_concept(cp, i), b), "concept %zu (%s) differs", i, b->id);
        n_terms += b->n_terms;
    }
    cr_assert_gt(n_terms, 5000);
    sel_termbase_free(cp);
    sel_termbase_free(src);
    sel_ctx_free(ctx);
}

// An exact lookup reads only the concepts it finds from the file (lexicon/compiled.c): each must
// come whole, though nothing else of the termbase has been read.
Test(lexicon_compiled, a_concept_found_first_is_whole)
{
    sel_ctx *ctx;
    sel_termbase *cp, *src;
    open_both(&ctx, &cp, &src);
    static const char *const queries[] = { "pasukan", "Dewan Keamanan", "TNI", "gencatan senjata", "AS", NULL };
    sel_lookup *lk;
    cr_assert_eq(sel_lookup_new(&lk, ctx, cp, "id"), SEL_OK);
    size_t found = 0;
    for (size_t q = 0; queries[q]; q++) {
        const struct sel_lookup_result *r;
        size_t n;
        cr_assert_eq(sel_lookup_query(lk, ctx, queries[q], &r, &n), SEL_OK, "%s", sel_ctx_errmsg(ctx));
        cr_assert_gt(n, 0, "\"%s\" found nothing", queries[q]);
        for (size_t i = 0; i < n; i++, found++) {
            const struct sel_concept *b = sel_termbase_find(src, r[i].concept->id);
            cr_assert(b && same_concept(r[i].concept, b), "\"%s\": %s differs from the sources", queries[q],
                      r[i].concept->id);
        }
    }
    cr_assert_geq(found, 5);
    sel_lookup_free(lk);
    sel_termbase_free(cp);
    sel_termbase_free(src);
    sel_ctx_free(ctx);
}

// Threads looking up in one termbase, as `--jobs` workers do, each filling the concepts it finds
// while the others fill theirs; afterwards the termbase must be the sources', concept by concept.
struct looker {
    sel_termbase *tb;
    const sel_termbase *src;
    size_t first, step, asked, wrong;
};

static void *look_up_every_nth(void *arg)
{
    struct looker *w = arg;
    sel_ctx *ctx;
    sel_lookup *lk;
    if (sel_ctx_new(&ctx) != SEL_OK || sel_lookup_new(&lk, ctx, w->tb, "id") != SEL_OK) {
        w->wrong++;
        return NULL;
    }
    for (size_t i = w->first; i < sel_termbase_concept_count(w->src); i += w->step) {
        const struct sel_concept *c = sel_termbase_concept(w->src, i);
        for (size_t j = 0; j < c->n_terms; j++) {
            const struct sel_lookup_result *r;
            size_t n;
            if (strcmp(c->terms[j].lang, "id") != 0)
                continue;
            w->asked++;
            if (sel_lookup_query(lk, ctx, c->terms[j].text, &r, &n) != SEL_OK || n == 0)
                w->wrong++;
            for (size_t k = 0; k < n; k++) {
                const struct sel_concept *b = sel_termbase_find(w->src, r[k].concept->id);
                w->wrong += !b || !same_concept(r[k].concept, b);
            }
        }
    }
    sel_lookup_free(lk);
    sel_ctx_free(ctx);
    return NULL;
}

Test(lexicon_compiled, filled_alike_from_many_threads, .timeout = 300)
{
    sel_ctx *ctx;
    sel_termbase *cp, *src;
    open_both(&ctx, &cp, &src);
    enum { THREADS = 4 };
    struct looker w[THREADS];
    pthread_t th[THREADS];
    for (size_t t = 0; t < THREADS; t++) {
        w[t] = (struct looker){ cp, src, t, THREADS, 0, 0 };
        cr_assert_eq(pthread_create(&th[t], NULL, look_up_every_nth, &w[t]), 0);
    }
    size_t asked = 0;
    for (size_t t = 0; t < THREADS; t++) {
        pthread_join(th[t], NULL);
        cr_assert_eq(w[t].wrong, 0, "thread %zu: %zu answers differ from the sources", t, w[t].wrong);
        asked += w[t].asked;
    }
    cr_assert_gt(asked, 3000);
    for (size_t i = 0; i < sel_termbase_concept_count(src); i++)
        cr_assert(same_concept(sel_termbase_concept(cp, i), sel_termbase_concept(src, i)), "concept %zu differs", i);
    sel_termbase_free(cp);
    sel_termbase_free(src);
    sel_ctx_free(ctx);
}

// The answers to @p query from both termbases: the same concepts (by id), kinds and terms, in order.
static void same_answers(sel_lookup *a, sel_lookup *b, sel_ctx *ctx, const char *query)
{
    const struct sel_lookup_result *ra, *rb;
    size_t na, nb;
    cr_assert_eq(sel_lookup_query(a, ctx, query, &ra, &na), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    // the results are borrowed until the next query: keep the first termbase's
    struct { const char *id, *term; enum sel_match_kind kind; } kept[64];
    size_t nk = na < 64 ? na : 64;
    for (size_t i = 0; i < nk; i++)
        kept[i].id = ra[i].concept->id, kept[i].term = ra[i].term->text, kept[i].kind = ra[i].kind;
    cr_assert_eq(sel_lookup_query(b, ctx, query, &rb, &nb), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(na, nb, "\"%s\": %zu answers compiled, %zu from the sources", query, na, nb);
    for (size_t i = 0; i < nk; i++)
        cr_assert(strcmp(kept[i].id, rb[i].concept->id) == 0 && strcmp(kept[i].term, rb[i].term->text) == 0 &&
                      kept[i].kind == rb[i].kind,
                  "\"%s\", answer %zu: %s (%s) compiled, %s (%s) from the sources", query, i + 1, kept[i].id,
                  kept[i].term, rb[i].concept->id, rb[i].term->text);
}

static void every_term_answers_alike(const char *lang, const char *const *extra)
{
    sel_ctx *ctx;
    sel_termbase *cp, *src;
    open_both(&ctx, &cp, &src);
    sel_lookup *a, *b;
    cr_assert_eq(sel_lookup_new(&a, ctx, cp, lang), SEL_OK);
    cr_assert_eq(sel_lookup_new(&b, ctx, src, lang), SEL_OK);
    for (size_t i = 0; i < sel_termbase_concept_count(src); i++) {
        const struct sel_concept *c = sel_termbase_concept(src, i);
        for (size_t j = 0; j < c->n_terms; j++)
            if (strcmp(c->terms[j].lang, lang) == 0)
                same_answers(a, b, ctx, c->terms[j].text);
    }
    // inflected, family and misspelt queries, which take the analyzer and the keys
    for (size_t i = 0; extra[i]; i++)
        same_answers(a, b, ctx, extra[i]);
    sel_lookup_free(a);
    sel_lookup_free(b);
    sel_termbase_free(cp);
    sel_termbase_free(src);
    sel_ctx_free(ctx);
}

Test(lexicon_compiled, indonesian_lookups_answer_as_from_the_sources, .timeout = 300)
{
    static const char *const extra[] = { "dipertahankan", "pasukannya", "serangan-serangan", "menyerang",
                                         "perjanjan", "Kemhan", "kucing", "Korea Utar", "penyerangan", NULL };
    every_term_answers_alike("id", extra);
}

Test(lexicon_compiled, english_lookups_answer_as_from_the_sources, .timeout = 300)
{
    static const char *const extra[] = { "attacked", "troops", "negotiations", "ministr of defence", NULL };
    every_term_answers_alike("en", extra);
}

// Copies the compiled file with @p damage applied; the copy must be refused.
static void refused_when(const char *what, void (*damage)(unsigned char *, size_t *))
{
    char *path = sel_data_path("keys");
    FILE *fp = fopen(path, "rb");
    cr_assert_not_null(fp);
    fseek(fp, 0, SEEK_END);
    size_t len = (size_t)ftell(fp);
    rewind(fp);
    unsigned char *data = malloc(len);
    cr_assert_eq(fread(data, 1, len, fp), len);
    fclose(fp);
    damage(data, &len);
    char copy[] = "/tmp/selaras-test-compiled-XXXXXX";
    int fd = mkstemp(copy);
    cr_assert(fd >= 0);
    fp = fdopen(fd, "wb");
    cr_assert_eq(fwrite(data, 1, len, fp), len);
    fclose(fp);
    sel_ctx *ctx;
    sel_termbase *tb;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    cr_assert_eq(sel_termbase_new(&tb), SEL_OK);
    cr_assert_eq(sel_compiled_open_termbase(tb, ctx, copy), SEL_ENOTFOUND, "%s: not refused", what);
    cr_assert_eq(sel_termbase_concept_count(tb), 0);
    remove(copy);
    free(data);
    free(path);
    sel_termbase_free(tb);
    sel_ctx_free(ctx);
}

static void truncate_half(unsigned char *d, size_t *len) { (void)d; *len /= 2; }
static void other_magic(unsigned char *d, size_t *len) { (void)len; d[0] ^= 1; }
static void other_sources(unsigned char *d, size_t *len)
{
    (void)len;
    // the two source stamps follow the magic, the byte-order mark and three counts
    for (size_t i = 24 + 16; i < 24 + 16 + 16; i++)
        d[i] ^= 0x5a;
}

Test(lexicon_compiled, a_damaged_or_stale_file_is_refused)
{
    refused_when("truncated", truncate_half);
    refused_when("another format", other_magic);
    refused_when("made from other sources", other_sources);
}
