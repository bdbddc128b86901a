// SPDX-License-Identifier: MIT
#include "src/store/store_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int store_ask(sel_store *st, sel_ctx *ctx, const char *sql, const char *what, bool *yes)
{
    sqlite3_stmt *q = NULL;
    *yes = false;
    int rc = store_prepare(st, ctx, sql, &q);
    int step = rc == SEL_OK ? sqlite3_step(q) : SQLITE_ROW;
    if (rc == SEL_OK && step != SQLITE_ROW)
        rc = sel_store_fail(st, ctx, step, what);
    else if (rc == SEL_OK)
        *yes = sqlite3_column_int(q, 0) != 0;
    sqlite3_finalize(q);
    return rc;
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

// The application id selaras writes into every database it creates ("SELA"), so that a file of
// another program is recognised before anything is written to it. Databases made before the id
// existed are recognised by their schema version and their document table.
#define SEL_STORE_APPLICATION_ID 0x53454C41

// Reads one integer PRAGMA or query result; -1 (never a valid answer here) when it fails.
static int64_t read_int(sel_store *st, const char *sql, int *sqlite_rc)
{
    sqlite3_stmt *stmt = NULL;
    int64_t value = -1;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        value = sqlite3_column_int64(stmt, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(stmt);
    if (sqlite_rc)
        *sqlite_rc = rc;
    return value;
}

// What is at the path, found by reading only: a new, empty file, a selaras database at
// a version this program knows, or something it must not touch. Nothing is written before this
// has answered, so a foreign file or a version from the future is left exactly as it was.
// One statement asks it all, with the schema version (*version) and whether the file is in WAL
// mode already (*wal): each statement is a read transaction of its own, and at start-up these
// were a tenth of what opening a database cost a lookup.
static int identify(sel_store *st, sel_ctx *ctx, int64_t *version, bool *wal)
{
    struct sel_location where = { st->path, 0, 0 };
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db,
                                "SELECT count(*), total(type = 'table' AND name = 'document'),"
                                " (SELECT application_id FROM pragma_application_id),"
                                " (SELECT user_version FROM pragma_user_version),"
                                " (SELECT journal_mode FROM pragma_journal_mode) = 'wal'"
                                " FROM sqlite_schema",
                                -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    int64_t objects = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    int64_t documents = rc == SQLITE_ROW ? sqlite3_column_int64(s, 1) : -1;
    int64_t app = rc == SQLITE_ROW ? sqlite3_column_int64(s, 2) : -1;
    *version = rc == SQLITE_ROW ? sqlite3_column_int64(s, 3) : -1;
    *wal = rc == SQLITE_ROW && sqlite3_column_int(s, 4);
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return sel_store_fail(st, ctx, rc, "not a selaras database");
    if (objects == 0 && *version == 0 && app == 0) // new: migrate() creates the schema
        return SEL_OK;
    if ((app != 0 && app != SEL_STORE_APPLICATION_ID) || *version == 0 || documents != 1)
        return sel_error_at(ctx, SEL_ESQLITE, where, "not a selaras database (an SQLite file of another program)");
    if (*version < 0 || *version > sel_store_schema_version)
        return sel_error_at(ctx, SEL_ESQLITE, where,
                            "schema version %lld is not one this selaras knows (1 to %d); the file is left as it is",
                            (long long)*version, sel_store_schema_version);
    return SEL_OK;
}

// Brings the schema from @p version, as identify() read it, to this program's.
static int migrate(sel_store *st, sel_ctx *ctx, int version)
{
    if (version == sel_store_schema_version)
        return SEL_OK;
    if (st->read_only)
        return sel_error_at(ctx, SEL_EIO, (struct sel_location){ st->path, 0, 0 },
                            "schema version %d needs upgrading to %d, which needs write access", version,
                            sel_store_schema_version);
    int rc = sel_store_begin(st, ctx);
    if (rc != SEL_OK)
        return rc;
    int sqlite_rc;
    version = (int)read_int(st, "PRAGMA user_version", &sqlite_rc); // another process may have migrated while we waited
    if (sqlite_rc != SQLITE_OK) {
        rc = sel_store_fail(st, ctx, sqlite_rc, "reading the schema version");
        sel_store_rollback(st);
        return rc;
    }
    if (version < 0 || version > sel_store_schema_version) { // identify() checked; never index outside
        sel_store_rollback(st);
        return sel_error_at(ctx, SEL_ESQLITE, (struct sel_location){ st->path, 0, 0 },
                            "schema version %d is not one this selaras knows", version);
    }
    for (int v = version; rc == SEL_OK && v < sel_store_schema_version; v++)
        rc = store_exec(st, ctx, sel_store_migrations[v], "migrating the schema");
    if (rc == SEL_OK) {
        // PRAGMA takes no parameters; the numbers are ours, not input.
        char pragma[96];
        snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d; PRAGMA application_id = %d",
                 sel_store_schema_version, SEL_STORE_APPLICATION_ID);
        rc = store_exec(st, ctx, pragma, "setting the schema version");
    }
    if (rc == SEL_OK)
        return sel_store_commit(st, ctx);
    sel_store_rollback(st);
    return rc;
}

// Removes the database at @p path with its -wal and -shm files (a database just created).
static void remove_database_files(const char *path)
{
    char side[4200];
    unlink(path);
    snprintf(side, sizeof(side), "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", path);
    unlink(side);
}

// The folder that holds @p path, for the access checks (SQLite makes PATH-wal and PATH-shm there).
static void parent_dir(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, size, ".");
    else if (slash == path)
        snprintf(out, size, "/");
    else
        snprintf(out, size, "%.*s", (int)(slash - path), path);
}

