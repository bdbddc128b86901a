// SPDX-License-Identifier: MIT
// The beads for parallel export, with their sentences and term occurrences. A query per bead
// (and one per sentence for its terms) made JSONL export three times slower than TMX; here the
// beads, the sentences of both sides and the occurrences are four cursors in the same order,
// (source document, sentence number), walked side by side as a merge. A bead that asks for
// sentences a cursor has already passed (overlapping or unordered beads in a hand-made database)
// is served by a query of its own, so the answer never depends on the order.
#include "src/store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(SEL_OCCURRENCE_ID_SHIFT == 24, "occurrence ids: update the SQL of beads.c");

enum { BEADS, SRC, TGT, TERMS, SENT_RANGE, TERMS_OF_SENTENCE, N_STMTS };

// Source documents that have beads; their translation is the first one stored.
#define SOURCE_DOCS " WHERE d.translation_of IS NULL AND EXISTS (SELECT 1 FROM bead b WHERE b.document_id = d.id)"
#define CONFIRMED_TARGET                                                                                              \
    "(SELECT f.target FROM confirmation f WHERE f.occurrence_id = m.id AND f.status = 'confirmed' ORDER BY f.target " \
    "LIMIT 1)"
#define SURFACE "CAST(substr(CAST(s.text AS BLOB), m.start - s.start + 1, m.end - m.start) AS TEXT)"

static const char *const sql[N_STMTS] = {
    [BEADS] = "SELECT b.document_id, b.number, b.src_first, b.src_count, b.tgt_first, b.tgt_count, b.score,"
              " (SELECT min(t.id) FROM document t WHERE t.translation_of = b.document_id)"
              " FROM bead b ORDER BY b.document_id, b.number",
    // rows: key document, number, then id, start, text, boilerplate
    [SRC] = "SELECT d.id, s.number, s.id, s.start, s.text, s.boilerplate IS NOT NULL"
            " FROM document d CROSS JOIN sentence s ON s.document_id = d.id" SOURCE_DOCS " ORDER BY d.id, s.number",
    [TGT] = "SELECT d.id, s.number, s.id, s.start, s.text, s.boilerplate IS NOT NULL"
            " FROM document d CROSS JOIN sentence s"
            " ON s.document_id = (SELECT min(t.id) FROM document t WHERE t.translation_of = d.id)" SOURCE_DOCS
            " ORDER BY d.id, s.number",
    // rows: key document, number, then concept, start, end, surface, target
    [TERMS] = "SELECT d.id, s.number, c.name, m.start, m.end, " SURFACE ", " CONFIRMED_TARGET
              " FROM document d CROSS JOIN sentence s ON s.document_id = d.id"
              " CROSS JOIN mention m ON m.id >= s.id << 24 AND m.id < (s.id + 1) << 24"
              " JOIN concept c ON c.id = m.concept" SOURCE_DOCS " ORDER BY d.id, s.number, m.id",
    // the same rows for one range or one sentence, when the cursors cannot serve a bead
    [SENT_RANGE] = "SELECT s.document_id, s.number, s.id, s.start, s.text, s.boilerplate IS NOT NULL FROM sentence s"
                   " WHERE s.document_id = ?1 AND s.number BETWEEN ?2 AND ?3 ORDER BY s.number",
    [TERMS_OF_SENTENCE] = "SELECT s.document_id, s.number, c.name, m.start, m.end, " SURFACE ", " CONFIRMED_TARGET
                          " FROM sentence s JOIN mention m ON m.id >= s.id << 24 AND m.id < (s.id + 1) << 24"
                          " JOIN concept c ON c.id = m.concept WHERE s.id = ?1 ORDER BY m.id",
};

// A cursor walked in (document, number) order: @c passed is the greatest key it has stepped over
// or handed out; a row with a key above it is still to come.
struct stream {
    sqlite3_stmt *q;
    bool row, done;           // a row is pending; the cursor is at its end
    int64_t doc;              // the pending row's key
    long number;
    int64_t passed_doc;
    long passed_number;
};

