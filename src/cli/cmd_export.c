// SPDX-License-Identifier: MIT
// selaras export glossary|parallel: what translators, terminologists and MT engineers take away.
#include "src/cli/cli.h"
#include "src/formats/formats.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    OPT_DB = 256, OPT_SOURCE, OPT_SUBJECT, OPT_MIN_COUNT, OPT_CONFIRMED_ONLY, OPT_DROP_BOILERPLATE,
    OPT_DROP_EMPTY, OPT_MIN_SCORE, OPT_MAX_RATIO, OPT_DEDUP, OPT_TERM_FACTORS,
};

// Opens the database: a missing one is an error unless @p optional (then *st stays NULL).
static int open_db(sel_store **st, sel_ctx *ctx, const char *given, bool optional)
{
    char *path = sel_store_path(given);
    if (!path)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    int rc = sel_store_open(st, ctx, path, false);
    free(path);
    if (rc == SEL_ENOTFOUND && optional) {
        sel_ctx_clear(ctx);
        *st = NULL;
        return SEL_OK;
    }
    return rc;
}

static int run_glossary(sel_ctx *ctx, enum sel_gloss_format fmt, const struct sel_gloss_options *opt,
                        const char *db, const char *output)
{
    sel_termbase *tb = NULL;
    sel_store *st = NULL;
    sel_glossary *g = NULL;
    struct sel_output out = { 0 };
    int status = EXIT_USAGE;
    if (open_db(&st, ctx, db, opt->source != SEL_SOURCE_CORPUS) != SEL_OK || cli_open_termbase(&tb, ctx, st) != SEL_OK)
        goto done;
    if (sel_glossary_build(&g, ctx, tb, st, opt) != SEL_OK)
        goto done;
    if (sel_output_open(&out, ctx, output, st ? sel_store_file(st) : NULL) != SEL_OK)
        goto done;
    int rc = sel_glossary_write(g, ctx, fmt, opt, out.fp);
    if (rc == SEL_EIO) // the writers know only a stream: name the file the user gave
        sel_error_at(ctx, rc, (struct sel_location){ out.name, 0, 0 }, "cannot write: %s", strerror(errno));
    if (rc != SEL_OK || sel_output_commit(&out, ctx) != SEL_OK)
        goto done;
    status = 0;
done:
    sel_output_abort(&out);
    if (status)
        cli_report(ctx);
    sel_glossary_free(g);
    sel_store_close(st);
    sel_termbase_free(tb);
    return status;
}

static int run_parallel(sel_ctx *ctx, const struct sel_par_options *opt, const char *db, const char *output)
{
    sel_store *st = NULL;
    struct sel_par_stats stats = { 0 };
    int status = EXIT_USAGE;
    if (open_db(&st, ctx, db, false) != SEL_OK)
        goto done;
    if (sel_parallel_export(st, ctx, opt, output, &stats) != SEL_OK)
        goto done;
    status = 0;
    fprintf(stderr,
            "selaras export: %zu pairs read; removed: %zu boilerplate, %zu 0-sided, %zu below score, "
            "%zu length ratio, %zu duplicate; %zu written\n",
            stats.read, stats.boilerplate, stats.empty, stats.low_score, stats.ratio, stats.duplicate,
            stats.written);
done:
    if (status)
        cli_report(ctx);
    sel_store_close(st);
    return status;
}

