#!/bin/sh
# SPDX-License-Identifier: MIT
# Nothing lost, nothing overwritten (docs/robustness.md, "Data safety"): the defects found by
# attacking the tool as a hostile or careless user would, one regression check each. Every check
# here failed before its fix.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
corpus=$SEL_SOURCE_ROOT/corpus
cp "$corpus/01-asean-defence.id.txt" a.id.txt
cp "$corpus/01-asean-defence.en.txt" a.en.txt
cp "$corpus/02-un-resolution.id.txt" b.id.txt 2>/dev/null || cp "$(ls "$corpus"/*.id.txt | sed -n 2p)" b.id.txt
run ingest --quiet --db pristine.db a.id.txt --translation a.en.txt
expect 0 "" "setup: a document with its translation"
# One self-contained file (no -wal beside it) that each section copies, so that a failure in
# one section cannot spoil the next.
sql pristine.db 'PRAGMA journal_mode=DELETE' >/dev/null
# fresh NAME: a copy of the pristine database at $T/NAME, its path in $db.
fresh() {
    db=$T/$1
    cp pristine.db "$db"
}
fresh db.sqlite

# sha FILE: a digest of the file's bytes, or "missing".
sha() { [ -f "$1" ] && md5sum <"$1" | cut -d' ' -f1 || echo missing; }

# ---- 1. An export never writes over the database it reads --------------------------------------
before=$(db_state "$db")
for what in "glossary --format tbx" "glossary --format csv" "parallel --format tmx" "parallel --format tsv"; do
    fresh db.sqlite
    # shellcheck disable=SC2086
    run export $what --db "$db" -o "$db"
    expect 2 "is the database" "export $what -o DB: refused"
    [ "$(db_state "$db")" = "$before" ] && ok "export $what -o DB: database intact" ||
        not_ok "export $what -o DB: the database changed"
done
fresh db.sqlite
ln -s "$db" link.db
run export glossary --format tbx --db "$db" -o link.db
expect 2 "is the database" "export -o a symlink to the database: refused"
[ "$(db_state "$db")" = "$before" ] && ok "symlink: database intact" || not_ok "symlink: database changed"

# ---- 2. A schema version the tool does not know is refused, untouched -----------------------
for v in -8 -100000 999; do
    cp pristine.db "v$v.db"
    sql "v$v.db" "PRAGMA user_version = $v" >/dev/null
    want=$(sha "v$v.db")
    for cmd in glossary "ingest --quiet b.id.txt"; do
        # shellcheck disable=SC2086
        run $cmd --db "v$v.db"
        expect 2 "schema version $v" "user_version $v: $cmd refused"
    done
    [ "$(sha "v$v.db")" = "$want" ] && ok "user_version $v: file untouched" || not_ok "user_version $v: file changed"
done

# ---- 3. Standard input has no identity of its own ---------------------------------------------
sdb=$T/stdin.db
printf 'Pasukan TNI tiba di Jakarta.\n' >s1.txt
printf 'Menteri Pertahanan bertemu Panglima TNI.\n' >s2.txt
STDIN=s1.txt run ingest --quiet --db "$sdb" -
expect 0 "" "ingest -: first article"
STDIN=s2.txt run ingest --quiet --db "$sdb" -
expect 0 "" "ingest -: second article"
[ "$(sql "$sdb" 'SELECT count(*) FROM document')" = 2 ] && ok "ingest - twice keeps both articles" ||
    not_ok "ingest - twice: $(sql "$sdb" 'SELECT count(*) FROM document') documents stored, expected 2"
STDIN=s1.txt run ingest --quiet --db "$sdb" - -
expect 2 "standard input" "ingest - -: refused (stdin read once)"
[ "$(sql "$sdb" 'SELECT count(*) FROM document WHERE bytes > 0')" = 2 ] && ok "ingest - -: nothing emptied" ||
    not_ok "ingest - -: an article was replaced"

