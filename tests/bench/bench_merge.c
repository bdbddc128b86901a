// SPDX-License-Identifier: MIT
// Benchmark: `selaras merge` (sel_store_merge()) of N generated shard databases into a new one,
// against the bare SQLite floor of the same work in the same run: one transaction that attaches
// the shards and copies the same tables with INSERT ... SELECT, ids shifted by a constant per
// shard (no identity checks, no renumbering). Shards of 250 documents with a translation each,
// 40 one-to-one beads a document, three term occurrences per source sentence with one or two
// confirmations, one document in each shard also in the next (skipped by the merge, copied
// twice by the floor). Figures: rows per second, medians of 3 alternating runs, and the ratios of
// wall-clock and of CPU time (user + system; the machine may be shared, and both run in this
// process, so CPU time is the steadier figure).
#include "src/store/store.h"
#include "src/store/store_internal.h"
#include "tests/bench/bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { DOCS = 250, SENTENCES = 40, OCCURRENCES = 3, CONCEPTS = 500 };

static double cpu_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
           (double)ru.ru_stime.tv_usec / 1e6;
}

static void die(sel_ctx *ctx, const char *what)
{
    fprintf(stderr, "bench_merge: %s: %s\n", what, ctx ? sel_ctx_errmsg(ctx) : "");
    exit(1);
}

// The floor is bare SQLite, and the shards are written row by row with known ids, so (alone in
// tests/bench) this benchmark uses SQLite directly, on the store's connection (store_internal.h).
static sqlite3_stmt *prepare(sel_store *st, sel_ctx *ctx, const char *sql)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        fprintf(stderr, "bench_merge: %s: %s\n", sql, sqlite3_errmsg(st->db));
        die(ctx, "preparing");
    }
    return s;
}

static void step(sel_store *st, sel_ctx *ctx, sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "bench_merge: %s\n", sqlite3_errmsg(st->db));
        die(ctx, "insert");
    }
    sqlite3_reset(s);
}

static const char *const id_words[] = { "pasukan", "gencatan senjata", "perbatasan", "menteri", "rudal",
                                        "delegasi", "kedaulatan", "latihan bersama" };
static const char *const en_words[] = { "troops", "ceasefire", "border", "minister", "missile",
                                        "delegation", "sovereignty", "joint exercise" };

