// SPDX-License-Identifier: MIT
// Term occurrences in the five seed articles against hand-counted gold (tests/data/tag/): for
// every gold concept, the exact occurrences (byte offsets) in each seed; boilerplate lines give none.
#include "lexicon/lexicon.h"

#include <criterion/criterion.h>
#include "tests/shared_data.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct occ {
    char seed[64], concept[128];
    size_t start, end;
};

struct occ_list {
    struct occ *v;
    size_t n, cap;
};

static void occ_push(struct occ_list *l, const char *seed, const char *concept, size_t start, size_t end)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->v = realloc(l->v, l->cap * sizeof(*l->v));
    }
    struct occ *o = &l->v[l->n++];
    snprintf(o->seed, sizeof(o->seed), "%s", seed);
    snprintf(o->concept, sizeof(o->concept), "%s", concept);
    o->start = start;
    o->end = end;
}

static bool has(const struct occ_list *l, const struct occ *o)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->v[i].seed, o->seed) && !strcmp(l->v[i].concept, o->concept) && l->v[i].start == o->start &&
            l->v[i].end == o->end)
            return true;
    return false;
}

static bool gold_concept(const struct occ_list *gold, const char *concept)
{
    for (size_t i = 0; i < gold->n; i++)
        if (!strcmp(gold->v[i].concept, concept))
            return true;
    return false;
}

struct run {
    struct occ_list *pred, *gold;
    const char *seed;
    size_t bom;
};

static bool collect(void *user, const char *text, const struct sel_sentence *s, const struct sel_term_match *m)
{
    (void)text;
    (void)s;
    struct run *r = user;
    if (gold_concept(r->gold, m->concept->id))
        occ_push(r->pred, r->seed, m->concept->id, m->start + r->bom, m->end + r->bom);
    return true;
}

Test(lexicon_tag_seeds, occurrences_match_hand_counted_gold, .timeout = 120)
{
    static const char *const seeds[] = { "000_03af0ad443b15418", "001_ba944954742ac43a", "002_8e2d0effefc95bf9",
                                         "003_c614f5d41995a605", "004_b90e529e8fa8f8a9" };
    char seed_paths[5][4096];
    for (size_t i = 0; i < 5; i++) {
        char rel[64];
        snprintf(rel, sizeof(rel), "seeds/%s.txt", seeds[i]);
        sel_shared_file_or_skip(seed_paths[i], sizeof(seed_paths[i]), rel);
    }
    char path[4096];
    snprintf(path, sizeof(path), "%s/tag/seeds.tsv", getenv("SEL_TEST_DATA"));
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp, "%s", path);
    struct occ_list gold = { 0 }, pred = { 0 };
    char line[1024];
    while (fgets(line, sizeof(line), fp)) {
        char seed[64], concept[128];
        size_t s, e;
        if (line[0] != '#' && sscanf(line, "%63[^\t]\t%127[^\t]\t%zu\t%zu", seed, concept, &s, &e) == 4)
            occ_push(&gold, seed, concept, s, e);
    }
    fclose(fp);
    cr_assert_geq(gold.n, 100);

    sel_ctx *ctx = NULL;
    sel_termbase *tb = NULL;
    sel_tagger *tagger = NULL;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    cr_assert_eq(sel_termbase_new(&tb), SEL_OK);
    cr_assert_eq(sel_termbase_read_dir(tb, ctx, NULL, NULL, NULL), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(sel_tagger_new(&tagger, ctx, tb, "id"), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    for (size_t i = 0; i < 5; i++) {
        struct sel_text t;
        cr_assert_eq(sel_text_read(&t, ctx, seed_paths[i]), SEL_OK, "%s", sel_ctx_errmsg(ctx));
        struct run r = { &pred, &gold, seeds[i], t.bom };
        cr_assert_eq(sel_tagger_tag(tagger, ctx, t.data, t.len, false, collect, &r), SEL_OK);
        sel_text_finish(&t);
    }
    size_t found = 0;
    for (size_t i = 0; i < gold.n; i++) {
        bool ok = has(&pred, &gold.v[i]);
        found += ok;
        cr_expect(ok, "missed %s %s %zu-%zu", gold.v[i].seed, gold.v[i].concept, gold.v[i].start, gold.v[i].end);
    }
    for (size_t i = 0; i < pred.n; i++)
        cr_expect(has(&gold, &pred.v[i]), "extra %s %s %zu-%zu", pred.v[i].seed, pred.v[i].concept, pred.v[i].start,
                  pred.v[i].end);
    fprintf(stderr, "tag gold: %zu occurrences of the gold concepts, %zu found, %zu reported\n", gold.n, found, pred.n);
    free(gold.v);
    free(pred.v);
    sel_tagger_free(tagger);
    sel_termbase_free(tb);
    sel_ctx_free(ctx);
}
