#!/bin/sh
# SPDX-License-Identifier: MIT
# `selaras ingest --jobs N`: the quick-start corpus (documents with their translations, given as
# SRC<TAB>TGT pairs), documents without a translation, a translation memory, a document given
# twice and a listed file that does not exist, all in one list, stored with 1, 2 and 3 workers:
# every export, the glossary, a concordance and the report on standard error must be the same
# byte for byte. With ../shared, the dev data cut into 332 pairs too. Then --pairs-from's bad
# lines, each named LIST:LINE:COL with its byte offset (expected messages written by hand), and
# nothing left behind.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# check WHAT EXPECTED ACTUAL
check() { [ "$2" = "$3" ] || { fail "$1"; printf 'expected:\n%s\ngot:\n%s\n' "$2" "$3"; }; }

corpus=$SEL_SOURCE_ROOT/corpus
tab=$(printf '\t')
list=$tmp/list.txt
: >"$list"
for f in "$corpus"/0*.id.txt; do
    printf '%s\t%s\n' "$f" "${f%.id.txt}.en.txt" >>"$list"
done
{
    echo "$corpus/10-nato-summit.id.txt"        # a document without its translation
    echo "$SEL_TEST_DATA/tmx/memory.tmx"        # a translation memory
    echo "$tmp/no-such-file.txt"                # fails, in its place in the order
    echo "$corpus/11-submarine-deal.id.txt"
    echo "$corpus/11-submarine-deal.id.txt"     # the same again: unchanged
    printf '%s\t%s\n' "$corpus/12-india-pakistan.id.txt" "$corpus/12-india-pakistan.en.txt"
} >>"$list"

# answers DB DIR: what every reading command says about DB
answers() {
    mkdir -p "$2"
    "$SELARAS" glossary --db "$1" --format json --sort alpha >"$2/glossary.json"
    "$SELARAS" concordance --db "$1" "gencatan senjata" >"$2/concordance.txt" 2>/dev/null
    for f in tbx csv tsv json; do
        "$SELARAS" export glossary --db "$1" --format $f -o "$2/glossary.$f"
    done
    for f in tmx tsv jsonl; do
        "$SELARAS" export parallel --db "$1" --format $f -o "$2/parallel.$f" 2>/dev/null
    done
}

