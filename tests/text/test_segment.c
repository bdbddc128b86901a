// SPDX-License-Identifier: MIT
// Segmentation scored against hand-made gold: the five seed articles (byte offsets, since their
// text may not be copied here), our own corpus (gold sentences as text), and the dev data joined
// into paragraphs of five lines.
#include "src/text/text.h"
#include "tests/text/span_score.h"

#include <criterion/criterion.h>
#include "tests/shared_data.h"
#include <dirent.h>
#include <sys/stat.h>
#include <string.h>

static sel_ctx *ctx;
static sel_lang *lang_id, *lang_en;

static void setup(void)
{
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    cr_assert_eq(sel_lang_load(&lang_id, ctx, "id"), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(sel_lang_load(&lang_en, ctx, "en"), SEL_OK, "%s", sel_ctx_errmsg(ctx));
}

static void teardown(void)
{
    sel_lang_free(lang_id);
    sel_lang_free(lang_en);
    sel_ctx_free(ctx);
}

TestSuite(text_segment, .init = setup, .fini = teardown);

static const char *env(const char *name)
{
    const char *v = getenv(name);
    cr_assert_not_null(v, "%s is not set", name);
    return v;
}

static bool collect(void *user, const char *text, const struct sel_sentence *s)
{
    (void)text;
    span_push(user, s->start, s->end, s->boilerplate != SEL_BP_NONE);
    return true;
}

static struct span_list segment_text(const sel_lang *lang, const char *data, size_t len, size_t shift)
{
    sel_segmenter *seg = NULL;
    cr_assert_eq(sel_segmenter_new(&seg, ctx, lang), SEL_OK);
    struct span_list out = { 0 };
    cr_assert_eq(sel_segment(seg, ctx, data, len, collect, &out), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    for (size_t i = 0; i < out.n; i++)
        out.v[i].start += shift, out.v[i].end += shift;
    sel_segmenter_free(seg);
    return out;
}

static void read_file(struct sel_text *t, const char *path)
{
    cr_assert_eq(sel_text_read(t, ctx, path), SEL_OK, "%s", sel_ctx_errmsg(ctx));
}

Test(text_segment, seed_articles_meet_gold_f1)
{
    const char *dir = env("SEL_TEST_DATA");
    static const char *const seeds[] = { "000_03af0ad443b15418", "001_ba944954742ac43a",
                                         "002_8e2d0effefc95bf9", "003_c614f5d41995a605",
                                         "004_b90e529e8fa8f8a9" };
    char seed_paths[5][4096];
    for (size_t i = 0; i < 5; i++) {
        char rel[64];
        snprintf(rel, sizeof(rel), "seeds/%s.txt", seeds[i]);
        sel_shared_file_or_skip(seed_paths[i], sizeof(seed_paths[i]), rel);
    }
    struct span_score total = { 0 };
    for (size_t i = 0; i < 5; i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/segment/seeds/%s.gold", dir, seeds[i]);
        FILE *fp = fopen(path, "r");
        cr_assert_not_null(fp, "%s", path);
        struct span_list gold = { 0 };
        char line[256];
        while (fgets(line, sizeof(line), fp)) {
            long ln;
            size_t s, e;
            char kind;
            if (line[0] == '#' || sscanf(line, "%ld\t%zu\t%zu\t%c", &ln, &s, &e, &kind) != 4)
                continue;
            span_push(&gold, s, e, kind == 'b');
        }
        fclose(fp);
        struct sel_text t;
        read_file(&t, seed_paths[i]);
        struct span_list pred = segment_text(lang_id, t.data, t.len, t.bom);
        struct span_score s = span_compare(&gold, &pred, true, stderr, seeds[i]);
        total.gold += s.gold, total.predicted += s.predicted, total.matched += s.matched;
        sel_text_finish(&t);
        free(gold.v);
        free(pred.v);
    }
    double f1 = span_f1(total);
    fprintf(stderr, "seeds: %zu gold segments, %zu predicted, %zu exact (span and flag): F1 %.4f\n",
            total.gold, total.predicted, total.matched, f1);
    cr_expect_geq(f1, 0.99, "seed segmentation F1 %.4f is below 0.99", f1);
}

// Gold sentences are written out as text, one per line, "#B " marking boilerplate, a blank line
// between paragraphs; each is located in the source after the previous one.
static struct span_score score_sents_file(const sel_lang *lang, const char *source, const char *gold_path)
{
    struct sel_text src, gold_text;
    read_file(&src, source);
    read_file(&gold_text, gold_path);
    struct span_list gold = { 0 };
    size_t cursor = 0;
    for (char *line = strtok(gold_text.data, "\n"); line; line = strtok(NULL, "\n")) {
        bool bp = strncmp(line, "#B ", 3) == 0;
        const char *sentence = bp ? line + 3 : line;
        if (!*sentence)
            continue;
        const char *at = strstr(src.data + cursor, sentence);
        cr_assert_not_null(at, "%s: gold sentence not found in order: %s", gold_path, sentence);
        size_t start = (size_t)(at - src.data);
        span_push(&gold, start, start + strlen(sentence), bp);
        cursor = start + strlen(sentence);
    }
    struct span_list pred = segment_text(lang, src.data, src.len, 0);
    struct span_score s = span_compare(&gold, &pred, true, stderr, gold_path);
    free(gold.v);
    free(pred.v);
    sel_text_finish(&src);
    sel_text_finish(&gold_text);
    return s;
}

Test(text_segment, own_corpus_meets_gold_f1)
{
    const char *root = env("SEL_SOURCE_ROOT");
    char dir[4096];
    snprintf(dir, sizeof(dir), "%s/corpus/gold", root);
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "%s", dir);
    struct span_score total[2] = { { 0 } };
    size_t files = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (n < 9 || strcmp(e->d_name + n - 6, ".sents") != 0)
            continue;
        bool english = strcmp(e->d_name + n - 9, ".en.sents") == 0;
        char gold[4200], source[4200];
        snprintf(gold, sizeof(gold), "%s/%s", dir, e->d_name);
        snprintf(source, sizeof(source), "%s/corpus/%.*s.txt", root, (int)(n - 6), e->d_name);
        struct span_score s = score_sents_file(english ? lang_en : lang_id, source, gold);
        total[english].gold += s.gold, total[english].predicted += s.predicted, total[english].matched += s.matched;
        files++;
    }
    closedir(d);
    cr_assert_geq(files, 16, "expected the gold of at least 8 articles and translations");
    for (int en = 0; en < 2; en++) {
        double f1 = span_f1(total[en]);
        fprintf(stderr, "corpus %s: %zu gold, %zu predicted, %zu exact: F1 %.4f\n", en ? "en" : "id",
                total[en].gold, total[en].predicted, total[en].matched, f1);
        cr_expect_geq(f1, 0.99, "corpus %s segmentation F1 %.4f is below 0.99", en ? "en" : "id", f1);
    }
}

