// SPDX-License-Identifier: MIT
// Fuzz target: the language-tag normaliser every reader calls on what a file says (xml:lang, a
// CSV language column or header). What it accepts must be a BCP 47 shape whose primary subtag is
// 2 to 8 lower-case letters, and normalising its own output must change nothing.
#include "src/formats/formats.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *tag = malloc(size + 1);
    if (!tag)
        return 0;
    memcpy(tag, data, size);
    tag[size] = '\0'; // a NUL inside ends the tag early, as it would in an attribute
    char out[64], primary[SEL_LANG_PRIMARY_MAX], again[64], primary2[SEL_LANG_PRIMARY_MAX];
    if (sel_lang_normalise(tag, out, sizeof(out), primary) == SEL_OK) {
        size_t n = strspn(primary, "abcdefghijklmnopqrstuvwxyz");
        if (n < 2 || n > 8 || primary[n] || strncmp(out, primary, n) != 0 || (out[n] && out[n] != '-'))
            abort();
        if (strchr(out, '_') || sel_lang_normalise(out, again, sizeof(again), primary2) != SEL_OK ||
            strcmp(out, again) != 0 || strcmp(primary, primary2) != 0)
            abort();
    } else if (*out || *primary) {
        abort(); // a refused tag leaves nothing behind
    }
    free(tag);
    return 0;
}
