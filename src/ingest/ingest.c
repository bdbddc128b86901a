// SPDX-License-Identifier: MIT
// Ingest: read, segment, tag, (align with the translation and confirm the terms), then store it
// all in one transaction. The pipeline runs before the transaction starts, so the write lock is
// held only while rows are written, and another ingest can work meanwhile.
#include "src/ingest/ingest_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct sel_ingester {
    sel_store *st;
    char lang[16];
    struct pipeline own;     // documents ingested on the calling thread (sel_ingest(), jobs 1)
    sel_doc_writer *writer;  // the store's statements, prepared once
    bool batch;              // documents share a transaction (see begin_document())
    bool open;               // a batch transaction is open
    size_t in_batch;         // documents in it
    size_t lost;             // documents reported stored whose batch was rolled back after all
    size_t batch_sentences, batch_occurrences; // what the open batch holds
    size_t lost_sentences, lost_occurrences;   // what the lost documents held
    double batch_start;
    size_t piece;            // a larger text file is streamed in pieces of this size (0: never)
};

// The open batch's sentences and occurrences were rolled back with it.
static void batch_totals_lost(sel_ingester *ing)
{
    ing->lost_sentences += ing->batch_sentences;
    ing->lost_occurrences += ing->batch_occurrences;
    ing->batch_sentences = ing->batch_occurrences = 0;
}

int sel_ingester_new(sel_ingester **out, sel_ctx *ctx, sel_store *st, const struct sel_termbase *tb, const char *lang)
{
    SEL_CHECK_ARG(out && st && tb && lang && strlen(lang) < 16, SEL_EINVAL);
    *out = NULL;
    sel_ingester *ing = calloc(1, sizeof(*ing));
    if (!ing)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    ing->st = st;
    ing->piece = SEL_TEXT_PIECE;
    strcpy(ing->lang, lang);
    int rc = sel_doc_writer_new(&ing->writer, ctx, st);
    if (rc == SEL_OK)
        rc = pipeline_init(&ing->own, ctx, tb, ing->lang);
    if (rc != SEL_OK) {
        sel_ingester_free(ing);
        return rc;
    }
    *out = ing;
    return SEL_OK;
}

void sel_ingester_batch(sel_ingester *ing, bool on)
{
    ing->batch = on;
}

void sel_ingester_piece(sel_ingester *ing, size_t piece)
{
    ing->piece = piece;
}

size_t ingest_piece(const sel_ingester *ing)
{
    return ing->piece;
}

int sel_ingester_flush(sel_ingester *ing, sel_ctx *ctx)
{
    if (!ing->open)
        return SEL_OK;
    ing->open = false;
    size_t in_batch = ing->in_batch;
    ing->in_batch = 0;
    int rc = sel_store_commit(ing->st, ctx);
    if (rc != SEL_OK) {
        sel_store_rollback(ing->st);
        sel_doc_writer_forget(ing->writer);
        ing->lost += in_batch;
        batch_totals_lost(ing);
    }
    ing->batch_sentences = ing->batch_occurrences = 0;
    return rc;
}

size_t sel_ingester_lost(const sel_ingester *ing)
{
    return ing->lost;
}

void sel_ingester_lost_totals(const sel_ingester *ing, size_t *sentences, size_t *occurrences)
{
    *sentences = ing->lost_sentences;
    *occurrences = ing->lost_occurrences;
}

// After a failed statement: SQLite rolls the whole transaction back on some errors (a full
// disk, an I/O error). Then the batch is gone with the documents already reported stored in
// it; say how many, and do not go on writing outside a transaction.
static size_t batch_lost(sel_ingester *ing)
{
    if (!ing->batch || !ing->open || sel_store_in_transaction(ing->st))
        return 0;
    size_t lost = ing->in_batch;
    ing->open = false;
    ing->in_batch = 0;
    ing->lost += lost;
    batch_totals_lost(ing);
    sel_doc_writer_forget(ing->writer);
    return lost;
}

