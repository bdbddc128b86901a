// SPDX-License-Identifier: MIT
// selaras retag: the stored documents tagged again with the current termbase (the bundled one
// and the user's terms), so that what was ingested before a term was added, deprecated or removed
// says what the termbase says now. One transaction: whole or not at all.
#include "lexicon/lexicon.h"
#include "src/cli/cli.h"
#include "src/ingest/ingest.h"
#include "src/store/store.h"

#include <getopt.h>
#include <stdlib.h>

int cli_retag(sel_ctx *ctx, sel_store *st, const sel_termbase *tb, const char *lang, bool in_transaction, bool quiet)
{
    sel_ingester *ing = NULL;
    struct sel_retag_report r;
    int rc = sel_ingester_new(&ing, ctx, st, tb, lang);
    if (rc == SEL_OK)
        rc = in_transaction ? sel_ingester_retag_in(ing, ctx, &r) : sel_ingester_retag(ing, ctx, &r);
    sel_ingester_free(ing);
    if (rc == SEL_OK && !quiet && (r.documents || !in_transaction)) // a term change on an empty database: nothing to say
        fprintf(stderr, "selaras retag: %zu document%s tagged again: %zu sentences, %zu term occurrences "
                "(%zu confirmed by a translation, %zu not); database %s\n", r.documents,
                r.documents == 1 ? "" : "s", r.sentences, r.occurrences, r.confirmed, r.unconfirmed,
                sel_store_file(st));
    return rc;
}

int cmd_retag(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "lang", required_argument, NULL, 'l' },
        { "db", required_argument, NULL, 'D' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *lang = "id", *db = NULL;
    bool quiet = false;
    int opt;
    while ((opt = getopt_long(argc, argv, "l:qh", long_opts, NULL)) != -1) {
        switch (opt) {
        case 'l':
            if (!cli_parse_lang(cmd, "--lang", optarg))
                return EXIT_USAGE;
            lang = optarg;
            break;
        case 'D':
            if (!cli_parse_path(cmd, "--db", optarg))
                return EXIT_USAGE;
            db = optarg;
            break;
        case 'q':
            quiet = true;
            break;
        case 'h':
            cli_print_usage(cmd, stdout);
            return 0;
        default:
            return cli_usage_error(cmd, "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage_error(cmd, "unexpected argument \"%s\"", argv[optind]);
    sel_ctx *ctx = NULL;
    sel_termbase *tb = NULL;
    sel_store *st = NULL;
    char *path = sel_store_path(db);
    int status = EXIT_USAGE;
    // an existing database only: there is nothing to retag in a new one
    if (sel_ctx_new(&ctx) != SEL_OK || sel_store_open(&st, ctx, path, false) != SEL_OK ||
        cli_open_termbase(&tb, ctx, st) != SEL_OK || cli_retag(ctx, st, tb, lang, false, quiet) != SEL_OK)
        goto done;
    status = 0;
done:
    if (status)
        cli_report(ctx);
    sel_termbase_free(tb);
    sel_store_close(st);
    free(path);
    sel_ctx_free(ctx);
    return status;
}
