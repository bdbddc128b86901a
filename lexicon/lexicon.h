// SPDX-License-Identifier: MIT
/**
 * @file lexicon.h
 * The curated termbase: concept → language → terms, read from the plain-text source files
 * described in docs/lexicon-format.md.
 *
 * Ownership: a sel_termbase owns every concept, term and string reachable from it; they are
 * borrowed by the caller and valid until sel_termbase_free(). Values returned through `**out`
 * are owned by the caller.
 */
#ifndef SEL_LEXICON_H
#define SEL_LEXICON_H

#include "src/core/core.h"
#include "src/text/text.h"

/** TBX-Basic partOfSpeech picklist. */
enum sel_pos { SEL_POS_NOUN, SEL_POS_VERB, SEL_POS_ADJECTIVE, SEL_POS_ADVERB, SEL_POS_PROPER_NOUN,
               SEL_POS_OTHER, SEL_POS_COUNT };
/** TBX-Basic termType picklist. */
enum sel_term_type { SEL_TYPE_FULL_FORM, SEL_TYPE_ACRONYM, SEL_TYPE_ABBREVIATION,
                     SEL_TYPE_SHORT_FORM, SEL_TYPE_VARIANT, SEL_TYPE_PHRASE, SEL_TYPE_COUNT };
/**
 * TBX-Basic administrativeStatus picklist, plus SEL_STATUS_AID: a form that only helps confirm a
 * translation ("led" for pimpinan in "pasukan pimpinan AS", "results" for hasil pemilu). An aid is
 * matched like any term but is not an equivalent: it is never listed or exported as one.
 */
enum sel_term_status { SEL_STATUS_PREFERRED, SEL_STATUS_ADMITTED, SEL_STATUS_DEPRECATED, SEL_STATUS_AID,
                       SEL_STATUS_COUNT };

/** The names used in the source files and in TBX for each picklist value. */
const char *sel_pos_name(enum sel_pos pos);
const char *sel_term_type_name(enum sel_term_type type);
const char *sel_term_status_name(enum sel_term_status status);
/** The picklist value named @p name (as sel_*_name() writes it); false when there is none. */
bool sel_pos_from_name(const char *name, enum sel_pos *out);
bool sel_term_type_from_name(const char *name, enum sel_term_type *out);
bool sel_term_status_from_name(const char *name, enum sel_term_status *out);

struct sel_term {
    const char *text;              ///< as written in running text ("Korea Utara", "PBB")
    const char *lang;              ///< BCP-47 code ("id", "en")
    enum sel_pos pos;
    enum sel_term_type type;
    enum sel_term_status status;
    bool exact_case;               ///< matches only in this case (or all capitals): "AS" not "as"
    long line;                     ///< line in the source file
};

struct sel_concept {
    const char *id;                ///< unique across the termbase ("af.troops")
    const char *subject;           ///< subject field ("armed-forces")
    const char *definition;        ///< NULL if none
    const char *note;              ///< NULL if none
    const char *homograph;         ///< NULL if none; explains a term shared with another concept
    const char *context;           ///< NULL if none; collocates that point to this sense ("partai, komunis")
    const char *usual;             ///< NULL, or why this is the usual sense of a form it shares in news
    const char *file;              ///< source file it was read from; for a user concept its `source`
    long line;                     ///< line of its `concept:` line; 0 for a user concept
    struct sel_term *terms;
    size_t n_terms;
    const char *origin;            ///< NULL: bundled; else the user's: "imported", "added", "discovered"
    const char *added_at;          ///< a user concept's date (ISO 8601), else NULL
    const char *evidence;          ///< what discovery saw, for a discovered concept; else NULL
};

/**
 * Writes the @p lang terms of @p c into @p buf in the bundled order (sel_concept_equivalents_join()
 * without evidence), separated by @p sep. Matching aids (SEL_STATUS_AID) are left out.
 */
void sel_concept_terms_join(const struct sel_concept *c, const char *lang, const char *sep, char *buf, size_t size);

/* ---- The order of equivalents (lexicon/equivalents.c) --------------------------------------- */

/**
 * How often the user's own aligned translations confirmed each equivalent of each concept.
 * Empty: the bundled order stands. Filled with sel_evidence_add(), or from the user's database
 * concept by concept as the counts are asked for (sel_evidence_read_from()): a command that shows
 * a few concepts reads the database for those alone, not for every confirmation it holds.
 */