void sel_ingester_free(sel_ingester *ing)
{
    if (!ing)
        return;
    if (ing->open)
        sel_ingester_flush(ing, NULL);
    sel_doc_writer_free(ing->writer);
    pipeline_finish(&ing->own);
    free(ing);
}

struct pipeline *ingest_own_pipeline(sel_ingester *ing)
{
    return &ing->own;
}

int pipeline_init(struct pipeline *p, sel_ctx *ctx, const struct sel_termbase *tb, const char *lang)
{
    memset(p, 0, sizeof(*p));
    p->tb = tb;
    p->lang = lang;
    int rc = sel_tagger_new(&p->tagger, ctx, tb, lang);
    // the segmenter is made now, on the thread that makes the pipeline, not on first use in a
    // worker: ICU sets up its shared break iterator data with the first one opened
    if (rc == SEL_OK && !sel_tagger_segmenter(p->tagger))
        rc = sel_error(ctx, SEL_EICU, "cannot make a segmenter");
    return rc;
}

bool pipeline_over_bound(const struct pipeline *p)
{
    return (p->tagger && sel_analyzer_over_bound(sel_tagger_analyzer(p->tagger), SEL_ANALYSES_KEPT)) ||
           (p->tagger_en && sel_analyzer_over_bound(sel_tagger_analyzer(p->tagger_en), SEL_ANALYSES_KEPT));
}

int pipeline_forget(struct pipeline *p, sel_ctx *ctx)
{
    int rc = p->tagger ? sel_analyzer_forget(sel_tagger_analyzer(p->tagger), SEL_ANALYSES_KEPT) : SEL_OK;
    if (rc == SEL_OK && p->tagger_en)
        rc = sel_analyzer_forget(sel_tagger_analyzer(p->tagger_en), SEL_ANALYSES_KEPT);
    return rc == SEL_OK ? SEL_OK : sel_error(ctx, SEL_ENOMEM, "out of memory");
}

void pipeline_finish(struct pipeline *p)
{
    sel_aligner_free(p->aligner);
    sel_tagger_free(p->tagger_en);
    sel_tagger_free(p->tagger);
    memset(p, 0, sizeof(*p));
}

/* ---- writing ------------------------------------------------------------------------------- */

// A file's identity on disk: its realpath(), so that `a.txt`, `./a.txt`, `$PWD/a.txt` and a
// symbolic link to it are one document. Standard input ("-") has none (NULL: only its content
// identifies it); a path realpath() cannot resolve (a pipe's /dev/fd name) is its own identity,
// as written. Newly allocated; *out NULL for "-".
int ingest_canonical_path(sel_ctx *ctx, const char *path, char **out)
{
    *out = NULL;
    if (strcmp(path, "-") == 0)
        return SEL_OK;
    *out = realpath(path, NULL);
    if (!*out)
        *out = strdup(path);
    return *out ? SEL_OK : sel_error(ctx, SEL_ENOMEM, "out of memory");
}

int ingest_store_doc_row(sel_ingester *ing, sel_ctx *ctx, const char *path, const char *canonical, const char *title,
                         const char *lang, const char *hash, int64_t bytes, int64_t translation_of, int64_t *doc_id)
{
    struct sel_document_row row = { path, title, lang, hash, bytes, translation_of, canonical };
    return sel_doc_writer_document(ing->writer, ctx, &row, doc_id);
}

