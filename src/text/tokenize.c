// SPDX-License-Identifier: MIT
// Tokens: ICU word boundaries (UAX #29 keeps "10.000", "1,5" and "Jum'at" whole), then words
// joined by a hyphen with no space are put back together, because Indonesian writes
// reduplication (pasukan-pasukan) and compounds (neo-Nazi, DPRK-Rusia, AC-130) that way.
#include "src/text/text_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/utext.h>

struct piece {
    size_t start, end;
    bool word; // letters or digits
};

static bool is_space_piece(const char *text, struct piece p)
{
    for (int32_t i = (int32_t)p.start, n = (int32_t)p.end; i < n;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, n, c);
        if (!u_isUWhiteSpace(c))
            return false;
    }
    return true;
}

int sel_analyze_span(sel_analyzer *an, sel_ctx *ctx, const char *text, size_t start, size_t end,
                     sel_token_fn emit, void *user)
{
    SEL_CHECK_ARG(an && text && emit && start <= end, SEL_EINVAL);
    UErrorCode status = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, text + start, (int64_t)(end - start), &status);
    UBreakIterator *bi = ubrk_open(UBRK_WORD, sel_lang_code(sel_analyzer_lang(an)), NULL, 0, &status);
    ubrk_setUText(bi, ut, &status);
    if (U_FAILURE(status)) {
        ubrk_close(bi);
        utext_close(ut);
        return sel_error(ctx, SEL_EICU, "word iterator: %s", u_errorName(status));
    }
    // Pieces are collected first so that word-hyphen-word runs can be joined.
    struct piece *pieces = NULL;
    size_t n = 0, cap = 0;
    int rc = SEL_OK;
    for (int32_t a = ubrk_first(bi), b = ubrk_next(bi); b != UBRK_DONE; a = b, b = ubrk_next(bi)) {
        struct piece p = { start + (size_t)a, start + (size_t)b, ubrk_getRuleStatus(bi) >= UBRK_WORD_NONE_LIMIT };
        if (!p.word && is_space_piece(text, p))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            struct piece *grown = realloc(pieces, cap * sizeof(*grown));
            if (!grown) {
                rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
                goto done;
            }
            pieces = grown;
        }
        pieces[n++] = p;
    }
    for (size_t i = 0; i < n; i++) {
        struct sel_token tok = { pieces[i].start, pieces[i].end, { 0 } };
        // join word '-' word while they touch
        while (pieces[i].word && i + 2 < n && text[pieces[i + 1].start] == '-' &&
               pieces[i + 1].end == pieces[i + 1].start + 1 && pieces[i + 1].start == tok.end &&
               pieces[i + 2].start == pieces[i + 1].end && pieces[i + 2].word) {
            tok.end = pieces[i + 2].end;
            i += 2;
        }
        rc = sel_analyze_word(an, ctx, text + tok.start, tok.end - tok.start, &tok.word);
        if (rc != SEL_OK)
            goto done;
        if (!emit(user, text, &tok))
            break;
    }
done:
    free(pieces);
    ubrk_close(bi);
    utext_close(ut);
    return rc;
}
