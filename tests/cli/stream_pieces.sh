#!/bin/sh
# SPDX-License-Identifier: MIT
# Input is read in pieces of whole lines (so memory stays flat on any size of file): the pieces
# must change nothing. segment, tag and analyze give byte-identical output with pieces of a few
# hundred bytes (SELARAS_PIECE_BYTES) and with the default (one piece for these files), on our
# corpus (with a BOM and CR LF line ends added) and, where ../shared is there, the seeds and dev data.
. "$(dirname "$0")/../shared_data.sh"
. "$(dirname "$0")/piece_inputs.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0
piece_inputs "$dir" 600
for f in $inputs; do
    for cmd in "segment --format jsonl" "segment" "tag" "tag --format jsonl" "tag --lines" "analyze"; do
        # shellcheck disable=SC2086
        "$SELARAS" $cmd "$f" >"$dir/whole" 2>&1
        # shellcheck disable=SC2086
        SELARAS_PIECE_BYTES=300 "$SELARAS" $cmd "$f" >"$dir/pieces" 2>&1
        if [ -s "$dir/whole" ] && cmp -s "$dir/whole" "$dir/pieces"; then
            echo "ok - $cmd $(basename "$f"): same output in pieces ($(wc -l <"$dir/whole") lines)"
        else
            echo "not ok - $cmd $(basename "$f"): output differs in pieces"
            diff "$dir/whole" "$dir/pieces" | head -5
            fails=$((fails + 1))
        fi
    done
done
# the pieces are real: a line longer than 16 pieces is cut, and says so
awk 'BEGIN { for (i = 0; i < 1500; i++) printf "kata "; print "" }' >"$dir/long.txt"
SELARAS_PIECE_BYTES=300 "$SELARAS" segment "$dir/long.txt" 2>"$dir/err" >/dev/null
if grep -q "long.txt:1: a line of more than 4800 bytes; cut at byte offset 4800" "$dir/err"; then
    echo "ok - SELARAS_PIECE_BYTES makes pieces"
else
    echo "not ok - no piece was cut:"; cat "$dir/err"; fails=$((fails + 1))
fi
# a line cut between pieces is cut after a sentence end: segment's sentences, paragraphs and
# offsets are those of the whole line
awk 'BEGIN { for (i = 0; i < 150; i++) printf "Pasukan TNI tiba di Jakarta pada Senin pagi. "; print "" }' >"$dir/one-line.txt"
for cmd in "segment" "segment --format jsonl"; do
    # shellcheck disable=SC2086
    "$SELARAS" $cmd "$dir/one-line.txt" >"$dir/whole"
    # shellcheck disable=SC2086
    SELARAS_PIECE_BYTES=300 "$SELARAS" $cmd "$dir/one-line.txt" >"$dir/pieces" 2>/dev/null
    if [ "$(wc -l <"$dir/whole")" -ge 150 ] && cmp -s "$dir/whole" "$dir/pieces"; then
        echo "ok - $cmd: a line cut between pieces gives the same sentences"
    else
        echo "not ok - $cmd: a line cut between pieces changed the output"; diff "$dir/whole" "$dir/pieces" | head -5
        fails=$((fails + 1))
    fi
done
exit $((fails > 0))
