#!/usr/bin/python3
# make-faxes.py: renders the fax items of this half (blind-b) from the hand-written
# contents below.  Each entry: output file name, then what is printed and written on the page.
FAXES = [
    ('b108.tif', {'layout': 'form', 'header': {'date': '2026/02/17 15:02', 'from': '042 524 38XX', 'name': 'ﾀﾁｶﾜｺｳｷﾞｮｳ', 'page': 'P.01/01'}, 'values': {'date': '令和8年2月17日', 'org': '立川工業株式会社', 'name': '須藤 健', 'zip': '190-0022', 'addr': '立川市錦町5-X-X', 'tel': '042-524-38XX', 'fax': '042-524-38XY', 'industry': '金属加工', 'employees': '56人', 'copies': '20', 'purpose': '社員教育', 'profit': 'いいえ', 'recv': '来所（窓口で受取）', 'mark': 'circle'}}),
    ('b109.tif', {'layout': 'form', 'header': {'date': '2026/03/05 11:56', 'from': 'FAX:03-5913-26XX', 'name': 'ｶｼﾞﾜﾗ ﾃﾞﾝｾﾂ', 'page': 'P.001/001'}, 'values': {'date': '3月5日', 'org': '梶原電設', 'name': '梶原 勉', 'zip': '114-0023', 'addr': '北区滝野川6-X-X', 'tel': '03-5913-26XX', 'fax': '03-5913-26XX', 'industry': '電気工事', 'employees': '7名', 'copies': '', 'purpose': '従業員に読ませたい', 'profit': 'いいえ', 'recv': '郵送', 'mark': 'tick'}}),
    ('b110.tif', {'layout': 'cover', 'header': {'date': '2026/03/19 09:47', 'from': 'FAX 03 3641 22XX', 'name': 'ﾌｶｶﾞﾜ ｲﾝｻﾂ', 'page': 'P.001/001'}, 'cover': {'title': 'FAX送信票', 'head': [['宛先', '東京都中小企業サイバーセキュリティ相談窓口 御中'], ['FAX', '03-5388-1461'], ['発信元', '深川印刷有限会社\u3000総務\u3000土井 明美'], ['住所', '〒135-0033 東京都江東区深川2-X-X'], ['TEL/FAX', '03-3641-22XX / 03-3641-22XY'], ['日付', '2026年3月19日']], 'body': ['いつもお世話になっております。', '先日お電話でお願いしましたガイドブックの送付先をお送りします。', '部数：10冊', '用途：社内の勉強会（従業員16名）。社外での配布や販売はいたしません。', '送付先：上記住所 深川印刷有限会社 総務 土井 宛', '', 'どうぞよろしくお願いいたします。'], 'foot': ['深川印刷有限会社']}}),
    ('b111.tif', {'layout': 'form', 'header': {'date': '2026/04/02 10:05', 'from': '03 3633 70XX', 'name': 'ｽﾐﾀﾞｺﾞﾑ', 'page': 'P.001/001'}, 'values': {'date': '4/2', 'org': '隅田ゴム工業株式会社', 'name': '河野 卓也', 'zip': '131-0031', 'addr': '墨田区墨田4-X-X', 'tel': '03-3633-70XX', 'fax': '03-3633-70XY', 'industry': 'ゴム製品製造', 'employees': '140名', 'copies': '130', 'purpose': '全従業員に配布(無償)', 'profit': 'いいえ', 'recv': '郵送', 'mark': 'glyph'}}),
    ('b112.tif', {'layout': 'form', 'header': {'date': 'APR-15-2026 13:21', 'from': 'FROM:03 5700 18XX', 'name': 'ONODERA KENSETSU', 'page': 'P.1/1'}, 'values': {'date': 'R8.4.15', 'org': '小野寺建設株式会社', 'name': '小野寺 亮', 'zip': '152-0002', 'addr': '目黒区目黒本町1-X-X', 'tel': '03-5700-18XX', 'fax': '03-5700-18XY', 'industry': '建設業', 'employees': '64名', 'copies': '1箱', 'purpose': '協力会社への配布（無料）', 'profit': 'いいえ', 'recv': '郵送', 'mark': 'check'}}),
    ('b113.tif', {'layout': 'cover', 'header': {'date': '2026/05/07 11:30', 'from': 'FAX 03-6212-40XX', 'name': 'ｺﾞｳﾄﾞｳｼｮｳｼﾞ ｼﾞﾝｼﾞ', 'page': 'P.001/001'}, 'cover': {'title': 'FAX送信のご案内', 'head': [['宛先', '中小企業サイバーセキュリティ相談窓口 ご担当者様'], ['FAX番号', '03-5388-1461'], ['送信者', '合同商事株式会社 人事部 研修グループ 長嶋 学'], ['所在地', '〒100-0004 東京都千代田区大手町1-X-X'], ['送信枚数', '1枚（本状を含む）']], 'body': ['標記の件、下記のとおり依頼いたします。', '品名：中小企業向けサイバーセキュリティ対策の極意', '部数：40部', '用途：新任管理職研修（社内）', '当社概要：東証プライム上場\u3000従業員数 約5,600名', '', '以上']}}),
    ('b114.tif', {'layout': 'form', 'header': {'date': '2026/05/20 12:03', 'from': '03-3891-44XX', 'name': 'ﾆｼｵ ﾔｯｷｮｸ', 'page': 'P.001/001'}, 'values': {'date': '5/20', 'org': '西尾薬局', 'name': '西尾 恭子', 'zip': '116-0013', 'addr': '荒川区西日暮里5-X-X', 'tel': '03-3891-44XX', 'fax': '03-3891-44XY', 'industry': '調剤薬局', 'employees': '6名', 'copies': '8', 'purpose': '', 'profit': None, 'recv': '郵送', 'mark': 'tick'}}),
    ('b115.tif', {'layout': 'cover', 'header': {'date': '2026/06/03 17:25', 'from': '03 3910 62XX', 'name': '', 'page': 'P.01'}, 'cover': {'title': 'FAX', 'head': [['あて先', '~サイバーセキュリティ相談窓口 様'], ['差出人', '~板橋 そば処 やぶ福\u3000福田 正'], ['電話', '~03-3910-62XX'], ['住所', '~板橋区板橋2-X-X']], 'body': ['~ガイドブック\u30002冊\u3000ください', '~店で読みます', '~よろしくおねがいします']}}),
    ('b116.tif', {'layout': 'form', 'header': {'date': '2026/06/17 14:08', 'from': 'FAX 042-572-36XX', 'name': 'ｸﾆﾀﾁ ｾﾂﾋﾞ', 'page': 'P.001/001'}, 'values': {'date': '6/17', 'org': '国立設備工業', 'name': '大和田 誠', 'zip': '186-0002', 'addr': '国立市東1-X-X', 'tel': '042-572-36XX', 'fax': '042-572-36XY', 'industry': '設備工事', 'employees': '11名', 'copies': '11', 'purpose': '社員全員に1冊ずつ', 'profit': 'いいえ', 'recv': '来所（窓口で受取）', 'mark': 'check'}}),
    ('b117.tif', {'layout': 'form', 'header': {'date': '2026/07/01 16:50', 'from': '03 3712 09XX', 'name': 'ﾋﾞｭｰﾃｨｰｻﾛﾝ ﾐﾄﾞﾘ', 'page': 'P.001/001'}, 'values': {'date': '7/1', 'org': 'ビューティーサロン みどり', 'name': '緑川 さとみ', 'zip': '153-0051', 'addr': '目黒区上目黒2-X-X', 'tel': '03-3712-09XX', 'fax': '03-3712-09XX', 'industry': '美容業', 'employees': '4人', 'copies': '7', 'purpose': 'スタッフ用', 'profit': 'いいえ', 'recv': '郵送', 'mark': 'maru'}}),
    ('b118.tif', {'layout': 'form', 'header': {'date': '2026/07/15 13:13', 'from': 'FAX 03-5812-33XX', 'name': 'ﾕｼﾏ ｼｮｳｼﾞ', 'page': 'P.001/001'}, 'values': {'date': '7/15', 'org': '湯島商事株式会社', 'name': '南 博之', 'zip': '113-0034', 'addr': '文京区湯島3-X-X', 'tel': '03-5812-33XX', 'fax': '03-5812-33XY', 'industry': '卸売', 'employees': '', 'copies': '30', 'purpose': '社員教育', 'profit': 'いいえ', 'recv': '郵送', 'mark': 'check'}}),
    ('b119.tif', {'layout': 'form', 'header': {'date': '2026/07/29 15:55', 'from': '044 733 52XX', 'name': 'ﾑｻｼｺｽｷﾞ ﾃﾞﾝｷ', 'page': 'P.001/001'}, 'values': {'date': '7/29', 'org': 'むさしこすぎ電機', 'name': '杉山 光', 'zip': '211-0063', 'addr': '川崎市中原区小杉町1-X-X', 'tel': '044-733-52XX', 'fax': '044-733-52XY', 'industry': '家電販売', 'employees': '3名', 'copies': '2', 'purpose': '店で読む', 'profit': 'いいえ', 'recv': '郵送', 'mark': 'tick'}}),
    ('b120.tif', {'layout': 'form', 'header': {'date': '2026/08/19 11:48', 'from': '03-5437-66XX', 'name': 'ｼﾅｶﾞﾜ ｿﾌﾄ', 'page': 'P.001/001'}, 'values': {'date': '8/19', 'org': '品川ソフト開発合同会社', 'name': '朝倉 亮', 'zip': '140-0001', 'addr': '品川区北品川1-X-X', 'tel': '03-5437-66XX', 'fax': '03-5437-66XY', 'industry': 'ソフトウェア', 'employees': '9名', 'copies': '4', 'purpose': '社内勉強会', 'profit': 'いいえ', 'recv': '郵送', 'mark': 'x'}}),
    ('b121.tif', {'layout': 'cover', 'header': {'date': '2026/09/02 09:51', 'from': 'FAX 03-3648-20XX', 'name': 'ｶﾒｲﾄﾞ ｺｳｷﾞｮｳ', 'page': 'P.001/001'}, 'cover': {'title': 'FAX送信票', 'head': [['宛先', '東京都中小企業サイバーセキュリティ相談窓口'], ['送信者', '亀戸工業株式会社\u3000総務部\u3000秋山 美和'], ['住所', '〒136-0071 東京都江東区亀戸7-X-X'], ['TEL', '03-3648-20XX'], ['日付', '2026年9月2日']], 'body': ['ガイドブック送付のお願い', '部数：75部', '用途：全従業員への配布（社内教育）', ['opt', '営利目的：', ['はい', 'いいえ'], 'いいえ', 'check'], '従業員数：72名（プラスチック成形）', '発送は後納でお願いいたします。']}}),
    ('b122.tif', {'layout': 'form', 'header': {'date': '2026/09/16 10:26', 'from': '03-3844-09XX', 'name': 'ｶｯﾊﾟﾊﾞｼ ﾁｮｳﾘｷｸﾞ', 'page': 'P.001/001'}, 'values': {'date': '9/16', 'org': 'かっぱ橋調理器具 丸井商店', 'name': '丸井 義男', 'zip': '111-0036', 'addr': '台東区松が谷3-X-X', 'tel': '03-3844-09XX', 'fax': '03-3844-09XY', 'industry': '調理器具小売', 'employees': '6名', 'copies': '6', 'purpose': '店員教育', 'profit': 'いいえ', 'recv': '郵送', 'mark': 'bigmaru', 'mark2': 'check'}}),
]

