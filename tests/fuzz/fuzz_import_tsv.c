// SPDX-License-Identifier: MIT
// Fuzz target: importing an OmegaT glossary (`selaras lexicon import --format tsv`): comment lines,
// UTF-8 with a byte order mark, UTF-16 with one, and what is neither.
#include "tests/fuzz/fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_import(data, size, SEL_IMPORT_TSV, ".tsv");
}
