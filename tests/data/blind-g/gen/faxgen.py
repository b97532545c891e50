"""Fax page renderer for the evaluation set (deterministic given the seed).

Draws one A4 page at 1728x2292 (204x196 dpi): the desk's printed request form,
a typed cover sheet, or a stationery cover sheet filled by hand; handwriting is
set glyph by glyph in handwriting fonts with per-glyph jitter (size, angle,
baseline, weight); then the sending machine's header line, a small skew, blur,
noise, threshold, specks, short dashes and sometimes a streak; saved as
bilevel CCITT G4 TIFF.
"""
import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

W, H = 1728, 2292
FD = "/usr/share/fonts/"
FONT = {
    "gothic": FD + "opentype/ipafont-gothic/ipag.ttf",
    "pgothic": FD + "opentype/ipafont-gothic/ipagp.ttf",
    "mincho": FD + "opentype/ipafont-mincho/ipam.ttf",
    "exgothic": FD + "opentype/ipaexfont-gothic/ipaexg.ttf",
    "exmincho": FD + "opentype/ipaexfont-mincho/ipaexm.ttf",
    # Japanese handwriting
    "kiloji": FD + "truetype/kiloji/kiloji.ttf",
    "kiloji_b": FD + "truetype/kiloji/kiloji_b.ttf",
    "kiloji_d": FD + "truetype/kiloji/kiloji_d.ttf",
    "kiloji_p": FD + "truetype/kiloji/kiloji_p.ttf",
    "klee": FD + "truetype/klee/KleeOne-Regular.ttf",
    "klee_sb": FD + "truetype/klee/KleeOne-SemiBold.ttf",
    "yoz_r": FD + "truetype/yozvox-yozfont/YOzREF.ttf",
    "yoz_c": FD + "truetype/yozvox-yozfont/YOzRCF.ttf",
    "yoz_b": FD + "truetype/yozvox-yozfont/YOzBNF.ttf",
    "soseki": FD + "truetype/aoyagi-soseki/aoyagi-soseki.ttf",
    # Latin / digits handwriting
    "humor": FD + "truetype/humor-sans/Humor-Sans.ttf",
    "dkg": FD + "truetype/fifthhorseman/dkg.ttf",
    "dkg_bi": FD + "truetype/fifthhorseman/dkgBI.ttf",
    "bwl": FD + "opentype/bwht/BecauseWeLearn-Regular.otf",
    "bwo": FD + "opentype/bwht/BecauseWeOrganize-Regular.otf",
    "bwm": FD + "opentype/bwht/BecauseWeMentor-Regular.otf",
    "bwc": FD + "opentype/bwht/BecauseWeCreate-Regular.otf",
    "breip": FD + "truetype/breip/Breip.ttf",
    "femke": FD + "truetype/femkeklaver/femkeklaver.ttf",
}

_fcache = {}


def font(name, size):
    k = (name, int(size))
    if k not in _fcache:
        _fcache[k] = ImageFont.truetype(FONT[name], int(size))
    return _fcache[k]


_cover = {}


def covers(name, ch):
    k = (name, ch)
    if k not in _cover:
        f = font(name, 48)
        m = f.getmask(ch)
        if m.getbbox() is None:
            _cover[k] = ch.isspace()
        else:
            nd = f.getmask("\U000F0001")
            _cover[k] = not (m.size == nd.size and bytes(m) == bytes(nd))
    return _cover[k]


_lscale = {}


def latin_scale(name):
    """Bring the digit height of a Latin handwriting font near that of the kana fonts."""
    if name not in _lscale:
        b = font(name, 100).getbbox("8")
        _lscale[name] = min(1.25, max(0.65, 76.0 / max(1, b[3] - b[1])))
    return _lscale[name]


# ---------------------------------------------------------------- typed text
def typed(img, xy, text, name="gothic", size=30, fill=0, anchor="la"):
    d = ImageDraw.Draw(img)
    d.text(xy, text, font=font(name, size), fill=fill, anchor=anchor)
    return d.textbbox(xy, text, font=font(name, size), anchor=anchor)


