// SPDX-License-Identifier: MIT
// Sentence features for the search: the length in characters and the set of evidence keys.
// Keys are what a source and a target sentence can share:
//   w:<lemma>   a target lemma, and every target lemma the index gives for a source lemma
//   =<form>     a capitalised word or acronym, the same in both languages ("NATO", "Badel")
//   ~<prefix>   the first five letters of a long lemma: cognates ("resolusi" ~ "resolution")
//   #<number>   a number in canonical form ("10.000" and "10,000" -> #10000; "1,5" -> #1.5)
//   d:<m>-<d>   a date ("15/8", "15 Agustus", "August 15"), mo:<m> a month, wd:<d> a weekday
#include "align/align_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { FORM_MAX = 256, MAX_WORD_KEYS = 32, COGNATE = 5 };

int sel_align_lemma(sel_aligner *al, sel_ctx *ctx, int side, const char *form, size_t len,
                    char *buf, size_t size, unsigned *flags)
{
    // Alignment needs no spelling correction: the analyzers are made with suggestions off
    // (see aligner.c), which would cost milliseconds for every unknown word.
    struct sel_word w;
    int rc = sel_analyze_word(al->an[side], ctx, form, len, &w);
    if (rc != SEL_OK)
        return rc;
    const char *lemma = w.lemma ? w.lemma : "";
    sel_align_lower(buf, size, lemma, strlen(lemma));
    if (flags)
        *flags = w.flags;
    return SEL_OK;
}

struct keybuf {
    uint32_t v[MAX_WORD_KEYS];
    uint32_t n;
};

static int push_key(sel_aligner *al, sel_ctx *ctx, struct keybuf *kb, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int push_key(sel_aligner *al, sel_ctx *ctx, struct keybuf *kb, const char *fmt, ...)
{
    char key[FORM_MAX + 8];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(key, sizeof(key), fmt, ap);
    va_end(ap);
    if (n < 0 || kb->n == MAX_WORD_KEYS)
        return SEL_OK;
    uint32_t id;
    int rc = sel_align_key(al, ctx, key, (size_t)n < sizeof(key) ? (size_t)n : sizeof(key) - 1, &id);
    if (rc == SEL_OK)
        kb->v[kb->n++] = id;
    return rc;
}

static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool ascii_letters(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || *s == '-'))
            return false;
    return true;
}

// The spelling skeleton of a lemma for cognates: English and Indonesian spell the same loanword
// differently in regular ways (commission ~ komisi, congress ~ kongres, terrorist ~ teroris,
// democracy ~ demokrasi), so c, q -> k, x -> ks, ph -> f, th -> t, y -> i, doubled letters once.
static size_t skeleton(char *out, size_t size, const char *s)
{
    size_t o = 0;
    for (size_t i = 0; s[i] && o + 3 < size; i++) {
        char c = s[i];
        if (c == 'c' || c == 'q')
            c = 'k';
        else if (c == 'y')
            c = 'i';
        else if (c == 'h' && i > 0 && (s[i - 1] == 'p' || s[i - 1] == 't' || s[i - 1] == 'c'))
            continue;
        if (c == 'p' && s[i + 1] == 'h')
            c = 'f';
        if (c == 'x') {
            out[o++] = 'k';
            c = 's';
        }
        if (o > 0 && out[o - 1] == c)
            continue;
        out[o++] = c;
    }
    out[o] = '\0';
    return o;
}

