#!/usr/bin/env bash
# Lockfile parse throughput: Picket's parsers (release build) on generated lockfiles, with Foundation's
# JSONSerialization and Python's json module on the same bytes as baselines.
# Usage: bench/deps/parse-throughput.sh [output-folder]   (default bench/out/deps)
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-bench/out/deps}"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The suites use @testable imports, which a release build allows only with -enable-testing.
flags=(-c release -Xswiftc -enable-testing)
echo "== building (release)" >&2
swift build "${flags[@]}" --build-tests >&2

echo "== Picket parsers" >&2
PICKET_DEPS_BENCH="$work" swift test "${flags[@]}" --skip-build --disable-xctest --filter LockfilesBenchmarkTests 2>&1 \
  | grep '^BENCH' | tee "$out/picket.txt"

echo "== Python json.load baseline" >&2
python3 - "$work" <<'PY' | tee "$out/python.txt"
import json, os, sys, time
base = sys.argv[1]
for name in ("package-lock-100MB", "package-lock-100k"):
    path = os.path.join(base, name, "package-lock.json")
    size = os.path.getsize(path)
    best = None
    for _ in range(3):
        t = time.perf_counter()
        with open(path, "rb") as f:
            doc = json.load(f)
        n = sum(1 for k in doc["packages"] if k)
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    print(f"BENCH python-json-{name} bytes={size} packages={n} seconds={best:.3f} MB/s={size/1e6/best:.1f} packages/s={n/best:.0f}")
PY
echo "results in $out" >&2
