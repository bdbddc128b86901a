// SPDX-License-Identifier: MIT
// Lemmas and roots scored against the hand-made gold (tests/data/analyze/gold.tsv), next to
// plain Hunspell's first stem on the same forms; plus the patterns of the language guide.
#include "src/text/dict.h"
#include "src/text/text.h"
#include "src/text/text_internal.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

static sel_ctx *ctx;
static sel_lang *lang;
static sel_analyzer *an;

static void setup(void)
{
    cr_assert_eq(sel_ctx_new(&ctx), SEL_OK);
    cr_assert_eq(sel_lang_load(&lang, ctx, "id"), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    cr_assert_eq(sel_analyzer_new(&an, ctx, lang), SEL_OK, "%s", sel_ctx_errmsg(ctx));
}

static void teardown(void)
{
    sel_analyzer_free(an);
    sel_lang_free(lang);
    sel_ctx_free(ctx);
}

TestSuite(text_analyze, .init = setup, .fini = teardown);

static struct sel_word word(const char *form)
{
    struct sel_word w;
    cr_assert_eq(sel_analyze_word(an, ctx, form, strlen(form), &w), SEL_OK);
    return w;
}

#define EXPECT_WORD(form, want_lemma, want_root)                                                   \
    do {                                                                                           \
        struct sel_word w_ = word(form);                                                           \
        cr_expect_str_eq(w_.lemma, want_lemma, "lemma of %s", form);                               \
        cr_expect_str_eq(w_.root, want_root, "root of %s", form);                                  \
    } while (0)

Test(text_analyze, voice_prefixes_give_the_active_lemma)
{
    EXPECT_WORD("dipertahankan", "mempertahankan", "tahan");
    EXPECT_WORD("diserang", "menyerang", "serang");
    EXPECT_WORD("dikirim", "mengirim", "kirim");
    EXPECT_WORD("dilaporkan", "melaporkan", "lapor");
    cr_expect(word("diserang").flags & SEL_TOK_PASSIVE);
}

Test(text_analyze, clitics_are_removed_from_the_lemma_only_when_they_are_clitics)
{
    EXPECT_WORD("pasukannya", "pasukan", "pasukan");
    EXPECT_WORD("tentaranya", "tentara", "tentara");
    cr_expect_str_eq(word("pasukannya").clitic, "nya");
    EXPECT_WORD("meskipun", "meskipun", "meskipun");
    EXPECT_WORD("hanya", "hanya", "hanya");
    cr_expect_null(word("hanya").clitic);
}

Test(text_analyze, derived_words_keep_their_lemma_and_lose_derivation_in_the_root)
{
    EXPECT_WORD("pemerintah", "pemerintah", "perintah");
    EXPECT_WORD("pembebasan", "pembebasan", "bebas");
    EXPECT_WORD("mengatakan", "mengatakan", "kata");
    EXPECT_WORD("pertahanan", "pertahanan", "tahan");
}

Test(text_analyze, reduplication)
{
    EXPECT_WORD("pasukan-pasukan", "pasukan", "pasukan");
    EXPECT_WORD("negara-negara", "negara", "negara");
    cr_expect(word("negara-negara").flags & SEL_TOK_REDUP);
    EXPECT_WORD("bahu-membahu", "bahu-membahu", "bahu");
    EXPECT_WORD("masing-masing", "masing-masing", "masing-masing"); // lexical, listed whole
}

Test(text_analyze, names_acronyms_and_unknown_words_keep_their_form)
{
    EXPECT_WORD("Korut", "Korut", "Korut");
    EXPECT_WORD("alutsista", "alutsista", "alutsista");
    cr_expect(word("alutsista").flags & SEL_TOK_UNKNOWN);
    EXPECT_WORD("AS", "AS", "AS");
    EXPECT_WORD("Presiden", "presiden", "presiden");
    EXPECT_WORD("10.000", "10.000", "10.000");
    cr_expect(word("10.000").flags & SEL_TOK_NUM);
}

Test(text_analyze, non_standard_spellings_get_the_standard_lemma)
{
    EXPECT_WORD("kerjasama", "kerja sama", "kerja sama");
    EXPECT_WORD("tantara", "tentara", "tentara");
    cr_expect(word("tantara").flags & SEL_TOK_NONSTANDARD);
}

Test(text_analyze, each_distinct_form_is_analysed_once)
{
    size_t before = sel_analyzer_cache_size(an);
    word("pasukannya");
    size_t after_one = sel_analyzer_cache_size(an);
    word("pasukannya");
    word("pasukannya");
    cr_expect_gt(after_one, before);
    cr_expect_eq(sel_analyzer_cache_size(an), after_one);
}

Test(text_analyze, forgetting_bounds_the_cache_and_changes_no_analysis)
{
    // numbered lines bring a new form each, as in the streaming benchmark: at the bound the
    // cache is kept, past it emptied, and the forms analysed again come out as before
    const char *forms[] = { "pasukannya", "menyerang" };
    char before[2][2][64];
    for (int k = 0; k < 2; k++) {
        struct sel_word w = word(forms[k]);
        snprintf(before[k][0], sizeof(before[k][0]), "%s", w.lemma);
        snprintf(before[k][1], sizeof(before[k][1]), "%s", w.root);
    }
    cr_assert_eq(sel_analyzer_forget(an, 2), SEL_OK);
    cr_expect_eq(sel_analyzer_cache_size(an), 2, "at the bound nothing is forgotten");
    char form[16];
    for (int i = 0; i < 40; i++) {
        snprintf(form, sizeof(form), "%d", 1000 + i);
        word(form);
    }
    cr_assert_eq(sel_analyzer_forget(an, 2), SEL_OK);
    cr_expect_eq(sel_analyzer_cache_size(an), 0, "past the bound the analyses are forgotten");
    for (int k = 0; k < 2; k++)
        EXPECT_WORD(forms[k], before[k][0], before[k][1]);
    cr_expect_str_eq(before[0][0], "pasukan"); // the gold's lemma (tests/data/analyze/gold.tsv)
    cr_expect_eq(sel_analyzer_cache_size(an), 2);
}

Test(text_analyze, a_form_longer_than_the_word_buffer_comes_back_whole)
{
    // 3,000 two-byte letters (6,000 bytes): once cut at 800 bytes; now kept whole, and the
    // same form given again is found in the cache, not cut differently
    enum { LETTERS = 3000 };
    char *form = malloc(LETTERS * 2 + 1);
    cr_assert_not_null(form);
    for (size_t i = 0; i < LETTERS; i++)
        memcpy(form + 2 * i, "\xc3\xa9", 2); // é
    form[LETTERS * 2] = '\0';
    for (int round = 0; round < 2; round++) {
        struct sel_word w = word(form);
        cr_expect_str_eq(w.lemma, form);
        cr_expect_str_eq(w.root, form);
        cr_expect(w.flags & SEL_TOK_UNKNOWN);
    }
    free(form);
}

struct token_list {
    char forms[64][64];
    size_t n;
};

static bool collect_token(void *user, const char *text, const struct sel_token *t)
{
    struct token_list *l = user;
    if (l->n < 64)
        snprintf(l->forms[l->n++], 64, "%.*s", (int)(t->end - t->start), text + t->start);
    return true;
}

Test(text_analyze, tokens_keep_hyphenated_words_and_numbers_whole)
{
    const char *s = "Pasukan-pasukan DPRK-Rusia (AC-130) menembakkan 1,5 juta peluru, kata Jubir.";
    struct token_list l = { 0 };
    cr_assert_eq(sel_analyze_span(an, ctx, s, 0, strlen(s), collect_token, &l), SEL_OK);
    static const char *const want[] = { "Pasukan-pasukan", "DPRK-Rusia", "(", "AC-130", ")", "menembakkan",
                                        "1,5", "juta", "peluru", ",", "kata", "Jubir", "." };
    cr_assert_eq(l.n, sizeof(want) / sizeof(*want), "%zu tokens", l.n);
    for (size_t i = 0; i < l.n; i++)
        cr_expect_str_eq(l.forms[i], want[i]);
}

/* ---- every byte is accounted for ----------------------------------------------------------- */

struct coverage {
    const char *text;
    size_t covered; // end of the last token
    bool ok;
    char why[160];
};

// True when [from, to) of @p text is whitespace only (what may lie between tokens).
static bool only_spaces(const char *text, size_t from, size_t to)
{
    for (int32_t i = (int32_t)from, n = (int32_t)to; i < n;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, n, c);
        if (!u_isUWhiteSpace(c))
            return false;
    }
    return true;
}

