// SPDX-License-Identifier: MIT
// `selaras ingest --jobs 2` against `--jobs 1`, run as the user runs them (the built binary,
// $SELARAS), alternately, each into a fresh database:
//  1. >= 50 MB ($SEL_BENCH_MB) of documents made from the shared dev data: 20 lines each, drawn
//     in a different order for every document (no two documents alike) after a numbered first line;
//  2. the dev data cut into 333 pairs of about 10 lines (a document and its translation each),
//     given with --pairs-from, against one process per pair as before (10 of them, scaled to 333).
// For each run: wall time, CPU time (user + system, from wait4) and peak resident memory. The
// machine may be shared: CPU time per job says what the work costs whatever else runs, and the
// wall-time ratio is only meaningful on a quiet machine (the CPU/wall figure says how quiet).
#include "tests/bench/bench_util.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum { LINES_PER_DOC = 20, MAX_LINES = 4000, PAIRS = 333, SINGLE_PAIRS = 10 };

struct measure {
    double wall, cpu; // seconds
    long rss_mb;      // peak resident memory of the process
};

// Runs argv (quietly) and measures it; exits on failure.
static struct measure run(char *const argv[])
{
    struct bench_run r = bench_run(argv, NULL, NULL, false);
    if (r.status != 0) {
        fprintf(stderr, "bench: %s %s failed\n", argv[0], argv[1]);
        exit(1);
    }
    return (struct measure){ r.wall, r.cpu, r.peak_kb / 1024 };
}

static void remove_db(const char *db)
{
    char path[4300];
    unlink(db);
    snprintf(path, sizeof(path), "%s-wal", db);
    unlink(path);
    snprintf(path, sizeof(path), "%s-shm", db);
    unlink(path);
}

// Ingests @p list (--files-from or --pairs-from, as @p how says) with @p jobs workers into a fresh database.
static struct measure ingest(const char *selaras, const char *dir, const char *how, const char *list, const char *jobs)
{
    char db[4200];
    snprintf(db, sizeof(db), "%s/bench.db", dir);
    remove_db(db);
    char *argv[] = { (char *)selaras, "ingest", "-q", "--db", db, "--jobs", (char *)jobs, (char *)how, (char *)list, NULL };
    struct measure m = run(argv);
    remove_db(db);
    return m;
}

static double median_of(const struct measure *m, size_t n, int field)
{
    double v[16];
    for (size_t i = 0; i < n; i++)
        v[i] = field == 0 ? m[i].wall : field == 1 ? m[i].cpu : (double)m[i].rss_mb;
    return bench_median(v, n);
}

static void print_runs(const char *what, const struct measure *m, size_t n, double mb)
{
    double wall = median_of(m, n, 0), cpu = median_of(m, n, 1);
    printf("%s, median of %zu: wall %.2f s (%.2f MB/s), CPU %.2f s, CPU/wall %.2f, peak memory %.0f MB (runs:",
           what, n, wall, mb / wall, cpu, cpu / wall, median_of(m, n, 2));
    for (size_t i = 0; i < n; i++)
        printf(" %.1f/%.1f s", m[i].wall, m[i].cpu);
    printf(" wall/CPU)\n");
}

