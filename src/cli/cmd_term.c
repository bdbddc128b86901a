// SPDX-License-Identifier: MIT
// selaras term: the user's own termbase entries, kept in the user's database beside what they
// ingested. `add` makes a term (or adds an equivalent to a concept), `deprecate` says a bundled
// or user term is wrong for this user, `remove` takes a user term or a verdict back, `list`
// shows them. Each change is one transaction. Every command that reads the database loads the
// user's entries over the bundled termbase (cli_open_termbase()), so a term added here is matched
// in any inflected form by tag, ingest, check and lookup, and is in glossaries and exports.
#include "src/cli/cli.h"
#include "src/discover/discover.h"

#include <getopt.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { OPT_DB = 256, OPT_CONCEPT, OPT_SUBJECT, OPT_NOTE, OPT_DEFINITION, OPT_LANG, OPT_FORMAT, OPT_NO_RETAG };

struct term_options {
    const char *db, *concept, *subject, *note, *definition, *lang;
    int format; // list: 0 text, 1 tsv, 2 json
    bool no_retag; // leave the stored documents as they were tagged
};

// The options of every action; each action says which it accepts (in its usage) and
// parse_options() refuses the others.
static int parse_options(const struct cli_command *cmd, int argc, char **argv, const char *allowed,
                         struct term_options *o)
{
    static const struct option long_opts[] = {
        { "db", required_argument, NULL, OPT_DB },
        { "concept", required_argument, NULL, OPT_CONCEPT },
        { "subject", required_argument, NULL, OPT_SUBJECT },
        { "note", required_argument, NULL, OPT_NOTE },
        { "definition", required_argument, NULL, OPT_DEFINITION },
        { "lang", required_argument, NULL, OPT_LANG },
        { "format", required_argument, NULL, OPT_FORMAT },
        { "no-retag", no_argument, NULL, OPT_NO_RETAG },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    optind = 0; // GNU getopt: start over (main has parsed its own options), permuting as usual
    int opt, index = 0;
    while ((opt = getopt_long(argc, argv, "h", long_opts, &index)) != -1) {
        if (opt == 'h') {
            cli_print_usage(cmd, stdout);
            return 0;
        }
        if (opt == '?')
            return cli_usage_error(cmd, "unknown option");
        const char *name = long_opts[index].name;
        if (!strstr(allowed, name))
            return cli_usage_error(cmd, "--%s does not go with term %s", name, argv[0]);
        switch (opt) {
        case OPT_DB:
            if (!cli_parse_path(cmd, "--db", optarg))
                return EXIT_USAGE;
            o->db = optarg;
            break;
        case OPT_CONCEPT:
            if (!cli_parse_text(cmd, "--concept", optarg))
                return EXIT_USAGE;
            o->concept = optarg;
            break;
        case OPT_SUBJECT: {
            int s = cli_parse_choice(cmd, "--subject", optarg, sel_subjects);
            if (s < 0)
                return EXIT_USAGE;
            o->subject = sel_subjects[s];
            break;
        }
        case OPT_NOTE:
            if (!cli_parse_text(cmd, "--note", optarg))
                return EXIT_USAGE;
            o->note = optarg;
            break;
        case OPT_DEFINITION:
            if (!cli_parse_text(cmd, "--definition", optarg))
                return EXIT_USAGE;
            o->definition = optarg;
            break;
        case OPT_LANG:
            if (cli_parse_choice(cmd, "--lang", optarg, (const char *const[]){ "id", "en", NULL }) < 0)
                return EXIT_USAGE;
            o->lang = optarg;
            break;
        case OPT_NO_RETAG:
            o->no_retag = true;
            break;
        case OPT_FORMAT:
            if ((o->format = cli_parse_choice(cmd, "--format", optarg,
                                              (const char *const[]){ "text", "tsv", "json", NULL })) < 0)
                return EXIT_USAGE;
            break;
        }
    }
    return -1; // go on
}

// A term must hold a word: "—" or "..." would never be matched, and would only confuse a list.
static bool has_word(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80 || (*s >= '0' && *s <= '9') || ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z'))
            return true;
    return false;
}

static bool parse_term(const struct cli_command *cmd, const char *what, const char *arg)
{
    if (!cli_parse_text(cmd, what, arg))
        return false;
    if (!has_word(arg)) {
        cli_usage_error(cmd, "%s \"%s\" holds no word", what, arg);
        return false;
    }
    return true;
}

// "user." and the Indonesian term, lowercased, every run of other characters one '-':
// "Rapid Support Forces" -> user.rapid-support-forces. Non-ASCII letters are kept as they are.
static void concept_id_for(const char *term, char *out, size_t size)
{
    size_t n = (size_t)snprintf(out, size, "user.");
    bool dash = false;
    for (const char *p = term; *p && n + 2 < size; p++) {
        unsigned char ch = (unsigned char)*p;
        bool word = ch >= 0x80 || (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z');
        if (!word) {
            dash = n > 5;
            continue;
        }
        if (dash)
            out[n++] = '-';
        dash = false;
        out[n++] = (char)(ch < 0x80 && ch >= 'A' && ch <= 'Z' ? ch | 0x20 : ch);
    }
    out[n] = '\0';
}

/* ---- the database and the termbase, for every action -------------------------------------- */

struct term_run {
    sel_ctx *ctx;
    sel_store *st;
    sel_termbase *tb;
};

// @p create: actions that write make the database; list and remove need one that exists.
static int open_run(struct term_run *r, const char *db, bool create)
{
    if (sel_ctx_new(&r->ctx) != SEL_OK)
        return SEL_ENOMEM;
    int rc;
    if (create) {
        char *path = sel_store_path(db);
        rc = path ? sel_store_open(&r->st, r->ctx, path, true) : sel_error(r->ctx, SEL_ENOMEM, "out of memory");
        free(path);
    } else {
        rc = cli_open_existing_store(&r->st, r->ctx, db);
    }
    if (rc == SEL_OK)
        rc = cli_open_termbase(&r->tb, r->ctx, r->st);
    return rc;
}

// Before the change is committed: the stored documents tagged again with the termbase as the
// change leaves it (read back inside the transaction), so that the change and what it means for
// the ingested documents are committed together, or neither is (unless --no-retag).
static int retag_before_commit(struct term_run *r, const struct term_options *o)
{
    if (o->no_retag)
        return SEL_OK;
    sel_termbase *changed = NULL;
    int rc = cli_open_termbase(&changed, r->ctx, r->st);
    if (rc == SEL_OK)
        rc = cli_retag(r->ctx, r->st, changed, "id", true, false);
    sel_termbase_free(changed);
    return rc;
}

static int close_run(struct term_run *r, int status)
{
    if (status == EXIT_USAGE && r->ctx && sel_ctx_errmsg(r->ctx)[0])
        cli_report(r->ctx);
    sel_termbase_free(r->tb);
    sel_store_close(r->st);
    sel_ctx_free(r->ctx);
    return status;
}

/* ---- term add --------------------------------------------------------------------------------- */

// The user concept as stored, with the terms it will have: a concept's terms are written whole.
struct new_concept {
    struct sel_user_concept c;
    struct sel_user_term terms[64];
    size_t n_terms;
};

static bool concept_has(const struct new_concept *nc, const char *lang, const char *text)
{
    for (size_t i = 0; i < nc->n_terms; i++)
        if (strcmp(nc->terms[i].lang, lang) == 0 && strcasecmp(nc->terms[i].text, text) == 0)
            return true;
    return false;
}

static void concept_add(struct new_concept *nc, const char *lang, const char *text, const char *status)
{
    if (nc->n_terms < sizeof(nc->terms) / sizeof(nc->terms[0]) && !concept_has(nc, lang, text))
        nc->terms[nc->n_terms++] = (struct sel_user_term){ .lang = lang, .text = text, .status = status };
}

// Starts from concept @p base (bundled or the user's): its fields and terms, which the user's
// entry keeps, because a user concept with a bundled id stands in for the bundled one.
static void concept_from(struct new_concept *nc, const struct sel_concept *base)
{
    nc->c.subject = base->subject;
    nc->c.definition = base->definition;
    nc->c.note = base->note;
    for (size_t i = 0; i < base->n_terms; i++) {
        const struct sel_term *t = &base->terms[i];
        concept_add(nc, t->lang, t->text, sel_term_status_name(t->status));
        if (nc->n_terms && nc->terms[nc->n_terms - 1].text == t->text) { // kept: its picklist values too
            nc->terms[nc->n_terms - 1].pos = sel_pos_name(t->pos);
            nc->terms[nc->n_terms - 1].type = sel_term_type_name(t->type);
        }
    }
}

static int term_add(const struct cli_command *cmd, int argc, char **argv)
{
    struct term_options o = { 0 };
    int status = parse_options(cmd, argc, argv, "db concept subject note definition no-retag", &o);
    if (status >= 0)
        return status;
    if (argc - optind != 2)
        return cli_usage_error(cmd, "term add needs ID_TERM and EN_TERM");
    const char *id_term = argv[optind], *en_term = argv[optind + 1];
    if (!parse_term(cmd, "ID_TERM", id_term) || !parse_term(cmd, "EN_TERM", en_term))
        return EXIT_USAGE;

    struct term_run r = { 0 };
    status = EXIT_USAGE;
    if (open_run(&r, o.db, true) != SEL_OK)
        return close_run(&r, status);
    char id[256];
    const struct sel_concept *base = NULL;
    if (o.concept) {
        snprintf(id, sizeof(id), "%s", o.concept);
        base = sel_termbase_find(r.tb, id);
    } else { // a new concept: an id of its own, never one in use
        concept_id_for(id_term, id, sizeof(id));
        size_t len = strlen(id);
        for (int k = 2; sel_termbase_find(r.tb, id) && k < 1000; k++)
            snprintf(id + len, sizeof(id) - len, "-%d", k);
    }
    struct new_concept nc = { .c = { .id = id, .source = "added", .curated = true, .origin = "added" } };
    if (base)
        concept_from(&nc, base);
    bool was_there = base && nc.n_terms > 0 && concept_has(&nc, "id", id_term) && concept_has(&nc, "en", en_term);
    // the first terms of a language are its preferred ones, as in the bundled termbase
    bool id_first = true, en_first = true;
    for (size_t i = 0; i < nc.n_terms; i++) {
        id_first &= strcmp(nc.terms[i].lang, "id") != 0;
        en_first &= strcmp(nc.terms[i].lang, "en") != 0;
    }
    concept_add(&nc, "id", id_term, id_first ? "preferred" : "admitted");
    concept_add(&nc, "en", en_term, en_first ? "preferred" : "admitted");
    if (o.subject)
        nc.c.subject = o.subject;
    if (o.note)
        nc.c.note = o.note;
    if (o.definition)
        nc.c.definition = o.definition;
    if (base && base->origin) // the user's own concept keeps where it came from
        nc.c.origin = base->origin, nc.c.source = base->file, nc.c.evidence = base->evidence;

    if (was_there) { // nothing to write
        printf("unchanged %s: id %s, en %s\n", id, id_term, en_term);
        return close_run(&r, 0);
    }
    sel_user_writer *w = NULL;
    int rc = sel_store_begin(r.st, r.ctx);
    if (rc == SEL_OK)
        rc = sel_user_writer_new(&w, r.ctx, r.st);
    if (rc == SEL_OK)
        rc = sel_user_writer_concept(w, r.ctx, &nc.c);
    for (size_t i = 0; rc == SEL_OK && i < nc.n_terms; i++)
        rc = sel_user_writer_term(w, r.ctx, id, &nc.terms[i]);
    sel_user_writer_free(w);
    if (rc == SEL_OK)
        rc = retag_before_commit(&r, &o);
    if (rc == SEL_OK)
        rc = sel_store_commit(r.st, r.ctx);
    else
        sel_store_rollback(r.st);
    if (rc == SEL_OK) {
        printf("%s %s: id %s, en %s%s\n", base ? "extended" : "added", id, id_term, en_term,
               base && !base->origin ? " (your entry now stands for the bundled concept)" : "");
        status = 0;
    }
    return close_run(&r, status);
}

/* ---- term deprecate, term remove -------------------------------------------------------------- */

struct found_term {
    const struct sel_concept *concept;
    const struct sel_term *term;
};

// The terms spelled @p text (ignoring ASCII case) in @p lang (NULL: any), of concept @p concept
// (NULL: any). Up to @p max; returns how many there are.
static size_t find_terms(const sel_termbase *tb, const char *text, const char *lang, const char *concept,
                         struct found_term *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < sel_termbase_concept_count(tb); i++) {
        const struct sel_concept *c = sel_termbase_concept(tb, i);
        if (concept && strcmp(c->id, concept) != 0)
            continue;
        for (size_t j = 0; j < c->n_terms; j++) {
            const struct sel_term *t = &c->terms[j];
            if ((lang && strcmp(t->lang, lang) != 0) || strcasecmp(t->text, text) != 0)
                continue;
            if (n < max)
                out[n] = (struct found_term){ c, t };
            n++;
        }
    }
    return n;
}

// One term, or a message that says why not: none, or which concepts to choose from with --concept.
static const struct found_term *one_term(struct term_run *r, const char *text, const struct term_options *o,
                                         struct found_term *buf, size_t max)
{
    size_t n = find_terms(r->tb, text, o->lang, o->concept, buf, max);
    if (n == 1)
        return buf;
    if (n == 0) {
        sel_error(r->ctx, SEL_ENOTFOUND, "no term \"%s\"%s%s%s%s in the termbase", text, o->lang ? " in " : "",
                  o->lang ? o->lang : "", o->concept ? " of concept " : "", o->concept ? o->concept : "");
        return NULL;
    }
    char list[512] = "";
    for (size_t i = 0, used = 0; i < n && i < max && used < sizeof(list); i++)
        used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s (%s)", i ? ", " : "", buf[i].concept->id,
                                 buf[i].term->lang);
    sel_error(r->ctx, SEL_EINVAL, "\"%s\" is a term of %zu concepts: %s; say which with --concept%s", text, n, list,
              o->lang ? "" : " (or --lang)");
    return NULL;
}