def typed_wrap(img, x, y, text, width, name="mincho", size=30, lh=1.6):
    """Wrap text to width px (character-wise, kinsoku-light); return next y."""
    f = font(name, size)
    for para in text.split("\n"):
        line = ""
        for ch in para:
            if f.getlength(line + ch) > width and ch not in "、。」）":
                typed(img, (x, y), line, name, size)
                y += int(size * lh)
                line = ch
            else:
                line += ch
        typed(img, (x, y), line, name, size)
        y += int(size * lh)
    return y


# ---------------------------------------------------------------- handwriting
FW2ASCII = {chr(0xFF10 + i): str(i) for i in range(10)}
FW2ASCII.update({"－": "-", "（": "(", "）": ")", "＠": "@", "．": ".", "，": ","})


class Writer:
    """One person's hand: fonts and jitter."""

    def __init__(self, rng, jfont="kiloji", lfont="humor", size=44, jit=1.0, weight=0,
                 slant=0.0, spacing=0.06, digit_scale=1.0, ascii_digits=True):
        self.rng = rng
        self.jfont, self.lfont = jfont, lfont
        self.size, self.jit, self.weight = size, jit, weight
        self.slant, self.spacing, self.digit_scale = slant, spacing, digit_scale
        self.ascii_digits = ascii_digits

    def pick(self, ch):
        if ord(ch) < 128:
            for n in (self.lfont, "humor", "klee"):
                if covers(n, ch):
                    return n
        for n in (self.jfont, "kiloji", "klee", "gothic"):
            if covers(n, ch):
                return n
        return "gothic"


def hand(img, x, y, text, w, size=None, drift=None):
    """Write text by hand starting at (x, y) = left end of the baseline-ish top.
    Returns the bbox (x0, y0, x1, y1) of what was written."""
    rng = w.rng
    size = size or w.size
    drift = rng.gauss(0, 0.012) if drift is None else drift
    x0, cx = x, float(x)
    ymin, ymax = 10 ** 9, -1
    for ch in text:
        if w.ascii_digits and ch in FW2ASCII:
            ch = FW2ASCII[ch]
        if ch in " 　":
            cx += size * (0.35 if ch == " " else 0.8) * (1 + rng.gauss(0, 0.15))
            continue
        name = w.pick(ch)
        s = size * math.exp(rng.gauss(0, 0.07 * w.jit))
        if ord(ch) < 128:
            s *= latin_scale(name)
        if ch.isdigit() and ord(ch) < 128:
            s *= w.digit_scale
        elif ord(ch) < 128 and ch.islower():
            s *= 1.0
        f = font(name, max(8, s))
        pad = int(s * 0.6)
        gw = int(f.getlength(ch)) + 2 * pad
        gh = int(s * 1.5) + 2 * pad
        m = Image.new("L", (gw, gh), 0)
        ImageDraw.Draw(m).text((pad, pad), ch, font=f, fill=255)
        ang = rng.gauss(0, 3.0 * w.jit) - w.slant
        m = m.rotate(ang, resample=Image.BICUBIC, expand=False)
        wt = w.weight + (1 if rng.random() < 0.06 * w.jit else 0)
        if wt > 0:
            m = m.filter(ImageFilter.MaxFilter(2 * wt + 1))
        elif wt < 0:
            m = m.filter(ImageFilter.MinFilter(3))
        by = y + (cx - x0) * drift + rng.gauss(0, 2.2 * w.jit) - pad
        img.paste(0, (int(cx) - pad, int(by)), m)
        bb = m.getbbox()
        if bb:
            ymin = min(ymin, int(by) + bb[1])
            ymax = max(ymax, int(by) + bb[3])
        adv = f.getlength(ch)
        cx += adv * (1 + w.spacing + rng.gauss(0, 0.05 * w.jit))
    if ymax < 0:
        ymin, ymax = y, y + size
    return (x0, ymin, int(cx), ymax)


def hand_lines(img, x, y, lines, w, lh=None, size=None):
    lh = lh or int((size or w.size) * 1.55)
    for i, ln in enumerate(lines):
        hand(img, x + int(w.rng.gauss(0, 4)), y + i * lh, ln, w, size=size)
    return y + len(lines) * lh


# ---------------------------------------------------------------- pen marks
def _stroke(d, pts, width):
    d.line(pts, fill=0, width=width, joint="curve")
    r = width / 2
    for (px, py) in (pts[0], pts[-1]):
        d.ellipse((px - r, py - r, px + r, py + r), fill=0)


