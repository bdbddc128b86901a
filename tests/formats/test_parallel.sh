#!/bin/sh
# SPDX-License-Identifier: MIT
# export parallel in every format from the database make_db.c builds (9 beads), checked with
# xmllint against the TMX 1.4b DTD, translate-toolkit's TMX reader, and Python's json; then the
# cleaning filters, whose counts are worked out by hand from make_db.c, and the term factors.
. "$(dirname "$0")/lib.sh"
"$MAKE_DB" "$tmp/t.db" || exit 1
all_kept="selaras export: 9 pairs read; removed: 0 boilerplate, 0 0-sided, 0 below score, 0 length ratio, 0 duplicate; 9 written"

for f in tmx tsv jsonl; do
    selaras export parallel --format $f --db "$tmp/t.db" -o "$tmp/p.$f"
    expect_status 0 "export parallel --format $f"
    same_text "$all_kept" "$(cat "$tmp/err")" "$f: the report on stderr"
done
selaras export parallel --format moses --db "$tmp/t.db" -o "$tmp/p"
expect_status 0 "export parallel --format moses"
shared_has schemas/tmx/tmx14.dtd &&
    ok "TMX against the TMX 1.4b DTD" xmllint --noout --dtdvalid "$S/tmx/tmx14.dtd" "$tmp/p.tmx"
ok "JSONL parses with json.tool" $PY -m json.tool --json-lines "$tmp/p.jsonl"
ok "parallel contents" $PY "$HERE/check_parallel.py" all "$tmp" 9

# standard output works too, and is the same document
selaras export parallel --format tmx --db "$tmp/t.db"
cmp -s "$tmp/out" "$tmp/p.tmx" || fail "TMX on standard output differs from -o"

# Cleaning: beads 5 and 9 are 0-sided, 3 is boilerplate, 8 scores 0.2, 7 has a length ratio of
# 84/3 characters, 6 repeats bead 1; beads 1, 2 and 4 remain.
selaras export parallel --format tmx --db "$tmp/t.db" -o "$tmp/clean.tmx" \
    --drop-empty --drop-boilerplate --min-score 0.5 --max-ratio 3 --dedup
expect_status 0 "cleaning"
same_text "selaras export: 9 pairs read; removed: 1 boilerplate, 2 0-sided, 1 below score, 1 length ratio, 1 duplicate; 3 written" \
    "$(cat "$tmp/err")" "cleaning report"
shared_has schemas/tmx/tmx14.dtd &&
    ok "cleaned TMX against the DTD" xmllint --noout --dtdvalid "$S/tmx/tmx14.dtd" "$tmp/clean.tmx"
ok "cleaned TMX contents" $PY "$HERE/check_parallel.py" clean "$tmp/clean.tmx"
selaras export parallel --format tsv --db "$tmp/t.db" --dedup
same_text "selaras export: 9 pairs read; removed: 0 boilerplate, 0 0-sided, 0 below score, 0 length ratio, 1 duplicate; 8 written" \
    "$(cat "$tmp/err")" "--dedup alone"
selaras export parallel --format tsv --db "$tmp/t.db" --min-score 0.9
same_text "selaras export: 9 pairs read; removed: 0 boilerplate, 0 0-sided, 6 below score, 0 length ratio, 0 duplicate; 3 written" \
    "$(cat "$tmp/err")" "--min-score 0.9 alone"

# Term factors (Dinu et al. 2019): the confirmed equivalent follows the term.
selaras export parallel --format moses --term-factors --db "$tmp/t.db" -o "$tmp/f"
expect_status 0 "--term-factors"
same_text 'Pasukan|1 troops|2 TNI|0 &|0 Polri|0 berjaga|0 di|0 <perbatasan>.|0' "$(sed -n 1p "$tmp/f.id")" "factors, bead 1"
same_text 'Menteri|0 berkata:|0 "Gencatan|1 senjata|1 ceasefire|2 berlaku."|0' "$(sed -n 2p "$tmp/f.id")" "factors, bead 2"
same_text 'Pasukan|0 TNI|0 &|0 Polri|0 berjaga|0 di|0 <perbatasan>.|0' "$(sed -n 6p "$tmp/f.id")" "factors, unconfirmed term"
cmp -s "$tmp/f.en" "$tmp/p.en" || fail "--term-factors changed the target side"

# Misuse
selaras export parallel --format moses --db "$tmp/t.db"
expect_status 2 "moses without -o"
selaras export parallel --format tmx --term-factors --db "$tmp/t.db"
expect_status 2 "tmx with --term-factors"
selaras export parallel --format tsv --min-score x --db "$tmp/t.db"
expect_status 2 "bad --min-score"
selaras export parallel --format tsv --db "$tmp/missing.db"
expect_status 2 "no database"
finish
