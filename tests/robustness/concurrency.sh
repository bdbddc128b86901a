#!/bin/sh
# SPDX-License-Identifier: MIT
# Concurrent use of one database (docs/robustness.md): two ingests of different documents at
# once both finish and store everything; two ingests of the same documents at once store each
# once; lookup, glossary and concordance answer while an ingest writes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../shared_data.sh"
shared_need data/panl-int-dev/id.txt
cd "$T" || exit 1
dev=$SHARED/data/panl-int-dev/id.txt
mkdir docs
# 300 documents of about 11 lines each from the dev data.
awk '{ f = sprintf("docs/doc%03d.txt", int((NR - 1) * 300 / 3320)); print > f }' "$dev"
ls "$T"/docs/doc0*.txt >set-a   # 100 documents
ls "$T"/docs/doc1*.txt >set-b   # 100 others
ls "$T"/docs/doc2*.txt >set-c   # 100 more, for the readers' test

# Starts two ingests into database $1 at the same moment, of the lists $2 and $3; sets ra and rb
# to their exit statuses.
two_ingests() {
    "$SELARAS" ingest -q --db "$1" --files-from "$2" 2>a.err &
    pa=$!
    "$SELARAS" ingest -q --db "$1" --files-from "$3" 2>b.err &
    pb=$!
    wait $pa; ra=$?
    wait $pb; rb=$?
}

# Two writers, different documents, same moment.
two_ingests two.sqlite set-a set-b
[ $ra = 0 ] && [ $rb = 0 ] && ok "two concurrent ingests both finish" ||
    not_ok "concurrent ingests exited $ra and $rb: $(cat a.err b.err)"
got=$(sql two.sqlite "SELECT count(*), count(DISTINCT path) FROM document")
[ "$got" = "$(printf '200\t200')" ] && ok "every document of both is stored, once" ||
    not_ok "expected 200 distinct documents, got $got"
state=$(db_state two.sqlite)
case $state in ok\ *) ok "integrity_check ok after concurrent ingests" ;; *) not_ok "integrity: $state" ;; esac

# Two writers, the same documents: each stored once.
two_ingests same.sqlite set-a set-a
[ $ra = 0 ] && [ $rb = 0 ] && ok "two concurrent ingests of the same files both finish" ||
    not_ok "same-file ingests exited $ra and $rb: $(cat a.err b.err)"
got=$(sql same.sqlite "SELECT count(*), count(DISTINCT content_hash) FROM document")
[ "$got" = "$(printf '100\t100')" ] && ok "the same documents ingested twice at once are stored once" ||
    not_ok "expected 100 documents, got $got"

# Readers while a writer works: every answer comes, none fails on a locked database.
"$SELARAS" ingest -q --db two.sqlite --files-from set-c 2>c.err &
pc=$!
reads=0 read_fail=0
while kill -0 $pc 2>/dev/null; do
    for q in "lookup --db two.sqlite pasukan" "glossary --db two.sqlite --format tsv" \
             "concordance --db two.sqlite pasukan"; do
        # shellcheck disable=SC2086
        "$SELARAS" $q >r.out 2>r.err
        r=$?
        reads=$((reads + 1))
        if [ $r != 0 ] || [ ! -s r.out ]; then
            read_fail=$((read_fail + 1))
            echo "# $q: exit $r: $(head -c 300 r.err)"
        fi
    done
done
wait $pc; rc_c=$?
[ $rc_c = 0 ] && ok "the ingest running beside the readers finishes" || not_ok "ingest beside readers: exit $rc_c"
[ $reads -ge 3 ] && [ $read_fail = 0 ] && ok "lookup, glossary, concordance answered $reads times during an ingest" ||
    not_ok "$read_fail of $reads reads failed during an ingest"
got=$(sql two.sqlite "SELECT count(*) FROM document")
[ "$got" = 300 ] && ok "all 300 documents stored" || not_ok "expected 300 documents, got $got"
finish