// A reader on storage it cannot write (a read-only folder or file, a mounted archive) opens the
// database immutable: SQLite then needs neither the -shm file nor a lock, and reads the main file
// as it is. The path goes into a URI, so every byte outside the unreserved set is %-escaped.
static int open_immutable(sel_store *st)
{
    size_t len = strlen(st->path);
    char *uri = malloc(len * 3 + 32);
    if (!uri)
        return SQLITE_NOMEM;
    char *w = uri + sprintf(uri, "file:");
    for (const unsigned char *p = (const unsigned char *)st->path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("/-._~", *p))
            *w++ = (char)*p;
        else
            w += sprintf(w, "%%%02X", *p);
    }
    strcpy(w, "?immutable=1");
    int rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    free(uri);
    return rc;
}

// SQLite's commit hook: any transaction of ours that writes, explicit or a single statement's,
// commits through here (read-only ones do not). It runs before the commit is made: an explicit
// COMMIT that then fails puts the flag back (sel_store_commit()); a single statement's failed
// commit leaves it set, which keeps the file, the safe side.
static int note_commit(void *user)
{
    ((sel_store *)user)->committed = true;
    return 0; // go ahead
}

int sel_store_open(sel_store **out, sel_ctx *ctx, const char *path, bool create)
{
    SEL_CHECK_ARG(out && path, SEL_EINVAL);
    *out = NULL;
    struct sel_location where = { path, 0, 0 };
    struct stat sb;
    bool exists = stat(path, &sb) == 0;
    if (!exists) {
        if (!create)
            return sel_error_at(ctx, SEL_ENOTFOUND, where, "no database here (run 'selaras ingest' first, or give --db)");
        if (make_parent_dirs(path) != 0)
            return sel_error_at(ctx, SEL_EIO, where, "cannot create its folder: %s", strerror(errno));
    } else if (S_ISDIR(sb.st_mode)) {
        return sel_error_at(ctx, SEL_EIO, where, "is a directory, not a database");
    }
    char dir[4096];
    parent_dir(path, dir, sizeof(dir));
    bool writable = access(dir, W_OK) == 0 && (!exists || access(path, W_OK) == 0);
    if (!writable && create)
        return sel_error_at(ctx, SEL_EIO, where,
                            exists && access(path, W_OK) != 0
                                ? "the database file is read-only; this command writes to it"
                                : "its folder %s is not writable (SQLite keeps its -wal and -shm files beside the database)",
                            dir);
    sel_store *st = calloc(1, sizeof(*st));
    if (!st || !(st->path = strdup(path))) {
        free(st);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    st->read_only = !writable;
    int rc;
    if (st->read_only) {
        rc = open_immutable(st);
    } else {
        // A path that starts with "file:" is a file name here, never a URI: SQLite reads URIs
        // only when asked to (no SQLITE_OPEN_URI), but a build may enable them for all opens.
        char *plain = NULL;
        if (strncmp(path, "file:", 5) == 0 && (plain = malloc(strlen(path) + 3)))
            sprintf(plain, "./%s", path);
        // NOMUTEX: a store is used by one thread at a time (store.h), so SQLite need not lock the
        // connection at every call; in a process with worker threads (ingest --jobs) those locks
        // are atomic operations, a twentieth of what the writer spent.
        rc = sqlite3_open_v2(plain ? plain : path, &st->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0), NULL);
        free(plain);
    }
    int status = SEL_OK;
    if (rc != SQLITE_OK) {
        status = sel_store_fail(st, ctx, rc, "cannot open the database");
        goto done;
    }
    sqlite3_busy_timeout(st->db, 60000); // another writer holds the lock: wait for it, do not fail
    sqlite3_extended_result_codes(st->db, 1);
    int64_t version;
    bool wal;
    status = identify(st, ctx, &version, &wal);
    if (status == SEL_OK && !st->read_only) {
        status = wal ? SEL_OK : set_wal_mode(st, ctx);
        // A writer's page cache of 16 MiB: what an ingest keeps touching is the last leaf of each
        // concept's run in mention_concept (one 4 KiB page for every concept of the termbase, some
        // 3,200) and the tails of the tables, which it holds; 64 MiB made an ingest no faster and
        // filled only after 50 MB of input, so its memory was not flat. A read-only store keeps
        // SQLite's default.
        if (status == SEL_OK)
            status = store_exec(st, ctx,
                          "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
                          "PRAGMA cache_size = -16384; PRAGMA wal_autocheckpoint = 8192;",
                          "configuring the database");
    }
    if (status == SEL_OK)
        status = migrate(st, ctx, (int)version);
    if (status == SEL_OK && !exists) {
        // Until the caller commits something, this file holds nothing but a schema: closing
        // then removes it (sel_store_close()), unless another process has taken it up meanwhile.
        int sqlite_rc;
        st->created = true;
        sqlite3_commit_hook(st->db, note_commit, st); // from here on: the schema's own commit does not count
        st->data_version = read_int(st, "PRAGMA data_version", &sqlite_rc);
        if (sqlite_rc != SQLITE_OK)
            status = sel_store_fail(st, ctx, sqlite_rc, "reading the database's state");
    }
done:
    if (status != SEL_OK) {
        sel_store_close(st);
        if (!exists) // a command that failed leaves no new file behind
            remove_database_files(path);
        return status;
    }
    *out = st;
    return SEL_OK;
}

