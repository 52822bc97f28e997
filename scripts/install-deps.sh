#!/usr/bin/env bash
# Installs the Debian packages Picket needs to build, run and test; a no-op when they are present.
# Usage: scripts/install-deps.sh [build|test]
set -euo pipefail
profile="${1:-build}"
packages=(pkg-config git libvectorscan-dev libpcre2-dev libsqlite3-dev zlib1g-dev)
if [ "$profile" = "test" ]; then
  packages+=(python3 python3-jsonschema)
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
