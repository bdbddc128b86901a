// SPDX-License-Identifier: MIT
// selaras lookup: from the word as it stands in the text to the approved equivalent.
#include "lexicon/lexicon.h"
#include "src/cli/cli.h"

#include <getopt.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

enum lookup_format { FORMAT_TEXT, FORMAT_TSV, FORMAT_JSON };

struct lookup_run {
    sel_lookup *lk;
    sel_ctx *ctx;
    enum lookup_format format;
    const char *to_lang;
    long limit;
    json_object *json; // the array of queries, for --format json
    size_t misses;
};

static void print_text(const struct lookup_run *run, const char *query, const struct sel_lookup_result *r, size_t n)
{
    printf("%s\n", query);
    for (size_t i = 0; i < n; i++) {
        const struct sel_concept *c = r[i].concept;
        printf("  %zu  %s  →  ", i + 1, r[i].term->text);
        bool first = true;
        for (int status = SEL_STATUS_PREFERRED; status < SEL_STATUS_COUNT; status++)
            for (size_t k = 0; k < c->n_terms; k++)
                if ((int)c->terms[k].status == status && strcmp(c->terms[k].lang, run->to_lang) == 0) {
                    printf("%s%s%s", first ? "" : ", ", c->terms[k].text,
                           status == SEL_STATUS_DEPRECATED ? " (deprecated)" : "");
                    first = false;
                }
        printf("   [%s; %s; %s]\n", sel_match_kind_name(r[i].kind), c->subject, c->id);
        if (c->definition)
            printf("     %s\n", c->definition);
        if (c->note)
            printf("     note: %s\n", c->note);
    }
}

static void print_tsv(const struct lookup_run *run, const char *query, const struct sel_lookup_result *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char targets[2048];
        sel_concept_terms_join(r[i].concept, run->to_lang, " | ", targets, sizeof(targets));
        printf("%s\t%zu\t%s\t%s\t%s\t%s\t%s\n", query, i + 1, sel_match_kind_name(r[i].kind), r[i].term->text, targets,
               r[i].concept->subject, r[i].concept->id);
    }
}

static void add_json(struct lookup_run *run, const char *query, const struct sel_lookup_result *r, size_t n)
{
    json_object *q = json_object_new_object();
    json_object_object_add(q, "query", json_object_new_string(query));
    json_object *matches = json_object_new_array();
    for (size_t i = 0; i < n; i++) {
        const struct sel_concept *c = r[i].concept;
        json_object *m = json_object_new_object();
        json_object_object_add(m, "rank", json_object_new_int64((int64_t)i + 1));
        json_object_object_add(m, "match", json_object_new_string(sel_match_kind_name(r[i].kind)));
        json_object_object_add(m, "source_term", json_object_new_string(r[i].term->text));
        json_object *targets = json_object_new_array();
        for (int status = SEL_STATUS_PREFERRED; status < SEL_STATUS_COUNT; status++)
            for (size_t k = 0; k < c->n_terms; k++)
                if ((int)c->terms[k].status == status && strcmp(c->terms[k].lang, run->to_lang) == 0) {
                    json_object *t = json_object_new_object();
                    json_object_object_add(t, "term", json_object_new_string(c->terms[k].text));
                    json_object_object_add(t, "lang", json_object_new_string(run->to_lang));
                    json_object_object_add(t, "status", json_object_new_string(sel_term_status_name(c->terms[k].status)));
                    json_object_array_add(targets, t);
                }
        json_object_object_add(m, "target_terms", targets);
        json_object_object_add(m, "subject", json_object_new_string(c->subject));
        json_object_object_add(m, "concept_id", json_object_new_string(c->id));
        if (c->definition)
            json_object_object_add(m, "definition", json_object_new_string(c->definition));
        if (c->note)
            json_object_object_add(m, "note", json_object_new_string(c->note));
        json_object_array_add(matches, m);
    }
    json_object_object_add(q, "matches", matches);
    json_object_array_add(run->json, q);
}

