#!/usr/bin/env bash
# Findings-page latency at scale: fills N synthetic findings (default 1,000,000 over 1,000 repositories) into a
# fresh SQLite file and a fresh PostgreSQL database, then times the dashboard's findings queries through
# PicketStore (p50/p95/max over 200 runs each). Release build; PostgreSQL is the private test cluster
# (scripts/postgres-test.sh). Results: stdout and bench/out/platform-findings-<db>.md.
# Usage: bench/platform/findings-bench.sh [sqlite|postgres|both]
#   env: FINDINGS, REPOSITORIES, ITERATIONS; KEEP=1 reuses the databases filled by an earlier run.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
which="${1:-both}"
findings="${FINDINGS:-1000000}"
repositories="${REPOSITORIES:-1000}"
iterations="${ITERATIONS:-200}"
work="$root/bench/work/platform"
out="$root/bench/out"
mkdir -p "$work" "$out"

swift build -c release ${SWIFT_BUILD_FLAGS:-} --product picket-bench >/dev/null
bin="$(swift build -c release ${SWIFT_BUILD_FLAGS:-} --show-bin-path)/picket-bench"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo '?')"

if [ "$which" = "sqlite" ] || [ "$which" = "both" ]; then
  if [ "${KEEP:-0}" != 1 ]; then rm -f "$work/findings.db" "$work/findings.db-wal" "$work/findings.db-shm"; fi
  echo "== SQLite ($work/findings.db)"
  "$bin" --database "$work/findings.db" --findings "$findings" --repositories "$repositories" --iterations "$iterations" \
    | tee "$out/platform-findings-sqlite.md"
fi

if [ "$which" = "postgres" ] || [ "$which" = "both" ]; then
  scripts/postgres-test.sh start >/dev/null
  base="$(cat "$root/.build/pg-url")"
  if [ "${KEEP:-0}" != 1 ] || [ "$(psql -tA "$base" -c "SELECT 1 FROM pg_database WHERE datname = 'picket_bench'")" != 1 ]; then
    psql -q "$base" -c "DROP DATABASE IF EXISTS picket_bench WITH (FORCE)" -c "CREATE DATABASE picket_bench"
  fi
  echo "== PostgreSQL ($(psql -tA "$base" -c 'SHOW server_version'))"
  "$bin" --database "${base%/*}/picket_bench" --findings "$findings" --repositories "$repositories" --iterations "$iterations" \
    | tee "$out/platform-findings-postgres.md"
fi
