// SPDX-License-Identifier: MIT
/**
 * @file text.h
 * The text pipeline: language rules, sentence segmentation with boilerplate marking.
 *
 * A language is data: `src/text/lang/<code>/` holds its abbreviations and boilerplate patterns
 * (installed as `lang/<code>/`), so adding a language means adding a folder, not code.
 *
 * Ownership: values returned through `**out` are owned by the caller and released with the
 * matching `_free()`, which accepts NULL. Sentences passed to callbacks are borrowed for the
 * duration of the call.
 */
#ifndef SEL_TEXT_H
#define SEL_TEXT_H

#include "src/core/core.h"

#include <stdint.h>

/** The rules of one language, loaded from its data folder. Immutable once loaded. */
typedef struct sel_lang sel_lang;

/**
 * Loads the rules of language @p code ("id", "en") from the bundled data.
 * @return SEL_OK, SEL_ENOTFOUND for a language without data, SEL_EPARSE for a bad data file
 * (the message names file and line), SEL_EICU, SEL_ENOMEM.
 */
int sel_lang_load(sel_lang **out, sel_ctx *ctx, const char *code);
/** Loads the rules from the folder @p dir instead of the bundled data (tests, user rules). */
int sel_lang_load_dir(sel_lang **out, sel_ctx *ctx, const char *code, const char *dir);
void sel_lang_free(sel_lang *lang);
/** The language code, borrowed. */
const char *sel_lang_code(const sel_lang *lang);
/**
 * Whether @p word (a lemma, NUL-terminated) joins two conjuncts of one phrase: "dan", "atau"
 * (the `coordinator` words of the language's morphology.txt).
 */
bool sel_lang_is_coordinator(const sel_lang *lang, const char *word);

/** Why a segment is boilerplate. */
enum sel_boilerplate {
    SEL_BP_NONE = 0,   ///< article content
    SEL_BP_FURNITURE,  ///< site furniture ("Baca berita dengan sedikit iklan", "Halaman 2 dari 2")
    SEL_BP_RELATED,    ///< related-article inserts ("Baca juga: ...", "MEMBACA ...")
    SEL_BP_INITIALS,   ///< editor initials ("(zdm/rds)")
    SEL_BP_CAPTION,    ///< photo captions ("... Foto: ANTARA/...")
    SEL_BP_CREDIT,     ///< credits and bylines ("Reuters", "SPUTNIK/KREMLIN POOL/EPA", "Editor: ...")
    SEL_BP_SOCIAL,     ///< social embeds ("pic.twitter.com/...", "— X (@x) April 28, 2025")
    SEL_BP_DATELINE,   ///< a dateline alone on its line ("Jakarta –")
    SEL_BP_COUNT,
};
/** The name of a boilerplate kind as data files and JSON use it ("caption"); "" for none. */
const char *sel_boilerplate_name(enum sel_boilerplate kind);

/**
 * Whether @p len bytes of @p text hold nothing but the spaces the segmenter skips (ASCII blanks,
 * NBSP, the U+2000 spaces, U+202F, U+3000): a line that makes no paragraph.
 */
bool sel_text_is_blank(const char *text, size_t len);

/** One sentence (or boilerplate segment) of a text. */
struct sel_sentence {
    size_t start, end;            ///< byte offsets into the text, end exclusive, trimmed of spaces
    long line;                    ///< 1-based input line (= paragraph) it stands on
    size_t line_start;            ///< byte offset of the start of that line
    long para;                    ///< 1-based paragraph number, counting non-blank lines
    long index;                   ///< 1-based sentence number in the text
    enum sel_boilerplate boilerplate;
    /// Bytes at the start of a content sentence that are a site dateline ("TEMPO.CO, Jakarta -"),
    /// 0 for none: the dateline stays attached to the sentence it opens, but it is not content
    /// (no terms are looked for in it). The content starts at start + dateline_len.
    size_t dateline_len;
};

/** Receives each sentence in order; return false to stop. */
typedef bool (*sel_sentence_fn)(void *user, const char *text, const struct sel_sentence *sentence);

/** A sentence segmenter for one language; reusable, not thread-safe. */
typedef struct sel_segmenter sel_segmenter;

int sel_segmenter_new(sel_segmenter **out, sel_ctx *ctx, const sel_lang *lang);
void sel_segmenter_free(sel_segmenter *seg);

/**
 * Splits @p text (@p len bytes of valid UTF-8, as from sel_text_read()) into sentences: every
 * line (LF, CR LF or CR ended) is a paragraph and no sentence crosses a line end. Lines that are
 * boilerplate become one segment each, flagged, except photo captions and social-media embeds,
 * which are split into their sentences (each flagged) with a trailing photo credit
 * ("Foto: ANTARA/...") a segment of its own; a credit or editor's initials after the last
 * sentence of a content line is a flagged segment too. Calls @p emit for each in order.
 *
 * Every byte is accounted for: the segments are in order, do not overlap, and what lies between
 * and around them is only white space and line ends (trimmed off the segments).
 */
int sel_segment(sel_segmenter *seg, sel_ctx *ctx, const char *text, size_t len, sel_sentence_fn emit,
                void *user);

