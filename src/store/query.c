// SPDX-License-Identifier: MIT
// Read-only questions of lookup: example sentences of a concept with their aligned translation;
// and the full-text index, caught up on first use.
#include "src/store/store_internal.h"

#include <stdio.h>
#include <string.h>

static const char SQL_EXAMPLES[] =
    "SELECT s.text, d.path, s.number, d.id FROM occurrence o JOIN sentence s ON s.id = o.sentence_id "
    "JOIN document d ON d.id = s.document_id WHERE o.concept_id = ?1 AND d.translation_of IS NULL "
    "GROUP BY s.id ORDER BY EXISTS (SELECT 1 FROM document t WHERE t.translation_of = d.id) DESC, d.id, s.number "
    "LIMIT ?2";
static const char SQL_ALIGNED[] =
    "SELECT group_concat(ts.text, ' ') FROM bead b JOIN document t ON t.translation_of = b.document_id "
    "JOIN sentence ts ON ts.document_id = t.id AND ts.number BETWEEN b.tgt_first AND b.tgt_first + b.tgt_count - 1 "
    "WHERE b.document_id = ?1 AND b.src_count > 0 AND ?2 BETWEEN b.src_first AND b.src_first + b.src_count - 1";

int sel_store_examples(sel_store *st, sel_ctx *ctx, const char *concept_id, size_t max, sel_example_fn emit,
                       void *user)
{
    sqlite3_stmt *q = NULL, *aligned = NULL;
    int rc = store_prepare(st, ctx, SQL_EXAMPLES, &q);
    if (rc == SEL_OK)
        rc = store_prepare(st, ctx, SQL_ALIGNED, &aligned);
    if (rc != SEL_OK) {
        sqlite3_finalize(q);
        return rc;
    }
    sqlite3_bind_text(q, 1, concept_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, (int64_t)max);
    int step;
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        long number = (long)sqlite3_column_int64(q, 2);
        sqlite3_bind_int64(aligned, 1, sqlite3_column_int64(q, 3));
        sqlite3_bind_int64(aligned, 2, number);
        // the translation is handed on as SQLite holds it, whole, however long
        int found = sqlite3_step(aligned);
        if (found != SQLITE_ROW && found != SQLITE_DONE) {
            step = found;
            break;
        }
        const char *translation = found == SQLITE_ROW ? store_text(aligned, 0) : NULL;
        bool more = emit(user, (const char *)sqlite3_column_text(q, 0), translation && *translation ? translation : NULL,
                         (const char *)sqlite3_column_text(q, 1), number);
        sqlite3_reset(aligned);
        if (!more) {
            step = SQLITE_DONE;
            break;
        }
    }
    if (step != SQLITE_DONE)
        rc = sel_store_fail(st, ctx, step, "reading example sentences");
    sqlite3_finalize(aligned);
    sqlite3_finalize(q);
    return rc;
}

static const char SQL_FTS_CATCH_UP[] =
    "INSERT INTO sentence_fts(rowid, text) SELECT id, text FROM sentence "
    "WHERE id > (SELECT last_sentence FROM fts_progress)";
static const char SQL_FTS_PROGRESS[] =
    "UPDATE fts_progress SET last_sentence = (SELECT coalesce(max(id), 0) FROM sentence)";
static const char SQL_FTS_BEHIND[] =
    "SELECT EXISTS (SELECT 1 FROM sentence WHERE id > (SELECT last_sentence FROM fts_progress))";

int sel_store_fts_catch_up(sel_store *st, sel_ctx *ctx)
{
    if (st->read_only)
        return SEL_OK; // what is indexed already answers; nothing new can be written
    sqlite3_stmt *behind = NULL, *add = NULL, *progress = NULL;
    int rc = store_prepare(st, ctx, SQL_FTS_BEHIND, &behind);
    int step = rc == SEL_OK ? sqlite3_step(behind) : SQLITE_DONE;
    bool needed = step == SQLITE_ROW && sqlite3_column_int(behind, 0);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = sel_store_fail(st, ctx, step, "reading the full-text index's progress");
    sqlite3_finalize(behind);
    if (rc != SEL_OK || !needed)
        return rc;
    rc = sel_store_begin(st, ctx);
    if (rc == SEL_OK)
        rc = store_prepare(st, ctx, SQL_FTS_CATCH_UP, &add);
    if (rc == SEL_OK)
        rc = store_run(st, ctx, add, "indexing sentences");
    if (rc == SEL_OK)
        rc = store_prepare(st, ctx, SQL_FTS_PROGRESS, &progress);
    if (rc == SEL_OK)
        rc = store_run(st, ctx, progress, "indexing sentences");
    sqlite3_finalize(add);
    sqlite3_finalize(progress);
    if (rc == SEL_OK)
        return sel_store_commit(st, ctx);
    sel_store_rollback(st);
    return rc;
}
