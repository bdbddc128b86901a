// SPDX-License-Identifier: MIT
// Fuzz target: tokens and their analysis (Hunspell, clitics, reduplication, affix stripping); the
// tokens and the whitespace between them cover the input exactly.
#include "src/text/text.h"
#include "tests/fuzz/fuzz.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

struct seen {
    size_t len, last_end;
};

// Every byte is accounted for: what lies between two tokens (or after the last) is whitespace.
static void check_gap(const char *text, size_t from, size_t to)
{
    for (int32_t i = (int32_t)from, n = (int32_t)to; i < n;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, n, c);
        if (!u_isUWhiteSpace(c))
            abort();
    }
}

static bool check(void *user, const char *text, const struct sel_token *t)
{
    struct seen *seen = user;
    if (t->start >= t->end || t->end > seen->len || t->start < seen->last_end || !t->word.lemma || !t->word.root)
        abort();
    check_gap(text, seen->last_end, t->start);
    seen->last_end = t->end;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sel_ctx *ctx;
    static sel_lang *lang[2];
    static sel_analyzer *an[2];
    static size_t runs;
    if (!ctx && (sel_ctx_new(&ctx) != SEL_OK || sel_lang_load(&lang[0], ctx, "id") != SEL_OK ||
                 sel_lang_load(&lang[1], ctx, "en") != SEL_OK)) {
        fprintf(stderr, "fuzz_analyze: %s\n", sel_ctx_errmsg(ctx));
        abort();
    }
    // The analyzer caches every form it has seen; start afresh now and then so that memory stays
    // bounded over millions of inputs.
    if (runs++ % 20000 == 0)
        for (int i = 0; i < 2; i++) {
            sel_analyzer_free(an[i]);
            if (sel_analyzer_new(&an[i], ctx, lang[i]) != SEL_OK) {
                fprintf(stderr, "fuzz_analyze: %s\n", sel_ctx_errmsg(ctx));
                abort();
            }
        }
    char *text = fuzz_text(data, size);
    if (!text)
        return 0;
    struct seen seen = { size, 0 };
    if (sel_analyze_span(an[size % 2], ctx, text, 0, size, check, &seen) == SEL_OK)
        check_gap(text, seen.last_end, size);
    free(text);
    return 0;
}
