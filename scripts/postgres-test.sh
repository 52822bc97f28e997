#!/usr/bin/env bash
# A private PostgreSQL cluster for the store tests and benchmarks: its own data folder under .build/pg, its own
# port on 127.0.0.1 and its own socket folder; never the system's cluster. Idempotent: a running cluster is reused.
# Writes the connection URL to .build/pg-url (mode 600); tests read it (or PICKET_TEST_DATABASE_URL).
# Usage: scripts/postgres-test.sh [start|stop|status|url]
set -euo pipefail
cmd="${1:-start}"
root="$(cd "$(dirname "$0")/.." && pwd)"
state="$root/.build/pg"
data="$state/data"
url_file="$root/.build/pg-url"

find_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 1
}

bindir="$(find_bindir || true)"
if [ -z "$bindir" ]; then
  if [ "$cmd" != "start" ]; then echo "postgres-test: PostgreSQL is not installed" >&2; exit 1; fi
  echo "postgres-test: installing PostgreSQL (Debian package 'postgresql')"
  SUDO=""; if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  bindir="$(find_bindir)" || { echo "postgres-test: initdb not found after installing postgresql" >&2; exit 1; }
fi

# initdb refuses to run as root: as root the cluster belongs to the 'postgres' system user.
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  owner="$(id -un)"
  as_owner() { "$@"; }
fi

tag="$(id -u)-$(printf '%s' "$root" | cksum | cut -d' ' -f1)"
sockdir="/tmp/picket-pg-$tag"
# The cluster's owner must reach the data folder; a checkout under a private home (e.g. /root) is not
# reachable for 'postgres', so the data then lives under /tmp instead.
mkdir -p "$root/.build"
if [ "$owner" != "$(id -un)" ] && ! runuser -u "$owner" -- test -x "$root/.build" 2>/dev/null; then
  state="/tmp/picket-pg-data-$tag"
  data="$state/data"
fi

running() { [ -f "$data/PG_VERSION" ] && as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

write_url() {
  local port password
  port="$(cat "$state/port")"
  password="$(cat "$state/password")"
  umask 077
  printf 'postgres://picket:%s@127.0.0.1:%s/postgres\n' "$password" "$port" > "$url_file"
}

case "$cmd" in
  status)
    if running; then echo "running on port $(cat "$state/port")"; else echo "stopped"; exit 1; fi
    exit 0 ;;
  stop)
    if running; then as_owner "$bindir/pg_ctl" -D "$data" stop -m fast >/dev/null; fi
    echo "postgres-test: stopped"; exit 0 ;;
  url)
    cat "$url_file"; exit 0 ;;
  start) ;;
  *) echo "usage: $0 [start|stop|status|url]" >&2; exit 2 ;;
esac

mkdir -p "$state" "$sockdir"
chown "$owner" "$state" "$sockdir"
chmod 700 "$sockdir"

if [ ! -f "$data/PG_VERSION" ]; then
  rm -rf "$data"
  password="$(od -An -tx1 -N18 /dev/urandom | tr -d ' \n')"
  umask 077
  printf '%s' "$password" > "$state/password"
  printf '%s\n' "$password" > "$state/pwfile"
  chown "$owner" "$state/pwfile"
  # Password (SCRAM) over TCP exercises the driver's real authentication; the socket stays owner-only.
  as_owner "$bindir/initdb" -D "$data" -U picket --pwfile="$state/pwfile" --auth-host=scram-sha-256 \
    --auth-local=peer -E UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1 \
    || { cat "$state/initdb.log" >&2; exit 1; }
  rm -f "$state/pwfile"
fi

# Test databases left behind by an interrupted run (each test drops its own when it finishes).
drop_leftovers() {
  local url; url="$(cat "$url_file")"
  for db in $(psql -tA "$url" -c "SELECT datname FROM pg_database WHERE datname LIKE 'picket\_test\_%'" 2>/dev/null); do
    psql -q "$url" -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
  done
}

if running; then
  write_url
  drop_leftovers
  echo "postgres-test: running on 127.0.0.1:$(cat "$state/port")"
  exit 0
fi

# A free port, stable per checkout when possible.
base=$(( 54000 + $(printf '%s' "$root" | cksum | cut -d' ' -f1) % 1000 ))
started=""
for offset in $(seq 0 40); do
  port=$(( base + offset ))
  if port_in_use "$port"; then continue; fi
  # Test settings: durability off (the cluster is throwaway), room for parallel tests' connections.
  if as_owner "$bindir/pg_ctl" -D "$data" -l "$state/server.log" -w -t 60 start -o \
      "-p $port -k $sockdir -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB" \
      >/dev/null 2>&1; then
    started="$port"; break
  fi
done
if [ -z "$started" ]; then
  echo "postgres-test: could not start PostgreSQL; last server log lines:" >&2
  tail -n 20 "$state/server.log" >&2 || true
  exit 1
fi
printf '%s' "$started" > "$state/port"
write_url
drop_leftovers
echo "postgres-test: started on 127.0.0.1:$started (data $data)"