/* ---- Tokens and analysis ----------------------------------------------------------------- */

/** What kind of token, and what the analysis found. Several may be set. */
enum sel_token_flag {
    SEL_TOK_PUNCT = 1 << 0,       ///< punctuation or symbols
    SEL_TOK_NUM = 1 << 1,         ///< a number ("10.000", "1,5", "2024")
    SEL_TOK_UNKNOWN = 1 << 2,     ///< the dictionary knows neither the word nor a root of it
    SEL_TOK_REDUP = 1 << 3,       ///< reduplicated ("pasukan-pasukan", "bahu-membahu")
    SEL_TOK_PASSIVE = 1 << 4,     ///< a di- passive; the lemma is the active meN- form
    SEL_TOK_PROPER = 1 << 5,      ///< a name or acronym: lemma and root keep their case
    SEL_TOK_NONSTANDARD = 1 << 6, ///< a non-standard spelling or typo; the lemma is the standard form
};

/** The analysis of one word form. Strings are borrowed from the analyzer. */
struct sel_word {
    const char *lemma;   ///< the dictionary form a translator looks up
    const char *root;    ///< the morphological root, all derivation removed
    const char *clitic;  ///< the enclitic removed ("nya"), or NULL
    unsigned flags;      ///< enum sel_token_flag bits
};

/** A token of a sentence with its analysis. */
struct sel_token {
    size_t start, end;   ///< byte offsets into the text, end exclusive
    struct sel_word word;
};

/** Receives the tokens of one sentence in order; return false to stop. */
typedef bool (*sel_token_fn)(void *user, const char *text, const struct sel_token *token);

/**
 * Tokenizer plus morphological analyser for one language (Hunspell with the language's
 * morphology rules). Each distinct form is analysed once and cached for the analyzer's lifetime.
 * Not thread-safe.
 */
typedef struct sel_analyzer sel_analyzer;

/** @return SEL_OK, or SEL_ENOTFOUND when the language's Hunspell dictionary is not installed. */
int sel_analyzer_new(sel_analyzer **out, sel_ctx *ctx, const sel_lang *lang);
void sel_analyzer_free(sel_analyzer *an);

/** Analyses one word form (UTF-8, @p len bytes); the result is borrowed from @p an. */
int sel_analyze_word(sel_analyzer *an, sel_ctx *ctx, const char *form, size_t len, struct sel_word *out);

/**
 * Splits [start, end) of @p text into tokens (ICU word boundaries, with hyphenated words and
 * reduplications kept whole) and analyses each; spaces are not tokens.
 */
int sel_analyze_span(sel_analyzer *an, sel_ctx *ctx, const char *text, size_t start, size_t end,
                     sel_token_fn emit, void *user);

/**
 * Whether sel_analyze_span() emits a hyphenated compound that is not a reduplication
 * ("DPRK-Rusia", "neo-Nazi") as its parts, as term matching wants. Off by default.
 */
void sel_analyzer_split_compounds(sel_analyzer *an, bool split);
bool sel_analyzer_splits_compounds(const sel_analyzer *an);

/**
 * Whether an unknown lowercase word one edit away from a dictionary word is analysed as that word
 * (perjanjan -> perjanjian, flagged nonstandard). Off by default: text keeps its unknown words as
 * written (rating, singel, names); only the language's listed spellings (tantara -> tentara) are
 * normalised. A lookup turns it on for the queries a user types.
 */
void sel_analyzer_suggest(sel_analyzer *an, bool on);

/** Number of distinct forms analysed so far (the cache size). */
size_t sel_analyzer_cache_size(const sel_analyzer *an);
/**
 * Forgets the cached analyses when there are more than @p max, or they hold more than 8 MB, so
 * that memory stays bounded on endless text (every number and name is a new form). Every word the analyzer returned points
 * into them: call it only between texts, when no token is held.
 */
int sel_analyzer_forget(sel_analyzer *an, size_t max);
/** Whether sel_analyzer_forget(@p an, @p max) would empty the cache now. */
bool sel_analyzer_over_bound(const sel_analyzer *an, size_t max);
/**
 * Distinct forms whose analyses a command keeps between texts (pieces of input, documents).
 * Small enough to be reached within the first 5 MB of text in which every line brings new forms
 * (numbers, names), so that memory is flat from there on; what emptying the cache then costs is
 * analysing the common words again, which the benchmarks do not show (README).
 */
#define SEL_ANALYSES_KEPT ((size_t)32000)

/**
 * Writes @p s lowercased (Unicode full case mapping in the root locale: "KEMHAN" -> "kemhan",
 * "ÉLYSÉE" -> "élysée") to @p out, NUL-terminated. Every key that is compared lowercase is made
 * here. When ICU fails (invalid UTF-8) or the result does not fit in @p size bytes, @p out gets
 * @p s unchanged (cut to fit) and the result is false.
 */
bool sel_text_lowercase(const char *s, char *out, size_t size);

/** Writes the flags as text ("clitic=nya|redup"), or "_" when there are none. */
void sel_word_flags_format(const struct sel_word *word, char *buf, size_t size);

#endif
