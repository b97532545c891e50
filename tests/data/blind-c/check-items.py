#!/usr/bin/python3
"""Check the generated set: every c*.eml parses with the email package, its
decoded headers and text equal what make-items.py wrote, and labels.tsv has 70
rows of 15 columns whose codes are valid against /work/shared/spec.
Exit status 0 when everything passes."""
import collections
import email
import email.policy
import os
import re
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = "/work/shared/spec"
errors = []


def err(msg):
    errors.append(msg)


mod = runpy.run_path(os.path.join(HERE, "make-items.py"), run_name="check")
ITEMS = mod["ITEMS"]

# --- spec ------------------------------------------------------------------
tax = {}
with open(os.path.join(SPEC, "taxonomy.tsv"), encoding="utf-8") as f:
    head = f.readline().rstrip("\n").split("\t")
    for line in f:
        if not line.strip():
            continue
        row = dict(zip(head, line.rstrip("\n").split("\t")))
        tax[row["code"]] = row["default_referrals"].strip()
refcodes = set()
with open(os.path.join(SPEC, "referrals.tsv"), encoding="utf-8") as f:
    f.readline()
    for line in f:
        if line.strip():
            refcodes.add(line.split("\t", 1)[0])

# --- messages ----------------------------------------------------------------
msgids, senders = set(), set()
for it in ITEMS:
    fn = "c%03d.eml" % it["n"]
    raw = open(os.path.join(HERE, fn), "rb").read()
    if re.search(rb"(?<!\r)\n", raw):
        err(fn + ": bare LF")
    for ln in raw.split(b"\r\n"):
        if len(ln) > 998:
            err(fn + ": line longer than 998 octets")
    hdr, _, _ = raw.partition(b"\r\n\r\n")
    try:
        hdr.decode("ascii")
    except UnicodeDecodeError:
        err(fn + ": non-ASCII header")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    if msg.defects:
        err(fn + ": defects %r" % msg.defects)
    if msg["To"] != "soudan@desk.example.jp":
        err(fn + ": To")
    frm = msg["From"]
    addr = frm.addresses[0]
    if addr.display_name != it["name"] or addr.addr_spec != it["addr"]:
        err(fn + ": From %r" % str(frm))
    if not re.search(r"@([a-z0-9-]+\.)*example\.(jp|com|co\.jp)$", addr.addr_spec):
        err(fn + ": sender domain")
    senders.add(addr.addr_spec)
    if str(msg["Subject"]) != it["subject"]:
        err(fn + ": Subject %r" % str(msg["Subject"]))
    if not msg["Subject"] or "=?" not in raw.split(b"Subject: ", 1)[1].split(b"\r\n", 1)[0].decode():
        err(fn + ": Subject not RFC 2047 encoded")
    if msg["Date"].datetime.year != 2026:
        err(fn + ": Date")
    mid = msg["Message-ID"]
    if not mid or mid in msgids:
        err(fn + ": Message-ID missing or duplicate")
    msgids.add(mid)
    if msg["MIME-Version"] != "1.0":
        err(fn + ": MIME-Version")
    cs = msg.get_content_charset()
    cte = msg["Content-Transfer-Encoding"]
    if msg.get_content_type() != "text/plain" or cs not in ("utf-8", "iso-2022-jp"):
        err(fn + ": Content-Type")
    if (cs, cte) not in (("utf-8", "8bit"), ("utf-8", "base64"), ("iso-2022-jp", "7bit")):
        err(fn + ": charset/CTE %s/%s" % (cs, cte))
    if cs == "iso-2022-jp":
        body = raw.partition(b"\r\n\r\n")[2]
        if any(b > 0x7F for b in body):
            err(fn + ": 8-bit byte in ISO-2022-JP body")
        for ln in body.split(b"\r\n"):
            # every line must end in ASCII state
            last = max(ln.rfind(b"\x1b$B"), ln.rfind(b"\x1b(B"))
            if last >= 0 and ln[last:last + 3] != b"\x1b(B":
                err(fn + ": line does not return to ASCII")
                break
    text = msg.get_content().replace("\r\n", "\n")
    if text != it["body"]:
        err(fn + ": decoded body differs from the source text")

if len(senders) < 25:
    err("fewer than 25 different senders")

