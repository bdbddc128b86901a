// SPDX-License-Identifier: MIT
// What this user has said of terms they did not write: a verdict on a bundled or user term
// (`selaras term deprecate`), and the discovered candidates they rejected (`selaras term reject`),
// so that neither comes back.
#include "src/store/store_internal.h"

#include <stdlib.h>

static const char SQL_SET[] =
    "INSERT OR REPLACE INTO term_override (concept_id, lang, text, status, note, added_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))";
static const char SQL_REMOVE[] = "DELETE FROM term_override WHERE concept_id = ?1 AND lang = ?2 AND text = ?3";
static const char SQL_ALL[] =
    "SELECT concept_id, lang, text, status, note, added_at FROM term_override ORDER BY added_at, concept_id";
static const char SQL_REJECT[] = "INSERT OR REPLACE INTO rejected_candidate (keys, text) VALUES (?1, ?2)";
static const char SQL_REJECTED[] = "SELECT keys, text FROM rejected_candidate ORDER BY keys";

// Runs one statement that changes rows; returns how many it changed, or a negative status.
static int change(sel_store *st, sel_ctx *ctx, const char *sql, const char *const *params, int n,
                  const char *what)
{
    sqlite3_stmt *q = NULL;
    int rc = store_prepare(st, ctx, sql, &q);
    if (rc != SEL_OK)
        return rc;
    for (int i = 0; i < n; i++)
        store_bind_text(q, i + 1, params[i]);
    rc = store_step(st, ctx, q, what);
    int changed = sqlite3_changes(st->db);
    sqlite3_finalize(q);
    return rc == SEL_OK ? changed : rc;
}

int sel_store_override_set(sel_store *st, sel_ctx *ctx, const struct sel_term_override *o)
{
    SEL_CHECK_ARG(st && o && o->concept_id && o->lang && o->text && o->status, SEL_EINVAL);
    const char *const p[] = { o->concept_id, o->lang, o->text, o->status, o->note, o->added_at };
    int rc = change(st, ctx, SQL_SET, p, 6, "storing a verdict on a term");
    return rc < 0 ? rc : SEL_OK;
}

int sel_store_override_remove(sel_store *st, sel_ctx *ctx, const char *concept_id, const char *lang, const char *text)
{
    SEL_CHECK_ARG(st && concept_id && lang && text, SEL_EINVAL);
    const char *const p[] = { concept_id, lang, text };
    int rc = change(st, ctx, SQL_REMOVE, p, 3, "taking back a verdict on a term");
    return rc < 0 ? rc : rc > 0;
}

int sel_store_overrides(sel_store *st, sel_ctx *ctx, sel_override_fn emit, void *user)
{
    SEL_CHECK_ARG(st && emit, SEL_EINVAL);
    sqlite3_stmt *q = NULL;
    int rc = store_prepare(st, ctx, SQL_ALL, &q);
    int step = SQLITE_DONE;
    while (rc == SEL_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
        const struct sel_term_override o = {
            .concept_id = store_text(q, 0), .lang = store_text(q, 1), .text = store_text(q, 2),
            .status = store_text(q, 3), .note = store_text(q, 4), .added_at = store_text(q, 5),
        };
        rc = emit(user, &o);
    }
    if (rc == SEL_OK && step != SQLITE_DONE)
        rc = sel_store_fail(st, ctx, step, "reading the verdicts on terms");
    sqlite3_finalize(q);
    return rc;
}

int sel_store_candidate_reject(sel_store *st, sel_ctx *ctx, const char *keys, const char *text)
{
    SEL_CHECK_ARG(st && keys && *keys && text, SEL_EINVAL);
    const char *const p[] = { keys, text };
    int rc = change(st, ctx, SQL_REJECT, p, 2, "remembering a rejected candidate");
    return rc < 0 ? rc : SEL_OK;
}

int sel_store_rejected_candidates(sel_store *st, sel_ctx *ctx, sel_rejected_fn emit, void *user)
{
    SEL_CHECK_ARG(st && emit, SEL_EINVAL);
    sqlite3_stmt *q = NULL;
    int rc = store_prepare(st, ctx, SQL_REJECTED, &q);
    int step = SQLITE_DONE;
    while (rc == SEL_OK && (step = sqlite3_step(q)) == SQLITE_ROW)
        rc = emit(user, store_text(q, 0), store_text(q, 1));
    if (rc == SEL_OK && step != SQLITE_DONE)
        rc = sel_store_fail(st, ctx, step, "reading the rejected candidates");
    sqlite3_finalize(q);
    return rc;
}
