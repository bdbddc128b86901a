// SPDX-License-Identifier: MIT
#include "src/store/store_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *sel_store_path(const char *given)
{
    if (given && *given)
        return strdup(given);
    const char *env = getenv("SELARAS_DB");
    if (env && *env)
        return strdup(env);
    const char *base = getenv("XDG_DATA_HOME");
    const char *suffix = "/selaras/selaras.db";
    char buf[4096];
    if (base && *base) {
        snprintf(buf, sizeof(buf), "%s%s", base, suffix);
    } else {
        const char *home = getenv("HOME");
        snprintf(buf, sizeof(buf), "%s/.local/share%s", home && *home ? home : ".", suffix);
    }
    return strdup(buf);
}

int sel_store_fail(sel_store *st, sel_ctx *ctx, int rc, const char *what)
{
    int status = rc == SQLITE_FULL ? SEL_EIO : SEL_ESQLITE;
    const char *msg = st && st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
    return sel_error_at(ctx, status, (struct sel_location){ st && st->path ? st->path : "<database>", 0, 0 },
                        "%s: %s", what, msg);
}

// Creates the folders leading to @p path (mkdir -p of its directory).
static int make_parent_dirs(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof(buf), "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return 0;
}

int store_exec(sel_store *st, sel_ctx *ctx, const char *sql, const char *what)
{
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? SEL_OK : sel_store_fail(st, ctx, rc, what);
}

int store_prepare(sel_store *st, sel_ctx *ctx, const char *sql, sqlite3_stmt **out)
{
    int rc = sqlite3_prepare_v2(st->db, sql, -1, out, NULL);
    return rc == SQLITE_OK ? SEL_OK : sel_store_fail(st, ctx, rc, "preparing a query");
}

int store_prepare_all(sel_store *st, sel_ctx *ctx, const char *const *sql, sqlite3_stmt **out, int n)
{
    for (int i = 0; i < n; i++) {
        int rc = store_prepare(st, ctx, sql[i], &out[i]);
        if (rc != SEL_OK) {
            for (int k = 0; k < i; k++) {
                sqlite3_finalize(out[k]);
                out[k] = NULL;
            }
            return rc;
        }
    }
    return SEL_OK;
}

