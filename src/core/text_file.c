// SPDX-License-Identifier: MIT
// Reading an input file whole, with the checks every command wants before it trusts the bytes.
#include "src/core/core.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

// Reads @p fp whole, but stops at the first chunk that holds a NUL byte: such a file is refused
// anyway (binary, or UTF-16), and /dev/zero or a disk image must not be read into memory first.
// With @p utf16 a file that starts with a UTF-16 byte order mark is read whole: it is decoded.
static int slurp(FILE *fp, char **data, size_t *len, bool utf16)
{
    char *buf = NULL;
    size_t cap = 0, used = 0;
    for (;;) {
        // room for at least 64 KiB more, and always one byte beyond for the terminating NUL
        if (SEL_ARRAY_RESERVE(buf, cap, used + (1 << 16) + 1) != SEL_OK) {
            free(buf);
            return SEL_ENOMEM;
        }
        size_t room = cap - 1 - used;
        size_t got = fread(buf + used, 1, room, fp);
        bool nul = memchr(buf + used, '\0', got) != NULL;
        used += got;
        const unsigned char *b = (const unsigned char *)buf;
        if (utf16 && used >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
            nul = false;
        if (nul)
            break;
        if (got < room) {
            if (ferror(fp)) {
                free(buf);
                return SEL_EIO;
            }
            break;
        }
    }
    buf[used] = '\0';
    *data = buf;
    *len = used;
    return SEL_OK;
}

// "little-endian" or "big-endian" when @p data is UTF-16 text: a UTF-16 byte order mark, or (no
// mark) NUL in every other byte of the first characters, as ASCII text in UTF-16 has. Else NULL.
static const char *utf16_kind(const char *data, size_t len)
{
    const unsigned char *b = (const unsigned char *)data;
    if (len >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        return "little-endian";
    if (len >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        return "big-endian";
    size_t n = len < 64 ? len & ~(size_t)1 : 64;
    if (n < 4)
        return NULL;
    size_t even_nul = 0, odd_nul = 0;
    for (size_t i = 0; i < n; i += 2) {
        even_nul += b[i] == 0;
        odd_nul += b[i + 1] == 0;
    }
    if (odd_nul == n / 2 && even_nul == 0)
        return "little-endian";
    if (even_nul == n / 2 && odd_nul == 0)
        return "big-endian";
    return NULL;
}

// Decodes UTF-16 (@p big_endian or not, after its byte order mark) into UTF-8 in @p out (NUL-
// terminated). Returns -1 when all is well, -2 out of memory, else the byte offset in @p p of an
// unpaired surrogate, a U+0000 or an odd last byte.
static long utf16_decode(const unsigned char *p, size_t len, bool big_endian, char **out, size_t *out_len)
{
    char *u8 = malloc(len / 2 * 3 + 1); // a UTF-16 unit is at most 3 bytes of UTF-8 (a pair: 4 for 2)
    if (!u8)
        return -2;
    size_t o = 0;
    for (size_t i = 0; i < len; i += 2) {
        if (i + 1 >= len) {
            free(u8);
            return (long)i;
        }
        unsigned u = big_endian ? (unsigned)(p[i] << 8 | p[i + 1]) : (unsigned)(p[i] | p[i + 1] << 8);
        unsigned long cp = u;
        if (u >= 0xD800 && u <= 0xDBFF) {
            unsigned lo = i + 3 < len ? (big_endian ? (unsigned)(p[i + 2] << 8 | p[i + 3])
                                                    : (unsigned)(p[i + 2] | p[i + 3] << 8)) : 0;
            if (lo < 0xDC00 || lo > 0xDFFF) {
                free(u8);
                return (long)i;
            }
            cp = 0x10000 + ((unsigned long)(u - 0xD800) << 10) + (lo - 0xDC00);
            i += 2;
        } else if ((u >= 0xDC00 && u <= 0xDFFF) || u == 0) {
            free(u8);
            return (long)i;
        }
        if (cp < 0x80) {
            u8[o++] = (char)cp;
        } else if (cp < 0x800) {
            u8[o++] = (char)(0xC0 | cp >> 6);
            u8[o++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            u8[o++] = (char)(0xE0 | cp >> 12);
            u8[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            u8[o++] = (char)(0x80 | (cp & 0x3F));
        } else {
            u8[o++] = (char)(0xF0 | cp >> 18);
            u8[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
            u8[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            u8[o++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    u8[o] = '\0';
    *out = u8;
    *out_len = o;
    return -1;
}

struct sel_location sel_text_locate(const struct sel_text *text, size_t offset)
{
    struct sel_location where = { text->name, text->line > 1 ? text->line : 1, 1 };
    size_t line_start = 0;
    if (offset > text->len)
        offset = text->len;
    for (size_t i = 0; i < offset; i++) {
        if (text->data[i] == '\n' || (text->data[i] == '\r' && text->data[i + 1] != '\n')) {
            where.line++;
            line_start = i + 1;
        }
    }
    where.column = (long)(offset - line_start) + 1;
    if (where.line == 1)
        where.column += (long)text->bom; // columns count the bytes as stored in the file
    return where;
}

// The checks every input gets, on a whole file or a piece of one: UTF-16 (at the start of a file),
// a NUL byte (a binary file), invalid UTF-8; each named with line, column and byte offset.
// With SEL_TEXT_UTF16 in @p flags, bytes that are not UTF-8 are named as an 8-bit code page.
static int check_text(sel_ctx *ctx, const struct sel_text *t, unsigned flags)
{
    const char *utf16 = t->offset == t->bom ? utf16_kind(t->data, t->len) : NULL;
    if (utf16)
        return sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ t->name, 1, 1 },
                            "UTF-16 (%s) text, not UTF-8; convert it first: iconv -f UTF-16 -t UTF-8 '%s' > '%s.utf8'",
                            utf16, t->name, t->name);
    // A NUL anywhere means a binary file: say that, rather than pointing at some earlier byte
    // that happens not to be UTF-8.
    const char *nul = memchr(t->data, '\0', t->len);
    long bad = nul ? (long)(nul - t->data) : sel_utf8_find_invalid(t->data, t->len, false);
    if (bad < 0)
        return SEL_OK;
    struct sel_location at = sel_text_locate(t, (size_t)bad);
    size_t file_offset = (size_t)bad + t->offset;
    if (t->data[bad] == '\0')
        return sel_error_at(ctx, SEL_EPARSE, at, "NUL byte at byte offset %zu: binary file, not text", file_offset);
    if (flags & SEL_TEXT_UTF16) // bytes from 0x80 that are not UTF-8, no NUL: an 8-bit code page
        return sel_error_at(ctx, SEL_EPARSE, at, "invalid UTF-8 (byte 0x%02X) at byte offset %zu: the file looks like "
                            "an 8-bit encoding (Windows-125x or ISO 8859); save it as UTF-8, or UTF-16 with a byte "
                            "order mark", (unsigned char)t->data[bad], file_offset);
    return sel_error_at(ctx, SEL_EPARSE, at, "invalid UTF-8 (byte 0x%02X) at byte offset %zu",
                        (unsigned char)t->data[bad], file_offset);
}

// Opens @p path ("-": standard input, not to be closed) for reading as a text file; a directory is
// an error. Both readers, whole and in pieces, start here.
static int open_input(sel_ctx *ctx, const char *path, const char *name, FILE **fp)
{
    struct sel_location whole = { name, 0, 0 };
    bool is_stdin = strcmp(path, "-") == 0;
    *fp = is_stdin ? stdin : fopen(path, "rb");
    if (!*fp)
        return sel_error_at(ctx, errno == ENOENT ? SEL_ENOTFOUND : SEL_EIO, whole, "cannot open: %s",
                            strerror(errno));
    struct stat st;
    if (fstat(fileno(*fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!is_stdin)
            fclose(*fp);
        *fp = NULL;
        return sel_error_at(ctx, SEL_EIO, whole, "is a directory, not a text file");
    }
    return SEL_OK;
}

int sel_text_read_as(struct sel_text *out, sel_ctx *ctx, const char *path, unsigned flags)
{
    SEL_CHECK_ARG(out && path, SEL_EINVAL);
    memset(out, 0, sizeof(*out));
    bool is_stdin = strcmp(path, "-") == 0;
    out->name = is_stdin ? "<stdin>" : path;
    struct sel_location whole = { out->name, 0, 0 };
    FILE *fp = NULL;
    int rc = open_input(ctx, path, out->name, &fp);
    if (rc != SEL_OK)
        return rc;
    bool utf16_ok = flags & SEL_TEXT_UTF16;
    rc = slurp(fp, &out->data, &out->len, utf16_ok);
    if (!is_stdin)
        fclose(fp);
    if (rc == SEL_EIO)
        return sel_error_at(ctx, rc, whole, "read failed: %s", strerror(errno));
    if (rc != SEL_OK)
        return sel_error_at(ctx, rc, whole, "%s", sel_strerror(rc));

    if (out->len >= 3 && memcmp(out->data, "\xEF\xBB\xBF", 3) == 0) {
        memmove(out->data, out->data + 3, out->len - 3 + 1);
        out->len -= 3;
        out->bom = out->offset = 3;
    }
    out->line = 1;
    const unsigned char *b = (const unsigned char *)out->data;
    if (utf16_ok && out->len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
        bool be = b[0] == 0xFE;
        char *u8 = NULL;
        size_t u8_len = 0;
        long bad = utf16_decode(b + 2, out->len - 2, be, &u8, &u8_len);
        if (bad != -1) {
            rc = bad == -2 ? sel_error_at(ctx, SEL_ENOMEM, whole, "%s", sel_strerror(SEL_ENOMEM))
                           : sel_error_at(ctx, SEL_EPARSE, whole, "UTF-16%s with a byte order mark, but not valid "
                                          "UTF-16 (byte offset %ld)", be ? "BE" : "LE", bad + 2);
            sel_text_finish(out);
            return rc;
        }
        free(out->data);
        out->data = u8;
        out->len = u8_len;
        return SEL_OK; // valid UTF-16 without U+0000 is valid UTF-8 without NUL
    }
    rc = check_text(ctx, out, flags);
    if (rc != SEL_OK)
        sel_text_finish(out);
    return rc;
}

int sel_text_read(struct sel_text *out, sel_ctx *ctx, const char *path)
{
    return sel_text_read_as(out, ctx, path, 0);
}

void sel_text_finish(struct sel_text *text)
{
    if (text) {
        free(text->data);
        text->data = NULL;
        text->len = 0;
    }
}

/* ---- Reading in pieces ------------------------------------------------------------------------ */

struct sel_text_stream {
    FILE *fp;
    bool is_stdin, eof, started;
    const char *name;
    char *buf;            // bytes read and not yet handed out start at buf[0]
    size_t cap, have;     // have: how many there are
    size_t piece;         // the size a piece aims at
    size_t given;         // the length of the piece handed out last (0: none)
    char saved;           // the byte its terminating NUL replaced
    size_t offset;        // the file offset of buf[0]
    long line;            // the file's line number of buf[0]
    size_t bom;
    bool quiet;           // no message for a cut line
};

int sel_text_stream_open(sel_text_stream **out, sel_ctx *ctx, const char *path, size_t piece)
{
    SEL_CHECK_ARG(out && path && piece, SEL_EINVAL);
    *out = NULL;
    sel_text_stream *s = calloc(1, sizeof(*s));
    if (!s)
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    s->is_stdin = strcmp(path, "-") == 0;
    s->name = s->is_stdin ? "<stdin>" : path;
    s->piece = piece;
    s->line = 1;
    int rc = open_input(ctx, path, s->name, &s->fp);
    if (rc != SEL_OK) {
        free(s);
        return rc;
    }
    *out = s;
    return SEL_OK;
}

void sel_text_stream_quiet(sel_text_stream *s)
{
    s->quiet = true;
}

void sel_text_stream_close(sel_text_stream *s)
{
    if (!s)
        return;
    if (s->fp && !s->is_stdin)
        fclose(s->fp);
    free(s->buf);
    free(s);
}

// Reads until @p want bytes are buffered or the file ends. A NUL byte stops reading early: the
// check refuses the file at that byte, and /dev/zero must not fill memory first.
static int fill(sel_text_stream *s, sel_ctx *ctx, size_t want)
{
    while (!s->eof && s->have < want) {
        // no more than wanted: what is read beyond a piece stays in memory until the next one
        if (SEL_ARRAY_RESERVE(s->buf, s->cap, want + 1) != SEL_OK)
            return sel_error(ctx, SEL_ENOMEM, "out of memory");
        size_t room = want - s->have;
        size_t got = fread(s->buf + s->have, 1, room, s->fp);
        bool nul = memchr(s->buf + s->have, '\0', got) != NULL;
        s->have += got;
        if (got < room) {
            if (ferror(s->fp))
                return sel_error_at(ctx, SEL_EIO, (struct sel_location){ s->name, 0, 0 }, "read failed: %s",
                                    strerror(errno));
            s->eof = true;
        }
        if (nul)
            break;
    }
    return SEL_OK;
}

// Where the next piece ends in buf[0, have): after the last blank line, else after the last line
// break; 0 when there is neither.
static size_t piece_end(const char *buf, size_t have)
{
    size_t last_break = 0;
    for (size_t i = have; i-- > 0;) {
        if (buf[i] != '\n')
            continue;
        if (!last_break)
            last_break = i + 1;
        // a blank line: "\n\n" or "\n\r\n" (and the spaces a blank line may hold)
        size_t j = i;
        while (j > 0 && (buf[j - 1] == ' ' || buf[j - 1] == '\t' || buf[j - 1] == '\r'))
            j--;
        if (j > 0 && buf[j - 1] == '\n')
            return i + 1;
        if (i + 1 < last_break / 2) // no blank line in the second half: cut at the last break
            break;
    }
    return last_break;
}

// A line too long to wait for its end: cut after the last sentence end (". ", "? ", "! "), else
// at the last space, else before the last character; never in the first half.
static size_t forced_end(const char *buf, size_t have)
{
    for (size_t i = have - 1; i-- > have / 2;)
        if (buf[i + 1] == ' ' && (buf[i] == '.' || buf[i] == '?' || buf[i] == '!'))
            return i + 2;
    for (size_t i = have; i-- > have / 2;)
        if (buf[i] == ' ')
            return i + 1;
    size_t end = have;
    while (end > 0 && ((unsigned char)buf[end] & 0xC0) == 0x80) // not inside a UTF-8 sequence
        end--;
    return end ? end : have;
}

int sel_text_stream_next(sel_text_stream *s, sel_ctx *ctx, struct sel_text *piece)
{
    SEL_CHECK_ARG(s && piece, SEL_EINVAL);
    memset(piece, 0, sizeof(*piece));
    if (s->given) { // drop the piece handed out last
        s->buf[s->given] = s->saved;
        for (size_t i = 0; i < s->given; i++)
            s->line += s->buf[i] == '\n' || (s->buf[i] == '\r' && s->buf[i + 1] != '\n');
        memmove(s->buf, s->buf + s->given, s->have - s->given);
        s->have -= s->given;
        s->offset += s->given;
        s->given = 0;
    }
    size_t want = s->piece;
    int rc = fill(s, ctx, want);
    if (rc == SEL_OK && !s->started && s->have >= 3 && memcmp(s->buf, "\xEF\xBB\xBF", 3) == 0) {
        memmove(s->buf, s->buf + 3, s->have - 3);
        s->have -= 3;
        s->offset = s->bom = 3;
        rc = fill(s, ctx, want);
    }
    if (rc != SEL_OK)
        return rc;
    if (s->started && s->have == 0 && s->eof)
        return 0;
    size_t end = s->have;
    while (!s->eof && !memchr(s->buf, '\0', s->have)) {
        end = piece_end(s->buf, s->have);
        if (end)
            break;
        if (s->have >= 16 * s->piece) { // one enormous line: cut it rather than hold it all
            end = forced_end(s->buf, s->have);
            if (!s->quiet)
                fprintf(stderr, "selaras: %s:%ld: a line of more than %zu bytes; cut at byte offset %zu\n", s->name,
                        s->line, s->have, s->offset + end);
            break;
        }
        if ((rc = fill(s, ctx, s->have + s->piece)) != SEL_OK)
            return rc;
        end = s->have;
    }
    if (!s->buf && SEL_ARRAY_RESERVE(s->buf, s->cap, 1) != SEL_OK) // an empty file still gives ""
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    s->started = true;
    s->given = end;
    s->saved = s->buf[end];
    s->buf[end] = '\0';
    *piece = (struct sel_text){ .data = s->buf, .len = end, .name = s->name, .bom = s->offset == s->bom ? s->bom : 0,
                                .offset = s->offset, .line = s->line };
    rc = check_text(ctx, piece, 0);
    if (rc != SEL_OK)
        return rc;
    if (end == 0 && s->have == 0) // nothing was in the file: s->given 0 means no piece to drop
        s->given = 0;
    return 1;
}
