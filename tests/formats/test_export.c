// SPDX-License-Identifier: MIT
// The export module through its API: field escaping, the TBX round trip through the library
// (termbase -> TBX -> glossary -> TBX, and through a fresh database), the safe XML reader.
#include "src/formats/formats.h"
#include "src/formats/formats_internal.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *data_path(const char *rel)
{
    static char buf[1024];
    const char *dir = getenv("SEL_TEST_DATA");
    cr_assert_not_null(dir, "SEL_TEST_DATA is not set");
    snprintf(buf, sizeof(buf), "%s/export/%s", dir, rel);
    return buf;
}

// Writes @p g in @p fmt to a new string (free it).
static char *write_string(const sel_glossary *g, enum sel_gloss_format fmt)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert_not_null(f);
    sel_ctx *ctx = NULL;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    struct sel_gloss_options opt = { .source = SEL_SOURCE_LEXICON };
    int rc = sel_glossary_write(g, ctx, fmt, &opt, f);
    cr_assert_eq(rc, SEL_OK, "%s", sel_ctx_errmsg(ctx));
    fclose(f);
    sel_ctx_free(ctx);
    return text;
}

static char *write_temp(const char *text, const char *suffix)
{
    static char path[256];
    snprintf(path, sizeof(path), "/tmp/sel_export_test_%ld%s", (long)getpid(), suffix);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

Test(export_delimited, csv_fields_quoted_only_when_needed)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    const char *fields[] = { "plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "", "Ελλάδα & <x>" };
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        csv_put_field(f, fields[i]);
        fputc('|', f);
    }
    fclose(f);
    cr_assert_str_eq(text, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\"cr\rhere\"||Ελλάδα & <x>|");
    free(text);
}

Test(export_delimited, tsv_fields_lose_tabs_and_line_ends)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    tsv_put_field(f, "a\tb\nc\r\nd");
    fclose(f);
    cr_assert_str_eq(text, "a b c  d");
    free(text);
}

// The hand-written expectation for the first entry of special.terms in TBX v2.
static const char expected_entry[] =
    "      <termEntry id=\"sec.test-special\">\n"
    "        <descrip type=\"subjectField\">security</descrip>\n"
    "        <descrip type=\"definition\">Definition with &amp; and &lt;angle brackets&gt; and &quot;quotes&quot;, commas; "
    "Ελληνικά 北京.</descrip>\n"
    "        <note>A note with 'single' &amp; &quot;double&quot; quotes.</note>\n"
    "        <langSet xml:lang=\"id\">\n"
    "          <tig>\n"
    "            <term>kata &amp; &lt;khusus&gt;</term>\n"
    "            <termNote type=\"partOfSpeech\">noun</termNote>\n"
    "            <termNote type=\"termType\">fullForm</termNote>\n"
    "            <termNote type=\"administrativeStatus\">preferredTerm-admn-sts</termNote>\n"
    "          </tig>\n"
    "          <tig>\n"
    "            <term>Ελλάδα</term>\n"
    "            <termNote type=\"partOfSpeech\">properNoun</termNote>\n"
    "            <termNote type=\"termType\">fullForm</termNote>\n"
    "            <termNote type=\"administrativeStatus\">admittedTerm-admn-sts</termNote>\n"
    "          </tig>\n"
    "        </langSet>\n";