// The keys of one distinct word form (no digits in it), computed once per aligner.
static int word_keys(sel_aligner *al, sel_ctx *ctx, int side, const char *form, size_t len,
                     struct word_info **out)
{
    const struct lang_words *lw = al->words[side];
    char lower[FORM_MAX];
    sel_align_lower(lower, sizeof(lower), form, len);
    struct keybuf kb = { .n = 0 };
    int month = 0, rc = SEL_OK, k;
    // "May" is a month, "may" a function word.
    if ((k = sel_lang_words_month(lw, lower)) && (is_upper(form[0]) || !sel_lang_words_is_stop(lw, lower))) {
        month = k;
        rc = push_key(al, ctx, &kb, "mo:%d", k);
    } else if ((k = sel_lang_words_weekday(lw, lower))) {
        rc = push_key(al, ctx, &kb, "wd:%d", k);
    } else if ((k = sel_lang_words_numeral(lw, lower))) {
        rc = push_key(al, ctx, &kb, "#%d", k);
    } else if ((k = sel_lang_words_magnitude(lw, lower))) {
        rc = push_key(al, ctx, &kb, "mag:%d", k);
    } else if (!sel_lang_words_is_stop(lw, lower) && al->an[side]) {
        char lemma[FORM_MAX];
        rc = sel_align_lemma(al, ctx, side, form, len, lemma, sizeof(lemma), NULL);
        if (rc == SEL_OK && !lemma[0])
            memcpy(lemma, lower, strlen(lower) + 1);
        if (rc == SEL_OK && sel_lang_words_is_stop(lw, lemma))
            lemma[0] = '\0';
        if (rc == SEL_OK && lemma[0]) {
            if (side == SEL_ALIGN_TGT) {
                rc = push_key(al, ctx, &kb, "w:%s", lemma);
            } else {
                const struct key_list *list = sel_strmap_get(al->index, lemma, strlen(lemma));
                if (!list && strcmp(lemma, lower) != 0)
                    list = sel_strmap_get(al->index, lower, strlen(lower));
                for (uint32_t i = 0; list && i < list->n && kb.n < MAX_WORD_KEYS; i++)
                    kb.v[kb.n++] = list->v[i];
            }
        }
        char skel[FORM_MAX];
        if (rc == SEL_OK && lemma[0] && strlen(lemma) > COGNATE && ascii_letters(lemma) &&
            skeleton(skel, sizeof(skel), lemma) >= COGNATE)
            rc = push_key(al, ctx, &kb, "~%.*s", COGNATE, skel);
        else if (rc == SEL_OK && lemma[0] && strlen(lemma) > COGNATE && ascii_letters(lemma))
            rc = push_key(al, ctx, &kb, "~%.*s", COGNATE, lemma);
        if (rc == SEL_OK && is_upper(form[0]) && len >= 2)
            rc = push_key(al, ctx, &kb, "=%s", lower);
    }
    if (rc != SEL_OK)
        return rc;
    struct word_info *wi = sel_arena_alloc(&al->arena, sizeof(*wi) + kb.n * sizeof(uint32_t));
    if (!wi || sel_strmap_put(al->forms[side], form, len, wi) != SEL_OK)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    wi->n_keys = kb.n;
    wi->month = month;
    memcpy(wi->keys, kb.v, kb.n * sizeof(uint32_t));
    *out = wi;
    return SEL_OK;
}

// Canonical form of a number written with @p thousands as the group separator: groups of three
// after it are joined, any other separator is the decimal point. Returns false for no number.
static bool canon_number(const char *s, size_t len, char thousands, char *buf, size_t size, long *value)
{
    size_t o = 0;
    bool decimal = false;
    for (size_t i = 0; i < len && o + 2 < size; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (o == 0 && c == '0' && i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9')
                continue; // leading zero
            buf[o++] = c;
            continue;
        }
        size_t digits = 0;
        while (i + 1 + digits < len && s[i + 1 + digits] >= '0' && s[i + 1 + digits] <= '9')
            digits++;
        if (c == thousands && digits == 3 && !decimal)
            continue;
        if (decimal || (c != '.' && c != ','))
            return false;
        decimal = true;
        buf[o++] = '.';
    }
    if (decimal) // 1,50 -> 1.5
        while (o > 0 && buf[o - 1] == '0')
            o--;
    if (o > 0 && buf[o - 1] == '.')
        o--;
    buf[o] = '\0';
    *value = decimal || o > 9 ? -1 : atol(buf);
    return o > 0;
}

struct sent_keys {
    uint32_t *v;
    size_t n, cap;
};

