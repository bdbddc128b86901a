// SPDX-License-Identifier: MIT
// Lookups scored against hand-written gold queries (tests/data/lookup/gold.tsv): what translators
// type, exactly as it stands in the text, with the concept that must come out on top.
#include "lexicon/lexicon.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sel_ctx *ctx;
static sel_termbase *tb;
static sel_lookup *from_id, *from_en;

static void setup(void)
{
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    cr_assert_eq(sel_termbase_new(&tb), SEL_OK);
    cr_assert_eq(sel_termbase_read_dir(tb, ctx, NULL, NULL, NULL), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(sel_lookup_new(&from_id, ctx, tb, "id"), SEL_OK);
    cr_assert_eq(sel_lookup_new(&from_en, ctx, tb, "en"), SEL_OK);
}

static void teardown(void)
{
    sel_lookup_free(from_id);
    sel_lookup_free(from_en);
    sel_termbase_free(tb);
    sel_ctx_free(ctx);
}

TestSuite(lexicon_lookup, .init = setup, .fini = teardown, .timeout = 120);

static const struct sel_lookup_result *top(sel_lookup *lk, const char *q, size_t *n)
{
    const struct sel_lookup_result *r;
    cr_assert_eq(sel_lookup_query(lk, ctx, q, &r, n), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    return r;
}

Test(lexicon_lookup, the_issue_examples)
{
    static const struct {
        const char *query, *from, *concept;
        enum sel_match_kind kind;
    } cases[] = {
        { "pasukannya", "id", "af.troops", SEL_MATCH_INFLECTED },
        { "dipertahankan", "id", "cf.defend", SEL_MATCH_INFLECTED },
        { "pertahanannya", "id", "af.defence", SEL_MATCH_INFLECTED },
        { "Kemhan", "id", "gov.ministry-of-defence", SEL_MATCH_EXACT },
        { "rudal-rudal", "id", "wpn.missile", SEL_MATCH_INFLECTED },
        { "serangan-serangan udara", "id", "cf.air-strike", SEL_MATCH_INFLECTED },
        { "gencatan senjatanya", "id", "cf.ceasefire", SEL_MATCH_INFLECTED },
        { "gencatan senjta", "id", "cf.ceasefire", SEL_MATCH_FUZZY },
        { "AS", "id", "geo.united-states", SEL_MATCH_EXACT },
        // issue 14: the term one clitic away before the one that shares only its lemma
        { "dibebaskannya", "id", "law.released", SEL_MATCH_INFLECTED },
        { "tantara", "id", "af.troops", SEL_MATCH_EXACT },
        { "troops", "en", "af.troops", SEL_MATCH_EXACT },
        { "air strikes", "en", "cf.air-strike", SEL_MATCH_INFLECTED },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        size_t n;
        const struct sel_lookup_result *r = top(strcmp(cases[i].from, "id") == 0 ? from_id : from_en, cases[i].query, &n);
        cr_expect_geq(n, 1, "%s: no result", cases[i].query);
        if (n) {
            cr_expect_str_eq(r[0].concept->id, cases[i].concept, "%s", cases[i].query);
            cr_expect_eq(r[0].kind, cases[i].kind, "%s: %s", cases[i].query, sel_match_kind_name(r[0].kind));
        }
    }
    // defend above defence for the verb form, defence shown as related
    size_t n;
    const struct sel_lookup_result *r = top(from_id, "dipertahankan", &n);
    bool family_defence = false;
    for (size_t i = 1; i < n; i++)
        family_defence = family_defence || (!strcmp(r[i].concept->id, "af.defence") && r[i].kind == SEL_MATCH_FAMILY);
    cr_expect(family_defence, "pertahanan should follow as family");
    // the word "as" is not the United States
    r = top(from_id, "as", &n);
    for (size_t i = 0; i < n; i++)
        cr_expect_str_neq(r[i].concept->id, "geo.united-states");
}

Test(lexicon_lookup, gold_queries_top1_and_top5)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/lookup/gold.tsv", getenv("SEL_TEST_DATA"));
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp, "%s", path);
    char line[2048];
    size_t rows = 0, top1 = 0, top5 = 0;
    while (fgets(line, sizeof(line), fp)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *query = strtok(line, "\t"), *from = strtok(NULL, "\t"), *expected = strtok(NULL, "\t");
        if (!query || !from || !expected)
            continue;
        rows++;
        size_t n;
        const struct sel_lookup_result *r = top(strcmp(from, "en") == 0 ? from_en : from_id, query, &n);
        bool ok1, ok5 = false;
        if (strcmp(expected, "-") == 0) { // a negative row: "as" must not give the United States
            ok1 = ok5 = n == 0 || strcmp(r[0].concept->id, "geo.united-states") != 0;
        } else {
            ok1 = n > 0 && strcmp(r[0].concept->id, expected) == 0;
            for (size_t i = 0; i < n && i < 5; i++)
                ok5 = ok5 || strcmp(r[i].concept->id, expected) == 0;
        }
        top1 += ok1;
        top5 += ok5;
        if (!ok1)
            fprintf(stderr, "lookup %s (%s): expected %s, got %s\n", query, from, expected, n ? r[0].concept->id : "nothing");
    }
    fclose(fp);
    double t1 = (double)top1 / (double)rows, t5 = (double)top5 / (double)rows;
    fprintf(stderr, "lookup gold: %zu queries, top-1 %.3f, top-5 %.3f\n", rows, t1, t5);
    cr_assert_geq(rows, 150);
    cr_expect_geq(t1, 0.92);
    cr_expect_geq(t5, 0.98);
}
