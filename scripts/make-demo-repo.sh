#!/usr/bin/env bash
# Builds a small git repository from a sample folder: each numbered step folder becomes one commit, so the
# history holds secrets that later commits removed. Usage: make-demo-repo.sh SAMPLE_DIR OUT_DIR
set -euo pipefail
src="$1"; out="$2"
rm -rf "$out"; mkdir -p "$out"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
git -C "$out" init -q -b main
for step in "$src"/step-*; do
  find "$out" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
  cp -R "$step"/. "$out"/
  msg=$(cat "$step/.commit-message" 2>/dev/null || basename "$step")
  rm -f "$out/.commit-message"
  git -C "$out" add -A
  GIT_AUTHOR_DATE="2026-01-0$(( ${step##*-} ))T10:00:00Z" GIT_COMMITTER_DATE="2026-01-0$(( ${step##*-} ))T10:00:00Z" \
    git -C "$out" -c user.name="Dana Developer" -c user.email="dana@example.com" commit -q -m "$msg"
done
echo "sample repository ready: $out ($(git -C "$out" rev-list --count HEAD) commits)"