typedef struct sel_evidence sel_evidence;
typedef struct sel_store sel_store;
int sel_evidence_new(sel_evidence **out);
void sel_evidence_free(sel_evidence *ev);
/** Adds @p count confirmations of @p target (a term's text) for concept @p concept_id. */
int sel_evidence_add(sel_evidence *ev, const char *concept_id, const char *target, long count);
/**
 * Reads a concept's confirmations from @p st (borrowed, with @p ctx for errors) the first time its
 * counts are asked for. A read that fails leaves the concept without evidence and is kept: see
 * sel_evidence_status().
 */
void sel_evidence_read_from(sel_evidence *ev, sel_store *st, sel_ctx *ctx);
/** SEL_OK, or the status of the first read that failed (its message is on the context). */
int sel_evidence_status(const sel_evidence *ev);
/** How often @p target was confirmed for @p concept_id; 0 when never or @p ev is NULL. */
long sel_evidence_count(const sel_evidence *ev, const char *concept_id, const char *target);
/** How many (concept, target) pairs have evidence. */
size_t sel_evidence_size(const sel_evidence *ev);

/** An equivalent in the order shown: @p index of the term in its list, its status and evidence. */
struct sel_equivalent {
    size_t index;
    enum sel_term_status status;
    long confirmed; ///< confirmations by the user's aligned translations
};
/**
 * The one order of equivalents, used by every output: deprecated terms last whatever the
 * evidence, then the most often confirmed first, then by status (preferred, admitted), then
 * by @p index (the termbase's order). Sorts @p eq in place.
 */
void sel_equivalents_order(struct sel_equivalent *eq, size_t n);
/**
 * The @p lang terms of @p c in that order (@p ev may be NULL), up to @p max; @return how many.
 * out[i].index indexes c->terms.
 */
size_t sel_concept_equivalents(const struct sel_concept *c, const char *lang, const sel_evidence *ev,
                               struct sel_equivalent *out, size_t max);
/** The @p lang terms of @p c in that order, joined by @p sep into @p buf. */
void sel_concept_equivalents_join(const struct sel_concept *c, const char *lang, const sel_evidence *ev,
                                  const char *sep, char *buf, size_t size);
struct sel_term_match; // a term found in text, below
/**
 * The @p lang equivalents of one occurrence @p m in the order shown for it: sel_concept_equivalents(),
 * except that an attributive occurrence (m->attributive) of a concept whose first equivalent is a
 * name, not an acronym ("Israel", not "US"), puts its first adjective ("Israeli") first when the
 * user's evidence does not rank it lower than the name.
 */
size_t sel_match_equivalents(const struct sel_term_match *m, const char *lang, const sel_evidence *ev,
                             struct sel_equivalent *out, size_t max);
/** sel_match_equivalents() joined by @p sep into @p buf. */
void sel_match_equivalents_join(const struct sel_term_match *m, const char *lang, const sel_evidence *ev,
                                const char *sep, char *buf, size_t size);
/**
 * For a deprecated term @p t of @p c: the term of its language it is a misspelling of (within one
 * or two edits, "tantara" of "tentara"), or NULL when it is none's, is not deprecated, or is
 * named in the concept's note (which then says why it is avoided).
 */
const struct sel_term *sel_concept_misspelt(const struct sel_concept *c, const struct sel_term *t);
/** The best term of @p c in @p lang that is not deprecated, or NULL. */
const struct sel_term *sel_concept_preferred(const struct sel_concept *c, const char *lang);

/** The subject fields a termbase may use, NULL-terminated (see docs/lexicon-format.md). */
extern const char *const sel_subjects[];

typedef struct sel_termbase sel_termbase;

/**
 * Receives each problem found while reading or checking: @p where names file and line.
 * Return false to stop early.
 */
typedef bool (*sel_problem_fn)(void *user, struct sel_location where, const char *message);

/** Creates an empty termbase. */
int sel_termbase_new(sel_termbase **out);
void sel_termbase_free(sel_termbase *tb);

/**
 * Reads one source file into @p tb. Every problem found in it goes to @p report (may be NULL);
 * concepts with problems are still added where they can be, so that later checks see them.
 * @return SEL_OK when the file had no problem, SEL_EPARSE when it had (the first is also on
 * @p ctx), SEL_EIO/SEL_ENOTFOUND/SEL_ENOMEM otherwise.
 */
