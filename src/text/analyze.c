// SPDX-License-Identifier: MIT
// Word analysis: Hunspell's stems plus the language's morphology rules give each form a lemma
// (the word a translator looks up) and a root. The rules live in lang/<code>/morphology.txt;
// this file only knows the shapes of the rules (clitics, passive prefix, nasal assimilation,
// reduplication), not Indonesian words.
#include "src/text/dict.h"
#include "src/text/text_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

enum { MAX_WORD = 200, MAX_STEMS = 8 };

struct sel_analyzer {
    const sel_lang *lang;
    const struct morphology *m;
    sel_dict *dict;          // NULL when the language names no dictionary
    sel_strmap *cache;       // form -> struct sel_word (in the arena)
    struct sel_arena arena;
    size_t kept_bytes;       // held in the arena and the cache's keys, for sel_analyzer_forget()
    int depth;               // recursion guard for hyphenated and respelt forms
    UBreakIterator *words;   // word boundaries for sel_analyze_span(), made on first use
    bool split_compounds;    // see sel_analyzer_split_compounds()
    bool suggest;            // see sel_analyzer_suggest()
};

void sel_analyzer_suggest(sel_analyzer *an, bool on)
{
    an->suggest = on;
}

void sel_analyzer_split_compounds(sel_analyzer *an, bool split)
{
    an->split_compounds = split;
}

bool sel_analyzer_splits_compounds(const sel_analyzer *an)
{
    return an->split_compounds;
}

int sel_analyzer_new(sel_analyzer **out, sel_ctx *ctx, const sel_lang *lang)
{
    SEL_CHECK_ARG(out && lang, SEL_EINVAL);
    *out = NULL;
    sel_analyzer *an = calloc(1, sizeof(*an));
    if (!an)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    an->lang = lang;
    an->m = &lang->morph;
    int rc = sel_strmap_new(&an->cache);
    if (rc == SEL_OK && an->m->dictionary[0])
        rc = sel_dict_open(&an->dict, ctx, an->m->dictionary);
    else if (rc != SEL_OK)
        rc = sel_error(ctx, rc, "out of memory");
    if (rc != SEL_OK) {
        sel_analyzer_free(an);
        return rc;
    }
    *out = an;
    return SEL_OK;
}

void sel_analyzer_free(sel_analyzer *an)
{
    if (!an)
        return;
    sel_dict_close(an->dict);
    if (an->words)
        ubrk_close(an->words);
    sel_strmap_free(an->cache);
    sel_arena_finish(&an->arena);
    free(an);
}

// What the analyses may hold in strings however few the forms: far above what the forms a
// command keeps take (some 50 bytes each), so only long forms reach it.
#define ANALYSES_MAX_BYTES ((size_t)8 << 20)

bool sel_analyzer_over_bound(const sel_analyzer *an, size_t max)
{
    // many forms, or a few enormous ones (a 64 MB "word" in a file with no spaces)
    return sel_strmap_count(an->cache) > max || an->kept_bytes > ANALYSES_MAX_BYTES;
}

int sel_analyzer_forget(sel_analyzer *an, size_t max)
{
    if (!sel_analyzer_over_bound(an, max))
        return SEL_OK;
    an->kept_bytes = 0;
    sel_strmap_free(an->cache);
    an->cache = NULL;
    sel_arena_finish(&an->arena);
    return sel_strmap_new(&an->cache);
}

size_t sel_analyzer_cache_size(const sel_analyzer *an)
{
    return sel_strmap_count(an->cache);
}

/* ---- strings ------------------------------------------------------------------------------- */

