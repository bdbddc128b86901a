// SPDX-License-Identifier: MIT
// Internal to the check module: the checker, one check's working state, and the helpers each
// kind of finding lives in (terms.c, numbers.c, untranslated.c).
#ifndef SEL_CHECK_INTERNAL_H
#define SEL_CHECK_INTERNAL_H

#include "src/check/check.h"

#include <stdint.h>

struct sel_checker {
    sel_termbase *own_tb;      // the bundled termbase when the caller gave none
    const sel_termbase *tb;
    sel_aligner *aligner;
    sel_tagger *tag_src;       // Indonesian: the terms to check
    sel_tagger *tag_tgt;       // English: every match, for confirmation
};

/** A term found in one sentence of a side. */
struct check_match {
    size_t sentence;
    struct sel_term_match m;
};

struct check_matches {
    struct check_match *v;
    size_t n, cap;
    size_t *first;             // matches of sentence k: v[first[k] .. first[k + 1])
};

/** An approved equivalent that rendered source occurrence @p occ (for the consistency check). */
struct rendering {
    const struct sel_concept *concept;
    const struct sel_term *term;       // the English term found
    size_t occ;                        // index into check_run.src.v
    size_t bead;
    size_t tgt_start, tgt_end;         // where it was found
    char key[64];                      // check_rendering_key() of the term
};

/** One check in progress. */
struct check_run {
    sel_checker *ck;
    sel_ctx *ctx;
    struct sel_check_report *r;
    struct check_matches src, tgt;
    bool *tgt_untranslated;    // per target sentence: left in Indonesian
    bool *src_one_sided;       // per source sentence: reported without counterpart inside its bead
    struct rendering *rend;
    size_t n_rend, cap_rend;
    int rc;
};

/** Adds a finding; strings are copied into the report (NULL stays NULL). */
int check_add(struct check_run *run, const struct sel_finding *f);

/** The text of sentences [first, first + n) of @p d joined by a space, in the report's arena. */
const char *check_sentences_text(struct check_run *run, const struct sel_align_doc *d, size_t first, size_t n);

/** The approved (preferred and admitted) @p lang terms of @p c joined by " | ", in the arena. */
const char *check_approved(struct check_run *run, const struct sel_concept *c, const char *lang);

/** missing-term, deprecated-term and untranslated term findings for bead @p b (terms.c). */
int check_bead_terms(struct check_run *run, size_t b);
/** inconsistent: after every bead, each concept's renderings across the document (terms.c). */
int check_consistency(struct check_run *run);

/** How many numbers and dates source sentence @p k of bead @p b holds, and how many its target has (numbers.c). */
void check_number_evidence(struct check_run *run, size_t b, size_t k, size_t *possible, size_t *shared);
/**
 * How many terms source sentence @p k of bead @p b holds, and how many its target renders; a term
 * source sentence @p other (of the same bead, or SIZE_MAX) holds too counts only if rendered once more (terms.c).
 */
void check_term_evidence(struct check_run *run, size_t b, size_t k, size_t other, size_t *possible, size_t *shared);

/** number findings for bead @p b (numbers.c). */
int check_bead_numbers(struct check_run *run, size_t b);

/** Whether the target sentence [start, end) of @p text is Indonesian left untranslated (untranslated.c). */
bool check_is_indonesian(const char *text, size_t start, size_t end);
/** Whether the @p len bytes at @p word occur in [start, end) of @p text as a whole word, ignoring ASCII case. */
bool check_has_word(const char *text, size_t start, size_t end, const char *word, size_t len);

/**
 * Whether English @p phrase stands in [start, end) of @p text with each word in any regular
 * inflection and British or American spelling; with @p head, whether its head word does; with
 * @p noun, only as a noun: in the plural at most, neither derived nor as a verb ("ruled" is not
 * the noun "rule") (phrase.c).
 */
bool check_phrase_in(const char *text, size_t start, size_t end, const char *phrase, bool head, bool noun);
/** A key equal for renderings that are forms of one another ("Sudan", "Sudanese") (phrase.c). */
void check_rendering_key(const char *term, char *buf, size_t size);

#endif
