// SPDX-License-Identifier: MIT
// Importing glossaries: a reader per format fills a glossary, counting what it read and what it
// skipped and why; the glossary is then stored in the user tables inside the caller's
// transaction, each file's concept ids kept apart from every other file's.
#include "src/formats/formats_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

// The namespace of a file's concept ids: its base name ("user.csv"; for a dictionary the name
// without .index or .dict.dz), so that files of one folder do not collide.
static void id_prefix(const char *path, bool dictd, char *out, size_t size)
{
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (strcmp(path, "-") == 0)
        name = "stdin";
    snprintf(out, size, "%s", name);
    const char *suffixes[] = { ".index", ".dict.dz", ".dict" };
    size_t len = strlen(out);
    for (size_t i = 0; dictd && i < 3; i++) {
        size_t n = strlen(suffixes[i]);
        if (len > n && strcmp(out + len - n, suffixes[i]) == 0) {
            out[len - n] = '\0';
            break;
        }
    }
}

static void vwarn(sel_glossary *g, long line, long column, const char *fmt, va_list ap)
{
    if (!g->warnings && !(g->warnings = calloc(1, sizeof(*g->warnings))))
        return;
    char msg[1024];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    char where[64]; // as sel_error_at() writes a place: no column where the XML parser gives none
    if (column > 0)
        snprintf(where, sizeof(where), ":%ld:%ld: ", line, column);
    else
        snprintf(where, sizeof(where), ":%ld: ", line);
    if (buf_adds(g->warnings, g->path ? g->path : "<input>") != SEL_OK || buf_adds(g->warnings, where) != SEL_OK ||
        buf_adds(g->warnings, msg) != SEL_OK)
        return;
    buf_addc(g->warnings, '\n');
}

void gloss_warn(sel_glossary *g, long line, long column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwarn(g, line, column, fmt, ap);
    va_end(ap);
}

void gloss_skip(sel_glossary *g, enum sel_import_skip why, long line, long column, const char *fmt, ...)
{
    g->report.skipped[why]++;
    va_list ap;
    va_start(ap, fmt);
    vwarn(g, line, column, fmt, ap);
    va_end(ap);
}

// Adds @p word to the space-separated @p list unless it is there already (or does not fit).
static void add_word(char *list, size_t size, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; *p;) {
        const char *end = strchr(p, ' ');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, word, n) == 0)
            return;
        p = end ? end + 1 : p + len;
    }
    size_t used = strlen(list);
    if (used + (used > 0) + n + 1 > size)
        return;
    if (used)
        list[used++] = ' ';
    memcpy(list + used, word, n + 1);
}

// The languages lookup, matching and the CSV/TSV exports work with today; terms in any other
// language are stored all the same and come back out in the TBX exports.
static const char *const pair_langs[] = { "id", "en" };

const char *gloss_lang(sel_glossary *g, const char *tag)
{
    char full[64], primary[SEL_LANG_PRIMARY_MAX];
    if (sel_lang_normalise(tag, full, sizeof(full), primary) != SEL_OK) {
        add_word(g->report.langs_skipped, sizeof(g->report.langs_skipped), tag && *tag ? tag : "(none)");
        return NULL;
    }
    add_word(g->report.langs_found, sizeof(g->report.langs_found), full);
    for (size_t i = 0; i < sizeof(pair_langs) / sizeof(pair_langs[0]); i++)
        if (strcmp(primary, pair_langs[i]) == 0)
            add_word(g->report.langs_used, sizeof(g->report.langs_used), full);
    return gloss_strdup(g, full);
}

void gloss_not_stored(sel_glossary *g, const char *category)
{
    g->report.not_stored++;
    add_word(g->report.not_stored_names, sizeof(g->report.not_stored_names), category);
}

const char *gloss_entry_id(sel_glossary *g, const char *id, long number)
{
    char made[768];
    if (!id || !*id)
        snprintf(made, sizeof(made), "%s.%ld", g->own_prefix, number);
    else if (g->prefixed)
        snprintf(made, sizeof(made), "%s.%s", g->own_prefix, id);
    else
        snprintf(made, sizeof(made), "%s", id);
    return gloss_ncname(g, made);
}

const struct sel_import_report *sel_glossary_report(const sel_glossary *g)
{
    static const struct sel_import_report none;
    return g ? &g->report : &none;
}

const char *sel_glossary_warnings(const sel_glossary *g)
{
    return g && g->warnings && g->warnings->data ? g->warnings->data : "";
}