// Copies @p src into @p dst of @p size bytes, truncating (words here are far shorter).
static void set_str(char *dst, size_t size, const char *src)
{
    size_t n = strnlen(src, size - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

const sel_lang *sel_analyzer_lang(const sel_analyzer *an)
{
    return an->lang;
}

UBreakIterator *sel_analyzer_word_breaks(sel_analyzer *an, UErrorCode *status)
{
    if (!an->words)
        an->words = ubrk_open(UBRK_WORD, an->lang->code, NULL, 0, status);
    return an->words;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void lowercase(const char *s, char *out, size_t size)
{
    sel_text_lowercase(s, out, size);
}

enum casing { CASE_LOWER, CASE_CAPITALIZED, CASE_UPPER, CASE_MIXED };

static enum casing casing_of(const char *s, int *letters, int *digits)
{
    int upper = 0, lower = 0, first_upper = -1;
    *letters = *digits = 0;
    for (int32_t i = 0, n = (int32_t)strlen(s); i < n;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)s, i, n, c);
        if (u_isalpha(c)) {
            if (first_upper < 0)
                first_upper = u_isupper(c) ? 1 : 0;
            (*letters)++;
            upper += u_isupper(c) != 0;
            lower += u_islower(c) != 0;
        } else if (u_isdigit(c)) {
            (*digits)++;
        }
    }
    if (upper == 0)
        return CASE_LOWER;
    if (lower == 0)
        return upper > 1 ? CASE_UPPER : CASE_CAPITALIZED;
    return first_upper == 1 && upper == 1 ? CASE_CAPITALIZED : CASE_MIXED;
}

static const char *keep_str(sel_analyzer *an, const char *s)
{
    size_t len = strlen(s);
    an->kept_bytes += len + 1;
    const char *p = sel_arena_strndup(&an->arena, s, len);
    return p ? p : "";
}

static bool in_list(const struct word_list *l, const char *w)
{
    return sel_word_list_has(l, w);
}

// Matches "se*nya"-style patterns: a literal head and tail around one '*'.
static bool matches_keep_pattern(const struct morphology *m, const char *w)
{
    for (size_t i = 0; i < m->keep_patterns.n; i++) {
        const char *p = m->keep_patterns.v[i];
        const char *star = strchr(p, '*');
        if (!star)
            continue;
        size_t head = (size_t)(star - p), tail = strlen(star + 1);
        if (strlen(w) > head + tail + 1 && strncmp(w, p, head) == 0 && ends_with(w, star + 1))
            return true;
    }
    return false;
}

/* ---- dictionary ---------------------------------------------------------------------------- */

static bool spell(sel_analyzer *an, const char *w)
{
    return an->dict && *w && sel_dict_spell(an->dict, w);
}

// Picks the stem that best explains @p word: the word itself if it is a stem, else a stem
// spelled inside the word (mengurus: "urus", not "kurus"), the longest first. Returns false if
// Hunspell has none.
static bool best_stem(sel_analyzer *an, const char *word, char *out, size_t size)
{
    if (!an->dict)
        return false;
    const char *stems[MAX_STEMS];
    size_t n = sel_dict_stems(an->dict, word, stems, MAX_STEMS);
    int best = -1, best_score = -1;
    char lw[MAX_WORD * 4];
    if (n)
        lowercase(word, lw, sizeof(lw));
    for (size_t i = 0; i < n; i++) {
        char low[MAX_WORD * 4];
        lowercase(stems[i], low, sizeof(low));
        int score = strcmp(low, lw) == 0 ? 3000 : strstr(lw, low) ? 2000 + (int)strlen(low) : (int)strlen(low);
        if (score > best_score) {
            best_score = score;
            best = (int)i;
        }
    }
    if (best >= 0)
        set_str(out, size, stems[best]);
    return best >= 0;
}

static bool stem_is_capitalized(const char *stem)
{
    int32_t i = 0;
    UChar32 c;
    U8_NEXT((const uint8_t *)stem, i, (int32_t)strlen(stem), c);
    return u_isupper(c);
}

/* ---- morphology ---------------------------------------------------------------------------- */

// The active (meN-) form of a base: "serang" -> "menyerang", "pertahankan" -> "mempertahankan".
// Candidates are tried in order and the first the dictionary knows wins; else the first.
static void make_active(sel_analyzer *an, const char *base, const char *stem, char *out, size_t size)
{
    const struct morphology *m = an->m;
    const char *per = "per";
    if (starts_with(base, per) && strstr(base + 3, stem) == base + 3 && *stem) {
        snprintf(out, size, "mem%s", base); // memper- keeps the p of per-
        return;
    }
    const struct nasal_rule *rule = NULL;
    for (size_t i = 0; i < m->n_nasal; i++)
        if (starts_with(base, m->nasal[i].onset) && (!rule || strlen(m->nasal[i].onset) > strlen(rule->onset)))
            rule = &m->nasal[i];
    char cand[3][MAX_WORD * 4];
    size_t n = 0;
    if (rule) {
        snprintf(cand[n++], sizeof(cand[0]), "%s%s", rule->prefix, base + (rule->drop ? 1 : 0));
        if (rule->drop)
            snprintf(cand[n++], sizeof(cand[0]), "%s%s", rule->prefix, base);
    }
    if (m->monosyllable_prefix)
        snprintf(cand[n++], sizeof(cand[0]), "%s%s", m->monosyllable_prefix, base);
    for (size_t i = 0; i < n; i++) {
        if (spell(an, cand[i])) {
            set_str(out, size, cand[i]);
            return;
        }
    }
    snprintf(out, size, "%s", n ? cand[0] : base);
}

// For a form Hunspell does not know: strips the language's prefixes and suffixes (undoing
// nasal assimilation) until the dictionary knows what is left. Returns false if nothing works.
static bool strip_to_root(sel_analyzer *an, const char *w, char *out, size_t size, bool capitalized)
{
    const struct morphology *m = an->m;
    char cand[MAX_WORD * 4];
    // A capitalised word is more often a name (Bali, Asean) than a short root with an affix.
    size_t min_root = capitalized ? 4 : 3;
    // suffix first, then one prefix, then both
    for (int with_suffix = 0; with_suffix <= (int)m->suffixes.n; with_suffix++) {
        char base[MAX_WORD * 4];
        set_str(base, sizeof(base), w);
        if (with_suffix > 0) {
            const char *suf = m->suffixes.v[with_suffix - 1];
            if (!ends_with(base, suf) || strlen(base) < strlen(suf) + min_root)
                continue;
            base[strlen(base) - strlen(suf)] = '\0';
            if (spell(an, base) && best_stem(an, base, out, size))
                return true;
        }
        for (size_t p = 0; p < m->prefixes.n; p++) {
            const char *pre = m->prefixes.v[p];
            if (!starts_with(base, pre) || strlen(base) < strlen(pre) + min_root)
                continue;
            // A capitalised ke-/se- word is more often a short form (Kedubes) than a derivation.
            if (capitalized && strlen(pre) == 2 && pre[1] == 'e')
                continue;
            const char *rest = base + strlen(pre);
            set_str(cand, sizeof(cand), rest);
            if (spell(an, cand) && best_stem(an, cand, out, size))
                return true;
            // undo nasal assimilation: meny+erang -> serang, men+ulis -> tulis ...
            for (size_t r = 0; r < m->n_nasal; r++) {
                const struct nasal_rule *nr = &m->nasal[r];
                if (!nr->drop || !ends_with(pre, nr->prefix + 2))
                    continue;
                snprintf(cand, sizeof(cand), "%c%s", nr->onset[0], rest);
                if (spell(an, cand) && best_stem(an, cand, out, size))
                    return true;
            }
        }
    }
    return false;
}

static bool damerau_one(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la == lb) {
        size_t diff = 0, first = 0;
        for (size_t i = 0; i < la; i++)
            if (a[i] != b[i] && diff++ == 0)
                first = i;
        if (diff == 1)
            return true;
        return diff == 2 && first + 1 < la && a[first] == b[first + 1] && a[first + 1] == b[first];
    }
    if (la + 1 != lb && lb + 1 != la)
        return false;
    const char *s = la < lb ? a : b, *l = la < lb ? b : a;
    size_t i = 0;
    while (s[i] && s[i] == l[i])
        i++;
    return strcmp(s + i, l + i + 1) == 0;
}

