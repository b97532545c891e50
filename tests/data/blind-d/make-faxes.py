#!/usr/bin/python3
"""Render the 16 FAX pages d001.tif ... d016.tif of the evaluation set.

Each page: 1728 x 2292 px, 204 x 196 dpi, bilevel, CCITT group 4, one page.
Printed parts use IPA Gothic / IPA Mincho; filled-in values are drawn glyph by
glyph with jitter so that they look handwritten; check marks are pen strokes.
Deterministic: every page uses its own random.Random seeded from a fixed value.
"""
import math
import os
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

OUT = os.path.dirname(os.path.abspath(__file__))
GOTHIC = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"
MINCHO = "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf"
W, H = 1728, 2292
SEED = 20260301

_fonts = {}


def font(path, size):
    key = (path, int(size))
    if key not in _fonts:
        _fonts[key] = ImageFont.truetype(path, int(size))
    return _fonts[key]


def G(size):
    return font(GOTHIC, size)


def M(size):
    return font(MINCHO, size)


# ---------------------------------------------------------------- handwriting
class Pen:
    """One writer: base size, slant, stroke weight, spacing habits."""

    def __init__(self, rng, size=44, slant=0.0, weight=2, fontpath=GOTHIC, spacing=1.0):
        self.rng = rng
        self.size = size
        self.slant = slant
        self.weight = weight
        self.fontpath = fontpath
        self.spacing = spacing

    def write(self, page, x, y, text):
        """Write text with its top-left near (x, y); return the x after it."""
        rng = self.rng
        cx = float(x)
        for ch in text:
            if ch in " \u3000":
                cx += self.size * (0.35 if ch == " " else 0.8)
                continue
            s = self.size * rng.uniform(0.85, 1.15)
            f = font(self.fontpath, s)
            adv = f.getlength(ch)
            pad = int(s * 0.5) + 4
            gw, gh = int(adv) + 2 * pad, int(s) + 2 * pad
            g = Image.new("L", (gw, gh), 0)
            d = ImageDraw.Draw(g)
            offs = [(0, 0), (1, 0)] if self.weight <= 2 else [(0, 0), (1, 0), (0, 1), (1, 1)]
            if self.weight == 1:
                offs = [(0, 0)]
            for dx, dy in offs:
                d.text((pad + dx, pad + dy), ch, font=f, fill=255)
            sh = self.slant + rng.uniform(-0.08, 0.08)
            g = g.transform(g.size, Image.AFFINE, (1, sh, -sh * gh / 2, 0, 1, 0),
                            resample=Image.BILINEAR)
            g = g.rotate(rng.uniform(-6, 6), resample=Image.BILINEAR)
            top = y + (self.size - s) * 0.85 + rng.uniform(-4, 4)
            page.paste(0, (int(cx - pad), int(top - pad)), g)
            cx += adv * rng.uniform(0.9, 1.06) * self.spacing + self.size * 0.03
        return cx


def wobble_line(d, pts, rng, width=3):
    """Draw a polyline whose points wander slightly, like a pen stroke."""
    q = [(x + rng.uniform(-1.5, 1.5), y + rng.uniform(-1.5, 1.5)) for x, y in pts]
    d.line(q, fill=0, width=width, joint="curve")