# ---- 4. A blank-looking TMX segment does not shift later units ----------------------------------
tdb=$T/tmx.db
{
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="id" datatype="plaintext"/><body>\n'
    printf '<tu><tuv xml:lang="id"><seg>Satu pasukan tiba.</seg></tuv><tuv xml:lang="en"><seg>One troop arrived.</seg></tuv></tu>\n'
    for sp in '&#160;' '&#12288;' '&#8194;' '&#8239;'; do
        printf '<tu><tuv xml:lang="id"><seg>%s</seg></tuv><tuv xml:lang="en"><seg>Blank %s.</seg></tuv></tu>\n' "$sp" "$sp"
    done
    printf '<tu><tuv xml:lang="id"><seg>Dua tentara gugur.</seg></tuv><tuv xml:lang="en"><seg>Two soldiers died.</seg></tuv></tu>\n'
    printf '<tu><tuv xml:lang="id"><seg>Tiga rudal ditembakkan.</seg></tuv><tuv xml:lang="en"><seg>Three missiles were fired.</seg></tuv></tu>\n'
    printf '</body></tmx>\n'
} >blank.tmx
run ingest --quiet --db "$tdb" blank.tmx
expect 0 "" "ingest a TMX with blank-looking units"
run export parallel --format tsv --db "$tdb"
if grep -qx 'Dua tentara gugur.	Two soldiers died.' "$T/out" &&
    grep -qx 'Tiga rudal ditembakkan.	Three missiles were fired.' "$T/out" &&
    grep -qx 'Satu pasukan tiba.	One troop arrived.' "$T/out"; then
    ok "blank TMX units: every later pair keeps its own translation"
else
    not_ok "blank TMX units: pairs shifted"
    sed 's/^/#   /' "$T/out"
fi

# ---- 5. A translation can be corrected, or added later ---------------------------------------
xdb=$T/tr.db
printf 'The troops arrived.\n' >wrong.en.txt
run ingest --quiet --db "$xdb" a.id.txt
expect 0 "" "ingest without a translation"
run ingest --db "$xdb" a.id.txt --translation wrong.en.txt
expect 0 "" "ingest again with a translation"
grep -q ', 0 unchanged' "$T/err" && ok "adding a translation later is not 'unchanged'" ||
    not_ok "adding a translation later was ignored (unchanged)"
[ "$(sql "$xdb" 'SELECT count(*) FROM document WHERE translation_of IS NOT NULL')" = 1 ] &&
    ok "the added translation is stored" || not_ok "no translation stored"
run ingest --db "$xdb" a.id.txt --translation a.en.txt
expect 0 "" "ingest again with the corrected translation"
n=$(sql "$xdb" "SELECT count(*) FROM sentence s JOIN document d ON d.id = s.document_id WHERE d.translation_of IS NOT NULL AND s.text = 'The troops arrived.'")
[ "$n" = 0 ] && ok "the corrected translation replaced the wrong one" || not_ok "the wrong translation is still stored"
[ "$(sql "$xdb" 'SELECT count(*) FROM document')" = 2 ] && ok "one source, one translation" ||
    not_ok "$(sql "$xdb" 'SELECT count(*) FROM document') documents after correcting"

