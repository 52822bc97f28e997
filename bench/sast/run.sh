#!/usr/bin/env bash
# Picket's SAST + IaC pass against the same engines run bare, with the same rules, over large real trees found on
# this machine: the Python standard library and, when a JDK ships its sources (lib/src.zip), java.base.
#
#   bench/sast/run.sh [RUNS]          (default 3 runs per side, alternated; results in bench/out/sast/)
#
# Picket side : picket scan TREE --scanners sast,iac --format json  (its own file selection, batching, mapping,
#               fingerprints, Checkov over the IaC files it selects)
# Bare side   : semgrep scan --config rules/sast TREE (same flags Picket passes: --json --metrics=off
#               --no-git-ignore --timeout 10 --max-target-bytes 1MB --max-memory 4096 -j N) with an empty
#               .semgrepignore so Semgrep's default ignores do not drop tests, then checkov -d TREE with the same
#               frameworks and --skip-download.
# Overhead = Picket wall / bare wall - 1, per run pair; CPU (user+sys of the whole process tree) is reported too,
# since other jobs on a shared machine make wall time noisy.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-3}"
out="$root/bench/out/sast"
work="$root/bench/work/sast"
mkdir -p "$out" "$work"

picket="${PICKET_BIN:-}"
if [ -z "$picket" ]; then
  if [ -x "$root/.build/release/picket" ]; then picket="$root/.build/release/picket"; else picket="$root/.build/debug/picket"; fi
fi
[ -x "$picket" ] || { echo "no picket binary; run: swift build -c release --product picket" >&2; exit 1; }
venv="$("$root/scripts/python-venv.sh")"
semgrep="$venv/bin/semgrep"
checkov="$venv/bin/checkov"
jobs="$(nproc)"

# --- the tree -----------------------------------------------------------------------------------------------
# BENCH_SCOPE=full (default): the whole stdlib and java.base. BENCH_SCOPE=medium: the stdlib without test/,
# idlelib/, lib2to3/ plus java.base/java/util, for a loaded machine.
scope="${BENCH_SCOPE:-full}"
tree="$work/tree"
if [ "$scope" = "medium" ]; then
  [ -d "$work/tree" ] || BENCH_SCOPE=full "$0" 0 >/dev/null
  tree="$work/tree-medium"
  if [ ! -d "$tree" ]; then
    mkdir -p "$tree/python-stdlib" "$tree/jdk/java.base/java"
    (cd "$work/tree/python-stdlib" && tar cf - --exclude=./test --exclude=./idlelib --exclude=./lib2to3 .) | (cd "$tree/python-stdlib" && tar xf -)
    cp -r "$work/tree/jdk/java.base/java/util" "$tree/jdk/java.base/java/"
    : > "$tree/.semgrepignore"
  fi
fi
if [ ! -d "$tree" ]; then
  mkdir -p "$tree"
  stdlib="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
  mkdir -p "$tree/python-stdlib"
  (cd "$stdlib" && tar cf - --exclude=site-packages --exclude=__pycache__ --exclude='*.pyc' .) | (cd "$tree/python-stdlib" && tar xf -)
  src_zip="$(ls /usr/lib/jvm/*/lib/src.zip 2>/dev/null | while read -r z; do [ -f "$(readlink -f "$z")" ] && readlink -f "$z"; done | sort -u | head -1 || true)"
  if [ -n "$src_zip" ]; then
    mkdir -p "$tree/jdk"
    (cd "$tree/jdk" && unzip -q "$src_zip" 'java.base/*')
  fi
  : > "$tree/.semgrepignore"   # empty: Semgrep's built-in defaults would skip tests/ on the bare side
fi
files=$(find "$tree" -type f | wc -l)
bytes=$(du -sb "$tree" | cut -f1)
echo "tree: $tree ($files files, $((bytes / 1048576)) MB); picket: $picket; semgrep $("$semgrep" --version --disable-version-check 2>/dev/null); jobs $jobs"