// The dev data has one sentence per line; joined five lines to a paragraph, a segmenter should
// find the joins again. A few lines hold two sentences or half of one (see the issue note).
Test(text_segment, dev_data_paragraphs_recover_line_boundaries)
{
    char path[4096];
    sel_shared_file_or_skip(path, sizeof(path), "data/panl-int-dev/id.txt");
    struct sel_text t;
    read_file(&t, path);
    size_t cap = t.len + 16, len = 0;
    char *joined = malloc(cap);
    struct span_list gold = { 0 };
    size_t in_para = 0;
    for (char *line = strtok(t.data, "\r\n"); line; line = strtok(NULL, "\r\n")) {
        size_t a = 0, z = strlen(line);
        while (a < z && line[a] == ' ')
            a++;
        while (z > a && line[z - 1] == ' ')
            z--;
        if (a == z)
            continue;
        if (in_para == 5) {
            joined[len++] = '\n';
            in_para = 0;
        } else if (in_para > 0) {
            joined[len++] = ' ';
        }
        memcpy(joined + len, line + a, z - a);
        span_push(&gold, len, len + (z - a), false);
        len += z - a;
        in_para++;
    }
    struct span_list pred = segment_text(lang_id, joined, len, 0);
    struct span_score s = span_compare(&gold, &pred, false, NULL, "dev");
    double f1 = span_f1(s);
    fprintf(stderr, "dev data, paragraphs of 5 lines: %zu gold, %zu predicted, %zu exact: F1 %.4f\n", s.gold,
            s.predicted, s.matched, f1);
    cr_expect_geq(f1, 0.95, "dev data boundary F1 %.4f", f1);
    free(joined);
    free(gold.v);
    free(pred.v);
    sel_text_finish(&t);
}

