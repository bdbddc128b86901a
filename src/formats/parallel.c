// SPDX-License-Identifier: MIT
// Parallel data from the database: the store's bead cursor gives each bead in document order
// with the sentences of both sides (and, when asked, its term occurrences); here they are joined,
// filtered for MT and handed to the format's writer. Memory is that of one bead.
#include "src/formats/formats_internal.h"

#include <stdlib.h>
#include <string.h>

struct side {
    struct sel_buf text;
    bool boilerplate;
    long *offsets; // per sentence of the side: its offset in text
    size_t cap;
};

struct run {
    sel_ctx *ctx;
    const struct sel_par_options *opt;
    sel_hash_set *seen;
    struct side src, tgt;
    struct par_term *terms;
    size_t n_terms, cap_terms;
    struct sel_buf factored;
};

// Joins @p n sentences into @p s as the document had them: one space where there was whitespace
// between two sentences, nothing where they touched ("2.'Coba lagi'" split after "2.'").
static int join_side(struct run *r, struct side *s, const struct sel_bead_sentence *sent, size_t n)
{
    buf_reset(&s->text);
    if (buf_reserve(&s->text, 0) != SEL_OK)
        return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
    s->boilerplate = false;
    if (n > s->cap) {
        long *offsets = realloc(s->offsets, n * sizeof(*offsets));
        if (!offsets)
            return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
        s->offsets = offsets;
        s->cap = n;
    }
    for (size_t i = 0; i < n; i++) {
        bool touch = i && sent[i].start == sent[i - 1].start + (long)sent[i - 1].len;
        if (i && !touch && buf_addc(&s->text, ' ') != SEL_OK)
            return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
        s->offsets[i] = (long)s->text.len;
        if (buf_add(&s->text, sent[i].text, sent[i].len) != SEL_OK)
            return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
        s->boilerplate = s->boilerplate || sent[i].boilerplate;
    }
    return SEL_OK;
}

// Characters (code points) in a UTF-8 string.
static size_t chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static uint64_t pair_hash(const char *a, size_t la, const char *b, size_t lb)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < la; i++)
        h = (h ^ (unsigned char)a[i]) * 1099511628211ULL;
    h = (h ^ 0x1F) * 1099511628211ULL; // a separator no text holds on its own
    for (size_t i = 0; i < lb; i++)
        h = (h ^ (unsigned char)b[i]) * 1099511628211ULL;
    // a final mix, so that near-identical pairs spread over the key space
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

// True when the pair was seen before (64-bit hashes in a temporary table: bounded memory).
static int seen_before(struct run *r, bool *dup)
{
    uint64_t h = pair_hash(r->src.text.data, r->src.text.len, r->tgt.text.data, r->tgt.text.len);
    bool added = false;
    int rc = sel_hash_set_add(r->seen, r->ctx, h, &added);
    *dup = !added;
    return rc;
}

// Case-insensitive (ASCII) search of @p needle in @p hay; -1 if absent.
static long find_ci(const char *hay, size_t hay_len, const char *needle)
{
    size_t n = strlen(needle);
    if (!n || n > hay_len)
        return -1;
    for (size_t i = 0; i + n <= hay_len; i++) {
        size_t k = 0;
        while (k < n) {
            unsigned char a = (unsigned char)hay[i + k], b = (unsigned char)needle[k];
            if (a >= 'A' && a <= 'Z')
                a = (unsigned char)(a + 32);
            if (b >= 'A' && b <= 'Z')
                b = (unsigned char)(b + 32);
            if (a != b)
                break;
            k++;
        }
        if (k == n)
            return (long)i;
    }
    return -1;
}

