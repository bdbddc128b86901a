// SPDX-License-Identifier: MIT
// Fuzz target: the termbase source reader (docs/lexicon-format.md) and the checks across concepts.
#include "lexicon/lexicon.h"
#include "tests/fuzz/fuzz.h"

static bool ignore(void *user, struct sel_location where, const char *message)
{
    (void)where;
    if (!message || !*message)
        abort();
    ++*(size_t *)user;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sel_ctx *ctx;
    if (!ctx && sel_ctx_new(&ctx) != SEL_OK)
        abort();
    const char *path = fuzz_file(data, size, ".terms");
    sel_termbase *tb = NULL;
    size_t problems = 0;
    if (path && sel_termbase_new(&tb) == SEL_OK) {
        sel_termbase_read_file(tb, ctx, path, ignore, &problems);
        sel_termbase_check(tb, ignore, &problems);
        for (size_t i = 0; i < sel_termbase_concept_count(tb); i++) {
            const struct sel_concept *c = sel_termbase_concept(tb, i);
            if (!c || !c->id)
                abort();
        }
    }
    sel_termbase_free(tb);
    sel_ctx_clear(ctx);
    return 0;
}
