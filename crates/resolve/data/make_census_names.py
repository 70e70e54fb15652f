#!/usr/bin/env python3
"""Write data/names_census.txt: frequent US given names with their gender.

Source: US Census Bureau, 1990 census, "frequently occurring first names"
(dist.female.first, dist.male.first; public domain), as shipped in the PyPI
package `names` 0.3.0 (`pip download names==0.3.0 --no-deps --no-binary :all:`,
then unpack; the files are in names-0.3.0/names/).

Kept: names given to at least MIN_PERCENT of the people of one sex. Gender:
the sex the name is given to at least RATIO times as often, else none.
Left out: names more frequent as surnames (dist.all.last: Williams, Lee),
names that are LOCATION or ORGANIZATION names in the gazetteers
(Georgia, Jordan, Paris, China), nationalities, stop words, and words that the
PolNeAR train text (../shared/data/polnear/train/text) writes in lower case
more often than capitalised after the first word of a sentence (will, mark,
grant, rose, joy: ordinary words first), and forms that CoreNLP's silver NER
of PolNeAR train (models/name_types.tsv) tags PERSON in under half of at
least 5 occurrences (Christian, Chase). Deterministic: sorted output.

Usage (from the workspace root):
  python3 crates/resolve/data/make_census_names.py CENSUS_DIR ../shared/data/polnear/train/text \
      > crates/resolve/data/names_census.txt
"""
import re
import sys
from collections import Counter
from pathlib import Path

MIN_PERCENT = 0.01
RATIO = 10.0
DATA = Path(__file__).resolve().parent


def census(path):
    out = {}
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].capitalize()] = float(parts[1])
    return out


def lexicon_words(*names):
    s = set()
    for n in names:
        for line in (DATA / n).read_text().splitlines():
            line = line.strip()
            if line and not line.startswith('#'):
                s.add(line.split('\t')[0].lower())
                s.update(w.lower() for w in line.split())
    return s


def main(census_dir, polnear_text):
    female = census(Path(census_dir) / 'dist.female.first')
    male = census(Path(census_dir) / 'dist.male.first')
    last = census(Path(census_dir) / 'dist.all.last')
    excluded = lexicon_words('countries.txt', 'cities.txt', 'regions.txt', 'organizations.txt',
                             'nationalities.txt', 'stopwords.txt')
    lower, upper = Counter(), Counter()
    word = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Za-z]+)\b", re.M)
    for f in sorted(Path(polnear_text).glob('*.txt')):
        for m in word.finditer(f.read_text(encoding='utf-8', errors='replace')):
            w = m.group(1)
            (upper if w[0].isupper() else lower)[w.lower()] += 1
    not_person = set()
    for line in (DATA.parent / 'models' / 'name_types.tsv').read_text().splitlines():
        if line.startswith('#'):
            continue
        form, *counts = line.split('\t')
        counts = [int(c) for c in counts]
        if sum(counts) >= 5 and 2 * counts[0] < sum(counts):
            not_person.add(form.lower())
    rows = []
    for name in sorted(set(female) | set(male)):
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        if max(f, m) < MIN_PERCENT or last.get(name, 0.0) > max(f, m):
            continue
        k = name.lower()
        if k in excluded or k in not_person or lower[k] > upper[k]:
            continue
        g = 'F' if f >= RATIO * m else 'M' if m >= RATIO * f else '-'
        rows.append(f'{name}\t{g}')
    print('# Frequent US given names and their gender (F, M, or - when given to both).')
    print('# US Census Bureau, 1990 census, frequently occurring first names (public domain);')
    print('# written by make_census_names.py (see there for the rules and the command).')
    print('\n'.join(rows))


if __name__ == '__main__':
    main(*sys.argv[1:3])
