#!/usr/bin/python3
"""gen.py - write this half's items (.eml, .tif) and labels.tsv from gen/items.json.

Deterministic: the same items.json and fonts give the same bytes.
Usage: /usr/bin/python3 gen/gen.py        (from the half's directory or anywhere)
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import maillib  # noqa: E402
import faxforms  # noqa: E402

COLS = ['file', 'channel', 'kind', 'category', 'urgent', 'referrals', 'copies', 'method', 'parcels',
        'requester', 'organisation', 'tokyo', 'sme', 'for_profit', 'joins']


def main():
    items = json.load(open(os.path.join(HERE, 'items.json'), encoding='utf-8'))
    rows = []
    for it in items:
        path = os.path.join(OUT, it['file'])
        if it['channel'] == 'fax':
            faxforms.render(it['fax'], path)
        else:
            data = maillib.build(it['mail'], it['file'])
            with open(path, 'wb') as f:
                f.write(data)
        rows.append('\t'.join(it['labels'][c] for c in COLS))
    with open(os.path.join(OUT, 'labels.tsv'), 'w', encoding='utf-8', newline='\n') as f:
        f.write('\t'.join(COLS) + '\n')
        for r in rows:
            f.write(r + '\n')
    print('wrote %d items to %s' % (len(items), OUT))


if __name__ == '__main__':
    main()
