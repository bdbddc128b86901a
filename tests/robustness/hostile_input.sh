#!/bin/sh
# SPDX-License-Identifier: MIT
# Hostile input for every command that reads files (docs/robustness.md): invalid UTF-8 of every
# kind, NUL bytes, a binary file, a directory, a missing file, an empty file, a BOM, CR LF and lone
# CR, a file that disappears between listing and reading, a FIFO whose writer stops mid-character.
# Bad input: exit 2, "selaras: FILE:LINE:COL: ... at byte offset N", and the database unchanged.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
corpus=$SEL_SOURCE_ROOT/corpus
cp "$corpus/01-asean-defence.en.txt" good.en.txt
printf 'Pasukan TNI tiba di Jakarta.\nMereka disambut Menhan.\n' >good.id.txt
db=$T/db.sqlite
run ingest --db "$db" good.id.txt
expect 0 "" "ingest: a good document into a new database"
before=$(db_state "$db")

# name, bytes after the prefix (printf escapes), the bad byte as reported
prefix='Pasukan tiba.\nKata '
# shellcheck disable=SC2059
while read -r name bytes byte; do
    printf "$prefix$bytes tiba.\n" >"$name.txt"
    where="$name.txt:2:6: invalid UTF-8 (byte $byte) at byte offset 19"
    for cmd in segment analyze tag "lexicon check" "lexicon stats"; do
        run $cmd "$name.txt"
        expect 2 "$where" "$cmd: $name"
    done
    run align "$name.txt" good.en.txt
    expect 2 "$where" "align: $name source"
    run align good.id.txt "$name.txt"
    expect 2 "$where" "align: $name translation"
    run ingest --db "$db" "$name.txt"
    expect 2 "$where" "ingest: $name"
    run ingest --db "$db" good.id.txt --translation "$name.txt"
    expect 2 "$where" "ingest: $name translation"
    [ "$(db_state "$db")" = "$before" ] && ok "ingest: $name leaves the database unchanged" ||
        not_ok "ingest: $name changed the database"
done <<'CASES'
overlong-2 \300\257 0xC0
overlong-3 \340\200\257 0xE0
overlong-4 \360\200\200\257 0xF0
surrogate-high \355\240\200 0xED
surrogate-low \355\277\277 0xED
above-10FFFF \364\220\200\200 0xF4
byte-FF \377 0xFF
lone-continuation \200 0x80
truncated-2-of-3 \342\202 0xE2
truncated-1-of-4 \360 0xF0
latin1 \351 0xE9
CASES

# A sequence cut off by the end of the file, and a BOM before the bad byte (columns count it).
printf 'Pasukan tiba.\nKata \342\202' >truncated-at-eof.txt
printf '\357\273\277Kata \300\257 tiba.\n' >bom-then-bad.txt
printf 'Pasukan\000tiba.\n' >nul.txt
for cmd in segment analyze tag "lexicon check"; do
    run $cmd truncated-at-eof.txt
    expect 2 "truncated-at-eof.txt:2:6: invalid UTF-8 (byte 0xE2) at byte offset 19" "$cmd: truncated at end of file"
    run $cmd bom-then-bad.txt
    expect 2 "bom-then-bad.txt:1:9: invalid UTF-8 (byte 0xC0) at byte offset 8" "$cmd: BOM, then invalid UTF-8"
    run $cmd nul.txt
    expect 2 "nul.txt:1:8: NUL byte at byte offset 7: binary file, not text" "$cmd: NUL byte"
done

