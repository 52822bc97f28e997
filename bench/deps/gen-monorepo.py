#!/usr/bin/env python3
"""Generates a monorepo for the dependency-scan benchmark (never committed):

  gen-monorepo.py LOOKUPS_TSV OUT_DIR [LOCKFILES] [ADVISED_SHARE]

Spreads the packages of LOOKUPS_TSV (ECOSYSTEM<TAB>NAME<TAB>VERSION lines written by gen-osv.py: 3/4 with
advisories in the generated database, 1/4 without) over LOCKFILES (default 50) lockfiles of each ecosystem's
own format, in one folder per project: package-lock.json (npm), requirements.txt (PyPI), gradle.lockfile
(Maven), go.mod (Go), Cargo.lock (crates.io), Gemfile.lock (RubyGems), composer.lock (Packagist),
packages.lock.json (NuGet). Each ecosystem gets lockfiles in proportion to its packages (at least one).
ADVISED_SHARE (default: as in LOOKUPS_TSV) sets the share of packages that have advisories: 0.1 keeps one
package in ten from the advised ones and renames the others to packages no advisory names (same count,
versions and ecosystems), closer to a real monorepo than the worst case of 3/4. Deterministic.
"""
import collections, json, os, sys

src, out = sys.argv[1], sys.argv[2]
n_files = int(sys.argv[3]) if len(sys.argv) > 3 else 50
advised_share = float(sys.argv[4]) if len(sys.argv) > 4 else None

rows = [line.rstrip("\n").split("\t") for line in open(src)]
if advised_share is not None:
    # Every k-th advised package keeps its name; the others become packages without advisories.
    advised = [i for i, (_, name, _) in enumerate(rows) if not name.startswith("no-advisory-")]
    keep = set(advised[::max(1, round(len(advised) / max(1, advised_share * len(rows))))])
    rows = [(e, name if i in keep or name.startswith("no-advisory-") else f"no-advisory-{e}-r{i}", v)
            for i, (e, name, v) in enumerate(rows)]
by_eco = collections.OrderedDict()
for e, name, version in rows:
    by_eco.setdefault(e, []).append((name, version))
total = sum(len(v) for v in by_eco.values())

# Lockfiles per ecosystem: proportional, at least one, adding up to n_files.
share = {e: max(1, round(n_files * len(v) / total)) for e, v in by_eco.items()}
while sum(share.values()) > n_files:
    share[max(share, key=share.get)] -= 1
while sum(share.values()) < n_files:
    share[min(share, key=lambda e: share[e] / len(by_eco[e]))] += 1


def npm(pkgs):
    packages = {"": {"name": "app", "version": "1.0.0", "dependencies": {n: "^" + v for n, v in pkgs[:20]}}}
    for n, v in pkgs:
        packages[f"node_modules/{n}"] = {"version": v, "resolved": f"https://index.example/{n}/-/{n}-{v}.tgz",
                                         "integrity": "sha512-" + "A" * 86 + "==", "license": "MIT"}
    return "package-lock.json", json.dumps({"name": "app", "version": "1.0.0", "lockfileVersion": 3,
                                            "requires": True, "packages": packages}, indent=2) + "\n"


def pypi(pkgs):
    return "requirements.txt", "".join(f"{n}=={v}\n" for n, v in pkgs)


def maven(pkgs):
    body = "# This is a Gradle generated file for dependency locking.\n"
    # Coordinates are group:artifact; generated names without a group get one.
    body += "".join(f"{n if ':' in n else 'org.example.none:' + n}:{v}=compileClasspath,runtimeClasspath\n" for n, v in pkgs)
    return "gradle.lockfile", body + "empty=\n"


def go(pkgs):
    return "go.mod", "module example.com/app\n\ngo 1.22\n\nrequire (\n" + "".join(f"\t{n} v{v}\n" for n, v in pkgs) + ")\n"


def cargo(pkgs):
    body = "version = 3\n"
    for n, v in pkgs:
        body += f'\n[[package]]\nname = "{n}"\nversion = "{v}"\nsource = "registry+https://index.example/crates"\n'
    return "Cargo.lock", body


def gems(pkgs):
    body = "GEM\n  remote: https://index.example/\n  specs:\n" + "".join(f"    {n} ({v})\n" for n, v in pkgs)
    body += "\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n" + "".join(f"  {n}\n" for n, _ in pkgs[:20]) + "\nBUNDLED WITH\n   2.5.0\n"
    return "Gemfile.lock", body


def composer(pkgs):
    return "composer.lock", json.dumps({"packages": [{"name": n, "version": v, "license": ["MIT"]} for n, v in pkgs],
                                        "packages-dev": []}, indent=4) + "\n"


def nuget(pkgs):
    deps = {n: {"type": "Transitive", "resolved": v, "contentHash": "abc"} for n, v in pkgs}
    return "packages.lock.json", json.dumps({"version": 1, "dependencies": {"net8.0": deps}}, indent=2) + "\n"


WRITERS = {"npm": npm, "PyPI": pypi, "Maven": maven, "Go": go, "crates.io": cargo, "RubyGems": gems,
           "Packagist": composer, "NuGet": nuget}

written = 0
for e, pkgs in by_eco.items():
    k = share[e]
    for i in range(k):
        part = pkgs[i::k]
        name, text = WRITERS[e](part)
        folder = os.path.join(out, f"{e.lower().replace('.', '')}-{i:02d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, name), "w") as f:
            f.write(text)
        written += 1
advised_count = sum(1 for _, name, _ in rows if not name.startswith("no-advisory-"))
print(f"{written} lockfiles, {total} packages ({advised_count} with advisories) in {out}", file=sys.stderr)
