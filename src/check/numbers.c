// SPDX-License-Identifier: MIT
// Numbers and dates: every number and date of a source sentence must stand in its aligned target,
// in the target's own conventions. Each side is read into facts:
//   values  "10.000" (id) = "10,000" (en) = 10000; "4,5 juta" = "4.5 million"; "Rp5 triliun" =
//           "5 trillion rupiah"; "ke-77" = "77th"; "tiga" is not read, but "three" is (the
//           English may spell out what the Indonesian wrote in digits);
//   dates   "(15/8)" = "15 Agustus" = "Aug. 15" = "August 15" = "15 August";
//   times   "pukul 07.10" = "07:10" = "7.10 a.m."; "19.00 WIB" = "7 p.m.".
// A number glued to letters is a code ("F-16", "G20", "A400M") and not read.
#include "src/check/check_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum fact_kind { FACT_VALUE, FACT_DATE, FACT_TIME };

struct fact {
    enum fact_kind kind;
    double value;         // FACT_VALUE: the number; FACT_TIME: minutes after midnight
    int day, month;       // FACT_DATE
    size_t start, end;    // where it is written
    bool integer;         // written without a decimal part or magnitude
    bool used;
};

enum { MAX_FACTS = 64, WORD_MAX = 32 };

struct facts {
    struct fact v[MAX_FACTS];
    size_t n;
};

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}

static void lower(char *buf, const char *s, size_t len)
{
    size_t n = len < WORD_MAX - 1 ? len : WORD_MAX - 1;
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
    buf[n] = '\0';
}

static int find_word(const char *const *list, const char *w)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], w) == 0)
            return i;
    return -1;
}

static const char *const ID_MONTHS[] = { "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
                                         "september", "oktober", "november", "desember", NULL };
static const char *const EN_MONTHS[] = { "january", "february", "march", "april", "may", "june", "july", "august",
                                         "september", "october", "november", "december", NULL };
static const char *const EN_MONTHS_SHORT[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                               "nov", "dec", NULL };

// 1..12, or 0. English "may" is a month only when written "May".
static int month_of(const char *w, const char *written, bool en)
{
    int k = find_word(en ? EN_MONTHS : ID_MONTHS, w);
    if (k < 0 && en)
        k = find_word(EN_MONTHS_SHORT, w);
    if (k < 0 && en && strcmp(w, "sept") == 0)
        k = 8;
    if (k == 4 && en && written[0] != 'M')
        return 0;
    return k + 1;
}

static const char *const ID_MAGNITUDES[] = { "ratus", "ribu", "juta", "miliar", "triliun", NULL };
static const char *const EN_MAGNITUDES[] = { "hundred", "thousand", "million", "billion", "trillion", NULL };
static const double MAGNITUDE[] = { 1e2, 1e3, 1e6, 1e9, 1e12 };

static double magnitude_of(const char *w, bool en)
{
    int k = find_word(en ? EN_MAGNITUDES : ID_MAGNITUDES, w);
    if (k < 0 && !en && strcmp(w, "milyar") == 0)
        k = 3;
    if (k < 0 && en && (strcmp(w, "bn") == 0))
        k = 3;
    return k < 0 ? 0 : MAGNITUDE[k];
}

// English number words: what a translator may write for a digit of the source.
static const char *const EN_NUMBERS[] = { "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                          "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                                          "sixteen", "seventeen", "eighteen", "nineteen", "twenty", NULL };
static const char *const EN_TENS[] = { "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", NULL };
static const char *const EN_ORDINALS[] = { "zeroth", "first", "second", "third", "fourth", "fifth", "sixth",
                                           "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", NULL };

static double number_word(const char *w)
{
    int k;
    if ((k = find_word(EN_NUMBERS, w)) > 0)
        return k;
    if ((k = find_word(EN_TENS, w)) >= 0)
        return 30 + 10 * k;
    if ((k = find_word(EN_ORDINALS, w)) > 0)
        return k;
    return -1;
}

static void push(struct facts *f, struct fact x)
{
    if (f->n < MAX_FACTS)
        f->v[f->n++] = x;
}

