#!/bin/sh
# SPDX-License-Identifier: MIT
# `selaras check` on many inputs: several TMX/XLIFF files, and --pairs-from LIST. The reports come
# in input order: text under a header line per input, TSV and JSON with a "file" field first
# (only when there is more than one input: one input keeps its columns). With 1, 2 and 3 workers
# the output is the same byte for byte, in every format, on our check files and (with ../shared)
# the dev data cut into pairs. Exit 1 with findings, 0 without, 2 on any error, and then no -o
# file is left behind; html with several inputs is refused; bad list lines are named LIST:LINE:COL.
set -u
. "$(dirname "$0")/../shared_data.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "not ok - $*"; failures=$((failures + 1)); }
pass() { echo "ok - $*"; }
# expect WHAT EXPECTED ACTUAL
expect() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1"; printf 'expected:\n%s\ngot:\n%s\n' "$2" "$3"; fi; }

cd "$SEL_TEST_DATA" || exit 1
tab=$(printf '\t')

# Two memories, as TSV: one header with "file" first, each row named (written by hand from the
# findings of check_tmx_tsv and of units12.xlf alone).
"$SELARAS" check --jobs 2 -f tsv check/units.tmx check/units12.xlf >"$tmp/two.tsv"
expect "two memories: exit 1 (findings)" 1 $?
expect "two memories: TSV with a file column" \
"file${tab}kind${tab}src_sentence${tab}tgt_sentences${tab}source_term${tab}expected${tab}found${tab}concept_id
check/units.tmx${tab}number${tab}2${tab}2${tab}850${tab}850${tab}580${tab}
check/units.tmx${tab}missing-term${tab}3${tab}3${tab}anggaran${tab}budget${tab}The government said the cost of the operation had reached 5 trillion rupiah.${tab}eco.budget
check/units12.xlf${tab}number${tab}2${tab}2${tab}850${tab}850${tab}580${tab}
check/units12.xlf${tab}deprecated-term${tab}3${tab}3${tab}korban${tab}casualty | victim | fatality${tab}casualities${tab}cf.casualty" \
"$(cat "$tmp/two.tsv")"

# One input keeps today's columns exactly.
"$SELARAS" check -f tsv check/units.tmx >"$tmp/one.tsv"
cmp -s "$tmp/one.tsv" "$SEL_TEST_DATA/cli/check_tmx_tsv.out" && pass "one memory: the columns of today" ||
    fail "one memory: the TSV changed"

# Text: a header line per input, the reports as they are alone.
"$SELARAS" check check/units.tmx check/units20.xlf >"$tmp/two.txt"
{
    echo "== check/units.tmx =="; "$SELARAS" check check/units.tmx
    echo; echo "== check/units20.xlf =="; "$SELARAS" check check/units20.xlf
} >"$tmp/two-expected.txt"
cmp -s "$tmp/two.txt" "$tmp/two-expected.txt" && pass "text: a header line per input" ||
    { fail "text: not the reports under their headers"; diff "$tmp/two-expected.txt" "$tmp/two.txt" | head; }

# JSON: an array of the reports, "file" first in each and in each finding.
"$SELARAS" check -f json check/units.tmx check/units12.xlf >"$tmp/two.json"
got=$(python3 - "$tmp/two.json" <<'PY'
import json, sys
reports = json.load(open(sys.argv[1]))
for r in reports:
    print(list(r)[0], r['file'], len(r['findings']), ' '.join(list(f)[0] + '=' + f['file'] for f in r['findings']))
PY
)
expect "json: an array, file first" "file check/units.tmx 2 file=check/units.tmx file=check/units.tmx
file check/units12.xlf 2 file=check/units12.xlf file=check/units12.xlf" "$got"

# Pairs from a list, with our corpus and (with ../shared) the dev data cut into pairs: the same
# output with 1, 2 and 3 workers in every format, to standard output and to -o FILE.
list=$tmp/pairs.txt
{
    printf '%s\t%s\n' check/errors.id.txt check/errors.en.txt
    for f in "$SEL_SOURCE_ROOT"/corpus/0*.id.txt; do printf '%s\t%s\n' "$f" "${f%.id.txt}.en.txt"; done
    printf '%s\t%s\n' check/good.id.txt check/good.en.txt
} >"$list"
if shared_has data/panl-int-dev/id.txt && shared_has data/panl-int-dev/en.txt; then
    mkdir "$tmp/dev"
    head -n 300 "$SHARED/data/panl-int-dev/id.txt" | (cd "$tmp/dev" && split -l 20 -d -a 2 - id.)
    head -n 300 "$SHARED/data/panl-int-dev/en.txt" | (cd "$tmp/dev" && split -l 20 -d -a 2 - en.)
    for f in "$tmp"/dev/id.*; do printf '%s\t%s\n' "$f" "$tmp/dev/en.${f##*/id.}"; done >>"$list"
