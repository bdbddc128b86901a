// SPDX-License-Identifier: MIT
// The check engine on translation units written for each kind of finding: what a correct
// translation must pass (the number conventions among them) and what each error gives.
#include "src/check/check.h"

#include <criterion/criterion.h>
#include <string.h>

static sel_ctx *ctx;
static sel_checker *ck;

static void setup(void)
{
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    cr_assert_eq(sel_checker_new(&ck, ctx, NULL), SEL_OK, "%s", sel_ctx_errmsg(ctx));
}

static void teardown(void)
{
    sel_checker_free(ck);
    sel_ctx_free(ctx);
}

TestSuite(check, .init = setup, .fini = teardown, .timeout = 120);

// Checks one unit; returns the report (finish it).
static struct sel_check_report one(const char *src, const char *tgt)
{
    struct sel_segment_pair p = { src, tgt };
    struct sel_check_report r;
    cr_assert_eq(sel_check_pairs(ck, ctx, "units", &p, 1, &r), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    return r;
}

static void expect_none(const char *src, const char *tgt)
{
    struct sel_check_report r = one(src, tgt);
    for (size_t i = 0; i < r.n_findings; i++)
        cr_expect_fail("%s / %s: unexpected %s (%s, found %s)", src, tgt, sel_check_kind_name(r.findings[i].kind),
                       r.findings[i].expected ? r.findings[i].expected : "-",
                       r.findings[i].found ? r.findings[i].found : "-");
    sel_check_report_finish(&r);
}

static void expect_one(const char *src, const char *tgt, enum sel_check_kind kind, const char *expected,
                       const char *found)
{
    struct sel_check_report r = one(src, tgt);
    cr_expect_eq(r.n_findings, 1, "%s / %s: %zu findings, the first %s %s", src, tgt, r.n_findings,
                 r.n_findings ? sel_check_kind_name(r.findings[0].kind) : "", r.n_findings ? r.findings[0].expected : "");
    if (r.n_findings >= 1) {
        const struct sel_finding *f = &r.findings[0];
        cr_expect_eq(f->kind, kind, "%s: %s", tgt, sel_check_kind_name(f->kind));
        if (expected)
            cr_expect_str_eq(f->expected ? f->expected : "", expected);
        if (found)
            cr_expect_str_eq(f->found ? f->found : "", found);
    }
    sel_check_report_finish(&r);
}

Test(check, numbers_in_each_language_convention)
{
    expect_none("Sebanyak 10.000 pengungsi tiba di perbatasan.", "As many as 10,000 refugees arrived at the border.");
    expect_none("Pasukan tiba di Lebanon pada Jumat (15/8).", "The troops arrived in Lebanon on Friday, Aug. 15.");
    expect_none("Anggaran itu mencapai Rp5 triliun.", "The budget reached 5 trillion rupiah.");
    expect_none("Angka itu naik 4,5 persen menjadi 1,2 juta orang.",
                "The figure rose 4.5 percent to 1.2 million people.");
    expect_none("Rudal diluncurkan pukul 07.10 WIB.", "The missile was launched at 07:10 WIB.");
    expect_none("Kontingen ke-77 itu berangkat pada 15 Agustus 2025.",
                "The 77th contingent left on 15 August 2025.");
    expect_none("Sebanyak 45 di antaranya perempuan.", "Forty-five of them are women.");
}

Test(check, numbers_that_differ)
{
    expect_one("Sebanyak 10.000 pengungsi tiba di perbatasan.", "As many as 10.000 refugees arrived at the border.",
               SEL_CHECK_NUMBER, "10.000", "10.000");
    expect_one("Pasukan tiba di Lebanon pada Jumat (15/8).", "The troops arrived in Lebanon on Friday, Aug. 18.",
               SEL_CHECK_NUMBER, "15/8", "Aug. 18");
    expect_one("Anggaran itu mencapai Rp5 triliun.", "The budget reached 6 trillion rupiah.", SEL_CHECK_NUMBER,
               "5 triliun", "6 trillion");
}

Test(check, codes_are_not_numbers)
{
    expect_none("Pilot jet tempur F-16 itu mendarat.", "The F-16 fighter pilot landed.");
}

Test(check, missing_term_in_any_inflection)
{
    expect_none("Dewan Keamanan PBB menuntut gencatan senjata.", "The UN Security Council demanded ceasefires.");
    expect_one("Dewan Keamanan PBB menuntut gencatan senjata.", "The UN Security Council demanded a pause.",
               SEL_CHECK_MISSING_TERM, NULL, NULL);
}

// Checks the units of one document, a line each side; returns the report (finish it).
static struct sel_check_report doc(const char *const *src, const char *const *tgt, size_t n)
{
    struct sel_segment_pair p[4];
    for (size_t i = 0; i < n; i++)
        p[i] = (struct sel_segment_pair){ src[i], tgt[i] };
    struct sel_check_report r;
    cr_assert_eq(sel_check_pairs(ck, ctx, "units", p, n, &r), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    return r;
}

Test(check, verb_phrase_rendered_around_its_noun)
{
    // "mencapai kesepakatan" is listed as "reach an agreement"; a translator strikes a deal
    expect_none("Delegasi Israel dan Hamas gagal mencapai kesepakatan di Kairo.",
                "The Israeli and Hamas delegations failed to strike a deal in Cairo.");
    // without the noun, the noun is what is missing
    expect_one("Delegasi Israel dan Hamas gagal mencapai kesepakatan di Kairo.",
               "The Israeli and Hamas delegations failed to find common ground in Cairo.", SEL_CHECK_MISSING_TERM,
               "agreement | deal | accord", NULL);
}

Test(check, derived_english_forms)
{
    expect_none("Pengawasan DPR atas anggaran pertahanan lemah.",
                "Parliamentary oversight of the defence budget is weak.");
    expect_none("UEA telah menjadi mediasi pertukaran itu.", "The UAE mediated the exchange.");
}

Test(check, subject_referred_back_by_a_pronoun)
{
    const char *src[] = { "Kemlu memanggil duta besar China.", "Kemlu juga melayangkan nota protes." };
    const char *it[] = { "The Foreign Ministry summoned the Chinese ambassador.", "It also lodged a protest note." };
    const char *its[] = { "The Foreign Ministry summoned the Chinese ambassador.",
                          "Its officials also lodged a protest note." };
    struct sel_check_report r = doc(src, it, 2);
    cr_expect_eq(r.n_findings, 0, "It for the subject: %zu findings", r.n_findings);
    sel_check_report_finish(&r);
    // "Its" would be the subject's owner, not the subject
    r = doc(src, its, 2);
    cr_expect_eq(r.n_findings, 1);
    cr_expect_eq(r.n_findings ? r.findings[0].kind : SEL_CHECK_KINDS, SEL_CHECK_MISSING_TERM);
    sel_check_report_finish(&r);
}

Test(check, a_gloss_is_not_another_rendering)
{
    const char *src[] = { "Indonesia membeli alat utama sistem persenjataan (alutsista) baru.",
                          "Pengadaan alutsista itu tertunda.", "Komisi I mengawasi pengadaan alutsista." };
    const char *glossed[] = { "Indonesia bought new main weapons systems (alutsista).",
                              "The arms procurement was delayed.", "Commission I oversees arms procurement." };
    const char *plain[] = { "Indonesia bought new main weapons systems.", "The arms procurement was delayed.",
                            "Commission I oversees arms procurement." };
    struct sel_check_report r = doc(src, glossed, 3);
    cr_expect_eq(r.n_findings, 0, "glossed: %zu findings", r.n_findings);
    sel_check_report_finish(&r);
    const char *plain_src[] = { "Indonesia membeli alat utama sistem persenjataan baru.", src[1], src[2] };
    r = doc(plain_src, plain, 3);
    cr_expect_eq(r.n_findings, 1);
    cr_expect_eq(r.n_findings ? r.findings[0].kind : SEL_CHECK_KINDS, SEL_CHECK_INCONSISTENT);
    sel_check_report_finish(&r);
}

Test(check, deprecated_term)
{
    expect_one("Pertempuran itu menelan banyak korban.", "The fighting caused many casualities.",
               SEL_CHECK_DEPRECATED_TERM, NULL, "casualities");
}

Test(check, untranslated_sentence)
{
    expect_one("Kontingen itu terdiri atas 850 prajurit TNI dan 30 polisi.",
               "Kontingen itu terdiri atas 850 prajurit TNI dan 30 polisi.", SEL_CHECK_UNTRANSLATED, NULL, NULL);
}

Test(check, bad_units_are_refused)
{
    struct sel_segment_pair p = { "Satu.", "One\ntwo." };
    struct sel_check_report r;
    cr_expect_eq(sel_check_pairs(ck, ctx, "units", &p, 1, &r), SEL_EPARSE);
    cr_expect_eq(r.n_findings, 0);
}

Test(check, kind_names_round_trip)
{
    for (int k = 0; k < SEL_CHECK_KINDS; k++)
        cr_expect_eq(sel_check_kind_from_name(sel_check_kind_name((enum sel_check_kind)k)), k);
    cr_expect_eq(sel_check_kind_from_name("typo"), -1);
}
