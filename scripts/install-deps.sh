#!/usr/bin/env bash
# Installs the Debian packages Picket needs to build, run and test; a no-op when they are present.
# Usage: scripts/install-deps.sh [build|test]
set -euo pipefail
profile="${1:-build}"
packages=(pkg-config git libvectorscan-dev libpcre2-dev libsqlite3-dev libdeflate-dev)
if [ "$profile" = "test" ]; then
  # openssl: the GitLab TLS tests run `openssl req`/`openssl s_server` on 127.0.0.1.
  # chromium + chromium-driver: the dashboard browser test (Selenium); wrk: bench/platform webhook ingest;
  # gdb: scripts/run-tests.sh records thread stacks of a test run that stops making progress.
  packages+=(python3 python3-venv python3-pip python3-jsonschema postgresql openssl chromium chromium-driver wrk gdb)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The schema validator (../shared/tools/validate-json) runs with whatever `python3` is first on PATH; make sure
# that interpreter has jsonschema (Debian's package covers /usr/bin/python3, pip covers pyenv and the like).
if [ "$profile" = "test" ] && ! python3 -c "import jsonschema" 2>/dev/null; then
  python3 -m pip install -q "jsonschema>=4.10" || { echo "cannot install jsonschema for $(command -v python3)"; exit 1; }
fi
