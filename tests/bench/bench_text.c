// SPDX-License-Identifier: MIT
// Text pipeline benchmark on >= 50 MB generated from the shared dev data (lines joined five to a
// paragraph, repeated): segmentation MB/s against ICU's bare sentence BreakIterator over the same
// bytes in the same run, analysis tokens/s, and peak memory. Then analysis of fresh text (each
// form new) against `hunspell -d id_ID -s` over the same tokens in the same run.
#include "src/text/text.h"
#include "tests/bench/bench_util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

enum { TARGET_MB = 50, RUNS = 5 };

static char *build_input(const char *shared, size_t *len)
{
    struct sel_text t;
    bench_read_dev(shared, "id", &t);
    // one paragraph per five lines, as scraped articles have several sentences per line
    char *para = malloc(t.len + 1);
    size_t plen = 0, in_para = 0;
    for (char *line = strtok(t.data, "\r\n"); line; line = strtok(NULL, "\r\n")) {
        if (!*line)
            continue;
        if (in_para++ == 5) {
            para[plen++] = '\n';
            in_para = 1;
        } else if (in_para > 1) {
            para[plen++] = ' ';
        }
        size_t n = strlen(line);
        memcpy(para + plen, line, n);
        plen += n;
    }
    para[plen++] = '\n';
    size_t copies = ((size_t)TARGET_MB << 20) / plen + 1;
    char *buf = malloc(copies * plen + 1);
    for (size_t i = 0; i < copies; i++)
        memcpy(buf + i * plen, para, plen);
    *len = copies * plen;
    buf[*len] = '\0';
    free(para);
    sel_text_finish(&t);
    return buf;
}

static bool count_sentence(void *user, const char *text, const struct sel_sentence *s)
{
    (void)text;
    (void)s;
    (*(size_t *)user)++;
    return true;
}

struct analyze_state {
    sel_analyzer *an;
    sel_ctx *ctx;
    size_t tokens;
};

static bool count_token(void *user, const char *text, const struct sel_token *t)
{
    (void)text;
    (void)t;
    ((struct analyze_state *)user)->tokens++;
    return true;
}

static bool analyze_sentence(void *user, const char *text, const struct sel_sentence *s)
{
    struct analyze_state *st = user;
    return sel_analyze_span(st->an, st->ctx, text, s->start, s->end, count_token, st) == SEL_OK;
}

/* ---- analyze on fresh text against `hunspell -s` ------------------------------------------ */

// Fresh text: every Indonesian text of the shared folder once (dev data, the UD development
// sets, the seed articles), so that nearly every form is new to a new analyzer.
static char *fresh_text(const char *shared, size_t *len)
{
    static const char *const files[] = { "data/panl-int-dev/id.txt", "data/ud-id-dev/lemma/gsd-dev.text.txt",
                                         "data/ud-id-dev/lemma/csui-train.text.txt" };
    char *out = NULL;
    *len = 0;
    char path[4096];
    sel_ctx *ctx = NULL;
    sel_ctx_new(&ctx);
    for (size_t i = 0; i < sizeof(files) / sizeof(*files) + 1; i++) {
        char *list[64];
        size_t n = 0;
        if (i < sizeof(files) / sizeof(*files)) {
            snprintf(path, sizeof(path), "%s/%s", shared, files[i]);
            list[n++] = strdup(path);
        } else { // the seed articles
            snprintf(path, sizeof(path), "%s/seeds", shared);
            DIR *dir = opendir(path);
            for (struct dirent *e; dir && n < 64 && (e = readdir(dir));)
                if (strstr(e->d_name, ".txt")) {
                    snprintf(path, sizeof(path), "%s/seeds/%s", shared, e->d_name);
                    list[n++] = strdup(path);
                }
            if (dir)
                closedir(dir);
        }
        for (size_t k = 0; k < n; k++) {
            struct sel_text t;
            if (sel_text_read(&t, ctx, list[k]) != SEL_OK) {
                fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx));
                exit(1);
            }
            out = realloc(out, *len + t.len + 2);
            memcpy(out + *len, t.data, t.len);
            *len += t.len;
            out[(*len)++] = '\n';
            out[*len] = '\0';
            sel_text_finish(&t);
            free(list[k]);
        }
    }
    sel_ctx_free(ctx);
    return out;
}

struct token_dump {
    sel_analyzer *an;
    sel_ctx *ctx;
    FILE *fp; // NULL: count only
    size_t tokens;
};

static bool dump_token(void *user, const char *text, const struct sel_token *t)
{
    struct token_dump *d = user;
    d->tokens++;
    if (d->fp)
        fprintf(d->fp, "%.*s\n", (int)(t->end - t->start), text + t->start);
    return true;
}

