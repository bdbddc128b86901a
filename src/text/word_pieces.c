// SPDX-License-Identifier: MIT
// Word-break pieces: the boundaries of ICU's word BreakIterator (UAX #29 as ICU tailors it),
// found without ICU when a span holds only ASCII and a few punctuation marks that stand alone.
// Most sentences of news are such spans, and ICU's rule machine was a quarter of the time of
// analysing text whose words are cached. tests/text/test_analyze.c compares the two on random
// text. Anything else (letters with accents, combining marks, emoji, curly apostrophes that join
// words) goes to ICU.
#include "src/text/text_internal.h"

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utf8.h>
#include <unicode/utext.h>

// Marks that are a piece of their own in every context ICU's rules know (class Other): quotes,
// dashes, the ellipsis, guillemets, no-break space, degree and superscripts.
static bool stands_alone(UChar32 c)
{
    switch (c) {
    case 0x00A0: case 0x00AB: case 0x00BB: case 0x00B0: case 0x00B2: case 0x00B3: case 0x00B9:
    case 0x2013: case 0x2014: case 0x2026: case 0x201C: case 0x201D:
        return true;
    default:
        return false;
    }
}

static bool span_is_simple(const char *text, size_t start, size_t end)
{
    for (int32_t i = (int32_t)start, n = (int32_t)end; i < n;) {
        if (!((unsigned char)text[i] & 0x80)) {
            i++;
            continue;
        }
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, n, c);
        if (!stands_alone(c))
            return false;
    }
    return true;
}

enum wb { WB_OTHER, WB_LETTER, WB_DIGIT, WB_MIDNUMLET, WB_MIDNUM, WB_EXTEND_NUMLET, WB_SPACE };

// The word-break class of an ASCII byte under ICU's rules ('@' counts as a letter there; the
// colon is not MidLetter in ICU's tailoring).
static enum wb wb_class(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@')
        return WB_LETTER;
    if (c >= '0' && c <= '9')
        return WB_DIGIT;
    switch (c) {
    case '.': case '\'':
        return WB_MIDNUMLET;
    case ',': case ';':
        return WB_MIDNUM;
    case '_':
        return WB_EXTEND_NUMLET;
    case ' ':
        return WB_SPACE;
    default:
        return WB_OTHER;
    }
}

static enum wb class_at(const struct sel_pieces *ps, size_t i)
{
    return i < ps->end && !((unsigned char)ps->text[i] & 0x80) ? wb_class((unsigned char)ps->text[i]) : WB_OTHER;
}

int sel_pieces_begin(struct sel_pieces *ps, UBreakIterator *bi, sel_ctx *ctx, const char *text, size_t start,
                     size_t end)
{
    *ps = (struct sel_pieces){ .text = text, .start = start, .end = end, .pos = start };
    if (span_is_simple(text, start, end))
        return SEL_OK;
    UErrorCode status = U_ZERO_ERROR;
    ps->ut = utext_openUTF8(NULL, text + start, (int64_t)(end - start), &status);
    ubrk_setUText(bi, ps->ut, &status);
    if (U_FAILURE(status)) {
        utext_close(ps->ut);
        ps->ut = NULL;
        return sel_error(ctx, SEL_EICU, "word iterator: %s", u_errorName(status));
    }
    ps->bi = bi;
    ps->at = ubrk_first(bi);
    return SEL_OK;
}

// One word of the simple path: letters, digits and '_' joined, with '.' or '\'' between two
// letters or two digits, and ',' or ';' between two digits (UAX #29 rules WB5 to WB13b).
static size_t scan_word(const struct sel_pieces *ps, size_t i, bool *word)
{
    bool letters_or_digits = false;
    size_t from = i;
    while (i < ps->end) {
        enum wb c = class_at(ps, i);
        if (c == WB_LETTER || c == WB_DIGIT || c == WB_EXTEND_NUMLET) {
            letters_or_digits = letters_or_digits || c != WB_EXTEND_NUMLET;
            i++;
            continue;
        }
        enum wb before = i > from ? class_at(ps, i - 1) : WB_OTHER, after = class_at(ps, i + 1);
        bool mid = (c == WB_MIDNUMLET && ((before == WB_LETTER && after == WB_LETTER) ||
                                          (before == WB_DIGIT && after == WB_DIGIT))) ||
                   (c == WB_MIDNUM && before == WB_DIGIT && after == WB_DIGIT);
        if (!mid)
            break;
        i += 2;
    }
    // ICU gives a lone '_' the status of punctuation and "__" that of a word
    *word = letters_or_digits || i - from > 1;
    return i;
}

bool sel_pieces_next(struct sel_pieces *ps, struct sel_piece *p)
{
    if (ps->bi) {
        int32_t b = ubrk_next(ps->bi);
        if (b == UBRK_DONE)
            return false;
        *p = (struct sel_piece){ ps->start + (size_t)ps->at, ps->start + (size_t)b,
                                 ubrk_getRuleStatus(ps->bi) >= UBRK_WORD_NONE_LIMIT };
        ps->at = b;
        return true;
    }
    size_t i = ps->pos;
    if (i >= ps->end)
        return false;
    enum wb c = class_at(ps, i);
    bool word = false;
    size_t j;
    if (c == WB_LETTER || c == WB_DIGIT || c == WB_EXTEND_NUMLET) {
        j = scan_word(ps, i, &word);
    } else if (c == WB_SPACE) {
        for (j = i + 1; j < ps->end && ps->text[j] == ' ';)
            j++;
    } else if (ps->text[i] == '\r' && i + 1 < ps->end && ps->text[i + 1] == '\n') {
        j = i + 2;
    } else {
        int32_t k = (int32_t)i;
        UChar32 ch;
        U8_NEXT((const uint8_t *)ps->text, k, (int32_t)ps->end, ch);
        (void)ch;
        j = (size_t)k;
    }
    *p = (struct sel_piece){ i, j, word };
    ps->pos = j;
    return true;
}

void sel_pieces_end(struct sel_pieces *ps)
{
    if (!ps->bi)
        return;
    // The iterator is the analyzer's and is reused; it must not keep pointing at this text.
    static const UChar empty[1] = { 0 };
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(ps->bi, empty, 0, &status);
    utext_close(ps->ut);
    ps->bi = NULL;
}
