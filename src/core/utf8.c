// SPDX-License-Identifier: MIT
// Strict UTF-8 validation (RFC 3629, the same table as Unicode 15 §3.9, Table 3-7).
#include "src/core/core.h"

#include <stdint.h>
#include <string.h>

long sel_utf8_find_invalid(const char *text, size_t len, bool allow_nul)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        // Most text is ASCII: skip eight bytes at a time when none has the high bit set and none
        // is NUL (the has-zero-byte trick), then look at bytes one by one.
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if ((w & 0x8080808080808080ULL) || (!allow_nul && ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL)))
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == 0 && !allow_nul)
                return (long)i;
            i++;
            continue;
        }
        size_t need;
        unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0; // overlong below U+0800
            else if (c == 0xED)
                hi = 0x9F; // UTF-16 surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90; // overlong below U+10000
            else if (c == 0xF4)
                hi = 0x8F; // above U+10FFFF
        } else {
            return (long)i; // stray continuation byte, C0/C1 overlong lead, or F5..FF
        }
        if (i + need >= len)
            return (long)i; // truncated at the end of the input
        if (s[i + 1] < lo || s[i + 1] > hi)
            return (long)i;
        for (size_t k = 2; k <= need; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return (long)i;
        i += need + 1;
    }
    return -1;
}

size_t sel_utf8_count(const char *text, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80; // every byte but a continuation byte
    return n;
}
