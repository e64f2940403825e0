#!/usr/bin/env bash
# Runs every fuzz target for a while (FUZZTIME, default 5s each): CI runs
# them briefly; run with FUZZTIME=10m to look harder. A crash is saved
# under the package's testdata/fuzz/ and fails the run: fix it and keep the
# file as a seed.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-5s}
grep -rl --include='*_test.go' '^func Fuzz' internal | sort | while read -r file; do
  pkg=./$(dirname "$file")
  for target in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$file" | sed 's/^func //'); do
    echo "fuzz $pkg $target ($FUZZTIME)"
    for try in 1 2; do
      if go test -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" "$pkg" >/tmp/fuzz-$$.log 2>&1; then
        break
      fi
      # Go's fuzzing engine sometimes ends with "context deadline exceeded"
      # and no failing input when a worker answers late on a busy machine:
      # run that target once more. Anything else (a crasher) fails the run.
      if [ "$try" = 1 ] && grep -q 'context deadline exceeded' /tmp/fuzz-$$.log &&
        ! grep -q 'Failing input written to' /tmp/fuzz-$$.log; then
        echo "  (the fuzzing engine timed out without a failing input; once more)"
        continue
      fi
      cat /tmp/fuzz-$$.log
      exit 1
    done
  done
done
