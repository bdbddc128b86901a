// SPDX-License-Identifier: MIT
// The one order of equivalents (lexicon/equivalents.c): the user's evidence first, status breaking
// ties and ranking unseen equivalents, deprecated terms last whatever the evidence; and how a
// deprecated term is explained. The termbase is written here by hand.
#include "lexicon/lexicon.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static sel_ctx *ctx;
static sel_termbase *tb;
static char path[] = "/tmp/sel-equivalents-XXXXXX";

static const char terms[] =
    "subject: conflict\n"
    "languages: id en\n"
    "\n"
    "concept: cf.liberate\n"
    "id: membebaskan [verb]\n"
    "id: membebaskn [verb, variant, deprecated]\n"
    "en: liberate [verb]\n"
    "en: free [verb, admitted]\n"
    "en: release [verb, admitted]\n"
    "en: set loose [verb, deprecated]\n"
    "\n"
    "concept: cf.troops\n"
    "note: Tantera is a regional spelling some papers keep.\n"
    "id: pasukan\n"
    "id: tentara [admitted]\n"
    "id: tantera [variant, deprecated]\n"
    "id: serdadu [admitted]\n"
    "en: troops\n"
    "\n"
    "concept: geo.israel\n"
    "id: Israel [properNoun]\n"
    "en: Israel [properNoun]\n"
    "en: Israeli [adjective, admitted]\n"
    "\n"
    "concept: geo.united-states\n"
    "id: Amerika Serikat [properNoun]\n"
    "en: US [properNoun, acronym, case]\n"
    "en: American [adjective, admitted]\n";

static void setup(void)
{
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, terms, sizeof(terms) - 1), (ssize_t)(sizeof(terms) - 1));
    close(fd);
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    cr_assert_eq(sel_termbase_new(&tb), SEL_OK);
    cr_assert_eq(sel_termbase_read_file(tb, ctx, path, NULL, NULL), SEL_OK, "%s", sel_ctx_errmsg(ctx));
}

static void teardown(void)
{
    sel_termbase_free(tb);
    sel_ctx_free(ctx);
    unlink(path);
}

TestSuite(equivalents, .init = setup, .fini = teardown);

// The English terms of concept @p i joined with ", " in the order for @p ev.
static void joined(size_t i, const sel_evidence *ev, char *buf, size_t size)
{
    sel_concept_equivalents_join(sel_termbase_concept(tb, i), "en", ev, ", ", buf, size);
}

Test(equivalents, without_evidence_the_bundled_order)
{
    char buf[256];
    joined(0, NULL, buf, sizeof(buf));
    cr_expect_str_eq(buf, "liberate, free, release, set loose");
    sel_evidence *ev;
    cr_assert_eq(sel_evidence_new(&ev), SEL_OK);
    joined(0, ev, buf, sizeof(buf));
    cr_expect_str_eq(buf, "liberate, free, release, set loose", "empty evidence changes nothing");
    sel_evidence_free(ev);
}

Test(equivalents, evidence_decides_status_breaks_ties)
{
    sel_evidence *ev;
    cr_assert_eq(sel_evidence_new(&ev), SEL_OK);
    // translations said "release" 5 times and "free" 5 times (in two batches), "liberate" never
    cr_assert_eq(sel_evidence_add(ev, "cf.liberate", "release", 5), SEL_OK);
    cr_assert_eq(sel_evidence_add(ev, "cf.liberate", "free", 2), SEL_OK);
    cr_assert_eq(sel_evidence_add(ev, "cf.liberate", "free", 3), SEL_OK);
    cr_assert_eq(sel_evidence_add(ev, "cf.troops", "release", 9), SEL_OK); // another concept's evidence
    cr_expect_eq(sel_evidence_count(ev, "cf.liberate", "free"), 5);
    cr_expect_eq(sel_evidence_count(ev, "cf.liberate", "liberate"), 0);
    cr_expect_eq(sel_evidence_size(ev), 3);
    char buf[256];
    joined(0, ev, buf, sizeof(buf));
    // free and release tie at 5: both admitted, so the termbase's order; liberate, unseen, next
    cr_expect_str_eq(buf, "free, release, liberate, set loose");
    cr_assert_eq(sel_evidence_add(ev, "cf.liberate", "release", 1), SEL_OK);
    joined(0, ev, buf, sizeof(buf));
    cr_expect_str_eq(buf, "release, free, liberate, set loose");
    // a deprecated equivalent stays last however often it was seen
    cr_assert_eq(sel_evidence_add(ev, "cf.liberate", "set loose", 50), SEL_OK);
    struct sel_equivalent eq[8];
    size_t n = sel_concept_equivalents(sel_termbase_concept(tb, 0), "en", ev, eq, 8);
    cr_assert_eq(n, 4);
    const struct sel_concept *c = sel_termbase_concept(tb, 0);
    cr_expect_str_eq(c->terms[eq[3].index].text, "set loose");
    cr_expect_eq(eq[3].confirmed, 50);
    cr_expect_eq(eq[0].confirmed, 6);
    sel_evidence_free(ev);
}

