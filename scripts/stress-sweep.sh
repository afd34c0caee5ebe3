#!/usr/bin/env bash
# The longer variant of the sweep's stress test: eight `sweep run` workers against one store, round
# after round (one worker killed outright in every second round), for SECONDS seconds (default 300).
# Each round checks that no run was lost or run twice and that no "database is locked" escaped.
# CI runs one round of the same test (SweepCli.EightWorkersOnOneStoreLoseNothingAndRepeatNothing).
# Usage: scripts/stress-sweep.sh [SECONDS] [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_WANTED="${1:-300}"
BUILD="${2:-build}"
TESTS="$BUILD/tests/cli/nasrank_cli_tests"
[ -x "$TESTS" ] || { echo "stress-sweep: no $TESTS; build it first (scripts/build.sh)" >&2; exit 1; }
NASRANK_STRESS_SECONDS="$SECONDS_WANTED" exec "$TESTS" \
  --gtest_filter=SweepCli.EightWorkersOnOneStoreLoseNothingAndRepeatNothing
