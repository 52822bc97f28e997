#!/usr/bin/env bash
# Full-history benchmark: `picket scan --history` beside Kingfisher's full-history scan of the same local
# clone, in one run, timed with /usr/bin/time -v after a warm-up of each.
# Usage: bench/secrets/history.sh REPO [RUNS]
#   REPO: a local clone of a public repository with at least 10,000 commits (kept outside this repository).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
target="${1:?usage: history.sh REPO [RUNS]}"
runs="${2:-3}"
work="$repo_root/bench/work/history-run"
peers="$repo_root/bench/work/peers"
mkdir -p "$work"
"$here/setup-peers.sh" >/dev/null
(cd "$repo_root" && swift build -c release --product picket >/dev/null)
picket="$repo_root/.build/release/picket"
threads=$(nproc)
commits=$(git -C "$target" rev-list --all --count)
blobs=$(git -C "$target" rev-list --objects --all --filter=object:type=blob --filter-provided-objects | wc -l)
echo "repository: $target ($commits commits reachable from all refs, $blobs distinct blobs)"

declare -A cmd
cmd[picket]="$picket scan --history $target --format json --output $work/picket.json --data-dir $work/picket-data --threads $threads"
cmd[kingfisher]="$peers/kingfisher/bin/kingfisher scan $target --git-history full --no-validate --no-update-check --format json -o $work/kingfisher.json -j $threads"
printf "%-12s %10s %10s %10s %10s\n" tool "wall_s(min)" "wall_s(med)" "cpu_s(med)" "peakRSS_MB"
for tool in picket kingfisher; do
  ${cmd[$tool]} >/dev/null 2>&1 || true
  rows=()
  for i in $(seq "$runs"); do
    /usr/bin/time -v -o "$work/$tool.time" ${cmd[$tool]} >/dev/null 2>&1 || true
    rows+=("$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; w=s}
                         /User time/{u=$2} /System time/{y=$2} /Maximum resident/{r=$2} END{print w, u+y, r}' "$work/$tool.time")")
  done
  printf "%s\n" "${rows[@]}" | sort -g | awk -v t="$tool" '{w[NR]=$1; c[NR]=$2; if($3>r) r=$3} END{m=int((NR+1)/2); printf "%-12s %10.2f %10.2f %10.2f %10.0f\n", t, w[1], w[m], c[m], r/1024}'
done
