// SPDX-License-Identifier: MIT
// Fuzz target: importing a user glossary in CSV (`selaras lexicon import --format csv`).
#include "tests/fuzz/fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_import(data, size, SEL_IMPORT_CSV, ".csv");
}