// Stores a document with its paragraphs, sentences and occurrences; @p hash is its identity,
// NULL to hash its text; @p canonical the file's (ingest_canonical_path()).
static int store_doc(sel_ingester *ing, sel_ctx *ctx, struct doc *d, const char *path, const char *canonical,
                     const char *title, const char *lang, int64_t translation_of, const char *identity, int64_t *doc_id)
{
    char hash[33];
    if (identity)
        snprintf(hash, sizeof(hash), "%s", identity);
    else
        sel_store_content_hash(d->text.data, d->text.len, hash);
    sel_doc_writer *w = ing->writer;
    int rc = ingest_store_doc_row(ing, ctx, path, canonical, title, lang, hash, (int64_t)(d->text.len + d->text.bom),
                                  translation_of, doc_id);
    if (rc != SEL_OK)
        return rc;
    size_t bom = d->text.bom; // offsets are stored in the file's own bytes
    long last_para = 0;
    enum { ROWS = 64 }; // sentences handed to the writer at a time (it stores many to a statement)
    struct sel_sentence_row rows[ROWS];
    size_t n = 0, first = 0; // rows holds sentences [first, first + n)
    for (size_t i = 0; rc == SEL_OK && i < d->n; i++) {
        const struct sel_sentence *t = &d->sentences[i];
        if (t->para != last_para) {
            // a paragraph is its input line: from the first sentence's start to the last one's end
            size_t end = t->end;
            for (size_t k = i + 1; k < d->n && d->sentences[k].para == t->para; k++)
                end = d->sentences[k].end;
            rc = sel_doc_writer_paragraph(w, ctx, *doc_id, t->para, t->line, (int64_t)(t->start + bom),
                                          (int64_t)(end + bom));
            last_para = t->para;
        }
        rows[n++] = (struct sel_sentence_row){ *doc_id, (long)i + 1, t->para, (int64_t)(t->start + bom),
                                               (int64_t)(t->end + bom), d->text.data + t->start, t->end - t->start,
                                               t->boilerplate ? sel_boilerplate_name(t->boilerplate) : NULL };
        if (rc == SEL_OK && (n == ROWS || i + 1 == d->n)) {
            rc = sel_doc_writer_sentences(w, ctx, rows, n, &d->rows[first]);
            first += n;
            n = 0;
        }
    }
    return rc == SEL_OK ? ingest_store_mentions(ing, ctx, d) : rc;
}

int ingest_store_mentions(sel_ingester *ing, sel_ctx *ctx, struct doc *d)
{
    return ingest_store_mentions_at(ing, ctx, d, d->text.bom); // offsets are stored in the file's own bytes
}

int ingest_store_mentions_at(sel_ingester *ing, sel_ctx *ctx, struct doc *d, size_t shift)
{
    enum { ROWS = 64 }; // handed to the writer this many at a time (it stores many to a statement)
    struct sel_mention_row rows[ROWS];
    size_t n = 0;
    int rc = SEL_OK;
    int64_t ordinal = 0; // of the occurrence in its sentence: the low bits of its id
    // Every match (a translation's terms) serves to confirm the source's; only longest ones are stored.
    size_t stored_occs = d->tagged == TAG_LONGEST ? d->n_occs : 0;
    for (size_t i = 0; rc == SEL_OK && i < stored_occs; i++) {
        struct occurrence *o = &d->occs[i];
        ordinal = i > 0 && d->occs[i - 1].sentence == o->sentence ? ordinal + 1 : 0;
        o->row = (d->rows[o->sentence] << SEL_OCCURRENCE_ID_SHIFT) + ordinal;
        struct sel_mention_row *r = &rows[n++];
        *r = (struct sel_mention_row){ o->row, 0, (int64_t)(o->match.start + shift), (int64_t)(o->match.end + shift),
                                       o->match.term->text };
        rc = sel_doc_writer_concept(ing->writer, ctx, o->match.concept->id, &r->concept);
        if (rc == SEL_OK && (n == ROWS || i + 1 == stored_occs)) {
            rc = sel_doc_writer_mentions(ing->writer, ctx, rows, n);
            n = 0;
        }
    }
    return rc;
}

/* ---- translations -------------------------------------------------------------------------- */

static int confirm(sel_ingester *ing, sel_ctx *ctx, int64_t occ_row, const char *status, const char *target)
{
    return sel_doc_writer_confirmation(ing->writer, ctx, occ_row, status, target);
}

