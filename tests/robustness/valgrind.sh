#!/bin/sh
# SPDX-License-Identifier: MIT
# Valgrind memcheck over a full run (docs/robustness.md): ingest of a corpus article with its
# translation and of a TMX translation memory, glossary, export of the glossary (TBX) and of the parallel data (TMX), lookup and
# concordance, and ingest of a bad file. Any memory error or leak (definite, indirect, possible)
# fails. Skipped (77) without valgrind, and in sanitizer builds, which valgrind cannot run.
. "$(dirname "$0")/lib.sh"
command -v valgrind >/dev/null 2>&1 || { echo "# valgrind is not installed"; exit 77; }
if grep -qa -e __asan_init -e __ubsan_handle "$SELARAS"; then
    echo "# $SELARAS is built with a sanitizer; valgrind cannot run it"
    exit 77
fi
cd "$T" || exit 1
corpus=$SEL_SOURCE_ROOT/corpus
# vg DESCRIPTION EXPECTED_STATUS ARGS...
vg() {
    what=$1 want=$2
    shift 2
    # the CLI leaves freeing to the system at exit unless told otherwise (src/cli/cli.h)
    SELARAS_FREE_AT_EXIT=1 valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 --log-file=vg.log \
        "$SELARAS" "$@" >"$T/out" 2>"$T/err"
    rc=$?
    if [ $rc = 99 ] || [ -s vg.log ]; then
        not_ok "$what: valgrind reports"
        sed 's/^/#   /' vg.log | head -n 40
    elif [ $rc != "$want" ]; then
        not_ok "$what: exit status $rc, expected $want"
        sed 's/^/#   stderr: /' "$T/err" | head -n 5
    else
        ok "$what: no memory error, no leak"
    fi
}
vg "ingest with translation" 0 ingest --db db.sqlite "$corpus/01-asean-defence.id.txt" \
    --translation "$corpus/01-asean-defence.en.txt"
vg "ingest of a translation memory (TMX)" 0 ingest --db db.sqlite "$SEL_TEST_DATA/tmx/memory.tmx"
vg "glossary" 0 glossary --db db.sqlite
vg "export glossary --format tbx" 0 export glossary --format tbx --db db.sqlite -o glossary.tbx
vg "export parallel --format tmx" 0 export parallel --format tmx --db db.sqlite -o parallel.tmx
vg "lookup" 0 lookup --db db.sqlite pasukan
vg "concordance" 0 concordance --db db.sqlite menteri
printf 'Kata \300\257\n' >bad.txt
vg "ingest of invalid UTF-8" 2 ingest --db db.sqlite bad.txt
finish
