// SPDX-License-Identifier: MIT
// Fuzz target: importing a user glossary in TBX (`selaras lexicon import --format tbx`).
#include "tests/fuzz/fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_import(data, size, SEL_IMPORT_TBX, ".tbx");
}
