// SPDX-License-Identifier: MIT
// The user's own termbase entries (imported with `selaras lexicon import`, added with `selaras
// term add`, accepted from `selaras discover`): storing, reading, removing and looking them up.
#include "src/store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_DELETE_CONCEPT[] = "DELETE FROM user_concept WHERE id = ?1";
static const char SQL_INSERT_CONCEPT[] =
    "INSERT INTO user_concept (id, subject, definition, note, source, curated, origin, added_at, evidence, cited_source)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7, 'imported'),"
    "         coalesce(?8, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), ?9, ?10)";
static const char SQL_INSERT_TERM[] =
    "INSERT INTO user_term (concept_id, lang, text, pos, type, status, context, cited_source)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

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
    store_bind_text(w->concept, 7, c->origin);
    store_bind_text(w->concept, 8, c->added_at);
    store_bind_text(w->concept, 9, c->evidence);
    store_bind_text(w->concept, 10, c->cited_source);
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
    store_bind_text(w->term, 7, t->context);
    store_bind_text(w->term, 8, t->cited_source);
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
    "SELECT id, subject, definition, note, source, curated, origin, added_at, evidence, cited_source"
    " FROM user_concept ORDER BY rowid";
static const char SQL_USER_CONCEPT_TERMS[] =
    "SELECT lang, text, pos, type, status, context, cited_source FROM user_term WHERE concept_id = ?1 ORDER BY id";

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
        const struct sel_user_concept c = {
            .id = store_text(concepts, 0), .subject = store_text(concepts, 1), .definition = store_text(concepts, 2),
            .note = store_text(concepts, 3), .source = store_text(concepts, 4),
            .curated = sqlite3_column_int(concepts, 5) != 0, .origin = store_text(concepts, 6),
            .added_at = store_text(concepts, 7), .evidence = store_text(concepts, 8),
            .cited_source = store_text(concepts, 9),
        };
        rc = concept(user, &c);
        sqlite3_reset(terms);
        sqlite3_bind_text(terms, 1, c.id, -1, SQLITE_TRANSIENT);
        while (rc == SEL_OK && (step = sqlite3_step(terms)) == SQLITE_ROW) {
            const struct sel_user_term t = {
                .lang = store_text(terms, 0), .text = store_text(terms, 1), .pos = store_text(terms, 2),
                .type = store_text(terms, 3), .status = store_text(terms, 4), .context = store_text(terms, 5),
                .cited_source = store_text(terms, 6),
            };
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

// Most databases hold no user entry; asking that first spares preparing the joins below
// (SQL_CURATED, SQL_USER_TERMS), whose compilation was about a millisecond of a lookup's start-up.
static const char SQL_ANY_USER_TERM[] = "SELECT EXISTS (SELECT 1 FROM user_term)";

// One pass over the curated entries, for the termbase every command loads: a join, not a query
// per concept, because it runs at the start of every command.
static const char SQL_CURATED[] =
    "SELECT c.id, c.subject, c.definition, c.note, c.source, c.origin, c.added_at, c.evidence, c.cited_source,"
    "       t.lang, t.text, t.pos, t.type, t.status, t.context, t.cited_source"
    " FROM user_concept c JOIN user_term t ON t.concept_id = c.id WHERE c.curated = 1 ORDER BY c.rowid, t.id";

int sel_store_user_termbase(sel_store *st, sel_ctx *ctx, sel_user_concept_fn concept, sel_user_concept_term_fn term,
                            void *user)
{
    SEL_CHECK_ARG(st && concept && term, SEL_EINVAL);
    bool any;
    int rc = store_ask(st, ctx, SQL_ANY_USER_TERM, "reading the user's termbase", &any);
    if (rc != SEL_OK || !any) // a concept without terms is not read either (the join below)
        return rc;
    sqlite3_stmt *q = NULL;
    rc = store_prepare(st, ctx, SQL_CURATED, &q);
    int step = SQLITE_DONE;
    char *current = NULL; // the id of the concept whose terms are coming
    while (rc == SEL_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
        const char *id = store_text(q, 0);
        if (!current || strcmp(current, id) != 0) {
            free(current);
            if (!(current = strdup(id))) {
                rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
                break;
            }
            const struct sel_user_concept c = {
                .id = id, .subject = store_text(q, 1), .definition = store_text(q, 2), .note = store_text(q, 3),
                .source = store_text(q, 4), .curated = true, .origin = store_text(q, 5),
                .added_at = store_text(q, 6), .evidence = store_text(q, 7), .cited_source = store_text(q, 8),
            };
            if ((rc = concept(user, &c)) != SEL_OK)
                break;
        }
        const struct sel_user_term t = {
            .lang = store_text(q, 9), .text = store_text(q, 10), .pos = store_text(q, 11), .type = store_text(q, 12),
            .status = store_text(q, 13), .context = store_text(q, 14), .cited_source = store_text(q, 15),
        };
        rc = term(user, current, &t);
    }
    if (rc == SEL_OK && step != SQLITE_DONE)
        rc = sel_store_fail(st, ctx, step, "reading the user's termbase");
    free(current);
    sqlite3_finalize(q);
    return rc;
}

// Only general vocabulary: the curated entries are part of the termbase every command loads
// (lexicon/user_terms.c), where lookup finds them in any inflected form.
//
// Terms are stored under their full language tag ("id-ID", "en-US"; src/formats/langtag.c) and
// found by its primary subtag: "id" is the tag "id" and every "id-...". Tags are normalised
// (letters, digits, '-'), so these are the tags from "id" up to, not including, "id." ('.'
// follows '-'); the tags present are listed by one index seek each, then each is searched with
// the text by index as before (a LIKE on lang would scan every term).
static const char SQL_USER_TERMS[] =
    "WITH RECURSIVE tags(tag) AS ("
    "  SELECT min(lang) FROM user_term WHERE lang >= ?1 AND lang < ?1 || '.' "
    "  UNION ALL SELECT (SELECT min(lang) FROM user_term WHERE lang > tag AND lang < ?1 || '.') "
    "  FROM tags WHERE tag IS NOT NULL) "
    "SELECT c.id, c.subject, t.text, c.curated, "
    "  (SELECT group_concat(x.text, ' | ') FROM (SELECT text FROM user_term "
    "     WHERE concept_id = c.id AND lang >= ?3 AND lang < ?3 || '.' ORDER BY status = 'preferred' DESC, id) x) "
    "FROM user_term t JOIN user_concept c ON c.id = t.concept_id "
    "WHERE t.lang IN (SELECT tag FROM tags) AND t.text = ?2 COLLATE NOCASE AND c.curated = 0 "
    "ORDER BY t.status = 'preferred' DESC, c.id";

int sel_store_user_lookup(sel_store *st, sel_ctx *ctx, const char *lang, const char *to_lang, const char *text,
                          sel_user_term_fn emit, void *user)
{
    bool any;
    int rc = store_ask(st, ctx, SQL_ANY_USER_TERM, "looking up the user's entries", &any);
    if (rc != SEL_OK || !any)
        return rc;
    sqlite3_stmt *q = NULL;
    rc = store_prepare(st, ctx, SQL_USER_TERMS, &q);
    if (rc != SEL_OK)
        return rc;
    sqlite3_bind_text(q, 1, lang, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, text, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, to_lang, -1, SQLITE_STATIC);
    int step;
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        const char *targets = store_text(q, 4);
        if (!emit(user, store_text(q, 0), store_text(q, 1), store_text(q, 2), sqlite3_column_int(q, 3) != 0,
                  targets ? targets : "")) {
            step = SQLITE_DONE;
            break;
        }
    }
    if (step != SQLITE_DONE)
        rc = sel_store_fail(st, ctx, step, "looking up the user's entries");
    sqlite3_finalize(q);
    return rc;
}

