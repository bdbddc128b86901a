// SPDX-License-Identifier: MIT
// selaras term list: the user's concepts (added, imported with --curated, discovered) with where
// they came from and when, then this user's verdicts on terms; as text, TSV or JSON.
#include "src/cli/term_internal.h"

#include <getopt.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

struct list_out {
    int format;
    json_object *json, *verdicts; // json: {"concepts": [...], "verdicts": [...]}
    size_t n;
};

static void list_concept(struct list_out *l, const struct sel_concept *c)
{
    l->n++;
    if (l->format == 2) {
        json_object *o = json_object_new_object(), *terms = json_object_new_array();
        json_object_object_add(o, "concept", json_object_new_string(c->id));
        json_object_object_add(o, "subject", c->subject && *c->subject ? json_object_new_string(c->subject) : NULL);
        json_object_object_add(o, "origin", json_object_new_string(c->origin));
        json_object_object_add(o, "source", json_object_new_string(c->file ? c->file : ""));
        json_object_object_add(o, "added", c->added_at ? json_object_new_string(c->added_at) : NULL);
        for (size_t i = 0; i < c->n_terms; i++) {
            json_object *t = json_object_new_object();
            json_object_object_add(t, "lang", json_object_new_string(c->terms[i].lang));
            json_object_object_add(t, "text", json_object_new_string(c->terms[i].text));
            json_object_object_add(t, "status", json_object_new_string(sel_term_status_name(c->terms[i].status)));
            json_object_array_add(terms, t);
        }
        json_object_object_add(o, "terms", terms);
        json_object_array_add(json_object_object_get(l->json, "concepts"), o);
        return;
    }
    char id_terms[1024], en_terms[1024];
    sel_concept_terms_join(c, "id", " | ", id_terms, sizeof(id_terms));
    sel_concept_terms_join(c, "en", " | ", en_terms, sizeof(en_terms));
    if (l->format == 1) {
        char line[4096];
        int n = snprintf(line, sizeof(line), "%s\t%s\t%s\t%s\t%s\t%s\t%s", c->id, id_terms, en_terms,
                         c->subject ? c->subject : "", c->origin, c->file ? c->file : "", c->added_at ? c->added_at : "");
        sel_write_visible(stdout, line, n > 0 ? strlen(line) : 0); // a TSV line holds no raw control character
        putchar('\n');
    } else {
        printf("%s  %s = %s  [%s%s%s, %s%s%s]\n", c->id, id_terms, en_terms, c->subject && *c->subject ? c->subject : "",
               c->subject && *c->subject ? "; " : "", c->origin, strcmp(c->origin, "added") ? c->file : "",
               strcmp(c->origin, "added") ? ", " : "", c->added_at ? c->added_at : "");
    }
}

// This user's verdicts on terms, after the concepts: one line (or object) each.
static int list_verdict(void *user, const struct sel_term_override *v)
{
    struct list_out *l = user;
    l->n++;
    if (l->format == 2) {
        json_object *o = json_object_new_object();
        json_object_object_add(o, "concept", json_object_new_string(v->concept_id));
        json_object_object_add(o, "lang", json_object_new_string(v->lang));
        json_object_object_add(o, "text", json_object_new_string(v->text));
        json_object_object_add(o, "verdict", json_object_new_string(v->status));
        json_object_object_add(o, "note", v->note ? json_object_new_string(v->note) : NULL);
        json_object_object_add(o, "added", json_object_new_string(v->added_at ? v->added_at : ""));
        json_object_array_add(l->verdicts, o);
    } else if (l->format == 1) {
        char line[4096];
        snprintf(line, sizeof(line), "%s\t%s: %s\t\t\t%s\t%s\t%s", v->concept_id, v->lang, v->text, v->status,
                 v->note ? v->note : "", v->added_at ? v->added_at : "");
        sel_write_visible(stdout, line, strlen(line));
        putchar('\n');
    } else {
        printf("%s  %s %s: %s%s%s  [%s]\n", v->concept_id, v->lang, v->text, v->status, v->note ? " — " : "",
               v->note ? v->note : "", v->added_at ? v->added_at : "");
    }
    return SEL_OK;
}

int term_list(const struct cli_command *cmd, int argc, char **argv)
{
    struct term_options o = { 0 };
    int status = term_parse_options(cmd, argc, argv, "db format", &o);
    if (status >= 0)
        return status;
    if (argc - optind != 0)
        return cli_usage_error(cmd, "term list takes no argument");
    struct term_run r = { 0 };
    status = EXIT_USAGE;
    if (term_open(&r, o.db, false) != SEL_OK)
        return term_close(&r, status);
    struct list_out l = { .format = o.format };
    if (l.format == 2) {
        l.json = json_object_new_object();
        json_object_object_add(l.json, "concepts", json_object_new_array());
        json_object_object_add(l.json, "verdicts", l.verdicts = json_object_new_array());
    } else if (l.format == 1) {
        puts("concept\tid_terms\ten_terms\tsubject\torigin\tsource\tadded");
    }
    for (size_t i = 0; i < sel_termbase_concept_count(r.tb); i++) {
        const struct sel_concept *c = sel_termbase_concept(r.tb, i);
        if (c->origin)
            list_concept(&l, c);
    }
    int rc = r.st ? sel_store_overrides(r.st, r.ctx, list_verdict, &l) : SEL_OK;
    if (l.json) {
        puts(json_object_to_json_string_ext(l.json, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
        json_object_put(l.json);
    }
    status = rc == SEL_OK && fflush(stdout) == 0 ? (l.n ? 0 : EXIT_FOUND_NOTHING) : EXIT_USAGE;
    return term_close(&r, status);
}

/* ---- term accept, term reject ------------------------------------------------------------------ */
