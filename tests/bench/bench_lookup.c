// SPDX-License-Identifier: MIT
// Lookup speed as a user sees it: one `selaras lookup` process from start to answer, for an
// exact and for an inflected query, without a database and with a large one (>= 150 MB, made by
// ingesting generated documents; examples are fetched from it), beside its references in the same
// run: `selaras --version` (the same program starting and doing nothing) for the exact query and
// `hunspell -d id_ID -s` on one word (loading the same dictionary) for the inflected one. The
// commands run in turn, RUNS times; each run's ratios are taken before the medians, so that the
// load of a shared machine weighs on both sides alike. Then 1,000 queries in one process.
#include "tests/bench/bench_util.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum { RUNS = 41, DB_INPUT_MB = 50, LINES_PER_DOC = 20 };

struct timing {
    double wall, cpu;
};

// Runs argv with stdin from @p input (or /dev/null), stdout and stderr to /dev/null (or stdout to
// @p output); its wall and CPU time. Exit 1 (no answer) is an answer too.
static struct timing run_once(char *const argv[], const char *input, const char *output)
{
    struct bench_run r = bench_run(argv, input, output, true);
    if (r.status < 0 || r.status > 1) {
        fprintf(stderr, "bench: %s %s failed\n", argv[0], argv[1]);
        exit(1);
    }
    return (struct timing){ r.wall, r.cpu };
}

// A database of >= @p mb MB of input: documents of 20 lines of the dev data, each made unique by
// a numbered first line, ingested in one process. Returns its size in MB.
static double make_database(const char *selaras, const char *dir, const char *db, size_t mb)
{
    struct sel_text dev;
    bench_read_dev(bench_shared(), "id", &dev);
    static char *lines[4000];
    size_t n_lines = bench_split_lines(dev.data, lines, 4000);
    char list[4200];
    snprintf(list, sizeof(list), "%s/files.txt", dir);
    FILE *fl = fopen(list, "w");
    size_t total = 0;
    for (size_t doc = 0; fl && total < (mb << 20); doc++) {
        char path[4200];
        snprintf(path, sizeof(path), "%s/doc%06zu.txt", dir, doc);
        FILE *fp = fopen(path, "w");
        if (!fp)
            break;
        total += (size_t)fprintf(fp, "Laporan nomor %zu.\n", doc);
        for (size_t k = 0; k < LINES_PER_DOC; k++)
            total += (size_t)fprintf(fp, "%s\n", lines[(doc * LINES_PER_DOC + k) % n_lines]);
        fclose(fp);
        fprintf(fl, "%s\n", path);
    }
    sel_text_finish(&dev);
    if (!fl || fclose(fl) != 0) {
        fprintf(stderr, "bench: cannot write the documents\n");
        exit(1);
    }
    char *ingest[] = { (char *)selaras, "--db", (char *)db, "ingest", "--files-from", list, NULL };
    struct timing t = run_once(ingest, NULL, NULL);
    struct stat sb;
    if (stat(db, &sb) != 0) {
        fprintf(stderr, "bench: the ingest made no database\n");
        exit(1);
    }
    printf("database: %.1f MB of input ingested in %.1f s into %.1f MB\n", (double)total / (1 << 20), t.wall,
           (double)sb.st_size / (1 << 20));
    return (double)sb.st_size / (1 << 20);
}

enum { VERSION, HUNSPELL, EXACT, INFLECTED, EXACT_DB, INFLECTED_DB, N_CMDS };

