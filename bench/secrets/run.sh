#!/usr/bin/env bash
# Secret-scanning benchmark: Picket beside gitleaks, Kingfisher and Betterleaks on one corpus, in one run.
# Usage: bench/secrets/run.sh [CORPUS_DIR] [RUNS]
# Builds the corpus if missing (bench/secrets/build_corpus.py), installs the peers (setup-peers.sh), builds
# Picket in release mode, then times each tool RUNS times (default 3) with /usr/bin/time -v after one warm-up
# run each (rule caches and page cache warm for everyone). All network features of the peers are off.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
corpus="${1:-$repo/bench/work/corpus}"
runs="${2:-3}"
work="$repo/bench/work/secrets-run"
peers="$repo/bench/work/peers"
mkdir -p "$work"
[ -f "$corpus/manifest.json" ] || python3 "$here/build_corpus.py" --out "$corpus"
"$here/setup-peers.sh" >/dev/null
(cd "$repo" && swift build -c release --product picket >/dev/null)
picket="$repo/.build/release/picket"
threads=$(nproc)

declare -A cmd
cmd[picket]="$picket scan $corpus/src --format json --output $work/picket.json --data-dir $work/picket-data --threads $threads"
cmd[kingfisher]="$peers/kingfisher/bin/kingfisher scan $corpus/src --no-validate --no-update-check --format json -o $work/kingfisher.json -j $threads --max-file-size 10"
cmd[gitleaks]="$peers/gitleaks/bin/gitleaks dir $corpus/src --report-format json --report-path $work/gitleaks.json --no-banner --exit-code 0 --max-target-megabytes 10"
cmd[betterleaks]="$peers/betterleaks/bin/betterleaks $corpus/src -o $work/betterleaks.json --no-banner --exit-code 0 --max-target-megabytes 10"

bytes=$(python3 -c "import json;print(json.load(open('$corpus/manifest.json'))['bytes'])")
printf "%-12s %10s %10s %12s %10s %8s %8s %8s\n" tool "wall_s(min)" "wall_s(med)" "MB/s(best)" "peakRSS_MB" recall decoys other
for tool in picket kingfisher gitleaks betterleaks; do
  ${cmd[$tool]} >/dev/null 2>&1 || true   # warm-up
  walls=(); rss=0
  for i in $(seq "$runs"); do
    /usr/bin/time -v -o "$work/$tool.time" ${cmd[$tool]} >/dev/null 2>"$work/$tool.stderr" || true
    w=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$work/$tool.time")
    r=$(awk -F': ' '/Maximum resident set size/{print $2}' "$work/$tool.time")
    walls+=("$w"); [ "$r" -gt "$rss" ] && rss=$r
  done
  read -r wmin wmed < <(printf "%s\n" "${walls[@]}" | sort -g | awk '{a[NR]=$1} END{print a[1], a[int((NR+1)/2)]}')
  score=$(python3 "$here/score.py" "$tool" "$work/$tool.json" "$corpus")
  python3 - "$tool" "$wmin" "$wmed" "$bytes" "$rss" "$score" <<'PY'
import json, sys
tool, wmin, wmed, b, rss, score = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), json.loads(sys.argv[6])
print(f"{tool:<12} {wmin:10.2f} {wmed:10.2f} {b/1e6/wmin:12.1f} {rss/1024:10.0f} {score['recall']:8.3f} {score['decoy_matches']:8d} {score['other_findings']:8d}")
if score["missed_by_format"]: print(f"{'':12} missed: {score['missed_by_format']}")
PY
done
