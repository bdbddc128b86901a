// SPDX-License-Identifier: MIT
// selaras glossary: the corpus glossary from the database, per concept: the Indonesian forms
// seen, the English equivalents (and how often each was confirmed in aligned translations),
// counts and the first example. Built by the glossary builder of `export glossary`
// (sel_glossary_build()); this file only prints it.
#include "lexicon/lexicon.h"
#include "src/cli/cli.h"
#include "src/formats/formats.h"
#include "src/store/store.h"

#include <getopt.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { SORT_FREQ, SORT_ALPHA };
static int sort_mode;

// The first source (Indonesian) term, or the concept id.
static const char *sort_key(const struct sel_gloss_entry *e)
{
    for (size_t i = 0; i < e->n_terms; i++)
        if (strcmp(e->terms[i].lang, "id") == 0)
            return e->terms[i].text;
    return e->concept_id;
}

static int compare_entries(const void *a, const void *b)
{
    const struct sel_gloss_entry *x = *(const struct sel_gloss_entry *const *)a;
    const struct sel_gloss_entry *y = *(const struct sel_gloss_entry *const *)b;
    if (sort_mode == SORT_FREQ && x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcasecmp(sort_key(x), sort_key(y));
}

static int status_rank(const char *status)
{
    for (int s = SEL_STATUS_PREFERRED; s < SEL_STATUS_COUNT; s++)
        if (status && strcmp(status, sel_term_status_name((enum sel_term_status)s)) == 0)
            return s;
    return SEL_STATUS_COUNT;
}

static void print_entry(const struct sel_gloss_entry *e, const char *format, json_object *array)
{
    json_object *o = NULL, *forms = NULL, *targets = NULL;
    bool text = strcmp(format, "text") == 0, tsv = strcmp(format, "tsv") == 0;
    if (array) {
        o = json_object_new_object();
        json_object_object_add(o, "concept_id", json_object_new_string(e->concept_id));
        json_object_object_add(o, "subject", json_object_new_string(e->subject ? e->subject : ""));
        json_object_object_add(o, "count", json_object_new_int64(e->count));
        forms = json_object_new_array();
        targets = json_object_new_array();
    }
    if (text)
        printf("%s  [%s; %s]  %ld occurrence%s\n", sort_key(e), e->concept_id, e->subject ? e->subject : "?",
               e->count, e->count == 1 ? "" : "s");
    else if (tsv)
        printf("%s\t%s\t%ld\t", e->concept_id, e->subject ? e->subject : "", e->count);

    for (size_t k = 0; k < e->n_forms; k++) {
        const struct sel_gloss_form *f = &e->forms[k];
        if (text)
            printf("%s%s %ld", k ? ", " : "  forms: ", f->text, f->count);
        else if (tsv)
            printf("%s%s", k ? " | " : "", f->text);
        if (forms) {
            json_object *jf = json_object_new_object();
            json_object_object_add(jf, "form", json_object_new_string(f->text));
            json_object_object_add(jf, "lang", json_object_new_string("id"));
            json_object_object_add(jf, "count", json_object_new_int64(f->count));
            json_object_array_add(forms, jf);
        }
    }
    if (text)
        printf("\n  English: ");
    else if (tsv)
        putchar('\t');
    // the equivalents in the glossary's order (the user's evidence first, sel_glossary_build()),
    // each with how often translations confirmed it; the TSV column of statuses follows
    int k = 0;
    for (size_t t = 0; t < e->n_terms; t++) {
        const struct sel_gloss_term *term = &e->terms[t];
        if (strcmp(term->lang, "en") != 0)
            continue;
        int status = status_rank(term->status);
        if (text)
            printf("%s%s", k ? ", " : "", term->text);
        if (text && term->confirmed)
            printf(" (confirmed %ld)", term->confirmed);
        if (text && status >= SEL_STATUS_DEPRECATED)
            printf(" (%s)", term->status);
        if (tsv)
            printf("%s%s", k ? " | " : "", term->text);
        if (targets) {
            json_object *t2 = json_object_new_object();
            json_object_object_add(t2, "term", json_object_new_string(term->text));
            json_object_object_add(t2, "lang", json_object_new_string("en"));
            json_object_object_add(t2, "status", json_object_new_string(term->status));
            json_object_object_add(t2, "confirmed", json_object_new_int64(term->confirmed));
            json_object_array_add(targets, t2);
        }
        k++;
    }
    if (e->example) {
        if (text)
            printf("\n  e.g. %s  (%s, sentence %ld)\n", e->example, e->example_path, e->example_sentence);
        else if (tsv)
            printf("\t%s", e->example);
        if (o) {
            json_object *x = json_object_new_object();
            json_object_object_add(x, "text", json_object_new_string(e->example));
            json_object_object_add(x, "lang", json_object_new_string("id"));
            json_object_object_add(x, "document", json_object_new_string(e->example_path));
            json_object_object_add(x, "sentence", json_object_new_int64(e->example_sentence));
            json_object_object_add(o, "example", x);
        }
    } else if (tsv) {
        putchar('\t');
    }
    for (size_t t = 0, k2 = 0; tsv && t < e->n_terms; t++) // the statuses, in the order of target_terms
        if (strcmp(e->terms[t].lang, "en") == 0)
            printf("%s%s", k2++ ? " | " : "\t", e->terms[t].status);
    if (tsv)
        putchar('\n');
    if (o) {
        json_object_object_add(o, "source_forms", forms);
        json_object_object_add(o, "target_terms", targets);
        json_object_array_add(array, o);
    }
}

int cmd_glossary(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "subject", required_argument, NULL, 's' },
        { "min-count", required_argument, NULL, 'm' },
        { "sort", required_argument, NULL, 'S' },
        { "format", required_argument, NULL, 'f' },
        { "db", required_argument, NULL, 'D' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *subject = NULL, *format = "text", *db = NULL;
    long min_count = 1;
    sort_mode = SORT_FREQ;
    int opt;
    while ((opt = getopt_long(argc, argv, "f:h", long_opts, NULL)) != -1) {
        switch (opt) {
        case 's':
            if (!cli_parse_text(cmd, "--subject", optarg))
                return EXIT_USAGE;
            subject = optarg;
            break;
        case 'm':
            if (!cli_parse_count(cmd, "--min-count", optarg, &min_count))
                return EXIT_USAGE;
            break;
        case 'S':
            if ((sort_mode = cli_parse_choice(cmd, "--sort", optarg, (const char *const[]){ "freq", "alpha", NULL })) < 0)
                return EXIT_USAGE; // the choices in the order of SORT_FREQ, SORT_ALPHA
            break;
        case 'f':
            if (cli_parse_choice(cmd, "--format", optarg, (const char *const[]){ "text", "tsv", "json", NULL }) < 0)
                return EXIT_USAGE;
            format = optarg;
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
    sel_glossary *g = NULL;
    const struct sel_gloss_entry **entries = NULL;
    size_t n = 0;
    json_object *array = NULL;
    int status = EXIT_USAGE;
    char *path = sel_store_path(db);
    // the corpus glossary of `export glossary`, with the forms seen and the confirmation counts
    struct sel_gloss_options gopt = { .source = SEL_SOURCE_CORPUS, .subject = subject, .min_count = min_count,
                                      .details = true };
    if (sel_ctx_new(&ctx) != SEL_OK || sel_store_open(&st, ctx, path, false) != SEL_OK ||
        cli_open_termbase(&tb, ctx, st) != SEL_OK || sel_glossary_build(&g, ctx, tb, st, &gopt) != SEL_OK)
        goto done;
    n = sel_glossary_count(g);
    if (n && !(entries = malloc(n * sizeof(*entries)))) {
        sel_error(ctx, SEL_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        entries[i] = sel_glossary_entry(g, i);
    if (n)
        qsort(entries, n, sizeof(*entries), compare_entries);
    if (strcmp(format, "json") == 0)
        array = json_object_new_array();
    else if (strcmp(format, "tsv") == 0)
        printf("concept_id\tsubject\tcount\tsource_forms\ttarget_terms\texample\ttarget_status\n");
    for (size_t i = 0; i < n; i++)
        print_entry(entries[i], format, array);
    if (array)
        puts(json_object_to_json_string_ext(array, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
    status = n ? 0 : EXIT_FOUND_NOTHING;
    if (!n)
        fprintf(stderr, "selaras glossary: no concept found in the documents of %s%s\n", path,
                subject || min_count > 1 ? " with these filters" : "");
done:
    if (status == EXIT_USAGE)
        cli_report(ctx);
    free(entries);
    json_object_put(array);
    sel_glossary_free(g);
    sel_store_close(st);
    sel_termbase_free(tb);
    free(path);
    sel_ctx_free(ctx);
    return status;
}
