// SPDX-License-Identifier: MIT
// Glossary import benchmark: a TBX file of N concepts (two languages, a definition in a
// descripGrp, a third of the ids shared with a first file so that they are stored under new
// ids) read (sel_glossary_read) and stored (sel_glossary_store) into a fresh database, beside
// the bare-library reference of the same run: libxml2 parsing the same file into a tree, which
// the reader cannot go below. Medians of RUNS runs.
#include "src/formats/formats.h"
#include "src/store/store.h"
#include "tests/bench/bench_util.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

enum { CONCEPTS = 20000, RUNS = 3 };

static void write_tbx(const char *path, const char *tag, size_t first)
{
    FILE *fp = fopen(path, "w");
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<martif type=\"TBX-Basic\" xml:lang=\"en\">\n<text>\n<body>\n", fp);
    for (size_t i = first; i < first + CONCEPTS; i++)
        fprintf(fp,
                "  <termEntry id=\"c%zu\">\n    <descripGrp><descrip type=\"subjectField\">military</descrip></descripGrp>\n"
                "    <langSet xml:lang=\"en-US\">\n      <descripGrp><descrip type=\"definition\">Definition %s %zu.</descrip></descripGrp>\n"
                "      <tig><term> %s term %zu </term><termNote type=\"partOfSpeech\">noun</termNote></tig>\n    </langSet>\n"
                "    <langSet xml:lang=\"id_ID\"><tig><term>istilah %s %zu</term></tig></langSet>\n  </termEntry>\n",
                i, tag, i, tag, i, tag, i);
    fputs("</body>\n</text>\n</martif>\n", fp);
    fclose(fp);
}

int main(void)
{
    char dir[] = "/tmp/selaras-bench-import-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char a[4200], b[4200], db[4200];
    snprintf(a, sizeof(a), "%s/first.tbx", dir);
    snprintf(b, sizeof(b), "%s/second.tbx", dir);
    write_tbx(a, "a", 0);
    write_tbx(b, "b", CONCEPTS * 2 / 3); // a third of its ids are the first file's
    struct stat sb;
    stat(b, &sb);
    double mb = (double)sb.st_size / (1 << 20);
    sel_ctx *ctx = NULL;
    sel_ctx_new(&ctx);
    const struct sel_import_options opt = { .format = SEL_IMPORT_TBX };
    double bare_s[RUNS], read_s[RUNS], store_s[RUNS];
    size_t renamed = 0;
    for (int run = 0; run < RUNS; run++) {
        double t0 = bench_now();
        xmlDocPtr doc = xmlReadFile(b, NULL, XML_PARSE_NONET);
        bare_s[run] = bench_now() - t0;
        if (!doc)
            return fprintf(stderr, "bench: libxml2 could not parse %s\n", b), 1;
        xmlFreeDoc(doc);

        snprintf(db, sizeof(db), "%s/bench%d.db", dir, run);
        sel_store *st = NULL;
        sel_glossary *first = NULL, *second = NULL;
        if (sel_store_open(&st, ctx, db, true) != SEL_OK || sel_glossary_read(&first, ctx, a, &opt) != SEL_OK ||
            sel_store_begin(st, ctx) != SEL_OK || sel_glossary_store(first, ctx, st, a, false) != SEL_OK)
            return fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx)), 1;
        t0 = bench_now();
        if (sel_glossary_read(&second, ctx, b, &opt) != SEL_OK)
            return fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx)), 1;
        read_s[run] = bench_now() - t0;
        t0 = bench_now();
        if (sel_glossary_store(second, ctx, st, b, false) != SEL_OK || sel_store_commit(st, ctx) != SEL_OK)
            return fprintf(stderr, "bench: %s\n", sel_ctx_errmsg(ctx)), 1;
        store_s[run] = bench_now() - t0;
        renamed = sel_glossary_report(second)->renamed;
        sel_glossary_free(first);
        sel_glossary_free(second);
        sel_store_close(st);
    }
    double bare = bench_median(bare_s, RUNS), rd = bench_median(read_s, RUNS), sto = bench_median(store_s, RUNS);
    printf("TBX import: %.1f MB, %d concepts (%zu under new ids); libxml2 parse alone %.3f s; read %.3f s (%.2fx the "
           "parse, %.0f concepts/s); store %.3f s (%.0f concepts/s); peak memory %ld MB\n",
           mb, CONCEPTS, renamed, bare, rd, rd / bare, CONCEPTS / rd, sto, CONCEPTS / sto, bench_peak_mb());
    char cmd[4300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench: could not remove %s\n", dir);
    sel_ctx_free(ctx);
    return 0;
}
