"""faxlib.py - deterministic rendering of one-page fax images (1728x2292, 204x196 dpi, G4).

Typed parts use the IPA fonts. Handwritten parts are drawn glyph by glyph from
handwriting fonts (kiloji, Klee One, Aoyagi Soseki, YOz for Japanese; Humor Sans,
DkgHandwriting, Because We *, Breip for digits and Latin), each glyph
with its own size, angle, baseline and weight jitter. The finished page is skewed,
blurred, thresholded and dirtied (specks, short dashes, streaks, drop-outs) and gets
a transmit header line in the style of the sending machine.

Everything is driven by random.Random(seed): same input, same bytes.
Needs Debian packages: fonts-ipafont-gothic fonts-ipafont-mincho fonts-kiloji fonts-klee
fonts-aoyagi-soseki fonts-yozvox-yozfont fonts-humor-sans fonts-dkg-handwriting fonts-bwht
fonts-breip.
"""
import math
import random
from PIL import Image, ImageDraw, ImageFont, ImageFilter, ImageChops

W, H = 1728, 2292
DPI = (204, 196)

F = {
    'gothic': '/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf',
    'pgothic': '/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf',
    'mincho': '/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf',
    'pmincho': '/usr/share/fonts/opentype/ipafont-mincho/ipamp.ttf',
    'kiloji': '/usr/share/fonts/truetype/kiloji/kiloji.ttf',
    'kiloji_b': '/usr/share/fonts/truetype/kiloji/kiloji_b.ttf',
    'kiloji_d': '/usr/share/fonts/truetype/kiloji/kiloji_d.ttf',
    'kiloji_p': '/usr/share/fonts/truetype/kiloji/kiloji_p.ttf',
    'klee': '/usr/share/fonts/truetype/klee/KleeOne-Regular.ttf',
    'klee_sb': '/usr/share/fonts/truetype/klee/KleeOne-SemiBold.ttf',
    'soseki': '/usr/share/fonts/truetype/aoyagi-soseki/aoyagi-soseki.ttf',
    'yoz': '/usr/share/fonts/truetype/yozvox-yozfont/YOzRN_.ttf',
    'yoz_s': '/usr/share/fonts/truetype/yozvox-yozfont/YOzRS_.ttf',
    'humor': '/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf',
    'dkg': '/usr/share/fonts/truetype/fifthhorseman/dkg.ttf',
    'dkg_it': '/usr/share/fonts/truetype/fifthhorseman/dkgIt.ttf',
    'bw_learn': '/usr/share/fonts/opentype/bwht/BecauseWeLearn-Regular.otf',
    'bw_build': '/usr/share/fonts/opentype/bwht/BecauseWeBuild-Regular.otf',
    'bw_create': '/usr/share/fonts/opentype/bwht/BecauseWeCreate-Regular.otf',
    'bw_mentor': '/usr/share/fonts/opentype/bwht/BecauseWeMentor-Regular.otf',
    'breip': '/usr/share/fonts/truetype/breip/Breip.ttf',
    'femke': '/usr/share/fonts/truetype/femkeklaver/femkeklaver.ttf',
}

_font_cache = {}
_has_cache = {}


def font(name, size):
    key = (name, int(size))
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(F[name], int(size))
    return _font_cache[key]


def has_glyph(name, ch):
    """True when the font draws ch as something other than its .notdef glyph."""
    key = (name, ch)
    if key in _has_cache:
        return _has_cache[key]
    f = font(name, 40)
    if ch.isspace():
        _has_cache[key] = True
        return True

    def mask(c):
        im = Image.new('L', (80, 80), 0)
        ImageDraw.Draw(im).text((10, 60), c, font=f, fill=255, anchor='ls')
        return im.tobytes()
    nd = _has_cache.get((name, '__notdef__'))
    if nd is None:
        nd = mask('\U0010FFFD')
        _has_cache[(name, '__notdef__')] = nd
    m = mask(ch)
    ok = (m != nd) and any(m)
    _has_cache[key] = ok
    return ok


JP_HANDS = ['kiloji', 'kiloji_b', 'kiloji_d', 'kiloji_p', 'klee', 'klee_sb', 'soseki', 'yoz', 'yoz_s']
# femkeklaver is installed but left out: its glyphs are hollow outlines, no pen writes like that
LATIN_HANDS = ['humor', 'dkg', 'dkg_it', 'bw_learn', 'bw_build', 'bw_create', 'bw_mentor', 'breip']


class Writer:
    """One person's handwriting: fonts, size, slant, jitter, pen weight."""

    def __init__(self, seed, jp=None, latin=None, size=40, slant=None, jitter=None, weight=None, spacing=None):
        r = random.Random(seed)
        self.r = r
        self.jp = jp or r.choice(JP_HANDS)
        self.latin = latin or r.choice(LATIN_HANDS)
        self.size = size
        self.slant = r.uniform(-4, 4) if slant is None else slant
        self.jitter = r.uniform(0.04, 0.12) if jitter is None else jitter
        self.weight = r.choice([0, 0, 1, 1, 2]) if weight is None else weight
        self.spacing = r.uniform(0.88, 1.08) if spacing is None else spacing

    def font_for(self, ch):
        o = ord(ch)
        if o < 0x80:
            for n in (self.latin, 'humor', 'dkg'):
                if has_glyph(n, ch):
                    return n
        for n in (self.jp, 'kiloji', 'klee', 'yoz', 'soseki', 'gothic'):
            if has_glyph(n, ch):
                return n
        return 'gothic'


