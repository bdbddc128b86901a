#!/bin/sh
# SPDX-License-Identifier: MIT
# Glossaries as other tools write them (tests/data/interop, each file written for this test):
# every entry and every non-empty term imported or skipped with the reason given, the counts of
# the summary, what reached the database. Expected values are written by hand from the files.
. "$(dirname "$0")/lib.sh"
cd "$SEL_TEST_DATA/interop" || exit 1
db=$tmp/interop.db

# q DB SQL: the rows of a query, one per line, columns joined by |
q() {
    $PY -c 'import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))' "$1" "$2"
}
# expect_query DB SQL EXPECTED DESCRIPTION
expect_query() {
    same_text "$3" "$(q "$1" "$2")" "$4"
}

# Two files that both number their concepts c1, c2: neither overwrites the other.
selaras lexicon import --format tbx astronomy.tbx defence.tbx --db "$db"
expect_status 0 "two files with ids c1"
same_text "selaras lexicon import: astronomy.tbx: 2 read, 2 imported, 0 skipped; languages found: en id; used: en id
selaras lexicon import: defence.tbx: 3 read, 3 imported (2 under new ids: another file has theirs), 0 skipped; languages found: en id; used: en id
selaras lexicon import: 5 concepts, 10 terms from 2 files into $db (general vocabulary)" "$(cat "$tmp/err")" "ids c1: summary"
expect_query "$db" "SELECT id, source FROM user_concept ORDER BY id" "c1|astronomy.tbx
c2|astronomy.tbx
c3|defence.tbx
defence.tbx.c1|defence.tbx
defence.tbx.c2|defence.tbx" "ids c1: concepts"
expect_query "$db" "SELECT text FROM user_term WHERE concept_id = 'c1' AND lang = 'en'" "comet" "ids c1: astronomy's c1 kept"
# importing either file again changes nothing
selaras lexicon import --format tbx defence.tbx --db "$db"
selaras lexicon import --format tbx astronomy.tbx --db "$db"
expect_query "$db" "SELECT count(*), (SELECT count(*) FROM user_term) FROM user_concept" "5|10" "ids c1: re-import idempotent"
# --prefix names the namespace
selaras lexicon import --format tbx --prefix astro astronomy.tbx --db "$tmp/prefix.db"
expect_status 0 "--prefix"
expect_query "$tmp/prefix.db" "SELECT id FROM user_concept ORDER BY id" "astro.c1
astro.c2" "--prefix ids"

# Language codes as tools write them are stored normalised, region kept (BCP 47 case, `_` -> `-`,
# "in" -> "id"), and matched by their primary subtag: lookup finds id-ID and en-GB terms.
selaras lexicon import --format csv lang_codes.csv --db "$tmp/lang.db"
expect_status 1 "language codes (one row skipped)"
same_text "selaras: lang_codes.csv:6:6: \"indonesian!\" is not a language tag: row left out
selaras lexicon import: lang_codes.csv: 5 read, 4 imported, 1 skipped (1 no language); languages found: id-ID en-US id en en-GB; used: id-ID en-US id en en-GB; not languages, skipped: indonesian!
selaras lexicon import: 4 concepts, 8 terms from 1 file into $tmp/lang.db (general vocabulary)" "$(cat "$tmp/err")" "language codes: summary"
expect_query "$tmp/lang.db" "SELECT concept_id, lang, text FROM user_term ORDER BY id" "lc.1|id-ID|markas besar
lc.1|en-US|headquarters
lc.2|id|pangkalan udara
lc.2|en|air base
lc.3|id-ID|kapal selam
lc.3|en-GB|submarine
lc.4|id|kapal perang
lc.4|en|warship" "language codes: normalised, region kept; ID and in are id"
selaras lookup --db "$tmp/lang.db" "kapal selam"
grep -q "submarine .*user; lc.3" "$tmp/out" || { fail "lookup finds the id_ID term"; cat "$tmp/out"; }
selaras lookup --db "$tmp/lang.db" --from en "air base"
grep -q "pangkalan udara .*user; lc.2" "$tmp/out" || { fail "lookup --from en finds the EN term"; cat "$tmp/out"; }
selaras lookup --db "$tmp/lang.db" --from en "submarine"
grep -q "kapal selam .*user; lc.3" "$tmp/out" || { fail "lookup --from en finds the en_GB term"; cat "$tmp/out"; }
# the CSV export has the terms (matched by primary subtag) under the tags they were stored with
"$SELARAS" export glossary --format csv --source lexicon --db "$tmp/lang.db" -o "$tmp/lang.csv" || fail "export csv"
grep -q '^lc.3,,id-ID,kapal selam,en-GB,submarine,' "$tmp/lang.csv" || { fail "csv export of id-ID terms"; grep lc.3 "$tmp/lang.csv"; }
# the TBX export writes each tag as its own language section
"$SELARAS" export glossary --format tbx --source lexicon --db "$tmp/lang.db" -o "$tmp/lang.tbx" || fail "export tbx"
grep -q '<langSet xml:lang="en-GB">' "$tmp/lang.tbx" || fail "tbx export lost the region of en-GB"

