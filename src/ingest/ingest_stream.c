// SPDX-License-Identifier: MIT
// A document too large to hold: read in pieces of whole lines (sel_text_stream), each piece
// segmented, tagged and written before the next is read, so memory stays flat however large the
// file is. Its identity (the content hash of all its bytes) must be known before anything is
// stored, to see whether it is stored already; so a first pass reads it only to hash it, and the
// second, which stores, hashes again and refuses a file that changed in between. The second pass
// holds the write lock while it analyses: a large document is one transaction of its own, whole
// or not at all, and what it stores (numbers, offsets, occurrences) is what reading it whole
// stores, because sentences never span pieces and the tagger's sense evidence runs on across them.
#include "src/ingest/ingest_internal.h"

#include <stdlib.h>
#include <string.h>


int ingest_stream_identity(sel_ctx *ctx, const char *path, size_t piece, char hash[33], int64_t *bytes)
{
    sel_text_stream *s = NULL;
    int rc = sel_text_stream_open(&s, ctx, path, piece);
    if (rc != SEL_OK)
        return rc;
    sel_text_stream_quiet(s); // a line cut is said once, by the pass that stores
    struct sel_content_hash h;
    sel_store_hash_init(&h);
    struct sel_text t;
    *bytes = 0;
    int got;
    while ((got = sel_text_stream_next(s, ctx, &t)) == 1) {
        sel_store_hash_add(&h, t.data, t.len);
        *bytes += (int64_t)(t.len + t.bom); // the stored size counts a byte order mark, as read whole
    }
    sel_text_stream_close(s);
    sel_store_hash_hex(&h, hash);
    return got < 0 ? got : SEL_OK;
}

// Numbering across pieces: what the earlier pieces held, and the paragraph not yet written.
struct stream_state {
    int64_t doc_id;
    long sentences;                // stored so far: the next one's number is sentences + 1
    long para_base;                // paragraphs of the earlier pieces
    long piece_paras;              // the last paragraph number of the piece before
    bool piece_cut;                // the piece before ended inside a line (a line too long to hold)
    long para, para_line;          // the paragraph being written (0: none), and its line
    int64_t para_start, para_end;
    size_t boilerplate, occurrences;
};

static int write_paragraph(sel_ingester *ing, sel_ctx *ctx, struct stream_state *st)
{
    if (!st->para)
        return SEL_OK;
    return sel_doc_writer_paragraph(ingest_writer(ing), ctx, st->doc_id, st->para, st->para_line, st->para_start,
                                    st->para_end);
}

// Writes the sentences and occurrences of one analysed piece @p d (d->text is the piece).
static int write_piece(sel_ingester *ing, sel_ctx *ctx, struct doc *d, struct stream_state *st)
{
    const struct sel_text *t = &d->text;
    // a line cut between pieces goes on in this one: its paragraph too (as segment counts)
    st->para_base += st->piece_paras - (st->piece_cut && st->piece_paras > 0);
    st->piece_paras = 0;
    long line_base = (t->line > 1 ? t->line : 1) - 1;
    int rc = SEL_OK;
    for (size_t i = 0; rc == SEL_OK && i < d->n; i++) {
        const struct sel_sentence *s = &d->sentences[i];
        long para = s->para + st->para_base;
        int64_t start = (int64_t)(s->start + t->offset), end = (int64_t)(s->end + t->offset);
        st->piece_paras = s->para;
        if (para != st->para) { // a paragraph is its input line: first sentence's start to last one's end
            rc = write_paragraph(ing, ctx, st);
            st->para = para;
            st->para_line = s->line + line_base;
            st->para_start = start;
        }
        st->para_end = end;
        const char *kind = s->boilerplate ? sel_boilerplate_name(s->boilerplate) : NULL;
        struct sel_sentence_row row = { st->doc_id, ++st->sentences, para, start, end, t->data + s->start,
                                        s->end - s->start, kind };
        if (rc == SEL_OK)
            rc = sel_doc_writer_sentence(ingest_writer(ing), ctx, &row, &d->rows[i]);
        st->boilerplate += s->boilerplate != SEL_BP_NONE;
    }
    st->piece_cut = t->len && t->data[t->len - 1] != '\n' && t->data[t->len - 1] != '\r';
    st->occurrences += d->n_occs;
    return rc == SEL_OK ? ingest_store_mentions_at(ing, ctx, d, t->offset) : rc;
}

