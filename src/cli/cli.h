// SPDX-License-Identifier: MIT
// The command-line front end: one file per subcommand, dispatched from the table in commands.c.
#ifndef SEL_CLI_H
#define SEL_CLI_H

#include "lexicon/lexicon.h"
#include "src/core/core.h"
#include "src/store/store.h"

#include <stdio.h>

/** Exit statuses, as grep has them: 1 is "nothing found / problems found", 2 is misuse or bad input. */
enum { EXIT_FOUND_NOTHING = 1, EXIT_USAGE = 2 };

struct cli_command {
    const char *name;
    int (*run)(const struct cli_command *cmd, int argc, char **argv);
    const char *summary; ///< one line for `selaras --help`
    const char *usage;   ///< synopsis and options for `selaras CMD --help` (kept in step with docs/selaras.1)
};

extern const struct cli_command cli_commands[];
const struct cli_command *cli_find_command(const char *name);
/** The command name closest to @p name by edit distance, or NULL if none is close. */
const char *cli_suggest_command(const char *name);

/** Prints the usage of @p cmd to @p out ("Usage: selaras NAME ..."). */
void cli_print_usage(const struct cli_command *cmd, FILE *out);
/** Reports misuse of @p cmd on stderr, with a pointer to --help; returns EXIT_USAGE. */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/** Prints "selaras: MESSAGE" for the last error of @p ctx; returns EXIT_USAGE. */
int cli_report(sel_ctx *ctx);

/**
 * Whether a command frees what it made before it exits. The process ends right after, and the
 * system takes everything back faster than free() can (Hunspell's dictionary is 200,000
 * allocations), so by default it does not; builds with AddressSanitizer, and runs with
 * SELARAS_FREE_AT_EXIT set (for valgrind), do, so that leak checks still see every allocation.
 */
extern bool cli_free_at_exit;
/*
 * The parsers of option values, one for each kind. Each checks @p arg, the value of option @p opt
 * (named in the message), and on bad input reports misuse (`invalid argument "ARG" for OPT;
 * should be ...`, exit status EXIT_USAGE) and returns false (-1 for a choice). A command parses
 * every option before it opens a database, so a bad value never leaves one behind.
 */
#define CLI_STR_(x) #x
#define CLI_STR(x) CLI_STR_(x)
/** Longest language code, in bytes (the library keeps codes in 16-byte buffers). */
#define CLI_LANG_MAX 15
/** Longest value of a free-text option (a title, a subject field), in bytes. */
#define CLI_TEXT_MAX 1000

/** A whole number >= 0, digits only (no sign, blank or hexadecimal), that fits a long. */
bool cli_parse_count(const struct cli_command *cmd, const char *opt, const char *arg, long *out);
/** Most worker threads a command takes (--jobs). */
#define CLI_JOBS_MAX 256
/** A number of worker threads (--jobs): digits only, from 1 to CLI_JOBS_MAX. */
bool cli_parse_jobs(const struct cli_command *cmd, const char *opt, const char *arg, unsigned *out);
/** A finite decimal number in [@p min, @p max] (HUGE_VAL: no upper bound); no nan, inf or hex. */
bool cli_parse_real(const struct cli_command *cmd, const char *opt, const char *arg, double min, double max,
                    double *out);
/** A BCP-47 language code of at most CLI_LANG_MAX bytes that has rules in the data folder. */
bool cli_parse_lang(const struct cli_command *cmd, const char *opt, const char *arg);
/** Free text (a title, a subject): UTF-8, not empty, no control characters, at most CLI_TEXT_MAX bytes. */
bool cli_parse_text(const struct cli_command *cmd, const char *opt, const char *arg);
/** A file name: UTF-8, not empty, shorter than PATH_MAX. */
bool cli_parse_path(const struct cli_command *cmd, const char *opt, const char *arg);
/**
 * The index of @p arg among the NULL-terminated @p choices of option @p opt; -1 after reporting
 * misuse as `invalid argument "ARG" for OPT; should be a, b or c`.
 */
int cli_parse_choice(const struct cli_command *cmd, const char *opt, const char *arg, const char *const *choices);
/** The index of @p arg among the NULL-terminated @p choices, or -1; reports nothing. */
int cli_choice_index(const char *arg, const char *const *choices);

/** What a command does with one input text; returns a status (0 to go on). */
typedef int (*cli_text_fn)(void *user, sel_ctx *ctx, const struct sel_text *text);

/**
 * Reads each file of argv[first..argc) — standard input when there is none, "-" for it too — in
 * pieces of whole lines (sel_text_stream, so memory stays flat on any size of file) and hands
 * each to @p fn; a file's first piece has offset == bom. Stops at the first failure and returns
 * its status.
 */
int cli_each_text(sel_ctx *ctx, int argc, char **argv, int first, cli_text_fn fn, void *user);
/** The size of the pieces input is read in: SEL_TEXT_PIECE, or $SELARAS_PIECE_BYTES for tests. */
size_t cli_piece_bytes(void);

/**
 * The database whose user termbase a reading command uses: @p db (NULL: the default), which must
 * exist when given; the default one only when it exists (*out is NULL then, and that is no error).
 */
int cli_open_existing_store(sel_store **out, sel_ctx *ctx, const char *db);
/** The bundled termbase with the user's entries of @p st added (@p st NULL: bundled only). */
int cli_open_termbase(sel_termbase **out, sel_ctx *ctx, sel_store *st);

