// SPDX-License-Identifier: MIT
// Benchmark: `selaras export parallel` of generated aligned pairs to each format, at 100k and
// 1M pairs: pairs per second and the peak memory (maximum resident set) of the exporting
// process, which must not grow with the number of pairs. The database is generated through the
// store's document writer (documents of 1,000 one-to-one beads, a term occurrence with a
// confirmed equivalent in every fourth source sentence). JSONL carries the terms and TMX does
// not: their ratio says what the terms cost (issue 20 asks for at most 1.3).
// Each export runs as a child process (the real CLI), timed end to end, its peak memory read
// from wait4().
#include "src/store/store.h"
#include "tests/bench/bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(sel_ctx *ctx, const char *what)
{
    fprintf(stderr, "bench_export: %s: %s\n", what, ctx ? sel_ctx_errmsg(ctx) : "");
    exit(1);
}

static const char *const id_words[] = { "pasukan", "gencatan senjata", "perbatasan", "menteri", "rudal",
                                        "delegasi", "kedaulatan", "latihan bersama" };
static const char *const en_words[] = { "troops", "ceasefire", "border", "minister", "missile",
                                        "delegation", "sovereignty", "joint exercise" };

// Generates @p pairs one-to-one beads in documents of 1,000.
static void generate(const char *path, long pairs)
{
    sel_ctx *ctx = NULL;
    sel_store *st = NULL;
    sel_doc_writer *w = NULL;
    if (sel_ctx_new(&ctx) != SEL_OK || sel_store_open(&st, ctx, path, true) != SEL_OK ||
        sel_doc_writer_new(&w, ctx, st) != SEL_OK)
        die(ctx, "creating the database");
    if (sel_store_begin(st, ctx) != SEL_OK)
        die(ctx, "begin");
    int64_t concept = 0;
    if (sel_doc_writer_concept(w, ctx, "bench.term", &concept) != SEL_OK)
        die(ctx, "concept");
    char text[512], name[64];
    const long per_doc = 1000;
    for (long d = 0; d * per_doc < pairs; d++) {
        int64_t ids[2] = { 0, 0 };
        for (int side = 0; side < 2; side++) {
            snprintf(name, sizeof(name), "doc%ld.%s", d, side ? "en" : "id");
            const struct sel_document_row doc = { name, NULL, side ? "en" : "id", name, 0, side ? ids[0] : 0, name };
            if (sel_doc_writer_document(w, ctx, &doc, &ids[side]) != SEL_OK)
                die(ctx, "document");
        }
        for (long i = 1; i <= per_doc && d * per_doc + i <= pairs; i++) {
            long n = d * per_doc + i;
            const char *word = id_words[n % 8], *e = en_words[n % 8];
            for (int side = 0; side < 2; side++) {
                int len = side ? snprintf(text, sizeof(text), "The %s & <unit> no. %ld said \"%s\" to the %s on day %ld.",
                                          e, n, e, en_words[(n / 8) % 8], n % 365)
                               : snprintf(text, sizeof(text), "%s & <satuan> nomor %ld berkata \"%s\" kepada %s pada hari %ld.",
                                          word, n, word, id_words[(n / 8) % 8], n % 365);
                const struct sel_sentence_row sent = { ids[side], i, i, 0, len, text, (size_t)len, NULL };
                int64_t sid = 0;
                if (sel_doc_writer_sentence(w, ctx, &sent, &sid) != SEL_OK)
                    die(ctx, "sentence");
                if (side == 0 && n % 4 == 0) {
                    int64_t occ = sid << SEL_OCCURRENCE_ID_SHIFT; // one per sentence
                    if (sel_doc_writer_mention(w, ctx, occ, concept, 0, (int64_t)strlen(word), word) != SEL_OK ||
                        sel_doc_writer_confirmation(w, ctx, occ, "confirmed", e) != SEL_OK)
                        die(ctx, "occurrence");
                }
            }
            const struct sel_bead_row bead = { ids[0], i, i, 1, i, 1, 0.5 + (double)(n % 50) / 100.0 };
            if (sel_doc_writer_bead(w, ctx, &bead) != SEL_OK)
                die(ctx, "bead");
        }
    }
    if (sel_store_commit(st, ctx) != SEL_OK)
        die(ctx, "commit");
    sel_doc_writer_free(w);
    sel_store_close(st);
    sel_ctx_free(ctx);
}

struct run_result {
    double seconds;
    long max_rss_kb;
};