# ---- 6. dictd articles are checked as UTF-8 like the index ------------------------------------
# dictd ARTICLE_BYTES NAME: writes NAME.dict and NAME.index holding one article for "tentara".
dictd() {
    python3 - "$1" "$2" <<'PY'
import sys
def b64(n):
    a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    s = ""
    while True:
        s = a[n % 64] + s
        n //= 64
        if n == 0:
            return s
body = sys.argv[1].encode('latin-1').decode('unicode_escape').encode('latin-1')
open(sys.argv[2] + ".dict", "wb").write(body)
open(sys.argv[2] + ".index", "w").write("tentara\t%s\t%s\n" % (b64(0), b64(len(body))))
PY
}
ddb=$T/dict.db
dictd 'tentara <n>\nsold\xe9r, army\n' bad
run lexicon import --format dictd --db "$ddb" bad.index
expect 2 "invalid UTF-8" "dictd: an article with invalid UTF-8 is refused with its place"
dictd 'tentara <n>\nsol\x00dier, army\n' nul
run lexicon import --format dictd --db "$ddb" nul.index
expect 2 "NUL" "dictd: a NUL byte in an article is refused"
# An article with 200 translations keeps them all, or says what it dropped.
dictd "tentara <n>\\n$(seq -s ', ' -f 'word%g' 1 200)\\n" many
run lexicon import --format dictd --db "$ddb" many.index
n=$(sql "$ddb" "SELECT count(*) FROM user_term WHERE text LIKE 'word%'" 2>/dev/null)
{ [ "$n" = 200 ] || grep -q 'translations' "$T/err"; } && ok "dictd: 200 translations kept or the loss reported" ||
    not_ok "dictd: $n of 200 translations kept, nothing said"

# ---- 7. Long answers are never cut inside a character -----------------------------------------
# A 3,000-character word of 2-byte letters: analyze returns it whole.
python3 -c 'print("é" * 3000)' >long.txt
run analyze long.txt
python3 - "$T/out" <<'PY' && ok "analyze: a long word comes back whole, valid UTF-8" || not_ok "analyze: a long word was cut"
import sys
data = open(sys.argv[1], 'rb').read().decode('utf-8')  # raises on a cut character
form, lemma, root = data.split('\n')[0].split('\t')[:3]
sys.exit(0 if form == lemma == root == 'é' * 3000 else 1)
PY

# A 5,000-byte query is compared whole: "Pasukan" after 4,990 spaces is the term itself (exact),
# not a key cut at 2 KB; 2,500 two-byte letters come back in the message whole, valid UTF-8.
python3 -c 'import sys; sys.stdout.write(" " * 4990 + "Pasukan")' >q-spaces.txt
run lookup "$(cat q-spaces.txt)"
expect 0 "" "lookup: a 5,000-byte query answers"
grep -q 'af\.troops' "$T/out" && grep -q '\[exact;' "$T/out" && ok "lookup: a 5,000-byte query finds its term exactly" ||
    { not_ok "lookup: a 5,000-byte query lost its term"; sed -n 2p "$T/out" | sed 's/^/#   /'; }
python3 -c 'import sys; sys.stdout.write("\u00c9" * 2500)' >q-long.txt
run lookup "$(cat q-long.txt)"
python3 - "$T/out" "$T/err" <<'PY' && ok "lookup: a 5,000-byte unknown word is reported whole" || not_ok "lookup: a long word was cut"
import sys
text = open(sys.argv[1], 'rb').read() + open(sys.argv[2], 'rb').read()
sys.exit(0 if ('\u00c9' * 2500).encode() in text and text.decode('utf-8') else 1)
PY

# A concordance phrase is searched whole: two sentences share their first 900 bytes, 200 of them
# double quotes (doubled in the FTS5 phrase, past the old 1 KB buffer), and differ in the last
# word; the phrase ending in "beta" finds only the second.
python3 -c 'import sys; k = "kata \"a\" " * 100; sys.stdout.write(k + "alpha.\n\n" + k + "beta.\n")' >long-phrase.txt
run ingest --quiet --db phrase.db long-phrase.txt
run concordance --db phrase.db "$(python3 -c 'import sys; sys.stdout.write("kata \"a\" " * 100 + "beta")')"
[ "$rc" = 0 ] && grep -q beta "$T/out" && ! grep -q alpha "$T/out" && ok "concordance: a phrase of 200 quotes is searched whole" ||
    not_ok "concordance: a long phrase was cut (exit $rc)"

