// SPDX-License-Identifier: MIT
// Fuzz target: finding the bundled termbase's terms in text (segmented, or one sentence a line).
#include "lexicon/lexicon.h"
#include "tests/fuzz/fuzz.h"

struct seen {
    size_t len;
};

static bool check(void *user, const char *text, const struct sel_sentence *s, const struct sel_term_match *m)
{
    const struct seen *seen = user;
    (void)text;
    if (m->start >= m->end || m->end > seen->len || m->start < s->start || m->end > s->end || !m->concept ||
        !m->term)
        abort();
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sel_ctx *ctx;
    static sel_termbase *tb;
    static sel_tagger *tagger;
    if (!ctx && (sel_ctx_new(&ctx) != SEL_OK || sel_termbase_new(&tb) != SEL_OK ||
                 sel_termbase_read_dir(tb, ctx, NULL, NULL, NULL) != SEL_OK ||
                 sel_tagger_new(&tagger, ctx, tb, "id") != SEL_OK)) {
        fprintf(stderr, "fuzz_tag: %s\n", sel_ctx_errmsg(ctx));
        abort();
    }
    char *text = fuzz_text(data, size);
    if (!text)
        return 0;
    struct seen seen = { size };
    sel_tagger_tag(tagger, ctx, text, size, size % 2, check, &seen);
    free(text);
    return 0;
}