static int term_deprecate(const struct cli_command *cmd, int argc, char **argv)
{
    struct term_options o = { 0 };
    int status = parse_options(cmd, argc, argv, "db concept lang note no-retag", &o);
    if (status >= 0)
        return status;
    if (argc - optind != 1)
        return cli_usage_error(cmd, "term deprecate needs one TERM");
    const char *text = argv[optind];
    if (!parse_term(cmd, "TERM", text))
        return EXIT_USAGE;
    struct term_run r = { 0 };
    status = EXIT_USAGE;
    struct found_term buf[16];
    const struct found_term *f = NULL;
    if (open_run(&r, o.db, true) != SEL_OK || !(f = one_term(&r, text, &o, buf, 16)))
        return close_run(&r, status);
    const struct sel_term_override v = { .concept_id = f->concept->id, .lang = f->term->lang, .text = f->term->text,
                                         .status = "deprecated", .note = o.note };
    int rc = sel_store_begin(r.st, r.ctx);
    if (rc == SEL_OK)
        rc = sel_store_override_set(r.st, r.ctx, &v);
    if (rc == SEL_OK)
        rc = retag_before_commit(&r, &o);
    if (rc == SEL_OK)
        rc = sel_store_commit(r.st, r.ctx);
    else
        sel_store_rollback(r.st);
    if (rc == SEL_OK) {
        printf("deprecated %s: %s %s\n", f->concept->id, f->term->lang, f->term->text);
        status = 0;
    }
    return close_run(&r, status);
}

