// SPDX-License-Identifier: MIT
// Every term a translator would look up in the five seed articles is in the termbase, with the
// expected English equivalent among the top concept's English terms (hand-made list:
// tests/data/lexicon/seed-terms.tsv).
#include "lexicon/lexicon.h"

#include <criterion/criterion.h>
#include "tests/shared_data.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

// The English lemmas of @p s joined, so that "casualties" and "casualty" compare equal.
static void english_key(sel_tagger *en, sel_ctx *ctx, const char *s, char *out, size_t size)
{
    const struct sel_token *t;
    size_t n, used = 0;
    out[0] = '\0';
    if (sel_tagger_tokens(en, ctx, s, 0, strlen(s), &t, &n) != SEL_OK)
        return;
    for (size_t i = 0; i < n && used < size; i++) {
        int k = snprintf(out + used, size - used, "%s%s", i ? " " : "", t[i].word.lemma);
        used += k > 0 ? (size_t)k : 0;
    }
    for (char *p = out; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
}

// Line @p line of the seed whose file name starts with @p stem ("000"), or "" when there is none:
// the sentence the term was found in, given to lookup as its context, since the sense of a form
// that stands under several concepts (membebaskan: release or liberate) is read from it.
static void seed_line(const char *stem, long line, char *out, size_t size)
{
    out[0] = '\0';
    char dir[4096], path[8192];
    snprintf(dir, sizeof(dir), "%s/seeds", sel_shared_dir());
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));) {
        if (strncmp(e->d_name, stem, strlen(stem)) != 0 || e->d_name[strlen(stem)] != '_')
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        FILE *fp = fopen(path, "r");
        for (long n = 1; fp && fgets(out, (int)size, fp); n++)
            if (n == line)
                break;
        if (fp)
            fclose(fp);
        break;
    }
    if (d)
        closedir(d);
}

Test(lexicon_seed_terms, every_seed_term_has_its_english_equivalent, .timeout = 120)
{
    // each term is looked up with its seed sentence as context (the sense of a shared form is read
    // from it): without the seeds the test is skipped, and says so
    char seeds[4096];
    sel_shared_file_or_skip(seeds, sizeof(seeds), "seeds");
    sel_ctx *ctx = NULL;
    sel_termbase *tb = NULL;
    sel_lookup *lk = NULL;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    cr_assert_eq(sel_termbase_new(&tb), SEL_OK);
    cr_assert_eq(sel_termbase_read_dir(tb, ctx, NULL, NULL, NULL), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(sel_lookup_new(&lk, ctx, tb, "id"), SEL_OK);
    sel_tagger *en = NULL;
    cr_assert_eq(sel_tagger_new(&en, ctx, tb, "en"), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    char path[4096];
    snprintf(path, sizeof(path), "%s/lexicon/seed-terms.tsv", getenv("SEL_TEST_DATA"));
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp, "%s", path);
    char line[1024];
    size_t rows = 0, ok = 0;
    while (fgets(line, sizeof(line), fp)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\r\n")] = '\0';
        char *term = strtok(line, "\t"), *english = strtok(NULL, "\t"), *source = strtok(NULL, "\t");
        if (!term || !english)
            continue;
        rows++;
        static char context[16384];
        context[0] = '\0';
        char *colon = source ? strchr(source, ':') : NULL;
        if (colon) {
            *colon = '\0';
            seed_line(source, strtol(colon + 1, NULL, 10), context, sizeof(context));
        }
        cr_assert_eq(sel_lookup_set_context(lk, ctx, *context ? context : NULL), SEL_OK);
        const struct sel_lookup_result *r;
        size_t n;
        cr_assert_eq(sel_lookup_query(lk, ctx, term, &r, &n), SEL_OK);
        bool found = false;
        char want[512], have[512];
        english_key(en, ctx, english, want, sizeof(want));
        // the top concept (an exact or inflected match) must carry the expected equivalent
        for (size_t i = 0; n > 0 && r[0].kind <= SEL_MATCH_INFLECTED && i < r[0].concept->n_terms && !found; i++) {
            if (strcmp(r[0].concept->terms[i].lang, "en") != 0)
                continue;
            english_key(en, ctx, r[0].concept->terms[i].text, have, sizeof(have));
            found = strcasecmp(r[0].concept->terms[i].text, english) == 0 || strcmp(have, want) == 0;
        }
        ok += found;
        cr_expect(found, "%s: expected \"%s\", top concept %s (%s)", term, english, n ? r[0].concept->id : "none",
                  n ? sel_match_kind_name(r[0].kind) : "-");
    }
    fclose(fp);
    fprintf(stderr, "seed terms: %zu of %zu found with their English equivalent\n", ok, rows);
    cr_expect_geq(rows, 80);
    sel_tagger_free(en);
    sel_lookup_free(lk);
    sel_termbase_free(tb);
    sel_ctx_free(ctx);
}