// The value of the digits and separators @p s[0..len) in a language whose group separator is
// @p group: a group separator followed by three digits joins, any other separator is the
// decimal point. False when it does not read as one number ("1.2.3").
static bool parse_value(const char *s, size_t len, char group, double *out, bool *integer)
{
    char buf[64];
    size_t o = 0;
    bool decimal = false;
    for (size_t i = 0; i < len && o + 2 < sizeof(buf); i++) {
        if (is_digit(s[i])) {
            buf[o++] = s[i];
            continue;
        }
        size_t digits = 0;
        while (i + 1 + digits < len && is_digit(s[i + 1 + digits]))
            digits++;
        if (s[i] == group && digits == 3 && !decimal)
            continue;
        // Indonesian text copied from English sources writes "7,000": a comma before exactly three
        // digits that end the number is a thousands separator there too
        if (group == '.' && s[i] == ',' && digits == 3 && i + 4 == len && !decimal && !memchr(s, '.', len))
            continue;
        if (decimal)
            return false;
        decimal = true;
        buf[o++] = '.';
    }
    buf[o] = '\0';
    *out = strtod(buf, NULL);
    *integer = !decimal;
    return o > 0;
}

// The word [*ws, *we) that follows @p pos after spaces (and a '.' or ',' when @p punct), if any.
static bool next_word(const char *t, size_t pos, size_t end, bool punct, size_t *ws, size_t *we)
{
    size_t i = pos;
    while (i < end && (t[i] == ' ' || (punct && (t[i] == '.' || t[i] == ','))))
        i++;
    if (i >= end || !is_letter(t[i]))
        return false;
    size_t j = i;
    while (j < end && (is_letter(t[j]) || t[j] == '.'))
        j++;
    while (j > i && t[j - 1] == '.')
        j--;
    *ws = i;
    *we = j;
    return true;
}

// Whether the time words "a.m."/"am"/"p.m."/"pm" follow @p pos; @p pm set for the afternoon.
static bool clock_suffix(const char *t, size_t pos, size_t end, bool *pm, size_t *after)
{
    size_t i = pos;
    while (i < end && t[i] == ' ')
        i++;
    const char *forms[] = { "a.m.", "am", "p.m.", "pm", NULL };
    for (int k = 0; forms[k]; k++) {
        size_t n = strlen(forms[k]);
        if (i + n <= end && strncmp(t + i, forms[k], n) == 0 && (i + n == end || !is_letter(t[i + n]))) {
            *pm = k >= 2;
            *after = i + n;
            return true;
        }
    }
    return false;
}

static bool zone_follows(const char *t, size_t pos, size_t end)
{
    size_t ws, we;
    if (!next_word(t, pos, end, false, &ws, &we))
        return false;
    char w[WORD_MAX];
    lower(w, t + ws, we - ws);
    return strcmp(w, "wib") == 0 || strcmp(w, "wita") == 0 || strcmp(w, "wit") == 0 || strcmp(w, "gmt") == 0 ||
           strcmp(w, "utc") == 0 || strcmp(w, "local") == 0;
}

// A number token at @p i: digits with '.', ',', '/', ':' between digits.
static size_t number_token(const char *t, size_t i, size_t end)
{
    size_t j = i;
    while (j < end && (is_digit(t[j]) || ((t[j] == '.' || t[j] == ',' || t[j] == '/' || t[j] == ':') && j + 1 < end &&
                                          is_digit(t[j + 1]))))
        j++;
    return j;
}

// Whether letters glued before the digits at @p i make a code ("F-16", "G20") rather than a
// currency ("Rp5", "US$5") or an ordinal ("ke-77").
static bool glued_code(const char *t, size_t start, size_t i)
{
    size_t k = i;
    if (k > start && t[k - 1] == '-')
        k--;
    if (k == start || !is_letter(t[k - 1]))
        return false; // "(15/8)", "2024-2025", "US$5"
    size_t w = k;
    while (w > start && is_letter(t[w - 1]))
        w--;
    bool upper = false; // codes are written with capitals; "mid-2026" and "ke-77" are numbers
    for (size_t x = w; x < k; x++)
        upper |= t[x] >= 'A' && t[x] <= 'Z';
    char word[WORD_MAX];
    lower(word, t + w, k - w);
    return upper && strcmp(word, "rp") != 0;
}

