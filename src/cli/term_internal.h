// SPDX-License-Identifier: MIT
// Internal to `selaras term`: what its actions share (cmd_term.c: options, the database and the
// termbase, retag, finding a term) and the actions themselves, one file per group: editing
// (cmd_term.c), listing (cmd_term_list.c), reviewing discovered candidates (cmd_term_review.c).
#ifndef SEL_CLI_TERM_INTERNAL_H
#define SEL_CLI_TERM_INTERNAL_H

#include "src/cli/cli.h"

struct term_options {
    const char *db, *concept, *subject, *note, *definition, *lang;
    int format; // list: 0 text, 1 tsv, 2 json
    bool no_retag; // leave the stored documents as they were tagged
};

/** The database and the termbase an action works on. */
struct term_run {
    sel_ctx *ctx;
    sel_store *st;
    sel_termbase *tb;
};

/** A term of the termbase, with its concept. */
struct found_term {
    const struct sel_concept *concept;
    const struct sel_term *term;
};

/**
 * Parses the options of one action (argv[0] is its name); an option not named in @p allowed (a
 * space-separated list) is refused. @return -1 to go on, else the exit status (help, misuse).
 */
int term_parse_options(const struct cli_command *cmd, int argc, char **argv, const char *allowed,
                       struct term_options *o);
/** Whether @p s holds a word (a letter or digit): "—" or "..." is never a term. */
bool term_has_word(const char *s);
/** A term argument: text (cli_parse_text()) holding a word; reports misuse and returns false if not. */
bool term_parse_word(const struct cli_command *cmd, const char *what, const char *arg);
/** A new user concept's id for Indonesian term @p term: "user." and the term, lowercased, dashed. */
void term_concept_id(const char *term, char *out, size_t size);
/** Opens the database (@p create: made if missing; else only an existing one) and the termbase. */
int term_open(struct term_run *r, const char *db, bool create);
/** Reports an error (when @p status is EXIT_USAGE), frees @p r, and returns @p status. */
int term_close(struct term_run *r, int status);
/**
 * Ends the change whose transaction is open (@p rc: its status so far): with @p retag, the
 * ingested documents are first tagged again with the termbase as the change leaves it (unless
 * --no-retag); then commits, or on any failure rolls back. @return the status.
 */
int term_commit(struct term_run *r, const struct term_options *o, int rc, bool retag);
/** The terms spelt @p text (ASCII case ignored), of @p lang and @p concept when given; up to @p max; returns how many. */
size_t term_find(const sel_termbase *tb, const char *text, const char *lang, const char *concept,
                 struct found_term *out, size_t max);

int term_add(const struct cli_command *cmd, int argc, char **argv);
int term_deprecate(const struct cli_command *cmd, int argc, char **argv);
int term_remove(const struct cli_command *cmd, int argc, char **argv);
int term_list(const struct cli_command *cmd, int argc, char **argv);
int term_accept(const struct cli_command *cmd, int argc, char **argv);
int term_reject(const struct cli_command *cmd, int argc, char **argv);

#endif
