// SPDX-License-Identifier: MIT
/**
 * @file discover.h
 * Term discovery: new Indonesian terms and their English equivalents, found in the aligned
 * translations of the user's database.
 *
 * Candidates are runs of 1 to 5 words of the Indonesian side that cross no punctuation, function
 * word, number or date word, grouped by their lemma sequence (every inflected and clitic form
 * counts for one candidate) and ranked by termhood: C-value (Frantzi et al. 2000) contrasted
 * with a general-language reference (`lexicon/general/id.txt`). Candidates the termbase already
 * has, or that the user rejected, are left out. Their English equivalents come from a word
 * alignment of the beads (align/align.h, sel_word_aligner) trained on lemmas in both directions
 * with the termbase's confirmed pairs (and names and loanwords spelt alike on both sides) as anchors, by phrase
 * extraction over the symmetrised links; each has a count, a Dice coefficient and an example bead.
 *
 * Ownership: a sel_discovery owns every string reachable from it; they are borrowed and valid
 * until sel_discovery_free(). Values returned through `**out` are owned by the caller.
 */
#ifndef SEL_DISCOVER_H
#define SEL_DISCOVER_H

#include "lexicon/lexicon.h"
#include "src/core/core.h"
#include "src/store/store.h"

/** How far a run has come: called at each stage and every few thousand beads. */
typedef void (*sel_discover_progress_fn)(void *user, const char *stage, size_t done, size_t total);

/** How discovery runs. Start from sel_discover_options_default(). */
struct sel_discover_options {
    long min_count;                    ///< occurrences a candidate needs (default 3)
    const char *subject_hint;          ///< a subject field whose company raises a candidate's rank, or NULL
    int iterations;                    ///< EM passes of the word alignment (default 5)
    const char *const *rejected;       ///< candidate keys never to propose (sel_discover_key()), or NULL
    size_t n_rejected;
    const char *general_path;          ///< the general-language reference; NULL: the bundled one
    sel_discover_progress_fn progress; ///< or NULL
    void *progress_user;
};

void sel_discover_options_default(struct sel_discover_options *opts);

/** Up to this many English equivalents per candidate. */
#define SEL_DISCOVER_MAX_EQUIV 3

/** An English equivalent of a candidate, with its evidence. */
struct sel_discover_equivalent {
    const char *text;        ///< as the translations write it
    long count;              ///< beads in which it was aligned with the candidate
    double dice;             ///< 2 * count / (candidate's beads + equivalent's beads)
    const char *example_src; ///< the first such bead: its Indonesian side
    const char *example_tgt; ///< and its English side
};

/** A term candidate. */
struct sel_discover_candidate {
    const char *term;        ///< its most frequent form as written
    const char *key;         ///< its lemmas, lowercased, joined by SEL_KEY_SEP (what a rejection stores)
    double score;            ///< termhood: C-value times the general-language contrast, the shape and spread of
                             ///< its occurrences (candidates.c), the subject hint, how consistently it is
                             ///< translated (the share of its occurrences its equivalents cover) and how much
                             ///< of the termbase's English vocabulary its best equivalent shares
    double cvalue;           ///< C-value alone
    long count;              ///< occurrences in aligned beads
    struct sel_discover_equivalent equiv[SEL_DISCOVER_MAX_EQUIV]; ///< best first
    size_t n_equiv;
    const char *example_src; ///< an example bead: the first with the best equivalent, else the first
    const char *example_tgt;
};

typedef struct sel_discovery sel_discovery;

/**
 * Discovers term candidates in the aligned documents of @p st, leaving out what @p tb has (the
 * bundled termbase with the user's terms). Reads the database in one snapshot.
 * @return SEL_OK (possibly with no candidate), SEL_ENOTFOUND (language data, Hunspell
 * dictionary or the general-language reference missing), SEL_EPARSE, SEL_ESQLITE, SEL_ENOMEM.
 */
int sel_discover_run(sel_discovery **out, sel_ctx *ctx, sel_store *st, const sel_termbase *tb,
                     const struct sel_discover_options *opts);
void sel_discovery_free(sel_discovery *d);
/** Candidates, best first. */
size_t sel_discovery_count(const sel_discovery *d);
const struct sel_discover_candidate *sel_discovery_candidate(const sel_discovery *d, size_t i);

/** What a run read: beads with both sides, and how big its word-alignment model grew. */
struct sel_discovery_stats {
    size_t beads, src_tokens, tgt_tokens, model_pairs, ngrams;
};
void sel_discovery_stats(const sel_discovery *d, struct sel_discovery_stats *out);

/**
 * The candidate key of @p term (the lowercased lemmas of its words joined by SEL_KEY_SEP, a
 * hyphenated compound as its words) into @p key, as sel_discover_run() makes them; "" when
 * @p term has no word. @p an is an Indonesian analyzer (its compound setting is restored).
 */
int sel_discover_key(sel_analyzer *an, sel_ctx *ctx, const char *term, char *key, size_t size);

#endif