// A dictionary word one edit (a transposition, substitution, insertion or deletion of a letter)
// away from @p w, tried in that order; the first found goes to @p out. Hunspell's own suggestions
// also rank n-gram look-alikes and take milliseconds a word; a typo we act on is one edit away,
// and checking those few hundred spellings costs a fraction of that. Plain a-z words only.
static bool one_edit_away(sel_analyzer *an, const char *w, char *out, size_t size)
{
    size_t n = strlen(w);
    if (!an->dict || n < 5 || n > 30 || n + 2 > size)
        return false;
    for (size_t i = 0; i < n; i++)
        if (w[i] < 'a' || w[i] > 'z')
            return false;
    char c[32];
    for (size_t i = 0; i + 1 < n; i++) { // transposition
        memcpy(c, w, n + 1);
        c[i] = w[i + 1];
        c[i + 1] = w[i];
        if (c[i] != c[i + 1] && spell(an, c))
            goto found;
    }
    for (size_t i = 0; i < n; i++) { // substitution
        memcpy(c, w, n + 1);
        for (char x = 'a'; x <= 'z'; x++)
            if (x != w[i] && (c[i] = x, spell(an, c)))
                goto found;
    }
    for (size_t i = 0; i <= n; i++) { // insertion
        memcpy(c, w, i);
        memcpy(c + i + 1, w + i, n - i + 1);
        for (char x = 'a'; x <= 'z'; x++)
            if ((c[i] = x, spell(an, c)))
                goto found;
    }
    for (size_t i = 0; i < n; i++) { // deletion
        memcpy(c, w, i);
        memcpy(c + i, w + i + 1, n - i);
        if (spell(an, c))
            goto found;
    }
    return false;
found:
    set_str(out, size, c);
    return true;
}

/* ---- analysis ------------------------------------------------------------------------------ */

static int analyze(sel_analyzer *an, const char *form, struct sel_word *out);