# ---- 8. Someone else's SQLite file is never converted -----------------------------------------
python3 -c '
import sqlite3
c = sqlite3.connect("bookmarks.db")
c.execute("CREATE TABLE bookmark (url TEXT)")
c.execute("INSERT INTO bookmark VALUES (\"https://example.org\")")
c.commit()
'
want=$(sha bookmarks.db)
for cmd in glossary "concordance ASEAN" "lookup pasukan" "export glossary --format csv" "ingest --quiet a.id.txt"; do
    # shellcheck disable=SC2086
    run $cmd --db bookmarks.db
    expect 2 "not a selaras database" "foreign SQLite file: $cmd refused"
done
[ "$(sha bookmarks.db)" = "$want" ] && [ ! -e bookmarks.db-wal ] && ok "foreign SQLite file untouched" ||
    not_ok "foreign SQLite file changed"
[ "$(sql bookmarks.db 'PRAGMA journal_mode')" = delete ] && ok "foreign file still in its journal mode" ||
    not_ok "foreign file's journal mode changed"

# ---- 9. Read errors are errors ----------------------------------------------------------------
# ingest's look-up of a stored document reports a damaged table where it reads it, instead of
# taking it for "none stored" and failing later, if at all. The pages of the document table and
# of the canonical-path index the look-up searches are overwritten whole (a page whose header is
# kept but whose cells are not is read as garbage, not as an error, when a search only passes
# through it); the schema and the rest are left whole.
cp pristine.db damaged-doc.db
python3 - damaged-doc.db <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
page = c.execute('PRAGMA page_size').fetchone()[0]
pages = [r[0] for r in c.execute("SELECT pageno FROM dbstat WHERE name IN ('document', 'document_canonical')")]
c.close()
data = bytearray(open(sys.argv[1], 'rb').read())
for p in pages:
    data[(p - 1) * page:p * page] = b'\x5a' * page
open(sys.argv[1], 'wb').write(data)
PY
run ingest --quiet --db damaged-doc.db b.id.txt
expect 2 "damaged-doc.db: finding a stored document" "damaged document table: ingest fails at the look-up, naming the database"

cp pristine.db damaged.db
python3 - damaged.db <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute('PRAGMA wal_checkpoint(TRUNCATE)')
c.execute('PRAGMA journal_mode=DELETE')
c.close()
data = bytearray(open(sys.argv[1], 'rb').read())
page = 4096
# Overwrite every page after the first (the schema) with garbage: whatever a command reads
# beyond the schema is damaged, however the tables happen to be laid out.
for i in range(page, len(data)):
    data[i] = 0x5A
open(sys.argv[1], 'wb').write(data)
PY
run glossary --db damaged.db
[ "$rc" -ne 0 ] && [ "$rc" -ne 1 ] && ok "damaged database: glossary fails (exit $rc)" ||
    not_ok "damaged database: glossary exit $rc"
run export parallel --format tsv --db damaged.db -o damaged.tsv
[ "$rc" -eq 2 ] && [ ! -e damaged.tsv ] && ok "damaged database: export fails and leaves no file" ||
    not_ok "damaged database: export exit $rc"

# ---- 10. Readers work on read-only storage ---------------------------------------------------
mkdir ro && cp pristine.db ro/db.sqlite
# as_user CMD...: runs CMD as an ordinary user (root writes to read-only files anyway), with the
# output captured like run().
as_user() {
    if [ "$(id -u)" = 0 ]; then
        setpriv --reuid=nobody --regid=nogroup --clear-groups "$@" <"${STDIN:-/dev/null}" >"$T/out" 2>"$T/err"
    else
        "$@" <"${STDIN:-/dev/null}" >"$T/out" 2>"$T/err"
    fi
    rc=$?
}
chmod 755 "$T"
chmod a+r a.id.txt b.id.txt
[ "$(id -u)" = 0 ] && chown nobody ro ro/db.sqlite
chmod a-w ro/db.sqlite ro
for cmd in glossary "concordance ASEAN" "lookup pasukan" "export glossary --format tsv" "export parallel --format tsv"; do
    # shellcheck disable=SC2086
    as_user "$SELARAS" $cmd --db ro/db.sqlite
    [ "$rc" -le 1 ] && [ -s "$T/out" ] && ok "read-only: $cmd answers" || { not_ok "read-only: $cmd exit $rc"; sed 's/^/#   /' "$T/err"; }
