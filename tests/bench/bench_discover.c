// SPDX-License-Identifier: MIT
// Term discovery benchmark (issue 15): word alignment and discovery (sel_discover_run: reading
// and analysing the beads, EM training in both directions, candidates, phrase extraction) over
// 25,000, 50,000 and 100,000 bead pairs made from the shared dev data (its 3,320 pairs repeated,
// each numbered so that no two are the same; the numbers are words the alignment model must
// learn too). Each run is a child process, so that its peak memory is its own. The reference in
// the same run is the bare store read: walking every bead with its sentences and terms
// (sel_bead_cursor), which discovery cannot go below.
#include "lexicon/lexicon.h"
#include "src/discover/discover.h"
#include "src/ingest/ingest.h"
#include "src/store/store.h"
#include "tests/bench/bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

enum { RUNS = 3 };
static const size_t sizes[] = { 25000, 50000, 100000 };

// One discovery (or with @p reference, one bare read) in a child: wall seconds and peak MB through a
// pipe, CPU seconds (start-up included: loading the termbase and the analyzers) from its rusage.
static int measure(const char *db, sel_termbase *tb, bool reference, double *secs, double *cpu, long *mb,
                   size_t *cands)
{
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        sel_ctx *ctx = NULL;
        sel_store *st = NULL;
        sel_ctx_new(&ctx);
        double t0 = bench_now();
        size_t n = 0;
        if (sel_store_open(&st, ctx, db, false) != SEL_OK)
            _exit(1);
        if (reference) {
            sel_bead_cursor *c = NULL;
            const struct sel_bead_view *v;
            if (sel_bead_cursor_open(&c, ctx, st, true) != SEL_OK)
                _exit(1);
            while (sel_bead_cursor_next(c, ctx, &v) == SEL_OK && v)
                n++;
            sel_bead_cursor_close(c);
        } else {
            struct sel_discover_options o;
            sel_discover_options_default(&o);
            sel_discovery *d = NULL;
            if (sel_discover_run(&d, ctx, st, tb, &o) != SEL_OK) {
                fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx));
                _exit(1);
            }
            n = sel_discovery_count(d);
            sel_discovery_free(d);
        }
        double t = bench_now() - t0;
        sel_store_close(st);
        long peak = bench_peak_mb();
        if (write(fd[1], &t, sizeof(t)) != sizeof(t) || write(fd[1], &peak, sizeof(peak)) != sizeof(peak) ||
            write(fd[1], &n, sizeof(n)) != sizeof(n))
            _exit(1);
        _exit(0);
    }
    close(fd[1]);
    int status = 0;
    bool ok = read(fd[0], secs, sizeof(*secs)) == sizeof(*secs) && read(fd[0], mb, sizeof(*mb)) == sizeof(*mb) &&
              read(fd[0], cands, sizeof(*cands)) == sizeof(*cands);
    close(fd[0]);
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) == pid) // the child's own CPU time: the machine may be shared
        *cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
               ru.ru_stime.tv_usec / 1e6;
    return ok && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0); // a line as soon as each size is measured
    const char *shared = bench_shared();
    sel_ctx *ctx = NULL;
    sel_ctx_new(&ctx);
    struct sel_text id, en;
    bench_read_dev(shared, "id", &id);
    bench_read_dev(shared, "en", &en);
    static char *src[4000], *tgt[4000];
    size_t n = bench_split_lines(id.data, src, 4000);
    if (bench_split_lines(en.data, tgt, 4000) != n)
        return fprintf(stderr, "bench: the dev data sides differ in length\n"), 1;

    char dir[] = "/tmp/selaras-bench-discover-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char db[4200];
    snprintf(db, sizeof(db), "%s/bench.db", dir);
    sel_termbase *tb = NULL;
    if (sel_termbase_open_bundled(&tb, ctx) != SEL_OK)
        return fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx)), 1;
    struct sel_segment_pair *pairs = malloc(sizes[2] * sizeof(*pairs));
    char **owned = malloc(2 * sizes[2] * sizeof(*owned));
    for (size_t k = 0; k < sizes[2]; k++) {
        size_t ls = strlen(src[k % n]) + 16, lt = strlen(tgt[k % n]) + 16;
        owned[2 * k] = malloc(ls);
        owned[2 * k + 1] = malloc(lt);
        snprintf(owned[2 * k], ls, "(%zu) %s", k, src[k % n]);
        snprintf(owned[2 * k + 1], lt, "(%zu) %s", k, tgt[k % n]);
        pairs[k] = (struct sel_segment_pair){ owned[2 * k], owned[2 * k + 1] };
    }
    size_t stored = 0;
    double per_bead[3];
    printf("discover: shared dev data repeated and numbered; medians of %d runs, each in a child process\n", RUNS);
    for (size_t s = 0; s < 3; s++) {
        // grow the database to the next size: one more document of the pairs not stored yet
        sel_store *st = NULL;
        sel_ingester *ing = NULL;
        struct sel_ingest_report rep = { 0 };
        char path[64];
        snprintf(path, sizeof(path), "pairs-%zu.tmx", s);
        if (sel_store_open(&st, ctx, db, true) != SEL_OK || sel_ingester_new(&ing, ctx, st, tb, "id") != SEL_OK ||
            sel_ingest_pairs(ing, ctx, path, NULL, pairs + stored, sizes[s] - stored, &rep) != SEL_OK)
            return fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx)), 1;
        sel_ingester_free(ing);
        sel_store_close(st);
        stored = sizes[s];

        double t[RUNS], cpu[RUNS], ref[RUNS], rcpu[RUNS];
        long peak = 0, mb = 0;
        size_t cands = 0;
        for (int r = 0; r < RUNS; r++) {
            if (measure(db, tb, false, &t[r], &cpu[r], &peak, &cands) != 0 ||
                measure(db, tb, true, &ref[r], &rcpu[r], &mb, &cands) != 0)
                return fprintf(stderr, "bench: a run failed\n"), 1;
        }
        // a run's candidates and peak (the reference's peak is far smaller)
        if (measure(db, tb, false, &t[0], &cpu[0], &peak, &cands) != 0)
            return 1;
        double med = bench_median(t, RUNS), cmed = bench_median(cpu, RUNS), rmed = bench_median(rcpu, RUNS);
        per_bead[s] = cmed / (double)sizes[s] * 1e6;
        printf("  %6zu bead pairs: discover CPU %.2f s (%.0f us/bead; wall %.2f s), peak %ld MB, %zu candidates; "
               "bare bead read CPU %.2f s (discover = %.1f x the read)\n",
               sizes[s], cmed, per_bead[s], med, peak, cands, rmed, cmed / rmed);
    }
    printf("  growth: CPU time per bead at 50k / 25k = %.2f, 100k / 25k = %.2f (1.00 = linear)\n", per_bead[1] / per_bead[0],
           per_bead[2] / per_bead[0]);
    char cmd[4300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench: could not remove %s\n", dir);
    for (size_t k = 0; k < 2 * sizes[2]; k++)
        free(owned[k]);
    free(owned);
    free(pairs);
    sel_termbase_free(tb);
    sel_text_finish(&id);
    sel_text_finish(&en);
    sel_ctx_free(ctx);
    return 0;
}