class Page:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.img = Image.new('L', (W, H), 255)
        self.d = ImageDraw.Draw(self.img)

    # ---- typed -------------------------------------------------------
    def typed(self, x, y, text, size=30, face='gothic', fill=0, anchor='la'):
        self.d.text((x, y), text, font=font(face, size), fill=fill, anchor=anchor)
        return self.d.textlength(text, font=font(face, size))

    def typed_lines(self, x, y, lines, size=30, face='mincho', lead=1.55):
        for i, ln in enumerate(lines):
            self.typed(x, y + i * size * lead, ln, size, face)
        return y + len(lines) * size * lead

    def textlen(self, text, size=30, face='gothic'):
        return self.d.textlength(text, font=font(face, size))

    def line(self, x0, y0, x1, y1, w=2):
        self.d.line([(x0, y0), (x1, y1)], fill=0, width=w)

    def rect(self, x0, y0, x1, y1, w=2):
        self.d.rectangle([x0, y0, x1, y1], outline=0, width=w)

    def box(self, x, y, s=26, w=2):
        self.d.rectangle([x, y, x + s, y + s], outline=0, width=w)

    def dotted(self, x0, y, x1, step=8):
        x = x0
        while x < x1:
            self.d.line([(x, y), (min(x + 3, x1), y)], fill=0, width=2)
            x += step

    # ---- handwriting -------------------------------------------------
    def hand(self, x, y, text, wr, size=None, baseline_walk=2.0):
        """Write text with baseline at y. Returns x after the last glyph."""
        r = wr.r
        size = size or wr.size
        base = y
        cx = x
        for ch in text:
            if ch == ' ' or ch == '\u3000':
                cx += size * (0.35 if ch == ' ' else 0.8) * wr.spacing
                continue
            fn = wr.font_for(ch)
            s = size * (1 + r.gauss(0, wr.jitter))
            if fn in LATIN_HANDS or fn in ('humor', 'dkg'):
                s *= 1.08
            f = font(fn, max(10, s))
            bb = f.getbbox(ch, anchor='ls')
            gw = max(4, bb[2] - bb[0])
            gh = max(4, bb[3] - bb[1])
            pad = int(s * 0.5) + 6
            g = Image.new('L', (gw + 2 * pad, gh + 2 * pad), 255)
            gd = ImageDraw.Draw(g)
            gd.text((pad - bb[0], pad - bb[1]), ch, font=f, fill=0, anchor='ls')
            wgt = wr.weight + (1 if r.random() < 0.15 else 0) - (1 if r.random() < 0.1 else 0)
            if fn in ('klee_sb', 'kiloji_b', 'yoz_s'):
                wgt = min(wgt, 1)
            if wgt >= 1:
                g = g.filter(ImageFilter.MinFilter(3))
            if wgt >= 2:
                g = g.filter(ImageFilter.MinFilter(3))
            ang = wr.slant + r.gauss(0, 2.5)
            g = g.rotate(ang, resample=Image.BICUBIC, fillcolor=255)
            base += r.gauss(0, baseline_walk)
            base = y + max(-size * 0.25, min(size * 0.25, base - y))
            px = int(cx + bb[0] - pad)
            py = int(base + bb[1] - pad)
            self._darken(g, px, py)
            adv = f.getlength(ch)
            cx += adv * wr.spacing + r.gauss(0, size * 0.04)
        return cx

    def _darken(self, g, px, py):
        x0, y0 = max(0, px), max(0, py)
        x1, y1 = min(W, px + g.width), min(H, py + g.height)
        if x1 <= x0 or y1 <= y0:
            return
        region = self.img.crop((x0, y0, x1, y1))
        gg = g.crop((x0 - px, y0 - py, x1 - px, y1 - py))
        self.img.paste(ImageChops.darker(region, gg), (x0, y0))

    def stroke(self, pts, wr, w=None):
        """A pen stroke through pts with wobble."""
        r = wr.r
        w = w or (3 + wr.weight)
        out = []
        for (px, py) in pts:
            out.append((px + r.gauss(0, 1.2), py + r.gauss(0, 1.2)))
        self.d.line(out, fill=0, width=w, joint='curve')

    def mark(self, kind, bx, by, s, wr):
        """Mark an option whose box's top-left is (bx, by), size s."""
        r = wr.r
        if kind == 'check':       # ✓ drawn into the box, often overshooting
            k = s * r.uniform(1.0, 1.5)
            x0, y0 = bx + s * 0.1, by + s * 0.45
            self.stroke([(x0, y0), (x0 + k * 0.3, y0 + k * 0.45), (x0 + k * 0.95, y0 - k * 0.75)], wr)
        elif kind == 'tick_out':  # ✓ left of the box, outside it
            k = s * r.uniform(0.9, 1.2)
            x0, y0 = bx - s * 1.3, by + s * 0.4
            self.stroke([(x0, y0), (x0 + k * 0.3, y0 + k * 0.45), (x0 + k * 0.9, y0 - k * 0.55)], wr)
        elif kind == 'x':
            m = s * r.uniform(-0.1, 0.15)
            self.stroke([(bx - m, by - m), (bx + s + m, by + s + m)], wr)
            self.stroke([(bx + s + m, by - m), (bx - m, by + s + m)], wr)
        elif kind == 'fill':      # ■ (typed or inked in)
            self.d.rectangle([bx, by, bx + s, by + s], fill=0)
        elif kind == 'circle_in':  # ○ written in the box
            self._ellipse(bx + s / 2, by + s / 2, s * 0.42, s * 0.42, wr)
        elif kind == 'big_circle':  # ◯ round the box, larger
            self._ellipse(bx + s / 2, by + s / 2, s * 0.95, s * 0.9, wr)
        elif kind == 'typed_check':  # ☑ from a word processor: box + check glyph
            self.d.line([(bx + s * 0.2, by + s * 0.5), (bx + s * 0.42, by + s * 0.78), (bx + s * 0.85, by + s * 0.18)], fill=0, width=3)
        elif kind == 'none':
            pass
        else:
            raise ValueError(kind)

    def _ellipse(self, cx, cy, rx, ry, wr, turns=1.08):
        r = wr.r
        n = 40
        a0 = r.uniform(0, 2 * math.pi)
        pts = []
        for i in range(int(n * turns) + 1):
            a = a0 + 2 * math.pi * i / n
            k = 1 + r.gauss(0, 0.02) + 0.05 * (i / n)
            pts.append((cx + rx * k * math.cos(a), cy + ry * k * math.sin(a)))
        self.d.line(pts, fill=0, width=3 + wr.weight, joint='curve')

    def circle_word(self, x, y, w, h, wr):
        """Circle drawn round a printed word at (x,y)-(x+w,y+h)."""
        self._ellipse(x + w / 2, y + h / 2, w / 2 + 14, h / 2 + 10, wr, turns=1.12)


