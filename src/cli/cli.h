// SPDX-License-Identifier: MIT
// The command-line front end: one file per subcommand, dispatched from the table in commands.c.
#ifndef SEL_CLI_H
#define SEL_CLI_H

#include "src/core/core.h"

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
/** Parses a whole non-negative integer for option @p opt; reports misuse and returns false. */
bool cli_parse_count(const struct cli_command *cmd, const char *opt, const char *arg, long *out);
/**
 * The index of @p arg among the NULL-terminated @p choices of option @p opt; -1 after reporting
 * misuse as `invalid argument "ARG" for OPT; should be a, b or c`.
 */
int cli_parse_choice(const struct cli_command *cmd, const char *opt, const char *arg, const char *const *choices);

/** What a command does with one input text; returns a status (0 to go on). */
typedef int (*cli_text_fn)(void *user, sel_ctx *ctx, const struct sel_text *text);

/**
 * Reads each file of argv[first..argc) — standard input when there is none, "-" for it too —
 * with sel_text_read() and hands it to @p fn; stops at the first failure and returns its status.
 */
int cli_each_text(sel_ctx *ctx, int argc, char **argv, int first, cli_text_fn fn, void *user);

/** Prints the top-level help (the command list). */
void cli_print_main_help(FILE *out);

int cmd_help(const struct cli_command *cmd, int argc, char **argv);
int cmd_align(const struct cli_command *cmd, int argc, char **argv);
int cmd_check(const struct cli_command *cmd, int argc, char **argv);
int cmd_analyze(const struct cli_command *cmd, int argc, char **argv);
int cmd_segment(const struct cli_command *cmd, int argc, char **argv);
int cmd_concordance(const struct cli_command *cmd, int argc, char **argv);
int cmd_glossary(const struct cli_command *cmd, int argc, char **argv);
int cmd_ingest(const struct cli_command *cmd, int argc, char **argv);
int cmd_lookup(const struct cli_command *cmd, int argc, char **argv);
int cmd_tag(const struct cli_command *cmd, int argc, char **argv);
int cmd_lexicon(const struct cli_command *cmd, int argc, char **argv);
int cmd_lexicon_import(const struct cli_command *cmd, int argc, char **argv);
int cmd_export(const struct cli_command *cmd, int argc, char **argv);
int cmd_merge(const struct cli_command *cmd, int argc, char **argv);
extern const char cmd_merge_usage[];

#endif
