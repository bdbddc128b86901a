# SPDX-License-Identifier: MIT
# Checks glossary exports with independent readers: translate-toolkit for TBX v2, ElementTree for
# TBX v3, Python's csv and json. The expected values are written by hand (make_db.c stores the
# concept user.special; af.troops is the first concept of lexicon/data/armed-forces.terms).
import csv
import json
import sys
import xml.etree.ElementTree as ET

DEF = 'Def with & and <angle> "quotes", commas'
NOTE = 'line one\nline two\twith tab'
ID_TERM = 'Kata & <khusus> "kutip"'
EN_TERM = 'Word & <special> "quoted"'
errors = []


def expect(cond, what):
    if not cond:
        errors.append(what)


def check_tbx_v2(path, n):
    from translate.storage import tbx
    store = tbx.tbxfile.parsefile(path)
    expect(len(store.units) == n, f'TBX v2: {len(store.units)} entries in translate-toolkit, expected {n}')
    first = store.units[0]
    expect((first.source, first.target) == ('pasukan', 'troops'), f'TBX v2 first unit: {first.source!r} -> {first.target!r}')
    special = [u for u in store.units if u.getid() == 'user.special']
    expect(len(special) == 1, 'TBX v2: user.special not found')
    if special:
        u = special[0]
        expect(u.source == ID_TERM, f'TBX v2 source {u.source!r}')
        expect(u.target == EN_TERM, f'TBX v2 target {u.target!r}')
        expect(NOTE in u.getnotes(), f'TBX v2 note {u.getnotes()!r}')
    return store


def check_tbx_v3(path, n):
    ns = {'t': 'urn:iso:std:iso:30042:ed-2'}
    root = ET.parse(path).getroot()
    entries = root.findall('.//t:conceptEntry', ns)
    expect(len(entries) == n, f'TBX v3: {len(entries)} conceptEntry, expected {n}')
    e = [x for x in entries if x.get('id') == 'user.special']
    expect(len(e) == 1, 'TBX v3: user.special not found')
    if not e:
        return
    e = e[0]
    expect(e.find("t:descrip[@type='subjectField']", ns).text == 'security', 'TBX v3 subject')
    expect(e.find("t:descrip[@type='definition']", ns).text == DEF, 'TBX v3 definition')
    expect(e.find('t:note', ns).text == NOTE, 'TBX v3 note')
    langs = {ls.get('{http://www.w3.org/XML/1998/namespace}lang'): [t.text for t in ls.findall('.//t:term', ns)]
             for ls in e.findall('t:langSec', ns)}
    expect(langs == {'id': [ID_TERM, 'Ελλάδα'], 'en': [EN_TERM]}, f'TBX v3 terms {langs}')
    pos = [t.text for t in e.findall(".//t:termNote[@type='partOfSpeech']", ns)]
    expect(pos == ['noun', 'properNoun', 'noun'], f'TBX v3 part of speech {pos}')
    status = [t.text for t in e.findall(".//t:termNote[@type='administrativeStatus']", ns)]
    expect(status == ['preferredTerm-admn-sts', 'admittedTerm-admn-sts', 'preferredTerm-admn-sts'], f'TBX v3 status {status}')
    # the context sentence of af.troops, from the corpus
    troops = [x for x in entries if x.get('id') == 'af.troops'][0]
    ctx = [d.text for d in troops.findall(".//t:descrip[@type='context']", ns)]
    expect(ctx == ['Pasukan TNI & Polri berjaga di <perbatasan>.'], f'TBX v3 context {ctx}')


