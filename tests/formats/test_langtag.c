// SPDX-License-Identifier: MIT
// The one language-tag normaliser: tags as other tools write them, and what must be refused.
#include "src/formats/formats.h"

#include <criterion/criterion.h>

static void expect(const char *tag, const char *full, const char *primary)
{
    char out[64], p[SEL_LANG_PRIMARY_MAX];
    cr_assert_eq(sel_lang_normalise(tag, out, sizeof(out), p), SEL_OK, "%s", tag);
    cr_expect_str_eq(out, full, "%s", tag);
    cr_expect_str_eq(p, primary, "%s", tag);
}

static void refused(const char *tag)
{
    char out[64] = "x", p[SEL_LANG_PRIMARY_MAX] = "x";
    cr_expect_eq(sel_lang_normalise(tag, out, sizeof(out), p), SEL_EPARSE, "%s", tag ? tag : "(null)");
    cr_expect_str_eq(out, "", "%s", tag ? tag : "(null)");
    cr_expect_str_eq(p, "", "%s", tag ? tag : "(null)");
}

Test(langtag, indonesian_as_tools_write_it)
{
    expect("id", "id", "id");
    expect("ID", "id", "id");
    expect("id-ID", "id-ID", "id");
    expect("id_ID", "id-ID", "id");
    expect("ID_id", "id-ID", "id");
    expect("in", "id", "id");       // ISO 639 withdrew "in" in 1989; Java still writes it
    expect("in-ID", "id-ID", "id");
    expect(" en-us ", "en-US", "en");
}

Test(langtag, script_region_variant_extension)
{
    expect("zh_hant_tw", "zh-Hant-TW", "zh");
    expect("sr-latn", "sr-Latn", "sr");
    expect("es-419", "es-419", "es");
    expect("de-DE-1996", "de-DE-1996", "de");
    expect("en-US-x-TWAIN", "en-US-x-twain", "en"); // after a singleton nothing is a region
    expect("iw", "he", "he");
}

Test(langtag, not_language_tags)
{
    refused(NULL);
    refused("");
    refused("x");
    refused("indonesian!");
    refused("abcdefghi");
    refused("en--US");
    refused("en-");
    refused("1d");
    refused("en-toolongsubtag");
}

// Terms are stored under their full tag and matched by the primary subtag.
Test(langtag, matching_compares_primary_subtags)
{
    cr_expect(sel_lang_matches("id-ID", "id"));
    cr_expect(sel_lang_matches("id", "id"));
    cr_expect(sel_lang_matches("in", "id"));
    cr_expect(sel_lang_matches("en-GB", "en-US"));
    cr_expect(sel_lang_matches("zh-Hant-TW", "ZH"));
    cr_expect(!sel_lang_matches("ind", "id")); // ISO 639-2 "ind" is a tag of its own
    cr_expect(!sel_lang_matches("es", "en"));
    cr_expect(!sel_lang_matches("indonesian!", "id"));
    cr_expect(!sel_lang_matches(NULL, "id"));
    cr_expect(!sel_lang_matches("", ""));
}
