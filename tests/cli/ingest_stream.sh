#!/bin/sh
# SPDX-License-Identifier: MIT
# `selaras ingest FILE` streams a text file larger than a piece (SELARAS_PIECE_BYTES makes pieces
# of a few hundred bytes): what it stores must be what reading the file whole stores. For our
# corpus (also with a BOM and CR LF line ends) and, where ../shared is there, the seeds and dev
# data: the stored rows (documents with their identity hash and size, paragraphs, sentences with
# offsets and boilerplate, term occurrences) and every export are compared byte for byte with an
# ingest that reads the file whole. Then: the pieces are real (a line longer than 16 pieces is cut
# and said), an unchanged file is unchanged and a changed one replaced, bad bytes late in a large
# file store nothing, and --jobs 2 with streamed files among small ones stores what --jobs 1 does.
. "$(dirname "$0")/../shared_data.sh"
. "$(dirname "$0")/piece_inputs.sh"
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "not ok - $*"; failures=$((failures + 1)); }
pass() { echo "ok - $*"; }

# rows DB: the stored document, as rows (ingested_at, the time of day, left out)
rows() {
    python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for t, q in [('document', 'SELECT id, path, title, lang, content_hash, bytes, translation_of, canonical_path '
                          'FROM document ORDER BY id'),
             ('paragraph', 'SELECT * FROM paragraph ORDER BY document_id, number'),
             ('sentence', 'SELECT * FROM sentence ORDER BY id'),
             ('mention', 'SELECT * FROM mention ORDER BY id'),
             ('concept', 'SELECT * FROM concept ORDER BY id')]:
    for row in c.execute(q):
        print(t, '\t'.join('' if v is None else str(v) for v in row))
PY
}

# answers DB DIR: the rows and what the reading commands say about DB
answers() {
    mkdir -p "$2"
    rows "$1" >"$2/rows.txt"
    "$SELARAS" glossary --db "$1" --format json --sort alpha >"$2/glossary.json"
    "$SELARAS" concordance --db "$1" "gencatan senjata" >"$2/concordance.txt" 2>/dev/null
    "$SELARAS" concordance --db "$1" "pasukan" >"$2/concordance-word.txt" 2>/dev/null
    for fmt in tbx csv tsv json; do
        "$SELARAS" export glossary --db "$1" --format $fmt -o "$2/glossary.$fmt"
    done
}