int sel_termbase_read_file(sel_termbase *tb, sel_ctx *ctx, const char *path,
                           sel_problem_fn report, void *user);

/**
 * Creates a termbase and reads the bundled one into it: what every command that looks at terms
 * starts with. On failure *out is NULL and the message is on @p ctx.
 */
int sel_termbase_open_bundled(sel_termbase **out, sel_ctx *ctx);

/**
 * Reads every `*.terms` file of @p dir in name order (see sel_termbase_read_file()).
 * @p dir NULL means the bundled termbase.
 */
int sel_termbase_read_dir(sel_termbase *tb, sel_ctx *ctx, const char *dir,
                          sel_problem_fn report, void *user);

/**
 * Runs the checks that span concepts and files: duplicate concept IDs, a term under two concepts
 * of one subject without a homograph note. (Checks within one concept happen while reading.)
 * @return the number of problems reported.
 */
size_t sel_termbase_check(const sel_termbase *tb, sel_problem_fn report, void *user);

/**
 * Adds a copy of @p c (a user concept: its origin is set) after the bundled concepts. A bundled
 * concept of the same id is replaced: it keeps its place but loses its terms.
 */
int sel_termbase_add_concept(sel_termbase *tb, sel_ctx *ctx, const struct sel_concept *c);
/** The concept with id @p id (the user's, when it stands for a bundled one), or NULL. */
const struct sel_concept *sel_termbase_find(const sel_termbase *tb, const char *id);
/**
 * Gives the @p lang term @p text of concept @p concept_id (compared ignoring ASCII case) the
 * status @p status. @return false when there is no such term.
 */
bool sel_termbase_set_status(sel_termbase *tb, const char *concept_id, const char *lang, const char *text,
                             enum sel_term_status status);

/**
 * Adds the user's termbase held in @p st: its curated concepts (general-vocabulary entries, such
 * as imported dictionaries, stay lookup-only) and the user's verdicts on terms (`selaras term
 * deprecate`). Every command that reads a database calls this, so user terms are found wherever
 * bundled ones are.
 */
int sel_termbase_add_user(sel_termbase *tb, sel_ctx *ctx, sel_store *st);

size_t sel_termbase_concept_count(const sel_termbase *tb);
/** The @p i-th concept in reading order, borrowed. */
const struct sel_concept *sel_termbase_concept(const sel_termbase *tb, size_t i);

/* ---- Finding terms in text ---------------------------------------------------------------- */

/**
 * The terms of one language of a termbase, indexed for matching analysed text: a trie over the
 * lowercased lemmas of their tokens. Borrows @p tb, which must outlive it.
 */
typedef struct sel_term_index sel_term_index;

/**
 * Builds the index of the @p lang terms of @p tb, analysing each term with @p an (the analyzer
 * that will analyse the text, so that both agree on lemmas).
 */
int sel_term_index_build(sel_term_index **out, sel_ctx *ctx, const sel_termbase *tb, const char *lang,
                         sel_analyzer *an);
void sel_term_index_free(sel_term_index *ix);

/** A term found in a token sequence. */
struct sel_term_match {
    size_t first_token, n_tokens;         ///< which tokens it covers
    size_t start, end;                    ///< byte offsets into the text
    const struct sel_concept *concept;    ///< borrowed from the termbase
    const struct sel_term *term;          ///< the term whose lemmas matched
    /// It stands as a modifier right after a noun that is a term ("pasukan Israel", "Perdana
    /// Menteri Prancis"), or is joined by "dan" to one that does ("pasukan Ethiopia dan Somalia"):
    /// Indonesian uses a name where English uses its adjective (Israeli forces, French Prime
    /// Minister). Set by the tagger (sel_tagger_tag_span()); false elsewhere.
    bool attributive;
};

typedef bool (*sel_match_fn)(void *user, const struct sel_term_match *match);

/** Separates the keys of a multi-word term in key strings ("gencatan\x1fsenjata"). */
#define SEL_KEY_SEP "\x1f"

/** An empty index, to be filled with sel_term_index_add(). */
int sel_term_index_new(sel_term_index **out);
/**
 * The keys (lowercased lemmas) and roots of the tokens of @p term as analysed by @p an, joined by
 * SEL_KEY_SEP; both empty when the term cannot be indexed.
 */
