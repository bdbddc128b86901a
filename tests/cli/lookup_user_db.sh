#!/bin/sh
# SPDX-License-Identifier: MIT
# lookup with a user database: imported general vocabulary answers after the termbase, curated
# entries before it (expected rows written by hand).
set -eu
db=$(mktemp -d)/user.db
trap 'rm -rf "$(dirname "$db")"' EXIT
data=$SEL_TEST_DATA/lookup/user
"$SELARAS" lexicon import --db "$db" --format tsv "$data/general.tsv" 2>/dev/null
"$SELARAS" lexicon import --db "$db" --format tsv --curated "$data/curated.tsv" 2>/dev/null
out=$("$SELARAS" lookup --db "$db" --format tsv kucing "rumah sakit lapangan" pasukan | cut -f1-5)
expected=$(printf '%s\n' \
    "kucing	1	general	kucing	cat" \
    "rumah sakit lapangan	1	general	rumah sakit lapangan	field hospital" \
    "pasukan	1	exact	pasukan	manpower (house style)" \
    "pasukan	2	exact	pasukan	troops | forces | soldiers | army")
if [ "$out" != "$expected" ]; then
    echo "lookup with a user database gave:"; echo "$out"; echo "expected:"; echo "$expected"
    exit 1
fi
