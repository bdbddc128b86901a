// SPDX-License-Identifier: MIT
// What a glossary asks of the corpus: how often each concept occurs and its first occurrence,
// which equivalents aligned translations confirmed, and the surface forms seen.
#include "src/store/store_internal.h"

// Counts and confirmations read table mention: they need no surface, so not the view
// occurrence, which looks up every occurrence's sentence. Only source documents have
// occurrences (ingest stores none for a translation). The first occurrence's sentence is then
// looked up once per concept (a concept is counted even if that sentence were missing).
static const char SQL_COUNTS[] =
    "SELECT k.name, k.n, m.term, s.text, d.path, s.number FROM"
    " (SELECT c.name AS name, count(*) AS n, min(m.id) AS first FROM mention m JOIN concept c ON c.id = m.concept"
    "  GROUP BY m.concept HAVING count(*) >= ?1) k"
    " JOIN mention m ON m.id = k.first LEFT JOIN sentence s ON s.id = k.first >> 24"
    " LEFT JOIN document d ON d.id = s.document_id";
static const char SQL_CONFIRMED[] =
    "SELECT c.name, f.target, count(*) FROM confirmation f JOIN mention m ON m.id = f.occurrence_id"
    " JOIN concept c ON c.id = m.concept WHERE f.status = 'confirmed' GROUP BY m.concept, f.target";
// The same for one concept: its mentions by the index on mention(concept), each one's
// confirmations by the confirmation table's key, so the cost is that concept's, not the corpus's.
static const char SQL_CONFIRMED_ONE[] =
    "SELECT ?1, f.target, count(*) FROM mention m JOIN confirmation f ON f.occurrence_id = m.id"
    " WHERE m.concept = (SELECT id FROM concept WHERE name = ?1) AND f.status = 'confirmed' GROUP BY f.target";
static const char SQL_FORMS[] =
    "SELECT concept_id, surface, count(*) AS n FROM occurrence GROUP BY concept_id, surface"
    " ORDER BY concept_id, n DESC, surface";

_Static_assert(SEL_OCCURRENCE_ID_SHIFT == 24, "occurrence ids: update SQL_COUNTS");

int sel_store_concept_counts(sel_store *st, sel_ctx *ctx, long min_count, sel_concept_count_fn emit, void *user)
{
    SEL_CHECK_ARG(st && emit, SEL_EINVAL);
    sqlite3_stmt *q = NULL;
    int rc = store_prepare(st, ctx, SQL_COUNTS, &q);
    if (rc != SEL_OK)
        return rc;
    sqlite3_bind_int64(q, 1, min_count);
    int step = SQLITE_DONE;
    while (rc == SEL_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
        struct sel_concept_count c = { store_text(q, 0), (long)sqlite3_column_int64(q, 1), store_text(q, 2),
                                       store_text(q, 3), store_text(q, 4), (long)sqlite3_column_int64(q, 5) };
        rc = emit(user, &c);
    }
    if (rc == SEL_OK && step != SQLITE_DONE)
        rc = sel_store_fail(st, ctx, step, "reading occurrences");
    sqlite3_finalize(q);
    return rc;
}

// Runs @p sql (with @p concept_id bound to ?1 when not NULL) and emits its (concept, string, count) rows.
static int concept_strings(sel_store *st, sel_ctx *ctx, const char *sql, const char *concept_id, const char *what,
                           sel_concept_string_fn emit, void *user)
{
    SEL_CHECK_ARG(st && emit, SEL_EINVAL);
    sqlite3_stmt *q = NULL;
    int rc = store_prepare(st, ctx, sql, &q);
    if (rc != SEL_OK)
        return rc;
    if (concept_id)
        sqlite3_bind_text(q, 1, concept_id, -1, SQLITE_STATIC);
    int step = SQLITE_DONE;
    while (rc == SEL_OK && (step = sqlite3_step(q)) == SQLITE_ROW)
        rc = emit(user, store_text(q, 0), store_text(q, 1), (long)sqlite3_column_int64(q, 2));
    if (rc == SEL_OK && step != SQLITE_DONE)
        rc = sel_store_fail(st, ctx, step, what);
    sqlite3_finalize(q);
    return rc;
}

int sel_store_confirmed_targets(sel_store *st, sel_ctx *ctx, sel_concept_string_fn emit, void *user)
{
    return concept_strings(st, ctx, SQL_CONFIRMED, NULL, "reading confirmations", emit, user);
}

// A database of documents without translations has no confirmation at all; asking that first
// spares walking every mention of a frequent concept for nothing (about a millisecond for each
// concept lookup shows, on 1.7 million mentions).
static const char SQL_ANY_CONFIRMATION[] = "SELECT EXISTS (SELECT 1 FROM confirmation)";

int sel_store_concept_confirmed(sel_store *st, sel_ctx *ctx, const char *concept_id, sel_concept_string_fn emit,
                                void *user)
{
    SEL_CHECK_ARG(st && concept_id, SEL_EINVAL);
    bool some;
    int rc = store_ask(st, ctx, SQL_ANY_CONFIRMATION, "reading a concept's confirmations", &some);
    if (rc != SEL_OK || !some)
        return rc;
    return concept_strings(st, ctx, SQL_CONFIRMED_ONE, concept_id, "reading a concept's confirmations", emit, user);
}

int sel_store_concept_forms(sel_store *st, sel_ctx *ctx, sel_concept_string_fn emit, void *user)
{
    return concept_strings(st, ctx, SQL_FORMS, NULL, "reading term forms", emit, user);
}
