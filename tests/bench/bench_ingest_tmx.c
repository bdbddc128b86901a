// SPDX-License-Identifier: MIT
// TMX ingest benchmark: a translation memory written from the shared dev data (its 3,320 pairs,
// repeated, each unit numbered so that units differ) is read alone (sel_tmx_load), then stored
// into a fresh database as one document with its translation (sel_ingest_pairs: tagging, the
// English tagging that confirms equivalents, storage). Units per second and peak memory; the
// parser builds the whole tree first, so memory grows with the file.
#include "lexicon/lexicon.h"
#include "src/formats/formats.h"
#include "src/ingest/ingest.h"
#include "src/store/store.h"
#include "tests/bench/bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { REPEATS = 6, RUNS = 3 };

static void put_escaped(FILE *fp, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        default: fputc(*s, fp);
        }
    }
}

int main(void)
{
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

    char dir[] = "/tmp/selaras-bench-tmx-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char tmx[4200], db[4200];
    snprintf(tmx, sizeof(tmx), "%s/memory.tmx", dir);
    FILE *fp = fopen(tmx, "w");
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"bench\" "
          "creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"none\" adminlang=\"en\" srclang=\"id\" "
          "datatype=\"plaintext\"/>\n<body>\n", fp);
    size_t units = 0;
    for (int r = 0; r < REPEATS; r++)
        for (size_t i = 0; i < n; i++, units++) {
            fprintf(fp, "<tu tuid=\"%zu\"><tuv xml:lang=\"id\"><seg>(%zu) ", units, units);
            put_escaped(fp, src[i]);
            fprintf(fp, "</seg></tuv><tuv xml:lang=\"en\"><seg>(%zu) ", units);
            put_escaped(fp, tgt[i]);
            fputs("</seg></tuv></tu>\n", fp);
        }
    fputs("</body>\n</tmx>\n", fp);
    fclose(fp);
    struct stat sb;
    stat(tmx, &sb);
    double mb = (double)sb.st_size / (1 << 20);

    sel_termbase *tb = NULL;
    sel_termbase_new(&tb);
    if (sel_termbase_read_dir(tb, ctx, NULL, NULL, NULL) != SEL_OK)
        return fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx)), 1;
    struct sel_tmx_memory all = { 0 };
    double read_s[RUNS], ingest_s[RUNS];
    struct sel_ingest_report rep = { 0 };
    for (int run = 0; run < RUNS; run++) {
        sel_tmx_memory_finish(&all);
        double t0 = bench_now();
        if (sel_tmx_load(ctx, tmx, "id", "en", &all, NULL) != SEL_OK)
            return fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx)), 1;
        read_s[run] = bench_now() - t0;

        snprintf(db, sizeof(db), "%s/bench%d.db", dir, run);
        sel_store *st = NULL;
        sel_ingester *ing = NULL;
        if (sel_store_open(&st, ctx, db, true) != SEL_OK || sel_ingester_new(&ing, ctx, st, tb, "id") != SEL_OK)
            return fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx)), 1;
        t0 = bench_now();
        if (sel_ingest_pairs(ing, ctx, tmx, NULL, all.pairs, all.n, &rep) != SEL_OK)
            return fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx)), 1;
        sel_ingester_free(ing);
        sel_store_close(st);
        ingest_s[run] = bench_now() - t0;
    }
    double read_med = bench_median(read_s, RUNS), ingest_med = bench_median(ingest_s, RUNS);
    printf("TMX read: %.1f MB, %zu units: median %.2f s = %.0f units/s (%.1f MB/s)\n", mb, units, read_med,
           (double)units / read_med, mb / read_med);
    printf("TMX ingest (fresh database, median of %d): %.2f s = %.0f units/s; %zu sentences, %zu term occurrences, "
           "%zu confirmed; peak memory %ld MB\n", RUNS, ingest_med, (double)units / ingest_med, rep.sentences,
           rep.occurrences, rep.confirmed, bench_peak_mb());
    char cmd[4300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench: could not remove %s\n", dir);
    sel_tmx_memory_finish(&all);
    sel_termbase_free(tb);
    sel_text_finish(&id);
    sel_text_finish(&en);
    sel_ctx_free(ctx);
    return 0;
}
