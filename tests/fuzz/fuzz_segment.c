// SPDX-License-Identifier: MIT
// Fuzz target: sentence segmentation (boilerplate rules, ICU boundaries, the language's vetoes).
#include "src/text/text.h"
#include "tests/fuzz/fuzz.h"

#include <assert.h>

struct seen {
    size_t len, last_end;
};

static bool check(void *user, const char *text, const struct sel_sentence *s)
{
    struct seen *seen = user;
    (void)text;
    // Sentences come in order, inside the text, never empty or overlapping.
    if (s->start >= s->end || s->end > seen->len || s->start < seen->last_end)
        abort();
    seen->last_end = s->end;
    return true;
}

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
    struct seen seen = { size, 0 };
    sel_segment(seg[size % 2], ctx, text, size, check, &seen);
    free(text);
    return 0;
}
