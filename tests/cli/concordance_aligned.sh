#!/bin/sh
# SPDX-License-Identifier: MIT
# concordance prints each sentence found with the translation aligned with it, read from the
# document's beads: in tests/data/tmx/memory.tmx, "delegasi" stands in the second of two
# sentences of unit 2 (sentence 3 of the document), "Parlemen" in unit 5 (sentence 5, after the
# unit without an Indonesian side). Expected lines written by hand from the TMX.
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$SEL_TEST_DATA"
"$SELARAS" ingest --quiet --db "$dir/tm.db" tmx/memory.tmx
out=$(for term in delegasi Parlemen; do "$SELARAS" concordance --db "$dir/tm.db" "$term" 2>/dev/null; done |
    sed 's/^ *//')
expected=$(printf '%s\n' \
    "Ia bertemu [delegasi] Iran.  tmx/memory.tmx:3" \
    "⇒ The foreign minister arrived in Geneva and met the Iranian delegation." \
    "[Parlemen] mengesahkan undang-undang pertahanan.  tmx/memory.tmx:5" \
    "⇒ Parliament passed the defence law.")
if [ "$out" != "$expected" ]; then
    echo "concordance gave:"; echo "$out"; echo "expected:"; echo "$expected"
    exit 1
fi
