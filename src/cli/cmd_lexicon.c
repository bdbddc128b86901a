// SPDX-License-Identifier: MIT
// selaras lexicon check|stats|import: the termbase maintainer's tools.
#include "lexicon/lexicon.h"
#include "src/cli/cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct check_tally {
    size_t problems;
};

static bool print_problem(void *user, struct sel_location where, const char *message)
{
    struct check_tally *tally = user;
    tally->problems++;
    if (where.line > 0)
        printf("%s:%ld: %s\n", where.file, where.line, message);
    else
        printf("%s: %s\n", where.file, message);
    return true;
}

// Reads the named files and directories (or the bundled termbase) into @p tb.
static int read_sources(sel_termbase *tb, sel_ctx *ctx, int argc, char **argv, struct check_tally *tally)
{
    int rc = SEL_OK;
    if (argc == 0)
        return sel_termbase_read_dir(tb, ctx, NULL, tally ? print_problem : NULL, tally);
    for (int i = 0; i < argc; i++) {
        struct stat st;
        bool dir = stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode);
        int r = dir ? sel_termbase_read_dir(tb, ctx, argv[i], tally ? print_problem : NULL, tally)
                    : sel_termbase_read_file(tb, ctx, argv[i], tally ? print_problem : NULL, tally);
        if (r != SEL_OK && r != SEL_EPARSE)
            return r;
        if (rc == SEL_OK)
            rc = r;
    }
    return rc;
}

static size_t count_terms(const sel_termbase *tb)
{
    size_t n = 0;
    for (size_t i = 0; i < sel_termbase_concept_count(tb); i++)
        n += sel_termbase_concept(tb, i)->n_terms;
    return n;
}

static int run_check(sel_ctx *ctx, int argc, char **argv)
{
    sel_termbase *tb = NULL;
    struct check_tally tally = { 0 };
    int status = EXIT_USAGE;
    if (sel_termbase_new(&tb) != SEL_OK)
        goto done;
    int rc = read_sources(tb, ctx, argc, argv, &tally);
    if (rc != SEL_OK && rc != SEL_EPARSE)
        goto done; // could not read a file at all: an input error, not a finding
    sel_termbase_check(tb, print_problem, &tally);
    fprintf(stderr, "selaras lexicon check: %zu concepts, %zu terms, %zu problem%s\n",
            sel_termbase_concept_count(tb), count_terms(tb), tally.problems, tally.problems == 1 ? "" : "s");
    status = tally.problems ? EXIT_FOUND_NOTHING : 0;
done:
    if (status == EXIT_USAGE)
        cli_report(ctx);
    sel_termbase_free(tb);
    return status;
}

enum { MAX_STAT_LANGS = 8 };

struct subject_stats {
    size_t concepts;
    size_t terms[MAX_STAT_LANGS];
    size_t short_forms[MAX_STAT_LANGS];    // acronyms, abbreviations, short forms
    size_t expanded[MAX_STAT_LANGS];       // ... whose concept also has a full form in that language
};

static bool is_short_form(enum sel_term_type t)
{
    return t == SEL_TYPE_ACRONYM || t == SEL_TYPE_ABBREVIATION || t == SEL_TYPE_SHORT_FORM;
}

static size_t lang_index(const char **langs, size_t *n, const char *lang)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(langs[i], lang) == 0)
            return i;
    if (*n == MAX_STAT_LANGS)
        return MAX_STAT_LANGS - 1;
    langs[*n] = lang;
    return (*n)++;
}

static void add_concept(struct subject_stats *s, const struct sel_concept *c, const char **langs, size_t *n_langs)
{
    s->concepts++;
    for (size_t j = 0; j < c->n_terms; j++) {
        size_t l = lang_index(langs, n_langs, c->terms[j].lang);
        s->terms[l]++;
        if (!is_short_form(c->terms[j].type))
            continue;
        s->short_forms[l]++;
        for (size_t k = 0; k < c->n_terms; k++)
            if (!is_short_form(c->terms[k].type) && strcmp(c->terms[k].lang, c->terms[j].lang) == 0) {
                s->expanded[l]++;
                break;
            }
    }
}

static void print_stats_row(const char *name, const struct subject_stats *s, size_t n_langs)
{
    printf("%-14s %8zu", name, s->concepts);
    for (size_t l = 0; l < n_langs; l++)
        printf(" %9zu", s->terms[l]);
    for (size_t l = 0; l < n_langs; l++) {
        char cell[32];
        snprintf(cell, sizeof(cell), "%zu/%zu", s->expanded[l], s->short_forms[l]);
        printf(" %9s", cell);
    }
    putchar('\n');
}

