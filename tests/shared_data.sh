# SPDX-License-Identifier: MIT
# "The shared file X, or skip", for the shell tests (sourced; tests/shared_data.h is the same
# rule for the C tests). The shared data lies beside the project root (../shared, passed as
# $SEL_SHARED). A clone without it still passes its suite: a test whose file is missing is
# skipped (exit 77, which meson counts as skipped) with a message naming the file. With $CI set
# a missing file fails the test, so CI can never pass by skipping.

SHARED=${SEL_SHARED:-../shared}
case $SHARED in /*) ;; *) SHARED=$PWD/$SHARED ;; esac # tests change folder
shared_skipped=0

# shared_has REL: true if the shared file REL can be read. When it cannot: under CI the test
# fails here (exit 1); otherwise says so, counts it in $shared_skipped and returns false, so the
# caller can leave out what needs it and run the rest.
shared_has() {
    [ -r "$SHARED/$1" ] && return 0
    if [ -n "${CI:-}" ]; then
        echo "FAIL: shared file $SHARED/$1 is missing (CI is set, so the shared data is required)" >&2
        exit 1
    fi
    echo "SKIP: needs the shared file $SHARED/$1, which is missing (no ../shared beside the project)"
    shared_skipped=$((shared_skipped + 1))
    return 1
}

# shared_need REL...: each shared file REL, or the whole test is skipped here (exit 77).
shared_need() {
    for rel in "$@"; do
        shared_has "$rel" || exit 77
    done
}

# shared_exit FAILURES: the test's exit status: 1 with failures, else 77 if a check was left out
# for a missing shared file, else 0.
shared_exit() {
    [ "$1" -gt 0 ] && exit 1
    [ "$shared_skipped" -gt 0 ] && exit 77
    exit 0
}
