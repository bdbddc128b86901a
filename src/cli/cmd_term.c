// SPDX-License-Identifier: MIT
// selaras term: the user's own termbase entries, kept in the user's database beside what they
// ingested. This file holds what every action shares and the editing actions: `add` makes a term
// (or adds an equivalent to a concept), `deprecate` says a bundled or user term is wrong for this
// user, `remove` takes a user term or a verdict back (`list` is in cmd_term_list.c, `accept` and
// `reject` in cmd_term_review.c). Each change is one transaction. Every command that reads the database loads the
// user's entries over the bundled termbase (cli_open_termbase()), so a term added here is matched
// in any inflected form by tag, ingest, check and lookup, and is in glossaries and exports.
#include "src/cli/term_internal.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { OPT_DB = 256, OPT_CONCEPT, OPT_SUBJECT, OPT_NOTE, OPT_DEFINITION, OPT_LANG, OPT_FORMAT, OPT_NO_RETAG };

// The options of every action; each action says which it accepts (in its usage) and
// term_parse_options() refuses the others.
int term_parse_options(const struct cli_command *cmd, int argc, char **argv, const char *allowed,
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
bool term_has_word(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80 || (*s >= '0' && *s <= '9') || ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z'))
            return true;
    return false;
}

bool term_parse_word(const struct cli_command *cmd, const char *what, const char *arg)
{
    if (!cli_parse_text(cmd, what, arg))
        return false;
    if (!term_has_word(arg)) {
        cli_usage_error(cmd, "%s \"%s\" holds no word", what, arg);
        return false;
    }
    return true;
}

// "user." and the Indonesian term, lowercased, every run of other characters one '-':
// "Rapid Support Forces" -> user.rapid-support-forces. Non-ASCII letters are kept as they are.
void term_concept_id(const char *term, char *out, size_t size)
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

// @p create: actions that write make the database; list and remove need one that exists.
int term_open(struct term_run *r, const char *db, bool create)
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

// Ends the change whose transaction is open, @p rc its status so far: with @p retag (and not
// --no-retag), the stored documents are tagged again with the termbase as the change leaves it
// (read back inside the transaction), so that the change and what it means for the ingested
// documents are committed together; on any failure nothing is.
int term_commit(struct term_run *r, const struct term_options *o, int rc, bool retag)
{
    if (rc == SEL_OK && retag && !o->no_retag) {
        sel_termbase *changed = NULL;
        rc = cli_open_termbase(&changed, r->ctx, r->st);
        if (rc == SEL_OK)
            rc = cli_retag(r->ctx, r->st, changed, "id", true, false);
        sel_termbase_free(changed);
    }
    if (rc == SEL_OK)
        return sel_store_commit(r->st, r->ctx);
    if (r->st)
        sel_store_rollback(r->st);
    return rc;
}

int term_close(struct term_run *r, int status)
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

int term_add(const struct cli_command *cmd, int argc, char **argv)
{
    struct term_options o = { 0 };
    int status = term_parse_options(cmd, argc, argv, "db concept subject note definition no-retag", &o);
    if (status >= 0)
        return status;
    if (argc - optind != 2)
        return cli_usage_error(cmd, "term add needs ID_TERM and EN_TERM");
    const char *id_term = argv[optind], *en_term = argv[optind + 1];
    if (!term_parse_word(cmd, "ID_TERM", id_term) || !term_parse_word(cmd, "EN_TERM", en_term))
        return EXIT_USAGE;

    struct term_run r = { 0 };
    status = EXIT_USAGE;
    if (term_open(&r, o.db, true) != SEL_OK)
        return term_close(&r, status);
    char id[256];
    const struct sel_concept *base = NULL;
    if (o.concept) {
        snprintf(id, sizeof(id), "%s", o.concept);
        base = sel_termbase_find(r.tb, id);
    } else { // a new concept: an id of its own, never one in use
        term_concept_id(id_term, id, sizeof(id));
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
        return term_close(&r, 0);
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
    rc = term_commit(&r, &o, rc, true);
    if (rc == SEL_OK) {
        printf("%s %s: id %s, en %s%s\n", base ? "extended" : "added", id, id_term, en_term,
               base && !base->origin ? " (your entry now stands for the bundled concept)" : "");
        status = 0;
    }
    return term_close(&r, status);
}

/* ---- term deprecate, term remove -------------------------------------------------------------- */

// The terms spelled @p text (ignoring ASCII case) in @p lang (NULL: any), of concept @p concept
// (NULL: any). Up to @p max; returns how many there are.
size_t term_find(const sel_termbase *tb, const char *text, const char *lang, const char *concept,
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
    size_t n = term_find(r->tb, text, o->lang, o->concept, buf, max);
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

int term_deprecate(const struct cli_command *cmd, int argc, char **argv)
{
    struct term_options o = { 0 };
    int status = term_parse_options(cmd, argc, argv, "db concept lang note no-retag", &o);
    if (status >= 0)
        return status;
    if (argc - optind != 1)
        return cli_usage_error(cmd, "term deprecate needs one TERM");
    const char *text = argv[optind];
    if (!term_parse_word(cmd, "TERM", text))
        return EXIT_USAGE;
    struct term_run r = { 0 };
    status = EXIT_USAGE;
    struct found_term buf[16];
    const struct found_term *f = NULL;
    if (term_open(&r, o.db, true) != SEL_OK || !(f = one_term(&r, text, &o, buf, 16)))
        return term_close(&r, status);
    const struct sel_term_override v = { .concept_id = f->concept->id, .lang = f->term->lang, .text = f->term->text,
                                         .status = "deprecated", .note = o.note };
    int rc = sel_store_begin(r.st, r.ctx);
    if (rc == SEL_OK)
        rc = sel_store_override_set(r.st, r.ctx, &v);
    rc = term_commit(&r, &o, rc, true);
    if (rc == SEL_OK) {
        printf("deprecated %s: %s %s\n", f->concept->id, f->term->lang, f->term->text);
        status = 0;
    }
    return term_close(&r, status);
}

// What `term remove` takes back: a verdict on the term, else the user's term, else a whole
// user concept named by its id.
int term_remove(const struct cli_command *cmd, int argc, char **argv)
{
    struct term_options o = { 0 };
    int status = term_parse_options(cmd, argc, argv, "db concept lang no-retag", &o);
    if (status >= 0)
        return status;
    if (argc - optind != 1)
        return cli_usage_error(cmd, "term remove needs one TERM or CONCEPT_ID");
    const char *text = argv[optind];
    if (!term_parse_word(cmd, "TERM", text))
        return EXIT_USAGE;
    struct term_run r = { 0 };
    status = EXIT_USAGE;
    if (term_open(&r, o.db, false) != SEL_OK)
        return term_close(&r, status);
    if (!r.st) {
        sel_error(r.ctx, SEL_ENOTFOUND, "no database: there is no user entry to remove");
        return term_close(&r, status);
    }
    const struct sel_concept *whole = o.concept || o.lang ? NULL : sel_termbase_find(r.tb, text);
    struct found_term buf[16];
    const struct found_term *f = whole ? NULL : one_term(&r, text, &o, buf, 16);
    if (!whole && !f)
        return term_close(&r, status);
    if (whole && !whole->origin) {
        sel_error(r.ctx, SEL_EINVAL, "%s is a bundled concept: it cannot be removed; `selaras term deprecate` its terms",
                  text);
        return term_close(&r, status);
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
    rc = term_commit(&r, &o, rc, true);
    if (rc == SEL_OK) {
        if (whole)
            printf("removed %s %s\n", what, whole->id);
        else
            printf("removed %s %s: %s %s\n", what, f->concept->id, f->term->lang, f->term->text);
        status = 0;
    }
    return term_close(&r, status);
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
