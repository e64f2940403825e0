#!/usr/bin/env bash
# The project's test command: every package, with the race detector.
# Browser tests run in headless Chromium (/usr/bin/chromium); they skip only
# when Chromium is absent and CI is unset.
set -euo pipefail
cd "$(dirname "$0")/.."
go test -race -count=1 ./... "$@"
