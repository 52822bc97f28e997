#!/usr/bin/env bash
# The findings list over HTTP at 1,000,000 findings: `picket serve` (release) on the database that
# findings-bench.sh fills (1,000,000 findings over 1,000 repositories; filled once, reused), wrk with a signed-in
# session on the dashboard page and a bearer token on the API. Target: p95 < 100 ms.
# Usage: bench/platform/findings-page.sh [sqlite|postgres] (env: DURATION=20s CONNECTIONS=4)
set -euo pipefail
# SWIFT_BUILD_FLAGS (e.g. "--scratch-path .build-release") is passed to every swift build.
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
db="${1:-sqlite}"
duration="${DURATION:-20s}"
connections="${CONNECTIONS:-4}"
work="$root/bench/work/platform"
mkdir -p "$work"

# Fill (or top up) the 1,000,000-finding database with the store benchmark's generator.
ITERATIONS=3 KEEP=1 bench/platform/findings-bench.sh "$db" >/dev/null
swift build -c release ${SWIFT_BUILD_FLAGS:-} --product picket >/dev/null
bin="$(swift build -c release ${SWIFT_BUILD_FLAGS:-} --show-bin-path)/picket"
case "$db" in
  sqlite) url="$work/findings.db"; q() { sqlite3 "$url" "$1"; } ;;
  postgres) url="$(cat .build/pg-url)"; url="${url%/*}/picket_bench"; q() { psql -qtA "$url" -c "$1"; } ;;
  *) echo "usage: $0 [sqlite|postgres]"; exit 2 ;;
esac

# A bench user with a session and an API token (only their SHA-256 is stored, as Picket does).
session="bench-session-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
token="pkt_bench$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
now=$(($(date +%s) * 1000)); later=$((now + 86400000))
q "DELETE FROM users WHERE username_key = 'bench';"
q "INSERT INTO users (username, username_key, display_name, password_hash, role, disabled, created_at, updated_at)
   VALUES ('bench', 'bench', 'Bench', 'disabled', 'viewer', FALSE, $now, $now);"
uid=$(q "SELECT id FROM users WHERE username_key = 'bench';")
q "INSERT INTO sessions (id_hash, user_id, created_at, expires_at, last_seen_at) VALUES ('$(printf '%s' "$session" | sha256sum | cut -d' ' -f1)', $uid, $now, $later, $now);"
q "INSERT INTO api_tokens (user_id, name, prefix, token_hash, scopes, created_at) VALUES ($uid, 'bench', 'pkt_bench', '$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)', 'read', $now);"

port=$((20000 + RANDOM % 20000))
"$bin" serve --port "$port" --data-dir "$work/serve-data" --database-url "$url" --workers 0 --no-scheduler --log-level warning \
  > "$work/findings-serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q "listening" "$work/findings-serve.log" && break; sleep 0.2; done
grep -q "listening" "$work/findings-serve.log" || { cat "$work/findings-serve.log"; exit 1; }
base="http://127.0.0.1:$port"
repo=$(q "SELECT MIN(id) + 17 FROM repositories;")
cursor=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/findings?limit=50" | python3 -c 'import json,sys; print(json.load(sys.stdin)["nextCursor"])')
for _ in $(seq 1 39); do
  cursor=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/findings?limit=50&cursor=$cursor" | python3 -c 'import json,sys; print(json.load(sys.stdin)["nextCursor"])')
done
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg); database: $db ($(q 'SELECT COUNT(*) FROM findings;') findings)"
run() {
  local name="$1" path="$2" header="$3"
  printf '%-58s ' "$name"
  wrk -t1 -c"$connections" -d"$duration" --timeout 10s -H "$header" -s bench/platform/report.lua "$base$path" | grep '^RESULT' | cut -d' ' -f2-
}
cookie="Cookie: picket_session=$session"
bearer="Authorization: Bearer $token"
run "dashboard /findings (open, by severity)" "/findings" "$cookie"
run "dashboard /findings?repository=N&min_severity=high" "/findings?repository=$repo&min_severity=high" "$cookie"
run "dashboard /findings?kind=secret&sort=last-seen" "/findings?kind=secret&sort=last-seen" "$cookie"
run "dashboard page 41 (keyset cursor after 2,000 rows)" "/findings?cursor=$cursor&page=41" "$cookie"
run "API /api/v1/findings (open, by severity)" "/api/v1/findings" "$bearer"
run "API /api/v1/findings?repository=N&min_severity=high" "/api/v1/findings?repository=$repo&min_severity=high" "$bearer"
run "API page 41 (keyset cursor)" "/api/v1/findings?cursor=$cursor" "$bearer"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