fi
n=$(wc -l <"$list")
for fmt in text tsv json; do
    for jobs in 1 2 3; do
        "$SELARAS" check --jobs $jobs -f $fmt --pairs-from "$list" >"$tmp/$fmt.$jobs" 2>"$tmp/$fmt.$jobs.err"
        echo $? >>"$tmp/$fmt.$jobs.err"
    done
    "$SELARAS" check --jobs 2 -f $fmt --pairs-from "$list" -o "$tmp/$fmt.o"
    if [ -s "$tmp/$fmt.1" ] && cmp -s "$tmp/$fmt.1" "$tmp/$fmt.2" && cmp -s "$tmp/$fmt.1" "$tmp/$fmt.3" &&
        cmp -s "$tmp/$fmt.1.err" "$tmp/$fmt.2.err" && cmp -s "$tmp/$fmt.1.err" "$tmp/$fmt.3.err" &&
        cmp -s "$tmp/$fmt.1" "$tmp/$fmt.o"; then
        pass "$fmt: $n pairs, the same report with 1, 2 and 3 workers ($(wc -l <"$tmp/$fmt.1") lines)"
    else
        fail "$fmt: $n pairs, the reports differ with the number of workers"
    fi
done
expect "pairs: exit 1 (findings)" 1 "$(tail -n 1 "$tmp/tsv.1.err")"
expect "pairs: every input has its header" "$n" "$(grep -c '^== ' "$tmp/text.1")"
expect "pairs: a json report per input" "$n" "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$tmp/json.1")"

# Nothing to report: exit 0, even for several inputs.
printf '%s\t%s\n%s\t%s\n' check/good.id.txt check/good.en.txt check/good.id.txt check/good.en.txt >"$tmp/good.txt"
"$SELARAS" check --pairs-from "$tmp/good.txt" >/dev/null
expect "two good pairs: exit 0" 0 $?

# An error among many: exit 2, the file named, and no -o file left behind.
{ cat "$list"; printf '%s\t%s\n' "$tmp/missing.id.txt" check/good.en.txt; } >"$tmp/bad-pairs.txt"
for jobs in 1 2; do
    "$SELARAS" check --jobs $jobs --pairs-from "$tmp/bad-pairs.txt" -o "$tmp/report-$jobs.txt" 2>"$tmp/err"
    status=$?
    if [ $status = 2 ] && grep -q "missing.id.txt" "$tmp/err" && [ -z "$(ls "$tmp" | grep report-)" ]; then
        pass "--jobs $jobs: a missing file among many: exit 2, named, no report left behind"
    else
        fail "--jobs $jobs: a missing file among many (exit $status)"; cat "$tmp/err"; ls "$tmp"
    fi
done

# html makes one report: refused for several inputs.
"$SELARAS" check -f html -o "$tmp/r.html" check/units.tmx check/units12.xlf 2>"$tmp/err"
status=$?
[ $status = 2 ] && grep -q "html writes one report" "$tmp/err" && [ ! -e "$tmp/r.html" ] &&
    pass "html with two inputs: refused" || { fail "html with two inputs (exit $status)"; cat "$tmp/err"; }

# A bad list: every bad line named with its byte offset (messages written by hand).
printf 'check/good.id.txt\tcheck/good.en.txt\nonly-one-file.txt\n\tcheck/good.en.txt\n' >"$tmp/broken.txt"
"$SELARAS" check --pairs-from "$tmp/broken.txt" 2>"$tmp/err" >/dev/null
status=$?
expect "a bad list: exit 2" 2 $status
expect "a bad list: each bad line named" \
"selaras: $tmp/broken.txt:2:1: expected SRC<TAB>TGT: no tab (byte offset 36)
selaras: $tmp/broken.txt:3:1: expected SRC<TAB>TGT: no source file before the tab (byte offset 54)" "$(cat "$tmp/err")"

# Files and a list at once, and several texts that are not memories: usage errors.
"$SELARAS" check --pairs-from "$list" check/units.tmx 2>"$tmp/err" >/dev/null
expect "a list and files: exit 2" 2 $?
"$SELARAS" check check/good.id.txt check/good.en.txt check/units.tmx 2>"$tmp/err" >/dev/null
expect "three files, not all memories: exit 2" 2 $?

[ "$failures" = 0 ] || echo "# $failures failed"
shared_exit "$failures"
