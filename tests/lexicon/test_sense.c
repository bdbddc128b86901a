// SPDX-License-Identifier: MIT
// The sense in context against hand-checked gold (tests/data/sense/ambiguous.tsv): every line is
// one occurrence of a form that stands under several concepts, with the concept a translator
// would pick. Each sentence is tagged as a document of its own; the sense chosen must be the gold
// one for at least 95% of them. Beside it the most-frequent-sense baseline (per lemma, the
// concept the gold gives most often) and the accuracy with the aligned translation, where the
// gold has one, are printed for the record.
#include "lexicon/lexicon.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_ROWS = 1024 };

struct row {
    char *source, *lemma, *form, *concept, *sentence, *translation;
    int nth;
};

struct find {
    const char *form;
    int nth, seen;
    const char *concept; // of the nth match whose surface is the form
};

static bool note(void *user, const char *text, const struct sel_sentence *s, const struct sel_term_match *m)
{
    (void)s;
    struct find *f = user;
    size_t len = m->end - m->start;
    if (strlen(f->form) == len && strncasecmp(text + m->start, f->form, len) == 0 && ++f->seen == f->nth)
        f->concept = m->concept->id;
    return true;
}

static size_t read_gold(struct row *rows, char **buf)
{
    char path[4096];
    const char *dir = getenv("SEL_TEST_DATA");
    snprintf(path, sizeof(path), "%s/sense/ambiguous.tsv", dir ? dir : "tests/data");
    FILE *fp = fopen(path, "rb");
    cr_assert_not_null(fp, "cannot open %s", path);
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    *buf = malloc((size_t)size + 1);
    cr_assert_eq(fread(*buf, 1, (size_t)size, fp), (size_t)size);
    (*buf)[size] = '\0';
    fclose(fp);
    size_t n = 0;
    for (char *save = NULL, *line = strtok_r(*buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#')
            continue;
        char *f[7] = { 0 };
        size_t k = 0;
        for (char *p = line; k < 7; k++) {
            f[k] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        cr_assert(k >= 5, "gold line %zu has too few fields", n + 1);
        cr_assert_lt(n, (size_t)MAX_ROWS);
        rows[n++] = (struct row){ f[0], f[1], f[2], f[4], f[5], k >= 6 ? f[6] : "", atoi(f[3]) };
    }
    return n;
}

// The concept the tagger gives the gold occurrence, or NULL when it finds no term of that form.
static const char *tag_row(sel_tagger *t, sel_ctx *ctx, const struct row *r, bool with_translation)
{
    struct find f = { r->form, r->nth, 0, NULL };
    cr_assert_eq(sel_tagger_set_translation(t, ctx, with_translation && *r->translation ? r->translation : NULL,
                                            strlen(r->translation)),
                 SEL_OK);
    cr_assert_eq(sel_tagger_tag(t, ctx, r->sentence, strlen(r->sentence), true, note, &f), SEL_OK, "%s",
                 sel_ctx_errmsg(ctx));
    return f.concept;
}

Test(lexicon_sense, gold_senses_at_least_95_percent)
{
    static struct row rows[MAX_ROWS];
    char *buf;
    size_t n = read_gold(rows, &buf);
    cr_assert_geq(n, 150, "the gold must hold at least 150 occurrences, has %zu", n);
    sel_ctx *ctx;
    sel_termbase *tb;
    sel_tagger *t;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    cr_assert_eq(sel_termbase_open_bundled(&tb, ctx), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(sel_tagger_new(&t, ctx, tb, "id"), SEL_OK, "%s", sel_ctx_errmsg(ctx));

    size_t right = 0, right_translated = 0, right_untranslated = 0, n_translated = 0, baseline = 0;
    for (size_t i = 0; i < n; i++) {
        const char *got = tag_row(t, ctx, &rows[i], false), *text_only = got;
        if (got && strcmp(got, rows[i].concept) == 0)
            right++;
        else
            fprintf(stderr, "sense: %s: %s (%s #%d): gold %s, got %s\n", rows[i].source, rows[i].form, rows[i].lemma,
                    rows[i].nth, rows[i].concept, got ? got : "(no match)");
        if (*rows[i].translation) {
            n_translated++;
            right_untranslated += text_only && strcmp(text_only, rows[i].concept) == 0;
            got = tag_row(t, ctx, &rows[i], true);
            right_translated += got && strcmp(got, rows[i].concept) == 0;
            if (!(got && strcmp(got, rows[i].concept) == 0))
                fprintf(stderr, "sense with translation: %s: %s: gold %s, got %s\n", rows[i].source, rows[i].form,
                        rows[i].concept, got ? got : "(no match)");
        }
        // most frequent sense: the gold concept that this lemma has most often
        size_t best = 0;
        const char *mfs = NULL;
        for (size_t j = 0; j < n; j++) {
            if (strcmp(rows[j].lemma, rows[i].lemma) != 0)
                continue;
            size_t c = 0;
            for (size_t k = 0; k < n; k++)
                c += strcmp(rows[k].lemma, rows[i].lemma) == 0 && strcmp(rows[k].concept, rows[j].concept) == 0;
            if (c > best) {
                best = c;
                mfs = rows[j].concept;
            }
        }
        baseline += mfs && strcmp(mfs, rows[i].concept) == 0;
    }
    double acc = (double)right / (double)n;
    fprintf(stderr,
            "sense: %zu occurrences: accuracy %.3f (%zu right); most-frequent-sense baseline %.3f; "
            "with the aligned translation %.3f on the %zu that have one (%.3f without it)\n",
            n, acc, right, (double)baseline / (double)n,
            n_translated ? (double)right_translated / (double)n_translated : 0.0, n_translated,
            n_translated ? (double)right_untranslated / (double)n_translated : 0.0);
    sel_tagger_free(t);
    sel_termbase_free(tb);
    sel_ctx_free(ctx);
    free(buf);
    cr_assert_geq(acc, 0.95, "sense accuracy %.3f is below 0.95", acc);
}