// What `term remove` takes back: a verdict on the term, else the user's term, else a whole
// user concept named by its id.
static int term_remove(const struct cli_command *cmd, int argc, char **argv)
{
    struct term_options o = { 0 };
    int status = parse_options(cmd, argc, argv, "db concept lang no-retag", &o);
    if (status >= 0)
        return status;
    if (argc - optind != 1)
        return cli_usage_error(cmd, "term remove needs one TERM or CONCEPT_ID");
    const char *text = argv[optind];
    if (!parse_term(cmd, "TERM", text))
        return EXIT_USAGE;
    struct term_run r = { 0 };
    status = EXIT_USAGE;
    if (open_run(&r, o.db, false) != SEL_OK)
        return close_run(&r, status);
    if (!r.st) {
        sel_error(r.ctx, SEL_ENOTFOUND, "no database: there is no user entry to remove");
        return close_run(&r, status);
    }
    const struct sel_concept *whole = o.concept || o.lang ? NULL : sel_termbase_find(r.tb, text);
    struct found_term buf[16];
    const struct found_term *f = whole ? NULL : one_term(&r, text, &o, buf, 16);
    if (!whole && !f)
        return close_run(&r, status);
    if (whole && !whole->origin) {
        sel_error(r.ctx, SEL_EINVAL, "%s is a bundled concept: it cannot be removed; `selaras term deprecate` its terms",
                  text);
        return close_run(&r, status);
    }
    int rc = sel_store_begin(r.st, r.ctx), removed = 0;
    const char *what = "";
    if (rc == SEL_OK && whole) {
        removed = sel_store_user_remove(r.st, r.ctx, whole->id, NULL, NULL);
        what = "user concept";
    } else if (rc == SEL_OK) {
        removed = sel_store_override_remove(r.st, r.ctx, f->concept->id, f->term->lang, f->term->text);
        what = "verdict on";
        if (removed == 0 && f->concept->origin) {
            removed = sel_store_user_remove(r.st, r.ctx, f->concept->id, f->term->lang, f->term->text);
            what = "user term";
        }
    }
    if (removed < 0)
        rc = removed;
    if (rc == SEL_OK && removed == 0)
        rc = sel_error(r.ctx, SEL_EINVAL, "%s of %s is a bundled term and this user has no verdict on it: "
                                          "nothing to remove (`selaras term deprecate` says it is wrong)",
                       text, f->concept->id);
    if (rc == SEL_OK)
        rc = retag_before_commit(&r, &o);
    if (rc == SEL_OK)
        rc = sel_store_commit(r.st, r.ctx);
    else
        sel_store_rollback(r.st);
    if (rc == SEL_OK) {
        if (whole)
            printf("removed %s %s\n", what, whole->id);
        else
            printf("removed %s %s: %s %s\n", what, f->concept->id, f->term->lang, f->term->text);
        status = 0;
    }
    return close_run(&r, status);
}

