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

static void trim(const char *text, size_t *s, size_t *e)
{
    for (size_t n; *s < *e && (n = space_at(text + *s, text + *e));)
        *s += n;
    for (size_t n; *e > *s && (n = space_before(text + *s, text + *e));)
        *e -= n;
}

bool sel_text_is_blank(const char *text, size_t len)
{
    size_t s = 0, e = len;
    trim(text, &s, &e);
    return s == e;
}

/* ---- boundaries ---------------------------------------------------------------------------- */

// How far a bracket around a boundary may open before it and close after it ("(SSK. II)"), and
// how long a gloss in brackets after a boundary may be ("Tbk. (BBNI) menambah").
enum { BRACKET_REACH = 120, GLOSS_MAX = 48 };

static bool is_upper_ascii(char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool is_lower_ascii(char c)
{
    return c >= 'a' && c <= 'z';
}

// True when the boundary at @p b lies inside a bracket opened in [s, b) and closed soon after it
// on the same line: "Sultan Syarif Kasim II (SSK. II) Pekanbaru", "(E. hemisphaerica (Bl.) RM
// Smith)". A sentence rarely ends inside a short parenthesis.
static bool inside_brackets(const char *text, size_t s, size_t b, size_t line_end)
{
    size_t from = b - s > BRACKET_REACH ? b - BRACKET_REACH : s;
    if (!memchr(text + from, '(', b - from) && !memchr(text + from, '[', b - from))
        return false; // the common case, found with two fast scans
    int depth = 0;
    bool open = false;
    for (size_t i = b; i > from && !open; i--) {
        char c = text[i - 1];
        if (c == ')' || c == ']')
            depth++;
        else if ((c == '(' || c == '[') && depth-- == 0)
            open = true;
    }
    if (!open)
        return false;
    depth = 0;
    size_t to = line_end - b > BRACKET_REACH ? b + BRACKET_REACH : line_end;
    for (size_t i = b; i < to; i++) {
        char c = text[i];
        if (c == '(' || c == '[')
            depth++;
        else if ((c == ')' || c == ']') && depth-- == 0)
            return true;
    }
    return false;
}

// True when a short bracket follows the boundary at @p b and a comma or a lowercase word follows
// the bracket: it glosses the word before the full stop, and the sentence goes on ("Persero Tbk.
// (BBNI) menambah", "Energy Pte. Ltd. (Encore Energy), sebuah perusahaan").
static bool gloss_follows(const char *text, size_t b, size_t line_end)
{
    const char *p = text + b, *end = text + line_end;
    for (size_t n; (n = space_at(p, end));)
        p += n;
    if (p >= end || *p != '(')
        return false;
    const char *close = memchr(p, ')', (size_t)(end - p) < GLOSS_MAX ? (size_t)(end - p) : GLOSS_MAX);
    if (!close)
        return false;
    const char *q = close + 1;
    if (q < end && (*q == ',' || *q == ';'))
        return true;
    if (!space_at(q, end))
        return false;
    UChar32 c = next_letter(q, end);
    return c >= 0 && u_islower(c);
}

// The token that starts after the spaces at @p p: up to the next space; sets *len.
static const char *token_after(const char *p, const char *end, size_t *len)
{
    for (size_t n; (n = space_at(p, end));)
        p += n;
    const char *t = p;
    while (t < end && !space_at(t, end))
        t++;
    *len = (size_t)(t - p);
    return p;
}

// True when a single capital and a number follow the boundary at @p b: a code ("Peraturan
// Bapepam No. XI. B. 02.00"), not the start of a sentence.
static bool code_follows(const char *text, size_t b, size_t line_end)
{
    const char *p = text + b, *end = text + line_end;
    size_t len;
    const char *t = token_after(p, end, &len);
    if (len != 2 || !is_upper_ascii(t[0]) || t[1] != '.')
        return false;
    t = token_after(t + len, end, &len);
    return len && t[0] >= '0' && t[0] <= '9';
}

// The word (ASCII letters) that ends just before @p p, skipping spaces; sets *len.
static const char *word_before(const char *start, const char *p, size_t *len)
{
    for (size_t n; (n = space_before(start, p));)
        p -= n;
    const char *w = p;
    while (w > start && is_ascii_alpha(w[-1]))
        w--;
    *len = (size_t)(p - w);
    return w;
}

static bool has_lower_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (is_lower_ascii(s[i]))
            return true;
    return false;
}