done
[ ! -e ro/db.sqlite-wal ] && [ ! -e ro/db.sqlite-shm ] && ok "read-only: nothing was created beside the database" ||
    not_ok "read-only: files appeared beside the database"
chmod u+w ro/db.sqlite
as_user "$SELARAS" ingest --quiet --db ro/db.sqlite b.id.txt
expect 2 "not writable" "read-only folder: ingest names the folder"
chmod u+w ro
chmod a-w ro/db.sqlite
as_user "$SELARAS" ingest --quiet --db ro/db.sqlite b.id.txt
expect 2 "read-only" "read-only file: ingest says the file is read-only"
chmod u+w ro/db.sqlite

# ---- 11. Compressed XML is refused, not expanded ----------------------------------------------
python3 - <<'PY'
import gzip
tu = '<tu><tuv xml:lang="id"><seg>Pasukan tiba.</seg></tuv><tuv xml:lang="en"><seg>Troops arrived.</seg></tuv></tu>\n'
doc = '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="id"/><body>\n' + tu * 200000 + '</body></tmx>\n'
open('big.tmx.gz', 'wb').write(gzip.compress(doc.encode()))
import shutil; shutil.copy('big.tmx.gz', 'gz-named.tmx')
PY
run ingest --quiet --db "$T/gz.db" gz-named.tmx
expect 2 "compressed" "a gzip-compressed TMX is refused with a message that says so"
run lexicon import --format tbx --db "$T/gz.db" gz-named.tmx
expect 2 "compressed" "a gzip-compressed TBX is refused"

# ---- 13. lexicon import parses before it takes the write lock --------------------------------
fresh lock.db
printf '<?xml version="1.0"?>\n<martif type="TBX"><text><body><termEntry id="c1">\n' >broken.tbx
python3 - "$db" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], timeout=60, isolation_level=None)
c.execute('BEGIN IMMEDIATE')
time.sleep(6)
c.execute('ROLLBACK')
PY
holder=$!
sleep 1
start=$(date +%s)
run lexicon import --format tbx --db "$db" broken.tbx
took=$(($(date +%s) - start))
wait $holder
[ "$rc" = 2 ] && [ "$took" -lt 4 ] && ok "lexicon import: a bad file is refused without waiting for the lock" ||
    not_ok "lexicon import: exit $rc after ${took}s (waited for the write lock before parsing)"

# ---- Low: failed exports, summaries, UTF-16, unbounded reads, control characters, options ----
# A failed export leaves the previous good export in place and names the file. The limit (in
# 512-byte blocks) lets SQLite work and stops the TBX export part-way.
fresh export.db
run export glossary --format tsv --db "$db" -o good.tsv
expect 0 "" "export to good.tsv"
want=$(sha good.tsv)
(ulimit -f 256; "$SELARAS" export glossary --format tbx --db "$db" -o good.tsv >"$T/out" 2>"$T/err"); rc=$?
[ "$rc" -ne 0 ] && [ "$(sha good.tsv)" = "$want" ] && ok "an export that fails (file size limit) keeps the old file" ||
    not_ok "failed export: exit $rc, old file $( [ "$(sha good.tsv)" = "$want" ] && echo kept || echo destroyed)"
grep -q 'good.tsv' "$T/err" && ok "the failed export's message names the file" || not_ok "message lacks the file name"
ls good.tsv.* .good.tsv* 2>/dev/null | grep -q . && not_ok "a temporary file was left behind" || ok "no temporary file left behind"