// The occurrences of sentences [first, first + count) of @p d: the range [*from, *to) of d->occs,
// found from *from on (beads come in sentence order).
static void occurrences_of(const struct doc *d, size_t first, size_t count, size_t *from, size_t *to)
{
    size_t i = *from;
    while (i < d->n_occs && d->occs[i].sentence < first)
        i++;
    size_t j = i;
    while (j < d->n_occs && d->occs[j].sentence < first + count)
        j++;
    *from = i;
    *to = j;
}

// For each term occurrence of the source in bead @p b: which English equivalent the aligned
// target sentences use (confirmed), or that none does (unconfirmed, with the equivalents listed),
// and then the English terms of the target that no source concept of the bead explains
// (candidates). The translation was tagged in the pipeline (every match, TAG_EVERY); @p src_at and
// @p tgt_at are where the bead's occurrences start, moved on for the next bead.
static int confirm_bead(sel_ingester *ing, sel_ctx *ctx, struct doc *src, struct doc *tgt, const struct sel_bead *b,
                        size_t *src_at, size_t *tgt_at, struct sel_ingest_report *report)
{
    size_t s0 = *src_at, s1, t0 = *tgt_at, t1;
    occurrences_of(src, b->src, b->n_src, &s0, &s1);
    occurrences_of(tgt, b->tgt, b->n_tgt, &t0, &t1);
    *src_at = s1;
    *tgt_at = t1;
    int rc = SEL_OK;
    for (size_t i = s0; rc == SEL_OK && i < s1; i++) {
        const struct occurrence *o = &src->occs[i];
        const struct sel_term *used = NULL;
        for (size_t k = t0; k < t1 && !used; k++)
            if (tgt->occs[k].match.concept == o->match.concept)
                used = tgt->occs[k].match.term;
        if (used) {
            rc = confirm(ing, ctx, o->row, "confirmed", used->text);
            report->confirmed++;
            continue;
        }
        report->unconfirmed++;
        const struct sel_concept *c = o->match.concept;
        for (size_t t = 0; rc == SEL_OK && t < c->n_terms; t++)
            if (strcmp(c->terms[t].lang, "en") == 0)
                rc = confirm(ing, ctx, o->row, "unconfirmed", c->terms[t].text);
        for (size_t k = t0; rc == SEL_OK && k < t1; k++) {
            bool explained = false;
            for (size_t j = s0; j < s1 && !explained; j++)
                explained = src->occs[j].match.concept == tgt->occs[k].match.concept;
            if (!explained)
                rc = confirm(ing, ctx, o->row, "candidate", tgt->occs[k].match.term->text);
        }
    }
    return rc;
}

int ingest_confirm_beads(sel_ingester *ing, sel_ctx *ctx, struct doc *src, struct doc *tgt,
                         const struct sel_alignment *al, struct sel_ingest_report *report)
{
    int rc = SEL_OK;
    size_t src_at = 0, tgt_at = 0; // where the next bead's term occurrences start
    for (size_t i = 0; rc == SEL_OK && i < al->n; i++)
        if (al->beads[i].n_src)
            rc = confirm_bead(ing, ctx, src, tgt, &al->beads[i], &src_at, &tgt_at, report);
    return rc;
}

int ingest_tagger_en(sel_ingester *ing, sel_ctx *ctx, sel_tagger **out)
{
    struct pipeline *p = &ing->own;
    int rc = p->tagger_en ? SEL_OK : sel_tagger_new(&p->tagger_en, ctx, p->tb, "en");
    *out = p->tagger_en;
    return rc;
}

sel_tagger *ingest_tagger(sel_ingester *ing)
{
    return ing->own.tagger;
}

sel_doc_writer *ingest_writer(sel_ingester *ing)
{
    return ing->writer;
}

sel_store *ingest_store(sel_ingester *ing)
{
    return ing->st;
}

const char *ingest_lang(const sel_ingester *ing)
{
    return ing->lang;
}

