// SPDX-License-Identifier: MIT
// Internal: Hunspell behind a UTF-8 interface. Hunspell's C API takes words in the dictionary's
// own encoding (ISO-8859-1 for Debian's id_ID); conversion happens here, once, and a word with
// letters the dictionary's encoding cannot hold is simply unknown.
#ifndef SEL_TEXT_DICT_H
#define SEL_TEXT_DICT_H

#include "src/core/core.h"

typedef struct sel_dict sel_dict;

/** Opens dictionary @p name ("id_ID") from $DICPATH or the usual Debian folders. */
int sel_dict_open(sel_dict **out, sel_ctx *ctx, const char *name);
void sel_dict_close(sel_dict *dict);
/** True when @p word (UTF-8) is a correct word for the dictionary. */
bool sel_dict_spell(sel_dict *dict, const char *word);
enum { SEL_DICT_MAX_STEMS = 16 };
/**
 * The stems Hunspell gives for @p word, as UTF-8 strings borrowed from @p dict, in @p out (at
 * most @p max, and at most SEL_DICT_MAX_STEMS). @return how many were stored (0 if the word is
 * unknown). Answers are remembered for the dictionary's lifetime, as are sel_dict_spell()'s.
 */
size_t sel_dict_stems(sel_dict *dict, const char *word, const char **out, size_t max);
/** Spelling suggestions for @p word, like sel_dict_stems(). */
size_t sel_dict_suggest(sel_dict *dict, const char *word, char **out, size_t max);

#endif
