// SPDX-License-Identifier: MIT
// The aligner: the two languages' segmenters and analyzers, the evidence-key vocabulary and the
// bilingual index, built once and reused for every document pair.
#include "align/align_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void sel_align_options_default(struct sel_align_options *opts)
{
    *opts = (struct sel_align_options){ .src_lang = "id", .tgt_lang = "en", .lexical = true };
}

void sel_align_lower(char *buf, size_t size, const char *s, size_t len)
{
    if (len >= size)
        len = size - 1;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        buf[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    buf[len] = '\0';
}

int sel_align_key(sel_aligner *al, sel_ctx *ctx, const char *key, size_t len, uint32_t *id)
{
    void *v = sel_strmap_get(al->keys, key, len);
    if (v) {
        *id = (uint32_t)((uintptr_t)v - 1);
        return SEL_OK;
    }
    *id = al->n_keys;
    if (sel_strmap_put(al->keys, key, len, (void *)(uintptr_t)(al->n_keys + 1)) != SEL_OK)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    al->n_keys++;
    return SEL_OK;
}

static int load_side(sel_aligner *al, sel_ctx *ctx, int side, const char *code)
{
    int rc = sel_lang_load(&al->lang[side], ctx, code);
    if (rc == SEL_OK)
        rc = sel_segmenter_new(&al->seg[side], ctx, al->lang[side]);
    if (rc == SEL_OK && al->opts.lexical) {
        rc = sel_analyzer_new(&al->an[side], ctx, al->lang[side]);
        if (rc == SEL_OK)
            sel_analyzer_suggest(al->an[side], false); // spelling correction is not worth its cost here
    }
    if (rc == SEL_OK && sel_strmap_new(&al->forms[side]) != SEL_OK)
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    al->words[side] = sel_lang_words(code);
    return rc;
}

int sel_aligner_new(sel_aligner **out, sel_ctx *ctx, const struct sel_align_options *opts)
{
    SEL_CHECK_ARG(out && opts && opts->src_lang && opts->tgt_lang, SEL_EINVAL);
    *out = NULL;
    sel_termbase *own_tb = NULL;
    sel_aligner *al = calloc(1, sizeof(*al));
    if (!al)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    al->opts = *opts;
    al->opts.termbase = NULL; // borrowed only while building
    int rc = load_side(al, ctx, SEL_ALIGN_SRC, opts->src_lang);
    if (rc == SEL_OK)
        rc = load_side(al, ctx, SEL_ALIGN_TGT, opts->tgt_lang);
    if (rc == SEL_OK && (sel_strmap_new(&al->keys) != SEL_OK || sel_strmap_new(&al->index) != SEL_OK))
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    if (rc != SEL_OK || !opts->lexical)
        goto done;
    const sel_termbase *tb = opts->termbase;
    if (!tb) {
        rc = sel_termbase_new(&own_tb);
        if (rc != SEL_OK) {
            rc = sel_error(ctx, rc, "out of memory");
            goto done;
        }
        rc = sel_termbase_read_dir(own_tb, ctx, NULL, NULL, NULL);
        // A problem `lexicon check` reports (a repeated term, a bad note) leaves the concepts
        // readable; the evidence should not depend on the termbase being spotless.
        if (rc == SEL_EPARSE) {
            sel_ctx_clear(ctx);
            rc = SEL_OK;
        }
        if (rc != SEL_OK)
            goto done;
        tb = own_tb;
    }
    rc = sel_align_index_build(al, ctx, tb);
done:
    sel_termbase_free(own_tb);
    if (rc != SEL_OK)
        sel_aligner_free(al);
    else
        *out = al;
    return rc;
}

void sel_aligner_free(sel_aligner *al)
{
    if (!al)
        return;
    for (int side = 1; side >= 0; side--) {
        sel_strmap_free(al->forms[side]);
        sel_analyzer_free(al->an[side]);
        sel_segmenter_free(al->seg[side]);
        sel_lang_free(al->lang[side]);
    }
    sel_strmap_free(al->index);
    sel_strmap_free(al->keys);
    sel_arena_finish(&al->arena);
    free(al);
}