// The equivalents of an occurrence of concept @p i, standing as a modifier or not, joined with ", ".
static void joined_at(size_t i, bool attributive, const sel_evidence *ev, char *buf, size_t size)
{
    const struct sel_concept *c = sel_termbase_concept(tb, i);
    struct sel_term_match m = { .concept = c, .term = &c->terms[0], .attributive = attributive };
    sel_match_equivalents_join(&m, "en", ev, ", ", buf, size);
}

Test(equivalents, a_name_as_modifier_gives_its_adjective_first)
{
    char buf[256];
    joined_at(2, false, NULL, buf, sizeof(buf));
    cr_expect_str_eq(buf, "Israel, Israeli", "di Israel: the name");
    joined_at(2, true, NULL, buf, sizeof(buf));
    cr_expect_str_eq(buf, "Israeli, Israel", "pasukan Israel: the adjective");
    joined_at(3, true, NULL, buf, sizeof(buf));
    cr_expect_str_eq(buf, "US, American", "an acronym is a modifier as it stands (US forces)");
    joined_at(0, true, NULL, buf, sizeof(buf));
    cr_expect_str_eq(buf, "liberate, free, release, set loose", "no name, no adjective: the concept's order");
    sel_evidence *ev;
    cr_assert_eq(sel_evidence_new(&ev), SEL_OK);
    // the user's translations wrote "Israel" twice and "Israeli" never: the evidence decides
    cr_assert_eq(sel_evidence_add(ev, "geo.israel", "Israel", 2), SEL_OK);
    joined_at(2, true, ev, buf, sizeof(buf));
    cr_expect_str_eq(buf, "Israel, Israeli");
    // as often as each other: the position decides again
    cr_assert_eq(sel_evidence_add(ev, "geo.israel", "Israeli", 2), SEL_OK);
    joined_at(2, true, ev, buf, sizeof(buf));
    cr_expect_str_eq(buf, "Israeli, Israel");
    joined_at(2, false, ev, buf, sizeof(buf));
    cr_expect_str_eq(buf, "Israel, Israeli", "a tie elsewhere: status, the name preferred");
    // more often the adjective: first everywhere, as the evidence says
    cr_assert_eq(sel_evidence_add(ev, "geo.israel", "Israeli", 1), SEL_OK);
    joined_at(2, false, ev, buf, sizeof(buf));
    cr_expect_str_eq(buf, "Israeli, Israel");
    sel_evidence_free(ev);
}

Test(equivalents, deprecated_terms_explained)
{
    const struct sel_concept *lib = sel_termbase_concept(tb, 0), *troops = sel_termbase_concept(tb, 1);
    // membebaskn is one edit from membebaskan: a misspelling
    const struct sel_term *right = sel_concept_misspelt(lib, &lib->terms[1]);
    cr_assert_not_null(right);
    cr_expect_str_eq(right->text, "membebaskan");
    // a term that is not deprecated is nobody's misspelling
    cr_expect_null(sel_concept_misspelt(lib, &lib->terms[0]));
    // tantera is one edit from tentara, but the note speaks of it: avoided for its own reason
    cr_expect_null(sel_concept_misspelt(troops, &troops->terms[2]));
    cr_expect_str_eq(sel_concept_preferred(troops, "id")->text, "pasukan");
    cr_expect_str_eq(sel_concept_preferred(lib, "en")->text, "liberate");
}
