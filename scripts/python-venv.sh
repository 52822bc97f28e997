#!/usr/bin/env bash
# Creates (or refreshes) the repository's .venv with every pinned Python package Picket's tests and engines need:
# scripts/requirements-test.txt (python-gitlab, selenium...) and scripts/requirements-engines.txt (semgrep,
# checkov). Idempotent: a stamp holding the requirements' hash skips pip when nothing changed.
# Usage: scripts/python-venv.sh        (prints the venv path on success)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
reqs=("$root/scripts/requirements-test.txt" "$root/scripts/requirements-engines.txt")
stamp="$venv/.picket-requirements.sha256"
python="${PICKET_PYTHON:-python3}"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "python-venv: '$python' not found; run scripts/install-deps.sh test or set PICKET_PYTHON" >&2
  exit 1
fi
# Debian's own python3 ships venv/ensurepip in a separate package.
if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-venv
  else
    echo "python-venv: $python lacks the venv module; install python3-venv" >&2
    exit 1
  fi
fi

want="$(cat "${reqs[@]}" | sha256sum | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import sys' >/dev/null 2>&1 \
   && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "$venv"
  exit 0
fi

if ! [ -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
args=()
for r in "${reqs[@]}"; do args+=(-r "$r"); done
"$venv/bin/python" -m pip install -q "${args[@]}" >&2
echo "$want" > "$stamp"
echo "$venv"
