// SPDX-License-Identifier: MIT
// Output files that appear whole or not at all: everything is written to a temporary file beside
// the destination, which replaces the destination only once every byte is on disk. A failed
// command (a full disk, a file size limit, bad input found half-way) leaves the previous good
// file in place and no partial one.
#include "src/core/core.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

// Whether @p path names the file @p other, or one of SQLite's -wal/-shm files beside it.
static bool same_file(const char *path, const char *other)
{
    struct stat a, b;
    if (!other || stat(path, &a) != 0)
        return false;
    if (stat(other, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return true;
    size_t n = strlen(other);
    return strncmp(path, other, n) == 0 && (strcmp(path + n, "-wal") == 0 || strcmp(path + n, "-shm") == 0);
}

int sel_output_open(struct sel_output *o, sel_ctx *ctx, const char *path, const char *protect)
{
    memset(o, 0, sizeof(*o));
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        o->name = "<stdout>";
        return SEL_OK;
    }
    o->name = path;
    struct sel_location where = { path, 0, 0 };
    if (same_file(path, protect))
        return sel_error_at(ctx, SEL_EINVAL, where, "is the database this command reads; choose another output file");
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return sel_error_at(ctx, SEL_EINVAL, where, "is a directory; give a file name");
    // The temporary file lives in the destination's folder, so that rename() cannot cross file
    // systems; it is hidden and says whose it is.
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path + 1) : 0;
    size_t n = strlen(path) + 32;
    if (!(o->temp = malloc(n)))
        return sel_error(ctx, SEL_ENOMEM, "out of memory");
    snprintf(o->temp, n, "%.*s.%s.selaras-XXXXXX", (int)dir_len, path, path + dir_len);
    int fd = mkstemp(o->temp);
    if (fd < 0) {
        int err = errno;
        free(o->temp);
        o->temp = NULL;
        return sel_error_at(ctx, SEL_EIO, where, "cannot create: %s", strerror(err));
    }
    // mkstemp makes the file 0600; an output is an ordinary file, as fopen() would make it.
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    if (!(o->fp = fdopen(fd, "w"))) {
        close(fd);
        sel_output_abort(o);
        return sel_error_at(ctx, SEL_ENOMEM, where, "out of memory");
    }
    return SEL_OK;
}

int sel_output_commit(struct sel_output *o, sel_ctx *ctx)
{
    if (!o->fp)
        return SEL_OK;
    struct sel_location where = { o->name, 0, 0 };
    bool bad = fflush(o->fp) != 0 || ferror(o->fp);
    int err = errno;
    if (o->fp == stdout) {
        o->fp = NULL;
        return bad ? sel_error_at(ctx, SEL_EIO, where, "cannot write: %s", strerror(err)) : SEL_OK;
    }
    if (!bad && fsync(fileno(o->fp)) != 0 && errno != EINVAL) // EINVAL: a pipe or device
        bad = true, err = errno;
    if (fclose(o->fp) != 0 && !bad)
        bad = true, err = errno;
    o->fp = NULL;
    if (!bad && rename(o->temp, o->name) != 0)
        bad = true, err = errno;
    if (bad) {
        sel_output_abort(o);
        return sel_error_at(ctx, SEL_EIO, where, "cannot write: %s", strerror(err));
    }
    free(o->temp);
    o->temp = NULL;
    return SEL_OK;
}

void sel_output_abort(struct sel_output *o)
{
    if (o->fp && o->fp != stdout)
        fclose(o->fp);
    o->fp = NULL;
    if (o->temp) {
        unlink(o->temp);
        free(o->temp);
        o->temp = NULL;
    }
}

// The length of the UTF-8 character at @p s (valid UTF-8 assumed, as all text is checked on
// input) and its code point.
static size_t decode(const unsigned char *s, size_t left, uint32_t *cp)
{
    size_t n = s[0] < 0x80 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
    if (n > left)
        n = left;
    uint32_t v = n == 1 ? s[0] : s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++)
        v = (v << 6) | (s[i] & 0x3F);
    *cp = v;
    return n;
}

// Characters that would act on a terminal rather than be shown: C0 and C1 controls (ESC starts
// colour and cursor sequences), DEL, and the bidirectional marks and overrides that reorder what
// follows them ("Trojan Source").
static bool acts_on_terminal(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x061C || cp == 0x200E ||
           cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

long sel_find_invisible_control(const char *text, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        size_t n = decode(s + i, len - i, cp);
        if (acts_on_terminal(*cp) && *cp != '\n' && *cp != '\r')
            return (long)i;
        i += n;
    }
    return -1;
}

void sel_write_visible(FILE *out, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t plain = 0; // start of the run not yet written
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = decode(s + i, len - i, &cp);
        if (acts_on_terminal(cp)) {
            fwrite(s + plain, 1, i - plain, out);
            fprintf(out, cp < 0x80 ? "\\x%02X" : "\\u%04X", (unsigned)cp);
            plain = i + n;
        }
        i += n;
    }
    fwrite(s + plain, 1, len - plain, out);
}