// Analyses a hyphenated form: reduplication (plural, or lexical), or a proper compound.
static bool analyze_hyphenated(sel_analyzer *an, const char *form, const char *lower, struct sel_word *out)
{
    const char *hy = strchr(lower, '-');
    if (!hy || hy == lower || !hy[1] || strchr(hy + 1, '-'))
        return false;
    char a[MAX_WORD * 4], b[MAX_WORD * 4];
    snprintf(a, sizeof(a), "%.*s", (int)(hy - lower), lower);
    snprintf(b, sizeof(b), "%s", hy + 1);
    const char *clitic = NULL;
    if (strcmp(a, b) != 0) {
        for (size_t i = 0; i < an->m->enclitics.n; i++) {
            const char *c = an->m->enclitics.v[i];
            if (ends_with(b, c) && strlen(b) - strlen(c) == strlen(a) && strncmp(a, b, strlen(a)) == 0) {
                clitic = c;
                b[strlen(a)] = '\0';
                break;
            }
        }
    }
    // a reduplication with a typo in one half (serangan-srangan): the half the dictionary knows
    bool misspelt = false;
    if (strcmp(a, b) != 0 && damerau_one(a, b) && (spell(an, a) != spell(an, b))) {
        if (spell(an, b))
            set_str(a, sizeof(a), b);
        else
            set_str(b, sizeof(b), a);
        misspelt = true;
    }
    struct sel_word half;
    char whole[MAX_WORD * 4];
    snprintf(whole, sizeof(whole), "%s-%s", a, b);
    if (in_list(&an->m->keep_redup, lower)) {
        struct sel_word base_word;
        if (analyze(an, a, &base_word) != SEL_OK)
            return false;
        out->lemma = keep_str(an, lower);
        out->root = base_word.root;
        out->flags = SEL_TOK_REDUP;
        return true;
    }
    if (strcmp(a, b) == 0 && !in_list(&an->m->keep_redup, whole)) {
        // plural: the lemma of the base ("pasukan-pasukan", "Bangsa-Bangsa")
        char first[MAX_WORD * 4];
        snprintf(first, sizeof(first), "%.*s", (int)(strchr(form, '-') - form), form);
        if (analyze(an, first, &half) != SEL_OK)
            return false;
        if (misspelt && analyze(an, a, &half) != SEL_OK)
            return false;
        *out = half;
        out->flags |= SEL_TOK_REDUP | (misspelt ? SEL_TOK_NONSTANDARD : 0);
        out->flags &= ~(unsigned)SEL_TOK_UNKNOWN;
        out->clitic = clitic ? keep_str(an, clitic) : NULL;
        return true;
    }
    // one half inside the other (berbulan-bulan); a letter or two is an abbreviation (APBN-P)
    size_t shortest = strlen(a) < strlen(b) ? strlen(a) : strlen(b);
    bool lexical = strcmp(a, b) == 0 || (shortest >= 3 && (strstr(b, a) || strstr(a, b)));
    if (!lexical)
        return false; // a compound such as neo-Nazi or Rusia-Ukraina: analysed as one unknown form
    // reciprocal or idiomatic (bahu-membahu, berbulan-bulan): whole lemma, root of the base
    const char *shorter = strlen(a) <= strlen(b) ? a : b;
    if (analyze(an, shorter, &half) != SEL_OK)
        return false;
    out->lemma = keep_str(an, whole);
    out->root = half.root;
    out->clitic = clitic ? keep_str(an, clitic) : NULL;
    out->flags = SEL_TOK_REDUP;
    return true;
}

// True when @p word is @p stem with one of the language's inflectional endings.
static bool inflects_to(const struct morphology *m, const char *stem, const char *word)
{
    for (size_t i = 0; i < m->inflect_from.n; i++) {
        const char *end = m->inflect_from.v[i], *repl = m->inflect_to.v[i];
        size_t ks = strlen(stem), kr = strlen(repl);
        if (ks < kr || strcmp(stem + ks - kr, repl) != 0)
            continue;
        size_t head = ks - kr;
        if (strncmp(word, stem, head) == 0 && strcmp(word + head, end) == 0)
            return true;
        // a doubled final consonant: kidnap -> kidnapped, plan -> planning
        if (kr == 0 && head > 0 && strncmp(word, stem, head) == 0 && word[head] == stem[head - 1] &&
            !strchr("aeiouy", word[head]) && strcmp(word + head + 1, end) == 0)
            return true;
    }
    return false;
}

// What analyze_suffixing() knows of one form: Hunspell's stems of the lowercase word (the first
// n_lower) and of the word as written.
struct suffixing_state {
    const char *form, *lower;
    enum casing casing;
    const char *stems[2 * MAX_STEMS];
    size_t n, n_lower;
    char best[MAX_WORD * 4]; // the lemma found so far, "" for none
};

// 1. The language's inflection rules, in order ("s" before "es": corpses -> corpse, not
//    corps), on the lowercase word and, for a name, on the word as written; the first the
//    dictionary knows wins. Words listed under `keep` (news, series) stay whole, and so do
//    dictionary words matching a `keep-pattern` (*ss: "pass" is not "pas" + -s).
static void lemma_by_inflection(sel_analyzer *an, struct suffixing_state *st)
{
    const struct morphology *m = an->m;
    const char *lower = st->lower;
    if (in_list(&m->keep, lower) || (matches_keep_pattern(m, lower) && spell(an, lower))) {
        set_str(st->best, sizeof(st->best), lower);
        return;
    }
    char first[MAX_WORD * 4] = ""; // the first candidate the dictionary knows
    for (size_t i = 0; !st->best[0] && i < m->inflect_from.n; i++) {
        const char *end = m->inflect_from.v[i];
        size_t k = strlen(lower), e = strlen(end);
        if (k < e + 2 || !ends_with(lower, end))
            continue;
        for (int pass = 0; pass < 2 && !st->best[0]; pass++) {
            const char *word = pass == 0 ? lower : st->form;
            if (pass == 1 && st->casing == CASE_LOWER)
                break;
            char cand[MAX_WORD * 4];
            snprintf(cand, sizeof(cand), "%.*s%s", (int)(k - e), word, m->inflect_to.v[i]);
            size_t c = strlen(cand);
            if (!spell(an, cand) && !*m->inflect_to.v[i] && c > 3 && cand[c - 1] == cand[c - 2] &&
                !strchr("aeiouy", cand[c - 1]))
                cand[c - 1] = '\0'; // kidnapped -> kidnap
            if (!spell(an, cand) || in_list(&m->rare_stems, cand))
                continue;
            // Of two readings the dictionary knows ("bombing": bombe + -ing, bomb + -ing), the one
            // Hunspell also gives as a stem of the word wins.
            for (size_t j = 0; j < st->n && !st->best[0]; j++)
                if (strcmp(st->stems[j], cand) == 0)
                    set_str(st->best, sizeof(st->best), cand);
            if (!first[0])
                set_str(first, sizeof(first), cand);
        }
    }
    if (!st->best[0] && first[0])
        set_str(st->best, sizeof(st->best), first);
}