static int sk_push(struct sent_keys *sk, sel_ctx *ctx, uint32_t id)
{
    if (SEL_ARRAY_RESERVE(sk->v, sk->cap, sk->n + 1) != SEL_OK)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    sk->v[sk->n++] = id;
    return SEL_OK;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

// Keys of a token with digits in it: a number, a date "15/8(/2025)" or a code ("F-16").
static int number_keys(sel_aligner *al, sel_ctx *ctx, int side, const char *s, size_t len,
                       struct keybuf *kb, long *value)
{
    *value = -1;
    bool only_num = true, slash = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '/')
            slash = true;
        else if (!((c >= '0' && c <= '9') || c == '.' || c == ',' || c == ':'))
            only_num = false;
    }
    char buf[FORM_MAX];
    if (!only_num) {
        sel_align_lower(buf, sizeof(buf), s, len);
        return push_key(al, ctx, kb, "=%s", buf);
    }
    if (slash) {
        long part[3] = { -1, -1, -1 };
        int np = 0;
        const char *p = s, *e = s + len;
        while (p < e && np < 3) {
            char *stop;
            part[np++] = strtol(p, &stop, 10);
            p = stop < e && *stop == '/' ? stop + 1 : e;
        }
        int rc = SEL_OK;
        if (np >= 2 && part[0] >= 1 && part[0] <= 31 && part[1] >= 1 && part[1] <= 12)
            rc = push_key(al, ctx, kb, "d:%ld-%ld", part[1], part[0]);
        if (rc == SEL_OK && np == 3 && part[2] >= 0)
            rc = push_key(al, ctx, kb, "#%ld", part[2]);
        return rc;
    }
    const char *code = sel_lang_code(al->lang[side]);
    char thousands = strcmp(code, "en") == 0 ? ',' : '.';
    if (!canon_number(s, len, thousands, buf, sizeof(buf), value))
        return SEL_OK;
    return push_key(al, ctx, kb, "#%s", buf);
}

struct feat_state {
    sel_aligner *al;
    sel_ctx *ctx;
    int side;
    struct sent_keys *sk;
};

static int sentence_keys(struct feat_state *st, const char *text, size_t start, size_t end)
{
    size_t pos = start, ts, te;
    long prev_num = -1;
    int prev_month = 0;
    while (sel_align_next_token(text, &pos, end, &ts, &te)) {
        const char *form = text + ts;
        size_t len = te - ts;
        if (len >= FORM_MAX)
            len = FORM_MAX - 1;
        bool digit = false;
        for (size_t i = 0; i < len && !digit; i++)
            digit = form[i] >= '0' && form[i] <= '9';
        struct keybuf kb = { .n = 0 };
        const uint32_t *keys = kb.v;
        uint32_t n_keys = 0;
        int rc = SEL_OK;
        if (digit) {
            long value;
            rc = number_keys(st->al, st->ctx, st->side, form, len, &kb, &value);
            if (rc == SEL_OK && prev_month && value >= 1 && value <= 31)
                rc = push_key(st->al, st->ctx, &kb, "d:%d-%ld", prev_month, value);
            n_keys = kb.n;
            prev_num = value;
            prev_month = 0;
        } else {
            struct word_info *wi = sel_strmap_get(st->al->forms[st->side], form, len);
            if (!wi)
                rc = word_keys(st->al, st->ctx, st->side, form, len, &wi);
            if (rc != SEL_OK)
                return rc;
            keys = wi->keys;
            n_keys = wi->n_keys;
            if (wi->month && prev_num >= 1 && prev_num <= 31) {
                rc = push_key(st->al, st->ctx, &kb, "d:%d-%ld", wi->month, prev_num);
                for (uint32_t i = 0; i < kb.n && rc == SEL_OK; i++)
                    rc = sk_push(st->sk, st->ctx, kb.v[i]);
            }
            prev_month = wi->month;
            prev_num = -1;
        }
        for (uint32_t i = 0; i < n_keys && rc == SEL_OK; i++)
            rc = sk_push(st->sk, st->ctx, keys[i]);
        if (rc != SEL_OK)
            return rc;
    }
    return SEL_OK;
}

