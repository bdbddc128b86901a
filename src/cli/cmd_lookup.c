// SPDX-License-Identifier: MIT
// selaras lookup: from the word as it stands in the text to the approved equivalent, with
// examples from the database when it has any, and the user's own entries (curated ones first,
// general vocabulary last).
#include "lexicon/lexicon.h"
#include "src/cli/cli.h"
#include "src/store/store.h"

#include <getopt.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum lookup_format { FORMAT_TEXT, FORMAT_TSV, FORMAT_JSON };
enum { MAX_ROWS = 64, MAX_EXAMPLES = 3 };

// One answer, from the bundled termbase (concept set: the strings are the termbase's) or from the
// user's database (the strings are copies in one block, @p owned, whatever their length).
struct row {
    enum sel_match_kind kind;
    const struct sel_concept *concept; // NULL for a user entry
    const char *source, *targets, *subject, *id;
    char *owned;
    const struct sel_term *term;       // the termbase term that matched (NULL for a user entry)
    bool attributive;                  // --context has it as a modifier: adjective first
};

struct lookup_run {
    sel_lookup *lk;
    sel_store *st;      // NULL without a database
    sel_ctx *ctx;
    enum lookup_format format;
    const char *from, *to_lang;
    long limit;
    json_object *json;  // the array of queries, for --format json
    size_t misses;
    struct row rows[MAX_ROWS];
    size_t n_rows;
    bool out_of_memory; // a user entry could not be copied
    sel_evidence *ev;   // the user's confirmations, read from the database on the first answer
};

// The evidence that orders a concept's equivalents: read once, when the first answer is shown.
static int need_evidence(struct lookup_run *run)
{
    return run->ev ? SEL_OK : cli_read_evidence(run->ctx, run->st, &run->ev);
}

// The row's equivalents in the one order (lexicon/equivalents.c); 0 for a user entry.
static size_t row_equivalents(const struct lookup_run *run, const struct row *r, struct sel_equivalent *eq,
                              size_t max)
{
    if (!r->concept)
        return 0;
    struct sel_term_match as_in_context = { .concept = r->concept, .term = r->term, .attributive = r->attributive };
    return sel_match_equivalents(&as_in_context, run->to_lang, run->ev, eq, max);
}

static void clear_rows(struct lookup_run *run)
{
    for (size_t i = 0; i < run->n_rows; i++)
        free(run->rows[i].owned);
    run->n_rows = 0;
}

static void add_user_row(struct lookup_run *run, enum sel_match_kind kind, const char *id, const char *subject,
                         const char *term, const char *targets)
{
    if (run->n_rows == MAX_ROWS)
        return;
    subject = subject ? subject : "user";
    const char *const from[4] = { term, targets, subject, id };
    size_t len[4], total = 0;
    for (int i = 0; i < 4; i++)
        total += (len[i] = strlen(from[i])) + 1;
    char *block = malloc(total), *p = block;
    if (!block) {
        run->out_of_memory = true;
        return;
    }
    const char *to[4];
    for (int i = 0; i < 4; i++) {
        memcpy(p, from[i], len[i] + 1);
        to[i] = p;
        p += len[i] + 1;
    }
    run->rows[run->n_rows++] = (struct row){ kind, NULL, to[0], to[1], to[2], to[3], block, NULL, false };
}

struct user_pass {
    struct lookup_run *run;
    bool curated;       // which of the two kinds this pass collects
};

static bool take_user_term(void *user, const char *id, const char *subject, const char *term, bool curated,
                           const char *targets)
{
    struct user_pass *p = user;
    if (curated == p->curated) // curated entries override as exact answers; the rest is general vocabulary
        add_user_row(p->run, curated ? SEL_MATCH_EXACT : SEL_MATCH_GENERAL, id, subject, term, targets);
    return true;
}

static void print_example(const struct lookup_run *run, const char *sentence, const char *translation,
                          const char *path, long number, json_object *examples)
{
    if (run->format == FORMAT_TEXT) {
        printf("     e.g. %s  (%s:%ld)\n", sentence, path, number);
        if (translation)
            printf("          ⇒ %s\n", translation);
    } else if (examples) {
        json_object *e = json_object_new_object();
        json_object_object_add(e, "text", json_object_new_string(sentence));
        json_object_object_add(e, "lang", json_object_new_string(run->from));
        if (translation)
            json_object_object_add(e, "translation", json_object_new_string(translation));
        json_object_object_add(e, "document", json_object_new_string(path));
        json_object_object_add(e, "sentence", json_object_new_int64(number));
        json_object_array_add(examples, e);
    }
}