// 2. Else a stem of Hunspell's that the inflection rules explain (not "proposes" -> "pose"),
//    or the word itself.
static void lemma_by_stem(sel_analyzer *an, struct suffixing_state *st)
{
    const struct morphology *m = an->m;
    for (size_t i = 0; !st->best[0] && i < st->n; i++) {
        const char *word = i < st->n_lower ? st->lower : st->form;
        const char *stem = st->stems[i];
        if (strcmp(stem, word) == 0 ||
            (strlen(stem) >= 3 && inflects_to(m, stem, word) && !in_list(&m->rare_stems, stem)))
            set_str(st->best, sizeof(st->best), stem);
    }
}

// 3. An inflected form of an inflected form ("bombings" -> "bombing" -> "bomb").
static void lemma_of_lemma(sel_analyzer *an, struct suffixing_state *st)
{
    const struct morphology *m = an->m;
    for (size_t i = 0; st->best[0] && strcasecmp(st->best, st->lower) != 0 && i < m->inflect_always.n && an->depth < 2;
         i++) {
        if (!ends_with(st->best, m->inflect_always.v[i]))
            continue;
        struct sel_word inner;
        an->depth++;
        int rc = analyze(an, st->best, &inner);
        an->depth--;
        if (rc == SEL_OK && !(inner.flags & SEL_TOK_UNKNOWN))
            set_str(st->best, sizeof(st->best), inner.lemma);
        break;
    }
}

// The possessive: "Iraq's" is "Iraq" (the clitic is kept apart, as in Indonesian); irregular
// forms (shot -> shoot, fled -> flee) are listed. Returns true when it decided.
static bool suffixing_listed(sel_analyzer *an, const char *form, const char *lower, struct sel_word *out, int *rc)
{
    const struct morphology *m = an->m;
    for (size_t i = 0; i < m->enclitics.n && an->depth < 2; i++) {
        const char *c = m->enclitics.v[i];
        size_t n = strlen(form), k = strlen(c);
        if (n > k + 1 && ends_with(form, c)) {
            char base[MAX_WORD * 4];
            snprintf(base, sizeof(base), "%.*s", (int)(n - k), form);
            an->depth++;
            *rc = analyze(an, base, out);
            an->depth--;
            out->clitic = c;
            return true;
        }
    }
    ptrdiff_t irregular = sel_word_list_find(&m->irregular_from, lower);
    if (irregular >= 0) {
        out->lemma = out->root = m->irregular_to.v[irregular];
        return true;
    }
    return false;
}

// Languages that inflect with endings (English): the lemma is the dictionary stem. Hunspell's
// en_US stems strip prefixes too ("proposes" -> "pose"), so only stems that keep the start of
// the word count, and the language's inflection rules fill in what Hunspell does not give.
static int analyze_suffixing(sel_analyzer *an, const char *form, const char *lower, enum casing casing,
                             struct sel_word *out)
{
    int rc = SEL_OK;
    if (suffixing_listed(an, form, lower, out, &rc))
        return rc;
    struct suffixing_state st = { .form = form, .lower = lower, .casing = casing };
    st.n = an->dict ? sel_dict_stems(an->dict, lower, st.stems, MAX_STEMS) : 0;
    st.n_lower = st.n;
    if (casing != CASE_LOWER && an->dict) // names are listed capitalised: "Palestinians" -> "Palestinian"
        st.n += sel_dict_stems(an->dict, form, st.stems + st.n, MAX_STEMS);
    bool known = st.n > 0 || spell(an, lower) || (casing != CASE_LOWER && spell(an, form));
    bool capitalized_stem = false;
    for (size_t i = st.n_lower; i < st.n; i++)
        capitalized_stem = capitalized_stem || stem_is_capitalized(st.stems[i]);
    lemma_by_inflection(an, &st);
    lemma_by_stem(an, &st);
    lemma_of_lemma(an, &st);
    bool proper = casing != CASE_LOWER && (!known || capitalized_stem || (casing == CASE_UPPER && strlen(lower) <= 5));
    for (size_t i = 0; !proper && i < an->m->proper.n; i++)
        proper = strcmp(form, an->m->proper.v[i]) == 0;
    if (proper) {
        // a name keeps its case; an inflected one ("Palestinians") takes its capitalised stem
        char cased[MAX_WORD * 4];
        set_str(cased, sizeof(cased), form);
        size_t k = strlen(st.best);
        if (k && k <= strlen(cased) && strncasecmp(st.best, cased, k) == 0)
            cased[k] = '\0'; // keep the form's own capitals on the stem's length
        out->lemma = out->root = keep_str(an, cased);
        out->flags = SEL_TOK_PROPER;
    } else {
        out->lemma = out->root = keep_str(an, st.best[0] ? st.best : lower);
    }
    if (!known)
        out->flags |= SEL_TOK_UNKNOWN;
    return SEL_OK;
}

