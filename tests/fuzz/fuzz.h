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

// A segment as the TMX readers promise it: not empty, whitespace runs folded to one space, trimmed.
static inline bool fuzz_folded(const char *s)
{
    if (!s || !*s || *s == ' ' || s[strlen(s) - 1] == ' ')
        return false;
    return !strpbrk(s, "\t\n\r") && !strstr(s, "  ");
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
