#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs one CLI case: tests/data/cli/NAME.cmd holds the arguments (shell words; $DATA is the test
# data folder), NAME.status the expected exit status, NAME.out the exact expected stdout and,
# if present, NAME.err the exact expected stderr and NAME.in the standard input.
set -u
name=$1
dir=$SEL_TEST_DATA/cli
DATA=$SEL_TEST_DATA
export DATA
args=$(cat "$dir/$name.cmd")
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
input=/dev/null
[ -f "$dir/$name.in" ] && input=$dir/$name.in
cd "$SEL_TEST_DATA" || exit 1
eval "set -- $args"
"$SELARAS" "$@" <"$input" >"$out" 2>"$err"
status=$?
fail=0
want=$(cat "$dir/$name.status")
if [ "$status" != "$want" ]; then
    echo "$name: exit status $status, expected $want"; fail=1
fi
if ! diff -u "$dir/$name.out" "$out"; then
    echo "$name: stdout differs"; fail=1
fi
if [ -f "$dir/$name.err" ] && ! diff -u "$dir/$name.err" "$err"; then
    echo "$name: stderr differs"; fail=1
fi
[ $fail = 0 ] || { echo "--- stderr was:"; cat "$err"; }
exit $fail