// What the steps of analyze_uncached() learn about one form, in order.
struct word_state {
    const char *form;              // as written
    enum casing casing;
    int letters;
    char lower[MAX_WORD * 4];      // lowercased
    char base[MAX_WORD * 4];       // lowercased, without its clitic
    char stem[MAX_WORD * 4];       // the root found, as the dictionary spells it
    bool have_stem;                // Hunspell (or a listed root) gave the stem
    bool found;                    // a stem, from Hunspell or from stripping affixes
    bool listed_proper;            // the form is listed as a name (Jumat, Barat)
};

// Listed forms: a non-standard spelling is analysed as its standard form (tantara), and a word
// listed whole (adalah, masing-masing) is its own lemma and root. Returns true when it decided.
static bool analyze_listed(sel_analyzer *an, const struct word_state *ws, struct sel_word *out, int *rc)
{
    const struct morphology *m = an->m;
    ptrdiff_t respelt = an->depth < 3 ? sel_word_list_find(&m->spelling_from, ws->lower) : -1;
    if (respelt >= 0) {
        const char *std = m->spelling_to.v[respelt];
        if (strchr(std, ' ')) {
            out->lemma = out->root = std;
        } else {
            an->depth++;
            *rc = analyze(an, std, out);
            an->depth--;
        }
        out->flags |= SEL_TOK_NONSTANDARD;
        return true;
    }
    if (in_list(&m->own_roots, ws->lower)) {
        out->lemma = out->root = keep_str(an, ws->lower);
        return true;
    }
    return false;
}

// Enclitics: pasukannya -> pasukan. Not when the word is listed as whole, or is itself a
// dictionary stem (hanya, meskipun). Sets base (and the stem of what is left) and out->clitic.
static void strip_enclitic(sel_analyzer *an, struct word_state *ws, struct sel_word *out)
{
    const struct morphology *m = an->m;
    const char *lower = ws->lower;
    set_str(ws->base, sizeof(ws->base), lower);
    // Hunspell looks a capitalised or all-capitals word up in lowercase too, so when it has no
    // stem for the word as written it has none for the lowercase word either: a name it does
    // not know (Putin, KCNA) costs one call instead of two. The lowercase stems come first.
    bool titled = ws->casing == CASE_CAPITALIZED || ws->casing == CASE_UPPER;
    const char *none[1];
    ws->have_stem = (!titled || (an->dict && sel_dict_stems(an->dict, ws->form, none, 1) > 0)) &&
                    (best_stem(an, lower, ws->stem, sizeof(ws->stem)) ||
                     (ws->casing != CASE_LOWER && best_stem(an, ws->form, ws->stem, sizeof(ws->stem))));
    bool whole_is_stem = ws->have_stem && strcasecmp(ws->stem, lower) == 0;
    // A keep-pattern ("se*nya") protects a word only when its head is an affix, not the start of
    // the stem: sepenuhnya (st:penuh) is kept, sekutunya (st:sekutu) loses its clitic.
    bool kept_by_pattern = matches_keep_pattern(m, lower) && ws->have_stem && !starts_with(ws->stem, "se");
    bool strip = in_list(&m->strip_clitic, lower);
    bool listed_root = in_list(&m->root_from, lower); // menikah: nikah, not meni + -kah
    if ((whole_is_stem && !strip) || in_list(&m->keep, lower) || kept_by_pattern || listed_root)
        return;
    for (size_t i = 0; i < m->enclitics.n; i++) {
        const char *c = m->enclitics.v[i];
        size_t n = strlen(lower), k = strlen(c);
        // a capitalised word ending in -ku or -mu is a name (Maluku), not a host and a clitic
        if (n < k + 2 || !ends_with(lower, c) || (ws->casing != CASE_LOWER && k < 3))
            continue;
        char cand[MAX_WORD * 4];
        snprintf(cand, sizeof(cand), "%.*s", (int)(n - k - (lower[n - k - 1] == '-')), lower); // hamba-ku
        // A host the dictionary does not know loses only the first (the productive) clitic:
        // alutsistanya is alutsista + -nya, Abdullah is not Abdul + -lah.
        if (spell(an, cand) || (!ws->have_stem && i == 0) || strip) {
            set_str(ws->base, sizeof(ws->base), cand);
            out->clitic = c;
            ws->have_stem = best_stem(an, ws->base, ws->stem, sizeof(ws->stem));
            return;
        }
    }
}