static void read_facts(const char *t, size_t start, size_t end, bool en, struct facts *out)
{
    out->n = 0;
    int pending_month = 0;        // a month name just read (English "August 15")
    size_t month_start = 0, after_month = 0;
    char prev_word[WORD_MAX] = "";
    for (size_t i = start; i < end;) {
        if (is_letter(t[i])) {
            size_t j = i;
            while (j < end && is_letter(t[j]))
                j++;
            char w[WORD_MAX];
            lower(w, t + i, j - i);
            int m = month_of(w, t + i, en);
            double v;
            struct fact *last = out->n ? &out->v[out->n - 1] : NULL;
            bool close = last && last->end <= i && strspn(t + last->end, " -") >= i - last->end; // "40-billion-euro"
            if (m && last && close && last->kind == FACT_VALUE && last->integer && last->value >= 1 &&
                last->value <= 31) {
                *last = (struct fact){ FACT_DATE, 0, (int)last->value, m, last->start, j, true, false };
            } else if (m) {
                pending_month = m;
                month_start = i;
                after_month = j;
            } else if ((v = magnitude_of(w, en)) > 0 && last && close && last->kind == FACT_VALUE) {
                last->value *= v;
                last->end = j;
                last->integer = false;
            } else if (en && (v = number_word(w)) > 0) {
                if (v >= 20 && v <= 90 && j + 1 < end && t[j] == '-' && is_letter(t[j + 1])) { // "forty-five"
                    size_t k = j + 1;
                    while (k < end && is_letter(t[k]))
                        k++;
                    char unit[WORD_MAX];
                    lower(unit, t + j + 1, k - j - 1);
                    double u = number_word(unit);
                    if (u >= 1 && u <= 9) {
                        v += u;
                        j = k;
                    }
                }
                push(out, (struct fact){ FACT_VALUE, v, 0, 0, i, j, true, false });
            }
            if (!m)
                pending_month = 0;
            memcpy(prev_word, w, sizeof(w));
            i = j;
            continue;
        }
        if (!is_digit(t[i]) || (i > start && is_digit(t[i - 1]))) {
            if (pending_month && !(t[i] == ' ' || t[i] == '.'))
                pending_month = 0;
            i++;
            continue;
        }
        size_t j = number_token(t, i, end);
        bool code = glued_code(t, start, i) || (j < end && is_letter(t[j]) && !en);
        if (en && j < end && is_letter(t[j])) {
            size_t k = j;
            while (k < end && is_letter(t[k]))
                k++;
            char suffix[WORD_MAX];
            lower(suffix, t + j, k - j);
            // "77th", "1990s" are numbers; "5bn" a number with its magnitude; "A400M" a code
            code = code || !(strcmp(suffix, "th") == 0 || strcmp(suffix, "st") == 0 || strcmp(suffix, "nd") == 0 ||
                             strcmp(suffix, "rd") == 0 || strcmp(suffix, "s") == 0 || strcmp(suffix, "bn") == 0 ||
                             strcmp(suffix, "m") == 0);
        }
        if (code) {
            i = j;
            while (i < end && (is_letter(t[i]) || is_digit(t[i])))
                i++;
            pending_month = 0;
            continue;
        }
        const char *s = t + i;
        size_t len = j - i;
        const char *slash = memchr(s, '/', len), *colon = memchr(s, ':', len);
        if (slash) { // 15/8 or 14/11/2025: day first, as Indonesian writes dates
            long part[3] = { -1, -1, -1 };
            int np = 0;
            for (const char *p = s; p < s + len && np < 3;) {
                char *stop;
                part[np++] = strtol(p, &stop, 10);
                p = stop < s + len && *stop == '/' ? stop + 1 : s + len;
            }
            if (np >= 2 && part[0] >= 1 && part[0] <= 31 && part[1] >= 1 && part[1] <= 12)
                push(out, (struct fact){ FACT_DATE, 0, (int)part[0], (int)part[1], i, j, true, false });
            if (np == 3 && part[2] >= 0)
                push(out, (struct fact){ FACT_VALUE, (double)part[2], 0, 0, i, j, true, false });
        } else {
            double v = 0;
            bool integer = true, pm = false;
            size_t after = j;
            bool time_word = strcmp(prev_word, "pukul") == 0 || strcmp(prev_word, "jam") == 0 ||
                             strcmp(prev_word, "at") == 0;
            bool hhmm = colon || (len == 5 && (s[2] == '.' || s[2] == ':')) || (len == 4 && (s[1] == '.' || s[1] == ':'));
            bool suffix = en && clock_suffix(t, j, end, &pm, &after);
            if ((hhmm && (time_word || colon || zone_follows(t, j, end) || suffix)) || suffix) {
                long h = strtol(s, NULL, 10), mi = 0;
                const char *sep = memchr(s, colon ? ':' : '.', len);
                if (sep)
                    mi = strtol(sep + 1, NULL, 10);
                if (pm && h < 12)
                    h += 12;
                if (!pm && suffix && h == 12)
                    h = 0;
                push(out, (struct fact){ FACT_TIME, (double)(h * 60 + mi), 0, 0, i, after, false, false });
                i = after;
                pending_month = 0;
                continue;
            }
            if (parse_value(s, len, en ? ',' : '.', &v, &integer)) {
                size_t e = j;
                if (en && j + 2 <= end && strncmp(t + j, "bn", 2) == 0)
                    v *= 1e9, e = j + 2, integer = false;
                else if (en && j < end && t[j] == 'm' && (j + 1 == end || !is_letter(t[j + 1])))
                    v *= 1e6, e = j + 1, integer = false;
                if (pending_month && integer && v >= 1 && v <= 31 && strspn(t + after_month, " .") >= i - after_month)
                    push(out, (struct fact){ FACT_DATE, 0, (int)v, pending_month, month_start, e, true, false });
                else
                    push(out, (struct fact){ FACT_VALUE, v, 0, 0, i, e, integer, false });
            }
        }
        pending_month = 0;
        i = j;
        while (i < end && is_letter(t[i])) // the ordinal or plural suffix read above
            i++;
    }
}

