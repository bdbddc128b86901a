// SPDX-License-Identifier: MIT
// Word tokens for the lexical evidence. The aligner needs words, numbers and dates, not the full
// token analysis of `selaras analyze`, so it splits on code point classes itself: that keeps the
// per-token cost to a few byte tests on the long documents of the benchmark.
#include "align/align_internal.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

static bool is_word_cp(UChar32 c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK;
}

static UChar32 peek(const char *text, size_t pos, size_t end, size_t *next)
{
    int32_t i = 0;
    UChar32 c;
    U8_NEXT((const uint8_t *)text + pos, i, (int32_t)(end - pos), c);
    *next = pos + (size_t)i;
    return c;
}

static bool is_digit(UChar32 c)
{
    return c >= '0' && c <= '9';
}

bool sel_align_next_token(const char *text, size_t *pos, size_t end, size_t *ts, size_t *te)
{
    size_t p = *pos, next;
    while (p < end) {
        UChar32 c = peek(text, p, end, &next);
        if (is_word_cp(c))
            break;
        p = next;
    }
    if (p >= end) {
        *pos = end;
        return false;
    }
    *ts = p;
    UChar32 prev = 0;
    while (p < end) {
        UChar32 c = peek(text, p, end, &next);
        if (is_word_cp(c)) {
            prev = c;
            p = next;
            continue;
        }
        if (c == '-' || c == '.' || c == ',' || c == '/' || c == ':') {
            size_t after;
            UChar32 d = next < end ? peek(text, next, end, &after) : -1;
            bool join = c == '-' ? is_word_cp(d) && !is_digit(prev) : is_digit(prev) && is_digit(d);
            if (join) {
                prev = c;
                p = next;
                continue;
            }
        }
        break;
    }
    *te = p;
    *pos = p;
    return true;
}
