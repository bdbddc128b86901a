// SPDX-License-Identifier: MIT
// Term discovery's parts: the corpus of beads as word ids (corpus.c), the general-language
// reference (general.c), candidates and their termhood (candidates.c), English equivalents by
// phrase extraction (equivalents.c); discover.c runs them in order.
#ifndef SEL_DISCOVER_INTERNAL_H
#define SEL_DISCOVER_INTERNAL_H

#include "align/align.h"
#include "src/discover/discover.h"

#include <stdint.h>

/** The longest candidate, and the longest English equivalent, in words. */
enum { MAX_TERM_WORDS = 5, MAX_EQUIV_WORDS = 6 };

/** Token flags. */
enum {
    TOK_BREAK = 1 << 0,    ///< punctuation or a sentence start lies before it: no candidate spans it
    TOK_FUNCTION = 1 << 1, ///< a function, number or date word: no candidate holds it
    TOK_GENERAL = 1 << 2,  ///< an everyday word of the general-language reference
    TOK_PROPER = 1 << 3,   ///< a name (the analyzer kept its case)
    TOK_ANCHOR = 1 << 4,   ///< covered by a termbase term (source) or its confirmed translation (target)
    TOK_TITLE = 1 << 5,    ///< written with a capital, not at a sentence start
    TOK_EDGE = 1 << 6,     ///< a word that opens or closes no candidate unless capitalised (`Irak selatan`),
                           ///< or no English equivalent (`now`, `each`)
    TOK_VERBAL = 1 << 7,   ///< a derived verb (meN-, di-, ber-, ter- on a root)
    TOK_GLUED_LEFT = 1 << 8,  ///< a hyphen joins it to the word before (`al-Sadr`, `anti-Amerika`)
    TOK_GLUED_RIGHT = 1 << 9, ///< a hyphen joins it to the word after
};

struct token {
    uint32_t id;          ///< interned lowercased lemma
    uint32_t start, end;  ///< bytes in the bead's text of its side
    uint16_t flags;
    uint16_t match;       ///< source: 1 + index of the termbase match covering it in the bead, 0: none
};

struct bead {
    uint32_t src, n_src;  ///< first token and count in corpus.src
    uint32_t tgt, n_tgt;
    uint32_t src_text, tgt_text; ///< offsets of the sides' texts in corpus.text
    bool subject;         ///< holds a term of the subject hint
};

/** Interned strings: id -> string and back. */
struct vocab {
    sel_strmap *map;
    char **words;
    size_t n, cap;
    struct sel_arena arena;
};
int vocab_init(struct vocab *v);
void vocab_finish(struct vocab *v);
/** The id of @p s (interned on first sight), or UINT32_MAX when memory runs out. */
uint32_t vocab_id(struct vocab *v, const char *s, size_t len);

/** Everything read from the database. */
struct corpus {
    struct bead *beads;
    size_t n_beads, beads_cap;
    struct token *src, *tgt;
    size_t n_src, src_cap, n_tgt, tgt_cap;
    char *text;
    size_t n_text, text_cap;
    struct vocab id_vocab, en_vocab;
    uint32_t *id_freq;    ///< per id-vocab word: occurrences
    size_t id_freq_n, id_freq_cap;
    uint16_t *en_class;   ///< per en-vocab word: TOK_FUNCTION, TOK_EDGE (lang/en/function-words.txt) or 0
    size_t en_class_n, en_class_cap;
    uint32_t *en_domain;  ///< per en-vocab word: termbase concepts whose English terms hold it
    size_t en_domain_n;
    struct vocab skeletons; ///< the loanword skeletons of both vocabularies' words
    uint32_t *id_skeleton, *en_skeleton; ///< per vocab word: its skeleton's id, or UINT32_MAX: none
    size_t id_skeleton_n, id_skeleton_cap, en_skeleton_n, en_skeleton_cap;
    sel_word_aligner *aligner;
    sel_tagger *tagger;   ///< the Indonesian analysis and the termbase's index
    const struct general *general;
};

/** The general-language reference: lemma -> TOK_FUNCTION, TOK_GENERAL or TOK_EDGE. */
struct general {
    sel_strmap *map;
};
int general_load(struct general *g, sel_ctx *ctx, const char *path);
void general_finish(struct general *g);
unsigned general_flags(const struct general *g, const char *lemma);

/** Loanword cognates (cognate.c; rules for Indonesian -> English): the shortest word and longest
 *  word considered, in bytes. */
enum { COGNATE_MIN = 5, COGNATE_MAX = 40 };
/**
 * The spelling skeleton of lowercase @p word (English when @p english, else Indonesian) into @p out
 * (room for 2 * COGNATE_MAX + 1 bytes): the spelling Indonesian gives a loanword, reduced further
 * so that `konvoi` and `convoy`, `otoritas` and `authority` come out alike.
 * @return false when the word is none a loanword rule can tell (short, capitalised, not ASCII).
 */
