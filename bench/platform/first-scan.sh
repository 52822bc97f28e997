#!/usr/bin/env bash
# A full first scan of a simulated 200-project group, end to end through the platform: gitlab-sim (release)
# with bench/gitlab/make_world.py's group (three levels of subgroups, GitLab.com's rate limits on, every 10th
# project with a planted token) and `picket serve` (release, SQLite or PostgreSQL) connected at start; wall time
# from the connection to the last scan recorded (sync: listing, branch heads, a webhook per project; then one
# clone + scan per project), read from /metrics.
# Usage: bench/platform/first-scan.sh [sqlite|postgres] (env: PROJECTS=200 WORKERS=2)
set -euo pipefail
# SWIFT_BUILD_FLAGS (e.g. "--scratch-path .build-release") is passed to every swift build.
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
db="${1:-sqlite}"
projects="${PROJECTS:-200}"
workers="${WORKERS:-2}"
work="$root/bench/work/platform/first-scan-$db"
rm -rf "$work"; mkdir -p "$work"
swift build -c release ${SWIFT_BUILD_FLAGS:-} --product picket >/dev/null
swift build -c release ${SWIFT_BUILD_FLAGS:-} --product gitlab-sim >/dev/null
bin="$(swift build -c release ${SWIFT_BUILD_FLAGS:-} --show-bin-path)"
python3 bench/gitlab/make_world.py "$work/world" --projects "$projects" >/dev/null
"$bin/gitlab-sim" --world "$work/world/world.yml" --port 0 --state-dir "$work" > "$work/sim.out" 2> "$work/sim.err" &
sim=$!
serve=""
trap 'kill $sim $serve 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do sim_url=$(head -n1 "$work/sim.out" 2>/dev/null || true); [ -n "$sim_url" ] && break; sleep 0.5; done
case "$db" in
  sqlite) url="$work/picket.db" ;;
  postgres)
    scripts/postgres-test.sh start >/dev/null
    base="$(cat .build/pg-url)"
    psql -q "$base" -c "DROP DATABASE IF EXISTS picket_first_scan WITH (FORCE)" -c "CREATE DATABASE picket_first_scan"
    url="${base%/*}/picket_first_scan" ;;
esac
printf 'glpat-BenchServiceToken0001\n' > "$work/token"; chmod 600 "$work/token"
port=$((20000 + RANDOM % 20000))
start=$(date +%s.%N)
# Without the SAST/IaC engines (an empty PICKET_VENV) unless one is given: their cost is bench/sast's subject.
mkdir -p "$work/no-venv"
PICKET_VENV="${PICKET_VENV:-$work/no-venv}" "$bin/picket" serve --port "$port" --data-dir "$work/data" --database-url "$url" --workers "$workers" --log-level warning \
  --setup-gitlab-url "$sim_url" --setup-group bench --setup-token-file "$work/token" > "$work/serve.log" 2>&1 &
serve=$!
metric() { curl -sf "http://127.0.0.1:$port/metrics" | awk -v m="$1" '$1 == m { print $2 }'; }
while true; do
  sleep 2
  kill -0 $serve 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  queued=$(metric 'picket_jobs{state="queued"}' || echo x); running=$(metric 'picket_jobs{state="running"}' || echo x)
  done_=$(metric 'picket_jobs{state="succeeded"}' || echo 0); failed=$(metric 'picket_jobs{state="failed"}' || echo 0)
  [ "$queued" = 0 ] && [ "$running" = 0 ] && [ "${done_:-0}" -gt 0 ] && break
done
end=$(date +%s.%N)
echo "machine: $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg); database: $db; workers: $workers; projects: $projects"
echo "wall time, connect + sync + every first scan: $(echo "$end - $start" | bc) s; jobs succeeded: $done_, failed: $failed"
curl -sf "http://127.0.0.1:$port/metrics" | grep -E '^picket_(scans|job_duration_seconds_(sum|count))' 
curl -sf "$sim_url/-/sim/requests" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("GitLab API requests:", d["total"]); [print("  %5d %s" % (v, k)) for k, v in sorted(d["counts"].items(), key=lambda kv: -kv[1])[:8]]'
