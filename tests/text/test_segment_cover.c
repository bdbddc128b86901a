// SPDX-License-Identifier: MIT
// Property test (issue 17): the segments of any text, plus the blanks and line ends between
// them, are exactly the text. Checked on random texts built from the pieces that steer the
// segmenter (terminators, quotes, brackets, dashes, abbreviations, datelines, boilerplate,
// line ends of every kind, multi-byte blanks and letters) and on every real text we have.
#include "src/text/text.h"
#include "tests/text/segment_cover.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static sel_ctx *ctx;
static sel_lang *lang[2];
static sel_segmenter *seg[2];

static void setup(void)
{
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    cr_assert_eq(sel_lang_load(&lang[0], ctx, "id"), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(sel_lang_load(&lang[1], ctx, "en"), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    for (int i = 0; i < 2; i++)
        cr_assert_eq(sel_segmenter_new(&seg[i], ctx, lang[i]), SEL_OK);
}

static void teardown(void)
{
    for (int i = 0; i < 2; i++) {
        sel_segmenter_free(seg[i]);
        sel_lang_free(lang[i]);
    }
    sel_ctx_free(ctx);
}

TestSuite(text_segment_cover, .init = setup, .fini = teardown, .timeout = 120);

static const char *const pieces[] = {
    "Pasukan", "tiba", "di", "Jakarta", "kata", "dia", "B", "C", "I", "Blok", "lantai", "PT", "Gg", "Irjen",
    "Pol", "Tb", "SSK", "II", "S.H.", "Ph.D.", "M.Si.", "No.", "Rp", "12", "10.000", "1,5", "(15/8)", "2025",
    ".", ". ", "? ", "! ", "...", "…", "….", "!…", ",", ";", ":", "\"", "'", "“", "”", "‘", "’", "«", "»",
    "(", ")", "[", "]", " - ", " -- ", " – ", " — ", "-", "/", "@", "#",
    " ", "  ", "\t", "\xC2\xA0", "\xE2\x80\x83", "\xE2\x80\xAF", "\xE3\x80\x80", "\xE2\x80\x8B", "\f", "\v",
    "\n", "\r\n", "\r", "\n\n", "\xE2\x80\xA8", "\xC2\x85",
    "TEMPO.CO, Jakarta - ", "Jakarta, CNN Indonesia -- ", "Moskow (ANTARA) - ", "JAKARTA - ",
    "Foto: ANTARA/Fulan", "REUTERS/Stringer", "(REUTERS/Pool)", "pic.twitter.com/Ab12", "— X (@x_) May 1, 2025",
    "Baca juga:", "BACA JUGA: ", "Lihat Juga : ", "Halaman 2 dari 3", "Halaman selanjutnya", "(ant/rzk)", "(TASS)",
    "Simak Video \"", "Artikel ini telah tayang di Kompas.com dengan judul \"",
    "é", "e\xCC\x81", "😀", "中文", "ا", "Ω", "ß",
};

static size_t random_text(char *buf, size_t cap, unsigned *state)
{
    size_t len = 0, n_pieces = sizeof(pieces) / sizeof(*pieces);
    size_t want = (size_t)(rand_r(state) % 60);
    for (size_t k = 0; k < want; k++) {
        const char *p = pieces[(size_t)rand_r(state) % n_pieces];
        size_t n = strlen(p);
        if (len + n >= cap)
            break;
        memcpy(buf + len, p, n);
        len += n;
        if (rand_r(state) % 3 == 0 && len + 1 < cap)
            buf[len++] = ' ';
    }
    buf[len] = '\0';
    return len;
}

Test(text_segment_cover, random_texts_are_covered_exactly)
{
    char buf[4096];
    unsigned state = 17; // fixed: a failure is reproducible
    size_t segments_checked = 0;
    for (int i = 0; i < 20000; i++) {
        size_t len = random_text(buf, sizeof(buf), &state);
        struct cover_check c;
        const char *problem = cover_run(&c, seg[i % 2], ctx, buf, len);
        cr_assert_str_empty(problem, "random text %d (%s): %s in \"%s\"", i, i % 2 ? "en" : "id", problem, buf);
        segments_checked += c.next > 0;
    }
    cr_expect_gt(segments_checked, 15000, "most random texts should have segments");
}

// Every byte of a text we did not make up is accounted for too.
// (A file the reader refuses, as tests/data/segment/cases/invalid.txt is meant to be, is skipped.)
static bool check_file(const char *path, int which)
{
    struct sel_text t;
    if (sel_text_read(&t, ctx, path) != SEL_OK)
        return false;
    struct cover_check c;
    const char *problem = cover_run(&c, seg[which], ctx, t.data, t.len);
    cr_assert_str_empty(problem, "%s: %s", path, problem);
    sel_text_finish(&t);
    return true;
}

static size_t check_dir(const char *dir, const char *suffix, int which)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name), sl = strlen(suffix);
        if (len < sl || strcmp(e->d_name + len - sl, suffix) != 0)
            continue;
        char path[4200];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        n += check_file(path, which);
    }
    closedir(d);
    return n;
}

Test(text_segment_cover, real_texts_are_covered_exactly)
{
    const char *shared = getenv("SEL_SHARED"), *root = getenv("SEL_SOURCE_ROOT");
    cr_assert(shared && root, "SEL_SHARED and SEL_SOURCE_ROOT must be set");
    char dir[4096];
    size_t n = 0;
    snprintf(dir, sizeof(dir), "%s/corpus", root);
    n += check_dir(dir, ".id.txt", 0) + check_dir(dir, ".en.txt", 1);
    snprintf(dir, sizeof(dir), "%s/tests/data/segment/cases", root);
    n += check_dir(dir, ".txt", 0);
    cr_assert_geq(n, 24, "our corpus should be there");
    snprintf(dir, sizeof(dir), "%s/seeds", shared);
    size_t shared_files = check_dir(dir, ".txt", 0);
    snprintf(dir, sizeof(dir), "%s/data/ud-id-dev/segment", shared);
    shared_files += check_dir(dir, ".input.txt", 0) + check_dir(dir, ".gold.txt", 0);
    snprintf(dir, sizeof(dir), "%s/data/panl-int-dev", shared);
    shared_files += check_dir(dir, "id.txt", 0) + check_dir(dir, "en.txt", 1);
    if (shared_files == 0) {
        cr_assert_null(getenv("CI"), "no shared data in %s", shared);
        cr_skip_test("no shared data in %s", shared);
    }
    cr_expect_geq(shared_files, 11, "%zu shared files checked", shared_files);
}