# ---- renderer (identical in blind-a and blind-b) ----
# Draws each fax page at fax resolution (1728 x 2292 px = A4 at 204 x 196 dpi), prints the form
# or cover sheet with an installed Japanese font, writes the filled-in values with per-glyph
# jitter (size, rotation, baseline, stroke weight) to imitate handwriting, adds a fax header
# line, skew, blur and speckles, and stores the page as a bilevel TIFF, CCITT Group 4.
# Needs Pillow built with libtiff (Debian: python3-pil).  Usage: /usr/bin/python3 make-faxes.py
import os, random, math
from PIL import Image, ImageDraw, ImageFont, ImageFilter, ImageOps

W, H = 1728, 2292
GOTHIC = '/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf'
PGOTHIC = '/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf'
MINCHO = '/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf'
PMINCHO = '/usr/share/fonts/opentype/ipafont-mincho/ipamp.ttf'
_fc = {}

def font(path, size):
    k = (path, size)
    if k not in _fc:
        _fc[k] = ImageFont.truetype(path, size)
    return _fc[k]

def text(d, xy, s, size=30, path=GOTHIC):
    d.text(xy, s, font=font(path, size), fill=0)

def hand(img, xy, s, rnd, size=40, slant=0.0):
    """Write s glyph by glyph with irregular size, angle, baseline and weight."""
    x, y = xy
    base_path = rnd.choice([MINCHO, GOTHIC, PMINCHO])
    weight = rnd.choice([0, 0, 1])
    for ch in s:
        if ch == ' ':
            x += int(size * 0.45); continue
        sz = max(12, int(size * rnd.uniform(0.85, 1.15)))
        f = font(base_path, sz)
        g = Image.new('L', (sz * 2, sz * 2), 255)
        gd = ImageDraw.Draw(g)
        gd.text((sz // 2, sz // 2), ch, font=f, fill=0)
        w = min(1, weight + rnd.choice([0, 0, 0, 1]))
        if w == 1 and sz < 48:
            g = g.filter(ImageFilter.MinFilter(3))
        elif w == 1:
            g = g.filter(ImageFilter.MinFilter(5))
        g = g.rotate(rnd.uniform(-7, 7) + slant, resample=Image.BICUBIC, fillcolor=255)
        # thin shear to break the font's regularity
        sh = rnd.uniform(-0.12, 0.12)
        g = g.transform(g.size, Image.AFFINE, (1, sh, -sh * sz, 0, 1, 0), resample=Image.BICUBIC, fillcolor=255)
        mask = ImageOps.invert(g)
        img.paste(0, (int(x - sz // 2), int(y - sz // 2 + rnd.randint(-4, 4))), mask)
        adv = f.getlength(ch) if hasattr(f, 'getlength') else sz
        x += adv * rnd.uniform(0.92, 1.18) + rnd.randint(0, 3)
    return x

def wobbly(d, pts, rnd, width=3):
    out = []
    for (x, y) in pts:
        out.append((x + rnd.uniform(-2, 2), y + rnd.uniform(-2, 2)))
    d.line(out, fill=0, width=width, joint='curve')

def hand_check(d, x, y, s, rnd):
    # a pen tick over a box at (x, y) of size s
    wobbly(d, [(x + s * 0.1, y + s * 0.45), (x + s * 0.25, y + s * 0.6), (x + s * 0.4, y + s * 0.85),
               (x + s * 0.6, y + s * 0.45), (x + s * 0.85, y + s * 0.05), (x + s * 1.05, y - s * 0.25)],
           rnd, width=rnd.choice([3, 4, 5]))

def hand_circle(d, cx, cy, rx, ry, rnd):
    n = 40
    start = rnd.uniform(0, 2 * math.pi)
    pts = []
    for i in range(n + 4):
        a = start + 2 * math.pi * i / n
        r = 1 + rnd.uniform(-0.05, 0.05) + 0.04 * i / n
        pts.append((cx + rx * r * math.cos(a), cy + ry * r * math.sin(a)))
    d.line(pts, fill=0, width=rnd.choice([3, 4]), joint='curve')

def box(d, x, y, s):
    d.rectangle([x, y, x + s, y + s], outline=0, width=2)

def options(img, d, x, y, labels, chosen, style, rnd, size=32):
    """Print '□label' options; mark the chosen one with the given style."""
    pos = []
    for lab in labels:
        s = size - 4
        bx, by = x, y + 4
        if chosen == lab and style == 'glyph':
            text(d, (x, y), '☑', size)
        elif chosen == lab and style == 'fill':
            d.rectangle([bx, by, bx + s, by + s], fill=0)
        else:
            box(d, bx, by, s)
        text(d, (x + size + 6, y), lab, size)
        lw = font(GOTHIC, size).getlength(lab)
        pos.append((lab, bx, by, s, x + size + 6, lw))
        x += size + 6 + lw + 60
    for (lab, bx, by, s, tx, lw) in pos:
        if lab != chosen:
            continue
        if style == 'check':
            hand_check(d, bx, by, s, rnd)
        elif style == 'tick':
            hand(img, (bx - 6, by - 10), '✓', rnd, size=int(s * 1.6))
        elif style == 'circle':
            hand_circle(d, (bx + tx + lw) / 2, by + s / 2, (tx + lw - bx) / 2 + 18, s / 2 + 14, rnd)
        elif style == 'maru':
            hand(img, (bx - 4, by - 6), '○', rnd, size=int(s * 1.5))
        elif style == 'bigmaru':
            hand(img, (bx - 8, by - 10), '◯', rnd, size=int(s * 1.7))
        elif style == 'x':
            wobbly(d, [(bx + 2, by + 2), (bx + s - 2, by + s - 2)], rnd, 4)
            wobbly(d, [(bx + s - 2, by + 2), (bx + 2, by + s - 2)], rnd, 4)

def header_line(d, hd, rnd):
    y = 14
    f = font(GOTHIC, 22)
    parts = [hd.get('date', ''), hd.get('from', ''), hd.get('name', ''), hd.get('page', 'P.001/001')]
    xs = [20, 330, 720, 1500]
    for x, p in zip(xs, parts):
        d.text((x + rnd.randint(-3, 3), y), p, font=f, fill=0)

def desk_form(img, d, fx, rnd):
    v = fx['values']
    text(d, (1080, 90), '送信先 FAX 03-5388-1461', 30)
    text(d, (120, 150), '東京都中小企業サイバーセキュリティ相談窓口　行', 34)
    text(d, (330, 240), '【ガイドブック】送付依頼書', 60, MINCHO)
    text(d, (120, 340), '「中小企業向けサイバーセキュリティ対策の極意」の送付を希望します。', 28)
    text(d, (120, 380), '太枠内にご記入のうえ、FAXでお送りください。', 28)
    rows = [('記入日', 'date'), ('事業者名（屋号）', 'org'), ('ご担当者名', 'name'), ('郵便番号', 'zip'),
            ('ご住所', 'addr'), ('電話番号', 'tel'), ('FAX番号', 'fax'), ('業種', 'industry'),
            ('従業員数', 'employees'), ('希望部数', 'copies'), ('ご利用目的', 'purpose'),
            ('営利目的での利用', 'profit'), ('受取方法', 'recv')]
    top, left, mid, right, rh = 450, 110, 520, 1620, 118
    d.rectangle([left, top, right, top + rh * len(rows)], outline=0, width=5)
    for i, (lab, key) in enumerate(rows):
        y = top + i * rh
        if i:
            d.line([left, y, right, y], fill=0, width=2)
        text(d, (left + 20, y + 40), lab, 32)
        cy = y + 58
        if key == 'copies':
            bx = mid + 40
            d.rectangle([bx, y + 18, bx + 200, y + rh - 18], outline=0, width=3)
            text(d, (bx + 220, y + 40), '冊', 34)
            text(d, (bx + 300, y + 46), '（50冊以上は後納での発送となります）', 24)
            if v.get('copies'):
                hand(img, (bx + 40, cy), v['copies'], rnd, size=52)
        elif key == 'profit':
            options(img, d, mid + 40, y + 40, ['はい', 'いいえ'], v.get('profit'), v.get('mark', 'check'), rnd)
        elif key == 'recv':
            options(img, d, mid + 40, y + 40, ['郵送', '来所（窓口で受取）'], v.get('recv'), v.get('mark2', v.get('mark', 'check')), rnd)
        elif v.get(key):
            hand(img, (mid + 50, cy), v[key], rnd, size=v.get('hsize', 40))
    d.line([mid, top, mid, top + rh * len(rows)], fill=0, width=2)
    y = top + rh * len(rows) + 40
    for line in ['※ 送付の対象は都内の中小企業事業者の皆様です（個人の方、大企業、官公庁等は対象外）。',
                 '※ 営利を目的とした利用（転売、有料講座の教材など）はお受けできません。',
                 '※ 1～10冊は無料で郵送、11～49冊は窓口受取または着払い、50冊以上は後納で発送します。',
                 '※ PDF版はホームページからダウンロードできます。']:
        text(d, (120, y), line, 26); y += 44
    if fx.get('note'):
        hand(img, (140, y + 40), fx['note'], rnd, size=38)

def cover_sheet(img, d, fx, rnd):
    c = fx['cover']
    text(d, (560, 110), c.get('title', 'FAX送信票'), 64, MINCHO)
    d.line([110, 210, 1620, 210], fill=0, width=4)
    y = 250
    for lab, val in c['head']:
        text(d, (130, y), lab, 32)
        if val.startswith('~'):
            hand(img, (400, y + 18), val[1:], rnd, size=40)
        else:
            text(d, (400, y), val, 32)
        d.line([390, y + 48, 1600, y + 48], fill=0, width=1)
        y += 78
    y += 30
    d.rectangle([110, y, 1620, y + 1100], outline=0, width=3)
    yy = y + 40
    for line in c['body']:
        if isinstance(line, (tuple, list)) and line[0] == 'opt':
            _, lab, opts, chosen, style = line
            text(d, (150, yy), lab, 32)
            options(img, d, 150 + int(font(GOTHIC, 32).getlength(lab)) + 30, yy, opts, chosen, style, rnd)
        elif line.startswith('~'):
            hand(img, (160, yy + 20), line[1:], rnd, size=42)
            yy += 12
        else:
            text(d, (150, yy), line, 32, c.get('font', GOTHIC))
        yy += 62
    y = y + 1140
    for line in c.get('foot', []):
        text(d, (130, y), line, 28); y += 44

def degrade(img, rnd):
    img = img.rotate(rnd.uniform(-1.3, 1.3), resample=Image.BICUBIC, fillcolor=255, expand=False)
    img = img.filter(ImageFilter.GaussianBlur(rnd.uniform(0.5, 0.9)))
    d = ImageDraw.Draw(img)
    for _ in range(rnd.randint(600, 2200)):
        x, y = rnd.randrange(W), rnd.randrange(H)
        r = rnd.choice([0, 0, 0, 1, 1, 2])
        d.ellipse([x, y, x + r, y + r], fill=0)
    if rnd.random() < 0.4:
        x = rnd.randrange(W)
        d.line([x, 0, x + rnd.randint(-3, 3), H], fill=rnd.randint(40, 120), width=1)
    for _ in range(rnd.randint(0, 6)):
        x, y = rnd.randrange(W), rnd.randrange(H)
        d.rectangle([x, y, x + rnd.randint(2, 30), y + rnd.randint(1, 3)], fill=0)
    thr = rnd.randint(135, 175)
    return img.point(lambda p: 255 if p > thr else 0).convert('1')

def render(name, fx, outdir):
    rnd = random.Random(name)
    img = Image.new('L', (W, H), 255)
    d = ImageDraw.Draw(img)
    header_line(d, fx['header'], rnd)
    if fx['layout'] == 'form':
        desk_form(img, d, fx, rnd)
    else:
        cover_sheet(img, d, fx, rnd)
    img = degrade(img, rnd)
    img.save(os.path.join(outdir, name), compression='group4', dpi=(204, 196))

if __name__ == '__main__':
    here = os.path.dirname(os.path.abspath(__file__))
    for name, fx in FAXES:
        render(name, fx, here)
