#!/usr/bin/env bash
# Webhook ingest throughput and latency: `picket serve` (release, no workers, so queued jobs stay queued) on a
# fresh SQLite file or PostgreSQL database, one repository with a known hook secret, and wrk posting GitLab
# deliveries to /webhooks/gitlab on 127.0.0.1 (every request a new event UUID: token check, payload parse,
# delivery row + job in one transaction). Target: >= 2,000 requests/s with p99 < 50 ms.
# Usage: bench/platform/webhook-ingest.sh [sqlite|postgres] (env: DURATION=30s CONNECTIONS=32 THREADS=1)
set -euo pipefail
# SWIFT_BUILD_FLAGS (e.g. "--scratch-path .build-release") is passed to every swift build.
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
db="${1:-sqlite}"
duration="${DURATION:-30s}"
connections="${CONNECTIONS:-32}"
threads="${THREADS:-1}"
work="$root/bench/work/platform/webhook-$db"
rm -rf "$work"; mkdir -p "$work"
swift build -c release ${SWIFT_BUILD_FLAGS:-} --product picket >/dev/null
bin="$(swift build -c release ${SWIFT_BUILD_FLAGS:-} --show-bin-path)/picket"
secret="bench-hook-secret-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
hash=$(printf '%s' "$secret" | sha256sum | cut -d' ' -f1)
now=$(($(date +%s) * 1000))

case "$db" in
  sqlite) url="$work/picket.db" ;;
  postgres)
    scripts/postgres-test.sh start >/dev/null
    base="$(cat .build/pg-url)"
    psql -q "$base" -c "DROP DATABASE IF EXISTS picket_webhook_bench WITH (FORCE)" -c "CREATE DATABASE picket_webhook_bench"
    url="${base%/*}/picket_webhook_bench" ;;
  *) echo "usage: $0 [sqlite|postgres]"; exit 2 ;;
esac
port=$((20000 + RANDOM % 20000))
"$bin" serve --port "$port" --data-dir "$work/data" --database-url "$url" --workers 0 --no-scheduler --log-level warning \
  > "$work/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q "listening" "$work/serve.log" && break; sleep 0.2; done
grep -q "listening" "$work/serve.log" || { cat "$work/serve.log"; exit 1; }

sql="INSERT INTO workspaces (id, name, gitlab_url, group_path, gate_severity, created_at, updated_at) VALUES (1, 'bench', 'https://gitlab.example', 'bench', 'high', $now, $now);
INSERT INTO repositories (workspace_id, gitlab_project_id, path, default_branch, archived, hook_id, hook_secret_hash, created_at, updated_at)
VALUES (1, 1, 'bench/api', 'main', FALSE, 1, '$hash', $now, $now);"
if [ "$db" = sqlite ]; then sqlite3 "$url" "$sql"; else psql -q "$url" -c "$sql"; fi

echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg); database: $db; wrk -t$threads -c$connections -d$duration"
SECRET="$secret" PROJECT=1 REPORT_LUA="$root/bench/platform/report.lua" \
  wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s -s bench/platform/webhook.lua "http://127.0.0.1:$port" | tee "$work/wrk.txt"
count() { if [ "$db" = sqlite ]; then sqlite3 "$url" "$1"; else psql -tA "$url" -c "$1"; fi; }
echo "deliveries recorded: $(count 'SELECT COUNT(*) FROM webhook_deliveries'); jobs queued: $(count 'SELECT COUNT(*) FROM jobs')"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