int main(void)
{
    const char *shared = bench_shared();
    const char *selaras = getenv("SELARAS");
    if (!selaras) {
        fprintf(stderr, "bench: SELARAS must name the selaras binary\n");
        return 1;
    }
    size_t runs = getenv("SEL_BENCH_RUNS") ? strtoul(getenv("SEL_BENCH_RUNS"), NULL, 10) : 3;
    if (runs < 1 || runs > 16)
        runs = 3;
    struct sel_text dev, dev_en;
    bench_read_dev(shared, "id", &dev);
    bench_read_dev(shared, "en", &dev_en);
    char *lines[MAX_LINES], *lines_en[MAX_LINES];
    size_t n_lines = bench_split_lines(dev.data, lines, MAX_LINES);
    size_t n_en = bench_split_lines(dev_en.data, lines_en, MAX_LINES);
    if (n_lines != n_en) {
        fprintf(stderr, "bench: the dev data's sides have %zu and %zu lines\n", n_lines, n_en);
        return 1;
    }
    char dir[] = "/tmp/selaras-bench-jobs-XXXXXX";
    if (!mkdtemp(dir))
        return 1;

    // 1. Many documents.
    char list[4200], path[4200];
    snprintf(list, sizeof(list), "%s/documents.txt", dir);
    FILE *lp = fopen(list, "w");
    size_t target_mb = getenv("SEL_BENCH_MB") ? strtoul(getenv("SEL_BENCH_MB"), NULL, 10) : 50;
    size_t total = 0, n_docs = 0;
    uint64_t state = 0x2545F4914F6CDD1DULL; // a fixed sequence: every run of the benchmark alike
    while (lp && total < (target_mb << 20)) {
        snprintf(path, sizeof(path), "%s/doc%06zu.txt", dir, n_docs);
        FILE *fp = fopen(path, "w");
        if (!fp)
            return 1;
        total += (size_t)fprintf(fp, "Laporan nomor %zu.\n", n_docs);
        for (size_t k = 0; k < LINES_PER_DOC; k++) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            total += (size_t)fprintf(fp, "%s\n", lines[(state >> 33) % n_lines]);
        }
        fclose(fp);
        fprintf(lp, "%s\n", path);
        n_docs++;
    }
    if (!lp || fclose(lp) != 0)
        return 1;
    double mb = (double)total / (1 << 20);
    struct measure one[16], two[16];
    for (size_t r = 0; r < runs; r++) { // alternately: the machine's moods fall on both alike
        one[r] = ingest(selaras, dir, "--files-from", list, "1");
        two[r] = ingest(selaras, dir, "--files-from", list, "2");
    }
    printf("documents: %.1f MB in %zu documents of %d lines, each in its own order\n", mb, n_docs, LINES_PER_DOC + 1);
    print_runs("ingest --jobs 1", one, runs, mb);
    print_runs("ingest --jobs 2", two, runs, mb);
    double speedup = median_of(one, runs, 0) / median_of(two, runs, 0);
    printf("--jobs 2 against --jobs 1: %.2fx faster by wall time (target >= 1.70x on a quiet 2-core machine: %s); "
           "CPU time %.2fx\n", speedup, speedup >= 1.7 ? "met" : "not met",
           median_of(two, runs, 1) / median_of(one, runs, 1));
    for (size_t i = 0; i < n_docs; i++) {
        snprintf(path, sizeof(path), "%s/doc%06zu.txt", dir, i);
        unlink(path);
    }
    unlink(list);

    // 2. Many small pairs: the dev data in PAIRS parts of about 10 lines.
    snprintf(list, sizeof(list), "%s/pairs.txt", dir);
    lp = fopen(list, "w");
    size_t pair_bytes = 0;
    for (size_t p = 0; lp && p < PAIRS; p++) {
        size_t from = p * n_lines / PAIRS, to = (p + 1) * n_lines / PAIRS;
        char src[4200], tgt[4200];
        snprintf(src, sizeof(src), "%s/pair%03zu.id.txt", dir, p);
        snprintf(tgt, sizeof(tgt), "%s/pair%03zu.en.txt", dir, p);
        FILE *fs = fopen(src, "w"), *ft = fopen(tgt, "w");
        if (!fs || !ft)
            return 1;
        for (size_t k = from; k < to; k++) {
            pair_bytes += (size_t)fprintf(fs, "%s\n", lines[k]);
            pair_bytes += (size_t)fprintf(ft, "%s\n", lines_en[k]);
        }
        fclose(fs);
        fclose(ft);
        fprintf(lp, "%s\t%s\n", src, tgt);
    }
    if (!lp || fclose(lp) != 0)
        return 1;
    struct measure p_default[16], p_one[16], single[SINGLE_PAIRS];
    for (size_t r = 0; r < runs; r++) {
        p_default[r] = ingest(selaras, dir, "--pairs-from", list, "2");
        p_one[r] = ingest(selaras, dir, "--pairs-from", list, "1");
    }
    // the reference: one process per pair, as a script calling `ingest --translation` does
    char db[4200];
    snprintf(db, sizeof(db), "%s/single.db", dir);
    remove_db(db);
    for (size_t p = 0; p < SINGLE_PAIRS; p++) {
        char src[4200], tgt[4200];
        snprintf(src, sizeof(src), "%s/pair%03zu.id.txt", dir, p * (PAIRS / SINGLE_PAIRS));
        snprintf(tgt, sizeof(tgt), "%s/pair%03zu.en.txt", dir, p * (PAIRS / SINGLE_PAIRS));
        char *argv[] = { (char *)selaras, "ingest", "-q", "--db", db, "--translation", tgt, src, NULL };
        single[p] = run(argv);
    }
    remove_db(db);
    double pmb = (double)pair_bytes / (1 << 20);
    printf("pairs: %d pairs of about %zu lines, %.2f MB both sides\n", PAIRS, n_lines / PAIRS, pmb);
    print_runs("ingest --pairs-from, --jobs 2", p_default, runs, pmb);
    print_runs("ingest --pairs-from, --jobs 1", p_one, runs, pmb);
    double per_pair_wall = median_of(single, SINGLE_PAIRS, 0), per_pair_cpu = median_of(single, SINGLE_PAIRS, 1);
    printf("one process per pair (reference), median of %d: %.3f s wall, %.3f s CPU a pair; %d pairs: %.1f s wall, "
           "%.1f s CPU\n", SINGLE_PAIRS, per_pair_wall, per_pair_cpu, PAIRS, PAIRS * per_pair_wall, PAIRS * per_pair_cpu);
    double best = median_of(p_default, runs, 0) < median_of(p_one, runs, 0) ? median_of(p_default, runs, 0)
                                                                            : median_of(p_one, runs, 0);
    printf("%d pairs in one process: %.2f s wall (target < 5 s: %s), %.1fx faster than one process per pair\n", PAIRS,
           best, best < 5 ? "met" : "not met", PAIRS * per_pair_wall / best);
    char cmd[4200];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench: could not remove %s\n", dir);
    sel_text_finish(&dev);
    sel_text_finish(&dev_en);
    return 0;
}