int pipeline_need_aligner(struct pipeline *p, sel_ctx *ctx)
{
    if (p->aligner)
        return SEL_OK;
    int rc = p->tagger_en ? SEL_OK : sel_tagger_new(&p->tagger_en, ctx, p->tb, "en");
    struct sel_align_options opts;
    sel_align_options_default(&opts);
    opts.src_lang = p->lang;
    opts.termbase = p->tb;
    return rc != SEL_OK ? rc : sel_aligner_new(&p->aligner, ctx, &opts);
}

// Aligns and weighs the beads by adequacy, so that a stored score says whether the sentences
// translate each other (export parallel --min-score drops an unrelated pair's).
static int align_translation(struct pipeline *p, sel_ctx *ctx, struct doc *src, struct doc *tgt,
                             struct sel_alignment *al, double *adequacy)
{
    struct sel_align_doc a = { src->text.data, src->sentences, src->n, src->n };
    struct sel_align_doc b = { tgt->text.data, tgt->sentences, tgt->n, tgt->n };
    struct sel_adequacy q;
    int rc = sel_align(al, p->aligner, ctx, &a, &b);
    if (rc == SEL_OK)
        rc = sel_align_adequacy(&q, p->aligner, ctx, &a, &b, al);
    *adequacy = rc == SEL_OK ? q.score : 0.5;
    return rc;
}

static int store_translation(sel_ingester *ing, sel_ctx *ctx, struct doc *src, struct doc *tgt, int64_t src_id,
                             const char *tpath, const char *tcanonical, const struct sel_alignment *al,
                             struct sel_ingest_report *report)
{
    int64_t tgt_id = 0;
    int rc = store_doc(ing, ctx, tgt, tpath, tcanonical, NULL, "en", src_id, NULL, &tgt_id);
    for (size_t i = 0; rc == SEL_OK && i < al->n; i++) {
        const struct sel_bead *bd = &al->beads[i];
        struct sel_bead_row row = { src_id, (long)i + 1, bd->n_src ? (long)bd->src + 1 : 0, (long)bd->n_src,
                                    bd->n_tgt ? (long)bd->tgt + 1 : 0, (long)bd->n_tgt, bd->score };
        rc = sel_doc_writer_bead(ing->writer, ctx, &row);
    }
    if (rc == SEL_OK)
        rc = ingest_confirm_beads(ing, ctx, src, tgt, al, report);
    report->beads = al->n;
    return rc;
}

/* ---- the whole step ------------------------------------------------------------------------ */

enum { BATCH_DOCUMENTS = 2000 };
static const double BATCH_SECONDS = 2.0;

double ingest_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

// One document is one transaction; in batch mode documents share a transaction that is
// committed every BATCH_DOCUMENTS documents or BATCH_SECONDS, because a commit per small document
// rewrites the same index pages thousands of times. A document in a batch has no savepoint of its
// own: a savepoint copies every page a document first touches (the concept index's pages are
// scattered), which cost a fifth of storage time. What can fail while a document's rows are
// written is the database itself (a full disk, an I/O error), and then SQLite often rolls the
// transaction back anyway; so a failed document rolls back its batch, and the documents stored
// since the last commit are reported lost (run the ingest again: it skips what is stored). Either
// way a document is stored whole or not at all, and a crash loses at most the last batch.
static int begin_document(sel_ingester *ing, sel_ctx *ctx)
{
    if (!ing->batch)
        return sel_store_begin(ing->st, ctx);
    batch_lost(ing); // a transaction SQLite rolled back on its own is not open any more
    if (ing->open)
        return SEL_OK;
    int rc = sel_store_begin(ing->st, ctx);
    if (rc != SEL_OK)
        return rc;
    ing->open = true;
    ing->batch_start = ingest_seconds();
    return SEL_OK;
}

