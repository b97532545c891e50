"""faxforms.py - page layouts for the fax items, filled from a JSON spec.

Layouts:
  form A  the desk's guidebook request form (送付申込書), older ruled table
  form B  the desk's later 送付先連絡票, different order and labels
  cover_typed  a company's own word-processor FAX送信票 with a typed message
  cover_hand   a pre-printed FAX pad filled in by hand on ruled lines
  letter_typed a plain typed letter (no form)
Entries are handwritten with a Writer unless spec['typed_entries'] is true.
"""
import faxlib as fl

OPTS_IND = ['製造業', '建設業', '卸売業', '小売業', 'サービス業', 'その他']


def writer(spec, key='writer'):
    w = spec.get(key) or {}
    return fl.Writer(spec['seed'] * 7 + len(key), **w)


def put(p, x, y, text, spec, wr, size=None, **kw):
    """Entry text with baseline y: handwritten, or typed for PC-filled forms."""
    if not text:
        return x
    if spec.get('typed_entries'):
        sz = size or 32
        p.typed(x, y, text, sz, spec.get('entry_face', 'mincho'), anchor='ls')
        return x + p.textlen(text, sz, spec.get('entry_face', 'mincho'))
    return p.hand(x, y + kw.get('dy', 0), text, wr, size=(size or wr.size) * kw.get('scale', 1.0))


def options(p, x, y, labels, chosen, spec, wr, size=30, gap=46):
    """Print □label groups; mark the chosen one. Returns positions."""
    pos = {}
    cx = x
    for lb in labels:
        bs = int(size * 0.85)
        p.box(cx, y + 3, bs)
        p.typed(cx + bs + 8, y, lb, size)
        tw = p.textlen(lb, size)
        pos[lb] = (cx, y + 3, bs, cx + bs + 8, tw)
        cx += bs + 8 + tw + gap
    if chosen:
        lab, kind = chosen[0], chosen[1]
        bx, by, bs, tx, tw = pos[lab]
        if kind == 'circle_word':
            p.circle_word(tx, y, tw, size, wr)
        else:
            p.mark(kind, bx, by, bs, wr)
    return pos


