#!/bin/sh
# SPDX-License-Identifier: MIT
# Round trip: export tbx -> import into a fresh database -> export gives the same document, for
# TBX v2 and v3, for the bundled termbase and for user entries full of special characters; and
# a v3 file imported then exported as v2 gives the v2 export.
. "$(dirname "$0")/lib.sh"
cd "$DATA" || exit 1

# The bundled termbase, no database at all.
SELARAS_DB=$tmp/none.db "$SELARAS" export glossary --format tbx --source lexicon -o "$tmp/a.tbx" || fail "export tbx"
SELARAS_DB=$tmp/none.db "$SELARAS" export glossary --format tbx3 --source lexicon -o "$tmp/a.tbx3" || fail "export tbx3"
for v in tbx tbx3; do
    selaras lexicon import --format tbx "$tmp/a.$v" --db "$tmp/rt-$v.db"
    expect_status 0 "import of the $v export"
    selaras export glossary --format $v --source lexicon --db "$tmp/rt-$v.db" -o "$tmp/b.$v"
    expect_status 0 "export after importing $v"
    cmp -s "$tmp/a.$v" "$tmp/b.$v" || { fail "$v round trip differs"; diff "$tmp/a.$v" "$tmp/b.$v" | head -20; }
done
selaras export glossary --format tbx --source lexicon --db "$tmp/rt-tbx3.db" -o "$tmp/c.tbx"
cmp -s "$tmp/a.tbx" "$tmp/c.tbx" || fail "v3 imported, v2 exported: differs from the v2 export"
# every concept came back as a user entry (so the export above really is the imported copy)
bundled=$(cat "$SEL_SOURCE_ROOT"/lexicon/data/*.terms | grep -c '^concept:')
ok "all concepts imported" $PY "$HERE/check_import.py" count "$tmp/rt-tbx.db" "$bundled"

# User entries with special characters: their own concepts, exported, imported, exported.
selaras lexicon import --format tbx mini.tbx mini3.tbx --db "$tmp/u1.db"
selaras lexicon import --format csv user.csv --db "$tmp/u1.db"
for v in tbx tbx3; do
    selaras export glossary --format $v --source lexicon --db "$tmp/u1.db" -o "$tmp/u1.$v"
    selaras lexicon import --format tbx "$tmp/u1.$v" --db "$tmp/u2-$v.db"
    expect_status 0 "import of the user $v export"
    selaras export glossary --format $v --source lexicon --db "$tmp/u2-$v.db" -o "$tmp/u2.$v"
    cmp -s "$tmp/u1.$v" "$tmp/u2.$v" || { fail "user $v round trip differs"; diff "$tmp/u1.$v" "$tmp/u2.$v" | head -20; }
done
finish
