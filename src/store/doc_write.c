// SPDX-License-Identifier: MIT
// What ingest writes, with each statement prepared once per writer: documents, paragraphs,
// sentences, term occurrences and their concept rows, beads and confirmations; and the delete
// that replaces a changed document.
#include "src/store/store_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// The SQL here spells the occurrence id shift out.
_Static_assert(SEL_OCCURRENCE_ID_SHIFT == 24, "occurrence ids: update the delete statements");

enum stmt_id {
    FIND_HASH, FIND_PATH, TRANSLATION_HASH,
    DELETE_CONF, DELETE_MENTION, DELETE_SENT, DELETE_PARA, DELETE_BEAD, DELETE_DOC, // in this order
    INSERT_DOC, INSERT_PARA, INSERT_BEAD, INSERT_CONF, INSERT_CONCEPT, FIND_CONCEPT,
    N_STMTS
};

static const char *const sql[N_STMTS] = {
    [FIND_HASH] = "SELECT id FROM document WHERE content_hash = ?1 AND lang = ?2 AND translation_of IS NULL",
    // A document's identity on disk is its canonical path (the file's realpath()). A row stored
    // before schema v3 has its path as written for a canonical path: it is found by that spelling
    // (?3), as it was found before.
    // Written as two searches of the canonical-path index: with the OR spelt as two alternatives
    // and no statistics, SQLite chose the translation_of index, which every source document
    // shares, and each store scanned the whole table (quadratic in an ingest). Not as
    // `canonical_path IN (?1, ?3) ... ORDER BY id LIMIT 1`: an IN list that drives an index, and
    // that ORDER BY, each open a temporary b-tree at every step, which made this lookup a fifth
    // of what the writer of `ingest --jobs` spent. min() of none is NULL, read as 0: not found.
    [FIND_PATH] = "SELECT min(id) FROM ("
                  "SELECT id FROM document WHERE canonical_path = ?1 AND lang = ?2 AND +translation_of IS NULL "
                  "UNION ALL "
                  "SELECT id FROM document WHERE canonical_path = ?3 AND path = ?3 AND lang = ?2 "
                  "AND +translation_of IS NULL)",
    [TRANSLATION_HASH] = "SELECT content_hash FROM document WHERE translation_of = ?1 ORDER BY id LIMIT 1",
    // Replacing a document deletes it, its translation and everything hanging from them. The
    // writer runs with foreign-key checks off (see sel_doc_writer_new()), so no cascade runs:
    // these statements are the cascade, children first. An occurrence's id is its sentence id
    // << 24 plus its ordinal, so the occurrences of a sentence are one range of mention's key.
    [DELETE_CONF] = "DELETE FROM confirmation WHERE occurrence_id IN (SELECT m.id FROM document d "
                    "JOIN sentence s ON s.document_id = d.id "
                    "JOIN mention m ON m.id >= s.id << 24 AND m.id < (s.id + 1) << 24 "
                    "WHERE d.id = ?1 OR d.translation_of = ?1)",
    [DELETE_MENTION] = "DELETE FROM mention WHERE id IN (SELECT m.id FROM document d "
                       "JOIN sentence s ON s.document_id = d.id "
                       "JOIN mention m ON m.id >= s.id << 24 AND m.id < (s.id + 1) << 24 "
                       "WHERE d.id = ?1 OR d.translation_of = ?1)",
    [DELETE_SENT] = "DELETE FROM sentence WHERE document_id IN "
                    "(SELECT id FROM document WHERE id = ?1 OR translation_of = ?1)",
    [DELETE_PARA] = "DELETE FROM paragraph WHERE document_id IN "
                    "(SELECT id FROM document WHERE id = ?1 OR translation_of = ?1)",
    [DELETE_BEAD] = "DELETE FROM bead WHERE document_id = ?1",
    [DELETE_DOC] = "DELETE FROM document WHERE id = ?1 OR translation_of = ?1",
    [INSERT_DOC] = "INSERT INTO document (path, title, lang, content_hash, bytes, translation_of, canonical_path) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [INSERT_PARA] = "INSERT INTO paragraph (document_id, number, line, start, end) VALUES (?1, ?2, ?3, ?4, ?5)",
    [INSERT_BEAD] = "INSERT INTO bead (document_id, number, src_first, src_count, tgt_first, tgt_count, score) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [INSERT_CONF] = "INSERT OR IGNORE INTO confirmation (occurrence_id, status, target) VALUES (?1, ?2, ?3)",
    [INSERT_CONCEPT] = "INSERT OR IGNORE INTO concept (name) VALUES (?1)",
    [FIND_CONCEPT] = "SELECT id FROM concept WHERE name = ?1",
};

