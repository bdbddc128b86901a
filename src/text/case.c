// SPDX-License-Identifier: MIT
// Lowercasing for comparison: the one place that asks ICU, so that term keys, lookup keys and
// the analyzer's dictionary forms can never be lowercased in different ways.
#include "src/text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <unicode/ustring.h>

// Most words fit on the stack; a longer one is converted on the heap.
enum { STACK_UNITS = 256 };

static bool copy_unchanged(const char *s, char *out, size_t size)
{
    snprintf(out, size, "%s", s);
    return false;
}

bool sel_text_lowercase(const char *s, char *out, size_t size)
{
    if (!size)
        return false;
    size_t len = 0;
    bool ascii = true;
    for (; s[len]; len++)
        ascii = ascii && (unsigned char)s[len] < 0x80;
    if (ascii) { // most words, and ICU's root lowercasing of ASCII is exactly this
        if (len >= size)
            return copy_unchanged(s, out, size);
        for (size_t i = 0; i <= len; i++)
            out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') : s[i]);
        return true;
    }
    if (len > INT32_MAX / 2)
        return copy_unchanged(s, out, size);
    UChar stack_u[STACK_UNITS], stack_l[STACK_UNITS];
    UChar *u = stack_u, *l = stack_l, *heap = NULL;
    // UTF-8 never needs more UTF-16 units than bytes; lowercasing can lengthen a string (U+0130
    // becomes i and a combining dot), but by at most three units for each one.
    int32_t cap = STACK_UNITS;
    if (len + 1 > STACK_UNITS / 3) {
        cap = (int32_t)(len * 3 + 1);
        heap = malloc(2 * (size_t)cap * sizeof(UChar));
        if (!heap)
            return copy_unchanged(s, out, size);
        u = heap;
        l = heap + cap;
    }
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = 0, m = 0;
    u_strFromUTF8(u, cap, &n, s, (int32_t)len, &status);
    if (U_SUCCESS(status))
        m = u_strToLower(l, cap, u, n, "", &status); // "": root locale, no Turkish dotless i
    int32_t written = 0;
    if (U_SUCCESS(status))
        u_strToUTF8(out, (int32_t)(size > INT32_MAX ? INT32_MAX : size), &written, l, m, &status);
    free(heap);
    // a result that fills the buffer exactly has no room for the NUL (ICU then warns, not fails)
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING || (size_t)written >= size)
        return copy_unchanged(s, out, size);
    return true;
}
