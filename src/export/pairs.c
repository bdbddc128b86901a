// SPDX-License-Identifier: MIT
// The parallel-data writers, one pair at a time, for callers that align on the fly instead of
// reading beads from the database.
#include "src/export/export_internal.h"

#include <stdlib.h>
#include <string.h>

struct sel_pair_writer {
    struct par_writer w;
    struct sel_par_options opt;
    char *names[2];
    long count;
    bool begun;
};

int sel_pair_writer_open(sel_pair_writer **out, sel_ctx *ctx, enum sel_par_format format, const char *output,
                         const char *src_lang, const char *tgt_lang)
{
    SEL_CHECK_ARG(out && src_lang && tgt_lang, SEL_EINVAL);
    static const struct par_writer_ops *const ops[] = {
        [SEL_PAR_TMX] = &par_tmx_ops, [SEL_PAR_MOSES] = &par_moses_ops,
        [SEL_PAR_TSV] = &par_tsv_ops, [SEL_PAR_JSONL] = &par_jsonl_ops,
    };
    *out = NULL;
    sel_pair_writer *pw = calloc(1, sizeof(*pw));
    if (!pw)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    pw->opt = (struct sel_par_options){ .format = format, .src_lang = src_lang, .tgt_lang = tgt_lang };
    pw->w = (struct par_writer){ .ops = ops[format], .opt = &pw->opt, .src_lang = src_lang, .tgt_lang = tgt_lang };
    int rc = par_open_output(&pw->w, ctx, output, pw->names);
    if (rc == SEL_OK) {
        rc = pw->w.ops->begin(&pw->w, ctx);
        pw->begun = rc == SEL_OK;
    }
    if (rc != SEL_OK) {
        par_close_output(&pw->w, ctx, rc);
        free(pw->names[0]);
        free(pw->names[1]);
        free(pw);
        return rc;
    }
    *out = pw;
    return SEL_OK;
}

int sel_pair_writer_add(sel_pair_writer *pw, sel_ctx *ctx, const struct sel_pair *pair)
{
    SEL_CHECK_ARG(pw && pair, SEL_EINVAL);
    struct par_pair p = {
        // no database document behind these pairs
        .document = 0, .translation = 0, .bead = ++pw->count,
        .src_first = pair->src_first, .src_count = pair->src_count,
        .tgt_first = pair->tgt_first, .tgt_count = pair->tgt_count,
        .score = pair->score, .src = pair->src ? pair->src : "", .tgt = pair->tgt ? pair->tgt : "",
    };
    return pw->w.ops->pair(&pw->w, ctx, &p);
}

int sel_pair_writer_close(sel_pair_writer *pw, sel_ctx *ctx)
{
    if (!pw)
        return SEL_OK;
    int rc = pw->begun ? pw->w.ops->end(&pw->w, ctx) : SEL_OK;
    rc = par_close_output(&pw->w, ctx, rc);
    free(pw->names[0]);
    free(pw->names[1]);
    free(pw);
    return rc;
}