# same WHAT DIR_A DIR_B
same() {
    for f in "$2"/*; do
        cmp -s "$f" "$3/$(basename "$f")" || fail "$1: $(basename "$f") differs"
    done
}

for jobs in 1 2 3; do
    "$SELARAS" ingest --jobs $jobs --db "$tmp/j$jobs.db" --files-from "$list" 2>"$tmp/err$jobs"
    check "--jobs $jobs: exit status (a listed file is missing)" 2 $?
    answers "$tmp/j$jobs.db" "$tmp/a$jobs"
    # the last line names the database, which differs
    sed '$d' "$tmp/err$jobs" >"$tmp/a$jobs/report.txt"
done
check "report: the missing file in its place, the copy unchanged" \
"$tmp/no-such-file.txt: cannot open: No such file or directory
$corpus/11-submarine-deal.id.txt: unchanged, already stored as document 22" \
"$(sed -n '12p;14p' "$tmp/err1" | sed 's/^selaras: //')"
check "summary" "selaras ingest: 13 stored (0 replacing older versions), 1 unchanged, 1 failed" \
    "$(tail -1 "$tmp/err1" | cut -d';' -f1)"
[ -s "$tmp/a1/parallel.tsv" ] || fail "nothing exported"
same "--jobs 2" "$tmp/a1" "$tmp/a2"
same "--jobs 3" "$tmp/a1" "$tmp/a3"

# --pairs-from reads the same list of pairs as --files-from does.
grep "$tab" "$list" >"$tmp/pairs.txt"
"$SELARAS" ingest -q --jobs 2 --db "$tmp/p.db" --pairs-from "$tmp/pairs.txt"
check "--pairs-from: exit status" 0 $?
"$SELARAS" ingest -q --jobs 1 --db "$tmp/f.db" --files-from "$tmp/pairs.txt"
answers "$tmp/p.db" "$tmp/ap"
answers "$tmp/f.db" "$tmp/af"
same "--pairs-from against --files-from" "$tmp/af" "$tmp/ap"

# The dev data cut into pairs of 10 lines, 1 and 2 workers.
if [ -n "${SEL_SHARED:-}" ] && [ -r "$SEL_SHARED/data/panl-int-dev/id.txt" ]; then
    mkdir "$tmp/dev" && cd "$tmp/dev" || exit 1
    split -l 10 -d -a 3 "$SEL_SHARED/data/panl-int-dev/id.txt" id.
    split -l 10 -d -a 3 "$SEL_SHARED/data/panl-int-dev/en.txt" en.
    for f in id.*; do printf '%s\t%s\n' "$PWD/$f" "$PWD/en.${f#id.}"; done >"$tmp/dev.txt"
    for jobs in 1 2; do
        "$SELARAS" ingest -q --jobs $jobs --db "$tmp/dev$jobs.db" --pairs-from "$tmp/dev.txt" ||
            fail "dev pairs, --jobs $jobs"
        answers "$tmp/dev$jobs.db" "$tmp/adev$jobs"
    done
    check "dev pairs: beads exported" 3352 "$(wc -l <"$tmp/adev1/parallel.tsv")"
    same "dev pairs, --jobs 2" "$tmp/adev1" "$tmp/adev2"
else
    echo "# SKIP the dev pairs: ../shared/data/panl-int-dev is not there"
fi

# Bad lines: each reported with LIST:LINE:COL and its byte offset; nothing stored, no database.
cd "$tmp" || exit 1
printf 'a.txt\tb.txt\r\nonly-one.txt\n\n\tb.txt\na.txt\t\na.txt\tb.txt\tc.txt\n-\t-\n' >bad.txt
"$SELARAS" ingest --db "$tmp/bad.db" --pairs-from bad.txt 2>"$tmp/err"
check "bad lines: exit status" 2 $?
check "bad lines: messages" "selaras: bad.txt:2:1: expected SRC<TAB>TGT: no tab (byte offset 13)
selaras: bad.txt:4:1: expected SRC<TAB>TGT: no source file before the tab (byte offset 27)
selaras: bad.txt:5:7: expected SRC<TAB>TGT: no target file after the tab (byte offset 40)
selaras: bad.txt:6:12: expected SRC<TAB>TGT: a second tab (byte offset 52)
selaras: bad.txt:7:1: standard input (-) can be read only once (byte offset 59)" "$(cat "$tmp/err")"
[ -e "$tmp/bad.db" ] && fail "bad lines: a database was left behind"
printf 'a.txt\tb.txt\nok.txt\tb\377.txt\n' >utf8.txt
"$SELARAS" ingest --db "$tmp/utf8.db" --pairs-from utf8.txt 2>"$tmp/err"
check "a list not in UTF-8: exit status" 2 $?
check "a list not in UTF-8: message" "selaras: utf8.txt:2:9: invalid UTF-8 (byte 0xFF) at byte offset 20" "$(cat "$tmp/err")"
# A document path alone is a good line of --files-from, not of --pairs-from.
printf '%s\n' "$corpus/01-asean-defence.id.txt" >one.txt
"$SELARAS" ingest --db "$tmp/one.db" --pairs-from one.txt 2>"$tmp/err"
check "--pairs-from a path alone: exit status" 2 $?
check "--pairs-from a path alone: message" "selaras: one.txt:1:1: expected SRC<TAB>TGT: no tab (byte offset 0)" "$(cat "$tmp/err")"
printf '%s\t%s\n' "$SEL_TEST_DATA/tmx/memory.tmx" "$corpus/01-asean-defence.en.txt" >tm.txt
"$SELARAS" ingest --db "$tmp/tm.db" --pairs-from tm.txt 2>"$tmp/err"
check "a TMX file as one side of a pair: exit status" 2 $?
grep -q "memory.tmx: a TMX file holds its translations" "$tmp/err" || fail "a TMX file as one side of a pair: message"
"$SELARAS" ingest --db "$tmp/both.db" --pairs-from tm.txt --files-from one.txt 2>/dev/null
check "--pairs-from with --files-from: exit status" 2 $?
ls "$tmp"/*.db | grep -q 'bad.db\|one.db\|tm.db\|both.db\|utf8.db' && fail "a refused ingest left a database"

[ "$failures" = 0 ] && echo "ok" || exit 1
