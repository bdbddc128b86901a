#!/bin/sh
# SPDX-License-Identifier: MIT
# `selaras discover` on a database holding the translation memory tests/data/discover/news.tmx
# (ours): three expressions the termbase lacks, each with its English equivalent; then the review
# round trip (`term accept` of the edited TSV or of one pair, `term reject`). Expected values
# worked out by hand: C-value is log2(words + 1) times the frequency (nothing longer holds them),
# times the share of occurrences the equivalents cover (all of them here): perahu karet
# log2(3) * 3 = 4.75, kerajaan (four forms: Kerajaan, kerajaan, kerajaannya) 1 * 4, karantina
# 1 * 3; times how much of the field's English the best equivalent shares, 0.2 + 0.8 *
# ln(1 + n) / ln(11) with n the bundled concepts whose English terms hold its most shared word:
# `boat` 4 (0.737: 3.50), `kingdom` 2 (0.566: 2.27), `quarantine` none (0.2: 0.60). Ten beads
# are less than two passages: no dispersion to weigh. Dice of `rubber boat`: 2 * 3 / (3 beads of
# the candidate + 3 beads holding it) = 1.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$SEL_TEST_DATA/discover" || exit 1
db=$tmp/news.db
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# check WHAT EXPECTED ACTUAL
check() { [ "$2" = "$3" ] || { fail "$1"; printf 'expected:\n%s\ngot:\n%s\n' "$2" "$3"; }; }

"$SELARAS" ingest -q --db "$db" news.tmx || fail "ingest"

check "tsv: the three candidates, best first, with equivalent, score and count" "id_term	en_equivalents	score	count
perahu karet	rubber boat	3.5	3
kerajaan	kingdom	2.3	4
karantina	quarantine	0.6	3" "$("$SELARAS" discover --db "$db" --format tsv | cut -f1-4)"

check "tsv: the example bead, both sides" "Para migran tiba dengan perahu karet. ||| The migrants arrived in a rubber boat." \
    "$("$SELARAS" discover --db "$db" --format tsv | sed -n 2p | cut -f5)"

check "--subject-hint geography: kerajaan stands beside Yordania and Maroko in two of its four beads (2.27 * 1.5), karantina beside kota in one of three (0.6 * 4/3)" "perahu karet	3.5
kerajaan	3.4
karantina	0.8" "$("$SELARAS" discover --db "$db" --format tsv --subject-hint geography | sed 1d | cut -f1,3)"

check "--limit 1" "perahu karet" "$("$SELARAS" discover --db "$db" --format tsv --limit 1 | sed 1d | cut -f1)"
check "--min-count 4: only kerajaan, seen four times in three forms" "kerajaan" \
    "$("$SELARAS" discover --db "$db" --format tsv --min-count 4 | sed 1d | cut -f1)"

check "json: count and Dice of an equivalent, lemmas of the candidate" "perahu karet|rubber boat|3|1.0" \
    "$("$SELARAS" discover --db "$db" --format json | /usr/bin/python3 -c '
import json, sys
c = json.load(sys.stdin)[0]
e = c["equivalents"][0]
print("%s|%s|%d|%.1f" % (c["lemmas"], e["term"], e["count"], e["dice"]))')"

check "text" "kerajaan  (score 2.3, 4 occurrences)
  English: kingdom (4, Dice 1.00)
  e.g. Kerajaan Yordania mengecam serangan itu.
     = The kingdom of Jordan condemned the attack." "$("$SELARAS" discover --db "$db" | sed -n 5,8p)"

"$SELARAS" discover --db "$db" --min-count 5 >"$tmp/out" 2>"$tmp/err"
check "nothing seen five times: exit status" 1 $?
check "nothing seen five times: message" "selaras discover: nothing to propose from the aligned documents of $db" \
    "$(cat "$tmp/err")"
check "nothing seen five times: no output" "" "$(cat "$tmp/out")"

# review: accept two candidates from the edited TSV (kerajaan's line deleted), reject kerajaan
"$SELARAS" discover --db "$db" --format tsv | grep -v '^kerajaan' >"$tmp/reviewed.tsv"
check "accept the reviewed TSV" "accepted user.perahu-karet: id perahu karet, en rubber boat
accepted user.karantina: id karantina, en quarantine" "$("$SELARAS" term accept --db "$db" "$tmp/reviewed.tsv")"
# accepting retags the ingested documents: the three aligned occurrences now confirm it
check "an accepted term is found by lookup, as a user term, confirmed by the ingested translations" \
    "  1  karantina  →  quarantine (confirmed 3)   [exact; ; user.karantina]" \
    "$("$SELARAS" lookup --db "$db" karantina | sed -n 2p)"