// Decides whether a full stop that ends the token [tok, end) ends the sentence (the boundary
// proposed at @p b); @p start is where the sentence began.
static bool full_stop_ends(const sel_segmenter *seg, const char *text, const char *start, const char *tok,
                           const char *end, size_t b, size_t line_end)
{
    const sel_lang *lang = seg->lang;
    size_t len = (size_t)(end - tok);
    // a token glued to what precedes it ("APBN-P.", "x/Y.") is not an initial or a title
    bool free_standing = tok == start || space_before(start, tok) || opener_at(tok - 1, tok);
    if (len == 2 && is_upper_ascii(tok[0]) && free_standing) {
        size_t wlen;
        const char *w = word_before(start, tok, &wlen);
        if (wlen && sel_lang_is_label_word(lang, w, wlen))
            return true; // "di Blok C." / "lantai B.": a label, not an initial
        if (wlen && is_lower_ascii(w[0]) && strchr("IVX", tok[0]))
            return true; // "kuartal I.": a Roman numeral
        return false;    // an initial: "Susilo B. Yudhoyono"
    }
    if (len > 1 && sel_lang_is_abbreviation(lang, tok, len))
        return false;
    if (!is_dotted_abbreviation(tok, len))
        return true;
    // "S.H.", "Ph.D.": a degree after a name may end the sentence, unless another follows
    // ("S.H. M.Kn."); dotted capitals otherwise are initials or titles ("B.J. Habibie", "K.H.")
    if (!sel_lang_is_degree(lang, tok, len) && !(lang->dotted_may_end && has_lower_ascii(tok, len)))
        return false;
    size_t nlen;
    const char *next = token_after(text + b, text + line_end, &nlen);
    while (nlen && strchr(",;:", next[nlen - 1]))
        nlen--;
    return !(nlen > 1 && next[nlen - 1] == '.' &&
             (is_dotted_abbreviation(next, nlen) || sel_lang_is_degree(lang, next, nlen)));
}

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
    if (end == text + b && line_end - b >= 3 && memcmp(text + b, "\xE2\x80\xA6", 3) == 0)
        return false; // "Garuda!… pic.twitter.com/...": the ellipsis is glued to the "!"
    UChar32 next = next_letter(text + b, text + line_end);
    if (next >= 0 && u_islower(next))
        return false; // "...!" kata dia. / "Mr. smith": the sentence goes on
    if (inside_brackets(text, s, b, line_end))
        return false;
    if (end[-1] != '.')
        return true;
    if (gloss_follows(text, b, line_end) || code_follows(text, b, line_end))
        return false;
    const char *tok = end - 1;
    while (tok > start && (is_ascii_alpha(tok[-1]) || tok[-1] == '.'))
        tok--;
    if (tok == end - 1)
        return true; // "12 orang." ends in a word; "2024." in a number
    return full_stop_ends(seg, text, start, tok, end, b, line_end);
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

// A dash of @p n bytes at @p d, with a space before and after it: when a sentence end precedes
// it ("... membabi buta. - agak boros", "Ayub? -- 180..."), a sentence starts at the dash. UAX #29
// counts the dash as a continuation.
static bool dash_opens_sentence(const char *text, size_t ts, const char *d, size_t n, const char *end)
{
    if (d <= text + ts || !space_before(text + ts, d) || !space_at(d + n, end))
        return false;
    const char *e = d;
    for (size_t k; (k = space_before(text + ts, e));)
        e -= k;
    for (size_t k; (k = closer_before(text + ts, e));)
        e -= k;
    return e > text + ts && strchr(".?!", e[-1]);
}

