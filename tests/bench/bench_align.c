// SPDX-License-Identifier: MIT
// Sentence alignment at scale: the whole dev set (3,320 line pairs) and the same concatenated
// five and ten times (33,200 a side), each aligned in one run as pre-segmented documents. Every
// run is a fresh child process, so its peak memory (getrusage ru_maxrss) is its own. Prints input
// sizes, medians of the times, peak memory, and the 1x -> 10x and 5x -> 10x ratios.
#include "align/align.h"
#include "tests/bench/bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

enum { RUNS = 5 };

struct result {
    double setup, align;   // seconds: building the aligner; reading + aligning the pair
    size_t beads, n_src, n_tgt;
    long maxrss_kb;
    double cpu;            // user + system CPU seconds of the whole child (set-up included)
};

static char *repeat_dev(const char *shared, const char *lang, int copies, size_t *len)
{
    struct sel_text t;
    bench_read_dev(shared, lang, &t);
    char *buf = malloc((size_t)copies * (t.len + 2) + 1);
    size_t n = 0;
    for (int i = 0; i < copies; i++) {
        memcpy(buf + n, t.data, t.len);
        n += t.len;
        memcpy(buf + n, "\r\n", 2); // the file has no final line end
        n += 2;
    }
    buf[n] = '\0';
    *len = n;
    sel_text_finish(&t);
    return buf;
}

static void run_child(int fd, const char *src, size_t src_len, const char *tgt, size_t tgt_len)
{
    struct result r = { 0 };
    sel_ctx *ctx = NULL;
    sel_aligner *al = NULL;
    struct sel_align_options opts;
    sel_align_options_default(&opts);
    double t0 = bench_now();
    if (sel_ctx_new(&ctx) != SEL_OK || sel_aligner_new(&al, ctx, &opts) != SEL_OK) {
        fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx));
        _exit(1);
    }
    double t1 = bench_now();
    struct sel_align_doc s, t;
    struct sel_alignment a;
    if (sel_align_doc_lines(&s, al, ctx, SEL_ALIGN_SRC, src, src_len) != SEL_OK ||
        sel_align_doc_lines(&t, al, ctx, SEL_ALIGN_TGT, tgt, tgt_len) != SEL_OK ||
        sel_align(&a, al, ctx, &s, &t) != SEL_OK) {
        fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx));
        _exit(1);
    }
    double t2 = bench_now();
    r.setup = t1 - t0;
    r.align = t2 - t1;
    r.beads = a.n;
    r.n_src = s.n;
    r.n_tgt = t.n;
    if (write(fd, &r, sizeof(r)) != (ssize_t)sizeof(r))
        _exit(1);
    sel_alignment_finish(&a);
    sel_align_doc_finish(&t);
    sel_align_doc_finish(&s);
    sel_aligner_free(al);
    sel_ctx_free(ctx);
    _exit(0);
}

static struct result measure(const char *src, size_t src_len, const char *tgt, size_t tgt_len)
{
    int fds[2];
    if (pipe(fds) != 0)
        exit(1);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        run_child(fds[1], src, src_len, tgt, tgt_len);
    }
    close(fds[1]);
    struct result r = { 0 };
    if (read(fds[0], &r, sizeof(r)) != (ssize_t)sizeof(r)) {
        fprintf(stderr, "bench: the aligning child failed\n");
        exit(1);
    }
    close(fds[0]);
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        exit(1);
    r.maxrss_kb = ru.ru_maxrss;
    r.cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
            (double)ru.ru_stime.tv_usec / 1e6;
    return r;
}

struct summary {
    double setup, align, mem_mb, cpu;
    size_t n_src, n_tgt, beads, bytes;
};

static struct summary bench(const char *shared, int copies)
{
    size_t src_len, tgt_len;
    char *src = repeat_dev(shared, "id", copies, &src_len);
    char *tgt = repeat_dev(shared, "en", copies, &tgt_len);
    double setup[RUNS], align[RUNS], mem[RUNS], cpu[RUNS];
    struct result r = { 0 };
    for (int i = 0; i < RUNS; i++) {
        r = measure(src, src_len, tgt, tgt_len);
        setup[i] = r.setup;
        align[i] = r.align;
        mem[i] = (double)r.maxrss_kb / 1024;
        cpu[i] = r.cpu;
    }
    free(src);
    free(tgt);
    return (struct summary){ bench_median(setup, RUNS), bench_median(align, RUNS), bench_median(mem, RUNS),
                             bench_median(cpu, RUNS), r.n_src, r.n_tgt, r.beads, src_len + tgt_len };
}

int main(void)
{
    const char *shared = bench_shared();
    static const int copies[3] = { 1, 5, 10 };
    struct summary r[3];
    for (int k = 0; k < 3; k++) {
        r[k] = bench(shared, copies[k]);
        printf("align %2dx: %zu + %zu sentences (%.1f MB), %zu beads; aligner set-up %.3f s, "
               "read + align %.3f s (medians of %d runs); CPU time of the whole run %.3f s; "
               "peak memory %.1f MB\n",
               copies[k], r[k].n_src, r[k].n_tgt, (double)r[k].bytes / (1 << 20), r[k].beads,
               r[k].setup, r[k].align, RUNS, r[k].cpu, r[k].mem_mb);
    }
    // The first copy also analyses every distinct word form once (the analyzer's cache), so
    // 1x -> 10x grows less than tenfold; 5x -> 10x shows the growth per sentence.
    printf("align scaling 1x -> 10x: sentences %.2fx, time %.2fx, peak memory %.2fx\n",
           (double)r[2].n_src / (double)r[0].n_src, r[2].align / r[0].align, r[2].mem_mb / r[0].mem_mb);
    printf("align scaling 5x -> 10x: sentences %.2fx, time %.2fx, peak memory %.2fx; "
           "%.1f us and %.2f KB per sentence pair beyond the first copy\n",
           (double)r[2].n_src / (double)r[1].n_src, r[2].align / r[1].align, r[2].mem_mb / r[1].mem_mb,
           1e6 * (r[2].align - r[0].align) / (double)(r[2].n_src - r[0].n_src),
           1024 * (r[2].mem_mb - r[0].mem_mb) / (double)(r[2].n_src - r[0].n_src));
    return 0;
}
