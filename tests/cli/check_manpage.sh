#!/bin/sh
# SPDX-License-Identifier: MIT
# Fails when the synopsis of `selaras --help` or a synopsis line of `selaras CMD --help` is missing from the man page (in roff,
# with the escapes removed), so the page cannot drift from usage() unnoticed.
set -u
man=$1
plain=$(sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\\\/\\/g' -e 's/\\&//g' "$man")
fail=0
main=$("$SELARAS" --help | sed -n 's/^Usage: \(selaras .*\)/\1/p')
if ! printf '%s\n' "$plain" | grep -qF -- "$main"; then
    echo "docs/selaras.1 lacks the synopsis: $main"
    fail=1
fi
for cmd in $("$SELARAS" --help | sed -n 's/^  \([a-z]*\)  .*/\1/p'); do
    "$SELARAS" "$cmd" --help | sed -n 's/^\(Usage: \|       \)\(selaras .*\)/\2/p' |
    while IFS= read -r line; do
        if ! printf '%s\n' "$plain" | grep -qF -- "$line"; then
            echo "docs/selaras.1 lacks the synopsis: $line"
            exit 1
        fi
    done || fail=1
done
exit $fail
