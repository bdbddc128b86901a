// SPDX-License-Identifier: MIT
// The analysed keys of every term, computed at build time (`selaras lexicon compile`, run by
// meson) and loaded at start-up: analysing 11,000 terms with Hunspell takes about a second,
// reading their keys a few milliseconds. A fingerprint of the termbase and of the analysis rules
// tells a stale file from a good one; a stale or missing file means analysing as before.
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
    uint64_t h = 1469598103934665603ULL;
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

// The languages the termbase has terms in, in order of first appearance.
static size_t termbase_langs(const sel_termbase *tb, const char **langs, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < tb->n_concepts; i++)
        for (size_t j = 0; !tb->concepts[i].origin && j < tb->concepts[i].n_terms; j++) {
            const char *lang = tb->concepts[i].terms[j].lang;
            size_t k = 0;
            while (k < n && strcmp(langs[k], lang) != 0)
                k++;
            if (k == n && n < max)
                langs[n++] = lang;
        }
    return n;
}

int sel_term_keys_write(const sel_termbase *tb, sel_ctx *ctx, const char *path)
{
    const char *langs[8];
    size_t n_langs = termbase_langs(tb, langs, 8);
    char tmp[4096];
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    FILE *fp = fopen(tmp, "w");
    if (!fp)
        return sel_error_at(ctx, SEL_EIO, (struct sel_location){ tmp, 0, 0 }, "cannot write");
    fprintf(fp, "selaras-term-keys 2\t%016" PRIx64 "\n", fingerprint(tb, langs, n_langs));
    int rc = SEL_OK;
    char keys[2048], roots[2048];
    for (size_t l = 0; rc == SEL_OK && l < n_langs; l++) {
        sel_lang *lang = NULL;
        sel_analyzer *an = NULL;
        rc = sel_lang_load(&lang, ctx, langs[l]);
        if (rc == SEL_OK)
            rc = sel_analyzer_new(&an, ctx, lang);
        if (rc == SEL_OK)
            sel_analyzer_split_compounds(an, true); // as the tagger analyses text
        for (size_t i = 0; rc == SEL_OK && i < tb->n_concepts; i++) {
            const struct sel_concept *c = &tb->concepts[i];
            for (size_t j = 0; rc == SEL_OK && j < c->n_terms; j++) {
                if (strcmp(c->terms[j].lang, langs[l]) != 0)
                    continue;
                rc = sel_term_keys_compute(an, ctx, c->terms[j].text, keys, sizeof(keys), roots, sizeof(roots));
                if (rc == SEL_OK && *keys)
                    fprintf(fp, "%s\t%zu\t%zu\t%s\t%s\n", langs[l], i, j, keys, roots);
            }
        }
        sel_analyzer_free(an);
        sel_lang_free(lang);
    }
    if (fclose(fp) != 0 && rc == SEL_OK)
        rc = sel_error_at(ctx, SEL_EIO, (struct sel_location){ tmp, 0, 0 }, "write failed");
    if (rc == SEL_OK && rename(tmp, path) != 0)
        rc = sel_error_at(ctx, SEL_EIO, (struct sel_location){ path, 0, 0 }, "cannot replace");
    if (rc != SEL_OK)
        remove(tmp);
    return rc;
}

int sel_term_index_load(sel_term_index **out, sel_ctx *ctx, const sel_termbase *tb, const char *lang, const char *path)
{
    *out = NULL;
    struct sel_text t;
    if (tb->bundled_replaced || sel_text_read(&t, NULL, path) != SEL_OK)
        return SEL_ENOTFOUND;
    const char *langs[8];
    size_t n_langs = termbase_langs(tb, langs, 8);
    char header[64];
    snprintf(header, sizeof(header), "selaras-term-keys 2\t%016" PRIx64 "\n", fingerprint(tb, langs, n_langs));
    if (strncmp(t.data, header, strlen(header)) != 0) {
        sel_text_finish(&t);
        return SEL_ENOTFOUND; // stale: the termbase or the rules changed since it was written
    }
    sel_term_index *ix = NULL;
    int rc = sel_term_index_new(&ix) == SEL_OK ? SEL_OK : sel_error(ctx, SEL_ENOMEM, "out of memory");
    size_t lang_len = strlen(lang);
    for (char *line = t.data + strlen(header), *next; rc == SEL_OK && line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (strncmp(line, lang, lang_len) != 0 || line[lang_len] != '\t')
            continue;
        char *f[5] = { line };
        size_t nf = 1;
        for (char *p = line; nf < 5 && (p = strchr(p, '\t'));)
            *p++ = '\0', f[nf++] = p;
        char *end1, *end2;
        size_t ci = strtoul(f[1], &end1, 10), ti = strtoul(f[2], &end2, 10);
        const struct sel_concept *c = nf == 5 ? sel_termbase_concept(tb, ci) : NULL;
        if (!c || c->origin || *end1 || *end2 || ti >= c->n_terms || strcmp(c->terms[ti].lang, lang) != 0) {
            rc = SEL_ENOTFOUND; // does not fit this termbase after all
            break;
        }
        if (sel_term_index_add(ix, c, &c->terms[ti], f[3], f[4]) != SEL_OK)
            rc = sel_error(ctx, SEL_ENOMEM, "out of memory");
    }
    sel_text_finish(&t);
    if (rc != SEL_OK) {
        sel_term_index_free(ix);
        return rc;
    }
    *out = ix;
    return SEL_OK;
}