# UTF-16 is named as such.
printf '\377\376P\000a\000s\000\n\000' >utf16.txt
run segment utf16.txt
expect 2 "UTF-16" "UTF-16 input is named UTF-16, not binary"
grep -q iconv "$T/err" && ok "the UTF-16 message says how to convert" || not_ok "the UTF-16 message lacks iconv"

# /dev/zero is refused at its first byte, not read whole.
run segment /dev/zero
expect 2 "at byte offset 0" "/dev/zero: refused at byte offset 0"

# Control characters and bidi overrides are escaped in text output.
printf 'Pasukan\033[31m tiba \342\200\256di Jakarta.\n' >ctrl.txt
run segment ctrl.txt
if grep -q "$(printf '\033')" "$T/out" || grep -q "$(printf '\342\200\256')" "$T/out"; then
    not_ok "segment printed a control character or bidi override raw"
else
    ok "segment escapes control characters and bidi overrides"
fi

# TSV import says when it drops columns past the third.
printf 'id\ten\tnote\textra\npasukan\ttroops\tarmy\tsurplus\n' >extra.tsv
run lexicon import --format tsv --db "$T/extra.db" extra.tsv
grep -q 'column' "$T/err" && ok "TSV import warns about the columns it ignores" || not_ok "TSV import dropped columns silently"

# --min-score nan is refused.
run export parallel --format tsv --db "$db" --min-score nan
expect 2 "min-score" "--min-score nan refused"

# The same file under another spelling of its path is stored once, changed or not: each new
# version replaces the last, whether named a.txt, ./a.txt, by its absolute path, through a
# symbolic link or from another folder; the path is shown as it was written last.
pdb=$T/paths.db
cp a.id.txt same.txt
run ingest --quiet --db "$pdb" same.txt
n=0
for spelling in ./same.txt "$T/same.txt" link-same.txt ../"$(basename "$T")"/same.txt sub/../same.txt; do
    n=$((n + 1))
    printf 'Kalimat tambahan nomor %s tentang pasukan TNI.\n' "$n" >>same.txt
    mkdir -p sub
    [ -e link-same.txt ] || ln -s same.txt link-same.txt
    run ingest --quiet --db "$pdb" "$spelling"
    expect 0 "" "changed file as $spelling: stored"
done
[ "$(sql "$pdb" 'SELECT count(*) FROM document')" = 1 ] && ok "one changed file under six path spellings: stored once" ||
    not_ok "one changed file under six spellings: $(sql "$pdb" 'SELECT count(*) FROM document') documents"
[ "$(sql "$pdb" 'SELECT path FROM document')" = sub/../same.txt ] && ok "the path is kept as written" ||
    not_ok "path stored as $(sql "$pdb" 'SELECT path FROM document')"
[ "$(sql "$pdb" 'SELECT canonical_path FROM document')" = "$(realpath same.txt)" ] &&
    ok "the canonical path is the file's real path" || not_ok "canonical path $(sql "$pdb" 'SELECT canonical_path FROM document')"
# A database of schema v2 (canonical_path = path after the upgrade) still finds the old row by the
# spelling it was stored under.
old_db=$T/v2.db
run ingest --quiet --db "$old_db" same.txt
sql "$old_db" "UPDATE document SET canonical_path = path" >/dev/null
printf 'Satu kalimat lagi.\n' >>same.txt
run ingest --quiet --db "$old_db" same.txt
[ "$(sql "$old_db" 'SELECT count(*) FROM document')" = 1 ] && ok "a row stored before v3 is replaced under its old spelling" ||
    not_ok "a row stored before v3 was kept beside the new version"
