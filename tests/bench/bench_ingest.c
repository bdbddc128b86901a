// SPDX-License-Identifier: MIT
// Ingest benchmark: >= 50 MB of documents generated from the shared dev data (20 lines each,
// each made unique by a numbered first line) tagged without storage, then ingested into a fresh
// database; what storage costs is the difference. Also rows written per second, database size
// per MB of input and peak memory.
#include "lexicon/lexicon.h"
#include "src/ingest/ingest.h"
#include "src/store/store.h"
#include "tests/bench/bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { TARGET_MB = 50, LINES_PER_DOC = 20, RUNS = 3 };

static bool count_match(void *user, const char *text, const struct sel_sentence *s, const struct sel_term_match *m)
{
    (void)text;
    (void)s;
    (void)m;
    (*(size_t *)user)++;
    return true;
}

int main(void)
{
    const char *shared = bench_shared();
    sel_ctx *ctx = NULL;
    sel_ctx_new(&ctx);
    struct sel_text dev;
    bench_read_dev(shared, "id", &dev);
    char *lines[4000];
    size_t n_lines = bench_split_lines(dev.data, lines, 4000);

    char dir[] = "/tmp/selaras-bench-ingest-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    size_t total = 0, n_docs = 0;
    char **files = NULL;
    size_t target_mb = getenv("SEL_BENCH_MB") ? strtoul(getenv("SEL_BENCH_MB"), NULL, 10) : TARGET_MB;
    while (total < (target_mb << 20)) {
        files = realloc(files, (n_docs + 1) * sizeof(*files));
        files[n_docs] = malloc(4200);
        snprintf(files[n_docs], 4200, "%s/doc%06zu.txt", dir, n_docs);
        FILE *fp = fopen(files[n_docs], "w");
        total += (size_t)fprintf(fp, "Laporan nomor %zu.\n", n_docs);
        for (size_t k = 0; k < LINES_PER_DOC; k++)
            total += (size_t)fprintf(fp, "%s\n", lines[(n_docs * LINES_PER_DOC + k) % n_lines]);
        fclose(fp);
        n_docs++;
    }
    double mb = (double)total / (1 << 20);

    sel_termbase *tb = NULL;
    sel_termbase_new(&tb);
    if (sel_termbase_read_dir(tb, ctx, NULL, NULL, NULL) != SEL_OK)
        return fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx)), 1;
    // tag and ingest alternate, RUNS times each, each with a fresh tagger (its analysis cache
    // cold, as an ingest's is) and a fresh database: the machine's moods fall on both alike.
    double tag_s[RUNS], ingest_s[RUNS], pipeline_s[RUNS], storage_s[RUNS], db_mb = 0;
    size_t matches = 0, rows = 0;
    for (int run = 0; run < RUNS; run++) {
        sel_tagger *tagger = NULL;
        if (sel_tagger_new(&tagger, ctx, tb, "id") != SEL_OK)
            return fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx)), 1;
        matches = 0;
        double t0 = bench_now();
        for (size_t i = 0; i < n_docs; i++) {
            struct sel_text t;
            sel_text_read(&t, ctx, files[i]);
            sel_tagger_tag(tagger, ctx, t.data, t.len, false, count_match, &matches);
            sel_text_finish(&t);
        }
        tag_s[run] = bench_now() - t0;
        sel_tagger_free(tagger);

        char db[4200];
        snprintf(db, sizeof(db), "%s/bench%d.db", dir, run);
        sel_store *st = NULL;
        sel_ingester *ing = NULL;
        if (sel_store_open(&st, ctx, db, true) != SEL_OK || sel_ingester_new(&ing, ctx, st, tb, "id") != SEL_OK)
            return fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx)), 1;
        rows = 0;
        double pipeline = 0, storage = 0; // as the ingester measured them, document by document
        sel_ingester_batch(ing, true);    // as `selaras ingest` does for many files
        t0 = bench_now();
        for (size_t i = 0; i < n_docs; i++) {
            struct sel_ingest_report r;
            if (sel_ingest(ing, ctx, files[i], NULL, NULL, &r) != SEL_OK)
                return fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx)), 1;
            rows += 1 + r.sentences * 2 + r.occurrences; // document, paragraph + sentence, occurrences
            pipeline += r.pipeline_seconds;
            storage += r.storage_seconds;
        }
        double t_last = bench_now();
        sel_ingester_flush(ing, ctx);
        sel_ingester_free(ing); // its last write (a WAL checkpoint) counts too
        sel_store_close(st);
        ingest_s[run] = bench_now() - t0;
        storage += bench_now() - t_last;
        pipeline_s[run] = pipeline;
        storage_s[run] = storage;
        struct stat sb;
        if (stat(db, &sb) == 0)
            db_mb = (double)sb.st_size / (1 << 20);
        unlink(db);
    }
    double share[RUNS]; // of storage in each ingest, measured inside it
    for (int run = 0; run < RUNS; run++)
        share[run] = 100 * storage_s[run] / (storage_s[run] + pipeline_s[run]);
    // (bench_median() sorts: afterwards [0] and [RUNS - 1] are the extremes)
    double t_tag = bench_median(tag_s, RUNS), t_ingest = bench_median(ingest_s, RUNS);
    double pipeline = bench_median(pipeline_s, RUNS), storage = bench_median(storage_s, RUNS);
    double storage_share = bench_median(share, RUNS);
    printf("tag (no storage), median of %d: %.1f MB in %zu documents, %zu term occurrences: %.2f s = %.2f MB/s "
           "(runs %.2f to %.2f s)\n", RUNS, mb, n_docs, matches, t_tag, mb / t_tag, tag_s[0], tag_s[RUNS - 1]);
    printf("ingest (fresh database), median of %d: %.2f s = %.2f MB/s, %.0f rows/s (runs %.2f to %.2f s); "
           "storage %.0f%% of the total by the difference of the medians; database %.1f MB = %.2f MB per MB of input; "
           "peak memory %ld MB\n", RUNS, t_ingest, mb / t_ingest, (double)rows / t_ingest, ingest_s[0],
           ingest_s[RUNS - 1], 100 * (t_ingest - t_tag) / t_ingest, db_mb, db_mb / mb, bench_peak_mb());
    // The same split measured inside the ingest, document by document: immune to the machine
    // being busier during one of the runs.
    printf("ingest split, medians: pipeline %.2f s, storage %.2f s; storage %.0f%% of the ingest (runs %.0f%% to %.0f%%)\n",
           pipeline, storage, storage_share, share[0], share[RUNS - 1]);
    char cmd[4200];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench: could not remove %s\n", dir);
    for (size_t i = 0; i < n_docs; i++)
        free(files[i]);
    free(files);
    sel_termbase_free(tb);
    sel_text_finish(&dev);
    sel_ctx_free(ctx);
    return 0;
}
