// SPDX-License-Identifier: MIT
// selaras: git-style dispatch to one subcommand per file.
#include "src/cli/cli.h"
#include "sel_config.h"

#include <getopt.h>
#include <locale.h>
#include <string.h>

void cli_print_main_help(FILE *out)
{
    fputs("Usage: selaras [--version] [--help] COMMAND [ARGS...]\n"
          "\n"
          "Aligned Indonesian-English terminology and parallel data from political and military news.\n"
          "\n"
          "Commands:\n", out);
    for (const struct cli_command *c = cli_commands; c->name; c++)
        fprintf(out, "  %-12s %s\n", c->name, c->summary);
    fputs("\nRun 'selaras help COMMAND' or 'selaras COMMAND --help' for a command's options.\n", out);
}

int main(int argc, char **argv)
{
    setlocale(LC_CTYPE, "C.UTF-8");
    static const struct option long_opts[] = {
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    // '+' stops at the first non-option, so the subcommand keeps its own options.
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "+hV", long_opts, NULL)) != -1) {
        switch (opt) {
        case 'h':
            cli_print_main_help(stdout);
            return 0;
        case 'V':
            printf("selaras %s\n", SEL_VERSION);
            return 0;
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
    // Each command parses its own argv with getopt_long from index 1.
    int sub_argc = argc - optind;
    char **sub_argv = argv + optind;
    optind = 0; // 0, not 1: glibc then starts afresh and forgets the '+' mode used above
    opterr = 1;
    int status = cmd->run(cmd, sub_argc, sub_argv);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "selaras: error writing standard output\n");
        return EXIT_USAGE;
    }
    return status;
}
