#!/usr/bin/env bash
# From nothing to a result: installs what is missing, builds Release, and runs the embedded default
# job on the CPU with Fashion-MNIST from the Debian package. Prints where the outputs are.
# Usage: scripts/demo.sh [OUT_DIR]   (default out/demo)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-out/demo}"
scripts/install.sh
# Only the executable: the test suites are scripts/test.sh's business.
NASRANK_TARGETS=nasrank scripts/build.sh build
NASRANK=build/nasrank
mkdir -p "$OUT"

# The whole study: pool, sweep, ranking and report; resumes if run again with the same OUT.
# The study prints where its report is on stdout; the log (stderr) shows the steps as they go.
REPORT=$($NASRANK study --preset quick --out "$OUT")
echo "report: $REPORT (report.md beside it)"
