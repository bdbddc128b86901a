#!/bin/sh
# SPDX-License-Identifier: MIT
# `selaras glossary` on a database holding the translation memory tests/data/tmx/memory.tmx (ours):
# per concept the forms seen, the English equivalents with how often the aligned English side
# confirmed each, and the first example with its place. Expected values written by hand from the
# memory: unit 2's Indonesian segment is sentences 2 and 3, "Ia bertemu delegasi Iran.", whose
# English says "met the Iranian delegation".
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$SEL_TEST_DATA/tmx" || exit 1
db=$tmp/tm.db
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# check WHAT EXPECTED ACTUAL
check() { [ "$2" = "$3" ] || { fail "$1"; printf 'expected:\n%s\ngot:\n%s\n' "$2" "$3"; }; }

"$SELARAS" ingest -q --db "$db" memory.tmx || fail "ingest"

check "text, the second concept (alphabetical: bertemu, delegasi)" "delegasi  [dip.delegation; diplomacy]  1 occurrence
  forms: delegasi 1
  English: delegation (confirmed 1), delegates
  e.g. Ia bertemu delegasi Iran.  (memory.tmx, sentence 3)" \
    "$("$SELARAS" glossary --db "$db" --subject diplomacy --sort alpha | sed -n 5,8p)"

check "subject filter: the two diplomacy concepts, alphabetical by Indonesian term" "dip.meet
dip.delegation" "$("$SELARAS" glossary --db "$db" --subject diplomacy --sort alpha --format tsv | cut -f1 | sed 1d)"

# the evidence decides the order: the adjective the translation used comes first, the statuses follow in that order
check "tsv: Iran, the adjective confirmed" "geo.iran	geography	1	Iran	Iranian | Iran | Islamic Republic of Iran	Ia bertemu delegasi Iran.	admitted | preferred | admitted" \
    "$("$SELARAS" glossary --db "$db" --subject geography --format tsv | grep '^geo.iran')"

check "json: confirmation counts per equivalent, the confirmed first" "Iranian 1
Iran 0
Islamic Republic of Iran 0" "$("$SELARAS" glossary --db "$db" --subject geography --format json | /usr/bin/python3 -c '
import json, sys
for e in json.load(sys.stdin):
    if e["concept_id"] == "geo.iran":
        for t in e["target_terms"]: print(t["term"], t["confirmed"])')"

check "every concept counted once" "14" "$("$SELARAS" glossary --db "$db" --format tsv | sed 1d | cut -f3 | grep -c '^1$')"

"$SELARAS" glossary --db "$db" --min-count 2 >"$tmp/out" 2>"$tmp/err"
check "nothing seen twice: exit status" 1 $?
check "nothing seen twice: message" "selaras glossary: no concept found in the documents of $db with these filters" \
    "$(cat "$tmp/err")"

[ "$failures" = 0 ] && echo "all checks passed"
exit $((failures > 0))