/* ---- term list -------------------------------------------------------------------------------- */

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

static int term_list(const struct cli_command *cmd, int argc, char **argv)
{
    struct term_options o = { 0 };
    int status = parse_options(cmd, argc, argv, "db format", &o);
    if (status >= 0)
        return status;
    if (argc - optind != 0)
        return cli_usage_error(cmd, "term list takes no argument");
    struct term_run r = { 0 };
    status = EXIT_USAGE;
    if (open_run(&r, o.db, false) != SEL_OK)
        return close_run(&r, status);
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
    return close_run(&r, status);
}

/* ---- term accept, term reject ------------------------------------------------------------------ */

// One accepted candidate: its Indonesian term, English equivalents (the first preferred) and what
// discovery saw.
struct accepted {
    char *id_term;
    char *en[SEL_DISCOVER_MAX_EQUIV + 8];
    size_t n_en;
    char *evidence;
    long line;
};

static void accepted_finish(struct accepted *a)
{
    free(a->id_term);
    for (size_t i = 0; i < a->n_en; i++)
        free(a->en[i]);
    free(a->evidence);
}

// A copy of @p len bytes at @p s without the spaces around them.
static char *trimmed(const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        len--;
    char *out = malloc(len + 1);
    if (out) {
        memcpy(out, s, len);
        out[len] = '\0';
    }
    return out;
}

