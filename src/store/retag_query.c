// SPDX-License-Identifier: MIT
// What `selaras retag` reads and clears: the stored documents with their sentences and beads,
// to be tagged again with the current termbase, and a source document's term occurrences and
// confirmations, which it writes anew (with the ingest writer, src/store/doc_write.c).
#include "src/store/store_internal.h"

#include <stdlib.h>

_Static_assert(SEL_OCCURRENCE_ID_SHIFT == 24, "occurrence ids: update CLEAR_CONF and CLEAR_MENTION");

enum retag_stmt { DOCUMENTS, SENTENCES, BEADS, CLEAR_CONF, CLEAR_MENTION, CLEAR_CONCEPTS, N_RETAG };

static const char *const retag_sql[N_RETAG] = {
    // source documents of a language, each with its (first) translation, 0 when it has none
    [DOCUMENTS] = "SELECT d.id, (SELECT t.id FROM document t WHERE t.translation_of = d.id ORDER BY t.id LIMIT 1)"
                  " FROM document d WHERE d.translation_of IS NULL AND d.lang = ?1 ORDER BY d.id",
    [SENTENCES] = "SELECT id, number, para, start, end, text, boilerplate IS NOT NULL FROM sentence"
                  " WHERE document_id = ?1 ORDER BY number",
    [BEADS] = "SELECT number, coalesce(src_first, 0), src_count, coalesce(tgt_first, 0), tgt_count, score FROM bead"
              " WHERE document_id = ?1 ORDER BY number",
    // the occurrences of a sentence are the mention ids [id << 24, (id + 1) << 24)
    [CLEAR_CONF] = "DELETE FROM confirmation WHERE occurrence_id IN (SELECT m.id FROM sentence s"
                   " JOIN mention m ON m.id >= s.id << 24 AND m.id < (s.id + 1) << 24 WHERE s.document_id = ?1)",
    [CLEAR_MENTION] = "DELETE FROM mention WHERE id IN (SELECT m.id FROM sentence s"
                      " JOIN mention m ON m.id >= s.id << 24 AND m.id < (s.id + 1) << 24 WHERE s.document_id = ?1)",
    // concept rows no occurrence refers to any more (a term removed from the termbase)
    [CLEAR_CONCEPTS] = "DELETE FROM concept WHERE NOT EXISTS (SELECT 1 FROM mention m WHERE m.concept = concept.id)",
};

struct sel_retag_reader {
    sel_store *st;
    sqlite3_stmt *stmt[N_RETAG];
};

int sel_retag_reader_new(sel_retag_reader **out, sel_ctx *ctx, sel_store *st)
{
    SEL_CHECK_ARG(out && st, SEL_EINVAL);
    *out = NULL;
    sel_retag_reader *r = calloc(1, sizeof(*r));
    if (!r)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    r->st = st;
    int rc = store_prepare_all(st, ctx, retag_sql, r->stmt, N_RETAG);
    if (rc != SEL_OK) {
        free(r);
        return rc;
    }
    *out = r;
    return SEL_OK;
}

void sel_retag_reader_free(sel_retag_reader *r)
{
    if (!r)
        return;
    for (int i = 0; i < N_RETAG; i++)
        sqlite3_finalize(r->stmt[i]);
    free(r);
}

// Steps @p s to its end, resetting it; rows go to @p row (which returns a status).
static int each_row(sel_retag_reader *r, sel_ctx *ctx, sqlite3_stmt *s, const char *what,
                    int (*row)(sqlite3_stmt *s, void *user), void *user)
{
    int rc = SEL_OK, step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW && (rc = row(s, user)) == SEL_OK) {
    }
    if (rc == SEL_OK && step != SQLITE_ROW && step != SQLITE_DONE)
        rc = sel_store_fail(r->st, ctx, step, what);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc;
}

struct doc_list {
    int64_t *ids, *translations;
    size_t n, cap;
};

static int take_document(sqlite3_stmt *s, void *user)
{
    struct doc_list *l = user;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        int64_t *ids = realloc(l->ids, cap * sizeof(*ids));
        if (ids)
            l->ids = ids;
        int64_t *tr = ids ? realloc(l->translations, cap * sizeof(*tr)) : NULL;
        if (!tr)
            return SEL_ENOMEM;
        l->translations = tr;
        l->cap = cap;
    }
    l->ids[l->n] = sqlite3_column_int64(s, 0);
    l->translations[l->n++] = sqlite3_column_int64(s, 1); // NULL reads as 0
    return SEL_OK;
}

