// SPDX-License-Identifier: MIT
// What the import fuzz targets share: read the fuzzer's bytes as a glossary file of one format
// and walk every entry, which must be whole.
#ifndef SEL_FUZZ_IMPORT_H
#define SEL_FUZZ_IMPORT_H

#include "src/formats/formats.h"
#include "tests/fuzz/fuzz.h"

// Every entry of a glossary that was read must be whole: an id, and each term a text and a language.
static inline void fuzz_check_glossary(const sel_glossary *g)
{
    for (size_t i = 0; i < sel_glossary_count(g); i++) {
        const struct sel_gloss_entry *e = sel_glossary_entry(g, i);
        if (!e || !e->concept_id)
            abort();
        for (size_t k = 0; k < e->n_terms; k++) {
            const struct sel_gloss_term *t = &e->terms[k];
            if (!t->text || !*t->text || !t->lang)
                abort();
            // stored languages are normalised tags: normalising one again changes nothing
            char again[64];
            if (sel_lang_normalise(t->lang, again, sizeof(again), NULL) != SEL_OK || strcmp(again, t->lang) != 0)
                abort();
        }
    }
}

static inline int fuzz_import(const uint8_t *data, size_t size, enum sel_import_format format, const char *suffix)
{
    static sel_ctx *ctx;
    if (!ctx && sel_ctx_new(&ctx) != SEL_OK)
        abort();
    const struct sel_import_options opt = { .format = format };
    const char *path = fuzz_file(data, size, suffix);
    sel_glossary *g = NULL;
    if (path && sel_glossary_read(&g, ctx, path, &opt) == SEL_OK) {
        fuzz_check_glossary(g);
        // every entry read is kept or counted as skipped
        const struct sel_import_report *r = sel_glossary_report(g);
        size_t skipped = 0;
        for (int why = 0; why < SEL_SKIP_COUNT; why++)
            skipped += r->skipped[why];
        if (format != SEL_IMPORT_DICTD && r->read != sel_glossary_count(g) + skipped)
            abort();
    }
    sel_glossary_free(g);
    sel_ctx_clear(ctx);
    return 0;
}

#endif