// A 50 MB line with no newline (a broken scrape, a joined dump) is segmented like any other.
Test(text_segment, fifty_megabyte_line_is_segmented, .timeout = 120)
{
    const char unit[] = "Pasukan itu bergerak ke utara pada Jumat (15/8). ";
    size_t unit_len = sizeof(unit) - 1, reps = (50u << 20) / unit_len;
    char *big = malloc((50u << 20) + 1);
    cr_assert_not_null(big);
    for (size_t i = 0; i < reps; i++)
        memcpy(big + i * unit_len, unit, unit_len);
    big[reps * unit_len] = '\0';
    struct span_list out = segment_text(lang_id, big, reps * unit_len, 0);
    cr_expect_eq(out.n, reps, "%zu sentences for %zu repetitions", out.n, reps);
    cr_expect_eq(out.v[out.n - 1].end, reps * unit_len - 1); // the trailing space is not part of it
    free(out.v);
    // ... and without any full stop it is one sentence, not an error
    memset(big, 'a', 50u << 20);
    out = segment_text(lang_id, big, 50u << 20, 0);
    cr_expect_eq(out.n, 1);
    cr_expect_eq(out.v[0].end, 50u << 20);
    free(out.v);
    free(big);
}

Test(text_segment, empty_and_blank_inputs_have_no_sentences)
{
    struct span_list out = segment_text(lang_id, "", 0, 0);
    cr_expect_eq(out.n, 0);
    out = segment_text(lang_id, " \r\n\t\n\r", 6, 0);
    cr_expect_eq(out.n, 0);
    free(out.v);
}

// A language is data: a broken rule file is an error that names the file, line and column.
Test(text_segment, a_bad_boilerplate_pattern_is_reported_with_its_place)
{
    char dir[] = "/tmp/selaras-lang-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof(path), "%s/xx", dir);
    cr_assert_eq(mkdir(path, 0755), 0);
    const char *files[][2] = { { "abbreviations.txt", "Dr.\n" },
                               { "boilerplate.txt", "# rules\nfurniture line ^Baca juga\ncaption line Foto: (\n" },
                               { "morphology.txt", "proper Senin\n" } };
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof(path), "%s/xx/%s", dir, files[i][0]);
        FILE *fp = fopen(path, "w");
        fputs(files[i][1], fp);
        fclose(fp);
    }
    sel_lang *xx = NULL;
    sel_segmenter *seg = NULL;
    cr_assert_eq(sel_lang_load_dir(&xx, ctx, "xx", dir), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(sel_segmenter_new(&seg, ctx, xx), SEL_EPARSE);
    char want[300];
    snprintf(want, sizeof(want), "%s/xx/boilerplate.txt:3:", dir);
    cr_expect(strncmp(sel_ctx_errmsg(ctx), want, strlen(want)) == 0, "%s", sel_ctx_errmsg(ctx));
    cr_expect(strstr(sel_ctx_errmsg(ctx), "bad regular expression") != NULL, "%s", sel_ctx_errmsg(ctx));
    sel_lang_free(xx);
    snprintf(path, sizeof(path), "rm -rf '%s'", dir);
    cr_expect_eq(system(path), 0);
}
