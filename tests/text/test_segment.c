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
#include <unistd.h>

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

/* ---- hand-written hard paragraphs (tests/data/segment/hard/) -------------------------------- */

struct gold_seg {
    size_t start, end, dateline_len;
    enum sel_boilerplate kind;
};

struct gold_doc {
    char *text;
    size_t len, cap;
    struct gold_seg *v;
    size_t n, cap_v;
};

static void doc_append(struct gold_doc *d, const char *s, size_t n)
{
    if (d->len + n + 1 > d->cap) {
        d->cap = (d->len + n + 1) * 2;
        d->text = realloc(d->text, d->cap);
    }
    memcpy(d->text + d->len, s, n);
    d->len += n;
    d->text[d->len] = '\0';
}

static void doc_push(struct gold_doc *d, struct gold_seg g)
{
    if (d->n == d->cap_v) {
        d->cap_v = d->cap_v ? d->cap_v * 2 : 64;
        d->v = realloc(d->v, d->cap_v * sizeof(*d->v));
    }
    d->v[d->n++] = g;
}

// Reads the format described at the top of paragraphs.id.gold: the input is built from the gold.
static struct gold_doc read_hard_gold(const char *path)
{
    struct sel_text t;
    read_file(&t, path);
    struct gold_doc d = { 0 };
    bool in_para = false, para_open = false;
    static const char mark[] = "\xE2\x80\x96"; // U+2016 after a dateline
    for (char *line = t.data, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (line[0] == '#')
            continue;
        if (!*line) {
            in_para = false;
            continue;
        }
        if (!in_para && para_open)
            doc_append(&d, "\n", 1);
        else if (in_para)
            doc_append(&d, " ", 1);
        in_para = para_open = true;
        struct gold_seg g = { .kind = SEL_BP_NONE };
        if (line[0] == '@') {
            char *sp = strchr(line, ' ');
            cr_assert_not_null(sp, "%s: a kind without text: %s", path, line);
            *sp = '\0';
            for (int k = 1; k < SEL_BP_COUNT; k++)
                if (strcmp(line + 1, sel_boilerplate_name((enum sel_boilerplate)k)) == 0)
                    g.kind = (enum sel_boilerplate)k;
            cr_assert_neq(g.kind, SEL_BP_NONE, "%s: unknown kind %s", path, line + 1);
            line = sp + 1;
        }
        g.start = d.len;
        char *m = strstr(line, mark);
        if (m) {
            g.dateline_len = (size_t)(m - line);
            doc_append(&d, line, (size_t)(m - line));
            line = m + strlen(mark);
        }
        doc_append(&d, line, strlen(line));
        g.end = d.len;
        doc_push(&d, g);
    }
    sel_text_finish(&t);
    return d;
}

static bool collect_full(void *user, const char *text, const struct sel_sentence *s)
{
    (void)text;
    doc_push(user, (struct gold_seg){ s->start, s->end, s->dateline_len, s->boilerplate });
    return true;
}

