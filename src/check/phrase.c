// SPDX-License-Identifier: MIT
// Looser matching of English equivalents in a target sentence, for what the English analysis
// does not know: British spellings ("organisations" for "organization"), regular inflections of
// words missing from the dictionary, and a multi-word equivalent shortened to its head ("the
// ministry" for "Ministry of Defence", "the equipment" for "defence equipment"), which is how a
// translator refers back to a body or thing already named.
#include "src/check/check_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { MAX_WORDS = 64, WORD_MAX = 48 };

struct words {
    char w[MAX_WORDS][WORD_MAX];
    size_t n;
};

static bool word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// Lower case, with z spelt s (organize, organise), apostrophes and dots inside a word dropped
// (Shi'ite, U.S.), and the possessive 's dropped.
static void split(const char *text, size_t start, size_t end, struct words *out, size_t max, bool hyphen_joins)
{
    out->n = 0;
    for (size_t i = start; i < end && out->n < max;) {
        if (!word_char((unsigned char)text[i])) {
            i++;
            continue;
        }
        size_t j = i, o = 0;
        char *w = out->w[out->n];
        // a hyphen between letters stays in the word: "Secretary-General" has no head to stand alone
        while (j < end && (word_char((unsigned char)text[j]) ||
                           (((text[j] == '-' && hyphen_joins) || text[j] == '\'' || text[j] == '.') && j + 1 < end &&
                            word_char((unsigned char)text[j + 1]) && j > i))) {
            char c = text[j++];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c == 'z')
                c = 's';
            if (c == '\'' || (c == '.' && o > 0 && j < end && word_char((unsigned char)text[j]))) // Shi'ite, U.S.
                continue;
            if (o + 1 < WORD_MAX)
                w[o++] = c;
        }
        w[o] = '\0';
        out->n++;
        if (j + 1 < end && text[j] == '\'' && text[j + 1] == 's')
            j += 2;
        i = j;
    }
}

// Whether @p form is @p base or a regular inflection of it: -s, -es, -ed, -d, -ing, -ies/-ied
// for a final y, -ing for a final e dropped.
static bool inflects(const char *form, const char *base)
{
    size_t f = strlen(form), b = strlen(base);
    if (f < b || b == 0)
        return false;
    if (strncmp(form, base, b) == 0) {
        const char *rest = form + b;
        return !*rest || !strcmp(rest, "s") || !strcmp(rest, "es") || !strcmp(rest, "ed") || !strcmp(rest, "d") ||
               !strcmp(rest, "ing") || (rest[0] == base[b - 1] && (!strcmp(rest + 1, "ed") || !strcmp(rest + 1, "ing")));
    }
    if (b >= 2 && (base[b - 1] == 'y' || base[b - 1] == 'e') && strncmp(form, base, b - 1) == 0) {
        const char *rest = form + b - 1;
        return base[b - 1] == 'y' ? !strcmp(rest, "ies") || !strcmp(rest, "ied") : !strcmp(rest, "ing");
    }
    return false;
}

// Whether @p form is @p base or its plural: a noun's only inflection ("rules", not "ruled").
static bool noun_inflects(const char *form, const char *base)
{
    size_t f = strlen(form), b = strlen(base);
    if (f < b || b == 0)
        return false;
    if (strncmp(form, base, b) == 0)
        return !form[b] || !strcmp(form + b, "s") || !strcmp(form + b, "es");
    return b >= 2 && base[b - 1] == 'y' && strncmp(form, base, b - 1) == 0 && !strcmp(form + b - 1, "ies");
}

static const char *const FILLER[] = { "of", "the", "for", "and", "a", "an", "on", "in", NULL };

static bool filler(const char *w)
{
    for (size_t i = 0; FILLER[i]; i++)
        if (strcmp(FILLER[i], w) == 0)
            return true;
    return false;
}

static const char *const ENDINGS[] = { "ically", "ations", "ation", "ments", "ment", "ions", "ion", "ical",
                                       "ally", "ary", "ics", "ers", "ing", "ive", "ity", "ist", "ian", "ic",
                                       "al", "ed", "er", "es", "s", "e", NULL };

// The stem of @p w for derivation: one English derivational or inflectional ending taken off
// while four letters stay ("mediation" -> "medi", "political" -> "politic"), the first of
// ENDINGS from @p from on that fits; *next is where to look for another reading.
static size_t derivation_stem_from(const char *w, size_t from, size_t *next)
{
    size_t n = strlen(w);
    for (size_t i = from; ENDINGS[i]; i++) {
        size_t k = strlen(ENDINGS[i]);
        if (n >= k + 4 && strcmp(w + n - k, ENDINGS[i]) == 0) {
            *next = i + 1;
            return n - k;
        }
    }
    *next = SIZE_MAX;
    return n;
}

static size_t derivation_stem(const char *w)
{
    size_t next;
    return derivation_stem_from(w, 0, &next);
}