// Adds the boundaries UAX #29 does not propose: after "…" before a capitalised word (U+2026 is
// not a sentence terminator there), after ". " before a digit ("12 orang. 5 di antaranya":
// UAX #29 looks past the number for a lowercase word and finds "di"), and before a dash after a
// sentence end. Returns -1 on no memory, else whether any was added.
static int add_own_candidates(sel_segmenter *seg, const char *text, size_t ts, size_t te)
{
    int added = 0;
    const char *end = text + te;
    // U+2026 (E2 80 A6), U+2013 and U+2014 (E2 80 93, E2 80 94)
    for (const char *p = text + ts; (p = memchr(p, 0xE2, (size_t)(end - p))); p++) {
        if (end - p < 3 || (unsigned char)p[1] != 0x80)
            continue;
        unsigned char c3 = (unsigned char)p[2];
        if ((c3 == 0x93 || c3 == 0x94) && dash_opens_sentence(text, ts, p, 3, end)) {
            if (!push_candidate(seg, (size_t)(p - text)))
                return -1;
            added = 1;
            continue;
        }
        if (c3 != 0xA6)
            continue;
        const char *q = p + 3;
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
                return -1;
            added = 1;
        }
    }
    for (const char *p = text + ts; (p = memchr(p, '-', (size_t)(end - p)));) {
        size_t n = end - p > 1 && p[1] == '-' ? 2 : 1;
        if (dash_opens_sentence(text, ts, p, n, end)) {
            if (!push_candidate(seg, (size_t)(p - text)))
                return -1;
            added = 1;
        }
        p += n;
    }
    for (const char *p = text + ts; (p = memchr(p, '.', (size_t)(end - p)));) {
        const char *q = ++p;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        if (q > p && q < end && *q >= '0' && *q <= '9' && p - 1 > text + ts &&
            (is_ascii_alpha(p[-2]) || p[-2] == ')')) {
            if (!push_candidate(seg, (size_t)(q - text)))
                return -1;
            added = 1;
        }
    }
    return added;
}

// Collects candidate boundaries inside [ts, te): ICU's and our own, sorted and unique.
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
    int added = add_own_candidates(seg, text, ts, te);
    if (added < 0)
        return false;
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
// by every rule. Dateline rules see the first DATELINE_WINDOW bytes of a line that has a dash
// there; tail rules see a last sentence of at most TAIL_MAX bytes.
enum { SHORT_LINE = 400, END_WINDOW = 200, DATELINE_WINDOW = 120, TAIL_MAX = 80 };

struct bp_match {
    enum sel_boilerplate kind;
    enum bp_scope scope;
    size_t start, end; // byte offsets of the match
};

// Byte offset of the UTF-16 index @p units of the text converted from @p from.
static size_t byte_at(const char *text, size_t from, size_t to, int32_t units)
{
    size_t i = from;
    for (int32_t u = 0; u < units && i < to; u++) {
        unsigned char c = (unsigned char)text[i];
        size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (n == 4)
            u++; // a surrogate pair
        i += n;
    }
    return i < to ? i : to;
}

// Converts [s, e) to UTF-16 in seg->u16: the regular expressions run on UTF-16, where ICU's
// matcher is several times faster than on a UTF-8 UText, and one conversion serves every rule.
static int32_t to_u16(sel_segmenter *seg, const char *text, size_t s, size_t e)
{
    size_t need = (e - s) + 1; // UTF-16 never needs more units than UTF-8 has bytes
    if (need > seg->cap_u16) {
        UChar *grown = realloc(seg->u16, need * sizeof(*grown));
        if (!grown)
            return -1;
        seg->u16 = grown;
        seg->cap_u16 = need;
    }
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8(seg->u16, (int32_t)seg->cap_u16, &n, text + s, (int32_t)(e - s), &status);
    return U_SUCCESS(status) ? n : -1;
}

