# SPDX-License-Identifier: MIT
# Shared by the robustness tests (sourced): a scratch folder removed on exit, running selaras with
# its output captured, expectations that count failures, and database checks through Python's
# sqlite3 module (python3 is a test dependency already; no sqlite3 command-line tool needed).
set -u
: "${SELARAS:?SELARAS must name the selaras binary}"
: "${SEL_SOURCE_ROOT:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/selaras-robust.XXXXXX")
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
failures=0

ok() { echo "ok - $*"; }
not_ok() {
    echo "not ok - $*"
    failures=$((failures + 1))
}

# run ARGS...: runs selaras, stdout to $T/out, stderr to $T/err, status in $rc.
run() {
    "$SELARAS" "$@" <"${STDIN:-/dev/null}" >"$T/out" 2>"$T/err"
    rc=$?
}

# expect STATUS STDERR_TEXT DESCRIPTION: checks the last run (STDERR_TEXT may be empty).
expect() {
    if [ "$rc" != "$1" ]; then
        not_ok "$3: exit status $rc, expected $1"
        sed 's/^/#   stderr: /' "$T/err" | head -n 5
    elif [ -n "$2" ] && ! grep -qF -- "$2" "$T/err"; then
        not_ok "$3: stderr lacks \"$2\""
        sed 's/^/#   stderr: /' "$T/err" | head -n 5
    else
        ok "$3"
    fi
}

# db_state DB: "integrity documents sentences digest-of-the-whole-dump", or "missing".
db_state() {
    [ -f "$1" ] || { echo missing; return; }
    python3 - "$1" <<'PY'
import hashlib, sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=60)
ok = c.execute('PRAGMA integrity_check').fetchone()[0]
docs = c.execute('SELECT count(*) FROM document').fetchone()[0]
sents = c.execute('SELECT count(*) FROM sentence').fetchone()[0]
print(ok, docs, sents, hashlib.md5('\n'.join(c.iterdump()).encode()).hexdigest())
PY
}

# sql DB QUERY: prints the rows, tab-separated.
sql() {
    python3 - "$1" "$2" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=60)
for row in c.execute(sys.argv[2]):
    print('\t'.join('' if v is None else str(v) for v in row))
PY
}

finish() {
    if [ "$failures" -ne 0 ]; then
        echo "# $failures failed"
        exit 1
    fi
    exit 0
}