struct side {
    struct sel_bead_sentence *s;
    size_t n, cap;
};

struct sel_bead_cursor {
    sel_store *st;
    bool terms_wanted;
    sqlite3_stmt *stmt[N_STMTS];
    struct stream src, tgt, occs;
    struct side sides[2];
    struct sel_bead_term *terms;
    size_t n_terms, cap_terms;
    struct sel_arena strings; // the current bead's texts
    struct sel_bead_view view;
    long old_cache;           // the page cache size to restore
    bool reading;             // the read transaction is open
};

static bool key_less(int64_t doc_a, long num_a, int64_t doc_b, long num_b)
{
    return doc_a < doc_b || (doc_a == doc_b && num_a < num_b);
}

static int stream_step(sel_bead_cursor *c, sel_ctx *ctx, struct stream *s)
{
    if (s->row) {
        s->passed_doc = s->doc;
        s->passed_number = s->number;
        s->row = false;
    }
    if (s->done)
        return SEL_OK;
    int step = sqlite3_step(s->q);
    if (step == SQLITE_ROW) {
        s->row = true;
        s->doc = sqlite3_column_int64(s->q, 0);
        s->number = (long)sqlite3_column_int64(s->q, 1);
        return SEL_OK;
    }
    s->done = true;
    return step == SQLITE_DONE ? SEL_OK : sel_store_fail(c->st, ctx, step, "reading beads");
}

// Whether @p s can still give the rows from key (doc, first) on: it has passed none of them.
static bool stream_can_serve(const struct stream *s, int64_t doc, long first)
{
    return key_less(s->passed_doc, s->passed_number, doc, first);
}

static int side_add(sel_bead_cursor *c, sel_ctx *ctx, struct side *side, sqlite3_stmt *q)
{
    if (side->n == side->cap) {
        size_t cap = side->cap ? side->cap * 2 : 8;
        struct sel_bead_sentence *grown = realloc(side->s, cap * sizeof(*grown));
        if (!grown)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        side->s = grown;
        side->cap = cap;
    }
    size_t len = (size_t)sqlite3_column_bytes(q, 4);
    const char *text = store_text(q, 4);
    char *copy = sel_arena_strndup(&c->strings, text ? text : "", text ? len : 0);
    if (!copy)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    side->s[side->n++] = (struct sel_bead_sentence){ sqlite3_column_int64(q, 2), (long)sqlite3_column_int64(q, 1),
                                                     (long)sqlite3_column_int64(q, 3), copy, text ? len : 0,
                                                     sqlite3_column_int(q, 5) != 0 };
    return SEL_OK;
}

// Sentences [first, first + count) of (the translation of) source document @p doc.
static int read_side(sel_bead_cursor *c, sel_ctx *ctx, struct side *side, struct stream *s, int64_t doc,
                     int64_t real_doc, long first, long count)
{
    side->n = 0;
    if (count <= 0)
        return SEL_OK;
    long last = first + count - 1;
    int rc = SEL_OK;
    if (stream_can_serve(s, doc, first)) {
        while (rc == SEL_OK && s->row && key_less(s->doc, s->number, doc, first))
            rc = stream_step(c, ctx, s);
        while (rc == SEL_OK && s->row && s->doc == doc && s->number <= last) {
            rc = side_add(c, ctx, side, s->q);
            if (rc == SEL_OK)
                rc = stream_step(c, ctx, s);
        }
        return rc;
    }
    sqlite3_stmt *q = c->stmt[SENT_RANGE];
    sqlite3_bind_int64(q, 1, real_doc);
    sqlite3_bind_int64(q, 2, first);
    sqlite3_bind_int64(q, 3, last);
    int step = SQLITE_DONE;
    while (rc == SEL_OK && (step = sqlite3_step(q)) == SQLITE_ROW)
        rc = side_add(c, ctx, side, q);
    if (rc == SEL_OK && step != SQLITE_DONE)
        rc = sel_store_fail(c->st, ctx, step, "reading sentences");
    sqlite3_reset(q);
    return rc;
}

