"""Raw RFC 5322 mail writer for the evaluation set (deterministic).

Each mail item is a dict; see items_*.py.  Bodies are text/plain in one of
ISO-2022-JP 7bit ('jis'), UTF-8 8bit ('u8') or UTF-8 base64 ('b64').
"""
import base64
import datetime
import hashlib
from email.header import Header
from email.utils import formataddr, format_datetime

TO = "soudan@desk.example.jp"
JST = datetime.timezone(datetime.timedelta(hours=9))

MAILERS = [
    "Microsoft Outlook 16.0", "Thunderbird 128.3.1", "Becky! ver. 2.81.04",
    "Sylpheed 3.7.0", "Microsoft Outlook Express 6.00.2900.5931", "Apple Mail (2.3774.600.62)",
    None, None, None,
]


def _enc_header(text, charset):
    if all(ord(c) < 128 for c in text):
        return text
    return Header(text, charset).encode(maxlinelen=76).replace("\n", "\r\n")


def _addr(name, addr, charset):
    if not name:
        return addr
    if all(ord(c) < 128 for c in name):
        return formataddr((name, addr))
    return formataddr((name, addr), charset)


def parse_date(s):
    return datetime.datetime.strptime(s, "%Y-%m-%d %H:%M").replace(tzinfo=JST)


def build(item, seed):
    """Return the raw bytes of the mail described by item."""
    enc = item.get("enc", "u8")
    hcs = "iso-2022-jp" if enc == "jis" else "utf-8"
    hcs = item.get("hcs", hcs)
    dt = parse_date(item["date"])
    h = hashlib.sha1((seed + item["key"]).encode()).hexdigest()
    dom = item["from_addr"].split("@")[1]
    if item.get("msgid_dom"):
        dom = item["msgid_dom"]
    msgid = "<%s.%s@%s>" % (dt.strftime("%Y%m%d%H%M%S"), h[:16], dom)
    body = item["body"].strip("\n") + "\n"
    body = body.replace("\r\n", "\n")
    lines = []
    lines.append("Return-Path: <%s>" % item.get("return_path", item["from_addr"]))
    lines.append("Received: from mx%d.%s (mx%d.%s [192.0.2.%d])\r\n\tby mail.desk.example.jp (Postfix) with ESMTPS id %s\r\n\tfor <%s>; %s"
                 % (int(h[16], 16) % 3 + 1, dom, int(h[16], 16) % 3 + 1, dom, int(h[17:19], 16) % 250 + 2,
                    h[20:31].upper(), TO, format_datetime(dt + datetime.timedelta(seconds=int(h[31:33], 16) % 40 + 2))))
    lines.append("From: " + _addr(item.get("from_name", ""), item["from_addr"], hcs))
    lines.append("To: " + item.get("to", TO))
    if item.get("cc"):
        lines.append("Cc: " + item["cc"])
    lines.append("Subject: " + _enc_header(item["subject"], hcs))
    lines.append("Date: " + format_datetime(dt))
    lines.append("Message-ID: " + msgid)
    for k, v in item.get("headers", []):
        lines.append("%s: %s" % (k, v))
    mailer = item.get("mailer", MAILERS[int(h[33:35], 16) % len(MAILERS)])
    if mailer:
        lines.append("X-Mailer: " + mailer)
    lines.append("MIME-Version: 1.0")
    if enc == "jis":
        payload = body.replace("\n", "\r\n").encode("iso2022_jp")
        lines.append('Content-Type: text/plain; charset="ISO-2022-JP"')
        lines.append("Content-Transfer-Encoding: 7bit")
    elif enc == "u8":
        payload = body.replace("\n", "\r\n").encode("utf-8")
        lines.append('Content-Type: text/plain; charset="UTF-8"' + ("; format=flowed" if item.get("flowed") else ""))
        lines.append("Content-Transfer-Encoding: 8bit")
    elif enc == "b64":
        raw = base64.b64encode(body.replace("\n", "\r\n").encode("utf-8")).decode()
        payload = "\r\n".join(raw[i:i + 76] for i in range(0, len(raw), 76)).encode() + b"\r\n"
        lines.append("Content-Type: text/plain; charset=utf-8")
        lines.append("Content-Transfer-Encoding: base64")
    else:
        raise ValueError(enc)
    head = "\r\n".join(lines).encode("ascii") + b"\r\n\r\n"
    return head + payload
