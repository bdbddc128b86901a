// SPDX-License-Identifier: MIT
// The concordance's questions: the sentences where a concept occurs, the sentences holding a
// phrase (full-text index), and the translation aligned with a sentence.
#include "src/store/store_internal.h"

#include <stdlib.h>
#include <string.h>

enum { BY_CONCEPT, FULL_TEXT, BEAD, TARGET, N_STMTS };

static const char *const sql[N_STMTS] = {
    [BY_CONCEPT] = ("SELECT o.start - s.start, o.end - s.start, s.text, d.path, s.number, d.id FROM occurrence o "
                   "JOIN sentence s ON s.id = o.sentence_id JOIN document d ON d.id = s.document_id "
                   "WHERE o.concept_id = ?1 AND d.lang = ?2 ORDER BY d.id, s.number, o.start"),
    [FULL_TEXT] = ("SELECT -1, -1, s.text, d.path, s.number, d.id FROM sentence_fts f JOIN sentence s ON s.id = f.rowid "
                  "JOIN document d ON d.id = s.document_id WHERE sentence_fts MATCH ?1 AND d.lang = ?2 "
                  "AND s.boilerplate IS NULL ORDER BY d.id, s.number"),
    // the beads of one document, read once: searching them for each sentence found (src_first
    // has no index) made a concordance over one large aligned document quadratic
    [BEAD] = ("SELECT b.src_first, b.src_count, t.id, b.tgt_first, b.tgt_count FROM bead b "
             "JOIN document t ON t.translation_of = b.document_id "
             "WHERE b.document_id = ?1 AND b.src_count > 0 ORDER BY b.src_first, t.id"),
    [TARGET] = ("SELECT text FROM sentence WHERE document_id = ?1 AND number BETWEEN ?2 AND ?3 ORDER BY number"),
};

// A bead with source sentences: src_first .. src_first + src_count - 1 of the document are
// aligned with tgt_first .. tgt_first + tgt_count - 1 of translation tgt_doc.
struct span {
    int64_t src_first, src_count, tgt_doc, tgt_first, tgt_count;
};

struct sel_concordance {
    sel_store *st;
    sqlite3_stmt *stmt[N_STMTS];
    int64_t document;   // whose beads are in spans (0: none yet; ids start at 1)
    struct span *spans; // in order of src_first
    size_t n_spans, cap_spans;
};

int sel_concordance_new(sel_concordance **out, sel_ctx *ctx, sel_store *st)
{
    SEL_CHECK_ARG(out && st, SEL_EINVAL);
    *out = NULL;
    sel_concordance *c = calloc(1, sizeof(*c));
    if (!c)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    c->st = st;
    int rc = store_prepare_all(st, ctx, sql, c->stmt, N_STMTS);
    if (rc != SEL_OK) {
        free(c);
        return rc;
    }
    *out = c;
    return SEL_OK;
}

void sel_concordance_free(sel_concordance *c)
{
    if (!c)
        return;
    for (int i = 0; i < N_STMTS; i++)
        sqlite3_finalize(c->stmt[i]);
    free(c->spans);
    free(c);
}

// Emits the rows (start, end, text, path, number, doc) of @p q, then resets it.
static int emit_rows(sel_concordance *c, sel_ctx *ctx, sqlite3_stmt *q, sel_conc_fn emit, void *user)
{
    int step = SQLITE_DONE;
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        struct sel_conc_row row = { store_text(q, 2), (long)sqlite3_column_int64(q, 0),
                                    (long)sqlite3_column_int64(q, 1), store_text(q, 3),
                                    (long)sqlite3_column_int64(q, 4), sqlite3_column_int64(q, 5) };
        if (!emit(user, &row)) {
            step = SQLITE_DONE;
            break;
        }
    }
    int rc = step == SQLITE_DONE ? SEL_OK : sel_store_fail(c->st, ctx, step, "reading sentences");
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc;
}

int sel_concordance_concept(sel_concordance *c, sel_ctx *ctx, const char *concept_id, const char *lang,
                            sel_conc_fn emit, void *user)
{
    SEL_CHECK_ARG(c && concept_id && lang && emit, SEL_EINVAL);
    sqlite3_stmt *q = c->stmt[BY_CONCEPT];
    sqlite3_bind_text(q, 1, concept_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, lang, -1, SQLITE_STATIC);
    return emit_rows(c, ctx, q, emit, user);
}