// The termbase names a term's language by its primary subtag ("en"); the row may hold the full
// tag ("en-GB"): the tags from "en" up to, not including, "en." (see SQL_USER_TERMS).
static const char SQL_REMOVE_TERM[] =
    "DELETE FROM user_term WHERE concept_id = ?1 AND lang >= ?2 AND lang < ?2 || '.' AND text = ?3";
static const char SQL_REMOVE_EMPTY_CONCEPT[] =
    "DELETE FROM user_concept WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM user_term WHERE concept_id = ?1)";
static const char SQL_COUNT_TERMS[] = "SELECT count(*) FROM user_term WHERE concept_id = ?1";

int sel_store_user_remove(sel_store *st, sel_ctx *ctx, const char *id, const char *lang, const char *text)
{
    SEL_CHECK_ARG(st && id && (!lang) == (!text), SEL_EINVAL);
    sqlite3_stmt *q[3] = { NULL, NULL, NULL };
    const char *const sql[] = { text ? SQL_REMOVE_TERM : SQL_COUNT_TERMS, SQL_REMOVE_EMPTY_CONCEPT,
                                text ? NULL : SQL_DELETE_CONCEPT };
    int rc = store_prepare_all(st, ctx, sql, q, text ? 2 : 3);
    if (rc != SEL_OK)
        return rc;
    int removed = 0;
    store_bind_text(q[0], 1, id);
    if (text) {
        store_bind_text(q[0], 2, lang);
        store_bind_text(q[0], 3, text);
        rc = store_step(st, ctx, q[0], "removing a user term");
        removed = sqlite3_changes(st->db);
        store_bind_text(q[1], 1, id);
        if (rc == SEL_OK)
            rc = store_step(st, ctx, q[1], "removing an emptied user concept");
    } else {
        int step = sqlite3_step(q[0]);
        if (step == SQLITE_ROW)
            removed = sqlite3_column_int(q[0], 0);
        else
            rc = sel_store_fail(st, ctx, step, "counting a user concept's terms");
        store_bind_text(q[2], 1, id);
        if (rc == SEL_OK)
            rc = store_step(st, ctx, q[2], "removing a user concept");
        if (rc == SEL_OK && removed == 0 && sqlite3_changes(st->db) > 0)
            removed = 1; // a concept without terms counts as one thing removed
    }
    for (int i = 0; i < 3; i++)
        sqlite3_finalize(q[i]);
    return rc == SEL_OK ? removed : rc;
}
