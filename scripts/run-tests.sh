#!/usr/bin/env bash
# Runs the built test suite (`make test` builds it first) under a watchdog.
#
# Some dry runs never ended after every test but a few PostgreSQL-backed ones had reported. When a run prints
# nothing for TEST_STALL seconds (default 600; the slowest single test waits at most 240 s) or lasts longer than
# TEST_TIMEOUT seconds (default 1800; a whole run takes about 600 s on 2 cores), the watchdog records what the
# test process is doing (every thread's stack, with gdb, and the tests that started but never ended) in
# .build/test-artifacts/hang-N.txt, prints a summary, kills the run and runs the suite once more, saying so.
# A second hang, or any failing test, fails.
set -uo pipefail
limit="${TEST_TIMEOUT:-1800}"
stall="${TEST_STALL:-600}"
artifacts=.build/test-artifacts
mkdir -p "$artifacts"

# Every descendant of a process (swift-test runs the test bundle as its child).
descendants() { local c; for c in $(pgrep -P "$1"); do echo "$c"; descendants "$c"; done; }

# Tests that printed "started" but neither "passed" nor "failed" (Swift Testing's console lines).
unfinished() {
  sed -n 's/^.*Test \(.*\) started\.$/\1/p' "$1" | sort -u > "$1.started"
  sed -n 's/^.*Test \(.*\) \(passed\|failed\|skipped\|recorded an issue\).*$/\1/p' "$1" | sort -u > "$1.ended"
  comm -23 "$1.started" "$1.ended"
}

report_hang() { # pid attempt log why
  local out="$artifacts/hang-$2.txt" p
  {
    echo "== why: $4"
    echo "== tests started and not ended:"
    unfinished "$3"
    echo "== processes:"
    ps -o pid,ppid,stat,etime,time,wchan:32,args --ppid "$1" -p "$1" 2>/dev/null
    for p in $(descendants "$1"); do
      ps -o pid,ppid,stat,etime,time,wchan:32,args -p "$p" --no-headers 2>/dev/null
    done
    for p in $(descendants "$1"); do
      if command -v gdb >/dev/null; then
        echo "== stacks of $p ($(tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | cut -c1-120))"
        timeout 120 gdb -p "$p" -batch -nx -ex "set pagination off" -ex "thread apply all bt 25" 2>&1 \
          | grep -v '^\[New LWP\|^warning:\|Missing separate debuginfo' | head -4000
      fi
    done
  } > "$out" 2>&1
  echo "run-tests: $4 (attempt $2 of 2); tests still running:" >&2
  sed -n '/^== tests started and not ended:/,/^== processes:/p' "$out" | sed '1d;$d' | sed 's/^/  /' >&2
  echo "run-tests: thread stacks of the stuck test process are in $out" >&2
}

for attempt in 1 2; do
  log="$artifacts/test-run-$attempt.log"
  : > "$log"
  swift test --skip-build --disable-xctest > >(tee -a "$log") 2>&1 &
  pid=$!
  start=$(date +%s)
  why=""
  while kill -0 "$pid" 2>/dev/null; do
    sleep 5
    now=$(date +%s)
    last=$(stat -c %Y "$log" 2>/dev/null || echo "$now")
    if [ $((now - start)) -ge "$limit" ]; then why="the test run did not end within ${limit} s"; break; fi
    if [ $((now - last)) -ge "$stall" ]; then why="the test run printed nothing for ${stall} s"; break; fi
  done
  if [ -z "$why" ]; then
    wait "$pid"
    exit $?
  fi
  report_hang "$pid" "$attempt" "$log" "$why"
  kill -KILL $(descendants "$pid") "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
done
exit 1