def form_a(spec):
    p = fl.Page(spec['seed'])
    wr = writer(spec)
    f = spec['f']
    x0, x1, lx = 110, 1620, 400
    p.typed(110, 95, '東京都 中小企業サイバーセキュリティ相談窓口 行', 30)
    p.typed(110, 140, 'ＦＡＸ：０３－５３８８－１４６１', 30)
    p.typed(864, 215, '【ガイドブック】「中小企業向けサイバーセキュリティ対策の極意」', 34, 'mincho', anchor='ma')
    p.typed(864, 270, '送　付　申　込　書', 50, 'gothic', anchor='ma')
    p.typed(1010, 360, '申込日　　　　年　　　月　　　日', 30)
    if f.get('date'):
        yy, mm, dd = f['date']
        put(p, 1120, 388, yy, spec, wr, size=wr.size * 0.9)
        put(p, 1300, 388, mm, spec, wr, size=wr.size * 0.9)
        put(p, 1410, 388, dd, spec, wr, size=wr.size * 0.9)
    rows = [('事業者名\n（屋号）', 120), ('ご担当者名', 100), ('所在地', 170), ('電話番号', 90),
            ('メールアドレス', 90), ('業種', 95), ('資本金・従業員数', 95), ('希望部数', 105),
            ('利用目的', 150), ('営利目的', 90), ('受取方法', 90), ('備考', 130)]
    y = 420
    top = y
    p.rect(x0, top, x1, top + sum(h for _, h in rows), 3)
    ys = {}
    for lab, h in rows:
        p.line(x0, y, x1, y, 2)
        ls = lab.split('\n')
        for i, l in enumerate(ls):
            p.typed(x0 + 20, y + h / 2 - 18 * len(ls) + i * 36 + 2, l, 28)
        ys[ls[0]] = (y, h)
        y += h
    p.line(lx, top, lx, y, 2)
    # contents
    yy, h = ys['事業者名']
    put(p, lx + 30, yy + h - 35, f.get('org'), spec, wr)
    yy, h = ys['ご担当者名']
    p.typed(lx + 900, yy + 10, '部署', 22)
    put(p, lx + 30, yy + h - 28, f.get('person'), spec, wr)
    put(p, lx + 900, yy + h - 28, f.get('dept'), spec, wr, size=wr.size * 0.8)
    yy, h = ys['所在地']
    p.typed(lx + 15, yy + 12, '〒', 28)
    put(p, lx + 60, yy + 45, f.get('zip'), spec, wr, size=wr.size * 0.85)
    put(p, lx + 30, yy + 130, f.get('addr'), spec, wr)
    if f.get('addr2'):
        put(p, lx + 60, yy + 165, f.get('addr2'), spec, wr, size=wr.size * 0.85)
    yy, h = ys['電話番号']
    p.line(lx + 560, yy, lx + 560, yy + h, 2)
    p.typed(lx + 575, yy + 30, 'FAX', 28)
    put(p, lx + 25, yy + h - 25, f.get('tel'), spec, wr)
    put(p, lx + 650, yy + h - 25, f.get('fax'), spec, wr)
    yy, h = ys['メールアドレス']
    put(p, lx + 25, yy + h - 25, f.get('mail'), spec, wr)
    yy, h = ys['業種']
    options(p, lx + 20, yy + 30, OPTS_IND, f.get('industry'), spec, wr, size=26, gap=26)
    if f.get('industry_other'):
        p.typed(lx + 1100, yy + 30, '（　　　　　）', 26)
        put(p, lx + 1125, yy + 62, f['industry_other'], spec, wr, size=wr.size * 0.7)
    yy, h = ys['資本金・従業員数']
    p.typed(lx + 20, yy + 32, '資本金', 28)
    p.typed(lx + 460, yy + 32, '万円', 28)
    p.typed(lx + 620, yy + 32, '従業員数', 28)
    p.typed(lx + 1050, yy + 32, '人', 28)
    put(p, lx + 200, yy + h - 28, f.get('capital'), spec, wr, **f.get('capital_style', {}))
    put(p, lx + 850, yy + h - 28, f.get('employees'), spec, wr, **f.get('employees_style', {}))
    yy, h = ys['希望部数']
    p.line(lx + 40, yy + h - 22, lx + 330, yy + h - 22, 2)
    p.typed(lx + 340, yy + h - 58, '冊', 30)
    p.typed(lx + 420, yy + h - 52, '※1箱（50冊）単位でもお申込みいただけます', 22)
    q = f.get('qty')
    qs = f.get('qty_style', {})
    put(p, lx + 90 + qs.get('dx', 0), yy + h - 28, q, spec, wr, **qs)
    yy, h = ys['利用目的']
    lines = (f.get('purpose') or '').split('\n') if f.get('purpose') else []
    for i, l in enumerate(lines):
        put(p, lx + 30, yy + 55 + i * 52, l, spec, wr, size=wr.size * 0.9)
    yy, h = ys['営利目的']
    options(p, lx + 30, yy + 28, ['はい', 'いいえ'], f.get('profit'), spec, wr, size=30, gap=80)
    yy, h = ys['受取方法']
    options(p, lx + 30, yy + 28, ['郵送', '来所（窓口で受取）'], f.get('recv'), spec, wr, size=30, gap=80)
    yy, h = ys['備考']
    for i, l in enumerate((f.get('note') or '').split('\n') if f.get('note') else []):
        put(p, lx + 30, yy + 55 + i * 50, l, spec, wr, size=wr.size * 0.85)
    ny = y + 40
    for l in ['※送付の対象は、都内の中小企業事業者で、営利目的でないご利用に限ります。',
              '※10冊までは無料で郵送します。11冊以上は窓口でのお受取り、または着払いでの送付となります。',
              '※50冊以上は別途ご相談ください。PDF版はホームページからダウンロードできます。',
              '　ご記入いただいた個人情報は、ガイドブックの送付以外の目的には使用しません。']:
        p.typed(120, ny, l, 24)
        ny += 40
    p.typed(1610, ny + 30, '東京都 中小企業サイバーセキュリティ相談窓口', 22, anchor='ra')
    return p