// A segment counts when its span, its kind and its dateline are all right.
Test(text_segment, hand_written_hard_paragraphs_meet_gold_f1)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/segment/hard/paragraphs.id.gold", env("SEL_TEST_DATA"));
    struct gold_doc gold = read_hard_gold(path);
    size_t paragraphs = 1;
    for (size_t i = 0; i < gold.len; i++)
        paragraphs += gold.text[i] == '\n';
    cr_assert_geq(paragraphs, 60, "only %zu paragraphs", paragraphs);
    sel_segmenter *seg = NULL;
    cr_assert_eq(sel_segmenter_new(&seg, ctx, lang_id), SEL_OK);
    struct gold_doc pred = { 0 };
    cr_assert_eq(sel_segment(seg, ctx, gold.text, gold.len, collect_full, &pred), SEL_OK);
    size_t matched = 0, datelines = 0, flagged = 0;
    for (size_t i = 0, j = 0; i < gold.n || j < pred.n;) {
        const struct gold_seg *g = i < gold.n ? &gold.v[i] : NULL, *p = j < pred.n ? &pred.v[j] : NULL;
        if (g && p && g->start == p->start && g->end == p->end) {
            if (g->kind == p->kind && g->dateline_len == p->dateline_len)
                matched++;
            else
                fprintf(stderr, "hard: kind %s/dateline %zu, gold %s/%zu: %.*s\n", sel_boilerplate_name(p->kind),
                        p->dateline_len, sel_boilerplate_name(g->kind), g->dateline_len, (int)(g->end - g->start),
                        gold.text + g->start);
            i++, j++;
        } else if (g && (!p || g->start < p->start || (g->start == p->start && g->end < p->end))) {
            fprintf(stderr, "hard: missed: %.*s\n", (int)(g->end - g->start), gold.text + g->start);
            i++;
        } else {
            fprintf(stderr, "hard: spurious: %.*s\n", (int)(p->end - p->start), gold.text + p->start);
            j++;
        }
    }
    for (size_t i = 0; i < gold.n; i++)
        datelines += gold.v[i].dateline_len > 0, flagged += gold.v[i].kind != SEL_BP_NONE;
    struct span_score sc = { gold.n, pred.n, matched };
    double f1 = span_f1(sc);
    fprintf(stderr, "hard paragraphs: %zu paragraphs, %zu gold segments (%zu flagged, %zu with a dateline), "
            "%zu predicted, %zu exact: F1 %.4f\n", paragraphs, gold.n, flagged, datelines, pred.n, matched, f1);
    cr_expect_geq(f1, 0.98, "hard paragraphs F1 %.4f is below 0.98", f1);
    sel_segmenter_free(seg);
    free(gold.text);
    free(gold.v);
    free(pred.v);
}

/* ---- Universal Dependencies development sets (../shared/data/ud-id-dev/segment/) ------------ */

struct offsets {
    size_t *v;
    size_t n, cap;
};

static void off_push(struct offsets *o, size_t x)
{
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 256;
        o->v = realloc(o->v, o->cap * sizeof(*o->v));
    }
    o->v[o->n++] = x;
}