int sel_concordance_words(sel_concordance *c, sel_ctx *ctx, const char *words, const char *lang, sel_conc_fn emit,
                          void *user)
{
    SEL_CHECK_ARG(c && words && lang && emit, SEL_EINVAL);
    int rc = sel_store_fts_catch_up(c->st, ctx);
    if (rc != SEL_OK)
        return rc;
    // the words as one FTS5 phrase: in double quotes, a quote doubled; sized to the words, so a
    // long phrase is searched whole, never cut inside a character
    char *phrase = malloc(strlen(words) * 2 + 3);
    if (!phrase)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    size_t w = 0;
    phrase[w++] = '"';
    for (const char *p = words; *p; p++) {
        if (*p == '"')
            phrase[w++] = '"';
        phrase[w++] = *p;
    }
    phrase[w++] = '"';
    phrase[w] = '\0';
    sqlite3_stmt *q = c->stmt[FULL_TEXT];
    sqlite3_bind_text(q, 1, phrase, -1, SQLITE_TRANSIENT);
    free(phrase);
    sqlite3_bind_text(q, 2, lang, -1, SQLITE_STATIC);
    return emit_rows(c, ctx, q, emit, user);
}

// Reads the beads of @p document into c->spans, unless they are there already.
static int load_spans(sel_concordance *c, sel_ctx *ctx, int64_t document)
{
    if (c->document == document)
        return SEL_OK;
    c->document = 0;
    c->n_spans = 0;
    sqlite3_stmt *b = c->stmt[BEAD];
    sqlite3_bind_int64(b, 1, document);
    int step, rc = SEL_OK;
    while ((step = sqlite3_step(b)) == SQLITE_ROW) {
        if (SEL_ARRAY_RESERVE(c->spans, c->cap_spans, c->n_spans + 1) != SEL_OK) {
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
            break;
        }
        c->spans[c->n_spans++] = (struct span){ sqlite3_column_int64(b, 0), sqlite3_column_int64(b, 1),
                                                sqlite3_column_int64(b, 2), sqlite3_column_int64(b, 3),
                                                sqlite3_column_int64(b, 4) };
    }
    if (rc == SEL_OK && step != SQLITE_DONE)
        rc = sel_store_fail(c->st, ctx, step, "reading the beads of a document");
    sqlite3_reset(b);
    sqlite3_clear_bindings(b);
    if (rc == SEL_OK)
        c->document = document;
    return rc;
}

// The first span holding source sentence @p number, or NULL.
static const struct span *find_span(const sel_concordance *c, long number)
{
    size_t lo = 0, hi = c->n_spans; // the first span starting after number is at lo
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->spans[mid].src_first <= number)
            lo = mid + 1;
        else
            hi = mid;
    }
    // spans do not overlap, but one bead may have several translations: go back to the first
    // span that starts where the one before number's place does
    if (lo == 0 || number >= c->spans[lo - 1].src_first + c->spans[lo - 1].src_count)
        return NULL;
    size_t k = lo - 1;
    while (k > 0 && c->spans[k - 1].src_first == c->spans[lo - 1].src_first)
        k--;
    return &c->spans[k];
}

int sel_concordance_aligned(sel_concordance *c, sel_ctx *ctx, int64_t document, long number, sel_text_fn emit,
                            void *user, size_t *n)
{
    SEL_CHECK_ARG(c && emit && n, SEL_EINVAL);
    *n = 0;
    int rc = load_spans(c, ctx, document);
    if (rc != SEL_OK)
        return rc;
    const struct span *sp = find_span(c, number);
    if (!sp || sp->tgt_count <= 0)
        return SEL_OK;
    sqlite3_stmt *t = c->stmt[TARGET];
    sqlite3_bind_int64(t, 1, sp->tgt_doc);
    sqlite3_bind_int64(t, 2, sp->tgt_first);
    sqlite3_bind_int64(t, 3, sp->tgt_first + sp->tgt_count - 1);
    int step;
    while ((step = sqlite3_step(t)) == SQLITE_ROW) {
        (*n)++;
        if (!emit(user, store_text(t, 0))) {
            step = SQLITE_DONE;
            break;
        }
    }
    if (step != SQLITE_DONE)
        rc = sel_store_fail(c->st, ctx, step, "reading the aligned translation");
    sqlite3_reset(t);
    sqlite3_clear_bindings(t);
    return rc;
}
