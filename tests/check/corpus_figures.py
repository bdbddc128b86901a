#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The figures of `selaras check` on the corpus (issue 16, item 5), from the hand-made gold
segmentation and alignment in corpus/gold/ and the termbase sources in lexicon/data/:

  recall    a seeded generator injects errors into the English translations (an approved
            equivalent replaced by a wrong term or by a deprecated one, or deleted; a number
            changed; a sentence left in Indonesian; a sentence dropped; one occurrence of a
            repeated equivalent replaced by another approved one) and counts, per kind, the
            injections the check reports at the right sentence: each kind must reach 0.95.
  false     the unmodified translations: findings per term occurrence must stay at or below 0.02.
  crossed   every article checked against every other article's translation (12 x 11) must be
            not-a-translation, and none of the 12 true pairs.

Usage: corpus_figures.py SELARAS SOURCE_ROOT {recall|false|crossed} [SEED...]
The generator reads the termbase files itself; it never asks selaras what a term is."""
import json, os, random, re, subprocess, sys, tempfile

selaras, root, mode = sys.argv[1], sys.argv[2], sys.argv[3]
# The bar: recall 0.95 for every kind and false findings at most 2% of term occurrences
# (docs/evaluation.md has today's figures).
RECALL_FLOOR = 0.95
FALSE_FLOOR = 0.02
seeds = [int(s) for s in sys.argv[4:]] or [1, 2, 3, 4, 5, 6]
corpus = os.path.join(root, 'corpus')
names = sorted(f[:-7] for f in os.listdir(corpus) if f.endswith('.id.txt'))

def check(src, tgt, presegmented):
    args = [selaras, 'check', '--format', 'json'] + (['--presegmented'] if presegmented else []) + [src, tgt]
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit('selaras check failed (%d): %s' % (p.returncode, p.stderr))
    return json.loads(p.stdout)

if mode == 'false':
    total, findings, listed = 0, 0, []
    for n in names:
        r = check(os.path.join(corpus, n + '.id.txt'), os.path.join(corpus, n + '.en.txt'), False)
        total += r['term_occurrences']
        findings += len(r['findings'])
        listed += ['%s\t%s\t%s\t%s\t%s' % (n, f['kind'], f['source_term'], f['expected'], (f['found'] or '')[:90])
                   for f in r['findings']]
    print('\n'.join(listed))
    print('false findings: %d of %d term occurrences = %.4f' % (findings, total, findings / total))
    if findings > FALSE_FLOOR * total:
        print('above the bar of %.2f' % FALSE_FLOOR)
    sys.exit(0 if findings <= FALSE_FLOOR * total else 1)

if mode == 'crossed':
    wrong = []
    for a in names:
        for b in names:
            r = check(os.path.join(corpus, a + '.id.txt'), os.path.join(corpus, b + '.en.txt'), False)
            flagged = r['counts']['not-a-translation'] == 1
            if flagged != (a != b):
                wrong.append('%s / %s: adequacy %s' % (a, b, r['adequacy']))
    print('\n'.join(wrong))
    print('crossed pairs flagged: %d wrong of %d' % (len(wrong), len(names) ** 2))
    sys.exit(1 if wrong else 0)

# ---- the termbase, read from its source files ----
concepts = []
for f in sorted(os.listdir(os.path.join(root, 'lexicon', 'data'))):
    if not f.endswith('.terms'):
        continue
    for line in open(os.path.join(root, 'lexicon', 'data', f), encoding='utf-8'):
        line = line.split('  #')[0].rstrip()
        if line.startswith('concept:'):
            concepts.append({'id': line.split(':', 1)[1].strip(), 'id_terms': [], 'en': [], 'deprecated': [],
                             'short': set()})
        m = re.match(r'^(id|en): (.*?)(?: \[(.*)\])?$', line)
        if m and concepts:
            text, attrs = m.group(2).strip(), {a.strip() for a in (m.group(3) or '').split(',')}
            c = concepts[-1]
            if m.group(1) == 'en':
                c['deprecated' if 'deprecated' in attrs else 'en'].append(text)
                if attrs & {'acronym', 'abbreviation', 'shortForm'}:
                    c['short'].add(text)  # alternates with the full form in any good translation
            elif 'deprecated' not in attrs and not attrs & {'verb', 'adjective', 'adverb'}:
                c['id_terms'].append((text, 'case' in attrs))

import functools

@functools.lru_cache(maxsize=None)
def word_re(text, case):
    return re.compile(r'(?<![\w-])' + re.escape(text) + r'(?![\w-])', 0 if case else re.I)

@functools.lru_cache(maxsize=None)
def source_re(text, case):
    # the tagger's word boundaries: a hyphen separates ("antar-menteri pertahanan")
    return re.compile(r'(?<!\w)' + re.escape(text) + r'(?!\w)', 0 if case else re.I)

def present(text, phrase):
    return word_re(phrase, False).search(text) is not None

def stems(phrase):
    # what a looser match could still find: every word of 4 letters or more, by its first 4
    return [w[:4].lower() for w in re.findall(r'\w+', phrase) if len(w) >= 4]

def gone(text, c, src_term):
    """None of the concept's equivalents (nor their words' stems) nor the Indonesian term is left."""
    low = text.lower()
    return (not any(s in low for e in c['en'] for s in stems(e)) and not any(present(text, e) for e in c['en'])
            and not present(text, src_term))

FILLER = {'of', 'the', 'for', 'and', 'a', 'an', 'on', 'in'}

def rendering_key(phrase):
    return [w[:4].lower() for w in re.findall(r"[\w'.-]+", phrase) if w.lower() not in FILLER]

def initials(a, b):
    """Whether the words a and b match in order, a short word matching as many words by their initials."""
    if not a or not b:
        return not a and not b
    if a[0] == b[0] and initials(a[1:], b[1:]):
        return True
    for x, y, swap in ((a, b, False), (b, a, True)):
        k = len(x[0])
        if 2 <= k <= 4 and len(y) >= k and all(x[0][m] == y[m][0] for m in range(k)):
            if initials(x[1:], y[k:]) if not swap else initials(y[k:], x[1:]):
                return True
    return False

def same_rendering(a, b):
    """What the check calls one rendering (README, "Checking a translation"): one's content words
    among the other's, in any order, or an acronym spelt out ("UN" = "United Nations"). Another
    rendering is what an inconsistent injection puts in."""
    ka, kb = rendering_key(a), rendering_key(b)
    return set(ka) <= set(kb) or set(kb) <= set(ka) or initials(ka, kb)

with_deprecated = [c for c in concepts if c['deprecated']]

class Article:
    def __init__(self, name):
        self.name = name
        # one sentence a line, blank lines between paragraphs; "#B " marks boilerplate
        read = lambda side: [re.sub(r'^#B ', '', l.rstrip('\n'))
                             for l in open(os.path.join(corpus, 'gold', name + side), encoding='utf-8')]
        self.src, self.tgt = read('.id.sents'), read('.en.sents')
        # sentence k (1-based) is the k-th non-blank line
        self.src_line = [i for i, l in enumerate(self.src) if l.strip()]
        self.tgt_line = [i for i, l in enumerate(self.tgt) if l.strip()]
        self.beads = []
        for row in open(os.path.join(corpus, 'gold', name + '.align.tsv'), encoding='utf-8'):
            s, _, t = row.rstrip('\n').partition('\t')
            self.beads.append(([int(x) for x in s.split(',') if x], [int(x) for x in t.split(',') if x]))

    def src_text(self, bead):
        return ' '.join(self.src[self.src_line[k - 1]] for k in bead[0])

def candidates(art, tgt, b, kind, rng, inconsistent_done):
    """An injection of @p kind in bead @p b: (new target lines, what the finding must say) or None."""
    s, t = art.beads[b]
    if not s or not t:
        return None
    src = art.src_text(art.beads[b])
    lines = [art.tgt_line[k - 1] for k in t]
    if any(tgt[i] is None for i in lines):
        return None
    text = ' '.join(tgt[i] for i in lines)
    def rewrite(old, new):
        out = list(tgt)
        for i in lines:
            out[i] = word_re(old, False).sub(new, out[i])
        return out
    if kind in ('missing-term', 'deprecated-term', 'inconsistent'):
        # the source terms as a tagger takes them: the longest, not a part of a longer one
        low = src.lower()
        spans = [(m.start(), m.end(), c, term) for c in concepts for term, case in c['id_terms']
                 if term.lower() in low for m in source_re(term, case).finditer(src)]
        longest = [x for x in spans if not any(y[0] <= x[0] and y[1] >= x[1] and y[1] - y[0] > x[1] - x[0]
                                               for y in spans)]
        options = []
        for _, _, c, term in longest:
            if kind == 'deprecated-term' and not c['deprecated']:
                continue
            for e in c['en']:
                if present(text, e):
                    options.append((c, term, e))
        if kind == 'deprecated-term':
            # a deprecated term is wrong wherever it stands, whatever the source says there
            options = [(c, '', e) for c in with_deprecated for e in c['en'] if present(text, e)]
        rng.shuffle(options)
        for c, term, e in options:
            if kind == 'missing-term':
                wrong = rng.choice([x for x in concepts if x['en'] and x is not c])['en'][0]
                for new in ('', wrong) if rng.random() < 0.5 else (wrong, ''):
                    out = rewrite(e, new)
                    if gone(' '.join(out[i] for i in lines), c, term):
                        return out, {'concept': c['id'], 'equivalent': e}
            elif kind == 'deprecated-term':
                d = rng.choice(c['deprecated'])
                return rewrite(e, d), {'found': d}
            else:
                # another approved equivalent, not a form of this one, where the document uses this
                # one in at least two other sentences
                others = [x for x in c['en'] if not same_rendering(x, e) and x not in c['short'] and len(x) > 3]
                uses = sum(present(tgt[i] or '', e) for i in range(len(tgt)) if i not in lines)
                # one second rendering per concept and document: several would outvote the first
                if others and uses >= 2 and e not in c['short'] and (' ' in term or term.isupper()) and \
                        c['id'] not in inconsistent_done:
                    inconsistent_done.add(c['id'])
                    return rewrite(e, rng.choice(others)), {'concept': c['id']}
        return None
    if kind == 'number':
        nums = [m for m in re.finditer(r'(?<![\w/.,])\d(?:[\d,]*\d)?(?:\.\d+)?(?![\w/])', text)]
        src_digits = {re.sub(r'[.,]', '', m.group()) for m in re.finditer(r'\d[\d.,]*\d|\d', src)}
        nums = [m for m in nums if re.sub(r'[.,]', '', m.group()) in src_digits and text.count(m.group()) == 1]
        if not nums:
            return None
        old = rng.choice(nums).group()
        new = old[:-1] + str((int(old[-1]) + rng.randint(1, 8)) % 10)
        out = list(tgt)
        for i in lines:
            out[i] = out[i].replace(old, new)
        return out, {}
    if kind == 'untranslated' and len(s) == 1 and len(t) == 1 and len(src.split()) >= 6:
        out = list(tgt)
        out[lines[0]] = src
        return out, {}
    if kind == 'one-sided' and len(s) == 1 and len(t) == 1 and 0 < b < len(art.beads) - 1:
        out = list(tgt)
        out[lines[0]] = None  # dropped
        return out, {}
    return None

KINDS = ['missing-term', 'deprecated-term', 'inconsistent', 'number', 'untranslated', 'one-sided']

def detected(report, kind, art, b, want):
    s = set(art.beads[b][0])
    for f in report['findings']:
        if f['kind'] != kind or not s & set(f['src_sentence']):
            continue
        # the concept injected, or the one the tagger found around it when it took a longer term
        # in the Indonesian ("Menteri Pertahanan" for "pertahanan") whose equivalents held the one removed
        if 'concept' in want and f['concept_id'] != want['concept'] and \
                want.get('equivalent', '').lower() not in [x.lower() for x in (f['expected'] or '').split(' | ')]:
            continue
        if 'found' in want and (f['found'] or '').lower() != want['found'].lower():
            continue
        return True
    return False

injected = {k: 0 for k in KINDS}
found = {k: 0 for k in KINDS}
missed = []
injected_so_far = {k: 0 for k in KINDS}
with tempfile.TemporaryDirectory() as tmp:
    for seed in seeds:
        rng = random.Random(seed)
        for name in names:
            art = Article(name)
            tgt = list(art.tgt)
            sites, last = [], -10
            inconsistent_done = set()
            order = list(range(len(art.beads)))
            for b in order:
                if b - last < 3 or rng.random() < 0.5:
                    continue
                # the kinds injected least so far first, so that the rare ones (a deprecated term,
                # a second rendering) are tried wherever they can be
                kinds = list(KINDS)
                rng.shuffle(kinds)
                kinds.sort(key=lambda k: injected_so_far[k])
                for kind in kinds:
                    got = candidates(art, tgt, b, kind, rng, inconsistent_done)
                    if got:
                        tgt, want = got
                        sites.append((b, kind, want))
                        injected_so_far[kind] += 1
                        last = b
                        break
            src_path, tgt_path = os.path.join(tmp, 'src.txt'), os.path.join(tmp, 'tgt.txt')
            with open(src_path, 'w', encoding='utf-8') as f:
                f.write('\n'.join(art.src) + '\n')
            with open(tgt_path, 'w', encoding='utf-8') as f:
                f.write('\n'.join(l for l in tgt if l is not None) + '\n')
            report = check(src_path, tgt_path, True)
            if os.environ.get('SEL_KEEP'):  # a folder to keep the injected pairs in, for a look
                for side, path in (('id', src_path), ('en', tgt_path)):
                    with open(path, encoding='utf-8') as f, \
                            open(os.path.join(os.environ['SEL_KEEP'], '%d-%s.%s' % (seed, name, side)), 'w') as g:
                        g.write(f.read())
            for b, kind, want in sites:
                injected[kind] += 1
                if detected(report, kind, art, b, want):
                    found[kind] += 1
                else:
                    missed.append('seed %d %s bead %d: %s %s' % (seed, name, b + 1, kind, want))
print('\n'.join(missed))
ok = True
for k in KINDS:
    r = found[k] / injected[k] if injected[k] else float('nan')
    print('%-16s injected %3d  found %3d  recall %.3f' % (k, injected[k], found[k], r))
    # the termbase has four deprecated English terms: a run may find no place for one (the CLI
    # cases check the kind); every other kind must be injected
    ok &= (injected[k] > 0 or k == 'deprecated-term') and (not injected[k] or r >= RECALL_FLOOR)
    if injected[k] and r < RECALL_FLOOR:
        print('%-16s below the bar of %.2f' % (k, RECALL_FLOOR))
sys.exit(0 if ok else 1)
