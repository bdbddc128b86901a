#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The general-language reference lexicon/general/id.txt as discovery reads it.

Discovery looks each word of the text up by its lemma (`selaras analyze`: the active meN- form of a
di- passive, `laki` of `laki-laki`), so an entry the analyzer lemmatises otherwise is never found:
every entry's lemma must be listed too. And no entry may be a one-word Indonesian term of the
bundled termbase (but for one matched in its own case only), which discovery must be able to
find again (the list's header says so).

Usage: general_list.py SELARAS_BINARY
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    selaras = sys.argv[1]
    entries = []
    for n, line in enumerate(open(os.path.join(ROOT, "lexicon", "general", "id.txt"), encoding="utf-8"), 1):
        line = line.strip()
        if line and not line.startswith("#") and not line.startswith("["):
            entries.append((n, line))
    listed = {w for _, w in entries}
    out = subprocess.run([selaras, "analyze", "--lang", "id"], input="\n\n".join(w for _, w in entries) + "\n",
                         capture_output=True, text=True, check=True).stdout
    lemmas, cur = [], []
    for row in out.split("\n"):
        if not row.strip():
            if cur:
                lemmas.append(" ".join(cur))
                cur = []
            continue
        f = row.split("\t")
        if "punct" not in f[3]:
            cur.append(f[1].lower())
    if cur:
        lemmas.append(" ".join(cur))
    failures = 0
    if len(lemmas) != len(entries):
        print("FAIL: %d entries analysed into %d words" % (len(entries), len(lemmas)))
        return 1
    for (n, word), lemma in zip(entries, lemmas):
        if lemma not in listed:
            print("FAIL: id.txt:%d: %s is looked up as %s, which is not listed" % (n, word, lemma))
            failures += 1
    terms = set()
    for name in sorted(os.listdir(os.path.join(ROOT, "lexicon", "data"))):
        if name.endswith(".terms"):
            for line in open(os.path.join(ROOT, "lexicon", "data", name), encoding="utf-8"):
                m = re.match(r"id:\s*([^\s\[#]+)\s*(\[([^\]]*)\])?\s*(#.*)?$", line)
                # a term matched in its own case only (`Barat`, `Antara`) is no everyday word's clash
                if m and "case" not in [f.strip() for f in (m.group(3) or "").split(",")]:
                    terms.add(m.group(1).lower())
    for n, word in entries:
        if word in terms:
            print("FAIL: id.txt:%d: %s is a term of the bundled termbase" % (n, word))
            failures += 1
    print("%d passed, %d failed" % (len(entries) - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