static int compare_off(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

static void off_sort_unique(struct offsets *o)
{
    qsort(o->v, o->n, sizeof(*o->v), compare_off);
    size_t w = 0;
    for (size_t i = 0; i < o->n; i++)
        if (!w || o->v[w - 1] != o->v[i])
            o->v[w++] = o->v[i];
    o->n = w;
}

static bool collect_ends(void *user, const char *text, const struct sel_sentence *s)
{
    (void)text;
    off_push(user, s->end);
    return true;
}

// Boundary precision and recall as ../shared/eval/score_segment.py counts them (a boundary is
// where a sentence ends inside a paragraph; paragraph ends are not scored), with the gold
// boundaries of tests/data/segment/ud/multi-sentence.tsv added for set @p name.
static struct span_score score_ud_set(const char *shared, const char *name, const char *adjudicated)
{
    char path[4096];
    struct sel_text input, gold;
    snprintf(path, sizeof(path), "%s/data/ud-id-dev/segment/%s.input.txt", shared, name);
    read_file(&input, path);
    snprintf(path, sizeof(path), "%s/data/ud-id-dev/segment/%s.gold.txt", shared, name);
    read_file(&gold, path);
    struct offsets g = { 0 }, p = { 0 }, para_end = { 0 };
    for (size_t i = 0; i < input.len; i++)
        if (input.data[i] == '\n')
            off_push(&para_end, i);
    off_push(&para_end, input.len);
    // gold sentences, found in order in the input; the last of a paragraph ends it
    size_t cursor = 0;
    for (char *line = strtok(gold.data, "\n"); line; line = strtok(NULL, "\n")) {
        const char *at = strstr(input.data + cursor, line);
        cr_assert_not_null(at, "%s: gold sentence not found in order: %s", name, line);
        cursor = (size_t)(at - input.data) + strlen(line);
        off_push(&g, cursor);
    }
    size_t added = 0;
    for (const char *l = adjudicated; (l = strstr(l, name)) && l[strlen(name)] == '\t';) {
        char left[128], right[128], both[260];
        cr_assert_eq(sscanf(l + strlen(name) + 1, "%127[^\t]\t%127[^\n]", left, right), 2);
        snprintf(both, sizeof(both), "%s %s", left, right);
        size_t found = 0;
        for (const char *at = input.data; (at = strstr(at, both)); at++, found++)
            off_push(&g, (size_t)(at - input.data) + strlen(left));
        cr_assert_gt(found, 0, "%s: not in the input: %s", name, both);
        added += found;
        l += strlen(name);
    }
    sel_segmenter *seg = NULL;
    cr_assert_eq(sel_segmenter_new(&seg, ctx, lang_id), SEL_OK);
    cr_assert_eq(sel_segment(seg, ctx, input.data, input.len, collect_ends, &p), SEL_OK);
    sel_segmenter_free(seg);
    off_sort_unique(&g);
    off_sort_unique(&p);
    // drop paragraph ends from both, then count
    struct offsets *sets[2] = { &g, &p };
    for (int k = 0; k < 2; k++) {
        size_t w = 0;
        for (size_t i = 0; i < sets[k]->n; i++)
            if (!bsearch(&sets[k]->v[i], para_end.v, para_end.n, sizeof(size_t), compare_off))
                sets[k]->v[w++] = sets[k]->v[i];
        sets[k]->n = w;
    }
    struct span_score sc = { g.n, p.n, 0 };
    for (size_t i = 0, j = 0; i < g.n && j < p.n;) {
        if (g.v[i] == p.v[j])
            sc.matched++, i++, j++;
        else if (g.v[i] < p.v[j])
            i++;
        else
            j++;
    }
    fprintf(stderr, "UD %s: %zu gold boundaries (%zu added as multi-sentence units), %zu predicted, %zu right: "
            "P %.4f R %.4f F1 %.4f\n", name, sc.gold, added, sc.predicted, sc.matched,
            sc.predicted ? (double)sc.matched / (double)sc.predicted : 1.0, sc.gold ? (double)sc.matched / (double)sc.gold : 1.0,
            span_f1(sc));
    free(g.v);
    free(p.v);
    free(para_end.v);
    sel_text_finish(&input);
    sel_text_finish(&gold);
    return sc;
}

Test(text_segment, ud_development_sets_meet_boundary_f1)
{
    const char *shared = env("SEL_SHARED");
    char path[4096];
    snprintf(path, sizeof(path), "%s/data/ud-id-dev/segment/gsd-dev.input.txt", shared);
    if (access(path, R_OK) != 0) {
        cr_assert_null(getenv("CI"), "%s is missing", path);
        cr_skip_test("%s is missing", path);
    }
    snprintf(path, sizeof(path), "%s/segment/ud/multi-sentence.tsv", env("SEL_TEST_DATA"));
    struct sel_text adj;
    read_file(&adj, path);
    struct span_score total = { 0 };
    static const char *const sets[] = { "gsd-dev", "csui-train" };
    for (size_t i = 0; i < 2; i++) {
        struct span_score s = score_ud_set(shared, sets[i], adj.data);
        total.gold += s.gold, total.predicted += s.predicted, total.matched += s.matched;
    }
    sel_text_finish(&adj);
    double f1 = span_f1(total);
    fprintf(stderr, "UD both sets: %zu gold boundaries, %zu predicted, %zu right: F1 %.4f\n", total.gold,
            total.predicted, total.matched, f1);
    cr_expect_geq(f1, 0.995, "UD boundary F1 %.4f is below 0.995", f1);
}

/* ---- the cases of issue 17, one by one ---------------------------------------------------- */

static void expect_segments(const char *input, const char *want)
{
    struct span_list out = segment_text(lang_id, input, strlen(input), 0);
    char got[1024] = "";
    for (size_t i = 0; i < out.n; i++)
        snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%.*s", i ? " | " : "",
                 (int)(out.v[i].end - out.v[i].start), input + out.v[i].start);
    cr_expect_str_eq(got, want, "segmenting \"%s\"", input);
    free(out.v);
}