static bool check_cover(void *user, const char *text, const struct sel_token *t)
{
    struct coverage *cv = user;
    if (t->start < cv->covered || t->end <= t->start || !only_spaces(text, cv->covered, t->start)) {
        snprintf(cv->why, sizeof(cv->why), "token [%zu,%zu) after %zu", t->start, t->end, cv->covered);
        cv->ok = false;
        return false;
    }
    cv->covered = t->end;
    return true;
}

struct sentence_cover {
    sel_analyzer *an;
    struct coverage cv;
};

static bool cover_sentence(void *user, const char *text, const struct sel_sentence *s)
{
    struct sentence_cover *sc = user;
    cr_assert_eq(sel_analyze_span(sc->an, ctx, text, s->start, s->end, check_cover, &sc->cv), SEL_OK);
    return sc->cv.ok;
}

// Random text from pieces that tokenizers get wrong: hashtags, mentions, hyphens, ranges,
// currency, superscripts, quotes, abbreviations, clitics, non-Latin scripts, combining marks,
// emoji, zero-width and other spaces, line ends. The same seed gives the same texts.
static size_t random_text(unsigned *seed, char *buf, size_t size)
{
    static const char *const pieces[] = {
        "#bawel", "#", "@user_1", "-", "--", "pasukan-pasukan", "5-10", "Januari-September", "Rp9.000",
        "Rp", "km²", "m³", "\"", "\u201c", "\u201d", "'", "`", "(", ")", "[", "]", ".", ",", ";", ":", "!", "?",
        "\u2026", "...", "No.", "Ltd.", "S.H.", "10.000", "1,5", "19:4-6", "II/2007", "&amp;nbsp", "dll.",
        "pasukannya", "Abdullah", "menikah", "adalah", "Maluku", "APBN-P", "hamba-ku", "Jum'at", "e.g.",
        "\u0645\u0631\u062d\u0628\u0627", "\u4e2d\u6587", "\u00e9", "e\u0301", "\U0001F600", "\U0001F1EE\U0001F1E9",
        "\u200b", "\u200d", "\u00ad", "\ufeff", "\u00a0", "\u3000", "\t", " ", " ", " ", "  ", "\r\n", "\n",
        "\r", "a", "Z", "9", "_", "$", "%", "&", "*", "+", "=", "<", ">", "|", "~", "^", "\\", "/",
    };
    size_t n = 0;
    int count = 1 + (int)(rand_r(seed) % 60);
    for (int i = 0; i < count; i++) {
        const char *p = pieces[(size_t)rand_r(seed) % (sizeof(pieces) / sizeof(*pieces))];
        size_t k = strlen(p);
        if (n + k + 1 >= size)
            break;
        memcpy(buf + n, p, k);
        n += k;
    }
    buf[n] = '\0';
    return n;
}