// The term occurrences of the source side, with spans in the joined texts.
static int read_terms(struct run *r, const struct sel_bead_view *v)
{
    r->n_terms = 0;
    if (v->n_terms > r->cap_terms) {
        struct par_term *t = realloc(r->terms, v->n_terms * sizeof(*t));
        if (!t)
            return sel_error(r->ctx, SEL_ENOMEM, "out of memory");
        r->terms = t;
        r->cap_terms = v->n_terms;
    }
    for (size_t k = 0; k < v->n_terms; k++) {
        const struct sel_bead_term *bt = &v->terms[k];
        size_t i = bt->sentence;
        const struct sel_bead_sentence *sent = &v->src[i];
        struct par_term *t = &r->terms[r->n_terms];
        t->concept = bt->concept_id;
        t->surface = bt->surface;
        t->target = bt->target;
        long offset = r->src.offsets[i];
        long start = bt->start - sent->start + offset, end = bt->end - sent->start + offset;
        size_t sentence_end = offset + sent->len, len = strlen(t->surface);
        // Offsets are into the document; if the stored sentence text does not line up with
        // them, find the surface form in the sentence instead.
        if (start < offset || end > (long)sentence_end || end - start != (long)len ||
            memcmp(r->src.text.data + start, t->surface, len) != 0) {
            long at = find_ci(r->src.text.data + offset, sent->len, t->surface);
            if (at < 0)
                continue;
            start = offset + at;
            end = start + (long)len;
        }
        t->src_start = start;
        t->src_end = end;
        t->tgt_start = t->tgt_end = -1;
        if (t->target) {
            long at = find_ci(r->tgt.text.data, r->tgt.text.len, t->target);
            if (at >= 0) {
                t->tgt_start = at;
                t->tgt_end = at + (long)strlen(t->target);
            }
        }
        r->n_terms++;
    }
    return SEL_OK;
}

// Appends one whitespace-separated token with its factor, escaping the factor separator as
// Moses does ("|" becomes "&#124;").
static int add_token(struct sel_buf *b, const char *tok, size_t len, char factor)
{
    if (b->len && buf_addc(b, ' ') != SEL_OK)
        return SEL_ENOMEM;
    for (size_t i = 0; i < len; i++)
        if (tok[i] == '|' ? buf_adds(b, "&#124;") != SEL_OK : buf_addc(b, tok[i]) != SEL_OK)
            return SEL_ENOMEM;
    char f[3] = { '|', factor, '\0' };
    return buf_adds(b, f);
}