bool cognate_skeleton(const char *word, bool english, char *out, size_t cap);
/** Whether a pair the skeletons make alike is a known false friend (`polisi`, `policy`). */
bool cognate_false_friends(const char *id_word, const char *en_word);
/** Whether Indonesian @p id_word and English @p en_word are one loanword (skeletons alike). */
bool cognates(const char *id_word, const char *en_word);

/** The general-language flags of Indonesian word @p id. */
static inline unsigned general_flags_of(const struct corpus *c, uint32_t id)
{
    return general_flags(c->general, c->id_vocab.words[id]);
}

/**
 * Reads the beads of @p st into @p c and trains the word aligner; @p g is the Indonesian
 * general-language reference, @p en the English words kept off an equivalent's edges.
 */
int corpus_read(struct corpus *c, sel_ctx *ctx, sel_store *st, const sel_termbase *tb,
                const struct general *g, const struct general *en, const struct sel_discover_options *opts);
void corpus_finish(struct corpus *c);

/** A candidate during a run. */
struct cand {
    uint64_t hash;
    uint32_t ids[MAX_TERM_WORDS];
    uint8_t n;
    bool keep;            ///< passes every filter; gets equivalents
    uint32_t freq, freq_subject;
    double nested_sum;    ///< frequencies of the longer candidates holding it
    uint32_t nested_n;
    uint32_t index;       ///< its place among the kept candidates
    double cvalue, score;
    uint32_t all_proper;  ///< occurrences whose words are all names
    uint32_t name_next;   ///< occurrences beside a capitalised word that is no term: part of a longer name
    uint32_t composed;    ///< occurrences made of termbase terms only
    uint32_t verbal;      ///< occurrences as a single derived verb
    uint32_t described;   ///< occurrences as a common noun before a name (`pejabat AS`), or a title
                          ///< with a name that is no term (`presiden Hu`): a description
    uint32_t extended;    ///< occurrences of its most frequent extension by one word (`perdana menteri` of `perdana`)
    uint32_t passages, last_passage; ///< passages of PASSAGE_BEADS beads it occurs in; the last one + 1
};

/** Beads to a passage, about one news article: what a candidate's dispersion is counted over. */
enum { PASSAGE_BEADS = 20 };

/** The candidate table: open addressing over the hash of the id sequence. */
struct cand_table {
    struct cand *slots;
    size_t cap, used;
};
uint64_t ids_hash(const uint32_t *ids, size_t n);
/** Where a used slot goes (false: the slot is empty). */
typedef bool (*slot_hash_fn)(const void *slot, uint64_t *hash);
/**
 * Doubles an open-addressing table (linear probing; capacity a power of two, 4096 at first) of
 * @p slot_size-byte slots, zeroed when empty, moving every used slot to its place in the new one.
 */
int table_grow(void **slots, size_t *cap, size_t slot_size, slot_hash_fn hash_of);
struct cand *cand_find(const struct cand_table *t, const uint32_t *ids, size_t n, uint64_t hash);
/** Whether tokens [i, i + n) of a side may form a candidate. */
bool span_ok(const struct token *toks, size_t n_toks, size_t i, size_t n);

/** Counts and ranks the candidates; *kept gets the kept ones (pointers into @p t), best first. */
int candidates_find(struct cand_table *t, sel_ctx *ctx, const struct corpus *c, const sel_termbase *tb,
                    sel_analyzer *an, const struct sel_discover_options *opts, struct cand ***kept, size_t *n_kept);
void cand_table_finish(struct cand_table *t);

/** One English equivalent during a run. */
struct equiv {
    uint32_t cand;        ///< index among the kept candidates
    uint64_t tgt_hash;
    uint32_t count;
    uint32_t bead;        ///< first bead
    uint32_t start, end;  ///< its bytes in that bead's English text
    bool proper;          ///< its first word is a name (keeps its capital)
    uint32_t tgt_beads;   ///< beads whose English side holds it
};

/** The forms seen of a kept candidate. */
struct form_count {
    uint32_t bead, start, end, count;
    bool proper;          ///< its first word is a name
};

/**
 * Aligns every bead, extracts the English phrase of each occurrence of a kept candidate and
 * counts it; @p equivs (sorted by candidate) and @p forms (one per kept candidate: its most
 * frequent form) are filled.
 */
int equivalents_find(sel_ctx *ctx, const struct corpus *c, const struct cand_table *t, struct cand **kept,
                     size_t n_kept, const struct sel_discover_options *opts, struct equiv **equivs,
                     size_t *n_equivs, struct form_count *forms);

#endif