Test(text_analyze, tokens_and_the_spaces_between_them_cover_the_text)
{
    const char *s = "Bergabung dengan #bawel, #pondok @user\u00a0dan Rp9.000 per km² (5-10 orang).";
    struct coverage cv = { s, 0, true, "" };
    cr_assert_eq(sel_analyze_span(an, ctx, s, 0, strlen(s), check_cover, &cv), SEL_OK);
    cr_expect(cv.ok && only_spaces(s, cv.covered, strlen(s)), "%s", cv.why);
    // The first token of a hashtag is its sign: "#" then "bawel", as UD tokenizes it.
    struct token_list l = { 0 };
    cr_assert_eq(sel_analyze_span(an, ctx, s, 0, strlen(s), collect_token, &l), SEL_OK);
    cr_expect_str_eq(l.forms[2], "#");
    cr_expect_str_eq(l.forms[3], "bawel");

    // A property over random text, analysed whole and sentence by sentence (as `analyze` does).
    sel_segmenter *seg = NULL;
    cr_assert_eq(sel_segmenter_new(&seg, ctx, lang), SEL_OK);
    unsigned seed = 17;
    char buf[1024];
    for (int round = 0; round < 3000; round++) {
        size_t n = random_text(&seed, buf, sizeof(buf));
        struct coverage whole = { buf, 0, true, "" };
        cr_assert_eq(sel_analyze_span(an, ctx, buf, 0, n, check_cover, &whole), SEL_OK);
        cr_assert(whole.ok && only_spaces(buf, whole.covered, n), "round %d: %s in \"%s\"", round, whole.why, buf);
        struct sentence_cover sc = { an, { buf, 0, true, "" } };
        cr_assert_eq(sel_segment(seg, ctx, buf, n, cover_sentence, &sc), SEL_OK);
        cr_assert(sc.cv.ok && only_spaces(buf, sc.cv.covered, n), "round %d (segmented): %s in \"%s\"", round,
                  sc.cv.why, buf);
    }
    sel_segmenter_free(seg);
}

