// SPDX-License-Identifier: MIT
// The beads for parallel export, with their sentences and term occurrences. A query per bead
// (and one per sentence for its terms) made JSONL export three times slower than TMX; here the
// beads, the sentences of both sides and the occurrences are four cursors in the same order,
// (source document, sentence number), walked side by side as a merge. A bead that asks for
// sentences a cursor has already passed (overlapping or unordered beads in a hand-made database)
// is served by a query of its own, so the answer never depends on the order.
#include "src/store/store_internal.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(SEL_OCCURRENCE_ID_SHIFT == 24, "occurrence ids: update the SQL of beads.c");

enum { BEADS, SRC, TGT, TERMS, SENT_RANGE, TERMS_OF_SENTENCE, CONCEPT_NAME, N_STMTS };

// The documents that have beads (source documents); their translation is the first one stored.
#define SOURCE_DOCS " WHERE EXISTS (SELECT 1 FROM bead b WHERE b.document_id = d.id)"
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
    // rows: key document, number, then the concept's row (named from a cache: concept_name()),
    // start, end, no surface (cut in term_add() from the sentence already read: the sentence is
    // found in its index alone, its text not read again), target
    [TERMS] = "SELECT d.id, s.number, m.concept, m.start, m.end, NULL, " CONFIRMED_TARGET
              " FROM document d CROSS JOIN sentence s ON s.document_id = d.id"
              " CROSS JOIN mention m ON m.id >= s.id << 24 AND m.id < (s.id + 1) << 24" SOURCE_DOCS
              " ORDER BY d.id, s.number, m.id",
    // the same rows for one range or one sentence, when the cursors cannot serve a bead
    [SENT_RANGE] = "SELECT s.document_id, s.number, s.id, s.start, s.text, s.boilerplate IS NOT NULL FROM sentence s"
                   " WHERE s.document_id = ?1 AND s.number BETWEEN ?2 AND ?3 ORDER BY s.number",
    [TERMS_OF_SENTENCE] = "SELECT s.document_id, s.number, c.name, m.start, m.end, " SURFACE ", " CONFIRMED_TARGET
                          " FROM sentence s JOIN mention m ON m.id >= s.id << 24 AND m.id < (s.id + 1) << 24"
                          " JOIN concept c ON c.id = m.concept WHERE s.id = ?1 ORDER BY m.id",
    [CONCEPT_NAME] = "SELECT name FROM concept WHERE id = ?1",
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
    // The current bead's texts, one after the other, each NUL-terminated: kept from bead to bead
    // (a fresh allocation per bead was a tenth of an export). While a bead is read, the
    // sentences and terms hold offsets into it, made pointers when the bead is complete.
    char *strings;
    size_t strings_len, strings_cap;
    // concept names by row id: there are a few thousand concepts for tens of thousands of
    // occurrences, and a lookup of each occurrence's concept row was a fifth of reading terms
    char **concept_names;
    size_t n_concept_names;
    char *uncached;           // the last name looked up beyond MAX_CACHED_CONCEPT
    struct sel_bead_view view;
    long old_cache;           // the page cache size to restore
    bool reading;             // the read transaction is open
};

// Appends @p len bytes of @p text and a NUL to the bead's strings; *at is where they start.
static int keep(sel_bead_cursor *c, sel_ctx *ctx, const char *text, size_t len, size_t *at)
{
    if (c->strings_len + len + 1 > c->strings_cap) {
        size_t cap = c->strings_cap ? c->strings_cap : 4096;
        while (cap < c->strings_len + len + 1)
            cap *= 2;
        char *grown = realloc(c->strings, cap);
        if (!grown)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        c->strings = grown;
        c->strings_cap = cap;
    }
    *at = c->strings_len;
    if (len && text)
        memcpy(c->strings + c->strings_len, text, len);
    c->strings[c->strings_len + len] = '\0';
    c->strings_len += len + 1;
    return SEL_OK;
}

