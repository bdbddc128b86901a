// SPDX-License-Identifier: MIT
// A document in memory on its way to the database: read from a file or made of a translation
// memory's segments, segmented and tagged. Everything here runs before the write lock is taken.
#include "src/ingest/ingest_internal.h"

#include <stdlib.h>
#include <string.h>

void ingest_doc_finish(struct doc *d)
{
    sel_text_finish(&d->text);
    free(d->sentences);
    free(d->rows);
    free(d->occs);
    memset(d, 0, sizeof(*d));
}

static bool keep_sentence(void *user, const char *text, const struct sel_sentence *s)
{
    (void)text;
    struct doc *d = user;
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 64;
        struct sel_sentence *grown = realloc(d->sentences, d->cap * sizeof(*grown));
        if (!grown) {
            d->rc = SEL_ENOMEM;
            return false;
        }
        d->sentences = grown;
    }
    d->sentences[d->n++] = *s;
    return true;
}

struct occ_collect {
    struct doc *d;
    size_t sentence;
};

static bool keep_occurrence(void *user, const struct sel_term_match *m)
{
    struct occ_collect *c = user;
    struct doc *d = c->d;
    if (d->n_occs == d->cap_occs) {
        d->cap_occs = d->cap_occs ? d->cap_occs * 2 : 64;
        struct occurrence *grown = realloc(d->occs, d->cap_occs * sizeof(*grown));
        if (!grown) {
            d->rc = SEL_ENOMEM;
            return false;
        }
        d->occs = grown;
    }
    d->occs[d->n_occs++] = (struct occurrence){ c->sentence, *m, 0 };
    return true;
}

// Tags the sentences of @p d, going on with what the tagger's earlier sentences said about senses.
static int tag_sentences(struct doc *d, sel_ctx *ctx, sel_tagger *tagger, enum tag_mode tag)
{
    int rc = SEL_OK;
    d->tagged = tag;
    d->n_occs = 0;
    for (size_t i = 0; rc == SEL_OK && tag != TAG_NOTHING && i < d->n; i++) {
        if (d->sentences[i].boilerplate)
            continue; // site furniture is not where terms are looked for
        struct occ_collect c = { d, i };
        // nor is a site dateline ("TEMPO.CO, Jakarta -") that opens a sentence
        rc = sel_tagger_tag_span(tagger, ctx, d->text.data, d->sentences[i].start + d->sentences[i].dateline_len,
                                 d->sentences[i].end,
                                 tag == TAG_EVERY, keep_occurrence, &c);
        if (rc == SEL_OK && d->rc != SEL_OK)
            rc = sel_error(ctx, d->rc, "out of memory");
    }
    // A stored occurrence's id holds its ordinal in the sentence (SEL_OCCURRENCE_ID_SHIFT bits). Checked
    // here, before the transaction, because a document that fails while written rolls back its batch.
    for (size_t i = 0, run = 0; rc == SEL_OK && tag == TAG_LONGEST && i < d->n_occs; i++) {
        run = i > 0 && d->occs[i - 1].sentence == d->occs[i].sentence ? run + 1 : 0;
        if (run >= (size_t)1 << SEL_OCCURRENCE_ID_SHIFT)
            rc = sel_error_at(ctx, SEL_EPARSE, sel_text_locate(&d->text, d->sentences[d->occs[i].sentence].start),
                              "this sentence holds more than %zu term occurrences; break it into lines",
                              ((size_t)1 << SEL_OCCURRENCE_ID_SHIFT) - 1);
    }
    if (rc == SEL_OK && !d->rows && !(d->rows = calloc(d->n ? d->n : 1, sizeof(*d->rows))))
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    return rc;
}

int ingest_doc_tag(struct doc *d, sel_ctx *ctx, sel_tagger *tagger, enum tag_mode tag)
{
    sel_tagger_new_document(tagger); // the sense of a shared form is read from this document alone
    return tag_sentences(d, ctx, tagger, tag);
}

static int segment_doc(struct doc *d, sel_ctx *ctx, sel_tagger *tagger)
{
    sel_segmenter *seg = sel_tagger_segmenter(tagger);
    if (!seg)
        return sel_error(ctx, SEL_ENOMEM, "cannot make a segmenter");
    int rc = sel_segment(seg, ctx, d->text.data, d->text.len, keep_sentence, d);
    if (rc == SEL_OK && d->rc != SEL_OK)
        rc = sel_error(ctx, d->rc, "out of memory");
    return rc;
}

