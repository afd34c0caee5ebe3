#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest. Non-zero on any failure.
# Usage: scripts/test.sh [BUILD_DIR]   (default build/)
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${1:-build}"
scripts/install.sh
scripts/build.sh "$DIR"
cd "$DIR"
# Tests that need a GPU are named *_CUDA and skip themselves here when none is present.
ctest --output-on-failure -j "${NASRANK_TEST_JOBS:-2}" --timeout 900
