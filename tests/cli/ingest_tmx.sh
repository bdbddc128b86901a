#!/bin/sh
# SPDX-License-Identifier: MIT
# `selaras ingest` of a translation memory (tests/data/tmx/memory.tmx, ours): the units with both
# languages become aligned pairs, a bead each; the term equivalents the English side uses are
# confirmed; the same file again changes nothing; a changed translation replaces the old version;
# a file that is not well-formed stores nothing. Expected values written by hand.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$SEL_TEST_DATA/tmx" || exit 1
db=$tmp/tm.db
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# check WHAT EXPECTED ACTUAL
check() { [ "$2" = "$3" ] || { fail "$1"; printf 'expected:\n%s\ngot:\n%s\n' "$2" "$3"; }; }
sql() { /usr/bin/python3 -c 'import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print("|".join(str(v) for v in row))' "$db" "$1"; }

# The memory is ingested from a copy, so that the copy can change later: a document is the file
# (its real path), not the name it is given.
cp memory.tmx "$tmp/memory.tmx"
(cd "$tmp" && "$SELARAS" ingest --db "$db" memory.tmx 2>"$tmp/err")
check "first ingest: exit status" 0 $?
check "first ingest: report" "memory.tmx: stored as document 1: 5 sentences (0 boilerplate), 14 term occurrences; \
4 of 5 translation units (1 without both languages, 0 empty), 14 occurrences confirmed, 0 not" "$(head -1 "$tmp/err")"

# Unit 2 holds two Indonesian sentences: its bead is 2:1. Every bead comes from the memory (score 1).
check "beads" "1|1|1|1|1|1.0
2|2|2|2|1|1.0
3|4|1|3|1|1.0
4|5|1|4|1|1.0" "$(sql 'SELECT number, src_first, src_count, tgt_first, tgt_count, score FROM bead ORDER BY number')"

check "parallel export" "Dewan Keamanan PBB menyerukan gencatan senjata segera.	The UN Security Council called for an immediate ceasefire.
Menteri Luar Negeri tiba di Jenewa. Ia bertemu delegasi Iran.	The foreign minister arrived in Geneva and met the Iranian delegation.
Pasukan penjaga perdamaian ditarik dari perbatasan.	The peacekeepers were withdrawn from the border.
Parlemen mengesahkan undang-undang pertahanan.	Parliament passed the defence law." \
    "$("$SELARAS" export parallel --format tsv --db "$db" 2>/dev/null)"

check "confirmed equivalents" "gencatan senjata|ceasefire
delegasi|delegation
Pasukan penjaga perdamaian|peacekeepers
undang-undang|law" "$(sql "SELECT o.surface, c.target FROM occurrence o JOIN confirmation c ON c.occurrence_id = o.id
    WHERE c.status = 'confirmed' AND o.concept_id IN ('cf.ceasefire', 'dip.delegation', 'af.peacekeepers', 'law.statute')
    ORDER BY o.id")"

# Round trip: our own TMX export of those pairs, ingested into a new database, exports the same.
"$SELARAS" export parallel --format tmx --db "$db" -o "$tmp/exported.tmx" 2>/dev/null
"$SELARAS" ingest --db "$tmp/again.db" "$tmp/exported.tmx" 2>/dev/null
check "exported TMX ingested again: exit status" 0 $?
check "exported TMX ingested again: the same pairs" "$("$SELARAS" export parallel --format tsv --db "$db" 2>/dev/null)" \
    "$("$SELARAS" export parallel --format tsv --db "$tmp/again.db" 2>/dev/null)"

(cd "$tmp" && "$SELARAS" ingest --db "$db" memory.tmx 2>"$tmp/err")
check "same file again: exit status" 0 $?
check "same file again: unchanged" "memory.tmx: unchanged, already stored as document 1" "$(head -1 "$tmp/err")"

# Only an English segment differs: the memory changed, and replaces its old version. A file of
# the same name elsewhere is another document (tests/robustness/data_safety.sh).
# (--format tmx said outright, which the .tmx name implies.)
cp memory-changed.tmx "$tmp/memory.tmx"
(cd "$tmp" && "$SELARAS" ingest --db "$db" --format tmx memory.tmx 2>"$tmp/err")
check "changed translation: replaced" "memory.tmx: replaced its old version, now document" \
    "$(head -1 "$tmp/err" | cut -d' ' -f1-7)"

# Not well-formed: exit 2, the error names file, line and column, and nothing is stored.
before=$(sql 'SELECT count(*) FROM document')
"$SELARAS" ingest --db "$db" ../export/truncated.tmx 2>"$tmp/err"
check "truncated: exit status" 2 $?
check "truncated: message" "selaras: ../export/truncated.tmx:9:1: Premature end of data in tag seg line 8" \
    "$(head -1 "$tmp/err")"
check "truncated: nothing stored" "$before" "$(sql 'SELECT count(*) FROM document')"

# No unit with both languages (English and Malay only).
"$SELARAS" ingest --db "$db" no-indonesian.tmx 2>"$tmp/err"
check "no usable unit: exit status" 2 $?
check "no usable unit: message" "selaras: no-indonesian.tmx: no translation unit with both id and en segments (2 units)" \
    "$(head -1 "$tmp/err")"

[ "$failures" = 0 ] && echo "all checks passed"
exit $((failures > 0))