// Shard @p k: documents k*DOCS .. k*DOCS + DOCS - 1, and the next shard's first one.
static void generate(const char *path, int k)
{
    sel_ctx *ctx = NULL;
    sel_store *st = NULL;
    if (sel_ctx_new(&ctx) != SEL_OK || sel_store_open(&st, ctx, path, true) != SEL_OK)
        die(ctx, "creating a shard");
    if (sel_store_begin(st, ctx) != SEL_OK)
        die(ctx, "begin");
    sqlite3_stmt *doc = prepare(st, ctx, "INSERT INTO document (path, lang, content_hash, bytes, translation_of)"
                                         " VALUES (?1, ?2, ?3, 1000, ?4)");
    sqlite3_stmt *para = prepare(st, ctx, "INSERT INTO paragraph (document_id, number, line, start, end)"
                                          " VALUES (?1, ?2, ?2, ?3, ?4)");
    sqlite3_stmt *sent = prepare(st, ctx, "INSERT INTO sentence (document_id, number, para, start, end, text)"
                                          " VALUES (?1, ?2, ?2, ?3, ?4, ?5)");
    sqlite3_stmt *bead = prepare(st, ctx, "INSERT INTO bead (document_id, number, src_first, src_count, tgt_first,"
                                          " tgt_count, score) VALUES (?1, ?2, ?2, 1, ?2, 1, 0.9)");
    sqlite3_stmt *concept = prepare(st, ctx, "INSERT OR IGNORE INTO concept (name) VALUES (?1)");
    sqlite3_stmt *occ = prepare(st, ctx, "INSERT INTO mention (id, concept, start, end, term)"
                                         " VALUES (?1, (SELECT id FROM concept WHERE name = ?2), ?3, ?4, ?5)");
    sqlite3_stmt *conf = prepare(st, ctx, "INSERT INTO confirmation (occurrence_id, status, target) VALUES (?1, ?2, ?3)");
    char name[64], text[512], hash[64];
    for (int c = 0; c < CONCEPTS; c++) {
        snprintf(name, sizeof(name), "bench.c%d", c);
        sqlite3_bind_text(concept, 1, name, -1, SQLITE_TRANSIENT);
        step(st, ctx, concept);
    }
    for (int d = k * DOCS; d <= k * DOCS + DOCS; d++) {
        sqlite3_int64 ids[2];
        for (int side = 0; side < 2; side++) {
            snprintf(name, sizeof(name), "doc%d.%s.txt", d, side ? "en" : "id");
            snprintf(hash, sizeof(hash), "%032x%d", d, side);
            sqlite3_bind_text(doc, 1, name, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(doc, 2, side ? "en" : "id", -1, SQLITE_STATIC);
            sqlite3_bind_text(doc, 3, hash, -1, SQLITE_TRANSIENT);
            if (side)
                sqlite3_bind_int64(doc, 4, ids[0]);
            else
                sqlite3_bind_null(doc, 4);
            step(st, ctx, doc);
            ids[side] = sqlite3_last_insert_rowid(st->db);
            long at = 0;
            for (int i = 1; i <= SENTENCES; i++) {
                int n = d * SENTENCES + i;
                const char *w = id_words[n % 8], *e = en_words[n % 8];
                int len = side ? snprintf(text, sizeof(text), "The %s said on day %d that the %s would meet the %s.",
                                          e, n % 365, en_words[(n / 8) % 8], e)
                               : snprintf(text, sizeof(text), "%s berkata pada hari %d bahwa %s akan bertemu %s.", w,
                                          n % 365, id_words[(n / 8) % 8], w);
                sqlite3_bind_int64(para, 1, ids[side]);
                sqlite3_bind_int64(para, 2, i);
                sqlite3_bind_int64(para, 3, at);
                sqlite3_bind_int64(para, 4, at + len);
                step(st, ctx, para);
                sqlite3_bind_int64(sent, 1, ids[side]);
                sqlite3_bind_int64(sent, 2, i);
                sqlite3_bind_int64(sent, 3, at);
                sqlite3_bind_int64(sent, 4, at + len);
                sqlite3_bind_text(sent, 5, text, len, SQLITE_TRANSIENT);
                step(st, ctx, sent);
                sqlite3_int64 sid = sqlite3_last_insert_rowid(st->db);
                for (int o = 0; side == 0 && o < OCCURRENCES; o++) {
                    sqlite3_int64 oid = (sid << SEL_OCCURRENCE_ID_SHIFT) + o;
                    snprintf(name, sizeof(name), "bench.c%d", (n * 7 + o * 131) % CONCEPTS);
                    sqlite3_bind_int64(occ, 1, oid);
                    sqlite3_bind_text(occ, 2, name, -1, SQLITE_TRANSIENT);
                    sqlite3_bind_int64(occ, 3, at + o);
                    sqlite3_bind_int64(occ, 4, at + o + 5);
                    sqlite3_bind_text(occ, 5, w, -1, SQLITE_STATIC);
                    step(st, ctx, occ);
                    for (int f = 0; f <= (n + o) % 2; f++) {
                        sqlite3_bind_int64(conf, 1, oid);
                        sqlite3_bind_text(conf, 2, f ? "candidate" : "confirmed", -1, SQLITE_STATIC);
                        sqlite3_bind_text(conf, 3, e, -1, SQLITE_STATIC);
                        step(st, ctx, conf);
                    }
                }
                at += len + 1;
            }
        }
        for (int i = 1; i <= SENTENCES; i++) {
            sqlite3_bind_int64(bead, 1, ids[0]);
            sqlite3_bind_int64(bead, 2, i);
            step(st, ctx, bead);
        }
    }
    sqlite3_stmt *all[] = { doc, para, sent, bead, concept, occ, conf };
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        sqlite3_finalize(all[i]);
    if (sel_store_commit(st, ctx) != SEL_OK)
        die(ctx, "commit");
    sel_store_close(st);
    sel_ctx_free(ctx);
}

// The floor: the same tables copied with INSERT ... SELECT in one transaction, ids shifted per
// shard so that they do not collide.
static const char *const bare_copy[] = {
    "INSERT INTO main.document SELECT id + ?1, path, title, lang, content_hash, bytes, translation_of + ?1,"
    " ingested_at FROM s.document",
    "INSERT INTO main.paragraph SELECT document_id + ?1, number, line, start, end FROM s.paragraph",
    "INSERT INTO main.sentence SELECT id + ?2, document_id + ?1, number, para, start, end, text, boilerplate"
    " FROM s.sentence",
    "INSERT OR IGNORE INTO main.concept SELECT * FROM s.concept",
    "INSERT INTO main.mention SELECT id + (?2 << 24), concept, start, end, term FROM s.mention",
    "INSERT INTO main.confirmation SELECT occurrence_id + (?2 << 24), status, target FROM s.confirmation",
    "INSERT INTO main.bead SELECT document_id + ?1, number, src_first, src_count, tgt_first, tgt_count, score"
    " FROM s.bead",
};

static double bare(const char *out, char **shards, int n)
{
    sel_ctx *ctx = NULL;
    sel_store *st = NULL;
    double t0 = bench_now();
    if (sel_ctx_new(&ctx) != SEL_OK || sel_store_open(&st, ctx, out, true) != SEL_OK)
        die(ctx, "creating the bare copy");
    sqlite3 *db = st->db;
    sqlite3_exec(db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
    if (sel_store_begin(st, ctx) != SEL_OK)
        die(ctx, "begin");
    for (int k = 0; k < n; k++) {
        sqlite3_stmt *attach = prepare(st, ctx, "ATTACH ?1 AS s");
        char uri[4200];
        snprintf(uri, sizeof(uri), "file:%s?mode=ro", shards[k]);
        sqlite3_bind_text(attach, 1, uri, -1, SQLITE_TRANSIENT);
        step(st, ctx, attach);
        sqlite3_finalize(attach);
        for (size_t i = 0; i < sizeof(bare_copy) / sizeof(bare_copy[0]); i++) {
            sqlite3_stmt *s = prepare(st, ctx, bare_copy[i]);
            if (sqlite3_bind_parameter_count(s) >= 1)
                sqlite3_bind_int64(s, 1, (sqlite3_int64)k * 1000000);
            if (sqlite3_bind_parameter_count(s) >= 2)
                sqlite3_bind_int64(s, 2, (sqlite3_int64)k * 10000000);
            step(st, ctx, s);
            sqlite3_finalize(s);
        }
        // an attached database is part of the transaction until it ends: commit, detach, go on
        if (sel_store_commit(st, ctx) != SEL_OK || sqlite3_exec(db, "DETACH s", NULL, NULL, NULL) != SQLITE_OK ||
            (k + 1 < n && sel_store_begin(st, ctx) != SEL_OK))
            die(ctx, "detaching");
    }
    sel_store_close(st);
    sel_ctx_free(ctx);
    return bench_now() - t0;
}

static double merge(const char *out, char **shards, int n, struct sel_merge_report *r)
{
    sel_ctx *ctx = NULL;
    double t0 = bench_now();
    if (sel_ctx_new(&ctx) != SEL_OK || sel_store_merge(ctx, out, (const char *const *)shards, (size_t)n, r) != SEL_OK)
        die(ctx, "merge");
    sel_ctx_free(ctx);
    return bench_now() - t0;
}

static void remove_db(const char *path)
{
    char side[4300];
    unlink(path);
    snprintf(side, sizeof(side), "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", path);
    unlink(side);
}

// Rows of the tables copied, in @p path.
static long count_rows(const char *path)
{
    sel_ctx *ctx = NULL;
    sel_store *st = NULL;
    if (sel_ctx_new(&ctx) != SEL_OK || sel_store_open(&st, ctx, path, false) != SEL_OK)
        die(ctx, "counting rows");
    sqlite3_stmt *q = prepare(st, ctx, "SELECT (SELECT count(*) FROM document) + (SELECT count(*) FROM paragraph)"
                                       " + (SELECT count(*) FROM sentence) + (SELECT count(*) FROM mention)"
                                       " + (SELECT count(*) FROM confirmation) + (SELECT count(*) FROM bead)");
    long n = sqlite3_step(q) == SQLITE_ROW ? (long)sqlite3_column_int64(q, 0) : -1;
    sqlite3_finalize(q);
    sel_store_close(st);
    sel_ctx_free(ctx);
    return n;
}

int main(void)
{
    char dir[] = "/tmp/sel_bench_merge_XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    static const int counts[] = { 4, 12 }; // 12: more than SQLite attaches at once
    char *shards[12];
    double t0 = bench_now();
    for (int k = 0; k < 12; k++) {
        shards[k] = malloc(4200);
        snprintf(shards[k], 4200, "%s/shard-%02d.db", dir, k);
        generate(shards[k], k);
    }
    long shard_rows = count_rows(shards[0]);
    printf("generated 12 shards of %d documents with translations (%ld rows each) in %.1f s\n", DOCS + 1,
           shard_rows, bench_now() - t0);
    printf("\n%-7s %9s %8s %8s %12s %8s %8s %12s %7s %7s\n", "shards", "rows", "merge s", "cpu s", "rows/s",
           "bare s", "cpu s", "rows/s", "wall x", "cpu x");
    char out[4200];
    snprintf(out, sizeof(out), "%s/out.db", dir);
    for (size_t c = 0; c < sizeof(counts) / sizeof(counts[0]); c++) {
        int n = counts[c];
        double tm[3], tb[3], cm[3], cb[3];
        long rows = 0;
        struct sel_merge_report r;
        for (int k = 0; k < 3; k++) {
            double c0 = cpu_seconds();
            tm[k] = merge(out, shards, n, &r);
            cm[k] = cpu_seconds() - c0;
            if (k == 0)
                rows = count_rows(out);
            remove_db(out);
            c0 = cpu_seconds();
            tb[k] = bare(out, shards, n);
            cb[k] = cpu_seconds() - c0;
            remove_db(out);
        }
        if (r.unchanged != (size_t)n - 1 || r.documents != (size_t)(n * DOCS + 1))
            fprintf(stderr, "bench_merge: unexpected report: %zu documents, %zu unchanged\n", r.documents, r.unchanged);
        double m = bench_median(tm, 3), b = bench_median(tb, 3), mc = bench_median(cm, 3), bc = bench_median(cb, 3);
        printf("%-7d %9ld %8.2f %8.2f %12.0f %8.2f %8.2f %12.0f %7.2f %7.2f\n", n, rows, m, mc, rows / m, b, bc,
               shard_rows * n / b, m / b, mc / bc);
    }
    printf("\n(x: merge time / bare INSERT ... SELECT time of the same shards, same run; medians of 3)\n");
    for (int k = 0; k < 12; k++) {
        remove_db(shards[k]);
        free(shards[k]);
    }
    rmdir(dir);
    return 0;
}
