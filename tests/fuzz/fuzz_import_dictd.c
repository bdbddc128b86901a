// SPDX-License-Identifier: MIT
// Fuzz target: importing a dictd dictionary (`selaras lexicon import --format dictd`), forward and
// reversed. A dictionary is two files, so the input is split at its first NUL byte: the index
// before it, the article file after it (plain, or gzip/dictzip when it starts as one). Without a
// NUL the whole input is the index and the article file is empty.
#include "tests/fuzz/fuzz_import.h"

static char dictd_base[4096];

static void dictd_remove(void)
{
    char path[4200];
    snprintf(path, sizeof(path), "%s.index", dictd_base);
    remove(path);
    snprintf(path, sizeof(path), "%s.dict", dictd_base);
    remove(path);
}

static bool write_file(const char *path, const uint8_t *data, size_t size)
{
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return false;
    bool ok = fwrite(data, 1, size, fp) == size;
    return fclose(fp) == 0 && ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sel_ctx *ctx;
    if (!ctx && sel_ctx_new(&ctx) != SEL_OK)
        abort();
    if (!*dictd_base) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dictd_base, sizeof(dictd_base), "%s/selaras-fuzz-%ld-eng-ind", tmp && *tmp ? tmp : "/tmp",
                 (long)getpid());
        atexit(dictd_remove);
    }
    const uint8_t *nul = memchr(data, '\0', size);
    size_t index_len = nul ? (size_t)(nul - data) : size;
    const uint8_t *dict = nul ? nul + 1 : data + size;
    char path[4200];
    snprintf(path, sizeof(path), "%s.dict", dictd_base);
    if (!write_file(path, dict, size - (size_t)(dict - data)))
        return 0;
    snprintf(path, sizeof(path), "%s.index", dictd_base);
    if (!write_file(path, data, index_len))
        return 0;
    for (int reverse = 0; reverse < 2; reverse++) {
        const struct sel_import_options opt = { .format = SEL_IMPORT_DICTD, .reverse = reverse };
        sel_glossary *g = NULL;
        if (sel_glossary_read(&g, ctx, path, &opt) == SEL_OK)
            fuzz_check_glossary(g);
        sel_glossary_free(g);
        sel_ctx_clear(ctx);
    }
    return 0;
}
