// SPDX-License-Identifier: MIT
#include "src/core/core.h"

#include <criterion/criterion.h>
#include <string.h>

static long bad(const char *s, size_t len)
{
    return sel_utf8_find_invalid(s, len, false);
}

Test(core_utf8, accepts_indonesian_and_punctuation)
{
    const char *s = "Pemimpin Korea Utara “menegaskan” — 10.000 tentara… ‘kamerad’";
    cr_assert_eq(bad(s, strlen(s)), -1);
}

Test(core_utf8, accepts_four_byte_sequences)
{
    const char *s = "emoji \xF0\x9F\x87\xAE\xF0\x9F\x87\xA9 ok";
    cr_assert_eq(bad(s, strlen(s)), -1);
}

Test(core_utf8, rejects_overlong_encodings)
{
    cr_assert_eq(bad("ab\xC0\xAF", 4), 2);          // overlong '/'
    cr_assert_eq(bad("\xE0\x80\xAF", 3), 0);        // overlong 3-byte
    cr_assert_eq(bad("x\xF0\x80\x80\xAF", 5), 1);   // overlong 4-byte
}

Test(core_utf8, rejects_surrogates_and_out_of_range)
{
    cr_assert_eq(bad("\xED\xA0\x80", 3), 0);        // U+D800
    cr_assert_eq(bad("ok\xF4\x90\x80\x80", 6), 2);  // U+110000
    cr_assert_eq(bad("\xF5\x80\x80\x80", 4), 0);
}

Test(core_utf8, rejects_truncated_and_stray_bytes)
{
    cr_assert_eq(bad("abc\xE2\x80", 5), 3);         // truncated at end of input
    cr_assert_eq(bad("a\xE2\x80z", 4), 1);          // truncated mid-text
    cr_assert_eq(bad("a\x80", 2), 1);               // stray continuation byte
    cr_assert_eq(bad("Latin-1 caf\xE9!", 13), 11);  // ISO-8859-1 é
}

Test(core_utf8, nul_is_reported_only_when_not_allowed)
{
    cr_assert_eq(sel_utf8_find_invalid("a\0b", 3, false), 1);
    cr_assert_eq(sel_utf8_find_invalid("a\0b", 3, true), -1);
}

Test(core_utf8, bad_bytes_are_found_at_any_position_of_a_long_ascii_run)
{
    char buf[64];
    for (size_t at = 0; at < 40; at++) {
        memset(buf, 'a', sizeof(buf));
        buf[at] = (char)0xE9; // Latin-1 é
        cr_expect_eq(bad(buf, sizeof(buf)), (long)at, "bad byte at %zu", at);
        buf[at] = '\0';
        cr_expect_eq(bad(buf, sizeof(buf)), (long)at, "NUL at %zu", at);
        cr_expect_eq(sel_utf8_find_invalid(buf, sizeof(buf), true), -1, "NUL allowed at %zu", at);
    }
    memset(buf, 'a', sizeof(buf));
    memcpy(buf + 17, "\xE2\x80\xA6", 3); // a valid ellipsis inside the run
    cr_expect_eq(bad(buf, sizeof(buf)), -1);
}

Test(core_utf8, counts_characters_not_bytes)
{
    cr_assert_eq(sel_utf8_count("", 0), 0);
    cr_assert_eq(sel_utf8_count("TNI", 3), 3);
    const char *s = "“menegaskan” — Élysée"; // curly quotes and the dash are 3 bytes, É and é 2
    cr_assert_eq(strlen(s), 29);
    cr_assert_eq(sel_utf8_count(s, strlen(s)), 21);
    cr_assert_eq(sel_utf8_count("\xF0\x9F\x87\xAE\xF0\x9F\x87\xA9", 8), 2); // two regional indicators
    cr_assert_eq(sel_utf8_count("abc\xE2\x80\x94", 4), 4); // a prefix cut inside a character
}
