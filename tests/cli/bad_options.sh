#!/bin/sh
# SPDX-License-Identifier: MIT
# Every option of every command that takes a value, given bad values of each kind (too long,
# empty, negative, nan, huge, trailing junk, invalid UTF-8, ...): each run must exit 2 (misuse;
# an assert would be 134) with a message naming the option, print nothing on standard output and
# leave the folder as it was: no new database (nor -wal/-shm), no output file. The options that
# take no value (--quiet, --lines, ...) cannot be given a bad one. Each value is also tried after
# the command's other arguments, and each option once with no value at all.
set -u
: "${SELARAS:?SELARAS must name the selaras binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/selaras-options.XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir "$T/w" && cd "$T/w" || exit 1 # the commands run here; their output goes to $T
failures=0
runs=0

printf 'Pasukan TNI tiba di Jakarta.\n' >doc.id.txt
printf 'The troops arrived in Jakarta.\n' >doc.en.txt
printf 'doc.id.txt\n' >list.txt
printf 'pasukan\ttroops\n' >g.tsv
# A database the reading commands can open, so that what they fail on is the bad value.
"$SELARAS" ingest -q --db good.db --translation doc.en.txt doc.id.txt || { echo "setup ingest failed"; exit 1; }
# The default database must never come into being either.
SELARAS_DB=$T/w/default/selaras.db
export SELARAS_DB

long9=$(printf '%05000d' 0 | tr 0 9)             # 5000 digits
longa=$(printf '%05000d' 0 | tr 0 a)             # 5000 letters
bad_utf8=$(printf 'i\377d')                      # a byte that is never UTF-8
overlong=$(printf '\300\256')                    # an overlong '.'
tab=$(printf 'a\tb')                             # a control character in free text

# values KIND: the bad values of an option of KIND, one per line; "<empty>" stands for "".
values() {
    printf '%s\n' "<empty>" "$bad_utf8" "$overlong"
    case $1 in
    lang) printf '%s\n' abcdefghijklmnopqrstu "$longa" -1 nan xx id- 'i d' '../id' ;;
    count) printf '%s\n' "$long9" -1 -0 nan inf 99999999999999999999999 5x ' 5' +5 0x10 1.5 ;;
    score) printf '%s\n' "$long9" -0.5 nan inf -inf 1e999 0.5x 0x1p-2 1.5 ' 0.5' ;;
    ratio) printf '%s\n' "$long9" -1 nan inf 1e999 2x 0x10 ' 2' ;;
    choice) printf '%s\n' "$longa" -1 nan 99999999999999999999999 xliff ;;
    text) printf '%s\n' "$longa" "$tab" ;;
    path) printf '%s\n' "$longa" ;;
    jobs) printf '%s\n' "$long9" 0 00 -1 nan 257 1000 99999999999999999999999 5x ' 2' +2 0x10 1.5 ;;
    esac
}

