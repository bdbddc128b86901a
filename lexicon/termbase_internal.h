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
};

#endif
