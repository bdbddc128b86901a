#!/bin/sh
# SPDX-License-Identifier: MIT
# Issue 14, item 2: a name standing as a modifier after a noun (Presiden Prancis) gives its
# adjective first in `tag` (French), and its name elsewhere (di Prancis: France). The gold is
# tests/data/tag/attributive.tsv, written by hand; `lookup --context SENTENCE NAME` must agree.
# The user's evidence still comes first: once their translations confirmed the name and never
# the adjective, the name leads everywhere.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
gold=$SEL_TEST_DATA/tag/attributive.tsv

grep -v '^#' "$gold" | cut -f1 >"$tmp/in.txt"
"$SELARAS" tag --lines "$tmp/in.txt" >"$tmp/tag.tsv" || fail "tag"
"$SELARAS" tag --lines --format jsonl "$tmp/in.txt" >"$tmp/tag.jsonl" || fail "tag jsonl"
n=0
grep -v '^#' "$gold" | while IFS='	' read -r sentence surface want why; do
    n=$((n + 1))
    got=$(awk -F'\t' -v n="$n" -v s="$surface" '$1 == n && $4 == s { split($6, e, " [|] "); print e[1] }' "$tmp/tag.tsv")
    [ "$got" = "$want" ] || echo "FAIL: line $n, $surface ($why): first equivalent \"$got\", expected \"$want\""
    # the JSON lines give the same order
    got=$(/usr/bin/python3 -c '
import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o["line"] == int(sys.argv[2]) and o["surface"] == sys.argv[3]:
        print(o["target_terms"][0])' "$tmp/tag.jsonl" "$n" "$surface")
    [ "$got" = "$want" ] || echo "FAIL: jsonl line $n, $surface: first equivalent \"$got\", expected \"$want\""
done >"$tmp/fails"
[ -s "$tmp/fails" ] && { cat "$tmp/fails"; failures=$((failures + 1)); }

# `lookup --context` shows the name's equivalents as `tag` does for that occurrence.
lookup_first() { # SENTENCE QUERY [DB OPTION...]: the first equivalent of the first answer
    sentence=$1 query=$2
    shift 2
    "$SELARAS" lookup "$@" --format tsv --context "$sentence" "$query" |
        awk -F'\t' '$2 == 1 { split($5, e, " [|] "); print e[1]; exit }'
}
grep -v '^#' "$gold" | while IFS='	' read -r sentence surface want why; do
    got=$(lookup_first "$sentence" "$surface")
    [ "$got" = "$want" ] || echo "FAIL: lookup --context \"$sentence\" $surface ($why): \"$got\", expected \"$want\""
done >"$tmp/fails"
[ -s "$tmp/fails" ] && { cat "$tmp/fails"; failures=$((failures + 1)); }
[ "$(lookup_first "" Prancis)" = "France" ] || fail "lookup with an empty context: not France"

# Evidence first: a translation memory whose English says "Israel" twice and "Israeli" never.
cat >"$tmp/israel.tmx" <<'TMX'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="selaras-tests" creationtoolversion="1" datatype="plaintext" segtype="sentence"
          adminlang="en" srclang="id" o-tmf="none"/>
  <body>
    <tu><tuv xml:lang="id"><seg>Israel menolak usulan itu.</seg></tuv>
        <tuv xml:lang="en"><seg>Israel rejected the proposal.</seg></tuv></tu>
    <tu><tuv xml:lang="id"><seg>Delegasi itu tiba di Israel pada Senin.</seg></tuv>
        <tuv xml:lang="en"><seg>The delegation arrived in Israel on Monday.</seg></tuv></tu>
  </body>
</tmx>
TMX
"$SELARAS" ingest -q --db "$tmp/ev.db" "$tmp/israel.tmx" || fail "ingest"
echo "Pejabat Israel membantah laporan itu." >"$tmp/one.txt"
first() { awk -F'\t' '$4 == "Israel" { split($6, e, " [|] "); print e[1] }' "$1"; }
"$SELARAS" tag --lines "$tmp/one.txt" >"$tmp/bundled.tsv" || fail "tag without db"
"$SELARAS" tag --lines --db "$tmp/ev.db" "$tmp/one.txt" >"$tmp/ev.tsv" || fail "tag with db"
[ "$(first "$tmp/bundled.tsv")" = "Israeli" ] || fail "without evidence: $(first "$tmp/bundled.tsv"), not Israeli"
[ "$(first "$tmp/ev.tsv")" = "Israel" ] || fail "with Israel confirmed twice: $(first "$tmp/ev.tsv"), not Israel"
got=$(lookup_first "Pejabat Israel membantah laporan itu." Israel)
[ "$got" = "Israeli" ] || fail "lookup --context without evidence: $got, not Israeli"
got=$(lookup_first "Pejabat Israel membantah laporan itu." Israel --db "$tmp/ev.db")
[ "$got" = "Israel" ] || fail "lookup --context with Israel confirmed twice: $got, not Israel"

[ $failures = 0 ] && echo "ok: $(grep -vc '^#' "$gold") gold occurrences"
exit $((failures > 0))
