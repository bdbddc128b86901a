// SPDX-License-Identifier: MIT
// Internal: the loaded form of a language's rules, shared by the files of the text module.
#ifndef SEL_TEXT_INTERNAL_H
#define SEL_TEXT_INTERNAL_H

#include "src/text/text.h"
#include "src/core/core.h"

#include <stddef.h>
#include <stdint.h>
#include <unicode/uregex.h>

// line: the whole line is one segment; lead-in: the same, and the next line too; tail: the last
// sentence of a content line; sentences: the line is split into sentences, each flagged;
// captioned: the same for the text before the match, the match itself being a credit;
// dateline: the match opens a content line and is marked as the first sentence's dateline.
enum bp_scope { BP_LINE, BP_LEAD_IN, BP_TAIL, BP_SENTENCES, BP_CAPTIONED, BP_DATELINE };

struct bp_rule {
    enum sel_boilerplate kind;
    enum bp_scope scope;
    const char *pattern;       // compiled by each segmenter: only segmentation pays for it
    const char *file;          // where it was read, for the error a bad pattern gets
    long line, column;
    bool end_only;             // anchored at the end only: searched in the line's last characters
    char needs;                // an ASCII character every match holds (':' of "Foto:"), or 0:
                               // a line without it is not matched against the rule at all
    char first[12];            // for a rule anchored at the start, the ASCII characters a match
                               // can start with ("BSL" for ^(?:Baca|Simak|Lihat)); "" if unknown
};

struct nasal_rule {
    const char *onset;  // first letters of the base ("p", "kh", "" for a vowel is spelt out)
    const char *prefix; // "mem", "meng", ...
    bool drop;          // the onset's first letter disappears (pukul -> memukul)
};

/** A list of strings from the data files, kept in an arena. */
struct word_list {
    const char **v;
    size_t n, cap;
    // One bit per (first byte, length) of the words listed: most words asked about are in no
    // list, and this answers "not listed" without comparing them against each entry.
    uint64_t shapes[8];
};

struct morphology {
    char dictionary[64];               // Hunspell dictionary name ("id_ID"); "" for none
    struct word_list enclitics, proclitics, keep, keep_patterns, passive, bare_suffixes;
    struct word_list prefixes, suffixes, own_roots, keep_redup, proper;
    struct word_list spelling_from, spelling_to;
    struct nasal_rule *nasal;
    size_t n_nasal, cap_nasal;
    const char *monosyllable_prefix;   // "menge"
    bool suffixing;                    // lemma = stem, found by removing inflectional endings (English)
    bool join_hyphens;                 // word-word is one token (reduplication, compounds)
    struct word_list inflect_from, inflect_to; // ending -> replacement ("ies" -> "y")
    struct word_list inflect_always;   // endings tried even on words the dictionary lists whole
    struct word_list irregular_from, irregular_to; // irregular form -> lemma ("shot" -> "shoot")
    struct word_list rare_stems;       // dictionary words never taken as a stem ("passe": passed is pass)
    struct word_list root_from, root_to; // a form whose root the dictionary gets wrong ("ia" -> "dia")
    struct word_list strip_clitic;     // dictionary words that are still host + clitic ("apakah")
    struct word_list lexical_prefixes; // prefixes that stay on the root ("se": sebesar)
    struct word_list prefix_roots;     // words whose lexical prefix is removed after all (seorang)
    struct word_list number_prefixes;  // written before a number without a space ("Rp9.000"): a token
    struct word_list coordinators;     // words that join two conjuncts of one phrase ("dan", "atau")
};

struct sel_lang {
    char code[16];
    struct sel_arena arena;
    const char **abbreviations; // sorted, for bsearch
    size_t n_abbreviations;
    const char **labels;        // sorted: words after which "C." is a label ("Blok C."), not an initial
    size_t n_labels;
    const char **degrees;       // sorted: dotted capitals that are degrees ("S.H."), not initials
    size_t n_degrees;
    bool dotted_may_end;        // a dotted form with a small letter ("Ph.D.", "M.Si.") may end a sentence
    struct bp_rule *rules;
    size_t n_rules;
    struct morphology morph;
};

/** A piece of text between two word boundaries. */
struct sel_piece {
    size_t start, end;
    bool word; // letters or digits
};

/** Word-break pieces of a span, in order (word_pieces.c). */
struct sel_pieces {
    const char *text;
    size_t start, end, pos;   // pos: next byte, without ICU
    struct UBreakIterator *bi; // with ICU: the iterator, set to ut
    struct UText *ut;
    int32_t at;               // with ICU: the last boundary
};

/** Starts the pieces of [start, end) of @p text; @p bi is used when the span needs ICU. */
int sel_pieces_begin(struct sel_pieces *ps, struct UBreakIterator *bi, sel_ctx *ctx, const char *text, size_t start,
                     size_t end);
/** The next piece; false after the last. */
bool sel_pieces_next(struct sel_pieces *ps, struct sel_piece *p);
/** Releases what sel_pieces_begin() set up. */
void sel_pieces_end(struct sel_pieces *ps);

/** The analyzer's word BreakIterator, created on first use (ubrk_open is costly per call). */
struct UBreakIterator *sel_analyzer_word_breaks(sel_analyzer *an, UErrorCode *status);

/** The language an analyzer was made for. */
const sel_lang *sel_analyzer_lang(const sel_analyzer *an);

/** True when @p word (NUL-terminated) is in @p list. */
bool sel_word_list_has(const struct word_list *list, const char *word);
/** The position of @p word in @p list, or -1 when it is not listed. */
ptrdiff_t sel_word_list_find(const struct word_list *list, const char *word);

/** True when @p token (ending in '.') is a listed abbreviation of @p lang. */
bool sel_lang_is_abbreviation(const sel_lang *lang, const char *token, size_t len);

/** True when @p word (@p len bytes, no '.') is a word after which a single letter is a label. */
bool sel_lang_is_label_word(const sel_lang *lang, const char *word, size_t len);

/** True when @p token (ending in '.') is a listed degree ("S.H."), which may end a sentence. */
bool sel_lang_is_degree(const sel_lang *lang, const char *token, size_t len);

#endif
