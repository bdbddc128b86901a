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

/** TBX-Basic partOfSpeech picklist. */
enum sel_pos { SEL_POS_NOUN, SEL_POS_VERB, SEL_POS_ADJECTIVE, SEL_POS_ADVERB, SEL_POS_PROPER_NOUN,
               SEL_POS_OTHER, SEL_POS_COUNT };
/** TBX-Basic termType picklist. */
enum sel_term_type { SEL_TYPE_FULL_FORM, SEL_TYPE_ACRONYM, SEL_TYPE_ABBREVIATION,
                     SEL_TYPE_SHORT_FORM, SEL_TYPE_VARIANT, SEL_TYPE_PHRASE, SEL_TYPE_COUNT };
/** TBX-Basic administrativeStatus picklist. */
enum sel_term_status { SEL_STATUS_PREFERRED, SEL_STATUS_ADMITTED, SEL_STATUS_DEPRECATED,
                       SEL_STATUS_COUNT };

/** The names used in the source files and in TBX for each picklist value. */
const char *sel_pos_name(enum sel_pos pos);
const char *sel_term_type_name(enum sel_term_type type);
const char *sel_term_status_name(enum sel_term_status status);

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
    const char *file;              ///< source file it was read from
    long line;                     ///< line of its `concept:` line
    struct sel_term *terms;
    size_t n_terms;
};

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

size_t sel_termbase_concept_count(const sel_termbase *tb);
/** The @p i-th concept in reading order, borrowed. */
const struct sel_concept *sel_termbase_concept(const sel_termbase *tb, size_t i);

#endif