# Empty terms, an unknown part of speech, a duplicate id, a langSet without a language.
selaras lexicon import --format tbx empty_terms.tbx --db "$tmp/empty.db"
expect_status 1 "empty terms"
same_text "selaras: empty_terms.tbx:6:40: empty term in concept e1: left out
selaras: empty_terms.tbx:7:67: part of speech \"nom\" read as \"noun\"
selaras: empty_terms.tbx:10:40: empty term in concept e2: left out
selaras: empty_terms.tbx:11:40: empty term in concept e2: left out
selaras: empty_terms.tbx:9:7: concept e2 has no term: not imported
selaras: empty_terms.tbx:14:59: part of speech \"gerund-ish\" is not in TBX-Basic's picklist: left out
selaras: empty_terms.tbx:16:7: concept e3 appears twice: the later entry is left out
selaras: empty_terms.tbx:20:9: <langSet> without xml:lang: its terms are left out
selaras: empty_terms.tbx:19:7: concept e4 has no term in a known language: not imported
selaras lexicon import: empty_terms.tbx: 6 read, 3 imported, 3 skipped (1 no term, 1 no language, 1 duplicate id); 1 empty term left out; 1 value outside a picklist; languages found: en-US id-ID es en; used: en-US id-ID en; not languages, skipped: (none)
selaras lexicon import: 3 concepts, 5 terms from 1 file into $tmp/empty.db (general vocabulary)" "$(cat "$tmp/err")" "empty terms: summary"
expect_query "$tmp/empty.db" "SELECT concept_id, lang, text, coalesce(pos, '') FROM user_term ORDER BY id" "e1|en-US|border post|
e1|id-ID|pos perbatasan|noun
e3|en-US|patrol|
e5|es|frontera|
e5|en|border|" "empty terms: what was stored"
# the Spanish term comes back out in both TBX exports
for v in tbx tbx3; do
    "$SELARAS" export glossary --format $v --source lexicon --db "$tmp/empty.db" -o "$tmp/es.$v" || fail "export $v"
    grep -q '<term>frontera</term>' "$tmp/es.$v" || fail "the Spanish term is not in the $v export"
done

# Nothing usable: exit 2 and no database.
printf 'source_terms,target_terms\n,\n' >"$tmp/nothing.csv"
selaras lexicon import --format csv "$tmp/nothing.csv" --db "$tmp/nothing.db"
expect_status 2 "nothing imported"
[ ! -e "$tmp/nothing.db" ] || fail "an import of nothing created a database"

# Data categories in descripGrp at every level, and TBX v3 in DCT style.
selaras lexicon import --format tbx descripgrp.tbx dct.tbx --db "$tmp/dc.db"
expect_status 0 "descripGrp and DCT"
same_text "selaras lexicon import: descripgrp.tbx: 2 read, 2 imported, 0 skipped; 1 value with no place in selaras (extra-source); languages found: en id; used: en id
selaras lexicon import: dct.tbx: 1 read, 1 imported, 0 skipped; languages found: en id es; used: en id" "$(head -n 2 "$tmp/err")" "descripGrp and DCT: summary"
expect_query "$tmp/dc.db" "SELECT id, coalesce(subject, ''), coalesce(definition, ''), coalesce(note, '') FROM user_concept ORDER BY id" \
"d1|politics|A vote of all citizens on one question.|
dg1|military|A unit that guards a frontier.|
dg2||A route ships are told to use.|A definition at the term level." "descripGrp and DCT: concepts"
expect_query "$tmp/dc.db" "SELECT concept_id, lang, text, coalesce(pos, ''), coalesce(type, ''), status FROM user_term ORDER BY id" \
"dg1|en|border guard|noun||admitted
dg1|id|penjaga perbatasan|||admitted
dg2|en|sea lane||fullForm|admitted
dg2|id|alur laut|||admitted
d1|en|referendum|noun||preferred
d1|en|plebiscite|noun||deprecated
d1|id|referendum||fullForm|admitted
d1|es|referéndum|||admitted" "descripGrp and DCT: terms (a deprecated term stays deprecated)"
for v in tbx tbx3; do
    "$SELARAS" export glossary --format $v --source lexicon --db "$tmp/dc.db" -o "$tmp/dc.$v" || fail "export $v"
    grep -A2 '<term>plebiscite</term>' "$tmp/dc.$v" | grep -q 'deprecatedTerm-admn-sts' || fail "$v: plebiscite not deprecated"
    grep -q 'A unit that guards a frontier.' "$tmp/dc.$v" || fail "$v: a language-level definition lost"
