#!/usr/bin/env python3
"""Generates a synthetic OSV dump for benchmarks (never committed):

  gen-osv.py OUT_DIR [RECORDS] [LOOKUPS]

writes OUT_DIR/Synthetic/all.zip (RECORDS OSV records, default 300000, one JSON per entry, zip64) and
OUT_DIR/lookups.tsv (LOOKUPS lines ECOSYSTEM<TAB>NAME<TAB>VERSION, default 20000: 3/4 packages that have
advisories at random versions, 1/4 packages that have none). Deterministic (fixed seed).

Records look like real GHSA/PYSEC ones: 1-2 affected entries, ECOSYSTEM/SEMVER ranges with 2-6 events,
aliases, CVSS v3 vectors on half of them, references, a few hundred characters of details.
"""
import json, os, random, sys, zipfile

out = sys.argv[1]
n_records = int(sys.argv[2]) if len(sys.argv) > 2 else 300_000
n_lookups = int(sys.argv[3]) if len(sys.argv) > 3 else 20_000
rng = random.Random(42)

ECOS = [("npm", 40), ("PyPI", 20), ("Maven", 12), ("Go", 10), ("crates.io", 6), ("RubyGems", 5), ("Packagist", 4),
        ("NuGet", 3)]
weights = [w for _, w in ECOS]
# About one package per three records, as in the real data (popular packages have many advisories).
packages = {e: [] for e, _ in ECOS}
for e, w in ECOS:
    for i in range(max(1, n_records * w // 100 // 3)):
        if e == "Maven":
            name = f"org.example{i % 500}:artifact-{i}"
        elif e == "Go":
            name = f"github.com/example{i % 700}/module-{i}"
        elif e == "npm" and i % 5 == 0:
            name = f"@scope{i % 300}/pkg-{i}"
        else:
            name = f"pkg-{e.lower().replace('.', '')}-{i}"
        packages[e].append(name)

def version(e, major, minor, patch):
    if e == "Go":
        return f"{major}.{minor}.{patch}"
    if e == "Maven" and rng.random() < 0.1:
        return f"{major}.{minor}.{patch}.Final"
    return f"{major}.{minor}.{patch}"

CVSS = ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
        "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"]
WORDS = "the parser allows remote attackers to cause a denial of service via crafted input because length checks are missing".split()

os.makedirs(os.path.join(out, "Synthetic"), exist_ok=True)
zpath = os.path.join(out, "Synthetic", "all.zip")
with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    for i in range(n_records):
        e = rng.choices([x for x, _ in ECOS], weights)[0]
        affected = []
        for _ in range(1 if rng.random() < 0.8 else 2):
            name = rng.choice(packages[e])
            events = []
            major = rng.randint(0, 5)
            intro = "0" if rng.random() < 0.4 else version(e, major, rng.randint(0, 9), 0)
            events.append({"introduced": intro})
            events.append({"fixed": version(e, major, rng.randint(0, 9), rng.randint(1, 30))})
            if rng.random() < 0.3:
                events.append({"introduced": version(e, major + 1, 0, 0)})
                events.append({"fixed": version(e, major + 1, rng.randint(0, 5), rng.randint(1, 20))})
            rtype = "SEMVER" if e in ("npm", "Go", "crates.io") else "ECOSYSTEM"
            affected.append({"package": {"ecosystem": e, "name": name}, "ranges": [{"type": rtype, "events": events}]})
        rec = {
            "schema_version": "1.6.0", "id": f"SYN-{e}-{i:07d}", "modified": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T00:00:00Z",
            "published": "2025-01-01T00:00:00Z", "aliases": [f"CVE-2025-{100000 + i}"],
            "summary": " ".join(rng.choice(WORDS) for _ in range(8)),
            "details": " ".join(rng.choice(WORDS) for _ in range(60)),
            "affected": affected,
            "references": [{"type": "ADVISORY", "url": f"https://advisories.example/SYN-{i}"},
                           {"type": "WEB", "url": f"https://code.example/commit/{i:040x}"}],
            "database_specific": {"severity": rng.choice(["LOW", "MODERATE", "HIGH", "CRITICAL"])},
        }
        if rng.random() < 0.5:
            rec["severity"] = [{"type": "CVSS_V3", "score": rng.choice(CVSS)}]
        z.writestr(rec["id"] + ".json", json.dumps(rec, indent=2))

with open(os.path.join(out, "lookups.tsv"), "w") as f:
    for i in range(n_lookups):
        e = rng.choices([x for x, _ in ECOS], weights)[0]
        if i % 4 == 3:
            name = f"no-advisory-{e}-{i}"
        else:
            name = rng.choice(packages[e])
        f.write(f"{e}\t{name}\t{version(e, rng.randint(0, 6), rng.randint(0, 9), rng.randint(0, 30))}\n")
print(f"{n_records} records in {zpath} ({os.path.getsize(zpath) >> 20} MiB), {n_lookups} lookups")