int main(void)
{
    char *selaras = getenv("SELARAS"), *data = getenv("SEL_TEST_DATA");
    if (!selaras || !data) {
        fprintf(stderr, "bench: SELARAS and SEL_TEST_DATA must be set\n");
        return 1;
    }
    char dir[] = "/tmp/selaras-bench-lookup-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char db[4200], none[4200], word[4200], queries[4200];
    snprintf(db, sizeof(db), "%s/big.db", dir);
    snprintf(none, sizeof(none), "%s/none.db", dir);
    snprintf(word, sizeof(word), "%s/word.txt", dir);
    snprintf(queries, sizeof(queries), "%s/queries.txt", dir);
    setenv("SELARAS_DB", none, 1); // "without a database": the default one does not exist
    size_t input_mb = getenv("SEL_BENCH_MB") ? strtoul(getenv("SEL_BENCH_MB"), NULL, 10) : DB_INPUT_MB;
    double db_mb = make_database(selaras, dir, db, input_mb);

    // 1,000 queries from the lookup gold, repeated
    char gold[4096];
    snprintf(gold, sizeof(gold), "%s/lookup/gold.tsv", data);
    FILE *in = fopen(gold, "r"), *out = fopen(queries, "w"), *w = fopen(word, "w");
    if (!in || !out || !w) {
        fprintf(stderr, "bench: cannot prepare the queries\n");
        return 1;
    }
    char line[1024], all[400][256];
    size_t n = 0;
    while (n < 400 && fgets(line, sizeof(line), in))
        if (line[0] != '#' && strchr(line, '\t') && strstr(line, "\tid\t"))
            snprintf(all[n++], sizeof(all[0]), "%.*s", (int)strcspn(line, "\t"), line);
    for (size_t i = 0; i < 1000; i++)
        fprintf(out, "%s\n", all[i % n]);
    fputs("dipertahankan\n", w);
    fclose(out);
    fclose(in);
    fclose(w);

    char *cmds[N_CMDS][8] = {
        [VERSION] = { selaras, "--version", NULL },
        [HUNSPELL] = { "hunspell", "-d", "id_ID", "-s", NULL },
        [EXACT] = { selaras, "lookup", "pasukan", NULL },
        [INFLECTED] = { selaras, "lookup", "dipertahankan", NULL },
        [EXACT_DB] = { selaras, "--db", db, "lookup", "pasukan", NULL },
        [INFLECTED_DB] = { selaras, "--db", db, "lookup", "dipertahankan", NULL },
    };
    static const char *const names[N_CMDS] = { "selaras --version", "hunspell -d id_ID -s, one word", "exact lookup",
                                               "inflected lookup", "exact lookup, database", "inflected lookup, database" };
    // the example sentences are really there: the answer with the database shows some
    char answer[4200];
    snprintf(answer, sizeof(answer), "%s/answer.txt", dir);
    run_once(cmds[EXACT_DB], NULL, answer);
    struct sel_text a;
    if (sel_text_read(&a, NULL, answer) != SEL_OK || !strstr(a.data, "e.g.")) {
        fprintf(stderr, "bench: the lookup with the database shows no examples\n");
        return 1;
    }
    sel_text_finish(&a);

    static double wall[N_CMDS][RUNS], cpu[N_CMDS][RUNS];
    double r_exact[RUNS], r_infl[RUNS], r_exact_db[RUNS], r_infl_db[RUNS];
    double c_exact[RUNS], c_infl[RUNS], c_exact_db[RUNS], c_infl_db[RUNS];
    for (int r = 0; r < RUNS; r++) {
        for (int c = 0; c < N_CMDS; c++) {
            struct timing t = run_once(cmds[c], c == HUNSPELL ? word : NULL, NULL);
            wall[c][r] = t.wall;
            cpu[c][r] = t.cpu;
        }
        r_exact[r] = wall[EXACT][r] / wall[VERSION][r];
        r_infl[r] = wall[INFLECTED][r] / wall[HUNSPELL][r];
        r_exact_db[r] = wall[EXACT_DB][r] / wall[VERSION][r];
        r_infl_db[r] = wall[INFLECTED_DB][r] / wall[HUNSPELL][r];
        c_exact[r] = cpu[EXACT][r] / cpu[VERSION][r];
        c_infl[r] = cpu[INFLECTED][r] / cpu[HUNSPELL][r];
        c_exact_db[r] = cpu[EXACT_DB][r] / cpu[VERSION][r];
        c_infl_db[r] = cpu[INFLECTED_DB][r] / cpu[HUNSPELL][r];
    }
    printf("one process start to answer, %d runs of each in turn, medians (wall / CPU):\n", RUNS);
    for (int c = 0; c < N_CMDS; c++)
        printf("  %-30s %6.1f ms / %5.1f ms\n", names[c], bench_median(wall[c], RUNS) * 1e3,
               bench_median(cpu[c], RUNS) * 1e3);
    printf("exact lookup / selaras --version: %.2fx wall, %.2fx CPU; with the %.0f MB database %.2fx, %.2fx\n",
           bench_median(r_exact, RUNS), bench_median(c_exact, RUNS), db_mb, bench_median(r_exact_db, RUNS),
           bench_median(c_exact_db, RUNS));
    printf("inflected lookup / hunspell on one word: %.2fx wall, %.2fx CPU; with the database %.2fx, %.2fx\n",
           bench_median(r_infl, RUNS), bench_median(c_infl, RUNS), bench_median(r_infl_db, RUNS),
           bench_median(c_infl_db, RUNS));
    char *batch[] = { selaras, "lookup", "--format", "tsv", NULL };
    double t_batch[5];
    for (int i = 0; i < 5; i++)
        t_batch[i] = run_once(batch, queries, NULL).wall;
    double tb = bench_median(t_batch, 5);
    printf("lookup, 1,000 queries on stdin in one process (median of 5): %.0f ms = %.0f queries/s\n", tb * 1e3,
           1000 / tb);
    char cmd[4300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench: could not remove %s\n", dir);
    return 0;
}
