// SPDX-License-Identifier: MIT
// Alignment of our own corpus (corpus/NN-*.id.txt with NN-*.en.txt, segmented as `selaras
// segment` does) scored against the hand-made gold beads in corpus/gold/NN-*.align.tsv.
#include "align/align.h"
#include "tests/align/bead_score.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <string.h>

static sel_ctx *ctx;

static void setup(void)
{
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
}

static void teardown(void)
{
    sel_ctx_free(ctx);
}

TestSuite(align_gold, .init = setup, .fini = teardown, .timeout = 120);

static const char *env(const char *name)
{
    const char *v = getenv(name);
    cr_assert_not_null(v, "%s is not set", name);
    return v;
}

// "1,2<TAB>3" -> first sentence and count of each side (0-based first).
static void parse_side(const char *s, size_t *first, size_t *count)
{
    *first = 0;
    *count = 0;
    while (*s && *s != '\t' && *s != '\n') {
        char *end;
        long v = strtol(s, &end, 10);
        cr_assert(end != s && v >= 1, "bad gold field \"%s\"", s);
        if (!*count)
            *first = (size_t)v - 1;
        else
            cr_assert_eq((size_t)v - 1, *first + *count, "gold bead not consecutive");
        (*count)++;
        s = *end == ',' ? end + 1 : end;
    }
}

static struct bead_list read_gold(const char *path)
{
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp, "%s", path);
    struct bead_list l = { 0 };
    char line[256];
    while (fgets(line, sizeof(line), fp)) {
        if (line[0] == '\n' || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        cr_assert_not_null(tab, "%s: no tab in \"%s\"", path, line);
        size_t s, ns, t, nt;
        parse_side(line, &s, &ns);
        parse_side(tab + 1, &t, &nt);
        bead_push(&l, s, ns, t, nt);
    }
    fclose(fp);
    return l;
}

static size_t count_sents(const char *path)
{
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp, "%s", path);
    size_t n = 0;
    char line[8192];
    while (fgets(line, sizeof(line), fp))
        n += line[0] != '\n';
    fclose(fp);
    return n;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static struct bead_score align_corpus(bool lexical, size_t *n_docs)
{
    char root[4096], path[4096 + 300];
    snprintf(root, sizeof(root), "%s/corpus", env("SEL_SOURCE_ROOT"));
    DIR *dir = opendir(root);
    cr_assert_not_null(dir, "%s", root);
    char *names[64];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(dir)) && n < 64) {
        size_t len = strlen(de->d_name);
        if (len > 7 && strcmp(de->d_name + len - 7, ".id.txt") == 0)
            names[n++] = strndup(de->d_name, len - 7);
    }
    closedir(dir);
    qsort(names, n, sizeof(*names), cmp_name);

    struct sel_align_options opts;
    sel_align_options_default(&opts);
    opts.lexical = lexical;
    sel_aligner *al = NULL;
    cr_assert_eq(sel_aligner_new(&al, ctx, &opts), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    struct bead_score total = { 0 };
    for (size_t d = 0; d < n; d++) {
        struct sel_text ti, te;
        snprintf(path, sizeof(path), "%s/%s.id.txt", root, names[d]);
        cr_assert_eq(sel_text_read(&ti, ctx, path), SEL_OK, "%s", sel_ctx_errmsg(ctx));
        snprintf(path, sizeof(path), "%s/%s.en.txt", root, names[d]);
        cr_assert_eq(sel_text_read(&te, ctx, path), SEL_OK, "%s", sel_ctx_errmsg(ctx));
        struct sel_align_doc src, tgt;
        cr_assert_eq(sel_align_doc_segment(&src, al, ctx, SEL_ALIGN_SRC, ti.data, ti.len), SEL_OK);
        cr_assert_eq(sel_align_doc_segment(&tgt, al, ctx, SEL_ALIGN_TGT, te.data, te.len), SEL_OK);
        // The gold counts the segments of the gold segmentation, which the segmenter matches.
        snprintf(path, sizeof(path), "%s/gold/%s.id.sents", root, names[d]);
        cr_assert_eq(src.n, count_sents(path), "%s: segment count differs from gold", names[d]);
        snprintf(path, sizeof(path), "%s/gold/%s.en.sents", root, names[d]);
        cr_assert_eq(tgt.n, count_sents(path), "%s: segment count differs from gold", names[d]);

        struct sel_alignment res;
        cr_assert_eq(sel_align(&res, al, ctx, &src, &tgt), SEL_OK, "%s", sel_ctx_errmsg(ctx));
        snprintf(path, sizeof(path), "%s/gold/%s.align.tsv", root, names[d]);
        struct bead_list gold = read_gold(path);
        struct bead_score one = { 0 };
        bead_score_add(&one, res.beads, res.n, gold.v, gold.n);
        bead_score_add(&total, res.beads, res.n, gold.v, gold.n);
        if (one.correct != one.gold || one.correct != one.predicted)
            cr_log_info("%s%s: %zu of %zu gold beads found, %zu predicted", lexical ? "" : "baseline ",
                        names[d], one.correct, one.gold, one.predicted);
        // Every sentence of both sides in exactly one bead, in order.
        size_t ns = 0, nt = 0;
        for (size_t b = 0; b < res.n; b++) {
            cr_assert(res.beads[b].score >= 0 && res.beads[b].score <= 1);
            if (res.beads[b].n_src)
                cr_assert_eq(res.beads[b].src, ns);
            if (res.beads[b].n_tgt)
                cr_assert_eq(res.beads[b].tgt, nt);
            ns += res.beads[b].n_src;
            nt += res.beads[b].n_tgt;
        }
        cr_assert_eq(ns, src.n);
        cr_assert_eq(nt, tgt.n);
        free(gold.v);
        sel_alignment_finish(&res);
        sel_align_doc_finish(&tgt);
        sel_align_doc_finish(&src);
        sel_text_finish(&te);
        sel_text_finish(&ti);
        free(names[d]);
    }
    sel_aligner_free(al);
    *n_docs = n;
    return total;
}

Test(align_gold, corpus_meets_strict_bead_f1)
{
    size_t n_docs;
    struct bead_score sc = align_corpus(true, &n_docs);
    cr_assert_eq(n_docs, 12, "expected the 12 corpus articles, found %zu", n_docs);
    double f1 = bead_f1(&sc);
    struct bead_score base = align_corpus(false, &n_docs);
    fprintf(stderr, "corpus: %zu gold beads; strict bead F1 %.4f (length-only baseline %.4f)\n",
            sc.gold, f1, bead_f1(&base));
    cr_assert_geq(f1, 0.98, "strict bead F1 %.4f < 0.98 (%zu correct of %zu gold, %zu predicted)", f1,
                  sc.correct, sc.gold, sc.predicted);
}