// Reads the candidates of a (reviewed) `discover --format tsv`: id_term, en_equivalents separated
// by " | ", score, count, example. The header, blank lines and # comments are skipped; a line
// without a term or an equivalent is an error at its place.
static int read_candidates(sel_ctx *ctx, const char *path, struct accepted **out, size_t *n_out)
{
    struct sel_text text = { 0 };
    int rc = sel_text_read(&text, ctx, path);
    struct accepted *list = NULL;
    size_t n = 0, cap = 0;
    long line = 0;
    for (char *p = text.data, *end = text.data + text.len; rc == SEL_OK && p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        line++;
        char *field[5] = { 0 };
        size_t flen[5] = { 0 }, nf = 0;
        for (char *f = p; nf < 5;) {
            char *tab = memchr(f, '\t', (size_t)(p + len - f));
            field[nf] = f;
            flen[nf++] = tab ? (size_t)(tab - f) : (size_t)(p + len - f);
            if (!tab)
                break;
            f = tab + 1;
        }
        bool skip = len == 0 || p[0] == '#' || (line == 1 && strncmp(p, "id_term\t", 8) == 0);
        struct sel_location where = sel_text_locate(&text, (size_t)(p - text.data));
        if (!skip) {
            struct accepted a = { .line = line };
            if (!(a.id_term = trimmed(field[0], flen[0]))) {
                rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
                break;
            }
            if (!has_word(a.id_term)) {
                free(a.id_term);
                rc = sel_error_at(ctx, SEL_EPARSE, where, "no Indonesian term in the first column");
                break;
            }
            // the equivalents: " | "-separated, as discover writes them
            const char *e = nf > 1 ? field[1] : "", *e_end = e + (nf > 1 ? flen[1] : 0);
            while (e < e_end && a.n_en < sizeof(a.en) / sizeof(a.en[0])) {
                const char *bar = e;
                while (bar < e_end && *bar != '|')
                    bar++;
                char *t = trimmed(e, (size_t)(bar - e));
                if (t && has_word(t))
                    a.en[a.n_en++] = t;
                else
                    free(t);
                e = bar < e_end ? bar + 1 : e_end;
            }
            if (!a.n_en) {
                struct sel_location at = where;
                at.column += (long)flen[0] + 1;
                accepted_finish(&a);
                rc = sel_error_at(ctx, SEL_EPARSE, at, "no English equivalent for \"%.*s\" in the second column",
                                  (int)flen[0], field[0]);
                break;
            }
            char ev[2048];
            snprintf(ev, sizeof(ev), "selaras discover: score %.*s, %.*s occurrences; e.g. %.*s",
                     nf > 2 ? (int)flen[2] : 1, nf > 2 ? field[2] : "?", nf > 3 ? (int)flen[3] : 1,
                     nf > 3 ? field[3] : "?", nf > 4 ? (int)(flen[4] < 1500 ? flen[4] : 1500) : 0, nf > 4 ? field[4] : "");
            a.evidence = strdup(ev);
            if (!a.evidence || SEL_ARRAY_RESERVE(list, cap, n + 1) != SEL_OK) {
                accepted_finish(&a);
                rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
                break;
            }
            list[n++] = a;
        }
        p += len + 1;
    }
    sel_text_finish(&text);
    if (rc != SEL_OK) {
        for (size_t i = 0; i < n; i++)
            accepted_finish(&list[i]);
        free(list);
        return rc;
    }
    *out = list;
    *n_out = n;
    return SEL_OK;
}

