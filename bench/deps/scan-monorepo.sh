#!/usr/bin/env bash
# Dependency-scan benchmark: `picket scan --scanners deps` of a generated monorepo (50 lockfiles, 20,000
# packages, 8 ecosystems) against the generated 300,000-record database plus the shared OSV corpus, in two
# densities: the worst case (3/4 of the packages have advisories, half are vulnerable) and a typical one (one
# package in ten has advisories). Reports wall time, CPU and peak RSS (/usr/bin/time) of each run, for the JSON
# report and for GitLab's dependency-scanning report. With COLD=1 (root only) the worst and typical cases run
# once more with the kernel's page cache dropped before each run: the first scan after a boot.
# Usage: [COLD=1] bench/deps/scan-monorepo.sh [SHARED_DIR] [RUNS]   (release build; data in .build/bench-deps, not git)
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED="${1:-$(cd .. && pwd)/shared}"
RUNS="${2:-5}"
OUT=.build/bench-deps
mkdir -p "$OUT"
swift build -c release --product picket >/dev/null
BIN=.build/release/picket
[ -f "$OUT/gen/Synthetic/all.zip" ] || python3 bench/deps/gen-osv.py "$OUT/gen" 300000 20000 >&2
DATA="$OUT/data-scan"
if [ ! -f "$DATA/osv/osv.sqlite" ]; then
  echo "importing the generated dump and the corpus into $DATA (once)" >&2
  $BIN db import "$OUT/gen/Synthetic/all.zip" "$SHARED"/corpora/osv-dumps/*/all.zip --data-dir "$DATA" >&2
fi
rm -rf "$OUT/monorepo" "$OUT/monorepo-typical"
python3 bench/deps/gen-monorepo.py "$OUT/gen/lookups.tsv" "$OUT/monorepo" 50
python3 bench/deps/gen-monorepo.py "$OUT/gen/lookups.tsv" "$OUT/monorepo-typical" 50 0.1
uptime >&2

# One case: name, monorepo, format, report file, and "cold" to drop the page cache before each run.
bench() {
  local name=$1 repo=$2 format=$3 report=$4 cold=${5:-} i status secs user sys rss findings
  for i in $(seq 1 "$RUNS"); do
    status=0
    if [ "$cold" = cold ]; then sync; echo 3 > /proc/sys/vm/drop_caches; fi
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" \
      $BIN scan "$repo" --scanners deps --data-dir "$DATA" --format "$format" --output "$report" 2> "$OUT/scan.err" || status=$?
    [ "$status" -le 1 ] || { cat "$OUT/scan.err"; exit 1; }
    read -r secs user sys rss < <(tail -1 "$OUT/time.txt")
    findings=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["summary"]["findings"] if "summary" in r else len(r["vulnerabilities"]))' "$report")
    printf "| %s | %d | %6.2f s | %6.2f s | %5d MiB | %d | %s |\n" "$name" "$i" "$secs" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" "$findings" "$(du -h "$report" | cut -f1)"
  done
}

echo "| case | run | wall | CPU (user+sys) | peak RSS | findings | report |"
echo "|---|---|---|---|---|---|---|"
bench "worst case, json" "$OUT/monorepo" json "$OUT/scan.json"
bench "worst case, gitlab-dependency-scanning" "$OUT/monorepo" gitlab-dependency-scanning "$OUT/scan-gl.json"
bench "typical, json" "$OUT/monorepo-typical" json "$OUT/scan-typical.json"
if [ "${COLD:-0}" = 1 ]; then
  bench "worst case, json, cold cache" "$OUT/monorepo" json "$OUT/scan.json" cold
  bench "typical, json, cold cache" "$OUT/monorepo-typical" json "$OUT/scan-typical.json" cold
fi
python3 - "$OUT/scan.json" >&2 <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
for s in r["scanners"]:
    print(s["id"], s["duration_seconds"], "s", json.dumps(s["stats"], sort_keys=True))
EOF
du -h "$DATA/osv/osv.sqlite" >&2