# same WHAT DIR_A DIR_B
same() {
    bad=0
    for out in "$2"/*; do
        if ! cmp -s "$out" "$3/$(basename "$out")"; then
            fail "$1: $(basename "$out") differs"
            diff "$out" "$3/$(basename "$out")" | head -5
            bad=1
        fi
    done
    [ "$bad" = 0 ] && pass "$1: the same rows and exports ($(wc -l <"$2/rows.txt") rows)"
}

piece_inputs "$tmp" 1500

n=0
for f in $inputs; do
    n=$((n + 1))
    "$SELARAS" ingest --db "$tmp/whole$n.db" "$f" 2>"$tmp/whole$n.err" || fail "$(basename "$f"): whole ingest failed"
    SELARAS_PIECE_BYTES=300 "$SELARAS" ingest --db "$tmp/pieces$n.db" "$f" 2>"$tmp/pieces$n.err" ||
        fail "$(basename "$f"): ingest in pieces failed"
    answers "$tmp/whole$n.db" "$tmp/whole$n"
    answers "$tmp/pieces$n.db" "$tmp/pieces$n"
    same "$(basename "$f") in pieces of 300 bytes" "$tmp/whole$n" "$tmp/pieces$n"
    # the summary too, but for the database's name
    sed '$d' "$tmp/whole$n.err" >"$tmp/a"; sed '$d' "$tmp/pieces$n.err" >"$tmp/b"
    cmp -s "$tmp/a" "$tmp/b" && pass "$(basename "$f"): the same report" || fail "$(basename "$f"): reports differ"
done

# The pieces are real: a line longer than 16 pieces is cut, and ingest says so.
awk 'BEGIN { for (i = 0; i < 1500; i++) printf "kata "; print "" }' >"$tmp/long.txt"
SELARAS_PIECE_BYTES=300 "$SELARAS" ingest --db "$tmp/long.db" "$tmp/long.txt" 2>"$tmp/err" >/dev/null
[ "$(grep -c "long.txt:1: a line of more than 4800 bytes; cut at byte offset 4800" "$tmp/err")" = 1 ] &&
    pass "ingest reads a large file in pieces (and says the cut once)" || { fail "no piece was cut, or said twice"; cat "$tmp/err"; }

# A line longer than 16 pieces is stored in pieces, as segment cuts it, all one paragraph: no
# byte is lost.
awk 'BEGIN { for (i = 0; i < 6000; i++) printf "a"; print "" }' >"$tmp/word.txt"
SELARAS_PIECE_BYTES=300 "$SELARAS" ingest --db "$tmp/word.db" "$tmp/word.txt" 2>/dev/null
got=$(python3 - "$tmp/word.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute('SELECT count(*), sum(length(text)), group_concat(para) FROM sentence').fetchone(),
      c.execute('SELECT number, start, end FROM paragraph').fetchall())
PY
)
[ "$got" = "(2, 6000, '1,1') [(1, 0, 6000)]" ] && pass "a line longer than 16 pieces: two sentences, one paragraph" ||
    fail "a line longer than 16 pieces: $got"

# The same file again is unchanged; changed, it replaces its old version.
cp "$tmp/corpus.txt" "$tmp/doc.txt"
SELARAS_PIECE_BYTES=300 "$SELARAS" ingest --db "$tmp/re.db" "$tmp/doc.txt" 2>/dev/null
SELARAS_PIECE_BYTES=300 "$SELARAS" ingest --db "$tmp/re.db" "$tmp/doc.txt" 2>"$tmp/err"
grep -q "doc.txt: unchanged, already stored as document 1" "$tmp/err" &&
    pass "a streamed file ingested again is unchanged" || { fail "not unchanged"; cat "$tmp/err"; }
echo "Pasukan TNI tiba di Jakarta pada Senin pagi." >>"$tmp/doc.txt"
SELARAS_PIECE_BYTES=300 "$SELARAS" ingest --db "$tmp/re.db" "$tmp/doc.txt" 2>"$tmp/err"
grep -q "doc.txt: replaced its old version, now document 1: 403 sentences" "$tmp/err" &&
    pass "a changed streamed file replaces its old version" || { fail "not replaced"; cat "$tmp/err"; }
# the same two versions read whole: the same rows, ids included
cp "$tmp/corpus.txt" "$tmp/doc.txt"
"$SELARAS" ingest --db "$tmp/re-whole.db" "$tmp/doc.txt" 2>/dev/null
echo "Pasukan TNI tiba di Jakarta pada Senin pagi." >>"$tmp/doc.txt"
"$SELARAS" ingest --db "$tmp/re-whole.db" "$tmp/doc.txt" 2>/dev/null
rows "$tmp/re.db" >"$tmp/a"; rows "$tmp/re-whole.db" >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b" && pass "the replacement stores what it stores read whole" || fail "the replacement differs"

# Bad bytes near the end of a large file: the message names line and column, and nothing is
# stored (the document stored before stays as it was).
cp "$tmp/corpus.txt" "$tmp/bad.txt"
printf 'Kalimat terakhir \377 rusak.\n' >>"$tmp/bad.txt"
lines=$(wc -l <"$tmp/bad.txt")
rows "$tmp/re.db" >"$tmp/before"
SELARAS_PIECE_BYTES=300 "$SELARAS" ingest --db "$tmp/re.db" "$tmp/bad.txt" 2>"$tmp/err"
status=$?
rows "$tmp/re.db" >"$tmp/after"
if [ $status = 2 ] && grep -q "bad.txt:$lines:18: " "$tmp/err" && cmp -s "$tmp/before" "$tmp/after"; then
    pass "invalid UTF-8 late in a large file: exit 2, line $lines column 18 named, nothing stored"
else
    fail "invalid UTF-8 late in a large file (exit $status)"; cat "$tmp/err"
fi

# --jobs: streamed files among small ones, in one list, store what --jobs 1 stores whole.
{
    echo "$tmp/corpus.txt"
    echo "$SEL_SOURCE_ROOT/corpus/10-nato-summit.id.txt"
    echo "$tmp/corpus-bom-crlf.txt"
    echo "$SEL_SOURCE_ROOT/corpus/11-submarine-deal.id.txt"
} >"$tmp/list"
"$SELARAS" ingest --jobs 1 --db "$tmp/j1.db" --files-from "$tmp/list" 2>"$tmp/j1.err"
answers "$tmp/j1.db" "$tmp/j1"
for jobs in 1 2; do
    SELARAS_PIECE_BYTES=2000 "$SELARAS" ingest --jobs $jobs --db "$tmp/s$jobs.db" --files-from "$tmp/list" 2>"$tmp/s$jobs.err"
    answers "$tmp/s$jobs.db" "$tmp/s$jobs"
    same "--jobs $jobs, two files streamed among small ones" "$tmp/j1" "$tmp/s$jobs"
done

[ "$failures" = 0 ] || { echo "# $failures failed"; exit 1; }
