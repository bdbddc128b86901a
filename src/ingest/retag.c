// SPDX-License-Identifier: MIT
// Retag: the stored documents tagged again with the current termbase (a term the user added,
// deprecated or removed), in one transaction: each source document's sentences are read back
// from the database, tagged as ingest tags them (ingest_doc_tag()), its occurrences rewritten
// (ingest_store_mentions()) and, with a translation, its confirmations recomputed from the stored
// beads and the translation's sentences (ingest_confirm_beads()). Nothing is read from the
// original files, which may be gone.
#include "src/ingest/ingest_internal.h"

#include <stdlib.h>
#include <string.h>

// A stored document made a struct doc again: its text has each sentence at its stored offset
// (the file's own bytes, so the byte order mark is counted already: text.bom stays 0).
struct rebuild {
    struct doc *d;
    sel_segmenter *seg;
    sel_ctx *ctx;
    long last_para;
    int64_t *ids;    // the sentences' row ids, d->rows once all are read
    size_t cap_ids;
};

static bool first_sentence(void *user, const char *text, const struct sel_sentence *s)
{
    (void)text;
    size_t *dateline = user;
    *dateline = s->start == 0 && !s->boilerplate ? s->dateline_len : 0;
    return false; // only the first one
}

static int take_sentence(void *user, const struct sel_stored_sentence *s)
{
    struct rebuild *r = user;
    struct doc *d = r->d;
    if (s->end < s->start || (size_t)(s->end - s->start) != s->len)
        return sel_error(r->ctx, SEL_EPARSE, "sentence %lld: its offsets do not match its text (a damaged database)",
                         (long long)s->id);
    if (SEL_ARRAY_RESERVE(d->sentences, d->cap, d->n + 1) != SEL_OK ||
        SEL_ARRAY_RESERVE(r->ids, r->cap_ids, d->n + 1) != SEL_OK)
        return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
    size_t need = (size_t)s->end + 1;
    if (need > d->text.len) {
        char *grown = realloc(d->text.data, need);
        if (!grown)
            return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
        memset(grown + d->text.len, ' ', need - d->text.len);
        d->text.data = grown;
        d->text.len = need - 1;
        d->text.data[d->text.len] = '\0';
    }
    memcpy(d->text.data + s->start, s->text, s->len);
    struct sel_sentence *t = &d->sentences[d->n];
    *t = (struct sel_sentence){ .start = (size_t)s->start, .end = (size_t)s->end, .line = s->para,
                                .para = s->para, .index = s->number,
                                .boilerplate = s->boilerplate ? SEL_BP_CAPTION : SEL_BP_NONE };
    // A site dateline opens a paragraph's first sentence: the segmenter finds it again there.
    if (!s->boilerplate && s->para != r->last_para) {
        int rc = sel_segment(r->seg, r->ctx, s->text, s->len, first_sentence, &t->dateline_len);
        if (rc != SEL_OK)
            return rc;
    }
    r->last_para = s->para;
    r->ids[d->n++] = s->id;
    return SEL_OK;
}

static int load_doc(sel_retag_reader *rd, sel_ctx *ctx, int64_t id, sel_tagger *tagger, enum tag_mode tag,
                    struct doc *d)
{
    struct rebuild r = { d, sel_tagger_segmenter(tagger), ctx, 0, NULL, 0 };
    if (!r.seg)
        return sel_error(ctx, SEL_ENOMEM, "cannot make a segmenter");
    int rc = sel_retag_sentences(rd, ctx, id, take_sentence, &r);
    d->rows = r.ids; // freed with the doc
    if (rc == SEL_OK && !d->text.data && !(d->text.data = calloc(1, 1))) // no sentence at all
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    return rc == SEL_OK ? ingest_doc_tag(d, ctx, tagger, tag) : rc;
}