def mark(page, rng, kind, box, word):
    """Mark one option. box and word are (x0, y0, x1, y1) rectangles."""
    d = ImageDraw.Draw(page)
    bx0, by0, bx1, by1 = box
    bw = bx1 - bx0
    if kind == "tick":  # big pen tick overflowing the box
        a = (bx0 - 4, by0 + bw * 0.45)
        b = (bx0 + bw * 0.35, by1 + 6)
        c = (bx1 + 14, by0 - 18)
        pts = [a, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + 2), b,
               ((b[0] + c[0]) / 2 - 2, (b[1] + c[1]) / 2), c]
        wobble_line(d, pts, rng, width=rng.choice([3, 4]))
    elif kind == "checkin":  # small tick inside the box: a ☑
        a = (bx0 + 4, by0 + bw * 0.5)
        b = (bx0 + bw * 0.42, by1 - 4)
        c = (bx1 - 2, by0 + 2)
        wobble_line(d, [a, b, c], rng, width=3)
    elif kind == "fill":  # box blacked in: a ■
        for i in range(0, int(bw), 2):
            wobble_line(d, [(bx0 + 1, by0 + 1 + i), (bx1 - 1, by0 + 1 + i + rng.uniform(-1, 1))],
                        rng, width=3)
    elif kind == "cross":  # × in the box
        wobble_line(d, [(bx0 - 2, by0 - 3), (bx1 + 3, by1 + 2)], rng, width=3)
        wobble_line(d, [(bx1 + 2, by0 - 2), (bx0 - 3, by1 + 3)], rng, width=3)
    elif kind in ("circle", "ellipse"):
        if kind == "circle":  # round circle around box and word
            x0, y0, x1, y1 = bx0 - 14, min(by0, word[1]) - 16, word[2] + 14, max(by1, word[3]) + 16
        else:  # hand-drawn ellipse around the option word only
            x0, y0, x1, y1 = word[0] - 18, word[1] - 14, word[2] + 18, word[3] + 14
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        rx, ry = (x1 - x0) / 2, (y1 - y0) / 2
        start = rng.uniform(0, 2 * math.pi)
        n = 60
        over = rng.uniform(0.15, 0.45)
        pts = []
        drift = rng.uniform(-0.08, 0.08)
        for i in range(n + 1):
            t = start + (2 * math.pi + over) * i / n
            r = 1 + drift * i / n + rng.uniform(-0.015, 0.015)
            pts.append((cx + rx * r * math.cos(t), cy + ry * r * math.sin(t)))
        d.line(pts, fill=0, width=3, joint="curve")
    else:
        raise ValueError(kind)


# ---------------------------------------------------------------- page noise
def finish(page, rng, header, path):
    """Fax header, rotation, blur, threshold, speckles; save as G4 TIFF."""
    d = ImageDraw.Draw(page)
    hx = 40 + rng.randint(0, 30)
    hy = 22 + rng.randint(0, 8)
    for dx in (0, 1):  # fax machines print the header in a heavier dot font
        d.text((hx + dx, hy), header, font=G(21), fill=0)
    ang = rng.uniform(-1.5, 1.5)
    page = page.rotate(ang, resample=Image.BICUBIC, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.0)))
    thr = rng.randint(135, 165)
    bw = page.point(lambda v: 255 if v > thr else 0).convert("1", dither=Image.Dither.NONE)
    d = ImageDraw.Draw(bw)
    for _ in range(rng.randint(150, 450)):
        x, y = rng.randrange(W), rng.randrange(H)
        r = rng.choice([0, 0, 0, 1, 1, 2])
        if r == 0:
            d.point((x, y), fill=0)
        else:
            d.ellipse((x, y, x + r, y + r), fill=0)
    for _ in range(rng.randint(3, 9)):
        x, y = rng.randrange(W - 40), rng.randrange(H)
        d.line((x, y, x + rng.randint(5, 28), y + rng.randint(-1, 1)), fill=0,
               width=rng.choice([1, 2]))
    if rng.random() < 0.4:
        x = rng.randrange(200, W - 200)
        for y in range(rng.randrange(0, 400), H - rng.randrange(0, 400)):
            if rng.random() < 0.45:
                d.point((x, y), fill=0)
    bw.save(path, format="TIFF", compression="group4", dpi=(204, 196))


# ---------------------------------------------------------------- desk form
L, R = 110, 1618
LABEL_W = 290


def wrap(text, fnt, width):
    """Wrap a note; continuation lines of a ・ item are indented one space."""
    lines, cur = [], ""
    for ch in text:
        if fnt.getlength(cur + ch) > width:
            lines.append(cur)
            cur = ("\u3000" if text.startswith("・") else "") + ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


