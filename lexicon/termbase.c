// SPDX-License-Identifier: MIT
// Reading termbase source files (docs/lexicon-format.md). The reader reports every problem it
// finds and keeps going, because `selaras lexicon check` must list them all in one run.
#include "lexicon/lexicon.h"
#include "src/core/core.h"
#include "lexicon/compiled.h"
#include "lexicon/termbase_internal.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const sel_subjects[] = {
    "armed-forces", "ranks", "weapons", "conflict", "security", "diplomacy", "intl-org",
    "government", "politics", "elections", "law", "economy", "geography", "names", NULL,
};

static const char *const pos_names[SEL_POS_COUNT] = {
    "noun", "verb", "adjective", "adverb", "properNoun", "other",
};
static const char *const type_names[SEL_TYPE_COUNT] = {
    "fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase",
};
static const char *const status_names[SEL_STATUS_COUNT] = {
    "preferred", "admitted", "deprecated", "aid",
};

const char *sel_pos_name(enum sel_pos pos) { return pos < SEL_POS_COUNT ? pos_names[pos] : "?"; }
const char *sel_term_type_name(enum sel_term_type t) { return t < SEL_TYPE_COUNT ? type_names[t] : "?"; }
const char *sel_term_status_name(enum sel_term_status s)
{
    return s < SEL_STATUS_COUNT ? status_names[s] : "?";
}

void sel_concept_terms_join(const struct sel_concept *c, const char *lang, const char *sep, char *buf, size_t size)
{
    sel_concept_equivalents_join(c, lang, NULL, sep, buf, size); // the one order, without evidence
}

int sel_termbase_new(sel_termbase **out)
{
    SEL_CHECK_ARG(out, SEL_EINVAL);
    *out = calloc(1, sizeof(**out));
    return *out ? SEL_OK : SEL_ENOMEM;
}

void sel_termbase_free(sel_termbase *tb)
{
    if (!tb)
        return;
    if (!tb->concepts_borrowed)
        free(tb->concepts);
    sel_arena_finish(&tb->arena);
    sel_compiled_close(tb->compiled);
    free(tb);
}

int sel_termbase_reserve(sel_termbase *tb, size_t need)
{
    if (tb->concepts_borrowed && need > tb->cap_concepts) { // the user's concepts follow the bundled ones
        sel_termbase_fill(tb);
        size_t cap = need + need / 2; // room for the user's concepts, which come one at a time
        struct sel_concept *own = malloc(cap * sizeof(*own));
        if (!own)
            return SEL_ENOMEM;
        memcpy(own, tb->concepts, tb->n_concepts * sizeof(*own));
        tb->concepts = own;
        tb->cap_concepts = cap;
        tb->concepts_borrowed = false;
    }
    return SEL_ARRAY_RESERVE(tb->concepts, tb->cap_concepts, need);
}

size_t sel_termbase_concept_count(const sel_termbase *tb) { return tb ? tb->n_concepts : 0; }

const struct sel_concept *sel_termbase_concept(const sel_termbase *tb, size_t i)
{
    if (!tb || i >= tb->n_concepts)
        return NULL;
    sel_termbase_fill(tb);
    return &tb->concepts[i];
}

/* ---- one file ------------------------------------------------------------------------------ */

enum { MAX_LANGS = 8, MAX_TERMS = 64 };

struct reader {
    sel_termbase *tb;
    sel_ctx *ctx;
    const char *file;       // arena copy, shared by all concepts of the file
    long line;
    sel_problem_fn report;
    void *user;
    size_t problems;
    const char *subject;
    const char *langs[MAX_LANGS];
    size_t n_langs;
    bool have_languages;
    bool header_reported;   // "concept before the header" is said once per file
    struct sel_concept cur; // the concept being read; terms go to `terms` until it ends
    bool in_concept;
    struct sel_term terms[MAX_TERMS];
    size_t n_terms;
    bool out_of_memory;
};

__attribute__((format(printf, 3, 4)))
static void problem(struct reader *r, long line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    struct sel_location where = { r->file, line, 0 };
    if (r->problems++ == 0)
        sel_error_at(r->ctx, SEL_EPARSE, where, "%s", msg);
    if (r->report)
        r->report(r->user, where, msg);
}

static char *dup(struct reader *r, const char *s, size_t len)
{
    char *p = sel_arena_strndup(&r->tb->arena, s, len);
    if (!p)
        r->out_of_memory = true;
    return p;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

static int lookup_name(const char *const *names, size_t count, const char *s)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(names[i], s) == 0)
            return (int)i;
    return -1;
}