// Dinu et al. (2019), "append" with source factors: every source token gets |0, the tokens of a
// term with a confirmed equivalent get |1 and are followed by the equivalent's tokens with |2.
static int build_factored(struct run *r)
{
    struct sel_buf *b = &r->factored;
    buf_reset(b);
    if (buf_reserve(b, 0) != SEL_OK)
        return SEL_ENOMEM;
    const char *s = r->src.text.data;
    size_t len = r->src.text.len, i = 0;
    while (i < len) {
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
            i++;
        size_t start = i;
        while (i < len && !(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
            i++;
        if (i == start)
            break;
        const struct par_term *in = NULL;
        for (size_t k = 0; k < r->n_terms && !in; k++)
            if (r->terms[k].target && r->terms[k].src_start < (long)i && r->terms[k].src_end > (long)start)
                in = &r->terms[k];
        if (add_token(b, s + start, i - start, in ? '1' : '0') != SEL_OK)
            return SEL_ENOMEM;
        // the target goes after the last token the term touches
        if (in && (size_t)in->src_end <= i) {
            const char *t = in->target;
            while (*t) {
                size_t n = strcspn(t, " ");
                if (n && add_token(b, t, n, '2') != SEL_OK)
                    return SEL_ENOMEM;
                t += n + (t[n] ? 1 : 0);
            }
        }
    }
    return SEL_OK;
}

// Applies the filters in order; the first that removes the pair is the one counted.
static int filtered(struct run *r, double score, long src_count, long tgt_count, struct sel_par_stats *stats,
                    bool *drop)
{
    const struct sel_par_options *o = r->opt;
    *drop = true;
    // a bead with nothing on either side is no pair at all (TMX could not even hold it)
    if ((o->drop_empty && (src_count == 0 || tgt_count == 0)) || (r->src.text.len == 0 && r->tgt.text.len == 0)) {
        stats->empty++;
        return SEL_OK;
    }
    if (o->drop_boilerplate && (r->src.boilerplate || r->tgt.boilerplate)) {
        stats->boilerplate++;
        return SEL_OK;
    }
    if (o->min_score > 0 && score < o->min_score) {
        stats->low_score++;
        return SEL_OK;
    }
    if (o->max_ratio > 0) {
        double a = (double)chars(r->src.text.data, r->src.text.len);
        double b = (double)chars(r->tgt.text.data, r->tgt.text.len);
        double lo = a < b ? a : b, hi = a < b ? b : a;
        if (hi / (lo < 1 ? 1 : lo) > o->max_ratio) {
            stats->ratio++;
            return SEL_OK;
        }
    }
    if (o->dedup) {
        bool dup = false;
        int rc = seen_before(r, &dup);
        if (rc != SEL_OK)
            return rc;
        if (dup) {
            stats->duplicate++;
            return SEL_OK;
        }
    }
    *drop = false;
    return SEL_OK;
}

int sel_parallel_export(sel_store *st, sel_ctx *ctx, const struct sel_par_options *opt, const char *output,
                        struct sel_par_stats *stats)
{
    SEL_CHECK_ARG(st && opt && stats, SEL_EINVAL);
    *stats = (struct sel_par_stats){ 0 };
    if (opt->term_factors && opt->format == SEL_PAR_TMX)
        return sel_error(ctx, SEL_EINVAL, "--term-factors applies to moses, tsv and jsonl, not tmx");
    struct par_writer w = { .opt = opt, .src_lang = opt->src_lang ? opt->src_lang : "id",
                            .tgt_lang = opt->tgt_lang ? opt->tgt_lang : "en", .protect = sel_store_file(st) };
    struct run r = { .ctx = ctx, .opt = opt };
    bool want_terms = opt->format == SEL_PAR_JSONL || opt->term_factors;
    sel_bead_cursor *cursor = NULL;
    // the duplicate filter's table is made before the cursor's statements run, and dropped after
    int rc = opt->dedup ? sel_hash_set_new(&r.seen, ctx, st) : SEL_OK;
    if (rc == SEL_OK)
        rc = sel_bead_cursor_open(&cursor, ctx, st, want_terms);
    if (rc == SEL_OK)
        rc = par_writer_start(&w, ctx, output);
    const struct sel_bead_view *v = NULL;
    while (rc == SEL_OK && (rc = sel_bead_cursor_next(cursor, ctx, &v)) == SEL_OK && v) {
        stats->read++;
        struct par_pair p = {
            .document = (long)v->document, .translation = (long)v->translation, .bead = v->number,
            .src_first = v->src_first, .src_count = v->src_count, .tgt_first = v->tgt_first,
            .tgt_count = v->tgt_count, .score = v->score,
        };
        rc = join_side(&r, &r.src, v->src, v->n_src);
        if (rc == SEL_OK)
            rc = join_side(&r, &r.tgt, v->tgt, v->n_tgt);
        bool drop = false;
        if (rc == SEL_OK)
            rc = filtered(&r, p.score, p.src_count, p.tgt_count, stats, &drop);
        if (rc != SEL_OK || drop)
            continue;
        p.src = r.src.text.data;
        p.tgt = r.tgt.text.data;
        if (want_terms && (rc = read_terms(&r, v)) != SEL_OK)
            break;
        p.terms = r.terms;
        p.n_terms = want_terms ? r.n_terms : 0;
        if (opt->term_factors) {
            if (build_factored(&r) != SEL_OK) {
                rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
                break;
            }
            p.src_factored = r.factored.data;
        }
        rc = w.ops->pair(&w, ctx, &p);
        if (rc == SEL_OK)
            stats->written++;
    }
    rc = par_writer_finish(&w, ctx, rc);
    sel_bead_cursor_close(cursor);
    sel_hash_set_free(r.seen);
    struct side *sides[2] = { &r.src, &r.tgt };
    for (int i = 0; i < 2; i++) {
        buf_finish(&sides[i]->text);
        free(sides[i]->offsets);
    }
    free(r.terms);
    buf_finish(&r.factored);
    return rc;
}
