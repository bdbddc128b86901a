// SPDX-License-Identifier: MIT
/**
 * @file align.h
 * Sentence alignment of a document with its translation: a dynamic programme over beads (1-1,
 * 1-0, 0-1, 2-1, 1-2) that scores sentence lengths Gale–Church style, with the length ratio
 * estimated from the documents themselves, together with lexical evidence (termbase translations
 * matched on lemmas, numbers and dates, names and acronyms, cognates). The search runs in a band
 * around the diagonal and then around the first path, so time and memory grow linearly with the
 * document. See docs/architecture.md, "Sentence alignment".
 *
 * Ownership: values returned through `**out` are owned by the caller and released with the
 * matching `_free()`, which accepts NULL; value structs filled by a function are released with
 * the matching `_finish()`, which accepts a zeroed struct. Texts and sentences passed in are
 * borrowed for the duration of the call only.
 */
#ifndef SEL_ALIGN_H
#define SEL_ALIGN_H

#include "lexicon/lexicon.h"
#include "src/core/core.h"
#include "src/text/text.h"

/** How an aligner is built. Start from sel_align_options_default(). */
struct sel_align_options {
    const char *src_lang;          ///< source language code (default "id")
    const char *tgt_lang;          ///< target language code (default "en")
    bool lexical;                  ///< false: the length-only Gale–Church baseline (same search)
    const sel_termbase *termbase;  ///< borrowed during sel_aligner_new(); NULL = the bundled one
};

/** Fills @p opts with the defaults: id → en, lexical evidence on, the bundled termbase. */
void sel_align_options_default(struct sel_align_options *opts);

/**
 * An aligner: the languages' segmenters and analyzers and the bilingual index built from the
 * termbase. Reusable for any number of document pairs; not thread-safe (one per thread).
 */
typedef struct sel_aligner sel_aligner;

/**
 * Builds an aligner. Reads the bundled termbase when @p opts->termbase is NULL and lexical
 * evidence is on.
 * @return SEL_OK, SEL_ENOTFOUND (language data or Hunspell dictionary missing), SEL_EPARSE,
 * SEL_EICU, SEL_ENOMEM; the message is on @p ctx.
 */
int sel_aligner_new(sel_aligner **out, sel_ctx *ctx, const struct sel_align_options *opts);
void sel_aligner_free(sel_aligner *al);

/** Which side of the pair a document is. */
enum sel_align_side_kind { SEL_ALIGN_SRC = 0, SEL_ALIGN_TGT = 1 };

/**
 * The sentences of one document: what sel_align() reads. `sentences[k]` spans
 * `text[start, end)`; its `boilerplate` flag keeps it out of every bead except a 1-0 (0-1), or a
 * 1-1 with a boilerplate sentence of the other side. The `index`, `line` and `para` fields are
 * not used by the aligner.
 */
struct sel_align_doc {
    const char *text;                  ///< the whole document (need not be NUL-terminated)
    struct sel_sentence *sentences;    ///< in document order
    size_t n;                          ///< number of sentences
    size_t cap;                        ///< allocated (for the sel_align_doc_* builders)
};

/**
 * Fills @p out with the sentences of @p text (@p len bytes of valid UTF-8) as `selaras segment`
 * gives them for the language of side @p side: every line a paragraph, boilerplate segments
 * flagged and counted as sentences. `out->text` borrows @p text.
 */
int sel_align_doc_segment(struct sel_align_doc *out, sel_aligner *al, sel_ctx *ctx,
                          enum sel_align_side_kind side, const char *text, size_t len);

/**
 * Fills @p out from pre-segmented @p text: one sentence per line (LF, CR LF or CR), blank or
 * all-space lines are paragraph marks and not sentences. A line the segmenter's rules flag as
 * boilerplate throughout (furniture, "Baca juga: ...", captions, credits) is flagged.
 * `out->text` borrows @p text.
 */
int sel_align_doc_lines(struct sel_align_doc *out, sel_aligner *al, sel_ctx *ctx,
                        enum sel_align_side_kind side, const char *text, size_t len);

/** Releases the sentence array of a document; accepts a zeroed struct. */
void sel_align_doc_finish(struct sel_align_doc *doc);

/** One bead: consecutive sentences of each side that translate each other (0-based). */
struct sel_bead {
    size_t src, n_src;   ///< first source sentence and how many (0, 1 or 2)
    size_t tgt, n_tgt;   ///< first target sentence and how many (0, 1 or 2)
    double score;        ///< calibrated confidence in [0,1]: the bead's posterior probability
};

