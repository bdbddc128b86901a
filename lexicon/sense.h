// SPDX-License-Identifier: MIT
// Internal: choosing among the concepts of an ambiguous form by the evidence of the text
// (lexicon/sense.c). The tagger owns one sel_sense and feeds it sentence by sentence.
#ifndef SEL_LEXICON_SENSE_H
#define SEL_LEXICON_SENSE_H

#include "lexicon/lexicon.h"

typedef struct sel_sense sel_sense;

/** Evidence for the termbase @p tb (borrowed) in text of language @p lang. */
int sel_sense_new(sel_sense **out, const sel_termbase *tb, const char *lang);
void sel_sense_free(sel_sense *s);

/** Forgets what earlier documents said. */
void sel_sense_new_document(sel_sense *s);
/** The aligned translation of the sentences that follow (NULL: none), copied. */
int sel_sense_set_target(sel_sense *s, sel_ctx *ctx, const char *target, size_t len);

/**
 * Starts a sentence: finds the collocates declared in the termbase among its @p n tokens (the
 * first call analyses every collocate with @p an).
 */
int sel_sense_begin_sentence(sel_sense *s, sel_ctx *ctx, sel_analyzer *an, const char *text,
                             const struct sel_token *tokens, size_t n);
/** Counts a term of the sentence whose concept is not in doubt. */
void sel_sense_note_term(sel_sense *s, const struct sel_concept *c);
/** Adds the sentence's evidence to the document's. */
void sel_sense_end_sentence(sel_sense *s);

/**
 * How strongly the current sentence and the document so far point to @p c for
 * the form on tokens [@p first, @p last] of the sentence (SIZE_MAX: no form, the whole sentence).
 */
double sel_sense_score(const sel_sense *s, const struct sel_concept *c, size_t first, size_t last);
/**
 * The index of the candidate with the best score, the translation counted when it holds the
 * equivalent of exactly one of them; ties keep the first (the matcher's choice).
 */
size_t sel_sense_choose(const sel_sense *s, const struct sel_concept *const *candidates, size_t n, size_t first,
                        size_t last);

#endif
