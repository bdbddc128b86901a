// SPDX-License-Identifier: MIT
// Fuzz target: sentence alignment of two arbitrary texts. The input is SOURCE, a NUL byte, TARGET;
// its length's parity picks segmented or pre-segmented (one sentence a line) input.
#include "align/align.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sel_ctx *ctx;
    static sel_aligner *al;
    if (!ctx) {
        struct sel_align_options opts;
        sel_align_options_default(&opts);
        if (sel_ctx_new(&ctx) != SEL_OK || sel_aligner_new(&al, ctx, &opts) != SEL_OK) {
            fprintf(stderr, "fuzz_align: %s\n", sel_ctx_errmsg(ctx));
            abort();
        }
    }
    const uint8_t *nul = memchr(data, 0, size);
    size_t src_len = nul ? (size_t)(nul - data) : size;
    size_t tgt_len = nul ? size - src_len - 1 : 0;
    char *src = fuzz_text(data, src_len), *tgt = fuzz_text(nul ? nul + 1 : data, tgt_len);
    struct sel_align_doc s = { 0 }, t = { 0 };
    struct sel_alignment a = { 0 };
    if (!src || !tgt)
        goto done;
    int (*doc)(struct sel_align_doc *, sel_aligner *, sel_ctx *, enum sel_align_side_kind, const char *, size_t) =
        size % 2 ? sel_align_doc_lines : sel_align_doc_segment;
    if (doc(&s, al, ctx, SEL_ALIGN_SRC, src, src_len) != SEL_OK ||
        doc(&t, al, ctx, SEL_ALIGN_TGT, tgt, tgt_len) != SEL_OK || sel_align(&a, al, ctx, &s, &t) != SEL_OK)
        goto done;
    // Every sentence of both sides in exactly one bead, in order.
    size_t next_src = 0, next_tgt = 0;
    for (size_t i = 0; i < a.n; i++) {
        const struct sel_bead *b = &a.beads[i];
        if (b->n_src && b->src != next_src)
            abort();
        if (b->n_tgt && b->tgt != next_tgt)
            abort();
        next_src += b->n_src;
        next_tgt += b->n_tgt;
        if (!(b->score >= 0 && b->score <= 1))
            abort();
    }
    if (next_src != s.n || next_tgt != t.n)
        abort();
done:
    sel_alignment_finish(&a);
    sel_align_doc_finish(&s);
    sel_align_doc_finish(&t);
    free(src);
    free(tgt);
    sel_ctx_clear(ctx);
    return 0;
}