int sel_retag_documents(sel_retag_reader *r, sel_ctx *ctx, const char *lang, int64_t **ids, int64_t **translations,
                        size_t *n)
{
    SEL_CHECK_ARG(r && lang && ids && translations && n, SEL_EINVAL);
    struct doc_list l = { 0 };
    sqlite3_bind_text(r->stmt[DOCUMENTS], 1, lang, -1, SQLITE_STATIC);
    int rc = each_row(r, ctx, r->stmt[DOCUMENTS], "reading the documents", take_document, &l);
    if (rc == SEL_ENOMEM)
        rc = sel_error(ctx, rc, "out of memory");
    if (rc != SEL_OK) {
        free(l.ids);
        free(l.translations);
        return rc;
    }
    *ids = l.ids;
    *translations = l.translations;
    *n = l.n;
    return SEL_OK;
}

struct sentence_pass {
    sel_stored_sentence_fn emit;
    void *user;
};

static int take_sentence(sqlite3_stmt *s, void *user)
{
    struct sentence_pass *p = user;
    struct sel_stored_sentence row = {
        sqlite3_column_int64(s, 0), (long)sqlite3_column_int64(s, 1), (long)sqlite3_column_int64(s, 2),
        sqlite3_column_int64(s, 3), sqlite3_column_int64(s, 4), (const char *)sqlite3_column_text(s, 5),
        (size_t)sqlite3_column_bytes(s, 5), sqlite3_column_int(s, 6) != 0,
    };
    if (!row.text)
        row.text = "";
    return p->emit(p->user, &row);
}

int sel_retag_sentences(sel_retag_reader *r, sel_ctx *ctx, int64_t doc, sel_stored_sentence_fn emit, void *user)
{
    SEL_CHECK_ARG(r && emit, SEL_EINVAL);
    struct sentence_pass p = { emit, user };
    sqlite3_bind_int64(r->stmt[SENTENCES], 1, doc);
    return each_row(r, ctx, r->stmt[SENTENCES], "reading sentences", take_sentence, &p);
}

struct bead_pass {
    sel_stored_bead_fn emit;
    void *user;
    int64_t doc;
};

static int take_bead(sqlite3_stmt *s, void *user)
{
    struct bead_pass *p = user;
    struct sel_bead_row row = { p->doc, (long)sqlite3_column_int64(s, 0), (long)sqlite3_column_int64(s, 1),
                                (long)sqlite3_column_int64(s, 2), (long)sqlite3_column_int64(s, 3),
                                (long)sqlite3_column_int64(s, 4), sqlite3_column_double(s, 5) };
    return p->emit(p->user, &row);
}

int sel_retag_beads(sel_retag_reader *r, sel_ctx *ctx, int64_t doc, sel_stored_bead_fn emit, void *user)
{
    SEL_CHECK_ARG(r && emit, SEL_EINVAL);
    struct bead_pass p = { emit, user, doc };
    sqlite3_bind_int64(r->stmt[BEADS], 1, doc);
    return each_row(r, ctx, r->stmt[BEADS], "reading beads", take_bead, &p);
}

int sel_retag_clear(sel_retag_reader *r, sel_ctx *ctx, int64_t doc)
{
    SEL_CHECK_ARG(r, SEL_EINVAL);
    int rc = SEL_OK;
    for (int k = CLEAR_CONF; rc == SEL_OK && k <= CLEAR_MENTION; k++) {
        sqlite3_bind_int64(r->stmt[k], 1, doc);
        rc = store_run(r->st, ctx, r->stmt[k], "clearing a document's term occurrences");
    }
    return rc;
}

int sel_retag_clear_concepts(sel_retag_reader *r, sel_ctx *ctx)
{
    SEL_CHECK_ARG(r, SEL_EINVAL);
    return store_run(r->st, ctx, r->stmt[CLEAR_CONCEPTS], "removing concepts no occurrence refers to");
}
