// SPDX-License-Identifier: MIT
// TMX import through sel_tmx_read(): hand-written files with the expected segments written out
// here by hand (languages by lang and xml:lang, "in", inline codes, skipped units, Latin-1 and
// UTF-16), and the refusals of the safe XML reader with their exact messages.
#include "src/formats/formats.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

// The files are opened by their names in tests/data/export, so that messages read as users see
// them ("xxe.tmx:3:48: ..."). Criterion runs each test in a process of its own.
static void enter_data_dir(void)
{
    const char *dir = getenv("SEL_TEST_DATA");
    cr_assert_not_null(dir, "SEL_TEST_DATA is not set");
    char path[1024];
    snprintf(path, sizeof(path), "%s/export", dir);
    cr_assert_eq(chdir(path), 0, "cannot enter %s", path);
}

TestSuite(export_tmx_read, .init = enter_data_dir);

// What the callback saw, copied.
struct seen {
    size_t n, stop_after;
    struct {
        char *src, *tgt, *tuid;
        long line;
    } u[16];
};

static bool collect(void *user, const struct sel_tmx_unit *unit)
{
    struct seen *s = user;
    cr_assert_lt(s->n, 16);
    cr_assert_not_null(unit->src);
    cr_assert_not_null(unit->tgt);
    s->u[s->n].src = strdup(unit->src);
    s->u[s->n].tgt = strdup(unit->tgt);
    s->u[s->n].tuid = unit->tuid ? strdup(unit->tuid) : NULL;
    s->u[s->n].line = unit->line;
    s->n++;
    return s->stop_after == 0 || s->n < s->stop_after;
}

static void seen_free(struct seen *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->u[i].src);
        free(s->u[i].tgt);
        free(s->u[i].tuid);
    }
}

static void expect_unit(const struct seen *s, size_t i, long line, const char *tuid, const char *src, const char *tgt)
{
    cr_assert_lt(i, s->n, "unit %zu was not emitted", i);
    cr_expect_eq(s->u[i].line, line, "unit %zu: line %ld, expected %ld", i, s->u[i].line, line);
    if (tuid)
        cr_expect_str_eq(s->u[i].tuid ? s->u[i].tuid : "(null)", tuid, "unit %zu", i);
    else
        cr_expect_null(s->u[i].tuid, "unit %zu: tuid %s, expected none", i, s->u[i].tuid);
    cr_expect_str_eq(s->u[i].src, src, "unit %zu", i);
    cr_expect_str_eq(s->u[i].tgt, tgt, "unit %zu", i);
}

static int read_tmx(const char *path, const char *src, const char *tgt, struct seen *s, struct sel_tmx_stats *st,
                    char *msg, size_t msg_size)
{
    sel_ctx *ctx = NULL;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    int rc = sel_tmx_read(ctx, path, src, tgt, collect, s, st);
    snprintf(msg, msg_size, "%s", sel_ctx_errmsg(ctx));
    sel_ctx_free(ctx);
    return rc;
}

/* ---- What is read --------------------------------------------------------------------------- */

// mini.tmx, Indonesian to English: the seven usable units of its nine.
static void expect_mini(const struct seen *s)
{
    cr_assert_eq(s->n, 7);
    expect_unit(s, 0, 7, "gaza-1", "Gencatan senjata di Gaza mulai berlaku pada Minggu pagi.",
                "The ceasefire in Gaza took effect on Sunday morning.");
    expect_unit(s, 1, 12, "dpr-2", "DPR menggelar rapat paripurna untuk membahas RUU TNI.",
                "The House held a plenary session to discuss the TNI bill.");
    expect_unit(s, 2, 16, NULL, "Panglima TNI meninjau latihan gabungan di Natuna.",
                "The TNI commander inspected a joint exercise in Natuna.");
    expect_unit(s, 3, 21, "inline-4", "Menteri Pertahanan menyebut kesepakatan itu penting.",
                "The defence minister called the agreement important.");
    expect_unit(s, 4, 34, "lebanon-7", "Pasukan perdamaian Indonesia tiba di Lebanon selatan pada Senin.",
                "Indonesian peacekeepers arrived in southern Lebanon on Monday.");
    expect_unit(s, 5, 43, NULL, "Polri & TNI <bersiaga> di Jakarta\u2014Presiden hadir.",
                "Police & military <on alert> in Jakarta\u2014the President attended.");
    expect_unit(s, 6, 47, "sub-9", "Prajurit Kopassus ikut dalam latihan.", "Kopassus soldiers took part in the exercise.");
}