int store_step(sel_store *st, sel_ctx *ctx, sqlite3_stmt *s, const char *what)
{
    int rc = sqlite3_step(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SEL_OK : sel_store_fail(st, ctx, rc, what);
}

int store_run(sel_store *st, sel_ctx *ctx, sqlite3_stmt *s, const char *what)
{
    int status = store_step(st, ctx, s, what);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return status;
}

void store_bind_text(sqlite3_stmt *s, int col, const char *text)
{
    if (text)
        sqlite3_bind_text(s, col, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, col);
}

const char *store_text(sqlite3_stmt *s, int col)
{
    return (const char *)sqlite3_column_text(s, col);
}

// Two processes opening a new database at once both try to switch it to WAL; SQLite answers one
// of them SQLITE_BUSY at once, without the busy handler (waiting could deadlock). The switch is
// quick, so the loser retries for as long as the busy timeout would have waited.
static int set_wal_mode(sel_store *st, sel_ctx *ctx)
{
    int rc = SQLITE_BUSY;
    for (int tries = 0; tries < 6000; tries++) {
        rc = sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
        if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
            break;
        sqlite3_sleep(10);
    }
    return rc == SQLITE_OK ? SEL_OK : sel_store_fail(st, ctx, rc, "configuring the database");
}

static int migrate(sel_store *st, sel_ctx *ctx)
{
    int version = sel_store_version(st);
    if (version > sel_store_schema_version)
        return sel_error_at(ctx, SEL_ESQLITE, (struct sel_location){ st->path, 0, 0 },
                            "schema version %d is newer than this selaras knows (%d)", version,
                            sel_store_schema_version);
    if (version == sel_store_schema_version)
        return SEL_OK;
    int rc = sel_store_begin(st, ctx);
    if (rc != SEL_OK)
        return rc;
    version = sel_store_version(st); // another process may have migrated while we waited
    for (int v = version; rc == SEL_OK && v < sel_store_schema_version; v++)
        rc = store_exec(st, ctx, sel_store_migrations[v], "migrating the schema");
    if (rc == SEL_OK) {
        // PRAGMA takes no parameters; the version is a number we control, not input.
        char pragma[64];
        snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", sel_store_schema_version);
        rc = store_exec(st, ctx, pragma, "setting the schema version");
    }
    if (rc == SEL_OK)
        return sel_store_commit(st, ctx);
    sel_store_rollback(st);
    return rc;
}

int sel_store_open(sel_store **out, sel_ctx *ctx, const char *path, bool create)
{
    SEL_CHECK_ARG(out && path, SEL_EINVAL);
    *out = NULL;
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (!create)
            return sel_error_at(ctx, SEL_ENOTFOUND, (struct sel_location){ path, 0, 0 },
                                "no database here (run 'selaras ingest' first, or give --db)");
        if (make_parent_dirs(path) != 0)
            return sel_error_at(ctx, SEL_EIO, (struct sel_location){ path, 0, 0 }, "cannot create its folder: %s",
                                strerror(errno));
    } else if (S_ISDIR(sb.st_mode)) {
        return sel_error_at(ctx, SEL_EIO, (struct sel_location){ path, 0, 0 }, "is a directory, not a database");
    }
    sel_store *st = calloc(1, sizeof(*st));
    if (!st || !(st->path = strdup(path))) {
        free(st);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path, &st->db, flags, NULL);
    int status = SEL_OK;
    if (rc != SQLITE_OK) {
        status = sel_store_fail(st, ctx, rc, "cannot open the database");
        goto done;
    }
    sqlite3_busy_timeout(st->db, 60000); // another writer holds the lock: wait for it, do not fail
    sqlite3_extended_result_codes(st->db, 1);
    status = set_wal_mode(st, ctx);
    if (status == SEL_OK)
        status = store_exec(st, ctx,
                      "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
                      "PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 8192;",
                      "configuring the database");
    if (status == SEL_OK) {
        // a file that is not a database says so at its first read
        sqlite3_stmt *probe = NULL;
        rc = sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_schema", -1, &probe, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(probe);
        sqlite3_finalize(probe);
        if (rc != SQLITE_ROW)
            status = sel_store_fail(st, ctx, rc, "not a selaras database");
    }
    if (status == SEL_OK)
        status = migrate(st, ctx);
done:
    if (status != SEL_OK) {
        sel_store_close(st);
        return status;
    }
    *out = st;
    return SEL_OK;
}

void sel_store_close(sel_store *st)
{
    if (!st)
        return;
    sqlite3_close_v2(st->db);
    free(st->path);
    free(st);
}

int sel_store_version(sel_store *st)
{
    sqlite3_stmt *stmt = NULL;
    int version = -1;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        version = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return version;
}

int sel_store_begin(sel_store *st, sel_ctx *ctx)
{
    return store_exec(st, ctx, "BEGIN IMMEDIATE", "starting a transaction");
}

int sel_store_commit(sel_store *st, sel_ctx *ctx)
{
    return store_exec(st, ctx, "COMMIT", "committing");
}

int sel_store_begin_read(sel_store *st, sel_ctx *ctx)
{
    return store_exec(st, ctx, "BEGIN", "starting a read transaction");
}

bool sel_store_in_transaction(sel_store *st)
{
    return st && st->db && !sqlite3_get_autocommit(st->db);
}

void sel_store_rollback(sel_store *st)
{
    if (st && st->db && !sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

void sel_store_content_hash(const char *data, size_t len, char out[33])
{
    uint64_t a = 1469598103934665603ULL, b = 0x9E3779B97F4A7C15ULL;
    for (size_t i = 0; i < len; i++) {
        a = (a ^ (unsigned char)data[i]) * 1099511628211ULL;
        b = (b ^ (unsigned char)data[i]) * 0x100000001B3ULL + (b >> 29);
    }
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)a, (unsigned long long)b);
}
