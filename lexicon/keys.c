// SPDX-License-Identifier: MIT
// The analysed keys of every term, computed at build time (`selaras lexicon compile`, run by
// meson, into the compiled termbase of lexicon/compiled.c) and loaded at start-up: analysing
// 11,000 terms with Hunspell takes about a second, reading their keys a few milliseconds. A
// fingerprint of the termbase and of the analysis rules tells whether the compiled keys fit a
// termbase read from the sources; where they do not, the terms are analysed as before.
#include "lexicon/compiled.h"
#include "lexicon/lexicon.h"
#include "lexicon/termbase_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t fnv(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
    return fnv(h, s, strlen(s) + 1); // with the NUL, so "ab"+"c" differs from "a"+"bc"
}

// What the keys depend on: every bundled term, and each language's morphology rules. The user's
// concepts, added after the bundled ones, are not in the compiled keys (sel_term_index_add_user()).
static uint64_t fingerprint(const sel_termbase *tb, const char *const *langs, size_t n_langs)
{
    uint64_t h = 1469598103934665603ULL; // the concepts are filled: sel_term_keys_fingerprint()
    for (size_t i = 0; i < tb->n_concepts; i++) {
        const struct sel_concept *c = &tb->concepts[i];
        if (c->origin)
            continue;
        h = fnv_str(h, c->id);
        for (size_t j = 0; j < c->n_terms; j++) {
            h = fnv_str(h, c->terms[j].lang);
            h = fnv_str(h, c->terms[j].text);
        }
    }
    char *dir = sel_data_path("lang");
    for (size_t l = 0; dir && l < n_langs; l++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s/morphology.txt", dir, langs[l]);
        struct sel_text t;
        if (sel_text_read(&t, NULL, path) == SEL_OK) {
            h = fnv(h, t.data, t.len);
            sel_text_finish(&t);
        }
    }
    free(dir);
    return h;
}

uint64_t sel_term_keys_fingerprint(const sel_termbase *tb)
{
    const char *langs[8];
    size_t n = 0;
    sel_termbase_fill(tb);
    for (size_t i = 0; i < tb->n_concepts; i++)
        for (size_t j = 0; !tb->concepts[i].origin && j < tb->concepts[i].n_terms; j++) {
            const char *lang = tb->concepts[i].terms[j].lang;
            size_t k = 0;
            while (k < n && strcmp(langs[k], lang) != 0)
                k++;
            if (k == n && n < 8)
                langs[n++] = lang;
        }
    return fingerprint(tb, langs, n);
}

int sel_term_keys_write(const sel_termbase *tb, sel_ctx *ctx, const char *path)
{
    return sel_compiled_write(tb, ctx, path);
}

int sel_term_index_load(sel_term_index **out, sel_ctx *ctx, const sel_termbase *tb, const char *lang, const char *path)
{
    if (tb->bundled_replaced)
        return SEL_ENOTFOUND; // a user concept took a bundled one's place: its keys are not compiled
    return sel_compiled_index_load(out, ctx, tb, lang, path);
}