int sel_term_keys_compute(sel_analyzer *an, sel_ctx *ctx, const char *term, char *keys, size_t keys_size,
                          char *roots, size_t roots_size);
/**
 * Joins the keys (lowercased lemmas) and the roots of @p n analysed @p tokens of @p text with
 * SEL_KEY_SEP: the one function that makes keys, for the index's terms (sel_term_keys_compute)
 * and for lookup's queries, so the two cannot disagree. A number written with more than its
 * lemma ("G-8") is keyed by its lowercased surface, so that a bare "8" never matches it
 * (@p text NULL: lemmas only). Both are empty, and the result false, when they do not fit.
 */
bool sel_term_keys_join(const char *text, const struct sel_token *tokens, size_t n, char *keys, size_t keys_size,
                        char *roots, size_t roots_size);
/**
 * Adds the @p lang terms of the user's concepts in @p tb (those with an origin) to @p ix, analysed
 * with @p an: an index loaded from the compiled keys holds the bundled terms only.
 */
int sel_term_index_add_user(sel_term_index *ix, sel_ctx *ctx, const sel_termbase *tb, const char *lang,
                            sel_analyzer *an);
/** Adds term @p t of concept @p c under precomputed @p keys and @p roots. */
int sel_term_index_add(sel_term_index *ix, const struct sel_concept *c, const struct sel_term *t, const char *keys,
                       const char *roots);
/**
 * Writes the keys of every term of @p tb, in every language it has, to @p path (atomically), with
 * a fingerprint of the termbase and the analysis rules.
 */
int sel_term_keys_write(const sel_termbase *tb, sel_ctx *ctx, const char *path);
/**
 * Builds the @p lang index of @p tb from a keys file written by sel_term_keys_write().
 * @return SEL_ENOTFOUND when the file is missing or stale (then build with an analyzer instead).
 */
int sel_term_index_load(sel_term_index **out, sel_ctx *ctx, const sel_termbase *tb, const char *lang, const char *path);

/**
 * The terms whose whole key sequence is @p keys (SEL_KEY_SEP-joined), or with @p family, whose
 * root sequence is @p keys. Matches carry no offsets.
 */
int sel_term_index_lookup(const sel_term_index *ix, const char *keys, bool family, sel_match_fn emit, void *user);

/**
 * Reports, in text order, the terms found in @p n analysed @p tokens of @p text. Overlaps are
 * resolved to the longest match; terms marked `case` match only their own spelling or all capitals.
 */
int sel_term_index_match(const sel_term_index *ix, sel_ctx *ctx, const char *text, const struct sel_token *tokens,
                         size_t n, sel_match_fn emit, void *user);

/**
 * Reports every term found in the tokens, overlapping ones and every concept of an ambiguous
 * term included (for checking whether a concept occurs at all, e.g. in a translation).
 */
int sel_term_index_find_all(const sel_term_index *ix, sel_ctx *ctx, const char *text, const struct sel_token *tokens,
                            size_t n, sel_match_fn emit, void *user);

/* ---- The tagging pipeline --------------------------------------------------------------- */

/**
 * Segmentation, analysis and term matching for one language, over a termbase it borrows (which
 * must outlive it). Hyphenated compounds are matched by their parts. Not thread-safe.
 */
typedef struct sel_tagger sel_tagger;

int sel_tagger_new(sel_tagger **out, sel_ctx *ctx, const sel_termbase *tb, const char *lang);
void sel_tagger_free(sel_tagger *t);
/** The tagger's parts, borrowed. */
sel_segmenter *sel_tagger_segmenter(sel_tagger *t);
sel_analyzer *sel_tagger_analyzer(sel_tagger *t);
const sel_term_index *sel_tagger_index(const sel_tagger *t);

/** Receives each term found, with the sentence it is in; return false to stop. */
typedef bool (*sel_tag_fn)(void *user, const char *text, const struct sel_sentence *sentence,
                           const struct sel_term_match *match);

/**
 * With @p on, sel_tagger_tag() also looks for terms in boilerplate (captions, credits, related
 * links …) and in site datelines, which it skips by default: they are site furniture, not the
 * article, and would count its own name and city as terms.
 */
