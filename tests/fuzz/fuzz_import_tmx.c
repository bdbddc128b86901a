// SPDX-License-Identifier: MIT
// Fuzz target: reading a TMX translation memory (sel_tmx_read(), what `ingest --format tmx` uses).
// Every unit must be two segments as documented: whitespace folded, trimmed, not empty.
#include "src/formats/formats.h"
#include "tests/fuzz/fuzz.h"

static bool check_unit(void *user, const struct sel_tmx_unit *unit)
{
    size_t *seen = user;
    if (!fuzz_folded(unit->src) || !fuzz_folded(unit->tgt) || unit->line < 1 || (unit->tuid && !*unit->tuid))
        abort();
    ++*seen;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sel_ctx *ctx;
    if (!ctx && sel_ctx_new(&ctx) != SEL_OK)
        abort();
    const char *path = fuzz_file(data, size, ".tmx");
    size_t seen = 0;
    struct sel_tmx_stats st;
    if (path) {
        int rc = sel_tmx_read(ctx, path, "id", "en", check_unit, &seen, &st);
        // nothing is emitted from a file that fails; every unit is counted once
        if (rc != SEL_OK && (seen != 0 || st.units != 0))
            abort();
        if (rc == SEL_OK && (st.used != seen || st.used + st.missing_side + st.empty != st.units))
            abort();
    }
    sel_ctx_clear(ctx);
    return 0;
}