done

# OmegaT's glossary with its header line and comments; UTF-8 with a BOM; UTF-16 with a BOM.
selaras lexicon import --format tsv omegat.tsv --db "$tmp/tsv.db"
expect_status 0 "OmegaT header line"
same_text "selaras lexicon import: omegat.tsv: 2 read, 2 imported, 0 skipped; languages found: id en; used: id en" "$(head -n 1 "$tmp/err")" "OmegaT: summary"
selaras lexicon import --format tsv utf8bom.tsv --db "$tmp/tsv.db"
expect_status 0 "UTF-8 with a BOM"
selaras lexicon import --format csv utf16.csv --db "$tmp/tsv.db"
expect_status 0 "UTF-16 with a BOM"
expect_query "$tmp/tsv.db" "SELECT concept_id, lang, text FROM user_term ORDER BY id" "omegat.tsv.2|id|markas
omegat.tsv.2|en|headquarters
omegat.tsv.5|id|batalion
omegat.tsv.5|en|battalion
utf8bom.tsv.1|id|tank
utf8bom.tsv.1|en|tank
utf8bom.tsv.2|id|rudal
utf8bom.tsv.2|en|missile
utf16.csv.2|id|peleton
utf16.csv.2|en|platoon
utf16.csv.3|id|kompi
utf16.csv.3|en|company" "OmegaT, BOM, UTF-16: terms"
# UTF-16 past the first 64 KiB read (a NUL no longer stops the read there) and big-endian: every row.
$PY -c 'import sys
rows = "".join("t%d,term %d\r\n" % (i, i) for i in range(6000))
open(sys.argv[1], "wb").write(b"\xfe\xff" + ("source_terms,target_terms\r\n" + rows).encode("utf-16-be"))' "$tmp/big16.csv"
[ "$(wc -c <"$tmp/big16.csv")" -gt 131072 ] || fail "big16.csv is not past 128 KiB"
selaras lexicon import --format csv "$tmp/big16.csv" --db "$tmp/big16.db"
expect_status 0 "UTF-16BE past 64 KiB"
expect_query "$tmp/big16.db" "SELECT count(*), max(text) FROM user_term WHERE lang = 'en'" "6000|term 999" "UTF-16BE: every row"
# an odd byte at the end is not UTF-16
printf '\377\376s\000,\000t\000\n' >"$tmp/odd16.csv"
selaras lexicon import --format csv "$tmp/odd16.csv" --db "$tmp/odd16.db"
expect_status 2 "UTF-16 with an odd byte"
same_text "selaras: $tmp/odd16.csv: UTF-16LE with a byte order mark, but not valid UTF-16 (byte offset 8)" "$(cat "$tmp/err")" "odd UTF-16 message"
selaras lexicon import --format csv latin1.csv --db "$tmp/latin1.db"
expect_status 2 "Latin-1"
same_text "selaras: latin1.csv:3:6: invalid UTF-8 (byte 0xE9) at byte offset 43: the file looks like an 8-bit encoding (Windows-125x or ISO 8859); save it as UTF-8, or UTF-16 with a byte order mark" \
    "$(cat "$tmp/err")" "Latin-1 message"