static int take_bead(void *user, const struct sel_bead_row *b)
{
    struct sel_alignment *al = user;
    struct sel_bead *grown = realloc(al->beads, (al->n + 1) * sizeof(*grown));
    if (!grown)
        return SEL_ENOMEM;
    al->beads = grown;
    al->beads[al->n++] = (struct sel_bead){ .src = b->src_count ? (size_t)b->src_first - 1 : 0,
                                            .n_src = (size_t)b->src_count,
                                            .tgt = b->tgt_count ? (size_t)b->tgt_first - 1 : 0,
                                            .n_tgt = (size_t)b->tgt_count, .score = b->score };
    return SEL_OK;
}

// One source document: occurrences cleared and written anew, confirmations recomputed.
static int retag_doc(sel_ingester *ing, sel_retag_reader *rd, sel_ctx *ctx, int64_t id, int64_t translation,
                     struct sel_retag_report *report)
{
    struct doc src = { 0 }, tgt = { 0 };
    struct sel_alignment al = { 0 };
    struct sel_ingest_report ir = { 0 };
    sel_tagger *en = NULL;
    int rc = load_doc(rd, ctx, id, ingest_tagger(ing), TAG_LONGEST, &src);
    if (rc == SEL_OK && translation && (rc = ingest_tagger_en(ing, ctx, &en)) == SEL_OK)
        rc = load_doc(rd, ctx, translation, en, TAG_EVERY, &tgt);
    if (rc == SEL_OK && translation && (rc = sel_retag_beads(rd, ctx, id, take_bead, &al)) == SEL_ENOMEM)
        rc = sel_error(ctx, rc, "out of memory");
    for (size_t i = 0; rc == SEL_OK && i < al.n; i++) // beads that do not fit the sentences: damaged
        if (al.beads[i].src + al.beads[i].n_src > src.n || al.beads[i].tgt + al.beads[i].n_tgt > tgt.n)
            rc = sel_error(ctx, SEL_EPARSE, "document %lld: bead %zu names sentences it does not have",
                           (long long)id, i + 1);
    if (rc == SEL_OK)
        rc = sel_retag_clear(rd, ctx, id);
    if (rc == SEL_OK)
        rc = ingest_store_mentions(ing, ctx, &src);
    if (rc == SEL_OK && translation)
        rc = ingest_confirm_beads(ing, ctx, &src, &tgt, &al, &ir);
    report->documents++;
    report->sentences += src.n;
    report->occurrences += src.n_occs;
    report->confirmed += ir.confirmed;
    report->unconfirmed += ir.unconfirmed;
    sel_alignment_finish(&al);
    ingest_doc_finish(&src);
    ingest_doc_finish(&tgt);
    return rc;
}

int sel_ingester_retag_in(sel_ingester *ing, sel_ctx *ctx, struct sel_retag_report *report)
{
    SEL_CHECK_ARG(ing && report, SEL_EINVAL);
    memset(report, 0, sizeof(*report));
    sel_retag_reader *rd = NULL;
    int64_t *ids = NULL, *translations = NULL;
    size_t n = 0;
    int rc = sel_retag_reader_new(&rd, ctx, ingest_store(ing));
    if (rc == SEL_OK)
        rc = sel_retag_documents(rd, ctx, ingest_lang(ing), &ids, &translations, &n);
    for (size_t i = 0; rc == SEL_OK && i < n; i++)
        rc = retag_doc(ing, rd, ctx, ids[i], translations[i], report);
    if (rc == SEL_OK)
        rc = sel_retag_clear_concepts(rd, ctx);
    sel_retag_reader_free(rd);
    free(ids);
    free(translations);
    return rc;
}

int sel_ingester_retag(sel_ingester *ing, sel_ctx *ctx, struct sel_retag_report *report)
{
    SEL_CHECK_ARG(ing && report, SEL_EINVAL);
    sel_store *st = ingest_store(ing);
    int rc = sel_store_begin(st, ctx);
    if (rc != SEL_OK)
        return rc;
    rc = sel_ingester_retag_in(ing, ctx, report);
    if (rc == SEL_OK)
        rc = sel_store_commit(st, ctx);
    if (rc != SEL_OK) {
        sel_store_rollback(st);
        sel_doc_writer_forget(ingest_writer(ing));
        memset(report, 0, sizeof(*report));
    }
    return rc;
}
