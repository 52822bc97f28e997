#!/usr/bin/env python3
"""Full-history benchmark: `picket scan --history` beside Kingfisher's full-history scan of the same local
clone, in one run, rounds interleaved, each run timed with /usr/bin/time -v after a warm-up round.

Usage: bench/secrets/history.py REPO [--rounds N]
  REPO: a local clone of a public repository with at least 10,000 commits (kept outside this repository)."""
import argparse, os, statistics, subprocess, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import timed, REPO, HERE

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("repo")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    target = os.path.abspath(a.repo)
    subprocess.check_call([os.path.join(HERE, "setup-peers.sh")], stdout=subprocess.DEVNULL)
    subprocess.check_call(["swift", "build", "-c", "release", "--product", "picket"], cwd=REPO, stdout=subprocess.DEVNULL)
    work = os.path.join(REPO, "bench", "work", "history-run")
    os.makedirs(work, exist_ok=True)
    threads = str(os.cpu_count())
    commits = subprocess.check_output(["git", "-C", target, "rev-list", "--all", "--count"], text=True).strip()
    blobs = subprocess.check_output(["git", "-C", target, "rev-list", "--objects", "--all", "--filter=object:type=blob",
                                     "--filter-provided-objects"], text=True).count("\n")
    cmds = {
        "picket": [os.path.join(REPO, ".build", "release", "picket"), "scan", "--history", target, "--scanners", "secrets", "--format", "json",
                   "--output", os.path.join(work, "picket.json"), "--data-dir", os.path.join(work, "picket-data"), "--threads", threads],
        "kingfisher": [os.path.join(REPO, "bench", "work", "peers", "kingfisher", "bin", "kingfisher"), "scan", target,
                       "--git-history", "full", "--no-validate", "--no-update-check", "--format", "json",
                       "-o", os.path.join(work, "kingfisher.json"), "-j", threads],
    }
    runs = {t: [] for t in cmds}
    for r in range(a.rounds + 1):
        for t, c in cmds.items():
            res = timed(c, "history-" + t, work)
            if r > 0: runs[t].append(res)
    print(f"repository: {os.path.basename(target)}, {commits} commits reachable from all refs, {blobs} distinct blobs; "
          f"{a.rounds} rounds after a warm-up; {threads} threads")
    print("| tool | wall s (median) | CPU s (median) | peak RSS MB | wall ÷ Picket's |")
    print("|---|---:|---:|---:|---:|")
    for t in cmds:
        walls = [w for w, _, _ in runs[t]]
        ratio = statistics.median(w / p[0] for w, p in zip(walls, runs["picket"]))
        print(f"| {t} | {statistics.median(walls):.2f} | {statistics.median(c for _, c, _ in runs[t]):.2f} | "
              f"{max(m for _, _, m in runs[t]) / 1024:.0f} | {ratio:.2f} |")

if __name__ == "__main__":
    main()
