// SPDX-License-Identifier: MIT
// selaras: git-style dispatch to one subcommand per file.
#include "src/cli/cli.h"
#include "sel_config.h"

#include <getopt.h>
#include <signal.h>
#include <locale.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>

void cli_print_main_help(FILE *out)
{
    fputs("Usage: selaras [--version] [--help] [--db PATH] [--lang L] COMMAND [ARGS...]\n"
          "\n"
          "Aligned Indonesian-English terminology and parallel data from political and military news.\n"
          "\n"
          "Commands:\n", out);
    for (const struct cli_command *c = cli_commands; c->name; c++)
        fprintf(out, "  %-12s %s\n", c->name, c->summary);
    fputs("\n--db and --lang before the command work as they do after it, for the commands that take them.\n"
          "Run 'selaras help COMMAND' or 'selaras COMMAND --help' for a command's options.\n", out);
}

// Whether @p cmd takes option @p opt ("--db"): its usage lists it.
static bool takes_option(const struct cli_command *cmd, const char *opt)
{
    for (const char *p = strstr(cmd->usage, opt); p; p = strstr(p + 1, opt))
        if (p[strlen(opt)] == ' ')
            return true;
    return false;
}

/*
 * The command's arguments with the global options (--db X, --lang L given before the command) put
 * in, so that the command parses and checks them itself, as if they had been given to it. They
 * go after the leading words (an action such as 'export glossary', a TERM) and before the first
 * option, so an option given after the command still wins. NULL when out of memory.
 */
static char **with_globals(int argc, char **argv, char *const *globals, int n_globals)
{
    char **out = malloc(((size_t)argc + (size_t)n_globals + 1) * sizeof(*out));
    if (!out)
        return NULL;
    int at = 1;
    while (at < argc && argv[at][0] != '-')
        at++;
    if (at < argc && (strcmp(argv[at], "--help") == 0 || strcmp(argv[at], "-h") == 0))
        at++; // 'export --help' is answered before any option is parsed
    int n = 0;
    for (int i = 0; i < at; i++)
        out[n++] = argv[i];
    for (int i = 0; i < n_globals; i++)
        out[n++] = globals[i];
    for (int i = at; i < argc; i++)
        out[n++] = argv[i];
    out[n] = NULL;
    return out;
}

#if defined(__SANITIZE_ADDRESS__)
#define BUILT_WITH_ASAN true
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BUILT_WITH_ASAN true
#endif
#endif
#ifndef BUILT_WITH_ASAN
#define BUILT_WITH_ASAN false
#endif

bool cli_free_at_exit = BUILT_WITH_ASAN;

int main(int argc, char **argv)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    const char *free_at_exit = getenv("SELARAS_FREE_AT_EXIT");
    if (free_at_exit && *free_at_exit)
        cli_free_at_exit = true;
    // Past a file size limit a write fails with EFBIG instead of killing the process, so that an
    // output is discarded cleanly (src/core/output.c) rather than left half-written.
    signal(SIGXFSZ, SIG_IGN);
#ifdef __GLIBC__
    // A fixed threshold: glibc otherwise raises it to the size of each large block freed (up to
    // 32 MB), so the next pieces of a streamed input (4 MB each, with their sentence and token
    // arrays) come from the heap, among the small blocks that live on (SQLite's pages, analyses),
    // and the heap cannot shrink: `ingest` of 50 MB then peaked 12 MB above `ingest` of 5 MB.
    // 1 MB, not glibc's starting 128 KB: with that, the blocks between the two that the workers of
    // `ingest --jobs 2` take and give back for each document were mapped and unmapped each time,
    // and the run took a fifth longer.
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
    enum { OPT_DB = 256, OPT_LANG };
    static const struct option long_opts[] = {
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { "db", required_argument, NULL, OPT_DB },
        { "lang", required_argument, NULL, OPT_LANG },
        { NULL, 0, NULL, 0 },
    };
    // The global options, as the command will be given them: "--db", PATH, "--lang", L.
    static const char *const global_names[] = { "--db", "--lang" };
    char *globals[4];
    const char *global_values[2] = { NULL, NULL };
    // '+' stops at the first non-option, so the subcommand keeps its own options; ':' first
    // tells a missing value (':') from an unknown option ('?').
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "+:hV", long_opts, NULL)) != -1) {
        switch (opt) {
        case 'h':
            cli_print_main_help(stdout);
            return 0;
        case 'V':
            printf("selaras %s\n", SEL_VERSION);
            return 0;
        case OPT_DB:
        case OPT_LANG:
            global_values[opt - OPT_DB] = optarg; // the last one given wins, as after a command
            break;
        case ':':
            fprintf(stderr, "selaras: option '%s' needs a value\n", argv[optind - 1]);
            cli_print_main_help(stderr);
            return EXIT_USAGE;
        default:
            fprintf(stderr, "selaras: unknown option '%s'\n", argv[optind - 1]);
            cli_print_main_help(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_print_main_help(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[optind];
    const struct cli_command *cmd = cli_find_command(name);
    if (!cmd) {
        const char *hint = cli_suggest_command(name);
        fprintf(stderr, "selaras: '%s' is not a selaras command.", name);
        if (hint)
            fprintf(stderr, " Did you mean '%s'?", hint);
        fputs(" See 'selaras --help'.\n", stderr);
        return EXIT_USAGE;
    }
    int n_globals = 0;
    for (int i = 0; i < 2; i++) {
        if (!global_values[i])
            continue;
        if (!takes_option(cmd, global_names[i])) {
            fprintf(stderr, "selaras: '%s' does not take %s. See 'selaras %s --help'.\n", name, global_names[i], name);
            return EXIT_USAGE;
        }
        globals[n_globals++] = (char *)global_names[i];
        globals[n_globals++] = (char *)global_values[i];
    }
    // Each command parses its own argv with getopt_long from index 1.
    int sub_argc = argc - optind + n_globals;
    char **sub_argv = n_globals ? with_globals(argc - optind, argv + optind, globals, n_globals) : argv + optind;
    if (!sub_argv) {
        fputs("selaras: out of memory\n", stderr);
        return EXIT_USAGE;
    }
    optind = 0; // 0, not 1: glibc then starts afresh and forgets the '+' mode used above
    opterr = 1;
    int status = cmd->run(cmd, sub_argc, sub_argv);
    if (n_globals)
        free(sub_argv);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "selaras: error writing standard output\n");
        return EXIT_USAGE;
    }
    return status;
}
