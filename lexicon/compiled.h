// SPDX-License-Identifier: MIT
// Internal: the compiled termbase (lexicon/compiled.c), one file written at build time and
// memory-mapped at start-up: the bundled concepts and terms, the analysed keys of every term, and
// hash tables from a term's normalised text, keys and roots to its terms, so that a lookup neither
// parses the `.terms` files nor builds an index.
#ifndef SEL_LEXICON_COMPILED_H
#define SEL_LEXICON_COMPILED_H

#include "lexicon/lexicon.h"

#include <stdint.h>

typedef struct sel_compiled sel_compiled;

/** What a compiled table maps from. */
enum sel_compiled_table { SEL_COMPILED_EXACT, SEL_COMPILED_KEYS, SEL_COMPILED_ROOTS };

/**
 * Lowercase, single spaces, none at the ends: what lookup compares queries and terms as. Written
 * to @p buf when it fits in @p size bytes, else to memory of its own (free it with
 * sel_term_normalised_free()); NULL when out of memory. Never cut: a long query is compared
 * whole, not as a prefix that might end inside a character.
 */
char *sel_term_normalise(const char *s, char *buf, size_t size);
/** Frees what sel_term_normalise() allocated (nothing when @p key is @p buf). */
void sel_term_normalised_free(char *key, const char *buf);

/**
 * Writes @p tb compiled to @p path (atomically), the keys of its terms computed with each
 * language's analyzer, stamped with the bundled sources it must match.
 */
int sel_compiled_write(const sel_termbase *tb, sel_ctx *ctx, const char *path);

/**
 * Fills the empty @p tb from the compiled file @p path. @return SEL_ENOTFOUND when the file is
 * missing, unreadable or stale (the bundled sources changed since it was written): then read
 * the sources instead.
 */
int sel_compiled_open_termbase(sel_termbase *tb, sel_ctx *ctx, const char *path);
void sel_compiled_close(sel_compiled *cp);

/** The compiled data of @p tb, or NULL when it was read from the sources. */
const sel_compiled *sel_termbase_compiled(const sel_termbase *tb);
/** How many concepts, the first ones of the termbase, the compiled data covers. */
size_t sel_compiled_concept_count(const sel_compiled *cp);
/** Whether the compiled data has terms of @p lang. */
bool sel_compiled_has_lang(const sel_compiled *cp, const char *lang);

/**
 * Emits each @p lang term of @p tb whose normalised text, keys or roots (@p table) are @p key,
 * in termbase order; sel_term_match's n_tokens is the term's number of keys.
 */
void sel_compiled_find(const sel_compiled *cp, const sel_termbase *tb, const char *lang, enum sel_compiled_table table,
                       const char *key, sel_match_fn emit, void *user);

/**
 * The distinct normalised texts of the @p lang terms, in the order they first occur: *n of them;
 * sel_compiled_group() gives the i-th text and its first term.
 */
size_t sel_compiled_group_count(const sel_compiled *cp, const char *lang);
const char *sel_compiled_group(const sel_compiled *cp, const sel_termbase *tb, const char *lang, size_t i,
                               sel_match_fn emit, void *user);

/**
 * The @p lang index of @p tb from its compiled keys (or, for a termbase read from the sources,
 * from the compiled file @p path when it was made from the same termbase).
 * @return SEL_ENOTFOUND when there are none that fit: analyse the terms instead.
 */
int sel_compiled_index_load(sel_term_index **out, sel_ctx *ctx, const sel_termbase *tb, const char *lang,
                            const char *path);

/** What the keys of a termbase depend on: its terms and each language's morphology rules. */
uint64_t sel_term_keys_fingerprint(const sel_termbase *tb);

#endif