def draw_options(d, x, y, options, fnt, gap=46):
    """Draw □option □option ... ; return {option: (box, word)}."""
    res = {}
    for opt in options:
        bs = 28
        box = (x, y + 2, x + bs, y + 2 + bs)
        d.rectangle(box, outline=0, width=2)
        wx = x + bs + 8
        d.text((wx, y), opt, font=fnt, fill=0)
        ww = fnt.getlength(opt)
        res[opt] = (box, (wx, y, wx + ww, y + fnt.size))
        x = wx + ww + gap
    return res


def draw_form(page):
    """Print the desk's request form; return positions of fields and options."""
    d = ImageDraw.Draw(page)
    pos = {}
    d.text((L, 95), "東京都中小企業サイバーセキュリティ相談窓口　行", font=G(30), fill=0)
    d.text((L, 137), "ＦＡＸ：０３－５３８８－１４６１", font=G(30), fill=0)
    d.text((1090, 137), "記入日　2026年　　月　　日", font=G(28), fill=0)
    pos["date_m"] = (1090 + G(28).getlength("記入日　2026年") + 4, 125)
    pos["date_d"] = (1090 + G(28).getlength("記入日　2026年　　月") + 4, 125)
    t = "【ガイドブック】送付依頼書"
    f = M(60)
    d.text(((W - f.getlength(t)) / 2, 205), t, font=f, fill=0)
    t = "「中小企業向けサイバーセキュリティ対策の極意」の送付を希望します。"
    f = M(28)
    d.text(((W - f.getlength(t)) / 2, 290), t, font=f, fill=0)

    rows = [("事業者名", 110), ("所在地", 140), ("ご担当者名", 100), ("電話番号", 88),
            ("ＦＡＸ番号", 88), ("業種", 100), ("従業員数・資本金", 105), ("希望部数", 100),
            ("利用目的", 150), ("営利目的", 88), ("受取方法", 88)]
    top = 350
    y = top
    fl = G(29)
    vx = L + LABEL_W + 24
    for name, h in rows:
        d.line((L, y, R, y), fill=0, width=2)
        lf = fl if fl.getlength(name) < LABEL_W - 30 else G(24)
        d.text((L + 16, y + (h - lf.size) / 2), name, font=lf, fill=0)
        pos[name] = (vx, y, h)
        if name == "所在地":
            d.text((vx, y + 12), "〒", font=G(28), fill=0)
        if name == "業種":
            pos["opt_業種"] = draw_options(
                d, vx, y + (h - 28) / 2,
                ["製造業", "建設業", "卸売業", "小売業", "サービス業", "その他（　　　　）"], G(27), gap=26)
        if name == "従業員数・資本金":
            fy = y + (h - 28) / 2
            d.text((vx, fy), "従業員数", font=G(28), fill=0)
            d.text((vx + 330, fy), "名", font=G(28), fill=0)
            d.text((vx + 430, fy), "資本金", font=G(28), fill=0)
            d.text((vx + 800, fy), "万円", font=G(28), fill=0)
            d.text((vx + 880, fy + 4), "（いずれかの記入で可）", font=G(22), fill=0)
            pos["emp"] = (vx + 135, y + (h - 46) / 2)
            pos["cap"] = (vx + 530, y + (h - 46) / 2)
        if name == "希望部数":
            fy = y + (h - 28) / 2
            d.text((vx + 260, fy), "冊", font=G(28), fill=0)
            d.line((vx + 10, y + h - 22, vx + 250, y + h - 22), fill=0, width=1)
        if name == "営利目的":
            pos["opt_営利目的"] = draw_options(d, vx, y + (h - 28) / 2, ["はい", "いいえ"], G(28), gap=90)
        if name == "受取方法":
            pos["opt_受取方法"] = draw_options(d, vx, y + (h - 28) / 2, ["郵送", "来所（窓口で受取）"],
                                             G(28), gap=90)
        y += h
    d.line((L, y, R, y), fill=0, width=2)
    d.rectangle((L, top, R, y), outline=0, width=3)
    d.line((L + LABEL_W, top, L + LABEL_W, y), fill=0, width=2)

    ny = y + 40
    d.text((L, ny), "【ご注意】", font=G(27), fill=0)
    ny += 44
    notes = [
        "・本サービスは、都内に所在する中小企業事業者の方を対象としています。大企業、官公庁等の公的機関、個人の方からのお申込みはお受けできません。",
        "・転売、有料セミナーの教材、自社商品・サービスへの同梱など、営利を目的とするご利用はお断りしています。",
        "・1～10冊は無料で郵送します。11～49冊は窓口でのお受け取り、またはゆうパック着払いでの送付となります。50冊以上は料金後納郵便でお送りします。",
        "・ＦＡＸをお持ちでない方は、東京都電子申請サービス「中小企業サイバーセキュリティ対策相談」からお申込みください。",
        "・ガイドブックのＰＤＦ版はポータルサイトからダウンロードできます。",
    ]
    nf = M(25)
    for n in notes:
        for ln in wrap(n, nf, R - L):
            d.text((L, ny), ln, font=nf, fill=0)
            ny += 36
        ny += 4
    ft = "東京都中小企業サイバーセキュリティ相談窓口　ＴＥＬ 03-5320-4773　ＦＡＸ 03-5388-1461"
    d.text(((W - G(24).getlength(ft)) / 2, 2170), ft, font=G(24), fill=0)
    return pos