# Standard input keeps its content identity: two articles from '-' are two documents (above, 3).
# merge takes the same identity: a shard's version of same.txt replaces the merged one.
cp same.txt other-spelling.txt
printf 'Versi shard.\n' >>same.txt
run ingest --quiet --db "$T/shard.db" ./same.txt
run merge --quiet "$pdb" "$T/shard.db"
expect 0 "" "merge a shard holding a new version of same.txt"
[ "$(sql "$pdb" "SELECT count(*) FROM sentence WHERE text = 'Versi shard.'")" = 1 ] &&
    [ "$(sql "$pdb" 'SELECT count(*) FROM document')" = 1 ] && ok "merge: the shard's version replaces the one stored under another spelling" ||
    not_ok "merge: $(sql "$pdb" 'SELECT count(*) FROM document') documents after merging"
[ "$(sql "$pdb" 'SELECT canonical_path FROM document')" = "$(realpath same.txt)" ] && ok "merge copies the canonical path" ||
    not_ok "merge: canonical path $(sql "$pdb" 'SELECT canonical_path FROM document')"

# A command that fails before it writes leaves no new database behind (nor -wal, -shm).
# nothing_left NAME DESCRIPTION: checks that no NAME, NAME-wal or NAME-shm exists.
nothing_left() {
    if [ -e "$1" ] || [ -e "$1-wal" ] || [ -e "$1-shm" ]; then
        not_ok "$2: left $(ls "$1"* | tr '\n' ' ')"
    else
        ok "$2: no database file left"
    fi
}
sed 's/xml:lang="id"/xml:lang="en"/' blank.tmx >en-en.tmx
run ingest --lang en --db new-ingest.db en-en.tmx
expect 2 "both" "ingest --lang en of an en-en memory: refused"
nothing_left new-ingest.db "ingest refused"
run ingest --db new-ingest2.db does-not-exist.txt
[ "$rc" -ne 0 ] && ok "ingest of a missing file fails" || not_ok "ingest of a missing file: exit $rc"
nothing_left new-ingest2.db "ingest of a missing file"
# lexicon import that fails after opening the new database: its 30,000 entries do not fit under a
# 400 kB file-size limit (a full disk; the empty schema, 120 kB, does).
python3 -c '
print("id\ten")
for i in range(30000):
    print("kata%d\tword %d with a longer English gloss" % (i, i))' >big.tsv
limited_run() {
    bytes=$1
    shift
    python3 -c 'import os, resource, signal, sys
n = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
os.execv(sys.argv[2], sys.argv[2:])' "$bytes" "$SELARAS" "$@" <"${STDIN:-/dev/null}" >"$T/out" 2>"$T/err"
    rc=$?
}
limited_run 400000 lexicon import --format tsv --db new-import.db big.tsv
expect 2 "new-import.db" "lexicon import on a full disk: fails after opening a new database"
nothing_left new-import.db "lexicon import that failed after opening"
run lexicon import --format tbx --db new-import2.db broken.tbx
expect 2 "" "lexicon import of a malformed TBX fails"
nothing_left new-import2.db "lexicon import of a malformed TBX"
# check reads the user's termbase from --db: a database that is not there is not created.
run check --db new-check.db a.id.txt a.en.txt
expect 2 "new-check.db" "check --db naming no database: refused"
nothing_left new-check.db "check with a missing --db"
# A new database that a command did write to stays (the same import without the limit).
run lexicon import --format tsv --db new-import.db big.tsv
[ "$rc" -le 1 ] && [ -f new-import.db ] && ok "a successful import keeps its new database" || not_ok "import: exit $rc"

# A --db that looks like a URI is a file name.
run ingest --quiet --db 'file:x?mode=memory' a.id.txt
[ -f 'file:x?mode=memory' ] && ok "--db file:...?mode=memory is a file name" || not_ok "--db was taken as a URI"

# A TMX named *.xml is recognised in auto mode.
cp blank.tmx memory.xml
run ingest --quiet --db "$T/xml.db" memory.xml
[ "$(sql "$T/xml.db" 'SELECT count(*) FROM document WHERE translation_of IS NOT NULL')" = 1 ] &&
    ok "a TMX named .xml is ingested as a memory" || not_ok "a TMX named .xml was ingested as plain text"

finish