# ---- transmission ------------------------------------------------------

def finish(page, seed, header, skew=None, blur=None, thresh=None, specks=None, streak=False,
           dropouts=0, shift=(0, 0)):
    """Skew, header, blur, threshold and dirt. Returns a mode '1' image."""
    r = random.Random(seed)
    img = page.img
    ang = r.uniform(-1.1, 1.1) if skew is None else skew
    img = img.rotate(ang, resample=Image.BICUBIC, fillcolor=255,
                     translate=(shift[0] + r.randint(-6, 6), shift[1] + r.randint(-4, 10)))
    if header:
        d = ImageDraw.Draw(img)
        d.rectangle([0, 0, W, 44], fill=255)
        hf = font(header.get('face', 'gothic'), header.get('size', 22))
        x = header.get('x', 20)
        for part in header['parts']:
            if isinstance(part, int):
                x += part
                continue
            d.text((x, 12), part, font=hf, fill=0)
            x += d.textlength(part, font=hf)
    b = r.uniform(0.5, 1.0) if blur is None else blur
    img = img.filter(ImageFilter.GaussianBlur(b))
    # paper grain / scanner noise before the threshold
    noise = Image.effect_noise((W, H), r.uniform(6, 14))
    img = ImageChops.add(img, ImageChops.invert(noise), scale=1.0, offset=-128)
    t = r.randint(135, 185) if thresh is None else thresh
    bw = img.point(lambda v: 255 if v > t else 0, mode='L')
    d = ImageDraw.Draw(bw)
    n = r.randint(80, 600) if specks is None else specks
    for _ in range(n):
        x, y = r.randrange(W), r.randrange(H)
        s = r.choice([1, 1, 1, 2, 2, 3])
        d.rectangle([x, y, x + s - 1, y + s - 1], fill=0)
    for _ in range(r.randint(5, 40)):
        x, y = r.randrange(W), r.randrange(50, H)
        ln = r.randint(3, 14)
        d.line([(x, y), (x + ln, y + r.choice([0, 0, 1]))], fill=0, width=r.choice([1, 2]))
    if streak:
        x = r.randrange(200, W - 200)
        y0 = r.randrange(0, 400)
        y1 = r.randrange(H - 600, H)
        wd = r.choice([1, 2, 2, 3])
        d.line([(x, y0), (x + r.randint(-3, 3), y1)], fill=0, width=wd)
    for _ in range(dropouts):
        y = r.randrange(100, H - 50)
        d.line([(0, y), (W, y)], fill=255, width=r.choice([1, 2]))
    return bw.convert('1', dither=Image.NONE)


def save(img, path):
    assert img.size == (W, H) and img.mode == '1'
    img.save(path, format='TIFF', compression='group4', dpi=DPI)