# A binary file, a directory, a missing file: for each command, and ingest leaves the database alone.
head -c 4096 "$SELARAS" >binary.bin
mkdir a-directory
for cmd in segment analyze tag "lexicon check" "ingest --db $db"; do
    run $cmd binary.bin
    expect 2 "binary.bin:1:" "$cmd: binary file"
    grep -q "NUL byte at byte offset\|invalid UTF-8" "$T/err" || not_ok "$cmd: binary file: no byte offset given"
    run $cmd a-directory
    case $cmd in
    lexicon*) expect 2 "a-directory: no .terms files" "$cmd: a directory (read as a termbase folder)" ;;
    *) expect 2 "a-directory: is a directory, not a text file" "$cmd: a directory" ;;
    esac
    run $cmd no-such-file.txt
    expect 2 "no-such-file.txt: cannot open: No such file or directory" "$cmd: a missing file"
done
run align a-directory good.en.txt
expect 2 "a-directory: is a directory" "align: a directory"
run align good.id.txt binary.bin
expect 2 "binary.bin:1:" "align: binary translation"
# The same for a translation memory (ingest --format tmx), and an empty or badly encoded one.
mkdir a-directory.tmx
: >empty.tmx
printf '<tmx><body><tu><tuv xml:lang="id"><seg>Kata \300\257</seg></tuv></tu></body></tmx>' >bad-utf8.tmx
run ingest --db "$db" --format tmx binary.bin
expect 2 "binary.bin:1:1: Start tag expected" "ingest --format tmx: binary file"
run ingest --db "$db" a-directory.tmx
expect 2 "a-directory.tmx: is a directory, not an XML file" "ingest --format tmx: a directory"
grep -q "I/O error" "$T/err" && not_ok "ingest --format tmx: a directory: libxml2 printed its own message"
run ingest --db "$db" no-such-file.tmx
expect 2 "no-such-file.tmx: cannot open: No such file or directory" "ingest --format tmx: a missing file"
run ingest --db "$db" empty.tmx
expect 2 "empty.tmx:1:1: Document is empty" "ingest --format tmx: an empty file"
run ingest --db "$db" bad-utf8.tmx
expect 2 "bad-utf8.tmx:1:45: Input is not proper UTF-8" "ingest --format tmx: invalid UTF-8"
[ "$(db_state "$db")" = "$before" ] && ok "ingest: binary, directory, missing file leave the database unchanged" ||
    not_ok "ingest: binary, directory or missing file changed the database"

# lookup: queries on the command line and on standard input are checked too.
run lookup pasukan "$(printf 'pasu\300\257kan')"
expect 2 "query 2: invalid UTF-8 (byte 0xC0) at byte offset 4" "lookup: invalid UTF-8 query argument"
printf 'pasukan\npa\355\240\200\n' >queries.txt
STDIN=queries.txt run lookup
expect 2 "<stdin>:2:3: invalid UTF-8 in query (byte 0xED)" "lookup: invalid UTF-8 query on standard input"
run lookup "$(head -c 100000 /dev/zero | tr '\0' x)"
expect 1 "no match for" "lookup: a 100 kB query finds nothing, quickly"

# An empty file: nothing to say, exit 0; ingest stores it as a document of no sentences.
: >empty.txt
for cmd in segment analyze tag; do
    run $cmd empty.txt
    expect 0 "" "$cmd: empty file"
    [ -s "$T/out" ] && not_ok "$cmd: empty file printed something"
done
run align empty.txt empty.txt
expect 0 "" "align: two empty files"
run lexicon check empty.txt
expect 1 "" "lexicon check: an empty .terms file is a problem (no header)"
grep -q "no subject: header line" "$T/out" || not_ok "lexicon check: empty file, no 'no subject' problem"
cp "$db" empty-test.sqlite
run ingest --db empty-test.sqlite empty.txt
expect 0 "stored as document" "ingest: empty file"
[ "$(sql empty-test.sqlite "SELECT count(*) FROM sentence s JOIN document d ON d.id = s.document_id WHERE d.path LIKE '%empty.txt'")" = 0 ] &&
    ok "ingest: empty file stored with no sentences" || not_ok "ingest: empty file has sentences"