static int lookup_one(struct lookup_run *run, const char *query)
{
    const struct sel_lookup_result *r;
    size_t n;
    int rc = sel_lookup_query(run->lk, run->ctx, query, &r, &n);
    if (rc != SEL_OK)
        return rc;
    if (n > (size_t)run->limit)
        n = (size_t)run->limit;
    if (run->format == FORMAT_JSON)
        add_json(run, query, r, n);
    if (n == 0) {
        run->misses++;
        const char *near[3];
        size_t k = sel_lookup_suggest(run->lk, query, near, 3);
        fprintf(stderr, "selaras lookup: no match for \"%s\"", query);
        for (size_t i = 0; i < k; i++)
            fprintf(stderr, "%s%s", i ? "\", \"" : "; did you mean \"", near[i]);
        fprintf(stderr, "%s\n", k ? "\"?" : "");
        return SEL_OK;
    }
    if (run->format == FORMAT_TEXT)
        print_text(run, query, r, n);
    else if (run->format == FORMAT_TSV)
        print_tsv(run, query, r, n);
    return SEL_OK;
}

int cmd_lookup(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "from", required_argument, NULL, 'F' },
        { "format", required_argument, NULL, 'f' },
        { "limit", required_argument, NULL, 'n' },
        { "db", required_argument, NULL, 'D' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct lookup_run run = { .limit = 5, .to_lang = "en" };
    const char *from = "id";
    int opt;
    while ((opt = getopt_long(argc, argv, "f:n:h", long_opts, NULL)) != -1) {
        switch (opt) {
        case 'F':
            if (strcmp(optarg, "id") != 0 && strcmp(optarg, "en") != 0)
                return cli_usage_error(cmd, "invalid argument \"%s\" for --from; should be id or en", optarg);
            from = optarg;
            run.to_lang = strcmp(from, "id") == 0 ? "en" : "id";
            break;
        case 'f':
            if (strcmp(optarg, "text") == 0)
                run.format = FORMAT_TEXT;
            else if (strcmp(optarg, "tsv") == 0)
                run.format = FORMAT_TSV;
            else if (strcmp(optarg, "json") == 0)
                run.format = FORMAT_JSON;
            else
                return cli_usage_error(cmd, "invalid argument \"%s\" for --format; should be text, tsv or json", optarg);
            break;
        case 'n':
            if (!cli_parse_count(cmd, "--limit", optarg, &run.limit))
                return EXIT_USAGE;
            if (run.limit == 0)
                return cli_usage_error(cmd, "--limit must be at least 1");
            break;
        case 'D':
            break; // the user database joins the lookup with the ingest issue
        case 'h':
            cli_print_usage(cmd, stdout);
            return 0;
        default:
            return cli_usage_error(cmd, "unknown option");
        }
    }
    sel_ctx *ctx = NULL;
    sel_termbase *tb = NULL;
    int status = EXIT_USAGE;
    char *line = NULL;
    size_t cap = 0;
    if (sel_ctx_new(&ctx) != SEL_OK || sel_termbase_new(&tb) != SEL_OK ||
        sel_termbase_read_dir(tb, ctx, NULL, NULL, NULL) != SEL_OK || sel_lookup_new(&run.lk, ctx, tb, from) != SEL_OK)
        goto done;
    run.ctx = ctx;
    if (run.format == FORMAT_JSON)
        run.json = json_object_new_array();
    if (optind < argc) {
        for (int i = optind; i < argc; i++)
            if (lookup_one(&run, argv[i]) != SEL_OK)
                goto done;
    } else {
        // one query per line on standard input, for scripts
        long lineno = 0;
        for (ssize_t len; (len = getline(&line, &cap, stdin)) != -1;) {
            lineno++;
            while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                line[--len] = '\0';
            if (sel_utf8_find_invalid(line, (size_t)len, false) >= 0) {
                sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ "<stdin>", lineno, 0 }, "invalid UTF-8 in query");
                goto done;
            }
            if (len > 0 && lookup_one(&run, line) != SEL_OK)
                goto done;
        }
    }
    if (run.format == FORMAT_JSON)
        puts(json_object_to_json_string_ext(run.json, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
    status = run.misses ? EXIT_FOUND_NOTHING : 0;
done:
    if (status == EXIT_USAGE)
        cli_report(ctx);
    free(line);
    json_object_put(run.json);
    sel_lookup_free(run.lk);
    sel_termbase_free(tb);
    sel_ctx_free(ctx);
    return status;
}
