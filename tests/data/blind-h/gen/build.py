"""Build one half of the evaluation set: mails, fax TIFFs, labels.tsv, README.md.

usage: /usr/bin/python3 gen/build.py   (run from anywhere; writes next to gen/)
The half is named by the items module found in gen/ (items_g.py or items_h.py).
Deterministic: the same inputs give the same bytes.
"""
import glob
import importlib
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import faxgen  # noqa: E402
import mailgen  # noqa: E402
import rules  # noqa: E402

mods = sorted(glob.glob(os.path.join(HERE, "items_*.py")))
assert len(mods) == 1, mods
HALF = os.path.basename(mods[0])[6:-3]
items = importlib.import_module("items_" + HALF).ITEMS
SEED = "tcyss-eval-" + HALF

COLS = ["file", "channel", "kind", "category", "urgent", "referrals", "copies", "method", "parcels",
        "requester", "organisation", "tokyo", "sme", "for_profit", "joins"]


def assign_files():
    """Mail-like items get numbers in a seeded shuffle (a follow-up always after
    the item it continues); faxes are numbered after all mails."""
    rng = random.Random(SEED)
    mails = [it for it in items if it["channel"] != "fax" and it["lab"]["kind"] != "followup"]
    fups = [it for it in items if it["lab"]["kind"] == "followup"]
    faxes = [it for it in items if it["channel"] == "fax"]
    rng.shuffle(mails)
    for f in fups:
        tgt = next(i for i, it in enumerate(mails) if it["key"] == f["joins"])
        pos = rng.randint(tgt + 1, len(mails))
        mails.insert(pos, f)
    rng.shuffle(faxes)
    order = mails + faxes
    for n, it in enumerate(order, 1):
        it["file"] = "%s%03d.%s" % (HALF, n, "tif" if it["channel"] == "fax" else "eml")
    return order


def main():
    order = assign_files()
    bykey = {it["key"]: it for it in items}
    tax = rules.taxonomy()
    rows = []
    for it in order:
        path = os.path.join(OUT, it["file"])
        if it["channel"] == "fax":
            faxgen.render(it["fax"], SEED + it["key"], path)
        else:
            with open(path, "wb") as fh:
                fh.write(mailgen.build(it["mail"], SEED))
        lab = dict(it["lab"])
        lab["file"] = it["file"]
        lab["channel"] = it["channel"]
        lab["joins"] = bykey[it["joins"]]["file"] if it.get("joins") else "-"
        lab["referrals"] = rules.referrals(tax, lab["category"])
        lab["method"], lab["parcels"] = rules.plan(lab)
        rows.append(lab)
    with open(os.path.join(OUT, "labels.tsv"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\t".join(COLS) + "\n")
        for r in rows:
            fh.write("\t".join(str(r[c]) for c in COLS) + "\n")
    readme = open(os.path.join(HERE, "README.tmpl"), encoding="utf-8").read()
    groups = {}
    for it in order:
        groups[it["group"]] = groups.get(it["group"], 0) + 1
    meth = {}
    for r in rows:
        meth[r["method"]] = meth.get(r["method"], 0) + 1
    gtxt = "\n".join("| %s | %d |" % (g, n) for g, n in sorted(groups.items()))
    mtxt = "\n".join("| %s | %d |" % (m, n) for m, n in sorted(meth.items()))
    readme = readme.replace("@HALF@", HALF).replace("@N@", str(len(rows))).replace("@GROUPS@", gtxt).replace("@METHODS@", mtxt)
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as fh:
        fh.write(readme)
    print("wrote %d items to %s" % (len(rows), OUT))
    print(groups)
    print(meth)


if __name__ == "__main__":
    main()