// Occurrences are most of the rows an ingest writes, so they go in by many rows a statement:
// a statement's own cost (starting it, opening and closing its cursors, binding, resetting) is
// then paid once for MULTI_ROWS[0] rows, not for each. The b-tree work is the same.
// `OR FAIL`: a multi-row INSERT that may abort half-way keeps a statement journal, a copy of
// every page it first touches, for the rows it would undo; with FAIL it keeps none. A writer's
// failure rolls back the caller's whole transaction (src/ingest), so nothing depends on the undo.
// Sentences go in the same way, MULTI_ROWS[0] to a statement.
enum { MULTI_SIZES = 3, MENTION_COLUMNS = 5, SENTENCE_COLUMNS = 7 };
static const int MULTI_ROWS[MULTI_SIZES] = { 64, 8, 1 };

// The statement (its index in MULTI_ROWS) for the next rows of a batch with @p n left: the
// largest that does not take more than are left.
static int multi_size_for(size_t n)
{
    int k = 0;
    while (k < MULTI_SIZES - 1 && (size_t)MULTI_ROWS[k] > n)
        k++;
    return k;
}

struct sel_doc_writer {
    sel_store *st;
    sqlite3_stmt *stmt[N_STMTS];
    sqlite3_stmt *mentions[MULTI_SIZES];  // INSERT of MULTI_ROWS[k] rows
    sqlite3_stmt *sentences[MULTI_SIZES]; // the same
    sel_strmap *concepts; // concept name -> its row id + 1, learnt as rows are written
};

// Prepares @p head followed by @p rows times @p row, comma-separated.
static int prepare_rows(sel_doc_writer *w, sel_ctx *ctx, const char *head, const char *row, int rows,
                        sqlite3_stmt **out)
{
    size_t size = strlen(head) + (size_t)rows * (strlen(row) + 1) + 1;
    char *sql = malloc(size);
    if (!sql)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    char *at = sql + sprintf(sql, "%s", head);
    for (int r = 0; r < rows; r++)
        at += sprintf(at, "%s%s", r ? "," : "", row);
    int rc = store_prepare(w->st, ctx, sql, out);
    free(sql);
    return rc;
}

static int prepare_multi(sel_doc_writer *w, sel_ctx *ctx)
{
    int rc = SEL_OK;
    for (int k = 0; rc == SEL_OK && k < MULTI_SIZES; k++) {
        rc = prepare_rows(w, ctx, "INSERT OR FAIL INTO mention (id, concept, start, end, term) VALUES ",
                          "(?,?,?,?,?)", MULTI_ROWS[k], &w->mentions[k]);
        if (rc == SEL_OK)
            rc = prepare_rows(w, ctx,
                              "INSERT OR FAIL INTO sentence (document_id, number, para, start, end, text, boilerplate) "
                              "VALUES ", "(?,?,?,?,?,?,?)", MULTI_ROWS[k], &w->sentences[k]);
    }
    return rc;
}

int sel_doc_writer_new(sel_doc_writer **out, sel_ctx *ctx, sel_store *st)
{
    SEL_CHECK_ARG(out && st, SEL_EINVAL);
    *out = NULL;
    sel_doc_writer *w = calloc(1, sizeof(*w));
    if (!w)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    w->st = st;
    // Checking every row's foreign keys costs about a fifth of what storing does, and the rows
    // a writer is given hang together by construction; the checks are back on when it is done.
    int rc = store_exec(st, ctx, "PRAGMA foreign_keys = OFF", "configuring the database");
    if (rc == SEL_OK && sel_strmap_new(&w->concepts) != SEL_OK)
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (rc == SEL_OK)
        rc = store_prepare_all(st, ctx, sql, w->stmt, N_STMTS);
    if (rc == SEL_OK)
        rc = prepare_multi(w, ctx);
    if (rc != SEL_OK) {
        sel_doc_writer_free(w);
        return rc;
    }
    *out = w;
    return SEL_OK;
}

void sel_doc_writer_free(sel_doc_writer *w)
{
    if (!w)
        return;
    for (int i = 0; i < N_STMTS; i++)
        sqlite3_finalize(w->stmt[i]);
    for (int k = 0; k < MULTI_SIZES; k++) {
        sqlite3_finalize(w->mentions[k]);
        sqlite3_finalize(w->sentences[k]);
    }
    sel_strmap_free(w->concepts);
    sqlite3_exec(w->st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    free(w);
}

// The id of the source document @p s finds for (@p key, @p lang, @p spelling), 0 when none.
static int find_doc(sel_doc_writer *w, sel_ctx *ctx, enum stmt_id id, const char *key, const char *lang,
                    const char *spelling, int64_t *found)
{
    sqlite3_stmt *s = w->stmt[id];
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, lang, -1, SQLITE_STATIC);
    if (spelling)
        sqlite3_bind_text(s, 3, spelling, -1, SQLITE_STATIC);
    int step = sqlite3_step(s);
    *found = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    int rc = step == SQLITE_ROW || step == SQLITE_DONE ? SEL_OK : sel_store_fail(w->st, ctx, step, "finding a stored document");
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc;
}