Test(export_tmx_read, mini_gives_the_hand_written_units_and_counts)
{
    struct seen s = { 0 };
    struct sel_tmx_stats st;
    char msg[512];
    cr_assert_eq(read_tmx("mini.tmx", "id", "en", &s, &st, msg, sizeof(msg)), SEL_OK, "%s", msg);
    expect_mini(&s);
    cr_expect_eq(st.units, 9);
    cr_expect_eq(st.used, 7);
    cr_expect_eq(st.missing_side, 1); // only-en-5: English and Malay
    cr_expect_eq(st.empty, 1);        // empty-id-6: a space, a placeholder and a line end
    seen_free(&s);
}

// sel_tmx_load(): the same seven units, kept as pairs, the same counts; a failed read leaves nothing.
Test(export_tmx_read, load_keeps_the_units_as_pairs)
{
    sel_ctx *ctx = NULL;
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    struct sel_tmx_memory m;
    struct sel_tmx_stats st;
    cr_assert_eq(sel_tmx_load(ctx, "mini.tmx", "id", "en", &m, &st), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    struct seen s = { 0 };
    for (size_t i = 0; i < m.n; i++)
        collect(&s, &(struct sel_tmx_unit){ .src = m.pairs[i].src, .tgt = m.pairs[i].tgt });
    cr_assert_eq(s.n, 7);
    cr_expect_str_eq(s.u[0].src, "Gencatan senjata di Gaza mulai berlaku pada Minggu pagi.");
    cr_expect_str_eq(s.u[4].src, "Pasukan perdamaian Indonesia tiba di Lebanon selatan pada Senin.");
    cr_expect_str_eq(s.u[6].tgt, "Kopassus soldiers took part in the exercise.");
    cr_expect_eq(st.units, 9);
    cr_expect_eq(st.used, 7);
    cr_expect_eq(st.missing_side, 1);
    cr_expect_eq(st.empty, 1);
    seen_free(&s);
    sel_tmx_memory_finish(&m);
    cr_expect_neq(sel_tmx_load(ctx, "truncated.tmx", "id", "en", &m, &st), SEL_OK);
    cr_expect_eq(m.n, 0);
    cr_expect_null(m.pairs);
    cr_expect_eq(st.units, 0);
    sel_ctx_free(ctx);
}

Test(export_tmx_read, language_tags_match_on_their_primary_subtag)
{
    // Asked for as a region variant, in capitals, with an underscore, or by the withdrawn "in":
    // the same seven units.
    const char *pairs[][2] = { { "ID-id", "EN_gb" }, { "in", "en-US" }, { "id_ID", "En" } };
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        struct seen s = { 0 };
        char msg[512];
        cr_assert_eq(read_tmx("mini.tmx", pairs[i][0], pairs[i][1], &s, NULL, msg, sizeof(msg)), SEL_OK, "%s", msg);
        expect_mini(&s);
        seen_free(&s);
    }
}

Test(export_tmx_read, english_to_indonesian_swaps_the_sides)
{
    struct seen s = { 0 };
    struct sel_tmx_stats st;
    char msg[512];
    cr_assert_eq(read_tmx("mini.tmx", "en", "id", &s, &st, msg, sizeof(msg)), SEL_OK, "%s", msg);
    cr_assert_eq(s.n, 7);
    expect_unit(&s, 2, 16, NULL, "The TNI commander inspected a joint exercise in Natuna.",
                "Panglima TNI meninjau latihan gabungan di Natuna.");
    expect_unit(&s, 4, 34, "lebanon-7", "Indonesian peacekeepers arrived in southern Lebanon on Monday.",
                "Pasukan perdamaian Indonesia tiba di Lebanon selatan pada Senin.");
    cr_expect_eq(st.units, 9);
    cr_expect_eq(st.used, 7);
    seen_free(&s);
}

