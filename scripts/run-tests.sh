#!/usr/bin/env bash
# Runs the built test suite (`make test` builds it first). A run that stops making progress is killed after
# TEST_TIMEOUT seconds (default 1500; a whole run takes about 600 s on 2 cores) and run once more, saying so:
# one dry run in three on this machine never ended after every test had reported (three PostgreSQL-backed store
# and outage tests never returned; cause not found yet). A second hang, or any failing test, fails.
set -uo pipefail
limit="${TEST_TIMEOUT:-1500}"

# Every descendant of a process (swift-test runs the test bundle as its child).
descendants() { local c; for c in $(pgrep -P "$1"); do echo "$c"; descendants "$c"; done; }

for attempt in 1 2; do
  swift test --skip-build --disable-xctest &
  pid=$!
  waited=0
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt "$limit" ]; do sleep 5; waited=$((waited + 5)); done
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid"
    exit $?
  fi
  kill -KILL $(descendants "$pid") "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  echo "run-tests: the test run did not end within ${limit} s (attempt ${attempt} of 2)" >&2
done
exit 1