bool sel_pos_from_name(const char *name, enum sel_pos *out)
{
    int i = name ? lookup_name(pos_names, SEL_POS_COUNT, name) : -1;
    if (i >= 0)
        *out = (enum sel_pos)i;
    return i >= 0;
}

bool sel_term_type_from_name(const char *name, enum sel_term_type *out)
{
    int i = name ? lookup_name(type_names, SEL_TYPE_COUNT, name) : -1;
    if (i >= 0)
        *out = (enum sel_term_type)i;
    return i >= 0;
}

bool sel_term_status_from_name(const char *name, enum sel_term_status *out)
{
    int i = name ? lookup_name(status_names, SEL_STATUS_COUNT, name) : -1;
    if (i >= 0)
        *out = (enum sel_term_status)i;
    return i >= 0;
}

static bool known_subject(const char *s)
{
    for (size_t i = 0; sel_subjects[i]; i++)
        if (strcmp(sel_subjects[i], s) == 0)
            return true;
    return false;
}

static bool valid_concept_id(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '.' || *s == '-' ||
              *s == '_'))
            return false;
    return true;
}

static bool valid_lang_code(const char *s)
{
    // BCP-47 as this project uses it: a 2–3 letter primary subtag, optionally -REGION etc.
    size_t n = 0;
    while (islower((unsigned char)s[n]))
        n++;
    if (n < 2 || n > 3)
        return false;
    for (s += n; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '-'))
            return false;
    return true;
}

static void finish_concept(struct reader *r)
{
    if (!r->in_concept)
        return;
    r->in_concept = false;
    struct sel_concept *c = &r->cur;
    for (size_t l = 0; l < r->n_langs; l++) {
        bool preferred = false;
        for (size_t i = 0; i < r->n_terms; i++)
            if (strcmp(r->terms[i].lang, r->langs[l]) == 0 &&
                r->terms[i].status == SEL_STATUS_PREFERRED)
                preferred = true;
        if (!preferred)
            problem(r, c->line, "concept %s has no preferred %s term", c->id, r->langs[l]);
    }
    c->n_terms = r->n_terms;
    c->terms = sel_arena_alloc(&r->tb->arena, r->n_terms * sizeof(*c->terms) + 1);
    if (!c->terms) {
        r->out_of_memory = true;
        return;
    }
    memcpy(c->terms, r->terms, r->n_terms * sizeof(*c->terms));
    sel_termbase *tb = r->tb;
    if (sel_termbase_reserve(tb, tb->n_concepts + 1) != SEL_OK) {
        r->out_of_memory = true;
        return;
    }
    tb->concepts[tb->n_concepts++] = *c;
}

// Parses "[noun, acronym, case]" into @p t; reports unknown or conflicting attributes.
static void parse_attributes(struct reader *r, char *list, struct sel_term *t, bool *status_given)
{
    bool pos_given = false, type_given = false;
    for (char *save = NULL, *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *a = trim(tok);
        int v;
        if (!*a) {
            problem(r, r->line, "empty attribute in brackets");
        } else if ((v = lookup_name(pos_names, SEL_POS_COUNT, a)) >= 0) {
            if (pos_given)
                problem(r, r->line, "two parts of speech for one term");
            t->pos = (enum sel_pos)v;
            pos_given = true;
        } else if ((v = lookup_name(type_names, SEL_TYPE_COUNT, a)) >= 0) {
            if (type_given)
                problem(r, r->line, "two term types for one term");
            t->type = (enum sel_term_type)v;
            type_given = true;
        } else if ((v = lookup_name(status_names, SEL_STATUS_COUNT, a)) >= 0) {
            if (*status_given)
                problem(r, r->line, "two statuses for one term");
            t->status = (enum sel_term_status)v;
            *status_given = true;
        } else if (strcmp(a, "case") == 0) {
            t->exact_case = true;
        } else {
            problem(r, r->line, "unknown attribute \"%s\" (not a part of speech, term type, status or \"case\")", a);
        }
    }
}

static bool same_folded(const char *a, const char *b)
{
    return strcasecmp(a, b) == 0; // ASCII folding is enough to catch a repeated term
}