/** What a command does with each input file on worker threads (cli_each_text_jobs()). */
struct cli_text_work {
    /** Makes one worker's own analysers (Hunspell and ICU objects are never shared); on the main thread. */
    int (*open)(void *shared, sel_ctx *ctx, void **state);
    /** Frees what open() made; accepts NULL. */
    void (*close)(void *state);
    /** Writes what the command prints for @p text to @p out; sets *@p printed if it printed anything. */
    int (*run)(void *state, sel_ctx *ctx, const struct sel_text *text, FILE *out, bool *printed);
    void *shared;
    /** Printed before a file's output once an earlier file printed something (NULL: nothing). */
    const char *separator;
};

/**
 * As cli_each_text(), with @p jobs worker threads: each reads files (in pieces, run() called for
 * each; a file's first piece has offset == bom) and writes their output into
 * memory, and this thread prints the outputs in input order, stopping at the first file that
 * fails as one thread does, so standard output and the error are those of @p jobs 1 (which runs
 * on this thread and prints as it goes). At most 2 × @p jobs files' outputs are held at a time.
 */
int cli_each_text_jobs(sel_ctx *ctx, int argc, char **argv, int first, unsigned jobs, const struct cli_text_work *work);
/** What one item's run() is told and tells, besides its status (cli_run_ordered()). */
struct cli_item {
    bool separate; /**< in: write the work's separator before the item's first output (true only
                        when running on the calling thread, once an earlier item printed) */
    bool began;    /**< out, true unless run() says otherwise: false when the item wrote nothing at
                        all, not even a separator (an input that could not be read) */
    bool printed;  /**< out: it printed something, so a later item's output is separated from it */
};
/** What cli_run_ordered() does with each item. */
struct cli_ordered_work {
    /** Makes one worker's own analysers (Hunspell and ICU objects are never shared); on the calling thread. */
    int (*open)(void *shared, sel_ctx *ctx, void **state);
    /** Frees what open() made; accepts what a failed open() left. */
    void (*close)(void *state);
    /** Writes item @p i's output to @p out. */
    int (*run)(void *state, sel_ctx *ctx, size_t i, FILE *out, struct cli_item *item);
    void *shared;
    /** Written before an item's output once an earlier item printed something (NULL: nothing). */
    const char *separator;
};
/**
 * Runs work->run() on items 0 to @p n - 1 with @p jobs worker threads, each writing into memory,
 * and writes the outputs to @p out in input order, stopping at the first item that fails (its
 * message on @p ctx), as @p jobs 1 does, which runs everything on this thread straight to @p out:
 * so @p out gets the same bytes either way. At most 2 × @p jobs outputs are held at a time.
 */
int cli_run_ordered(sel_ctx *ctx, size_t n, unsigned jobs, const struct cli_ordered_work *work, FILE *out);

/** One input named in a list: a file, and its translation (NULL: none). */
struct cli_input {
    const char *path, *translation;
};
/** The inputs a list names (cli_read_inputs()), with the paths it owns. */
struct cli_inputs {
    struct cli_input *items;
    size_t n;
    char **owned;
    size_t n_owned;
};
/**
 * Appends the inputs of list file @p list ("-": standard input) to @p in: a path or SRC<TAB>TGT
 * per line (with @p pairs_only, SRC<TAB>TGT alone). Blank lines are skipped; every bad line is
 * reported as LIST:LINE:COL with its byte offset, and any makes it return false.
 */
bool cli_read_inputs(sel_ctx *ctx, struct cli_inputs *in, const char *list, bool pairs_only);
void cli_inputs_finish(struct cli_inputs *in);

/** The processors this process may run on (sched_getaffinity()): the default of --jobs. */
unsigned cli_default_jobs(void);

/** Prints the top-level help (the command list). */
/**
 * Reads the evidence that orders equivalents (how often the user's aligned translations
 * confirmed each) from @p st into a new *out; @p st NULL gives empty evidence (the bundled order).
 */
int cli_read_evidence(sel_ctx *ctx, sel_store *st, sel_evidence **out);

void cli_print_main_help(FILE *out);

int cmd_help(const struct cli_command *cmd, int argc, char **argv);
int cmd_align(const struct cli_command *cmd, int argc, char **argv);
int cmd_check(const struct cli_command *cmd, int argc, char **argv);
int cmd_analyze(const struct cli_command *cmd, int argc, char **argv);
int cmd_segment(const struct cli_command *cmd, int argc, char **argv);
int cmd_concordance(const struct cli_command *cmd, int argc, char **argv);
int cmd_discover(const struct cli_command *cmd, int argc, char **argv);
int cmd_glossary(const struct cli_command *cmd, int argc, char **argv);
int cmd_ingest(const struct cli_command *cmd, int argc, char **argv);
int cmd_lookup(const struct cli_command *cmd, int argc, char **argv);
int cmd_tag(const struct cli_command *cmd, int argc, char **argv);
int cmd_lexicon(const struct cli_command *cmd, int argc, char **argv);
int cmd_lexicon_import(const struct cli_command *cmd, int argc, char **argv);
int cmd_term(const struct cli_command *cmd, int argc, char **argv);
int cmd_export(const struct cli_command *cmd, int argc, char **argv);
int cmd_merge(const struct cli_command *cmd, int argc, char **argv);
int cmd_retag(const struct cli_command *cmd, int argc, char **argv);
/**
 * Tags the stored @p lang documents of @p st again with @p tb and recomputes their confirmations:
 * in a transaction of its own, or with @p in_transaction in the caller's (which commits or rolls
 * back). Reports on standard error unless @p quiet.
 */
int cli_retag(sel_ctx *ctx, sel_store *st, const sel_termbase *tb, const char *lang, bool in_transaction, bool quiet);
extern const char cmd_merge_usage[];

#endif
