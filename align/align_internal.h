// SPDX-License-Identifier: MIT
// Internal to align/: the aligner's state, sentence features and the banded search.
#ifndef SEL_ALIGN_INTERNAL_H
#define SEL_ALIGN_INTERNAL_H

#include "align/align.h"

#include <stdint.h>

/** Small closed word classes of a language that the lexical evidence needs (align/langwords.c). */
struct lang_words {
    const char *code;
    const char *const *stop;          // function words: never evidence (sorted)
    size_t n_stop;
    const char *const *months;        // 12 month names, lower case
    const char *const *weekdays;      // 7 day names, lower case, Monday first
    const char *const *numerals;      // number words 1..12, lower case
    const char *const *magnitudes;    // hundred, thousand, million, billion, trillion
};

/** The tables for language @p code; a language without tables gets empty ones. */
const struct lang_words *sel_lang_words(const char *code);
bool sel_lang_words_is_stop(const struct lang_words *lw, const char *lower);
/** 1..12 for a month name, else 0. */
int sel_lang_words_month(const struct lang_words *lw, const char *lower);
/** 1..7 for a weekday, else 0. */
int sel_lang_words_weekday(const struct lang_words *lw, const char *lower);
/** 1..12 for a number word, else 0. */
int sel_lang_words_numeral(const struct lang_words *lw, const char *lower);
/** 1..5 (hundred .. trillion) for a magnitude word, else 0. */
int sel_lang_words_magnitude(const struct lang_words *lw, const char *lower);

/** What a distinct word form contributes: its evidence keys (and whether it names a month). */
struct word_info {
    uint32_t n_keys;
    int month;            // 1..12 when the form is a month name
    uint32_t keys[];
};

/** A growable array of key ids. */
struct key_list {
    uint32_t *v;
    uint32_t n, cap;
};

struct sel_aligner {
    struct sel_align_options opts;
    sel_lang *lang[2];
    sel_segmenter *seg[2];
    sel_analyzer *an[2];
    const struct lang_words *words[2];
    sel_strmap *keys;          // key string ("w:council", "=nato", "#10000") -> id + 1
    uint32_t n_keys;
    sel_strmap *index;         // source lemma -> struct key_list of target-lemma keys
    sel_strmap *forms[2];      // form -> struct word_info, per side
    struct sel_arena arena;    // word_info, key lists
};

/** Interns @p key; stores its id in @p id. */
int sel_align_key(sel_aligner *al, sel_ctx *ctx, const char *key, size_t len, uint32_t *id);

/** Lower-cases ASCII letters of @p s into @p buf (NUL-terminated); other bytes are kept. */
void sel_align_lower(char *buf, size_t size, const char *s, size_t len);

/**
 * Finds the next word token of text[pos, end): letters and digits, with a hyphen between word
 * characters and '.', ',', '/', ':' between digits kept inside ("pasukan-pasukan", "10.000",
 * "15/8"). @return true and the token's bytes in [*ts, *te), or false when there is none left.
 */
bool sel_align_next_token(const char *text, size_t *pos, size_t end, size_t *ts, size_t *te);

/** Writes the lower-cased lemma of @p form (side @p side) into @p buf, its flags to @p flags. */
int sel_align_lemma(sel_aligner *al, sel_ctx *ctx, int side, const char *form, size_t len,
                    char *buf, size_t size, unsigned *flags);

/** Builds the source-lemma -> target-lemma index from @p tb (align/index.c). */
int sel_align_index_build(sel_aligner *al, sel_ctx *ctx, const sel_termbase *tb);

/** The features the search scores: length and evidence keys of each sentence. */
struct align_feats {
    size_t n;
    uint32_t *len;        // characters (code points)
    uint32_t *key_off;    // keys of sentence k: keys[key_off[k] .. key_off[k + 1])
    uint32_t *keys;       // sorted and unique per sentence
    bool *boiler;
    const float *weight;  // by key id: how distinctive the key is in the pair (borrowed)
    float *mass;          // sum of the key weights of sentence k
};

/**
 * Weighs every key of both documents by how many sentences hold it and sets their `weight` and
 * `mass` (align/features.c). @p out receives the weight table (free() it after the features).
 */
int sel_align_weigh(float **out, struct align_feats *s, struct align_feats *t, sel_ctx *ctx, uint32_t n_keys);

/** Computes the features of @p doc for side @p side (align/features.c). */
int sel_align_feats(struct align_feats *out, sel_aligner *al, sel_ctx *ctx,
                    enum sel_align_side_kind side, const struct sel_align_doc *doc);
void sel_align_feats_finish(struct align_feats *f);

/** Bead types the search knows. */
enum bead_type { BEAD_11, BEAD_10, BEAD_01, BEAD_21, BEAD_12, BEAD_TYPES };
extern const int sel_bead_di[BEAD_TYPES], sel_bead_dj[BEAD_TYPES];

/** The scoring model of one search. */
struct align_model {
    double ratio;          // expected target length per source character
    double variance;       // variance of the target length per source character
    double prior[BEAD_TYPES];  // -log P(bead type)
    double zero_len;       // length cost of a 0-sided bead
    bool lexical;
    double lex_weight;     // scale of the lexical log-likelihood ratio
    double llr_match;      // log(p1 / p0): a shared key, translation against random pair
    double llr_miss;       // log((1 - p1) / (1 - p0)): a key the pair could have shared
    double miss_scale;
    double temperature;    // posterior calibration: costs are divided by it
};

/** The rows of the lattice the search visits: for source position i, target positions lo..hi. */
struct align_band {
    size_t n, m;           // sentences of each side; rows 0..n
    size_t *lo, *hi, *off; // off[i] = index of node (i, lo[i]); off[n + 1] = node count
};

/** A band of half-width @p w around a guide path of @p n_path nodes (i, j) pairs, in order. */
int sel_align_band_around(struct align_band *out, size_t n, size_t m, const size_t *path_i,
                          const size_t *path_j, size_t n_path, size_t w);
void sel_align_band_finish(struct align_band *b);

/** The search's result: the best path as nodes, and each bead's posterior when asked for. */
struct align_path {
    size_t *i, *j;         // nodes from (0,0) to (n,m)
    size_t n_nodes;
    double *posterior;     // of the bead ending at node k (k >= 1); NULL unless asked
    bool touches_edge;     // the path comes within reach of a band edge that is not the border
};

/** Runs the search over @p band (align/dp.c). */
int sel_align_search(struct align_path *out, sel_ctx *ctx, const struct align_feats *s,
                     const struct align_feats *t, const struct align_model *md,
                     const struct align_band *band, bool posterior);
void sel_align_path_finish(struct align_path *p);

#endif
