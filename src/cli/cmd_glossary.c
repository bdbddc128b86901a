// SPDX-License-Identifier: MIT
// selaras glossary: the corpus glossary from the database, per concept: the Indonesian forms
// seen, the English equivalents (and how often each was confirmed in aligned translations),
// counts and the first example.
#include "lexicon/lexicon.h"
#include "src/cli/cli.h"
#include "src/store/store.h"

#include <getopt.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

// Counts and confirmations read table mention, not the view occurrence: they need no surface,
// and the view's lookup of every occurrence's sentence was most of the glossary's time. Only
// source documents have occurrences (ingest stores none for a translation).
static const char SQL_CONCEPTS[] =
    "SELECT c.name, count(*), min(m.id) FROM mention m JOIN concept c ON c.id = m.concept "
    "GROUP BY m.concept HAVING count(*) >= ?1";
static const char SQL_FORMS[] =
    "SELECT surface, count(*) AS n FROM occurrence WHERE concept_id = ?1 "
    "GROUP BY surface ORDER BY n DESC, surface";
static const char SQL_CONFIRMED[] =
    "SELECT f.target, count(*) FROM concept c JOIN mention m ON m.concept = c.id "
    "JOIN confirmation f ON f.occurrence_id = m.id WHERE c.name = ?1 AND f.status = 'confirmed' "
    "GROUP BY f.target";
static const char SQL_EXAMPLE[] =
    "SELECT s.text, d.path, s.number FROM occurrence o JOIN sentence s ON s.id = o.sentence_id "
    "JOIN document d ON d.id = s.document_id WHERE o.id = ?1";

struct entry {
    const struct sel_concept *concept;
    const char *id;
    long count;
    int64_t first;
};

enum { SORT_FREQ, SORT_ALPHA };
static int sort_mode;

static const char *sort_key(const struct entry *e)
{
    for (size_t i = 0; e->concept && i < e->concept->n_terms; i++)
        if (strcmp(e->concept->terms[i].lang, "id") == 0)
            return e->concept->terms[i].text;
    return e->id;
}

