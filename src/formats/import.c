// SPDX-License-Identifier: MIT
// Importing glossaries: a reader per format fills a glossary, which is then stored in the user
// tables (user_concept, user_term) inside the caller's transaction.
#include "src/formats/formats_internal.h"

#include <stdlib.h>
#include <string.h>

// The identifier prefix of entries a file does not name: its base name ("user.csv"; for a
// dictionary the name without .index or .dict.dz), so that files of one folder do not collide.
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

int sel_glossary_read(sel_glossary **out, sel_ctx *ctx, const char *path, const struct sel_import_options *opt)
{
    SEL_CHECK_ARG(out && path && opt, SEL_EINVAL);
    *out = NULL;
    sel_glossary *g = NULL;
    if (sel_glossary_new(&g) != SEL_OK)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    char prefix[256];
    id_prefix(path, opt->format == SEL_IMPORT_DICTD, prefix, sizeof(prefix));
    int rc;
    switch (opt->format) {
    case SEL_IMPORT_TSV: rc = gloss_read_delimited(g, ctx, path, prefix, false); break;
    case SEL_IMPORT_CSV: rc = gloss_read_delimited(g, ctx, path, prefix, true); break;
    case SEL_IMPORT_TBX: rc = gloss_read_tbx(g, ctx, path, prefix); break;
    case SEL_IMPORT_DICTD: rc = gloss_read_dictd(g, ctx, path, prefix, opt->reverse); break;
    default: rc = sel_error(ctx, SEL_EINVAL, "unknown import format");
    }
    if (rc != SEL_OK) {
        sel_glossary_free(g);
        return rc;
    }
    *out = g;
    return SEL_OK;
}

int sel_glossary_store(const sel_glossary *g, sel_ctx *ctx, sel_store *st, const char *source_name, bool curated)
{
    SEL_CHECK_ARG(g && st && source_name, SEL_EINVAL);
    sel_user_writer *w = NULL;
    int rc = sel_user_writer_new(&w, ctx, st);
    for (size_t i = 0; rc == SEL_OK && i < g->n; i++) {
        const struct sel_gloss_entry *e = &g->entries[i];
        const struct sel_user_concept c = { e->concept_id, e->subject, e->definition, e->note, source_name, curated };
        rc = sel_user_writer_concept(w, ctx, &c);
        for (size_t k = 0; rc == SEL_OK && k < e->n_terms; k++) {
            const struct sel_gloss_term *t = &e->terms[k];
            const struct sel_user_term ut = { t->lang, t->text, t->pos, t->type, t->status };
            rc = sel_user_writer_term(w, ctx, e->concept_id, &ut);
        }
    }
    sel_user_writer_free(w);
    return rc;
}
