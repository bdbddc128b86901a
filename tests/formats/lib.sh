# SPDX-License-Identifier: MIT
# Shared by the export test scripts: a scratch folder, the test database, and checks that
# report every failure and set the exit status. Python is Debian's /usr/bin/python3, the one
# translate-toolkit is installed for.
set -u
MAKE_DB=$1
PY=/usr/bin/python3
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=$SEL_TEST_DATA/export
. "$HERE/../shared_data.sh"
S=$SHARED/schemas
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# ok DESCRIPTION COMMAND...: runs the command, a failure if it exits non-zero
ok() {
    what=$1
    shift
    "$@" >"$tmp/ok.out" 2>&1 || { fail "$what"; cat "$tmp/ok.out"; }
}

# selaras ARGS...: runs the binary with stdout and stderr in $tmp/out and $tmp/err, status in $status
selaras() {
    "$SELARAS" "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
}

# expect_status N DESCRIPTION
expect_status() {
    [ "$status" = "$1" ] || { fail "$2: exit status $status, expected $1"; cat "$tmp/err"; }
}

# same_text EXPECTED ACTUAL DESCRIPTION
same_text() {
    [ "$1" = "$2" ] || { fail "$3"; printf 'expected: %s\n     got: %s\n' "$1" "$2"; }
}

# The exit status: 1 with failures; 77 (skipped) when checks that need ../shared were left out.
finish() {
    [ "$failures" = 0 ] && [ "$shared_skipped" = 0 ] && echo "all checks passed"
    shared_exit "$failures"
}