static int term_add(sel_bead_cursor *c, sel_ctx *ctx, sqlite3_stmt *q, size_t sentence)
{
    if (c->n_terms == c->cap_terms) {
        size_t cap = c->cap_terms ? c->cap_terms * 2 : 16;
        struct sel_bead_term *grown = realloc(c->terms, cap * sizeof(*grown));
        if (!grown)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        c->terms = grown;
        c->cap_terms = cap;
    }
    const char *concept = store_text(q, 2), *surface = store_text(q, 5), *target = store_text(q, 6);
    struct sel_bead_term t = { sentence, sel_arena_strndup(&c->strings, concept, strlen(concept)),
                               (long)sqlite3_column_int64(q, 3), (long)sqlite3_column_int64(q, 4),
                               sel_arena_strndup(&c->strings, surface ? surface : "", surface ? strlen(surface) : 0),
                               target ? sel_arena_strndup(&c->strings, target, strlen(target)) : NULL };
    if (!t.concept_id || !t.surface || (target && !t.target))
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    // by position in the sentence (stable: the order of storing breaks ties), as they come
    size_t i = c->n_terms++;
    while (i > 0 && c->terms[i - 1].sentence == sentence && c->terms[i - 1].start > t.start) {
        c->terms[i] = c->terms[i - 1];
        i--;
    }
    c->terms[i] = t;
    return SEL_OK;
}

// The index of sentence @p number among the bead's source sentences, or -1.
static long source_index(const struct side *side, long number)
{
    for (size_t i = 0; i < side->n; i++)
        if (side->s[i].number == number)
            return (long)i;
    return -1;
}

// The term occurrences of the bead's source sentences [first, first + count).
static int read_terms(sel_bead_cursor *c, sel_ctx *ctx, int64_t doc, long first, long count)
{
    c->n_terms = 0;
    const struct side *side = &c->sides[0];
    if (side->n == 0)
        return SEL_OK;
    int rc = SEL_OK;
    struct stream *s = &c->occs;
    if (stream_can_serve(s, doc, first)) {
        long last = first + count - 1;
        while (rc == SEL_OK && s->row && key_less(s->doc, s->number, doc, first))
            rc = stream_step(c, ctx, s);
        while (rc == SEL_OK && s->row && s->doc == doc && s->number <= last) {
            long i = source_index(side, s->number);
            if (i >= 0)
                rc = term_add(c, ctx, s->q, (size_t)i);
            if (rc == SEL_OK)
                rc = stream_step(c, ctx, s);
        }
        return rc;
    }
    sqlite3_stmt *q = c->stmt[TERMS_OF_SENTENCE];
    for (size_t i = 0; rc == SEL_OK && i < side->n; i++) {
        sqlite3_bind_int64(q, 1, side->s[i].id);
        int step = SQLITE_DONE;
        while (rc == SEL_OK && (step = sqlite3_step(q)) == SQLITE_ROW)
            rc = term_add(c, ctx, q, i);
        if (rc == SEL_OK && step != SQLITE_DONE)
            rc = sel_store_fail(c->st, ctx, step, "reading term occurrences");
        sqlite3_reset(q);
    }
    return rc;
}

