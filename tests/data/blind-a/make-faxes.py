#!/usr/bin/python3
# make-faxes.py: renders the fax items of this half (blind-a) from the hand-written
# contents below.  Each entry: output file name, then what is printed and written on the page.
FAXES = [
    ('a108.tif', {'layout': 'form', 'header': {'date': '2026/02/03 10:41', 'from': 'FAX 03-3762-51XX', 'name': 'ｱｵｿﾞﾗｾｲﾔｸ', 'page': 'P.001/001'}, 'values': {'date': '2/3', 'org': '青空製薬株式会社', 'name': '松岡 かおる', 'zip': '143-0016', 'addr': '大田区大森北2-X-X', 'tel': '03-3762-51XX', 'fax': '03-3762-51XY', 'industry': '医薬品製造', 'employees': '38名', 'copies': '5', 'purpose': '社内研修で使います', 'profit': 'いいえ', 'recv': '郵送', 'mark': 'check'}}),
    ('a109.tif', {'layout': 'form', 'header': {'date': 'FEB-24-2026 09:18', 'from': 'FROM:0335241XXX', 'name': 'MIYOSHI SHOKAI', 'page': 'P. 1'}, 'values': {'date': '2026.2.24', 'org': '三好商会', 'name': '三好 智之', 'zip': '103-0004', 'addr': '中央区東日本橋3-X-X', 'tel': '03-3524-1XXX', 'fax': '03-3524-1XXY', 'industry': '繊維卸', 'employees': '19名', 'copies': '100', 'purpose': '取引先の勉強会で無料配布', 'profit': 'いいえ', 'recv': '郵送', 'mark': 'fill'}}),
    ('a110.tif', {'layout': 'form', 'header': {'date': '2026/03/11 14:30', 'from': '03-6268-07XX', 'name': 'ｾｷｭﾘﾃｨﾗﾎﾞ', 'page': 'P.001/001'}, 'values': {'date': '3/11', 'org': '株式会社セキュリティラボ東京', 'name': '吉川 直人', 'zip': '105-0004', 'addr': '港区新橋4-X-X', 'tel': '03-6268-07XX', 'fax': '03-6268-07XY', 'industry': 'ITコンサル', 'employees': '12名', 'copies': '80', 'purpose': '当社有料セミナーの配布資料', 'profit': 'はい', 'recv': '郵送', 'mark': 'fill'}}),
    ('a111.tif', {'layout': 'cover', 'header': {'date': '2026/03/26 16:12', 'from': 'FAX 047-431-55XX', 'name': 'ﾅﾗｼﾉ ｺｳｷ', 'page': 'P.001/001'}, 'cover': {'title': 'ＦＡＸ送付状', 'head': [['To', '東京都 サイバーセキュリティ相談窓口 様'], ['From', '習志野工機株式会社\u3000管理課\u3000新井 悠'], ['住所', '〒275-0016 千葉県習志野市津田沼3-X-X'], ['TEL', '047-431-55XX'], ['枚数', '本紙含め1枚']], 'body': ['いつもお世話になります。', 'ガイドブックの送付を希望します。', '~部数\u300012冊', '~社内教育用です', '', 'ご確認のほどお願いいたします。']}}),
    ('a112.tif', {'layout': 'form', 'header': {'date': '2026/04/09 19:40', 'from': '0424 81 27XX', 'name': '', 'page': 'P.01'}, 'values': {'date': '4月9日', 'org': '', 'name': '小西 房子', 'zip': '182-0022', 'addr': '調布市国領町3-X-X', 'tel': '042-481-27XX', 'fax': '042-481-27XX', 'industry': '', 'employees': '', 'copies': '3', 'purpose': '個人で勉強したいので', 'profit': 'いいえ', 'recv': '郵送', 'mark': 'maru'}, 'note': '会社ではなく個人ですがよろしくお願いします'}),
    ('a113.tif', {'layout': 'form', 'header': {'date': '2026/04/21 08:55', 'from': '03-3451-69XX', 'name': 'ﾄﾘﾂ ｼﾊﾞｳﾗ ｺｳｺｳ', 'page': 'P.001/001'}, 'values': {'date': '4/21', 'org': '東京都立芝浦商業高等学校', 'name': '教諭 石塚 恵', 'zip': '108-0023', 'addr': '港区芝浦4-X-X', 'tel': '03-3451-69XX', 'fax': '03-3451-69XY', 'industry': '学校', 'employees': '', 'copies': '40', 'purpose': '授業(情報処理)で生徒に配布', 'profit': 'いいえ', 'recv': '郵送', 'mark': 'circle'}}),
    ('a114.tif', {'layout': 'form', 'header': {'date': '2026/05/13 15:44', 'from': '0428 22 15XX', 'name': 'ｵｳﾒ ﾓｸｻﾞｲ', 'page': 'P.001/001'}, 'values': {'date': '5/13', 'org': '青梅木材株式会社', 'name': '清水 和夫', 'zip': '198-0042', 'addr': '青梅市東青梅2-X-X', 'tel': '0428-22-15XX', 'fax': '0428-22-15XY', 'industry': '木材販売', 'employees': '21人', 'copies': '15', 'purpose': '社内で回覧', 'profit': 'いいえ', 'recv': '郵送', 'mark': 'x'}, 'note': '着払いでおねがいします'}),
    ('a115.tif', {'layout': 'form', 'header': {'date': '2026/05/27 10:10', 'from': 'FAX 042-799-03XX', 'name': 'ﾏﾁﾀﾞｷｶｲｺｳｷﾞｮｳ', 'page': 'P.001/001'}, 'values': {'date': '5/27', 'org': '町田機械工業株式会社', 'name': '佐久間 修', 'zip': '194-0035', 'addr': '町田市忠生1-X-X', 'tel': '042-799-03XX', 'fax': '042-799-03XY', 'industry': '機械製造', 'employees': '260名', 'copies': '250', 'purpose': '全社員と協力会社へ配布(無償)', 'profit': 'いいえ', 'recv': '郵送', 'mark': 'fill'}}),
    ('a116.tif', {'layout': 'form', 'header': {'date': '2026/06/10 09:33', 'from': '03-3799-21XX', 'name': 'ﾊﾈﾀﾞｿｳｺ', 'page': 'P.001/001'}, 'values': {'date': '6月10日', 'org': '羽田倉庫株式会社', 'name': '井口 雅人', 'zip': '144-0041', 'addr': '大田区羽田空港1-X-X', 'tel': '03-3799-21XX', 'fax': '03-3799-21XY', 'industry': '倉庫業', 'employees': '47名', 'copies': '49', 'purpose': '従業員研修(社内)', 'profit': 'いいえ', 'recv': '来所（窓口で受取）', 'mark': 'bigmaru'}}),
    ('a117.tif', {'layout': 'form', 'header': {'date': '2026/06/24 11:11', 'from': '03-3956-88XX', 'name': 'ｲｹﾌﾞｸﾛｼﾝｷﾝ ｺｳｷﾞｮｳ', 'page': 'P.001/001'}, 'values': {'date': '6/24', 'org': '池袋精工株式会社', 'name': '岩本 亜希', 'zip': '171-0014', 'addr': '豊島区池袋3-X-X', 'tel': '03-3956-88XX', 'fax': '03-3956-88XY', 'industry': '精密機器製造', 'employees': '58名', 'copies': '60', 'purpose': '全社員に配布します', 'profit': 'いいえ', 'recv': '郵送', 'mark': 'circle'}}),
    ('a118.tif', {'layout': 'cover', 'header': {'date': '2026/07/08 10:02', 'from': '03-3600-45XX', 'name': '', 'page': 'P.001/001'}, 'cover': {'title': 'ご相談', 'head': [['宛先', '東京都 中小企業サイバーセキュリティ相談窓口'], ['送信者', '~葛飾区 宝町 金田 茂（金田鉄工所）'], ['電話', '~03-3600-45XX']], 'body': ['~パソコンに\u3000ウイルスに感染しましたと出て', '~ピーピー音が鳴りやみません。', '~画面の電話番号にかけたら', '~今からパソコンを遠隔で直すので', '~カードの番号を教えろと言われています。', '~まだ教えていません。電話はつながったままです。', '~どうしたらいいか電話をください。'], 'foot': []}}),
    ('a119.tif', {'layout': 'form', 'header': {'date': '2026/07/22 09:09', 'from': '03-3845-71XX', 'name': 'ｱｻｸｻ ﾌﾞｯｸｽ', 'page': 'P.001/001'}, 'values': {'date': '7/22', 'org': '浅草ブックス', 'name': '横田 修二', 'zip': '111-0032', 'addr': '台東区浅草2-X-X', 'tel': '03-3845-71XX', 'fax': '03-3845-71XY', 'industry': '書店', 'employees': '5名', 'copies': '40', 'purpose': '店頭で販売したい', 'profit': 'はい', 'recv': '郵送', 'mark': 'fill'}}),
    ('a120.tif', {'layout': 'cover', 'header': {'date': '2026/08/05 10:40', 'from': 'FAX 03-3726-14XX', 'name': 'ｵｵﾀｷｶｲｷﾝｿﾞｸ', 'page': 'P.001/001'}, 'cover': {'title': 'FAX送信票', 'head': [['宛先', '東京都中小企業サイバーセキュリティ相談窓口 様'], ['発信者', '大田機械金属工業協同組合加盟 丸山工業株式会社 丸山 哲'], ['住所', '〒146-0082 大田区池上8-X-X'], ['TEL', '03-3726-14XX'], ['送信枚数', '1枚']], 'body': ['いつもお世話になっております。', 'ガイドブックの送付をお願いします。', ['opt', '営利目的の利用：', ['あり', 'なし'], 'なし', 'glyph'], ['opt', '受取方法：', ['郵送', '来所'], '郵送', 'glyph'], '~部数 200部', '~(当社 従業員 35名)', '組合の研修会で加盟各社に無償配布します。', '送付先は上記住所の丸山あてにお願いします。']}}),
    ('a121.tif', {'layout': 'cover', 'header': {'date': '2026/08/26 14:20', 'from': '0426 46 73XX', 'name': '', 'page': 'P.001/001'}, 'cover': {'title': '迷惑FAXについて', 'head': [['あて先', '~東京都 サイバーセキュリティ相談窓口'], ['送信者', '~八王子 石材店 石渡'], ['電話', '~042-646-73XX']], 'body': ['~毎日10枚以上 広告のFAXが来ます', '~止める方法はありますか', '~紙代がかかって困っています'], 'foot': []}}),
    ('a122.tif', {'layout': 'form', 'header': {'date': '2026/09/09 13:37', 'from': '03 3980 51XX', 'name': 'ﾒｼﾞﾛ ｶｲｹｲ', 'page': 'P.001/001'}, 'values': {'date': '9/9', 'org': '目白会計事務所', 'name': '堀内 純子', 'zip': '171-0031', 'addr': '豊島区目白2-X-X', 'tel': '03-3980-51XX', 'fax': '03-3980-51XY', 'industry': '会計事務所', 'employees': '8名', 'copies': '25', 'purpose': '顧問先へ無料配布', 'profit': 'いいえ', 'recv': '郵送', 'mark': 'circle'}, 'note': '郵送(着払い)希望です'}),
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