static bool same(const struct fact *a, const struct fact *b)
{
    if (a->kind != b->kind)
        return false;
    if (a->kind == FACT_DATE)
        return a->day == b->day && a->month == b->month;
    return fabs(a->value - b->value) <= 1e-9 * fmax(1.0, fabs(a->value));
}

void check_number_evidence(struct check_run *run, size_t b, size_t k, size_t *possible, size_t *shared)
{
    const struct sel_bead *bd = &run->r->alignment.beads[b];
    const struct sel_align_doc *src = &run->r->src, *tgt = &run->r->tgt;
    struct facts fs, ft, one;
    ft.n = 0;
    for (size_t j = bd->tgt; j < bd->tgt + bd->n_tgt; j++) {
        read_facts(tgt->text, tgt->sentences[j].start, tgt->sentences[j].end, true, &one);
        for (size_t x = 0; x < one.n; x++)
            push(&ft, one.v[x]);
    }
    read_facts(src->text, src->sentences[k].start, src->sentences[k].end, false, &fs);
    for (size_t x = 0; x < fs.n; x++) {
        ++*possible;
        bool found = false;
        for (size_t y = 0; y < ft.n && !found; y++)
            found = same(&fs.v[x], &ft.v[y]);
        *shared += found;
    }
}

// Whether the code at [cs, ce) of @p src ("F-16", "Tomo-357") stands in [start, end) of @p t as it
// is written, not followed by another digit ("F-16s" holds "F-16", "F-160" does not).
static bool code_in(const char *src, size_t cs, size_t ce, const char *t, size_t start, size_t end)
{
    size_t n = ce - cs;
    for (size_t i = start; i + n <= end; i++) {
        if (i > start && (is_letter(t[i - 1]) || is_digit(t[i - 1])))
            continue;
        size_t k = 0;
        while (k < n && (t[i + k] | 0x20) == (src[cs + k] | 0x20))
            k++;
        if (k == n && (i + n == end || !is_digit(t[i + n])))
            return true;
    }
    return false;
}

