// SPDX-License-Identifier: MIT
/**
 * @file check.h
 * Terminology QA of a finished translation (`selaras check`): the source and its translation are
 * aligned (or taken as units), the source is tagged with the termbase, and each sentence pair is
 * checked for what a reviser looks for: approved terms missing from the translation, deprecated
 * English terms, a term rendered in different ways, numbers and dates that do not match,
 * Indonesian left untranslated, sentences without a counterpart, and, before all of these,
 * whether the target translates the source at all.
 *
 * Ownership as in core.h: a sel_checker is released with sel_checker_free(); a report filled by
 * sel_check_texts() or sel_check_pairs() owns its strings, documents and findings and is released
 * with sel_check_report_finish(). The termbase passed to sel_checker_new() is borrowed and must
 * outlive the checker.
 */
#ifndef SEL_CHECK_H
#define SEL_CHECK_H

#include "align/align.h"
#include "lexicon/lexicon.h"
#include "src/core/core.h"

#include <stdio.h>

/** What a finding is about, in the order the report lists them. */
enum sel_check_kind {
    SEL_CHECK_NOT_TRANSLATION, ///< the target does not translate the source (whole pair)
    SEL_CHECK_MISSING_TERM,    ///< no approved equivalent of a source term in the aligned target
    SEL_CHECK_DEPRECATED_TERM, ///< a deprecated English term in the target
    SEL_CHECK_INCONSISTENT,    ///< a source term rendered by another equivalent than elsewhere
    SEL_CHECK_NUMBER,          ///< a number or date of the source is not in the target
    SEL_CHECK_UNTRANSLATED,    ///< Indonesian left in the target
    SEL_CHECK_ONE_SIDED,       ///< a source sentence with no counterpart
    SEL_CHECK_KINDS,
};

/** The kind's name as the reports write it ("missing-term"). */
const char *sel_check_kind_name(enum sel_check_kind kind);
/** The kind named @p name, or -1. */
int sel_check_kind_from_name(const char *name);

/** One finding. Sentence numbers are 0-based indices into the report's documents. */
struct sel_finding {
    enum sel_check_kind kind;
    size_t bead;                 ///< index into the report's alignment (SIZE_MAX: the whole pair)
    size_t src, n_src;           ///< source sentences concerned
    size_t tgt, n_tgt;           ///< target sentences concerned
    size_t src_start, src_end;   ///< bytes of the source text to highlight (equal: none)
    size_t tgt_start, tgt_end;   ///< bytes of the target text to highlight (equal: none)
    const char *source_term;     ///< as written in the source, or NULL
    const char *expected;        ///< what the target should hold ("ceasefire | truce"), or NULL
    const char *found;           ///< what it holds instead, or NULL
    const char *concept_id;      ///< the termbase concept, or NULL
};

/** The outcome of one check: the two documents, how they were paired, and the findings. */
struct sel_check_report {
    const char *src_name, *tgt_name; ///< borrowed display names
    char *src_text, *tgt_text;       ///< the texts (owned copies)
    struct sel_align_doc src, tgt;   ///< their sentences (borrowing the texts above)
    struct sel_alignment alignment;  ///< beads; for units, one bead per unit
    double adequacy;                 ///< sel_align_adequacy() of the pair, in [0,1]
    size_t term_occurrences;         ///< source term occurrences checked
    struct sel_finding *findings;    ///< in source order, the whole-pair finding first
    size_t n_findings, cap_findings;
    size_t count[SEL_CHECK_KINDS];   ///< findings per kind
    struct sel_arena strings;        ///< the findings' strings
};

void sel_check_report_finish(struct sel_check_report *r);

/** What a checker needs: the termbase and the analysers and aligner built from it. Not thread-safe. */
typedef struct sel_checker sel_checker;

/** Builds a checker over @p tb (NULL: the bundled termbase, opened here). */
int sel_checker_new(sel_checker **out, sel_ctx *ctx, const sel_termbase *tb);
void sel_checker_free(sel_checker *ck);

/**
 * Checks the translation @p tgt of @p src (UTF-8 texts of @p src_len and @p tgt_len bytes): each
 * segmented into sentences (or one sentence per line when @p presegmented), aligned, then checked.
 * The names are borrowed for the report.
 */
int sel_check_texts(sel_checker *ck, sel_ctx *ctx, const char *src_name, const char *src, size_t src_len,
                    const char *tgt_name, const char *tgt, size_t tgt_len, bool presegmented,
                    struct sel_check_report *out);

/** Checks translation units (a TMX or XLIFF file's): each unit is one bead. */
int sel_check_pairs(sel_checker *ck, sel_ctx *ctx, const char *name, const struct sel_segment_pair *pairs,
                    size_t n, struct sel_check_report *out);

/** One side of a stored alignment: its sentences in order (without line breaks) and their boilerplate flags. */
struct sel_check_side {
    const char *name;                ///< display name (borrowed for the report)
    const char *const *sentences;    ///< UTF-8, @p len bytes each
    const size_t *len;
    const bool *boilerplate;         ///< may be NULL: none
    size_t n;
};

/**
 * Checks a translation already aligned (a stored document's, `check --document`): @p beads
 * (0-based sentence indices into the two sides) are used as they are, not searched again.
 */
int sel_check_aligned(sel_checker *ck, sel_ctx *ctx, const struct sel_check_side *src, const struct sel_check_side *tgt,
                      const struct sel_bead *beads, size_t n_beads, struct sel_check_report *out);

/* ---- Reports ------------------------------------------------------------------------------ */

enum sel_check_format { SEL_CHECK_TEXT, SEL_CHECK_TSV, SEL_CHECK_JSON, SEL_CHECK_HTML };

/** Writes @p r to @p out in @p format (docs/formats.md, "Check reports"). */
int sel_check_write(const struct sel_check_report *r, sel_ctx *ctx, enum sel_check_format format, FILE *out);

#endif
