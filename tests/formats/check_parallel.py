# SPDX-License-Identifier: MIT
# Checks parallel exports with independent readers (translate-toolkit's TMX reader, Python's
# json); the expected texts are those make_db.c stores, written out by hand.
import json
import sys

S1 = 'Pasukan TNI & Polri berjaga di <perbatasan>.'
T1 = 'TNI & Polri troops stand guard at the <border>.'
S4 = 'Delegasi dari Ελλάδα dan 北京 tiba\tkemarin.'
T4 = 'Delegates from Ελλάδα and 北京 arrived\tyesterday.'
errors = []


def expect(cond, what):
    if not cond:
        errors.append(what)


def tmx_units(path):
    from translate.storage import tmx
    return tmx.tmxfile.parsefile(path).units


def main():
    mode = sys.argv[1]
    if mode == 'all':
        d, n = sys.argv[2], int(sys.argv[3])
        units = tmx_units(d + '/p.tmx')
        expect(len(units) == n, f'TMX: {len(units)} units in translate-toolkit, expected {n}')
        expect((units[0].source, units[0].target) == (S1, T1), f'TMX unit 1 {units[0].source!r}')
        expect((units[3].source, units[3].target) == (S4, T4), f'TMX unit 4 {units[3].source!r}')
        expect((units[1].source, units[1].target) ==
               ('Menteri berkata: "Gencatan senjata berlaku."', 'The minister said: "The ceasefire applies."'), 'TMX unit 2')
        expect(units[4].target in ('', None), f'TMX unit 5 (0-sided) target {units[4].target!r}')
        src = open(d + '/p.id', encoding='utf-8').read().split('\n')
        tgt = open(d + '/p.en', encoding='utf-8').read().split('\n')
        expect(len(src) == len(tgt) == n + 1 and src[-1] == tgt[-1] == '', f'Moses: {len(src)} and {len(tgt)} lines')
        expect(src[0] == S1 and tgt[0] == T1, 'Moses line 1')
        expect(src[3] == S4.replace('\t', ' ') and tgt[3] == T4.replace('\t', ' '), 'Moses line 4: a tab becomes a space')
        expect(src[8] == '' and tgt[8] == 'Unpaired target sentence.', 'Moses line 9 (0-sided)')
        tsv = open(d + '/p.tsv', encoding='utf-8').read().split('\n')
        expect(len(tsv) == n + 1 and all(len(line.split('\t')) == 2 for line in tsv[:-1]), 'TSV: lines of two fields')
        expect(tsv[0].split('\t') == [S1, T1], 'TSV line 1')
        lines = [json.loads(line) for line in open(d + '/p.jsonl', encoding='utf-8')]
        expect(len(lines) == n, f'JSONL: {len(lines)} lines')
        one = lines[0]
        expect((one['document_id'], one['translation_id'], one['bead'], one['src_sentences'], one['tgt_sentences']) ==
               (1, 2, 1, [1], [1]), f'JSONL bead 1 numbers {one}')
        expect(one['score'] == 0.95, 'JSONL score')
        expect(one['source'] == S1 and one['target'] == T1, 'JSONL texts')
        expect(one['terms'] == [{'concept': 'af.troops', 'source_span': [0, 7], 'target_span': [12, 18],
                                 'source_text': 'Pasukan', 'target_text': 'troops'}], f'JSONL terms {one["terms"]}')
        two = lines[1]
        b = two['source'].encode('utf-8')
        span = two['terms'][0]['source_span']
        expect(b[span[0]:span[1]] == 'Gencatan senjata'.encode('utf-8'), 'JSONL bead 2 source span')
        t = two['target'].encode('utf-8')
        span = two['terms'][0]['target_span']
        expect(t[span[0]:span[1]] == b'ceasefire', 'JSONL bead 2 target span')
        four = lines[3]
        expect(four['source'] == S4 and four['target'] == T4, 'JSONL bead 4 keeps the tab and the letters')
        expect(four['terms'][0]['concept'] == 'dip.delegation' and four['terms'][0]['target_span'] is None,
               'JSONL bead 4 unconfirmed term')
        expect(lines[8]['src_sentences'] == [] and lines[8]['source'] == '', 'JSONL bead 9 (0-sided)')
    elif mode == 'clean':
        units = tmx_units(sys.argv[2])
        got = [u.source for u in units]
        expect(got == [S1, 'Menteri berkata: "Gencatan senjata berlaku."', S4], f'cleaned TMX {got}')
    for e in errors:
        print('FAIL:', e)
    sys.exit(1 if errors else 0)


main()