// A code's digits (a type, a hull or a resolution number glued to its letters) are copied, not
// translated: each code of a source sentence must stand in the target as it is written.
static int check_codes(struct check_run *run, size_t b, size_t k)
{
    const struct sel_bead *bd = &run->r->alignment.beads[b];
    const struct sel_align_doc *src = &run->r->src, *tgt = &run->r->tgt;
    const char *t = src->text;
    size_t start = src->sentences[k].start, end = src->sentences[k].end;
    size_t ts = tgt->sentences[bd->tgt].start, te = tgt->sentences[bd->tgt + bd->n_tgt - 1].end;
    int rc = SEL_OK;
    for (size_t i = start; rc == SEL_OK && i < end;) {
        if (!is_digit(t[i]) || (i > start && is_digit(t[i - 1])) || !glued_code(t, start, i)) {
            i++;
            continue;
        }
        size_t cs = i;
        while (cs > start && (is_letter(t[cs - 1]) || t[cs - 1] == '-'))
            cs--;
        size_t ce = i;
        while (ce < end && (is_digit(t[ce]) || is_letter(t[ce])))
            ce++;
        i = ce;
        if (code_in(t, cs, ce, tgt->text, ts, te))
            continue;
        const char *code = sel_arena_strndup(&run->r->strings, t + cs, ce - cs);
        struct sel_finding f = {
            .kind = SEL_CHECK_NUMBER, .bead = b, .src = k, .n_src = 1, .tgt = bd->tgt, .n_tgt = bd->n_tgt,
            .src_start = cs, .src_end = ce, .tgt_start = ts, .tgt_end = ts, .source_term = code, .expected = code,
            .found = check_sentences_text(run, tgt, bd->tgt, bd->n_tgt),
        };
        rc = code ? check_add(run, &f) : sel_error(run->ctx, SEL_ENOMEM, "out of memory");
    }
    return rc;
}

int check_bead_numbers(struct check_run *run, size_t b)
{
    const struct sel_bead *bd = &run->r->alignment.beads[b];
    const struct sel_align_doc *src = &run->r->src, *tgt = &run->r->tgt;
    struct facts *fs = malloc(sizeof(*fs)), *ft = malloc(sizeof(*ft));
    int rc = fs && ft ? SEL_OK : sel_error(run->ctx, SEL_ENOMEM, "out of memory");
    if (rc != SEL_OK)
        goto done;
    ft->n = 0;
    struct facts one;
    for (size_t k = bd->tgt; rc == SEL_OK && k < bd->tgt + bd->n_tgt; k++) {
        if (run->tgt_untranslated[k])
            goto done; // reported whole
        read_facts(tgt->text, tgt->sentences[k].start, tgt->sentences[k].end, true, &one);
        for (size_t x = 0; x < one.n; x++)
            push(ft, one.v[x]);
    }
    for (size_t k = bd->src; rc == SEL_OK && k < bd->src + bd->n_src; k++) {
        if (src->sentences[k].boilerplate || run->src_one_sided[k])
            continue;
        rc = check_codes(run, b, k);
        if (rc != SEL_OK)
            break;
        read_facts(src->text, src->sentences[k].start, src->sentences[k].end, false, fs);
        // First every fact that has its match, so that a missing one is paired with what is left.
        for (size_t x = 0; x < fs->n; x++)
            for (size_t y = 0; y < ft->n && !fs->v[x].used; y++)
                if (!ft->v[y].used && same(&fs->v[x], &ft->v[y]))
                    fs->v[x].used = ft->v[y].used = true;
        for (size_t x = 0; rc == SEL_OK && x < fs->n; x++) {
            const struct fact *a = &fs->v[x];
            if (a->used)
                continue;
            const struct fact *other = NULL; // the one unmatched target fact of the same kind, if only one
            size_t n_other = 0;
            for (size_t y = 0; y < ft->n; y++)
                if (!ft->v[y].used && ft->v[y].kind == a->kind)
                    other = &ft->v[y], n_other++;
            if (n_other != 1)
                other = NULL;
            char *expected = sel_arena_strndup(&run->r->strings, src->text + a->start, a->end - a->start);
            char *found = other ? sel_arena_strndup(&run->r->strings, tgt->text + other->start, other->end - other->start)
                                : NULL;
            struct sel_finding f = {
                .kind = SEL_CHECK_NUMBER, .bead = b, .src = k, .n_src = 1, .tgt = bd->tgt, .n_tgt = bd->n_tgt,
                .src_start = a->start, .src_end = a->end,
                .tgt_start = other ? other->start : tgt->sentences[bd->tgt].start,
                .tgt_end = other ? other->end : tgt->sentences[bd->tgt].start,
                .source_term = expected, .expected = expected,
                .found = other ? found : check_sentences_text(run, tgt, bd->tgt, bd->n_tgt),
            };
            if (!expected || (other && !found))
                rc = sel_error(run->ctx, SEL_ENOMEM, "out of memory");
            else
                rc = check_add(run, &f);
        }
    }
done:
    free(fs);
    free(ft);
    return rc;
}
