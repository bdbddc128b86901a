#!/bin/sh
# SPDX-License-Identifier: MIT
# TBX import (and TMX import, below) refuses what could read outside the file or blow up: an
# external entity, a parameter entity fetching a remote DTD, an entity-expansion bomb, and it never
# loads an external DTD (evil.dtd would define &evil; if it were loaded). Each one fails as a whole.
. "$(dirname "$0")/lib.sh"
cd "$DATA" || exit 1
db=$tmp/safe.db

selaras lexicon import --format tbx xxe.tbx --db "$db"
expect_status 2 "external entity"
same_text "selaras: xxe.tbx:3:48: external entity declaration refused: secret" "$(cat "$tmp/err")" "external entity message"
grep -q "$(cat /etc/hostname 2>/dev/null || echo no-hostname-file)" "$tmp/out" && fail "the external entity was read"

selaras lexicon import --format tbx param.tbx --db "$db"
expect_status 2 "parameter entity"
same_text "selaras: param.tbx:3:61: external entity declaration refused: remote" "$(cat "$tmp/err")" "parameter entity message"

# The bomb would expand to 89 * 30^6 bytes (65 GB); it is refused at its first declaration.
start=$(date +%s)
selaras lexicon import --format tbx bomb.tbx --db "$db"
expect_status 2 "entity bomb"
same_text "selaras: bomb.tbx:3:105: entity declaration refused: a" "$(cat "$tmp/err")" "entity bomb message"
[ $(( $(date +%s) - start )) -le 5 ] || fail "the bomb took more than 5 s"

selaras lexicon import --format tbx extdtd.tbx --db "$db"
expect_status 2 "entity from an external DTD"
same_text "selaras: extdtd.tbx:6: entity reference &evil; refused (no DTD is loaded)" "$(cat "$tmp/err")" "external DTD message"

# Nothing of any of them reached a database: none was even created.
ok "nothing stored" test ! -e "$db"
"$SELARAS" export glossary --format tsv --db "$db" | grep -q "EXTERNAL-DTD-WAS-LOADED" && fail "the external DTD was loaded"

# TMX import (`selaras ingest` of a translation memory) reads with the same parser: the same four
# attacks are refused there, and no document reaches the database.
tdb=$tmp/tmx.db
selaras ingest xxe.tmx --db "$tdb"
expect_status 2 "TMX: external entity"
same_text "selaras: xxe.tmx:3:48: external entity declaration refused: secret" "$(head -1 "$tmp/err")" "TMX external entity message"
selaras ingest param.tmx --db "$tdb"
expect_status 2 "TMX: parameter entity"
same_text "selaras: param.tmx:3:61: external entity declaration refused: remote" "$(head -1 "$tmp/err")" "TMX parameter entity message"
start=$(date +%s)
selaras ingest bomb.tmx --db "$tdb"
expect_status 2 "TMX: entity bomb"
same_text "selaras: bomb.tmx:3:105: entity declaration refused: a" "$(head -1 "$tmp/err")" "TMX entity bomb message"
[ $(( $(date +%s) - start )) -le 5 ] || fail "the TMX bomb took more than 5 s"
selaras ingest extdtd.tmx --db "$tdb"
expect_status 2 "TMX: entity from an external DTD"
same_text "selaras: extdtd.tmx:8: entity reference &evil; refused (no DTD is loaded)" "$(head -1 "$tmp/err")" "TMX external DTD message"
# every ingest failed before storing anything: no database is left behind (src/store, sel_store_close())
[ ! -e "$tdb" ] || fail "TMX: a database was left behind by ingests that all failed"
"$SELARAS" export parallel --format tsv --db "$tdb" 2>/dev/null | grep -q "EXTERNAL-DTD-WAS-LOADED" && fail "TMX: the external DTD was loaded"

# A DOCTYPE naming a DTD that does not exist is fine: it is never opened (mini.tbx).
selaras lexicon import --format tbx mini.tbx --db "$db"
expect_status 0 "a DOCTYPE with a DTD that is not there"
finish
