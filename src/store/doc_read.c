// SPDX-License-Identifier: MIT
// A stored document with its translation and their alignment, read whole for `selaras check
// --document`: the sentences of both sides in order and the beads as ingest stored them, in one
// read transaction so that an ingest running meanwhile cannot mix two versions.
#include "src/store/store_internal.h"

#include <stdlib.h>
#include <string.h>

static const char SQL_DOCUMENT[] = "SELECT path, translation_of FROM document WHERE id = ?1";
static const char SQL_TRANSLATION[] = "SELECT min(id) FROM document WHERE translation_of = ?1";
static const char SQL_SENTENCES[] =
    "SELECT number, text, boilerplate IS NOT NULL FROM sentence WHERE document_id = ?1 ORDER BY number";
static const char SQL_BEADS[] = "SELECT coalesce(src_first, 0), src_count, coalesce(tgt_first, 0), tgt_count, score"
                                " FROM bead WHERE document_id = ?1 ORDER BY number";

void sel_stored_pair_finish(struct sel_stored_pair *p)
{
    if (!p)
        return;
    for (int side = 0; side < 2; side++) {
        for (size_t i = 0; i < p->side[side].n; i++)
            free(p->side[side].sentences[i].text);
        free(p->side[side].sentences);
        free(p->side[side].path);
    }
    free(p->beads);
    memset(p, 0, sizeof(*p));
}

static int read_side(sel_store *st, sel_ctx *ctx, sqlite3_stmt *q, int64_t doc, struct sel_stored_side *out)
{
    sqlite3_bind_int64(q, 1, doc);
    size_t cap = 0;
    int step, rc = SEL_OK;
    while (rc == SEL_OK && (step = sqlite3_step(q)) == SQLITE_ROW) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 64;
            struct sel_pair_sentence *v = realloc(out->sentences, cap * sizeof(*v));
            if (!v) {
                rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
                break;
            }
            out->sentences = v;
        }
        struct sel_pair_sentence *s = &out->sentences[out->n];
        s->number = (long)sqlite3_column_int64(q, 0);
        const char *text = store_text(q, 1);
        s->len = (size_t)sqlite3_column_bytes(q, 1);
        s->text = malloc(s->len + 1);
        if (!s->text) {
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
            break;
        }
        memcpy(s->text, text, s->len);
        s->text[s->len] = '\0';
        s->boilerplate = sqlite3_column_int(q, 2) != 0;
        out->n++;
    }
    if (rc == SEL_OK && step != SQLITE_DONE)
        rc = sel_store_fail(st, ctx, step, "reading a document's sentences");
    sqlite3_reset(q);
    return rc;
}

static char *copy(const char *s)
{
    size_t n = strlen(s);
    char *c = malloc(n + 1);
    if (c)
        memcpy(c, s, n + 1);
    return c;
}

int sel_store_document_pair(struct sel_stored_pair *out, sel_ctx *ctx, sel_store *st, int64_t document)
{
    SEL_CHECK_ARG(out && st, SEL_EINVAL);
    memset(out, 0, sizeof(*out));
    sqlite3_stmt *doc = NULL, *tr = NULL, *sents = NULL, *beads = NULL;
    bool in_tx = false;
    int rc = store_prepare(st, ctx, SQL_DOCUMENT, &doc);
    if (rc == SEL_OK)
        rc = store_prepare(st, ctx, SQL_TRANSLATION, &tr);
    if (rc == SEL_OK)
        rc = store_prepare(st, ctx, SQL_SENTENCES, &sents);
    if (rc == SEL_OK)
        rc = store_prepare(st, ctx, SQL_BEADS, &beads);
    if (rc == SEL_OK) {
        int b = sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL);
        rc = b == SQLITE_OK ? SEL_OK : sel_store_fail(st, ctx, b, "starting a read");
        in_tx = rc == SEL_OK;
    }
    int64_t translation = 0;
    if (rc == SEL_OK) {
        sqlite3_bind_int64(doc, 1, document);
        int step = sqlite3_step(doc);
        if (step == SQLITE_ROW && sqlite3_column_type(doc, 1) != SQLITE_NULL)
            rc = sel_error(ctx, SEL_ENOTFOUND, "document %lld is the translation of document %lld; check that one",
                           (long long)document, (long long)sqlite3_column_int64(doc, 1));
        else if (step == SQLITE_ROW && !(out->side[0].path = copy(store_text(doc, 0))))
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
        else if (step == SQLITE_DONE)
            rc = sel_error(ctx, SEL_ENOTFOUND, "%s: no document %lld", st->path, (long long)document);
        else if (step != SQLITE_ROW)
            rc = sel_store_fail(st, ctx, step, "reading a document");
    }
    if (rc == SEL_OK) {
        sqlite3_bind_int64(tr, 1, document);
        int step = sqlite3_step(tr);
        translation = step == SQLITE_ROW ? sqlite3_column_int64(tr, 0) : 0;
        if (step != SQLITE_ROW)
            rc = sel_store_fail(st, ctx, step, "reading a document");
        else if (!translation)
            rc = sel_error(ctx, SEL_ENOTFOUND, "document %lld (%s) was ingested without a translation",
                           (long long)document, out->side[0].path);
    }
    if (rc == SEL_OK) {
        sqlite3_reset(doc);
        sqlite3_bind_int64(doc, 1, translation);
        if (sqlite3_step(doc) != SQLITE_ROW || !(out->side[1].path = copy(store_text(doc, 0))))
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    if (rc == SEL_OK)
        rc = read_side(st, ctx, sents, document, &out->side[0]);
    if (rc == SEL_OK)
        rc = read_side(st, ctx, sents, translation, &out->side[1]);
    size_t cap = 0;
    int step = SQLITE_DONE;
    if (rc == SEL_OK)
        sqlite3_bind_int64(beads, 1, document);
    while (rc == SEL_OK && (step = sqlite3_step(beads)) == SQLITE_ROW) {
        if (out->n_beads == cap) {
            cap = cap ? cap * 2 : 64;
            struct sel_stored_bead *v = realloc(out->beads, cap * sizeof(*v));
            if (!v) {
                rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
                break;
            }
            out->beads = v;
        }
        out->beads[out->n_beads++] = (struct sel_stored_bead){
            .src_first = (long)sqlite3_column_int64(beads, 0), .src_count = (long)sqlite3_column_int64(beads, 1),
            .tgt_first = (long)sqlite3_column_int64(beads, 2), .tgt_count = (long)sqlite3_column_int64(beads, 3),
            .score = sqlite3_column_double(beads, 4),
        };
    }
    if (rc == SEL_OK && step != SQLITE_DONE)
        rc = sel_store_fail(st, ctx, step, "reading a document's alignment");
    if (in_tx)
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    sqlite3_finalize(doc);
    sqlite3_finalize(tr);
    sqlite3_finalize(sents);
    sqlite3_finalize(beads);
    if (rc != SEL_OK)
        sel_stored_pair_finish(out);
    return rc;
}
