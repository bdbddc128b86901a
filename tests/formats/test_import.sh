#!/bin/sh
# SPDX-License-Identifier: MIT
# lexicon import of every format into a fresh database, read back through export json and
# Python's sqlite3; errors name file, line and byte column; a bad file changes nothing.
# Expected values are written by hand in check_import.py from the files in tests/data/export.
. "$(dirname "$0")/lib.sh"
cd "$DATA" || exit 1
db=$tmp/user.db

selaras lexicon import --format csv user.csv --db "$db"
expect_status 0 "import csv"
same_text "selaras lexicon import: user.csv: 2 read, 2 imported, 0 skipped; languages found: id en; used: id en
selaras lexicon import: 2 concepts, 6 terms from 1 file into $db (general vocabulary)" "$(cat "$tmp/err")" "csv report"
selaras lexicon import --format tsv user.tsv --db "$db"
expect_status 0 "import tsv"
selaras lexicon import --format tbx mini.tbx mini3.tbx --db "$db" --curated
expect_status 0 "import tbx (v2 and v3)"
cp tiny.index "$tmp/tiny.index"
gzip -c tiny.dict >"$tmp/tiny.dict.dz"
selaras lexicon import --format dictd "$tmp/tiny.index" --db "$db"
expect_status 0 "import dictd"
same_text "selaras lexicon import: 3 concepts, 8 terms from 1 file into $db (general vocabulary)" "$(tail -n 1 "$tmp/err")" "dictd report"
selaras lexicon import --format dictd --reverse "$tmp/tiny.dict.dz" --db "$tmp/rev.db"
expect_status 0 "import dictd --reverse"
"$SELARAS" export glossary --format json --source lexicon --db "$db" -o "$tmp/user.json" || fail "export after import"
"$SELARAS" export glossary --format json --source lexicon --db "$tmp/rev.db" -o "$tmp/rev.json" || fail "export after reverse import"
ok "imported entries" $PY "$HERE/check_import.py" "$tmp/user.json" "$tmp/rev.json" "$db"

# Importing a file again replaces its concepts: the counts stay.
selaras lexicon import --format csv user.csv --db "$db"
ok "re-import" $PY "$HERE/check_import.py" count "$db" 11

# Errors name the file, line and byte column, and a bad file anywhere changes nothing.
selaras lexicon import --format csv user.csv bad_quote.csv --db "$tmp/bad.db"
expect_status 2 "unclosed quote"
same_text "selaras: bad_quote.csv:3:1: quoted field not closed (byte offset 41)" "$(cat "$tmp/err")" "unclosed quote message"
[ ! -e "$tmp/bad.db" ] || fail "a failed import created a database"
# A row with the wrong number of fields is left out with a warning; the good row is imported.
selaras lexicon import --format csv bad_fields.csv --db "$tmp/skip.db"
expect_status 1 "a row skipped"
same_text "selaras: bad_fields.csv:3:1: 2 fields where the header has 3: row left out" "$(head -n 1 "$tmp/err")" "field count message"
ok "the good row stays" $PY "$HERE/check_import.py" count "$tmp/skip.db" 1
selaras lexicon import --format csv no_header.csv --db "$tmp/bad.db"
same_text "selaras: no_header.csv:1:1: the header names no source column (see docs/formats.md: e.g. source_terms and target_terms)" \
    "$(cat "$tmp/err")" "no header message"
selaras lexicon import --format tsv bad.tsv --db "$tmp/skip.db"
same_text "selaras: bad.tsv:2:1: expected source TAB target [TAB comment]: line left out" "$(head -n 1 "$tmp/err")" "tsv message"
selaras lexicon import --format tbx bad.tbx --db "$tmp/bad.db"
expect_status 2 "malformed TBX"
grep -q "^selaras: bad.tbx:6:[0-9]*: Opening and ending tag mismatch" "$tmp/err" || { fail "malformed TBX message"; cat "$tmp/err"; }
selaras lexicon import --format tbx user.csv --db "$tmp/bad.db"
expect_status 2 "CSV given as TBX"
selaras lexicon import --format dictd "$tmp/missing" --db "$tmp/bad.db"
expect_status 2 "missing dictionary"
# A dictd article is held to the index's standard: invalid UTF-8 or a NUL byte is refused with
# the index line that points to it and the byte offset in the .dict (12 bytes of "tentara <n>\n"
# come first). Lengths in dictd base64: Z = 25, b = 27.
printf 'tentara <n>\nsold\351r, army\n' >"$tmp/latin1.dict"
printf 'tentara\tA\tZ\n' >"$tmp/latin1.index"
selaras lexicon import --format dictd "$tmp/latin1.index" --db "$tmp/bad.db"
expect_status 2 "dictd article in Latin-1"
same_text "selaras: $tmp/latin1.index:1:1: the article at 0+25 has invalid UTF-8 at byte offset 16 of $tmp/latin1.dict" \
    "$(cat "$tmp/err")" "dictd invalid UTF-8 message"
printf 'tentara <n>\nsol\000dier, army\n' >"$tmp/nul.dict"
printf 'tentara\tA\tb\n' >"$tmp/nul.index"
selaras lexicon import --format dictd "$tmp/nul.index" --db "$tmp/bad.db"
expect_status 2 "dictd article with a NUL byte"
same_text "selaras: $tmp/nul.index:1:1: the article at 0+27 has a NUL byte at byte offset 15 of $tmp/nul.dict" \
    "$(cat "$tmp/err")" "dictd NUL message"
selaras lexicon import --format tsv --reverse user.tsv --db "$tmp/bad.db"
expect_status 2 "--reverse on tsv"
selaras lexicon import --format csv --db "$tmp/bad.db"
expect_status 2 "no file"
[ ! -e "$tmp/bad.db" ] || fail "failed imports created a database"

# Every translation of an article is kept (there used to be a silent cap of 128): 300 of them.
"$PY" -c '
import sys
body = ("tentara <n>\n" + ", ".join("word%d" % i for i in range(1, 301)) + "\n").encode()
open(sys.argv[1] + ".dict", "wb").write(body)
digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
open(sys.argv[1] + ".index", "w").write("tentara\tA\t%s%s\n" % (digits[len(body) // 64], digits[len(body) % 64]))
' "$tmp/many"
selaras lexicon import --format dictd "$tmp/many.index" --db "$tmp/many.db"
expect_status 0 "dictd article with 300 translations"
same_text 300 "$("$PY" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM user_term WHERE text GLOB ?", ("word*",)).fetchone()[0])' \
    "$tmp/many.db")" "all 300 translations kept"

# The real FreeDict dictionary, when installed: its header says "Size: 10296 headwords".
fd=/usr/share/dictd/freedict-eng-ind.index
if [ -f "$fd" ]; then
    selaras lexicon import --format dictd "$fd" --db "$tmp/fd.db"
    expect_status 0 "import $fd"
    grep -q "^selaras lexicon import: 10296 concepts," "$tmp/err" || { fail "freedict count"; cat "$tmp/err"; }
    selaras lexicon import --format dictd --reverse "$fd" --db "$tmp/fdr.db"
    expect_status 0 "import --reverse $fd"
else
    echo "skipped: $fd is not installed (Debian package dict-freedict-eng-ind)"
fi
finish