def fill_form(page, rng, pen, f):
    pos = draw_form(page)

    def at(name, dy=0, dx=0):
        vx, y, h = pos[name]
        return vx + dx, y + (h - pen.size) / 2 + dy

    if f.get("date"):
        mo, dd = f["date"].split("/")
        pen.write(page, *pos["date_m"], mo)
        pen.write(page, *pos["date_d"], dd)
    pen.write(page, *at("事業者名", dx=8), f["org"])
    vx, y, h = pos["所在地"]
    pen.write(page, vx + 40, y + 6, f["zip"])
    pen.write(page, vx + 20, y + 70, f["addr"])
    pen.write(page, *at("ご担当者名", dx=8), f["name"])
    pen.write(page, *at("電話番号", dx=8), f["tel"])
    if f.get("fax"):
        pen.write(page, *at("ＦＡＸ番号", dx=8), f["fax"])
    if f.get("emp"):
        pen.write(page, *pos["emp"], f["emp"])
    if f.get("cap"):
        pen.write(page, *pos["cap"], f["cap"])
    if f.get("copies"):
        vx, y, h = pos["希望部数"]
        pen.write(page, vx + 60, y + (h - pen.size) / 2 - 6, f["copies"])
    if f.get("purpose"):
        vx, y, h = pos["利用目的"]
        lines = f["purpose"].split("\n")
        for i, ln in enumerate(lines):
            pen.write(page, vx + 8, y + 18 + i * 60, ln)
    for q in ("業種", "営利目的", "受取方法"):
        m = f["marks"].get(q)
        if not m:
            continue
        opt, kind = m
        box, word = pos["opt_" + q][opt]
        mark(page, rng, kind, box, word)
    if f.get("other"):
        box, word = pos["opt_業種"]["その他（　　　　）"]
        pen.write(page, word[0] + G(27).getlength("その他（") + 6, word[1] - 12, f["other"])


# ---------------------------------------------------------------- cover sheets
def typed_cover(page, c):
    d = ImageDraw.Draw(page)
    body_font = M(30) if c.get("font") == "mincho" else G(29)
    y = 110
    t = c["title"]
    tf = G(58) if c.get("font") != "mincho" else M(60)
    d.text(((W - tf.getlength(t)) / 2, y), t, font=tf, fill=0)
    y += 110
    d.line((L, y, R, y), fill=0, width=3)
    y += 30
    for k, v in c["head"]:
        d.text((L, y), k, font=body_font, fill=0)
        for i, ln in enumerate(v.split("\n")):
            d.text((L + 230, y + i * 44), ln, font=body_font, fill=0)
        y += 44 * (v.count("\n") + 1) + 10
    y += 10
    d.line((L, y, R, y), fill=0, width=2)
    y += 40
    for para in c["body"]:
        if para == "":
            y += 30
            continue
        for ln in wrap_plain(para, body_font, R - L):
            d.text((L, y), ln, font=body_font, fill=0)
            y += 46
    if c.get("foot"):
        y += 40
        for ln in c["foot"]:
            d.text((R - body_font.getlength(ln), y), ln, font=body_font, fill=0)
            y += 46