// The piece's analysis is dropped; its text belongs to the stream.
static void piece_finish(struct doc *d)
{
    d->text.data = NULL;
    ingest_doc_finish(d);
}

// Reads @p path again, piece by piece, analysing and writing each; its hash in @p hash.
static int stream_pieces(sel_ingester *ing, sel_ctx *ctx, struct pipeline *pipe, const char *path,
                         struct stream_state *st, char hash[33])
{
    sel_text_stream *s = NULL;
    int rc = sel_text_stream_open(&s, ctx, path, ingest_piece(ing));
    if (rc != SEL_OK)
        return rc;
    struct sel_content_hash h;
    sel_store_hash_init(&h);
    bool first = true;
    struct doc d = { 0 };
    while (rc == SEL_OK) {
        int got = sel_text_stream_next(s, ctx, &d.text);
        if (got <= 0) {
            rc = got;
            break;
        }
        sel_store_hash_add(&h, d.text.data, d.text.len);
        rc = ingest_doc_analyse_piece(&d, ctx, pipe->tagger, first);
        if (rc == SEL_OK)
            rc = write_piece(ing, ctx, &d, st);
        piece_finish(&d);
        first = false;
        // between pieces nothing holds a word: bound the analyses kept, however long the input
        if (rc == SEL_OK)
            rc = pipeline_forget(pipe, ctx);
    }
    piece_finish(&d);
    sel_text_stream_close(s);
    if (rc == SEL_OK)
        rc = write_paragraph(ing, ctx, st);
    sel_store_hash_hex(&h, hash);
    return rc;
}

int ingest_store_streamed(sel_ingester *ing, sel_ctx *ctx, struct pipeline *pipe, struct prepared *p,
                          const char *path, const char *title, struct sel_ingest_report *report)
{
    double t1 = ingest_seconds();
    report->pipeline_seconds = t1 - p->start; // the pass that hashed it
    // its own transaction: a failure rolls back this document alone, not a batch before it
    int rc = sel_ingester_flush(ing, ctx);
    sel_store *store = ingest_store(ing);
    if (rc == SEL_OK)
        rc = sel_store_begin(store, ctx);
    if (rc != SEL_OK)
        return rc;
    rc = ingest_settle_identity(ing, ctx, p->hash, NULL, path, p->canonical, report);
    struct stream_state st = { 0 };
    if (rc == SEL_OK && !report->unchanged)
        rc = ingest_store_doc_row(ing, ctx, path, p->canonical, title, ingest_lang(ing), p->hash, p->bytes, 0,
                                  &report->document_id);
    if (rc == SEL_OK && !report->unchanged) {
        st.doc_id = report->document_id;
        char again[33];
        rc = stream_pieces(ing, ctx, pipe, path, &st, again);
        if (rc == SEL_OK && strcmp(again, p->hash) != 0)
            rc = sel_error_at(ctx, SEL_EIO, (struct sel_location){ path, 0, 0 },
                              "the file changed while it was read; nothing was stored: run the ingest again");
    }
    if (rc == SEL_OK)
        rc = sel_store_commit(store, ctx);
    if (rc != SEL_OK) {
        sel_store_rollback(store);
        sel_doc_writer_forget(ingest_writer(ing));
    }
    report->storage_seconds = ingest_seconds() - t1;
    if (rc == SEL_OK && !report->unchanged) {
        report->sentences = (size_t)st.sentences;
        report->occurrences = st.occurrences;
        report->boilerplate = st.boilerplate;
    }
    return rc;
}
