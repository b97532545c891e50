#!/usr/bin/python3
"""Verify this half of the evaluation set.  usage: /usr/bin/python3 check.py"""
import email
import email.policy
import os
import re
import sys

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
HALF = os.path.basename(HERE)[-1]
EXPECTED_ROWS = 60
COLS = ["file", "channel", "kind", "category", "urgent", "referrals", "copies", "method", "parcels",
        "requester", "organisation", "tokyo", "sme", "for_profit", "joins"]
errors = []


def err(msg):
    errors.append(msg)


def taxonomy():
    for p in ("/work/shared/spec/taxonomy.tsv", os.path.join(HERE, "gen", "taxonomy.tsv")):
        if os.path.exists(p):
            tax = {}
            for line in open(p, encoding="utf-8").read().splitlines()[1:]:
                f = line.split("\t")
                if len(f) >= 5:
                    tax[f[0]] = f[4].strip()
            return tax
    raise SystemExit("no taxonomy.tsv")


def expect_plan(r):
    if r["category"] != "material_request" or r["kind"] == "consultation":
        return "-", "-"
    if "no" in (r["tokyo"], r["sme"]) or r["for_profit"] == "yes":
        return "decline", "-"
    if "unknown" in (r["tokyo"], r["sme"], r["for_profit"]) or r["copies"] == "-":
        return "needs_info", "-"
    n = int(r["copies"])
    if 1 <= n <= 10:
        return "mail_free", "envelope60x1"
    if 11 <= n <= 49:
        return "pickup_or_cod", "-"
    full, rest = divmod(n, 100)
    parts = []
    if rest == 0:
        parts.append("box100x%d" % full)
    elif rest <= 50:
        if full:
            parts.append("box100x%d" % full)
        parts.append("box80x1")
    else:
        parts.append("box100x%d" % (full + 1))
    return "deferred", "+".join(parts)


def check_mail(path, r):
    raw = open(path, "rb").read()
    if b"\r\n" not in raw or re.search(rb"[^\r]\n", raw):
        err("%s: lines must end in CRLF" % r["file"])
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    for h in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"):
        if msg[h] is None:
            err("%s: missing %s" % (r["file"], h))
    if msg["To"] and "soudan@desk.example.jp" not in str(msg["To"]):
        err("%s: To is %s" % (r["file"], msg["To"]))
    d = msg["Date"].datetime if msg["Date"] else None
    if not d or d.year != 2026:
        err("%s: Date not in 2026" % r["file"])
    if msg.get_content_type() != "text/plain":
        err("%s: not text/plain" % r["file"])
    body = msg.get_content()
    if len(body.strip()) < 20:
        err("%s: body too short" % r["file"])
    cte = (msg["Content-Transfer-Encoding"] or "").lower()
    cs = msg.get_content_charset()
    if (cs, cte) not in (("iso-2022-jp", "7bit"), ("utf-8", "8bit"), ("utf-8", "base64")):
        err("%s: charset/encoding %s %s" % (r["file"], cs, cte))
    frm = msg["From"].addresses[0].addr_spec
    if not re.search(r"@([a-z0-9-]+\.)*example\.(jp|com|co\.jp)$", frm):
        err("%s: sender domain %s" % (r["file"], frm))
    if r["channel"] == "eapp" and (msg["Auto-Submitted"] or "") != "auto-generated":
        err("%s: e-application without Auto-Submitted" % r["file"])
    if r["kind"] == "followup" and (msg["In-Reply-To"] or msg["References"]):
        err("%s: follow-up must not carry In-Reply-To/References" % r["file"])
    return msg["Message-ID"], frm, d


def check_tiff(path, r):
    im = Image.open(path)
    if im.size != (1728, 2292) or im.mode != "1":
        err("%s: size/mode %s %s" % (r["file"], im.size, im.mode))
    if im.info.get("compression") != "group4":
        err("%s: compression %s" % (r["file"], im.info.get("compression")))
    dpi = tuple(round(v) for v in im.info.get("dpi", (0, 0)))
    if dpi != (204, 196):
        err("%s: dpi %s" % (r["file"], dpi))
    if getattr(im, "n_frames", 1) != 1:
        err("%s: frames %d" % (r["file"], im.n_frames))