int sel_bead_cursor_open(sel_bead_cursor **out, sel_ctx *ctx, sel_store *st, bool terms)
{
    SEL_CHECK_ARG(out && st, SEL_EINVAL);
    *out = NULL;
    sel_bead_cursor *c = calloc(1, sizeof(*c));
    if (!c)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    c->st = st;
    c->terms_wanted = terms;
    // Each page is read once in order: a large page cache (the store asks for 64 MB, good for
    // ingest) would only make the peak memory depend on the database size. Restored at the end.
    sqlite3_stmt *pragma = NULL;
    if (sqlite3_prepare_v2(st->db, "PRAGMA cache_size", -1, &pragma, NULL) == SQLITE_OK &&
        sqlite3_step(pragma) == SQLITE_ROW)
        c->old_cache = (long)sqlite3_column_int64(pragma, 0);
    sqlite3_finalize(pragma);
    int rc = store_exec(st, ctx, "PRAGMA cache_size = -4096", "configuring the database");
    // one read transaction: a consistent snapshot while an ingest may be writing
    if (rc == SEL_OK && (rc = sel_store_begin_read(st, ctx)) == SEL_OK)
        c->reading = true;
    if (rc == SEL_OK)
        rc = store_prepare_all(st, ctx, sql, c->stmt, N_STMTS);
    c->src.q = c->stmt[SRC];
    c->tgt.q = c->stmt[TGT];
    c->occs.q = c->stmt[TERMS];
    struct stream *streams[3] = { &c->src, &c->tgt, &c->occs };
    for (int i = 0; rc == SEL_OK && i < (terms ? 3 : 2); i++) {
        streams[i]->passed_doc = INT64_MIN;
        rc = stream_step(c, ctx, streams[i]);
    }
    if (rc != SEL_OK) {
        sel_bead_cursor_close(c);
        return rc;
    }
    *out = c;
    return SEL_OK;
}

int sel_bead_cursor_next(sel_bead_cursor *c, sel_ctx *ctx, const struct sel_bead_view **bead)
{
    SEL_CHECK_ARG(c && bead, SEL_EINVAL);
    *bead = NULL;
    sqlite3_stmt *q = c->stmt[BEADS];
    int step = sqlite3_step(q);
    if (step == SQLITE_DONE)
        return SEL_OK;
    if (step != SQLITE_ROW)
        return sel_store_fail(c->st, ctx, step, "reading beads");
    sel_arena_finish(&c->strings);
    struct sel_bead_view *v = &c->view;
    *v = (struct sel_bead_view){
        .document = sqlite3_column_int64(q, 0),
        .number = (long)sqlite3_column_int64(q, 1),
        .src_first = (long)sqlite3_column_int64(q, 2),
        .src_count = (long)sqlite3_column_int64(q, 3),
        .tgt_first = (long)sqlite3_column_int64(q, 4),
        .tgt_count = (long)sqlite3_column_int64(q, 5),
        .score = sqlite3_column_double(q, 6),
        .translation = sqlite3_column_int64(q, 7),
    };
    if (sqlite3_column_type(q, 2) == SQLITE_NULL)
        v->src_count = 0;
    if (sqlite3_column_type(q, 4) == SQLITE_NULL || sqlite3_column_type(q, 7) == SQLITE_NULL)
        v->tgt_count = 0;
    int rc = read_side(c, ctx, &c->sides[0], &c->src, v->document, v->document, v->src_first, v->src_count);
    if (rc == SEL_OK)
        rc = read_side(c, ctx, &c->sides[1], &c->tgt, v->document, v->translation, v->tgt_first, v->tgt_count);
    c->n_terms = 0;
    if (rc == SEL_OK && c->terms_wanted)
        rc = read_terms(c, ctx, v->document, v->src_first, v->src_count);
    if (rc != SEL_OK)
        return rc;
    v->src = c->sides[0].s;
    v->n_src = c->sides[0].n;
    v->tgt = c->sides[1].s;
    v->n_tgt = c->sides[1].n;
    v->terms = c->terms;
    v->n_terms = c->n_terms;
    *bead = v;
    return SEL_OK;
}

void sel_bead_cursor_close(sel_bead_cursor *c)
{
    if (!c)
        return;
    for (int i = 0; i < N_STMTS; i++)
        sqlite3_finalize(c->stmt[i]);
    if (c->reading)
        sqlite3_exec(c->st->db, "COMMIT", NULL, NULL, NULL);
    if (c->old_cache) {
        char restore[64]; // PRAGMA takes no parameters; this is the number SQLite gave us
        snprintf(restore, sizeof(restore), "PRAGMA cache_size = %ld", c->old_cache);
        sqlite3_exec(c->st->db, restore, NULL, NULL, NULL);
    }
    free(c->sides[0].s);
    free(c->sides[1].s);
    free(c->terms);
    sel_arena_finish(&c->strings);
    free(c);
}