// Offsets kept in pointer fields until the bead is complete (see struct sel_bead_cursor).
#define AS_OFFSET(at) ((const char *)(uintptr_t)(at))
#define RESOLVE(c, p) ((c)->strings + (uintptr_t)(p))

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
    const char *text = store_text(q, 4);
    size_t len = text ? (size_t)sqlite3_column_bytes(q, 4) : 0, at = 0;
    int rc = keep(c, ctx, text, len, &at);
    if (rc != SEL_OK)
        return rc;
    side->s[side->n++] = (struct sel_bead_sentence){ sqlite3_column_int64(q, 2), (long)sqlite3_column_int64(q, 1),
                                                     (long)sqlite3_column_int64(q, 3), AS_OFFSET(at), len,
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
        if (rc != SEL_OK || side->n == (size_t)count)
            return rc;
        side->n = 0; // sentences missing from the cursor: ask for the range, which says what there is
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

enum { MAX_CACHED_CONCEPT = 1 << 22 }; // rows are numbered densely from 1; beyond this, not cached

// The name of concept row @p row (borrowed until the next call), or NULL if there is none.
static int concept_name(sel_bead_cursor *c, sel_ctx *ctx, int64_t row, const char **name)
{
    *name = row > 0 && (size_t)row < c->n_concept_names ? c->concept_names[row] : NULL;
    if (*name)
        return SEL_OK;
    sqlite3_stmt *q = c->stmt[CONCEPT_NAME];
    sqlite3_bind_int64(q, 1, row);
    int step = sqlite3_step(q), rc = SEL_OK;
    const char *found = step == SQLITE_ROW ? store_text(q, 0) : NULL;
    char *copy = found ? strdup(found) : NULL;
    sqlite3_reset(q);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return sel_store_fail(c->st, ctx, step, "reading concepts");
    if (found && !copy)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (copy && row > 0 && row < MAX_CACHED_CONCEPT) {
        if ((size_t)row >= c->n_concept_names) {
            size_t n = c->n_concept_names ? c->n_concept_names : 1024;
            while (n <= (size_t)row)
                n *= 2;
            char **grown = realloc(c->concept_names, n * sizeof(*grown));
            if (!grown) {
                free(copy);
                return sel_error(ctx, SEL_ENOMEM, "out of memory");
            }
            memset(grown + c->n_concept_names, 0, (n - c->n_concept_names) * sizeof(*grown));
            c->concept_names = grown;
            c->n_concept_names = n;
        }
        c->concept_names[row] = copy;
        *name = copy;
    } else if (copy) {
        // not cached: kept with the bead's strings by the caller before the next call
        free(c->uncached);
        c->uncached = copy;
        *name = copy;
    }
    return rc;
}

// What the view `occurrence` gives as the surface of an occurrence at bytes [start, end) of the
// document in a sentence starting at byte @p at: SQLite's substr() over the sentence's bytes,
// CAST(substr(CAST(text AS BLOB), start - at + 1, end - start) AS TEXT), with its rules for
// positions outside the text (which only a hand-made database has). Sets [*from, *from + *n).
static void surface_span(long at, size_t len, long start, long end, size_t *from, size_t *n)
{
    long long p1 = (long long)start - at + 1, p2 = (long long)end - start, l = (long long)len;
    bool neg = p2 < 0;
    if (neg)
        p2 = -p2;
    if (p1 < 0) {
        p1 += l;
        if (p1 < 0) {
            p2 += p1;
            if (p2 < 0)
                p2 = 0;
            p1 = 0;
        }
    } else if (p1 > 0) {
        p1--;
    } else if (p2 > 0) {
        p2--;
    }
    if (neg) {
        p1 -= p2;
        if (p1 < 0) {
            p2 += p1;
            p1 = 0;
        }
    }
    if (p1 + p2 > l) {
        p2 = l - p1;
        if (p2 < 0)
            p2 = 0;
    }
    *from = p1 > l ? len : (size_t)p1;
    *n = (size_t)p2;
}

// Adds the occurrence of row @p q to the bead's terms; @p sentence indexes its source sentences.
// The cursor's rows have no surface (column 5 NULL): it is cut here from the sentence already
// read, as the view would cut it.
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
    const char *concept = NULL, *surface = store_text(q, 5), *target = store_text(q, 6);
    size_t concept_at = 0, surface_at = 0, target_at = 0;
    int rc = SEL_OK;
    if (sqlite3_column_type(q, 2) == SQLITE_INTEGER) { // the cursor's rows: a concept row
        rc = concept_name(c, ctx, sqlite3_column_int64(q, 2), &concept);
        if (rc == SEL_OK && !concept)
            return SEL_OK; // an occurrence of no concept: the view, a join, would not show it
    } else {
        concept = store_text(q, 2);
    }
    if (rc == SEL_OK)
        rc = keep(c, ctx, concept, concept ? strlen(concept) : 0, &concept_at);
    if (rc == SEL_OK && sqlite3_column_type(q, 5) == SQLITE_NULL) {
        // the sentence's text is in the strings already: the offset it was kept at, not yet a pointer
        const struct sel_bead_sentence *st = &c->sides[0].s[sentence];
        size_t from = 0, n = 0;
        surface_span(st->start, st->len, (long)sqlite3_column_int64(q, 3), (long)sqlite3_column_int64(q, 4), &from, &n);
        rc = keep(c, ctx, NULL, n, &surface_at);
        if (rc == SEL_OK) {
            memcpy(c->strings + surface_at, c->strings + (uintptr_t)st->text + from, n);
            // a NUL inside stops the string, as sqlite3_column_text() would
            c->strings[surface_at + strnlen(c->strings + surface_at, n)] = '\0';
        }
    } else if (rc == SEL_OK) {
        rc = keep(c, ctx, surface, surface ? (size_t)sqlite3_column_bytes(q, 5) : 0, &surface_at);
    }
    if (rc == SEL_OK && target)
        rc = keep(c, ctx, target, (size_t)sqlite3_column_bytes(q, 6), &target_at);
    if (rc != SEL_OK)
        return rc;
    struct sel_bead_term t = { sentence, AS_OFFSET(concept_at), (long)sqlite3_column_int64(q, 3),
                               (long)sqlite3_column_int64(q, 4), AS_OFFSET(surface_at),
                               target ? AS_OFFSET(target_at) : NULL };
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
    c->strings_len = 0;
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
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < c->sides[k].n; i++)
            c->sides[k].s[i].text = RESOLVE(c, c->sides[k].s[i].text);
    for (size_t i = 0; i < c->n_terms; i++) {
        struct sel_bead_term *t = &c->terms[i];
        t->concept_id = RESOLVE(c, t->concept_id);
        t->surface = RESOLVE(c, t->surface);
        t->target = t->target ? RESOLVE(c, t->target) : NULL;
    }
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
    free(c->strings);
    for (size_t i = 0; i < c->n_concept_names; i++)
        free(c->concept_names[i]);
    free(c->concept_names);
    free(c->uncached);
    free(c);
}
