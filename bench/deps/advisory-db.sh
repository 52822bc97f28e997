#!/usr/bin/env bash
# Advisory database benchmarks: import time and peak RSS for the shared OSV corpus and for a generated
# 300,000-record dump, and the time to match 20,000 packages against the generated database.
# Usage: bench/deps/advisory-db.sh [SHARED_DIR]    (release build; generated data goes to .build/bench-deps, not git)
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED="${1:-$(cd .. && pwd)/shared}"
OUT=.build/bench-deps
mkdir -p "$OUT"
swift build -c release --product picket >/dev/null
uptime >&2
BIN=.build/release/picket
measure() { # label, command...
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "$@" > "$OUT/last.out" 2>&1 || { [ $? -eq 1 ] || { cat "$OUT/last.out"; exit 1; }; }
  read -r secs user sys rss < <(tail -1 "$OUT/time.txt")
  printf "| %-52s | %8.2f s | %8.2f s | %8d MiB |\n" "$label" "$secs" "$(echo "$user + $sys" | bc)" "$((rss / 1024))"
}
[ -f "$OUT/gen/Synthetic/all.zip" ] || python3 bench/deps/gen-osv.py "$OUT/gen" 300000 20000 >&2
echo "| run | wall | CPU (user+sys) | peak RSS |"
echo "|---|---|---|---|"
rm -rf "$OUT/data-corpus"
measure "import corpus folders (8,158 records)" $BIN db import "$SHARED/corpora/osv" --data-dir "$OUT/data-corpus"
measure "import corpus dumps (3 zips, 8,158 records) again" $BIN db import "$SHARED"/corpora/osv-dumps/*/all.zip --data-dir "$OUT/data-corpus"
rm -rf "$OUT/data-gen"
measure "import generated dump (300,000 records)" $BIN db import "$OUT/gen/Synthetic/all.zip" --data-dir "$OUT/data-gen"
measure "lookup 20,000 packages (generated db)" $BIN db lookup --batch "$OUT/gen/lookups.tsv" --data-dir "$OUT/data-gen"
tail -1 "$OUT/last.out" >&2
measure "re-import generated dump (replace 300,000)" $BIN db import "$OUT/gen/Synthetic/all.zip" --data-dir "$OUT/data-gen"
du -h "$OUT/data-gen/osv/osv.sqlite" "$OUT/gen/Synthetic/all.zip" >&2
