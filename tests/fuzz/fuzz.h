// SPDX-License-Identifier: MIT
// What the fuzz targets share: the libFuzzer entry point, and turning the fuzzer's bytes into what
// the library's entry points expect (checked text, or a file on disk).
#ifndef SEL_FUZZ_H
#define SEL_FUZZ_H

#include "src/core/core.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// The text pipeline takes what sel_text_read() lets through: valid UTF-8 without NUL bytes, NUL
// terminated. Anything else is rejected there, so here too (the check itself is fuzzed on the way).
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
    if (sel_utf8_find_invalid((const char *)data, size, false) >= 0)
        return NULL;
    char *text = malloc(size + 1);
    if (text) {
        memcpy(text, data, size);
        text[size] = '\0';
    }
    return text;
}

// A segment as the TMX readers promise it: one line (no CR, no LF) with something besides
// whitespace; unless @p may_preserve, whitespace runs folded to one space and trimmed as well.
// xml:space="preserve" keeps spaces and tabs: a file that may say it (its bytes hold "preserve",
// or NULs, which an ASCII search cannot see through) is held to the first part only.
static inline bool fuzz_segment(const char *s, bool may_preserve)
{
    if (!s || strpbrk(s, "\n\r") || !s[strspn(s, " \t")])
        return false;
    if (may_preserve)
        return true;
    return *s != ' ' && s[strlen(s) - 1] != ' ' && !strchr(s, '\t') && !strstr(s, "  ");
}

static inline bool fuzz_may_preserve(const uint8_t *data, size_t size)
{
    if (memchr(data, '\0', size))
        return true;
    for (size_t i = 0; i + 8 <= size; i++)
        if (memcmp(data + i, "preserve", 8) == 0)
            return true;
    return false;
}

// The file readers take a path: the bytes go to one file per process in $TMPDIR, rewritten for
// each input. Returns the path (static storage) or NULL.
static char fuzz_path[4096];

static inline void fuzz_file_remove(void)
{
    remove(fuzz_path);
}

static inline const char *fuzz_file(const uint8_t *data, size_t size, const char *suffix)
{
    char *path = fuzz_path;
    const char *tmp = getenv("TMPDIR");
    if (!*path)
        atexit(fuzz_file_remove);
    snprintf(path, sizeof(fuzz_path), "%s/selaras-fuzz-%ld%s", tmp && *tmp ? tmp : "/tmp", (long)getpid(), suffix);
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return NULL;
    bool ok = fwrite(data, 1, size, fp) == size;
    if (fclose(fp) != 0 || !ok) {
        remove(path);
        return NULL;
    }
    return path;
}

#endif
