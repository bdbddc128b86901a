// SPDX-License-Identifier: MIT
// Fuzz target: reading an XLIFF 1.2 or 2.0 file (sel_xliff_load(), what `selaras check FILE.xlf`
// uses). Every pair must be two segments as documented: whitespace folded, trimmed, not empty;
// a file that fails gives nothing; every unit is counted once.
#include "src/formats/formats.h"
#include "tests/fuzz/fuzz.h"

static bool folded(const char *s)
{
    if (!s || !*s || *s == ' ' || s[strlen(s) - 1] == ' ')
        return false;
    return !strpbrk(s, "\t\n\r") && !strstr(s, "  ");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sel_ctx *ctx;
    if (!ctx && sel_ctx_new(&ctx) != SEL_OK)
        abort();
    const char *path = fuzz_file(data, size, ".xlf");
    if (path) {
        struct sel_tmx_memory m;
        struct sel_tmx_stats st;
        int rc = sel_xliff_load(ctx, path, &m, &st);
        if (rc != SEL_OK && (m.n != 0 || m.pairs || st.units != 0))
            abort();
        if (rc == SEL_OK && (st.used != m.n || st.used + st.missing_side + st.empty != st.units))
            abort();
        for (size_t i = 0; i < m.n; i++)
            if (!folded(m.pairs[i].src) || !folded(m.pairs[i].tgt))
                abort();
        sel_tmx_memory_finish(&m);
    }
    sel_ctx_clear(ctx);
    return 0;
}
