#!/bin/sh
# SPDX-License-Identifier: MIT
# `selaras merge`: the quick-start corpus (corpus/*.id.txt with their translations) ingested in
# one run, and separately in three shards (05-prisoner-exchange in two of them) merged, must
# answer glossary, concordance, lookup examples and every glossary and parallel export byte for
# byte alike; so must a changed document that replaces its old version, and user termbase entries
# imported into two shards. The shards are never written; a shard that is not a selaras database
# of this version is refused before anything is written. Expected messages written by hand.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A copy of the corpus, so that one of its files can change later (a document is its file).
cp -r "$SEL_SOURCE_ROOT/corpus" "$tmp/corpus" && cd "$tmp/corpus" || exit 1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# check WHAT EXPECTED ACTUAL
check() { [ "$2" = "$3" ] || { fail "$1"; printf 'expected:\n%s\ngot:\n%s\n' "$2" "$3"; }; }
ingest() { # DB ID_FILE: the document with its translation
    "$SELARAS" ingest -q --db "$1" --translation "${2%.id.txt}.en.txt" "$2" || fail "ingest $2 into $1"
}
# same A.db B.db WHAT: every answer compared byte for byte
same() {
    for db in "$1" "$2"; do
        out=$tmp/answers-$(basename "$db" .db)
        mkdir -p "$out"
        "$SELARAS" glossary --db "$db" >"$out/glossary.txt"
        "$SELARAS" glossary --db "$db" --format json --sort alpha >"$out/glossary.json"
        "$SELARAS" concordance --db "$db" "gencatan senjata" >"$out/concordance.txt"
        "$SELARAS" concordance --db "$db" "Jakarta" >"$out/concordance-word.txt"
        "$SELARAS" lookup --db "$db" pasukan "gencatan senjata" rudal kucing >"$out/lookup.txt"
        for f in tbx tbx3 csv tsv json; do
            "$SELARAS" export glossary --db "$db" --format $f -o "$out/glossary.$f"
        done
        for f in tmx tsv jsonl; do
            "$SELARAS" export parallel --db "$db" --format $f -o "$out/parallel.$f" 2>/dev/null
        done
        "$SELARAS" export parallel --db "$db" --format moses -o "$out/moses" 2>/dev/null
        "$SELARAS" export parallel --db "$db" --format jsonl --term-factors -o "$out/factors.jsonl" 2>/dev/null
    done
    a=$tmp/answers-$(basename "$1" .db) b=$tmp/answers-$(basename "$2" .db)
    for f in "$a"/*; do
        [ -s "$f" ] || fail "$3: $(basename "$f") is empty"
        cmp -s "$f" "$b/$(basename "$f")" || { fail "$3: $(basename "$f") differs"; diff "$f" "$b/$(basename "$f")" | head -5; }
    done
    rm -rf "$a" "$b"
}
fingerprint() { cksum "$tmp"/shard*.db; }

# One run, in file-name order; and the same files in three shards, 05 also in the third.
for f in *.id.txt; do ingest "$tmp/single.db" "$f"; done
set -- *.id.txt
for f in "$1" "$2" "$3" "$4"; do ingest "$tmp/shard1.db" "$f"; done
for f in "$5" "$6" "$7" "$8"; do ingest "$tmp/shard2.db" "$f"; done
for f in "$9" "${10}" "${11}" "${12}" 05-prisoner-exchange.id.txt; do ingest "$tmp/shard3.db" "$f"; done
before=$(fingerprint)

"$SELARAS" merge "$tmp/merged.db" "$tmp/shard1.db" "$tmp/shard2.db" "$tmp/shard3.db" 2>"$tmp/err"
check "merge: exit status" 0 $?
check "merge: report" "selaras merge: 3 shards: 12 documents copied (0 replacing older versions), 1 unchanged; \
402 sentences, 1234 term occurrences; 0 user entries (0 replacing others); database $tmp/merged.db" "$(cat "$tmp/err")"
same "$tmp/single.db" "$tmp/merged.db" "three shards"
check "nothing left beside the output" "merged.db merged.db-*" "$(cd "$tmp" && echo merged.db merged.db-*)"

# More shards than SQLite attaches at once (10): the three and nine copies of them, into a new
# database and into an existing one (which holds shard 1 already).
for i in 1 2 3 4 5 6 7 8 9; do cp "$tmp/shard$((i % 3 + 1)).db" "$tmp/copy$i.db"; done
many="$tmp/shard1.db $tmp/shard2.db $tmp/shard3.db"
for i in 1 2 3 4 5 6 7 8 9; do many="$many $tmp/copy$i.db"; done
# shellcheck disable=SC2086 # $many is a list of paths without spaces
"$SELARAS" merge "$tmp/many.db" $many 2>"$tmp/err"
check "twelve shards: report" "selaras merge: 12 shards: 12 documents copied (0 replacing older versions), \
40 unchanged; 402 sentences, 1234 term occurrences; 0 user entries (0 replacing others); database $tmp/many.db" \
    "$(cat "$tmp/err")"
same "$tmp/single.db" "$tmp/many.db" "twelve shards"
"$SELARAS" merge -q "$tmp/existing.db" "$tmp/shard1.db"
# shellcheck disable=SC2086
"$SELARAS" merge "$tmp/existing.db" $many 2>"$tmp/err"
check "twelve shards into an existing database: report" "selaras merge: 12 shards: 8 documents copied \
(0 replacing older versions), 44 unchanged; 261 sentences, 804 term occurrences; 0 user entries (0 replacing others); \
database $tmp/existing.db" "$(cat "$tmp/err")"
same "$tmp/single.db" "$tmp/existing.db" "twelve shards into an existing database"
rm -f "$tmp"/copy* "$tmp"/many.db* "$tmp"/existing.db*

# Merging a shard into the merged database again changes nothing.
"$SELARAS" merge "$tmp/merged.db" "$tmp/shard2.db" 2>"$tmp/err"
check "merge again: report" "selaras merge: 1 shard: 0 documents copied (0 replacing older versions), 4 unchanged; \
0 sentences, 0 term occurrences; 0 user entries (0 replacing others); database $tmp/merged.db" "$(cat "$tmp/err")"
same "$tmp/single.db" "$tmp/merged.db" "merged again"

# A changed version of 01 under the same path, without its translation, in a fourth shard:
# merged into the existing database it replaces the old version (and its translation), as
# ingesting it into the single-run database does. User entries: one file imported into two
# shards, another into one (and all into the single run, in the same order).
sed -i 's/Menteri Pertahanan/Menteri Luar Negeri/' 01-asean-defence.id.txt
user=$SEL_TEST_DATA/lookup/user
for db in single shard4; do
    "$SELARAS" ingest -q --db "$tmp/$db.db" 01-asean-defence.id.txt || fail "ingest v2 into $db"
done
for db in single shard4 shard1; do
    "$SELARAS" lexicon import --db "$tmp/$db.db" --format tsv "$user/general.tsv" 2>/dev/null
done
"$SELARAS" lexicon import --db "$tmp/single.db" --format tsv --curated "$user/curated.tsv" 2>/dev/null
"$SELARAS" lexicon import --db "$tmp/shard4.db" --format tsv --curated "$user/curated.tsv" 2>/dev/null
before=$(fingerprint)
"$SELARAS" merge "$tmp/merged.db" "$tmp/shard4.db" 2>"$tmp/err"
check "changed document: report" "selaras merge: 1 shard: 1 documents copied (1 replacing older versions), 0 unchanged; \
37 sentences, 110 term occurrences; 3 user entries (0 replacing others); database $tmp/merged.db" "$(cat "$tmp/err")"
same "$tmp/single.db" "$tmp/merged.db" "changed document and user entries"
# the same merge from scratch, the shards in order
"$SELARAS" merge -q "$tmp/merged2.db" "$tmp/shard1.db" "$tmp/shard2.db" "$tmp/shard3.db" "$tmp/shard4.db"
check "from scratch: exit status" 0 $?
same "$tmp/single.db" "$tmp/merged2.db" "four shards from scratch"
check "shards unchanged" "$before" "$(fingerprint)"

# Refusals: exit 2, a message naming the file, and no output (nor a temporary file) left.
printf 'not a database\n' >"$tmp/text.db"
/usr/bin/python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("CREATE TABLE t (x)")' "$tmp/other.db"
cp "$tmp/shard2.db" "$tmp/old.db"
/usr/bin/python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version = 1")' "$tmp/old.db"
cp "$tmp/shard2.db" "$tmp/new.db"
/usr/bin/python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version = 99")' "$tmp/new.db"
refused() { # WHAT SHARD MESSAGE
    "$SELARAS" merge "$tmp/out.db" "$tmp/shard1.db" "$2" 2>"$tmp/err"
    check "$1: exit status" 2 $?
    check "$1: message" "$3" "$(cat "$tmp/err")"
    check "$1: no output" "out.db*" "$(cd "$tmp" && echo out.db*)"
}
refused "not SQLite" "$tmp/text.db" "selaras: $tmp/text.db: not an SQLite database"
refused "other SQLite" "$tmp/other.db" "selaras: $tmp/other.db: an SQLite database, but not one of selaras"
refused "older schema" "$tmp/old.db" "selaras: $tmp/old.db: schema version 1; this selaras merges version 3 only \
(any command of this selaras on it, e.g. 'selaras glossary --db SHARD', upgrades it)"
refused "newer schema" "$tmp/new.db" "selaras: $tmp/new.db: schema version 99; this selaras merges version 3 only \
(merge with the selaras that built it)"
head -c 100000 "$tmp/shard2.db" >"$tmp/truncated.db"
refused "truncated" "$tmp/truncated.db" "selaras: $tmp/truncated.db: cannot read the database: database disk image is malformed"
refused "missing" "$tmp/none.db" "selaras: $tmp/none.db: cannot open: No such file or directory"
"$SELARAS" merge "$tmp/merged.db" "$tmp/merged.db" 2>"$tmp/err"
check "into itself: message" "selaras: $tmp/merged.db: is the output database itself" "$(cat "$tmp/err")"
"$SELARAS" merge "$tmp/out.db" 2>"$tmp/err"
check "no shard: exit status" 2 $?
check "no shard: message" "selaras merge: no shard databases given" "$(head -1 "$tmp/err")"

[ "$failures" = 0 ] && echo "all checks passed"
exit $((failures > 0))
