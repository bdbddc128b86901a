#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs every libFuzzer target of a -Dfuzzing=true build for SECONDS each (two at a time), starting
# from our seed corpus (tests/fuzz/corpus/<target>/, never written to: new inputs go to a scratch
# folder). Fails on a crash, a leak, a timeout or any sanitizer report; prints executions per
# second per target. BUILD_DIR is configured with -Dfuzzing=true; the targets are compiled here.
# Usage: run_fuzzers.sh BUILD_DIR [SECONDS] [TARGET...]
set -u
build=${1:?usage: run_fuzzers.sh BUILD_DIR [SECONDS] [TARGET...]}
secs=${2:-60}
[ $# -ge 2 ] && shift 2 || shift $#
here=$(cd "$(dirname "$0")" && pwd)
targets=${*:-segment analyze tokens tag termbase align import_tbx import_csv import_tmx import_dictd tmx_load import_xliff import_tsv lang_tag}
# Only what the fuzzers need: the targets and the termbase keys (fuzz_tag starts in a second with
# them, in minutes without).
# shellcheck disable=SC2046,SC2086 # the target list is split on purpose
# A failed build shows its errors (ninja prints them on standard output).
if ! built=$(meson compile -C "$build" $(printf 'fuzz_%s ' $targets) termbase-keys 2>&1); then
    printf '%s\n' "$built" | tail -n 40
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_one() {
    name=$1
    mkdir -p "$work/$name"
    (cd "$work" && "$build/tests/fuzz/fuzz_$name" -max_total_time="$secs" -timeout=30 -rss_limit_mb=2560 \
        -print_final_stats=1 "$work/$name" "$here/corpus/$name" >"$work/$name.log" 2>&1)
    echo $? >"$work/$name.rc"
}
# shellcheck disable=SC2086
set -- $targets
while [ $# -gt 0 ]; do
    run_one "$1" &
    if [ $# -gt 1 ]; then run_one "$2" & fi
    wait
    shift; [ $# -gt 0 ] && shift
done
failed=0
for name in $targets; do
    rc=$(cat "$work/$name.rc")
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name.log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$name.log" | tail -n 1)
    cov=$(grep -o 'cov: [0-9]*' "$work/$name.log" | tail -1)
    printf 'fuzz_%-11s %s  %s runs in %ss, %s exec/s, %s\n' "$name" "$([ "$rc" = 0 ] && echo ok || echo FAILED)" \
        "${runs:-?}" "$secs" "${rate:-?}" "${cov:-cov: ?}"
    if [ "$rc" != 0 ]; then
        failed=1
        tail -n 60 "$work/$name.log"
        for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
            [ -f "$f" ] && { echo "reproducer $(basename "$f") (base64):"; base64 "$f" | head -c 4000; echo; }
        done
    fi
done
exit $failed