static int run_stats(sel_ctx *ctx, int argc, char **argv)
{
    sel_termbase *tb = NULL;
    int status = EXIT_USAGE;
    if (sel_termbase_new(&tb) != SEL_OK)
        goto done;
    // Problems in the sources do not stop the count (`check` is for those); failures to read do.
    int rc = read_sources(tb, ctx, argc, argv, NULL);
    if (rc != SEL_OK && rc != SEL_EPARSE)
        goto done;
    if (rc == SEL_EPARSE)
        fprintf(stderr, "selaras lexicon stats: the termbase has problems; run 'selaras lexicon check'\n");
    size_t n_subjects = 0;
    while (sel_subjects[n_subjects])
        n_subjects++;
    struct subject_stats per[32] = { 0 }, total = { 0 };
    const char *langs[MAX_STAT_LANGS];
    size_t n_langs = 0;
    for (size_t i = 0; i < sel_termbase_concept_count(tb); i++) {
        const struct sel_concept *c = sel_termbase_concept(tb, i);
        for (size_t s = 0; s < n_subjects && s < 32; s++)
            if (strcmp(sel_subjects[s], c->subject) == 0)
                add_concept(&per[s], c, langs, &n_langs);
        add_concept(&total, c, langs, &n_langs);
    }
    printf("%-14s %8s", "subject", "concepts");
    for (size_t l = 0; l < n_langs; l++)
        printf(" %3s terms", langs[l]);
    for (size_t l = 0; l < n_langs; l++)
        printf(" %3s short", langs[l]);
    putchar('\n');
    for (size_t s = 0; s < n_subjects; s++)
        if (per[s].concepts)
            print_stats_row(sel_subjects[s], &per[s], n_langs);
    print_stats_row("total", &total, n_langs);
    printf("\nLANG short: acronyms, abbreviations and short forms whose concept also has a full form\n"
           "in that language / all of them (the acronym coverage).\n");
    status = 0;
done:
    if (status)
        cli_report(ctx);
    sel_termbase_free(tb);
    return status;
}

// Writes the analysed keys of the bundled termbase (meson runs this at build time).
static int run_compile(const struct cli_command *cmd, sel_ctx *ctx, int argc, char **argv)
{
    const char *output = NULL;
    for (int i = 0; i < argc; i++) {
        if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) && i + 1 < argc) {
            if (!cli_parse_path(cmd, argv[i], argv[i + 1]))
                return EXIT_USAGE;
            output = argv[++i];
        } else
            return cli_usage_error(cmd, "compile takes only -o FILE");
    }
    char *default_path = output ? NULL : sel_data_path("keys");
    sel_termbase *tb = NULL;
    int status = EXIT_USAGE;
    // from the sources, never from the compiled file being replaced: a fault in reading that file
    // would otherwise be written into the next one
    if (sel_termbase_new(&tb) != SEL_OK || sel_termbase_read_dir(tb, ctx, NULL, NULL, NULL) != SEL_OK ||
        sel_term_keys_write(tb, ctx, output ? output : default_path) != SEL_OK)
        goto done;
    status = 0;
done:
    if (status)
        cli_report(ctx);
    free(default_path);
    sel_termbase_free(tb);
    return status;
}

int cmd_lexicon(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    if (argc < 2)
        return cli_usage_error(cmd, "missing action: check, stats or import");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        cli_print_usage(cmd, stdout);
        return 0;
    }
    const char *action = argv[1];
    if (strcmp(action, "import") == 0)
        return cmd_lexicon_import(cmd, argc - 1, argv + 1);
    if (strcmp(action, "compile") == 0) {
        sel_ctx *ctx = NULL;
        if (sel_ctx_new(&ctx) != SEL_OK)
            return EXIT_USAGE;
        int status = run_compile(cmd, ctx, argc - 2, argv + 2);
        sel_ctx_free(ctx);
        return status;
    }
    if (strcmp(action, "check") != 0 && strcmp(action, "stats") != 0)
        return cli_usage_error(cmd, "unknown action \"%s\": check, stats, compile or import", action);
    argc--;
    argv++;
    int opt;
    while ((opt = getopt_long(argc, argv, "h", long_opts, NULL)) != -1) {
        if (opt == 'h') {
            cli_print_usage(cmd, stdout);
            return 0;
        }
        return cli_usage_error(cmd, "unknown option");
    }
    sel_ctx *ctx = NULL;
    if (sel_ctx_new(&ctx) != SEL_OK)
        return EXIT_USAGE;
    int status = strcmp(action, "check") == 0 ? run_check(ctx, argc - optind, argv + optind)
                                              : run_stats(ctx, argc - optind, argv + optind);
    sel_ctx_free(ctx);
    return status;
}
