// SPDX-License-Identifier: MIT
// Fuzz target: the path of `selaras analyze` (sentences, then the tokens of each). Every byte of
// the input is accounted for: the tokens, in order, and the whitespace between them cover it.
#include "src/text/text.h"
#include "tests/fuzz/fuzz.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

struct run {
    sel_analyzer *an;
    sel_ctx *ctx;
    size_t covered; // end of the last token
};

static void check_gap(const char *text, size_t from, size_t to)
{
    if (from > to)
        abort();
    for (int32_t i = (int32_t)from, n = (int32_t)to; i < n;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, n, c);
        if (!u_isUWhiteSpace(c))
            abort(); // a character that is in no token
    }
}

static bool check_token(void *user, const char *text, const struct sel_token *t)
{
    struct run *run = user;
    if (t->end <= t->start || !t->word.lemma || !t->word.root || !*t->word.lemma || !*t->word.root)
        abort();
    check_gap(text, run->covered, t->start);
    run->covered = t->end;
    return true;
}

static bool check_sentence(void *user, const char *text, const struct sel_sentence *s)
{
    struct run *run = user;
    return sel_analyze_span(run->an, run->ctx, text, s->start, s->end, check_token, run) == SEL_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sel_ctx *ctx;
    static sel_lang *lang;
    static sel_segmenter *seg;
    static sel_analyzer *an;
    static size_t runs;
    if (!ctx && (sel_ctx_new(&ctx) != SEL_OK || sel_lang_load(&lang, ctx, "id") != SEL_OK ||
                 sel_segmenter_new(&seg, ctx, lang) != SEL_OK)) {
        fprintf(stderr, "fuzz_tokens: %s\n", sel_ctx_errmsg(ctx));
        abort();
    }
    if (runs++ % 20000 == 0) { // the analyzer caches every form: start afresh now and then
        sel_analyzer_free(an);
        if (sel_analyzer_new(&an, ctx, lang) != SEL_OK) {
            fprintf(stderr, "fuzz_tokens: %s\n", sel_ctx_errmsg(ctx));
            abort();
        }
    }
    char *text = fuzz_text(data, size);
    if (!text)
        return 0;
    struct run run = { an, ctx, 0 };
    if (sel_segment(seg, ctx, text, size, check_sentence, &run) == SEL_OK)
        check_gap(text, run.covered, size);
    free(text);
    return 0;
}