const char *sel_store_file(const sel_store *st)
{
    return st->path;
}

bool sel_store_read_only(const sel_store *st)
{
    return st->read_only;
}

// Whether a file exists at PATH followed by @p suffix.
static bool side_file_exists(const char *path, const char *suffix)
{
    char side[4200];
    struct stat sb;
    snprintf(side, sizeof(side), "%s%s", path, suffix);
    return stat(side, &sb) == 0;
}

void sel_store_close(sel_store *st)
{
    if (!st)
        return;
    // A database this process created and never committed anything to holds only its schema: a
    // command that failed before writing leaves no file behind. Another process may have opened
    // the new file meanwhile: if it committed, data_version has changed; if it still has the file
    // open, SQLite keeps the -wal file (the last connection to close removes it). Either way the
    // file stays.
    int rc = SQLITE_OK;
    bool discard = st->created && !st->committed && !st->read_only && st->db &&
                   read_int(st, "PRAGMA data_version", &rc) == st->data_version && rc == SQLITE_OK;
    rc = sqlite3_close(st->db); // not _v2: a statement still open keeps the file, and says so here
    if (rc != SQLITE_OK) {
        discard = false;
        sqlite3_close_v2(st->db);
    }
    if (discard && !side_file_exists(st->path, "-wal"))
        remove_database_files(st->path);
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
    bool committed = st->committed;
    int rc = store_exec(st, ctx, "COMMIT", "committing");
    if (rc != SEL_OK) // the commit hook ran before the commit failed (a full disk): nothing was kept
        st->committed = committed;
    return rc;
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

void sel_store_hash_init(struct sel_content_hash *h)
{
    h->a = 1469598103934665603ULL;
    h->b = 0x9E3779B97F4A7C15ULL;
}

void sel_store_hash_add(struct sel_content_hash *h, const char *data, size_t len)
{
    uint64_t a = h->a, b = h->b;
    for (size_t i = 0; i < len; i++) {
        a = (a ^ (unsigned char)data[i]) * 1099511628211ULL;
        b = (b ^ (unsigned char)data[i]) * 0x100000001B3ULL + (b >> 29);
    }
    h->a = a;
    h->b = b;
}

void sel_store_hash_hex(const struct sel_content_hash *h, char out[33])
{
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h->a, (unsigned long long)h->b);
}

void sel_store_content_hash(const char *data, size_t len, char out[33])
{
    struct sel_content_hash h;
    sel_store_hash_init(&h);
    sel_store_hash_add(&h, data, len);
    sel_store_hash_hex(&h, out);
}
