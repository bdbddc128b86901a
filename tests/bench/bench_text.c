// SPDX-License-Identifier: MIT
// Text pipeline benchmark on >= 50 MB generated from the shared dev data (lines joined five to a
// paragraph, repeated): segmentation MB/s against ICU's bare sentence BreakIterator over the same
// bytes in the same run, analysis tokens/s, and peak memory.
#include "src/text/text.h"
#include "tests/bench/bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

enum { TARGET_MB = 50, RUNS = 3 };

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

int main(void)
{
    const char *shared = bench_shared();
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
    double t_icu[RUNS], t_seg[RUNS];
    size_t icu_breaks = 0, sentences = 0;
    for (int r = 0; r < RUNS; r++) {
        UErrorCode status = U_ZERO_ERROR;
        double t0 = bench_now();
        UText *ut = utext_openUTF8(NULL, text, (int64_t)len, &status);
        UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, "id", NULL, 0, &status);
        ubrk_setUText(bi, ut, &status);
        icu_breaks = 0;
        for (int32_t b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi))
            icu_breaks++;
        ubrk_close(bi);
        utext_close(ut);
        double t1 = bench_now();
        sentences = 0;
        sel_segment(seg, ctx, text, len, count_sentence, &sentences);
        double t2 = bench_now();
        t_icu[r] = t1 - t0;
        t_seg[r] = t2 - t1;
    }
    double m_icu = bench_median(t_icu, RUNS), m_seg = bench_median(t_seg, RUNS);
    printf("segment: input %.1f MB, %zu sentences; median %.2f s = %.1f MB/s; bare ICU BreakIterator "
           "%.2f s = %.1f MB/s (%zu boundaries); ratio %.2fx\n",
           mb, sentences, m_seg, mb / m_seg, m_icu, mb / m_icu, icu_breaks, m_seg / m_icu);

    struct analyze_state st = { NULL, ctx, 0 };
    if (sel_analyzer_new(&st.an, ctx, lang) != SEL_OK) {
        fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx));
        return 1;
    }
    double t0 = bench_now();
    sel_segment(seg, ctx, text, len, analyze_sentence, &st);
    double t_an = bench_now() - t0;
    printf("analyze: input %.1f MB, %zu tokens in %.2f s = %.0f tokens/s (one core, segmentation "
           "included); %zu distinct forms analysed once each\n",
           mb, st.tokens, t_an, (double)st.tokens / t_an, sel_analyzer_cache_size(st.an));
    printf("peak memory: %ld MB (the %.1f MB input is held in memory)\n", bench_peak_mb(), mb);
    sel_analyzer_free(st.an);
    sel_segmenter_free(seg);
    sel_lang_free(lang);
    sel_ctx_free(ctx);
    free(text);
    return 0;
}
