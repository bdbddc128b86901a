// SPDX-License-Identifier: MIT
// Tokens: ICU word boundaries (UAX #29 keeps "10.000", "1,5" and "Jum'at" whole), then words
// joined by a hyphen with no space are put back together, because Indonesian writes
// reduplication (pasukan-pasukan) and compounds (neo-Nazi, DPRK-Rusia, AC-130) that way.
#include "src/text/text_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/utext.h>

static bool is_space_piece(const char *text, struct sel_piece p)
{
    for (int32_t i = (int32_t)p.start, n = (int32_t)p.end; i < n;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, n, c);
        if (!u_isUWhiteSpace(c))
            return false;
    }
    return true;
}

// True when [p) holds only characters of @p kind: 'd' ASCII digits, 's' superscript digits.
static bool piece_is(const char *text, struct sel_piece p, char kind)
{
    for (int32_t i = (int32_t)p.start, n = (int32_t)p.end; i < n;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, n, c);
        bool ok = kind == 'd' ? (c >= '0' && c <= '9')
                              : (c == 0xB2 || c == 0xB3 || c == 0xB9 || (c >= 0x2070 && c <= 0x2079));
        if (!ok)
            return false;
    }
    return p.end > p.start;
}

// A hyphen between two numbers (5-10) or two listed names such as months (Januari-September) is
// a range: three tokens, not a compound.
static bool is_range(sel_analyzer *an, const char *text, struct sel_piece a, struct sel_piece b)
{
    if (piece_is(text, a, 'd') && piece_is(text, b, 'd'))
        return true;
    const struct word_list *proper = &sel_analyzer_lang(an)->morph.proper;
    char wa[64], wb[64];
    if (a.end - a.start >= sizeof(wa) || b.end - b.start >= sizeof(wb))
        return false;
    snprintf(wa, sizeof(wa), "%.*s", (int)(a.end - a.start), text + a.start);
    snprintf(wb, sizeof(wb), "%.*s", (int)(b.end - b.start), text + b.start);
    return sel_word_list_has(proper, wa) && sel_word_list_has(proper, wb);
}

static int emit_one(sel_analyzer *an, sel_ctx *ctx, const char *text, size_t start, size_t end, sel_token_fn emit,
                    void *user, bool *stop)
{
    struct sel_token tok = { start, end, { 0 } };
    int rc = sel_analyze_word(an, ctx, text + start, end - start, &tok.word);
    if (rc == SEL_OK && !emit(user, text, &tok))
        *stop = true;
    return rc;
}

// Emits a token; a hyphenated compound that is not a reduplication (DPRK-Rusia, neo-Nazi) is
// emitted as its parts when the analyzer is set to split compounds, so that term matching finds
// the names in it.
static int emit_token(sel_analyzer *an, sel_ctx *ctx, const char *text, struct sel_piece p, sel_token_fn emit,
                      void *user, bool *stop)
{
    // A currency written against its amount (Rp9.000) is two tokens, as "Rp 9.000" is.
    const struct word_list *pre = &sel_analyzer_lang(an)->morph.number_prefixes;
    for (size_t i = 0; i < pre->n; i++) {
        size_t k = strlen(pre->v[i]);
        if (p.end - p.start > k && strncmp(text + p.start, pre->v[i], k) == 0 && text[p.start + k] >= '0' &&
            text[p.start + k] <= '9') {
            int rc = emit_one(an, ctx, text, p.start, p.start + k, emit, user, stop);
            if (rc != SEL_OK || *stop)
                return rc;
            p.start += k;
            break;
        }
    }
    const char *hy = memchr(text + p.start, '-', p.end - p.start);
    if (!hy || !sel_analyzer_splits_compounds(an) || p.end - p.start < 3)
        return emit_one(an, ctx, text, p.start, p.end, emit, user, stop);
    struct sel_word whole;
    int rc = sel_analyze_word(an, ctx, text + p.start, p.end - p.start, &whole);
    if (rc != SEL_OK)
        return rc;
    if (whole.flags & SEL_TOK_REDUP)
        return emit_one(an, ctx, text, p.start, p.end, emit, user, stop);
    size_t s = p.start;
    while (rc == SEL_OK && !*stop && s < p.end) {
        const char *dash = memchr(text + s, '-', p.end - s);
        size_t e = dash ? (size_t)(dash - text) : p.end;
        if (e > s)
            rc = emit_one(an, ctx, text, s, e, emit, user, stop);
        if (dash && rc == SEL_OK && !*stop)
            rc = emit_one(an, ctx, text, e, e + 1, emit, user, stop);
        s = dash ? e + 1 : p.end;
    }
    return rc;
}

int sel_analyze_span(sel_analyzer *an, sel_ctx *ctx, const char *text, size_t start, size_t end,
                     sel_token_fn emit, void *user)
{
    SEL_CHECK_ARG(an && text && emit && start <= end, SEL_EINVAL);
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *bi = sel_analyzer_word_breaks(an, &status);
    if (U_FAILURE(status))
        return sel_error(ctx, SEL_EICU, "word iterator: %s", u_errorName(status));
    struct sel_pieces ps;
    int rc = sel_pieces_begin(&ps, bi, ctx, text, start, end);
    if (rc != SEL_OK)
        return rc;
    // Streaming, with one token and one hyphen of lookahead, so that a huge line costs no memory.
    struct sel_piece tok = { 0 }, hyphen = { 0 };
    bool join = sel_analyzer_lang(an)->morph.join_hyphens;
    bool have_tok = false, have_hyphen = false, stop = false;
    struct sel_piece p;
    while (!stop && rc == SEL_OK && sel_pieces_next(&ps, &p)) {
        if (!p.word && is_space_piece(text, p))
            continue;
        if (have_tok && tok.word && !have_hyphen && !p.word && p.start == tok.end && piece_is(text, p, 's')) {
            tok.end = p.end; // km², m³
            continue;
        }
        if (join && have_tok && tok.word && have_hyphen && p.word && p.start == hyphen.end &&
            !is_range(an, text, tok, p)) {
            tok.end = p.end; // word-word: pasukan-pasukan, AC-130
            have_hyphen = false;
            continue;
        }
        if (join && have_tok && tok.word && !have_hyphen && p.end == p.start + 1 && text[p.start] == '-' &&
            p.start == tok.end) {
            hyphen = p;
            have_hyphen = true;
            continue;
        }
        if (have_tok) {
            rc = emit_token(an, ctx, text, tok, emit, user, &stop);
            if (rc == SEL_OK && have_hyphen && !stop)
                rc = emit_token(an, ctx, text, hyphen, emit, user, &stop);
        }
        have_hyphen = false;
        tok = p;
        have_tok = true;
    }
    if (have_tok && !stop && rc == SEL_OK) {
        rc = emit_token(an, ctx, text, tok, emit, user, &stop);
        if (rc == SEL_OK && have_hyphen && !stop)
            rc = emit_token(an, ctx, text, hyphen, emit, user, &stop);
    }
    sel_pieces_end(&ps);
    return rc;
}
