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
static int slurp(FILE *fp, char **data, size_t *len)
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

struct sel_location sel_text_locate(const struct sel_text *text, size_t offset)
{
    struct sel_location where = { text->name, 1, 1 };
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

int sel_text_read(struct sel_text *out, sel_ctx *ctx, const char *path)
{
    SEL_CHECK_ARG(out && path, SEL_EINVAL);
    memset(out, 0, sizeof(*out));
    bool is_stdin = strcmp(path, "-") == 0;
    out->name = is_stdin ? "<stdin>" : path;
    struct sel_location whole = { out->name, 0, 0 };

    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    if (!fp)
        return sel_error_at(ctx, errno == ENOENT ? SEL_ENOTFOUND : SEL_EIO, whole, "cannot open: %s",
                            strerror(errno));
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!is_stdin)
            fclose(fp);
        return sel_error_at(ctx, SEL_EIO, whole, "is a directory, not a text file");
    }
    int rc = slurp(fp, &out->data, &out->len);
    if (!is_stdin)
        fclose(fp);
    if (rc == SEL_EIO)
        return sel_error_at(ctx, rc, whole, "read failed: %s", strerror(errno));
    if (rc != SEL_OK)
        return sel_error_at(ctx, rc, whole, "%s", sel_strerror(rc));

    if (out->len >= 3 && memcmp(out->data, "\xEF\xBB\xBF", 3) == 0) {
        memmove(out->data, out->data + 3, out->len - 3 + 1);
        out->len -= 3;
        out->bom = 3;
    }
    const char *utf16 = utf16_kind(out->data, out->len);
    if (utf16) {
        rc = sel_error_at(ctx, SEL_EPARSE, (struct sel_location){ out->name, 1, 1 },
                          "UTF-16 (%s) text, not UTF-8; convert it first: iconv -f UTF-16 -t UTF-8 '%s' > '%s.utf8'",
                          utf16, out->name, out->name);
        sel_text_finish(out);
        return rc;
    }
    // A NUL anywhere means a binary file: say that, rather than pointing at some earlier byte
    // that happens not to be UTF-8.
    const char *nul = memchr(out->data, '\0', out->len);
    long bad = nul ? (long)(nul - out->data) : sel_utf8_find_invalid(out->data, out->len, false);
    if (bad >= 0) {
        struct sel_location at = sel_text_locate(out, (size_t)bad);
        size_t file_offset = (size_t)bad + out->bom;
        if (out->data[bad] == '\0')
            rc = sel_error_at(ctx, SEL_EPARSE, at, "NUL byte at byte offset %zu: binary file, not text",
                              file_offset);
        else
            rc = sel_error_at(ctx, SEL_EPARSE, at, "invalid UTF-8 (byte 0x%02X) at byte offset %zu",
                              (unsigned char)out->data[bad], file_offset);
        sel_text_finish(out);
        return rc;
    }
    return SEL_OK;
}

void sel_text_finish(struct sel_text *text)
{
    if (text) {
        free(text->data);
        text->data = NULL;
        text->len = 0;
    }
}
