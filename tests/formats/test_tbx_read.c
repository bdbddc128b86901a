// SPDX-License-Identifier: MIT
// The TBX reader reads a term the same way whichever container holds it: a v2 <tig>, a v2 <ntig>
// (the term and its notes inside <termGrp>) or a v3 <termSec>.
#include "src/formats/formats.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static sel_glossary *read_tbx(const char *text)
{
    char path[256];
    snprintf(path, sizeof(path), "/tmp/sel_tbx_read_test_%ld.tbx", (long)getpid());
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    sel_ctx *ctx = NULL;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    sel_glossary *g = NULL;
    const struct sel_import_options opt = { .format = SEL_IMPORT_TBX };
    cr_assert_eq(sel_glossary_read(&g, ctx, path, &opt), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    sel_ctx_free(ctx);
    remove(path);
    return g;
}

static void expect_term(const struct sel_gloss_term *t, const char *text, const char *pos, const char *type,
                        const char *status)
{
    cr_assert_str_eq(t->text, text);
    cr_assert_str_eq(t->pos, pos, "%s", text);
    cr_assert_str_eq(t->type, type, "%s", text);
    cr_assert_str_eq(t->status, status, "%s", text);
}

// The same three notes, once with TBX's status values and once with plain status names (as some
// tools write them), in each of the three containers.
Test(formats_tbx_read, tig_ntig_and_termsec_read_alike)
{
    sel_glossary *g = read_tbx(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<martif type=\"TBX-Basic\" xml:lang=\"en\"><text><body>\n"
        "<termEntry id=\"c1\"><langSet xml:lang=\"id\">\n"
        "  <tig><term>pasukan perdamaian</term><termNote type=\"partOfSpeech\">noun</termNote>\n"
        "    <termNote type=\"termType\">fullForm</termNote>\n"
        "    <termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote></tig>\n"
        "  <tig><term>pasukan penjaga perdamaian</term><termNote type=\"partOfSpeech\">noun</termNote>\n"
        "    <termNote type=\"termType\">fullForm</termNote>\n"
        "    <termNote type=\"administrativeStatus\">preferred</termNote></tig>\n"
        "  <ntig><termGrp><term>pasukan garuda</term><termNote type=\"partOfSpeech\">properNoun</termNote>\n"
        "    <termNote type=\"termType\">shortForm</termNote>\n"
        "    <termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote></termGrp></ntig>\n"
        "  <ntig><termGrp><term>Kontingen Garuda</term><termNote type=\"partOfSpeech\">properNoun</termNote>\n"
        "    <termNote type=\"termType\">shortForm</termNote>\n"
        "    <termNote type=\"administrativeStatus\">preferred</termNote></termGrp></ntig>\n"
        "</langSet></termEntry>\n"
        "</body></text></martif>\n");
    cr_assert_eq(sel_glossary_count(g), 1);
    const struct sel_gloss_entry *e = sel_glossary_entry(g, 0);
    cr_assert_eq(e->n_terms, 4);
    expect_term(&e->terms[0], "pasukan perdamaian", "noun", "fullForm", "deprecated");
    expect_term(&e->terms[1], "pasukan penjaga perdamaian", "noun", "fullForm", "preferred");
    expect_term(&e->terms[2], "pasukan garuda", "properNoun", "shortForm", "deprecated");
    expect_term(&e->terms[3], "Kontingen Garuda", "properNoun", "shortForm", "preferred");
    sel_glossary_free(g);

    g = read_tbx("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n"
                 "<text><body><conceptEntry id=\"c2\"><langSec xml:lang=\"en\">\n"
                 "  <termSec><term>peacekeepers</term><termNote type=\"partOfSpeech\">noun</termNote>\n"
                 "    <termNote type=\"termType\">fullForm</termNote>\n"
                 "    <termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote></termSec>\n"
                 "  <termSec><term>blue helmets</term><termNote type=\"partOfSpeech\">noun</termNote>\n"
                 "    <termNote type=\"termType\">fullForm</termNote>\n"
                 "    <termNote type=\"administrativeStatus\">preferred</termNote></termSec>\n"
                 "</langSec></conceptEntry></body></text></tbx>\n");
    e = sel_glossary_entry(g, 0);
    cr_assert_eq(e->n_terms, 2);
    expect_term(&e->terms[0], "peacekeepers", "noun", "fullForm", "deprecated");
    expect_term(&e->terms[1], "blue helmets", "noun", "fullForm", "preferred");
    sel_glossary_free(g);
}

static sel_glossary *read_interop(const char *name, enum sel_import_format format)
{
    const char *dir = getenv("SEL_TEST_DATA");
    cr_assert_not_null(dir, "SEL_TEST_DATA is not set");
    char path[1024];
    snprintf(path, sizeof(path), "%s/interop/%s", dir, name);
    sel_ctx *ctx = NULL;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    sel_glossary *g = NULL;
    const struct sel_import_options opt = { .format = format };
    cr_assert_eq(sel_glossary_read(&g, ctx, path, &opt), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    sel_ctx_free(ctx);
    return g;
}

static void expect_str(const char *got, const char *want, const char *what)
{
    if (!want)
        cr_expect_null(got, "%s: \"%s\", expected none", what, got);
    else
        cr_expect_str_eq(got ? got : "(null)", want, "%s", what);
}

// context_source.tbx: a term's context and source directly in its tig, or in a descripGrp; a
// concept's source at entry level or in a descripGrp with its definition; context prose keeps
// its line break without the indentation. Values written out here by hand from the file.
Test(formats_tbx_read, context_and_source_at_every_level)
{
    sel_glossary *g = read_interop("context_source.tbx", SEL_IMPORT_TBX);
    cr_assert_eq(sel_glossary_count(g), 2);
    const struct sel_gloss_entry *e = sel_glossary_entry(g, 0);
    expect_str(e->cited_source, "Kamus Istilah Pertahanan, 2019", "cs1 source");
    cr_assert_eq(e->n_terms, 3);
    expect_str(e->terms[0].lang, "id-ID", "cs1 id lang");
    expect_str(e->terms[0].context, "Gencatan senjata di Gaza mulai berlaku pada Minggu pagi.", "cs1 id context");
    expect_str(e->terms[0].cited_source, "Antara, 19 Januari 2025", "cs1 id source");
    expect_str(e->terms[1].lang, "en-GB", "cs1 en lang");
    expect_str(e->terms[1].context, "The ceasefire in Gaza took effect on Sunday morning.", "cs1 en context");
    expect_str(e->terms[1].cited_source, "Reuters, 19 January 2025", "cs1 en source");
    expect_str(e->terms[2].context, NULL, "truce context");
    expect_str(e->terms[2].cited_source, NULL, "truce source");
    e = sel_glossary_entry(g, 1);
    expect_str(e->definition, "A force kept ready to act when needed.", "cs2 definition");
    expect_str(e->cited_source, "our own wording", "cs2 source");
    expect_str(e->terms[0].context, "Pasukan siaga dikerahkan ke\nperbatasan.", "cs2 context");
    cr_expect_eq(sel_glossary_report(g)->not_stored, 0);
    sel_glossary_free(g);

    g = read_interop("context_source_dct.tbx", SEL_IMPORT_TBX);
    cr_assert_eq(sel_glossary_count(g), 1);
    e = sel_glossary_entry(g, 0);
    expect_str(e->cited_source, "Glosarium Pemilu, KPU", "cd1 source");
    expect_str(e->terms[0].context, "Pemungutan suara dimulai pukul tujuh pagi.", "cd1 context");
    expect_str(e->terms[0].cited_source, "Kompas", "cd1 term source");
    sel_glossary_free(g);

    // CSV: the context column is the first source term's, cited_source the concept's
    g = read_interop("context_source.csv", SEL_IMPORT_CSV);
    cr_assert_eq(sel_glossary_count(g), 2);
    e = sel_glossary_entry(g, 0);
    expect_str(e->terms[0].text, "pangkalan udara", "cc1 head");
    expect_str(e->terms[0].context, "Pesawat itu mendarat di pangkalan udara Halim.", "cc1 context");
    expect_str(e->terms[1].context, NULL, "cc1 target context");
    expect_str(e->cited_source, "Kamus Istilah Pertahanan", "cc1 source");
    e = sel_glossary_entry(g, 1);
    expect_str(e->terms[0].context, NULL, "cc2 context");
    expect_str(e->cited_source, NULL, "cc2 source");
    sel_glossary_free(g);
}