Test(export_tbx, round_trip_through_the_library_and_a_database)
{
    sel_ctx *ctx = NULL;
    sel_termbase *tb = NULL;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    cr_assert_eq(sel_termbase_new(&tb), SEL_OK);
    cr_assert_eq(sel_termbase_read_file(tb, ctx, data_path("special.terms"), NULL, NULL), SEL_OK, "%s",
                 sel_ctx_errmsg(ctx));
    struct sel_gloss_options opt = { .source = SEL_SOURCE_LEXICON };
    static const enum sel_gloss_format formats[] = { SEL_GLOSS_TBX, SEL_GLOSS_TBX3 };
    for (size_t f = 0; f < 2; f++) {
        sel_glossary *g = NULL;
        cr_assert_eq(sel_glossary_build(&g, ctx, tb, NULL, &opt), SEL_OK, "%s", sel_ctx_errmsg(ctx));
        cr_assert_eq(sel_glossary_count(g), 2);
        char *first = write_string(g, formats[f]);
        if (formats[f] == SEL_GLOSS_TBX)
            cr_assert_not_null(strstr(first, expected_entry), "TBX v2 entry differs:\n%s", first);

        // TBX -> glossary -> TBX
        sel_glossary *back = NULL;
        struct sel_import_options iopt = { .format = SEL_IMPORT_TBX };
        char *path = write_temp(first, ".tbx");
        cr_assert_eq(sel_glossary_read(&back, ctx, path, &iopt), SEL_OK, "%s", sel_ctx_errmsg(ctx));
        char *second = write_string(back, formats[f]);
        cr_assert_str_eq(second, first);

        // glossary -> fresh database -> glossary (no termbase) -> TBX
        char db[300];
        snprintf(db, sizeof(db), "%s.db", path);
        sel_store *st = NULL;
        cr_assert_eq(sel_store_open(&st, ctx, db, true), SEL_OK, "%s", sel_ctx_errmsg(ctx));
        cr_assert_eq(sel_store_begin(st, ctx), SEL_OK);
        cr_assert_eq(sel_glossary_store(back, ctx, st, path, false), SEL_OK, "%s", sel_ctx_errmsg(ctx));
        cr_assert_eq(sel_store_commit(st, ctx), SEL_OK);
        sel_glossary *stored = NULL;
        cr_assert_eq(sel_glossary_build(&stored, ctx, NULL, st, &opt), SEL_OK, "%s", sel_ctx_errmsg(ctx));
        char *third = write_string(stored, formats[f]);
        cr_assert_str_eq(third, first);
        cr_assert(sel_glossary_entry(stored, 0)->user);

        sel_store_close(st);
        unlink(db);
        char wal[320];
        snprintf(wal, sizeof(wal), "%s-wal", db);
        unlink(wal);
        snprintf(wal, sizeof(wal), "%s-shm", db);
        unlink(wal);
        unlink(path);
        free(first);
        free(second);
        free(third);
        sel_glossary_free(stored);
        sel_glossary_free(back);
        sel_glossary_free(g);
    }
    sel_termbase_free(tb);
    sel_ctx_free(ctx);
}

Test(export_tbx, control_characters_become_replacement_characters)
{
    sel_glossary *g = NULL;
    sel_ctx *ctx = NULL;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    cr_assert_eq(sel_glossary_new(&g), SEL_OK);
    size_t at;
    cr_assert_eq(gloss_add_entry(g, ctx, "9 not an id", NULL, NULL, "bell\x07 here", &at), SEL_OK);
    struct sel_gloss_term t = { .lang = "id", .text = "a\x01" "b", .status = "preferred" };
    cr_assert_eq(gloss_add_term(g, ctx, at, &t), SEL_OK);
    char *text = write_string(g, SEL_GLOSS_TBX);
    cr_assert_not_null(strstr(text, "<note>bell\xEF\xBF\xBD here</note>"), "%s", text);
    cr_assert_not_null(strstr(text, "<term>a\xEF\xBF\xBD" "b</term>"), "%s", text);
    cr_assert_not_null(strstr(text, "<termEntry id=\"c9_not_an_id\">"), "%s", text);
    free(text);
    sel_glossary_free(g);
    sel_ctx_free(ctx);
}

static void expect_refused(const char *file, const char *message)
{
    sel_ctx *ctx = NULL;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    sel_glossary *g = NULL;
    struct sel_import_options opt = { .format = SEL_IMPORT_TBX };
    cr_assert_eq(sel_glossary_read(&g, ctx, data_path(file), &opt), SEL_EXML, "%s", file);
    cr_assert_null(g);
    cr_assert_not_null(strstr(sel_ctx_errmsg(ctx), message), "%s: %s", file, sel_ctx_errmsg(ctx));
    sel_ctx_free(ctx);
}

Test(export_xml, refuses_external_entities) { expect_refused("xxe.tbx", "external entity declaration refused"); }
Test(export_xml, refuses_parameter_entities) { expect_refused("param.tbx", "external entity declaration refused"); }
Test(export_xml, refuses_entity_bombs) { expect_refused("bomb.tbx", "entity declaration refused"); }
Test(export_xml, never_loads_an_external_dtd) { expect_refused("extdtd.tbx", "entity reference &evil; refused"); }