# --- labels ------------------------------------------------------------------
COLS = "file channel kind category urgent referrals copies method parcels requester organisation tokyo sme for_profit joins".split()
with open(os.path.join(HERE, "labels.tsv"), encoding="utf-8") as f:
    lines = f.read().split("\n")
if lines[-1] == "":
    lines.pop()
if lines[0].split("\t") != COLS:
    err("labels.tsv header")
rows = [l.split("\t") for l in lines[1:]]
if len(rows) != 70:
    err("labels.tsv has %d rows" % len(rows))
for r in rows:
    if len(r) != 15:
        err("row %r has %d columns" % (r[0], len(r)))
        continue
    d = dict(zip(COLS, r))
    f = d["file"]
    if not os.path.exists(os.path.join(HERE, f)):
        err(f + ": file missing")
    if d["channel"] != "mail" or d["joins"] != "-":
        err(f + ": channel/joins")
    if d["kind"] not in ("consultation", "material_request"):
        err(f + ": kind")
    if d["category"] not in tax:
        err(f + ": category %s" % d["category"])
    mat = d["kind"] == "material_request"
    if mat != (d["category"] == "material_request"):
        err(f + ": kind/category mismatch")
    if d["urgent"] not in ("yes", "no") or (mat and d["urgent"] != "no"):
        err(f + ": urgent")
    want_ref = "" if mat else tax.get(d["category"], "")
    if d["referrals"] != want_ref:
        err(f + ": referrals %r != %r" % (d["referrals"], want_ref))
    for code in filter(None, d["referrals"].split(";")):
        if code not in refcodes:
            err(f + ": unknown referral " + code)
    for k in ("tokyo", "sme", "for_profit"):
        if d[k] not in ("yes", "no", "unknown"):
            err(f + ": " + k)
    if not d["requester"] or not d["organisation"]:
        err(f + ": requester/organisation empty")
    copies = None if d["copies"] == "-" else int(d["copies"])
    if copies is not None and copies <= 0:
        err(f + ": copies")
    # independent recomputation of method and parcels
    if not mat:
        m, p = "-", "-"
        if d["copies"] != "-":
            err(f + ": consultation with copies")
    else:
        if "no" in (d["tokyo"], d["sme"]) or d["for_profit"] == "yes":
            m = "decline"
        elif "unknown" in (d["tokyo"], d["sme"], d["for_profit"]) or copies is None:
            m = "needs_info"
        elif copies <= 10:
            m = "mail_free"
        elif copies < 50:
            m = "pickup_or_cod"
        else:
            m = "deferred"
        p = "-"
        if m == "mail_free":
            p = "envelope60x1"
        elif m == "deferred":
            full, rest = copies // 100, copies % 100
            terms = []
            n100 = full + (1 if rest > 50 else 0)
            if n100:
                terms.append("box100x%d" % n100)
            if 0 < rest <= 50:
                terms.append("box80x1")
            p = "+".join(terms)
    if d["method"] != m or d["parcels"] != p:
        err(f + ": method/parcels %s/%s, expected %s/%s" % (d["method"], d["parcels"], m, p))

# --- no sentence reused between items ---------------------------------------
seen = collections.defaultdict(set)
for it in ITEMS:
    for s in re.split(r"[。\n？！]", it["body"]):
        s = s.strip()
        if re.match(r"^東京都.*相談窓口", s):   # addressee lines are names, not sentences
            continue
        if len(s) >= 14 and not re.fullmatch(r"[\W_]+", s):
            seen[s].add(it["n"])
dups = {s: sorted(v) for s, v in seen.items() if len(v) > 1}
for s, v in dups.items():
    err("sentence reused in %s: %s" % (v, s))

# --- summary -----------------------------------------------------------------
cnt = collections.Counter()
for r in rows:
    d = dict(zip(COLS, r))
    cnt[(d["kind"], d["method"] if d["kind"] == "material_request" else d["urgent"])] += 1
print("senders:", len(senders), " message-ids:", len(msgids))
for k in sorted(cnt):
    print("  %-18s %-14s %d" % (k[0], k[1], cnt[k]))
print("charsets:", collections.Counter((it["cs_final"] if "cs_final" in it else it["cs"]) for it in ITEMS))
if errors:
    print("\n".join("ERROR " + e for e in errors))
    sys.exit(1)
print("all checks passed")
