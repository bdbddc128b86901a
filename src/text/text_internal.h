// SPDX-License-Identifier: MIT
// Internal: the loaded form of a language's rules, shared by the files of the text module.
#ifndef SEL_TEXT_INTERNAL_H
#define SEL_TEXT_INTERNAL_H

#include "src/text/text.h"
#include "src/core/arena.h"

#include <unicode/uregex.h>

enum bp_scope { BP_LINE, BP_LEAD_IN, BP_TAIL };

struct bp_rule {
    enum sel_boilerplate kind;
    enum bp_scope scope;
    URegularExpression *regex; // compiled once here; segmenters match with clones
};

struct sel_lang {
    char code[16];
    struct sel_arena arena;
    const char **abbreviations; // sorted, for bsearch
    size_t n_abbreviations;
    struct bp_rule *rules;
    size_t n_rules;
};

/** True when @p token (ending in '.') is a listed abbreviation of @p lang. */
bool sel_lang_is_abbreviation(const sel_lang *lang, const char *token, size_t len);

#endif