static void read_term(struct reader *r, const char *lang, char *value)
{
    char *hash = strstr(value, " #");
    if (hash)
        *hash = '\0';
    value = trim(value);
    struct sel_term t = { .lang = lang, .line = r->line };
    bool status_given = false;
    char *open = strchr(value, '[');
    if (open) {
        char *close = strchr(open, ']');
        if (!close || trim(close + 1)[0] != '\0') {
            problem(r, r->line, "malformed attribute list: expected \"TERM [attr, ...]\" with the ']' last");
            return;
        }
        *close = '\0';
        *open = '\0';
        parse_attributes(r, open + 1, &t, &status_given);
        value = trim(value);
    } else if (strchr(value, ']')) {
        problem(r, r->line, "']' without '['");
        return;
    }
    if (!*value) {
        problem(r, r->line, "empty term");
        return;
    }
    if (strstr(value, "  ") || strchr(value, '\t')) {
        problem(r, r->line, "term \"%s\" has a tab or a double space", value);
        return;
    }
    size_t first_of_lang = 1;
    for (size_t i = 0; i < r->n_terms; i++) {
        if (strcmp(r->terms[i].lang, lang) != 0)
            continue;
        first_of_lang = 0;
        if (same_folded(r->terms[i].text, value) && r->terms[i].exact_case == t.exact_case) {
            problem(r, r->line, "term \"%s\" repeated in concept %s (first on line %ld)", value,
                    r->cur.id, r->terms[i].line);
            return;
        }
    }
    if (!status_given)
        t.status = first_of_lang ? SEL_STATUS_PREFERRED : SEL_STATUS_ADMITTED;
    if (r->n_terms == MAX_TERMS) {
        problem(r, r->line, "more than %d terms in concept %s", MAX_TERMS, r->cur.id);
        return;
    }
    t.text = dup(r, value, strlen(value));
    r->terms[r->n_terms++] = t;
}