static int compare_entries(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    if (sort_mode == SORT_FREQ && x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcasecmp(sort_key(x), sort_key(y));
}

static const struct sel_concept *find_concept(const sel_termbase *tb, const char *id)
{
    for (size_t i = 0; i < sel_termbase_concept_count(tb); i++)
        if (strcmp(sel_termbase_concept(tb, i)->id, id) == 0)
            return sel_termbase_concept(tb, i);
    return NULL;
}

struct queries {
    sqlite3_stmt *forms, *confirmed, *example;
};

static void print_entry(const struct entry *e, struct queries *q, const char *format, json_object *array)
{
    json_object *o = NULL, *forms = NULL, *targets = NULL;
    bool text = strcmp(format, "text") == 0, tsv = strcmp(format, "tsv") == 0;
    const struct sel_concept *c = e->concept;
    if (array) {
        o = json_object_new_object();
        json_object_object_add(o, "concept_id", json_object_new_string(e->id));
        json_object_object_add(o, "subject", json_object_new_string(c ? c->subject : ""));
        json_object_object_add(o, "count", json_object_new_int64(e->count));
        forms = json_object_new_array();
        targets = json_object_new_array();
    }
    if (text)
        printf("%s  [%s; %s]  %ld occurrence%s\n", sort_key(e), e->id, c ? c->subject : "?", e->count,
               e->count == 1 ? "" : "s");
    else if (tsv)
        printf("%s\t%s\t%ld\t", e->id, c ? c->subject : "", e->count);

    sqlite3_bind_text(q->forms, 1, e->id, -1, SQLITE_STATIC);
    for (int k = 0; sqlite3_step(q->forms) == SQLITE_ROW; k++) {
        const char *form = (const char *)sqlite3_column_text(q->forms, 0);
        long n = sqlite3_column_int64(q->forms, 1);
        if (text)
            printf("%s%s %ld", k ? ", " : "  forms: ", form, n);
        else if (tsv)
            printf("%s%s", k ? " | " : "", form);
        if (forms) {
            json_object *f = json_object_new_object();
            json_object_object_add(f, "form", json_object_new_string(form));
            json_object_object_add(f, "lang", json_object_new_string("id"));
            json_object_object_add(f, "count", json_object_new_int64(n));
            json_object_array_add(forms, f);
        }
    }
    sqlite3_reset(q->forms);
    if (text)
        printf("\n  English: ");
    else if (tsv)
        putchar('\t');
    // the termbase's equivalents, preferred first, each with how often translations confirmed it
    int k = 0;
    for (int status = SEL_STATUS_PREFERRED; c && status < SEL_STATUS_COUNT; status++) {
        for (size_t t = 0; t < c->n_terms; t++) {
            const struct sel_term *term = &c->terms[t];
            if ((int)term->status != status || strcmp(term->lang, "en") != 0)
                continue;
            long confirmed = 0;
            sqlite3_bind_text(q->confirmed, 1, e->id, -1, SQLITE_STATIC);
            while (sqlite3_step(q->confirmed) == SQLITE_ROW)
                if (strcmp((const char *)sqlite3_column_text(q->confirmed, 0), term->text) == 0)
                    confirmed = sqlite3_column_int64(q->confirmed, 1);
            sqlite3_reset(q->confirmed);
            if (text)
                printf("%s%s%s", k ? ", " : "", term->text, status == SEL_STATUS_DEPRECATED ? " (deprecated)" : "");
            if (text && confirmed)
                printf(" (confirmed %ld)", confirmed);
            if (tsv)
                printf("%s%s", k ? " | " : "", term->text);
            if (targets) {
                json_object *t2 = json_object_new_object();
                json_object_object_add(t2, "term", json_object_new_string(term->text));
                json_object_object_add(t2, "lang", json_object_new_string("en"));
                json_object_object_add(t2, "status", json_object_new_string(sel_term_status_name(term->status)));
                json_object_object_add(t2, "confirmed", json_object_new_int64(confirmed));
                json_object_array_add(targets, t2);
            }
            k++;
        }
    }
    sqlite3_bind_int64(q->example, 1, e->first);
    if (sqlite3_step(q->example) == SQLITE_ROW) {
        const char *ex = (const char *)sqlite3_column_text(q->example, 0);
        const char *path = (const char *)sqlite3_column_text(q->example, 1);
        long number = sqlite3_column_int64(q->example, 2);
        if (text)
            printf("\n  e.g. %s  (%s, sentence %ld)\n", ex, path, number);
        else if (tsv)
            printf("\t%s\n", ex);
        if (o) {
            json_object *x = json_object_new_object();
            json_object_object_add(x, "text", json_object_new_string(ex));
            json_object_object_add(x, "lang", json_object_new_string("id"));
            json_object_object_add(x, "document", json_object_new_string(path));
            json_object_object_add(x, "sentence", json_object_new_int64(number));
            json_object_object_add(o, "example", x);
        }
    } else if (tsv) {
        printf("\t\n");
    }
    sqlite3_reset(q->example);
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
    sqlite3_stmt *concepts = NULL;
    struct queries q = { NULL, NULL, NULL };
    struct entry *entries = NULL;
    size_t n = 0, cap = 0;
    json_object *array = NULL;
    int status = EXIT_USAGE;
    char *path = sel_store_path(db);
    if (sel_ctx_new(&ctx) != SEL_OK || sel_termbase_open_bundled(&tb, ctx) != SEL_OK || sel_store_open(&st, ctx, path, false) != SEL_OK ||
        sel_store_prepare(st, ctx, SQL_CONCEPTS, &concepts) != SEL_OK ||
        sel_store_prepare(st, ctx, SQL_FORMS, &q.forms) != SEL_OK ||
        sel_store_prepare(st, ctx, SQL_CONFIRMED, &q.confirmed) != SEL_OK ||
        sel_store_prepare(st, ctx, SQL_EXAMPLE, &q.example) != SEL_OK)
        goto done;
    sqlite3_bind_int64(concepts, 1, min_count);
    while (sqlite3_step(concepts) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(concepts, 0);
        const struct sel_concept *c = find_concept(tb, id);
        if (subject && (!c || strcmp(c->subject, subject) != 0))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            struct entry *grown = realloc(entries, cap * sizeof(*grown));
            if (!grown)
                goto done;
            entries = grown;
        }
        entries[n++] = (struct entry){ c, c ? c->id : strdup(id), sqlite3_column_int64(concepts, 1),
                                       sqlite3_column_int64(concepts, 2) };
    }
    qsort(entries, n, sizeof(*entries), compare_entries);
    if (strcmp(format, "json") == 0)
        array = json_object_new_array();
    else if (strcmp(format, "tsv") == 0)
        printf("concept_id\tsubject\tcount\tsource_forms\ttarget_terms\texample\n");
    for (size_t i = 0; i < n; i++)
        print_entry(&entries[i], &q, format, array);
    if (array)
        puts(json_object_to_json_string_ext(array, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
    status = n ? 0 : EXIT_FOUND_NOTHING;
    if (!n)
        fprintf(stderr, "selaras glossary: no concept found in the documents of %s%s\n", path,
                subject || min_count > 1 ? " with these filters" : "");
done:
    if (status == EXIT_USAGE)
        cli_report(ctx);
    for (size_t i = 0; i < n; i++)
        if (!entries[i].concept)
            free((char *)entries[i].id);
    free(entries);
    json_object_put(array);
    sqlite3_finalize(concepts);
    sqlite3_finalize(q.forms);
    sqlite3_finalize(q.confirmed);
    sqlite3_finalize(q.example);
    sel_store_close(st);
    sel_termbase_free(tb);
    free(path);
    sel_ctx_free(ctx);
    return status;
}
