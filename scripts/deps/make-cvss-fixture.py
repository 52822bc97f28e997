#!/usr/bin/env python3
"""Writes Tests/PicketDepsTests/Fixtures/cvss/oracle.tsv: CVSS vectors with base scores computed by an
independent implementation (the `cvss` package from PyPI, pinned below), so the Swift calculators are checked
against more than a handful of hand-picked vectors.

Vectors: every CVSS vector in the shared OSV corpus, plus a fixed-seed random sample per version (v4 samples
also carry threat/environmental metrics).

Usage: scripts/deps/make-cvss-fixture.py [SHARED_DIR]   (creates .build/cvss-venv on first use)
"""
import json, os, random, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VENV = os.path.join(ROOT, ".build", "cvss-venv")
if not os.path.exists(os.path.join(VENV, "bin", "python")):
    subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([os.path.join(VENV, "bin", "pip"), "install", "-q", "cvss==3.6"])
if sys.prefix != VENV:
    os.execv(os.path.join(VENV, "bin", "python"), [os.path.join(VENV, "bin", "python")] + sys.argv)

from cvss import CVSS2, CVSS3, CVSS4  # noqa: E402

shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(ROOT), "shared")
vectors = set()
for eco in os.listdir(os.path.join(shared, "corpora", "osv")):
    folder = os.path.join(shared, "corpora", "osv", eco)
    if not os.path.isdir(folder):
        continue
    for name in os.listdir(folder):
        with open(os.path.join(folder, name)) as f:
            rec = json.load(f)
        sev = list(rec.get("severity", []))
        for a in rec.get("affected", []):
            sev += a.get("severity", [])
        for s in sev:
            if s.get("type", "").startswith("CVSS"):
                vectors.add(s["score"])

rng = random.Random(20261125)
V2 = [("AV", "LAN"), ("AC", "HML"), ("Au", "MSN"), ("C", "NPC"), ("I", "NPC"), ("A", "NPC")]
V3 = [("AV", "NALP"), ("AC", "LH"), ("PR", "NLH"), ("UI", "NR"), ("S", "UC"), ("C", "HLN"), ("I", "HLN"), ("A", "HLN")]
V4 = [("AV", "NALP"), ("AC", "LH"), ("AT", "NP"), ("PR", "NLH"), ("UI", "NPA"), ("VC", "HLN"), ("VI", "HLN"),
      ("VA", "HLN"), ("SC", "HLN"), ("SI", "HLN"), ("SA", "HLN")]
V4_OPT = [("E", "XAPU"), ("CR", "XHML"), ("IR", "XHML"), ("AR", "XHML"), ("MAV", "XNALP"), ("MAC", "XLH"),
          ("MAT", "XNP"), ("MPR", "XNLH"), ("MUI", "XNPA"), ("MVC", "XHLN"), ("MVI", "XHLN"), ("MVA", "XHLN"),
          ("MSC", "XHLN"), ("MSI", "XSHLN"), ("MSA", "XSHLN")]
for _ in range(400):
    vectors.add("/".join(f"{k}:{rng.choice(v)}" for k, v in V2))
for minor in ("3.0", "3.1"):
    for _ in range(400):
        vectors.add(f"CVSS:{minor}/" + "/".join(f"{k}:{rng.choice(v)}" for k, v in V3))
for _ in range(1500):
    vectors.add("CVSS:4.0/" + "/".join(f"{k}:{rng.choice(v)}" for k, v in V4))
for _ in range(1500):
    extra = [(k, v) for k, v in V4_OPT if rng.random() < 0.4]
    vectors.add("CVSS:4.0/" + "/".join(f"{k}:{rng.choice(v)}" for k, v in V4 + extra))

rows = []
for vec in sorted(vectors):
    if vec.startswith("CVSS:4.0/"):
        score = CVSS4(vec).base_score
    elif vec.startswith("CVSS:3"):
        score = CVSS3(vec).scores()[0]
    else:
        score = CVSS2(vec).scores()[0]
    rows.append(f"{vec}\t{float(score):.1f}")
out = os.path.join(ROOT, "Tests", "PicketDepsTests", "Fixtures", "cvss", "oracle.tsv")
with open(out, "w") as f:
    f.write("\n".join(rows) + "\n")
print(f"wrote {len(rows)} vectors to {out}")
