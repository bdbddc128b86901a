// SPDX-License-Identifier: MIT
// selaras discover: new term candidates in the aligned documents of the database, each with up
// to three English equivalents and their evidence (src/discover/discover.h). The TSV output is
// what `selaras term accept` reads back after review.
#include "lexicon/lexicon.h"
#include "src/cli/cli.h"
#include "src/discover/discover.h"
#include "src/store/store.h"

#include <getopt.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

// A run this big reports its stages on standard error.
enum { PROGRESS_BEADS = 10000 };

static void progress(void *user, const char *stage, size_t done, size_t total)
{
    (void)user;
    if (done < PROGRESS_BEADS)
        return;
    if (total)
        fprintf(stderr, "selaras discover: %s (%zu of %zu beads)\n", stage, done, total);
    else
        fprintf(stderr, "selaras discover: %s (%zu so far)\n", stage, done);
}

// Text for one TSV field: tabs and line ends become spaces.
static void put_field(const char *s)
{
    for (; *s; s++)
        putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

// The key with spaces for SEL_KEY_SEP, for people to read.
static void key_text(const char *key, char *out, size_t size)
{
    snprintf(out, size, "%s", key);
    for (char *p = out; *p; p++)
        if (*p == SEL_KEY_SEP[0])
            *p = ' ';
}

static json_object *example_json(const char *src, const char *tgt)
{
    json_object *x = json_object_new_object();
    json_object_object_add(x, "id", json_object_new_string(src));
    json_object_object_add(x, "en", json_object_new_string(tgt));
    return x;
}

static void print_candidate(const struct sel_discover_candidate *c, int format, json_object *array)
{
    char key[1024];
    key_text(c->key, key, sizeof(key));
    if (format == 0) { // text
        printf("%s  (score %.1f, %ld occurrence%s)\n", c->term, c->score, c->count, c->count == 1 ? "" : "s");
        for (size_t i = 0; i < c->n_equiv; i++)
            printf("%s%s (%ld, Dice %.2f)", i ? " | " : "  English: ", c->equiv[i].text, c->equiv[i].count,
                   c->equiv[i].dice);
        if (!c->n_equiv)
            printf("  English: (no equivalent found)");
        printf("\n  e.g. ");
        sel_write_visible(stdout, c->example_src, strlen(c->example_src));
        printf("\n     = ");
        sel_write_visible(stdout, c->example_tgt, strlen(c->example_tgt));
        printf("\n");
    } else if (format == 1) { // tsv
        put_field(c->term);
        putchar('\t');
        for (size_t i = 0; i < c->n_equiv; i++) {
            if (i)
                fputs(" | ", stdout);
            put_field(c->equiv[i].text);
        }
        printf("\t%.1f\t%ld\t", c->score, c->count);
        put_field(c->example_src);
        fputs(" ||| ", stdout);
        put_field(c->example_tgt);
        putchar('\n');
    } else {
        json_object *o = json_object_new_object(), *eq = json_object_new_array();
        json_object_object_add(o, "term", json_object_new_string(c->term));
        json_object_object_add(o, "lemmas", json_object_new_string(key));
        json_object_object_add(o, "score", json_object_new_double(c->score));
        json_object_object_add(o, "count", json_object_new_int64(c->count));
        for (size_t i = 0; i < c->n_equiv; i++) {
            json_object *e = json_object_new_object();
            json_object_object_add(e, "term", json_object_new_string(c->equiv[i].text));
            json_object_object_add(e, "count", json_object_new_int64(c->equiv[i].count));
            json_object_object_add(e, "dice", json_object_new_double(c->equiv[i].dice));
            json_object_object_add(e, "example", example_json(c->equiv[i].example_src, c->equiv[i].example_tgt));
            json_object_array_add(eq, e);
        }
        json_object_object_add(o, "equivalents", eq);
        json_object_object_add(o, "example", example_json(c->example_src, c->example_tgt));
        json_object_array_add(array, o);
    }
}

// The candidates the user rejected, by key.
struct rejected_list {
    char **keys;
    size_t n, cap;
};

static int take_rejected(void *user, const char *keys, const char *text)
{
    (void)text;
    struct rejected_list *l = user;
    char *copy = strdup(keys);
    if (!copy || SEL_ARRAY_RESERVE(l->keys, l->cap, l->n + 1) != SEL_OK) {
        free(copy);
        return SEL_ENOMEM;
    }
    l->keys[l->n++] = copy;
    return SEL_OK;
}

int cmd_discover(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "min-count", required_argument, NULL, 'm' },
        { "limit", required_argument, NULL, 'n' },
        { "subject-hint", required_argument, NULL, 's' },
        { "format", required_argument, NULL, 'f' },
        { "db", required_argument, NULL, 'D' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *subject = NULL, *db = NULL;
    long min_count = 3, limit = 0;
    int format = 0, opt;
    while ((opt = getopt_long(argc, argv, "f:n:h", long_opts, NULL)) != -1) {
        switch (opt) {
        case 'm':
            if (!cli_parse_count(cmd, "--min-count", optarg, &min_count))
                return EXIT_USAGE;
            if (min_count < 1)
                return cli_usage_error(cmd, "invalid argument \"%s\" for --min-count; should be at least 1", optarg);
            break;
        case 'n':
            if (!cli_parse_count(cmd, "--limit", optarg, &limit))
                return EXIT_USAGE;
            if (limit < 1)
                return cli_usage_error(cmd, "invalid argument \"%s\" for --limit; should be at least 1", optarg);
            break;
        case 's':
            if (!cli_parse_text(cmd, "--subject-hint", optarg))
                return EXIT_USAGE;
            subject = optarg;
            break;
        case 'f':
            if ((format = cli_parse_choice(cmd, "--format", optarg, (const char *const[]){ "text", "tsv", "json", NULL })) < 0)
                return EXIT_USAGE;
            break;
        case 'D':
            if (!cli_parse_path(cmd, "--db", optarg))
                return EXIT_USAGE;
            db = optarg;
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
    if (subject) {
        bool known = false;
        for (size_t i = 0; sel_subjects[i]; i++)
            known = known || strcmp(sel_subjects[i], subject) == 0;
        if (!known)
            return cli_usage_error(cmd, "unknown subject \"%s\" (see docs/lexicon-format.md)", subject);
    }
    sel_ctx *ctx = NULL;
    sel_termbase *tb = NULL;
    sel_store *st = NULL;
    sel_discovery *d = NULL;
    json_object *array = NULL;
    char **rejected = NULL;
    size_t n_rejected = 0;
    int status = EXIT_USAGE;
    char *path = sel_store_path(db);
    struct sel_discover_options o;
    sel_discover_options_default(&o);
    o.min_count = min_count;
    o.subject_hint = subject;
    o.progress = progress;
    // the bundled termbase with the user's terms: what the user has (or accepted) is not proposed
    if (!path || sel_ctx_new(&ctx) != SEL_OK || sel_store_open(&st, ctx, path, false) != SEL_OK ||
        cli_open_termbase(&tb, ctx, st) != SEL_OK)
        goto done;
    struct rejected_list rl = { 0 };
    int rc = sel_store_rejected_candidates(st, ctx, take_rejected, &rl);
    rejected = rl.keys;
    n_rejected = rl.n;
    if (rc != SEL_OK) {
        if (!*sel_ctx_errmsg(ctx))
            sel_error(ctx, rc, "out of memory");
        goto done;
    }
    o.rejected = (const char *const *)rejected;
    o.n_rejected = n_rejected;
    if (sel_discover_run(&d, ctx, st, tb, &o) != SEL_OK)
        goto done;
    size_t n = sel_discovery_count(d);
    if (limit && (size_t)limit < n)
        n = (size_t)limit;
    if (format == 2)
        array = json_object_new_array();
    else if (format == 1 && n)
        printf("id_term\ten_equivalents\tscore\tcount\texample\n");
    for (size_t i = 0; i < n; i++)
        print_candidate(sel_discovery_candidate(d, i), format, array);
    if (array)
        puts(json_object_to_json_string_ext(array, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
    struct sel_discovery_stats stats;
    sel_discovery_stats(d, &stats);
    if (stats.beads >= PROGRESS_BEADS)
        fprintf(stderr, "selaras discover: %zu beads, %zu candidates, %zu word pairs in the alignment model\n",
                stats.beads, sel_discovery_count(d), stats.model_pairs);
    status = n ? 0 : EXIT_FOUND_NOTHING;
    if (!n)
        fprintf(stderr, "selaras discover: nothing to propose from the aligned documents of %s\n", path);
done:
    if (status == EXIT_USAGE)
        cli_report(ctx);
    for (size_t i = 0; i < n_rejected; i++)
        free(rejected[i]);
    free(rejected);
    json_object_put(array);
    sel_discovery_free(d);
    sel_store_close(st);
    sel_termbase_free(tb);
    free(path);
    sel_ctx_free(ctx);
    return status;
}
