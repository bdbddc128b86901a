// SPDX-License-Identifier: MIT
/**
 * @file store.h
 * The SQLite database: documents, sentences, term occurrences, translations with their sentence
 * alignment and term confirmations, and the user's own termbase entries. The schema is in
 * src/store/schema.c and docs/architecture.md.
 *
 * Every change is made inside a transaction: a document is stored whole or not at all. The
 * database runs in WAL mode with a busy timeout, so readers answer while one writer works and
 * two writers take turns. Ownership as in core.h.
 */
#ifndef SEL_STORE_H
#define SEL_STORE_H

#include "src/core/core.h"

#include <sqlite3.h>
#include <stdint.h>

typedef struct sel_store sel_store;

/**
 * The database path to use: @p given if not NULL, else $SELARAS_DB, else
 * $XDG_DATA_HOME/selaras/selaras.db, else ~/.local/share/selaras/selaras.db. Newly allocated.
 */
char *sel_store_path(const char *given);

/**
 * Opens (with @p create, creating it and its folder) the database at @p path and brings its
 * schema up to date. Without @p create a missing database is SEL_ENOTFOUND.
 */
int sel_store_open(sel_store **out, sel_ctx *ctx, const char *path, bool create);
void sel_store_close(sel_store *st);
/** The SQLite handle, borrowed, for the queries of other modules (prepared statements only). */
sqlite3 *sel_store_db(sel_store *st);
/** The schema version the database is at. */
int sel_store_version(sel_store *st);

/** BEGIN IMMEDIATE: takes the write lock now, waiting for another writer if needed. */
int sel_store_begin(sel_store *st, sel_ctx *ctx);
int sel_store_commit(sel_store *st, sel_ctx *ctx);
/** Rolls back; safe to call when no transaction is open. */
void sel_store_rollback(sel_store *st);

/** A 128-bit content hash as 32 hex digits (two FNV-1a 64 variants), for document identity. */
void sel_store_content_hash(const char *data, size_t len, char out[33]);

/**
 * Prepares @p sql on @p st; on failure the message names the database and @p what.
 * Statements are finalised by the caller with sqlite3_finalize().
 */
int sel_store_prepare(sel_store *st, sel_ctx *ctx, const char *sql, sqlite3_stmt **out);
/** Steps a statement that returns no rows (SQLITE_DONE expected). */
int sel_store_exec_stmt(sel_store *st, sel_ctx *ctx, sqlite3_stmt *stmt);

/**
 * A term occurrence's id is its sentence's id shifted left by this, plus its ordinal in the
 * sentence: the occurrences of sentence S are the ids in [S << shift, (S + 1) << shift).
 */
#define SEL_OCCURRENCE_ID_SHIFT 24

/* ---- Questions to the database ------------------------------------------------------------- */

/** Receives an example sentence and its aligned translation (NULL if none); false stops. */
typedef bool (*sel_example_fn)(void *user, const char *sentence, const char *translation, const char *path,
                               long number);

/** Up to @p max sentences in which @p concept_id occurs, those with a translation first. */
int sel_store_examples(sel_store *st, sel_ctx *ctx, const char *concept_id, size_t max, sel_example_fn emit,
                       void *user);

/** The translation aligned with sentence @p sentence of document @p document, or "" if none. */
int sel_store_aligned_text(sel_store *st, sel_ctx *ctx, int64_t document, long sentence, char *out, size_t size);

/**
 * Brings the full-text index of sentences up to date (it is not kept as sentences are stored,
 * to make ingest cheaper; the first full-text query after an ingest pays for it). Takes the
 * write lock briefly when there is anything to add.
 */
int sel_store_fts_catch_up(sel_store *st, sel_ctx *ctx);

/** Receives a user termbase entry: its concept, subject, matching term, whether curated, targets. */
typedef bool (*sel_user_term_fn)(void *user, const char *concept_id, const char *subject, const char *term,
                                 bool curated, const char *targets);

/**
 * The user's entries (imported with `selaras lexicon import`) with a @p lang term equal to
 * @p text (ignoring ASCII case), curated first; @p to_lang terms joined by " | " as targets.
 */
int sel_store_user_lookup(sel_store *st, sel_ctx *ctx, const char *lang, const char *to_lang, const char *text,
                          sel_user_term_fn emit, void *user);

/* ---- Merging shard databases (src/store/merge.c) ------------------------------------------- */

/** What sel_store_merge() did. */
struct sel_merge_report {
    size_t shards;        ///< shards merged
    size_t documents;     ///< source documents copied (with their translations)
    size_t unchanged;     ///< source documents skipped: the same content was already there
    size_t replaced;      ///< of those copied, how many replaced an older version under the same path
    size_t sentences;     ///< sentences of the source documents copied
    size_t occurrences;   ///< term occurrences copied
    size_t user_entries;  ///< user termbase entries copied
    size_t user_replaced; ///< of those, how many replaced a different entry of the same concept id
};

/**
 * Merges the shard databases @p shards (built by `selaras ingest`, of this schema version; opened
 * read-only, never changed) into @p out, as if their documents had been ingested into one
 * database in one run, shard after shard: a document whose content is already there is skipped,
 * one whose path is there with other content replaces it, ids are renumbered in order of first
 * appearance, and the user's termbase entries are unioned. A new @p out is written under a
 * temporary name beside it and appears only when complete; an existing one is merged into in one
 * transaction. Nothing is written if a shard is not a selaras database of this version.
 */
int sel_store_merge(sel_ctx *ctx, const char *out, const char *const *shards, size_t n,
                    struct sel_merge_report *report);

#endif
