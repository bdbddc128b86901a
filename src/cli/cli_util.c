// SPDX-License-Identifier: MIT
// Helpers every subcommand uses to speak to the user the same way, and the one parser for each
// kind of option value: user input is checked here, where it enters, so that no library
// precondition (an assert in a debug build) is ever reached by what a user typed.
#include "src/cli/cli.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

// Reports an invalid value @p arg of @p opt, saying what it should be; returns false. The value is
// quoted when it is short, well-formed UTF-8 (a terminal shows it as typed); otherwise described.
static bool invalid(const struct cli_command *cmd, const char *opt, const char *arg, const char *should)
{
    size_t len = strlen(arg);
    long bad = sel_utf8_find_invalid(arg, len, false);
    if (bad >= 0) {
        cli_usage_error(cmd, "invalid argument for %s (invalid UTF-8 at byte %ld); should be %s", opt, bad, should);
    } else if (len <= 40) {
        cli_usage_error(cmd, "invalid argument \"%s\" for %s; should be %s", arg, opt, should);
    } else {
        size_t cut = 40;
        while (cut > 0 && ((unsigned char)arg[cut] & 0xC0) == 0x80) // not inside a character
            cut--;
        cli_usage_error(cmd, "invalid argument \"%.*s…\" (%zu bytes) for %s; should be %s", (int)cut, arg, len, opt,
                        should);
    }
    return false;
}

bool cli_parse_count(const struct cli_command *cmd, const char *opt, const char *arg, long *out)
{
    // strtol alone would take leading blanks, a sign and "0x"; a count is plain digits
    if (*arg < '0' || *arg > '9')
        return invalid(cmd, opt, arg, "a whole number >= 0");
    char *end = NULL;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (*end)
        return invalid(cmd, opt, arg, "a whole number >= 0");
    if (errno == ERANGE) {
        char should[64];
        snprintf(should, sizeof(should), "a whole number from 0 to %ld", LONG_MAX);
        return invalid(cmd, opt, arg, should);
    }
    *out = v;
    return true;
}

bool cli_parse_jobs(const struct cli_command *cmd, const char *opt, const char *arg, unsigned *out)
{
    static const char should[] = "a number of worker threads from 1 to " CLI_STR(CLI_JOBS_MAX);
    bool digits = *arg >= '1' && *arg <= '9' && strspn(arg, "0123456789") == strlen(arg);
    if (!digits || strlen(arg) > 3 || atoi(arg) > CLI_JOBS_MAX)
        return invalid(cmd, opt, arg, should);
    *out = (unsigned)atoi(arg);
    return true;
}

bool cli_parse_real(const struct cli_command *cmd, const char *opt, const char *arg, double min, double max,
                    double *out)
{
    char should[96];
    if (max < HUGE_VAL)
        snprintf(should, sizeof(should), "a number from %g to %g", min, max);
    else
        snprintf(should, sizeof(should), "a number >= %g", min);
    // decimal only: strtod would also take blanks, "nan", "inf" and hexadecimal
    if (!((*arg >= '0' && *arg <= '9') || *arg == '.') || arg[strspn(arg, "0123456789.eE+-")])
        return invalid(cmd, opt, arg, should);
    char *end = NULL;
    errno = 0;
    double v = strtod(arg, &end);
    if (end == arg || *end || errno == ERANGE || !isfinite(v) || v < min || v > max)
        return invalid(cmd, opt, arg, should);
    *out = v;
    return true;
}