# Two columns for one field: a warning naming both; a column "id" of row numbers.
selaras lexicon import --format csv dup_columns.csv --db "$tmp/cols.db"
expect_status 0 "duplicate columns"
same_text "selaras: dup_columns.csv:1: columns 2 (\"target_terms\") and 3 (\"english\") both mean target terms: column 2 is used, column 3 ignored
selaras: dup_columns.csv:1: columns 4 (\"note\") and 5 (\"comment\") both mean note: column 4 is used, column 5 ignored" \
    "$(head -n 2 "$tmp/err")" "duplicate columns: warnings"
selaras lexicon import --format csv rownumbers.csv --db "$tmp/cols.db"
expect_status 0 "row numbers"
same_text "selaras: rownumbers.csv:1:1: column 1 (\"id\") holds only numbers: read as row numbers, not as terms" \
    "$(head -n 1 "$tmp/err")" "row numbers: warning"
expect_query "$tmp/cols.db" "SELECT concept_id, lang, text FROM user_term ORDER BY id" "dup_columns.csv.2|id|brigade
dup_columns.csv.2|en|brigade
dup_columns.csv.3|id|divisi
dup_columns.csv.3|en|division
rownumbers.csv.2|id|kapal induk
rownumbers.csv.2|en|aircraft carrier
rownumbers.csv.3|id|kapal perusak
rownumbers.csv.3|en|destroyer
rownumbers.csv.4|id|kapal patroli
rownumbers.csv.4|en|patrol boat" "duplicate columns, row numbers: terms"

# Whitespace: trimmed and collapsed, except under xml:space="preserve".
selaras lexicon import --format tbx whitespace.tbx --db "$tmp/ws.db"
expect_status 0 "whitespace"
expect_query "$tmp/ws.db" "SELECT concept_id, lang, '[' || text || ']' FROM user_term ORDER BY id" "w1|en|[Provincial Reporting Establishment]
w1|id|[Lembaga Pelaporan Provinsi]
w2|en|[  two  spaces  ]
w2|id|[dua spasi]" "whitespace: terms"

# Context and source: stored from every level (TBX v2 DCA, descripGrp, v3 DCT, CSV columns),
# written out again, and the same after a round trip through both TBX exports.
selaras lexicon import --format tbx context_source.tbx context_source_dct.tbx --db "$tmp/cs.db"
expect_status 0 "context and source"
selaras lexicon import --format csv context_source.csv --db "$tmp/cs.db"
expect_status 0 "context and source: csv"
expect_query "$tmp/cs.db" "SELECT id, coalesce(cited_source, '') FROM user_concept ORDER BY rowid" "cs1|Kamus Istilah Pertahanan, 2019
cs2|our own wording
cd1|Glosarium Pemilu, KPU
cc1|Kamus Istilah Pertahanan
cc2|" "context and source: concepts"
expect_query "$tmp/cs.db" "SELECT concept_id, lang, text, coalesce(context, ''), coalesce(cited_source, '') FROM user_term ORDER BY id" \
"cs1|id-ID|gencatan senjata|Gencatan senjata di Gaza mulai berlaku pada Minggu pagi.|Antara, 19 Januari 2025
cs1|en-GB|ceasefire|The ceasefire in Gaza took effect on Sunday morning.|Reuters, 19 January 2025
cs1|en-GB|truce||
cs2|id|pasukan siaga|Pasukan siaga dikerahkan ke
perbatasan.|
cs2|en|standby force||
cd1|id|pemungutan suara|Pemungutan suara dimulai pukul tujuh pagi.|Kompas
cd1|en|voting||
cc1|id|pangkalan udara|Pesawat itu mendarat di pangkalan udara Halim.|
cc1|en|air base||
cc2|id|kapal selam||
cc2|en|submarine||" "context and source: terms"
for v in tbx tbx3; do
    "$SELARAS" export glossary --format $v --source lexicon --db "$tmp/cs.db" -o "$tmp/cs1.$v" || fail "export $v"
    grep -q '<admin type="source">Reuters, 19 January 2025</admin>' "$tmp/cs1.$v" || fail "$v: a term's source lost"
    grep -q '<admin type="source">Glosarium Pemilu, KPU</admin>' "$tmp/cs1.$v" || fail "$v: a concept's source lost"
    grep -q '<descrip type="context">Pemungutan suara dimulai pukul tujuh pagi.</descrip>' "$tmp/cs1.$v" || fail "$v: a context lost"
    selaras lexicon import --format tbx "$tmp/cs1.$v" --db "$tmp/cs2.$v.db"
    expect_status 0 "context and source: $v re-import"
    "$SELARAS" export glossary --format $v --source lexicon --db "$tmp/cs2.$v.db" -o "$tmp/cs2.$v" || fail "export $v again"
    cmp -s "$tmp/cs1.$v" "$tmp/cs2.$v" || { fail "context and source: $v round trip differs"; diff "$tmp/cs1.$v" "$tmp/cs2.$v" | head; }
done
# the CSV export's context and cited_source columns read back
"$SELARAS" export glossary --format csv --source lexicon --db "$tmp/cs.db" -o "$tmp/cs.csv" || fail "export csv"
grep -q '^cc1,,id,pangkalan udara,en,air base,,,,,Pesawat itu mendarat di pangkalan udara Halim.,Kamus Istilah Pertahanan' "$tmp/cs.csv" ||
    { fail "csv export: context and cited_source"; grep '^cc1' "$tmp/cs.csv"; }
selaras lexicon import --format csv "$tmp/cs.csv" --db "$tmp/cs3.db"
expect_query "$tmp/cs3.db" "SELECT t.context, c.cited_source FROM user_term t JOIN user_concept c ON c.id = t.concept_id WHERE c.id = 'cs1' AND t.text = 'gencatan senjata'" \
    "Gencatan senjata di Gaza mulai berlaku pada Minggu pagi.|Kamus Istilah Pertahanan, 2019" "csv round trip: context and source"
# curated entries with region tags join the termbase every command loads and are found from both sides
selaras lexicon import --curated --format tbx context_source.tbx --db "$tmp/cur.db"
selaras lookup --db "$tmp/cur.db" --from en truce
grep -q "truce .*gencatan senjata .*cs1" "$tmp/out" || { fail "lookup --from en finds a curated en-GB term"; cat "$tmp/out"; }
# and `term remove` (which names the language by its primary subtag) removes the en-GB row
"$SELARAS" term remove --concept cs1 truce --db "$tmp/cur.db" >/dev/null 2>&1 || fail "term remove of an en-GB term"
expect_query "$tmp/cur.db" "SELECT lang, text FROM user_term WHERE concept_id = 'cs1' ORDER BY id" "id-ID|gencatan senjata
en-GB|ceasefire" "term remove: the en-GB term is gone"

# xml:space="preserve" in a memory: kept where it holds, folded elsewhere, through ingest and export.
selaras ingest space_preserve.tmx --db "$tmp/sp.db"
expect_status 0 "ingest space_preserve.tmx"
grep -q "4 of 5 translation units (0 without both languages, 1 empty)" "$tmp/out" "$tmp/err" || fail "space_preserve.tmx: counts"
"$SELARAS" export parallel --format tmx --db "$tmp/sp.db" -o "$tmp/sp.tmx" 2>/dev/null || fail "export sp.tmx"
same_text "$(printf '<seg>Dua  spasi\tdan tab</seg>\n<seg>Two spaces and a tab</seg>')" "$(grep -o '<seg>.*</seg>' "$tmp/sp.tmx" | head -n 2)" \
    "space_preserve.tmx: a preserved segment exported as read"

# A memory in English on both sides is refused, not stored as a translation labelled id.
selaras ingest --lang en en_en.tmx --db "$tmp/en.db"
expect_status 2 "en-en memory"
grep -q '^selaras: en_en.tmx: source and target language are both "en"' "$tmp/err" || { fail "en-en message"; cat "$tmp/err"; }

# TMX export writes a unit's text as stored: sentences the segment had side by side
# ("2.'Coba lagi'", "pergi.Kami") are not given a space between them.
selaras ingest joined_sentences.tmx --db "$tmp/tmx.db"
expect_status 0 "ingest a memory"
"$SELARAS" export parallel --format tmx --db "$tmp/tmx.db" -o "$tmp/back.tmx" 2>/dev/null || fail "export tmx"
same_text "<seg>Langkah 2.'Coba lagi' nanti. Lalu tutup.</seg>
<seg>Step 2.'Try again' later. Then close.</seg>
<seg>Dia pergi.Kami tinggal.</seg>
<seg>He left.We stayed.</seg>" "$(grep -o '<seg>.*</seg>' "$tmp/back.tmx")" "TMX export keeps the unit's text"
finish
