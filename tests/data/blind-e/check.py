#!/usr/bin/python3
"""check.py - verify this half of the evaluation set.

Checks: every mail parses with Python's email package and carries the required headers
(From, To = soudan@desk.example.jp, Subject, Date in 2026, unique Message-ID, MIME-Version,
text/plain in ISO-2022-JP 7bit / UTF-8 8bit / UTF-8 base64, CRLF line ends; e-application
notices carry Auto-Submitted: auto-generated; follow-ups come from the same address as the
item they join, later, with no In-Reply-To/References); every TIFF is 1728x2292, mode 1,
group4, 204x196 dpi, one frame; labels.tsv has one row per item and 15 columns; the values
are in their domains; referrals equal the taxonomy defaults; method and parcels follow from
the other columns by the rules.

Usage: /usr/bin/python3 check.py [--taxonomy PATH]   (default /work/shared/spec/taxonomy.tsv)
Exit status 0 when all checks pass.
"""
import email
import email.policy
import email.utils
import glob
import os
import re
import sys

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
COLS = ['file', 'channel', 'kind', 'category', 'urgent', 'referrals', 'copies', 'method', 'parcels',
        'requester', 'organisation', 'tokyo', 'sme', 'for_profit', 'joins']
EXPECTED_ROWS = 60

errors = []


def err(msg):
    errors.append(msg)


def load_taxonomy(path):
    tax = {}
    with open(path, encoding='utf-8') as f:
        head = f.readline().rstrip('\n').split('\t')
        ci, di = head.index('code'), head.index('default_referrals')
        for ln in f:
            p = ln.rstrip('\n').split('\t')
            if len(p) > di:
                tax[p[ci]] = p[di].strip()
    return tax


def expected_method(r):
    if r['category'] != 'material_request':
        return '-'
    if 'no' in (r['tokyo'], r['sme']) or r['for_profit'] == 'yes':
        return 'decline'
    if 'unknown' in (r['tokyo'], r['sme'], r['for_profit']) or r['copies'] == '-':
        return 'needs_info'
    n = int(r['copies'])
    if n <= 10:
        return 'mail_free'
    if n <= 49:
        return 'pickup_or_cod'
    return 'deferred'


def expected_parcels(method, copies):
    if method == 'mail_free':
        return 'envelope60x1'
    if method != 'deferred':
        return '-'
    n = int(copies)
    h, rest = divmod(n, 100)
    parts = []
    if rest == 0:
        parts.append('box100x%d' % h)
    elif rest <= 50:
        if h:
            parts.append('box100x%d' % h)
        parts.append('box80x1')
    else:
        parts.append('box100x%d' % (h + 1))
    return '+'.join(parts)


def check_mail(path, row, msgids):
    raw = open(path, 'rb').read()
    if re.search(rb'(?<!\r)\n', raw):
        err('%s: bare LF (not CRLF)' % path)
    m = email.message_from_bytes(raw, policy=email.policy.default)
    for h in ('From', 'To', 'Subject', 'Date', 'Message-ID', 'MIME-Version', 'Content-Type',
              'Content-Transfer-Encoding'):
        if m[h] is None:
            err('%s: missing %s' % (path, h))
    if str(m['To']).strip() != 'soudan@desk.example.jp':
        err('%s: To is %r' % (path, str(m['To'])))
    if m.get_content_type() != 'text/plain':
        err('%s: not text/plain' % path)
    cs = (m.get_content_charset() or '').lower()
    cte = str(m['Content-Transfer-Encoding']).lower()
    if (cs, cte) not in (('iso-2022-jp', '7bit'), ('utf-8', '8bit'), ('utf-8', 'base64')):
        err('%s: charset/encoding %s/%s' % (path, cs, cte))
    try:
        body = m.get_content()
        if not body.strip():
            err('%s: empty body' % path)
    except Exception as e:  # noqa: BLE001
        err('%s: body does not decode: %s' % (path, e))
    d = email.utils.parsedate_to_datetime(str(m['Date']))
    if d.year != 2026:
        err('%s: date not in 2026' % path)
    mid = str(m['Message-ID'])
    if mid in msgids:
        err('%s: duplicate Message-ID' % path)
    msgids.add(mid)
    subj = str(m['Subject'])
    if not subj.strip():
        err('%s: empty subject' % path)
    addr = email.utils.parseaddr(str(m['From']))[1]
    for dom in [addr.split('@')[-1]]:
        if not re.search(r'(^|\.)example\.(jp|com|co\.jp)$', dom):
            err('%s: sender domain %s not under example.*' % (path, dom))
    if row['channel'] == 'eapp' and str(m.get('Auto-Submitted', '')).strip() != 'auto-generated':
        err('%s: e-application notice without Auto-Submitted: auto-generated' % path)
    if row['channel'] != 'eapp' and m.get('Auto-Submitted'):
        err('%s: Auto-Submitted on a non-eapp item' % path)
    if row['kind'] == 'followup' and (m.get('In-Reply-To') or m.get('References')):
        err('%s: follow-up carries In-Reply-To/References' % path)
    return addr, d


