// SPDX-License-Identifier: MIT
// Helpers every subcommand uses to speak to the user the same way.
#include "src/cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void cli_print_usage(const struct cli_command *cmd, FILE *out)
{
    const char *p = cmd->usage;
    bool synopsis = true;
    bool first = true;
    while (*p) {
        size_t n = strcspn(p, "\n");
        if (n == 0)
            synopsis = false;
        if (synopsis)
            fprintf(out, "%s%.*s\n", first ? "Usage: " : "       ", (int)n, p);
        else
            fprintf(out, "%.*s\n", (int)n, p);
        first = false;
        p += n;
        if (*p == '\n')
            p++;
    }
    if (synopsis)
        fputc('\n', out);
    fprintf(out, "%s%s.\n", synopsis ? "" : "\n", cmd->summary);
}

int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
    fprintf(stderr, "selaras %s: ", cmd->name);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'selaras %s --help'.\n", cmd->name);
    return EXIT_USAGE;
}

int cli_report(sel_ctx *ctx)
{
    const char *msg = sel_ctx_errmsg(ctx);
    fprintf(stderr, "selaras: %s\n", *msg ? msg : sel_strerror(sel_ctx_status(ctx)));
    return EXIT_USAGE;
}

bool cli_parse_count(const struct cli_command *cmd, const char *opt, const char *arg, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (errno || end == arg || *end || v < 0) {
        cli_usage_error(cmd, "invalid argument \"%s\" for %s; should be a whole number >= 0", arg, opt);
        return false;
    }
    *out = v;
    return true;
}

int cli_parse_choice(const struct cli_command *cmd, const char *opt, const char *arg, const char *const *choices)
{
    size_t n = 0;
    for (; choices[n]; n++)
        if (strcmp(arg, choices[n]) == 0)
            return (int)n;
    char list[256] = "";
    for (size_t i = 0; i < n; i++)
        snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
                 choices[i]);
    cli_usage_error(cmd, "invalid argument \"%s\" for %s; should be %s", arg, opt, list);
    return -1;
}

int cli_each_text(sel_ctx *ctx, int argc, char **argv, int first, cli_text_fn fn, void *user)
{
    static char *stdin_only[] = { "-" };
    char **files = first < argc ? argv + first : stdin_only;
    int n = first < argc ? argc - first : 1;
    for (int i = 0; i < n; i++) {
        struct sel_text text;
        int rc = sel_text_read(&text, ctx, files[i]);
        if (rc == SEL_OK)
            rc = fn(user, ctx, &text);
        sel_text_finish(&text);
        if (rc != SEL_OK)
            return rc;
    }
    return SEL_OK;
}

int cmd_help(const struct cli_command *cmd, int argc, char **argv)
{
    if (argc > 2)
        return cli_usage_error(cmd, "too many arguments");
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        cli_print_usage(cmd, stdout);
        return 0;
    }
    if (argc < 2) {
        cli_print_main_help(stdout);
        return 0;
    }
    const struct cli_command *target = cli_find_command(argv[1]);
    if (!target) {
        const char *hint = cli_suggest_command(argv[1]);
        fprintf(stderr, "selaras help: no command \"%s\"%s%s%s\n", argv[1], hint ? "; did you mean \"" : "",
                hint ? hint : "", hint ? "\"?" : "");
        return EXIT_USAGE;
    }
    cli_print_usage(target, stdout);
    return 0;
}