int sel_doc_writer_find_hash(sel_doc_writer *w, sel_ctx *ctx, const char *hash, const char *lang, int64_t *id)
{
    return find_doc(w, ctx, FIND_HASH, hash, lang, NULL, id);
}

int sel_doc_writer_find_path(sel_doc_writer *w, sel_ctx *ctx, const char *canonical, const char *path,
                             const char *lang, int64_t *id)
{
    return find_doc(w, ctx, FIND_PATH, canonical, lang, path, id);
}

int sel_doc_writer_translation_hash(sel_doc_writer *w, sel_ctx *ctx, int64_t doc, char hash[33], bool *found)
{
    sqlite3_stmt *s = w->stmt[TRANSLATION_HASH];
    sqlite3_bind_int64(s, 1, doc);
    int step = sqlite3_step(s);
    *found = step == SQLITE_ROW;
    if (*found)
        snprintf(hash, 33, "%s", (const char *)sqlite3_column_text(s, 0));
    int rc = step == SQLITE_ROW || step == SQLITE_DONE ? SEL_OK
                                                       : sel_store_fail(w->st, ctx, step, "reading a stored translation");
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc;
}

int sel_doc_writer_delete(sel_doc_writer *w, sel_ctx *ctx, int64_t doc)
{
    int rc = SEL_OK;
    for (enum stmt_id k = DELETE_CONF; rc == SEL_OK && k <= DELETE_DOC; k++) {
        sqlite3_bind_int64(w->stmt[k], 1, doc);
        rc = store_run(w->st, ctx, w->stmt[k], "deleting the old version of a document");
    }
    return rc;
}

int sel_doc_writer_document(sel_doc_writer *w, sel_ctx *ctx, const struct sel_document_row *d, int64_t *id)
{
    sqlite3_stmt *s = w->stmt[INSERT_DOC];
    sqlite3_bind_text(s, 1, d->path, -1, SQLITE_STATIC);
    store_bind_text(s, 2, d->title);
    sqlite3_bind_text(s, 3, d->lang, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, d->hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 5, d->bytes);
    if (d->translation_of)
        sqlite3_bind_int64(s, 6, d->translation_of);
    store_bind_text(s, 7, d->canonical_path);
    int rc = store_run(w->st, ctx, s, "storing a document");
    *id = rc == SEL_OK ? sqlite3_last_insert_rowid(w->st->db) : 0;
    return rc;
}

int sel_doc_writer_paragraph(sel_doc_writer *w, sel_ctx *ctx, int64_t doc, long number, long line, int64_t start,
                             int64_t end)
{
    sqlite3_stmt *s = w->stmt[INSERT_PARA];
    sqlite3_bind_int64(s, 1, doc);
    sqlite3_bind_int64(s, 2, number);
    sqlite3_bind_int64(s, 3, line);
    sqlite3_bind_int64(s, 4, start);
    sqlite3_bind_int64(s, 5, end);
    return store_run(w->st, ctx, s, "storing a paragraph");
}

int sel_doc_writer_sentence(sel_doc_writer *w, sel_ctx *ctx, const struct sel_sentence_row *r, int64_t *id)
{
    return sel_doc_writer_sentences(w, ctx, r, 1, id);
}

int sel_doc_writer_sentences(sel_doc_writer *w, sel_ctx *ctx, const struct sel_sentence_row *rows, size_t n,
                             int64_t *ids)
{
    int rc = SEL_OK;
    for (size_t chunk; rc == SEL_OK && n > 0; n -= chunk, rows += chunk, ids += chunk) {
        int k = multi_size_for(n);
        sqlite3_stmt *s = w->sentences[k];
        chunk = (size_t)MULTI_ROWS[k];
        for (size_t r = 0; r < chunk; r++) {
            int col = (int)r * SENTENCE_COLUMNS;
            sqlite3_bind_int64(s, col + 1, rows[r].document);
            sqlite3_bind_int64(s, col + 2, rows[r].number);
            sqlite3_bind_int64(s, col + 3, rows[r].para);
            sqlite3_bind_int64(s, col + 4, rows[r].start);
            sqlite3_bind_int64(s, col + 5, rows[r].end);
            sqlite3_bind_text(s, col + 6, rows[r].text, (int)rows[r].len, SQLITE_STATIC);
            store_bind_text(s, col + 7, rows[r].boilerplate);
        }
        rc = store_step(w->st, ctx, s, "storing sentences");
        sqlite3_reset(s);
        // The table's key is AUTOINCREMENT: each row of one INSERT takes the next id after the
        // largest ever given, so the rows of a statement have consecutive ids, the last one's last.
        int64_t last = rc == SEL_OK ? sqlite3_last_insert_rowid(w->st->db) : 0;
        if (rc == SEL_OK && sqlite3_changes(w->st->db) != (int)chunk)
            rc = sel_store_fail(w->st, ctx, SQLITE_INTERNAL, "storing sentences");
        for (size_t r = 0; r < chunk; r++)
            ids[r] = rc == SEL_OK ? last - (int64_t)(chunk - 1 - r) : 0;
    }
    return rc;
}