def check_csv(path, n):
    with open(path, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f, strict=True))
    expect(rows[0] == ['concept_id', 'subject', 'source_lang', 'source_terms', 'target_lang', 'target_terms',
                       'part_of_speech', 'definition', 'note', 'count', 'context', 'cited_source', 'source_status',
                       'target_status', 'target_confirmed', 'avoid'], f'CSV header {rows[0]}')
    expect(len(rows) - 1 == n, f'CSV: {len(rows) - 1} rows, expected {n}')
    expect(all(len(r) == 16 for r in rows), 'CSV: a row without 16 fields')
    special = [r for r in rows if r[0] == 'user.special']
    expect(special == [['user.special', 'security', 'id', ID_TERM + ' | Ελλάδα', 'en', EN_TERM, 'noun', DEF, NOTE, '0', '', '',
                        'preferred | admitted', 'preferred', '0', '']],
           f'CSV user.special {special}')
    troops = [r for r in rows if r[0] == 'af.troops'][0]
    expect(troops[3] == 'pasukan | tentara | bala tentara | serdadu | tantara', f'CSV af.troops source {troops[3]!r}')
    expect(troops[9:12] == ['2', 'Pasukan TNI & Polri berjaga di <perbatasan>.', ''], f'CSV af.troops count/context/source {troops[9:]}')
    # each source term's status; the equivalents' statuses and confirmations (make_db.c confirms
    # "troops" once); the deprecated source form tantara is marked, no English term is deprecated
    expect(troops[12:] == ['preferred | admitted | admitted | admitted | deprecated', 'preferred | admitted | admitted | admitted',
                           '1 | 0 | 0 | 0', ''], f'CSV af.troops statuses {troops[12:]}')
    with open(path, 'rb') as f:
        expect(f.read().count(b'\r\n') >= n + 1, 'CSV: records do not end in CRLF')


def check_tsv(path):
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    expect(lines[-1] == '', 'TSV: no final line end')
    lines = lines[:-1]
    expect(all(len(line.split('\t')) == 3 for line in lines), 'TSV: a line without three columns')
    special = [line.split('\t') for line in lines if line.startswith(ID_TERM + '\t')]
    expect(special == [[ID_TERM, EN_TERM, 'security; ' + NOTE.replace('\n', ' ').replace('\t', ' ')]], f'TSV {special}')
    greek = [line.split('\t')[1] for line in lines if line.startswith('Ελλάδα\t')]
    expect(greek == [EN_TERM], f'TSV Greek {greek}')


def check_json(path, n):
    with open(path, encoding='utf-8') as f:
        doc = json.load(f)
    concepts = doc['concepts']
    expect(len(concepts) == n, f'JSON: {len(concepts)} concepts, expected {n}')
    expect(doc['source_lang'] == 'id' and doc['target_lang'] == 'en', 'JSON languages')
    special = [c for c in concepts if c['concept_id'] == 'user.special'][0]
    expect(special['definition'] == DEF and special['note'] == NOTE, 'JSON definition/note')
    expect([(t['lang'], t['text']) for t in special['terms']] == [('id', ID_TERM), ('id', 'Ελλάδα'), ('en', EN_TERM)],
           f'JSON terms {special["terms"]}')
    expect(all('id' not in t for c in concepts for t in c['terms']), 'JSON: a term with a key "id"')


def main():
    mode = sys.argv[1]
    if mode == 'all':
        d, n = sys.argv[2], int(sys.argv[3])
        check_tbx_v2(d + '/g.tbx', n)
        check_tbx_v3(d + '/g.tbx3', n)
        check_csv(d + '/g.csv', n)
        check_tsv(d + '/g.tsv')
        check_json(d + '/g.json', n)
    elif mode == 'units':
        check_tbx_v2_count_only(sys.argv[2], int(sys.argv[3]))
    elif mode == 'rows':
        with open(sys.argv[2], newline='', encoding='utf-8') as f:
            rows = list(csv.reader(f, strict=True))
        expect(len(rows) - 1 == int(sys.argv[3]), f'{len(rows) - 1} rows, expected {sys.argv[3]}')
        expect(all(r[1] == 'security' for r in rows[1:]), 'a row of another subject')
    elif mode == 'corpus':
        with open(sys.argv[2], encoding='utf-8') as f:
            doc = json.load(f)
        got = {c['concept_id']: c['count'] for c in doc['concepts']}
        want = {k: int(v) for k, v in (p.split('=') for p in sys.argv[3].split())}
        expect(got == want, f'corpus counts {got}, expected {want}')
    for e in errors:
        print('FAIL:', e)
    sys.exit(1 if errors else 0)


def check_tbx_v2_count_only(path, n):
    from translate.storage import tbx
    store = tbx.tbxfile.parsefile(path)
    expect(len(store.units) == n, f'{len(store.units)} entries in translate-toolkit, expected {n}')
    expect((store.units[0].source, store.units[0].target) == ('pasukan', 'troops'), 'first unit')


main()
