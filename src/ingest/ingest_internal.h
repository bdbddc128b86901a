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
/** Makes the English tagger and the aligner if they are not made yet. */
int pipeline_need_aligner(struct pipeline *p, sel_ctx *ctx);
void pipeline_finish(struct pipeline *p);

/** A document through the pipeline (with its translation and their alignment), waiting to be stored. */
struct prepared {
    struct doc src, tgt;
    bool has_tgt;
    struct sel_alignment al;
    char hash[33];             // the identity stored
    double adequacy;
    double start;              // when the pipeline started on it
    size_t units_skipped;      // a translation memory's blank units, left out
    int rc;                    // SEL_OK, or why the pipeline failed
    char *error;               // ... in words (a worker's context is not the writer's)
};

/** Reads, segments, tags @p path (and @p translation, aligned with it, if not NULL). */
int pipeline_prepare_text(struct pipeline *p, sel_ctx *ctx, const char *path, const char *translation,
                          struct prepared *out);
/** Makes a document and its translation of a memory's units, a bead each. */
int pipeline_prepare_pairs(struct pipeline *p, sel_ctx *ctx, const char *path, const struct sel_segment_pair *pairs,
                           size_t n, struct prepared *out);
void prepared_finish(struct prepared *p);
/** Stores what the pipeline made; fills @p report (cleared first). */
int ingest_store_prepared(sel_ingester *ing, sel_ctx *ctx, struct prepared *p, const char *path,
                          const char *translation, const char *title, struct sel_ingest_report *report);
/** The ingester's own pipeline, for documents ingested on the calling thread. */
struct pipeline *ingest_own_pipeline(sel_ingester *ing);
/** Seconds on a monotonic clock. */
double ingest_seconds(void);

#endif
