// SPDX-License-Identifier: MIT
// Sentence segmentation: ICU's sentence BreakIterator proposes boundaries (UAX #29 handles
// "10.000", closing quotes and "..." before a lowercase word), and language rules veto or add
// some: abbreviations and initials, a lowercase word after "!"/"?" plus a closing quote
// ("...!" kata dia), and a break after "…" before a capitalised word. Boilerplate lines are
// recognised first and become one flagged segment each.
#include "src/text/text_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

struct sel_segmenter {
    const sel_lang *lang;
    UBreakIterator *breaks;
    UText *utext;
    URegularExpression **regex; // one per rule of the language: matching mutates state
    size_t *cand;               // candidate boundaries within the current line
    size_t n_cand, cap_cand;
    int32_t next_break;         // next boundary of the forward pass over the text
    UChar *u16;                 // the current line in UTF-16, for the boilerplate rules
    size_t cap_u16;
};

int sel_segmenter_new(sel_segmenter **out, sel_ctx *ctx, const sel_lang *lang)
{
    SEL_CHECK_ARG(out && lang, SEL_EINVAL);
    *out = NULL;
    sel_segmenter *seg = calloc(1, sizeof(*seg));
    if (!seg)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    seg->lang = lang;
    UErrorCode status = U_ZERO_ERROR;
    seg->breaks = ubrk_open(UBRK_SENTENCE, sel_lang_code(lang), NULL, 0, &status);
    seg->regex = calloc(lang->n_rules ? lang->n_rules : 1, sizeof(*seg->regex));
    for (size_t i = 0; U_SUCCESS(status) && seg->regex && i < lang->n_rules; i++) {
        UParseError perr;
        seg->regex[i] = uregex_openC(lang->rules[i].pattern, 0, &perr, &status);
        if (U_FAILURE(status)) {
            const struct bp_rule *r = &lang->rules[i];
            struct sel_location at = { r->file, r->line, r->column + perr.offset };
            sel_error_at(ctx, SEL_EPARSE, at, "bad regular expression: %s", u_errorName(status));
            sel_segmenter_free(seg);
            return SEL_EPARSE;
        }
    }
    if (U_FAILURE(status) || !seg->regex) {
        sel_segmenter_free(seg);
        return U_FAILURE(status) ? sel_error(ctx, SEL_EICU, "cannot create a sentence iterator: %s",
                                             u_errorName(status))
                                 : sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    *out = seg;
    return SEL_OK;
}

void sel_segmenter_free(sel_segmenter *seg)
{
    if (!seg)
        return;
    if (seg->regex)
        for (size_t i = 0; i < seg->lang->n_rules; i++)
            uregex_close(seg->regex[i]);
    free(seg->regex);
    ubrk_close(seg->breaks);
    utext_close(seg->utext);
    free(seg->cand);
    free(seg->u16);
    free(seg);
}

/* ---- characters ---------------------------------------------------------------------------- */

// Length of the space character at @p p (ASCII blank, NBSP, the U+2000 spaces), or 0.
static size_t space_at(const char *p, const char *end)
{
    const unsigned char *s = (const unsigned char *)p;
    if (p >= end)
        return 0;
    if (*s == ' ' || *s == '\t' || *s == '\f' || *s == '\v')
        return 1;
    if (end - p >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (end - p >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] <= 0x8A || s[2] == 0xAF))
        return 3;
    if (end - p >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;
    return 0;
}

// Length of the space character ending just before @p p, or 0.
static size_t space_before(const char *start, const char *p)
{
    for (size_t n = 1; n <= 3 && p - (ptrdiff_t)n >= start; n++)
        if (space_at(p - n, p) == n)
            return n;
    return 0;
}

// Closing quotes and brackets that stay with the sentence they close.
static size_t closer_before(const char *start, const char *p)
{
    if (p > start && strchr("\"')]}", p[-1]))
        return 1;
    static const char *const closers[] = { "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB", "\xE2\x80\xBA" };
    for (size_t i = 0; i < sizeof(closers) / sizeof(*closers); i++) {
        size_t n = strlen(closers[i]);
        if (p - start >= (ptrdiff_t)n && memcmp(p - n, closers[i], n) == 0)
            return n;
    }
    return 0;
}

// Closing quotes and brackets at @p p (after an ellipsis).
static size_t closer_at(const char *p, const char *end)
{
    if (p < end && strchr("\"')]}", *p))
        return 1;
    static const char *const closers[] = { "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB" };
    for (size_t i = 0; i < sizeof(closers) / sizeof(*closers); i++) {
        size_t n = strlen(closers[i]);
        if (end - p >= (ptrdiff_t)n && memcmp(p, closers[i], n) == 0)
            return n;
    }
    return 0;
}

// Opening quotes and brackets that may precede the first word of a sentence.
static size_t opener_at(const char *p, const char *end)
{
    if (p < end && strchr("\"'([{", *p))
        return 1;
    static const char *const openers[] = { "\xE2\x80\x9C", "\xE2\x80\x98", "\xC2\xAB", "\xE2\x80\xB9" };
    for (size_t i = 0; i < sizeof(openers) / sizeof(*openers); i++) {
        size_t n = strlen(openers[i]);
        if (end - p >= (ptrdiff_t)n && memcmp(p, openers[i], n) == 0)
            return n;
    }
    return 0;
}

// The first character of what follows @p p after spaces and opening quotes (not brackets: a
// credit like "(ant/rzk)" starts lowercase but is not a continuation), or -1.
static UChar32 next_letter(const char *p, const char *end)
{
    for (size_t n; (n = space_at(p, end)) || ((n = opener_at(p, end)) && !strchr("([{", *p));)
        p += n;
    if (p >= end)
        return -1;
    int32_t i = 0;
    UChar32 c;
    U8_NEXT((const uint8_t *)p, i, (int32_t)(end - p), c);
    return c;
}

static bool is_ascii_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// "S.H.", "M.Si.", "a.n.", "U.S.", "Ph.D.": two or more short alphabetic parts, each ended by '.'.
static bool is_dotted_abbreviation(const char *tok, size_t len)
{
    size_t parts = 0, run = 0;
    for (size_t i = 0; i < len; i++) {
        if (tok[i] == '.') {
            if (run == 0 || run > 3)
                return false;
            parts++;
            run = 0;
        } else {
            run++;
        }
    }
    return parts >= 2 && run == 0;
}

/* ---- boundaries ---------------------------------------------------------------------------- */

// Decides whether the boundary at @p b, proposed inside the line part [s, line_end), ends a
// sentence.
static bool accept_boundary(const sel_segmenter *seg, const char *text, size_t s, size_t b, size_t line_end)
{
    const char *start = text + s, *end = text + b;
    for (size_t n; (n = space_before(start, end));)
        end -= n;
    for (size_t n; (n = closer_before(start, end));)
        end -= n;
    if (end <= start)
        return true;
    UChar32 next = next_letter(text + b, text + line_end);
    if (next >= 0 && u_islower(next))
        return false; // "...!" kata dia. / "Mr. smith": the sentence goes on
    if (end[-1] != '.')
        return true;
    const char *tok = end - 1;
    while (tok > start && (is_ascii_alpha(tok[-1]) || tok[-1] == '.'))
        tok--;
    size_t len = (size_t)(end - tok);
    if (len == 2 && tok[0] >= 'A' && tok[0] <= 'Z')
        return false; // an initial: "Susilo B. Yudhoyono"
    if (len > 1 && sel_lang_is_abbreviation(seg->lang, tok, len))
        return false;
    return !is_dotted_abbreviation(tok, len);
}

static const char *find_ellipsis(const char *p, const char *end)
{
    while ((p = memchr(p, 0xE2, (size_t)(end - p))) && end - p >= 3) {
        if ((unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0xA6)
            return p;
        p++;
    }
    return NULL;
}

static bool push_candidate(sel_segmenter *seg, size_t b)
{
    if (seg->n_cand == seg->cap_cand) {
        size_t cap = seg->cap_cand ? seg->cap_cand * 2 : 32;
        size_t *grown = realloc(seg->cand, cap * sizeof(*grown));
        if (!grown)
            return false;
        seg->cand = grown;
        seg->cap_cand = cap;
    }
    seg->cand[seg->n_cand++] = b;
    return true;
}

static int compare_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

// Collects candidate boundaries inside [ts, te): ICU's, plus one after each "…" that a
// capitalised word follows (UAX #29 does not count U+2026 as a sentence terminator).
static bool collect_candidates(sel_segmenter *seg, const char *text, size_t ts, size_t te)
{
    seg->n_cand = 0;
    // The iterator runs forward over the whole text once (UAX #29 breaks at every line end
    // anyway); seg->next_break is the first boundary not yet used.
    if (seg->next_break != UBRK_DONE && (size_t)seg->next_break <= ts)
        seg->next_break = ubrk_following(seg->breaks, (int32_t)ts);
    for (; seg->next_break != UBRK_DONE && (size_t)seg->next_break < te; seg->next_break = ubrk_next(seg->breaks))
        if (!push_candidate(seg, (size_t)seg->next_break))
            return false;
    bool added = false;
    for (const char *p = text + ts, *end = text + te; (p = find_ellipsis(p, end));) {
        p += 3;
        const char *q = p;
        for (size_t n; (n = closer_at(q, end));)
            q += n;
        if (!space_at(q, end))
            continue;
        UChar32 c = next_letter(q, end);
        if (c >= 0 && u_isupper(c)) {
            const char *b = q;
            while (space_at(b, end))
                b += space_at(b, end);
            if (!push_candidate(seg, (size_t)(b - text)))
                return false;
            added = true;
        }
    }
    if (added) {
        qsort(seg->cand, seg->n_cand, sizeof(*seg->cand), compare_size);
        size_t w = 0;
        for (size_t i = 0; i < seg->n_cand; i++)
            if (w == 0 || seg->cand[w - 1] != seg->cand[i])
                seg->cand[w++] = seg->cand[i];
        seg->n_cand = w;
    }
    return true;
}

/* ---- boilerplate --------------------------------------------------------------------------- */

// Boilerplate lines are short: a rule anchored at the start is tried on lines of at most
// SHORT_LINE bytes. A rule anchored only at the end ("... Foto: X/Y$") is tried on every line, on
// its last END_WINDOW characters. Long content lines thus cost one small conversion, not a scan
// by every rule.
enum { SHORT_LINE = 400, END_WINDOW = 200 };

// Returns the kind of the first rule that the UTF-16 text @p u (@p n units) matches, among the
// tail rules or the line and lead-in rules; sets *lead_in when a lead-in rule matched.
static enum sel_boilerplate match_rules(sel_segmenter *seg, const UChar *u, int32_t n, bool tail,
                                        bool end_only, bool *lead_in)
{
    for (size_t i = 0; i < seg->lang->n_rules; i++) {
        const struct bp_rule *rule = &seg->lang->rules[i];
        if ((rule->scope == BP_TAIL) != tail || (end_only && !rule->end_only))
            continue;
        UErrorCode status = U_ZERO_ERROR;
        uregex_setText(seg->regex[i], u, n, &status);
        if (rule->end_only && n > END_WINDOW)
            uregex_setRegion(seg->regex[i], n - END_WINDOW, n, &status);
        if (U_SUCCESS(status) && uregex_find(seg->regex[i], -1, &status) && U_SUCCESS(status)) {
            if (lead_in)
                *lead_in = rule->scope == BP_LEAD_IN;
            return rule->kind;
        }
    }
    return SEL_BP_NONE;
}

// The regular expressions run on UTF-16: ICU's matcher is several times faster there than on a
// UTF-8 UText, and one conversion per line serves every rule.
static enum sel_boilerplate classify(sel_segmenter *seg, const char *text, size_t s, size_t e, bool tail,
                                     bool *lead_in)
{
    bool long_line = e - s > SHORT_LINE;
    if (long_line) {
        // only the end matters: start END_WINDOW * 3 bytes back, on a character boundary
        size_t from = e - s > (size_t)END_WINDOW * 3 ? e - (size_t)END_WINDOW * 3 : s;
        while (from < e && ((unsigned char)text[from] & 0xC0) == 0x80)
            from++;
        s = from;
    }
    size_t need = (e - s) + 1; // UTF-16 never needs more units than UTF-8 has bytes
    if (need > seg->cap_u16) {
        UChar *grown = realloc(seg->u16, need * sizeof(*grown));
        if (!grown)
            return SEL_BP_NONE;
        seg->u16 = grown;
        seg->cap_u16 = need;
    }
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8(seg->u16, (int32_t)seg->cap_u16, &n, text + s, (int32_t)(e - s), &status);
    if (U_FAILURE(status))
        return SEL_BP_NONE;
    return match_rules(seg, seg->u16, n, tail, long_line, lead_in);
}

// Where a trailing credit such as "(TASS)" or "(ant/rzk)" starts after the last sentence of a
// content line, or @p te if there is none. UAX #29 keeps "2026. (ant/rzk)" together because a
// lowercase word follows the bracket, so the cut is made here.
static size_t find_tail(sel_segmenter *seg, const char *text, size_t ts, size_t te)
{
    if (te - ts < 4 || text[te - 1] != ')')
        return te;
    size_t open = te - 1;
    while (open > ts && text[open] != '(')
        open--;
    if (open == ts || text[open] != '(')
        return te;
    const char *start = text + ts, *end = text + open;
    for (size_t n; (n = space_before(start, end));)
        end -= n;
    if (end == text + open)
        return te; // "kata dia(TASS)": no space, not a separate credit
    for (size_t n; (n = closer_before(start, end));)
        end -= n;
    if (end <= start || !strchr(".!?", end[-1]))
        return te;
    return classify(seg, text, open, te, true, NULL) != SEL_BP_NONE ? open : te;
}

/* ---- driver -------------------------------------------------------------------------------- */

static void trim(const char *text, size_t *s, size_t *e)
{
    for (size_t n; *s < *e && (n = space_at(text + *s, text + *e));)
        *s += n;
    for (size_t n; *e > *s && (n = space_before(text + *s, text + *e));)
        *e -= n;
}

int sel_segment(sel_segmenter *seg, sel_ctx *ctx, const char *text, size_t len, sel_sentence_fn emit, void *user)
{
    SEL_CHECK_ARG(seg && (text || len == 0) && emit, SEL_EINVAL);
    if (len > INT32_MAX)
        return sel_error(ctx, SEL_EINVAL, "text of %zu bytes is too large for one call (at most 2 GiB)", len);
    UErrorCode status = U_ZERO_ERROR;
    seg->utext = utext_openUTF8(seg->utext, text ? text : "", (int64_t)len, &status);
    ubrk_setUText(seg->breaks, seg->utext, &status);
    if (U_FAILURE(status))
        return sel_error(ctx, SEL_EICU, "sentence iterator: %s", u_errorName(status));
    seg->next_break = ubrk_first(seg->breaks);

    struct sel_sentence sent = { 0 };
    bool related_follows = false;
    size_t pos = 0;
    while (pos < len) {
        size_t ls = pos, le = pos;
        while (le < len && text[le] != '\n' && text[le] != '\r')
            le++;
        pos = le + (le < len) + (le + 1 < len && text[le] == '\r' && text[le + 1] == '\n');
        sent.line++;
        sent.line_start = ls;
        size_t ts = ls, te = le;
        trim(text, &ts, &te);
        if (ts == te)
            continue;
        sent.para++;

        bool lead_in = false;
        enum sel_boilerplate kind = classify(seg, text, ts, te, false, &lead_in);
        if (kind == SEL_BP_NONE && related_follows)
            kind = SEL_BP_RELATED;
        related_follows = lead_in;
        if (kind != SEL_BP_NONE) {
            sent.start = ts;
            sent.end = te;
            sent.boilerplate = kind;
            sent.index++;
            if (!emit(user, text, &sent))
                return SEL_OK;
            continue;
        }

        size_t tail = find_tail(seg, text, ts, te);
        if (!collect_candidates(seg, text, ts, tail))
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        if ((tail < te && !push_candidate(seg, tail)) || !push_candidate(seg, te))
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        size_t s = ts;
        for (size_t i = 0; i < seg->n_cand; i++) {
            size_t b = seg->cand[i];
            if (b <= s || (b < tail && !accept_boundary(seg, text, s, b, te)))
                continue;
            size_t a = s, z = b;
            trim(text, &a, &z);
            s = b;
            if (a == z)
                continue;
            sent.start = a;
            sent.end = z;
            sent.boilerplate = b == te ? classify(seg, text, a, z, true, NULL) : SEL_BP_NONE;
            sent.index++;
            if (!emit(user, text, &sent))
                return SEL_OK;
        }
    }
    return SEL_OK;
}