check "an accepted term is tagged in any inflected form" "karantinanya	karantina	quarantine	user.karantina" \
    "$(echo "Pemerintah mencabut karantinanya." | "$SELARAS" tag --db "$db" | cut -f4-7 | grep user)"
check "accepted terms are in the glossary export" "perahu karet	rubber boat
karantina	quarantine" "$("$SELARAS" export glossary --db "$db" --format tsv --source lexicon | grep -e '^perahu karet' -e '^karantina' | cut -f1,2)"
check "provenance: discovered" "user.perahu-karet	discovered
user.karantina	discovered" "$("$SELARAS" term list --db "$db" --format tsv | sed 1d | cut -f1,5)"
check "evidence kept with the concept" "selaras discover: score 0.6, 3 occurrences; e.g. Pemerintah memberlakukan karantina di kota itu. ||| The government imposed a quarantine on the city." \
    "$(/usr/bin/python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT evidence FROM user_concept WHERE id = ?", ("user.karantina",)).fetchone()[0])' "$db")"
check "accepted terms are not proposed again" "kerajaan" "$("$SELARAS" discover --db "$db" --format tsv | sed 1d | cut -f1)"
check "accepting again changes nothing" "unchanged: karantina is already a term of user.karantina" \
    "$("$SELARAS" term accept --db "$db" karantina quarantine)"
check "reject" "rejected kerajaan: it will not be proposed again" "$("$SELARAS" term reject --db "$db" kerajaan)"
"$SELARAS" discover --db "$db" >"$tmp/out" 2>&1
check "a rejected candidate (in any form: kerajaannya too) is not proposed again: nothing left" 1 $?

# one at a time, in another database
"$SELARAS" ingest -q --db "$tmp/one.db" news.tmx || fail "ingest news.tmx again"
check "accept one" "accepted user.kerajaan: id kerajaan, en kingdom" "$("$SELARAS" term accept --db "$tmp/one.db" kerajaan kingdom)"
check "found by lookup, confirmed by the ingested translations" "  1  kerajaan  →  kingdom (confirmed 4)   [exact; ; user.kerajaan]" "$("$SELARAS" lookup --db "$tmp/one.db" kerajaan | sed -n 2p)"

# a line without an equivalent: its place named, exit 2, nothing accepted
printf 'id_term\ten_equivalents\tscore\tcount\texample\nkarantina\tquarantine\t3.0\t3\tx\nperahu karet\t\t4.8\t3\tx\n' >"$tmp/bad.tsv"
"$SELARAS" term accept --db "$tmp/one.db" "$tmp/bad.tsv" >"$tmp/out" 2>"$tmp/err"
check "bad TSV: exit status" 2 $?
check "bad TSV: message" "selaras: $tmp/bad.tsv:3:14: no English equivalent for \"perahu karet\" in the second column" "$(cat "$tmp/err")"
check "bad TSV: nothing accepted" "user.kerajaan" "$("$SELARAS" term list --db "$tmp/one.db" --format tsv | sed 1d | cut -f1)"

# function-word runs, numbers, dates, times and boilerplate, each seen four times, never come up
"$SELARAS" ingest -q --db "$tmp/noise.db" noise.tmx || fail "ingest noise.tmx"
"$SELARAS" discover --db "$tmp/noise.db" --min-count 1 >"$tmp/out" 2>"$tmp/err"
check "noise: nothing to propose" 1 $?
check "noise: no candidate" "" "$(cat "$tmp/out")"

"$SELARAS" discover --db "$tmp/missing.db" >/dev/null 2>&1
check "a missing database: exit status" 2 $?
[ -e "$tmp/missing.db" ] && fail "a missing database was created"

"$SELARAS" discover --db "$db" --min-count 0 >/dev/null 2>&1
check "--min-count 0: exit status" 2 $?
"$SELARAS" discover --db "$db" --subject-hint weather >/dev/null 2>&1
check "an unknown subject: exit status" 2 $?

[ "$failures" = 0 ] && echo "all checks passed"
exit $((failures > 0))