static int end_document(sel_ingester *ing, sel_ctx *ctx, bool keep)
{
    if (!ing->batch) {
        if (!keep) {
            sel_store_rollback(ing->st);
            sel_doc_writer_forget(ing->writer);
            return sel_ctx_status(ctx) ? sel_ctx_status(ctx) : SEL_ESQLITE;
        }
        int rc = sel_store_commit(ing->st, ctx);
        if (rc != SEL_OK) {
            sel_store_rollback(ing->st);
            sel_doc_writer_forget(ing->writer);
        }
        return rc;
    }
    if (!keep) {
        int status = sel_ctx_status(ctx) ? sel_ctx_status(ctx) : SEL_ESQLITE;
        sel_store_rollback(ing->st); // if SQLite has not already
        size_t lost = batch_lost(ing);
        if (lost) {
            char msg[1024];
            snprintf(msg, sizeof(msg), "%s; the database rolled back the %zu document%s stored since the last "
                     "commit too: run the ingest again", sel_ctx_errmsg(ctx), lost, lost == 1 ? "" : "s");
            sel_error(ctx, status, "%s", msg);
        }
        return status;
    }
    if (++ing->in_batch >= BATCH_DOCUMENTS || ingest_seconds() - ing->batch_start >= BATCH_SECONDS) {
        int rc = sel_ingester_flush(ing, ctx);
        if (rc != SEL_OK && ing->lost)
            ing->lost--; // this document fails with the commit; it is reported as failed, not lost
        return rc;
    }
    return SEL_OK;
}

// Whether stored document @p doc already holds translation @p tgt (NULL: none given, which
// keeps whatever translation is stored), in *same.
static int translation_matches(sel_ingester *ing, sel_ctx *ctx, int64_t doc, const struct doc *tgt, bool *same)
{
    *same = true;
    if (!tgt)
        return SEL_OK;
    char stored[33], given[33];
    bool found = false;
    int rc = sel_doc_writer_translation_hash(ing->writer, ctx, doc, stored, &found);
    if (rc != SEL_OK || !found) {
        *same = false;
        return rc;
    }
    sel_store_content_hash(tgt->text.data, tgt->text.len, given);
    *same = strcmp(stored, given) == 0;
    return SEL_OK;
}

int ingest_settle_identity(sel_ingester *ing, sel_ctx *ctx, const char *hash, const struct doc *tgt,
                           const char *path, const char *canonical, struct sel_ingest_report *report)
{
    // Identity covers the translation: the same source with no translation given, or with the
    // translation already stored, is unchanged; with another translation (or one added later)
    // the stored pair is replaced. Standard input has no path, so only its content identifies it.
    int64_t same = 0;
    bool translation_same = true;
    int rc = sel_doc_writer_find_hash(ing->writer, ctx, hash, ing->lang, &same);
    if (rc == SEL_OK && same)
        rc = translation_matches(ing, ctx, same, tgt, &translation_same);
    if (rc == SEL_OK && same && !translation_same) {
        rc = sel_doc_writer_delete(ing->writer, ctx, same);
        report->replaced = true;
        same = 0;
    }
    if (rc == SEL_OK && same) {
        report->unchanged = true;
        report->document_id = same;
        return SEL_OK;
    }
    // Then the file: another version of it under any spelling of its path is replaced.
    int64_t old = 0;
    if (rc == SEL_OK && canonical)
        rc = sel_doc_writer_find_path(ing->writer, ctx, canonical, path, ing->lang, &old);
    if (rc == SEL_OK && old) {
        rc = sel_doc_writer_delete(ing->writer, ctx, old);
        report->replaced = true;
    }
    return rc;
}

