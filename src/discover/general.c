// SPDX-License-Identifier: MIT
// The general-language reference (lexicon/general/id.txt): Indonesian lemmas that are function
// words or everyday words; the same format holds the English words trimmed off an equivalent's
// edges (lang/en/function-words.txt).
#include "src/discover/discover_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int general_load(struct general *g, sel_ctx *ctx, const char *path)
{
    struct sel_text file = { 0 };
    int rc = sel_text_read(&file, ctx, path);
    if (rc != SEL_OK)
        return rc;
    if ((rc = sel_strmap_new(&g->map)) != SEL_OK) {
        sel_text_finish(&file);
        return sel_error(ctx, rc, "out of memory");
    }
    uintptr_t section = 0;
    long line = 0;
    for (char *p = file.data, *end = file.data + file.len; p < end && rc == SEL_OK;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        line++;
        while (len && (p[len - 1] == '\r' || p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len && p[0] != '#') {
            if (len == strlen("[function]") && memcmp(p, "[function]", len) == 0)
                section = TOK_FUNCTION;
            else if (len == strlen("[general]") && memcmp(p, "[general]", len) == 0)
                section = TOK_GENERAL;
            else if (len == strlen("[edge]") && memcmp(p, "[edge]", len) == 0)
                section = TOK_EDGE;
            else if (!section || memchr(p, ' ', len))
                rc = sel_error_at(ctx, SEL_EPARSE, sel_text_locate(&file, (size_t)(p - file.data)),
                                  "%s", section ? "one word per line" : "a word before the first [section]");
            else if (!sel_strmap_get(g->map, p, len)) // the first section that names a word wins
                rc = sel_strmap_put(g->map, p, len, (void *)section);
        }
        p += len;
        while (p < end && *p != '\n')
            p++;
        p++;
    }
    sel_text_finish(&file);
    if (rc != SEL_OK) {
        general_finish(g);
        return rc == SEL_ENOMEM ? sel_error(ctx, rc, "out of memory") : rc;
    }
    return SEL_OK;
}

void general_finish(struct general *g)
{
    sel_strmap_free(g->map);
    g->map = NULL;
}

unsigned general_flags(const struct general *g, const char *lemma)
{
    return (unsigned)(uintptr_t)sel_strmap_get(g->map, lemma, strlen(lemma));
}