static bool dump_sentence(void *user, const char *text, const struct sel_sentence *s)
{
    struct token_dump *d = user;
    return sel_analyze_span(d->an, d->ctx, text, s->start, s->end, dump_token, d) == SEL_OK;
}

static double cpu_self(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_children(void)
{
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
           (double)ru.ru_stime.tv_usec / 1e6;
}

// A new analyzer (cold cache, its dictionary loaded as a new `hunspell` process loads its own)
// over fresh text, then `hunspell -d id_ID -s` over the same tokens, one per line, RUNS times in
// turn. Wall time and CPU time, because on a shared machine wall time mostly measures the others.
static void bench_fresh(const char *shared, sel_ctx *ctx, const sel_lang *lang, sel_segmenter *seg)
{
    size_t len;
    char *text = fresh_text(shared, &len);
    char tokens_path[] = "/tmp/selaras-bench-tokens-XXXXXX";
    int fd = mkstemp(tokens_path);
    FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!fp) {
        fprintf(stderr, "bench: cannot write a temporary file\n");
        exit(1);
    }
    struct token_dump d = { NULL, ctx, fp, 0 };
    if (sel_analyzer_new(&d.an, ctx, lang) != SEL_OK || sel_segment(seg, ctx, text, len, dump_sentence, &d) != SEL_OK)
        exit(1);
    sel_analyzer_free(d.an);
    fclose(fp);
    bool have_hunspell = system("hunspell -v >/dev/null 2>&1") == 0;
    char cmd[4200];
    snprintf(cmd, sizeof(cmd), "LC_ALL=C.UTF-8 hunspell -d id_ID -i utf-8 -s <%s >/dev/null 2>&1", tokens_path);
    char empty_cmd[200];
    snprintf(empty_cmd, sizeof(empty_cmd), "LC_ALL=C.UTF-8 hunspell -d id_ID -i utf-8 -s </dev/null >/dev/null 2>&1");
    double w_an[RUNS], c_an[RUNS], w_hs[RUNS], c_hs[RUNS], c_load[RUNS], c_hs_load[RUNS];
    size_t forms = 0;
    for (int r = 0; r < RUNS; r++) {
        double w0 = bench_now(), c0 = cpu_self();
        struct token_dump run = { NULL, ctx, NULL, 0 };
        if (sel_analyzer_new(&run.an, ctx, lang) != SEL_OK)
            exit(1);
        c_load[r] = cpu_self() - c0;
        if (sel_segment(seg, ctx, text, len, dump_sentence, &run) != SEL_OK)
            exit(1);
        forms = sel_analyzer_cache_size(run.an);
        sel_analyzer_free(run.an);
        w_an[r] = bench_now() - w0;
        c_an[r] = cpu_self() - c0;
        w_hs[r] = c_hs[r] = 0;
        if (have_hunspell) {
            double w1 = bench_now(), c1 = cpu_children();
            if (system(cmd) != 0)
                have_hunspell = false;
            w_hs[r] = bench_now() - w1;
            c_hs[r] = cpu_children() - c1;
            double c2 = cpu_children();
            if (system(empty_cmd) != 0)
                have_hunspell = false;
            c_hs_load[r] = cpu_children() - c2; // loading its dictionary and nothing else
        }
    }
    remove(tokens_path);
    double wa = bench_median(w_an, RUNS), ca = bench_median(c_an, RUNS);
    printf("analyze, fresh text: %.2f MB, %zu tokens, %zu distinct forms; median wall %.2f s = %.0f tokens/s, "
           "CPU %.2f s = %.0f tokens/s (a new analyzer each run, dictionary loading and segmentation included)\n",
           (double)len / (1 << 20), d.tokens, forms, wa, (double)d.tokens / wa, ca, (double)d.tokens / ca);
    if (have_hunspell) {
        double wh = bench_median(w_hs, RUNS), ch = bench_median(c_hs, RUNS);
        double la = bench_median(c_load, RUNS), lh = bench_median(c_hs_load, RUNS);
        printf("hunspell -d id_ID -s, the same %zu tokens one per line: median wall %.2f s, CPU %.2f s; "
               "analyze is %.1fx as fast (wall), %.1fx (CPU); without loading the dictionary (analyzer "
               "%.3f s, hunspell %.3f s CPU): %.1fx\n",
               d.tokens, wh, ch, wh / wa, ch / ca, la, lh, (ch - lh) / (ca - la));
    } else {
        printf("hunspell -d id_ID -s: not run (the hunspell program is not installed; Debian: apt-get install hunspell)\n");
    }
    free(text);
}

