#!/bin/sh
# SPDX-License-Identifier: MIT
# export glossary in every format, checked by independent consumers: xmllint against the shared
# TBX schemas, translate-toolkit's TBX reader, Python's csv and json. Expected values are in
# check_glossary.py, written by hand from make_db.c and the termbase sources.
. "$(dirname "$0")/lib.sh"
"$MAKE_DB" "$tmp/t.db" || exit 1
bundled=$(cat "$SEL_SOURCE_ROOT"/lexicon/data/*.terms | grep -c '^concept:')
security=$(grep -c '^concept:' "$SEL_SOURCE_ROOT/lexicon/data/security.terms")

for f in tbx tbx3 csv tsv json; do
    selaras export glossary --format $f --db "$tmp/t.db" -o "$tmp/g.$f"
    expect_status 0 "export glossary --format $f"
done
shared_has schemas/tbx-v2-basic/TBXBasicRNGV02.rng &&
    ok "TBX v2 against the TBX-Basic RNG" xmllint --noout --relaxng "$S/tbx-v2-basic/TBXBasicRNGV02.rng" "$tmp/g.tbx"
shared_has schemas/tbx-v2-basic/TBXBasiccoreStructV02.dtd &&
    ok "TBX v2 against the TBX-Basic DTD" xmllint --noout --dtdvalid "$S/tbx-v2-basic/TBXBasiccoreStructV02.dtd" "$tmp/g.tbx"
shared_has schemas/tbx-v3/TBXcoreStructV03.rng &&
    ok "TBX v3 against the core RNG" xmllint --noout --relaxng "$S/tbx-v3/TBXcoreStructV03.rng" "$tmp/g.tbx3"
shared_has schemas/tbx-basic-v3/TBXcoreStructV03_TBX-Basic_integrated.rng &&
    ok "TBX v3 against the integrated TBX-Basic RNG" \
    xmllint --noout --relaxng "$S/tbx-basic-v3/TBXcoreStructV03_TBX-Basic_integrated.rng" "$tmp/g.tbx3"
ok "JSON parses with json.tool" $PY -m json.tool "$tmp/g.json"
ok "glossary contents" $PY "$HERE/check_glossary.py" all "$tmp" $((bundled + 1))

# The corpus glossary and the filters (counts by hand: make_db.c stores two occurrences of
# af.troops, one of cf.ceasefire and one of dip.delegation; the first two are confirmed).
selaras export glossary --format json --source corpus --db "$tmp/t.db" -o "$tmp/corpus.json"
expect_status 0 "--source corpus"
ok "corpus glossary" $PY "$HERE/check_glossary.py" corpus "$tmp/corpus.json" "af.troops=2 cf.ceasefire=1 dip.delegation=1"
selaras export glossary --format json --source corpus --min-count 2 --db "$tmp/t.db" -o "$tmp/min2.json"
ok "--min-count 2" $PY "$HERE/check_glossary.py" corpus "$tmp/min2.json" "af.troops=2"
selaras export glossary --format json --source corpus --confirmed-only --db "$tmp/t.db" -o "$tmp/conf.json"
ok "--confirmed-only" $PY "$HERE/check_glossary.py" corpus "$tmp/conf.json" "af.troops=2 cf.ceasefire=1"
selaras export glossary --format csv --subject security --db "$tmp/t.db" -o "$tmp/sec.csv"
ok "--subject security" $PY "$HERE/check_glossary.py" rows "$tmp/sec.csv" $((security + 1))

# No database at all: the lexicon is exported all the same; a corpus glossary cannot be.
SELARAS_DB=$tmp/none/selaras.db "$SELARAS" export glossary --format tbx --source lexicon -o "$tmp/lex.tbx" 2>"$tmp/err"
[ $? = 0 ] || { fail "--source lexicon without a database"; cat "$tmp/err"; }
[ -e "$tmp/none/selaras.db" ] && fail "export created a database"
shared_has schemas/tbx-v2-basic/TBXBasicRNGV02.rng &&
    ok "lexicon TBX v2 against the RNG" xmllint --noout --relaxng "$S/tbx-v2-basic/TBXBasicRNGV02.rng" "$tmp/lex.tbx"
ok "lexicon TBX in translate-toolkit" $PY "$HERE/check_glossary.py" units "$tmp/lex.tbx" "$bundled"
SELARAS_DB=$tmp/none/selaras.db "$SELARAS" export glossary --format csv --source corpus >/dev/null 2>"$tmp/err"
[ $? = 2 ] || fail "--source corpus without a database should exit 2"
grep -q "no database here" "$tmp/err" || { fail "--source corpus without a database: message"; cat "$tmp/err"; }

selaras export glossary --format docx --db "$tmp/t.db"
expect_status 2 "unknown format"
selaras export glossary --format csv --dedup --db "$tmp/t.db"
expect_status 2 "a parallel option on glossary"
finish
