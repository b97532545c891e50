#!/usr/bin/python3
"""Check the set: mails parse, TIFFs are 1728x2292 mode 1 G4, labels are consistent."""
import email
import email.policy
import glob
import importlib.util
import os
import re

from PIL import Image

D = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("items", os.path.join(D, "make-items.py"))
items = importlib.util.module_from_spec(spec)
spec.loader.exec_module(items)

ok = True


def bad(*a):
    global ok
    ok = False
    print("BAD", *a)


# mails
msgids = set()
for p in sorted(glob.glob(os.path.join(D, "d*.eml"))):
    raw = open(p, "rb").read()
    if re.search(rb"(?<!\r)\n", raw):
        bad(p, "bare LF")
    m = email.message_from_bytes(raw, policy=email.policy.default)
    for h in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
        if not m[h]:
            bad(p, "missing", h)
    if m["To"] != "soudan@desk.example.jp":
        bad(p, "To")
    if m["Date"].datetime.year != 2026:
        bad(p, "Date")
    if m["Message-ID"] in msgids:
        bad(p, "dup Message-ID")
    msgids.add(m["Message-ID"])
    if m.get_content_type() != "text/plain":
        bad(p, "type")
    body = m.get_content()
    if not body.strip() or "\ufffd" in body:
        bad(p, "body")
    addr = m["From"].addresses[0]
    if not re.search(r"example\.(jp|com|co\.jp)$", addr.domain):
        bad(p, "from domain")
    if not addr.display_name:
        bad(p, "no display name")
    if raw.split(b"\r\n\r\n")[0].decode("ascii", "strict") is None:
        bad(p, "header not ascii")
    if "Subject: =?" not in raw.decode("ascii", "replace"):
        bad(p, "subject not RFC 2047")
    auto = m.get("Auto-Submitted")
    if (auto == "auto-generated") != (p.endswith(("d033.eml", "d034.eml", "d035.eml", "d036.eml"))):
        bad(p, "Auto-Submitted")
print("mails:", len(msgids))

# faxes
n = 0
for p in sorted(glob.glob(os.path.join(D, "d*.tif"))):
    im = Image.open(p)
    if im.size != (1728, 2292) or im.mode != "1" or im.info.get("compression") != "group4":
        bad(p, im.size, im.mode, im.info.get("compression"))
    if getattr(im, "n_frames", 1) != 1:
        bad(p, "frames")
    dpi = im.info.get("dpi")
    if not dpi or round(dpi[0]) != 204 or round(dpi[1]) != 196:
        bad(p, "dpi", dpi)
    n += 1
print("faxes:", n)

# labels
tax = {}
for line in open("/work/shared/spec/taxonomy.tsv", encoding="utf-8").read().splitlines()[1:]:
    f = line.split("\t")
    tax[f[0]] = f[4].strip()
rows = open(os.path.join(D, "labels.tsv"), encoding="utf-8").read().splitlines()
head = rows[0].split("\t")
assert head == items.COLS, head
rows = [r.split("\t") for r in rows[1:]]
if len(rows) != 40:
    bad("rows", len(rows))
files = set()
for r in rows:
    if len(r) != 15:
        bad(r[0], "cols", len(r))
        continue
    x = dict(zip(head, r))
    files.add(x["file"])
    ext = "" if x["file"].endswith((".tif", ".eml")) else (".tif" if x["channel"] == "fax" else ".eml")
    if not os.path.exists(os.path.join(D, x["file"] + ext)):
        bad(x["file"], "no file")
    if x["channel"] not in ("fax", "mail", "eapp"):
        bad(x["file"], "channel")
    if x["kind"] not in ("material_request", "consultation"):
        bad(x["file"], "kind")
    if x["category"] not in tax:
        bad(x["file"], "category")
    if x["joins"] != "-":
        bad(x["file"], "joins")
    for c in ("tokyo", "sme", "for_profit"):
        if x[c] not in ("yes", "no", "unknown"):
            bad(x["file"], c)
    if x["urgent"] not in ("yes", "no"):
        bad(x["file"], "urgent")
    if not x["requester"] or not x["organisation"]:
        bad(x["file"], "requester/org empty")
    if x["kind"] == "material_request":
        if x["category"] != "material_request" or x["urgent"] != "no" or x["referrals"] != "":
            bad(x["file"], "request cols")
        if not (x["copies"] == "-" or x["copies"].isdigit()):
            bad(x["file"], "copies")
        m = items.method_for(x["copies"], x["tokyo"], x["sme"], x["for_profit"])
        if m != x["method"]:
            bad(x["file"], "method", m, x["method"])
        if items.parcels_for(m, x["copies"]) != x["parcels"]:
            bad(x["file"], "parcels")
    else:
        if x["referrals"] != tax[x["category"]]:
            bad(x["file"], "referrals")
        if (x["copies"], x["method"], x["parcels"]) != ("-", "-", "-"):
            bad(x["file"], "consultation cols")
if len(files) != 40:
    bad("files", len(files))
# box rule spot checks from the brief
for n, want in ((50, "box80x1"), (60, "box100x1"), (150, "box100x1+box80x1"), (200, "box100x2")):
    if items.parcels_for("deferred", str(n)) != want:
        bad("parcels rule", n)
print("labels:", len(rows))
print("OK" if ok else "FAILED")