Test(export_tmx_read, other_languages_find_no_pair)
{
    // Malay has one tuv (only-en-5), whose unit has no Indonesian: every unit lacks a side.
    struct seen s = { 0 };
    struct sel_tmx_stats st;
    char msg[512];
    cr_assert_eq(read_tmx("mini.tmx", "id", "ms", &s, &st, msg, sizeof(msg)), SEL_OK, "%s", msg);
    cr_expect_eq(s.n, 0);
    cr_expect_eq(st.units, 9);
    cr_expect_eq(st.used, 0);
    cr_expect_eq(st.missing_side, 9);
    cr_expect_eq(st.empty, 0);
}

Test(export_tmx_read, latin1_file_is_read_as_utf8)
{
    struct seen s = { 0 };
    char msg[512];
    cr_assert_eq(read_tmx("latin1.tmx", "id", "en", &s, NULL, msg, sizeof(msg)), SEL_OK, "%s", msg);
    cr_assert_eq(s.n, 2);
    // written as bytes: ô is C3 B4, « C2 AB, è C3 A8, » C2 BB in UTF-8 (F4, AB, E8, BB in the file)
    expect_unit(&s, 0, 6, "civ-1", "Delegasi C\xC3\xB4te d'Ivoire tiba di Jakarta untuk pembicaraan keamanan.",
                "The C\xC3\xB4te d'Ivoire delegation arrived in Jakarta for security talks.");
    expect_unit(&s, 1, 10, "paris-2", "Menteri Prancis menyebut kerja sama itu \xC2\xAB tr\xC3\xA8s important \xC2\xBB.",
                "The French minister called the cooperation \xC2\xAB tr\xC3\xA8s important \xC2\xBB.");
    seen_free(&s);
}

Test(export_tmx_read, utf16_file_is_read_as_utf8)
{
    struct seen s = { 0 };
    char msg[512];
    cr_assert_eq(read_tmx("utf16.tmx", "id", "en", &s, NULL, msg, sizeof(msg)), SEL_OK, "%s", msg);
    cr_assert_eq(s.n, 1);
    expect_unit(&s, 0, 6, "stp-1",
                "Menlu bertemu mitranya dari S\xC3\xA3o Tom\xC3\xA9 dan Pr\xC3\xADncipe di Tokyo (\xE6\x9D\xB1\xE4\xBA\xAC).",
                "The foreign minister met her S\xC3\xA3o Tom\xC3\xA9 and Pr\xC3\xADncipe counterpart in Tokyo "
                "(\xE6\x9D\xB1\xE4\xBA\xAC).");
    seen_free(&s);
}

// xml:space="preserve" holds for its element and what that contains, until an inner element says
// "default": spaces and tabs there are kept as written, ends too; a line end becomes a space (a
// unit is one line of the stored document). Elsewhere whitespace folds and the ends are trimmed.
Test(export_tmx_read, space_preserve_is_honoured_per_element)
{
    struct seen s = { 0 };
    struct sel_tmx_stats st;
    char msg[512];
    cr_assert_eq(read_tmx("../interop/space_preserve.tmx", "id", "en", &s, &st, msg, sizeof(msg)), SEL_OK, "%s", msg);
    cr_assert_eq(s.n, 4);
    expect_unit(&s, 0, 6, "seg-preserve", "Dua  spasi\tdan tab", "Two spaces and a tab");
    expect_unit(&s, 1, 11, "tuv-preserve", " Di tepi  ", "At the edge");
    expect_unit(&s, 2, 15, "inner-default", "dilipat lagi", "kept  as  is");
    expect_unit(&s, 3, 19, "line-end", "baris satu baris  dua", "line one and  two end");
    cr_expect_eq(st.units, 5);
    cr_expect_eq(st.used, 4);
    cr_expect_eq(st.empty, 1); // blank: a preserved segment of spaces is still empty
    seen_free(&s);
}