const char *sel_import_skip_name(enum sel_import_skip why)
{
    static const char *const names[SEL_SKIP_COUNT] = { "no term", "no language", "duplicate id", "malformed" };
    return why < SEL_SKIP_COUNT ? names[why] : "?";
}

int sel_glossary_read(sel_glossary **out, sel_ctx *ctx, const char *path, const struct sel_import_options *opt)
{
    SEL_CHECK_ARG(out && path && opt, SEL_EINVAL);
    *out = NULL;
    sel_glossary *g = NULL;
    if (sel_glossary_new(&g) != SEL_OK)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    char prefix[256];
    if (opt->prefix && *opt->prefix)
        snprintf(prefix, sizeof(prefix), "%s", opt->prefix);
    else
        id_prefix(path, opt->format == SEL_IMPORT_DICTD, prefix, sizeof(prefix));
    g->path = path;
    g->prefixed = opt->prefix && *opt->prefix;
    g->own_prefix = gloss_strdup(g, prefix);
    int rc = g->own_prefix ? SEL_OK : sel_error(ctx, SEL_ENOMEM, "out of memory");
    switch (rc == SEL_OK ? opt->format : (enum sel_import_format)-1) {
    case SEL_IMPORT_TSV: rc = gloss_read_delimited(g, ctx, path, false); break;
    case SEL_IMPORT_CSV: rc = gloss_read_delimited(g, ctx, path, true); break;
    case SEL_IMPORT_TBX: rc = gloss_read_tbx(g, ctx, path); break;
    case SEL_IMPORT_DICTD: rc = gloss_read_dictd(g, ctx, path, opt->reverse); break;
    default: rc = sel_error(ctx, SEL_EINVAL, "unknown import format");
    }
    if (rc != SEL_OK) {
        sel_glossary_free(g);
        return rc;
    }
    *out = g;
    return SEL_OK;
}

// The base name of a path: two imports of one file name the same owner however they reach it.
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

// The id @p e is stored under: its own, unless another file already owns that id in the
// database; then FILE.ID (or PREFIX.ID), so that the other file's concept stays as it was.
static int stored_id(sel_glossary *g, sel_ctx *ctx, sel_store *st, const char *source_name,
                     const struct sel_gloss_entry *e, const char **id)
{
    *id = e->concept_id;
    if (g->prefixed)
        return SEL_OK; // every id already carries the prefix the user chose
    char owner[1024];
    int found = sel_store_user_concept_source(st, ctx, e->concept_id, owner, sizeof(owner));
    if (found < 0)
        return found;
    if (found == 0 || strcmp(base_name(owner), base_name(source_name)) == 0)
        return SEL_OK;
    char made[1024];
    snprintf(made, sizeof(made), "%s.%s", g->own_prefix, e->concept_id);
    if (!(*id = gloss_ncname(g, made)))
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    g->report.renamed++;
    return SEL_OK;
}

int sel_glossary_store(sel_glossary *g, sel_ctx *ctx, sel_store *st, const char *source_name, bool curated)
{
    SEL_CHECK_ARG(g && st && source_name, SEL_EINVAL);
    sel_user_writer *w = NULL;
    int rc = sel_user_writer_new(&w, ctx, st);
    g->report.imported = g->report.renamed = 0;
    for (size_t i = 0; rc == SEL_OK && i < g->n; i++) {
        const struct sel_gloss_entry *e = &g->entries[i];
        const char *id = NULL;
        if ((rc = stored_id(g, ctx, st, source_name, e, &id)) != SEL_OK)
            break;
        const struct sel_user_concept c = { .id = id, .subject = e->subject, .definition = e->definition,
                                            .note = e->note, .source = source_name, .curated = curated,
                                            .cited_source = e->cited_source };
        rc = sel_user_writer_concept(w, ctx, &c);
        for (size_t k = 0; rc == SEL_OK && k < e->n_terms; k++) {
            const struct sel_gloss_term *t = &e->terms[k];
            const struct sel_user_term ut = { .lang = t->lang, .text = t->text, .pos = t->pos, .type = t->type,
                                              .status = t->status, .context = t->context,
                                              .cited_source = t->cited_source };
            rc = sel_user_writer_term(w, ctx, id, &ut);
        }
        if (rc == SEL_OK)
            g->report.imported++;
    }
    sel_user_writer_free(w);
    return rc;
}