int cmd_export(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "db", required_argument, NULL, OPT_DB },
        { "source", required_argument, NULL, OPT_SOURCE },
        { "subject", required_argument, NULL, OPT_SUBJECT },
        { "min-count", required_argument, NULL, OPT_MIN_COUNT },
        { "confirmed-only", no_argument, NULL, OPT_CONFIRMED_ONLY },
        { "drop-boilerplate", no_argument, NULL, OPT_DROP_BOILERPLATE },
        { "drop-empty", no_argument, NULL, OPT_DROP_EMPTY },
        { "min-score", required_argument, NULL, OPT_MIN_SCORE },
        { "max-ratio", required_argument, NULL, OPT_MAX_RATIO },
        { "dedup", no_argument, NULL, OPT_DEDUP },
        { "term-factors", no_argument, NULL, OPT_TERM_FACTORS },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        cli_print_usage(cmd, stdout);
        return 0;
    }
    if (argc < 2)
        return cli_usage_error(cmd, "missing what to export: glossary or parallel");
    const char *what = argv[1];
    bool glossary = strcmp(what, "glossary") == 0;
    if (!glossary && strcmp(what, "parallel") != 0)
        return cli_usage_error(cmd, "unknown export \"%s\": glossary or parallel", what);
    argc--;
    argv++;
    struct sel_gloss_options gopt = { .source = SEL_SOURCE_ALL };
    struct sel_par_options popt = { 0 };
    const char *format = NULL, *output = NULL, *db = NULL;
    bool glossary_only = false, parallel_only = false;
    int opt;
    while ((opt = getopt_long(argc, argv, "f:o:h", long_opts, NULL)) != -1) {
        switch (opt) {
        case 'f': format = optarg; break;
        case 'o':
            if (!cli_parse_path(cmd, "--output", optarg))
                return EXIT_USAGE;
            output = optarg;
            break;
        case OPT_DB:
            if (!cli_parse_path(cmd, "--db", optarg))
                return EXIT_USAGE;
            db = optarg;
            break;
        case OPT_SOURCE: {
            glossary_only = true;
            static const enum sel_gloss_source sources[] = { SEL_SOURCE_LEXICON, SEL_SOURCE_CORPUS, SEL_SOURCE_ALL };
            int s = cli_parse_choice(cmd, "--source", optarg, (const char *const[]){ "lexicon", "corpus", "all", NULL });
            if (s < 0)
                return EXIT_USAGE;
            gopt.source = sources[s];
            break;
        }
        case OPT_SUBJECT:
            glossary_only = true;
            if (!cli_parse_text(cmd, "--subject", optarg))
                return EXIT_USAGE;
            gopt.subject = optarg;
            break;
        case OPT_MIN_COUNT:
            glossary_only = true;
            if (!cli_parse_count(cmd, "--min-count", optarg, &gopt.min_count))
                return EXIT_USAGE;
            break;
        case OPT_CONFIRMED_ONLY: glossary_only = true; gopt.confirmed_only = true; break;
        case OPT_DROP_BOILERPLATE: parallel_only = true; popt.drop_boilerplate = true; break;
        case OPT_DROP_EMPTY: parallel_only = true; popt.drop_empty = true; break;
        case OPT_MIN_SCORE:
            parallel_only = true;
            if (!cli_parse_real(cmd, "--min-score", optarg, 0, 1, &popt.min_score))
                return EXIT_USAGE;
            break;
        case OPT_MAX_RATIO:
            parallel_only = true;
            if (!cli_parse_real(cmd, "--max-ratio", optarg, 0, HUGE_VAL, &popt.max_ratio))
                return EXIT_USAGE;
            break;
        case OPT_DEDUP: parallel_only = true; popt.dedup = true; break;
        case OPT_TERM_FACTORS: parallel_only = true; popt.term_factors = true; break;
        case 'h': cli_print_usage(cmd, stdout); return 0;
        default: return cli_usage_error(cmd, "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument \"%s\"", argv[optind]);
    if (glossary && parallel_only)
        return cli_usage_error(cmd, "the cleaning options and --term-factors are for 'export parallel'");
    if (!glossary && glossary_only)
        return cli_usage_error(cmd, "--source, --subject, --min-count and --confirmed-only are for 'export glossary'");
    if (!format)
        return cli_usage_error(cmd, "missing --format");
    enum sel_gloss_format gfmt = SEL_GLOSS_TBX;
    if (glossary) {
        // the choices in the order of enum sel_gloss_format
        int i = cli_parse_choice(cmd, "--format", format, (const char *const[]){ "tbx", "tbx3", "csv", "tsv", "json", NULL });
        if (i < 0)
            return EXIT_USAGE;
        gfmt = (enum sel_gloss_format)i;
    } else {
        // the choices in the order of enum sel_par_format
        int i = cli_parse_choice(cmd, "--format", format, (const char *const[]){ "tmx", "moses", "tsv", "jsonl", NULL });
        if (i < 0)
            return EXIT_USAGE;
        popt.format = (enum sel_par_format)i;
        if (popt.format == SEL_PAR_MOSES && (!output || strcmp(output, "-") == 0))
            return cli_usage_error(cmd, "--format moses writes two files: give -o PREFIX");
        if (popt.format == SEL_PAR_TMX && popt.term_factors)
            return cli_usage_error(cmd, "--term-factors applies to moses, tsv and jsonl, not tmx");
    }
    sel_ctx *ctx = NULL;
    if (sel_ctx_new(&ctx) != SEL_OK)
        return EXIT_USAGE;
    int status = glossary ? run_glossary(ctx, gfmt, &gopt, db, output) : run_parallel(ctx, &popt, db, output);
    sel_ctx_free(ctx);
    return status;
}
