#!/usr/bin/env python3
"""Two package-lock.json v3 files of 100,000 packages each, to time the install graph behind "introduced through".

deep: the root needs pkg-0 and pkg-i needs pkg-(i+1): one chain 100,000 levels deep (past 64 levels no chain is
      reported, so this is the worst case for the walk, not for the output).
wide: 200 direct dependencies, each pulling 499 packages in a tree two levels below it: a realistic shape at
      an unrealistic size (100,001 entries).
Usage: gen-npm-graph.py OUT_DIR   (writes OUT_DIR/deep/package-lock.json and OUT_DIR/wide/package-lock.json)
"""
import json
import os
import sys

out = sys.argv[1]
os.makedirs(f"{out}/deep", exist_ok=True)
os.makedirs(f"{out}/wide", exist_ok=True)

n = 100_000
packages = {"": {"name": "big", "version": "1.0.0", "dependencies": {"pkg-0": "^1.0.0"}}}
for i in range(n):
    packages[f"node_modules/pkg-{i}"] = {
        "version": f"1.{i % 50}.{i % 7}",
        "resolved": f"https://index.example/pkg-{i}/-/pkg-{i}-1.0.0.tgz",
        "dependencies": {f"pkg-{(i + 1) % n}": "^1.0.0"},
    }
with open(f"{out}/deep/package-lock.json", "w") as f:
    json.dump({"name": "big", "version": "1.0.0", "lockfileVersion": 3, "packages": packages}, f, indent=2)

packages = {"": {"name": "big", "version": "1.0.0", "dependencies": {f"d-{j}": "^1.0.0" for j in range(200)}}}
for j in range(200):
    kids = [f"t-{j}-{k}" for k in range(499)]
    packages[f"node_modules/d-{j}"] = {"version": "1.0.0", "dependencies": {k: "^1.0.0" for k in kids[:20]}}
    for k, name in enumerate(kids):
        deps = {kids[m]: "^1.0.0" for m in range(20 + k * 20, min(20 + k * 20 + 20, 499))} if k < 20 else {}
        packages[f"node_modules/{name}"] = {"version": "2.0.0", "dependencies": deps}
with open(f"{out}/wide/package-lock.json", "w") as f:
    json.dump({"name": "big", "version": "1.0.0", "lockfileVersion": 3, "packages": packages}, f, indent=2)