struct example_pass {
    const struct lookup_run *run;
    json_object *examples;
};

static bool take_example(void *user, const char *sentence, const char *translation, const char *path, long number)
{
    struct example_pass *p = user;
    print_example(p->run, sentence, translation, path, number, p->examples);
    return true;
}

// The row's targets in the order of equivalents joined by @p sep (a user entry's come joined
// already), or with @p statuses their statuses in the same order.
static void print_targets(const struct lookup_run *run, const struct row *r, const char *sep, bool statuses)
{
    if (!r->concept) {
        fputs(statuses ? "" : r->targets, stdout);
        return;
    }
    struct sel_equivalent eq[64];
    size_t n = row_equivalents(run, r, eq, 64);
    for (size_t i = 0; i < n; i++) {
        const struct sel_term *t = &r->concept->terms[eq[i].index];
        printf("%s%s", i ? sep : "", statuses ? sel_term_status_name(t->status) : t->text);
    }
}

// What a translator must know of the term that matched: it is deprecated (a misspelling of
// another, or a form to avoid), or the query is a misspelling of it. NULL when nothing.
static const char *term_verdict(const struct lookup_run *run, const struct row *r, char *buf, size_t size,
                                const char *query)
{
    if (!r->concept || !r->term)
        return NULL;
    if (r->term->status >= SEL_STATUS_DEPRECATED) {
        const struct sel_term *right = sel_concept_misspelt(r->concept, r->term);
        const struct sel_term *use = sel_concept_preferred(r->concept, run->from);
        if (right)
            snprintf(buf, size, "%s: misspelling of %s", r->term->text, right->text);
        else if (use)
            snprintf(buf, size, "%s: deprecated; use %s", r->term->text, use->text);
        else
            snprintf(buf, size, "%s: deprecated", r->term->text);
        return buf;
    }
    if (r->kind == SEL_MATCH_FUZZY) {
        snprintf(buf, size, "%s: misspelling of %s", query, r->term->text);
        return buf;
    }
    return NULL;
}

static void print_row_text(const struct lookup_run *run, size_t rank, const struct row *r, const char *query)
{
    const struct sel_concept *c = r->concept;
    printf("  %zu  %s  →  ", rank, r->source);
    if (!c)
        printf("%s", r->targets);
    struct sel_equivalent eq[64];
    size_t n = row_equivalents(run, r, eq, 64);
    for (size_t i = 0; i < n; i++) { // each with how often the user's translations confirmed it
        const struct sel_term *t = &c->terms[eq[i].index];
        printf("%s%s", i ? ", " : "", t->text);
        if (eq[i].confirmed)
            printf(" (confirmed %ld)", eq[i].confirmed);
        if (t->status >= SEL_STATUS_DEPRECATED)
            printf(" (%s)", sel_term_status_name(t->status));
    }
    printf("   [%s; %s; %s]\n", sel_match_kind_name(r->kind), r->subject, r->id);
    char verdict[1024];
    if (term_verdict(run, r, verdict, sizeof(verdict), query))
        printf("     %s\n", verdict);
    if (c && c->definition)
        printf("     %s\n", c->definition);
    if (c && c->note)
        printf("     note: %s\n", c->note);
}

