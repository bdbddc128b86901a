// SPDX-License-Identifier: MIT
// selaras lexicon import: user glossaries and dictionaries into the user's database, all files
// in one transaction (a bad file changes nothing).
#include "src/cli/cli.h"
#include "src/formats/formats.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_DB = 256, OPT_REVERSE, OPT_CURATED };

int cmd_lexicon_import(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "format", required_argument, NULL, 'f' },
        { "reverse", no_argument, NULL, OPT_REVERSE },
        { "curated", no_argument, NULL, OPT_CURATED },
        { "db", required_argument, NULL, OPT_DB },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct sel_import_options opt = { 0 };
    const char *format = NULL, *db = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "f:h", long_opts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case OPT_REVERSE: opt.reverse = true; break;
        case OPT_CURATED: opt.curated = true; break;
        case OPT_DB:
            if (!cli_parse_path(cmd, "--db", optarg))
                return EXIT_USAGE;
            db = optarg;
            break;
        case 'h': cli_print_usage(cmd, stdout); return 0;
        default: return cli_usage_error(cmd, "unknown option");
        }
    }
    if (!format)
        return cli_usage_error(cmd, "import needs --format tsv, csv, tbx or dictd");
    // the choices in the order of enum sel_import_format
    int f = cli_parse_choice(cmd, "--format", format, (const char *const[]){ "tsv", "csv", "tbx", "dictd", NULL });
    if (f < 0)
        return EXIT_USAGE;
    opt.format = (enum sel_import_format)f;
    if (opt.reverse && opt.format != SEL_IMPORT_DICTD)
        return cli_usage_error(cmd, "--reverse applies to --format dictd");
    if (optind >= argc)
        return cli_usage_error(cmd, "import needs at least one FILE");

    sel_ctx *ctx = NULL;
    sel_store *st = NULL;
    char *path = NULL;
    int status = EXIT_USAGE;
    size_t concepts = 0, terms = 0, n_files = (size_t)(argc - optind);
    bool begun = false;
    sel_glossary **read = calloc(n_files, sizeof(*read));
    if (sel_ctx_new(&ctx) != SEL_OK || !read) {
        free(read);
        sel_ctx_free(ctx);
        return EXIT_USAGE;
    }
    // Every file is read before the database is opened: a bad file fails the import having done
    // nothing, and leaves no new database behind.
    for (size_t i = 0; i < n_files; i++)
        if (sel_glossary_read(&read[i], ctx, argv[optind + (int)i], &opt) != SEL_OK)
            goto done;
    if (!(path = sel_store_path(db))) {
        sel_error(ctx, SEL_ENOMEM, "out of memory");
        goto done;
    }
    if (sel_store_open(&st, ctx, path, true) != SEL_OK || sel_store_begin(st, ctx) != SEL_OK)
        goto done;
    begun = true;
    for (size_t i = 0; i < n_files; i++) {
        if (sel_glossary_store(read[i], ctx, st, argv[optind + (int)i], opt.curated) != SEL_OK)
            goto done;
        for (size_t k = 0; k < sel_glossary_count(read[i]); k++) {
            concepts++;
            terms += sel_glossary_entry(read[i], k)->n_terms;
        }
    }
    if (sel_store_commit(st, ctx) != SEL_OK)
        goto done;
    begun = false;
    status = 0;
    fprintf(stderr, "selaras lexicon import: %zu concepts, %zu terms from %d file%s into %s (%s)\n", concepts, terms,
            argc - optind, argc - optind == 1 ? "" : "s", path, opt.curated ? "curated" : "general vocabulary");
done:
    if (begun)
        sel_store_rollback(st);
    if (status)
        cli_report(ctx);
    sel_store_close(st);
    for (size_t i = 0; i < n_files; i++)
        sel_glossary_free(read[i]);
    free(read);
    free(path);
    sel_ctx_free(ctx);
    return status;
}
