#!/bin/sh
# SPDX-License-Identifier: MIT
# selaras term: every action on a fresh database, and a user term found in inflected and clitic
# forms by tag, ingest and lookup. The expected lines are written by hand.
set -u
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db=$dir/user.db
fails=0
check() { # WHAT EXPECTED ACTUAL
    if [ "$2" = "$3" ]; then echo "ok - $1"; else
        echo "not ok - $1"; echo "  expected: $2"; echo "  actual:   $3"; fails=$((fails + 1)); fi
}
t() { "$SELARAS" term "$@" --db "$db"; }

# add: a new concept, named after its Indonesian term
check "add: message" "added user.pasukan-dukungan-cepat: id Pasukan Dukungan Cepat, en Rapid Support Forces" \
    "$(t add --subject conflict "Pasukan Dukungan Cepat" "Rapid Support Forces")"
check "add: a verb" "added user.mengecoh: id mengecoh, en outwit" "$(t add mengecoh outwit)"
check "add again: unchanged" "unchanged user.mengecoh: id mengecoh, en outwit" \
    "$(t add --concept user.mengecoh mengecoh outwit)"
check "add to a bundled concept" \
    "extended law.released: id dilepaskan, en set free (your entry now stands for the bundled concept)" \
    "$(t add --concept law.released dilepaskan "set free")"
t add --subject nope x y 2>"$dir/err"
check "add: unknown subject exit" 2 $?
t add "..." claim 2>"$dir/err"
check "add: no word" 'selaras term: ID_TERM "..." holds no word' "$(head -1 "$dir/err")"

# list: the user's concepts in the order added
check "list tsv" "concept	id_terms	en_terms	subject	origin	source
user.pasukan-dukungan-cepat	Pasukan Dukungan Cepat	Rapid Support Forces	conflict	added	added
user.mengecoh	mengecoh	outwit		added	added
law.released	dibebaskan | dilepaskan	released | freed | set free	law	added	added" \
    "$(t list --format tsv | cut -f1-6)"

# found in every form: clitic -nya, passive di-, by tag, lookup and ingest
printf 'Pasukan Dukungan Cepat mengecoh lawan. Lawan itu dikecohnya sejak pagi.\n' >"$dir/a.txt"
check "tag: user terms in inflected form" "Pasukan Dukungan Cepat	user.pasukan-dukungan-cepat
mengecoh	user.mengecoh
dikecohnya	user.mengecoh" \
    "$("$SELARAS" tag --db "$db" "$dir/a.txt" | cut -f4,7 | grep user)"
check "tag without the database: none" "" "$("$SELARAS" tag --db "$dir/none.db" "$dir/a.txt" 2>/dev/null | grep user)"
check "lookup: inflected user term" "dikecohnya	1	inflected	mengecoh	outwit" \
    "$("$SELARAS" lookup --db "$db" --format tsv dikecohnya | cut -f1-5)"
"$SELARAS" ingest --quiet --db "$db" "$dir/a.txt"
check "ingest: user terms stored" "user.mengecoh	2
user.pasukan-dukungan-cepat	1" \
    "$("$SELARAS" glossary --db "$db" --format tsv | grep '^user' | cut -f1,3 | sort)"

# deprecate: a bundled English equivalent, ambiguity named
check "deprecate" "deprecated cf.liberate: en liberate" "$(t deprecate liberate --note 'news English says released')"
check "list: the verdict" "cf.liberate	en: liberate			deprecated	news English says released" \
    "$(t list --format tsv | grep liberate | cut -f1-6)"
check "lookup shows it deprecated" "liberate	1	exact	liberate" \
    "$("$SELARAS" lookup --db "$db" --from en --format tsv liberate | cut -f1-4)"
t deprecate nosuchterm 2>"$dir/err"
check "deprecate: unknown term exit" 2 $?

# remove: the verdict, a user term, a whole user concept; a bundled term cannot go
check "remove the verdict" "removed verdict on cf.liberate: en liberate" "$(t remove liberate)"
check "remove a user term" "removed user term law.released: id dilepaskan" "$(t remove --lang id dilepaskan)"
check "remove a user concept" "removed user concept user.mengecoh" "$(t remove user.mengecoh)"
t remove pasukan 2>"$dir/err"
check "remove a bundled term: exit" 2 $?
check "list after removals" "user.pasukan-dukungan-cepat
law.released" "$(t list --format tsv | tail -n +2 | cut -f1)"
"$SELARAS" term list --db "$dir/none.db" >/dev/null 2>&1
check "list on a missing --db: exit 2" 2 $?
[ ! -e "$dir/none.db" ] && echo "ok - list creates no database" || { echo "not ok - list created a database"; fails=$((fails + 1)); }
exit $((fails > 0))