def main():
    tax = taxonomy()
    lines = open(os.path.join(HERE, "labels.tsv"), encoding="utf-8").read().split("\n")
    if lines[-1] == "":
        lines.pop()
    if lines[0].split("\t") != COLS:
        err("labels.tsv header wrong")
    rows = []
    for i, ln in enumerate(lines[1:], 2):
        f = ln.split("\t")
        if len(f) != 15:
            err("labels.tsv line %d: %d columns" % (i, len(f)))
            continue
        rows.append(dict(zip(COLS, f)))
    if len(rows) != EXPECTED_ROWS:
        err("labels.tsv has %d rows, expected %d" % (len(rows), EXPECTED_ROWS))
    files = {r["file"] for r in rows}
    on_disk = {f for f in os.listdir(HERE) if re.match(r"^%s\d{3}\.(eml|tif)$" % HALF, f)}
    if files != on_disk:
        err("files in labels.tsv and on disk differ: %s" % sorted(files ^ on_disk))
    seen_ids, info = set(), {}
    for r in rows:
        fn = r["file"]
        if not re.match(r"^%s\d{3}\.(eml|tif)$" % HALF, fn):
            err("%s: bad name" % fn)
        if r["channel"] not in ("mail", "fax", "eapp") or r["kind"] not in ("consultation", "material_request", "followup"):
            err("%s: channel/kind" % fn)
        if (r["channel"] == "fax") != fn.endswith(".tif"):
            err("%s: channel vs extension" % fn)
        if r["category"] not in tax:
            err("%s: unknown category %s" % (fn, r["category"]))
            continue
        if (r["kind"] == "material_request") != (r["category"] == "material_request" and r["kind"] != "followup"):
            err("%s: kind/category mismatch" % fn)
        if r["urgent"] not in ("yes", "no"):
            err("%s: urgent" % fn)
        if r["category"] == "material_request" and r["urgent"] != "no":
            err("%s: guidebook request marked urgent" % fn)
        want = "" if r["category"] == "material_request" else tax[r["category"]]
        if r["referrals"] != want:
            err("%s: referrals %r, taxonomy says %r" % (fn, r["referrals"], want))
        if r["copies"] != "-" and not (r["copies"].isdigit() and int(r["copies"]) > 0):
            err("%s: copies %r" % (fn, r["copies"]))
        if r["category"] != "material_request" and r["copies"] != "-":
            err("%s: consultation with copies" % fn)
        for c in ("tokyo", "sme"):
            if r[c] not in ("yes", "no", "unknown"):
                err("%s: %s=%r" % (fn, c, r[c]))
        okfp = ("yes", "no", "unknown") if r["category"] == "material_request" else ("-",)
        if r["for_profit"] not in okfp:
            err("%s: for_profit=%r" % (fn, r["for_profit"]))
        if not r["requester"] or r["requester"] == "-":
            err("%s: requester empty" % fn)
        if not r["organisation"]:
            err("%s: organisation empty (use -)" % fn)
        m, p = expect_plan(r)
        if (r["method"], r["parcels"]) != (m, p):
            err("%s: method/parcels %s/%s, rules give %s/%s" % (fn, r["method"], r["parcels"], m, p))
        path = os.path.join(HERE, fn)
        if not os.path.exists(path):
            err("%s: missing file" % fn)
            continue
        if fn.endswith(".eml"):
            mid, frm, d = check_mail(path, r)
            if mid in seen_ids:
                err("%s: duplicate Message-ID" % fn)
            seen_ids.add(mid)
            info[fn] = (frm, d)
        else:
            check_tiff(path, r)
    byfile = {r["file"]: r for r in rows}
    for r in rows:
        if r["kind"] == "followup":
            j = r["joins"]
            if j not in byfile or j == r["file"]:
                err("%s: joins %r not in this half" % (r["file"], j))
                continue
            if r["category"] != byfile[j]["category"]:
                err("%s: follow-up category differs from %s" % (r["file"], j))
            if j in info and r["file"] in info:
                if info[j][0] != info[r["file"]][0]:
                    err("%s: follow-up from another address than %s" % (r["file"], j))
                if not info[r["file"]][1] > info[j][1]:
                    err("%s: follow-up not later than %s" % (r["file"], j))
        elif r["joins"] != "-":
            err("%s: joins set on a non-follow-up" % r["file"])
    for e in errors:
        print("FAIL", e)
    print("%s: %d rows, %d errors" % (HERE, len(rows), len(errors)))
    print("check.py: " + ("PASS" if not errors else "FAIL"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
