#!/bin/sh
# SPDX-License-Identifier: MIT
# A 200 MB file with no newline at all (docs/robustness.md), generated here and deleted on exit:
# one 200 MB "word", and 200 MB of sentences on one line. segment, analyze and tag read input in
# pieces and cut a line longer than 64 MB (saying so), so their memory stays bounded; so does
# ingest, which stores the pieces as sentences of one paragraph, no byte lost. Each finishes with exit 0; figures for time and memory are in
# docs/robustness.md.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 1
size=200000000
seconds() { date +%s.%N; }
took() { echo "$1 $(seconds)" | awk '{ printf "%.1fs", $2 - $1 }'; }

head -c $size /dev/zero | tr '\0' a >token.txt
[ "$(wc -c <token.txt)" = $size ] || { not_ok "could not write a 200 MB file in $T"; finish; }
t0=$(seconds)
run segment token.txt
expect 0 "token.txt:1: a line of more than 67108864 bytes; cut at byte offset 67108864" \
    "segment: a 200 MB word with no newline, cut in pieces of 64 MB ($(took "$t0"))"
[ "$(wc -l <"$T/out") $(wc -c <"$T/out")" = "3 $((size + 3))" ] && ok "segment: three pieces, no byte lost" ||
    not_ok "segment: expected three lines holding $size bytes"
t0=$(seconds)
run analyze token.txt
expect 0 "" "analyze: a 200 MB word ($(took "$t0"))"
[ "$(wc -l <"$T/out")" = 6 ] && ok "analyze: one token a piece" || not_ok "analyze: expected three tokens, each with a blank line"
t0=$(seconds)
run tag token.txt
expect 0 "" "tag: a 200 MB word ($(took "$t0"))"
t0=$(seconds)
run ingest --db big.sqlite token.txt
expect 0 "stored as document 1: 3 sentences" "ingest: a 200 MB word, streamed ($(took "$t0"))"
[ "$(sql big.sqlite "SELECT count(*), sum(length(text)) FROM sentence")" = "$(printf '3\t%s' $size)" ] &&
    ok "ingest: the database holds the 200 MB word in three pieces" || not_ok "ingest: bytes lost"
[ "$(sql big.sqlite "SELECT number, start, end FROM paragraph")" = "$(printf '1\t0\t%s' $size)" ] &&
    ok "ingest: one paragraph, the whole line" || not_ok "ingest: the line is not one paragraph"
rm -f token.txt big.sqlite big.sqlite-wal big.sqlite-shm "$T/out"

sentence='Pasukan TNI tiba di Jakarta pada Senin pagi. '   # 45 bytes
python3 -c "import sys; s = sys.argv[1].encode(); n = $size // len(s) + 1; sys.stdout.buffer.write((s * n)[:$size])" \
    "$sentence" >sentences.txt
t0=$(seconds)
run segment sentences.txt
expect 0 "" "segment: 200 MB of sentences on one line ($(took "$t0"))"
[ "$(wc -l <"$T/out")" = 4444445 ] && ok "segment: 4,444,445 sentences" ||
    not_ok "segment: $(wc -l <"$T/out") sentences, expected 4444445"
rm -f sentences.txt "$T/out"
finish
