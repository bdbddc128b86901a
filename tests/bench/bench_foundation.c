// SPDX-License-Identifier: MIT
// First benchmarks: input checking (UTF-8 validation) on text generated from the shared dev
// data, against a plain memchr pass over the same bytes, and loading the bundled termbase.
#include "lexicon/lexicon.h"
#include "tests/bench/bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RUNS = 9, TARGET_MB = 50 };

static char *build_input(const char *shared, size_t *len)
{
    struct sel_text t;
    bench_read_dev(shared, "id", &t);
    size_t copies = (TARGET_MB << 20) / t.len + 1;
    char *buf = malloc(copies * t.len + 1);
    for (size_t i = 0; i < copies; i++)
        memcpy(buf + i * t.len, t.data, t.len);
    *len = copies * t.len;
    buf[*len] = '\0';
    sel_text_finish(&t);
    return buf;
}

int main(void)
{
    const char *shared = bench_shared();
    size_t len;
    char *text = build_input(shared, &len);
    double mb = (double)len / (1 << 20);
    double t_utf8[RUNS], t_scan[RUNS];
    volatile long sink = 0;
    for (int r = 0; r < RUNS; r++) {
        double t0 = bench_now();
        sink += sel_utf8_find_invalid(text, len, false);
        double t1 = bench_now();
        sink += memchr(text, '\0', len) != NULL;
        double t2 = bench_now();
        t_utf8[r] = t1 - t0;
        t_scan[r] = t2 - t1;
    }
    double m_utf8 = bench_median(t_utf8, RUNS), m_scan = bench_median(t_scan, RUNS);
    printf("utf8 validation: input %.1f MB, median %.1f ms = %.0f MB/s; memchr reference %.0f MB/s; "
           "ratio %.1fx\n",
           mb, m_utf8 * 1e3, mb / m_utf8, mb / m_scan, m_utf8 / m_scan);
    free(text);

    double t_load[RUNS];
    size_t concepts = 0;
    for (int r = 0; r < RUNS; r++) {
        sel_termbase *tb = NULL;
        sel_ctx *ctx = NULL;
        sel_ctx_new(&ctx);
        sel_termbase_new(&tb);
        double t0 = bench_now();
        sel_termbase_read_dir(tb, ctx, NULL, NULL, NULL);
        sel_termbase_check(tb, NULL, NULL);
        t_load[r] = bench_now() - t0;
        concepts = sel_termbase_concept_count(tb);
        sel_termbase_free(tb);
        sel_ctx_free(ctx);
    }
    double m_load = bench_median(t_load, RUNS);
    printf("termbase read + check: %zu concepts, median %.2f ms = %.0f concepts/ms\n", concepts,
           m_load * 1e3, (double)concepts / (m_load * 1e3));
    return sink == 42 ? 1 : 0;
}
