// SPDX-License-Identifier: MIT
// Loanword cognates (src/discover/cognate.c): pairs written by hand from the field's vocabulary,
// Indonesian lemma first, that must be one loanword, and pairs that must not.
#include "src/discover/discover_internal.h"

#include <criterion/criterion.h>

static const char *const alike[][2] = {
    { "konvoi", "convoy" },        { "patroli", "patrol" },         { "satelit", "satellite" },
    { "legitimasi", "legitimacy" }, { "koalisi", "coalition" },     { "otoritas", "authority" },
    { "operasi", "operation" },    { "demokrasi", "democracy" },    { "diplomasi", "diplomacy" },
    { "ofensif", "offensive" },    { "politik", "politics" },       { "politis", "political" },
    { "teroris", "terrorist" },    { "militer", "military" },       { "konflik", "conflict" },
    { "presiden", "president" },   { "insiden", "incident" },       { "polisi", "police" },
    { "provinsi", "province" },    { "nasional", "national" },      { "internasional", "international" },
    { "organisasi", "organization" }, { "teknologi", "technology" }, { "komisi", "commission" },
    { "stabilitas", "stability" }, { "kapasitas", "capacity" },     { "infrastruktur", "infrastructure" },
    { "sektor", "sector" },        { "kompleks", "complex" },       { "blokade", "blockade" },
    { "agresi", "aggression" },    { "korupsi", "corruption" },     { "uranium", "uranium" },
};

static const char *const apart[][2] = {
    // false friends the rules alone would join
    { "polisi", "policy" },
    // words of one root but not one meaning, or not one word at all
    { "politik", "police" },       { "militer", "militant" },       { "operasi", "opera" },
    { "kontrol", "contract" },     { "senjata", "sentence" },       { "tentara", "tender" },
    { "pasukan", "passage" },      { "serangan", "strange" },       { "presiden", "precedent" },
    { "nasional", "rational" },    { "teroris", "tourist" },        { "demokrasi", "democrat" },
    // too short to tell: `bom` and `bomb` are one word, but so many short words look alike
    { "bom", "bomb" },             { "pers", "press" },             { "tank", "tank" },
    // a capital or a letter beyond ASCII is a name's or foreign spelling, left to the name anchors
    { "Konvoi", "convoy" },        { "kafé", "cafe" },
};

Test(cognate, alike)
{
    for (size_t i = 0; i < sizeof(alike) / sizeof(*alike); i++)
        cr_expect(cognates(alike[i][0], alike[i][1]), "%s and %s should be one loanword", alike[i][0], alike[i][1]);
}

Test(cognate, apart)
{
    for (size_t i = 0; i < sizeof(apart) / sizeof(*apart); i++)
        cr_expect(!cognates(apart[i][0], apart[i][1]), "%s and %s should not match", apart[i][0], apart[i][1]);
}

Test(cognate, skeleton)
{
    char out[2 * COGNATE_MAX + 1];
    cr_assert(cognate_skeleton("authority", true, out, sizeof(out)));
    cr_expect_str_eq(out, "otoritas");
    cr_assert(cognate_skeleton("konvoi", false, out, sizeof(out)));
    cr_expect_str_eq(out, "konvo");
    // too short, or a word with a digit
    cr_expect(!cognate_skeleton("bomb", true, out, sizeof(out)));
    cr_expect(!cognate_skeleton("g20summit", true, out, sizeof(out)));
}
