# SPDX-License-Identifier: MIT
# Checks imported entries, read back through `export glossary --format json` and Python's
# sqlite3. Every expected value is written by hand from the files in tests/data/export.
import json
import sqlite3
import sys

errors = []


def expect(cond, what):
    if not cond:
        errors.append(what)


def concepts(path):
    with open(path, encoding='utf-8') as f:
        return {c['concept_id']: c for c in json.load(f)['concepts']}


def terms(c):
    return [(t['lang'], t['text'], t.get('pos'), t.get('type'), t['status']) for t in c['terms']]


def check(cs, cid, subject, definition, note, want_terms):
    c = cs.get(cid)
    if c is None:
        errors.append(f'{cid}: not exported')
        return
    got = (c.get('subject'), c.get('definition'), c.get('note'), terms(c))
    want = (subject, definition, note, want_terms)
    expect(got == want, f'{cid}:\n  got  {got}\n  want {want}')


def main():
    if sys.argv[1] == 'count':
        n = sqlite3.connect(sys.argv[2]).execute('SELECT count(*) FROM user_concept').fetchone()[0]
        expect(n == int(sys.argv[3]), f'{n} user concepts, expected {sys.argv[3]}')
    else:
        cs = concepts(sys.argv[1])
        check(cs, 'my.drone', 'weapons', 'An aircraft without a pilot, remotely flown.', 'Say "drone" in news;\nnot UAV',
              [('id', 'drone', 'noun', None, 'preferred'), ('id', 'pesawat nirawak', None, None, 'admitted'),
               ('en', 'drone', None, None, 'preferred'), ('en', 'UAV', None, None, 'admitted')])
        check(cs, 'user.csv.4', 'politics', None, None,
              [('id', 'koalisi', 'noun', None, 'preferred'), ('en', 'coalition', None, None, 'preferred')])
        check(cs, 'user.tsv.1', None, None, 'kendaraan lapis baja & <berat>',
              [('id', 'tank', None, None, 'preferred'), ('en', 'tank', None, None, 'preferred')])
        check(cs, 'user.tsv.2', None, None, None,
              [('id', 'rudal balistik', None, None, 'preferred'), ('en', 'ballistic missile', None, None, 'preferred')])
        check(cs, 'user.tsv.4', None, None, None,
              [('id', 'Perserikatan Bangsa-Bangsa', None, None, 'preferred'), ('en', 'United Nations', None, None, 'preferred')])
        check(cs, 'mini.sniper', 'armed-forces', 'A marksman & scout who shoots from <cover>.', 'Tab and\nnewline kept',
              [('id', 'penembak jitu', 'noun', None, 'preferred'), ('id', 'sniper', None, 'variant', 'deprecated'),
               ('en', 'sniper', 'noun', None, 'admitted')])
        check(cs, 'mini.tbx.2', None, 'Definisi pada tingkat bahasa.', None,
              [('id', 'Beijing (北京)', None, None, 'admitted'), ('en', 'Beijing', None, None, 'admitted')])
        check(cs, 'mini.hostage', 'security', None, None,
              [('id', 'sandera', 'noun', 'fullForm', 'preferred'), ('en', 'hostage', None, None, 'admitted')])
        check(cs, 'tiny.2', None, 'soldiers collectively', None,
              [('en', 'troops', 'noun', None, 'preferred'), ('id', 'pasukan', 'noun', None, 'preferred'),
               ('id', 'tentara', 'noun', None, 'admitted')])
        check(cs, 'tiny.3', None, 'temporary stop of fighting; truce', None,
              [('en', 'ceasefire', 'noun', None, 'preferred'), ('id', 'gencatan senjata', 'noun', None, 'preferred'),
               ('id', 'penghentian tembak-menembak', 'noun', None, 'admitted')])
        check(cs, 'tiny.4', None, 'land force; the army of a state', None,
              [('en', 'Army', 'noun', None, 'preferred'), ('id', 'tentara', 'noun', None, 'preferred')])
        rev = concepts(sys.argv[2])
        got = [(cid, terms(rev[cid])[0][1]) for cid in ('tiny.r1', 'tiny.r2', 'tiny.r3', 'tiny.r4') if cid in rev]
        expect(got == [('tiny.r1', 'gencatan senjata'), ('tiny.r2', 'pasukan'), ('tiny.r3', 'penghentian tembak-menembak'),
                       ('tiny.r4', 'tentara')], f'reversed headwords {got}')
        if 'tiny.r4' in rev:
            expect(terms(rev['tiny.r4']) == [('id', 'tentara', 'noun', None, 'preferred'), ('en', 'troops', 'noun', None, 'preferred'),
                                             ('en', 'Army', 'noun', None, 'admitted')], f'reversed tentara {terms(rev["tiny.r4"])}')
        db = sqlite3.connect(sys.argv[3])
        curated = dict(db.execute('SELECT id, curated FROM user_concept'))
        expect(curated.get('mini.sniper') == 1 and curated.get('my.drone') == 0 and curated.get('tiny.2') == 0,
               f'curated flags {curated}')
        n = db.execute('SELECT count(*) FROM user_concept').fetchone()[0]
        expect(n == 11, f"{n} user concepts, expected 11")
    for e in errors:
        print('FAIL:', e)
    sys.exit(1 if errors else 0)


main()
