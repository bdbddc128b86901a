// SPDX-License-Identifier: MIT
// Internal: the termbase's representation, shared by the files of the lexicon module.
#ifndef SEL_LEXICON_TERMBASE_INTERNAL_H
#define SEL_LEXICON_TERMBASE_INTERNAL_H

#include "lexicon/lexicon.h"
#include "src/core/core.h"

struct sel_termbase {
    struct sel_arena arena;       // every string and term array
    struct sel_concept *concepts; // reading order
    size_t n_concepts, cap_concepts;
    size_t n_concepts_file;       // concepts seen so far in the file being read
    bool bundled_replaced;        // a user concept took a bundled one's id: compiled keys no longer fit
    struct sel_compiled *compiled; // the mapped file the first concepts come from, or NULL
    bool concepts_borrowed;        // concepts is the compiled file's array: copied before it grows
};

/** Room for @p need concepts in tb->concepts. @return SEL_OK or SEL_ENOMEM. */
int sel_termbase_reserve(sel_termbase *tb, size_t need);

/**
 * Fills the concepts of @p tb that come from the compiled file and were not read yet
 * (lexicon/compiled.c): call it before reading tb->concepts directly. Safe from many threads.
 */
void sel_termbase_fill(const sel_termbase *tb);

/**
 * The matching key of one token of @p text: its lowercased lemma, or for a number written with
 * more than its lemma ("G-8") its lowercased surface (lexicon/match.c).
 */
void sel_token_key(const char *text, const struct sel_token *t, char *buf, size_t size);

/**
 * The concepts whose terms end where match @p m does (the same key path), the matcher's choice
 * first: up to @p max concepts and their terms. The candidates of an ambiguous form.
 */
size_t sel_term_index_senses(const sel_term_index *ix, const char *text, const struct sel_token *tokens,
                             const struct sel_term_match *m, const struct sel_concept **concepts,
                             const struct sel_term **terms, size_t max);

#endif
