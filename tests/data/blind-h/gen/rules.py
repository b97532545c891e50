"""Label rules shared by build.py and check.py."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def taxonomy():
    """code -> default referrals ('' when none), read from the copy of spec/taxonomy.tsv
    (or the shared original when present)."""
    for p in ("/work/shared/spec/taxonomy.tsv", os.path.join(HERE, "taxonomy.tsv")):
        if os.path.exists(p):
            break
    tax = {}
    with open(p, encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) >= 5:
                tax[f[0]] = f[4].strip()
    return tax


def referrals(tax, cat):
    return tax[cat]


def parcels(n):
    h, r = divmod(n, 100)
    if r == 0:
        return "box100x%d" % h
    if r <= 50:
        return ("box100x%d+" % h if h else "") + "box80x1"
    return "box100x%d" % (h + 1)


def plan(lab):
    """(method, parcels) from the other columns."""
    if lab["category"] != "material_request" or lab["kind"] == "consultation":
        return "-", "-"
    if lab["tokyo"] == "no" or lab["sme"] == "no" or lab["for_profit"] == "yes":
        return "decline", "-"
    if "unknown" in (lab["tokyo"], lab["sme"], lab["for_profit"]) or lab["copies"] == "-":
        return "needs_info", "-"
    n = int(lab["copies"])
    if n <= 10:
        return "mail_free", "envelope60x1"
    if n <= 49:
        return "pickup_or_cod", "-"
    return "deferred", parcels(n)