Test(text_segment, issue_17_cases)
{
    // no break
    expect_segments("Gudang PT. Sinar Jaya terbakar.", "Gudang PT. Sinar Jaya terbakar.");
    expect_segments("Rumahnya di Gg. Melati nomor 4.", "Rumahnya di Gg. Melati nomor 4.");
    expect_segments("Ia melapor kepada Irjen. Pol. Karyoto kemarin.", "Ia melapor kepada Irjen. Pol. Karyoto kemarin.");
    expect_segments("Muridnya antara lain Tb. Maktal dan Enoch.", "Muridnya antara lain Tb. Maktal dan Enoch.");
    expect_segments("Bandara Sultan Syarif Kasim II (SSK. II) Pekanbaru ramai.",
                    "Bandara Sultan Syarif Kasim II (SSK. II) Pekanbaru ramai.");
    expect_segments("Susilo B. Yudhoyono hadir.", "Susilo B. Yudhoyono hadir.");
    // break
    expect_segments("Gugatan diajukan Rina Marlina, S.H. Ia meminta ganti rugi.",
                    "Gugatan diajukan Rina Marlina, S.H. | Ia meminta ganti rugi.");
    expect_segments("Penelitian dipimpin Dr. Sri Wahyuni, Ph.D. Hasilnya terbit tahun lalu.",
                    "Penelitian dipimpin Dr. Sri Wahyuni, Ph.D. | Hasilnya terbit tahun lalu.");
    expect_segments("Dokumen ditemukan di gudang Blok C. Polisi memeriksanya.",
                    "Dokumen ditemukan di gudang Blok C. | Polisi memeriksanya.");
    expect_segments("Api muncul di lantai B. Pegawai dievakuasi.", "Api muncul di lantai B. | Pegawai dievakuasi.");
    expect_segments("Korban tewas 12 orang. 5 di antaranya anak-anak.",
                    "Korban tewas 12 orang. | 5 di antaranya anak-anak.");
}

Test(text_segment, issue_17_caption_credit_embed_and_dateline)
{
    static const char text[] = "Presiden bertemu Kim di Pyongyang, Juni 2024. Foto: Dok. Pemerintah Rusia\n"
                               "Rusia akui keterlibatan pasukan Korut. Kepala Staf sampaikan hal ini.… pic.twitter.com/tChy\n"
                               "TEMPO.CO, Jakarta - Pemimpin Korea Utara Kim Jong Un meninjau uji coba rudal baru.\n";
    sel_segmenter *seg = NULL;
    cr_assert_eq(sel_segmenter_new(&seg, ctx, lang_id), SEL_OK);
    struct gold_doc got = { 0 };
    cr_assert_eq(sel_segment(seg, ctx, text, strlen(text), collect_full, &got), SEL_OK);
    sel_segmenter_free(seg);
    cr_assert_eq(got.n, 5);
    static const struct {
        const char *text;
        enum sel_boilerplate kind;
        size_t dateline;
    } want[] = {
        { "Presiden bertemu Kim di Pyongyang, Juni 2024.", SEL_BP_CAPTION, 0 },
        { "Foto: Dok. Pemerintah Rusia", SEL_BP_CREDIT, 0 },
        { "Rusia akui keterlibatan pasukan Korut.", SEL_BP_SOCIAL, 0 },
        { "Kepala Staf sampaikan hal ini.… pic.twitter.com/tChy", SEL_BP_SOCIAL, 0 },
        { "TEMPO.CO, Jakarta - Pemimpin Korea Utara Kim Jong Un meninjau uji coba rudal baru.", SEL_BP_NONE,
          strlen("TEMPO.CO, Jakarta -") },
    };
    for (size_t i = 0; i < 5; i++) {
        cr_expect(strlen(want[i].text) == got.v[i].end - got.v[i].start &&
                      memcmp(text + got.v[i].start, want[i].text, strlen(want[i].text)) == 0,
                  "segment %zu: \"%.*s\"", i, (int)(got.v[i].end - got.v[i].start), text + got.v[i].start);
        cr_expect_eq(got.v[i].kind, want[i].kind, "segment %zu kind %s", i, sel_boilerplate_name(got.v[i].kind));
        cr_expect_eq(got.v[i].dateline_len, want[i].dateline, "segment %zu dateline %zu", i, got.v[i].dateline_len);
    }
    free(got.v);
}