def form_b(spec):
    p = fl.Page(spec['seed'])
    wr = writer(spec)
    f = spec['f']
    p.typed(120, 90, '送信先　東京都 中小企業サイバーセキュリティ相談窓口', 28)
    p.typed(120, 132, 'ＦＡＸ　03-5388-1461（送付状は不要です）', 28)
    p.rect(1240, 80, 1610, 170, 2)
    p.typed(1425, 92, '受付No.', 22, anchor='ma')
    p.typed(864, 230, 'ガイドブック　送付先連絡票', 52, 'mincho', anchor='ma')
    p.typed(864, 305, '「中小企業向けサイバーセキュリティ対策の極意」', 28, 'mincho', anchor='ma')
    x0, x1, lx = 110, 1620, 420
    rows = [('記入日', 80), ('必要冊数', 110), ('貴社名・屋号', 110), ('お名前', 95), ('送付先住所', 170),
            ('TEL / FAX', 90), ('E-mail', 90), ('企業規模', 130), ('ご利用目的', 170),
            ('営利目的での利用', 90), ('受取方法', 90), ('連絡事項', 120)]
    y = 370
    top = y
    ys = {}
    for lab, h in rows:
        p.rect(x0, y, x1, y + h, 2)
        p.d.rectangle([x0 + 2, y + 2, lx - 2, y + h - 2], fill=235)
        p.typed(x0 + 18, y + h / 2 - 16, lab, 28)
        ys[lab] = (y, h)
        y += h
    p.line(lx, top, lx, y, 2)
    yy, h = ys['記入日']
    p.typed(lx + 40, yy + 24, '２０２６年　　　月　　　日', 28)
    if f.get('date'):
        put(p, lx + 205, yy + h - 18, f['date'][1], spec, wr, size=wr.size * 0.9)
        put(p, lx + 335, yy + h - 18, f['date'][2], spec, wr, size=wr.size * 0.9)
    yy, h = ys['必要冊数']
    p.typed(lx + 330, yy + h - 56, '冊', 32)
    p.typed(lx + 420, yy + 18, '10冊まで：無料郵送　11～49冊：来所または着払い', 22)
    p.typed(lx + 420, yy + 52, '50冊以上：要相談（1箱50冊）', 22)
    qs = f.get('qty_style', {})
    put(p, lx + 80 + qs.get('dx', 0), yy + h - 25, f.get('qty'), spec, wr, **qs)
    yy, h = ys['貴社名・屋号']
    put(p, lx + 30, yy + h - 32, f.get('org'), spec, wr)
    yy, h = ys['お名前']
    put(p, lx + 30, yy + h - 26, f.get('person'), spec, wr)
    if f.get('dept'):
        put(p, lx + 700, yy + h - 26, f.get('dept'), spec, wr, size=wr.size * 0.8)
    yy, h = ys['送付先住所']
    p.typed(lx + 15, yy + 12, '〒　　　－', 28)
    put(p, lx + 60, yy + 45, f.get('zip'), spec, wr, size=wr.size * 0.85)
    put(p, lx + 30, yy + 125, f.get('addr'), spec, wr)
    if f.get('addr2'):
        put(p, lx + 60, yy + 162, f.get('addr2'), spec, wr, size=wr.size * 0.85)
    yy, h = ys['TEL / FAX']
    put(p, lx + 25, yy + h - 25, f.get('tel'), spec, wr)
    p.typed(lx + 570, yy + 28, '／', 30)
    put(p, lx + 640, yy + h - 25, f.get('fax'), spec, wr)
    yy, h = ys['E-mail']
    put(p, lx + 25, yy + h - 25, f.get('mail'), spec, wr)
    yy, h = ys['企業規模']
    p.typed(lx + 20, yy + 18, '資本金（出資金）', 24)
    p.typed(lx + 520, yy + 70, '円', 28)
    p.typed(lx + 620, yy + 18, '常時使用する従業員数', 24)
    p.typed(lx + 1100, yy + 70, '名', 28)
    put(p, lx + 60, yy + h - 28, f.get('capital'), spec, wr, **f.get('capital_style', {}))
    put(p, lx + 700, yy + h - 28, f.get('employees'), spec, wr, **f.get('employees_style', {}))
    yy, h = ys['ご利用目的']
    p.typed(lx + 20, yy + 12, '（例：社内研修、従業員への配布）', 22)
    lines = (f.get('purpose') or '').split('\n') if f.get('purpose') else []
    for i, l in enumerate(lines):
        put(p, lx + 30, yy + 90 + i * 50, l, spec, wr, size=wr.size * 0.9)
    yy, h = ys['営利目的での利用']
    options(p, lx + 30, yy + 28, ['はい', 'いいえ'], f.get('profit'), spec, wr, size=30, gap=80)
    yy, h = ys['受取方法']
    options(p, lx + 30, yy + 28, ['郵送（ゆうパック）', '来所'], f.get('recv'), spec, wr, size=30, gap=80)
    yy, h = ys['連絡事項']
    for i, l in enumerate((f.get('note') or '').split('\n') if f.get('note') else []):
        put(p, lx + 30, yy + 50 + i * 48, l, spec, wr, size=wr.size * 0.85)
    ny = y + 40
    for l in ['ご注意　送付は都内の中小企業事業者さまの非営利のご利用に限ります。',
              '　　　　有料セミナーでの配布、販売、商品への同梱はお受けできません。',
              '　　　　PDF版はホームページからダウンロードしていただけます。']:
        p.typed(120, ny, l, 24)
        ny += 40
    return p