def mark_check(img, box, rng, width=4, scale=1.0, off=(0, 0)):
    x0, y0, x1, y1 = box
    s = (x1 - x0) * scale
    cx, cy = (x0 + x1) / 2 + off[0], (y0 + y1) / 2 + off[1]
    a = (cx - s * 0.45 + rng.gauss(0, 2), cy - s * 0.05 + rng.gauss(0, 2))
    b = (cx - s * 0.1 + rng.gauss(0, 2), cy + s * 0.42 + rng.gauss(0, 2))
    c = (cx + s * 0.6 + rng.gauss(0, 3), cy - s * 0.75 + rng.gauss(0, 3))
    mid = ((b[0] + c[0]) / 2 + rng.gauss(0, 2), (b[1] + c[1]) / 2 + rng.gauss(0, 2))
    _stroke(ImageDraw.Draw(img), [a, b, mid, c], width)


def mark_cross(img, box, rng, width=4):
    x0, y0, x1, y1 = box
    e = (x1 - x0) * 0.15
    d = ImageDraw.Draw(img)
    _stroke(d, [(x0 - e + rng.gauss(0, 2), y0 - e + rng.gauss(0, 2)), (x1 + e + rng.gauss(0, 2), y1 + e + rng.gauss(0, 2))], width)
    _stroke(d, [(x1 + e + rng.gauss(0, 2), y0 - e + rng.gauss(0, 2)), (x0 - e + rng.gauss(0, 2), y1 + e + rng.gauss(0, 2))], width)


def mark_fill(img, box, rng, width=4):
    x0, y0, x1, y1 = box
    d = ImageDraw.Draw(img)
    d.rectangle((x0 + 2, y0 + 2, x1 - 2, y1 - 2), fill=0)
    # scribbled edges
    for i in range(4):
        yy = y0 + (y1 - y0) * (i + 0.5) / 4
        _stroke(d, [(x0 - rng.uniform(0, 4), yy + rng.gauss(0, 2)), (x1 + rng.uniform(0, 5), yy + rng.gauss(0, 2))], 3)


def ellipse_pts(cx, cy, rx, ry, rng, over=0.25):
    a0 = rng.uniform(0, 2 * math.pi)
    n = 80
    pts = []
    wob = [rng.gauss(0, 0.04) for _ in range(5)]
    for i in range(n + 1):
        t = a0 + (2 * math.pi + over) * i / n
        k = 1 + wob[0] * math.sin(t) + wob[1] * math.cos(2 * t) + wob[2] * i / n
        pts.append((cx + rx * k * math.cos(t), cy + ry * k * math.sin(t) + wob[3] * 20 * math.sin(3 * t)))
    return pts


def mark_circle(img, bbox, rng, width=4, pad=10):
    x0, y0, x1, y1 = bbox
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    rx, ry = (x1 - x0) / 2 + pad + 6, (y1 - y0) / 2 + pad
    _stroke(ImageDraw.Draw(img), ellipse_pts(cx, cy, rx, ry, rng, over=rng.uniform(0.1, 0.5)), width)


def mark_maru(img, box, rng, width=4):
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    r = (x1 - x0) * 0.38
    _stroke(ImageDraw.Draw(img), ellipse_pts(cx, cy, r, r, rng, over=0.2), width)


def apply_mark(img, opt, kind, rng, width=4):
    """opt = dict(box=..., word=...) of a printed option."""
    box, word = opt["box"], opt["word"]
    if kind == "check":
        mark_check(img, box, rng, width)
    elif kind == "check_big":
        mark_check(img, box, rng, width + 1, scale=1.7, off=(6, -10))
    elif kind == "check_out":  # tick beside the box, up and right, mostly outside it
        bw = box[2] - box[0]
        mark_check(img, (box[0] + int(bw * 0.7), box[1] - int(bw * 0.8), box[2] + int(bw * 0.7), box[3] - int(bw * 0.8)), rng, width)
    elif kind == "check_word":  # tick over the word
        mark_check(img, (word[0] + 10, word[1] - 20, word[0] + 50, word[3] - 20), rng, width)
    elif kind == "cross":
        mark_cross(img, box, rng, width)
    elif kind == "fill":
        mark_fill(img, box, rng, width)
    elif kind == "circle":
        mark_circle(img, (box[0], min(box[1], word[1]), word[2], max(box[3], word[3])), rng, width)
    elif kind == "circle_word":
        mark_circle(img, word, rng, width, pad=8)
    elif kind == "maru":
        mark_maru(img, box, rng, width)
    else:
        raise ValueError(kind)


