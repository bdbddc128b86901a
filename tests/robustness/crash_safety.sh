#!/bin/sh
# SPDX-License-Identifier: MIT
# Crash safety (docs/robustness.md): `ingest` of 300 documents is killed with SIGKILL at a random
# moment, CRASH_TRIALS times (default 20; seed CRASH_SEED, default 20261122). After each kill:
# PRAGMA integrity_check is ok, every stored document has exactly the sentences a fresh ingest
# of its file stores (only whole documents), and re-running the ingest completes the set with
# nothing stored twice. Two trials run at a time.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../shared_data.sh"
shared_need data/panl-int-dev/id.txt
cd "$T" || exit 1
trials=${CRASH_TRIALS:-20}
seed=${CRASH_SEED:-20261122}
dev=$SHARED/data/panl-int-dev/id.txt
mkdir docs
awk '{ f = sprintf("docs/doc%03d.txt", int((NR - 1) * 300 / 3320)); print > f }' "$dev"
ls "$T"/docs/*.txt >list
n_docs=$(wc -l <list)

# The reference: an uninterrupted ingest, and how long it takes (kills fall within that time).
start=$(date +%s.%N)
"$SELARAS" ingest -q --db ref.sqlite --files-from list || { not_ok "reference ingest failed"; finish; }
end=$(date +%s.%N)
duration=$(echo "$start $end" | awk '{ printf "%.2f", $2 - $1 }')
sql ref.sqlite "SELECT d.path, count(s.id) FROM document d LEFT JOIN sentence s ON s.document_id = d.id
                GROUP BY d.id" | LC_ALL=C sort >ref.counts
ref_sentences=$(sql ref.sqlite "SELECT count(*) FROM sentence")
[ "$(wc -l <ref.counts)" = "$n_docs" ] && ok "reference ingest: $n_docs documents, $ref_sentences sentences in ${duration}s" ||
    not_ok "reference ingest stored $(wc -l <ref.counts) of $n_docs documents"

# trial K: kill an ingest after a seeded random delay, check, re-run, check. Writes trial-K.result.
trial() {
    k=$1 db=$T/trial-$1.sqlite
    delay=$(awk -v s="$seed" -v k="$k" -v d="$duration" 'BEGIN { srand(s + k); printf "%.3f", 0.05 + rand() * d }')
    "$SELARAS" ingest -q --db "$db" --files-from list 2>/dev/null &
    pid=$!
    sleep "$delay"
    kill -KILL $pid 2>/dev/null
    wait $pid 2>/dev/null
    msg="trial $k: killed after ${delay}s"
    if [ ! -f "$db" ]; then
        stored=0
    else
        integrity=$(sql "$db" "PRAGMA integrity_check" 2>&1)
        [ "$integrity" = ok ] || { echo "not ok - $msg: integrity_check: $integrity" >"trial-$k.result"; return; }
        sql "$db" "SELECT d.path, count(s.id) FROM document d LEFT JOIN sentence s ON s.document_id = d.id
                   GROUP BY d.id" >"trial-$k.counts"
        stored=$(wc -l <"trial-$k.counts")
        # Every stored document must appear in the reference with the same sentence count.
        partial=$(LC_ALL=C sort "trial-$k.counts" | LC_ALL=C comm -23 - ref.counts | head -n 3)
        [ -z "$partial" ] || { echo "not ok - $msg: partial documents: $partial" >"trial-$k.result"; return; }
    fi
    "$SELARAS" ingest -q --db "$db" --files-from list 2>"trial-$k.err" ||
        { echo "not ok - $msg: re-run failed: $(head -c 300 "trial-$k.err")" >"trial-$k.result"; return; }
    after=$(sql "$db" "SELECT count(*), count(DISTINCT path), (SELECT count(*) FROM sentence) FROM document")
    want=$(printf '%s\t%s\t%s' "$n_docs" "$n_docs" "$ref_sentences")
    [ "$after" = "$want" ] ||
        { echo "not ok - $msg: after re-run: documents, paths, sentences = $after, expected $want" >"trial-$k.result"; return; }
    echo "ok - $msg: $stored whole documents stored, integrity ok; the re-run completed the set" >"trial-$k.result"
    rm -f "$db" "$db-wal" "$db-shm"
}

k=1
while [ $k -le "$trials" ]; do
    trial $k &
    [ $((k + 1)) -le "$trials" ] && trial $((k + 1)) &
    wait
    k=$((k + 2))
done
k=1
while [ $k -le "$trials" ]; do
    if [ -f "trial-$k.result" ]; then
        cat "trial-$k.result"
        grep -q '^not ok' "trial-$k.result" && failures=$((failures + 1))
    else
        not_ok "trial $k: no result"
    fi
    k=$((k + 1))
done
finish
