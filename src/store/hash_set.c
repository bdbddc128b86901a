// SPDX-License-Identifier: MIT
// A set of 64-bit hashes in a temporary table: bounded memory however many are added (the
// duplicate filter of parallel export).
#include "src/store/store_internal.h"

#include <stdlib.h>

struct sel_hash_set {
    sel_store *st;
    sqlite3_stmt *insert;
};

int sel_hash_set_new(sel_hash_set **out, sel_ctx *ctx, sel_store *st)
{
    SEL_CHECK_ARG(out && st, SEL_EINVAL);
    *out = NULL;
    sel_hash_set *s = calloc(1, sizeof(*s));
    if (!s)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    s->st = st;
    int rc = store_exec(st, ctx, "DROP TABLE IF EXISTS temp.seen_hash; CREATE TEMP TABLE seen_hash (hash INTEGER PRIMARY KEY)",
                        "creating a temporary table");
    if (rc == SEL_OK)
        rc = store_prepare(st, ctx, "INSERT OR IGNORE INTO temp.seen_hash (hash) VALUES (?1)", &s->insert);
    if (rc != SEL_OK) {
        sel_hash_set_free(s);
        return rc;
    }
    *out = s;
    return SEL_OK;
}

int sel_hash_set_add(sel_hash_set *s, sel_ctx *ctx, uint64_t hash, bool *added)
{
    sqlite3_bind_int64(s->insert, 1, (sqlite3_int64)hash);
    int rc = store_run(s->st, ctx, s->insert, "recording a hash");
    *added = rc == SEL_OK && sqlite3_changes(s->st->db) > 0;
    return rc;
}

void sel_hash_set_free(sel_hash_set *s)
{
    if (!s)
        return;
    sqlite3_finalize(s->insert);
    sqlite3_exec(s->st->db, "DROP TABLE IF EXISTS temp.seen_hash", NULL, NULL, NULL);
    free(s);
}
