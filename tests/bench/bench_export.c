// SPDX-License-Identifier: MIT
// Benchmark: `selaras export parallel` of generated aligned pairs to each format, at 100k and
// 1M pairs: pairs per second and the peak memory (maximum resident set) of the exporting
// process, which must not grow with the number of pairs. The database is generated through the
// store API (documents of 1,000 one-to-one beads, a term occurrence with a confirmed equivalent
// in every fourth source sentence); the FTS triggers are dropped in this scratch database only,
// because full-text indexing is not what is measured and would triple the generation time.
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

static sqlite3_stmt *prepare(sel_store *st, sel_ctx *ctx, const char *sql)
{
    sqlite3_stmt *s = NULL;
    if (sel_store_prepare(st, ctx, sql, &s) != SEL_OK)
        die(ctx, sql);
    return s;
}

static void step(sel_store *st, sel_ctx *ctx, sqlite3_stmt *s)
{
    if (sel_store_exec_stmt(st, ctx, s) != SEL_OK)
        die(ctx, "insert");
    sqlite3_reset(s);
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
    if (sel_ctx_new(&ctx) != SEL_OK || sel_store_open(&st, ctx, path, true) != SEL_OK)
        die(ctx, "creating the database");
    sqlite3_exec(sel_store_db(st), "DROP TRIGGER sentence_fts_insert; DROP TRIGGER sentence_fts_delete;", NULL, NULL,
                 NULL);
    if (sel_store_begin(st, ctx) != SEL_OK)
        die(ctx, "begin");
    sqlite3_stmt *doc = prepare(st, ctx, "INSERT INTO document (path, lang, content_hash, bytes, translation_of)"
                                         " VALUES (?1, ?2, ?1, 0, ?3)");
    sqlite3_stmt *sent = prepare(st, ctx, "INSERT INTO sentence (document_id, number, para, start, end, text)"
                                          " VALUES (?1, ?2, ?2, 0, ?3, ?4)");
    sqlite3_stmt *bead = prepare(st, ctx, "INSERT INTO bead (document_id, number, src_first, src_count, tgt_first,"
                                          " tgt_count, score) VALUES (?1, ?2, ?2, 1, ?2, 1, ?3)");
    // occurrences are rows of mention with an interned concept (the view occurrence reads them)
    sqlite3_exec(sel_store_db(st), "INSERT INTO concept (name) VALUES ('bench.term')", NULL, NULL, NULL);
    sqlite3_stmt *occ = prepare(st, ctx, "INSERT INTO mention (id, concept, start, end, term)"
                                         " VALUES (?1, (SELECT id FROM concept WHERE name = 'bench.term'), ?2, ?3, ?4)");
    sqlite3_stmt *conf = prepare(st, ctx, "INSERT INTO confirmation (occurrence_id, status, target)"
                                          " VALUES (?1, 'confirmed', ?2)");
    char text[512], name[64];
    const long per_doc = 1000;
    for (long d = 0; d * per_doc < pairs; d++) {
        sqlite3_int64 ids[2];
        for (int side = 0; side < 2; side++) {
            snprintf(name, sizeof(name), "doc%ld.%s", d, side ? "en" : "id");
            sqlite3_bind_text(doc, 1, name, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(doc, 2, side ? "en" : "id", -1, SQLITE_STATIC);
            if (side)
                sqlite3_bind_int64(doc, 3, ids[0]);
            else
                sqlite3_bind_null(doc, 3);
            step(st, ctx, doc);
            ids[side] = sqlite3_last_insert_rowid(sel_store_db(st));
        }
        for (long i = 1; i <= per_doc && d * per_doc + i <= pairs; i++) {
            long n = d * per_doc + i;
            const char *w = id_words[n % 8], *e = en_words[n % 8];
            for (int side = 0; side < 2; side++) {
                int len = side ? snprintf(text, sizeof(text), "The %s & <unit> no. %ld said \"%s\" to the %s on day %ld.",
                                          e, n, e, en_words[(n / 8) % 8], n % 365)
                               : snprintf(text, sizeof(text), "%s & <satuan> nomor %ld berkata \"%s\" kepada %s pada hari %ld.",
                                          w, n, w, id_words[(n / 8) % 8], n % 365);
                sqlite3_bind_int64(sent, 1, ids[side]);
                sqlite3_bind_int64(sent, 2, i);
                sqlite3_bind_int64(sent, 3, len);
                sqlite3_bind_text(sent, 4, text, len, SQLITE_TRANSIENT);
                step(st, ctx, sent);
                if (side == 0 && n % 4 == 0) {
                    sqlite3_int64 sid = sqlite3_last_insert_rowid(sel_store_db(st));
                    sqlite3_bind_int64(occ, 1, sid << SEL_OCCURRENCE_ID_SHIFT); // one per sentence
                    sqlite3_bind_int64(occ, 2, 0);
                    sqlite3_bind_int64(occ, 3, (sqlite3_int64)strlen(w));
                    sqlite3_bind_text(occ, 4, w, -1, SQLITE_STATIC);
                    step(st, ctx, occ);
                    sqlite3_bind_int64(conf, 1, sqlite3_last_insert_rowid(sel_store_db(st)));
                    sqlite3_bind_text(conf, 2, e, -1, SQLITE_STATIC);
                    step(st, ctx, conf);
                }
            }
            sqlite3_bind_int64(bead, 1, ids[0]);
            sqlite3_bind_int64(bead, 2, i);
            sqlite3_bind_double(bead, 3, 0.5 + (double)(n % 50) / 100.0);
            step(st, ctx, bead);
        }
    }
    sqlite3_finalize(conf);
    sqlite3_finalize(occ);
    sqlite3_finalize(bead);
    sqlite3_finalize(sent);
    sqlite3_finalize(doc);
    if (sel_store_commit(st, ctx) != SEL_OK)
        die(ctx, "commit");
    sel_store_close(st);
    sel_ctx_free(ctx);
}

struct run_result {
    double seconds;
    long max_rss_kb;
};

// Runs selaras with @p args (NULL-terminated), its output to /dev/null; exits on failure.
static struct run_result run(const char *selaras, char *const *args)
{
    double t0 = bench_now();
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
            _exit(126);
        execv(selaras, args);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench_export: %s %s failed\n", selaras, args[1]);
        exit(1);
    }
    return (struct run_result){ bench_now() - t0, ru.ru_maxrss };
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
    rmdir(dir);
    return 0;
}
