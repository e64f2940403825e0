#!/usr/bin/env bash
# The project's test command.
#
#   ./scripts/test.sh           every package with the race detector: the
#                               full run, the one .ci/run uses
#   ./scripts/test.sh quick     every package without the race detector,
#                               long tests skipped (go test -short): for a
#                               check while you work
#
# Further arguments go to go test: flags (-run TestScripts/check) and
# packages (./internal/build; default ./...).
#
# What it costs: the race detector makes every test several times slower.
# On a 2-core machine the full run takes several minutes, and go test
# prints a package's line only when the whole package is done, so it can
# be silent for a minute or more. The quick run is several times faster.
# Browser tests run in headless Chromium (/usr/bin/chromium) in both; they
# skip only when Chromium is absent and CI is unset.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
case "${1:-}" in
quick | -short | --short)
  mode=quick
  shift
  ;;
esac

args=("$@")
pkgs=false
for a in "$@"; do
  case "$a" in
  ./* | github.com/*) pkgs=true ;;
  esac
done
$pkgs || args=(./... "${args[@]}")

start=$SECONDS
if [ "$mode" = quick ]; then
  echo "quick run: go test -short (no race detector); the full run is ./scripts/test.sh" >&2
  go test -short -count=1 "${args[@]}"
else
  echo "full run: go test -race; on 2 cores this takes minutes, with no output until each package is done (./scripts/test.sh quick is faster)" >&2
  go test -race -count=1 "${args[@]}"
fi
echo "$mode run passed in $(((SECONDS - start) / 60))m$(((SECONDS - start) % 60))s" >&2