def wrap_plain(text, fnt, width):
    lines, cur = [], ""
    for ch in text:
        if fnt.getlength(cur + ch) > width:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


def hand_cover(page, rng, pen, c):
    d = ImageDraw.Draw(page)
    y = 120
    if c.get("letterhead"):
        lh = c["letterhead"]
        d.text((L, y), lh[0], font=M(40), fill=0)
        d.text((R - G(54).getlength(lh[1]), y - 8), lh[1], font=G(54), fill=0)
        y += 70
        for ln in lh[2:]:
            d.text((L, y), ln, font=G(24), fill=0)
            y += 34
        y += 20
        d.line((L, y, R, y), fill=0, width=3)
        y += 30
        for k, v in c["fields"]:
            d.text((L, y + 8), k, font=G(30), fill=0)
            d.line((L + 150, y + 56, R, y + 56), fill=0, width=1)
            pen.write(page, L + 170, y, v)
            y += 80
        d.text((L, y + 10), "通信欄", font=G(30), fill=0)
        y += 60
        d.rectangle((L, y, R, y + 66 * len(c["lines"]) + 60), outline=0, width=2)
        y += 30
    else:
        y += 20
    if c.get("ruled"):
        for i in range(len(c["lines"]) + 2):
            ly = y + i * 74 + 62
            d.line((L, ly, R, ly), fill=40, width=2)
    step = 74 if c.get("ruled") or not c.get("letterhead") else 66
    for i, ln in enumerate(c["lines"]):
        indent = 0
        if ln.startswith(">"):
            ln = ln[1:]
            indent = 560
        pen.write(page, L + 20 + indent + rng.uniform(-6, 6), y + i * step, ln)


