// SPDX-License-Identifier: MIT
// Fuzz target: loading a TMX translation memory whole (sel_tmx_load(), what `ingest --format tmx`
// uses). Every pair must be two segments as documented (one line, not blank, folded and trimmed
// outside xml:space="preserve"),
// the counts must add up, and a failed load must leave nothing behind.
#include "src/formats/formats.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sel_ctx *ctx;
    if (!ctx && sel_ctx_new(&ctx) != SEL_OK)
        abort();
    const char *path = fuzz_file(data, size, ".tmx");
    if (path) {
        struct sel_tmx_memory m;
        struct sel_tmx_stats st;
        int rc = sel_tmx_load(ctx, path, "id", "en", &m, &st);
        bool preserve = fuzz_may_preserve(data, size);
        if (rc != SEL_OK && (m.n != 0 || m.pairs || m.strings))
            abort();
        if (rc == SEL_OK) {
            if (m.n != st.used || st.used + st.missing_side + st.empty != st.units)
                abort();
            for (size_t i = 0; i < m.n; i++)
                if (!fuzz_segment(m.pairs[i].src, preserve) || !fuzz_segment(m.pairs[i].tgt, preserve))
                    abort();
        }
        sel_tmx_memory_finish(&m);
    }
    sel_ctx_clear(ctx);
    return 0;
}
