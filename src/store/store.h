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

/* ---- Ingesting documents -------------------------------------------------------------------- */

struct sel_termbase;

/** What one ingest did. */
struct sel_ingest_report {
    bool unchanged;        ///< identical content was already stored: nothing changed
    bool replaced;         ///< an older version of the same file was replaced
    int64_t document_id;   ///< the stored (or already present) document
    size_t sentences, boilerplate, occurrences;
    size_t beads, confirmed, unconfirmed; ///< with a translation
    double pipeline_seconds;  ///< reading, segmenting, tagging and aligning, outside the transaction
    double storage_seconds;   ///< writing rows, holding the write lock (waiting for it included)
};

/** Runs the pipeline for documents of one language and stores the results. Not thread-safe. */
typedef struct sel_ingester sel_ingester;

/**
 * Prepares ingestion of @p lang documents into @p st, tagging with @p tb (both borrowed).
 * Translations are in English; the aligner and the English tagger are made on first use.
 */
int sel_ingester_new(sel_ingester **out, sel_ctx *ctx, sel_store *st, const struct sel_termbase *tb, const char *lang);
/** Commits what a batch holds (see sel_ingester_batch()) and frees the ingester. */
void sel_ingester_free(sel_ingester *ing);

/**
 * Batch mode, for many documents: each document is a savepoint in a transaction committed every
 * few hundred documents or every second. Each document is still whole or absent; a crash loses
 * at most the last second of work. Call sel_ingester_flush() at the end.
 */
void sel_ingester_batch(sel_ingester *ing, bool on);
/** Commits the open batch, if any. */
int sel_ingester_flush(sel_ingester *ing, sel_ctx *ctx);
/**
 * How many documents sel_ingest() reported stored were rolled back afterwards with their
 * batch (a full disk, an I/O error): they are not in the database.
 */
size_t sel_ingester_lost(const sel_ingester *ing);

/**
 * Stores the document at @p path (and, if @p translation is not NULL, its translation, the
 * sentence alignment and which term equivalents the translation confirms) in one transaction:
 * whole or not at all. Identical content already stored changes nothing; a changed file replaces
 * its old version.
 */
int sel_ingest(sel_ingester *ing, sel_ctx *ctx, const char *path, const char *translation, const char *title,
               struct sel_ingest_report *report);

/** A translation unit: a source segment and its translation, one line each (UTF-8, not blank). */
struct sel_segment_pair {
    const char *src;
    const char *tgt;
};

/**
 * Stores a translation memory read from @p path (a TMX file, say) as sel_ingest() stores a
 * document with its translation: the source segments become a document of one line per unit,
 * the targets its translation, and each unit one bead (the memory's alignment is kept, not
 * redone), with the term confirmations. Identity covers both sides: changed translations make
 * a changed file, which replaces the old version. Whole or not at all, in batch mode too.
 */
int sel_ingest_pairs(sel_ingester *ing, sel_ctx *ctx, const char *path, const char *title,
                     const struct sel_segment_pair *pairs, size_t n, struct sel_ingest_report *report);

#endif
