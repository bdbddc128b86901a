// SPDX-License-Identifier: MIT
#include "lexicon/lexicon.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct problems {
    size_t n;
    long line[64];
    char text[64][512];
};

static bool collect(void *user, struct sel_location where, const char *message)
{
    struct problems *p = user;
    if (p->n < 64) {
        p->line[p->n] = where.line;
        snprintf(p->text[p->n], sizeof(p->text[0]), "%s", message);
        p->n++;
    }
    return true;
}

static char *data_path(const char *rel)
{
    static char buf[1024];
    const char *dir = getenv("SEL_TEST_DATA");
    cr_assert_not_null(dir, "SEL_TEST_DATA is not set");
    snprintf(buf, sizeof(buf), "%s/lexicon/%s", dir, rel);
    return buf;
}

// Reads FILE.terms and compares every problem with FILE.expected ("LINE<TAB>substring" lines,
// written by hand): same number, and each expected line matched by a problem on that line.
static void expect_problems(const char *name)
{
    char path[1100];
    snprintf(path, sizeof(path), "%s.terms", data_path(name));
    sel_termbase *tb = NULL;
    sel_ctx *ctx = NULL;
    cr_assert_eq(sel_termbase_new(&tb), SEL_OK);
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    struct problems got = { 0 };
    cr_assert_eq(sel_termbase_read_file(tb, ctx, path, collect, &got), SEL_EPARSE);
    sel_termbase_check(tb, collect, &got);

    snprintf(path, sizeof(path), "%s.expected", data_path(name));
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp, "%s", path);
    char line[600];
    size_t expected = 0;
    while (fgets(line, sizeof(line), fp)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        cr_assert_not_null(tab, "bad expected line %s", line);
        long want_line = strtol(line, NULL, 10);
        bool found = false;
        for (size_t i = 0; i < got.n && !found; i++)
            found = got.line[i] == want_line && strstr(got.text[i], tab + 1) != NULL;
        cr_expect(found, "%s: no problem on line %ld containing '%s'", name, want_line, tab + 1);
        expected++;
    }
    fclose(fp);
    for (size_t i = 0; i < got.n; i++)
        cr_log_info("%s:%ld: %s", name, got.line[i], got.text[i]);
    cr_expect_eq(got.n, expected, "%s: %zu problems reported, %zu expected", name, got.n, expected);
    sel_termbase_free(tb);
    sel_ctx_free(ctx);
}

Test(lexicon_termbase, reports_bad_headers) { expect_problems("broken/headers"); }
Test(lexicon_termbase, reports_headers_after_concepts) { expect_problems("broken/order"); }
Test(lexicon_termbase, reports_bad_attributes) { expect_problems("broken/attributes"); }
Test(lexicon_termbase, reports_bad_concepts_and_collisions) { expect_problems("broken/concepts"); }
// A term that parses but holds an invisible control (here U+202E, a bidi override) is flagged by
// the check, not by the reader.
Test(lexicon_termbase, check_flags_invisible_characters)
{
    char path[1100];
    snprintf(path, sizeof(path), "%s.terms", data_path("broken/invisible"));
    sel_termbase *tb = NULL;
    sel_ctx *ctx = NULL;
    cr_assert_eq(sel_termbase_new(&tb), SEL_OK);
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    struct problems got = { 0 };
    cr_assert_eq(sel_termbase_read_file(tb, ctx, path, collect, &got), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(sel_termbase_check(tb, collect, &got), 1);
    cr_assert_eq(got.line[0], 5);
    cr_assert(strstr(got.text[0], "invisible character U+202E at byte 4") != NULL, "%s", got.text[0]);
    sel_termbase_free(tb);
    sel_ctx_free(ctx);
}

Test(lexicon_termbase, reads_concepts_terms_and_defaults)
{
    sel_termbase *tb = NULL;
    sel_ctx *ctx = NULL;
    cr_assert_eq(sel_termbase_new(&tb), SEL_OK);
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    struct problems got = { 0 };
    int rc = sel_termbase_read_file(tb, ctx, data_path("good/sample.terms"), collect, &got);
    cr_assert_eq(rc, SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(sel_termbase_check(tb, collect, &got), 0);
    cr_assert_eq(sel_termbase_concept_count(tb), 3);

    const struct sel_concept *troops = sel_termbase_concept(tb, 0);
    cr_assert_str_eq(troops->id, "af.troops");
    cr_assert_str_eq(troops->subject, "armed-forces");
    cr_assert_str_eq(troops->definition, "Soldiers of an armed force taken together.");
    cr_assert_eq(troops->n_terms, 5);
    cr_assert_str_eq(troops->terms[0].text, "pasukan");
    cr_assert_eq(troops->terms[0].status, SEL_STATUS_PREFERRED);   // first id term
    cr_assert_eq(troops->terms[0].pos, SEL_POS_NOUN);              // default
    cr_assert_eq(troops->terms[1].status, SEL_STATUS_ADMITTED);
    cr_assert_str_eq(troops->terms[2].text, "tantara");            // comment stripped
    cr_assert_eq(troops->terms[2].type, SEL_TYPE_VARIANT);
    cr_assert_eq(troops->terms[2].status, SEL_STATUS_DEPRECATED);
    cr_assert_str_eq(troops->terms[3].lang, "en");
    cr_assert_eq(troops->terms[3].status, SEL_STATUS_PREFERRED);   // first en term

    const struct sel_concept *tni = sel_termbase_concept(tb, 1);
    cr_assert(tni->terms[1].exact_case);
    cr_assert_eq(tni->terms[1].type, SEL_TYPE_ACRONYM);
    cr_assert_eq(tni->terms[1].pos, SEL_POS_PROPER_NOUN);
    cr_assert_eq(sel_termbase_concept(tb, 2)->terms[0].pos, SEL_POS_VERB);
    sel_termbase_free(tb);
    sel_ctx_free(ctx);
}