# BOM, CR LF, lone CR: the same sentences as the LF file; offsets count the file's own bytes.
lf='Pasukan TNI tiba di Jakarta. Mereka disambut Menhan.\nBaca juga: Sesuatu\n\nKapal perang tiba.\n'
# shellcheck disable=SC2059 # the escapes in $lf are the point
{
    printf "$lf" >lf.txt
    printf "$lf" | sed 's/$/\r/' >crlf.txt
    printf "$lf" | tr '\n' '\r' >cr.txt
    printf '\357\273\277'"$lf" >bom.txt
}
run segment lf.txt
cp "$T/out" lf.segments
for f in crlf cr bom; do
    run segment "$f.txt"
    expect 0 "" "segment: $f"
    cmp -s "$T/out" lf.segments && ok "segment: $f gives the sentences of the LF file" ||
        not_ok "segment: $f sentences differ from the LF file"
    run tag "$f.txt"
    expect 0 "" "tag: $f"
    cut -f1,4 "$T/out" >"$f.tags"
done
run tag lf.txt
cut -f1,4 "$T/out" >lf.tags
for f in crlf cr bom; do
    cmp -s "$f.tags" lf.tags && ok "tag: $f finds the terms of the LF file on the same lines" ||
        not_ok "tag: $f terms or lines differ from the LF file"
done
run tag bom.txt
[ "$(head -n 1 "$T/out" | cut -f2,3,4)" = "$(printf '3\t10\tPasukan')" ] &&
    ok "tag: offsets in a BOM file count the BOM's bytes" || not_ok "tag: BOM offsets: $(head -n 1 "$T/out")"
for f in lf crlf cr bom; do
    run ingest --db crlf-test.sqlite --title "$f" "$f.txt"
    expect 0 "" "ingest: $f"
done
counts=$(sql crlf-test.sqlite "SELECT count(s.id) FROM document d LEFT JOIN sentence s ON s.document_id = d.id GROUP BY d.id" | sort -u | wc -l)
[ "$counts" = 1 ] && ok "ingest: LF, CR LF, CR and BOM files store the same number of sentences" ||
    not_ok "ingest: sentence counts differ between line-end conventions"

# A file removed between listing and reading (ingest --files-from): named, the others stored.
for i in 1 2 3; do printf 'Dokumen nomor %s tentang pasukan TNI.\n' "$i" >"doc$i.txt"; done
printf '%s\n' "$T/doc1.txt" "$T/doc2.txt" "$T/doc3.txt" >list.txt
rm doc2.txt
run ingest --db vanish.sqlite --files-from list.txt
expect 2 "doc2.txt: cannot open: No such file or directory" "ingest --files-from: a listed file has gone"
[ "$(sql vanish.sqlite 'SELECT count(*) FROM document')" = 2 ] && ok "ingest --files-from: the other two are stored" ||
    not_ok "ingest --files-from: expected 2 documents"
run ingest --db vanish.sqlite --files-from no-such-list.txt
expect 2 "no-such-list.txt: cannot open" "ingest --files-from: the list itself is missing"

# A FIFO whose writer stops in the middle of a character: a truncated sequence, nothing stored.
mkfifo fifo
{ printf 'Pasukan tiba.\nKata \342' >fifo; } &
run ingest --db fifo.sqlite fifo
wait
expect 2 "fifo:2:6: invalid UTF-8 (byte 0xE2) at byte offset 19" "ingest: FIFO cut mid-character"
[ "$(sql fifo.sqlite 'SELECT count(*) FROM document' 2>/dev/null || echo 0)" = 0 ] &&
    ok "ingest: FIFO cut mid-character stores nothing" || not_ok "ingest: FIFO stored something"
{ printf 'Pasukan tiba. Mereka pulang.\n' >fifo; } &
run segment fifo
wait
expect 0 "" "segment: a FIFO is read like a file"
[ "$(wc -l <"$T/out")" = 2 ] || not_ok "segment: FIFO, expected 2 sentences"
finish