// Word boundaries found without ICU (word_pieces.c) are ICU's: random text from the characters
// its rules treat specially, compared piece by piece with ICU's word BreakIterator.
Test(text_analyze, word_pieces_without_icu_are_icus)
{
    static const char *const chars[] = { "a", "Z", "k", "9", "0", "@", "_", ".", "'", ",", ";", ":", "-", "#",
                                         "/", "\"", "(", " ", " ", "  ", "\t", "\r", "\n", "\r\n", "$", "%",
                                         "\u00a0", "\u00ab", "\u00bb", "\u00b0", "\u00b2", "\u00b3", "\u00b9",
                                         "\u2013", "\u2014", "\u2026", "\u201c", "\u201d" };
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *ref = ubrk_open(UBRK_WORD, "id", NULL, 0, &status);
    UBreakIterator *mine = ubrk_open(UBRK_WORD, "id", NULL, 0, &status);
    cr_assert(U_SUCCESS(status));
    unsigned seed = 20;
    char buf[256];
    size_t simple = 0;
    for (int round = 0; round < 20000; round++) {
        size_t n = 0;
        for (int i = 0, count = 1 + (int)(rand_r(&seed) % 24); i < count; i++) {
            const char *c = chars[(size_t)rand_r(&seed) % (sizeof(chars) / sizeof(*chars))];
            memcpy(buf + n, c, strlen(c));
            n += strlen(c);
        }
        buf[n] = '\0';
        UText *ut = utext_openUTF8(NULL, buf, (int64_t)n, &status);
        ubrk_setUText(ref, ut, &status);
        struct sel_pieces ps;
        cr_assert_eq(sel_pieces_begin(&ps, mine, ctx, buf, 0, n), SEL_OK);
        simple += ps.bi == NULL;
        struct sel_piece p;
        for (int32_t b = ubrk_next(ref); b != UBRK_DONE; b = ubrk_next(ref)) {
            cr_assert(sel_pieces_next(&ps, &p), "round %d: \"%s\": piece missing before %d", round, buf, b);
            bool word = ubrk_getRuleStatus(ref) >= UBRK_WORD_NONE_LIMIT;
            cr_assert(p.end == (size_t)b && p.word == word, "round %d: \"%s\": piece ends %zu (word %d), ICU %d (%d)",
                      round, buf, p.end, p.word, b, word);
        }
        cr_assert_not(sel_pieces_next(&ps, &p), "round %d: \"%s\": piece after the end", round, buf);
        sel_pieces_end(&ps);
        utext_close(ut);
    }
    cr_expect_gt(simple, 15000, "only %zu of the texts took the path without ICU", simple);
    ubrk_close(ref);
    ubrk_close(mine);
}

