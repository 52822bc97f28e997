#!/usr/bin/env bash
# Cost of the npm install graph ("introduced through"): `picket scan --scanners deps` of two generated
# 100,000-package lockfiles (gen-npm-graph.py), with the current release build and a BEFORE binary (a build
# without the graph, or any other build to compare), interleaved, RUNS times each; medians of wall time, user
# CPU and peak RSS (/usr/bin/time). Needs the database of scan-monorepo.sh (.build/bench-deps/data-scan).
# Usage: BEFORE=/path/to/old/picket bench/deps/npm-graph.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-5}"
: "${BEFORE:?set BEFORE to the picket binary to compare with}"
OUT=.build/bench-deps
DATA="$OUT/data-scan"
[ -f "$DATA/osv/osv.sqlite" ] || { echo "run bench/deps/scan-monorepo.sh first (it imports the database)" >&2; exit 1; }
swift build -c release --product picket >/dev/null
AFTER=.build/release/picket
[ -f "$OUT/npm-graph/wide/package-lock.json" ] || python3 bench/deps/gen-npm-graph.py "$OUT/npm-graph"
uptime >&2
: > "$OUT/npm-graph/times.txt"
for shape in deep wide; do
  for i in $(seq 1 "$RUNS"); do
    for which in before after; do
      bin=$BEFORE; [ "$which" = after ] && bin=$AFTER
      /usr/bin/time -f "$shape $which %e %U %M" -a -o "$OUT/npm-graph/times.txt" \
        "$bin" scan "$OUT/npm-graph/$shape" --scanners deps --data-dir "$DATA" --format json --output "$OUT/npm-graph/scan.json" 2>/dev/null || true
    done
  done
done
python3 - "$OUT/npm-graph/times.txt" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) != 5:
        continue  # "Command exited with non-zero status" lines
    shape, which, wall, user, rss = parts
    runs[(shape, which)].append((float(wall), float(user), int(rss)))
print("| lockfile | build | wall (median) | range | user CPU | peak RSS |")
print("|---|---|---:|---:|---:|---:|")
for (shape, which), v in sorted(runs.items()):
    walls = [x[0] for x in v]
    print(f"| {shape} | {which} | {statistics.median(walls):.2f} s | {min(walls):.2f}–{max(walls):.2f} s | "
          f"{statistics.median(x[1] for x in v):.2f} s | {int(statistics.median(x[2] for x in v)) // 1024} MiB |")
PY
