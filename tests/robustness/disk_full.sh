#!/bin/sh
# SPDX-License-Identifier: MIT
# A full disk (docs/robustness.md), made with a file-size limit (RLIMIT_FSIZE, as `ulimit -f`
# sets; set here through Python to have it in bytes whatever the shell): `segment` writing to a
# file and `ingest` writing the database. With SIGXFSZ ignored the write fails with EFBIG, as on a
# full disk: exit 2 and a message; the database is as it was. selaras ignores SIGXFSZ itself
# (src/cli/main.c), so the signal's default action, which would kill it, never applies.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
corpus=$SEL_SOURCE_ROOT/corpus

# limited BYTES ignore|default ARGS...: runs selaras under a file-size limit; its standard
# output is the file $T/out, so the limit applies to it too.
limit_py='import os, resource, signal, sys
n = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN if sys.argv[2] == "ignore" else signal.SIG_DFL)
os.execv(sys.argv[3], sys.argv[3:])'
limited() {
    bytes=$1 action=$2
    shift 2
    python3 -c "$limit_py" "$bytes" "$action" "$SELARAS" "$@" <"${STDIN:-/dev/null}" >"$T/out" 2>"$T/err"
    rc=$?
}

cat "$corpus"/*.id.txt >all.txt
# segment > file: the output (37 kB) does not fit in 8 kB.
limited 8192 ignore segment all.txt
expect 2 "selaras: error writing standard output" "segment > file on a full disk: exit 2 and a message"
[ "$(wc -c <"$T/out")" -le 8192 ] && ok "segment: output stopped at the limit" || not_ok "segment: output beyond the limit"
STDIN=all.txt limited 8192 default segment
# selaras ignores SIGXFSZ itself, so that a size limit is an ordinary write error.
expect 2 "error writing standard output" "segment with SIGXFSZ at its default action: exit 2 and a message"
"$SELARAS" segment all.txt >/dev/full 2>"$T/err"
rc=$?
expect 2 "error writing standard output" "segment > /dev/full: exit 2 and a message"

# ingest: one document (one transaction) that cannot be written.
run ingest --db db.sqlite "$corpus/01-asean-defence.id.txt"
expect 0 "" "ingest: first document"
before=$(db_state db.sqlite)
for bytes in 16384 51200; do
    for action in ignore default; do
        limited "$bytes" "$action" ingest --db db.sqlite "$corpus/02-unsc-ceasefire.id.txt" \
            --translation "$corpus/02-unsc-ceasefire.en.txt"
        if [ "$action" = ignore ]; then
            expect 2 "db.sqlite" "ingest with translation, files limited to $bytes bytes: exit 2"
            grep -q "disk I/O error\|database or disk is full" "$T/err" || not_ok "ingest: no I/O error reported"
        else
            [ "$rc" -gt 128 ] && ok "ingest, limit $bytes bytes, SIGXFSZ default: killed (exit $rc)" ||
                expect 2 "db.sqlite" "ingest, limit $bytes bytes, SIGXFSZ default: exit 2"
        fi
        [ "$(db_state db.sqlite)" = "$before" ] && ok "ingest, limit $bytes bytes ($action): database unchanged" ||
            not_ok "ingest, limit $bytes bytes ($action): the database changed"
    done
done
run ingest --db db.sqlite "$corpus/02-unsc-ceasefire.id.txt" --translation "$corpus/02-unsc-ceasefire.en.txt"
expect 0 "stored as document" "ingest: with room again, the document is stored"

# ingest of many documents (a batch of documents per transaction) running out of room: exit 2,
# the database whole, only whole documents, and a re-run completes the set.
rm -f db.sqlite*
run ingest --db db.sqlite "$corpus/01-asean-defence.id.txt"
ls "$corpus"/*.id.txt >list
sentences_before=$(sql db.sqlite 'SELECT count(*) FROM sentence')
limited 102400 ignore ingest --db db.sqlite --files-from list
expect 2 "db.sqlite" "ingest of 12 documents, files limited to 100 kB: exit 2"
state=$(db_state db.sqlite)
case $state in ok\ *) ok "ingest of 12 documents on a full disk: integrity ok" ;; *) not_ok "integrity: $state" ;; esac
# The summary counts what the database holds, not what a rolled-back batch held.
said=$(sed -n 's/.* failed; \([0-9]*\) sentences.*/\1/p' "$T/err")
new_sentences=$(($(sql db.sqlite 'SELECT count(*) FROM sentence') - sentences_before))
[ "$said" = "$new_sentences" ] && ok "ingest on a full disk: the summary's $said sentences are those stored" ||
    not_ok "ingest on a full disk: the summary says ${said:-?} sentences, $new_sentences were stored"
whole=$(sql db.sqlite "SELECT count(*) FROM document d WHERE (SELECT count(*) FROM sentence s WHERE s.document_id = d.id) = 0")
[ "$whole" = 0 ] && ok "ingest on a full disk: no document without its sentences" || not_ok "$whole documents without sentences"
run ingest --db db.sqlite --files-from list
expect 0 "" "ingest: with room again, the re-run succeeds"
[ "$(sql db.sqlite 'SELECT count(*), count(DISTINCT path) FROM document')" = "$(printf '12\t12')" ] &&
    ok "ingest: the re-run completes the set, nothing twice" || not_ok "ingest: re-run did not complete the set"
finish
