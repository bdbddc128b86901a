// SPDX-License-Identifier: MIT
// Read-only questions of lookup: example sentences of a concept with their aligned translation;
// and the full-text index, caught up on first use.
#include "src/store/store_internal.h"

#include <stdio.h>
#include <string.h>

// The mentions of a concept, walked in the order of the index on mention(concept), which is the
// order of their ids: a mention's id is its sentence's id << 24 plus its ordinal, and sentences
// get ascending ids as their documents are stored (ascending too), in their order in the
// document. So this order is (document, sentence number), the order the examples are wanted in,
// and the walk stops at the first few instead of sorting every mention of a frequent concept.
// ?2 chooses the documents that have a translation (1) or those that have none (0).
static const char SQL_EXAMPLES[] =
    "SELECT s.text, d.path, s.number, d.id, s.id FROM mention m JOIN sentence s ON s.id = m.id >> 24 "
    "JOIN document d ON d.id = s.document_id "
    "WHERE m.concept = (SELECT id FROM concept WHERE name = ?1) AND d.translation_of IS NULL "
    "AND EXISTS (SELECT 1 FROM document t WHERE t.translation_of = d.id) = ?2 ORDER BY m.id";
static const char SQL_ANY_TRANSLATION[] = "SELECT EXISTS (SELECT 1 FROM document WHERE translation_of IS NOT NULL)";
static const char SQL_ALIGNED[] =
    "SELECT group_concat(ts.text, ' ') FROM bead b JOIN document t ON t.translation_of = b.document_id "
    "JOIN sentence ts ON ts.document_id = t.id AND ts.number BETWEEN b.tgt_first AND b.tgt_first + b.tgt_count - 1 "
    "WHERE b.document_id = ?1 AND b.src_count > 0 AND ?2 BETWEEN b.src_first AND b.src_first + b.src_count - 1";

int sel_store_examples(sel_store *st, sel_ctx *ctx, const char *concept_id, size_t max, sel_example_fn emit,
                       void *user)
{
    sqlite3_stmt *q = NULL, *aligned = NULL;
    // with no translation at all (a monolingual corpus), the first pass would walk every mention,
    // and there is no translation to fetch
    bool translated = false;
    int rc = store_ask(st, ctx, SQL_ANY_TRANSLATION, "reading example sentences", &translated);
    if (rc == SEL_OK)
        rc = store_prepare(st, ctx, SQL_EXAMPLES, &q);
    if (rc == SEL_OK && translated)
        rc = store_prepare(st, ctx, SQL_ALIGNED, &aligned);
    int step = SQLITE_DONE;
    size_t found = 0;
    bool more = true;
    for (int pass = translated ? 1 : 0; rc == SEL_OK && more && found < max && pass >= 0; pass--) {
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, concept_id, -1, SQLITE_STATIC);
        sqlite3_bind_int(q, 2, pass);
        int64_t last_sentence = -1; // a sentence with several mentions is one example
        while (found < max && (step = sqlite3_step(q)) == SQLITE_ROW) {
            if (sqlite3_column_int64(q, 4) == last_sentence)
                continue;
            last_sentence = sqlite3_column_int64(q, 4);
            found++;
            long number = (long)sqlite3_column_int64(q, 2);
            int got = SQLITE_DONE;
            if (aligned) {
                sqlite3_bind_int64(aligned, 1, sqlite3_column_int64(q, 3));
                sqlite3_bind_int64(aligned, 2, number);
                // the translation is handed on as SQLite holds it, whole, however long
                got = sqlite3_step(aligned);
            }
            if (got != SQLITE_ROW && got != SQLITE_DONE) {
                rc = sel_store_fail(st, ctx, got, "reading an example's translation");
                break;
            }
            const char *translation = got == SQLITE_ROW ? store_text(aligned, 0) : NULL;
            more = emit(user, (const char *)sqlite3_column_text(q, 0), translation && *translation ? translation : NULL,
                        (const char *)sqlite3_column_text(q, 1), number);
            if (aligned)
                sqlite3_reset(aligned);
            if (!more)
                break;
        }
        if (rc == SEL_OK && more && found < max && step != SQLITE_DONE)
            rc = sel_store_fail(st, ctx, step, "reading example sentences");
    }
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
    sqlite3_stmt *add = NULL, *progress = NULL;
    bool needed;
    int rc = store_ask(st, ctx, SQL_FTS_BEHIND, "reading the full-text index's progress", &needed);
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