def check_tif(path):
    im = Image.open(path)
    if im.size != (1728, 2292):
        err('%s: size %s' % (path, im.size))
    if im.mode != '1':
        err('%s: mode %s' % (path, im.mode))
    if im.info.get('compression') != 'group4':
        err('%s: compression %s' % (path, im.info.get('compression')))
    dpi = im.info.get('dpi')
    if not dpi or round(float(dpi[0])) != 204 or round(float(dpi[1])) != 196:
        err('%s: dpi %s' % (path, dpi))
    if getattr(im, 'n_frames', 1) != 1:
        err('%s: %d frames' % (path, im.n_frames))


def main():
    tax_path = '/work/shared/spec/taxonomy.tsv'
    if '--taxonomy' in sys.argv:
        tax_path = sys.argv[sys.argv.index('--taxonomy') + 1]
    tax = load_taxonomy(tax_path)
    lab_path = os.path.join(HERE, 'labels.tsv')
    lines = open(lab_path, encoding='utf-8').read().split('\n')
    if lines[-1] == '':
        lines.pop()
    if lines[0].split('\t') != COLS:
        err('labels.tsv: bad header')
    rows = []
    for i, ln in enumerate(lines[1:], 2):
        p = ln.split('\t')
        if len(p) != 15:
            err('labels.tsv:%d: %d columns' % (i, len(p)))
            continue
        rows.append(dict(zip(COLS, p)))
    if len(rows) != EXPECTED_ROWS:
        err('labels.tsv: %d rows, expected %d' % (len(rows), EXPECTED_ROWS))
    files = sorted(os.path.basename(f) for f in glob.glob(os.path.join(HERE, '*.eml')) + glob.glob(os.path.join(HERE, '*.tif')))
    if sorted(r['file'] for r in rows) != files:
        err('labels.tsv files differ from the item files on disk')
    byfile = {r['file']: r for r in rows}
    msgids = set()
    sender = {}
    for r in rows:
        path = os.path.join(HERE, r['file'])
        if not os.path.exists(path):
            err('%s: missing' % r['file'])
            continue
        # domains
        if r['channel'] not in ('mail', 'fax', 'eapp'):
            err('%s: channel %s' % (r['file'], r['channel']))
        if r['kind'] not in ('consultation', 'material_request', 'followup'):
            err('%s: kind %s' % (r['file'], r['kind']))
        if r['category'] not in tax:
            err('%s: category %s not in taxonomy' % (r['file'], r['category']))
        if r['kind'] == 'material_request' and r['category'] != 'material_request':
            err('%s: material_request kind with category %s' % (r['file'], r['category']))
        if r['kind'] == 'consultation' and r['category'] == 'material_request':
            err('%s: consultation with category material_request' % r['file'])
        if r['urgent'] not in ('yes', 'no'):
            err('%s: urgent %s' % (r['file'], r['urgent']))
        if r['category'] == 'material_request' and r['urgent'] != 'no':
            err('%s: guidebook request marked urgent' % r['file'])
        for c in ('tokyo', 'sme'):
            if r[c] not in ('yes', 'no', 'unknown'):
                err('%s: %s %s' % (r['file'], c, r[c]))
        if r['category'] == 'material_request':
            if r['for_profit'] not in ('yes', 'no', 'unknown'):
                err('%s: for_profit %s' % (r['file'], r['for_profit']))
            if r['copies'] != '-' and not re.fullmatch(r'[1-9][0-9]*', r['copies']):
                err('%s: copies %s' % (r['file'], r['copies']))
        else:
            if r['copies'] != '-' or r['for_profit'] != '-':
                err('%s: consultation with copies/for_profit' % r['file'])
        exp_ref = '' if r['category'] == 'material_request' else tax.get(r['category'], '')
        if r['referrals'] != exp_ref:
            err('%s: referrals %r, taxonomy default %r' % (r['file'], r['referrals'], exp_ref))
        em = expected_method(r)
        if r['method'] != em:
            err('%s: method %s, rules give %s' % (r['file'], r['method'], em))
        ep = expected_parcels(em, r['copies'])
        if r['parcels'] != ep:
            err('%s: parcels %s, rules give %s' % (r['file'], r['parcels'], ep))
        if not r['requester'] or not r['organisation']:
            err('%s: empty requester/organisation (use -)' % r['file'])
        ext = os.path.splitext(r['file'])[1]
        if (r['channel'] == 'fax') != (ext == '.tif'):
            err('%s: channel %s with extension %s' % (r['file'], r['channel'], ext))
        if ext == '.tif':
            check_tif(path)
        else:
            sender[r['file']] = check_mail(path, r, msgids)
    for r in rows:
        if r['kind'] == 'followup':
            j = r['joins']
            if j not in byfile:
                err('%s: joins %s, not in this half' % (r['file'], j))
                continue
            if r['file'] not in sender or j not in sender:
                err('%s: follow-up or its target is not a mail' % r['file'])
                continue
            if sender[r['file']][0] != sender[j][0]:
                err('%s: sender differs from %s' % (r['file'], j))
            if not sender[r['file']][1] > sender[j][1]:
                err('%s: not later than %s' % (r['file'], j))
            if byfile[j]['category'] != r['category']:
                err('%s: category differs from joined item' % r['file'])
        elif r['joins'] != '-':
            err('%s: joins set on a non-follow-up' % r['file'])
    if errors:
        for e in errors:
            print('FAIL', e)
        print('%d problem(s)' % len(errors))
        sys.exit(1)
    print('OK: %d items, all checks passed' % len(rows))


if __name__ == '__main__':
    main()