# The table: KIND|OPTION|ARGUMENTS BEFORE IT|ARGUMENTS AFTER IT (words without blanks).
table='
lang|--lang|segment|doc.id.txt
jobs|--jobs|segment|doc.id.txt
jobs|--jobs|analyze|doc.id.txt
jobs|--jobs|tag|doc.id.txt
choice|--format|segment|doc.id.txt
lang|--lang|analyze|doc.id.txt
choice|--from|lookup|pasukan
choice|--format|lookup|pasukan
count|--limit|lookup|pasukan
path|--db|lookup|pasukan
lang|--lang|tag|doc.id.txt
choice|--format|tag|doc.id.txt
choice|--format|align|doc.id.txt doc.en.txt
path|--output|align --format tmx|doc.id.txt doc.en.txt
lang|--lang|ingest --db new.db|doc.id.txt
path|--translation|ingest --db new.db|doc.id.txt
text|--title|ingest --db new.db|doc.id.txt
path|--db|ingest|doc.id.txt
path|--files-from|ingest --db new.db|
path|--pairs-from|ingest --db new.db|
jobs|--jobs|ingest --db new.db|doc.id.txt
choice|--format|ingest --db new.db|doc.id.txt
jobs|--jobs|check|doc.id.txt doc.en.txt
path|--pairs-from|check|
text|--subject|glossary --db good.db|
count|--min-count|glossary --db good.db|
choice|--sort|glossary --db good.db|
choice|--format|glossary --db good.db|
path|--db|glossary|
lang|--lang|concordance --db good.db|pasukan
count|--context|concordance --db good.db|pasukan
path|--db|concordance|pasukan
choice|--format|export glossary --db good.db|
path|--output|export glossary --db good.db --format tsv|
path|--db|export glossary --format tsv|
choice|--source|export glossary --db good.db --format tsv|
text|--subject|export glossary --db good.db --format tsv|
count|--min-count|export glossary --db good.db --format tsv|
choice|--format|export parallel --db good.db|
path|--output|export parallel --db good.db --format tsv|
path|--db|export parallel --format tsv|
score|--min-score|export parallel --db good.db --format tsv|
ratio|--max-ratio|export parallel --db good.db --format tsv|
choice|--format|lexicon import --db new.db|g.tsv
path|--db|lexicon import --format tsv|g.tsv
path|-o|lexicon compile|
path|--db||glossary
lang|--lang||ingest --db new.db doc.id.txt
'

before=$(ls -A)
good=$(cksum <good.db)

# check DESCRIPTION OPTION ARGS...: runs selaras ARGS and checks the outcome.
check() {
    what=$1 opt=$2
    shift 2
    runs=$((runs + 1))
    "$SELARAS" "$@" </dev/null >"$T/out" 2>"$T/err"
    rc=$?
    problem=""
    after=$(ls -A)
    if [ "$rc" != 2 ]; then
        problem="exit status $rc, expected 2"
    elif [ -s "$T/out" ]; then
        problem="printed on standard output"
    elif ! grep -qF -- "${opt#--}" "$T/err"; then
        problem="the message does not name $opt"
    elif [ "$after" != "$before" ]; then
        problem="the folder changed: $(echo "$after" | tr '\n' ' ')"
    fi
    if [ -n "$problem" ]; then
        echo "not ok - $what: $problem"
        sed 's/^/#   stderr: /' "$T/err" | head -n 3 | cut -c 1-200
        failures=$((failures + 1))
        # leave the folder as it was for the next case
        for f in $after; do
            echo "$before" | grep -qxF -- "$f" || rm -rf "./$f"
        done
    fi
}

old_ifs=$IFS
nl='
'
IFS=$nl
for row in $table; do
    IFS='|' read -r kind opt pre post <<EOF
$row
EOF
    IFS=$nl
    for value in $(values "$kind"); do
        [ "$value" = "<empty>" ] && value=""
        shown=$(printf '%s' "$value" | cut -c 1-20 | tr -c '[:print:]' '?')
        IFS=$old_ifs
        # shellcheck disable=SC2086 # the table's words are split on purpose
        check "selaras $pre $opt '$shown' $post" "$opt" $pre "$opt" "$value" $post
        # after the other arguments too (getopt reorders), once per row
        # shellcheck disable=SC2086
        [ -n "$post" ] && [ "$value" = "$bad_utf8" ] &&
            check "selaras $pre $post $opt '$shown'" "$opt" $pre $post "$opt" "$value"
        IFS=$nl
    done
    IFS=$old_ifs
    # the option with no value at all
    # shellcheck disable=SC2086
    check "selaras $pre $post $opt (no value)" "$opt" $pre $post "$opt"
    IFS=$nl
done
IFS=$old_ifs

[ "$(cksum <good.db)" = "$good" ] || { echo "not ok - the existing database changed"; failures=$((failures + 1)); }
echo "# $runs runs, $failures failed"
[ "$failures" = 0 ]