int sel_align_feats(struct align_feats *out, sel_aligner *al, sel_ctx *ctx,
                    enum sel_align_side_kind side, const struct sel_align_doc *doc)
{
    *out = (struct align_feats){ .n = doc->n };
    struct sent_keys sk = { 0 };
    int rc = SEL_OK;
    out->len = malloc((doc->n + 1) * sizeof(*out->len));
    out->key_off = malloc((doc->n + 1) * sizeof(*out->key_off));
    out->boiler = malloc((doc->n + 1) * sizeof(*out->boiler));
    if (!out->len || !out->key_off || !out->boiler) {
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
        goto done;
    }
    struct feat_state st = { al, ctx, (int)side, &sk };
    for (size_t k = 0; k < doc->n; k++) {
        const struct sel_sentence *s = &doc->sentences[k];
        out->len[k] = (uint32_t)sel_utf8_count(doc->text + s->start, s->end - s->start);
        out->boiler[k] = s->boilerplate != SEL_BP_NONE;
        size_t first = sk.n;
        out->key_off[k] = (uint32_t)first;
        if (!al->opts.lexical)
            continue;
        rc = sentence_keys(&st, doc->text, s->start, s->end);
        if (rc != SEL_OK)
            goto done;
        if (sk.n > first)
            qsort(sk.v + first, sk.n - first, sizeof(*sk.v), cmp_u32);
        size_t o = first;
        for (size_t i = first; i < sk.n; i++)
            if (o == first || sk.v[o - 1] != sk.v[i])
                sk.v[o++] = sk.v[i];
        sk.n = o;
    }
    out->key_off[doc->n] = (uint32_t)sk.n;
    out->keys = sk.n ? realloc(sk.v, sk.n * sizeof(*sk.v)) : sk.v; // give back the growth slack
    if (!out->keys)
        out->keys = sk.v;
    sk.v = NULL;
done:
    free(sk.v);
    if (rc != SEL_OK)
        sel_align_feats_finish(out);
    return rc;
}

// A key many sentences hold says little about which of them pair up: a match on it counts
// 1/sqrt(df), df the larger of the numbers of sentences holding it on either side.
int sel_align_weigh(float **out, struct align_feats *s, struct align_feats *t, sel_ctx *ctx, uint32_t n_keys)
{
    *out = NULL;
    uint32_t *df = calloc((size_t)n_keys + 1, 2 * sizeof(uint32_t));
    float *weight = malloc(((size_t)n_keys + 1) * sizeof(float));
    struct align_feats *side[2] = { s, t };
    int rc = SEL_OK;
    for (int d = 0; d < 2 && rc == SEL_OK; d++) {
        side[d]->mass = calloc(side[d]->n + 1, sizeof(float));
        if (!side[d]->mass)
            rc = SEL_ENOMEM;
    }
    if (!df || !weight || rc != SEL_OK) {
        free(df);
        free(weight);
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    for (int d = 0; d < 2; d++) {
        struct align_feats *f = side[d];
        size_t nk = f->key_off[f->n];
        for (size_t x = 0; x < nk; x++)
            df[2 * (size_t)f->keys[x] + (size_t)d]++;
    }
    for (size_t k = 0; k < n_keys; k++) {
        uint32_t a = df[2 * k], b = df[2 * k + 1], m = a > b ? a : b;
        weight[k] = m ? (float)(1.0 / sqrt((double)m)) : 0;
    }
    for (int d = 0; d < 2; d++) {
        struct align_feats *f = side[d];
        f->weight = weight;
        for (size_t k = 0; k < f->n; k++)
            for (uint32_t x = f->key_off[k]; x < f->key_off[k + 1]; x++)
                f->mass[k] += weight[f->keys[x]];
    }
    free(df);
    *out = weight;
    return SEL_OK;
}

void sel_align_feats_finish(struct align_feats *f)
{
    free(f->mass);
    free(f->len);
    free(f->key_off);
    free(f->keys);
    free(f->boiler);
    *f = (struct align_feats){ 0 };
}