# ---------------------------------------------------------------- the items
FORMS = [
    dict(file="d001", seed=1, header="2026/02/09 09:42   03 3745 2862        ﾐﾄﾞﾘｾｲｷ                     #0231 P.001/001",
         pen=dict(size=44, slant=0.05, weight=2),
         date="2/9", org="株式会社ミドリ精機", zip="143-0012", addr="東京都大田区大森東X-X-X",
         name="緑川修", tel="03-3745-2861", fax="03-3745-2862", emp="45", copies="8",
         purpose="社内の情報セキュリティ勉強会で使用",
         marks={"業種": ("製造業", "tick"), "営利目的": ("いいえ", "tick"), "受取方法": ("郵送", "tick")}),
    dict(file="d002", seed=2, header="FEB-10-2026 14:05  FROM: KANEKO SHOTEN           TO: 0353881461        P.1/1",
         pen=dict(size=46, slant=-0.04, weight=3),
         date="2/10", org="有限会社かねこ商店", zip="166-0004", addr="杉並区阿佐谷南X-X-X",
         name="金子美代子", tel="03-3312-7740", fax="03-3312-7741", emp="6", copies="3",
         purpose="店の従業員に読ませたいので",
         marks={"業種": ("小売業", "fill"), "営利目的": ("いいえ", "fill"), "受取方法": ("郵送", "fill")}),
    dict(file="d003", seed=3, header="26-02-12;10:31   ;ﾙﾐﾅｽﾗﾎﾞ          ;03 6427 1185          # 1/ 1",
         pen=dict(size=42, slant=0.10, weight=2),
         date="2/12", org="合同会社ルミナス・ラボ", zip="150-0043", addr="渋谷区道玄坂X-X-X 道玄坂XXビル5F",
         name="朝倉拓真", tel="03-6427-1184", fax="03-6427-1185", cap="300", copies="15",
         purpose="顧客データを扱う社員の教育用",
         marks={"業種": ("サービス業", "circle"), "営利目的": ("いいえ", "circle"),
                "受取方法": ("来所（窓口で受取）", "circle")}),
    dict(file="d004", seed=4, header="2026-02-16 (MON) 11:20  FAX:03-3662-5409  MARUSHO BUSSAN      P. 1",
         pen=dict(size=43, slant=0.0, weight=2),
         date="2/16", org="丸正物産株式会社", zip="103-0012", addr="東京都中央区日本橋堀留町X-X-X",
         name="堀田理恵", tel="03-3662-5400", fax="03-3662-5409", emp="140", cap="8000", copies="60",
         purpose="全営業所の社員研修用",
         marks={"業種": ("卸売業", "cross"), "営利目的": ("いいえ", "cross"), "受取方法": ("郵送", "cross")}),
    dict(file="d005", seed=5, header="2026/02/18 08:57  0339665127  ｲﾀﾊﾞｼﾌﾟﾚｽｺｳｷﾞｮｳ                  P.01/01",
         pen=dict(size=47, slant=0.12, weight=3),
         date="2/18", org="株式会社板橋プレス工業", zip="174-0041", addr="東京都板橋区舟渡X-X-X",
         name="須藤和也", tel="03-3966-5126", fax="03-3966-5127", emp="280", copies="150",
         purpose="全社員と協力工場に配ります\n（無償）",
         marks={"業種": ("製造業", "ellipse"), "営利目的": ("いいえ", "ellipse")}),  # 受取方法 left unmarked
    dict(file="d006", seed=6, header="2026/02/24 16:40   03 5909 3372   SAKURA KAIKEI SVC        001/001",
         pen=dict(size=41, slant=-0.02, weight=2),
         date="2/24", org="株式会社さくら会計サービス", zip="160-0023", addr="新宿区西新宿X-X-X さくらビル2階",
         name="桜井直子", tel="03-5909-3371", fax="03-5909-3372", emp="12", copies=None,
         purpose="事務所内の研修に使います",
         marks={"業種": ("サービス業", "checkin"), "営利目的": ("いいえ", "checkin"), "受取方法": ("郵送", "checkin")}),
    dict(file="d007", seed=7, header="MAR 03 2026 13:12  TOSHIMA KIKAKU  03-3985-6620   P.01",
         pen=dict(size=45, slant=0.07, weight=2),
         date="3/3", org="株式会社トシマ企画", zip="170-0013", addr="東京都豊島区東池袋X-X-X",
         name="豊田絵里", tel="03-3985-6621", fax="03-3985-6620", emp="20", copies="45",
         purpose="",
         marks={"業種": ("サービス業", "checkin"), "受取方法": ("来所（窓口で受取）", "checkin")}),  # 営利目的 unmarked
    dict(file="d008", seed=8, header="2026/03/05 10:02 FROM 03-6435-2219 NEXTBRIDGE CONSULTING  PAGE 1/1",
         pen=dict(size=42, slant=0.03, weight=2),
         date="3/5", org="株式会社ネクストブリッジ・コンサルティング", zip="105-0014", addr="東京都港区芝X-X-X",
         name="高橋亮介", tel="03-6435-2218", fax="03-6435-2219", cap="1000", copies="100",
         purpose="当社有料セミナー受講者への配布資料",
         marks={"業種": ("サービス業", "checkin"), "営利目的": ("はい", "checkin"), "受取方法": ("郵送", "checkin")}),
    dict(file="d009", seed=9, header="2026/03/09 15:26  03 3922 0415  TORITSU KITANOHARA HS          P.001",
         pen=dict(size=44, slant=-0.06, weight=2),
         date="3/9", org="東京都立北野原高等学校", zip="179-0075", addr="練馬区高松X-X-X",
         name="西村浩一", tel="03-3922-0411", fax="03-3922-0415", emp="58", copies="30",
         purpose="1年生の「情報Ⅰ」の授業で生徒に\n読ませたい",
         other="学校", marks={"業種": ("その他（　　　　）", "tick"),
                             "受取方法": ("来所（窓口で受取）", "tick")}),  # 営利目的 unmarked
    dict(file="d010", seed=10, header="2026/03/11 09:15   044 738 5502  ｶﾜｻｷﾀﾞｲｶｽﾄ                 P.001/001",
         pen=dict(size=46, slant=0.09, weight=3),
         date="3/11", org="株式会社川崎ダイカスト", zip="211-0051", addr="神奈川県川崎市中原区宮内X-X-X",
         name="川島徹", tel="044-738-5501", fax="044-738-5502", emp="50", copies=None,
         purpose="社員教育に使いたい",
         marks={"業種": ("製造業", "tick"), "営利目的": ("いいえ", "tick"), "受取方法": ("郵送", "tick")}),
]

