#!/bin/sh
# SPDX-License-Identifier: MIT
# lookup prints a user entry whole, however long: 200 targets of two-byte letters (about 3 KB,
# once cut at 1,024 bytes, inside a character), a 300-byte source term (once cut at 256) and a
# 200-byte concept identifier (once cut at 128). Expected values are built here from the same
# pieces the CSV is written from, never read back from selaras.
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db=$dir/user.db
# the pieces: "pasukan é…" (300 bytes), "kesatuan-N-éé" (N = 1..200), an identifier of 200 x
source="pasukan $(printf 'é%.0s' $(seq 146))"
targets=$(seq 200 | sed 's/.*/kesatuan-&-éé/' | paste -sd '|' | sed 's/|/ | /g')
id=$(printf 'x%.0s' $(seq 200))
[ "$(printf '%s' "$source" | wc -c)" = 300 ] || { echo "test setup: source is not 300 bytes"; exit 1; }
printf 'concept_id,source_terms,target_terms\n%s,%s,%s\n' "$id" "$source" "$targets" >"$dir/long.csv"
"$SELARAS" lexicon import --db "$db" --format csv "$dir/long.csv" 2>/dev/null
out=$("$SELARAS" lookup --db "$db" --format tsv "$source")
# (the two status columns stay empty: general vocabulary has no editorial status)
expected=$(printf '%s\t1\tgeneral\t%s\t%s\tuser\t%s\t\t' "$source" "$source" "$targets" "$id")
if [ "$out" != "$expected" ]; then
    echo "lookup --format tsv of a long user entry gave:"; echo "$out"; echo "expected:"; echo "$expected"
    exit 1
fi
# JSON: every target an item of its own, the last one whole
n=$("$SELARAS" lookup --db "$db" --format json "$source" | python3 -c '
import json, sys
t = json.load(sys.stdin)[0]["matches"][0]["target_terms"]
print(len(t) if t[-1]["term"] == "kesatuan-200-éé" else -1)')
if [ "$n" != 200 ]; then
    echo "lookup --format json: $n targets, expected 200 ending with kesatuan-200-éé"
    exit 1
fi
