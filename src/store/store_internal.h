// SPDX-License-Identifier: MIT
// Internal to the store module.
#ifndef SEL_STORE_INTERNAL_H
#define SEL_STORE_INTERNAL_H

#include "src/store/store.h"

#include <sqlite3.h>

extern const char *const sel_store_migrations[];
extern const int sel_store_schema_version;

struct sel_store {
    sqlite3 *db;
    char *path;
};

/** Translates a failed SQLite call into an error on @p ctx naming the database. */
int sel_store_fail(sel_store *st, sel_ctx *ctx, int sqlite_rc, const char *what);

#endif