/** An alignment: beads in order, covering every sentence of both sides exactly once. */
struct sel_alignment {
    struct sel_bead *beads;
    size_t n;
    double ratio;        ///< target/source length ratio estimated from the pair
    double variance;     ///< length variance per source character estimated from the pair
    size_t band;         ///< half-width of the first-pass band that sufficed
};

/**
 * Aligns @p src with its translation @p tgt into @p out. Either may have no sentences (then
 * every bead is 0-sided). Time and memory grow linearly with the documents' length as long as
 * the translation does not drift far from the diagonal; the band widens itself where needed.
 * @return SEL_OK or SEL_ENOMEM (with a message on @p ctx).
 */
int sel_align(struct sel_alignment *out, sel_aligner *al, sel_ctx *ctx,
              const struct sel_align_doc *src, const struct sel_align_doc *tgt);

/** Releases the beads; accepts a zeroed struct. */
void sel_alignment_finish(struct sel_alignment *al);

/** How much a document pair looks like a translation (align/adequacy.c). */
struct sel_adequacy {
    double score;     ///< in [0,1]; below 0.5 the target does not look like a translation of the source
    double rate;      ///< evidence shared per evidence that could be shared, over the 2-sided beads
    double evidence;  ///< how much evidence could be shared (weighted keys); little means no verdict
};

/**
 * Measures the adequacy of @p alignment (from sel_align(), or units as beads) of @p src with @p tgt:
 * the evidence the aligned sentences share (termbase translations, numbers and dates, names and
 * acronyms, cognates) against what they could share. Each 2-sided bead's score is multiplied by
 * its own adequacy (pooled with the pair's), so that a score says "these sentences translate each
 * other" and not only "this is the likeliest path". A pair with too little evidence to judge scores
 * 0.5 and keeps its scores.
 */
int sel_align_adequacy(struct sel_adequacy *out, sel_aligner *al, sel_ctx *ctx, const struct sel_align_doc *src,
                       const struct sel_align_doc *tgt, struct sel_alignment *alignment);

/* ---- Word alignment (align/word_align.c) -------------------------------------------------- */

/** Sentence pairs with more words than this on a side are neither trained on nor aligned. */
#define SEL_WORD_ALIGN_MAX_LEN 120

/**
 * A lexical translation model of word ids (interned lemmas) trained by EM on sentence pairs:
 * fast_align's reparametrised IBM Model 2 (a diagonal prior of fixed tension and an empty word),
 * in both directions at once. Not thread-safe.
 */
typedef struct sel_word_aligner sel_word_aligner;

/** A link between source word @c src and target word @c tgt (0-based positions). */
struct sel_word_link {
    uint16_t src, tgt;
};

int sel_word_aligner_new(sel_word_aligner **out);
void sel_word_aligner_free(sel_word_aligner *wa);
/**
 * Adds a sentence pair to train on (the ids are copied). A pair with an empty side, or with more
 * than SEL_WORD_ALIGN_MAX_LEN words on a side, is left out. Adding a pair twice weighs it double
 * (how anchor pairs, such as termbase translations, are given more weight).
 */
int sel_word_aligner_add(sel_word_aligner *wa, const uint32_t *src, size_t n_src, const uint32_t *tgt,
                         size_t n_tgt);
/** Runs @p iterations EM passes over the pairs added. */
int sel_word_aligner_train(sel_word_aligner *wa, sel_ctx *ctx, int iterations);
/** Pairs trained on; distinct co-occurring word pairs in the model. */
size_t sel_word_aligner_pairs(const sel_word_aligner *wa);
size_t sel_word_aligner_table_size(const sel_word_aligner *wa);
/** t(tgt | src) (@p src_to_tgt) or t(src | tgt) as trained; a tiny floor for pairs never seen together. */
double sel_word_aligner_prob(const sel_word_aligner *wa, uint32_t src, uint32_t tgt, bool src_to_tgt);
/**
 * The links of a sentence pair (trained on or not): the Viterbi alignment of each direction,
 * symmetrised by grow-diag-final. @p links needs room for @p m + @p n links; they come ordered by
 * source then target position. SEL_EINVAL when a side is longer than SEL_WORD_ALIGN_MAX_LEN.
 */
int sel_word_align(const sel_word_aligner *wa, const uint32_t *src, size_t m, const uint32_t *tgt, size_t n,
                   struct sel_word_link *links, size_t *n_links);

#endif