// The listed roots: words that are their own (pasukan), roots given (dialaminya: alami), and
// a lexical prefix (se-: sebesar, seusai) that stays on the root unless the word is listed as
// derived from what follows it (seorang -> orang).
static void apply_listed_roots(sel_analyzer *an, struct word_state *ws)
{
    const struct morphology *m = an->m;
    if (in_list(&m->own_roots, ws->base)) {
        set_str(ws->stem, sizeof(ws->stem), ws->base);
        ws->have_stem = true;
    }
    ptrdiff_t listed = sel_word_list_find(&m->root_from, ws->base);
    if (listed >= 0) {
        set_str(ws->stem, sizeof(ws->stem), m->root_to.v[listed]);
        ws->have_stem = true;
    }
    if (!ws->have_stem || in_list(&m->prefix_roots, ws->base))
        return;
    char lst[MAX_WORD * 4];
    lowercase(ws->stem, lst, sizeof(lst));
    for (size_t i = 0; i < m->lexical_prefixes.n; i++) {
        const char *p = m->lexical_prefixes.v[i];
        if (starts_with(ws->base, p) && strcmp(ws->base + strlen(p), lst) == 0) {
            set_str(ws->stem, sizeof(ws->stem), ws->base);
            break;
        }
    }
}

// Only when asked (a query typed by a user): a typo one edit away from a dictionary word
// (perjanjan) is analysed as that word. Text keeps its unknown words as written. Returns true
// when @p out holds the analysis of the corrected word.
static bool analyze_typo(sel_analyzer *an, const struct word_state *ws, struct sel_word *out)
{
    char fix[MAX_WORD * 4];
    if (!an->suggest || ws->casing != CASE_LOWER || an->depth >= 2 || !one_edit_away(an, ws->base, fix, sizeof(fix)))
        return false;
    an->depth++;
    bool fixed = analyze(an, fix, out) == SEL_OK && !(out->flags & SEL_TOK_UNKNOWN);
    an->depth--;
    if (fixed) {
        out->flags |= SEL_TOK_NONSTANDARD;
        return true;
    }
    memset(out, 0, sizeof(*out));
    return false;
}

// Lemma: the passive di- and bare -kan/-i verbs become the active meN- form; else the base.
static void active_lemma(sel_analyzer *an, const struct word_state *ws, const char *lstem, char *lemma, size_t size,
                         struct sel_word *out)
{
    const struct morphology *m = an->m;
    const char *base = ws->base;
    set_str(lemma, size, base);
    if (!ws->found || strcmp(lstem, base) == 0 || in_list(&m->keep, base))
        return;
    for (size_t i = 0; i < m->passive.n; i++) {
        const char *p = m->passive.v[i];
        const char *rest = base + strlen(p);
        if (starts_with(base, p) && strstr(rest, lstem) && strlen(rest) >= 3) {
            make_active(an, rest, lstem, lemma, size);
            out->flags |= SEL_TOK_PASSIVE;
            return;
        }
    }
    for (size_t i = 0; i < m->bare_suffixes.n; i++) {
        // stem + suffix, or per- + stem + suffix (peringatkan -> memperingatkan)
        size_t k = strlen(lstem);
        size_t at = starts_with(base, "per") && strncmp(base + 3, lstem, k) == 0 ? 3 : 0;
        if (strncmp(base + at, lstem, k) == 0 && strcmp(base + at + k, m->bare_suffixes.v[i]) == 0) {
            make_active(an, base, lstem, lemma, size);
            return;
        }
    }
}

// Case: names and acronyms keep theirs; ordinary words capitalised by position do not.
static void set_case(sel_analyzer *an, const struct word_state *ws, const char *lemma, const char *lstem,
                     struct sel_word *out)
{
    bool found = ws->found;
    enum casing casing = ws->casing;
    bool proper = (found && stem_is_capitalized(ws->stem)) || (!found && casing != CASE_LOWER) ||
                  (casing == CASE_UPPER && ws->letters <= 4) || ws->listed_proper;
    if (casing == CASE_UPPER && ws->letters > 4 && found)
        proper = false; // "MEMBACA" in a headline
    if (proper && casing != CASE_LOWER) {
        // keep the form's own case, minus any clitic
        char kept[MAX_WORD * 4];
        snprintf(kept, sizeof(kept), "%.*s", (int)strlen(ws->base), ws->form);
        out->lemma = keep_str(an, strcmp(lemma, ws->base) == 0 ? kept : lemma);
        out->root = found && strcasecmp(lstem, ws->base) != 0 ? keep_str(an, lstem) : out->lemma;
        out->flags |= SEL_TOK_PROPER;
    } else {
        out->lemma = keep_str(an, lemma);
        out->root = keep_str(an, found ? lstem : ws->base);
    }
    if (!found)
        out->flags |= SEL_TOK_UNKNOWN;
}