// Whether @p code has the shape of a BCP-47 tag the library can hold: a primary subtag of 2 or 3
// letters, then subtags of 1 to 8 letters or digits, at most SEL_CLI_LANG_MAX bytes in all.
static bool lang_shape(const char *code)
{
    size_t len = strlen(code), primary = strspn(code, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    if (len > CLI_LANG_MAX || primary < 2 || primary > 3)
        return false;
    for (const char *p = code + primary; *p;) {
        if (*p++ != '-')
            return false;
        size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
        if (n < 1 || n > 8)
            return false;
        p += n;
    }
    return true;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

// "en, id": the languages with rules in the data folder @p dir (lang/CODE/), sorted.
static void known_languages(const char *dir, char *out, size_t size)
{
    char *names[32];
    size_t n = 0;
    DIR *d = dir ? opendir(dir) : NULL;
    for (struct dirent *e; d && n < 32 && (e = readdir(d));)
        if (e->d_name[0] != '.' && (names[n] = strdup(e->d_name)))
            n++;
    if (d)
        closedir(d);
    qsort(names, n, sizeof(*names), compare_names);
    *out = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s%s", i ? ", " : "", names[i]);
        free(names[i]);
    }
}

bool cli_parse_lang(const struct cli_command *cmd, const char *opt, const char *arg)
{
    char *dir = sel_data_path("lang");
    bool ok = dir && lang_shape(arg);
    if (ok) {
        char path[PATH_MAX];
        struct stat st;
        snprintf(path, sizeof(path), "%s/%s", dir, arg);
        ok = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    }
    if (!ok) {
        char known[128], should[192];
        known_languages(dir, known, sizeof(known));
        snprintf(should, sizeof(should), "a language code (BCP-47) selaras has rules for: %s",
                 *known ? known : "none found");
        invalid(cmd, opt, arg, should);
    }
    free(dir);
    return ok;
}

bool cli_parse_text(const struct cli_command *cmd, const char *opt, const char *arg)
{
    static const char should[] = "text in UTF-8, not empty, on one line, at most " CLI_STR(CLI_TEXT_MAX) " bytes";
    size_t len = strlen(arg);
    if (len == 0 || len > CLI_TEXT_MAX || sel_utf8_find_invalid(arg, len, false) >= 0)
        return invalid(cmd, opt, arg, should);
    for (const unsigned char *p = (const unsigned char *)arg; *p; p++)
        if (*p < 0x20 || *p == 0x7F)
            return invalid(cmd, opt, arg, should);
    return true;
}

bool cli_parse_path(const struct cli_command *cmd, const char *opt, const char *arg)
{
    // UTF-8 because the path is written into messages, JSON and (for --db) given to SQLite,
    // whose file names are UTF-8
    size_t len = strlen(arg);
    if (len == 0 || len >= PATH_MAX || sel_utf8_find_invalid(arg, len, false) >= 0)
        return invalid(cmd, opt, arg, "a path in UTF-8, not empty, shorter than " CLI_STR(PATH_MAX) " bytes");
    return true;
}

int cli_choice_index(const char *arg, const char *const *choices)
{
    for (size_t n = 0; choices[n]; n++)
        if (strcmp(arg, choices[n]) == 0)
            return (int)n;
    return -1;
}

int cli_parse_choice(const struct cli_command *cmd, const char *opt, const char *arg, const char *const *choices)
{
    int found = cli_choice_index(arg, choices);
    if (found >= 0)
        return found;
    size_t n = 0;
    while (choices[n])
        n++;
    char list[256] = "";
    for (size_t i = 0; i < n; i++)
        snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
                 choices[i]);
    invalid(cmd, opt, arg, list);
    return -1;
}

size_t cli_piece_bytes(void)
{
    // SELARAS_PIECE_BYTES: a smaller piece, so tests can show that pieces change no output
    const char *env = getenv("SELARAS_PIECE_BYTES");
    char *end = NULL;
    unsigned long long piece = env ? strtoull(env, &end, 10) : 0;
    if (!env || *end || piece < 64 || piece > SEL_TEXT_PIECE)
        piece = SEL_TEXT_PIECE;
    return (size_t)piece;
}

int cli_each_text(sel_ctx *ctx, int argc, char **argv, int first, cli_text_fn fn, void *user)
{
    static char *stdin_only[] = { "-" };
    char **files = first < argc ? argv + first : stdin_only;
    int n = first < argc ? argc - first : 1;
    size_t piece = cli_piece_bytes();
    for (int i = 0; i < n; i++) {
        sel_text_stream *s = NULL;
        int rc = sel_text_stream_open(&s, ctx, files[i], (size_t)piece);
        struct sel_text piece;
        while (rc == SEL_OK && (rc = sel_text_stream_next(s, ctx, &piece)) == 1)
            rc = fn(user, ctx, &piece);
        sel_text_stream_close(s);
        if (rc < 0 || rc > 1) // fn's status, or the stream's error
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

int cli_open_existing_store(sel_store **out, sel_ctx *ctx, const char *db)
{
    *out = NULL;
    char *path = sel_store_path(db);
    if (!path)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    struct stat sb;
    int rc = SEL_OK;
    if (db || stat(path, &sb) == 0) // a database named with --db must exist; the default may not
        rc = sel_store_open(out, ctx, path, false);
    free(path);
    return rc;
}

int cli_open_termbase(sel_termbase **out, sel_ctx *ctx, sel_store *st)
{
    int rc = sel_termbase_open_bundled(out, ctx);
    if (rc == SEL_OK && st && (rc = sel_termbase_add_user(*out, ctx, st)) != SEL_OK) {
        sel_termbase_free(*out);
        *out = NULL;
    }
    return rc;
}