void sel_tagger_include_furniture(sel_tagger *t, bool on);

/**
 * Finds the terms of @p text: segmented into sentences with boilerplate skipped, or with
 * @p lines each line taken as one sentence (pre-segmented input).
 */
int sel_tagger_tag(sel_tagger *t, sel_ctx *ctx, const char *text, size_t len, bool lines, sel_tag_fn emit,
                   void *user);

/**
 * The terms of [start, end) of @p text: resolved to the longest (@p all false) or every match,
 * overlaps and all concepts of an ambiguous term included (@p all true).
 */
int sel_tagger_tag_span(sel_tagger *t, sel_ctx *ctx, const char *text, size_t start, size_t end, bool all,
                        sel_match_fn emit, void *user);

/**
 * Starts a new document for sel_tagger_tag_span(): what earlier sentences said about the sense of
 * an ambiguous form (its collocates, the subject fields of the terms around it) is forgotten.
 * sel_tagger_tag() takes its text as one document and calls this itself.
 */
void sel_tagger_new_document(sel_tagger *t);

/**
 * The aligned translation of the sentences tagged next (@p target NULL: none), copied: a concept
 * whose equivalent it holds is the sense an ambiguous form gets.
 */
int sel_tagger_set_translation(sel_tagger *t, sel_ctx *ctx, const char *target, size_t len);

/**
 * Reorders @p concepts (stable) by how strongly @p sentence points to each as the sense meant,
 * best first: `lookup --context`. Unless NULL, @p attributive[i] then says whether the sentence
 * has concepts[i] as a modifier (sel_term_match's attributive: "pasukan Israel").
 */
int sel_tagger_rank_senses(sel_tagger *t, sel_ctx *ctx, const char *sentence, const struct sel_concept **concepts,
                           size_t n, bool *attributive);

/* ---- Looking terms up ----------------------------------------------------------------------- */

/** How a lookup result matched, best first. */
enum sel_match_kind {
    SEL_MATCH_EXACT,     ///< the term as typed (any case, unless the term is case-sensitive)
    SEL_MATCH_INFLECTED, ///< another form of the term: clitics, voice, reduplication, plural
    SEL_MATCH_FAMILY,    ///< a word of the same root, shown as related
    SEL_MATCH_FUZZY,     ///< a misspelling of the term
    SEL_MATCH_GENERAL,   ///< general vocabulary (imported dictionaries)
};
const char *sel_match_kind_name(enum sel_match_kind kind);

struct sel_lookup_result {
    enum sel_match_kind kind;
    const struct sel_concept *concept; ///< borrowed from the termbase
    const struct sel_term *term;       ///< the term in the query's language that matched
    unsigned distance;                 ///< edits between the query and the term's text (17: more than 16)
    /// With a context sentence: the sentence has the concept as a modifier ("pasukan Israel"), so
    /// its equivalents are shown as for that occurrence (sel_match_equivalents()).
    bool attributive;
};

/** Looks up words and phrases of one language in a termbase it borrows. Not thread-safe. */
typedef struct sel_lookup sel_lookup;

int sel_lookup_new(sel_lookup **out, sel_ctx *ctx, const sel_termbase *tb, const char *from_lang);
void sel_lookup_free(sel_lookup *lk);
/**
 * The concepts matching @p query, best first, borrowed until the next query. Only exact matches
 * when there are any (no dictionary is loaded for them); else inflected, family and fuzzy ones.
 */
int sel_lookup_query(sel_lookup *lk, sel_ctx *ctx, const char *query, const struct sel_lookup_result **results,
                     size_t *n);
/**
 * The sentence the next queries come from (copied; NULL: none): among the concepts a query
 * matches, the one the sentence points to comes first (see sel_tagger_rank_senses()).
 */
int sel_lookup_set_context(sel_lookup *lk, sel_ctx *ctx, const char *sentence);
/** Up to @p max termbase terms near @p query ("did you mean"), borrowed from the termbase. */
size_t sel_lookup_suggest(sel_lookup *lk, const char *query, const char **out, size_t max);

/** The analysed tokens of [start, end), borrowed until the tagger's next call. */
int sel_tagger_tokens(sel_tagger *t, sel_ctx *ctx, const char *text, size_t start, size_t end,
                      const struct sel_token **tokens, size_t *n);

#endif
