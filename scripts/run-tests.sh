#!/usr/bin/env bash
# Runs the built test suite (`make test` builds it first) in three groups, one process each, one after the other:
# gitlab (the simulated GitLab and the client against it), platform (server and store on SQLite and PostgreSQL)
# and compute (scanners, parsers, rule packs: long CPU-bound tests). Run together in one process on 2 cores,
# each group starved the others' in-process servers of Swift's cooperative threads for minutes, and their
# timeouts fired; one after the other, the whole suite takes about as long.
#
# Each group runs under a watchdog. When a group prints nothing for TEST_STALL seconds (default 600; the slowest
# single test waits at most 240 s) or lasts longer than TEST_TIMEOUT seconds (default 1800), the watchdog records
# what the test process is doing (every thread's stack, with gdb, and the tests that started but never ended) in
# .build/test-artifacts/hang-GROUP-N.txt, prints a summary, kills the run and runs that group once more, saying
# so. A second hang, or any failing test, fails.
#
# Usage: scripts/run-tests.sh [extra swift-test arguments, e.g. --filter REGEX to run one part in one process]
set -uo pipefail
limit="${TEST_TIMEOUT:-1800}"
stall="${TEST_STALL:-600}"
artifacts=.build/test-artifacts
mkdir -p "$artifacts"
gitlab='^(PicketGitLabTests|GitLabSimTests)\.'
platform='^(PicketServerTests|PicketStoreTests)\.'

# Every descendant of a process (swift-test runs the test bundle as its child).
descendants() { local c; for c in $(pgrep -P "$1"); do echo "$c"; descendants "$c"; done; }

# Tests that printed "started" but neither "passed" nor "failed" (Swift Testing's console lines; a
# parameterised test ends with "Test NAME with N test cases passed").
unfinished() {
  grep -aE '^. Test .* started\.$' "$1" | sed -E 's/^. Test (.*) started\.$/\1/' | grep -v '^case passing\|^run$' | sort -u > "$1.started"
  grep -aE '^. Test .* (passed|failed|skipped)( after|\.)' "$1" \
    | sed -E 's/^. Test (.*) (passed|failed|skipped)( after.*|\..*)$/\1/; s/ with [0-9]+ test cases?$//' | sort -u > "$1.ended"
  comm -23 "$1.started" "$1.ended"
}

report_hang() { # pid tag log why
  local out="$artifacts/hang-$2.txt" p
  {
    echo "== why: $4"
    echo "== tests started and not ended:"
    unfinished "$3"
    echo "== processes:"
    ps -o pid,ppid,stat,etime,time,wchan:32,args -p "$1" 2>/dev/null
    for p in $(descendants "$1"); do
      ps -o pid,ppid,stat,etime,time,wchan:32,args -p "$p" --no-headers 2>/dev/null
    done
    for p in $(descendants "$1"); do
      if command -v gdb >/dev/null; then
        echo "== stacks of $p ($(tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | cut -c1-120))"
        timeout 120 gdb -p "$p" -batch -nx -ex "set pagination off" -ex "thread apply all bt 25" 2>&1 \
          | grep -v '^\[New LWP\|^warning:\|Missing separate debuginfo\|During symbol reading' | head -4000
      fi
    done
  } > "$out" 2>&1
  echo "run-tests: $4 (attempt ${2##*-} of 2); tests still running:" >&2
  sed -n '/^== tests started and not ended:/,/^== processes:/p' "$out" | sed '1d;$d' | sed 's/^/  /' >&2
  echo "run-tests: thread stacks of the stuck test process are in $out" >&2
}

# One swift-test process under the watchdog, retried once after a hang. Returns its exit status.
run_group() { # name swift-test-arguments...
  local name=$1 attempt log pid start now last why
  shift
  for attempt in 1 2; do
    log="$artifacts/test-$name-$attempt.log"
    : > "$log"
    echo "run-tests: group '$name' (attempt $attempt)" >&2
    # Line-buffered, so the log (and the stall clock) sees every test as it ends, not 4 KB later.
    stdbuf -oL -eL swift test --skip-build --disable-xctest "$@" > >(tee -a "$log") 2>&1 &
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
      return $?
    fi
    report_hang "$pid" "$name-$attempt" "$log" "$why"
    kill -KILL $(descendants "$pid") "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  return 1
}

if [ $# -gt 0 ]; then
  run_group custom "$@"
  exit $?
fi
status=0
run_group gitlab --filter "$gitlab" || status=1
run_group platform --filter "$platform" || status=1
run_group compute --skip "$gitlab" --skip "$platform" || status=1
[ "$status" -eq 0 ] && echo "run-tests: every group passed" >&2 || echo "run-tests: a group failed (see above)" >&2
exit "$status"