Test(text_analyze, gold_lemmas_and_roots_beat_plain_hunspell)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/analyze/gold.tsv", getenv("SEL_TEST_DATA"));
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp, "%s", path);
    sel_dict *hun = NULL;
    cr_assert_eq(sel_dict_open(&hun, ctx, "id_ID"), SEL_OK);
    char line[1024];
    size_t rows = 0, lemma_ok = 0, root_ok = 0, hun_lemma_ok = 0, hun_root_ok = 0;
    while (fgets(line, sizeof(line), fp)) {
        if (line[0] == '#')
            continue;
        line[strcspn(line, "\r\n")] = '\0';
        char *form = strtok(line, "\t"), *lemma = strtok(NULL, "\t"), *root = strtok(NULL, "\t");
        if (!form || !lemma || !root)
            continue;
        rows++;
        struct sel_word w = word(form);
        lemma_ok += strcmp(w.lemma, lemma) == 0;
        root_ok += strcmp(w.root, root) == 0;
        if (strcmp(w.root, root) != 0 || strcmp(w.lemma, lemma) != 0)
            cr_log_info("%s: lemma %s (gold %s), root %s (gold %s)", form, w.lemma, lemma, w.root, root);
        const char *stems[8];
        size_t n = sel_dict_stems(hun, form, stems, 8);
        const char *first = n ? stems[0] : form; // plain Hunspell: first stem, or the form itself
        hun_lemma_ok += strcmp(first, lemma) == 0;
        hun_root_ok += strcmp(first, root) == 0;
    }
    fclose(fp);
    sel_dict_close(hun);
    double lemma_acc = (double)lemma_ok / (double)rows, root_acc = (double)root_ok / (double)rows;
    fprintf(stderr, "analyze gold: %zu forms; lemma %.3f, root %.3f; plain Hunspell first stem: lemma %.3f, root %.3f\n",
            rows, lemma_acc, root_acc, (double)hun_lemma_ok / (double)rows, (double)hun_root_ok / (double)rows);
    cr_assert_geq(rows, 400);
    cr_expect_geq(lemma_acc, 0.95, "lemma accuracy %.3f", lemma_acc);
    cr_expect_geq(root_acc, 0.95, "root accuracy %.3f", root_acc);
}

Test(text_analyze, english_stems_through_hunspell_en_us)
{
    sel_lang *en = NULL;
    sel_analyzer *ean = NULL;
    cr_assert_eq(sel_lang_load(&en, ctx, "en"), SEL_OK);
    cr_assert_eq(sel_analyzer_new(&ean, ctx, en), SEL_OK, "%s", sel_ctx_errmsg(ctx));
    static const char *const pairs[][2] = { { "troops", "troop" }, { "treaties", "treaty" }, { "liberated", "liberate" },
                                            { "agreement", "agreement" }, { "proposes", "propose" }, { "as", "as" },
                                            { "Indonesia", "Indonesia" },
                                            // rare dictionary words must not shadow common stems (rare-stem)
                                            { "passed", "pass" }, { "passing", "pass" }, { "passes", "pass" },
                                            { "barred", "bar" }, { "crossed", "cross" },
                                            { "released", "release" }, { "closed", "close" },
                                            // a word in -ss is not a plural (keep-pattern *ss)
                                            { "pass", "pass" }, { "boss", "boss" }, { "congress", "congress" },
                                            { "bosses", "boss" } };
    for (size_t i = 0; i < sizeof(pairs) / sizeof(*pairs); i++) {
        struct sel_word w;
        cr_assert_eq(sel_analyze_word(ean, ctx, pairs[i][0], strlen(pairs[i][0]), &w), SEL_OK);
        cr_expect_str_eq(w.lemma, pairs[i][1], "lemma of %s", pairs[i][0]);
    }
    sel_analyzer_free(ean);
    sel_lang_free(en);
}
