// SPDX-License-Identifier: MIT
// Fuzz target: sentence segmentation (boilerplate rules, datelines, ICU boundaries, the
// language's vetoes). Besides crashes and sanitizer reports it checks that every byte is
// accounted for (issue 17): segments in order, not overlapping, not crossing a line end, and only
// blanks and line ends outside them (tests/text/segment_cover.h).
#include "src/text/text.h"
#include "tests/fuzz/fuzz.h"
#include "tests/text/segment_cover.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sel_ctx *ctx;
    static sel_lang *lang[2];
    static sel_segmenter *seg[2];
    if (!ctx && (sel_ctx_new(&ctx) != SEL_OK || sel_lang_load(&lang[0], ctx, "id") != SEL_OK ||
                 sel_lang_load(&lang[1], ctx, "en") != SEL_OK || sel_segmenter_new(&seg[0], ctx, lang[0]) != SEL_OK ||
                 sel_segmenter_new(&seg[1], ctx, lang[1]) != SEL_OK)) {
        fprintf(stderr, "fuzz_segment: %s\n", sel_ctx_errmsg(ctx));
        abort();
    }
    char *text = fuzz_text(data, size);
    if (!text)
        return 0;
    struct cover_check c;
    const char *problem = cover_run(&c, seg[size % 2], ctx, text, size);
    if (*problem) {
        fprintf(stderr, "fuzz_segment: %s\n", problem);
        abort();
    }
    free(text);
    return 0;
}
