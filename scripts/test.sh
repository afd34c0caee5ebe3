#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest; then the sanitizer build of
# the torch-free libraries with the fuzz targets' corpora (scripts/sanitize.sh) and a short fuzzing
# run of every target (scripts/fuzz.sh). Non-zero on any failure.
# Usage: scripts/test.sh [--sanitize | --no-sanitize] [BUILD_DIR]   (default build/)
#   --sanitize     only the sanitizer build and the fuzzing (build-asan/)
#   --no-sanitize  only the main build and its suites
#   NASRANK_FUZZ_SECONDS=N  seconds of fuzzing per target (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
MAIN=1 SANITIZE=1
case "${1:-}" in
  --sanitize) MAIN=0; shift ;;
  --no-sanitize) SANITIZE=0; shift ;;
esac
DIR="${1:-build}"
scripts/install.sh
if [ "$MAIN" = 1 ]; then
  # Warnings in nasrank's own code fail the build here (not LibTorch's: its headers are system headers).
  scripts/build.sh "$DIR" -DNASRANK_WERROR=ON
  # Tests that need a GPU are named *_CUDA and skip themselves here when none is present.
  (cd "$DIR" && ctest --output-on-failure -j "${NASRANK_TEST_JOBS:-2}" --timeout 900)
fi
if [ "$SANITIZE" = 1 ]; then
  scripts/sanitize.sh build-asan
  scripts/fuzz.sh --seconds "${NASRANK_FUZZ_SECONDS:-10}"
fi
