// SPDX-License-Identifier: MIT
// The life of a parallel-data writer: choosing the format, opening the output, beginning and
// ending the document, closing the files. sel_parallel_export() drives one from the database;
// sel_pair_writer drives one from beads aligned on the fly (`selaras align --format tmx|moses`).
#include "src/formats/formats_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int open_output(struct par_writer *w, sel_ctx *ctx, const char *output)
{
    if (w->opt->format != SEL_PAR_MOSES) {
        int rc = sel_output_open(&w->files[0], ctx, output, w->protect);
        w->out = w->files[0].fp;
        w->name = w->files[0].name;
        return rc;
    }
    if (!output || strcmp(output, "-") == 0)
        return sel_error(ctx, SEL_EINVAL, "moses output needs -o PREFIX (it writes PREFIX.%s and PREFIX.%s)",
                         w->src_lang, w->tgt_lang);
    size_t n = strlen(output) + 32;
    char **names = w->names;
    names[0] = malloc(n);
    names[1] = malloc(n);
    if (!names[0] || !names[1])
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    snprintf(names[0], n, "%s.%s", output, w->src_lang);
    snprintf(names[1], n, "%s.%s", output, w->tgt_lang);
    int rc = sel_output_open(&w->files[0], ctx, names[0], w->protect);
    if (rc == SEL_OK)
        rc = sel_output_open(&w->files[1], ctx, names[1], w->protect);
    w->out = w->files[0].fp;
    w->out2 = w->files[1].fp;
    w->name = names[0];
    w->name2 = names[1];
    return rc;
}

int par_writer_start(struct par_writer *w, sel_ctx *ctx, const char *output)
{
    static const struct par_writer_ops *const ops[] = {
        [SEL_PAR_TMX] = &par_tmx_ops, [SEL_PAR_MOSES] = &par_moses_ops,
        [SEL_PAR_TSV] = &par_tsv_ops, [SEL_PAR_JSONL] = &par_jsonl_ops,
    };
    w->ops = ops[w->opt->format];
    int rc = open_output(w, ctx, output);
    if (rc != SEL_OK)
        return rc;
    w->begun = true; // even if begin() fails half-way, end() frees what it made
    return w->ops->begin ? w->ops->begin(w, ctx) : SEL_OK;
}

int par_writer_finish(struct par_writer *w, sel_ctx *ctx, int rc)
{
    if (w->begun) {
        int end = w->ops->end ? w->ops->end(w, ctx) : SEL_OK;
        if (rc == SEL_OK)
            rc = end;
        w->begun = false;
    }
    // Both files of a pair appear together or not at all: the first rename waits until the
    // second file has been written whole.
    for (int i = 0; i < 2; i++) {
        if (rc == SEL_OK)
            rc = sel_output_commit(&w->files[i], ctx);
        else
            sel_output_abort(&w->files[i]);
    }
    w->out = w->out2 = NULL;
    free(w->names[0]);
    free(w->names[1]);
    w->names[0] = w->names[1] = NULL;
    return rc;
}

/* ---- pairs aligned on the fly ---------------------------------------------------------------- */

struct sel_pair_writer {
    struct par_writer w;
    struct sel_par_options opt;
    struct sel_buf src, tgt; // the current bead's sentences of each side, joined by a space
    long count;
};

int sel_pair_writer_open(sel_pair_writer **out, sel_ctx *ctx, enum sel_par_format format, const char *output,
                         const char *src_lang, const char *tgt_lang)
{
    SEL_CHECK_ARG(out && src_lang && tgt_lang, SEL_EINVAL);
    *out = NULL;
    sel_pair_writer *pw = calloc(1, sizeof(*pw));
    if (!pw)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    pw->opt = (struct sel_par_options){ .format = format, .src_lang = src_lang, .tgt_lang = tgt_lang };
    pw->w = (struct par_writer){ .opt = &pw->opt, .src_lang = src_lang, .tgt_lang = tgt_lang };
    int rc = par_writer_start(&pw->w, ctx, output);
    if (rc != SEL_OK) {
        sel_pair_writer_close(pw, ctx);
        return rc;
    }
    *out = pw;
    return SEL_OK;
}

static int join_sentences(struct sel_buf *b, const struct sel_align_doc *doc, size_t first, size_t n)
{
    buf_reset(b);
    int rc = buf_reserve(b, 0); // "" for an empty side, never NULL
    for (size_t k = first; rc == SEL_OK && k < first + n; k++) {
        const struct sel_sentence *s = &doc->sentences[k];
        if (k > first)
            rc = buf_addc(b, ' ');
        if (rc == SEL_OK)
            rc = buf_add(b, doc->text + s->start, s->end - s->start);
    }
    return rc;
}

int sel_pair_writer_add(sel_pair_writer *pw, sel_ctx *ctx, const struct sel_align_doc *src,
                        const struct sel_align_doc *tgt, const struct sel_bead *bead)
{
    SEL_CHECK_ARG(pw && src && tgt && bead, SEL_EINVAL);
    if (join_sentences(&pw->src, src, bead->src, bead->n_src) != SEL_OK ||
        join_sentences(&pw->tgt, tgt, bead->tgt, bead->n_tgt) != SEL_OK)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    struct par_pair p = {
        // no database document behind these pairs: the writers number them plainly
        .document = 0, .translation = 0, .bead = ++pw->count,
        .src_first = bead->n_src ? (long)bead->src + 1 : 0, .src_count = (long)bead->n_src,
        .tgt_first = bead->n_tgt ? (long)bead->tgt + 1 : 0, .tgt_count = (long)bead->n_tgt,
        .score = bead->score, .src = pw->src.data, .tgt = pw->tgt.data,
    };
    return pw->w.ops->pair(&pw->w, ctx, &p);
}

int sel_pair_writer_close(sel_pair_writer *pw, sel_ctx *ctx)
{
    if (!pw)
        return SEL_OK;
    int rc = par_writer_finish(&pw->w, ctx, SEL_OK);
    buf_finish(&pw->src);
    buf_finish(&pw->tgt);
    free(pw);
    return rc;
}
