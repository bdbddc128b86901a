// SPDX-License-Identifier: MIT
/**
 * @file ingest.h
 * The ingest pipeline: reads a document (and its translation), segments, analyses and tags it,
 * aligns it with its translation and has the store write the result, one transaction per
 * document or per batch. This module owns the pipeline; src/store owns the database.
 * Ownership as in core.h.
 */
#ifndef SEL_INGEST_H
#define SEL_INGEST_H

#include "src/core/core.h"
#include "src/store/store.h"

#include <stdint.h>

struct sel_termbase;

/** What one ingest did. */
struct sel_ingest_report {
    bool unchanged;        ///< identical content was already stored: nothing changed
    bool replaced;         ///< an older version of the same file was replaced
    int64_t document_id;   ///< the stored (or already present) document
    size_t sentences, boilerplate, occurrences;
    size_t beads, confirmed, unconfirmed; ///< with a translation
    size_t units_skipped;  ///< translation memories: units with a side of spaces alone, left out
    double adequacy;       ///< with a translation: how much it looks like one (sel_align_adequacy(); 0.5 no verdict)
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
 * Batch mode, for many documents: documents share one transaction, committed every 2,000
 * documents or every 2 seconds (no savepoint per document: it cost a fifth of storage time).
 * A document that fails rolls its whole batch back; the documents stored since the last commit
 * are then counted lost (sel_ingester_lost()), and running the ingest again stores them. So each
 * document is whole or absent, and a crash loses at most the last batch. Call
 * sel_ingester_flush() at the end.
 */
void sel_ingester_batch(sel_ingester *ing, bool on);
/**
 * A regular text file of more than @p piece bytes, given without a translation, is read, analysed
 * and stored a piece of about @p piece bytes at a time (whole lines; see sel_text_stream), so that
 * memory stays flat however large it is. Such a document is one transaction of its own (an open
 * batch is committed before it), whole or not at all, and what it stores is what reading it whole
 * would. Its identity is read first, in a pass that only hashes, so an unchanged file is not
 * analysed again. 0: every document is read whole. The default is SEL_TEXT_PIECE.
 */
void sel_ingester_piece(sel_ingester *ing, size_t piece);
/** Commits the open batch, if any. */
int sel_ingester_flush(sel_ingester *ing, sel_ctx *ctx);
/**
 * How many documents sel_ingest() reported stored were rolled back afterwards with their
 * batch (a full disk, an I/O error): they are not in the database.
 */
size_t sel_ingester_lost(const sel_ingester *ing);
/** The sentences and term occurrences those lost documents held, to take off a summary. */
void sel_ingester_lost_totals(const sel_ingester *ing, size_t *sentences, size_t *occurrences);

/**
 * Stores the document at @p path (and, if @p translation is not NULL, its translation, the
 * sentence alignment and which term equivalents the translation confirms) in one transaction:
 * whole or not at all. Identical content already stored changes nothing; a changed file replaces
 * its old version.
 */
int sel_ingest(sel_ingester *ing, sel_ctx *ctx, const char *path, const char *translation, const char *title,
               struct sel_ingest_report *report);


/**
 * Stores a translation memory read from @p path (a TMX file, say) as sel_ingest() stores a
 * document with its translation: the source segments become a document of one line per unit,
 * the targets its translation, and each unit one bead (the memory's alignment is kept, not
 * redone), with the term confirmations. Identity covers both sides: changed translations make
 * a changed file, which replaces the old version. Whole or not at all, in batch mode too.
 */
int sel_ingest_pairs(sel_ingester *ing, sel_ctx *ctx, const char *path, const char *title,
                     const struct sel_segment_pair *pairs, size_t n, struct sel_ingest_report *report);

/** What a retag did: the source documents tagged again and what they now hold. */
struct sel_retag_report {
    size_t documents, sentences, occurrences;
    size_t confirmed, unconfirmed; ///< occurrences in documents with a translation
};

/**
 * Tags every stored source document again with the ingester's termbase (the one it was made
 * with: bundled and user terms), replacing its term occurrences, and recomputes their
 * confirmations from the stored alignment and translation as sel_ingest() computes them; all in
 * one transaction, whole or not at all. Run after the termbase changed (a term added, deprecated
 * or removed). Retagging twice with the same termbase changes nothing.
 */
int sel_ingester_retag(sel_ingester *ing, sel_ctx *ctx, struct sel_retag_report *report);
/**
 * The same inside the caller's transaction (sel_store_begin()), so that a change to the user's
 * termbase and the retag it calls for are committed together; on failure the caller rolls back.
 */
int sel_ingester_retag_in(sel_ingester *ing, sel_ctx *ctx, struct sel_retag_report *report);

/** One input of sel_ingest_many(). */
struct sel_ingest_item {
    const char *path;         ///< a text document ("-": standard input), or a translation memory
    const char *translation;  ///< the document's translation (a text file), or NULL
    bool memory;              ///< a translation memory: its units come from load_units()
};

/** What sel_ingest_many() asks of its caller. */
struct sel_ingest_calls {
    /**
     * Reads the units of translation memory @p index (items[index].memory) into *pairs, *n; runs on
     * a worker thread, once per such item. The units must stay valid until release() is called.
     */
    int (*load_units)(void *user, sel_ctx *ctx, size_t index, const struct sel_segment_pair **pairs, size_t *n);
    /** Frees what load_units() read for @p index (on the same worker thread, once analysed). May be NULL. */
    void (*release)(void *user, size_t index);
    /**
     * Item @p index was stored (@p rc SEL_OK, @p r says how) or failed (the message in @p ctx).
     * Called on the calling thread, in input order, once per item.
     */
    void (*done)(void *user, sel_ctx *ctx, size_t index, int rc, const struct sel_ingest_report *r);
    void *user;
};

/** How a sel_ingest_many() went. */
struct sel_ingest_many_stats {
    unsigned jobs;            ///< worker threads used (0: all on the calling thread)
    size_t peak_waiting;      ///< most documents analysed and held at once, waiting for the writer
    size_t peak_bytes;        ///< most bytes of text those held
};

/**
 * Ingests @p n items as sel_ingest() and sel_ingest_pairs() would one by one, with @p jobs worker
 * threads: each has its own taggers and aligner (made here, on the calling thread, as Hunspell's
 * loading is not thread-safe) and reads, segments, analyses, tags and aligns a document; the
 * calling thread alone writes to the database, in input order, so the database is the same as
 * with @p jobs 1 (which runs everything on the calling thread). At most 2 × @p jobs documents
 * are held at a time, so memory is bounded by the largest documents, not by their number.
 * Returns SEL_OK unless the workers could not be started; each item's outcome goes to done().
 */
int sel_ingest_many(sel_ingester *ing, sel_ctx *ctx, const struct sel_ingest_item *items, size_t n, const char *title,
                    unsigned jobs, const struct sel_ingest_calls *calls, struct sel_ingest_many_stats *stats);

#endif
