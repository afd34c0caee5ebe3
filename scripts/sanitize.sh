#!/usr/bin/env bash
# Builds the torch-free libraries and their test suites with AddressSanitizer and
# UndefinedBehaviorSanitizer (clang-14, the project in sanitize/), with the libFuzzer targets of
# fuzz/, and runs them through ctest: the suites, and each fuzz target over its committed corpus.
# Any sanitizer finding aborts its test and fails the run. Non-zero on any failure.
# Usage: scripts/sanitize.sh [--build-only] [DIR]   (default build-asan/)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_ONLY=0
if [ "${1:-}" = "--build-only" ]; then BUILD_ONLY=1; shift; fi
DIR="${1:-build-asan}"
JOBS="${NASRANK_JOBS:-$(nproc)}"

CMAKE=cmake
[ -x .venv/bin/cmake ] && CMAKE="$PWD/.venv/bin/cmake"
GEN=()
if [ -x .venv/bin/ninja ]; then GEN=(-G Ninja -DCMAKE_MAKE_PROGRAM="$PWD/.venv/bin/ninja");
elif command -v ninja >/dev/null; then GEN=(-G Ninja); fi
LAUNCHER=()
command -v ccache >/dev/null && LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)

command -v clang++-14 >/dev/null || { echo "sanitize.sh: clang++-14 not found: run scripts/install.sh" >&2; exit 1; }
if [ ! -f "$DIR/build.ninja" ] && [ ! -f "$DIR/Makefile" ]; then
  CC=clang-14 CXX=clang++-14 "$CMAKE" -S sanitize -B "$DIR" "${GEN[@]}" "${LAUNCHER[@]}"
fi
"$CMAKE" --build "$DIR" -j "$JOBS"
[ "$BUILD_ONLY" = 1 ] && exit 0

# Findings stop the process (the build has -fno-sanitize-recover=all; ASan halts by default);
# leaks count as findings; stacks are symbolized by LLVM's symbolizer.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
[ -x /usr/lib/llvm-14/bin/llvm-symbolizer ] && export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
cd "$DIR"
ctest --output-on-failure -j "${NASRANK_TEST_JOBS:-2}" --timeout 900