static void read_line(struct reader *r, char *line)
{
    char *s = trim(line);
    if (!*s || *s == '#')
        return;
    char *colon = strchr(s, ':');
    if (!colon || colon == s) {
        problem(r, r->line, "expected \"KEY: VALUE\"");
        return;
    }
    *colon = '\0';
    char *key = trim(s);
    char *value = trim(colon + 1);

    if (strcmp(key, "subject") == 0) {
        if (r->subject)
            problem(r, r->line, "second subject: line (one subject per file)");
        else if (r->in_concept || r->tb->n_concepts_file)
            problem(r, r->line, "subject: must come before the first concept");
        else if (!known_subject(value))
            problem(r, r->line, "unknown subject \"%s\" (see docs/lexicon-format.md)", value);
        // Remember even an unknown subject, so that one mistake is reported once.
        if (!r->subject && !r->in_concept && !r->tb->n_concepts_file)
            r->subject = dup(r, value, strlen(value));
        return;
    }
    if (strcmp(key, "languages") == 0) {
        if (r->have_languages) {
            problem(r, r->line, "second languages: line");
            return;
        }
        r->have_languages = true;
        for (char *save = NULL, *tok = strtok_r(value, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
            if (!valid_lang_code(tok))
                problem(r, r->line, "\"%s\" is not a language code", tok);
            else if (r->n_langs == MAX_LANGS)
                problem(r, r->line, "more than %d languages", MAX_LANGS);
            else
                r->langs[r->n_langs++] = dup(r, tok, strlen(tok));
        }
        if (r->n_langs == 0)
            problem(r, r->line, "languages: names no language");
        return;
    }
    if (strcmp(key, "concept") == 0) {
        finish_concept(r);
        if ((!r->subject || !r->have_languages) && !r->header_reported) {
            problem(r, r->line, "concept before the subject: and languages: header lines");
            r->header_reported = true;
        }
        if (!valid_concept_id(value))
            problem(r, r->line, "invalid concept id \"%s\" (lowercase ASCII letters, digits, '.', '-', '_')", value);
        memset(&r->cur, 0, sizeof(r->cur));
        r->cur.id = dup(r, value, strlen(value));
        r->cur.subject = r->subject ? r->subject : "";
        r->cur.file = r->file;
        r->cur.line = r->line;
        r->n_terms = 0;
        r->in_concept = true;
        r->tb->n_concepts_file++;
        return;
    }
    if (!r->in_concept) {
        problem(r, r->line, "\"%s:\" outside a concept", key);
        return;
    }
    const char **field = strcmp(key, "def") == 0      ? &r->cur.definition
                         : strcmp(key, "note") == 0    ? &r->cur.note
                         : strcmp(key, "homograph") == 0 ? &r->cur.homograph
                         : strcmp(key, "context") == 0 ? &r->cur.context
                         : strcmp(key, "usual") == 0 ? &r->cur.usual
                                                        : NULL;
    if (field) {
        if (*field)
            problem(r, r->line, "second %s: in concept %s", key, r->cur.id);
        else if (!*value)
            problem(r, r->line, "empty %s:", key);
        else
            *field = dup(r, value, strlen(value));
        return;
    }
    for (size_t l = 0; l < r->n_langs; l++) {
        if (strcmp(key, r->langs[l]) == 0) {
            read_term(r, r->langs[l], value);
            return;
        }
    }
    if (valid_lang_code(key))
        problem(r, r->line, "language \"%s\" is not in this file's languages: line", key);
    else
        problem(r, r->line, "unknown key \"%s\"", key);
}

int sel_termbase_read_file(sel_termbase *tb, sel_ctx *ctx, const char *path, sel_problem_fn report,
                           void *user)
{
    SEL_CHECK_ARG(tb && path, SEL_EINVAL);
    struct sel_text text;
    int rc = sel_text_read(&text, ctx, path);
    if (rc != SEL_OK) // not a problem in the termbase but an input error, which the caller reports: not
        return rc == SEL_EPARSE ? SEL_EIO : rc; // SEL_EPARSE, which callers take for "problems listed"
    struct reader r = { .tb = tb, .ctx = ctx, .report = report, .user = user };
    r.file = dup(&r, path, strlen(path));
    tb->n_concepts_file = 0;
    char *p = text.data;
    while (p && *p) {
        char *end = p + strcspn(p, "\r\n");
        char *next = *end ? end + 1 : NULL;
        if (*end == '\r' && end[1] == '\n')
            next = end + 2;
        *end = '\0';
        r.line++;
        read_line(&r, p);
        p = next;
    }
    finish_concept(&r);
    if (!r.header_reported && !r.subject)
        problem(&r, 1, "no subject: header line");
    if (!r.header_reported && !r.have_languages)
        problem(&r, 1, "no languages: header line");
    sel_text_finish(&text);
    if (r.out_of_memory)
        return sel_error(ctx, SEL_ENOMEM, "out of memory reading %s", path);
    return r.problems ? SEL_EPARSE : SEL_OK;
}

int sel_termbase_open_bundled(sel_termbase **out, sel_ctx *ctx)
{
    SEL_CHECK_ARG(out, SEL_EINVAL);
    if (sel_termbase_new(out) != SEL_OK)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    // the compiled termbase when it is there and up to date, else the sources
    char *compiled = sel_data_path("keys");
    int rc = compiled ? sel_compiled_open_termbase(*out, ctx, compiled) : SEL_ENOTFOUND;
    free(compiled);
    if (rc == SEL_ENOTFOUND)
        rc = sel_termbase_read_dir(*out, ctx, NULL, NULL, NULL);
    if (rc != SEL_OK) {
        sel_termbase_free(*out);
        *out = NULL;
    }
    return rc;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int sel_termbase_read_dir(sel_termbase *tb, sel_ctx *ctx, const char *dir, sel_problem_fn report,
                          void *user)
{
    char *bundled = NULL;
    if (!dir) {
        bundled = sel_data_path("lexicon");
        if (!bundled)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        dir = bundled;
    }
    int rc = SEL_OK;
    char **names = NULL;
    size_t n = 0, cap = 0;
    DIR *d = opendir(dir);
    if (!d) {
        rc = sel_error_at(ctx, SEL_ENOTFOUND, (struct sel_location){ dir, 0, 0 },
                          "cannot open termbase directory");
        goto done;
    }
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len <= 6 || strcmp(e->d_name + len - 6, ".terms") != 0)
            continue;
        if (SEL_ARRAY_RESERVE(names, cap, n + 1) != SEL_OK) {
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
            goto done;
        }
        size_t size = strlen(dir) + 1 + len + 1;
        if (!(names[n] = malloc(size))) {
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
            goto done;
        }
        snprintf(names[n++], size, "%s/%s", dir, e->d_name);
    }
    if (n > 1) // names is NULL in a folder without .terms files (qsort wants a pointer even for 0)
        qsort(names, n, sizeof(*names), compare_names);
    for (size_t i = 0; i < n; i++) {
        int file_rc = sel_termbase_read_file(tb, ctx, names[i], report, user);
        if (file_rc != SEL_OK && file_rc != SEL_EPARSE) {
            rc = file_rc;
            goto done;
        }
        if (rc == SEL_OK)
            rc = file_rc;
    }
    if (n == 0)
        rc = sel_error_at(ctx, SEL_ENOTFOUND, (struct sel_location){ dir, 0, 0 }, "no .terms files");
done:
    if (d)
        closedir(d);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(bundled);
    return rc;
}
