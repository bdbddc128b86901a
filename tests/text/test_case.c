// SPDX-License-Identifier: MIT
#include "src/text/text.h"

#include <criterion/criterion.h>
#include <string.h>

static const char *lower(const char *s)
{
    static char out[256];
    cr_assert(sel_text_lowercase(s, out, sizeof(out)), "%s", s);
    return out;
}

Test(text_case, lowercases_ascii_and_beyond)
{
    cr_assert_str_eq(lower("Kementerian Pertahanan"), "kementerian pertahanan");
    cr_assert_str_eq(lower("KEMHAN"), "kemhan");
    cr_assert_str_eq(lower("ÉLYSÉE"), "élysée");
    cr_assert_str_eq(lower("ΑΘΗΝΑ"), "αθηνα");
    cr_assert_str_eq(lower("ŁÓDŹ"), "łódź");
    cr_assert_str_eq(lower("already lower 123"), "already lower 123");
    cr_assert_str_eq(lower(""), "");
}

Test(text_case, uses_the_root_locale_not_turkish)
{
    // "I" is "i" (not dotless ı); "İ" becomes i plus a combining dot above, one byte longer.
    cr_assert_str_eq(lower("ISTANBUL"), "istanbul");
    cr_assert_str_eq(lower("İstanbul"), "i\xCC\x87stanbul");
}

Test(text_case, a_long_word_is_lowercased_too)
{
    char in[400], out[800], want[400];
    size_t n = 0;
    while (n + 2 < 300) { // 150 "Ä" (2 bytes each): beyond the stack buffer
        memcpy(in + n, "\xC3\x84", 2);
        memcpy(want + n, "\xC3\xA4", 2);
        n += 2;
    }
    in[n] = want[n] = '\0';
    cr_assert(sel_text_lowercase(in, out, sizeof(out)));
    cr_assert_str_eq(out, want);
}

Test(text_case, what_cannot_be_lowercased_is_copied)
{
    char out[8];
    cr_assert_not(sel_text_lowercase("bad \xC3 utf8", out, sizeof(out))); // cut to fit
    cr_assert_str_eq(out, "bad \xC3 u");
    cr_assert_not(sel_text_lowercase("PANGLIMA", out, sizeof(out))); // 8 bytes and a NUL: too long
    cr_assert_str_eq(out, "PANGLIM");
    cr_assert_not(sel_text_lowercase("ÉÉÉÉ", out, sizeof(out)));
    cr_assert(sel_text_lowercase("Éé", out, sizeof(out)));
    cr_assert_str_eq(out, "éé");
}
