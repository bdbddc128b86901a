// SPDX-License-Identifier: MIT
// selaras check at the size the issue names: 1,000 sentence pairs (the first 1,000 line pairs of
// the shared dev data), checked as an aligned pre-segmented document and as 1,000 units, after
// start-up (the checker is built once). The reference in the same run is the bare aligner on the
// same pair (segmenting the lines and aligning), which every aligned check includes. Prints
// medians of RUNS runs, the ratio to the reference, and fails when a check takes 1 s or more.
#include "src/check/check.h"
#include "tests/bench/bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RUNS = 5, PAIRS = 1000 };

static char *join(char **lines, size_t n, size_t *len)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += strlen(lines[i]) + 1;
    char *s = malloc(total + 1), *o = s;
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(lines[i]);
        memcpy(o, lines[i], k);
        o[k] = '\n';
        o += k + 1;
    }
    *o = '\0';
    *len = total;
    return s;
}

int main(void)
{
    const char *shared = bench_shared();
    struct sel_text id, en;
    bench_read_dev(shared, "id", &id);
    bench_read_dev(shared, "en", &en);
    static char *src_lines[PAIRS], *tgt_lines[PAIRS];
    size_t ns = bench_split_lines(id.data, src_lines, PAIRS), nt = bench_split_lines(en.data, tgt_lines, PAIRS);
    if (ns != PAIRS || nt != PAIRS) {
        fprintf(stderr, "bench: the dev data has fewer than %d line pairs\n", PAIRS);
        return 1;
    }
    size_t src_len, tgt_len;
    char *src = join(src_lines, PAIRS, &src_len), *tgt = join(tgt_lines, PAIRS, &tgt_len);
    struct sel_segment_pair *pairs = malloc(PAIRS * sizeof(*pairs));
    for (size_t i = 0; i < PAIRS; i++)
        pairs[i] = (struct sel_segment_pair){ src_lines[i], tgt_lines[i] };

    sel_ctx *ctx = NULL;
    sel_checker *ck = NULL;
    double t0 = bench_now();
    if (sel_ctx_new(&ctx) != SEL_OK || sel_checker_new(&ck, ctx, NULL) != SEL_OK) {
        fprintf(stderr, "bench: %s\n", ctx ? sel_ctx_errmsg(ctx) : "out of memory");
        return 1;
    }
    double startup = bench_now() - t0;
    struct sel_align_options opts;
    sel_align_options_default(&opts);
    sel_aligner *al = NULL;
    if (sel_aligner_new(&al, ctx, &opts) != SEL_OK) {
        fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx));
        return 1;
    }
    double ref[RUNS], doc[RUNS], units[RUNS];
    size_t findings = 0, occurrences = 0;
    for (int r = 0; r < RUNS; r++) {
        double a = bench_now();
        struct sel_align_doc s, t;
        struct sel_alignment al_out;
        if (sel_align_doc_lines(&s, al, ctx, SEL_ALIGN_SRC, src, src_len) != SEL_OK ||
            sel_align_doc_lines(&t, al, ctx, SEL_ALIGN_TGT, tgt, tgt_len) != SEL_OK ||
            sel_align(&al_out, al, ctx, &s, &t) != SEL_OK) {
            fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx));
            return 1;
        }
        ref[r] = bench_now() - a;
        sel_alignment_finish(&al_out);
        sel_align_doc_finish(&s);
        sel_align_doc_finish(&t);

        struct sel_check_report rep;
        a = bench_now();
        if (sel_check_texts(ck, ctx, "id", src, src_len, "en", tgt, tgt_len, true, &rep) != SEL_OK) {
            fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx));
            return 1;
        }
        doc[r] = bench_now() - a;
        findings = rep.n_findings;
        occurrences = rep.term_occurrences;
        sel_check_report_finish(&rep);
        a = bench_now();
        if (sel_check_pairs(ck, ctx, "units", pairs, PAIRS, &rep) != SEL_OK) {
            fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx));
            return 1;
        }
        units[r] = bench_now() - a;
        sel_check_report_finish(&rep);
    }
    double m_ref = bench_median(ref, RUNS), m_doc = bench_median(doc, RUNS), m_units = bench_median(units, RUNS);
    printf("input: %d line pairs of the dev data (%zu + %zu bytes); %zu term occurrences, %zu findings\n", PAIRS,
           src_len, tgt_len, occurrences, findings);
    printf("start-up (termbase, taggers, aligner): %.3f s\n", startup);
    printf("reference, bare aligner (segment + align): median %.3f s\n", m_ref);
    printf("check, aligned document:                   median %.3f s (%.2fx the aligner)\n", m_doc, m_doc / m_ref);
    printf("check, 1,000 units:                        median %.3f s\n", m_units);
    printf("peak memory: %ld MB\n", bench_peak_mb());
    sel_aligner_free(al);
    sel_checker_free(ck);
    sel_ctx_free(ctx);
    free(pairs);
    free(src);
    free(tgt);
    sel_text_finish(&id);
    sel_text_finish(&en);
    if (m_doc >= 1.0 || m_units >= 1.0) {
        printf("FAIL: checking %d sentence pairs takes 1 s or more\n", PAIRS);
        return 1;
    }
    return 0;
}
