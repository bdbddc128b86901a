// SPDX-License-Identifier: MIT
// Internal to the ingest module: the in-memory document that ingest.c writes (ingest_doc.c).
#ifndef SEL_INGEST_INTERNAL_H
#define SEL_INGEST_INTERNAL_H

#include "align/align.h"
#include "lexicon/lexicon.h"
#include "src/ingest/ingest.h"
#include "src/store/store.h"

// What to tag: nothing, the terms to store (longest match), or every match, ambiguous ones
// included (a translation's terms, which confirm the source's equivalents).
enum tag_mode { TAG_NOTHING, TAG_LONGEST, TAG_EVERY };

struct occurrence {
    size_t sentence;                  // index into doc.sentences
    struct sel_term_match match;      // offsets into doc.text.data
    int64_t row;
};

struct doc {
    struct sel_text text;
    struct sel_sentence *sentences;
    size_t n, cap;
    int64_t *rows;                    // sentence row ids, once stored
    struct occurrence *occs;
    size_t n_occs, cap_occs;
    enum tag_mode tagged;             // how occs were found: only TAG_LONGEST ones are stored
    int rc;
};

void ingest_doc_finish(struct doc *d);
/**
 * Finds the terms of the sentences of @p d (segmented already) as @p tag says, skipping
 * boilerplate and site datelines, and makes d->rows if it has none: what ingest and retag share.
 */
int ingest_doc_tag(struct doc *d, sel_ctx *ctx, sel_tagger *tagger, enum tag_mode tag);
/**
 * Segments and tags (longest match) one piece of a document read in pieces; @p first starts the
 * document: later pieces go on with what the earlier ones said about the senses of shared forms.
 */
int ingest_doc_analyse_piece(struct doc *d, sel_ctx *ctx, sel_tagger *tagger, bool first);
/** Reads @p path, segments it and tags it as @p tag says. */
int ingest_doc_load(struct doc *d, sel_ctx *ctx, sel_tagger *tagger, const char *path, enum tag_mode tag);
/** Makes a document of one side of @p pairs, a line per unit, and analyses it as ingest_doc_load(). */
int ingest_doc_from_lines(struct doc *d, sel_ctx *ctx, sel_tagger *tagger, const char *name,
                          const struct sel_segment_pair *pairs, size_t n, bool source, enum tag_mode tag);

/** Checks that each segment of @p pairs (blank units already left out) is one line of UTF-8. */
int ingest_check_pairs(sel_ctx *ctx, const char *path, const struct sel_segment_pair *pairs, size_t n);
/** The alignment of a translation memory's two sides: unit i is paragraph i + 1 on both. */
int ingest_units_as_beads(sel_ctx *ctx, const struct doc *src, const struct doc *tgt, size_t n,
                          struct sel_alignment *al);
/** The identity of a translation memory: a hash over both sides. */
void ingest_pair_hash(const struct doc *src, const struct doc *tgt, char hash[33]);

/* ---- What retag (retag.c) shares with ingest.c ---- */

/** The ingester's source-language tagger, its English tagger (made on first use), its writer. */
sel_tagger *ingest_tagger(sel_ingester *ing);
int ingest_tagger_en(sel_ingester *ing, sel_ctx *ctx, sel_tagger **out);
sel_doc_writer *ingest_writer(sel_ingester *ing);
sel_store *ingest_store(sel_ingester *ing);
/** The language of the documents it ingests. */
const char *ingest_lang(const sel_ingester *ing);
/** Stores the occurrences of @p d (its sentences stored: d->rows set), setting each one's row. */
int ingest_store_mentions(sel_ingester *ing, sel_ctx *ctx, struct doc *d);
/** The same with @p shift added to offsets into d->text (a piece's offset in its file). */
int ingest_store_mentions_at(sel_ingester *ing, sel_ctx *ctx, struct doc *d, size_t shift);
/** The realpath() of @p path (newly allocated; NULL for "-"): see ingest.c. */
int ingest_canonical_path(sel_ctx *ctx, const char *path, char **out);
/** Inserts a document's row (no paragraphs, sentences or occurrences); @p canonical as ingest_canonical_path(). */
int ingest_store_doc_row(sel_ingester *ing, sel_ctx *ctx, const char *path, const char *canonical, const char *title,
                         const char *lang, const char *hash, int64_t bytes, int64_t translation_of, int64_t *doc_id);
/**
 * Inside the open transaction: when content @p hash (with translation @p tgt, or NULL) is stored
 * already, sets report->unchanged and report->document_id; else deletes what it replaces (a
 * stored version of the same file under @p canonical (its ingest_canonical_path()), or the same
 * source with another translation).
 */
