// SPDX-License-Identifier: MIT
// Test helper shared by the property test and the fuzz target: checks that the segments of a text
// account for every byte of it (issue 17). Segments are in order, inside the text, not empty, do
// not overlap, do not cross a line end, start and end on a non-space; and whatever lies outside
// them is white space (the blanks sel_segment() trims: ASCII blanks, NBSP, U+2000-U+200A,
// U+202F, U+3000) or a line end (LF, CR). A dateline lies inside its segment.
#ifndef SEL_TEST_SEGMENT_COVER_H
#define SEL_TEST_SEGMENT_COVER_H

#include "src/text/text.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct cover_check {
    const char *text;
    size_t len;
    size_t next;       // first byte not yet accounted for
    char problem[200]; // the first problem found, "" if none
};

// Length of the blank or line end at @p p, or 0.
static inline size_t cover_gap_at(const char *p, const char *end)
{
    const unsigned char *s = (const unsigned char *)p;
    if (strchr(" \t\f\v\r\n", *s) && *s)
        return 1;
    if (end - p >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (end - p >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] <= 0x8A || s[2] == 0xAF))
        return 3;
    if (end - p >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;
    return 0;
}

// Checks that [from, to) is all gap; records a problem otherwise.
static inline bool cover_gap(struct cover_check *c, size_t from, size_t to)
{
    for (size_t i = from, n; i < to; i += n)
        if (!(n = cover_gap_at(c->text + i, c->text + to))) {
            snprintf(c->problem, sizeof(c->problem), "byte %zu (0x%02X) lies outside every segment", i,
                     (unsigned char)c->text[i]);
            return false;
        }
    return true;
}

static inline bool cover_segment(void *user, const char *text, const struct sel_sentence *s)
{
    struct cover_check *c = user;
    (void)text;
    if (c->problem[0])
        return false;
    if (s->start >= s->end || s->end > c->len || s->start < c->next) {
        snprintf(c->problem, sizeof(c->problem), "segment %zu-%zu is empty, outside or overlaps (next %zu)", s->start,
                 s->end, c->next);
        return false;
    }
    if (!cover_gap(c, c->next, s->start))
        return false;
    bool blank_end = false;
    for (size_t n = 1; n <= 3 && n <= s->end - s->start; n++)
        blank_end = blank_end || cover_gap_at(c->text + s->end - n, c->text + s->end) == n;
    if (cover_gap_at(c->text + s->start, c->text + s->end) || blank_end) {
        snprintf(c->problem, sizeof(c->problem), "segment %zu-%zu starts or ends with a blank", s->start, s->end);
        return false;
    }
    if (memchr(c->text + s->start, '\n', s->end - s->start) || memchr(c->text + s->start, '\r', s->end - s->start)) {
        snprintf(c->problem, sizeof(c->problem), "segment %zu-%zu crosses a line end", s->start, s->end);
        return false;
    }
    if (s->dateline_len >= s->end - s->start || (s->dateline_len && s->boilerplate)) {
        snprintf(c->problem, sizeof(c->problem), "segment %zu-%zu: dateline of %zu bytes", s->start, s->end,
                 s->dateline_len);
        return false;
    }
    c->next = s->end;
    return true;
}

/** Segments @p text with @p seg and checks it; returns "" or the first problem (in @p c). */
static inline const char *cover_run(struct cover_check *c, sel_segmenter *seg, sel_ctx *ctx, const char *text,
                                    size_t len)
{
    *c = (struct cover_check){ text, len, 0, "" };
    if (sel_segment(seg, ctx, text, len, cover_segment, c) != SEL_OK)
        snprintf(c->problem, sizeof(c->problem), "sel_segment failed: %s", sel_ctx_errmsg(ctx));
    if (!c->problem[0])
        cover_gap(c, c->next, len);
    return c->problem;
}

#endif