[ "$runs" -gt 0 ] || exit 0
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache"
mkdir -p "$HOME"
export SEMGREP_SEND_METRICS=off SEMGREP_ENABLE_VERSION_CHECK=0 BC_SKIP_MAPPING=TRUE CKV_SKIP_PACKAGE_UPDATE_CHECK=true

timed() { # label, command...  → appends "label wall user sys" to $out/times.txt
  local label="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$work/cpu.txt" "$@" > "$work/$label.stdout" 2> "$work/$label.stderr" || true
  t1=$(date +%s.%N)
  echo "$label $(echo "$t1 - $t0" | bc) $(cat "$work/cpu.txt" | tail -1)" | tee -a "$out/times.txt"
}

bare() {
  cd "$tree"
  "$semgrep" scan --json --metrics=off --disable-version-check --no-git-ignore --timeout 10 --timeout-threshold 3 \
    --max-target-bytes 1048576 --max-memory 4096 -j "$jobs" --config "$root/rules/sast" . > "$work/bare-semgrep.json" 2> "$work/bare-semgrep.err" || true
  "$checkov" -d . --framework terraform,cloudformation,kubernetes,dockerfile -o json --quiet --compact --skip-download \
    > "$work/bare-checkov.json" 2> "$work/bare-checkov.err" || true
}
export -f bare
export tree semgrep checkov jobs root work

: > "$out/times.txt"
for i in $(seq 1 "$runs"); do
  timed "picket-$i" env PICKET_RULES_DIR="$root/rules" PICKET_VENV="$venv" PICKET_DATA_DIR="$work/data" \
    "$picket" scan "$tree" --scanners sast,iac --format json --output "$work/picket.json" --no-progress --threads "$jobs"
  timed "bare-$i" bash -c bare
done

python3 - "$out/times.txt" "$work" <<'EOF'
import json, sys, statistics
times, work = sys.argv[1], sys.argv[2]
rows = [l.split() for l in open(times) if l.strip()]
pk = [(float(w), float(u) + float(s)) for n, w, u, s in rows if n.startswith("picket-")]
bb = [(float(w), float(u) + float(s)) for n, w, u, s in rows if n.startswith("bare-")]
rep = json.load(open(f"{work}/picket.json"))
sast = next((s for s in rep["scanners"] if s["id"] == "sast"), {})
iac = next((s for s in rep["scanners"] if s["id"] == "iac"), {})
bare = json.load(open(f"{work}/bare-semgrep.json"))
kinds = {}
for f in rep["findings"]:
    kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
med = lambda xs: statistics.median(xs)
print(f"picket: wall median {med([p[0] for p in pk]):.1f} s (runs {', '.join(f'{p[0]:.1f}' for p in pk)}), cpu median {med([p[1] for p in pk]):.1f} s")
print(f"bare  : wall median {med([b[0] for b in bb]):.1f} s (runs {', '.join(f'{b[0]:.1f}' for b in bb)}), cpu median {med([b[1] for b in bb]):.1f} s")
print(f"overhead: wall {100 * (med([p[0] for p in pk]) / med([b[0] for b in bb]) - 1):+.1f} %, cpu {100 * (med([p[1] for p in pk]) / med([b[1] for b in bb]) - 1):+.1f} %")
print(f"picket sast: {sast.get('status')} files {sast.get('stats', {}).get('files')} rules {sast.get('stats', {}).get('rules')} batches {sast.get('stats', {}).get('batches')}; iac: {iac.get('status')} files {iac.get('stats', {}).get('files')}; findings by kind {kinds}")
print(f"bare semgrep: {len(bare.get('paths', {}).get('scanned', []))} files scanned, {len(bare['results'])} results, {len(bare['errors'])} errors; picket sast findings {sum(1 for f in rep['findings'] if f['kind'] == 'sast')}")
EOF
