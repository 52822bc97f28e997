#!/usr/bin/env python3
"""Scores one tool's report against the corpus manifest: recall on planted secrets (a finding on the planted
line, or inside a multi-line secret), decoy matches (must be 0) and other findings (on the real text)."""
import json, os, sys

def load_json_docs(path):
    text = open(path, encoding="utf-8", errors="replace").read().strip()
    if not text: return []
    dec, i, docs = json.JSONDecoder(), 0, []
    while i < len(text):
        while i < len(text) and text[i].isspace(): i += 1
        if i >= len(text): break
        obj, i = dec.raw_decode(text, i)
        docs.append(obj)
    return docs

def findings(tool, path, root):
    out = []
    for doc in load_json_docs(path):
        if tool == "picket":
            for f in doc.get("findings", []):
                for l in f.get("locations", []):
                    out.append((l["path"], l["start_line"], l.get("end_line", l["start_line"]), f["rule_id"]))
        elif tool == "kingfisher":
            for f in doc.get("findings", []) if isinstance(doc.get("findings"), list) else []:
                g = f["finding"]
                out.append((g["path"], g["line"], g["line"], f["rule"]["id"]))
        else:  # gitleaks / betterleaks
            items = doc if isinstance(doc, list) else doc.get("findings", []) if isinstance(doc, dict) else []
            for f in items:
                if isinstance(f, dict) and "File" in f:
                    out.append((f["File"], f["StartLine"], f.get("EndLine", f["StartLine"]), f.get("RuleID", "")))
                elif isinstance(f, dict) and isinstance(f.get("location"), dict):  # Betterleaks 2 report schema
                    l = f["location"]
                    out.append((l["path"], l["start_line"], l.get("end_line", l["start_line"]), f.get("rule_id", "")))
    norm = []
    for p, s, e, r in out:
        if p.startswith(root): p = os.path.relpath(p, root)
        norm.append((p, int(s), int(e), r))
    return norm

def main():
    tool, report, corpus = sys.argv[1], sys.argv[2], sys.argv[3]
    manifest = json.load(open(os.path.join(corpus, "manifest.json")))
    # Tools scan CORPUS/src (the manifest stays outside the scanned tree); compare paths relative to it.
    for e in manifest["planted"] + manifest["decoys"]: e["file"] = os.path.relpath(e["file"], "src")
    fs = findings(tool, report, os.path.join(os.path.abspath(corpus), "src"))
    by_file = {}
    for p, s, e, r in fs: by_file.setdefault(p, []).append((s, e, r))
    def hit(entry):
        span = entry["secret"].count("\n")
        lo, hi = entry["line"], entry["line"] + span
        return any(s <= hi and e >= lo for s, e, _ in by_file.get(entry["file"], []))
    found = [p for p in manifest["planted"] if hit(p)]
    decoy_hits = [d for d in manifest["decoys"] if hit(d)]
    planted_lines = {(p["file"], p["line"] + k) for p in manifest["planted"] for k in range(p["secret"].count("\n") + 1)}
    decoy_lines = {(d["file"], d["line"]) for d in manifest["decoys"]}
    other = [f for f in fs if (f[0], f[1]) not in planted_lines and (f[0], f[1]) not in decoy_lines]
    missed = {}
    for p in manifest["planted"]:
        if p not in found: missed[p["format"]] = missed.get(p["format"], 0) + 1
    print(json.dumps({"tool": tool, "planted": len(manifest["planted"]), "found": len(found),
                      "recall": round(len(found) / len(manifest["planted"]), 4), "decoy_matches": len(decoy_hits),
                      "other_findings": len(other), "missed_by_format": dict(sorted(missed.items()))}))

if __name__ == "__main__":
    main()
