// SPDX-License-Identifier: MIT
// The termbase measured on the dev data (issue 4): how many distinct concepts occur on the
// Indonesian side, and for the occurrences found, the share whose concept also occurs (any of
// its English terms, matched on English lemmas) in the aligned English line.
#include "lexicon/lexicon.h"

#include <criterion/criterion.h>
#include "tests/shared_data.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct found {
    const struct sel_concept *c[512];
    size_t first[512], len[512];
    size_t n;
};

static bool add_found(void *user, const struct sel_term_match *m)
{
    struct found *f = user;
    if (f->n < 512) {
        f->first[f->n] = m->first_token;
        f->len[f->n] = m->n_tokens;
        f->c[f->n++] = m->concept;
    }
    return true;
}

static char **read_lines(sel_ctx *ctx, const char *path, size_t *n, struct sel_text *t)
{
    cr_assert_eq(sel_text_read(t, ctx, path), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    char **lines = malloc((t->len / 2 + 2) * sizeof(*lines));
    *n = 0;
    for (char *p = t->data, *e; p; p = e ? e + 2 : NULL) {
        e = strstr(p, "\r\n"); // the dev data has CRLF line ends
        if (e)
            *e = '\0';
        if (*p || e)
            lines[(*n)++] = p; // not the empty rest after a final CRLF
    }
    return lines;
}

struct miss {
    const struct sel_concept *c;
    size_t count;
};

static int by_count(const void *a, const void *b)
{
    const struct miss *x = a, *y = b;
    return (x->count < y->count) - (x->count > y->count);
}

Test(lexicon_dev_coverage, concepts_found_and_confirmed_in_translations, .timeout = 300)
{
    char id_path[4096], en_path[4096];
    sel_shared_file_or_skip(id_path, sizeof(id_path), "data/panl-int-dev/id.txt");
    sel_shared_file_or_skip(en_path, sizeof(en_path), "data/panl-int-dev/en.txt");
    sel_ctx *ctx = NULL;
    sel_termbase *tb = NULL;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    cr_assert_eq(sel_termbase_new(&tb), SEL_OK);
    cr_assert_eq(sel_termbase_read_dir(tb, ctx, NULL, NULL, NULL), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    sel_tagger *id = NULL, *en = NULL;
    cr_assert_eq(sel_tagger_new(&id, ctx, tb, "id"), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(sel_tagger_new(&en, ctx, tb, "en"), SEL_OK, "%s", sel_ctx_errmsg(ctx));

    struct sel_text tid, ten;
    size_t n_id, n_en;
    char **lid = read_lines(ctx, id_path, &n_id, &tid);
    char **len = read_lines(ctx, en_path, &n_en, &ten);
    cr_assert_eq(n_id, n_en);

    size_t n_concepts = sel_termbase_concept_count(tb);
    struct miss *misses = calloc(n_concepts, sizeof(*misses));
    bool *seen = calloc(n_concepts, sizeof(*seen));
    const struct sel_concept *base = sel_termbase_concept(tb, 0);
    size_t occurrences = 0, confirmed = 0, distinct = 0;
    for (size_t i = 0; i < n_id; i++) {
        struct found src = { .n = 0 }, alt = { .n = 0 }, tgt = { .n = 0 };
        sel_tagger_tag_span(id, ctx, lid[i], 0, strlen(lid[i]), false, add_found, &src);
        // every concept of the same words: a homograph is resolved by what the translator wrote
        sel_tagger_tag_span(id, ctx, lid[i], 0, strlen(lid[i]), true, add_found, &alt);
        sel_tagger_tag_span(en, ctx, len[i], 0, strlen(len[i]), true, add_found, &tgt);
        for (size_t k = 0; k < src.n; k++) {
            size_t ci = (size_t)(src.c[k] - base);
            occurrences++;
            if (!seen[ci]) {
                seen[ci] = true;
                distinct++;
            }
            bool ok = false;
            for (size_t a = 0; a < alt.n && !ok; a++) {
                if (alt.first[a] != src.first[k] || alt.len[a] != src.len[k])
                    continue;
                for (size_t j = 0; j < tgt.n && !ok; j++)
                    ok = tgt.c[j] == alt.c[a];
            }
            confirmed += ok;
            const char *debug = getenv("SEL_DEBUG_COVERAGE"); // a concept id: print its misses
            if (!ok && debug && strcmp(debug, src.c[k]->id) == 0)
                fprintf(stderr, "MISS %s\n  id: %s\n  en: %s\n", debug, lid[i], len[i]);
            if (!ok) {
                misses[ci].c = src.c[k];
                misses[ci].count++;
            }
        }
    }
    double share = occurrences ? (double)confirmed / (double)occurrences : 0;
    fprintf(stderr, "dev data: %zu lines, %zu term occurrences of %zu distinct concepts; %zu (%.1f%%) confirmed "
            "in the aligned English line\n", n_id, occurrences, distinct, confirmed, 100 * share);
    qsort(misses, n_concepts, sizeof(*misses), by_count);
    for (size_t i = 0; i < 25 && misses[i].count; i++)
        fprintf(stderr, "  unconfirmed %4zu  %s\n", misses[i].count, misses[i].c->id);
    cr_expect_geq(distinct, 600, "%zu distinct concepts found, want >= 600", distinct);
    cr_expect_geq(share, 0.85, "%.3f of occurrences confirmed, want >= 0.85", share);

    free(misses);
    free(seen);
    free(lid);
    free(len);
    sel_text_finish(&tid);
    sel_text_finish(&ten);
    sel_tagger_free(id);
    sel_tagger_free(en);
    sel_termbase_free(tb);
    sel_ctx_free(ctx);
}