// Segments and (for the source side) tags the text of one document, read already.
static int analyse_doc(struct doc *d, sel_ctx *ctx, sel_tagger *tagger, enum tag_mode tag)
{
    int rc = segment_doc(d, ctx, tagger);
    return rc == SEL_OK ? ingest_doc_tag(d, ctx, tagger, tag) : rc;
}

int ingest_doc_analyse_piece(struct doc *d, sel_ctx *ctx, sel_tagger *tagger, bool first)
{
    if (first)
        sel_tagger_new_document(tagger);
    int rc = segment_doc(d, ctx, tagger);
    return rc == SEL_OK ? tag_sentences(d, ctx, tagger, TAG_LONGEST) : rc;
}

// Reads, segments and (for the source side) tags one document.
int ingest_doc_load(struct doc *d, sel_ctx *ctx, sel_tagger *tagger, const char *path, enum tag_mode tag)
{
    int rc = sel_text_read(&d->text, ctx, path);
    return rc == SEL_OK ? analyse_doc(d, ctx, tagger, tag) : rc;
}

// Makes a document of @p n segments, a line each, and analyses it as ingest_doc_load() does.
int ingest_doc_from_lines(struct doc *d, sel_ctx *ctx, sel_tagger *tagger, const char *name,
                          const struct sel_segment_pair *pairs, size_t n, bool source, enum tag_mode tag)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(source ? pairs[i].src : pairs[i].tgt) + 1;
    if (!(d->text.data = malloc(len + 1)))
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    char *at = d->text.data;
    for (size_t i = 0; i < n; i++) {
        const char *seg = source ? pairs[i].src : pairs[i].tgt;
        size_t k = strlen(seg);
        memcpy(at, seg, k);
        at[k] = '\n';
        at += k + 1;
    }
    *at = '\0';
    d->text.len = len;
    d->text.name = name;
    return analyse_doc(d, ctx, tagger, tag);
}


// A unit's segments must each make one non-blank line, or the paragraphs would not be the units.
int ingest_check_pairs(sel_ctx *ctx, const char *path, const struct sel_segment_pair *pairs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (int side = 0; side < 2; side++) {
            const char *seg = side ? pairs[i].tgt : pairs[i].src;
            size_t len = strlen(seg);
            // blank segments were left out before (units_with_text() in ingest.c)
            const char *wrong = strpbrk(seg, "\r\n") ? "more than one line"
                                : sel_utf8_find_invalid(seg, len, false) >= 0 ? "not UTF-8" : NULL;
            if (wrong)
                return sel_error(ctx, SEL_EINVAL, "%s: unit %zu: its %s segment is %s", path, i + 1,
                                 side ? "target" : "source", wrong);
        }
    return SEL_OK;
}

// The beads are the units: unit i is paragraph i + 1 on both sides.
int ingest_units_as_beads(sel_ctx *ctx, const struct doc *src, const struct doc *tgt, size_t n,
                          struct sel_alignment *al)
{
    if (n && !(al->beads = calloc(n, sizeof(*al->beads))))
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    al->n = n;
    size_t s = 0, t = 0;
    for (size_t i = 0; i < n; i++) {
        struct sel_bead *b = &al->beads[i];
        b->src = s;
        b->tgt = t;
        while (s < src->n && src->sentences[s].para == (long)i + 1)
            s++;
        while (t < tgt->n && tgt->sentences[t].para == (long)i + 1)
            t++;
        b->n_src = s - b->src;
        b->n_tgt = t - b->tgt;
        b->score = 1.0; // the translation memory says so
    }
    return SEL_OK;
}

// Identity covers both sides: a memory whose translations changed is a changed file.
void ingest_pair_hash(const struct doc *src, const struct doc *tgt, char hash[33])
{
    char sides[65]; // the two sides' own hashes (32 hex digits each), hashed again
    sel_store_content_hash(src->text.data, src->text.len, sides);
    sel_store_content_hash(tgt->text.data, tgt->text.len, sides + 32);
    sel_store_content_hash(sides, 64, hash);
}
