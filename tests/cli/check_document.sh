#!/bin/sh
# SPDX-License-Identifier: MIT
# `selaras check --document ID`: a document ingested with its translation is checked with the
# sentences and alignment stored for it, and reports what checking the two files reports (the
# findings of tests/data/cli/check_tsv.out, checked by hand against tests/data/check/errors.*).
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$SEL_TEST_DATA/check" || exit 1
db=$tmp/check.db
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# expect WHAT EXPECTED ACTUAL
expect() { [ "$2" = "$3" ] || { fail "$1"; printf 'expected:\n%s\ngot:\n%s\n' "$2" "$3"; }; }

"$SELARAS" ingest -q --db "$db" --translation errors.en.txt errors.id.txt || fail "ingest"

out=$("$SELARAS" check --db "$db" --document 1 --format tsv)
expect "exit status with findings" 1 $?
expect "the findings of the files, by stored sentence numbers" "$(cat "$SEL_TEST_DATA/cli/check_tsv.out")" "$out"

expect "json names the stored documents" "errors.id.txt errors.en.txt" \
    "$("$SELARAS" check --db "$db" --document 1 --format json | /usr/bin/python3 -c '
import json, sys
r = json.load(sys.stdin)
print(r["source"], r["target"])')"

err=$("$SELARAS" check --db "$db" --document 2 2>&1 >/dev/null)
expect "a translation's id: exit 2" 2 $?
expect "a translation's id: the message" "selaras: document 2 is the translation of document 1; check that one" "$err"

err=$("$SELARAS" check --db "$db" --document 7 2>&1 >/dev/null)
expect "an unknown id: exit 2" 2 $?
expect "an unknown id: the message" "selaras: $db: no document 7" "$err"

"$SELARAS" ingest -q --db "$db" good.id.txt || fail "ingest without translation"
err=$("$SELARAS" check --db "$db" --document 3 -o "$tmp/report.html" --format html 2>&1 >/dev/null)
expect "no translation: exit 2" 2 $?
expect "no translation: the message" "selaras: document 3 (good.id.txt) was ingested without a translation" "$err"
[ -e "$tmp/report.html" ] && fail "a failed check left its report behind"

"$SELARAS" check --db "$db" --document 1 errors.id.txt >/dev/null 2>&1
expect "--document with files: usage error" 2 $?
"$SELARAS" check --db "$db" --document x >/dev/null 2>&1
expect "--document x: usage error" 2 $?
"$SELARAS" check --db "$tmp/none.db" --document 1 >/dev/null 2>&1
expect "a database that does not exist: exit 2" 2 $?
[ -e "$tmp/none.db" ] && fail "check created a database"

[ $failures = 0 ] || exit 1
