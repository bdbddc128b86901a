#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Which English equivalent do real translations use? (issue 14, item 2)

Runs `selaras tag --lines` on the Indonesian side of the PANL dev pairs (SEL_SHARED/data/
panl-int-dev/) and, for every term occurrence, checks which of its concept's English equivalents
(any inflection) appear in the aligned English line.

    equivalent_evidence.py SELARAS ROOT report [first|second]   per-concept table and figures
    equivalent_evidence.py SELARAS ROOT check                   figures on the second half; exit 1
                                                                when first-equivalent precision is
                                                                more than 0.03 below the oracle

The bundled order was revised by hand from the report on the FIRST half of the lines; the figures
that count are those of the SECOND half, which the revision never looked at.

first-equivalent precision: share of occurrences whose first equivalent as `tag` gives it (column 5:
the concept's preferred one, or for a name standing as a modifier its adjective) is in the aligned
line.
oracle: the same with, for each concept, the single equivalent found most often in those lines.
any-equivalent rate: share of occurrences where some listed equivalent (preferred or admitted) is.
Matching aids and deprecated terms are not equivalents and are not counted.

An equivalent is found in any English inflection (kidnapped, chairmen, embargoes, the singular of a
plural), in either British or American spelling, with its words open, hyphenated or closed
(air strike, air-strike, airstrike), and an acronym with or without stops (US, U.S.) but never in
lower case; two listed equivalents that differ only in spaces, hyphens or stops are one.
"""
import collections
import glob
import os
import re
import subprocess
import sys

# The bar, which the test holds: reached (gap 0.026 on the second half, docs/lexicon-format.md)
# since a name standing as a modifier gives its adjective first; a change that makes the order
# worse fails.
TOLERANCE = 0.03

IRREGULAR = {
    'lead': ['led'], 'hold': ['held'], 'fight': ['fought'], 'shoot': ['shot'], 'take': ['took', 'taken'],
    'win': ['won'], 'meet': ['met'], 'begin': ['began', 'begun'], 'give': ['gave', 'given'],
    'fly': ['flew', 'flown'], 'strike': ['struck'], 'flee': ['fled'], 'leave': ['left'], 'keep': ['kept'],
    'send': ['sent'], 'build': ['built'], 'break': ['broke', 'broken'], 'choose': ['chose', 'chosen'],
    'bring': ['brought'], 'buy': ['bought'], 'tell': ['told'], 'say': ['said'], 'speak': ['spoke', 'spoken'],
    'write': ['wrote', 'written'], 'man': ['men'], 'woman': ['women'], 'child': ['children'],
    'rise': ['rose', 'risen'], 'withdraw': ['withdrew', 'withdrawn'], 'seek': ['sought'],
    'catch': ['caught'], 'run': ['ran'], 'steal': ['stole', 'stolen'], 'hide': ['hid', 'hidden'],
    'forbid': ['forbade', 'forbidden'], 'sell': ['sold'], 'wage': ['waged'], 'mean': ['meant'],
    'stand': ['stood'], 'lose': ['lost'], 'find': ['found'], 'know': ['knew', 'known'],
    'overthrow': ['overthrew', 'overthrown'], 'draw': ['drew', 'drawn'], 'be': ['is', 'are', 'was', 'were'],
}

VOWELS = 'aeiou'


# British and American spellings of one word are one term: the order of equivalents is about
# which word translators choose, not the house spelling (criticise/criticize, defence/defense)
SPELLING_ENDINGS = [('isation', 'ization'), ('ise', 'ize'), ('our', 'or'), ('ence', 'ense'),
                    ('tre', 'ter'), ('ogue', 'og')]
SPELLING_WORDS = {'judgement': 'judgment', 'protestor': 'protester'}


def spellings(w):
    forms = {w}
    for a, b in list(SPELLING_WORDS.items()) + [(b, a) for a, b in SPELLING_WORDS.items()]:
        if w == a:
            forms.add(b)
    for a, b in SPELLING_ENDINGS:
        for x, y in ((a, b), (b, a)):
            if w.endswith(x) and len(w) > len(x) + 2:
                forms.add(w[:-len(x)] + y)
    return forms


def inflections(word):
    """A simple English inflection set for one word (nouns and verbs alike), in either spelling."""
    w = word.lower()
    if not re.fullmatch(r"[a-z]+", w):
        return {w}
    return set().union(*(inflect(v) for v in spellings(w)))


def inflect(w):
    """The inflected forms of one lower-case word. It may over-generate (a form no English text
    holds costs nothing); it must not miss a form translators write."""
    forms = {w}
    if not re.fullmatch(r"[a-z]+", w):
        return forms
    forms.update(IRREGULAR.get(w, []))
    if w.endswith('y') and len(w) > 2 and w[-2] not in VOWELS:
        forms.update({w[:-1] + 'ies', w[:-1] + 'ied', w + 'ing'})
    elif w.endswith('ie'):  # die -> dying
        forms.update({w + 's', w + 'd', w[:-2] + 'ying'})
    elif w.endswith('e'):  # agree -> agreeing, release -> releasing
        forms.update({w + 's', w + 'd', w[:-1] + 'ing', w + 'ing'})
    elif re.search(r'(s|x|z|ch|sh|o)$', w):  # embargo -> embargoes
        forms.update({w + 'es', w + 'ed', w + 'ing', w + 's'})
    else:
        forms.update({w + 's', w + 'ed', w + 'ing'})
        # a final single consonant after a single vowel doubles, also in longer words where the
        # last syllable is stressed or the spelling is British: ban -> banned, kidnap -> kidnapped,
        # commit -> committed, patrol -> patrolled
        if re.search(r'(?:^|[^aeiou])[aeiou][bdgklmnprt]$', w):
            forms.update({w + w[-1] + 'ed', w + w[-1] + 'ing'})
        if w.endswith('ic'):  # panic -> panicked
            forms.update({w + 'ked', w + 'king'})
    # a plural equivalent (troops, security forces, casualties) counts its singular too
    if w.endswith('ies') and len(w) > 4:
        forms.add(w[:-3] + 'y')
    elif w.endswith('s') and not w.endswith('ss') and len(w) > 3:
        forms.update({w[:-1], w[:-2]} if w.endswith('es') else {w[:-1]})
    if w.endswith('men') and len(w) > 3:
        forms.add(w[:-3] + 'man')
    if w.endswith('man') and w != 'human':  # chairman -> chairmen, gunman -> gunmen
        forms.add(w[:-3] + 'men')
    if w.endswith('is') and len(w) > 4:  # crisis -> crises
        forms.add(w[:-2] + 'es')
    if w.endswith('fe'):
        forms.add(w[:-2] + 'ves')
    elif w.endswith('f'):
        forms.add(w[:-1] + 'ves')
    return forms


def acronym_pattern(word):
    """An acronym in capitals as written or with stops (US, U.S.), never in lower case (`us`)."""
    dotted = r'\.'.join(word) + r'\.'
    return '(?-i:(?:' + re.escape(word) + '|' + dotted + ')s?)'


def word_pattern(word):
    if re.fullmatch(r'[A-Z]{2,5}', word):
        return acronym_pattern(word)
    return '(?:' + '|'.join(re.escape(f) for f in sorted(inflections(word), key=len, reverse=True)) + ')'


def term_pattern(text, exact_case=False):
    """The equivalent in any inflection, its words written open, hyphenated or closed (air strike,
    air-strike, airstrike), an acronym with or without stops (US military, U.S. military). With
    exact_case (the `case` attribute) only as written or in capitals: `US` must not count the
    pronoun "us"."""
    text = text.strip()
    if exact_case:
        alts = [re.escape(text), re.escape(text.upper())]
        if re.fullmatch(r'[A-Z]{2,5}', text):
            alts.append(r'\.'.join(text) + r'\.')
        return re.compile(bounded(text, '(?:' + '|'.join(alts) + ')s?'))  # PMC, PMCs
    sep = r'(?:\s*-\s*|\s+)?'
    body = sep.join(sep.join(word_pattern(p) for p in w.split('-')) for w in re.split(r"\s+", text))
    return re.compile(bounded(text, body), re.IGNORECASE)


def bounded(text, body):
    """body as a whole word; an edge that is a sign, not a letter, needs no boundary: `$` in $25,000."""
    return ((r'(?<![\w])' if re.match(r'\w', text) else '') + body +
            (r'(?![\w])' if re.search(r'\w$', text) else ''))


def spelling_key(text):
    return re.sub(r'[-\s.]', '', text.lower())


def read_termbase(root):
    """concept id -> [(text, status, exact_case)] of its English equivalents in order (preferred
    first)."""
    concepts = {}
    for path in sorted(glob.glob(os.path.join(root, 'lexicon', 'data', '*.terms'))):
        cid = None
        seen_en = 0
        with open(path, encoding='utf-8') as f:
            for line in f:
                line = line.split(' #')[0].strip()
                if line.startswith('concept:'):
                    cid = line.split(':', 1)[1].strip()
                    concepts[cid] = []
                    seen_en = 0
                elif line.startswith('en:') and cid:
                    value = line[3:].strip()
                    attrs = []
                    m = re.match(r'(.*?)\s*\[(.*)\]$', value)
                    if m:
                        value, attrs = m.group(1), [a.strip() for a in m.group(2).split(',')]
                    status = next((a for a in attrs if a in ('preferred', 'admitted', 'deprecated', 'aid')),
                                  'preferred' if seen_en == 0 else 'admitted')
                    seen_en += 1
                    concepts[cid].append((value, status, 'case' in attrs))
    order = {'preferred': 0, 'admitted': 1}
    return {c: sorted([t for t in ts if t[1] in order], key=lambda t: order[t[1]]) for c, ts in concepts.items()}


def read_lines(path):
    with open(path, encoding='utf-8', newline='') as f:
        return f.read().replace('\r\n', '\n').split('\n')


def occurrences(selaras, id_path):
    """(line, concept, the first equivalent tag gives for this occurrence) for each term found."""
    out = subprocess.run([selaras, 'tag', '--lines', id_path], check=True, capture_output=True, text=True).stdout
    for row in out.splitlines():
        cols = row.split('\t')
        if len(cols) >= 7:
            yield int(cols[0]), cols[6], cols[5].split(' | ')[0]


def measure(selaras, root, half):
    shared = os.environ.get('SEL_SHARED') or os.path.join(root, '..', 'shared')
    id_path = os.path.join(shared, 'data', 'panl-int-dev', 'id.txt')
    en_path = os.path.join(shared, 'data', 'panl-int-dev', 'en.txt')
    if not (os.path.exists(id_path) and os.path.exists(en_path)):
        print(f'missing {id_path} or {en_path}', file=sys.stderr)
        sys.exit(1 if os.environ.get('CI') else 77)
    termbase = read_termbase(root)
    en = read_lines(en_path)
    cut = len(en) // 2
    lines = range(1, cut + 1) if half == 'first' else range(cut + 1, len(en) + 1)
    wanted = set(lines)
    patterns = {}
    counts = collections.defaultdict(collections.Counter)  # concept -> equivalent -> lines holding it
    n_occ = collections.Counter()
    any_hits = first = 0
    for line, concept, shown_first in occurrences(selaras, id_path):
        if line not in wanted or not termbase.get(concept):
            continue
        target = en[line - 1]
        n_occ[concept] += 1
        found = set()
        for text, _, exact_case in termbase[concept]:
            if (text, exact_case) not in patterns:
                patterns[(text, exact_case)] = term_pattern(text, exact_case)
            if patterns[(text, exact_case)].search(target):
                found.add(spelling_key(text))
        # two equivalents that differ only in spaces and hyphens (percent, per cent) are one term
        # written two ways: a line holding either counts for both
        for text, _, _ in termbase[concept]:
            if spelling_key(text) in found:
                counts[concept][text] += 1
        any_hits += bool(found)
        # what tag puts first for this occurrence, which may depend on where it stands (an
        # attributive name first gives its adjective: pasukan Israel, Israeli forces)
        if any(t == shown_first for t, _, _ in termbase[concept]):
            first += spelling_key(shown_first) in found
        else:  # not one of the bundled equivalents (a user's term): looked for as it is
            first += bool(term_pattern(shown_first).search(target))
    total = sum(n_occ.values())
    oracle = sum(max(counts[c].values(), default=0) for c in n_occ)
    return termbase, n_occ, counts, total, first, oracle, any_hits, len(lines)


def main():
    if len(sys.argv) < 4 or sys.argv[3] not in ('report', 'check'):
        print(__doc__, file=sys.stderr)
        return 2
    selaras, root, mode = sys.argv[1:4]
    half = 'second' if mode == 'check' else (sys.argv[4] if len(sys.argv) > 4 else 'first')
    termbase, n_occ, counts, total, first, oracle, any_hits, n_lines = measure(selaras, root, half)
    if mode == 'report':
        print('concept\toccurrences\tequivalents (lines holding each; preferred first)\tflag')
        for c, n in n_occ.most_common():
            eqs = ' | '.join(f'{t} {counts[c][t]}' for t, _, _ in termbase[c])
            pref = counts[c][termbase[c][0][0]]
            best = max(counts[c].values(), default=0)
            flag = 'PREFERRED LOSES' if best > pref else ''
            print(f'{c}\t{n}\t{eqs}\t{flag}')
    p_first, p_oracle, p_any = first / total, oracle / total, any_hits / total
    print(f'{half} half: {n_lines} lines, {total} term occurrences in {len(n_occ)} concepts; '
          f'first-equivalent precision {p_first:.3f}, fixed-equivalent oracle {p_oracle:.3f} '
          f'(gap {p_oracle - p_first:.3f}), any-equivalent rate {p_any:.3f}')
    if mode == 'check' and p_oracle - p_first > TOLERANCE:
        print(f'FAIL: first-equivalent precision is more than {TOLERANCE} below the oracle', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