Test(export_tmx_read, callback_returning_false_stops_the_read)
{
    struct seen s = { .stop_after = 2 };
    struct sel_tmx_stats st;
    char msg[512];
    cr_assert_eq(read_tmx("mini.tmx", "id", "en", &s, &st, msg, sizeof(msg)), SEL_OK, "%s", msg);
    cr_assert_eq(s.n, 2);
    expect_unit(&s, 1, 12, "dpr-2", "DPR menggelar rapat paripurna untuk membahas RUU TNI.",
                "The House held a plenary session to discuss the TNI bill.");
    cr_expect_eq(st.used, 2);
    cr_expect_eq(st.units, 9); // the whole file was read before the first unit went out
    cr_expect_str_eq(msg, "");
    seen_free(&s);
}

Test(export_tmx_read, standard_input_is_read_as_a_file)
{
    cr_assert_not_null(freopen("mini.tmx", "rb", stdin));
    struct seen s = { 0 };
    char msg[512];
    cr_assert_eq(read_tmx("-", "id", "en", &s, NULL, msg, sizeof(msg)), SEL_OK, "%s", msg);
    expect_mini(&s);
    seen_free(&s);
}

Test(export_tmx_read, standard_input_errors_name_stdin)
{
    cr_assert_not_null(freopen("not-tmx.tmx", "rb", stdin));
    struct seen s = { 0 };
    char msg[512];
    cr_assert_eq(read_tmx("-", "id", "en", &s, NULL, msg, sizeof(msg)), SEL_EPARSE);
    cr_expect_str_eq(msg, "<stdin>:2: not TMX: the root element is <xliff>, not <tmx>");
    cr_expect_eq(s.n, 0);
}

/* ---- What is refused ------------------------------------------------------------------------ */

// Reads @p file, which must fail with @p status and exactly @p message, having emitted nothing.
static void expect_refused(const char *file, int status, const char *message)
{
    struct seen s = { 0 };
    struct sel_tmx_stats st = { 1, 1, 1, 1 };
    char msg[512];
    int rc = read_tmx(file, "id", "en", &s, &st, msg, sizeof(msg));
    cr_expect_eq(rc, status, "%s: status %d (%s)", file, rc, msg);
    cr_expect_str_eq(msg, message);
    cr_expect_eq(s.n, 0, "%s: %zu units emitted", file, s.n);
    cr_expect_eq(st.units + st.used + st.missing_side + st.empty, 0, "%s: stats not zeroed", file);
    seen_free(&s);
}

Test(export_tmx_read, refuses_an_external_entity)
{
    expect_refused("xxe.tmx", SEL_EXML, "xxe.tmx:3:48: external entity declaration refused: secret");
}

Test(export_tmx_read, refuses_a_parameter_entity_to_a_remote_dtd)
{
    expect_refused("param.tmx", SEL_EXML, "param.tmx:3:61: external entity declaration refused: remote");
}

Test(export_tmx_read, refuses_an_entity_bomb_at_once)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    expect_refused("bomb.tmx", SEL_EXML, "bomb.tmx:3:105: entity declaration refused: a");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    // expanded, it would be 89 * 30^6 bytes (65 GB); refused at its first declaration
    cr_expect_lt(secs, 1.0, "the bomb took %.2f s", secs);
}

Test(export_tmx_read, never_loads_an_external_dtd)
{
    // evil.dtd would define &evil;. The reference is found in the tree, which keeps lines only.
    expect_refused("extdtd.tmx", SEL_EXML, "extdtd.tmx:8: entity reference &evil; refused (no DTD is loaded)");
}

Test(export_tmx_read, refuses_another_root_element)
{
    expect_refused("not-tmx.tmx", SEL_EPARSE, "not-tmx.tmx:2: not TMX: the root element is <xliff>, not <tmx>");
}

Test(export_tmx_read, refuses_a_tmx_without_body)
{
    expect_refused("no-body.tmx", SEL_EPARSE, "no-body.tmx:2: not TMX: <tmx> has no <body>");
}

Test(export_tmx_read, refuses_a_truncated_file)
{
    // libxml2's words; the position is the end of the file, the line in the text that of <seg>
    expect_refused("truncated.tmx", SEL_EXML, "truncated.tmx:9:1: Premature end of data in tag seg line 8");
}

Test(export_tmx_read, refuses_a_missing_file)
{
    expect_refused("no-such-file.tmx", SEL_ENOTFOUND, "no-such-file.tmx: cannot open: No such file or directory");
}