// Tries the rules accepted by @p want on [s, e) of @p text; fills *m from the first that matches.
static bool match_rules(sel_segmenter *seg, const char *text, size_t s, size_t e, bool (*want)(const struct bp_rule *, bool),
                        bool end_only, struct bp_match *m)
{
    int32_t n = -1; // converted when a rule first needs it
    for (size_t i = 0; i < seg->lang->n_rules; i++) {
        const struct bp_rule *rule = &seg->lang->rules[i];
        if (!want(rule, end_only) || (rule->first[0] && !strchr(rule->first, text[s])) ||
            (rule->needs && !memchr(text + s, rule->needs, e - s)))
            continue;
        if (n < 0 && (n = to_u16(seg, text, s, e)) < 0)
            return false;
        UErrorCode status = U_ZERO_ERROR;
        uregex_setText(seg->regex[i], seg->u16, n, &status);
        if (rule->end_only && n > END_WINDOW)
            uregex_setRegion(seg->regex[i], n - END_WINDOW, n, &status);
        if (U_SUCCESS(status) && uregex_find(seg->regex[i], -1, &status) && U_SUCCESS(status)) {
            int32_t a = uregex_start(seg->regex[i], 0, &status), z = uregex_end(seg->regex[i], 0, &status);
            if (U_FAILURE(status))
                continue;
            m->kind = rule->kind;
            m->scope = rule->scope;
            m->start = byte_at(text, s, e, a);
            m->end = byte_at(text, m->start, e, z - a);
            return true;
        }
    }
    return false;
}

static bool line_rule(const struct bp_rule *r, bool end_only)
{
    return r->scope != BP_TAIL && r->scope != BP_DATELINE && (!end_only || r->end_only);
}

static bool tail_rule(const struct bp_rule *r, bool end_only)
{
    (void)end_only;
    return r->scope == BP_TAIL;
}

static bool dateline_rule(const struct bp_rule *r, bool end_only)
{
    (void)end_only;
    return r->scope == BP_DATELINE;
}

// Whether the whole line [s, e) is boilerplate; fills *m.
static bool classify_line(sel_segmenter *seg, const char *text, size_t s, size_t e, struct bp_match *m)
{
    if (e - s <= SHORT_LINE)
        return match_rules(seg, text, s, e, line_rule, false, m);
    // only the end of a long line matters: its last END_WINDOW characters
    size_t from = e;
    for (int chars = 0; chars < END_WINDOW && from > s; from--)
        chars += ((unsigned char)text[from - 1] & 0xC0) != 0x80;
    return match_rules(seg, text, from, e, line_rule, true, m);
}

// Whether the last sentence [s, e) of a content line is a credit or editor's initials.
static enum sel_boilerplate classify_tail(sel_segmenter *seg, const char *text, size_t s, size_t e)
{
    struct bp_match m;
    return e - s <= TAIL_MAX && match_rules(seg, text, s, e, tail_rule, false, &m) ? m.kind : SEL_BP_NONE;
}

// Where the site dateline that opens the content line [s, e) ends ("TEMPO.CO, Jakarta -"), or
// @p s when there is none.
static size_t find_dateline(sel_segmenter *seg, const char *text, size_t s, size_t e)
{
    size_t w = e - s > DATELINE_WINDOW ? s + DATELINE_WINDOW : e;
    // every dateline has a dash: "-", "–" or "—" (E2 80 93 / 94)
    const char *dash = memchr(text + s, '-', w - s);
    for (const char *p = text + s; !dash && (p = memchr(p, 0xE2, (size_t)(text + w - p))); p++)
        if (text + w - p >= 3 && (unsigned char)p[1] == 0x80 && ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94))
            dash = p;
    if (!dash || !is_upper_ascii(text[s]))
        return s;
    while (w < e && ((unsigned char)text[w] & 0xC0) == 0x80)
        w++;
    // the rules may look ahead to see that a long paragraph follows: give them the whole line
    // when it is short, else a window
    size_t to = e - s > SHORT_LINE ? s + SHORT_LINE : e;
    while (to < e && ((unsigned char)text[to] & 0xC0) == 0x80)
        to++;
    struct bp_match m;
    if (!match_rules(seg, text, s, to, dateline_rule, false, &m) || m.start != s || m.end >= e)
        return s;
    size_t z = m.end;
    trim(text, &s, &z);
    return z;
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
    return classify_tail(seg, text, open, te) != SEL_BP_NONE ? open : te;
}

/* ---- driver -------------------------------------------------------------------------------- */

struct run {
    sel_sentence_fn emit;
    void *user;
    struct sel_sentence sent;
    bool stop;
};

static bool emit_segment(struct run *r, const char *text, size_t a, size_t z, enum sel_boilerplate kind,
                         size_t dateline_len)
{
    r->sent.start = a;
    r->sent.end = z;
    r->sent.boilerplate = kind;
    r->sent.dateline_len = dateline_len;
    r->sent.index++;
    r->stop = !r->emit(r->user, text, &r->sent);
    return !r->stop;
}