COVERS = [
    dict(file="d011", seed=11, kind="typed",
         header="2026/02/16 11:48  042-729-3615  HAYASHI SR OFFICE                  P.01/01",
         title="ＦＡＸ送信票", font="mincho",
         head=[("送信日", "2026年2月16日"),
               ("宛先", "東京都中小企業サイバーセキュリティ相談窓口　御中\nＦＡＸ：03-5388-1461"),
               ("発信元", "はやし社会保険労務士事務所\n林 佳奈子"),
               ("所在地", "〒194-0013　町田市原町田X-X-X　第二XXビル3階"),
               ("連絡先", "TEL 042-729-3614　／　FAX 042-729-3615"),
               ("枚数", "1枚（本紙を含む）"),
               ("件名", "ガイドブック送付のお願い")],
         body=["いつもお世話になっております。",
               "貴窓口で配布されている「中小企業向けサイバーセキュリティ対策の極意」を、10冊お送りいただけますでしょうか。",
               "当事務所は職員5名の小さな社労士事務所ですが、顧問先の給与データやマイナンバーをお預かりしており、情報管理の見直しを進めているところです。",
               "いただいた冊子は所内研修のテキストとして使い、その後は事務所の書棚に置いて職員がいつでも読めるようにする予定です。営利目的での使用はいたしません。",
               "",
               "お手数をおかけしますが、どうぞよろしくお願いいたします。"]),
    dict(file="d012", seed=12, kind="hand",
         header="02/20/2026 17:03  KASAI KENSETSU      0336864108         p.1",
         pen=dict(size=46, slant=0.14, weight=3),
         letterhead=["株式会社 葛西建設", "ＦＡＸ送信状",
                     "〒134-0084　東京都江戸川区東葛西X-X-X",
                     "ＴＥＬ 03-3686-4107　　ＦＡＸ 03-3686-4108"],
         fields=[("宛先", "サイバーセキュリティ相談窓口 様"), ("日付", "2/20"), ("枚数", "1枚"),
                 ("件名", "ガイドブックのお願い")],
         lines=["いつもお世話になります。",
                "当社（従業員35名）の7月の安全大会で、",
                "協力会社の皆さんに無料で配りたいので、",
                "ガイドブックを200冊お願いします。",
                "売ったりはしません。",
                ">担当　葛西隆"]),
    dict(file="d013", seed=13, kind="typed",
         header="2026/03/02 10:11  +81 3 5437 8129  TOHO UNITEC CORP IS DEPT        P.001/001",
         title="FAX送信のご案内",
         head=[("日付", "2026年3月2日"),
               ("宛先", "東京都 中小企業サイバーセキュリティ相談窓口　ご担当者様"),
               ("発信者", "東邦ユニテック株式会社　情報システム部\n小野寺 聡"),
               ("住所", "〒141-0032　東京都品川区大崎X-X-X　大崎XXタワー18F"),
               ("電話／FAX", "03-5437-8120　／　03-5437-8129"),
               ("送信枚数", "本紙のみ")],
         body=["拝啓　時下ますますご清栄のこととお慶び申し上げます。",
               "当社では今年度、全社的な情報セキュリティ教育の見直しを進めております。その参考資料として、貴窓口のガイドブックを50冊頂戴できればと存じ、ご連絡いたしました。",
               "当社の概要：電子部品の製造・販売、従業員数 3,200名（単体）、資本金 120億円。",
               "用途は社内研修に限り、外部への配布や販売は予定しておりません。",
               "送付の条件や費用のご負担について定めがございましたら、ご教示いただけますと幸いです。"],
         foot=["敬具"]),
    dict(file="d014", seed=14, kind="hand",
         header="2026/03/06 12:34  0336315503             ﾘｮｳｺﾞｸｽﾐﾀﾞｲﾝｻﾂ       P 1/1",
         pen=dict(size=48, slant=-0.05, weight=2), ruled=True,
         lines=["ＦＡＸ",
                "相談窓口 御中",
                "ガイドブック「中小企業向けサイバー",
                "セキュリティ対策の極意」を",
                "30冊送ってください。",
                "社内の勉強会で使います。",
                "",
                "株式会社両国スミダ印刷",
                "〒130-0026 墨田区両国X-X-X",
                "本所由美　TEL 03-3631-5502"]),
    dict(file="d015", seed=15, kind="typed",
         header="2026/03/13 14:52  0276 48 2291  AOI DENKI GUNMA PLANT             P.01/01",
         title="ＦＡＸ送付状",
         head=[("送付日", "2026年3月13日"),
               ("送付先", "東京都中小企業サイバーセキュリティ相談窓口　御中"),
               ("送付元", "株式会社アオイ電機製作所　群馬工場　総務課\n青井 達也"),
               ("本社", "〒101-0047　東京都千代田区内神田X-X-X"),
               ("群馬工場", "〒373-0015　群馬県太田市東新町X-X\nTEL 0276-48-2290　FAX 0276-48-2291"),
               ("件名", "「中小企業向けサイバーセキュリティ対策の極意」送付のお願い")],
         body=["突然のご連絡失礼いたします。",
               "弊社は本社を東京都千代田区に置く、従業員150名の電機部品メーカーです。工場勤務の従業員に向けた情報セキュリティ教育に使用したく、ガイドブックを100冊お送りいただけないでしょうか。",
               "社内研修での使用に限り、営利目的ではございません。",
               "恐れ入りますが、送付先は本社ではなく上記の群馬工場宛てとしていただけますと助かります。"]),
    dict(file="d016", seed=16, kind="hand",
         header="2026/03/19 19:08  042 325 0099  MINAMI COPY SVC                P.01",
         pen=dict(size=45, slant=0.04, weight=1, spacing=1.05),
         lines=["相談窓口の方へ",
                "国分寺でカフェをひとりでやっています。",
                "お店でカード決済を始めたので心配になり、",
                "ガイドブックを2冊いただけますか？",
                "（アルバイトの子と一緒に読みます）",
                "お店で売ったりはしません。",
                "",
                "カフェ こもれび　森下あかね",
                "〒185-0012 国分寺市本町X-X-X",
                "TEL 042-321-7781",
                "※FAXはコピー屋さんから送っています"]),
]


def main():
    for f in FORMS:
        rng = random.Random(SEED * 100 + f["seed"])
        page = Image.new("L", (W, H), 255)
        pen = Pen(rng, **f["pen"])
        fill_form(page, rng, pen, f)
        finish(page, rng, f["header"], os.path.join(OUT, f["file"] + ".tif"))
    for c in COVERS:
        rng = random.Random(SEED * 100 + c["seed"])
        page = Image.new("L", (W, H), 255)
        if c["kind"] == "typed":
            typed_cover(page, c)
        else:
            pen = Pen(rng, **c["pen"])
            hand_cover(page, rng, pen, c)
        finish(page, rng, c["header"], os.path.join(OUT, c["file"] + ".tif"))


if __name__ == "__main__":
    main()
