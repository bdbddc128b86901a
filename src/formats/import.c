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

static const char SQL_DELETE_CONCEPT[] = "DELETE FROM user_concept WHERE id = ?1";
static const char SQL_INSERT_CONCEPT[] =
    "INSERT INTO user_concept (id, subject, definition, note, source, curated) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_INSERT_TERM[] =
    "INSERT INTO user_term (concept_id, lang, text, pos, type, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

static void bind_text(sqlite3_stmt *s, int col, const char *text)
{
    if (text)
        sqlite3_bind_text(s, col, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, col);
}

int sel_glossary_store(const sel_glossary *g, sel_ctx *ctx, sel_store *st, const char *source_name, bool curated)
{
    SEL_CHECK_ARG(g && st && source_name, SEL_EINVAL);
    sqlite3_stmt *del = NULL, *concept = NULL, *term = NULL;
    int rc = sel_store_prepare(st, ctx, SQL_DELETE_CONCEPT, &del);
    if (rc == SEL_OK)
        rc = sel_store_prepare(st, ctx, SQL_INSERT_CONCEPT, &concept);
    if (rc == SEL_OK)
        rc = sel_store_prepare(st, ctx, SQL_INSERT_TERM, &term);
    for (size_t i = 0; rc == SEL_OK && i < g->n; i++) {
        const struct sel_gloss_entry *e = &g->entries[i];
        // a concept imported again is replaced whole (its terms go with it: ON DELETE CASCADE)
        sqlite3_reset(del);
        bind_text(del, 1, e->concept_id);
        rc = sel_store_exec_stmt(st, ctx, del);
        if (rc != SEL_OK)
            break;
        sqlite3_reset(concept);
        bind_text(concept, 1, e->concept_id);
        bind_text(concept, 2, e->subject);
        bind_text(concept, 3, e->definition);
        bind_text(concept, 4, e->note);
        bind_text(concept, 5, source_name);
        sqlite3_bind_int(concept, 6, curated ? 1 : 0);
        rc = sel_store_exec_stmt(st, ctx, concept);
        for (size_t k = 0; rc == SEL_OK && k < e->n_terms; k++) {
            const struct sel_gloss_term *t = &e->terms[k];
            sqlite3_reset(term);
            bind_text(term, 1, e->concept_id);
            bind_text(term, 2, t->lang);
            bind_text(term, 3, t->text);
            bind_text(term, 4, t->pos);
            bind_text(term, 5, t->type);
            bind_text(term, 6, t->status ? t->status : "admitted");
            rc = sel_store_exec_stmt(st, ctx, term);
        }
    }
    sqlite3_finalize(term);
    sqlite3_finalize(concept);
    sqlite3_finalize(del);
    return rc;
}