int main(int argc, char **argv)
{
    // "bench_text segment" measures segmentation only (the analysis takes most of the run);
    // "bench_text fresh" only the analysis of fresh text beside `hunspell -s`
    bool segment_only = argc > 1 && strcmp(argv[1], "segment") == 0;
    bool fresh_only = argc > 1 && strcmp(argv[1], "fresh") == 0;
    const char *shared = bench_shared();
    if (fresh_only) {
        sel_ctx *ctx = NULL;
        sel_lang *lang = NULL;
        sel_segmenter *seg = NULL;
        if (sel_ctx_new(&ctx) || sel_lang_load(&lang, ctx, "id") || sel_segmenter_new(&seg, ctx, lang)) {
            fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx));
            return 1;
        }
        bench_fresh(shared, ctx, lang, seg);
        sel_segmenter_free(seg);
        sel_lang_free(lang);
        sel_ctx_free(ctx);
        return 0;
    }
    size_t len;
    char *text = build_input(shared, &len);
    double mb = (double)len / (1 << 20);
    sel_ctx *ctx = NULL;
    sel_lang *lang = NULL;
    sel_segmenter *seg = NULL;
    if (sel_ctx_new(&ctx) || sel_lang_load(&lang, ctx, "id") || sel_segmenter_new(&seg, ctx, lang)) {
        fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx));
        return 1;
    }
    double t_icu[RUNS], t_seg[RUNS], c_icu[RUNS], c_seg[RUNS];
    size_t icu_breaks = 0, sentences = 0;
    for (int r = 0; r < RUNS; r++) {
        UErrorCode status = U_ZERO_ERROR;
        double t0 = bench_now(), c0 = cpu_self();
        UText *ut = utext_openUTF8(NULL, text, (int64_t)len, &status);
        UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, "id", NULL, 0, &status);
        ubrk_setUText(bi, ut, &status);
        icu_breaks = 0;
        for (int32_t b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi))
            icu_breaks++;
        ubrk_close(bi);
        utext_close(ut);
        double t1 = bench_now(), c1 = cpu_self();
        sentences = 0;
        sel_segment(seg, ctx, text, len, count_sentence, &sentences);
        double t2 = bench_now(), c2 = cpu_self();
        t_icu[r] = t1 - t0;
        t_seg[r] = t2 - t1;
        c_icu[r] = c1 - c0;
        c_seg[r] = c2 - c1;
    }
    // each run times ICU and segment back to back: the ratio within a run is what a shared,
    // busy machine disturbs least, so its median is the figure to compare (taken before
    // bench_median() sorts the times); in CPU time, waiting for a core does not count
    double ratio[RUNS], cpu_ratio[RUNS];
    for (int r = 0; r < RUNS; r++) {
        ratio[r] = t_seg[r] / t_icu[r];
        cpu_ratio[r] = c_seg[r] / c_icu[r];
    }
    double m_icu = bench_median(t_icu, RUNS), m_seg = bench_median(t_seg, RUNS);
    printf("segment: input %.1f MB, %zu sentences; median %.2f s = %.1f MB/s; bare ICU BreakIterator "
           "%.2f s = %.1f MB/s (%zu boundaries); ratio %.2fx in CPU time, %.2fx in wall time (medians of "
           "%d runs' ratios)\n",
           mb, sentences, m_seg, mb / m_seg, m_icu, mb / m_icu, icu_breaks, bench_median(cpu_ratio, RUNS),
           bench_median(ratio, RUNS), RUNS);

    if (segment_only) {
        printf("peak memory: %ld MB (the %.1f MB input is held in memory)\n", bench_peak_mb(), mb);
        sel_segmenter_free(seg);
        sel_lang_free(lang);
        sel_ctx_free(ctx);
        free(text);
        return 0;
    }
    struct analyze_state st = { NULL, ctx, 0 };
    if (sel_analyzer_new(&st.an, ctx, lang) != SEL_OK) {
        fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx));
        return 1;
    }
    double t0 = bench_now(), c0 = cpu_self();
    sel_segment(seg, ctx, text, len, analyze_sentence, &st);
    double t_an = bench_now() - t0, c_an = cpu_self() - c0;
    printf("analyze: input %.1f MB, %zu tokens in %.2f s = %.0f tokens/s (CPU %.2f s = %.0f tokens/s; one core, "
           "segmentation included); %zu distinct forms analysed once each\n",
           mb, st.tokens, t_an, (double)st.tokens / t_an, c_an, (double)st.tokens / c_an,
           sel_analyzer_cache_size(st.an));
    bench_fresh(shared, ctx, lang, seg);
    printf("peak memory: %ld MB (the %.1f MB input is held in memory)\n", bench_peak_mb(), mb);
    sel_analyzer_free(st.an);
    sel_segmenter_free(seg);
    sel_lang_free(lang);
    sel_ctx_free(ctx);
    free(text);
    return 0;
}