void sel_doc_writer_forget(sel_doc_writer *w)
{
    sel_strmap *fresh = NULL;
    if (sel_strmap_new(&fresh) == SEL_OK) {
        sel_strmap_free(w->concepts);
        w->concepts = fresh;
    }
}

int sel_doc_writer_concept(sel_doc_writer *w, sel_ctx *ctx, const char *name, int64_t *row)
{
    uintptr_t cached = (uintptr_t)sel_strmap_get(w->concepts, name, strlen(name));
    if (cached) {
        *row = (int64_t)cached - 1;
        return SEL_OK;
    }
    sqlite3_bind_text(w->stmt[INSERT_CONCEPT], 1, name, -1, SQLITE_STATIC);
    int rc = store_run(w->st, ctx, w->stmt[INSERT_CONCEPT], "storing a concept");
    sqlite3_stmt *q = w->stmt[FIND_CONCEPT];
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    int step = rc == SEL_OK ? sqlite3_step(q) : SQLITE_OK;
    if (step == SQLITE_ROW)
        *row = sqlite3_column_int64(q, 0);
    else if (rc == SEL_OK)
        rc = sel_store_fail(w->st, ctx, step == SQLITE_DONE ? SQLITE_ERROR : step, "finding a concept row");
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc == SEL_OK && sel_strmap_put(w->concepts, name, strlen(name), (void *)(uintptr_t)(*row + 1)) != SEL_OK)
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    return rc;
}

int sel_doc_writer_mention(sel_doc_writer *w, sel_ctx *ctx, int64_t id, int64_t concept, int64_t start, int64_t end,
                           const char *term)
{
    struct sel_mention_row row = { id, concept, start, end, term };
    return sel_doc_writer_mentions(w, ctx, &row, 1);
}

int sel_doc_writer_mentions(sel_doc_writer *w, sel_ctx *ctx, const struct sel_mention_row *rows, size_t n)
{
    int rc = SEL_OK;
    for (size_t chunk; rc == SEL_OK && n > 0; n -= chunk, rows += chunk) {
        int k = multi_size_for(n);
        sqlite3_stmt *s = w->mentions[k];
        chunk = (size_t)MULTI_ROWS[k];
        for (size_t r = 0; r < chunk; r++) {
            int col = (int)r * MENTION_COLUMNS;
            sqlite3_bind_int64(s, col + 1, rows[r].id);
            sqlite3_bind_int64(s, col + 2, rows[r].concept);
            sqlite3_bind_int64(s, col + 3, rows[r].start);
            sqlite3_bind_int64(s, col + 4, rows[r].end);
            sqlite3_bind_text(s, col + 5, rows[r].term, -1, SQLITE_STATIC);
        }
        // every parameter is bound again before the next step: no clearing needed
        rc = store_step(w->st, ctx, s, "storing term occurrences");
        sqlite3_reset(s);
    }
    return rc;
}

int sel_doc_writer_bead(sel_doc_writer *w, sel_ctx *ctx, const struct sel_bead_row *b)
{
    sqlite3_stmt *s = w->stmt[INSERT_BEAD];
    sqlite3_bind_int64(s, 1, b->document);
    sqlite3_bind_int64(s, 2, b->number);
    if (b->src_first > 0)
        sqlite3_bind_int64(s, 3, b->src_first);
    sqlite3_bind_int64(s, 4, b->src_count);
    if (b->tgt_first > 0)
        sqlite3_bind_int64(s, 5, b->tgt_first);
    sqlite3_bind_int64(s, 6, b->tgt_count);
    sqlite3_bind_double(s, 7, b->score);
    return store_run(w->st, ctx, s, "storing a bead");
}

int sel_doc_writer_confirmation(sel_doc_writer *w, sel_ctx *ctx, int64_t occurrence, const char *status,
                                const char *target)
{
    sqlite3_stmt *s = w->stmt[INSERT_CONF];
    sqlite3_bind_int64(s, 1, occurrence);
    sqlite3_bind_text(s, 2, status, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, target, -1, SQLITE_STATIC);
    return store_run(w->st, ctx, s, "storing a confirmation");
}
