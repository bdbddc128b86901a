// SPDX-License-Identifier: MIT
// Fuzz target: reading a TMX translation memory (sel_tmx_read(), what `ingest --format tmx` uses).
// Every unit must be two segments as documented: one line, not blank, and outside
// xml:space="preserve" whitespace folded and trimmed.
#include "src/formats/formats.h"
#include "tests/fuzz/fuzz.h"

struct seen {
    size_t n;
    bool may_preserve;
};

static bool check_unit(void *user, const struct sel_tmx_unit *unit)
{
    struct seen *seen = user;
    if (!fuzz_segment(unit->src, seen->may_preserve) || !fuzz_segment(unit->tgt, seen->may_preserve) ||
        unit->line < 1 || (unit->tuid && !*unit->tuid))
        abort();
    seen->n++;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sel_ctx *ctx;
    if (!ctx && sel_ctx_new(&ctx) != SEL_OK)
        abort();
    const char *path = fuzz_file(data, size, ".tmx");
    struct seen seen = { 0, fuzz_may_preserve(data, size) };
    struct sel_tmx_stats st;
    if (path) {
        int rc = sel_tmx_read(ctx, path, "id", "en", check_unit, &seen, &st);
        // nothing is emitted from a file that fails; every unit is counted once
        if (rc != SEL_OK && (seen.n != 0 || st.units != 0))
            abort();
        if (rc == SEL_OK && (st.used != seen.n || st.used + st.missing_side + st.empty != st.units))
            abort();
    }
    sel_ctx_clear(ctx);
    return 0;
}
