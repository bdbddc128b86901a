// SPDX-License-Identifier: MIT
// Documents for the aligner: segmented as `selaras segment` does, or pre-segmented one sentence
// per line with the segmenter's boilerplate rules still applied to each line.
#include "align/align_internal.h"

#include <stdlib.h>
#include <string.h>

static int doc_push(struct sel_align_doc *doc, const struct sel_sentence *s)
{
    if (SEL_ARRAY_RESERVE(doc->sentences, doc->cap, doc->n + 1) != SEL_OK)
        return SEL_ENOMEM;
    doc->sentences[doc->n++] = *s;
    return SEL_OK;
}

struct collect {
    struct sel_align_doc *doc;
    int rc;
};

static bool collect_sentence(void *user, const char *text, const struct sel_sentence *s)
{
    (void)text;
    struct collect *c = user;
    c->rc = doc_push(c->doc, s);
    return c->rc == SEL_OK;
}

int sel_align_doc_segment(struct sel_align_doc *out, sel_aligner *al, sel_ctx *ctx,
                          enum sel_align_side_kind side, const char *text, size_t len)
{
    SEL_CHECK_ARG(out && al && (text || !len), SEL_EINVAL);
    *out = (struct sel_align_doc){ .text = text };
    struct collect c = { out, SEL_OK };
    int rc = sel_segment(al->seg[side], ctx, text ? text : "", len, collect_sentence, &c);
    if (rc == SEL_OK && c.rc != SEL_OK)
        rc = sel_error(ctx, c.rc, "out of memory");
    if (rc != SEL_OK)
        sel_align_doc_finish(out);
    return rc;
}

// Per input line: whether the segmenter found content and whether it found boilerplate there.
struct line_marks {
    unsigned char *mark; // bit 1: content, bit 2: boilerplate
    enum sel_boilerplate *kind;
    size_t n;
};

enum { MARK_CONTENT = 1, MARK_BOILER = 2 };

static bool mark_line(void *user, const char *text, const struct sel_sentence *s)
{
    (void)text;
    struct line_marks *lm = user;
    size_t line = (size_t)s->line - 1;
    if (line < lm->n) {
        lm->mark[line] |= s->boilerplate ? MARK_BOILER : MARK_CONTENT;
        if (s->boilerplate && !lm->kind[line])
            lm->kind[line] = s->boilerplate;
    }
    return true;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

int sel_align_doc_lines(struct sel_align_doc *out, sel_aligner *al, sel_ctx *ctx,
                        enum sel_align_side_kind side, const char *text, size_t len)
{
    SEL_CHECK_ARG(out && al && (text || !len), SEL_EINVAL);
    *out = (struct sel_align_doc){ .text = text };
    if (!text)
        text = "";
    struct line_marks lm = { 0 };
    lm.n = 1;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n')))
            lm.n++;
    lm.mark = calloc(lm.n, 1);
    lm.kind = calloc(lm.n, sizeof(*lm.kind));
    int rc = SEL_OK;
    if (!lm.mark || !lm.kind) {
        rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
        goto done;
    }
    rc = sel_segment(al->seg[side], ctx, text, len, mark_line, &lm);
    if (rc != SEL_OK)
        goto done;
    long line = 0, para = 0;
    bool in_para = false;
    for (size_t p = 0; p < len;) {
        size_t e = p;
        while (e < len && text[e] != '\n' && text[e] != '\r')
            e++;
        size_t next = e < len ? e + 1 + (text[e] == '\r' && e + 1 < len && text[e + 1] == '\n') : len;
        line++;
        size_t s = p, t = e;
        while (s < t && is_space(text[s]))
            s++;
        while (t > s && is_space(text[t - 1]))
            t--;
        if (s == t) {
            in_para = false;
        } else {
            if (!in_para)
                para++;
            in_para = true;
            size_t li = (size_t)line - 1;
            bool boiler = li < lm.n && (lm.mark[li] & MARK_BOILER) && !(lm.mark[li] & MARK_CONTENT);
            struct sel_sentence sent = { .start = s, .end = t, .line = line, .para = para,
                                         .index = (long)out->n + 1,
                                         .boilerplate = boiler ? lm.kind[li] : SEL_BP_NONE };
            if (doc_push(out, &sent) != SEL_OK) {
                rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
                goto done;
            }
        }
        p = next;
    }
done:
    free(lm.kind);
    free(lm.mark);
    if (rc != SEL_OK)
        sel_align_doc_finish(out);
    return rc;
}

void sel_align_doc_finish(struct sel_align_doc *doc)
{
    free(doc->sentences);
    *doc = (struct sel_align_doc){ 0 };
}