int ingest_settle_identity(sel_ingester *ing, sel_ctx *ctx, const char *hash, const struct doc *tgt,
                           const char *path, const char *canonical, struct sel_ingest_report *report);
/** The size of the pieces large text files are read in (0: read whole). */
size_t ingest_piece(const sel_ingester *ing);
/**
 * Records, bead by bead of @p al, which English equivalent the translation @p tgt (tagged with
 * TAG_EVERY) confirms for each stored occurrence of @p src, as ingest does.
 */
int ingest_confirm_beads(sel_ingester *ing, sel_ctx *ctx, struct doc *src, struct doc *tgt,
                         const struct sel_alignment *al, struct sel_ingest_report *report);

/** One thread's analysers: a tagger for the documents' language and, for translations, an English
 * tagger and an aligner. Hunspell and ICU objects are never shared between threads. */
struct pipeline {
    const struct sel_termbase *tb;
    const char *lang;
    sel_tagger *tagger;
    sel_tagger *tagger_en;   // made with the aligner (pipeline_need_aligner())
    sel_aligner *aligner;
};

int pipeline_init(struct pipeline *p, sel_ctx *ctx, const struct sel_termbase *tb, const char *lang);

/**
 * Whether the taggers of @p p keep more analyses than SEL_ANALYSES_KEPT: every number and name
 * is a new form, so over many files or one endless one the caches would grow with the input.
 */
bool pipeline_over_bound(const struct pipeline *p);
/**
 * Empties the taggers' caches of analyses when they are past the bound. Only while no document
 * (or piece) that @p p prepared waits to be stored: its tokens point into those analyses.
 */
int pipeline_forget(struct pipeline *p, sel_ctx *ctx);
/** Makes the English tagger and the aligner if they are not made yet. */
int pipeline_need_aligner(struct pipeline *p, sel_ctx *ctx);
void pipeline_finish(struct pipeline *p);

/** A document through the pipeline (with its translation and their alignment), waiting to be stored. */
struct prepared {
    struct doc src, tgt;
    bool has_tgt;
    struct sel_alignment al;
    char hash[33];             // the identity stored
    char *canonical;           // the file's realpath() (ingest_canonical_path()), NULL for standard input
    char *tgt_canonical;       // ... and its translation's
    bool streamed;             // too large to hold: only hash and bytes are known (ingest_stream.c)
    int64_t bytes;             // ... the file's size, read to make the hash
    double adequacy;
    double start;              // when the pipeline started on it
    size_t units_skipped;      // a translation memory's blank units, left out
    int rc;                    // SEL_OK, or why the pipeline failed
    char *error;               // ... in words (a worker's context is not the writer's)
};

/**
 * Reads, segments, tags @p path (and @p translation, aligned with it, if not NULL). A regular file
 * of more than @p piece bytes (not 0) without translation is streamed: only its identity is
 * made here (out->streamed), and ingest_store_prepared() reads, analyses and stores it piece by
 * piece.
 */
int pipeline_prepare_text(struct pipeline *p, sel_ctx *ctx, const char *path, const char *translation, size_t piece,
                          struct prepared *out);
/** Makes a document and its translation of a memory's units, a bead each. */
int pipeline_prepare_pairs(struct pipeline *p, sel_ctx *ctx, const char *path, const struct sel_segment_pair *pairs,
                           size_t n, struct prepared *out);
void prepared_finish(struct prepared *p);
/**
 * Stores what the pipeline made; fills @p report (cleared first). A streamed document is analysed
 * now, with @p pipe (the calling thread's own).
 */
int ingest_store_prepared(sel_ingester *ing, sel_ctx *ctx, struct pipeline *pipe, struct prepared *p, const char *path,
                          const char *translation, const char *title, struct sel_ingest_report *report);

/* ---- Documents too large to hold (ingest_stream.c) ---- */

/** Whether @p path is a regular file of more than @p piece bytes (not 0): one read in pieces. */
bool ingest_worth_streaming(const char *path, size_t piece);
/** Reads @p path in pieces for its identity: the content hash of its text and its size in bytes. */
int ingest_stream_identity(sel_ctx *ctx, const char *path, size_t piece, char hash[33], int64_t *bytes);
/**
 * Stores streamed document @p p in a transaction of its own (an open batch is committed first):
 * reads it again piece by piece, segments, tags and writes each piece, and checks that the bytes
 * still make the identity read before. Whole or not at all.
 */
int ingest_store_streamed(sel_ingester *ing, sel_ctx *ctx, struct pipeline *pipe, struct prepared *p,
                          const char *path, const char *title, struct sel_ingest_report *report);
/** The ingester's own pipeline, for documents ingested on the calling thread. */
struct pipeline *ingest_own_pipeline(sel_ingester *ing);
/** Seconds on a monotonic clock. */
double ingest_seconds(void);

#endif