// A document read and analysed (with its translation and their alignment when it has one): from
// here on we hold the write lock. The pipeline took from p->start until now.
static int store_whole(sel_ingester *ing, sel_ctx *ctx, struct prepared *p, const char *path, const char *tpath,
                       const char *title, struct sel_ingest_report *report)
{
    struct doc *src = &p->src, *tgt = p->has_tgt ? &p->tgt : NULL;
    const char *hash = p->hash;
    double t1 = ingest_seconds();
    report->pipeline_seconds = t1 - p->start;
    int rc = begin_document(ing, ctx);
    if (rc != SEL_OK)
        return rc;
    rc = ingest_settle_identity(ing, ctx, hash, tgt, path, p->canonical, report);
    if (rc == SEL_OK && report->unchanged) {
        rc = end_document(ing, ctx, true);
        report->storage_seconds = ingest_seconds() - t1;
        return rc;
    }
    if (rc == SEL_OK)
        rc = store_doc(ing, ctx, src, path, p->canonical, title, ing->lang, 0, hash, &report->document_id);
    if (rc == SEL_OK && tgt)
        rc = store_translation(ing, ctx, src, tgt, report->document_id, tpath, p->tgt_canonical, &p->al, report);
    bool batched = ing->batch && rc == SEL_OK;
    rc = end_document(ing, ctx, rc == SEL_OK);
    report->storage_seconds = ingest_seconds() - t1;
    report->sentences = src->n;
    report->occurrences = src->n_occs;
    if (batched && rc == SEL_OK && ing->open) { // stored in the open batch: lost if it is
        ing->batch_sentences += src->n;
        ing->batch_occurrences += src->n_occs;
    }
    for (size_t i = 0; i < src->n; i++)
        report->boilerplate += src->sentences[i].boilerplate != SEL_BP_NONE;
    return rc;
}

void prepared_finish(struct prepared *p)
{
    sel_alignment_finish(&p->al);
    ingest_doc_finish(&p->src);
    ingest_doc_finish(&p->tgt);
    free(p->canonical);
    free(p->tgt_canonical);
    free(p->error);
    memset(p, 0, sizeof(*p));
}

// Whether @p path is a regular file of more than @p piece bytes: one that is streamed. Standard
// input and pipes are read once only, so they are read whole (their identity must be known
// before anything is stored, and it is the hash of all their bytes).
bool ingest_worth_streaming(const char *path, size_t piece)
{
    struct stat st;
    return piece && strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
           (uint64_t)st.st_size > (uint64_t)piece;
}

int pipeline_prepare_text(struct pipeline *p, sel_ctx *ctx, const char *path, const char *translation, size_t piece,
                          struct prepared *out)
{
    memset(out, 0, sizeof(*out));
    out->start = ingest_seconds();
    out->adequacy = 0.5;
    out->has_tgt = translation != NULL;
    int rc = ingest_canonical_path(ctx, path, &out->canonical);
    if (rc == SEL_OK && translation)
        rc = ingest_canonical_path(ctx, translation, &out->tgt_canonical);
    if (rc != SEL_OK)
        return out->rc = rc;
    if (!translation && ingest_worth_streaming(path, piece)) {
        out->streamed = true; // only its identity now: the writer reads it again, a piece at a time
        return out->rc = ingest_stream_identity(ctx, path, piece, out->hash, &out->bytes);
    }
    rc = ingest_doc_load(&out->src, ctx, p->tagger, path, TAG_LONGEST);
    if (rc == SEL_OK && translation && (rc = pipeline_need_aligner(p, ctx)) == SEL_OK)
        rc = ingest_doc_load(&out->tgt, ctx, p->tagger_en, translation, TAG_EVERY);
    if (rc == SEL_OK && translation)
        rc = align_translation(p, ctx, &out->src, &out->tgt, &out->al, &out->adequacy);
    if (rc == SEL_OK)
        sel_store_content_hash(out->src.text.data, out->src.text.len, out->hash);
    return out->rc = rc;
}

int ingest_store_prepared(sel_ingester *ing, sel_ctx *ctx, struct pipeline *pipe, struct prepared *p, const char *path,
                          const char *translation, const char *title, struct sel_ingest_report *report)
{
    memset(report, 0, sizeof(*report));
    report->units_skipped = p->units_skipped;
    if (p->rc != SEL_OK)
        return p->rc;
    if (p->streamed)
        return ingest_store_streamed(ing, ctx, pipe, p, path, title, report);
    int rc = store_whole(ing, ctx, p, path, translation, title, report);
    report->adequacy = p->adequacy;
    return rc;
}

