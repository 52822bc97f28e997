#!/usr/bin/env bash
# SBOM writing: `picket sbom --format cyclonedx|spdx` of the generated monorepo (scan-monorepo.sh, 20,000
# packages) and the 100,000-package lockfiles of gen-npm-graph.py, with the current release build and a BEFORE
# binary, interleaved, RUNS times each; medians of wall time and peak RSS (/usr/bin/time).
# Usage: BEFORE=/path/to/old/picket bench/deps/sbom.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-3}"
: "${BEFORE:?set BEFORE to the picket binary to compare with}"
OUT=.build/bench-deps
[ -d "$OUT/monorepo" ] || { echo "run bench/deps/scan-monorepo.sh first (it generates the monorepo)" >&2; exit 1; }
swift build -c release --product picket >/dev/null
AFTER=.build/release/picket
[ -f "$OUT/npm-graph/wide/package-lock.json" ] || python3 bench/deps/gen-npm-graph.py "$OUT/npm-graph"
uptime >&2
times="$OUT/sbom-times.txt"
: > "$times"
for input in monorepo npm-graph/deep npm-graph/wide; do
  for format in cyclonedx spdx; do
    for i in $(seq 1 "$RUNS"); do
      for which in before after; do
        bin=$BEFORE; [ "$which" = after ] && bin=$AFTER
        /usr/bin/time -f "$input $format $which %e %M" -a -o "$times" \
          "$bin" sbom "$OUT/$input" --format "$format" --output "$OUT/sbom.json" 2>/dev/null
      done
    done
  done
done
python3 - "$times" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == 5:
        runs[tuple(parts[:3])].append((float(parts[3]), int(parts[4])))
print("| input | format | build | wall (median) | range | peak RSS |")
print("|---|---|---|---:|---:|---:|")
for key, v in sorted(runs.items()):
    walls = [x[0] for x in v]
    print(f"| {key[0]} | {key[1]} | {key[2]} | {statistics.median(walls):.2f} s | {min(walls):.2f}–{max(walls):.2f} s | "
          f"{int(statistics.median(x[1] for x in v)) // 1024} MiB |")
PY
