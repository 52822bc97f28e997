#!/usr/bin/env python3
"""Secret-scanning benchmark: Picket beside Kingfisher, gitleaks and Betterleaks on one corpus, in one run.

Each round runs every tool once, in turn (so a change in machine load hits all of them alike), after one
warm-up round (rule caches and page cache warm for everyone). Each run is timed with /usr/bin/time -v. The
table gives median wall time, MB/s, median CPU time, peak RSS, each peer's wall time divided by Picket's
(median of the per-round ratios), and recall / decoy matches on the planted set (bench/secrets/score.py).

Usage: bench/secrets/run.py [--corpus DIR] [--rounds N] [--tools picket,kingfisher,...]
"""
import argparse, json, os, statistics, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))

def timed(cmd, label, work):
    tfile = os.path.join(work, label + ".time")
    subprocess.run(["/usr/bin/time", "-v", "-o", tfile] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    fields = {}
    for line in open(tfile):
        k, _, v = line.strip().rpartition(": ")
        fields[k.strip()] = v
    parts = [float(x) for x in fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")]
    wall = 0.0
    for p in parts: wall = wall * 60 + p
    cpu = float(fields["User time (seconds)"]) + float(fields["System time (seconds)"])
    return wall, cpu, int(fields["Maximum resident set size (kbytes)"])

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(REPO, "bench", "work", "corpus"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--tools", default="picket,kingfisher,gitleaks,betterleaks")
    a = ap.parse_args()
    corpus = os.path.abspath(a.corpus)
    if not os.path.exists(os.path.join(corpus, "manifest.json")):
        subprocess.check_call([sys.executable, os.path.join(HERE, "build_corpus.py"), "--out", corpus])
    subprocess.check_call([os.path.join(HERE, "setup-peers.sh")], stdout=subprocess.DEVNULL)
    subprocess.check_call(["swift", "build", "-c", "release", "--product", "picket"], cwd=REPO, stdout=subprocess.DEVNULL)
    work = os.path.join(REPO, "bench", "work", "secrets-run")
    os.makedirs(work, exist_ok=True)
    peers = os.path.join(REPO, "bench", "work", "peers")
    src = os.path.join(corpus, "src")
    threads = str(os.cpu_count())
    cmds = {
        "picket": [os.path.join(REPO, ".build", "release", "picket"), "scan", src, "--scanners", "secrets", "--format", "json", "--output",
                   os.path.join(work, "picket.json"), "--data-dir", os.path.join(work, "picket-data"), "--threads", threads],
        "kingfisher": [os.path.join(peers, "kingfisher", "bin", "kingfisher"), "scan", src, "--no-validate", "--no-update-check",
                       "--format", "json", "-o", os.path.join(work, "kingfisher.json"), "-j", threads, "--max-file-size", "10"],
        "gitleaks": [os.path.join(peers, "gitleaks", "bin", "gitleaks"), "dir", src, "--report-format", "json", "--report-path",
                     os.path.join(work, "gitleaks.json"), "--no-banner", "--exit-code", "0", "--max-target-megabytes", "10"],
        "betterleaks": [os.path.join(peers, "betterleaks", "bin", "betterleaks"), src, "-o", os.path.join(work, "betterleaks.json"),
                        "--no-banner", "--exit-code", "0", "--max-target-megabytes", "10"],
    }
    tools = a.tools.split(",")
    manifest = json.load(open(os.path.join(corpus, "manifest.json")))
    runs = {t: [] for t in tools}
    for r in range(a.rounds + 1):
        for t in tools:
            res = timed(cmds[t], t, work)
            if r > 0: runs[t].append(res)  # round 0 is the warm-up
    mb = manifest["bytes"] / 1e6
    print(f"corpus: {manifest['files']} files, {mb:.0f} MB, {len(manifest['planted'])} planted secrets of "
          f"{manifest['formats']} formats, {len(manifest['decoys'])} decoys; {a.rounds} rounds after a warm-up; {threads} threads")
    print("| tool | wall s (median) | MB/s | CPU s (median) | peak RSS MB | wall ÷ Picket's | recall | decoy matches | other findings |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for t in tools:
        walls = [w for w, _, _ in runs[t]]
        cpus = [c for _, c, _ in runs[t]]
        ratio = statistics.median(w / p[0] for w, p in zip(walls, runs["picket"])) if "picket" in runs else float("nan")
        score = json.loads(subprocess.check_output([sys.executable, os.path.join(HERE, "score.py"), t, os.path.join(work, t + ".json"), corpus]))
        w = statistics.median(walls)
        print(f"| {t} | {w:.2f} | {mb / w:.0f} | {statistics.median(cpus):.2f} | {max(r for _, _, r in runs[t]) / 1024:.0f} | "
              f"{ratio:.2f} | {score['found']}/{score['planted']} | {score['decoy_matches']} | {score['other_findings']} |")
        if score["missed_by_format"]:
            print(f"|  | missed: {', '.join(f'{k} {v}' for k, v in score['missed_by_format'].items())} | | | | | | | |")

if __name__ == "__main__":
    main()