static int term_accept(const struct cli_command *cmd, int argc, char **argv)
{
    struct term_options o = { 0 };
    int status = parse_options(cmd, argc, argv, "db subject no-retag", &o);
    if (status >= 0)
        return status;
    if (argc - optind != 1 && argc - optind != 2)
        return cli_usage_error(cmd, "term accept needs CANDIDATES.tsv, or ID_TERM and EN_TERM");
    struct accepted one = { 0 }, *list = NULL;
    size_t n = 0;
    bool from_file = argc - optind == 1;
    if (from_file) {
        if (!cli_parse_path(cmd, "CANDIDATES.tsv", argv[optind]))
            return EXIT_USAGE;
    } else {
        if (!parse_term(cmd, "ID_TERM", argv[optind]) || !parse_term(cmd, "EN_TERM", argv[optind + 1]))
            return EXIT_USAGE;
        one.id_term = argv[optind];
        one.en[0] = argv[optind + 1];
        one.n_en = 1;
        one.evidence = (char *)"accepted by hand (selaras term accept ID_TERM EN_TERM)";
        list = &one;
        n = 1;
    }
    struct term_run r = { 0 };
    status = EXIT_USAGE;
    // the file is read whole before the database is opened: a bad line leaves nothing behind
    if (from_file) {
        if (sel_ctx_new(&r.ctx) != SEL_OK || read_candidates(r.ctx, argv[optind], &list, &n) != SEL_OK) {
            list = NULL;
            return close_run(&r, status);
        }
        sel_ctx_free(r.ctx);
        r.ctx = NULL;
    }
    sel_user_writer *w = NULL;
    char (*ids)[256] = calloc(n ? n : 1, sizeof(*ids));
    size_t added = 0, kept = 0;
    int rc = ids ? SEL_OK : SEL_ENOMEM;
    if (rc == SEL_OK && open_run(&r, o.db, true) != SEL_OK)
        goto done;
    if (rc == SEL_OK)
        rc = sel_store_begin(r.st, r.ctx);
    if (rc == SEL_OK)
        rc = sel_user_writer_new(&w, r.ctx, r.st);
    for (size_t i = 0; rc == SEL_OK && i < n; i++) {
        const struct accepted *a = &list[i];
        struct found_term found[4];
        if (find_terms(r.tb, a->id_term, "id", NULL, found, 4)) { // accepted before, or the termbase has it
            printf("unchanged: %s is already a term of %s\n", a->id_term, found[0].concept->id);
            kept++;
            continue;
        }
        // a new concept id, in use neither in the termbase nor earlier in this file
        concept_id_for(a->id_term, ids[i], sizeof(ids[i]));
        size_t len = strlen(ids[i]);
        for (int k = 2; k < 1000; k++) {
            bool taken = sel_termbase_find(r.tb, ids[i]);
            for (size_t j = 0; j < i && !taken; j++)
                taken = strcmp(ids[j], ids[i]) == 0;
            if (!taken)
                break;
            snprintf(ids[i] + len, sizeof(ids[i]) - len, "-%d", k);
        }
        struct sel_user_concept c = { .id = ids[i], .subject = o.subject, .source = "discovered", .curated = true,
                                      .origin = "discovered", .evidence = a->evidence };
        rc = sel_user_writer_concept(w, r.ctx, &c);
        struct sel_user_term t = { .lang = "id", .text = a->id_term, .status = "preferred" };
        if (rc == SEL_OK)
            rc = sel_user_writer_term(w, r.ctx, ids[i], &t);
        for (size_t e = 0; rc == SEL_OK && e < a->n_en; e++) {
            struct sel_user_term te = { .lang = "en", .text = a->en[e], .status = e ? "admitted" : "preferred" };
            rc = sel_user_writer_term(w, r.ctx, ids[i], &te);
        }
        if (rc == SEL_OK) {
            printf("accepted %s: id %s, en %s%s\n", ids[i], a->id_term, a->en[0], a->n_en > 1 ? " (and more)" : "");
            added++;
        }
    }
    sel_user_writer_free(w);
    if (rc == SEL_OK && added) // accepted terms are found in the documents already ingested, as added ones
        rc = retag_before_commit(&r, &o);
    if (rc == SEL_OK)
        rc = sel_store_commit(r.st, r.ctx);
    else if (r.st)
        sel_store_rollback(r.st);
    if (rc == SEL_OK)
        status = 0;
    else if (rc == SEL_ENOMEM && r.ctx && !*sel_ctx_errmsg(r.ctx))
        sel_error(r.ctx, rc, "out of memory");
done:
    free(ids);
    if (from_file) {
        for (size_t i = 0; i < n; i++)
            accepted_finish(&list[i]);
        free(list);
    }
    (void)kept;
    return close_run(&r, status);
}

