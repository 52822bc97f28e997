#!/usr/bin/env bash
# GitLab benchmark: `picket gitlab scan` (setup checks + discovery + fetch + scan) of a simulated group of
# PROJECTS projects over three levels of subgroups, with the simulator enforcing GitLab.com's documented rate
# limits (authenticated API 2,000/min; /groups/:id/projects 600/min; ...). Reports wall time, the requests the
# simulator saw (from its request log), the time Picket spent waiting on rate limits, and checks that the API
# requests are exactly what the checks and discovery need.
#   PROJECTS=500 API_LIMIT=2000 CONCURRENCY=4 bench/gitlab/run.sh
# API_LIMIT lowers the authenticated API quota (e.g. 300) to show pacing at work.
set -euo pipefail
cd "$(dirname "$0")/../.."
PROJECTS=${PROJECTS:-500}
API_LIMIT=${API_LIMIT:-2000}
CONCURRENCY=${CONCURRENCY:-4}
# The scanners run on every project (the GitLab side is what is measured; SAST would dominate the wall time).
SCANNERS=${SCANNERS:-secrets}
TAG="p${PROJECTS}-api${API_LIMIT}-c${CONCURRENCY}"
OUT=bench/out/gitlab/$TAG
WORK=bench/work/gitlab/$TAG
rm -rf "$WORK" "$OUT"
mkdir -p "$OUT" "$WORK"

swift build -c release --product picket >/dev/null
swift build -c release --product gitlab-sim >/dev/null
BIN=$(swift build -c release --show-bin-path)

python3 bench/gitlab/make_world.py "$WORK/world" --projects "$PROJECTS" --api-limit "$API_LIMIT"
"$BIN/gitlab-sim" --world "$WORK/world/world.yml" --port 0 --state-dir "$WORK" > "$WORK/sim.out" 2> "$WORK/sim.err" &
SIM=$!
trap 'kill $SIM 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  URL=$(head -n1 "$WORK/sim.out" 2>/dev/null || true)
  [ -n "$URL" ] && break
  kill -0 $SIM 2>/dev/null || { cat "$WORK/sim.err"; exit 1; }
  sleep 0.5
done
echo "simulator: $URL (world built)"
curl -sf -X DELETE "$URL/-/sim/requests" >/dev/null

START=$(date +%s.%N)
set +e
PICKET_GITLAB_TOKEN=glpat-BenchServiceToken0001 "$BIN/picket" gitlab scan --url "$URL" --group bench \
  --format json --output "$OUT/report.json" --verbose --no-progress --concurrency "$CONCURRENCY" --scanners "$SCANNERS" \
  --data-dir "$WORK/data" 2> "$OUT/scan.stderr"
CODE=$?
set -e
END=$(date +%s.%N)
curl -sf "$URL/-/sim/requests" > "$OUT/requests.json"

python3 - "$OUT" "$PROJECTS" "$CODE" "$START" "$END" <<'PY'
import json, math, re, sys
out, n, code, start, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
req = json.load(open(out + "/requests.json"))
counts = req["counts"]
api = {k: v for k, v in counts.items() if ".git/" not in k}
git = {k: v for k, v in counts.items() if ".git/" in k}
err = open(out + "/scan.stderr").read()
stats = re.search(r"(\d+) GitLab API requests, (\d+) retries, (\d+) answered 429, ([\d.]+) s waiting on rate limits", err)
report = json.load(open(out + "/report.json"))
checks = 8                       # unauthenticated /version, token self, /version, /user, group, membership, namespace, project count
discovery = math.ceil(n / 100) + n  # listing pages (100 per page) + one branch look-up per project
expected = checks + discovery
total_api = sum(api.values())
print(f"wall time: {end - start:.1f} s (exit {code})")
print(f"projects: {n}; report findings: {report['summary']['findings']}")
print(f"API requests seen by the simulator: {total_api} (expected {expected} = {checks} checks + {math.ceil(n/100)} listing pages + {n} branch look-ups)")
for k in sorted(api): print(f"  {api[k]:6d}  {k}")
print(f"git HTTP requests: {sum(git.values())}")
for k in sorted(git): print(f"  {git[k]:6d}  {k}")
if stats:
    print(f"Picket's count: {stats.group(1)} API requests, {stats.group(2)} retries, {stats.group(3)} answered 429, {stats.group(4)} s waiting on rate limits")
summary = [l for l in err.splitlines() if re.match(r"^\d+ project\(s\):", l)]
print(summary[-1] if summary else "no summary line")
retries = int(stats.group(2)) if stats else 0
ok = total_api == expected + retries
print("request count check: " + ("OK, nothing beyond checks + discovery" if ok else f"MISMATCH ({total_api} != {expected} + {retries} retries)"))
PY