// Stores @p p, prepared by the ingester's own pipeline, and lets the pipeline forget what it
// analysed for it: once stored, nothing holds a word of it.
static int store_own(sel_ingester *ing, sel_ctx *ctx, struct prepared *p, const char *path, const char *translation,
                     const char *title, struct sel_ingest_report *report)
{
    int rc = ingest_store_prepared(ing, ctx, &ing->own, p, path, translation, title, report);
    prepared_finish(p);
    int forgot = pipeline_forget(&ing->own, ctx);
    return rc == SEL_OK ? forgot : rc;
}

int sel_ingest(sel_ingester *ing, sel_ctx *ctx, const char *path, const char *translation, const char *title,
               struct sel_ingest_report *report)
{
    SEL_CHECK_ARG(ing && path && report, SEL_EINVAL);
    struct prepared p;
    pipeline_prepare_text(&ing->own, ctx, path, translation, ing->piece, &p);
    return store_own(ing, ctx, &p, path, translation, title, report);
}

/* ---- translation memories ------------------------------------------------------------------ */

// The units both of whose segments make a paragraph. A segment of spaces alone (a no-break
// space, U+3000) makes none, so the unit is left out rather than shifting every later unit by
// one line. Returns a new array (free() it) and the count left out in *skipped.
static struct sel_segment_pair *units_with_text(const struct sel_segment_pair *pairs, size_t n, size_t *kept,
                                                size_t *skipped)
{
    struct sel_segment_pair *out = malloc((n ? n : 1) * sizeof(*out));
    *kept = *skipped = 0;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        bool blank = !pairs[i].src || !pairs[i].tgt || sel_text_is_blank(pairs[i].src, strlen(pairs[i].src)) ||
                     sel_text_is_blank(pairs[i].tgt, strlen(pairs[i].tgt));
        if (blank)
            ++*skipped;
        else
            out[(*kept)++] = pairs[i];
    }
    return out;
}

int pipeline_prepare_pairs(struct pipeline *p, sel_ctx *ctx, const char *path, const struct sel_segment_pair *all,
                           size_t n_all, struct prepared *out)
{
    memset(out, 0, sizeof(*out));
    out->start = ingest_seconds();
    out->has_tgt = true;
    out->adequacy = 0.5;
    size_t n = 0;
    struct sel_segment_pair *pairs = units_with_text(all, n_all, &n, &out->units_skipped);
    if (!pairs)
        return out->rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (n == 0) {
        free(pairs);
        return out->rc = sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ path, 0, 0 },
                                      "no translation units to store");
    }
    int rc = ingest_check_pairs(ctx, path, pairs, n);
    // a memory is its own translation: both sides are stored from the one file
    if (rc == SEL_OK)
        rc = ingest_canonical_path(ctx, path, &out->canonical);
    if (rc == SEL_OK)
        rc = ingest_canonical_path(ctx, path, &out->tgt_canonical);
    if (rc == SEL_OK)
        rc = pipeline_need_aligner(p, ctx);
    if (rc == SEL_OK)
        rc = ingest_doc_from_lines(&out->src, ctx, p->tagger, path, pairs, n, true, TAG_LONGEST);
    if (rc == SEL_OK)
        rc = ingest_doc_from_lines(&out->tgt, ctx, p->tagger_en, path, pairs, n, false, TAG_EVERY);
    if (rc == SEL_OK)
        rc = ingest_units_as_beads(ctx, &out->src, &out->tgt, n, &out->al);
    if (rc == SEL_OK)
        ingest_pair_hash(&out->src, &out->tgt, out->hash);
    free(pairs);
    return out->rc = rc;
}

int sel_ingest_pairs(sel_ingester *ing, sel_ctx *ctx, const char *path, const char *title,
                     const struct sel_segment_pair *all, size_t n_all, struct sel_ingest_report *report)
{
    SEL_CHECK_ARG(ing && path && (all || !n_all) && report, SEL_EINVAL);
    struct prepared p;
    pipeline_prepare_pairs(&ing->own, ctx, path, all, n_all, &p);
    return store_own(ing, ctx, &p, path, path, title, report);
}
