// SPDX-License-Identifier: MIT
// selaras check at the size the issue names: 1,000 sentence pairs (the first 1,000 line pairs of
// the shared dev data), checked as an aligned pre-segmented document and as 1,000 units, after
// start-up (the checker is built once). The reference in the same run is the bare aligner on the
// same pair (segmenting the lines and aligning), which every aligned check includes. Prints
// medians of RUNS runs, the ratio to the reference, and fails when a check takes 1 s or more.
//
// Then `selaras check --pairs-from LIST` on many files (600 pairs of files of 50 line pairs, drawn
// in turn from the dev data's 3,000 first: 30,000 line pairs, so that checking outweighs the
// second checker's start-up), --jobs 1 against --jobs 2, in alternating paired runs
// of child processes: wall and CPU time (CPU / wall says how many cores it kept busy) and the
// speed-up; the load average before and after says how quiet the machine was.
#include "src/check/check.h"
#include "tests/bench/bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

enum { JOB_RUNS = 3, JOB_FILES = 600, JOB_LINES = 50, JOB_DEV_LINES = 3000 };

// Runs `selaras check --jobs JOBS -f tsv --pairs-from LIST` (exit 1: findings, as expected);
// wall and CPU seconds in *wall, *cpu.
static int run_check(const char *selaras, const char *jobs, const char *list, double *wall, double *cpu)
{
    char *const argv[] = { (char *)selaras, "check", "--jobs", (char *)jobs, "-f", "tsv", "--pairs-from", (char *)list, NULL };
    struct bench_run r = bench_run(argv, NULL, NULL, false);
    if (r.status < 0 || r.status > 1)
        return -1;
    *wall = r.wall;
    *cpu = r.cpu;
    return 0;
}

// Writes JOB_FILES pairs of files of JOB_LINES lines each into @p dir, and their list.
static int write_pairs(const char *dir, char **src, char **tgt, char *list, size_t size)
{
    snprintf(list, size, "%s/pairs.txt", dir);
    FILE *l = fopen(list, "w");
    for (int f = 0; l && f < JOB_FILES; f++) {
        char a[256], b[256];
        snprintf(a, sizeof(a), "%s/%03d.id.txt", dir, f);
        snprintf(b, sizeof(b), "%s/%03d.en.txt", dir, f);
        FILE *fa = fopen(a, "w"), *fb = fopen(b, "w");
        if (!fa || !fb)
            return -1;
        for (int i = f * JOB_LINES; i < (f + 1) * JOB_LINES; i++) {
            fprintf(fa, "%s\n", src[i % JOB_DEV_LINES]);
            fprintf(fb, "%s\n", tgt[i % JOB_DEV_LINES]);
        }
        if (fclose(fa) != 0 || fclose(fb) != 0)
            return -1;
        fprintf(l, "%s\t%s\n", a, b);
    }
    return l && fclose(l) == 0 ? 0 : -1;
}

// --jobs 1 against --jobs 2 on many files; 0 when both ran.
static int bench_jobs(const char *shared)
{
    const char *selaras = getenv("SELARAS");
    if (!selaras) {
        printf("check --jobs: skipped (SELARAS is not set)\n");
        return 0;
    }
    struct sel_text id, en;
    bench_read_dev(shared, "id", &id);
    bench_read_dev(shared, "en", &en);
    static char *src[JOB_DEV_LINES], *tgt[JOB_DEV_LINES];
    size_t want = JOB_DEV_LINES;
    if (bench_split_lines(id.data, src, want) != want || bench_split_lines(en.data, tgt, want) != want) {
        fprintf(stderr, "bench: the dev data has fewer than %zu line pairs\n", want);
        return -1;
    }
    char dir[] = "/tmp/selaras-bench-check-XXXXXX", list[128];
    if (!mkdtemp(dir) || write_pairs(dir, src, tgt, list, sizeof(list)) != 0) {
        fprintf(stderr, "bench: cannot write the pairs\n");
        return -1;
    }
    double load[3] = { 0 }, after[3] = { 0 };
    getloadavg(load, 3);
    double wall[2][JOB_RUNS], cpu[2][JOB_RUNS];
    int rc = 0;
    for (int r = 0; rc == 0 && r < JOB_RUNS; r++)
        for (int j = 0; rc == 0 && j < 2; j++) // paired: 1 then 2, each round
            rc = run_check(selaras, j ? "2" : "1", list, &wall[j][r], &cpu[j][r]);
    getloadavg(after, 3);
    if (rc == 0) {
        double w1 = bench_median(wall[0], JOB_RUNS), w2 = bench_median(wall[1], JOB_RUNS);
        double c1 = bench_median(cpu[0], JOB_RUNS), c2 = bench_median(cpu[1], JOB_RUNS);
        printf("check --pairs-from: %d pairs of files of %d lines (%d line pairs), medians of %d paired runs\n",
               JOB_FILES, JOB_LINES, JOB_FILES * JOB_LINES, JOB_RUNS);
        printf("  --jobs 1: %.2f s wall, %.2f s CPU (CPU/wall %.2f)\n", w1, c1, c1 / w1);
        printf("  --jobs 2: %.2f s wall, %.2f s CPU (CPU/wall %.2f); %.2fx faster than --jobs 1\n", w2, c2, c2 / w2,
               w1 / w2);
        printf("  load average (1 min) before %.2f, after %.2f, on %ld processors\n", load[0], after[0],
               sysconf(_SC_NPROCESSORS_ONLN));
    } else {
        fprintf(stderr, "bench: selaras check failed\n");
    }
    for (int f = 0; f < JOB_FILES; f++)
        for (int side = 0; side < 2; side++) {
            char p[256];
            snprintf(p, sizeof(p), "%s/%03d.%s.txt", dir, f, side ? "en" : "id");
            remove(p);
        }
    remove(list);
    rmdir(dir);
    sel_text_finish(&id);
    sel_text_finish(&en);
    return rc;
}

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
    if (bench_jobs(shared) != 0)
        return 1;
    if (m_doc >= 1.0 || m_units >= 1.0) {
        printf("FAIL: checking %d sentence pairs takes 1 s or more\n", PAIRS);
        return 1;
    }
    return 0;
}
