#!/usr/bin/env bash
# Creates .venv with the pinned Python packages of scripts/requirements-test.txt; a no-op when the venv already
# matches the requirements file (its hash is stamped into the venv). Usage: scripts/python-venv.sh
set -euo pipefail
cd "$(dirname "$0")/.."
req=scripts/requirements-test.txt
stamp=.venv/.requirements.sha256
want=$(sha256sum "$req" | cut -d' ' -f1)
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$req"
echo "$want" > "$stamp"
echo "python venv ready: .venv ($(.venv/bin/python --version))"
