// SPDX-License-Identifier: MIT
// The user's own termbase entries (imported with `selaras lexicon import`): storing them, reading
// them all for a glossary, and looking a term up.
#include "src/store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>

static const char SQL_DELETE_CONCEPT[] = "DELETE FROM user_concept WHERE id = ?1";
static const char SQL_INSERT_CONCEPT[] =
    "INSERT INTO user_concept (id, subject, definition, note, source, curated) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_INSERT_TERM[] =
    "INSERT INTO user_term (concept_id, lang, text, pos, type, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

struct sel_user_writer {
    sel_store *st;
    sqlite3_stmt *del, *concept, *term;
};

int sel_user_writer_new(sel_user_writer **out, sel_ctx *ctx, sel_store *st)
{
    SEL_CHECK_ARG(out && st, SEL_EINVAL);
    *out = NULL;
    sel_user_writer *w = calloc(1, sizeof(*w));
    if (!w)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    w->st = st;
    const char *const sql[] = { SQL_DELETE_CONCEPT, SQL_INSERT_CONCEPT, SQL_INSERT_TERM };
    sqlite3_stmt *stmts[3] = { NULL, NULL, NULL };
    int rc = store_prepare_all(st, ctx, sql, stmts, 3);
    if (rc != SEL_OK) {
        free(w);
        return rc;
    }
    w->del = stmts[0];
    w->concept = stmts[1];
    w->term = stmts[2];
    *out = w;
    return SEL_OK;
}

void sel_user_writer_free(sel_user_writer *w)
{
    if (!w)
        return;
    sqlite3_finalize(w->del);
    sqlite3_finalize(w->concept);
    sqlite3_finalize(w->term);
    free(w);
}

int sel_user_writer_concept(sel_user_writer *w, sel_ctx *ctx, const struct sel_user_concept *c)
{
    SEL_CHECK_ARG(w && c && c->id && c->source, SEL_EINVAL);
    // a concept imported again is replaced whole (its terms go with it: ON DELETE CASCADE)
    store_bind_text(w->del, 1, c->id);
    int rc = store_run(w->st, ctx, w->del, "replacing a user concept");
    if (rc != SEL_OK)
        return rc;
    store_bind_text(w->concept, 1, c->id);
    store_bind_text(w->concept, 2, c->subject);
    store_bind_text(w->concept, 3, c->definition);
    store_bind_text(w->concept, 4, c->note);
    store_bind_text(w->concept, 5, c->source);
    sqlite3_bind_int(w->concept, 6, c->curated ? 1 : 0);
    return store_run(w->st, ctx, w->concept, "storing a user concept");
}

int sel_user_writer_term(sel_user_writer *w, sel_ctx *ctx, const char *concept_id, const struct sel_user_term *t)
{
    SEL_CHECK_ARG(w && concept_id && t && t->lang && t->text, SEL_EINVAL);
    store_bind_text(w->term, 1, concept_id);
    store_bind_text(w->term, 2, t->lang);
    store_bind_text(w->term, 3, t->text);
    store_bind_text(w->term, 4, t->pos);
    store_bind_text(w->term, 5, t->type);
    store_bind_text(w->term, 6, t->status ? t->status : "admitted");
    return store_run(w->st, ctx, w->term, "storing a user term");
}

// Which file a user concept came from, so that `lexicon import` never overwrites one file's
// concept with another's of the same id.
static const char SQL_CONCEPT_SOURCE[] = "SELECT source FROM user_concept WHERE id = ?1";

int sel_store_user_concept_source(sel_store *st, sel_ctx *ctx, const char *id, char *out, size_t size)
{
    SEL_CHECK_ARG(st && id && out && size, SEL_EINVAL);
    out[0] = '\0';
    sqlite3_stmt *q = NULL;
    int rc = store_prepare(st, ctx, SQL_CONCEPT_SOURCE, &q);
    if (rc != SEL_OK)
        return rc;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int step = sqlite3_step(q);
    int found = 0;
    if (step == SQLITE_ROW) {
        const char *source = store_text(q, 0);
        snprintf(out, size, "%s", source ? source : "");
        found = 1;
    } else if (step != SQLITE_DONE) {
        found = sel_store_fail(st, ctx, step, "reading a user concept's source");
    }
    sqlite3_finalize(q);
    return found;
}

