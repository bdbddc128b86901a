// SPDX-License-Identifier: MIT
// Internal to the store module: the connection and the helpers its query files share.
#ifndef SEL_STORE_INTERNAL_H
#define SEL_STORE_INTERNAL_H

#include "src/store/store.h"

#include <sqlite3.h>

extern const char *const sel_store_migrations[];
extern const int sel_store_schema_version;

struct sel_store {
    sqlite3 *db;
    char *path;
    bool read_only;   // opened immutable: storage this process cannot write
    bool created;     // this open created the file (and its schema)
    bool committed;   // a write was committed after the schema (SQLite's commit hook says so)
    int64_t data_version; // PRAGMA data_version after opening: it changes when another connection commits
};

/** Translates a failed SQLite call into an error on @p ctx naming the database. */
int sel_store_fail(sel_store *st, sel_ctx *ctx, int sqlite_rc, const char *what);

/** Prepares @p sql (one statement; finalise with sqlite3_finalize()); failures name @p what. */
int store_prepare(sel_store *st, sel_ctx *ctx, const char *sql, sqlite3_stmt **out);
/** Prepares the @p n statements of @p sql into @p out; on failure finalises those made. */
int store_prepare_all(sel_store *st, sel_ctx *ctx, const char *const *sql, sqlite3_stmt **out, int n);
/** Steps a statement that returns no row (a row is accepted too); failures name @p what. */
int store_step(sel_store *st, sel_ctx *ctx, sqlite3_stmt *s, const char *what);
/** Steps a statement that returns no row, then resets it and clears its bindings. */
int store_run(sel_store *st, sel_ctx *ctx, sqlite3_stmt *s, const char *what);
/** Asks a yes-or-no question of fixed text, one row of one column ("SELECT EXISTS (...)"). */
int store_ask(sel_store *st, sel_ctx *ctx, const char *sql, const char *what, bool *yes);
/** Runs a statement of fixed text with no parameters (transactions, pragmas). */
int store_exec(sel_store *st, sel_ctx *ctx, const char *sql, const char *what);
/** Binds @p text, or NULL when @p text is NULL (borrowed: it must live until the step). */
void store_bind_text(sqlite3_stmt *s, int col, const char *text);
/** Column @p col as a string, NULL for NULL. */
const char *store_text(sqlite3_stmt *s, int col);

#endif