static int analyze_uncached(sel_analyzer *an, const char *form, struct sel_word *out)
{
    struct word_state ws = { .form = form };
    int digits;
    ws.casing = casing_of(form, &ws.letters, &digits);
    memset(out, 0, sizeof(*out));
    if (ws.letters == 0) {
        out->lemma = out->root = keep_str(an, form);
        out->flags = digits ? SEL_TOK_NUM : SEL_TOK_PUNCT;
        return SEL_OK;
    }
    lowercase(form, ws.lower, sizeof(ws.lower));
    if (an->m->suffixing)
        return analyze_suffixing(an, form, ws.lower, ws.casing, out);
    int rc = SEL_OK;
    if (analyze_listed(an, &ws, out, &rc))
        return rc;
    if (strchr(ws.lower, '-') && an->depth < 3) {
        an->depth++;
        bool done = analyze_hyphenated(an, form, ws.lower, out);
        an->depth--;
        if (done)
            return SEL_OK;
    }
    strip_enclitic(an, &ws, out);
    apply_listed_roots(an, &ws);

    // Forms Hunspell does not list (dirilis, Usulkan in a headline): strip affixes until it
    // knows the rest. A capitalised form that strips to a word is a word, not a name.
    ws.found = ws.have_stem;
    ws.listed_proper = in_list(&an->m->proper, form);
    if (!ws.found && an->dict &&
        (ws.casing == CASE_LOWER || (ws.casing == CASE_CAPITALIZED && !ws.listed_proper)))
        ws.found = strip_to_root(an, ws.base, ws.stem, sizeof(ws.stem), ws.casing == CASE_CAPITALIZED);
    if (ws.found && !ws.have_stem && ws.casing == CASE_CAPITALIZED)
        ws.casing = CASE_LOWER;
    if (!ws.found && analyze_typo(an, &ws, out))
        return SEL_OK;

    char lemma[MAX_WORD * 4], lstem[MAX_WORD * 4] = "";
    if (ws.found)
        lowercase(ws.stem, lstem, sizeof(lstem));
    active_lemma(an, &ws, lstem, lemma, sizeof(lemma), out);
    set_case(an, &ws, lemma, lstem, out);
    return SEL_OK;
}

static int analyze(sel_analyzer *an, const char *form, struct sel_word *out)
{
    size_t len = strlen(form);
    struct sel_word *cached = sel_strmap_get(an->cache, form, len);
    if (cached) {
        *out = *cached;
        return SEL_OK;
    }
    if (len >= MAX_WORD) {
        // Not a word anyone looks up (a URL, a long run of symbols): keep it as it is.
        memset(out, 0, sizeof(*out));
        out->lemma = out->root = keep_str(an, form);
        out->flags = SEL_TOK_UNKNOWN;
    } else {
        int rc = analyze_uncached(an, form, out);
        if (rc != SEL_OK)
            return rc;
    }
    if (len >= MAX_WORD) // never a word again: not worth a second copy in the cache
        return SEL_OK;
    struct sel_word *slot = sel_arena_alloc(&an->arena, sizeof(*slot));
    if (!slot || sel_strmap_put(an->cache, form, len, slot) != SEL_OK)
        return SEL_ENOMEM;
    an->kept_bytes += len + 1 + sizeof(*slot);
    *slot = *out;
    return SEL_OK;
}

int sel_analyze_word(sel_analyzer *an, sel_ctx *ctx, const char *form, size_t len, struct sel_word *out)
{
    SEL_CHECK_ARG(an && form && out, SEL_EINVAL);
    // a form too long for the buffer is copied whole (analyze() keeps such a form as it is):
    // cutting it would split a character and lose the rest of the word
    char buf[MAX_WORD * 4 + 1];
    char *copy = len < sizeof(buf) ? buf : malloc(len + 1);
    if (!copy)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    memcpy(copy, form, len);
    copy[len] = '\0';
    int rc = analyze(an, copy, out);
    if (copy != buf)
        free(copy);
    return rc == SEL_OK ? rc : sel_error(ctx, rc, "out of memory");
}

void sel_word_flags_format(const struct sel_word *w, char *buf, size_t size)
{
    static const struct {
        unsigned flag;
        const char *name;
    } names[] = {
        { SEL_TOK_PUNCT, "punct" }, { SEL_TOK_NUM, "num" },         { SEL_TOK_REDUP, "redup" },
        { SEL_TOK_PASSIVE, "passive" }, { SEL_TOK_PROPER, "proper" }, { SEL_TOK_NONSTANDARD, "nonstandard" },
        { SEL_TOK_UNKNOWN, "unknown" },
    };
    size_t used = 0;
    buf[0] = '\0';
    if (w->clitic)
        used += (size_t)snprintf(buf, size, "clitic=%s", w->clitic);
    for (size_t i = 0; i < sizeof(names) / sizeof(*names) && used < size; i++)
        if (w->flags & names[i].flag)
            used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? "|" : "", names[i].name);
    if (!used)
        snprintf(buf, size, "_");
}