static json_object *row_json(const struct lookup_run *run, size_t rank, const struct row *r, const char *query)
{
    json_object *m = json_object_new_object();
    json_object_object_add(m, "rank", json_object_new_int64((int64_t)rank));
    json_object_object_add(m, "match", json_object_new_string(sel_match_kind_name(r->kind)));
    json_object_object_add(m, "source_term", json_object_new_string(r->source));
    if (r->term)
        json_object_object_add(m, "source_status", json_object_new_string(sel_term_status_name(r->term->status)));
    char verdict[1024];
    if (term_verdict(run, r, verdict, sizeof(verdict), query))
        json_object_object_add(m, "verdict", json_object_new_string(verdict));
    json_object *targets = json_object_new_array();
    const struct sel_concept *c = r->concept;
    struct sel_equivalent eq[64];
    size_t n = row_equivalents(run, r, eq, 64);
    for (size_t i = 0; i < n; i++) {
        const struct sel_term *term = &c->terms[eq[i].index];
        json_object *t = json_object_new_object();
        json_object_object_add(t, "term", json_object_new_string(term->text));
        json_object_object_add(t, "lang", json_object_new_string(run->to_lang));
        json_object_object_add(t, "status", json_object_new_string(sel_term_status_name(term->status)));
        json_object_object_add(t, "confirmed", json_object_new_int64(eq[i].confirmed));
        json_object_array_add(targets, t);
    }
    char *copy = c ? NULL : strdup(r->targets);
    if (copy) {
        for (char *save = NULL, *t = strtok_r(copy, "|", &save); t; t = strtok_r(NULL, "|", &save)) {
            while (*t == ' ')
                t++;
            size_t n = strlen(t);
            while (n && t[n - 1] == ' ')
                t[--n] = '\0';
            json_object *o = json_object_new_object();
            json_object_object_add(o, "term", json_object_new_string(t));
            json_object_object_add(o, "lang", json_object_new_string(run->to_lang));
            json_object_array_add(targets, o);
        }
        free(copy);
    }
    json_object_object_add(m, "target_terms", targets);
    json_object_object_add(m, "subject", json_object_new_string(r->subject));
    json_object_object_add(m, "concept_id", json_object_new_string(r->id));
    if (c && c->definition)
        json_object_object_add(m, "definition", json_object_new_string(c->definition));
    if (c && c->note)
        json_object_object_add(m, "note", json_object_new_string(c->note));
    return m;
}

static int lookup_one(struct lookup_run *run, const char *query)
{
    const struct sel_lookup_result *r;
    size_t n;
    int rc = sel_lookup_query(run->lk, run->ctx, query, &r, &n);
    if (rc != SEL_OK)
        return rc;
    clear_rows(run);
    struct user_pass curated = { run, true }, general = { run, false };
    if (run->st && (rc = sel_store_user_lookup(run->st, run->ctx, run->from, run->to_lang, query, take_user_term,
                                               &curated)) != SEL_OK)
        return rc;
    for (size_t i = 0; i < n && run->n_rows < MAX_ROWS; i++) {
        run->rows[run->n_rows++] = (struct row){ r[i].kind, r[i].concept, r[i].term->text, NULL,
                                                 r[i].concept->subject ? r[i].concept->subject : "", r[i].concept->id, NULL,
                                                 r[i].term, r[i].attributive };
    }
    if (run->st && (rc = sel_store_user_lookup(run->st, run->ctx, run->from, run->to_lang, query, take_user_term,
                                               &general)) != SEL_OK)
        return rc;
    if (run->out_of_memory)
        return sel_error(run->ctx, SEL_ENOMEM, "out of memory");
    size_t shown = run->n_rows < (size_t)run->limit ? run->n_rows : (size_t)run->limit;
    if (shown == 0) {
        run->misses++;
        if (run->json) {
            json_object *q = json_object_new_object();
            json_object_object_add(q, "query", json_object_new_string(query));
            json_object_object_add(q, "matches", json_object_new_array());
            json_object_array_add(run->json, q);
        }
        const char *near[3];
        size_t k = sel_lookup_suggest(run->lk, query, near, 3);
        fprintf(stderr, "selaras lookup: no match for \"%s\"", query);
        for (size_t i = 0; i < k; i++)
            fprintf(stderr, "%s%s", i ? "\", \"" : "; did you mean \"", near[i]);
        fprintf(stderr, "%s\n", k ? "\"?" : "");
        return SEL_OK;
    }
    if ((rc = need_evidence(run)) != SEL_OK)
        return rc;
    json_object *q = NULL, *matches = NULL;
    if (run->json) {
        q = json_object_new_object();
        json_object_object_add(q, "query", json_object_new_string(query));
        matches = json_object_new_array();
    }
    if (run->format == FORMAT_TEXT)
        printf("%s\n", query);
    for (size_t i = 0; i < shown; i++) {
        const struct row *row = &run->rows[i];
        if (run->format == FORMAT_TSV) {
            printf("%s\t%zu\t%s\t%s\t", query, i + 1, sel_match_kind_name(row->kind), row->source);
            print_targets(run, row, " | ", false);
            printf("\t%s\t%s\t%s\t", row->subject, row->id, row->term ? sel_term_status_name(row->term->status) : "");
            print_targets(run, row, " | ", true);
            putchar('\n');
            continue;
        }
        json_object *m = NULL;
        if (run->format == FORMAT_TEXT)
            print_row_text(run, i + 1, row, query);
        else
            m = row_json(run, i + 1, row, query);
        // examples from the corpus, for the best answer
        if (i == 0 && run->st && row->concept && run->from[0] == 'i') {
            struct example_pass ep = { run, m ? json_object_new_array() : NULL };
            rc = sel_store_examples(run->st, run->ctx, row->id, MAX_EXAMPLES, take_example, &ep);
            if (m)
                json_object_object_add(m, "examples", ep.examples);
        }
        if (m)
            json_object_array_add(matches, m);
    }
    if (q) {
        json_object_object_add(q, "matches", matches);
        json_object_array_add(run->json, q);
    }
    return rc;
}

