#!/bin/sh
# SPDX-License-Identifier: MIT
# `segment`, `analyze` and `tag` with --jobs 2 and 3 print byte for byte what --jobs 1 prints, on
# the quick-start corpus (24 files) with an empty file and a file of boilerplate alone among
# them (segment's blank line between files), and stop at a missing file in the middle with the
# same output before it, the same message and exit status. The outputs themselves are checked
# by the gold cases (tests/data/cli); here, that the workers change nothing.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
corpus=$SEL_SOURCE_ROOT/corpus
: >"$tmp/empty.txt"
printf 'Baca juga: Pasukan TNI tiba\n' >"$tmp/furniture.txt"
set -- "$corpus"/0[1-4]*.txt "$tmp/empty.txt" "$corpus"/0[5-9]*.txt "$tmp/furniture.txt" "$corpus"/1*.txt

# same NAME COMMAND...: the command with --jobs 1, 2 and 3 (after the command's name)
same() {
    name=$1
    shift
    cmd=$1
    shift
    for j in 1 2 3; do
        "$SELARAS" "$cmd" --jobs $j "$@" >"$tmp/out$j" 2>"$tmp/err$j"
        echo "exit $?" >>"$tmp/err$j"
    done
    [ -s "$tmp/out1" ] || fail "$name: printed nothing"
    for j in 2 3; do
        cmp -s "$tmp/out1" "$tmp/out$j" || fail "$name: --jobs $j prints otherwise"
        cmp -s "$tmp/err1" "$tmp/err$j" || fail "$name: --jobs $j reports otherwise: $(head -1 "$tmp/err$j")"
    done
}

same "segment" segment "$@"
grep -q '^$' "$tmp/out1" || fail "segment: no blank line between files"
same "segment --format jsonl" segment --format jsonl "$@"
same "segment --drop-boilerplate" segment --drop-boilerplate "$@"
same "analyze" analyze "$@"
same "tag" tag "$@"
same "tag --format jsonl --lines" tag --format jsonl --lines "$@"
same "tag --include-boilerplate" tag --include-boilerplate "$@"

# A missing file in the middle: the files before it printed, then the message, exit 2.
set -- "$corpus"/0[1-6]*.txt "$tmp/no-such-file.txt" "$corpus"/0[7-9]*.txt
for cmd in segment analyze tag; do
    same "$cmd with a missing file" $cmd "$@"
    [ "$(cat "$tmp/err1")" = "selaras: $tmp/no-such-file.txt: cannot open: No such file or directory
exit 2" ] || fail "$cmd with a missing file: $(cat "$tmp/err1")"
    "$SELARAS" $cmd --jobs 1 "$corpus"/0[1-6]*.txt >"$tmp/before"
    cmp -s "$tmp/before" "$tmp/out1" || fail "$cmd with a missing file: the output before it differs"
done

[ "$failures" = 0 ] && echo "ok" || exit 1
