#!/usr/bin/env bash
# `make run`: a simulated GitLab (gitlab-sim with the sample group) and `picket serve` on SQLite connected to it.
# Prints the dashboard URL and the first administrator's one-time password. Ctrl-C stops both.
# Usage: scripts/run-platform.sh BIN_DIR      (env: PICKET_PORT=8080 SIM_PORT=8929 RUN_DIR=.build/run KEEP=1)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-.build/release}"
picket_port="${PICKET_PORT:-8080}"
sim_port="${SIM_PORT:-8929}"
run_dir="${RUN_DIR:-.build/run}"
world=samples/gitlab-world/world.yml

# The simulator keeps its state in memory, so every run starts from the sample world: start Picket fresh too
# (KEEP=1 keeps the previous run's database, findings and admin password).
if [ "${KEEP:-0}" != "1" ]; then rm -rf "$run_dir"; fi
mkdir -p "$run_dir"

sim_pid=""
# The simulator's graceful stop has been seen to wait forever after `picket serve` went away (an idle process,
# no thread in its own code; cause not found): give it 5 s, then end it.
cleanup() {
  if [ -n "$sim_pid" ]; then
    kill "$sim_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$sim_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
    sim_pid=""
  fi
}
trap cleanup EXIT INT TERM

"$bin/gitlab-sim" --world "$world" --port "$sim_port" --state-dir "$run_dir/sim" > "$run_dir/gitlab-sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 1 100); do
  grep -q "http://" "$run_dir/gitlab-sim.log" 2>/dev/null && break
  kill -0 "$sim_pid" 2>/dev/null || { echo "gitlab-sim did not start:"; cat "$run_dir/gitlab-sim.log"; exit 1; }
  sleep 0.2
done
sim_url="http://127.0.0.1:$sim_port"

# Picket's token is the one the world file gives the group's service account ("name: picket").
token_file="$run_dir/gitlab-token"
( umask 077; grep -m1 'name: picket,' "$world" | sed -E 's/.*value: ([^,]+),.*/\1/' > "$token_file" )

cat <<INFO

  Simulated GitLab: $sim_url   (group 'acme'; control API under $sim_url/-/sim/)
  Picket connects to it with the service account's token and scans every project now.

  Try a merge request with a planted secret (Picket comments on it and sets the commit status):
    curl -s -X POST $sim_url/-/sim/projects/101/merge_requests -H 'Content-Type: application/json' \\
      -d '{"title":"Add billing","source_branch":"feature/billing","author":"bob","files":{"billing.py":"STRIPE_KEY = \\"sk_live_51Hx9QeLmT4vZ8rK2pW7nB3cY6dF1gJ0aS5uE9iO\\"\\n"}}'
    curl -s $sim_url/-/sim/notes ; curl -s $sim_url/-/sim/statuses

INFO

exec_status=0
"$bin/picket" serve --port "$picket_port" --data-dir "$run_dir/data" --workers 2 \
  --setup-gitlab-url "$sim_url" --setup-group acme --setup-token-file "$token_file" || exec_status=$?
exit $exec_status
