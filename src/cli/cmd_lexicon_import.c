// SPDX-License-Identifier: MIT
// selaras lexicon import: user glossaries and dictionaries into the user's database, all files
// in one transaction (a file that cannot be read changes nothing). Every file is read before the
// database is opened, so a failed import does not create one. Entries that cannot be used are
// skipped with a warning each, and the summary says how many and why.
#include "src/cli/cli.h"
#include "src/formats/formats.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_DB = 256, OPT_REVERSE, OPT_CURATED, OPT_PREFIX };

int cmd_lexicon_import(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "format", required_argument, NULL, 'f' },
        { "reverse", no_argument, NULL, OPT_REVERSE },
        { "curated", no_argument, NULL, OPT_CURATED },
        { "db", required_argument, NULL, OPT_DB },
        { "prefix", required_argument, NULL, OPT_PREFIX },
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
        case OPT_PREFIX: opt.prefix = optarg; break;
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

    if (opt.prefix && argc - optind > 1)
        return cli_usage_error(cmd, "--prefix names the concepts of one FILE");
    if (opt.prefix && !*opt.prefix)
        return cli_usage_error(cmd, "--prefix needs a non-empty PREFIX");

    sel_ctx *ctx = NULL;
    sel_store *st = NULL;
    char *path = NULL;
    int status = EXIT_USAGE;
    int n_files = argc - optind;
    sel_glossary **gs = NULL;
    size_t concepts = 0, terms = 0, skipped = 0, entries = 0;
    bool begun = false;
    if (sel_ctx_new(&ctx) != SEL_OK)
        return EXIT_USAGE;
    if (!(gs = calloc((size_t)n_files, sizeof(*gs))) || !(path = sel_store_path(db))) {
        sel_error(ctx, SEL_ENOMEM, "out of memory");
        goto done;
    }
    // every file is read first: one that cannot be read stops the import before the database
    // is opened (or created)
    for (int i = 0; i < n_files; i++) {
        if (sel_glossary_read(&gs[i], ctx, argv[optind + i], &opt) != SEL_OK)
            goto done;
        for (const char *w = sel_glossary_warnings(gs[i]); *w;) { // one "selaras: " per line
            size_t len = strcspn(w, "\n");
            fprintf(stderr, "selaras: %.*s\n", (int)len, w);
            w += len + (w[len] == '\n');
        }
        entries += sel_glossary_count(gs[i]);
    }
    if (entries == 0) {
        sel_error(ctx, SEL_EPARSE, "no entry could be imported from %s", n_files == 1 ? argv[optind] : "these files");
        goto done;
    }
    if (sel_store_open(&st, ctx, path, true) != SEL_OK || sel_store_begin(st, ctx) != SEL_OK)
        goto done;
    begun = true;
    for (int i = 0; i < n_files; i++)
        if (sel_glossary_store(gs[i], ctx, st, argv[optind + i], opt.curated) != SEL_OK)
            goto done;
    if (sel_store_commit(st, ctx) != SEL_OK)
        goto done;
    begun = false;
    for (int i = 0; i < n_files; i++) {
        const sel_glossary *g = gs[i];
        const struct sel_import_report *r = sel_glossary_report(g);
        size_t file_skipped = 0;
        for (int why = 0; why < SEL_SKIP_COUNT; why++)
            file_skipped += r->skipped[why];
        skipped += file_skipped;
        concepts += r->imported;
        for (size_t k = 0; k < sel_glossary_count(g); k++)
            terms += sel_glossary_entry(g, k)->n_terms;
        fprintf(stderr, "selaras lexicon import: %s: %zu read, %zu imported", argv[optind + i], r->read, r->imported);
        if (r->renamed)
            fprintf(stderr, " (%zu under new ids: another file has theirs)", r->renamed);
        fprintf(stderr, ", %zu skipped", file_skipped);
        const char *sep = " (";
        for (int why = 0; why < SEL_SKIP_COUNT; why++)
            if (r->skipped[why]) {
                fprintf(stderr, "%s%zu %s", sep, r->skipped[why], sel_import_skip_name((enum sel_import_skip)why));
                sep = ", ";
            }
        fprintf(stderr, "%s", *sep == ',' ? ")" : "");
        if (r->empty_terms)
            fprintf(stderr, "; %zu empty term%s left out", r->empty_terms, r->empty_terms == 1 ? "" : "s");
        if (r->dropped_values)
            fprintf(stderr, "; %zu value%s outside a picklist", r->dropped_values, r->dropped_values == 1 ? "" : "s");
        if (r->not_stored)
            fprintf(stderr, "; %zu value%s with no place in selaras (%s)", r->not_stored, r->not_stored == 1 ? "" : "s",
                    r->not_stored_names);
        // found: every language stored; used: those lookup and matching work with (id, en)
        fprintf(stderr, "; languages found: %s; used: %s", *r->langs_found ? r->langs_found : "none",
                *r->langs_used ? r->langs_used : "none");
        if (*r->langs_skipped)
            fprintf(stderr, "; not languages, skipped: %s", r->langs_skipped);
        fputc('\n', stderr);
    }
    status = skipped ? EXIT_FOUND_NOTHING : 0; // 1: some entries were skipped
    fprintf(stderr, "selaras lexicon import: %zu concepts, %zu terms from %d file%s into %s (%s)\n", concepts, terms,
            n_files, n_files == 1 ? "" : "s", path, opt.curated ? "curated" : "general vocabulary");
done:
    if (begun)
        sel_store_rollback(st);
    if (status == EXIT_USAGE)
        cli_report(ctx);
    sel_store_close(st);
    for (int i = 0; gs && i < n_files; i++)
        sel_glossary_free(gs[i]);
    free(gs);
    free(path);
    sel_ctx_free(ctx);
    return status;
}