static int term_reject(const struct cli_command *cmd, int argc, char **argv)
{
    struct term_options o = { 0 };
    int status = parse_options(cmd, argc, argv, "db", &o);
    if (status >= 0)
        return status;
    if (argc - optind < 1)
        return cli_usage_error(cmd, "term reject needs one ID_TERM or more");
    for (int i = optind; i < argc; i++)
        if (!parse_term(cmd, "ID_TERM", argv[i]))
            return EXIT_USAGE;
    struct term_run r = { 0 };
    status = EXIT_USAGE;
    sel_lang *lang = NULL;
    sel_analyzer *an = NULL;
    if (open_run(&r, o.db, true) != SEL_OK || sel_lang_load(&lang, r.ctx, "id") != SEL_OK ||
        sel_analyzer_new(&an, r.ctx, lang) != SEL_OK)
        goto done;
    int rc = sel_store_begin(r.st, r.ctx);
    for (int i = optind; rc == SEL_OK && i < argc; i++) {
        char key[1024];
        rc = sel_discover_key(an, r.ctx, argv[i], key, sizeof(key));
        if (rc == SEL_OK && !*key)
            rc = sel_error(r.ctx, SEL_EINVAL, "\"%s\" holds no word", argv[i]);
        if (rc == SEL_OK)
            rc = sel_store_candidate_reject(r.st, r.ctx, key, argv[i]);
        if (rc == SEL_OK)
            printf("rejected %s: it will not be proposed again\n", argv[i]);
    }
    if (rc == SEL_OK)
        rc = sel_store_commit(r.st, r.ctx);
    else
        sel_store_rollback(r.st);
    if (rc == SEL_OK)
        status = 0;
done:
    sel_analyzer_free(an);
    sel_lang_free(lang);
    return close_run(&r, status);
}

int cmd_term(const struct cli_command *cmd, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error(cmd, "missing action: add, deprecate, remove, list, accept or reject");
    const char *action = argv[1];
    if (strcmp(action, "--help") == 0 || strcmp(action, "-h") == 0) {
        cli_print_usage(cmd, stdout);
        return 0;
    }
    static const struct {
        const char *name;
        int (*run)(const struct cli_command *, int, char **);
    } actions[] = {
        { "add", term_add },       { "deprecate", term_deprecate }, { "remove", term_remove },
        { "list", term_list },     { "accept", term_accept },       { "reject", term_reject },
    };
    for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
        if (strcmp(action, actions[i].name) == 0)
            return actions[i].run(cmd, argc - 1, argv + 1);
    return cli_usage_error(cmd, "unknown action \"%s\": add, deprecate, remove, list, accept or reject", action);
}