// Splits [ts, te) of a line into sentences. Content (@p kind SEL_BP_NONE) may open with a
// dateline ending at @p dateline_end and end with a credit; other kinds flag every sentence.
static int split_sentences(sel_segmenter *seg, sel_ctx *ctx, struct run *r, const char *text, size_t ts, size_t te,
                           enum sel_boilerplate kind, size_t dateline_end)
{
    size_t tail = kind == SEL_BP_NONE ? find_tail(seg, text, ts, te) : te;
    if (!collect_candidates(seg, text, ts, tail) || (tail < te && !push_candidate(seg, tail)) ||
        !push_candidate(seg, te))
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    size_t s = ts;
    for (size_t i = 0; i < seg->n_cand; i++) {
        size_t b = seg->cand[i];
        if (b <= s || b <= dateline_end || (b < tail && !accept_boundary(seg, text, s, b, te)))
            continue;
        size_t a = s, z = b;
        trim(text, &a, &z);
        s = b;
        if (a == z)
            continue;
        enum sel_boilerplate k = kind;
        if (k == SEL_BP_NONE && b == te)
            k = classify_tail(seg, text, a, z);
        if (!emit_segment(r, text, a, z, k, k == SEL_BP_NONE && dateline_end > a ? dateline_end - a : 0))
            break;
    }
    return SEL_OK;
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

    struct run r = { emit, user, { 0 }, false };
    bool related_follows = false;
    size_t pos = 0, next_lf = 0, next_cr = 0;
    const char *nl;
    if (len) {
        next_lf = (nl = memchr(text, '\n', len)) ? (size_t)(nl - text) : len;
        next_cr = (nl = memchr(text, '\r', len)) ? (size_t)(nl - text) : len;
    }
    while (pos < len && !r.stop) {
        // the next LF and CR are looked up once each, not per line: a file of lone CRs would
        // otherwise have its LF searched to the end at every line
        if (next_lf < pos)
            next_lf = (nl = memchr(text + pos, '\n', len - pos)) ? (size_t)(nl - text) : len;
        if (next_cr < pos)
            next_cr = (nl = memchr(text + pos, '\r', len - pos)) ? (size_t)(nl - text) : len;
        size_t ls = pos, le = next_lf < next_cr ? next_lf : next_cr;
        pos = le + (le < len) + (le + 1 < len && text[le] == '\r' && text[le + 1] == '\n');
        r.sent.line++;
        r.sent.line_start = ls;
        size_t ts = ls, te = le;
        trim(text, &ts, &te);
        if (ts == te)
            continue;
        r.sent.para++;

        struct bp_match m = { SEL_BP_NONE, BP_LINE, ts, te };
        if (!classify_line(seg, text, ts, te, &m) && related_follows)
            m = (struct bp_match){ SEL_BP_RELATED, BP_LINE, ts, te };
        related_follows = m.kind != SEL_BP_NONE && m.scope == BP_LEAD_IN;
        int rc = SEL_OK;
        if (m.kind == SEL_BP_NONE) {
            rc = split_sentences(seg, ctx, &r, text, ts, te, SEL_BP_NONE, find_dateline(seg, text, ts, te));
        } else if (m.scope == BP_SENTENCES) {
            rc = split_sentences(seg, ctx, &r, text, ts, te, m.kind, 0);
        } else if (m.scope == BP_CAPTIONED && m.start > ts && space_before(text + ts, text + m.start)) {
            // "Presiden ... Juni 2024. Foto: Dok. Pemerintah Rusia": the caption, then the credit
            size_t z = m.start;
            trim(text, &ts, &z);
            rc = split_sentences(seg, ctx, &r, text, ts, z, m.kind, 0);
            if (rc == SEL_OK && !r.stop)
                emit_segment(&r, text, m.start, te, SEL_BP_CREDIT, 0);
        } else {
            emit_segment(&r, text, ts, te, m.kind, 0);
        }
        if (rc != SEL_OK)
            return rc;
    }
    return SEL_OK;
}
