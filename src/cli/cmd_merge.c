// SPDX-License-Identifier: MIT
// selaras merge: shard databases built by separate ingests (the tasks of a Slurm job array, say:
// docs/cluster.md) combined into one that answers every command as a single run's would.
#include "src/cli/cli.h"
#include "src/store/store.h"

#include <getopt.h>
#include <stdio.h>

const char cmd_merge_usage[] =
    "selaras merge [--quiet] OUT.db SHARD.db...\n"
    "\n"
    "  -q, --quiet         no report on standard error\n"
    "  -h, --help          show this help and exit\n"
    "\n"
    "Combines databases built by 'selaras ingest' into OUT.db as if their documents had been\n"
    "ingested into one database in one run, shard after shard in the order given: a document whose\n"
    "content is already there is skipped, one whose path is there with other content replaces it,\n"
    "and the user's termbase entries are unioned. The shards are opened read-only and never\n"
    "changed. A new OUT.db appears only when complete; an existing one is merged into in one\n"
    "transaction. A shard that is not a selaras database of this version stops the merge before\n"
    "anything is written.\n";

int cmd_merge(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    bool quiet = false;
    int opt;
    while ((opt = getopt_long(argc, argv, "qh", long_opts, NULL)) != -1) {
        switch (opt) {
        case 'q': quiet = true; break;
        case 'h':
            cli_print_usage(cmd, stdout);
            return 0;
        default:
            return cli_usage_error(cmd, "unknown option");
        }
    }
    if (argc - optind < 2)
        return cli_usage_error(cmd, argc - optind < 1 ? "no output database given" : "no shard databases given");
    const char *out = argv[optind];
    sel_ctx *ctx = NULL;
    if (sel_ctx_new(&ctx) != SEL_OK)
        return EXIT_USAGE;
    struct sel_merge_report r;
    int status = 0;
    if (sel_store_merge(ctx, out, (const char *const *)argv + optind + 1, (size_t)(argc - optind - 1), &r) != SEL_OK)
        status = cli_report(ctx);
    else if (!quiet)
        fprintf(stderr,
                "selaras merge: %zu shard%s: %zu documents copied (%zu replacing older versions), %zu unchanged; "
                "%zu sentences, %zu term occurrences; %zu user entries (%zu replacing others); database %s\n",
                r.shards, r.shards == 1 ? "" : "s", r.documents, r.replaced, r.unchanged, r.sentences, r.occurrences,
                r.user_entries, r.user_replaced, out);
    sel_ctx_free(ctx);
    return status;
}