static const char SQL_USER_CONCEPTS[] =
    "SELECT id, subject, definition, note, curated FROM user_concept ORDER BY rowid";
static const char SQL_USER_CONCEPT_TERMS[] =
    "SELECT lang, text, pos, type, status FROM user_term WHERE concept_id = ?1 ORDER BY id";

int sel_store_user_entries(sel_store *st, sel_ctx *ctx, sel_user_concept_fn concept, sel_user_concept_term_fn term,
                           void *user)
{
    SEL_CHECK_ARG(st && concept && term, SEL_EINVAL);
    sqlite3_stmt *concepts = NULL, *terms = NULL;
    int rc = store_prepare(st, ctx, SQL_USER_CONCEPTS, &concepts);
    if (rc == SEL_OK)
        rc = store_prepare(st, ctx, SQL_USER_CONCEPT_TERMS, &terms);
    int step = SQLITE_DONE;
    while (rc == SEL_OK && (step = sqlite3_step(concepts)) == SQLITE_ROW) {
        const struct sel_user_concept c = { store_text(concepts, 0), store_text(concepts, 1), store_text(concepts, 2),
                                            store_text(concepts, 3), NULL, sqlite3_column_int(concepts, 4) != 0 };
        rc = concept(user, &c);
        sqlite3_reset(terms);
        sqlite3_bind_text(terms, 1, c.id, -1, SQLITE_TRANSIENT);
        while (rc == SEL_OK && (step = sqlite3_step(terms)) == SQLITE_ROW) {
            const struct sel_user_term t = { store_text(terms, 0), store_text(terms, 1), store_text(terms, 2),
                                             store_text(terms, 3), store_text(terms, 4) };
            rc = term(user, c.id, &t);
        }
        if (rc == SEL_OK && step != SQLITE_DONE)
            rc = sel_store_fail(st, ctx, step, "reading user terms");
        step = SQLITE_DONE;
    }
    if (rc == SEL_OK && step != SQLITE_DONE)
        rc = sel_store_fail(st, ctx, step, "reading user concepts");
    sqlite3_finalize(terms);
    sqlite3_finalize(concepts);
    return rc;
}

static const char SQL_USER_TERMS[] =
    "SELECT c.id, c.subject, t.text, c.curated, "
    "  (SELECT group_concat(x.text, ' | ') FROM (SELECT text FROM user_term "
    "     WHERE concept_id = c.id AND lang = ?3 ORDER BY status = 'preferred' DESC, id) x) "
    "FROM user_term t JOIN user_concept c ON c.id = t.concept_id "
    "WHERE t.lang = ?1 AND t.text = ?2 COLLATE NOCASE ORDER BY c.curated DESC, t.status = 'preferred' DESC, c.id";

int sel_store_user_lookup(sel_store *st, sel_ctx *ctx, const char *lang, const char *to_lang, const char *text,
                          sel_user_term_fn emit, void *user)
{
    sqlite3_stmt *q = NULL;
    int rc = store_prepare(st, ctx, SQL_USER_TERMS, &q);
    if (rc != SEL_OK)
        return rc;
    sqlite3_bind_text(q, 1, lang, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, text, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, to_lang, -1, SQLITE_STATIC);
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *targets = (const char *)sqlite3_column_text(q, 4);
        if (!emit(user, (const char *)sqlite3_column_text(q, 0), (const char *)sqlite3_column_text(q, 1),
                  (const char *)sqlite3_column_text(q, 2), sqlite3_column_int(q, 3) != 0, targets ? targets : ""))
            break;
    }
    sqlite3_finalize(q);
    return SEL_OK;
}
