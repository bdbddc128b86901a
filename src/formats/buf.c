// SPDX-License-Identifier: MIT
// A growable byte buffer, the field writers of the delimited formats and a trim for their readers.
#include "src/formats/formats_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int buf_reserve(struct sel_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return SEL_ENOMEM;
    bool fresh = !b->data;
    if (SEL_ARRAY_RESERVE(b->data, b->cap, b->len + extra + 1) != SEL_OK) // + 1 for the NUL
        return SEL_ENOMEM;
    if (fresh)
        b->data[0] = '\0'; // a new buffer holds the empty string, as buf_reset() leaves an old one
    return SEL_OK;
}

int buf_add(struct sel_buf *b, const char *s, size_t len)
{
    if (buf_reserve(b, len) != SEL_OK)
        return SEL_ENOMEM;
    memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
    return SEL_OK;
}

int buf_adds(struct sel_buf *b, const char *s)
{
    return buf_add(b, s, strlen(s));
}

int buf_addc(struct sel_buf *b, char c)
{
    return buf_add(b, &c, 1);
}

void buf_reset(struct sel_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void buf_finish(struct sel_buf *b)
{
    free(b->data);
    *b = (struct sel_buf){ 0 };
}

void csv_put_field(FILE *out, const char *s)
{
    if (!s)
        return;
    if (!s[strcspn(s, ",\"\r\n")]) {
        fputs(s, out);
        return;
    }
    putc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            putc('"', out);
        putc(*s, out);
    }
    putc('"', out);
}

void tsv_put_field(FILE *out, const char *s)
{
    if (!s)
        return;
    // The three-column and Moses formats have no escapes: a tab or line end would split the
    // field, so it becomes a space (documented in docs/formats.md).
    for (; *s; s++)
        putc((unsigned char)*s < 0x20 ? ' ' : *s, out);
}

int export_write_error(sel_ctx *ctx, const char *name)
{
    return sel_error_at(ctx, SEL_EIO, (struct sel_location){ name ? name : "<stdout>", 0, 0 }, "cannot write");
}

char *str_trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}