int cmd_lookup(const struct cli_command *cmd, int argc, char **argv)
{
    static const struct option long_opts[] = {
        { "from", required_argument, NULL, 'F' },
        { "format", required_argument, NULL, 'f' },
        { "limit", required_argument, NULL, 'n' },
        { "context", required_argument, NULL, 'C' },
        { "db", required_argument, NULL, 'D' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct lookup_run run = { .limit = 5, .from = "id", .to_lang = "en" };
    const char *db = NULL, *context = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "f:n:h", long_opts, NULL)) != -1) {
        switch (opt) {
        case 'F':
            if (cli_parse_choice(cmd, "--from", optarg, (const char *const[]){ "id", "en", NULL }) < 0)
                return EXIT_USAGE;
            run.from = optarg;
            run.to_lang = strcmp(optarg, "id") == 0 ? "en" : "id";
            break;
        case 'f': {
            int f = cli_parse_choice(cmd, "--format", optarg, (const char *const[]){ "text", "tsv", "json", NULL });
            if (f < 0)
                return EXIT_USAGE;
            run.format = (enum lookup_format)f; // the choices in the enum's order
            break;
        }
        case 'n':
            if (!cli_parse_count(cmd, "--limit", optarg, &run.limit))
                return EXIT_USAGE;
            if (run.limit == 0)
                return cli_usage_error(cmd, "--limit must be at least 1");
            if (run.limit > MAX_ROWS)
                run.limit = MAX_ROWS;
            break;
        case 'C':
            context = optarg;
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
    sel_ctx *ctx = NULL;
    sel_termbase *tb = NULL;
    int status = EXIT_USAGE;
    char *line = NULL;
    size_t cap = 0;
    if (sel_ctx_new(&ctx) != SEL_OK || cli_open_existing_store(&run.st, ctx, db) != SEL_OK ||
        cli_open_termbase(&tb, ctx, run.st) != SEL_OK || sel_lookup_new(&run.lk, ctx, tb, run.from) != SEL_OK ||
        sel_lookup_set_context(run.lk, ctx, context) != SEL_OK)
        goto done;
    run.ctx = ctx;
    if (run.format == FORMAT_JSON)
        run.json = json_object_new_array();
    if (optind < argc) {
        for (int i = optind; i < argc; i++) {
            long bad = sel_utf8_find_invalid(argv[i], strlen(argv[i]), false);
            if (bad >= 0) { // scraped text pasted into a shell: say so rather than look up mojibake
                sel_error(ctx, SEL_EPARSE, "query %d: invalid UTF-8 (byte 0x%02X) at byte offset %ld", i - optind + 1,
                          (unsigned char)argv[i][bad], bad);
                goto done;
            }
            if (lookup_one(&run, argv[i]) != SEL_OK)
                goto done;
        }
    } else {
        // one query per line on standard input, for scripts
        long lineno = 0;
        for (ssize_t len; (len = getline(&line, &cap, stdin)) != -1;) {
            lineno++;
            while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                line[--len] = '\0';
            long bad = sel_utf8_find_invalid(line, (size_t)len, false);
            if (bad >= 0) {
                sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ "<stdin>", lineno, bad + 1 },
                             "invalid UTF-8 in query (byte 0x%02X)", (unsigned char)line[bad]);
                goto done;
            }
            if (len > 0 && lookup_one(&run, line) != SEL_OK)
                goto done;
        }
    }
    if (run.json)
        puts(json_object_to_json_string_ext(run.json, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
    // a damaged database: equivalents shown in the bundled order are not the user's answer
    if (sel_evidence_status(run.ev) == SEL_OK)
        status = run.misses ? EXIT_FOUND_NOTHING : 0;
done:
    if (status == EXIT_USAGE)
        cli_report(ctx);
    free(line);
    sel_store_close(run.st); // the database is closed properly either way
    if (cli_free_at_exit) {
        json_object_put(run.json);
        clear_rows(&run);
        sel_evidence_free(run.ev);
        sel_lookup_free(run.lk);
        sel_termbase_free(tb);
        sel_ctx_free(ctx);
    }
    return status;
}