# ---------------------------------------------------------------- the desk's form
FORM_TITLE = "「中小企業向けサイバーセキュリティ対策の極意」送付依頼書"
OPTS = {
    "industry": ["製造業", "卸売業", "小売業", "サービス業", "建設業", "その他（　　　　　）"],
    "purpose": ["社内研修・勉強会", "自己学習", "取引先・会員等への無料配布", "その他（　　　　　　　　　）"],
    "profit": ["はい", "いいえ"],
    "receive": ["郵送", "来所（窓口で受け取り）"],
}


def _options(img, x, y, opts, size=28, gap=36, maxx=1600, lh=48):
    res = []
    f = font("gothic", size)
    for o in opts:
        wlen = f.getlength(o)
        if x + size + 8 + wlen > maxx:
            x = _options.x0
            y += lh
        d = ImageDraw.Draw(img)
        bx = (x, y + 3, x + size - 2, y + size + 1)
        d.rectangle(bx, outline=0, width=2)
        wb = typed(img, (x + size + 8, y), o, "gothic", size)
        res.append({"box": bx, "word": wb})
        x = wb[2] + gap
    return res


def draw_form(img, rng):
    """Print the desk's request form; return geometry of fields and options."""
    g = {}
    L, R = 110, 1618
    typed(img, (L, 120), "FAX送信先：03-5388-1461", "gothic", 34)
    typed(img, (L, 172), "東京都 中小企業サイバーセキュリティ相談窓口　行", "gothic", 30)
    typed(img, (W // 2, 250), FORM_TITLE, "gothic", 44, anchor="ma")
    typed(img, (L, 330), "下記にご記入のうえ、FAXでお送りください。FAXをお持ちでない方は東京都電子申請をご利用ください。", "mincho", 24)
    typed(img, (1060, 380), "申込日", "mincho", 28)
    ImageDraw.Draw(img).line((1150, 412, 1600, 412), fill=0, width=1)
    g["date"] = (1170, 366)
    d = ImageDraw.Draw(img)
    rows = [("org", "事業者名\n（会社名・屋号）", 112), ("name", "ご担当者名", 100), ("addr", "所在地", 150),
            ("tel", "電話番号", 86), ("mail", "メールアドレス", 86), ("industry", "業種", 104),
            ("size", "資本金・\n従業員数", 92), ("copies", "必要部数", 104), ("purpose", "利用目的", 136),
            ("profit", "営利目的での\n利用", 92), ("receive", "受取方法", 92), ("shipto", "送付先\n（所在地と異なる場合）", 136),
            ("memo", "通信欄", 190)]
    y = 430
    lx = L + 330
    d.rectangle((L, y, R, y + sum(r[2] for r in rows)), outline=0, width=3)
    for key, label, h in rows:
        d.line((L, y, R, y), fill=0, width=2)
        ls = label.split("\n")
        for i, s in enumerate(ls):
            typed(img, (L + 16, y + h // 2 - 18 * len(ls) + 36 * i + 2), s, "gothic", 26 if len(s) < 9 else 21)
        g[key] = (lx + 20, y + 18, R - 20, y + h - 10)
        if key == "addr":
            typed(img, (lx + 20, y + 12), "〒", "gothic", 28)
            g["zip"] = (lx + 62, y + 12)
            g["addr_line"] = (lx + 22, y + 66)
        if key == "tel":
            mid = lx + (R - lx) // 2
            d.line((mid, y, mid, y + h), fill=0, width=2)
            typed(img, (mid + 14, y + 28), "FAX", "gothic", 26)
            g["fax"] = (mid + 90, y + 22)
            g["tel"] = (lx + 20, y + 22)
        if key == "mail":
            g["mail"] = (lx + 20, y + 22)
        if key == "size":
            typed(img, (lx + 20, y + 30), "資本金　　　　　　　万円　　常時使用する従業員数　　　　　名", "gothic", 26)
            g["capital"] = (lx + 130, y + 20)
            g["employees"] = (lx + 760, y + 20)
        if key == "copies":
            typed(img, (lx + 250, y + 42), "冊", "gothic", 30)
            typed(img, (lx + 330, y + 50), "※1箱＝50冊。11冊以上は来所または着払いとなります。", "mincho", 22)
            d.line((lx + 30, y + 80, lx + 240, y + 80), fill=0, width=1)
            g["copies"] = (lx + 60, y + 18)
        if key in OPTS:
            _options.x0 = lx + 20
            g["opt_" + key] = _options(img, lx + 20, y + (18 if key != "purpose" else 14), OPTS[key], maxx=R - 20)
            if key == "industry":
                o = g["opt_industry"][-1]["word"]
                g["industry_other"] = (o[0] + 110, o[1] - 6)
            if key == "purpose":
                o = g["opt_purpose"][-1]["word"]
                g["purpose_other"] = (o[0] + 90, o[1] - 8)
        if key in ("shipto", "memo"):
            g[key] = (lx + 20, y + 16)
        y += h
    d.line((lx, 430, lx, y), fill=0, width=2)
    notes = ["※送付の対象は、都内の中小企業事業者で、営利目的ではないご利用に限ります。",
             "※10冊までは無料で郵送します。11冊以上は窓口でお受け取りいただくか、着払いでの送付となります。",
             "※50冊以上の場合は、担当者から発送方法についてご連絡します。",
             "※PDF版は「サイバーセキュリティ対策の極意」ポータルサイトからダウンロードできます。"]
    yy = y + 24
    for n in notes:
        typed(img, (L, yy), n, "mincho", 24)
        yy += 38
    typed(img, (L, yy + 20), "東京都 中小企業サイバーセキュリティ相談窓口　TEL 03-5320-4773　FAX 03-5388-1461", "gothic", 24)
    typed(img, (R, yy + 70), "（2024.4 様式）", "mincho", 20, anchor="ra")
    return g


def fill_form(img, g, spec, w, rng):
    def at(key, text, dx=0, dy=0, size=None):
        if not text:
            return None
        x, y = g[key][0], g[key][1]
        return hand(img, x + dx + int(rng.gauss(0, 6)), y + dy + int(rng.gauss(0, 3)), text, w, size=size)

    at("date", spec.get("date"), dy=-4)
    at("org", spec.get("org"), dy=18)
    at("name", spec.get("name"), dy=14)
    at("zip", spec.get("zip"))
    if spec.get("addr"):
        for i, ln in enumerate(spec["addr"].split("\n")):
            hand(img, g["addr_line"][0] + int(rng.gauss(0, 5)), g["addr_line"][1] + i * 46, ln, w, size=int(w.size * 0.9))
    at("tel", spec.get("tel"), dx=10)
    at("fax", spec.get("fax"))
    at("mail", spec.get("mail"))
    at("capital", spec.get("capital"))
    at("employees", spec.get("employees"))
    if spec.get("industry_other"):
        at("industry_other", spec["industry_other"], size=int(w.size * 0.8))
    if spec.get("purpose_other"):
        at("purpose_other", spec["purpose_other"], size=int(w.size * 0.8))
    c = spec.get("copies")
    if c:
        big = spec.get("copies_size", 1.0)
        at("copies", c, dy=spec.get("copies_dy", 0), size=int(w.size * big))
    for key in ("industry", "purpose", "profit", "receive"):
        m = spec.get(key)
        if not m:
            continue
        for idx, kind in ([m] if isinstance(m[0], int) else m):
            apply_mark(img, g["opt_" + key][idx], kind, rng, width=spec.get("pen", 4))
    if spec.get("shipto"):
        hand_lines(img, g["shipto"][0], g["shipto"][1] + 6, spec["shipto"].split("\n"), w, size=int(w.size * 0.85), lh=50)
    if spec.get("memo"):
        hand_lines(img, g["memo"][0], g["memo"][1] + 4, spec["memo"].split("\n"), w, size=int(w.size * 0.8), lh=52)


# ---------------------------------------------------------------- cover sheets
def draw_cover_typed(img, spec, rng):
    L, R = 150, 1580
    fn = spec.get("font", "mincho")
    typed(img, (W // 2, 170), spec.get("title", "FAX送信票"), "gothic", 60, anchor="ma")
    d = ImageDraw.Draw(img)
    y = 300
    typed(img, (R, y), spec["date"], fn, 30, anchor="ra")
    y += 70
    rows = spec["rows"]
    d.rectangle((L, y, R, y + 72 * len(rows)), outline=0, width=2)
    for i, (k, v) in enumerate(rows):
        yy = y + 72 * i
        if i:
            d.line((L, yy, R, yy), fill=0, width=1)
        typed(img, (L + 20, yy + 20), k, "gothic", 28)
        typed(img, (L + 260, yy + 20), v, fn, 30)
    d.line((L + 240, y, L + 240, y + 72 * len(rows)), fill=0, width=1)
    y += 72 * len(rows) + 70
    y = typed_wrap(img, L, y, spec["body"], R - L, fn, spec.get("size", 32))
    if spec.get("sig"):
        y += 30
        for s in spec["sig"].split("\n"):
            typed(img, (R - 620, y), s, fn, 28)
            y += 44


def draw_cover_hand(img, spec, w, rng):
    """A stationery FAX cover ('FAX送信のご案内') filled in by hand."""
    L, R = 140, 1590
    d = ImageDraw.Draw(img)
    style = spec.get("pad", 0)
    if style == 0:
        typed(img, (W // 2, 150), "F A X  送 信 の ご 案 内", "mincho", 56, anchor="ma")
        labels = [("日付", 300), ("宛先", 390), ("FAX", 480), ("発信元", 570), ("TEL/FAX", 660), ("枚数", 750)]
        for lab, yy in labels:
            typed(img, (L, yy), lab, "mincho", 30)
            d.line((L + 170, yy + 42, R, yy + 42), fill=0, width=2)
        typed(img, (R - 60, 750), "枚", "mincho", 30)
        typed(img, (L, 850), "通信欄", "mincho", 30)
        for i in range(17):
            yy = 950 + i * 74
            d.line((L, yy, R, yy), fill=0, width=1)
        d.rectangle((L - 20, 830, R + 20, 950 + 16 * 74 + 40), outline=0, width=3)
        pos = {"date": (L + 190, 300), "to": (L + 190, 390), "tofax": (L + 190, 480), "from": (L + 190, 570),
               "fromtel": (L + 190, 660), "pages": (R - 180, 750), "body": (L + 10, 950 - 62), "lh": 74}
    else:
        typed(img, (L, 140), "FAX", "gothic", 90)
        typed(img, (L + 230, 178), "送付状", "gothic", 48)
        d.line((L, 260, R, 260), fill=0, width=5)
        labels = [("To", 320), ("From", 420), ("Date", 520), ("Pages", 620)]
        for lab, yy in labels:
            typed(img, (L, yy), lab, "gothic", 34)
            d.line((L + 160, yy + 46, L + 900, yy + 46), fill=0, width=1)
        typed(img, (L + 1000, 330), "□至急　□ご確認ください", "gothic", 28)
        typed(img, (L + 1000, 390), "□ご返信ください　□ご参考まで", "gothic", 28)
        d.line((L, 720, R, 720), fill=0, width=3)
        typed(img, (L, 740), "Message", "gothic", 30)
        for i in range(18):
            yy = 860 + i * 70
            d.line((L, yy, R, yy), fill=0, width=1, joint=None)
        pos = {"to": (L + 180, 320), "from": (L + 180, 420), "date": (L + 180, 520), "pages": (L + 180, 620),
               "body": (L + 10, 860 - 60), "lh": 70}
    for k in ("date", "to", "tofax", "from", "fromtel", "pages"):
        if spec.get(k) and k in pos:
            hand(img, pos[k][0] + int(rng.gauss(0, 8)), pos[k][1] - 4 + int(rng.gauss(0, 3)), spec[k], w)
    bx, by = pos["body"]
    hand_lines(img, bx, by, spec["body"].split("\n"), w, lh=pos["lh"], size=spec.get("bsize"))
    for kind, where in spec.get("marks", []):
        pass


# ---------------------------------------------------------------- fax machine
def header_text(h):
    f = h["fmt"]
    if f == 0:
        return "%s  %s        %s          P.%02d/%02d" % (h["date"], h["num"], h["name"], 1, 1)
    if f == 1:
        return "%s FROM:%s  ID:%s   PAGE %03d/%03d" % (h["date"], h["name"], h["num"], 1, 1)
    if f == 2:
        return "%s   送信元：%s   %s   No.%04d   P.1" % (h["date"], h["name"], h["num"], h.get("no", 17))
    if f == 3:
        return "%s  #%d P.001/001  %s" % (h["date"], h.get("no", 123), h["num"])
    return "%s    %s    %s" % (h["name"], h["num"], h["date"])


def fax_finish(img, spec, rng, path):
    h = spec["header"]
    hdr = Image.new("L", (W, 60), 255)
    txt = header_text(h)
    fn = h.get("font", "gothic")
    typed(hdr, (h.get("x", 40), 14), txt, fn, h.get("size", 26))
    if h.get("invert"):
        hdr = Image.eval(hdr, lambda v: 255 - v)
    # page content gets shifted a little as the sheet enters the feeder
    dx, dy = int(rng.gauss(0, 10)), int(abs(rng.gauss(30, 10)))
    sc = spec.get("scale", 1.0 - abs(rng.gauss(0, 0.012)))
    body = img.resize((int(W * sc), int(H * sc)), Image.BILINEAR)
    page = Image.new("L", (W, H), 255)
    page.paste(body, (dx + (W - body.size[0]) // 2, dy + 10))
    ang = spec.get("skew", rng.uniform(-1.1, 1.1))
    page = page.rotate(ang, resample=Image.BICUBIC, fillcolor=255)
    page.paste(hdr, (0, 0))
    a = np.asarray(page.filter(ImageFilter.GaussianBlur(spec.get("blur", rng.uniform(0.6, 1.3))))).astype(np.float32)
    a += np.random.default_rng(rng.randrange(1 << 30)).normal(0, spec.get("noise", 18), a.shape)
    thr = spec.get("thr", rng.uniform(125, 175))
    b = a < thr  # True = black
    r2 = np.random.default_rng(rng.randrange(1 << 30))
    for _ in range(spec.get("specks", rng.randrange(150, 900))):
        y, x = r2.integers(0, H - 3), r2.integers(0, W - 3)
        s = r2.integers(1, 4)
        b[y:y + s, x:x + s] = True
    for _ in range(spec.get("dashes", rng.randrange(10, 60))):
        y, x = r2.integers(60, H - 2), r2.integers(0, W - 20)
        b[y:y + r2.integers(1, 3), x:x + r2.integers(3, 16)] = True
    for _ in range(spec.get("drop", 0)):  # white drop-out lines across the page
        y = r2.integers(200, H - 200)
        b[y:y + r2.integers(1, 3), :] = False
    st = spec.get("streak")
    if st:
        x = st if isinstance(st, int) and st > 1 else int(r2.integers(100, W - 100))
        wdt = int(r2.integers(2, 5))
        col = b[:, x:x + wdt]
        gaps = r2.random(H) < 0.03
        col[~gaps, :] = True
    out = Image.fromarray(np.where(b, 0, 255).astype(np.uint8), "L").convert("1", dither=Image.NONE)
    out.save(path, compression="group4", dpi=(204, 196))


def render(spec, seed, path):
    rng = random.Random(seed)
    img = Image.new("L", (W, H), 255)
    wspec = dict(spec.get("writer", {}))
    w = Writer(rng, **wspec)
    t = spec["type"]
    if t == "form":
        g = draw_form(img, rng)
        fill_form(img, g, spec["fill"], w, rng)
    elif t == "cover_typed":
        draw_cover_typed(img, spec["cover"], rng)
        if spec.get("hand_note"):
            x, y, txt = spec["hand_note"]
            hand_lines(img, x, y, txt.split("\n"), w)
    elif t == "cover_hand":
        draw_cover_hand(img, spec["cover"], w, rng)
    else:
        raise ValueError(t)
    fax_finish(img, spec, rng, path)