// Whether two words have one stem of five letters or more under some reading of their endings:
// "mediation" is also "mediat" + "ion", as "mediated" is "mediat" + "ed".
static bool share_long_stem(const char *a, const char *b)
{
    for (size_t i = 0, ni; i != SIZE_MAX; i = ni) {
        size_t la = derivation_stem_from(a, i, &ni);
        if (la < 5)
            continue;
        for (size_t j = 0, nj; j != SIZE_MAX; j = nj) {
            size_t lb = derivation_stem_from(b, j, &nj);
            if (lb == la && strncmp(a, b, la) == 0)
                return true;
        }
    }
    return false;
}

// Whether @p form is the adjective of the noun @p base: "parliamentary", "Iraqi", "Korean",
// "regional". The noun keeps four letters at least and stays whole.
static bool adjective_of(const char *form, const char *base)
{
    static const char *const SUFFIXES[] = { "ary", "al", "ic", "ian", "ese", "i", "n", NULL };
    size_t f = strlen(form), b = strlen(base);
    if (b < 4 || f <= b || strncmp(form, base, b) != 0)
        return false;
    const char *rest = form + b;
    bool vowel = strchr("aeiouy", base[b - 1]) != NULL;
    for (size_t i = 0; SUFFIXES[i]; i++)
        if (strcmp(rest, SUFFIXES[i]) == 0)
            // "Iraq" + "i" after a consonant, "Korea" + "n" after an "a"
            return !strcmp(rest, "i") ? !vowel : !strcmp(rest, "n") ? base[b - 1] == 'a' : true;
    return false;
}

// Whether @p form is @p base, an inflection of it, its adjective ("parliamentary", "Iraqi"), or a
// word derived from the same stem, as a translator turns a noun into a verb or an adjective
// ("mediation" / "mediated", "provocation" / "unprovoked", "politics" / "political", "Arab" /
// "Arabic", "procurement" / "procure"). The stems must be equal (five letters at least under
// another reading of the endings), or share five letters and differ only in their last two
// ("state" and "statement" do not).
static bool derives(const char *form, const char *base)
{
    if (inflects(form, base) || adjective_of(form, base) || share_long_stem(form, base))
        return true;
    if (strncmp(form, "un", 2) == 0 && strncmp(base, "un", 2) != 0)
        form += 2;
    size_t f = derivation_stem(form), b = derivation_stem(base);
    if (f < 4 || b < 4)
        return false;
    size_t common = 0;
    while (common < f && common < b && form[common] == base[common])
        common++;
    size_t shorter = f < b ? f : b;
    return (common == f && common == b) || (common >= 5 && common + 2 >= shorter && (f > b ? f - b : b - f) <= 2);
}

enum match_words { INFLECTED, AS_NOUN, DERIVED };

static bool word_matches(const char *form, const char *base, enum match_words how)
{
    return how == DERIVED ? derives(form, base) : how == AS_NOUN ? noun_inflects(form, base) : inflects(form, base);
}

static bool phrase_at(const struct words *t, const struct words *p, enum match_words how)
{
    for (size_t i = 0; i + p->n <= t->n; i++) {
        size_t k = 0;
        while (k < p->n && word_matches(t->w[i + k], p->w[k], how))
            k++;
        if (k == p->n)
            return true;
    }
    return false;
}

bool check_phrase_in(const char *text, size_t start, size_t end, const char *phrase, bool head, bool noun)
{
    struct words t, p; // on the stack: checkers run on several threads at once (check --jobs)
    split(phrase, 0, strlen(phrase), &p, MAX_WORDS, true);
    if (!p.n)
        return false;
    split(text, start, end, &t, MAX_WORDS, true);
    if (head && p.n > 1) {
        // The head of an English noun phrase: the word before "of" ("Ministry of Defence"), else the last.
        size_t h = p.n - 1;
        for (size_t i = 1; i < p.n; i++)
            if (strcmp(p.w[i], "of") == 0) {
                h = i - 1;
                break;
            }
        if (filler(p.w[h]) || strlen(p.w[h]) < 4)
            return false;
        for (size_t i = 0; i < t.n; i++)
            if (word_matches(t.w[i], p.w[h], noun ? AS_NOUN : INFLECTED))
                return true;
        return false;
    }
    if (phrase_at(&t, &p, noun ? AS_NOUN : INFLECTED))
        return true;
    if (noun)
        return false;
    // "air-defence missiles" holds "air defence"; "nuclear-armed" does not hold "nuclear arms"
    split(text, start, end, &t, MAX_WORDS, false);
    return phrase_at(&t, &p, DERIVED);
}

void check_rendering_key(const char *term, char *buf, size_t size)
{
    struct words p; // not static: checkers run on several threads at once (check --jobs)
    split(term, 0, strlen(term), &p, MAX_WORDS, true);
    // the four-letter stems of the content words in order: "Sudan" = "Sudanese"
    char stems[MAX_WORDS][5];
    size_t n = 0;
    for (size_t i = 0; i < p.n; i++)
        if (!filler(p.w[i]))
            snprintf(stems[n++], sizeof(stems[0]), "%.4s", p.w[i]);
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && o + 6 < size; i++)
        o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? " " : "", stems[i]);
}