// Runs selaras with @p args (NULL-terminated, args[0] the program), its output to /dev/null;
// exits on failure.
static struct run_result run(const char *selaras, char *const *args)
{
    struct bench_run r = bench_run(args, NULL, NULL, true);
    if (r.status != 0) {
        fprintf(stderr, "bench_export: %s %s failed\n", selaras, args[1]);
        exit(1);
    }
    return (struct run_result){ r.wall, r.peak_kb };
}

int main(void)
{
    const char *selaras = getenv("SELARAS");
    if (!selaras) {
        fprintf(stderr, "bench_export: set SELARAS to the selaras binary\n");
        return 1;
    }
    char dir[] = "/tmp/sel_bench_export_XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    static const long sizes[] = { 100000, 1000000 };
    static const char *const formats[][2] = {
        { "tmx", "" }, { "moses", "" }, { "tsv", "" }, { "jsonl", "" }, { "tsv", "--dedup" },
        { "moses", "--term-factors" },
    };
    enum { N_FORMATS = sizeof(formats) / sizeof(formats[0]) };
    struct run_result results[2][N_FORMATS];
    char *version_args[] = { (char *)selaras, "--version", NULL, NULL, NULL, NULL };
    struct run_result base = run(selaras, version_args);
    printf("selaras --version: peak %.1f MB (the floor of every figure below)\n", base.max_rss_kb / 1024.0);
    for (int s = 0; s < 2; s++) {
        char db[128], out[128];
        snprintf(db, sizeof(db), "%s/pairs%ld.db", dir, sizes[s]);
        double t0 = bench_now();
        // In a child: a forked process starts from its parent's resident set, and the kernel
        // carries that into the exec'd program's peak, so the parent must stay small.
        pid_t gen = fork();
        if (gen == 0) {
            generate(db, sizes[s]);
            _exit(0);
        }
        int gen_status = 0;
        if (gen < 0 || waitpid(gen, &gen_status, 0) != gen || !WIFEXITED(gen_status) || WEXITSTATUS(gen_status)) {
            fprintf(stderr, "bench_export: generating %ld pairs failed\n", sizes[s]);
            return 1;
        }
        printf("generated %ld pairs in %.1f s\n", sizes[s], bench_now() - t0);
        fflush(stdout);
        for (int f = 0; f < N_FORMATS; f++) {
            snprintf(out, sizeof(out), "%s/out.%s", dir, formats[f][0]);
            char *args[] = { (char *)selaras, "export", "parallel", "--format", (char *)formats[f][0], "--db", db,
                             "-o", out, *formats[f][1] ? (char *)formats[f][1] : NULL, NULL };
            // median of 3 runs for the time; the peak memory is the largest of the 3
            double times[3];
            long rss = 0;
            for (int k = 0; k < 3; k++) {
                struct run_result r = run(selaras, args);
                times[k] = r.seconds;
                if (r.max_rss_kb > rss)
                    rss = r.max_rss_kb;
            }
            results[s][f] = (struct run_result){ bench_median(times, 3), rss };
            char cmd[512];
            snprintf(cmd, sizeof(cmd), "rm -f %s/out.*", dir);
            if (system(cmd) != 0)
                fprintf(stderr, "bench_export: could not clean %s\n", dir);
        }
        char cmd[512];
        snprintf(cmd, sizeof(cmd), "rm -f %s/pairs*", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "bench_export: could not clean %s\n", dir);
    }
    printf("\n%-24s %14s %14s %12s %12s %8s\n", "format", "pairs/s 100k", "pairs/s 1M", "peak 100k", "peak 1M",
           "ratio");
    for (int f = 0; f < N_FORMATS; f++) {
        char name[64];
        snprintf(name, sizeof(name), "%s %s", formats[f][0], formats[f][1]);
        printf("%-24s %14.0f %14.0f %9.1f MB %9.1f MB %8.2f\n", name, sizes[0] / results[0][f].seconds,
               sizes[1] / results[1][f].seconds, results[0][f].max_rss_kb / 1024.0, results[1][f].max_rss_kb / 1024.0,
               (double)results[1][f].max_rss_kb / (double)results[0][f].max_rss_kb);
    }
    printf("\npeak = maximum resident set of the exporting process; ratio = peak at 1M / peak at 100k\n");
    // formats[0] is tmx, formats[3] jsonl
    printf("jsonl / tmx export time (medians of 3): %.2f at 100k pairs, %.2f at 1M (target: at most 1.30)\n",
           results[0][3].seconds / results[0][0].seconds, results[1][3].seconds / results[1][0].seconds);
    rmdir(dir);
    return 0;
}