def cover_typed(spec):
    """A company's own FAX送信票 (word processor)."""
    p = fl.Page(spec['seed'])
    f = spec['f']
    face = f.get('face', 'mincho')
    y = 110
    if f.get('logo'):
        p.typed(120, y, f['logo'], 34, 'gothic')
        y += 70
    p.typed(864, y, f.get('title', 'ＦＡＸ送信票'), 60, 'gothic', anchor='ma')
    y += 110
    p.line(120, y, 1610, y, 4)
    y += 30
    rows = f['rows']  # [(label, value)]
    for lab, val in rows:
        p.typed(140, y, lab, 30, face)
        p.typed(460, y, val, 30, face)
        y += 58
        p.dotted(140, y - 12, 1600)
    y += 40
    p.line(120, y, 1610, y, 2)
    y += 50
    sz = f.get('size', 31)
    for ln in f['body']:
        p.typed(150, y, ln, sz, face)
        y += sz * 1.7
    y += 40
    for ln in f.get('footer', []):
        p.typed(f.get('footer_x', 900), y, ln, 26, face)
        y += 42
    return p


def cover_hand(spec):
    """Pre-printed FAX pad, filled in by hand."""
    p = fl.Page(spec['seed'])
    wr = writer(spec)
    f = spec['f']
    p.typed(120, 90, 'FAX', 90, 'gothic')
    p.typed(420, 135, f.get('pad_title', 'ファクシミリ送信のご案内'), 30, 'mincho')
    y = 270
    for lab, key in [('宛先', 'to'), ('', 'to2'), ('発信元', 'from'), ('', 'from2'), ('TEL', 'tel'), ('日付', 'date'), ('枚数', 'pages')]:
        if lab:
            p.typed(130, y - 40, lab, 28)
        p.line(300, y, 1600, y, 2)
        if f.get(key):
            put(p, 320, y - 10 + f.get('dy', 0), f[key], spec, wr)
        y += 78
    y += 30
    p.rect(120, y, 1610, 2180, 2)
    p.typed(140, y + 12, '通信欄', 26)
    y += 120
    ly = y
    while ly < 2150:
        p.line(150, ly, 1580, ly, 1)
        ly += 82
    for i, ln in enumerate(f['body']):
        put(p, 170 + (f.get('indent', [0] * 40)[i] if i < len(f.get('indent', [])) else 0), y - 12 + i * 82 + f.get('dy', 0), ln, spec, wr)
    return p


def letter_typed(spec):
    p = fl.Page(spec['seed'])
    f = spec['f']
    face = f.get('face', 'mincho')
    sz = f.get('size', 31)
    y = 120
    for ln in f['body']:
        if ln.startswith('>>'):
            p.typed(1610, y, ln[2:], sz, face, anchor='ra')
        elif ln.startswith('^^'):
            p.typed(864, y, ln[2:], sz + 8, 'gothic', anchor='ma')
        else:
            p.typed(130, y, ln, sz, face)
        y += sz * 1.72
    return p


LAYOUTS = {'form_a': form_a, 'form_b': form_b, 'cover_typed': cover_typed,
           'cover_hand': cover_hand, 'letter_typed': letter_typed}


def render(spec, path):
    p = LAYOUTS[spec['layout']](spec)
    fin = dict(spec.get('finish', {}))
    img = fl.finish(p, spec['seed'] * 13 + 1, spec['header'], **fin)
    fl.save(img, path)
